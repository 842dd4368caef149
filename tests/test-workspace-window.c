/* test-workspace-window.c: saving and opening workspaces in the window
 *
 * The saved file is checked with cJSON directly, against the members
 * docs/formats.md ("Workspace") lists; times are written by hand from TAI
 * seconds (2015-09-01 17:45:00 UTC = 1819820736, FORMATS.md, plus 44 days
 * 6 h 15 min to 2015-10-16T00:00:00Z: 1823644836).  Lane contents come
 * from the fixtures README (the GLS example has 49 rows).
 */
#define G_LOG_DOMAIN "test-workspace-window"

#include "config.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "cusp-application.h"
#include "cusp-plot-area.h"
#include "cusp-selection-lane.h"
#include "cusp-window.h"
#include "cusp-window-private.h"
#include "cusp-test-util-gtk.h"

#define B_GSE_ID    "sim/mms1/fgm/srvy/b_gse"
#define DENSITY_ID  "sim/mms1/fpi/dis_moms/numberdensity"
#define ION_SPEC_ID "sim/mms1/fpi/dis_moms/energyspectr_omni"

#define TAI_20151016 G_GINT64_CONSTANT (1823644836)

static CuspApplication *app;
static char *data_dir;

static gboolean
plots_settled (gpointer data)
{
  return cusp_window_plots_settled (CUSP_WINDOW (data));
}

typedef struct
{
  CuspWindow    *window;
  CuspPlotStack *stack;
  char          *path;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  f->window = cusp_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  f->stack = cusp_plot_area_get_stack (CUSP_PLOT_AREA (cusp_window_get_plot_area (f->window)));
  f->path = g_build_filename (data_dir, "test.json", NULL);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_unlink (f->path);
  g_free (f->path);
}

static CuspTime
t_1016 (int hour)
{
  return cusp_time_from_tai_seconds (TAI_20151016 + hour * 3600);
}

static void
clear_panels (CuspPlotStack *stack)
{
  while (cusp_plot_stack_get_n_panels (stack) > 0)
    cusp_plot_stack_remove_panel (stack, cusp_plot_stack_get_panel (stack, 0));
}

static const cJSON *
member (const cJSON *object,
        const char  *name)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  if (item == NULL)
    g_error ("no member “%s” in the saved workspace", name);
  return item;
}

/* The saved file as docs/formats.md describes it. */
static void
check_json (const char *path)
{
  g_autofree char *text = NULL;
  cJSON *root;
  const cJSON *range, *areas, *plots, *panels, *panel, *products;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  root = cJSON_Parse (text);
  g_assert_nonnull (root);
  g_assert_cmpstr (member (root, "format")->valuestring, ==, "cusp-workspace");
  g_assert_cmpint (member (root, "version")->valueint, ==, 1);
  range = member (root, "time_range");
  g_assert_cmpstr (member (range, "start")->valuestring, ==, "2015-10-16T13:00:00Z");
  g_assert_cmpstr (member (range, "stop")->valuestring, ==, "2015-10-16T15:00:00Z");
  areas = member (root, "areas");
  /* No samples in this window: one area. */
  g_assert_cmpint (cJSON_GetArraySize (areas), ==, 1);
  plots = cJSON_GetArrayItem (areas, 0);
  g_assert_cmpstr (member (plots, "name")->valuestring, ==, "plots");
  panels = member (plots, "panels");
  g_assert_cmpint (cJSON_GetArraySize (panels), ==, 2);

  panel = cJSON_GetArrayItem (panels, 0);
  products = member (panel, "products");
  g_assert_cmpint (cJSON_GetArraySize (products), ==, 2);
  g_assert_cmpstr (cJSON_GetArrayItem (products, 0)->valuestring, ==, B_GSE_ID);
  g_assert_cmpstr (cJSON_GetArrayItem (products, 1)->valuestring, ==, DENSITY_ID);
  g_assert_cmpstr (member (panel, "kind")->valuestring, ==, "series");
  g_assert_cmpstr (member (panel, "y_scale")->valuestring, ==, "linear");
  g_assert_cmpfloat (cJSON_GetArrayItem (member (panel, "y_range"), 0)->valuedouble, ==, -40);
  g_assert_cmpfloat (cJSON_GetArrayItem (member (panel, "y_range"), 1)->valuedouble, ==, 60);

  panel = cJSON_GetArrayItem (panels, 1);
  products = member (panel, "products");
  g_assert_cmpint (cJSON_GetArraySize (products), ==, 1);
  g_assert_cmpstr (cJSON_GetArrayItem (products, 0)->valuestring, ==, ION_SPEC_ID);
  g_assert_cmpstr (member (panel, "kind")->valuestring, ==, "spectrogram");
  g_assert_cmpstr (member (panel, "y_scale")->valuestring, ==, "log");
  g_assert_true (cJSON_IsNull (member (panel, "y_range")));
  g_assert_cmpstr (member (panel, "colormap")->valuestring, ==, "jet");
  g_assert_cmpstr (member (panel, "z_scale")->valuestring, ==, "linear");
  g_assert_cmpfloat (member (panel, "height_weight")->valuedouble, ==, 2.5);

  /* The four SITL lanes, GLS hidden. */
  g_assert_cmpint (cJSON_GetArraySize (member (root, "lanes")), ==, 4);
  g_assert_cmpstr (member (cJSON_GetArrayItem (member (root, "lanes"), 1), "name")->valuestring, ==, "GLS");
  g_assert_true (cJSON_IsFalse (member (cJSON_GetArrayItem (member (root, "lanes"), 1), "visible")));
  cJSON_Delete (root);
}

