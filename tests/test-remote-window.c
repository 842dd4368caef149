/* test-remote-window.c: HAPI servers in the window, against
 * tests/hapi-server.py: the server list in the sidebar, the "Add HAPI
 * Server" dialog, lazy catalog and dataset loading, plotting, a slow
 * transfer that must not freeze the main loop, cancel, server errors and
 * offline mode.
 *
 * Expected values come from the server's documentation (its docstring):
 * ds1s has Bx = i*0.25 - 3, Bz = (i % 17) * 1.5, n = 1000 + i/8 at
 * i seconds after 2020-01-01T00:00:00Z; an unknown dataset is HAPI 1406;
 * "trickle" sends one record per 50 ms.  Node ids follow the layout of
 * cusp-hapi-provider.h (ids that do not split go under "other").
 */
#define G_LOG_DOMAIN "test-remote-window"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "cusp-application.h"
#include "cusp-cache.h"
#include "cusp-inventory-view.h"
#include "cusp-plot-area.h"
#include "cusp-server-list.h"
#include "cusp-window.h"
#include "hapi-test-server.h"
#include "cusp-test-util-gtk.h"

#define SERVER_NAME "Test Server"
#define ROOT_ID     "hapi-test-server"
#define OTHER_ID    ROOT_ID "/other"
#define DS1S_ID     ROOT_ID "/ds1s"
#define B_ID        DS1S_ID "/B"
#define N_ID        DS1S_ID "/n"
#define REGIONS_ID  ROOT_ID "/regions1m"
#define REGION_ID   REGIONS_ID "/region"

static CuspApplication *app;
static HapiTestServer server;
static char *config_dir;
static char *cache_dir;
static char *server_url;

typedef struct
{
  CuspWindow        *window;
  CuspInventoryView *view;
  CuspPlotArea      *area;
} Fixture;

/* ---- fixture ------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = cusp_window_new (app);
  f->view = CUSP_INVENTORY_VIEW (cusp_window_get_inventory_view (f->window));
  f->area = CUSP_PLOT_AREA (cusp_window_get_plot_area (f->window));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 1100);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (cusp_test_wait_until (cusp_test_widget_is_shown, f->window, 5000));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  cusp_test_spin (50);
}

/* ---- rows ------------------------------------------------------------------ */

static int
find_row (GListModel *rows,
          const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(CuspInventoryNode) node = gtk_tree_list_row_get_item (row);

      if (g_strcmp0 (cusp_inventory_node_get_id (node), id) == 0)
        return (int) i;
    }
  return -1;
}

static CuspInventoryNode *
row_node (GListModel *rows,
          int         position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, (guint) position);

  return gtk_tree_list_row_get_item (row);
}

typedef struct
{
  GListModel *rows;
  const char *id;
} RowWait;

static gboolean
row_present (gpointer data)
{
  RowWait *w = data;

  return find_row (w->rows, w->id) >= 0;
}

/* Opens the row of id as a person would: the row is on screen. */
static void
expand_row (Fixture    *f,
            const char *id)
{
  GListModel *rows = cusp_inventory_view_get_rows (f->view);
  RowWait w = { rows, id };
  g_autoptr(GtkTreeListRow) row = NULL;

  g_assert_true (cusp_test_wait_until (row_present, &w, 5000));
  cusp_test_spin (50);   /* laid out and bound */
  row = g_list_model_get_item (rows, (guint) find_row (rows, id));
  gtk_tree_list_row_set_expanded (row, TRUE);
  g_assert_true (gtk_tree_list_row_get_expanded (row));
}

static void
collapse_local_trees (Fixture *f)
{
  GListModel *rows = cusp_inventory_view_get_rows (f->view);
  int sim = find_row (rows, "sim");
  g_autoptr(GtkTreeListRow) row = NULL;

  g_assert_cmpint (sim, >=, 0);
  row = g_list_model_get_item (rows, (guint) sim);
  gtk_tree_list_row_set_expanded (row, FALSE);
}

