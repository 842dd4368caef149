/* test-plot-window.c: plots in the window: panels that load products,
 * overlays, the time-range bar, box zoom, panel menu actions, export, and a
 * main loop that stays responsive while a provider is slow.
 *
 * Expected names come from the simulation's documented inventory ("B GSE",
 * "Ni"); expected ranges and times are computed here by hand.  Pointer
 * gestures are driven through cusp-plot-stack-private.h: GTK 4 offers no
 * practical way to synthesise pointer drags in a test.
 */
#define G_LOG_DOMAIN "test-plot-window"

#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "cusp-application.h"
#include "cusp-inventory-view.h"
#include "cusp-plot-area.h"
#include "cusp-plot-stack-private.h"
#include "cusp-window.h"
#include "cusp-test-util-gtk.h"

#define B_GSE_ID    "sim/mms1/fgm/srvy/b_gse"
#define DENSITY_ID  "sim/mms1/fpi/dis_moms/numberdensity"
#define ION_SPEC_ID "sim/mms1/fpi/dis_moms/energyspectr_omni"

static CuspApplication *app;

/* ---- a provider for tests: slow, failing or counting on demand -------- */

#define TEST_TYPE_PROVIDER (test_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestProvider, test_provider, TEST, PROVIDER, CuspProvider)

struct _TestProvider
{
  CuspProvider       parent_instance;
  CuspInventoryNode *root;
  guint              delay_ms;
  gboolean           fail;
  int                calls;     /* atomic */
};

G_DEFINE_FINAL_TYPE (TestProvider, test_provider, CUSP_TYPE_PROVIDER)

static CuspInventoryNode *
test_provider_get_inventory (CuspProvider *provider)
{
  return TEST_PROVIDER (provider)->root;
}

/* One sample per minute over [start, stop), value = minutes since start. */
static CuspData *
test_provider_get_data (CuspProvider  *provider,
                        const char    *product,
                        CuspTime       start,
                        CuspTime       stop,
                        GCancellable  *cancellable,
                        GError       **error)
{
  TestProvider *self = TEST_PROVIDER (provider);
  guint n = (guint) ((stop - start + CUSP_NS_PER_MINUTE - 1) / CUSP_NS_PER_MINUTE);
  CuspSeries *series;

  g_atomic_int_inc (&self->calls);
  for (guint waited = 0; waited < self->delay_ms; waited += 10)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_usleep (10 * 1000);
    }
  if (self->fail)
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_FAILED,
                   "the test server is down");
      return NULL;
    }
  series = cusp_series_new (n, 1);
  cusp_series_set_name (series, "Slow");
  cusp_series_set_label (series, 0, "v");
  for (guint i = 0; i < n; i++)
    {
      series->times[i] = start + (CuspTime) i * CUSP_NS_PER_MINUTE;
      series->values[i] = i;
    }
  return cusp_data_new_series (series);
}

static void
test_provider_finalize (GObject *object)
{
  g_clear_object (&TEST_PROVIDER (object)->root);
  G_OBJECT_CLASS (test_provider_parent_class)->finalize (object);
}

static void
test_provider_class_init (TestProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_provider_finalize;
  CUSP_PROVIDER_CLASS (klass)->get_inventory = test_provider_get_inventory;
  CUSP_PROVIDER_CLASS (klass)->get_data = test_provider_get_data;
}

static void
test_provider_init (TestProvider *self)
{
  CuspInventoryNode *leaf = cusp_inventory_node_new (CUSP_NODE_PARAMETER, "test/slow", "Slow");

  self->root = cusp_inventory_node_new (CUSP_NODE_PROVIDER, "test", "Test");
  cusp_inventory_node_set_data_kind (leaf, CUSP_DATA_KIND_SERIES);
  cusp_inventory_node_append (self->root, leaf);
  g_object_unref (leaf);
}

static TestProvider *
test_provider_new (guint    delay_ms,
                   gboolean fail)
{
  TestProvider *self = g_object_new (TEST_TYPE_PROVIDER, "id", "test", "name", "Test", NULL);

  self->delay_ms = delay_ms;
  self->fail = fail;
  return self;
}

/* ---- main-loop helpers ------------------------------------------------ */

static gboolean
panel_is_ready (gpointer data)
{
  return cusp_plot_panel_get_state (CUSP_PLOT_PANEL (data)) == CUSP_PLOT_PANEL_READY
         && cusp_plot_panel_get_picture_range (CUSP_PLOT_PANEL (data), NULL, NULL);
}

static gboolean
panel_has_failed (gpointer data)
{
  return cusp_plot_panel_get_state (CUSP_PLOT_PANEL (data)) == CUSP_PLOT_PANEL_FAILED;
}

static CuspTime
at (int hour,
    int minute)
{
  CuspCivilTime civil = { 2015, 10, 16, hour, minute, 0, 0 };
  CuspTime t = 0;

  g_assert_true (cusp_time_from_civil (&civil, &t, NULL));
  return t;
}

/* ---- window fixture ----------------------------------------------------- */

typedef struct
{
  CuspWindow    *window;
  CuspPlotArea  *area;
  CuspPlotStack *stack;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = cusp_window_new (app);
  f->area = CUSP_PLOT_AREA (cusp_window_get_plot_area (f->window));
  f->stack = cusp_plot_area_get_stack (f->area);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (cusp_test_wait_until (cusp_test_widget_is_shown, f->area, 5000));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  cusp_test_spin (20);
}

static CuspInventoryNode *
sim_node (const char *id)
{
  GListModel *providers = cusp_application_get_providers (app);

  for (guint i = 0; i < g_list_model_get_n_items (providers); i++)
    {
      g_autoptr (CuspProvider) provider = g_list_model_get_item (providers, i);
      CuspInventoryNode *root = cusp_provider_get_inventory (provider);
      CuspInventoryNode *node = root != NULL ? cusp_inventory_node_find (root, id) : NULL;

      if (node != NULL)
        return node;
    }
  return NULL;
}

