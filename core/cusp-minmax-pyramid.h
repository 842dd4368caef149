/* cusp-minmax-pyramid.h: per-pixel-column min/max/first/last of a series
 *
 * A binary pyramid of blocks over one value column.  Level 0 holds one
 * node per CUSP_MINMAX_PYRAMID_BLOCK samples; level l merges two nodes of
 * level l-1.  A query for W pixel columns over [t0, t1) combines the
 * largest whole nodes that fit inside each column with exact scans of the
 * raw samples at the column edges, so the result equals a brute-force scan
 * exactly: a single spike is never lost.
 *
 * "Finite" below means not NaN and not ±Inf: non-finite samples are
 * ignored by min/max/first/last and counted as gaps.
 *
 * The pyramid is immutable once built, so one pyramid may be queried from
 * several threads at once.
 */
#pragma once

#include <glib-object.h>
#include "cusp-time.h"

G_BEGIN_DECLS

#define CUSP_TYPE_MINMAX_PYRAMID (cusp_minmax_pyramid_get_type ())

/* Samples per level-0 node. */
#define CUSP_MINMAX_PYRAMID_BLOCK 64

/* Room cusp_minmax_pyramid_to_polyline() needs in xs and ys. */
#define CUSP_MINMAX_POLYLINE_MAX_VERTICES(width) (5 * (gsize) (width))

typedef struct _CuspMinmaxPyramid CuspMinmaxPyramid;

/* Statistics of the samples of one pixel column (or index range).
 * min_first: the first occurrence of min comes no later than the first
 * occurrence of max (TRUE when min == max).  gap_before: a non-finite
 * sample precedes the first finite one, or the column holds only
 * non-finite samples.  gap_after: a non-finite sample follows the last
 * finite one (or only non-finite samples).  With count == 0 the four
 * doubles are NaN. */
typedef struct
{
  double min;
  double max;
  double first;
  double last;
  guint  count;        /* finite samples */
  guint  min_first  : 1;
  guint  gap_before : 1;
  guint  gap_after  : 1;
} CuspColumnStats;

GType               cusp_minmax_pyramid_get_type        (void) G_GNUC_CONST;

/* times (sorted, non-decreasing) and values (n of each) are borrowed: they
 * must stay alive and unchanged until the last unref.  Use _new_full to
 * tie their lifetime to the pyramid, e.g.
 *   cusp_minmax_pyramid_new_full (s->times, cusp_series_column (s, c),
 *                                 s->n_samples, cusp_series_ref (s),
 *                                 (GDestroyNotify) cusp_series_unref);
 * Building is one pass over the values; it may run in a worker thread. */
CuspMinmaxPyramid  *cusp_minmax_pyramid_new             (const CuspTime *times,
                                                         const double   *values,
                                                         gsize           n);
CuspMinmaxPyramid  *cusp_minmax_pyramid_new_full        (const CuspTime *times,
                                                         const double   *values,
                                                         gsize           n,
                                                         gpointer        owner,
                                                         GDestroyNotify  owner_destroy);
CuspMinmaxPyramid  *cusp_minmax_pyramid_ref             (CuspMinmaxPyramid *self);
void                cusp_minmax_pyramid_unref           (CuspMinmaxPyramid *self);

gsize               cusp_minmax_pyramid_get_n_samples   (const CuspMinmaxPyramid *self);
/* Bytes owned by the pyramid (the borrowed arrays are not counted). */
gsize               cusp_minmax_pyramid_get_memory_size (const CuspMinmaxPyramid *self);

/* Column c covers times [t0 + floor(c·(t1-t0)/width),
 * t0 + floor((c+1)·(t1-t0)/width)), in exact integer arithmetic.  out
 * holds width entries.  Does not allocate.  With t1 <= t0 every column is
 * empty. */
void                cusp_minmax_pyramid_query           (const CuspMinmaxPyramid *self,
                                                         CuspTime                 t0,
                                                         CuspTime                 t1,
                                                         guint                    width,
                                                         CuspColumnStats         *out);
/* The column layout of cusp_minmax_pyramid_query() as sample indices:
 * column c holds samples [bounds[c], bounds[c+1]) of times (sorted, n of
 * them).  bounds holds width + 1 entries.  With t1 <= t0 every column is
 * empty.  Compute it once per series and query each component with
 * cusp_minmax_pyramid_query_bounds(): the components share the times, so
 * the search for the column edges need not be repeated. */
void                cusp_minmax_pyramid_column_bounds   (const CuspTime          *times,
                                                         gsize                    n,
                                                         CuspTime                 t0,
                                                         CuspTime                 t1,
                                                         guint                    width,
                                                         gsize                   *bounds);
/* Same as cusp_minmax_pyramid_query() for columns given as index ranges
 * [bounds[c], bounds[c+1]) (clamped to the data; non-decreasing), e.g.
 * from cusp_minmax_pyramid_column_bounds().  Does not allocate. */
void                cusp_minmax_pyramid_query_bounds    (const CuspMinmaxPyramid *self,
                                                         const gsize             *bounds,
                                                         guint                    width,
                                                         CuspColumnStats         *out);
/* Statistics of samples [start, end) (clamped to the data), e.g. for
 * autoscaling the y axis to the visible range. */
void                cusp_minmax_pyramid_range_stats     (const CuspMinmaxPyramid *self,
                                                         gsize                    start,
                                                         gsize                    end,
                                                         CuspColumnStats         *out);

/* Turns column statistics into a polyline for the renderer.  x is in
 * pixel-column units (column c spans [c, c+1)), y in data units.  A column
 * with one finite sample gives one vertex (c+0.5, value).  A column with
 * more gives first at c+0.25, then the two extremes at c+0.5 in the order
 * in which they occur (min_first), then last at c+0.75; an extreme equal to
 * the y of the vertex just before it is dropped, so 2-4 vertices.  Empty
 * columns give nothing (the line joins across them), but a (NaN, NaN)
 * vertex breaks the line where a non-finite sample lies between two drawn
 * columns.  xs and ys need CUSP_MINMAX_POLYLINE_MAX_VERTICES (width)
 * entries.  Returns the number of vertices written. */
guint               cusp_minmax_pyramid_to_polyline     (const CuspColumnStats *cols,
                                                         guint                  width,
                                                         double                *xs,
                                                         double                *ys);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspMinmaxPyramid, cusp_minmax_pyramid_unref)

G_END_DECLS