/* ---- panels ----------------------------------------------------------------- */

static gboolean
panel_done (gpointer data)
{
  return cusp_plot_panel_get_state (CUSP_PLOT_PANEL (data)) != CUSP_PLOT_PANEL_LOADING;
}

static gboolean
panel_has_data (gpointer data)
{
  return cusp_plot_panel_get_state (CUSP_PLOT_PANEL (data)) == CUSP_PLOT_PANEL_READY &&
         cusp_plot_panel_get_data (CUSP_PLOT_PANEL (data)) != NULL;
}

static CuspTime
parse_time (const char *text)
{
  CuspTime t = CUSP_TIME_INVALID;

  g_assert_true (cusp_time_parse_iso (text, &t, NULL));
  return t;
}

static void
set_range (Fixture    *f,
           const char *start,
           const char *stop)
{
  cusp_plot_stack_set_range (cusp_plot_area_get_stack (f->area), parse_time (start), parse_time (stop));
}

/* ---- tests ------------------------------------------------------------------- */

static GtkWindow *
find_toplevel (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (w), title) == 0 && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_widgets (c, type, out);
}

static GtkWidget *
error_label (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "error"))
      return g_ptr_array_index (labels, i);
  return NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_toplevel (data) == NULL;
}

static char *
read_servers_ini (void)
{
  g_autofree char *path = g_build_filename (config_dir, "servers.ini", NULL);
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

/* Built-in servers are listed, closed, without any request; the dialog
 * refuses a bad address with the list's reason and adds a good one. */
static void
test_add_server (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *rows = cusp_inventory_view_get_rows (f->view);
  int cdaweb = find_row (rows, "hapi-cdaweb");
  GtkWindow *dialog;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkWidget *message;
  g_autofree char *ini = NULL;
  RowWait w = { rows, ROOT_ID };

  g_assert_cmpint (cdaweb, >=, 0);
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, (guint) cdaweb);
    g_autoptr(CuspInventoryNode) node = gtk_tree_list_row_get_item (row);

    g_assert_cmpstr (cusp_inventory_node_get_name (node), ==, "CDAWeb");
    g_assert_false (gtk_tree_list_row_get_expanded (row));
    /* Openable although nothing is loaded yet. */
    g_assert_true (gtk_tree_list_row_is_expandable (row));
    g_assert_cmpuint (g_list_model_get_n_items (cusp_inventory_node_get_children (node)), ==, 0);
  }

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "add-server", NULL);
  dialog = find_toplevel ("Add HAPI Server");
  g_assert_nonnull (dialog);
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 2);
  message = error_label (GTK_WIDGET (dialog));
  g_assert_nonnull (message);
  g_assert_false (gtk_widget_get_visible (message));

  /* Not http(s): refused, said in the dialog, which stays. */
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 0)), "ftp://127.0.0.1/hapi");
  g_signal_emit_by_name (cusp_test_find_button (GTK_WIDGET (dialog), "_Add"), "clicked");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (message))), >, 10);
  g_assert_true (find_toplevel ("Add HAPI Server") == dialog);
  g_assert_cmpint (find_row (rows, ROOT_ID), ==, -1);

  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 0)), server_url);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 1)), SERVER_NAME);
  g_signal_emit_by_name (cusp_test_find_button (GTK_WIDGET (dialog), "_Add"), "clicked");
  g_assert_true (cusp_test_wait_until (dialog_gone, (gpointer) "Add HAPI Server", 2000));
  g_assert_true (cusp_test_wait_until (row_present, &w, 2000));

  /* Kept for the next start. */
  ini = read_servers_ini ();
  g_assert_nonnull (strstr (ini, server_url));
  g_assert_nonnull (strstr (ini, SERVER_NAME));
}

typedef struct
{
  CuspInventoryView *view;
  CuspInventoryNode *node;
  CuspInventoryStatus status;
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *w = data;

  return cusp_inventory_view_get_node_status (w->view, w->node) == w->status;
}

