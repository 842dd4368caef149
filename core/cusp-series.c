#define G_LOG_DOMAIN "cusp-series"

#include "config.h"

#include "cusp-series.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cusp-data.h"
#include "cusp-data-private.h"

/* Sorting: cusp_series_sort() orders rows by time with a stable sort and,
 * among rows of equal time, keeps only the last one (a later row is a later
 * correction of the same instant).  Slice, lower_bound and merge assume
 * sorted input; merge checks it and fails with CUSP_DATA_ERROR_INVALID. */

G_DEFINE_BOXED_TYPE (CuspSeries, cusp_series, cusp_series_ref, cusp_series_unref)

CuspSeries *
cusp_series_new (guint n_samples,
                 guint n_components)
{
  CuspSeries *self = g_atomic_rc_box_new0 (CuspSeries);

  self->n_samples = n_samples;
  self->n_components = n_components;
  self->n_allocated = n_samples;
  self->times = g_new0 (CuspTime, n_samples);
  self->values = g_new0 (double, (gsize) n_samples * n_components);
  self->labels = _cusp_empty_labels (n_components);
  self->metadata = cusp_metadata_new ();

  return self;
}

CuspSeries *
cusp_series_new_take (CuspTime *times,
                      double   *values,
                      guint     n_samples,
                      guint     n_components)
{
  CuspSeries *self = g_atomic_rc_box_new0 (CuspSeries);

  g_return_val_if_fail (n_samples == 0 || (times != NULL && values != NULL), NULL);

  self->n_samples = n_samples;
  self->n_components = n_components;
  self->n_allocated = n_samples;
  self->times = times;
  self->values = values;
  self->labels = _cusp_empty_labels (n_components);
  self->metadata = cusp_metadata_new ();

  return self;
}

CuspSeries *
cusp_series_ref (CuspSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
cusp_series_clear (gpointer data)
{
  CuspSeries *self = data;

  g_clear_pointer (&self->times, g_free);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->metadata, cusp_metadata_unref);
}

void
cusp_series_unref (CuspSeries *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, cusp_series_clear);
}

void
cusp_series_set_name (CuspSeries *self,
                      const char *name)
{
  g_return_if_fail (self != NULL);

  if (self->name != name)
    {
      g_free (self->name);
      self->name = g_strdup (name);
    }
}

void
cusp_series_set_unit (CuspSeries *self,
                      const char *unit)
{
  g_return_if_fail (self != NULL);

  if (self->unit != unit)
    {
      g_free (self->unit);
      self->unit = g_strdup (unit);
    }
}

void
cusp_series_set_label (CuspSeries *self,
                       guint       component,
                       const char *label)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (component < self->n_components);

  if (self->labels[component] != label)
    {
      g_free (self->labels[component]);
      /* A NULL would end the NULL-terminated array early. */
      self->labels[component] = g_strdup (label ? label : "");
    }
}

void
cusp_series_set_metadata (CuspSeries   *self,
                          CuspMetadata *metadata)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (metadata != NULL);

  cusp_metadata_ref (metadata);
  g_clear_pointer (&self->metadata, cusp_metadata_unref);
  self->metadata = metadata;
}

void
cusp_series_resize (CuspSeries *self,
                    guint       n_samples)
{
  guint n_keep;
  double *values;

  g_return_if_fail (self != NULL);

  if (n_samples == self->n_samples)
    return;

  n_keep = MIN (n_samples, self->n_samples);
  values = g_new0 (double, (gsize) n_samples * self->n_components);
  for (guint c = 0; c < self->n_components; c++)
    if (n_keep > 0)
      memcpy (values + (gsize) c * n_samples,
              self->values + (gsize) c * self->n_samples,
              n_keep * sizeof (double));

  self->times = g_renew (CuspTime, self->times, n_samples);
  if (n_samples > n_keep)
    memset (self->times + n_keep, 0, (n_samples - n_keep) * sizeof (CuspTime));

  g_free (self->values);
  self->values = values;
  self->n_samples = n_samples;
  self->n_allocated = n_samples;
}

gsize
cusp_series_apply_fill (CuspSeries *self,
                        double      fill,
                        double      valid_min,
                        double      valid_max)
{
  g_return_val_if_fail (self != NULL, 0);

  return _cusp_values_apply_fill (self->values,
                                  (gsize) self->n_samples * self->n_components,
                                  fill, valid_min, valid_max);
}

gboolean
cusp_series_sort (CuspSeries *self)
{
  g_autofree guint *order = NULL;
  CuspTime *times;
  double *values;
  guint n_kept;

  g_return_val_if_fail (self != NULL, FALSE);

  order = _cusp_sort_plan (self->times, self->n_samples, &n_kept);
  if (order == NULL)
    return FALSE;

  times = g_new (CuspTime, n_kept);
  values = g_new (double, (gsize) n_kept * self->n_components);
  for (guint k = 0; k < n_kept; k++)
    times[k] = self->times[order[k]];
  for (guint c = 0; c < self->n_components; c++)
    {
      const double *src = cusp_series_column (self, c);

      for (guint k = 0; k < n_kept; k++)
        values[(gsize) c * n_kept + k] = src[order[k]];
    }

  g_free (self->times);
  g_free (self->values);
  self->times = times;
  self->values = values;
  self->n_samples = n_kept;
  self->n_allocated = n_kept;

  return TRUE;
}

