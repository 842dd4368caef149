#define G_LOG_DOMAIN "cusp-spectrogram"

#include "config.h"

#include "cusp-spectrogram.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cusp-data.h"
#include "cusp-data-private.h"

/* Sorting, slicing and merging follow cusp-series.c: stable sort keeping
 * the last of equal times, [start, stop) slices, later fragments win over
 * their span.  Per-record bin tables travel with their records. */

G_DEFINE_BOXED_TYPE (CuspSpectrogram, cusp_spectrogram, cusp_spectrogram_ref, cusp_spectrogram_unref)

static guint
table_rows (const CuspSpectrogram *self)
{
  return self->bins_per_record ? self->n_records : 1;
}

CuspSpectrogram *
cusp_spectrogram_new (guint    n_records,
                      guint    n_bins,
                      gboolean bins_per_record)
{
  CuspSpectrogram *self = g_atomic_rc_box_new0 (CuspSpectrogram);

  self->n_records = n_records;
  self->n_bins = n_bins;
  self->bins_per_record = !!bins_per_record;
  self->times = g_new0 (CuspTime, n_records);
  self->values = g_new0 (double, (gsize) n_records * n_bins);
  self->bin_centres = g_new0 (double, (gsize) table_rows (self) * n_bins);
  self->y_scale = CUSP_SCALE_LINEAR;
  self->z_scale = CUSP_SCALE_LINEAR;
  self->z_min = NAN;
  self->z_max = NAN;
  self->metadata = cusp_metadata_new ();

  return self;
}

CuspSpectrogram *
cusp_spectrogram_ref (CuspSpectrogram *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
cusp_spectrogram_clear (gpointer data)
{
  CuspSpectrogram *self = data;

  g_clear_pointer (&self->times, g_free);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->bin_centres, g_free);
  g_clear_pointer (&self->bin_edges, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->bin_unit, g_free);
  g_clear_pointer (&self->bin_label, g_free);
  g_clear_pointer (&self->metadata, cusp_metadata_unref);
}

void
cusp_spectrogram_unref (CuspSpectrogram *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, cusp_spectrogram_clear);
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (*field != value)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

void
cusp_spectrogram_set_name (CuspSpectrogram *self,
                           const char      *name)
{
  g_return_if_fail (self != NULL);

  replace_string (&self->name, name);
}

void
cusp_spectrogram_set_unit (CuspSpectrogram *self,
                           const char      *unit)
{
  g_return_if_fail (self != NULL);

  replace_string (&self->unit, unit);
}

void
cusp_spectrogram_set_bin_unit (CuspSpectrogram *self,
                               const char      *unit)
{
  g_return_if_fail (self != NULL);

  replace_string (&self->bin_unit, unit);
}

void
cusp_spectrogram_set_bin_label (CuspSpectrogram *self,
                                const char      *label)
{
  g_return_if_fail (self != NULL);

  replace_string (&self->bin_label, label);
}

void
cusp_spectrogram_set_metadata (CuspSpectrogram *self,
                               CuspMetadata    *metadata)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (metadata != NULL);

  cusp_metadata_ref (metadata);
  g_clear_pointer (&self->metadata, cusp_metadata_unref);
  self->metadata = metadata;
}

double *
cusp_spectrogram_alloc_edges (CuspSpectrogram *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_free (self->bin_edges);
  self->bin_edges = g_new0 (double, (gsize) table_rows (self) * (self->n_bins + 1));

  return self->bin_edges;
}

const double *
cusp_spectrogram_bin_centres (const CuspSpectrogram *self,
                              guint                  record)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!self->bins_per_record)
    return self->bin_centres;

  g_return_val_if_fail (record < self->n_records, NULL);

  return self->bin_centres + (gsize) record * self->n_bins;
}

static double
geometric_midpoint (double a,
                    double b)
{
  /* sqrt(a) * sqrt(b) rather than sqrt(a * b): no overflow near DBL_MAX. */
  return a > 0 && b > 0 ? sqrt (a) * sqrt (b) : NAN;
}

/* A lone bin has no neighbour to measure its width by: it gets half a
 * decade either side on a log axis and half a unit on a linear one. */
