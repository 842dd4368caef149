/* cusp-series.h: a time series with n value columns
 *
 * Plain reference-counted struct with contiguous arrays.  Values are stored
 * column by column (values[c * n_samples + i]) because reduction and drawing
 * walk one component at a time.  Times are strictly sorted: constructors that
 * take unsorted input call cusp_series_sort() (stable, keeping the last of
 * equal times), which says whether it had to sort.
 */
#pragma once

#include <glib-object.h>
#include "cusp-time.h"
#include "cusp-metadata.h"

G_BEGIN_DECLS

#define CUSP_TYPE_SERIES (cusp_series_get_type ())

typedef struct _CuspSeries CuspSeries;

struct _CuspSeries
{
  /*< public, read-only >*/
  guint         n_samples;
  guint         n_components;
  CuspTime     *times;          /* n_samples, strictly increasing */
  double       *values;         /* n_components * n_samples, column-major */
  char         *name;           /* product name, e.g. "B GSE" */
  char         *unit;           /* e.g. "nT"; may be NULL */
  char        **labels;         /* n_components labels, NULL-terminated */
  CuspMetadata *metadata;       /* source metadata (ISTP attributes, HAPI info) */
  /*< private >*/
  guint         n_allocated;
};

GType        cusp_series_get_type        (void) G_GNUC_CONST;

/* Times must be sorted unless cusp_series_sort() is called after filling. */
CuspSeries  *cusp_series_new             (guint        n_samples,
                                          guint        n_components);
/* Adopts times (n_samples) and column-major values (n_components *
 * n_samples), both from g_malloc, without copying: for parsers that decode
 * straight into their final arrays. */
CuspSeries  *cusp_series_new_take        (CuspTime    *times,
                                          double      *values,
                                          guint        n_samples,
                                          guint        n_components);
CuspSeries  *cusp_series_ref             (CuspSeries  *self);
void         cusp_series_unref           (CuspSeries  *self);

static inline double *
cusp_series_column (CuspSeries *self,
                    guint       component)
{
  return self->values + (gsize) component * self->n_samples;
}

void         cusp_series_set_name        (CuspSeries  *self,
                                          const char  *name);
void         cusp_series_set_unit        (CuspSeries  *self,
                                          const char  *unit);
void         cusp_series_set_label       (CuspSeries  *self,
                                          guint        component,
                                          const char  *label);
/* Replaces the metadata (takes a new reference).  Added. */
void         cusp_series_set_metadata    (CuspSeries   *self,
                                          CuspMetadata *metadata);
/* Changes n_samples keeping the first rows of every column (new rows are
 * zero), for readers that do not know the count in advance.  Added. */
void         cusp_series_resize          (CuspSeries  *self,
                                          guint        n_samples);
/* Every value equal to fill (and, when valid_min < valid_max, every value
 * outside [valid_min, valid_max]) becomes NaN.  Returns how many changed. */
gsize        cusp_series_apply_fill      (CuspSeries  *self,
                                          double       fill,
                                          double       valid_min,
                                          double       valid_max);
/* Sorts by time (stable) and drops duplicate times keeping the later row.
 * Returns TRUE if the input was not already strictly increasing. */
gboolean     cusp_series_sort            (CuspSeries  *self);
gboolean     cusp_series_is_sorted       (const CuspSeries *self);

/* Index of the first sample with time >= t (n_samples if none): binary search. */
guint        cusp_series_lower_bound     (const CuspSeries *self,
                                          CuspTime          t);
/* New series with the samples in [start, stop).  Metadata is shared. */
CuspSeries  *cusp_series_slice           (const CuspSeries *self,
                                          CuspTime          start,
                                          CuspTime          stop);
/* Merge fragments (cache, concatenated files): the result is sorted; where
 * fragments overlap in time, the samples of the later fragment in the array
 * win over that fragment's span.  Fragments must have the same component
 * count, or NULL is returned with an error. */
CuspSeries  *cusp_series_merge           (CuspSeries *const *fragments,
                                          guint              n_fragments,
                                          GError           **error);
/* New series whose last component is the Euclidean norm of the others. */
CuspSeries  *cusp_series_add_norm        (const CuspSeries *self,
                                          const char       *label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspSeries, cusp_series_unref)

G_END_DECLS