gboolean
cusp_series_is_sorted (const CuspSeries *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return _cusp_times_are_sorted (self->times, self->n_samples);
}

guint
cusp_series_lower_bound (const CuspSeries *self,
                         CuspTime          t)
{
  g_return_val_if_fail (self != NULL, 0);

  return _cusp_times_lower_bound (self->times, self->n_samples, t);
}

/* Empty series of n samples with the descriptive fields of `like`. */
static CuspSeries *
cusp_series_new_like (const CuspSeries *like,
                      guint             n_samples,
                      guint             n_components)
{
  CuspSeries *self = cusp_series_new (n_samples, n_components);

  cusp_series_set_name (self, like->name);
  cusp_series_set_unit (self, like->unit);
  for (guint c = 0; c < MIN (n_components, like->n_components); c++)
    cusp_series_set_label (self, c, like->labels[c]);
  cusp_series_set_metadata (self, like->metadata);

  return self;
}

/* Rows [first, stop) of src go to row `at` of dst, column by column. */
static void
copy_rows (CuspSeries       *dst,
           guint             at,
           const CuspSeries *src,
           guint             first,
           guint             stop)
{
  guint n = stop - first;

  if (n == 0)
    return;

  memcpy (dst->times + at, src->times + first, n * sizeof (CuspTime));
  for (guint c = 0; c < src->n_components; c++)
    memcpy (dst->values + (gsize) c * dst->n_samples + at,
            src->values + (gsize) c * src->n_samples + first,
            n * sizeof (double));
}

CuspSeries *
cusp_series_slice (const CuspSeries *self,
                   CuspTime          start,
                   CuspTime          stop)
{
  CuspSeries *slice;
  guint first, last;

  g_return_val_if_fail (self != NULL, NULL);

  first = cusp_series_lower_bound (self, start);
  last = stop > start ? cusp_series_lower_bound (self, stop) : first;

  slice = cusp_series_new_like (self, last - first, self->n_components);
  copy_rows (slice, 0, self, first, last);

  return slice;
}

static gboolean
check_fragments (CuspSeries *const *fragments,
                 guint              n_fragments,
                 GError           **error)
{
  for (guint i = 0; i < n_fragments; i++)
    {
      if (fragments[i]->n_components != fragments[0]->n_components)
        {
          g_set_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_MISMATCH,
                       _("Cannot merge series fragments with %u and %u components; all fragments must come from the same product."),
                       fragments[0]->n_components, fragments[i]->n_components);
          return FALSE;
        }
      if (!cusp_series_is_sorted (fragments[i]))
        {
          g_set_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_INVALID,
                       _("Series fragment %u is not sorted by time; sort it before merging."),
                       i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

CuspSeries *
cusp_series_merge (CuspSeries *const *fragments,
                   guint              n_fragments,
                   GError           **error)
{
  g_autofree const CuspTime **times = NULL;
  g_autofree guint *lengths = NULL;
  g_autoptr(GArray) pieces = NULL;
  const CuspSeries *like;
  CuspSeries *merged;
  guint total;

  g_return_val_if_fail (fragments != NULL || n_fragments == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_fragments == 0)
    return cusp_series_new (0, 0);
  if (!check_fragments (fragments, n_fragments, error))
    return NULL;

  times = g_new (const CuspTime *, n_fragments);
  lengths = g_new (guint, n_fragments);
  for (guint i = 0; i < n_fragments; i++)
    {
      times[i] = fragments[i]->times;
      lengths[i] = fragments[i]->n_samples;
    }
  like = fragments[_cusp_merge_like (lengths, n_fragments)];

  pieces = _cusp_merge_plan (times, lengths, n_fragments, &total);
  merged = cusp_series_new_like (like, total, like->n_components);
  _cusp_merge_copy (pieces, merged, (gconstpointer const *) fragments, (CuspCopyRowsFunc) copy_rows);

  return merged;
}

CuspSeries *
cusp_series_add_norm (const CuspSeries *self,
                      const char       *label)
{
  CuspSeries *out;
  double *norm;

  g_return_val_if_fail (self != NULL, NULL);

  out = cusp_series_new_like (self, self->n_samples, self->n_components + 1);
  copy_rows (out, 0, self, 0, self->n_samples);
  cusp_series_set_label (out, self->n_components, label);

  norm = cusp_series_column (out, self->n_components);
  for (guint i = 0; i < self->n_samples; i++)
    {
      double sum = 0.0;

      for (guint c = 0; c < self->n_components; c++)
        {
          double v = self->values[(gsize) c * self->n_samples + i];
          sum += v * v;
        }
      norm[i] = sqrt (sum);
    }

  return out;
}