/* Opening the server fetches its catalog in the background (a "Loading…"
 * row meanwhile); opening a dataset fetches its parameters; plotting one
 * loads the documented values. */
static void
test_browse_and_plot (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *rows = cusp_inventory_view_get_rows (f->view);
  RowWait other = { rows, OTHER_ID }, b = { rows, B_ID }, n = { rows, N_ID };
  g_autoptr(CuspInventoryNode) root = NULL;
  CuspPlotPanel *panel;
  CuspSeries *series;
  CuspTime t0 = parse_time ("2020-01-01T00:00:00Z");
  int pos;

  collapse_local_trees (f);
  expand_row (f, ROOT_ID);
  pos = find_row (rows, ROOT_ID);
  root = row_node (rows, pos);
  /* Right after the click, before any answer: the status row. */
  {
    g_autoptr(CuspInventoryNode) status = row_node (rows, pos + 1);

    g_assert_true (cusp_inventory_view_is_status_node (status));
    g_assert_cmpstr (cusp_inventory_node_get_name (status), ==, "Loading…");
    g_assert_false (cusp_inventory_view_is_product (status));
  }
  g_assert_true (cusp_test_wait_until (row_present, &other, 5000));
  g_assert_cmpint (cusp_inventory_view_get_node_status (f->view, root), ==, CUSP_INVENTORY_STATUS_NONE);

  expand_row (f, OTHER_ID);
  expand_row (f, DS1S_ID);
  g_assert_true (cusp_test_wait_until (row_present, &b, 5000));
  g_assert_true (cusp_test_wait_until (row_present, &n, 5000));
  {
    g_autoptr(CuspInventoryNode) node = row_node (rows, find_row (rows, B_ID));

    g_assert_cmpstr (cusp_inventory_node_get_unit (node), ==, "nT");
    g_assert_cmpstr (cusp_inventory_node_get_description (node), ==, "test field");
    g_assert_true (cusp_inventory_view_is_product (node));
  }

  set_range (f, "2020-01-01T00:00:00Z", "2020-01-01T00:01:00Z");
  panel = cusp_window_plot_product (f->window, B_ID);
  g_assert_true (cusp_test_wait_until (panel_has_data, panel, 10000));
  series = cusp_data_get_series (cusp_plot_panel_get_data (panel));
  g_assert_nonnull (series);
  g_assert_cmpuint (series->n_components, ==, 3);
  g_assert_cmpuint (series->n_samples, >=, 60);
  for (guint k = 0; k < series->n_samples; k++)
    {
      gint64 i = (series->times[k] - t0) / 1000000000;

      g_assert_cmpint ((series->times[k] - t0) % 1000000000, ==, 0);
      g_assert_cmpfloat_with_epsilon (cusp_series_column (series, 0)[k], i * 0.25 - 3, 1e-9);
      g_assert_cmpfloat_with_epsilon (cusp_series_column (series, 2)[k], (i % 17) * 1.5, 1e-9);
    }
}

/* A HAPI string parameter (regions1m/region, tests/hapi-server.py: at
 * minute m "None" (fill) when m % 60 == 59, else REGIONS[(m / 10) % 8])
 * is a product like the others: double-clicked, it fills a panel with a
 * text series. */