static gboolean
drop_at (CuspPlotArea *area,
         const char   *id,
         double        x,
         double        y)
{
  GtkDropTarget *target = NULL;
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (area));
  g_auto (GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr (GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        target = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (target);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, id);
  g_signal_emit_by_name (target, "drop", &value, x, y, &accepted);
  return accepted;
}

/* The middle of a widget in area coordinates. */
static void
centre_in_area (CuspPlotArea *area,
                GtkWidget    *widget,
                double       *x,
                double       *y)
{
  graphene_point_t p;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (area),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &p));
  *x = p.x;
  *y = p.y;
}

/* ---- tests -------------------------------------------------------------- */

static void
test_default_range (Fixture       *f,
                    gconstpointer  data)
{
  CuspTime start, stop, bar_start, bar_stop;

  /* The window opens on the sim's SITL window (a part of 2015-10-16), not
   * the whole day, and the bar shows the same range. */
  cusp_plot_stack_get_range (f->stack, &start, &stop);
  g_assert_cmpint (start, >, at (0, 0));
  g_assert_cmpint (stop, <, at (0, 0) + CUSP_NS_PER_DAY);
  cusp_time_range_bar_get_range (cusp_plot_area_get_time_range_bar (f->area), &bar_start, &bar_stop);
  g_assert_cmpint (bar_start, ==, start);
  g_assert_cmpint (bar_stop, ==, stop);
  /* No default layout here (CUSP_NO_DEFAULT_LAYOUT=1): the placeholder. */
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (f->stack), ==, 0);
  g_assert_true (gtk_widget_get_mapped (cusp_plot_area_get_placeholder (f->area)));
}

static void
test_activate (Fixture       *f,
               gconstpointer  data)
{
  CuspInventoryView *view = CUSP_INVENTORY_VIEW (cusp_window_get_inventory_view (f->window));
  CuspInventoryNode *node = sim_node (B_GSE_ID);
  CuspPlotPanel *panel;
  CuspSeries *series;

  g_assert_nonnull (node);
  g_signal_emit_by_name (view, "product-activated", node);
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (f->stack), ==, 1);
  panel = cusp_plot_stack_get_panel (f->stack, 0);
  g_assert_cmpstr (cusp_plot_panel_get_title (panel), ==, "B GSE");
  g_assert_cmpstr (cusp_plot_panel_get_product (panel, 0), ==, B_GSE_ID);
  g_assert_true (cusp_test_wait_until (panel_is_ready, panel, 10000));
  g_assert_null (cusp_plot_panel_get_message (panel));

  /* Bx, By, Bz and |B| of the simulated FGM. */
  series = cusp_data_get_series (cusp_plot_panel_get_data (panel));
  g_assert_nonnull (series);
  g_assert_cmpstr (series->name, ==, "B GSE");
  g_assert_cmpuint (series->n_components, ==, 4);
  g_assert_cmpuint (series->n_samples, >, 0);
  /* The placeholder gave way to the stack. */
  g_assert_false (gtk_widget_get_mapped (cusp_plot_area_get_placeholder (f->area)));

  /* An unknown product: a panel that says so; the window goes on. */
  panel = cusp_window_plot_product (f->window, "nowhere/such/product");
  g_assert_true (cusp_test_wait_until (panel_has_failed, panel, 5000));
  g_assert_nonnull (strstr (cusp_plot_panel_get_message (panel), "nowhere/such/product"));
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (f->stack), ==, 2);
}

static void
test_drop_and_overlay (Fixture       *f,
                       gconstpointer  data)
{
  CuspPlotPanel *panel, *spec;
  CuspPlotRenderer *renderer;
  double x, y;

  /* On the placeholder: a new panel. */
  centre_in_area (f->area, cusp_plot_area_get_placeholder (f->area), &x, &y);
  g_assert_true (drop_at (f->area, B_GSE_ID, x, y));
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (f->stack), ==, 1);
  panel = cusp_plot_stack_get_panel (f->stack, 0);
  g_assert_true (cusp_test_wait_until (panel_is_ready, panel, 10000));
  cusp_test_spin (50);

  /* A series onto the series panel: overlaid there, no new panel. */
  centre_in_area (f->area, GTK_WIDGET (panel), &x, &y);
  g_assert_true (drop_at (f->area, DENSITY_ID, x, y));
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (f->stack), ==, 1);
  g_assert_cmpuint (cusp_plot_panel_get_n_products (panel), ==, 2);
  g_assert_cmpstr (cusp_plot_panel_get_product (panel, 1), ==, DENSITY_ID);
  g_assert_cmpstr (cusp_plot_panel_get_title (panel), ==, "B GSE + Ni");
  g_assert_true (cusp_test_wait_until (panel_is_ready, panel, 10000));
  renderer = cusp_plot_panel_get_renderer (panel);
  g_assert_cmpuint (cusp_plot_renderer_get_n_layers (renderer, 0), ==, 2);
  g_assert_cmpstr (cusp_data_get_series (cusp_plot_renderer_get_layer_data (renderer, 0, 1))->name,
                   ==, "Ni");

  /* A spectrogram onto it: different kind, so a new panel below. */
  centre_in_area (f->area, GTK_WIDGET (panel), &x, &y);
  g_assert_true (drop_at (f->area, ION_SPEC_ID, x, y));
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (f->stack), ==, 2);
  g_assert_cmpuint (cusp_plot_panel_get_n_products (panel), ==, 2);
  spec = cusp_plot_stack_get_panel (f->stack, 1);
  g_assert_cmpint (cusp_plot_panel_get_kind (spec), ==, CUSP_DATA_KIND_SPECTROGRAM);
  g_assert_true (cusp_test_wait_until (panel_is_ready, spec, 10000));
  g_assert_nonnull (cusp_data_get_spectrogram (cusp_plot_panel_get_data (spec)));
  /* A series onto the spectrogram panel: also a new panel. */
  cusp_test_spin (50);
  centre_in_area (f->area, GTK_WIDGET (spec), &x, &y);
  g_assert_true (drop_at (f->area, DENSITY_ID, x, y));
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (f->stack), ==, 3);
  g_assert_cmpuint (cusp_plot_panel_get_n_products (spec), ==, 1);
}

