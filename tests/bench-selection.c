/* bench-selection.c: one SITL edit at 2000 segments, as the window does it
 *
 * Per iteration: one edit of the selection (a FOM change, which journals
 * nothing here), EVA's validation of all segments, and a redraw of four
 * lanes (ABS, GLS, SITL, BAK, each 2000 segments) at 1920 × 62 px into a
 * Cairo image surface with the lanes' own draw function.  Prints the
 * median and 95th percentile; the target is one frame (16 ms).
 * Needs a display for GTK (xvfb-run). */
#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>

#include "cusp-selection-lane.h"
#include "cusp-selection-validate.h"

#define N_SEGMENTS 2000
#define N_RUNS 200
#define T0 G_GINT64_CONSTANT (1819800000)

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GArray) segments = cusp_burst_segment_array_new ();
  g_autoptr (CuspSelection) selection = NULL;
  GtkWidget *lanes[4];
  cairo_surface_t *surface;
  cairo_t *cr;
  double times[N_RUNS];

  g_setenv ("GDK_BACKEND", "x11", FALSE);
  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-selection: no display (run under xvfb-run)\n");
      return 1;
    }
  for (guint i = 0; i < N_SEGMENTS; i++)
    {
      CuspBurstSegment s;

      cusp_burst_segment_init (&s);
      s.start = T0 + 40 * (gint64) i;
      s.stop = s.start + 30;
      s.fom = 10 + (i * 37) % 240;
      s.status = g_strdup (i % 4 == 0 ? "COMPLETE+FINISHED" : i % 4 == 1 ? "INCOMPLETE" : i % 4 == 2 ? "DEMOTED" : "NEW");
      g_array_append_val (segments, s);
    }
  selection = cusp_selection_new (T0, T0 + 40 * N_SEGMENTS, T0, 1000);
  cusp_selection_set_initial (selection, (const CuspBurstSegment *) (gpointer) segments->data, segments->len);
  for (int k = 0; k < 4; k++)
    {
      lanes[k] = g_object_ref_sink (cusp_selection_lane_new ("L", k == 3 ? CUSP_SELECTION_LANE_BAKSTR
                                                             : CUSP_SELECTION_LANE_FOM));
      if (k == 2)
        cusp_selection_lane_set_selection (CUSP_SELECTION_LANE (lanes[k]), selection);
      else
        cusp_selection_lane_set_segments (CUSP_SELECTION_LANE (lanes[k]), segments);
      cusp_selection_lane_set_range (CUSP_SELECTION_LANE (lanes[k]), cusp_time_from_tai_seconds (T0),
                                     cusp_time_from_tai_seconds (T0 + 40 * N_SEGMENTS));
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 62);
  cr = cairo_create (surface);

  for (int run = 0; run < N_RUNS; run++)
    {
      gint64 t = g_get_monotonic_time ();
      GPtrArray *problems;
      const GArray *current;

      cusp_selection_set_fom (selection, (guint) (run * 7919) % N_SEGMENTS, 20 + run % 200, NULL);
      current = cusp_selection_get_segments (selection);
      problems = cusp_selection_validate ((const CuspBurstSegment *) (gpointer) current->data, current->len, NULL);
      for (int k = 0; k < 4; k++)
        cusp_selection_lane_draw (CUSP_SELECTION_LANE (lanes[k]), cr, 1920, 62);
      cairo_surface_flush (surface);
      g_ptr_array_unref (problems);
      times[run] = (g_get_monotonic_time () - t) / 1000.0;
    }
  qsort (times, N_RUNS, sizeof (double), cmp_double);
  printf ("edit + validation + 4 lanes at 1920 px, %d segments: median %.2f ms, p95 %.2f ms "
          "(target < 16 ms)\n", N_SEGMENTS, times[N_RUNS / 2], times[(int) (N_RUNS * 0.95)]);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  for (int k = 0; k < 4; k++)
    g_object_unref (lanes[k]);
  return 0;
}
