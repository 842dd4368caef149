/* cusp-text-series.h: a time series of text values
 *
 * HAPI "string" parameters (SSCWeb's Spacecraft_Region "Magnetosheath",
 * quality flags, mode names) are text sampled in time.  Same shape as
 * CuspSeries but each value is a UTF-8 string: values[c * n_samples + i],
 * column-major, NULL for a fill (missing) value.  Times are strictly
 * increasing (cusp_text_series_sort() keeps the later of equal times).
 * Drawn as a band of coloured runs of equal values (widgets), written as
 * a text column by `cusp fetch`, stored by the cache like the others.
 */
#pragma once

#include <glib-object.h>
#include "cusp-time.h"
#include "cusp-metadata.h"

G_BEGIN_DECLS

#define CUSP_TYPE_TEXT_SERIES (cusp_text_series_get_type ())

typedef struct _CuspTextSeries CuspTextSeries;

struct _CuspTextSeries
{
  /*< public, read-only >*/
  guint         n_samples;
  guint         n_components;
  CuspTime     *times;          /* n_samples, strictly increasing */
  char        **values;         /* n_components * n_samples, column-major; NULL = fill */
  char         *name;
  char        **labels;         /* n_components labels, NULL-terminated */
  CuspMetadata *metadata;
};

GType            cusp_text_series_get_type     (void) G_GNUC_CONST;

/* Empty strings (all values NULL) to be set with _set_value(). */
CuspTextSeries  *cusp_text_series_new          (guint n_samples,
                                                guint n_components);
/* Adopts times (n_samples) and values (n_components * n_samples strings
 * or NULLs, each from g_malloc, the array too) without copying. */
CuspTextSeries  *cusp_text_series_new_take     (CuspTime *times,
                                                char    **values,
                                                guint     n_samples,
                                                guint     n_components);
CuspTextSeries  *cusp_text_series_ref          (CuspTextSeries *self);
void             cusp_text_series_unref        (CuspTextSeries *self);

/* Value of component c at sample i (NULL: fill). */
static inline const char *
cusp_text_series_get_value (const CuspTextSeries *self,
                            guint                 c,
                            guint                 i)
{
  return self->values[(gsize) c * self->n_samples + i];
}

/* Copies value (NULL for fill). */
void             cusp_text_series_set_value    (CuspTextSeries *self,
                                                guint           c,
                                                guint           i,
                                                const char     *value);
void             cusp_text_series_set_name     (CuspTextSeries *self,
                                                const char     *name);
void             cusp_text_series_set_label    (CuspTextSeries *self,
                                                guint           component,
                                                const char     *label);
void             cusp_text_series_set_metadata (CuspTextSeries *self,
                                                CuspMetadata   *metadata);
/* Sorts by time (stable), dropping earlier rows of equal times.  TRUE if
 * the input was not strictly increasing. */
gboolean         cusp_text_series_sort         (CuspTextSeries *self);
guint            cusp_text_series_lower_bound  (const CuspTextSeries *self,
                                                CuspTime              t);
/* New series with the samples in [start, stop) (strings copied). */
CuspTextSeries  *cusp_text_series_slice        (const CuspTextSeries *self,
                                                CuspTime              start,
                                                CuspTime              stop);
/* As cusp_series_merge(): later fragments win over their span; the same
 * component count or NULL with a CUSP_DATA_ERROR_MISMATCH error. */
CuspTextSeries  *cusp_text_series_merge        (CuspTextSeries *const *fragments,
                                                guint                  n_fragments,
                                                GError               **error);

/* Runs of equal values of component c overlapping [start, stop): for a
 * band plot.  Each run covers samples [first, last]; it is drawn from
 * the time of its first sample to the time of the sample after its last
 * one (or its last sample's time plus the median spacing for the last
 * run), so that a band has no holes between runs; a gap longer than
 * max_gap (0: 3 × the median spacing) ends a run at its last sample plus
 * the median spacing.  Fill values make no run. */
typedef struct
{
  CuspTime    start;
  CuspTime    stop;
  const char *value;    /* borrowed from the series */
  guint       first;
  guint       last;
} CuspTextRun;

GArray          *cusp_text_series_runs         (const CuspTextSeries *self,
                                                guint                 c,
                                                CuspTime              start,
                                                CuspTime              stop,
                                                gint64                max_gap);
/* The distinct non-fill values of component c in order of first
 * appearance (borrowed strings), for a stable colour per value. */
GPtrArray       *cusp_text_series_categories   (const CuspTextSeries *self,
                                                guint                 c);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspTextSeries, cusp_text_series_unref)

G_END_DECLS