typedef struct
{
  guint    count;
  CuspTime start;
  CuspTime stop;
} Requests;

static void
on_range_requested (CuspTimeRangeBar *bar,
                    gint64            start,
                    gint64            stop,
                    Requests         *r)
{
  r->count++;
  r->start = start;
  r->stop = stop;
}

static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      return child;
  return NULL;
}

static gboolean
widget_is_hidden (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* A bar too narrow for the row of durations offers them in a menu
 * instead, all six, and needs less width than the row. */
static void
test_time_bar_narrow (void)
{
  GtkWidget *window = gtk_window_new ();
  CuspTimeRangeBar *bar = CUSP_TIME_RANGE_BAR (cusp_time_range_bar_new ());
  GtkWidget *row_button = cusp_test_find_button (GTK_WIDGET (bar), "6 h");
  GtkWidget *menu = find_menu_button (GTK_WIDGET (bar));
  GtkWidget *popover, *menu_button;
  const char *labels[] = { "1 min", "10 min", "1 h", "6 h", "1 d", "7 d" };
  int min_w, nat_w, row_nat;
  Requests r = { 0 };

  g_assert_nonnull (row_button);
  g_assert_nonnull (menu);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_nonnull (cusp_test_find_button (popover, labels[i]));
  menu_button = cusp_test_find_button (popover, "6 h");
  g_assert_true (menu_button != row_button);

  gtk_widget_measure (GTK_WIDGET (bar), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  gtk_widget_measure (gtk_widget_get_parent (row_button), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &row_nat,
                      NULL, NULL);
  g_assert_cmpint (min_w, <, nat_w - row_nat);

  g_signal_connect (bar, "range-requested", G_CALLBACK (on_range_requested), &r);
  cusp_time_range_bar_set_range (bar, at (10, 0), at (12, 0));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (bar));
  gtk_window_set_default_size (GTK_WINDOW (window), nat_w + 40, 60);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cusp_test_wait_until (cusp_test_widget_is_shown, row_button, 5000));
  g_assert_false (gtk_widget_get_mapped (menu));

  gtk_window_set_default_size (GTK_WINDOW (window), min_w, 60);
  g_assert_true (cusp_test_wait_until (cusp_test_widget_is_shown, menu, 5000));
  g_assert_true (cusp_test_wait_until (widget_is_hidden, row_button, 5000));
  /* 6 h about 11:00 from the menu: 08:00–14:00. */
  g_signal_emit_by_name (menu_button, "clicked");
  g_assert_cmpuint (r.count, ==, 1);
  g_assert_cmpint (r.start, ==, at (8, 0));
  g_assert_cmpint (r.stop, ==, at (14, 0));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_time_bar (void)
{
  CuspTimeRangeBar *bar = g_object_ref_sink (CUSP_TIME_RANGE_BAR (cusp_time_range_bar_new ()));
  GtkWidget *start_entry = cusp_time_range_bar_get_start_entry (bar);
  GtkWidget *stop_entry = cusp_time_range_bar_get_stop_entry (bar);
  Requests r = { 0 };

  g_signal_connect (bar, "range-requested", G_CALLBACK (on_range_requested), &r);
  cusp_time_range_bar_set_range (bar, at (10, 0), at (12, 0));
  g_assert_cmpuint (r.count, ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start_entry)), ==, "2015-10-16T10:00:00");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (stop_entry)), ==, "2015-10-16T12:00:00");

  /* 1 h about the centre (11:00) of 10:00–12:00: 10:30–11:30. */
  cusp_time_range_bar_set_duration (bar, CUSP_NS_PER_HOUR);
  g_assert_cmpuint (r.count, ==, 1);
  g_assert_cmpint (r.start, ==, at (10, 30));
  g_assert_cmpint (r.stop, ==, at (11, 30));

  /* The buttons, by their labels: 10 min → 10:55–11:05, 1 d → 11:00 ± 12 h,
   * 7 d → 11:00 ± 3.5 d. */
  g_signal_emit_by_name (cusp_test_find_button (GTK_WIDGET (bar), "10 min"), "clicked");
  g_assert_cmpint (r.start, ==, at (10, 55));
  g_assert_cmpint (r.stop, ==, at (11, 5));
  g_signal_emit_by_name (cusp_test_find_button (GTK_WIDGET (bar), "1 d"), "clicked");
  g_assert_cmpint (r.start, ==, at (11, 0) - 12 * CUSP_NS_PER_HOUR);
  g_assert_cmpint (r.stop, ==, at (11, 0) + 12 * CUSP_NS_PER_HOUR);
  g_signal_emit_by_name (cusp_test_find_button (GTK_WIDGET (bar), "7 d"), "clicked");
  g_assert_cmpint (r.stop - r.start, ==, 7 * CUSP_NS_PER_DAY);
  g_assert_cmpint (r.start, ==, at (11, 0) - 84 * CUSP_NS_PER_HOUR);
  g_signal_emit_by_name (cusp_test_find_button (GTK_WIDGET (bar), "1 min"), "clicked");
  g_assert_cmpint (r.start, ==, at (11, 0) - 30 * CUSP_NS_PER_SECOND);
  g_assert_cmpint (r.stop, ==, at (11, 0) + 30 * CUSP_NS_PER_SECOND);
  g_assert_cmpuint (r.count, ==, 5);

  /* Steps move by one width: 08:00–10:00 and 12:00–14:00. */
  cusp_time_range_bar_step (bar, -1);
  g_assert_cmpint (r.start, ==, at (8, 0));
  g_assert_cmpint (r.stop, ==, at (10, 0));
  cusp_time_range_bar_step (bar, 1);
  g_assert_cmpint (r.start, ==, at (12, 0));
  g_assert_cmpint (r.stop, ==, at (14, 0));

  /* Typed entries, applied with Enter; the bar's shown range is the
   * owner's business, so it stays 10:00–12:00. */
  r.count = 0;
  gtk_editable_set_text (GTK_EDITABLE (start_entry), "2015-10-16 01:15");
  gtk_editable_set_text (GTK_EDITABLE (stop_entry), "2015-10-16T02:45:30Z");
  g_signal_emit_by_name (stop_entry, "activate");
  g_assert_cmpuint (r.count, ==, 1);
  g_assert_cmpint (r.start, ==, at (1, 15));
  g_assert_cmpint (r.stop, ==, at (2, 45) + 30 * CUSP_NS_PER_SECOND);
  g_assert_false (gtk_widget_has_css_class (start_entry, "error"));

  /* A bad entry: nothing requested, red, and a tooltip that says why. */
  gtk_editable_set_text (GTK_EDITABLE (start_entry), "2015-13-45T99:00");
  g_assert_false (cusp_time_range_bar_apply_entries (bar));
  g_assert_cmpuint (r.count, ==, 1);
  g_assert_true (gtk_widget_has_css_class (start_entry, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (start_entry));
  g_assert_false (gtk_widget_has_css_class (stop_entry, "error"));
  /* Stop before start is as bad. */
  gtk_editable_set_text (GTK_EDITABLE (start_entry), "2015-10-16T03:00:00");
  gtk_editable_set_text (GTK_EDITABLE (stop_entry), "2015-10-16T02:00:00");
  g_assert_false (cusp_time_range_bar_apply_entries (bar));
  g_assert_cmpuint (r.count, ==, 1);
  g_assert_false (gtk_widget_has_css_class (start_entry, "error"));
  g_assert_true (gtk_widget_has_css_class (stop_entry, "error"));
  /* Setting the range clears the marks and shows it again. */
  cusp_time_range_bar_set_range (bar, at (10, 0), at (12, 0));
  g_assert_false (gtk_widget_has_css_class (stop_entry, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (stop_entry)), ==, "2015-10-16T12:00:00");

  g_object_unref (bar);
}

