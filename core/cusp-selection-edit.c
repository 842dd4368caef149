#define G_LOG_DOMAIN "cusp-selection"

#include "config.h"

#include "cusp-selection-edit.h"

#include <math.h>

#include "cusp-plot-transform.h"

static double
segment_x (gint64   tai,
           CuspTime t0,
           CuspTime t1,
           double   x0,
           double   width)
{
  return cusp_plot_time_to_x (cusp_time_from_tai_seconds (tai), t0, t1, x0, width);
}

/* Keeps a candidate edge when it is nearer than the best so far. */
static void
consider_edge (double            d,
               double            inside,
               double            outside,
               CuspSelectionHit  hit,
               int               i,
               double           *best,
               CuspSelectionHit *best_hit,
               int              *best_index)
{
  /* On a tie (adjacent segments) the edge the pointer is inside wins. */
  double score = fabs (d) + (d < 0 ? 1e-6 : 0.0);

  if (d < -outside || d > inside || score >= *best)
    return;
  *best = score;
  *best_hit = hit;
  *best_index = i;
}

CuspSelectionHit
cusp_selection_hit_test (const CuspBurstSegment *segments,
                         guint                   n_segments,
                         CuspTime                t0,
                         CuspTime                t1,
                         double                  x0,
                         double                  width,
                         double                  x,
                         double                  tolerance,
                         int                    *index)
{
  CuspSelectionHit hit = CUSP_SELECTION_HIT_NONE;
  double best = G_MAXDOUBLE;
  int found = -1, body = -1;

  g_return_val_if_fail (segments != NULL || n_segments == 0, CUSP_SELECTION_HIT_NONE);

  for (guint i = 0; i < n_segments && t1 > t0; i++)
    {
      double xs = segment_x (segments[i].start, t0, t1, x0, width);
      double xe = segment_x (segments[i].stop, t0, t1, x0, width);
      double inside = MIN (tolerance, (xe - xs) / 3.0);

      if (xe < x - tolerance || xs > x + tolerance)
        continue;
      /* Distances measured inwards: positive inside the segment. */
      consider_edge (x - xs, inside, tolerance, CUSP_SELECTION_HIT_START, (int) i,
                     &best, &hit, &found);
      consider_edge (xe - x, inside, tolerance, CUSP_SELECTION_HIT_STOP, (int) i,
                     &best, &hit, &found);
      if (x >= xs && x < xe)
        body = (int) i;
    }
  if (hit == CUSP_SELECTION_HIT_NONE && body >= 0)
    {
      hit = CUSP_SELECTION_HIT_BODY;
      found = body;
    }
  if (index != NULL)
    *index = found;
  return hit;
}

/* The drag rounded to whole buffers, a half buffer to the earlier side as
 * the snapping does. */
static gint64
whole_buffers (gint64 dt)
{
  gint64 b = CUSP_BURST_BUFFER_SECONDS;
  gint64 q = dt >= 0 ? dt / b : -((-dt) / b);
  gint64 r = dt - q * b;

  if (2 * r > b)
    q++;
  else if (2 * r <= -b)
    q--;
  return q * b;
}

void
cusp_selection_drag_times (CuspSelection    *selection,
                           CuspSelectionHit  hit,
                           gint64            seg_start,
                           gint64            seg_stop,
                           gint64            t_press,
                           gint64            t_now,
                           gint64           *start,
                           gint64           *stop)
{
  const gint64 one = CUSP_BURST_BUFFER_SECONDS;
  gint64 w0, w1, a, b;

  g_return_if_fail (CUSP_IS_SELECTION (selection));
  g_return_if_fail (start != NULL && stop != NULL);

  w0 = cusp_selection_get_window_start (selection);
  w1 = cusp_selection_get_window_stop (selection);
  switch (hit)
    {
    case CUSP_SELECTION_HIT_BODY:
      {
        gint64 length = seg_stop - seg_start;

        a = seg_start + whole_buffers (t_now - t_press);
        a = CLAMP (a, w0, MAX (w0, w1 - length));
        b = a + length;
      }
      break;
    case CUSP_SELECTION_HIT_START:
      a = cusp_selection_snap_nearest (selection, seg_start + (t_now - t_press));
      a = CLAMP (a, w0, seg_stop - one);
      b = seg_stop;
      break;
    case CUSP_SELECTION_HIT_STOP:
      b = cusp_selection_snap_nearest (selection, seg_stop + (t_now - t_press));
      b = CLAMP (b, seg_start + one, w1);
      a = seg_start;
      break;
    case CUSP_SELECTION_HIT_NONE:
    default:
      a = cusp_selection_snap_nearest (selection, MIN (t_press, t_now));
      b = cusp_selection_snap_nearest (selection, MAX (t_press, t_now));
      a = CLAMP (a, w0, w1 - one);
      b = CLAMP (b, a + one, w1);
      break;
    }
  *start = a;
  *stop = b;
}

double
cusp_selection_clamp_fom (double fom)
{
  CuspValidationLimits limits;

  if (isnan (fom))
    {
      cusp_validation_limits_init (&limits);
      return limits.new_fom;
    }
  return CLAMP (fom, CUSP_SELECTION_EDIT_FOM_MIN, CUSP_SELECTION_EDIT_FOM_MAX);
}

double
cusp_selection_preset_fom (int category)
{
  static const double presets[CUSP_N_FOM_CATEGORIES] = { 200.0, 150.0, 100.0, 50.0, 25.0 };

  if (category < 0 || category >= CUSP_N_FOM_CATEGORIES)
    return NAN;
  return presets[category];
}

double
cusp_selection_warning_buffers (guint target,
                                guint buff_max)
{
  return target + 0.2 * ((double) buff_max - target);
}

CuspBufferLevel
cusp_selection_buffer_level (guint n_buffers,
                             guint target,
                             guint buff_max)
{
  if (n_buffers <= cusp_selection_warning_buffers (target, buff_max))
    return CUSP_BUFFER_LEVEL_OK;
  if (n_buffers <= buff_max)
    return CUSP_BUFFER_LEVEL_WARNING;
  return CUSP_BUFFER_LEVEL_OVER;
}
