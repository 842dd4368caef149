/* test-open-files.c: opening local files in the window, and the bundled
 * samples, on a real display (Xvfb under meson test).
 *
 * Expected names come from the fixtures' documentation
 * (tests/fixtures/README.md: the three FPI files are one dataset,
 * Logical_source "mms1_fpi_fast_l2_dis-moms"; not_a_cdf.cdf is not a CDF)
 * and from the local provider's documented node ids
 * ("local/<dataset>/<variable>").  The inventory is read from the view's
 * roots model, the error from the window's message bar.
 *
 * Run with --with-samples, the application loads data/samples at start
 * (CUSP_NO_SAMPLES unset) and only that case runs.
 */
#define G_LOG_DOMAIN "test-open-files"

#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "cusp-application.h"
#include "cusp-inventory-view.h"
#include "cusp-plot-area.h"
#include "cusp-test-util-gtk.h"
#include "cusp-window.h"

#define FPI_DATASET "local/mms1_fpi_fast_l2_dis-moms"
#define FGM_DATASET "local/mms1_fgm_brst_l2"

static CuspApplication *app;

typedef struct
{
  CuspWindow        *window;
  CuspInventoryView *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = cusp_window_new (app);
  f->view = CUSP_INVENTORY_VIEW (cusp_window_get_inventory_view (f->window));
  gtk_window_present (GTK_WINDOW (f->window));
  cusp_test_spin (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  cusp_test_spin (20);
}

static GFile *
fixture_file (const char *name)
{
  const char *root = g_getenv ("CUSP_FIXTURES");
  g_autofree char *path = NULL;

  g_assert_nonnull (root);
  path = g_build_filename (root, "cdf", name, NULL);
  return g_file_new_for_path (path);
}

/* The root shown with this id, or NULL. */
static CuspInventoryNode *
find_root (CuspInventoryView *view,
           const char        *id)
{
  GListModel *roots = cusp_inventory_view_get_roots (view);

  for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
    {
      g_autoptr(CuspInventoryNode) root = g_list_model_get_item (roots, i);

      if (g_strcmp0 (cusp_inventory_node_get_id (root), id) == 0)
        return root;   /* the window's store keeps it alive */
    }
  return NULL;
}

static guint
count_kind (CuspInventoryNode *node,
            CuspNodeKind       kind)
{
  GListModel *children = cusp_inventory_node_get_children (node);
  guint n = cusp_inventory_node_get_kind (node) == kind ? 1 : 0;

  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(CuspInventoryNode) child = g_list_model_get_item (children, i);

      n += count_kind (child, kind);
    }
  return n;
}