static void
test_bar_drives_stack (Fixture       *f,
                       gconstpointer  data)
{
  CuspTimeRangeBar *bar = cusp_plot_area_get_time_range_bar (f->area);
  GtkWidget *start_entry = cusp_time_range_bar_get_start_entry (bar);
  CuspTime start, stop;

  cusp_plot_stack_set_range (f->stack, at (10, 0), at (12, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start_entry)), ==, "2015-10-16T10:00:00");
  cusp_time_range_bar_set_duration (bar, CUSP_NS_PER_HOUR);
  cusp_plot_stack_get_range (f->stack, &start, &stop);
  g_assert_cmpint (start, ==, at (10, 30));
  g_assert_cmpint (stop, ==, at (11, 30));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start_entry)), ==, "2015-10-16T10:30:00");

  /* A bad entry leaves the stack's range alone. */
  gtk_editable_set_text (GTK_EDITABLE (start_entry), "yesterday");
  g_signal_emit_by_name (start_entry, "activate");
  cusp_plot_stack_get_range (f->stack, &start, &stop);
  g_assert_cmpint (start, ==, at (10, 30));
  g_assert_true (gtk_widget_has_css_class (start_entry, "error"));

  /* win.back returns to 10:00–12:00, win.forward to 10:30–11:30. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "back", NULL);
  cusp_plot_stack_get_range (f->stack, &start, &stop);
  g_assert_cmpint (start, ==, at (10, 0));
  g_assert_cmpint (stop, ==, at (12, 0));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "forward", NULL);
  cusp_plot_stack_get_range (f->stack, &start, &stop);
  g_assert_cmpint (start, ==, at (10, 30));
  {
    g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.back");

    g_assert_true (g_strv_contains ((const char *const *) accels, "<Alt>Left"));
  }
}

/* ---- stack-only tests ----------------------------------------------------- */

static CuspData *
named_series (const char *name)
{
  CuspSeries *series = cusp_series_new (1000, 1);

  cusp_series_set_name (series, name);
  cusp_series_set_label (series, 0, name);
  for (guint i = 0; i < 1000; i++)
    {
      series->times[i] = (CuspTime) i * CUSP_NS_PER_SECOND;
      series->values[i] = sin (i / 50.0);
    }
  return cusp_data_new_series (series);
}

static GtkWindow *
window_with_stack (CuspPlotStack **stack)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  *stack = CUSP_PLOT_STACK (cusp_plot_stack_new ());
  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, GTK_WIDGET (*stack));
  gtk_window_present (window);
  g_assert_true (cusp_test_wait_until (cusp_test_widget_is_shown, *stack, 5000));
  return window;
}

static const char *
title_at (CuspPlotStack *stack,
          guint          index)
{
  return cusp_plot_panel_get_title (cusp_plot_stack_get_panel (stack, index));
}

static gboolean
has_n_panels (gpointer data)
{
  return cusp_plot_stack_get_n_panels (CUSP_PLOT_STACK (data)) == 2;
}

static GtkWidget *
find_child_of_type (GtkWidget *widget,
                    GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_child_of_type (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The entries below widget, in tree order. */
static void
collect_entries (GtkWidget *widget,
                 GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_ENTRY (child))
        g_ptr_array_add (out, child);
      else
        collect_entries (child, out);
    }
}

