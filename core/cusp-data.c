#define G_LOG_DOMAIN "cusp-data"

#include "config.h"

#include "cusp-data.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "cusp-data-private.h"

G_DEFINE_QUARK (cusp-data-error-quark, cusp_data_error)

G_DEFINE_ENUM_TYPE (CuspDataKind, cusp_data_kind,
  G_DEFINE_ENUM_VALUE (CUSP_DATA_KIND_NONE, "none"),
  G_DEFINE_ENUM_VALUE (CUSP_DATA_KIND_SERIES, "series"),
  G_DEFINE_ENUM_VALUE (CUSP_DATA_KIND_SPECTROGRAM, "spectrogram"),
  G_DEFINE_ENUM_VALUE (CUSP_DATA_KIND_INTERVALS, "intervals"),
  G_DEFINE_ENUM_VALUE (CUSP_DATA_KIND_REGIONS, "regions"),
  G_DEFINE_ENUM_VALUE (CUSP_DATA_KIND_TEXT, "text"))

struct _CuspData
{
  CuspDataKind kind;
  union {
    gpointer          any;
    CuspSeries       *series;
    CuspSpectrogram  *spectrogram;
    CuspIntervalSet  *intervals;
    CuspRegionLabels *regions;
    CuspTextSeries   *text;
  } u;
};

G_DEFINE_BOXED_TYPE (CuspData, cusp_data, cusp_data_ref, cusp_data_unref)

/* Shared time-index helpers (see cusp-data-private.h) */

guint
_cusp_times_lower_bound (const CuspTime *times,
                         guint           n,
                         CuspTime        t)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (times[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

guint
_cusp_times_upper_bound (const CuspTime *times,
                         guint           n,
                         CuspTime        t)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (times[mid] <= t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

gboolean
_cusp_times_are_sorted (const CuspTime *times,
                        guint           n)
{
  for (guint i = 1; i < n; i++)
    if (times[i] <= times[i - 1])
      return FALSE;

  return TRUE;
}

/* Ties broken by row index make the order total, hence stable whatever
 * the sort algorithm. */
static gint
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const CuspTime *times = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;

  if (times[ia] != times[ib])
    return times[ia] < times[ib] ? -1 : 1;

  return ia < ib ? -1 : (ia > ib ? 1 : 0);
}

guint *
_cusp_sort_plan (const CuspTime *times,
                 guint           n,
                 guint          *n_kept)
{
  guint *order;
  guint kept = 0;

  *n_kept = n;
  if (_cusp_times_are_sorted (times, n))
    return NULL;

  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_rows, (gpointer) times);

  /* Among equal times the highest row index (the later row) sorts last. */
  for (guint k = 0; k < n; k++)
    if (k + 1 == n || times[order[k + 1]] != times[order[k]])
      order[kept++] = order[k];

  *n_kept = kept;

  return order;
}

typedef struct
{
  CuspTime first;
  CuspTime last;
} Span;

static void
spans_add (GArray   *spans,
           CuspTime  first,
           CuspTime  last)
{
  guint i = 0;

  while (i < spans->len && g_array_index (spans, Span, i).last < first)
    i++;

  /* Absorb every span that touches [first, last]. */
  while (i < spans->len && g_array_index (spans, Span, i).first <= last)
    {
      Span *s = &g_array_index (spans, Span, i);

      first = MIN (first, s->first);
      last = MAX (last, s->last);
      g_array_remove_index (spans, i);
    }

  g_array_insert_val (spans, i, ((Span) { first, last }));
}

static void
push_piece (GArray *pieces,
            guint   fragment,
            guint   first,
            guint   stop)
{
  CuspMergePiece piece = { fragment, first, stop };

  if (stop > first)
    g_array_append_val (pieces, piece);
}

static gint
compare_pieces (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const CuspTime *const *times = user_data;
  const CuspMergePiece *pa = a;
  const CuspMergePiece *pb = b;
  CuspTime ta = times[pa->fragment][pa->first];
  CuspTime tb = times[pb->fragment][pb->first];

  return ta < tb ? -1 : (ta > tb ? 1 : 0);
}

/* Fragments are visited from the last: each keeps only its rows outside the
 * spans claimed by the later ones, split at those spans so that pieces of
 * different fragments never interleave and can be sorted by first time. */
GArray *
_cusp_merge_plan (const CuspTime *const *times,
                  const guint           *lengths,
                  guint                  n_fragments,
                  guint                 *n_total)
{
  g_autoptr(GArray) claimed = g_array_new (FALSE, FALSE, sizeof (Span));
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (CuspMergePiece));
  guint total = 0;

  for (guint f = n_fragments; f-- > 0;)
    {
      const CuspTime *t = times[f];
      guint n = lengths[f];
      guint row = 0;

      if (n == 0)
        continue;

      for (guint s = 0; s < claimed->len; s++)
        {
          const Span *span = &g_array_index (claimed, Span, s);

          push_piece (pieces, f, row, _cusp_times_lower_bound (t, n, span->first));
          row = MAX (row, _cusp_times_upper_bound (t, n, span->last));
        }
      push_piece (pieces, f, row, n);

      spans_add (claimed, t[0], t[n - 1]);
    }

  g_array_sort_with_data (pieces, compare_pieces, (gpointer) times);

  for (guint i = 0; i < pieces->len; i++)
    {
      const CuspMergePiece *p = &g_array_index (pieces, CuspMergePiece, i);
      total += p->stop - p->first;
    }
  *n_total = total;

  return pieces;
}