static void
derive_single_edges (double     centre,
                     CuspScale  scale,
                     double    *out)
{
  if (scale == CUSP_SCALE_LOG)
    {
      out[0] = centre > 0 ? centre / sqrt (10.0) : NAN;
      out[1] = centre > 0 ? centre * sqrt (10.0) : NAN;
    }
  else
    {
      out[0] = centre - 0.5;
      out[1] = centre + 0.5;
    }
}

/* Inner edges are midpoints; the outer ones mirror the nearest inner edge
 * about the end centre (geometrically on a log axis: e0 = c0^2 / e1). */
static void
derive_edges (const double *c,
              guint         n,
              CuspScale     scale,
              double       *out)
{
  gboolean log_scale = scale == CUSP_SCALE_LOG;

  if (n == 0)
    {
      out[0] = NAN;
      return;
    }
  if (n == 1)
    {
      derive_single_edges (c[0], scale, out);
      return;
    }

  for (guint j = 1; j < n; j++)
    out[j] = log_scale ? geometric_midpoint (c[j - 1], c[j]) : 0.5 * (c[j - 1] + c[j]);

  if (log_scale)
    {
      out[0] = c[0] * c[0] / out[1];
      out[n] = c[n - 1] * c[n - 1] / out[n - 1];
    }
  else
    {
      out[0] = 2.0 * c[0] - out[1];
      out[n] = 2.0 * c[n - 1] - out[n - 1];
    }
}

void
cusp_spectrogram_bin_edges (const CuspSpectrogram *self,
                            guint                  record,
                            double                *out)
{
  gsize row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (!self->bins_per_record || record < self->n_records);

  row = self->bins_per_record ? record : 0;
  if (self->bin_edges != NULL)
    memcpy (out, self->bin_edges + row * (self->n_bins + 1),
            (self->n_bins + 1) * sizeof (double));
  else
    derive_edges (self->bin_centres + row * self->n_bins, self->n_bins,
                  self->y_scale, out);
}

int
cusp_spectrogram_find_bin (const CuspSpectrogram *self,
                           guint                  record,
                           double                 y,
                           double                *lo,
                           double                *hi)
{
  g_autofree double *edges = NULL;
  double top = -G_MAXDOUBLE;
  int found = -1;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (!self->bins_per_record || record < self->n_records, -1);

  if (self->n_bins == 0 || isnan (y))
    return -1;
  edges = g_new (double, self->n_bins + 1);
  cusp_spectrogram_bin_edges (self, record, edges);
  for (guint j = 0; j <= self->n_bins; j++)
    top = MAX (top, edges[j]);
  /* Edges may run downwards (tables sorted from high energy). */
  for (guint j = 0; j < self->n_bins && found < 0; j++)
    {
      double a = MIN (edges[j], edges[j + 1]), b = MAX (edges[j], edges[j + 1]);

      if ((y >= a && y < b) || (y == b && b == top))
        found = (int) j;
    }
  if (found >= 0)
    {
      if (lo != NULL)
        *lo = MIN (edges[found], edges[found + 1]);
      if (hi != NULL)
        *hi = MAX (edges[found], edges[found + 1]);
    }
  return found;
}

gsize
cusp_spectrogram_apply_fill (CuspSpectrogram *self,
                             double           fill,
                             double           valid_min,
                             double           valid_max)
{
  g_return_val_if_fail (self != NULL, 0);

  return _cusp_values_apply_fill (self->values,
                                  (gsize) self->n_records * self->n_bins,
                                  fill, valid_min, valid_max);
}

/* Rows of `width` doubles picked in `order`. */
static double *
gather_rows (const double *src,
             gsize         width,
             const guint  *order,
             guint         n)
{
  double *dst = g_new (double, width * n);

  for (guint k = 0; k < n; k++)
    memcpy (dst + k * width, src + order[k] * width, width * sizeof (double));

  return dst;
}

static void
replace_array (double **field,
               double  *value)
{
  g_free (*field);
  *field = value;
}