static void
test_remove_reorder (void)
{
  CuspPlotStack *stack;
  GtkWindow *window = window_with_stack (&stack);
  const char *names[] = { "A", "B", "C" };
  CuspPlotPanel *a;
  guint changes = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (CuspData) data = named_series (names[i]);

      cusp_plot_stack_add_data (stack, data);
    }
  g_signal_connect_swapped (stack, "panels-changed", G_CALLBACK (g_atomic_int_inc), &changes);
  a = cusp_plot_stack_get_panel (stack, 0);

  /* The context menu's items, as actions of the panel. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a), "panel.move-down", NULL));
  g_assert_cmpstr (title_at (stack, 0), ==, "B");
  g_assert_cmpstr (title_at (stack, 1), ==, "A");
  g_assert_cmpstr (title_at (stack, 2), ==, "C");
  gtk_widget_activate_action (GTK_WIDGET (a), "panel.move-down", NULL);
  g_assert_cmpstr (title_at (stack, 1), ==, "C");
  g_assert_cmpstr (title_at (stack, 2), ==, "A");
  /* Only the bottom panel carries time labels, whichever it is now. */
  g_assert_true (cusp_plot_panel_get_time_labels (a));
  g_assert_false (cusp_plot_panel_get_time_labels (cusp_plot_stack_get_panel (stack, 1)));
  gtk_widget_activate_action (GTK_WIDGET (a), "panel.move-up", NULL);
  gtk_widget_activate_action (GTK_WIDGET (a), "panel.move-up", NULL);
  g_assert_cmpstr (title_at (stack, 0), ==, "A");
  g_assert_cmpstr (title_at (stack, 1), ==, "B");
  g_assert_cmpstr (title_at (stack, 2), ==, "C");

  cusp_plot_stack_move_panel (stack, cusp_plot_stack_get_panel (stack, 2), 0);
  g_assert_cmpstr (title_at (stack, 0), ==, "C");
  g_assert_cmpstr (title_at (stack, 1), ==, "A");
  g_assert_cmpstr (title_at (stack, 2), ==, "B");
  g_assert_cmpuint (changes, ==, 5);

  /* Remove goes after the menu closed: in an idle. */
  gtk_widget_activate_action (GTK_WIDGET (a), "panel.remove", NULL);
  g_assert_true (cusp_test_wait_until (has_n_panels, stack, 2000));
  g_assert_cmpstr (title_at (stack, 0), ==, "C");
  g_assert_cmpstr (title_at (stack, 1), ==, "B");
  g_assert_true (cusp_plot_panel_get_time_labels (cusp_plot_stack_get_panel (stack, 1)));

  gtk_window_destroy (window);
  cusp_test_spin (20);
}

/* Panels A, B, C from the top; y positions from their allocations.  The
 * drop goes before the first panel whose middle is below the pointer. */
static void
test_drag_reorder (void)
{
  CuspPlotStack *stack;
  GtkWindow *window = window_with_stack (&stack);
  const char *names[] = { "A", "B", "C" };
  CuspPlotPanel *a, *b, *c;
  guint changes = 0;
  double a_top, b_top, c_top, c_bottom;
  graphene_point_t p;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (CuspData) data = named_series (names[i]);

      cusp_plot_stack_add_data (stack, data);
    }
  cusp_test_spin (100);
  a = cusp_plot_stack_get_panel (stack, 0);
  b = cusp_plot_stack_get_panel (stack, 1);
  c = cusp_plot_stack_get_panel (stack, 2);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (a), GTK_WIDGET (stack), &GRAPHENE_POINT_INIT (0, 0), &p));
  a_top = p.y;
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (b), GTK_WIDGET (stack), &GRAPHENE_POINT_INIT (0, 0), &p));
  b_top = p.y;
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (c), GTK_WIDGET (stack), &GRAPHENE_POINT_INIT (0, 0), &p));
  c_top = p.y;
  c_bottom = c_top + gtk_widget_get_height (GTK_WIDGET (c));
  g_signal_connect_swapped (stack, "panels-changed", G_CALLBACK (g_atomic_int_inc), &changes);

  /* The grip: the top-left corner of each panel, nowhere else. */
  g_assert_true (_cusp_plot_stack_grip_at (stack, 5, a_top + 5) == a);
  g_assert_true (_cusp_plot_stack_grip_at (stack, 5, b_top + 5) == b);
  g_assert_null (_cusp_plot_stack_grip_at (stack, 200, b_top + 5));
  g_assert_null (_cusp_plot_stack_grip_at (stack, 5, b_top + 40));

  g_assert_cmpuint (_cusp_plot_stack_insertion_index (stack, a_top + 1), ==, 0);
  g_assert_cmpuint (_cusp_plot_stack_insertion_index (stack, b_top - 2), ==, 1);
  g_assert_cmpuint (_cusp_plot_stack_insertion_index (stack, c_bottom - 1), ==, 3);

  /* A dropped low in C (below its middle): to the bottom, B C A. */
  g_assert_true (_cusp_plot_stack_drop_panel (stack, a, c_bottom - 5));
  g_assert_cmpstr (title_at (stack, 0), ==, "B");
  g_assert_cmpstr (title_at (stack, 1), ==, "C");
  g_assert_cmpstr (title_at (stack, 2), ==, "A");
  g_assert_true (cusp_plot_panel_get_time_labels (a));
  g_assert_false (cusp_plot_panel_get_time_labels (b));
  g_assert_false (cusp_plot_panel_get_time_labels (c));
  g_assert_cmpuint (changes, ==, 1);
  cusp_test_spin (100);

  /* A dropped at the very top: A B C again, labels back on C only. */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (b), GTK_WIDGET (stack), &GRAPHENE_POINT_INIT (0, 0), &p));
  g_assert_true (_cusp_plot_stack_drop_panel (stack, a, p.y + 2));
  g_assert_cmpstr (title_at (stack, 0), ==, "A");
  g_assert_cmpstr (title_at (stack, 1), ==, "B");
  g_assert_cmpstr (title_at (stack, 2), ==, "C");
  g_assert_true (cusp_plot_panel_get_time_labels (c));
  g_assert_false (cusp_plot_panel_get_time_labels (a));
  cusp_test_spin (100);

  /* Dropped on its own place (just above or below itself): no change. */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (b), GTK_WIDGET (stack), &GRAPHENE_POINT_INIT (0, 0), &p));
  g_assert_false (_cusp_plot_stack_drop_panel (stack, b, p.y + 2));
  g_assert_false (_cusp_plot_stack_drop_panel (stack, b, p.y + gtk_widget_get_height (GTK_WIDGET (b)) - 2));
  g_assert_cmpstr (title_at (stack, 1), ==, "B");
  g_assert_cmpuint (changes, ==, 2);

  gtk_window_destroy (window);
  cusp_test_spin (20);
}