char **
_cusp_empty_labels (guint n_components)
{
  char **labels = g_new0 (char *, n_components + 1);

  for (guint c = 0; c < n_components; c++)
    labels[c] = g_strdup ("");
  return labels;
}

guint
_cusp_merge_like (const guint *lengths,
                  guint        n_fragments)
{
  for (guint i = 0; i < n_fragments; i++)
    if (lengths[i] > 0)
      return i;
  return 0;
}

void
_cusp_merge_copy (const GArray        *pieces,
                  gpointer             dst,
                  gconstpointer const *fragments,
                  CuspCopyRowsFunc     copy)
{
  guint at = 0;

  for (guint p = 0; p < pieces->len; p++)
    {
      const CuspMergePiece *piece = &g_array_index (pieces, CuspMergePiece, p);

      copy (dst, at, fragments[piece->fragment], piece->first, piece->stop);
      at += piece->stop - piece->first;
    }
}

gsize
_cusp_values_apply_fill (double *values,
                         gsize   n,
                         double  fill,
                         double  valid_min,
                         double  valid_max)
{
  gboolean check_range = valid_min < valid_max;
  gsize changed = 0;

  for (gsize i = 0; i < n; i++)
    {
      double v = values[i];

      if (isnan (v))
        continue;
      if (v == fill || (check_range && (v < valid_min || v > valid_max)))
        {
          values[i] = NAN;
          changed++;
        }
    }

  return changed;
}

/* CuspData */

static CuspData *
cusp_data_new (CuspDataKind kind,
               gpointer     container)
{
  CuspData *self = g_atomic_rc_box_new0 (CuspData);

  self->kind = kind;
  self->u.any = container;

  return self;
}

CuspData *
cusp_data_new_series (CuspSeries *series)
{
  g_return_val_if_fail (series != NULL, NULL);

  return cusp_data_new (CUSP_DATA_KIND_SERIES, series);
}

CuspData *
cusp_data_new_spectrogram (CuspSpectrogram *spectrogram)
{
  g_return_val_if_fail (spectrogram != NULL, NULL);

  return cusp_data_new (CUSP_DATA_KIND_SPECTROGRAM, spectrogram);
}

CuspData *
cusp_data_new_intervals (CuspIntervalSet *intervals)
{
  g_return_val_if_fail (intervals != NULL, NULL);

  return cusp_data_new (CUSP_DATA_KIND_INTERVALS, intervals);
}

CuspData *
cusp_data_new_regions (CuspRegionLabels *regions)
{
  g_return_val_if_fail (regions != NULL, NULL);

  return cusp_data_new (CUSP_DATA_KIND_REGIONS, regions);
}

CuspData *
cusp_data_new_text (CuspTextSeries *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return cusp_data_new (CUSP_DATA_KIND_TEXT, text);
}

CuspData *
cusp_data_ref (CuspData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
cusp_data_clear (gpointer data)
{
  CuspData *self = data;

  switch (self->kind)
    {
    case CUSP_DATA_KIND_SERIES:
      cusp_series_unref (self->u.series);
      break;
    case CUSP_DATA_KIND_SPECTROGRAM:
      cusp_spectrogram_unref (self->u.spectrogram);
      break;
    case CUSP_DATA_KIND_INTERVALS:
      cusp_interval_set_unref (self->u.intervals);
      break;
    case CUSP_DATA_KIND_REGIONS:
      cusp_region_labels_unref (self->u.regions);
      break;
    case CUSP_DATA_KIND_TEXT:
      cusp_text_series_unref (self->u.text);
      break;
    case CUSP_DATA_KIND_NONE:
    default:
      break;
    }
}

void
cusp_data_unref (CuspData *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, cusp_data_clear);
}

CuspDataKind
cusp_data_get_kind (const CuspData *self)
{
  g_return_val_if_fail (self != NULL, CUSP_DATA_KIND_NONE);

  return self->kind;
}

CuspSeries *
cusp_data_get_series (const CuspData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->kind == CUSP_DATA_KIND_SERIES ? self->u.series : NULL;
}

CuspSpectrogram *
cusp_data_get_spectrogram (const CuspData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->kind == CUSP_DATA_KIND_SPECTROGRAM ? self->u.spectrogram : NULL;
}

CuspIntervalSet *
cusp_data_get_intervals (const CuspData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->kind == CUSP_DATA_KIND_INTERVALS ? self->u.intervals : NULL;
}

CuspRegionLabels *
cusp_data_get_regions (const CuspData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->kind == CUSP_DATA_KIND_REGIONS ? self->u.regions : NULL;
}