gboolean
cusp_spectrogram_sort (CuspSpectrogram *self)
{
  g_autofree guint *order = NULL;
  CuspTime *times;
  guint n_kept;

  g_return_val_if_fail (self != NULL, FALSE);

  order = _cusp_sort_plan (self->times, self->n_records, &n_kept);
  if (order == NULL)
    return FALSE;

  times = g_new (CuspTime, n_kept);
  for (guint k = 0; k < n_kept; k++)
    times[k] = self->times[order[k]];
  g_free (self->times);
  self->times = times;

  replace_array (&self->values, gather_rows (self->values, self->n_bins, order, n_kept));
  if (self->bins_per_record)
    {
      replace_array (&self->bin_centres,
                     gather_rows (self->bin_centres, self->n_bins, order, n_kept));
      if (self->bin_edges != NULL)
        replace_array (&self->bin_edges,
                       gather_rows (self->bin_edges, self->n_bins + 1, order, n_kept));
    }
  self->n_records = n_kept;

  return TRUE;
}

guint
cusp_spectrogram_lower_bound (const CuspSpectrogram *self,
                              CuspTime               t)
{
  g_return_val_if_fail (self != NULL, 0);

  return _cusp_times_lower_bound (self->times, self->n_records, t);
}

/* Empty spectrogram with the descriptive fields of `like` (not the bins). */
static CuspSpectrogram *
cusp_spectrogram_new_like (const CuspSpectrogram *like,
                           guint                  n_records,
                           gboolean               bins_per_record)
{
  CuspSpectrogram *self = cusp_spectrogram_new (n_records, like->n_bins, bins_per_record);

  cusp_spectrogram_set_name (self, like->name);
  cusp_spectrogram_set_unit (self, like->unit);
  cusp_spectrogram_set_bin_unit (self, like->bin_unit);
  cusp_spectrogram_set_bin_label (self, like->bin_label);
  cusp_spectrogram_set_metadata (self, like->metadata);
  self->y_scale = like->y_scale;
  self->z_scale = like->z_scale;
  self->z_min = like->z_min;
  self->z_max = like->z_max;

  return self;
}

static void
copy_fixed_table (CuspSpectrogram       *dst,
                  const CuspSpectrogram *src)
{
  memcpy (dst->bin_centres, src->bin_centres, src->n_bins * sizeof (double));
  if (src->bin_edges != NULL)
    memcpy (cusp_spectrogram_alloc_edges (dst), src->bin_edges,
            (src->n_bins + 1) * sizeof (double));
}

/* Records [first, stop) of src go to record `at` of dst.  When dst has a
 * table per record, src's table (fixed or not) is copied row by row, and
 * edges are derived where src has none. */
static void
copy_records (CuspSpectrogram       *dst,
              guint                  at,
              const CuspSpectrogram *src,
              guint                  first,
              guint                  stop)
{
  guint n = stop - first;
  gsize nb = src->n_bins;

  if (n == 0)
    return;

  memcpy (dst->times + at, src->times + first, n * sizeof (CuspTime));
  memcpy (dst->values + at * nb, src->values + first * nb, n * nb * sizeof (double));

  if (!dst->bins_per_record)
    return;

  for (guint k = 0; k < n; k++)
    {
      memcpy (dst->bin_centres + (at + k) * nb,
              cusp_spectrogram_bin_centres (src, first + k), nb * sizeof (double));
      if (dst->bin_edges != NULL)
        cusp_spectrogram_bin_edges (src, first + k, dst->bin_edges + (at + k) * (nb + 1));
    }
}

CuspSpectrogram *
cusp_spectrogram_slice (const CuspSpectrogram *self,
                        CuspTime               start,
                        CuspTime               stop)
{
  CuspSpectrogram *slice;
  guint first, last;

  g_return_val_if_fail (self != NULL, NULL);

  first = cusp_spectrogram_lower_bound (self, start);
  last = stop > start ? cusp_spectrogram_lower_bound (self, stop) : first;

  slice = cusp_spectrogram_new_like (self, last - first, self->bins_per_record);
  if (self->bins_per_record)
    {
      if (self->bin_edges != NULL)
        cusp_spectrogram_alloc_edges (slice);
    }
  else
    copy_fixed_table (slice, self);
  copy_records (slice, 0, self, first, last);

  return slice;
}

