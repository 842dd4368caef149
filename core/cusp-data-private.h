/* cusp-data-private.h: helpers shared by the time-indexed containers
 *
 * Series, spectrograms and region labels sort, slice and merge the same
 * way; the index bookkeeping lives here (implemented in cusp-data.c) and
 * each container only moves its own columns.
 */
#pragma once

#include <glib.h>
#include "cusp-time.h"

G_BEGIN_DECLS

/* Rows [first, stop) of fragment `fragment`. */
typedef struct
{
  guint fragment;
  guint first;
  guint stop;
} CuspMergePiece;

/* First index with times[i] >= t (n if none). */
guint     _cusp_times_lower_bound  (const CuspTime *times,
                                    guint           n,
                                    CuspTime        t);
/* First index with times[i] > t (n if none). */
guint     _cusp_times_upper_bound  (const CuspTime *times,
                                    guint           n,
                                    CuspTime        t);
gboolean  _cusp_times_are_sorted   (const CuspTime *times,
                                    guint           n);
/* Row order that sorts times (stable) keeping only the last row of equal
 * times.  NULL when times are already strictly increasing. */
guint    *_cusp_sort_plan          (const CuspTime *times,
                                    guint           n,
                                    guint          *n_kept);
/* Pieces to copy, in time order, so that each fragment wins over the
 * earlier ones on its span [first time, last time].  Fragments must be
 * strictly increasing.  *n_total receives the number of rows. */
GArray   *_cusp_merge_plan         (const CuspTime *const *times,
                                    const guint           *lengths,
                                    guint                  n_fragments,
                                    guint                 *n_total);
/* Index of the first fragment with rows, the one a merged container
 * takes its names and metadata from (0 when all are empty). */
guint     _cusp_merge_like         (const guint *lengths,
                                    guint        n_fragments);
/* Rows [first, stop) of fragment src copied into dst from row at. */
typedef void (*CuspCopyRowsFunc) (gpointer      dst,
                                  guint         at,
                                  gconstpointer src,
                                  guint         first,
                                  guint         stop);
/* Copies the pieces of a _cusp_merge_plan() into dst, in order. */
void      _cusp_merge_copy         (const GArray          *pieces,
                                    gpointer               dst,
                                    gconstpointer const   *fragments,
                                    CuspCopyRowsFunc       copy);
/* n_components empty labels, NULL-terminated (g_strfreev). */
char    **_cusp_empty_labels       (guint n_components);
/* Count of values that turned NaN. */
gsize     _cusp_values_apply_fill  (double *values,
                                    gsize   n,
                                    double  fill,
                                    double  valid_min,
                                    double  valid_max);

G_END_DECLS
