/* bench-inventory-search.c: time per keystroke of the inventory search on
 * a synthetic inventory of 3000 datasets × 20 parameters × 3 components
 * (tests/inventory-synth.h), in a shown window, typing queries one
 * character at a time.  "filter" is cusp_inventory_view_set_search_text()
 * (search, filter, tree rebuild, branch opening); "frame" adds the main
 * loop work until idle (layout, binding the visible rows).  Needs a
 * display (run under xvfb-run like the widgets suite).
 */
#define G_LOG_DOMAIN "bench-inventory-search"

#include "config.h"

#include <time.h>
#include <gtk/gtk.h>

#include "cusp-inventory-view.h"
#include "inventory-synth.h"

/* CPU time of this thread: the machine may be busy with other work. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
type_query (CuspInventoryView *view,
            const char        *query)
{
  double worst_filter = 0, worst_frame = 0, sum_filter = 0, sum_frame = 0;
  double worst_cpu = 0, sum_cpu = 0;
  guint n = 0;
  size_t len = strlen (query);

  for (size_t k = 1; k <= len; k++)
    {
      g_autofree char *prefix = g_strndup (query, k);
      gint64 t0 = g_get_monotonic_time (), t1, t2;
      double c0 = cpu_ms (), c1;

      cusp_inventory_view_set_search_text (view, prefix);
      t1 = g_get_monotonic_time ();
      drain ();
      t2 = g_get_monotonic_time ();
      c1 = cpu_ms ();
      worst_cpu = MAX (worst_cpu, c1 - c0);
      sum_cpu += c1 - c0;
      worst_filter = MAX (worst_filter, (t1 - t0) / 1000.0);
      worst_frame = MAX (worst_frame, (t2 - t0) / 1000.0);
      sum_filter += (t1 - t0) / 1000.0;
      sum_frame += (t2 - t0) / 1000.0;
      n++;
    }
  g_print ("%-20s %2u keys  filter mean %5.1f max %5.1f ms | +frame mean %5.1f max %5.1f ms | "
           "CPU mean %5.1f max %5.1f ms  (%u rows)\n",
           query, n, sum_filter / n, worst_filter, sum_frame / n, worst_frame,
           sum_cpu / n, worst_cpu, g_list_model_get_n_items (cusp_inventory_view_get_rows (view)));
  cusp_inventory_view_set_search_text (view, "");
  drain ();
}

int
main (int   argc,
      char *argv[])
{
  const char *queries[] = { "mms1 fgm gse", "b_gse", "mms3 edp d07 e_dsl", "gse fgm mms2", "x" };
  g_autoptr(GListStore) roots = g_list_store_new (CUSP_TYPE_INVENTORY_NODE);
  g_autoptr(CuspInventoryNode) root = NULL;
  GtkWidget *window, *view;
  gint64 t0;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!gtk_init_check ())
    {
      g_printerr ("bench-inventory-search: no display; run it under xvfb-run\n");
      return 1;
    }

  t0 = g_get_monotonic_time ();
  root = synth_inventory_new ();
  g_list_store_append (roots, root);
  g_print ("synthetic inventory built in %.0f ms\n", (g_get_monotonic_time () - t0) / 1000.0);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 900);
  view = cusp_inventory_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  cusp_inventory_view_set_roots (CUSP_INVENTORY_VIEW (view), G_LIST_MODEL (roots));
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 50; i++)
    {
      drain ();
      g_usleep (10000);
    }

  /* The first search folds every name once; later ones reuse it. */
  t0 = g_get_monotonic_time ();
  cusp_inventory_view_set_search_text (CUSP_INVENTORY_VIEW (view), "q");
  g_print ("first search (folds every name): %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
  cusp_inventory_view_set_search_text (CUSP_INVENTORY_VIEW (view), "");
  drain ();

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    type_query (CUSP_INVENTORY_VIEW (view), queries[i]);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  return 0;
}