static void
test_save_open (Fixture       *f,
                gconstpointer  data)
{
  CuspPlotArea *area = CUSP_PLOT_AREA (cusp_window_get_plot_area (f->window));
  GtkWidget *gls = _cusp_window_get_lane (f->window, CUSP_SITL_LANE_GLS);
  g_autoptr (GError) error = NULL;
  CuspPlotPanel *b, *spec;
  CuspTime start, stop;
  double lo, hi;

  cusp_plot_stack_set_range (f->stack, t_1016 (13), t_1016 (15));
  b = cusp_window_plot_product (f->window, B_GSE_ID);
  g_assert_true (cusp_plot_area_overlay_product (area, b, DENSITY_ID) == b);
  spec = cusp_window_plot_product (f->window, ION_SPEC_ID);
  cusp_plot_panel_set_y_log (spec, TRUE);
  cusp_plot_panel_set_z_log (spec, FALSE);
  cusp_plot_panel_set_colormap (spec, "jet");
  cusp_plot_stack_set_panel_weight (f->stack, spec, 2.5);
  g_assert_true (cusp_test_wait_until (plots_settled, f->window, 10000));
  cusp_plot_panel_set_y_range (b, -40, 60);
  gtk_widget_set_visible (gls, FALSE);

  g_assert_true (_cusp_window_save_workspace (f->window, f->path, &error));
  g_assert_no_error (error);
  check_json (f->path);

  /* Clear everything the workspace holds, then open it. */
  clear_panels (f->stack);
  cusp_plot_stack_set_range (f->stack, t_1016 (1), t_1016 (2));
  gtk_widget_set_visible (gls, TRUE);
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (f->stack), ==, 0);

  g_assert_true (_cusp_window_open_workspace (f->window, f->path, &error));
  g_assert_no_error (error);
  g_assert_null (cusp_window_get_message (f->window));
  cusp_plot_stack_get_range (f->stack, &start, &stop);
  g_assert_cmpint (start, ==, t_1016 (13));
  g_assert_cmpint (stop, ==, t_1016 (15));
  g_assert_false (gtk_widget_get_visible (gls));
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (f->stack), ==, 2);
  b = cusp_plot_stack_get_panel (f->stack, 0);
  spec = cusp_plot_stack_get_panel (f->stack, 1);
  g_assert_cmpuint (cusp_plot_panel_get_n_products (b), ==, 2);
  g_assert_cmpstr (cusp_plot_panel_get_product (b, 0), ==, B_GSE_ID);
  g_assert_cmpstr (cusp_plot_panel_get_product (b, 1), ==, DENSITY_ID);
  g_assert_false (cusp_plot_panel_get_y_log (b));
  g_assert_cmpuint (cusp_plot_panel_get_n_products (spec), ==, 1);
  g_assert_cmpstr (cusp_plot_panel_get_product (spec, 0), ==, ION_SPEC_ID);
  g_assert_true (cusp_plot_panel_get_y_log (spec));
  g_assert_false (cusp_plot_panel_get_z_log (spec));
  g_assert_cmpstr (cusp_plot_panel_get_colormap (spec), ==, "jet");
  g_assert_cmpfloat (cusp_plot_stack_get_panel_weight (f->stack, spec), ==, 2.5);
  g_assert_cmpfloat (cusp_plot_stack_get_panel_weight (f->stack, b), ==, 1);
  g_assert_false (cusp_plot_panel_get_y_range (spec, &lo, &hi));

  /* The manual range was set before the data came; it holds after. */
  g_assert_true (cusp_test_wait_until (plots_settled, f->window, 10000));
  g_assert_cmpint (cusp_plot_panel_get_state (b), ==, CUSP_PLOT_PANEL_READY);
  g_assert_true (cusp_plot_panel_get_y_range (b, &lo, &hi));
  g_assert_cmpfloat (lo, ==, -40);
  g_assert_cmpfloat (hi, ==, 60);
  g_assert_true (cusp_plot_renderer_get_y_range (cusp_plot_panel_get_renderer (b), 0, &lo, &hi));
  g_assert_cmpfloat (lo, ==, -40);
  g_assert_cmpfloat (hi, ==, 60);
  /* Export Figure keeps the proportions. */
  {
    g_autoptr (CuspPlotRenderer) figure = cusp_plot_stack_build_figure (f->stack);

    g_assert_cmpfloat (cusp_plot_renderer_get_panel_weight (figure, 0), ==, 1);
    g_assert_cmpfloat (cusp_plot_renderer_get_panel_weight (figure, 1), ==, 2.5);
  }
}

/* A file that is not a workspace changes nothing and says where it is
 * wrong. */
