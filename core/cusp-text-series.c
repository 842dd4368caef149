#define G_LOG_DOMAIN "cusp-text-series"

#include "config.h"

#include "cusp-text-series.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cusp-data.h"
#include "cusp-data-private.h"

/* Same sorting, slicing and merging rules as CuspSeries (the index
 * bookkeeping is shared in cusp-data-private.h); only the moving of rows
 * differs, since each value is an owned string. */

G_DEFINE_BOXED_TYPE (CuspTextSeries, cusp_text_series, cusp_text_series_ref, cusp_text_series_unref)

static CuspTextSeries *
text_series_alloc (guint n_samples,
                   guint n_components)
{
  CuspTextSeries *self = g_atomic_rc_box_new0 (CuspTextSeries);

  self->n_samples = n_samples;
  self->n_components = n_components;
  self->labels = _cusp_empty_labels (n_components);
  self->metadata = cusp_metadata_new ();
  return self;
}

CuspTextSeries *
cusp_text_series_new (guint n_samples,
                      guint n_components)
{
  CuspTextSeries *self = text_series_alloc (n_samples, n_components);

  self->times = g_new0 (CuspTime, n_samples);
  self->values = g_new0 (char *, MAX ((gsize) n_samples * n_components, 1));
  return self;
}

CuspTextSeries *
cusp_text_series_new_take (CuspTime *times,
                           char    **values,
                           guint     n_samples,
                           guint     n_components)
{
  CuspTextSeries *self;

  g_return_val_if_fail (n_samples == 0 || (times != NULL && values != NULL), NULL);

  self = text_series_alloc (n_samples, n_components);
  self->times = times;
  self->values = values != NULL ? values : g_new0 (char *, 1);
  return self;
}

CuspTextSeries *
cusp_text_series_ref (CuspTextSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
free_values (char  **values,
             gsize   n)
{
  for (gsize k = 0; values != NULL && k < n; k++)
    g_free (values[k]);
  g_free (values);
}

static void
cusp_text_series_clear (gpointer data)
{
  CuspTextSeries *self = data;

  free_values (self->values, (gsize) self->n_samples * self->n_components);
  g_clear_pointer (&self->times, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->metadata, cusp_metadata_unref);
}

void
cusp_text_series_unref (CuspTextSeries *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, cusp_text_series_clear);
}

void
cusp_text_series_set_value (CuspTextSeries *self,
                            guint           c,
                            guint           i,
                            const char     *value)
{
  char **slot;

  g_return_if_fail (self != NULL);
  g_return_if_fail (c < self->n_components && i < self->n_samples);

  slot = &self->values[(gsize) c * self->n_samples + i];
  if (*slot != value)
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
}

void
cusp_text_series_set_name (CuspTextSeries *self,
                           const char     *name)
{
  g_return_if_fail (self != NULL);

  if (self->name != name)
    {
      g_free (self->name);
      self->name = g_strdup (name);
    }
}

void
cusp_text_series_set_label (CuspTextSeries *self,
                            guint           component,
                            const char     *label)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (component < self->n_components);

  g_free (self->labels[component]);
  self->labels[component] = g_strdup (label != NULL ? label : "");
}

void
cusp_text_series_set_metadata (CuspTextSeries *self,
                               CuspMetadata   *metadata)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (metadata != NULL);

  cusp_metadata_ref (metadata);
  g_clear_pointer (&self->metadata, cusp_metadata_unref);
  self->metadata = metadata;
}

/* An empty series with self's name, labels and metadata. */
static CuspTextSeries *
new_like (const CuspTextSeries *like,
          guint                 n_samples)
{
  CuspTextSeries *out = cusp_text_series_new (n_samples, like->n_components);

  cusp_text_series_set_name (out, like->name);
  for (guint c = 0; c < like->n_components; c++)
    cusp_text_series_set_label (out, c, like->labels[c]);
  cusp_text_series_set_metadata (out, like->metadata);
  return out;
}

/* Rows [first, stop) of src copied to dst from row at. */
static void
copy_rows (CuspTextSeries       *dst,
           guint                 at,
           const CuspTextSeries *src,
           guint                 first,
           guint                 stop)
{
  for (guint i = first; i < stop; i++)
    dst->times[at + i - first] = src->times[i];
  for (guint c = 0; c < src->n_components; c++)
    for (guint i = first; i < stop; i++)
      dst->values[(gsize) c * dst->n_samples + at + i - first] =
        g_strdup (src->values[(gsize) c * src->n_samples + i]);
}

gboolean
cusp_text_series_sort (CuspTextSeries *self)
{
  g_autofree guint *order = NULL;
  CuspTime *times;
  char **values;
  guint n_kept, n;

  g_return_val_if_fail (self != NULL, FALSE);

  order = _cusp_sort_plan (self->times, self->n_samples, &n_kept);
  if (order == NULL)
    return FALSE;

  /* Strings move rather than copy: the kept ones change hands, the
   * dropped ones (earlier rows of equal times) are freed with the rest. */
  n = self->n_samples;
  times = g_new (CuspTime, MAX (n_kept, 1));
  values = g_new0 (char *, MAX ((gsize) n_kept * self->n_components, 1));
  for (guint k = 0; k < n_kept; k++)
    times[k] = self->times[order[k]];
  for (guint c = 0; c < self->n_components; c++)
    for (guint k = 0; k < n_kept; k++)
      values[(gsize) c * n_kept + k] = g_steal_pointer (&self->values[(gsize) c * n + order[k]]);

  free_values (self->values, (gsize) n * self->n_components);
  g_free (self->times);
  self->times = times;
  self->values = values;
  self->n_samples = n_kept;
  return TRUE;
}