static void
test_resize (void)
{
  CuspPlotStack *stack;
  GtkWindow *window = window_with_stack (&stack);
  g_autoptr (CuspData) data = named_series ("A");
  CuspPlotPanel *top, *bottom;
  int h0, h1, stack_h;

  top = cusp_plot_stack_add_data (stack, data);
  bottom = cusp_plot_stack_add_data (stack, data);
  cusp_test_spin (100);
  stack_h = gtk_widget_get_height (GTK_WIDGET (stack));
  h0 = gtk_widget_get_height (GTK_WIDGET (top));
  h1 = gtk_widget_get_height (GTK_WIDGET (bottom));
  /* Equal data areas; the bottom one adds the time labels (38 px), and
   * both plus the 6-px gap fill the stack. */
  g_assert_cmpint (h0 + h1 + 6, ==, stack_h);
  g_assert_cmpint (abs (h1 - h0 - (CUSP_PLOT_TIME_AXIS - CUSP_PLOT_PAD_BOTTOM)), <=, 1);

  /* The gap is the handle; dragging it 100 px down moves 100 px. */
  g_assert_cmpint (_cusp_plot_stack_separator_at (stack, h0 + 3), ==, 0);
  g_assert_cmpint (_cusp_plot_stack_separator_at (stack, h0 / 2), ==, -1);
  _cusp_plot_stack_drag_separator (stack, 0, 100);
  cusp_test_spin (100);
  g_assert_cmpint (abs (gtk_widget_get_height (GTK_WIDGET (top)) - (h0 + 100)), <=, 1);
  g_assert_cmpint (abs (gtk_widget_get_height (GTK_WIDGET (bottom)) - (h1 - 100)), <=, 1);
  /* Never below a panel's minimum height. */
  _cusp_plot_stack_drag_separator (stack, 0, 10000);
  cusp_test_spin (100);
  /* 80 px of panel plus the time labels. */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (bottom)), >=, 80 + CUSP_PLOT_TIME_AXIS - CUSP_PLOT_PAD_BOTTOM);

  gtk_window_destroy (window);
  cusp_test_spin (20);
}

static void
test_box_zoom (void)
{
  CuspPlotStack *stack;
  GtkWindow *window = window_with_stack (&stack);
  g_autoptr (CuspData) data = named_series ("A");
  double w, x_quarter, x_half;
  CuspTime start, stop;

  cusp_plot_stack_add_data (stack, data);
  cusp_plot_stack_set_range (stack, 0, 1000 * CUSP_NS_PER_SECOND);
  cusp_test_spin (50);
  /* The data area runs from x = 84 over width - 84 - 118 pixels. */
  w = gtk_widget_get_width (GTK_WIDGET (stack)) - 84 - 118;
  x_quarter = 84 + w / 4;
  x_half = 84 + w / 2;

  /* A box from a quarter to half the width: 250 s to 500 s, dragged right
   * to left as well as left to right. */
  _cusp_plot_stack_box_begin (stack, x_half, 20);
  _cusp_plot_stack_box_update (stack, (x_half + x_quarter) / 2, 40);
  _cusp_plot_stack_box_update (stack, x_quarter, 60);
  g_assert_true (_cusp_plot_stack_box_end (stack, x_quarter, 60));
  cusp_plot_stack_get_range (stack, &start, &stop);
  g_assert_cmpint (llabs (start - 250 * CUSP_NS_PER_SECOND), <=, 1000);
  g_assert_cmpint (llabs (stop - 500 * CUSP_NS_PER_SECOND), <=, 1000);

  /* Three pixels is a click, not a box: nothing changes. */
  _cusp_plot_stack_box_begin (stack, x_quarter, 20);
  g_assert_false (_cusp_plot_stack_box_end (stack, x_quarter + 3, 20));
  cusp_plot_stack_get_range (stack, &start, &stop);
  g_assert_cmpint (llabs (start - 250 * CUSP_NS_PER_SECOND), <=, 1000);

  /* Starting in the left margin counts from the data area's left edge:
   * 250 s + (0 .. 1/2) × 250 s = 250 s .. 375 s. */
  _cusp_plot_stack_box_begin (stack, 10, 20);
  g_assert_true (_cusp_plot_stack_box_end (stack, x_half, 20));
  cusp_plot_stack_get_range (stack, &start, &stop);
  g_assert_cmpint (llabs (start - 250 * CUSP_NS_PER_SECOND), <=, 1000);
  g_assert_cmpint (llabs (stop - 375 * CUSP_NS_PER_SECOND), <=, 1000);

  /* And the box zoom is one step of history. */
  g_assert_true (cusp_plot_stack_go_back (stack));
  cusp_plot_stack_get_range (stack, &start, &stop);
  g_assert_cmpint (llabs (stop - 500 * CUSP_NS_PER_SECOND), <=, 1000);

  gtk_window_destroy (window);
  cusp_test_spin (20);
}