CuspTextSeries *
cusp_data_get_text (const CuspData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->kind == CUSP_DATA_KIND_TEXT ? self->u.text : NULL;
}

guint
cusp_data_get_length (const CuspData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  switch (self->kind)
    {
    case CUSP_DATA_KIND_SERIES:
      return self->u.series->n_samples;
    case CUSP_DATA_KIND_SPECTROGRAM:
      return self->u.spectrogram->n_records;
    case CUSP_DATA_KIND_INTERVALS:
      return cusp_interval_set_size (self->u.intervals);
    case CUSP_DATA_KIND_REGIONS:
      return self->u.regions->n_samples;
    case CUSP_DATA_KIND_TEXT:
      return self->u.text->n_samples;
    case CUSP_DATA_KIND_NONE:
    default:
      return 0;
    }
}

CuspData *
cusp_data_slice (const CuspData *self,
                 CuspTime        start,
                 CuspTime        stop)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case CUSP_DATA_KIND_SERIES:
      return cusp_data_new_series (cusp_series_slice (self->u.series, start, stop));
    case CUSP_DATA_KIND_SPECTROGRAM:
      return cusp_data_new_spectrogram (cusp_spectrogram_slice (self->u.spectrogram, start, stop));
    case CUSP_DATA_KIND_INTERVALS:
      return cusp_data_new_intervals (cusp_interval_set_slice (self->u.intervals, start, stop));
    case CUSP_DATA_KIND_REGIONS:
      return cusp_data_new_regions (cusp_region_labels_slice (self->u.regions, start, stop));
    case CUSP_DATA_KIND_TEXT:
      return cusp_data_new_text (cusp_text_series_slice (self->u.text, start, stop));
    case CUSP_DATA_KIND_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The typed merge functions take arrays of their own container. */
static gpointer *
collect_containers (CuspData *const *fragments,
                    guint            n_fragments)
{
  gpointer *containers = g_new (gpointer, MAX (n_fragments, 1));

  for (guint i = 0; i < n_fragments; i++)
    containers[i] = fragments[i]->u.any;

  return containers;
}

static CuspData *
merge_of_kind (CuspDataKind      kind,
               CuspData *const  *fragments,
               guint             n_fragments,
               GError          **error)
{
  g_autofree gpointer *c = collect_containers (fragments, n_fragments);
  gpointer merged = NULL;

  switch (kind)
    {
    case CUSP_DATA_KIND_SERIES:
      merged = cusp_series_merge ((CuspSeries *const *) c, n_fragments, error);
      return merged ? cusp_data_new_series (merged) : NULL;
    case CUSP_DATA_KIND_SPECTROGRAM:
      merged = cusp_spectrogram_merge ((CuspSpectrogram *const *) c, n_fragments, error);
      return merged ? cusp_data_new_spectrogram (merged) : NULL;
    case CUSP_DATA_KIND_INTERVALS:
      merged = cusp_interval_set_merge ((CuspIntervalSet *const *) c, n_fragments);
      return cusp_data_new_intervals (merged);
    case CUSP_DATA_KIND_REGIONS:
      merged = cusp_region_labels_merge ((CuspRegionLabels *const *) c, n_fragments, error);
      return merged ? cusp_data_new_regions (merged) : NULL;
    case CUSP_DATA_KIND_TEXT:
      merged = cusp_text_series_merge ((CuspTextSeries *const *) c, n_fragments, error);
      return merged ? cusp_data_new_text (merged) : NULL;
    case CUSP_DATA_KIND_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

CuspData *
cusp_data_merge (CuspData *const *fragments,
                 guint            n_fragments,
                 GError         **error)
{
  CuspDataKind kind;

  g_return_val_if_fail (fragments != NULL || n_fragments == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_fragments == 0)
    {
      /* Without a fragment there is no kind to build an empty container of. */
      g_set_error_literal (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_INVALID,
                           _("There are no data fragments to merge; request a time range that has data."));
      return NULL;
    }

  kind = fragments[0]->kind;
  for (guint i = 1; i < n_fragments; i++)
    if (fragments[i]->kind != kind)
      {
        g_set_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_MISMATCH,
                     _("Cannot merge fragments of different kinds (%s and %s); all fragments must come from the same product."),
                     cusp_data_kind_to_string (kind),
                     cusp_data_kind_to_string (fragments[i]->kind));
        return NULL;
      }

  return merge_of_kind (kind, fragments, n_fragments, error);
}

const char *
cusp_data_kind_to_string (CuspDataKind kind)
{
  switch (kind)
    {
    case CUSP_DATA_KIND_NONE:
      return "none";
    case CUSP_DATA_KIND_SERIES:
      return "series";
    case CUSP_DATA_KIND_SPECTROGRAM:
      return "spectrogram";
    case CUSP_DATA_KIND_INTERVALS:
      return "intervals";
    case CUSP_DATA_KIND_REGIONS:
      return "regions";
    case CUSP_DATA_KIND_TEXT:
      return "text";
    default:
      return "unknown";
    }
}