guint
cusp_text_series_lower_bound (const CuspTextSeries *self,
                              CuspTime              t)
{
  g_return_val_if_fail (self != NULL, 0);

  return _cusp_times_lower_bound (self->times, self->n_samples, t);
}

CuspTextSeries *
cusp_text_series_slice (const CuspTextSeries *self,
                        CuspTime              start,
                        CuspTime              stop)
{
  CuspTextSeries *slice;
  guint first, last;

  g_return_val_if_fail (self != NULL, NULL);

  first = cusp_text_series_lower_bound (self, start);
  last = stop > start ? cusp_text_series_lower_bound (self, stop) : first;
  slice = new_like (self, last - first);
  copy_rows (slice, 0, self, first, last);
  return slice;
}

CuspTextSeries *
cusp_text_series_merge (CuspTextSeries *const *fragments,
                        guint                  n_fragments,
                        GError               **error)
{
  g_autofree const CuspTime **times = NULL;
  g_autofree guint *lengths = NULL;
  g_autoptr (GArray) pieces = NULL;
  const CuspTextSeries *like;
  CuspTextSeries *merged;
  guint total;

  g_return_val_if_fail (fragments != NULL || n_fragments == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_fragments == 0)
    return cusp_text_series_new (0, 0);
  for (guint i = 0; i < n_fragments; i++)
    if (fragments[i]->n_components != fragments[0]->n_components)
      {
        g_set_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_MISMATCH,
                     _("Cannot merge text fragments with %u and %u components; all fragments must come from the same product."),
                     fragments[0]->n_components, fragments[i]->n_components);
        return NULL;
      }

  times = g_new (const CuspTime *, n_fragments);
  lengths = g_new (guint, n_fragments);
  for (guint i = 0; i < n_fragments; i++)
    {
      times[i] = fragments[i]->times;
      lengths[i] = fragments[i]->n_samples;
    }
  like = fragments[_cusp_merge_like (lengths, n_fragments)];

  pieces = _cusp_merge_plan (times, lengths, n_fragments, &total);
  merged = new_like (like, total);
  _cusp_merge_copy (pieces, merged, (gconstpointer const *) fragments, (CuspCopyRowsFunc) copy_rows);
  return merged;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Steps the median spacing looks at: enough for a stable median, few
 * enough that every redraw and pointer move can afford it. */
#define MEDIAN_STEPS 1001

/* Median spacing of the samples (0 with fewer than two), over at most
 * MEDIAN_STEPS evenly spread steps. */
static gint64
median_step (const CuspTextSeries *self)
{
  gint64 steps[MEDIAN_STEPS];
  guint n = self->n_samples, m;

  if (n < 2)
    return 0;
  m = MIN (n - 1, MEDIAN_STEPS);
  for (guint k = 0; k < m; k++)
    {
      guint i = (guint) ((guint64) k * (n - 1) / m);

      steps[k] = self->times[i + 1] - self->times[i];
    }
  qsort (steps, m, sizeof *steps, compare_gint64);
  return steps[(m - 1) / 2];
}

GArray *
cusp_text_series_runs (const CuspTextSeries *self,
                       guint                 c,
                       CuspTime              start,
                       CuspTime              stop,
                       gint64                max_gap)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (CuspTextRun));
  gint64 step;
  guint first, i;

  g_return_val_if_fail (self != NULL, runs);
  g_return_val_if_fail (c < self->n_components || self->n_samples == 0, runs);

  step = median_step (self);
  if (max_gap <= 0)
    max_gap = 3 * step;
  /* Start one sample early: a run that began before the window still
   * covers its beginning. */
  first = cusp_text_series_lower_bound (self, start);
  if (first > 0)
    first--;
  for (i = first; i < self->n_samples && self->times[i] < stop;)
    {
      const char *v = cusp_text_series_get_value (self, c, i);
      CuspTextRun run = { self->times[i], 0, v, i, i };
      guint j = i;

      if (v == NULL)
        {
          i++;
          continue;
        }
      /* Extend while the next sample has the same value and is close. */
      while (j + 1 < self->n_samples &&
             self->times[j + 1] - self->times[j] <= max_gap &&
             g_strcmp0 (cusp_text_series_get_value (self, c, j + 1), v) == 0)
        j++;
      run.last = j;
      if (j + 1 < self->n_samples && self->times[j + 1] - self->times[j] <= max_gap)
        run.stop = self->times[j + 1];
      else
        run.stop = self->times[j] + step;
      if (run.stop > start)
        g_array_append_val (runs, run);
      i = j + 1;
    }
  return runs;
}

GPtrArray *
cusp_text_series_categories (const CuspTextSeries *self,
                             guint                 c)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (self != NULL, out);
  g_return_val_if_fail (c < self->n_components || self->n_samples == 0, out);

  for (guint i = 0; i < self->n_samples; i++)
    {
      const char *v = cusp_text_series_get_value (self, c, i);

      if (v != NULL && g_hash_table_add (seen, (gpointer) v))
        g_ptr_array_add (out, (gpointer) v);
    }
  return out;
}