/* True if some displayed row shows the node with this id. */
static gboolean
row_shown (CuspInventoryView *view,
           const char        *id)
{
  GListModel *rows = cusp_inventory_view_get_rows (view);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(CuspInventoryNode) node = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (cusp_inventory_node_get_id (node), id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_fpi_one_dataset (Fixture       *f,
                      gconstpointer  data)
{
  GFile *files[3] = {
    fixture_file ("mms1_fpi_fast_l2_dis-moms_20151017120000_v3.4.0.cdf"),
    fixture_file ("mms1_fpi_fast_l2_dis-moms_20151017140000_v3.4.0.cdf"),
    fixture_file ("mms1_fpi_fast_l2_dis-moms_20151017160000_v3.4.0.cdf"),
  };
  CuspInventoryNode *local, *dataset;
  CuspTime start, stop, first;

  /* Nothing opened yet (CUSP_NO_SAMPLES=1): no "Local files" root, no
   * area for real data. */
  g_assert_null (find_root (f->view, "local"));
  g_assert_false (gtk_widget_get_visible (cusp_window_get_samples_area (f->window)));
  g_assert_nonnull (find_root (f->view, "sim"));

  g_assert_true (cusp_window_open_files (f->window, files, G_N_ELEMENTS (files)));
  g_assert_null (cusp_window_get_message (f->window));

  local = find_root (f->view, "local");
  g_assert_nonnull (local);
  g_assert_cmpstr (cusp_inventory_node_get_name (local), ==, "Local files");
  g_assert_cmpuint (count_kind (local, CUSP_NODE_DATASET), ==, 1);
  dataset = cusp_inventory_node_find (local, FPI_DATASET);
  g_assert_nonnull (dataset);
  g_assert_cmpint (cusp_inventory_node_get_kind (dataset), ==, CUSP_NODE_DATASET);
  g_assert_cmpstr (cusp_inventory_node_get_name (dataset), ==, "mms1_fpi_fast_l2_dis-moms");
  g_assert_nonnull (cusp_inventory_node_find (local, FPI_DATASET "/mms1_dis_energyspectr_omni_fast"));

  /* One dataset spanning the three files: from the first file's first
   * epoch (expected.json 2015-10-17T12:00:01.418054) into the last
   * file's hours (16:00 onwards). */
  cusp_inventory_node_get_coverage (dataset, &start, &stop);
  g_assert_true (cusp_time_parse ("2015-10-17T12:00:01.418054Z", &first, NULL));
  g_assert_cmpint (start, ==, first);
  g_assert_cmpint (stop, >, first + (gint64) 4 * 3600 * G_GINT64_CONSTANT (1000000000));

  /* The view shows it: the new root and, once opened, the dataset row. */
  g_assert_true (row_shown (f->view, "local"));
  cusp_test_expand_all_rows (cusp_inventory_view_get_rows (f->view));
  g_assert_true (row_shown (f->view, FPI_DATASET));

  /* Opening the same files again changes nothing. */
  g_assert_true (cusp_window_open_files (f->window, files, G_N_ELEMENTS (files)));
  g_assert_cmpuint (count_kind (local, CUSP_NODE_DATASET), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) fgm = fixture_file ("mms1_fgm_brst_l2_20150901174500_v4.18.0.cdf");
  g_autoptr(GFile) bad = fixture_file ("not_a_cdf.cdf");
  g_autoptr(GFile) missing = fixture_file ("no-such-file.cdf");
  GFile *both[2];
  CuspInventoryNode *local;
  guint n_datasets, n_roots;
  const char *message;

  g_assert_true (cusp_window_open_files (f->window, &fgm, 1));
  local = find_root (f->view, "local");
  g_assert_nonnull (local);
  g_assert_nonnull (cusp_inventory_node_find (local, FGM_DATASET));
  n_datasets = count_kind (local, CUSP_NODE_DATASET);
  n_roots = g_list_model_get_n_items (cusp_inventory_view_get_roots (f->view));

  g_assert_false (cusp_window_open_files (f->window, &bad, 1));
  message = cusp_window_get_message (f->window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "not_a_cdf.cdf"));
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (cusp_window_get_message_bar (f->window))));
  g_assert_true (gtk_widget_get_mapped (cusp_window_get_message_bar (f->window)));

  /* What was open stays. */
  g_assert_cmpuint (g_list_model_get_n_items (cusp_inventory_view_get_roots (f->view)), ==, n_roots);
  g_assert_cmpuint (count_kind (local, CUSP_NODE_DATASET), ==, n_datasets);
  g_assert_nonnull (cusp_inventory_node_find (local, FGM_DATASET));

  /* Two failures: both named. */
  both[0] = bad;
  both[1] = missing;
  g_assert_false (cusp_window_open_files (f->window, both, 2));
  message = cusp_window_get_message (f->window);
  g_assert_nonnull (strstr (message, "not_a_cdf.cdf"));
  g_assert_nonnull (strstr (message, "no-such-file.cdf"));

  /* The close button hides the bar; a good open also clears it. */
  gtk_info_bar_response (GTK_INFO_BAR (cusp_window_get_message_bar (f->window)), GTK_RESPONSE_CLOSE);
  g_assert_null (cusp_window_get_message (f->window));
  g_assert_false (cusp_window_open_files (f->window, &bad, 1));
  g_assert_nonnull (cusp_window_get_message (f->window));
  g_assert_true (cusp_window_open_files (f->window, &fgm, 1));
  g_assert_null (cusp_window_get_message (f->window));
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.open");
  GtkDropTarget *target = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  g_autoptr(GFile) ace = fixture_file ("ac_k2_mfi_20220101_v03.cdf");
  g_auto(GValue) value = G_VALUE_INIT;
  CuspInventoryNode *local;
  guint n_before;
  GSList *list = NULL;
  gboolean accepted = FALSE;
  const GType *types;
  gsize n_types;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "open"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "open-folder"));
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>o"));

  /* A file-list drop target on the window itself, ahead of the plot
   * area's string target (capture phase). */
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  types = gtk_drop_target_get_gtypes (target, &n_types);
  g_assert_cmpuint (n_types, ==, 1);
  g_assert_true (types[0] == GDK_TYPE_FILE_LIST);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (target)),
                   ==, GTK_PHASE_CAPTURE);

  local = find_root (f->view, "local");
  n_before = local != NULL ? count_kind (local, CUSP_NODE_DATASET) : 0;
  list = g_slist_append (list, ace);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_slist_free (list);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  local = find_root (f->view, "local");
  g_assert_nonnull (local);
  /* The ACE MFI key parameters (Logical_source AC_K2_MFI) joined. */
  g_assert_cmpuint (count_kind (local, CUSP_NODE_DATASET), ==, n_before + 1);
  g_assert_nonnull (cusp_inventory_node_find (local, "local/AC_K2_MFI"));
}

