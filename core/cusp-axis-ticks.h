/* cusp-axis-ticks.h: tick positions and labels for value and time axes
 *
 * Plain functions returning GArrays whose clear function frees the
 * labels, so g_array_unref() is all the caller does.
 */
#pragma once

#include <glib.h>
#include "cusp-time.h"

G_BEGIN_DECLS

typedef struct
{
  double   value;
  char    *label;   /* NULL for minor ticks */
  gboolean major;
} CuspAxisTick;

typedef struct
{
  CuspTime t;
  char    *label;       /* NULL for minor ticks */
  char    *date_label;  /* second row: set on the first major tick and where
                         * the date changes (sub-day steps only), else NULL */
  gboolean major;
} CuspTimeTick;

/* Linear axis: the smallest step of the form {1, 2, 2.5, 5} × 10^k that
 * gives at most target_count intervals over [min, max]; every multiple of
 * the step inside [min, max] (ends included) is a labelled major tick.
 * All labels share the step's number of decimals ("0.25", "0.50") and
 * never read "-0".  When the largest |tick| is >= 1e6 or below 1e-3, labels
 * use a mantissa and a power of ten, "1.5×10⁶".  max == min gives one
 * tick; non-finite input or max < min gives none. */
GArray *cusp_axis_ticks_linear   (double min,
                                  double max,
                                  guint  target_count);

/* Log axis (min > 0): major ticks on decades labelled "10³", "10⁻²"
 * (Unicode superscripts); when the decades outnumber target_count, every
 * s-th decade is labelled and the others become minor ticks; otherwise
 * 2..9 × 10^k are minor ticks.  If fewer than two decades fall inside
 * [min, max] the linear ticks are returned instead. */
GArray *cusp_axis_ticks_log      (double min,
                                  double max,
                                  guint  target_count);

/* Formats v like the labels of a linear axis with the given step (used for
 * read-outs that must agree with the axis). */
char   *cusp_axis_format_value   (double v,
                                  double step);

/* Time axis over [t0, t1] (ends included) drawn width_px wide: the
 * smallest step of the ladder 1, 2, 5 ... 500 ns, µs, ms; 1, 2, 5, 10, 15,
 * 30 s; 1, 2, 5, 10, 15, 30 min; 1, 2, 3, 6, 12 h; 1, 2, 5, 10 d; 1, 2, 3,
 * 6 months; 1, 2, 5, 10, 20, 50, 100 years whose shortest real length
 * spans at least min_spacing_px.  Ticks fall on UTC boundaries
 * (cusp_time_floor): 23:59:60 is a tick only with the 1 s step (and the
 * sub-second steps inside it); minute ticks around a leap second are 61 s
 * apart.  Multi-day steps count days within the month (1, 6, 11, ...) and
 * drop a tick closer than ¾ step to the next month's first day.
 * Labels: "2015", "2015-10", "2015-10-16" for year, month, day steps;
 * "HH:MM" for minutes and hours; "HH:MM:SS"; "HH:MM:SS.fff" for
 * milliseconds, ".ffffff" microseconds, ".fffffffff" nanoseconds.
 * Minor ticks (unlabelled) subdivide each step.  Sorted by time. */
GArray *cusp_time_ticks_compute  (CuspTime t0,
                                  CuspTime t1,
                                  double   width_px,
                                  double   min_spacing_px);

G_END_DECLS