static void
test_open_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  CuspTime start, stop;

  cusp_plot_stack_set_range (f->stack, t_1016 (13), t_1016 (14));
  cusp_window_plot_product (f->window, B_GSE_ID);
  g_assert_true (g_file_set_contents (f->path,
                                      "{\"format\": \"cusp-workspace\", \"version\": 1,\n"
                                      "\"time_range\": {\"start\": \"2015-10-16T01:00:00Z\", \"stop\": \"noon\"},\n"
                                      "\"areas\": []}", -1, NULL));
  g_assert_false (_cusp_window_open_workspace (f->window, f->path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "time_range.stop"));
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (f->stack), ==, 1);
  cusp_plot_stack_get_range (f->stack, &start, &stop);
  g_assert_cmpint (start, ==, t_1016 (13));
}

/* Lanes load the selection files a workspace names; a file that fails is
 * reported in the message bar and the panels still come back. */
static void
test_lane_files (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *gls_path = g_build_filename (g_getenv ("CUSP_FIXTURES"), "selections",
                                                "gls_mp-dl-unh_example_2017-02-03_2017-02-05.csv", NULL);
  g_autofree char *missing = g_build_filename (data_dir, "no-such-selections.csv", NULL);
  g_autoptr (CuspWorkspace) workspace = cusp_workspace_new (t_1016 (13), t_1016 (14));
  g_autoptr (CuspWorkspace) again = NULL;
  const char *one[] = { B_GSE_ID, NULL };
  GtkWidget *gls = _cusp_window_get_lane (f->window, CUSP_SITL_LANE_GLS);
  CuspWorkspaceLane *lane;

  g_assert_true (cusp_test_wait_until (cusp_test_widget_is_shown, gls, 5000));
  cusp_workspace_area_add_panel (cusp_workspace_add_area (workspace, "plots"), one, CUSP_DATA_KIND_SERIES);
  cusp_workspace_add_lane (workspace, "GLS", TRUE, gls_path);
  cusp_workspace_add_lane (workspace, "BAK", FALSE, missing);
  _cusp_window_apply_workspace (f->window, workspace);

  g_assert_cmpuint (cusp_selection_lane_get_segments (CUSP_SELECTION_LANE (gls))->len, ==, 49);
  g_assert_false (gtk_widget_get_visible (_cusp_window_get_lane (f->window, CUSP_SITL_LANE_BAK)));
  g_assert_nonnull (cusp_window_get_message (f->window));
  g_assert_nonnull (strstr (cusp_window_get_message (f->window), "BAK"));
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (f->stack), ==, 1);

  /* Saved again, the GLS lane keeps its file; BAK, which failed, has none. */
  again = _cusp_window_capture_workspace (f->window);
  g_assert_cmpuint (again->lanes->len, ==, 4);
  lane = g_ptr_array_index (again->lanes, CUSP_SITL_LANE_GLS);
  g_assert_cmpstr (lane->name, ==, "GLS");
  g_assert_cmpstr (lane->file, ==, gls_path);
  lane = g_ptr_array_index (again->lanes, CUSP_SITL_LANE_BAK);
  g_assert_null (lane->file);
  g_assert_false (lane->visible);
}

static GtkWidget *
find_primary_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_primary_button (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The items of the primary menu and their actions. */
static void
test_menu (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (f->window));
  GtkWidget *button = NULL;
  g_autoptr (GMenuModel) section = NULL;
  gboolean found_open = FALSE, found_save = FALSE;

  button = find_primary_button (titlebar);
  g_assert_nonnull (button);
  section = g_menu_model_get_item_link (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), 0,
                                        G_MENU_LINK_SECTION);
  g_assert_nonnull (section);

  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *action = NULL;

      if (!g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        continue;
      found_open |= g_strcmp0 (action, "win.open-workspace") == 0;
      found_save |= g_strcmp0 (action, "win.save-workspace") == 0;
    }
  g_assert_true (found_open);
  g_assert_true (found_save);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "open-workspace"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "save-workspace"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("CUSP_NO_DEFAULT_LAYOUT", "1", TRUE);
  g_setenv ("CUSP_SITL_LANES", "1", TRUE);
  data_dir = cusp_test_make_tmp_dir ("cusp-workspace-window-XXXXXX");
  g_setenv ("CUSP_DATA_DIR", data_dir, TRUE);

  cusp_test_gtk_init (&argc, &argv);

  app = cusp_application_new ();
  cusp_test_register_application (G_APPLICATION (app));

  g_test_add ("/cusp/workspace-window/save-open", Fixture, NULL, set_up, test_save_open, tear_down);
  g_test_add ("/cusp/workspace-window/open-errors", Fixture, NULL, set_up, test_open_errors, tear_down);
  g_test_add ("/cusp/workspace-window/lane-files", Fixture, NULL, set_up, test_lane_files, tear_down);
  g_test_add ("/cusp/workspace-window/menu", Fixture, NULL, set_up, test_menu, tear_down);

  status = g_test_run ();
  g_object_unref (app);
  cusp_test_remove_tree (data_dir);
  g_free (data_dir);
  return status;
}
