/* cusp-plot-transform.h: value ↔ pixel maps and view arithmetic of plots
 *
 * Plain functions shared by the renderer, the widgets and the tests, so a
 * test can compute by hand where a tick or a sample must land.
 */
#pragma once

#include <glib.h>
#include "cusp-minmax-pyramid.h"
#include "cusp-time.h"

G_BEGIN_DECLS

/* Maps [min, max] (linear, or log10 when log) onto pixels [p0, p1].  For a
 * y axis p0 is the bottom pixel and p1 the top one (p1 < p0). */
typedef struct
{
  double   min;
  double   max;
  gboolean log;
  double   p0;
  double   p1;
} CuspAxisTransform;

/* FALSE (and a transform that maps everything to NaN) when the range cannot
 * be drawn: not finite, max <= min, or min <= 0 on a log axis. */
gboolean  cusp_axis_transform_init        (CuspAxisTransform *self,
                                           double             min,
                                           double             max,
                                           gboolean           log,
                                           double             p0,
                                           double             p1);
/* NaN for NaN, and for v <= 0 on a log axis.  Not clamped. */
double    cusp_axis_transform_to_pixel    (const CuspAxisTransform *self,
                                           double                   v);
double    cusp_axis_transform_from_pixel  (const CuspAxisTransform *self,
                                           double                   p);

/* Time ↔ x over [t0, t1) drawn from x0, width pixels wide; the same
 * proportion the min/max pyramid uses for its columns. */
double    cusp_plot_time_to_x             (CuspTime t,
                                           CuspTime t0,
                                           CuspTime t1,
                                           double   x0,
                                           double   width);
CuspTime  cusp_plot_x_to_time             (double   x,
                                           CuspTime t0,
                                           CuspTime t1,
                                           double   x0,
                                           double   width);

/* Whole-pixel heights of n stacked boxes sharing `available' pixels in
 * proportion to weights (a weight that is not > 0 counts as 1): each box
 * gets the floor of its share and the pixels left by rounding go one
 * each to the boxes with the largest remainders (the first on ties), so
 * the heights add up to floor(available) exactly (0s when it is < 0).
 * Added, for panel heights of exported figures. */
void      cusp_plot_split_heights         (double        available,
                                           const double *weights,
                                           guint         n,
                                           double       *out);

/* Pixel edges [*left, *right) of the time span [start, stop) drawn over
 * [t0, t1) from x0, width pixels wide (added, for the runs of a text
 * band): each edge rounded to the nearest pixel boundary, so adjacent
 * spans share an edge with neither a seam nor an overlap, then clamped
 * to [x0, x0 + width].  FALSE when nothing of the span is left (it lies
 * outside, or is narrower than half a pixel). */
gboolean  cusp_plot_time_span_to_pixels   (CuspTime  start,
                                           CuspTime  stop,
                                           CuspTime  t0,
                                           CuspTime  t1,
                                           double    x0,
                                           double    width,
                                           double   *left,
                                           double   *right);

/* A drawable range around the data range [min, max]: 5 % padding on a
 * linear axis (a decade on each side of a single value on a log axis,
 * ±1 or ±10 % of |v| for a single linear value).  On a log axis min is
 * expected positive.  FALSE when min/max are not finite (no data). */
gboolean  cusp_plot_pad_range             (double    min,
                                           double    max,
                                           gboolean  log,
                                           double   *out_min,
                                           double   *out_max);

/* Zooms [min, max] by factor (< 1 zooms in) keeping the value at fraction
 * anchor (0 = min, 1 = max) fixed; in log10 space on a log axis. */
void      cusp_axis_zoom                  (double    min,
                                           double    max,
                                           gboolean  log,
                                           double    anchor,
                                           double    factor,
                                           double   *out_min,
                                           double   *out_max);
/* Same for a time range; the result is at least 1 µs long and stays
 * representable. */
void      cusp_time_range_zoom            (CuspTime  t0,
                                           CuspTime  t1,
                                           double    anchor,
                                           double    factor,
                                           CuspTime *out_t0,
                                           CuspTime *out_t1);
/* Shifts [t0, t1) by fraction of its length (negative: earlier). */
void      cusp_time_range_pan             (CuspTime  t0,
                                           CuspTime  t1,
                                           double    fraction,
                                           CuspTime *out_t0,
                                           CuspTime *out_t1);

/* The typical spacing of sorted times: the median of the positive steps
 * (0 with fewer than two distinct times).  Gaps are steps longer than
 * CUSP_PLOT_GAP_CADENCES cadences. */
#define CUSP_PLOT_GAP_CADENCES 3
CuspTime  cusp_plot_estimate_cadence      (const CuspTime *times,
                                           gsize           n);

/* The data gaps of sorted times: the indices i (a GArray of gsize,
 * ascending) where times[i + 1] - times[i] > max_step, usually
 * CUSP_PLOT_GAP_CADENCES times the cadence.  None when max_step <= 0. */
GArray   *cusp_plot_find_gaps             (const CuspTime *times,
                                           gsize           n,
                                           CuspTime        max_step);
/* Flags the gaps on width columns over [t0, t1) laid out as
 * cusp_minmax_pyramid_query() lays them: gap_after on the column of the
 * last sample before a gap, gap_before on the column of the first sample
 * after it, so cusp_minmax_pyramid_to_polyline() breaks the line between
 * them instead of drawing a straight line over the missing data.  A gap
 * inside one column needs no break at that zoom; an end outside [t0, t1)
 * is not flagged. */
void      cusp_plot_mark_gaps             (const CuspTime  *times,
                                           gsize            n,
                                           const GArray    *gaps,
                                           CuspTime         t0,
                                           CuspTime         t1,
                                           guint            width,
                                           CuspColumnStats *cols);

G_END_DECLS