static void
test_text_product (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *rows = cusp_inventory_view_get_rows (f->view);
  RowWait other = { rows, OTHER_ID }, region = { rows, REGION_ID };
  CuspTime t0 = parse_time ("2020-01-01T00:00:00Z");
  CuspPlotPanel *panel;
  CuspTextSeries *text;

  collapse_local_trees (f);
  expand_row (f, ROOT_ID);
  g_assert_true (cusp_test_wait_until (row_present, &other, 5000));
  expand_row (f, OTHER_ID);
  expand_row (f, REGIONS_ID);
  g_assert_true (cusp_test_wait_until (row_present, &region, 5000));
  {
    g_autoptr(CuspInventoryNode) node = row_node (rows, find_row (rows, REGION_ID));

    g_assert_cmpint (cusp_inventory_node_get_data_kind (node), ==, CUSP_DATA_KIND_TEXT);
    g_assert_true (cusp_inventory_view_is_product (node));
  }

  set_range (f, "2020-01-01T00:00:00Z", "2020-01-01T02:00:00Z");
  panel = cusp_window_plot_product (f->window, REGION_ID);
  g_assert_true (cusp_test_wait_until (panel_has_data, panel, 10000));
  g_assert_cmpint (cusp_plot_panel_get_kind (panel), ==, CUSP_DATA_KIND_TEXT);
  text = cusp_data_get_text (cusp_plot_panel_get_data (panel));
  g_assert_nonnull (text);
  g_assert_cmpuint (text->n_samples, >=, 120);
  for (guint k = 0; k < text->n_samples; k++)
    {
      gint64 m = (text->times[k] - t0) / (60 * CUSP_NS_PER_SECOND);
      static const char *regions[] = { "Solar_Wind", "Bow_Shock", "Magnetosheath", "D_Msphere",
                                       "N_Msphere", "Plasma_Sheet", "Tail_Lobe", "Cusp, \"north\"" };

      if (m % 60 == 59)
        g_assert_null (cusp_text_series_get_value (text, 0, k));
      else
        g_assert_cmpstr (cusp_text_series_get_value (text, 0, k), ==, regions[(m / 10) % 8]);
    }
}

typedef struct
{
  gint64 last;
  gint64 max_gap;
} Latency;

static gboolean
measure_tick (gpointer data)
{
  Latency *l = data;
  gint64 now = g_get_monotonic_time ();

  if (l->last > 0 && now - l->last > l->max_gap)
    l->max_gap = now - l->last;
  l->last = now;
  return G_SOURCE_CONTINUE;
}

/* A transfer of one record per 50 ms: the main loop keeps ticking, the
 * panel says it is loading, and Cancel stops it cleanly. */
static void
test_trickle_and_cancel (Fixture       *f,
                         gconstpointer  data)
{
  CuspPlotPanel *panel;
  Latency latency = { 0, 0 };
  guint tick;
  gint64 deadline;

  set_range (f, "2020-01-01T02:00:00Z", "2020-01-01T02:10:00Z");
  panel = cusp_window_plot_product (f->window, ROOT_ID "/trickle/n");
  tick = g_timeout_add (10, measure_tick, &latency);
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  g_test_message ("largest main-loop gap during the transfer: %.1f ms", latency.max_gap / 1000.0);
  g_assert_cmpint (latency.max_gap, >, 0);
  g_assert_cmpint (latency.max_gap, <, 100 * 1000);
  g_assert_cmpint (cusp_plot_panel_get_state (panel), ==, CUSP_PLOT_PANEL_LOADING);

  cusp_plot_panel_cancel_load (panel);
  g_assert_cmpint (cusp_plot_panel_get_state (panel), ==, CUSP_PLOT_PANEL_FAILED);
  g_assert_nonnull (strstr (cusp_plot_panel_get_message (panel), "cancelled"));
  cusp_test_spin (300);
  g_assert_cmpint (cusp_plot_panel_get_state (panel), ==, CUSP_PLOT_PANEL_FAILED);
}

typedef struct
{
  CuspPlotPanel *panel;
  GArray        *seen;   /* distinct fractions, in order */
} Watch;

static gboolean
watch_progress (gpointer data)
{
  Watch *w = data;
  double v = cusp_plot_panel_get_progress (w->panel);

  if (v >= 0 && (w->seen->len == 0 || g_array_index (w->seen, double, w->seen->len - 1) != v))
    g_array_append_val (w->seen, v);
  return G_SOURCE_CONTINUE;
}

/* The panel asks for its range plus a quarter on each side: 05:00:30 to
 * 05:02:30 loads 05:00:00 to 05:03:00, inside the 05:00 cache fragment,
 * whose request starts at 05:00.  At one record per 50 ms the bar must
 * show 20 records / 180 s ≈ 0.11 more every second, never going back. */