static void
test_samples (Fixture       *f,
              gconstpointer  data)
{
  CuspInventoryNode *local = find_root (f->view, "local");

  /* data/samples: the three FPI files as one dataset, and the FGM burst. */
  g_assert_nonnull (local);
  g_assert_cmpuint (count_kind (local, CUSP_NODE_DATASET), ==, 2);
  g_assert_nonnull (cusp_inventory_node_find (local, FPI_DATASET));
  g_assert_nonnull (cusp_inventory_node_find (local, FGM_DATASET "/mms1_fgm_b_gse_brst_l2"));
  g_assert_null (cusp_window_get_message (f->window));

  /* The second plot area shows the FPI day: spectrogram, velocity, density. */
  g_assert_true (gtk_widget_get_visible (cusp_window_get_samples_area (f->window)));
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (cusp_plot_area_get_stack (
    CUSP_PLOT_AREA (cusp_window_get_samples_area (f->window)))), ==, 3);
}

static void
bounds (GtkWidget       *widget,
        GtkWidget       *window,
        graphene_rect_t *out)
{
  g_assert_true (gtk_widget_compute_bounds (widget, window, out));
}

static void
set_view (CuspWindow *window,
          const char *view)
{
  g_action_group_change_action_state (G_ACTION_GROUP (window), "plots-view", g_variant_new_string (view));
}

/* The default window (1600×1000, docs/user-guide.md): the orbit's column
 * (its plot area, lanes and dashboard) on the left with 58 % of the
 * width, the FPI day on the right, both the full height; the orbit's
 * six panels fit without scrolling and the four lanes with the dashboard
 * take at most 180 px (3 × 36 + 14 = 122 for the lanes, about 40 for
 * the dashboard's line).  The View menu's three choices show both or
 * one side. */
static void
test_side_by_side (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *area = cusp_window_get_plot_area (f->window);
  GtkWidget *samples = cusp_window_get_samples_area (f->window);
  GtkWidget *column = gtk_widget_get_parent (area);
  GtkWidget *lanes = gtk_widget_get_next_sibling (area);
  CuspPlotStack *stack = cusp_plot_area_get_stack (CUSP_PLOT_AREA (area));
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (stack), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *v;
  graphene_rect_t c, s;
  double share;

  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  g_assert_true (cusp_test_wait_until (cusp_test_widget_is_shown, samples, 5000));
  cusp_test_spin (300);
  g_assert_nonnull (lanes);
  g_assert_nonnull (scroller);
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (stack), ==, 6);

  bounds (column, window, &c);
  bounds (samples, window, &s);
  g_assert_cmpfloat (c.origin.x + c.size.width, <=, s.origin.x);
  g_assert_cmpfloat_with_epsilon (c.origin.y, s.origin.y, 0.5);
  g_assert_cmpfloat_with_epsilon (c.size.height, s.size.height, 0.5);
  share = c.size.width / (c.size.width + s.size.width);
  g_assert_cmpfloat (share, >, 0.56);
  g_assert_cmpfloat (share, <, 0.60);

  v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), <=, gtk_adjustment_get_page_size (v) + 0.5);
  g_assert_cmpint (gtk_widget_get_height (lanes), <=, 180);

  set_view (f->window, "orbit");
  g_assert_false (gtk_widget_get_visible (samples));
  g_assert_true (gtk_widget_get_visible (column));
  set_view (f->window, "samples");
  g_assert_true (gtk_widget_get_visible (samples));
  g_assert_false (gtk_widget_get_visible (column));
  set_view (f->window, "both");
  g_assert_true (gtk_widget_get_visible (samples));
  g_assert_true (gtk_widget_get_visible (column));
}

int
main (int   argc,
      char *argv[])
{
  gboolean with_samples = FALSE;
  int status, kept = 1;

  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--with-samples") == 0)
        with_samples = TRUE;
      else
        argv[kept++] = argv[i];
    }
  argc = kept;
  argv[argc] = NULL;

  if (with_samples)
    g_unsetenv ("CUSP_NO_SAMPLES");
  else
    g_setenv ("CUSP_NO_SAMPLES", "1", TRUE);

  cusp_test_gtk_init (&argc, &argv);

  app = cusp_application_new ();
  cusp_test_register_application (G_APPLICATION (app));

  if (with_samples)
    {
      g_test_add ("/cusp/open-files/samples", Fixture, NULL,
                  fixture_set_up, test_samples, fixture_tear_down);
      g_test_add ("/cusp/open-files/side-by-side", Fixture, NULL,
                  fixture_set_up, test_side_by_side, fixture_tear_down);
    }
  else
    {
      /* Each case adds to the one application's provider: the empty
       * inventory case runs first. */
      g_test_add ("/cusp/open-files/fpi-one-dataset", Fixture, NULL,
                  fixture_set_up, test_fpi_one_dataset, fixture_tear_down);
      g_test_add ("/cusp/open-files/bad-file", Fixture, NULL,
                  fixture_set_up, test_bad_file, fixture_tear_down);
      g_test_add ("/cusp/open-files/actions", Fixture, NULL,
                  fixture_set_up, test_actions, fixture_tear_down);
    }

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
