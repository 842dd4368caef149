#define G_LOG_DOMAIN "cusp-region-labels"

#include "config.h"

#include "cusp-region-labels.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cusp-data.h"
#include "cusp-data-private.h"

/* Slicing and merging follow cusp-series.c: [start, stop) slices, later
 * fragments win over their span, sorted input required. */

G_DEFINE_BOXED_TYPE (CuspRegionLabels, cusp_region_labels, cusp_region_labels_ref, cusp_region_labels_unref)

static const struct
{
  const char *abbrev;
  const char *name;
} regions[CUSP_N_REGIONS] = {
  { "SW", N_("solar wind") },
  { "FS", N_("ion foreshock") },
  { "BS", N_("bow shock") },
  { "MSH", N_("magnetosheath") },
  { "MP", N_("magnetopause") },
  { "BL", N_("boundary layer") },
  { "MSP", N_("magnetosphere") },
  { "PS", N_("plasma sheet") },
  { "PSBL", N_("plasma sheet boundary layer") },
  { "LOBE", N_("lobe") },
};

CuspRegionLabels *
cusp_region_labels_new (guint n_samples)
{
  CuspRegionLabels *self = g_atomic_rc_box_new0 (CuspRegionLabels);

  self->n_samples = n_samples;
  self->n_classes = CUSP_N_REGIONS;
  self->times = g_new0 (CuspTime, n_samples);
  self->probabilities = g_new0 (float, (gsize) n_samples * CUSP_N_REGIONS);

  return self;
}

CuspRegionLabels *
cusp_region_labels_ref (CuspRegionLabels *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
cusp_region_labels_clear (gpointer data)
{
  CuspRegionLabels *self = data;

  g_clear_pointer (&self->times, g_free);
  g_clear_pointer (&self->probabilities, g_free);
  g_clear_pointer (&self->name, g_free);
}

void
cusp_region_labels_unref (CuspRegionLabels *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, cusp_region_labels_clear);
}

void
cusp_region_labels_set_name (CuspRegionLabels *self,
                             const char       *name)
{
  g_return_if_fail (self != NULL);

  if (self->name != name)
    {
      g_free (self->name);
      self->name = g_strdup (name);
    }
}

const char *
cusp_region_get_abbrev (CuspRegion region)
{
  g_return_val_if_fail ((guint) region < CUSP_N_REGIONS, NULL);

  return regions[region].abbrev;
}

const char *
cusp_region_get_name (CuspRegion region)
{
  g_return_val_if_fail ((guint) region < CUSP_N_REGIONS, NULL);

  return _(regions[region].name);
}

void
cusp_region_labels_set_class (CuspRegionLabels *self,
                              guint             i,
                              CuspRegion        region)
{
  float *row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (i < self->n_samples);
  g_return_if_fail ((guint) region < self->n_classes);

  row = self->probabilities + (gsize) i * self->n_classes;
  for (guint j = 0; j < self->n_classes; j++)
    row[j] = j == (guint) region ? 1.0f : 0.0f;
}

/* NaN probabilities never win; a row of NaN gives class 0. */
CuspRegion
cusp_region_labels_argmax (const CuspRegionLabels *self,
                           guint                   i)
{
  const float *row;
  guint best = 0;

  g_return_val_if_fail (self != NULL, CUSP_REGION_SW);
  g_return_val_if_fail (i < self->n_samples, CUSP_REGION_SW);

  row = self->probabilities + (gsize) i * self->n_classes;
  for (guint j = 1; j < self->n_classes; j++)
    if (row[j] > row[best] || (isnan (row[best]) && !isnan (row[j])))
      best = j;

  return (CuspRegion) best;
}

guint
cusp_region_labels_lower_bound (const CuspRegionLabels *self,
                                CuspTime                t)
{
  g_return_val_if_fail (self != NULL, 0);

  return _cusp_times_lower_bound (self->times, self->n_samples, t);
}

static CuspRegionLabels *
cusp_region_labels_new_like (const CuspRegionLabels *like,
                             guint                   n_samples)
{
  CuspRegionLabels *self = cusp_region_labels_new (n_samples);

  cusp_region_labels_set_name (self, like->name);

  return self;
}

static void
copy_samples (CuspRegionLabels       *dst,
              guint                   at,
              const CuspRegionLabels *src,
              guint                   first,
              guint                   stop)
{
  guint n = stop - first;
  gsize width = src->n_classes;

  if (n == 0)
    return;

  memcpy (dst->times + at, src->times + first, n * sizeof (CuspTime));
  memcpy (dst->probabilities + at * width, src->probabilities + first * width,
          n * width * sizeof (float));
}

CuspRegionLabels *
cusp_region_labels_slice (const CuspRegionLabels *self,
                          CuspTime                start,
                          CuspTime                stop)
{
  CuspRegionLabels *slice;
  guint first, last;

  g_return_val_if_fail (self != NULL, NULL);

  first = cusp_region_labels_lower_bound (self, start);
  last = stop > start ? cusp_region_labels_lower_bound (self, stop) : first;

  slice = cusp_region_labels_new_like (self, last - first);
  copy_samples (slice, 0, self, first, last);

  return slice;
}

static gboolean
check_fragments (CuspRegionLabels *const *fragments,
                 guint                    n_fragments,
                 GError                 **error)
{
  for (guint i = 0; i < n_fragments; i++)
    {
      if (fragments[i]->n_classes != CUSP_N_REGIONS)
        {
          g_set_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_MISMATCH,
                       _("Cannot merge region labels with %u classes; Cusp knows %u regions."),
                       fragments[i]->n_classes, (guint) CUSP_N_REGIONS);
          return FALSE;
        }
      if (!_cusp_times_are_sorted (fragments[i]->times, fragments[i]->n_samples))
        {
          g_set_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_INVALID,
                       _("Region label fragment %u is not sorted by time; sort it before merging."),
                       i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

CuspRegionLabels *
cusp_region_labels_merge (CuspRegionLabels *const *fragments,
                          guint                    n_fragments,
                          GError                 **error)
{
  g_autofree const CuspTime **times = NULL;
  g_autofree guint *lengths = NULL;
  g_autoptr(GArray) pieces = NULL;
  const CuspRegionLabels *like;
  CuspRegionLabels *merged;
  guint total;

  g_return_val_if_fail (fragments != NULL || n_fragments == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_fragments == 0)
    return cusp_region_labels_new (0);
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
  merged = cusp_region_labels_new_like (like, total);
  _cusp_merge_copy (pieces, merged, (gconstpointer const *) fragments, (CuspCopyRowsFunc) copy_samples);

  return merged;
}