static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  Watch w = { NULL, g_array_new (FALSE, FALSE, sizeof (double)) };
  guint tick;
  gint64 deadline;
  double last;

  set_range (f, "2020-01-01T05:00:30Z", "2020-01-01T05:02:30Z");
  w.panel = cusp_window_plot_product (f->window, ROOT_ID "/trickle/n");
  tick = g_timeout_add (20, watch_progress, &w);
  deadline = g_get_monotonic_time () + 2500 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  g_assert_cmpint (cusp_plot_panel_get_state (w.panel), ==, CUSP_PLOT_PANEL_LOADING);
  g_assert_cmpuint (w.seen->len, >=, 3);
  for (guint i = 1; i < w.seen->len; i++)
    g_assert_cmpfloat (g_array_index (w.seen, double, i), >, g_array_index (w.seen, double, i - 1));
  last = g_array_index (w.seen, double, w.seen->len - 1);
  g_test_message ("progress after 2.5 s: %.3f (%u values)", last, w.seen->len);
  /* At most 2.5 s of records (50, with slack for a slow start): < 0.4. */
  g_assert_cmpfloat (last, >, 0.05);
  g_assert_cmpfloat (last, <, 0.4);

  cusp_plot_panel_cancel_load (w.panel);
  g_assert_cmpfloat (cusp_plot_panel_get_progress (w.panel), ==, -1);
  g_array_unref (w.seen);
  cusp_test_spin (300);
}

/* The server's own words reach the panel; an unreachable server leaves a
 * row that says so under its root. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  CuspServerList *servers = cusp_application_get_server_list (app);
  GListModel *rows = cusp_inventory_view_get_rows (f->view);
  CuspPlotPanel *panel;
  const char *message;
  g_autoptr(GError) error = NULL;
  g_autoptr(CuspInventoryNode) root = NULL;
  RowWait w = { rows, "hapi-nowhere" };
  StatusWait sw;

  set_range (f, "2020-01-01T00:00:00Z", "2020-01-01T00:01:00Z");
  panel = cusp_window_plot_product (f->window, ROOT_ID "/nosuch/x");
  g_assert_true (cusp_test_wait_until (panel_done, panel, 10000));
  g_assert_cmpint (cusp_plot_panel_get_state (panel), ==, CUSP_PLOT_PANEL_FAILED);
  message = cusp_plot_panel_get_message (panel);
  g_assert_nonnull (strstr (message, SERVER_NAME " says: unknown dataset"));
  g_assert_nonnull (strstr (message, "nosuch"));
  g_assert_nonnull (strstr (message, "1406"));

  /* Port 1 on the loopback: connection refused at once. */
  g_assert_nonnull (cusp_server_list_add (servers, "http://127.0.0.1:1/hapi", "Nowhere", NULL, &error));
  g_assert_no_error (error);
  collapse_local_trees (f);
  g_assert_true (cusp_test_wait_until (row_present, &w, 2000));
  root = row_node (rows, find_row (rows, "hapi-nowhere"));
  expand_row (f, "hapi-nowhere");
  sw = (StatusWait) { f->view, root, CUSP_INVENTORY_STATUS_ERROR };
  g_assert_true (cusp_test_wait_until (status_is, &sw, 20000));
  {
    g_autoptr(CuspInventoryNode) status = row_node (rows, find_row (rows, "hapi-nowhere") + 1);

    g_assert_true (cusp_inventory_view_is_status_node (status));
    g_assert_nonnull (strstr (cusp_inventory_node_get_name (status), "Nowhere"));
  }
  g_assert_true (cusp_server_list_remove (servers, "http://127.0.0.1:1/hapi", NULL));
  g_assert_cmpint (find_row (rows, "hapi-nowhere"), ==, -1);
}

static gboolean
cache_empty (gpointer data)
{
  return cusp_cache_get_size (cusp_cache_get_default ()) == 0;
}