static void
test_panel_settings (void)
{
  CuspPlotStack *stack;
  GtkWindow *window = window_with_stack (&stack);
  g_autoptr (CuspData) data = named_series ("A");
  CuspPlotPanel *panel;
  CuspPlotRenderer *renderer;
  double lo, hi;

  panel = cusp_plot_stack_add_data (stack, data);
  renderer = cusp_plot_panel_get_renderer (panel);
  g_assert_cmpint (cusp_plot_renderer_get_y_scale (renderer, 0), ==, CUSP_SCALE_LINEAR);
  /* The menu's check item is the property action. */
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.y-log", NULL);
  g_assert_cmpint (cusp_plot_renderer_get_y_scale (renderer, 0), ==, CUSP_SCALE_LOG);
  g_assert_true (cusp_plot_panel_get_y_log (panel));
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.y-log", NULL);
  g_assert_cmpint (cusp_plot_renderer_get_y_scale (renderer, 0), ==, CUSP_SCALE_LINEAR);

  cusp_plot_panel_set_y_range (panel, -2, 3);
  g_assert_true (cusp_plot_renderer_get_y_range (renderer, 0, &lo, &hi));
  g_assert_cmpfloat (lo, ==, -2);
  g_assert_cmpfloat (hi, ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.autoscale", NULL);
  g_assert_true (cusp_plot_renderer_get_y_range (renderer, 0, &lo, &hi));
  /* sin over 1000 s: autoscaled about [-1, 1], not the manual range. */
  g_assert_cmpfloat (hi, <, 3);
  g_assert_cmpfloat (hi, >=, 1 - 1e-3);

  /* The y-range popover: two entries and Apply. */
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.y-range", NULL);
  {
    GtkWidget *popover = find_child_of_type (GTK_WIDGET (panel), GTK_TYPE_POPOVER);
    g_autoptr (GPtrArray) entries = g_ptr_array_new ();
    GtkWidget *min_entry, *max_entry;

    g_assert_nonnull (popover);
    collect_entries (popover, entries);
    /* Minimum then Maximum. */
    g_assert_cmpuint (entries->len, ==, 2);
    min_entry = g_ptr_array_index (entries, 0);
    max_entry = g_ptr_array_index (entries, 1);
    gtk_editable_set_text (GTK_EDITABLE (min_entry), "-0.5");
    gtk_editable_set_text (GTK_EDITABLE (max_entry), "0.25");
    g_signal_emit_by_name (cusp_test_find_button (popover, "_Apply"), "clicked");
    g_assert_true (cusp_plot_renderer_get_y_range (renderer, 0, &lo, &hi));
    g_assert_cmpfloat (lo, ==, -0.5);
    g_assert_cmpfloat (hi, ==, 0.25);
    /* Not a number: kept, and the entry says so. */
    gtk_editable_set_text (GTK_EDITABLE (max_entry), "lots");
    g_signal_emit_by_name (max_entry, "activate");
    g_assert_true (gtk_widget_has_css_class (max_entry, "error"));
    g_assert_true (cusp_plot_renderer_get_y_range (renderer, 0, &lo, &hi));
    g_assert_cmpfloat (hi, ==, 0.25);
  }

  /* The context menu opens on the panel. */
  cusp_plot_panel_popup_menu (panel, 200, 40);
  g_assert_true (GTK_IS_POPOVER_MENU (find_child_of_type (GTK_WIDGET (panel), GTK_TYPE_POPOVER_MENU)));
  g_assert_true (gtk_widget_get_visible (find_child_of_type (GTK_WIDGET (panel), GTK_TYPE_POPOVER_MENU)));

  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.colormap", "s", "jet");
  g_assert_cmpstr (cusp_plot_panel_get_colormap (panel), ==, "jet");
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.colormap", "s", "viridis");
  g_assert_cmpstr (cusp_plot_panel_get_colormap (panel), ==, "viridis");

  gtk_window_destroy (window);
  cusp_test_spin (20);
}

/* ---- loading ---------------------------------------------------------- */

typedef struct
{
  gint64 last;
  gint64 max_gap;
  guint  ticks;
} Latency;

static gboolean
measure_tick (gpointer user_data)
{
  Latency *l = user_data;
  gint64 now = g_get_monotonic_time ();

  if (l->last != 0)
    l->max_gap = MAX (l->max_gap, now - l->last);
  l->last = now;
  l->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
test_responsive (void)
{
  g_autoptr (TestProvider) slow = test_provider_new (1000, FALSE);
  CuspPlotStack *stack;
  GtkWindow *window = window_with_stack (&stack);
  CuspPlotPanel *panel;
  Latency latency = { 0 };
  gint64 begin;
  guint tick;

  cusp_plot_stack_set_range (stack, at (10, 0), at (12, 0));
  panel = CUSP_PLOT_PANEL (cusp_plot_panel_new_for_product (CUSP_PROVIDER (slow), "test/slow", "Slow",
                                                            CUSP_DATA_KIND_SERIES));
  cusp_plot_stack_add_panel (stack, panel);
  begin = g_get_monotonic_time ();
  tick = g_timeout_add (10, measure_tick, &latency);
  g_assert_true (cusp_test_wait_until (panel_is_ready, panel, 10000));
  g_source_remove (tick);

  /* The provider slept a second in its thread; the loop ticked all along. */
  g_assert_cmpint (g_get_monotonic_time () - begin, >=, 950 * 1000);
  g_assert_cmpuint (latency.ticks, >=, 50);
  g_assert_cmpint (latency.max_gap, <, 100 * 1000);
  g_assert_cmpint (g_atomic_int_get (&slow->calls), ==, 1);

  gtk_window_destroy (window);
  cusp_test_spin (20);
}

static gboolean
panel_is_loading (gpointer data)
{
  return cusp_plot_panel_get_state (CUSP_PLOT_PANEL (data)) == CUSP_PLOT_PANEL_LOADING;
}

static void
test_cancel_and_errors (void)
{
  g_autoptr (TestProvider) slow = test_provider_new (3000, FALSE);
  g_autoptr (TestProvider) broken = test_provider_new (0, TRUE);
  CuspPlotStack *stack;
  GtkWindow *window = window_with_stack (&stack);
  CuspPlotPanel *panel, *failing;

  cusp_plot_stack_set_range (stack, at (10, 0), at (12, 0));
  panel = CUSP_PLOT_PANEL (cusp_plot_panel_new_for_product (CUSP_PROVIDER (slow), "test/slow", "Slow",
                                                            CUSP_DATA_KIND_SERIES));
  cusp_plot_stack_add_panel (stack, panel);
  g_assert_true (cusp_test_wait_until (panel_is_loading, panel, 2000));
  cusp_plot_panel_cancel_load (panel);
  g_assert_cmpint (cusp_plot_panel_get_state (panel), ==, CUSP_PLOT_PANEL_FAILED);
  g_assert_nonnull (strstr (cusp_plot_panel_get_message (panel), "cancelled"));
  g_assert_null (cusp_plot_panel_get_data (panel));

  /* A provider error is shown in its panel, through _(), naming it. */
  failing = CUSP_PLOT_PANEL (cusp_plot_panel_new_for_product (CUSP_PROVIDER (broken), "test/slow",
                                                              "Broken", CUSP_DATA_KIND_SERIES));
  cusp_plot_stack_add_panel (stack, failing);
  g_assert_true (cusp_test_wait_until (panel_has_failed, failing, 5000));
  g_assert_nonnull (strstr (cusp_plot_panel_get_message (failing), "Broken"));
  g_assert_nonnull (strstr (cusp_plot_panel_get_message (failing), "the test server is down"));
  /* The other panel is unaffected. */
  g_assert_null (cusp_plot_panel_get_data (panel));
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (stack), ==, 2);

  gtk_window_destroy (window);
  cusp_test_spin (20);
}

static gboolean
calls_reach_two (gpointer data)
{
  return g_atomic_int_get (&TEST_PROVIDER (data)->calls) >= 2;
}

static void
test_refetch (void)
{
  g_autoptr (TestProvider) counting = test_provider_new (0, FALSE);
  CuspPlotStack *stack;
  GtkWindow *window = window_with_stack (&stack);
  CuspPlotPanel *panel;
  CuspSeries *series;
  CuspTime a, b;

  cusp_plot_stack_set_range (stack, at (10, 0), at (12, 0));
  panel = CUSP_PLOT_PANEL (cusp_plot_panel_new_for_product (CUSP_PROVIDER (counting), "test/slow",
                                                            "Slow", CUSP_DATA_KIND_SERIES));
  cusp_plot_stack_add_panel (stack, panel);
  g_assert_true (cusp_test_wait_until (panel_is_ready, panel, 5000));
  g_assert_cmpint (g_atomic_int_get (&counting->calls), ==, 1);
  /* Loaded with a quarter of the width on each side: 09:30–12:30, one
   * sample a minute. */
  series = cusp_data_get_series (cusp_plot_panel_get_data (panel));
  g_assert_cmpint (series->times[0], ==, at (9, 30));
  g_assert_cmpuint (series->n_samples, ==, 180);

  /* Within what was loaded: no new load. */
  cusp_plot_stack_set_range (stack, at (10, 30), at (12, 20));
  cusp_test_spin (400);
  g_assert_cmpint (g_atomic_int_get (&counting->calls), ==, 1);

  /* Out of it, in quick steps: one load, after the steps stopped, while
   * the old picture stays. */
  for (int m = 0; m < 5; m++)
    cusp_plot_stack_set_range (stack, at (13, m * 10), at (14, m * 10));
  g_assert_true (cusp_plot_panel_get_picture_range (panel, &a, &b));
  g_assert_cmpint (g_atomic_int_get (&counting->calls), ==, 1);
  g_assert_true (cusp_test_wait_until (calls_reach_two, counting, 3000));
  g_assert_true (cusp_test_wait_until (panel_is_ready, panel, 3000));
  cusp_test_spin (300);
  g_assert_cmpint (g_atomic_int_get (&counting->calls), ==, 2);
  /* 13:40–14:40 with its margins: 13:25–14:55. */
  series = cusp_data_get_series (cusp_plot_panel_get_data (panel));
  g_assert_cmpint (series->times[0], ==, at (13, 25));

  gtk_window_destroy (window);
  cusp_test_spin (20);
}

static gboolean
panels_settled (gpointer data)
{
  return cusp_window_plots_settled (CUSP_WINDOW (data));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "figure.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "figure.pdf", NULL);
  g_autofree char *txt = g_build_filename (dir, "figure.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  cairo_surface_t *image;
  gsize length = 0;

  /* Nothing plotted: a clear error, no file. */
  g_assert_false (cusp_plot_area_export (f->area, png, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  cusp_window_plot_product (f->window, B_GSE_ID);
  cusp_window_plot_product (f->window, ION_SPEC_ID);
  g_assert_true (cusp_test_wait_until (panels_settled, f->window, 10000));

  g_assert_true (cusp_plot_area_export (f->area, png, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* The size of the plots on screen. */
  g_assert_cmpint (cairo_image_surface_get_width (image), ==,
                   gtk_widget_get_width (GTK_WIDGET (f->stack)));
  g_assert_cmpint (cairo_image_surface_get_height (image), ==,
                   gtk_widget_get_height (GTK_WIDGET (f->stack)));
  cairo_surface_destroy (image);

  g_assert_true (cusp_plot_area_export (f->area, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (contents, "%PDF", 4) == 0);

  g_assert_false (cusp_plot_area_export (f->area, txt, &error));
  g_assert_error (error, CUSP_PLOT_RENDERER_ERROR, CUSP_PLOT_RENDERER_ERROR_FORMAT);

  g_remove (png);
  g_remove (pdf);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* A clean window: each test adds its own panels. */
  g_setenv ("CUSP_NO_DEFAULT_LAYOUT", "1", TRUE);

  cusp_test_gtk_init (&argc, &argv);

  app = cusp_application_new ();
  cusp_test_register_application (G_APPLICATION (app));

  g_test_add ("/cusp/plot-window/default-range", Fixture, NULL,
              fixture_set_up, test_default_range, fixture_tear_down);
  g_test_add ("/cusp/plot-window/activate", Fixture, NULL,
              fixture_set_up, test_activate, fixture_tear_down);
  g_test_add ("/cusp/plot-window/drop-and-overlay", Fixture, NULL,
              fixture_set_up, test_drop_and_overlay, fixture_tear_down);
  g_test_add_func ("/cusp/plot-window/time-bar", test_time_bar);
  g_test_add_func ("/cusp/plot-window/time-bar-narrow", test_time_bar_narrow);
  g_test_add ("/cusp/plot-window/bar-drives-stack", Fixture, NULL,
              fixture_set_up, test_bar_drives_stack, fixture_tear_down);
  g_test_add_func ("/cusp/plot-window/remove-reorder", test_remove_reorder);
  g_test_add_func ("/cusp/plot-window/drag-reorder", test_drag_reorder);
  g_test_add_func ("/cusp/plot-window/resize", test_resize);
  g_test_add_func ("/cusp/plot-window/box-zoom", test_box_zoom);
  g_test_add_func ("/cusp/plot-window/panel-settings", test_panel_settings);
  g_test_add_func ("/cusp/plot-window/responsive", test_responsive);
  g_test_add_func ("/cusp/plot-window/cancel-and-errors", test_cancel_and_errors);
  g_test_add_func ("/cusp/plot-window/refetch", test_refetch);
  g_test_add ("/cusp/plot-window/export", Fixture, NULL,
              fixture_set_up, test_export, fixture_tear_down);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