static gboolean
same_doubles (const double *a,
              const double *b,
              gsize         n)
{
  if (a == NULL || b == NULL)
    return a == b;

  for (gsize i = 0; i < n; i++)
    if (a[i] != b[i] && !(isnan (a[i]) && isnan (b[i])))
      return FALSE;

  return TRUE;
}

static gboolean
same_fixed_table (const CuspSpectrogram *a,
                  const CuspSpectrogram *b)
{
  return same_doubles (a->bin_centres, b->bin_centres, a->n_bins) &&
         same_doubles (a->bin_edges, b->bin_edges, a->n_bins + 1);
}

static gboolean
check_fragments (CuspSpectrogram *const *fragments,
                 guint                   n_fragments,
                 GError                **error)
{
  const CuspSpectrogram *first = fragments[0];

  for (guint i = 0; i < n_fragments; i++)
    {
      const CuspSpectrogram *f = fragments[i];

      if (f->n_bins != first->n_bins)
        {
          g_set_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_MISMATCH,
                       _("Cannot merge spectrogram fragments with %u and %u bins; all fragments must come from the same product."),
                       first->n_bins, f->n_bins);
          return FALSE;
        }
      if (f->bins_per_record != first->bins_per_record)
        {
          g_set_error_literal (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_MISMATCH,
                               _("Cannot merge spectrogram fragments with fixed bins and fragments with bins per record; all fragments must come from the same product."));
          return FALSE;
        }
      if (!_cusp_times_are_sorted (f->times, f->n_records))
        {
          g_set_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_INVALID,
                       _("Spectrogram fragment %u is not sorted by time; sort it before merging."),
                       i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

/* Fragments with fixed but different tables (files with different energy
 * tables) merge into a table per record so no record loses its bins. */
static gboolean
merged_bins_per_record (CuspSpectrogram *const *fragments,
                        guint                   n_fragments,
                        const CuspSpectrogram  *like)
{
  if (like->bins_per_record)
    return TRUE;

  for (guint i = 0; i < n_fragments; i++)
    if (fragments[i]->n_records > 0 && !same_fixed_table (fragments[i], like))
      return TRUE;

  return FALSE;
}

static gboolean
any_has_edges (CuspSpectrogram *const *fragments,
               guint                   n_fragments)
{
  for (guint i = 0; i < n_fragments; i++)
    if (fragments[i]->n_records > 0 && fragments[i]->bin_edges != NULL)
      return TRUE;

  return FALSE;
}

CuspSpectrogram *
cusp_spectrogram_merge (CuspSpectrogram *const *fragments,
                        guint                   n_fragments,
                        GError                **error)
{
  g_autofree const CuspTime **times = NULL;
  g_autofree guint *lengths = NULL;
  g_autoptr(GArray) pieces = NULL;
  const CuspSpectrogram *like;
  CuspSpectrogram *merged;
  guint total;

  g_return_val_if_fail (fragments != NULL || n_fragments == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_fragments == 0)
    return cusp_spectrogram_new (0, 0, FALSE);
  if (!check_fragments (fragments, n_fragments, error))
    return NULL;

  times = g_new (const CuspTime *, n_fragments);
  lengths = g_new (guint, n_fragments);
  for (guint i = 0; i < n_fragments; i++)
    {
      times[i] = fragments[i]->times;
      lengths[i] = fragments[i]->n_records;
    }
  like = fragments[_cusp_merge_like (lengths, n_fragments)];

  pieces = _cusp_merge_plan (times, lengths, n_fragments, &total);
  merged = cusp_spectrogram_new_like (like, total,
                                      merged_bins_per_record (fragments, n_fragments, like));
  if (!merged->bins_per_record)
    copy_fixed_table (merged, like);
  else if (any_has_edges (fragments, n_fragments))
    cusp_spectrogram_alloc_edges (merged);

  _cusp_merge_copy (pieces, merged, (gconstpointer const *) fragments, (CuspCopyRowsFunc) copy_records);

  return merged;
}