/* Clear Cache empties it; offline, a range never fetched is refused with
 * the offline message. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  CuspPlotPanel *panel;
  const char *message;

  g_assert_cmpuint (cusp_cache_get_size (cusp_cache_get_default ()), >, 0);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "clear-cache", NULL);
  g_assert_true (cusp_test_wait_until (cache_empty, NULL, 5000));

  g_action_group_change_action_state (G_ACTION_GROUP (app), "offline", g_variant_new_boolean (TRUE));
  g_assert_true (cusp_cache_get_offline (cusp_cache_get_default ()));

  set_range (f, "2020-01-01T05:00:00Z", "2020-01-01T05:01:00Z");
  panel = cusp_window_plot_product (f->window, N_ID);
  g_assert_true (cusp_test_wait_until (panel_done, panel, 10000));
  g_assert_cmpint (cusp_plot_panel_get_state (panel), ==, CUSP_PLOT_PANEL_FAILED);
  message = cusp_plot_panel_get_message (panel);
  g_assert_nonnull (strstr (message, "offline"));

  g_action_group_change_action_state (G_ACTION_GROUP (app), "offline", g_variant_new_boolean (FALSE));
  g_assert_false (cusp_cache_get_offline (cusp_cache_get_default ()));
}

/* Remove Server (the row's menu action) drops the row and the file entry. */
static void
test_remove_server (Fixture       *f,
                    gconstpointer  data)
{
  GListModel *rows = cusp_inventory_view_get_rows (f->view);
  g_autofree char *ini = NULL;

  g_assert_cmpint (find_row (rows, ROOT_ID), >=, 0);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "remove-server",
                                  g_variant_new_string (server_url));
  g_assert_cmpint (find_row (rows, ROOT_ID), ==, -1);
  ini = read_servers_ini ();
  g_assert_null (strstr (ini, server_url));
  /* Built-in ones stay. */
  g_assert_cmpint (find_row (rows, "hapi-cdaweb"), >=, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("CUSP_NO_DEFAULT_LAYOUT", "1", TRUE);
  config_dir = cusp_test_make_tmp_dir ("cusp-remote-config-XXXXXX");
  cache_dir = cusp_test_make_tmp_dir ("cusp-remote-cache-XXXXXX");
  g_setenv ("CUSP_CONFIG_DIR", config_dir, TRUE);
  g_setenv ("CUSP_CACHE_DIR", cache_dir, TRUE);

  cusp_test_gtk_init (&argc, &argv);
  hapi_test_server_start (&server);
  server_url = g_strdup_printf ("%s/v3/hapi", server.root);

  app = cusp_application_new ();
  cusp_test_register_application (G_APPLICATION (app));

  /* In this order: each builds on the server state the previous left. */
  g_test_add ("/cusp/remote-window/add-server", Fixture, NULL,
              fixture_set_up, test_add_server, fixture_tear_down);
  g_test_add ("/cusp/remote-window/browse-and-plot", Fixture, NULL,
              fixture_set_up, test_browse_and_plot, fixture_tear_down);
  g_test_add ("/cusp/remote-window/text-product", Fixture, NULL,
              fixture_set_up, test_text_product, fixture_tear_down);
  g_test_add ("/cusp/remote-window/trickle-and-cancel", Fixture, NULL,
              fixture_set_up, test_trickle_and_cancel, fixture_tear_down);
  g_test_add ("/cusp/remote-window/progress", Fixture, NULL,
              fixture_set_up, test_progress, fixture_tear_down);
  g_test_add ("/cusp/remote-window/errors", Fixture, NULL,
              fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/cusp/remote-window/offline", Fixture, NULL,
              fixture_set_up, test_offline, fixture_tear_down);
  g_test_add ("/cusp/remote-window/remove-server", Fixture, NULL,
              fixture_set_up, test_remove_server, fixture_tear_down);

  status = g_test_run ();

  g_object_unref (app);
  hapi_test_server_stop (&server);
  cusp_test_remove_tree (config_dir);
  cusp_test_remove_tree (cache_dir);
  g_free (config_dir);
  g_free (cache_dir);
  g_free (server_url);
  return status;
}
