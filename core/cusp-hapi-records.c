#define G_LOG_DOMAIN "cusp-hapi"

#include "config.h"

#include "cusp-hapi-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE_BYTES  ((gsize) 2 << 20)
#define HUGE_STORE_BYTES HUGE_PAGE_BYTES

static gboolean
is_numeric (const CuspHapiParameter *p)
{
  return p->type != CUSP_HAPI_TYPE_STRING && p->type != CUSP_HAPI_TYPE_ISOTIME;
}

static gboolean
is_text (const CuspHapiParameter *p)
{
  return p->type == CUSP_HAPI_TYPE_STRING;
}

static gboolean
is_spectrogram (const CuspHapiParameter *p)
{
  return p->n_bins >= 1 && p->n_size == 1;
}

void
cusp_hapi_records_init (CuspHapiRecords *records,
                        CuspHapiInfo    *info)
{
  memset (records, 0, sizeof *records);
  records->info = cusp_hapi_info_ref (info);
  records->offset = g_new0 (guint, info->n_parameters);
  records->store = g_new0 (double *, info->n_parameters);
  records->row_major = g_new0 (gboolean, info->n_parameters);
  records->text = g_new0 (char **, info->n_parameters);
  for (guint i = 1; i < info->n_parameters; i++)
    {
      records->offset[i] = records->n_values;
      records->n_values += cusp_hapi_parameter_n_components (&info->parameters[i]);
      records->row_major[i] = is_spectrogram (&info->parameters[i]);
      records->has_text |= is_text (&info->parameters[i]);
    }
}

void
cusp_hapi_records_expect (CuspHapiRecords *records,
                          guint            n_records)
{
  records->expected = MIN (n_records, CUSP_HAPI_MAX_EXPECTED);
}

/* A fresh array of `bytes'.  Large ones are aligned on 2 MiB and marked
 * for transparent huge pages: the first touch of fresh memory faults one
 * page at a time, and with 4 KiB pages those faults, not the decoding,
 * were most of the binary parse time (docs/benchmarks.md).  The result
 * is freed with g_free like any other container array. */
static gpointer
alloc_store (gsize bytes)
{
#if defined(MADV_HUGEPAGE)
  if (bytes >= HUGE_STORE_BYTES)
    {
      gpointer p = NULL;

      if (posix_memalign (&p, HUGE_PAGE_BYTES, bytes) == 0)
        {
          madvise (p, bytes - bytes % HUGE_PAGE_BYTES, MADV_HUGEPAGE);
          return p;
        }
    }
#endif
  return g_malloc (MAX (bytes, 1));
}

/* old (n rows of nc values, columns old_cap apart unless row-major)
 * copied into a new array with room for cap rows. */
static gpointer
grow_store (gpointer old,
            gsize    item,
            guint    nc,
            gboolean row_major,
            guint    n,
            guint    old_cap,
            guint    cap)
{
  guint8 *to = alloc_store (item * nc * cap);

  if (old != NULL && row_major)
    memcpy (to, old, item * nc * n);
  else if (old != NULL)
    for (guint c = 0; c < nc; c++)
      memcpy (to + item * c * cap, (guint8 *) old + item * c * old_cap, item * n);
  g_free (old);
  return to;
}

/* Column-major stores keep `capacity' rows per column, so growing puts
 * every column at its new place. */
void
cusp_hapi_records_reserve (CuspHapiRecords *records,
                           guint            n_more)
{
  const CuspHapiInfo *info = records->info;
  guint old = records->capacity, n = records->n_records;
  guint cap = MAX (MAX (old, 1024), records->expected);

  if ((guint64) n + n_more <= old)
    return;
  g_return_if_fail ((guint64) n + n_more <= G_MAXUINT / 2);
  while (cap < n + n_more)
    cap *= 2;
  records->times = grow_store (records->times, sizeof (CuspTime), 1, TRUE, n, old, cap);
  for (guint i = 1; i < info->n_parameters; i++)
    {
      guint nc = cusp_hapi_parameter_n_components (&info->parameters[i]);

      if (is_text (&info->parameters[i]))
        records->text[i] = grow_store (records->text[i], sizeof (char *), nc, FALSE, n, old, cap);
      if (!is_numeric (&info->parameters[i]))
        continue;
      records->store[i] = grow_store (records->store[i], sizeof (double), nc,
                                      records->row_major[i], n, old, cap);
    }
  records->capacity = cap;
}

double *
cusp_hapi_records_slot (CuspHapiRecords *records,
                        guint            i,
                        guint            c,
                        gsize           *stride)
{
  guint nc = cusp_hapi_parameter_n_components (&records->info->parameters[i]);

  if (records->store[i] == NULL)
    {
      *stride = 0;
      return NULL;
    }
  *stride = records->row_major[i] ? nc : 1;
  return records->store[i] + (records->row_major[i] ? c : (gsize) c * records->capacity);
}

char **
cusp_hapi_records_text_slot (CuspHapiRecords *records,
                             guint            i,
                             guint            c)
{
  if (records->text[i] == NULL)
    return NULL;
  return records->text[i] + (gsize) c * records->capacity;
}

char *
cusp_hapi_text_value (const CuspHapiParameter *p,
                      const char              *text,
                      gsize                    len)
{
  if (len == 0)
    return NULL;
  if (p->fill != NULL && strlen (p->fill) == len && memcmp (p->fill, text, len) == 0)
    return NULL;
  return g_utf8_make_valid (text, (gssize) len);
}

void
cusp_hapi_records_append (CuspHapiRecords *records,
                          CuspTime         t,
                          const double    *row)
{
  cusp_hapi_records_append_full (records, t, row, NULL);
}

void
cusp_hapi_records_append_full (CuspHapiRecords *records,
                               CuspTime         t,
                               const double    *row,
                               char           **texts)
{
  const CuspHapiInfo *info = records->info;
  guint r = records->n_records;

  cusp_hapi_records_reserve (records, 1);
  if (r > 0 && t <= records->times[r - 1])
    records->unsorted = TRUE;
  records->times[r] = t;
  for (guint i = 1; i < info->n_parameters; i++)
    {
      guint nc = cusp_hapi_parameter_n_components (&info->parameters[i]);
      double *v = records->store[i];

      for (guint c = 0; records->text[i] != NULL && c < nc; c++)
        {
          char **slot = &records->text[i][(gsize) c * records->capacity + r];

          *slot = texts != NULL ? g_steal_pointer (&texts[records->offset[i] + c]) : NULL;
        }
      if (v == NULL)
        continue;
      if (records->row_major[i])
        memcpy (v + (gsize) r * nc, row + records->offset[i], sizeof (double) * nc);
      else
        for (guint c = 0; c < nc; c++)
          v[(gsize) c * records->capacity + r] = row[records->offset[i] + c];
    }
  records->n_records++;
}

CuspTime
cusp_hapi_records_last_time (CuspHapiRecords *records)
{
  if (records->n_records == 0 || records->times == NULL)
    return CUSP_TIME_INVALID;
  return records->times[records->n_records - 1];
}

/* ---- Times --------------------------------------------------------------- */

static inline gboolean
two_digits (const char *p,
            int         max,
            int        *out)
{
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return FALSE;
  *out = (p[0] - '0') * 10 + (p[1] - '0');
  return *out <= max;
}

/* The clock part of "YYYY-MM-DDThh:mm:ss[.fffffffff]Z" as nanoseconds
 * since midnight, for seconds 0-59 only: within a UTC day, leap second or
 * not, those are that many SI seconds after 00:00:00.  FALSE for any
 * other shape (the full parser decides about those). */
static gboolean
clock_offset (const char *text,
              gsize       len,
              gint64     *out)
{
  int h, m, s;
  gint64 frac = 0;
  gsize i = 20;
  int digits = 0;

  if (len < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || text[len - 1] != 'Z')
    return FALSE;
  if (!two_digits (text + 11, 23, &h) || !two_digits (text + 14, 59, &m) ||
      !two_digits (text + 17, 59, &s))
    return FALSE;
  if (len > 20)
    {
      if (text[19] != '.')
        return FALSE;
      for (; i < len - 1; i++, digits++)
        {
          if (!g_ascii_isdigit (text[i]) || digits == 9)
            return FALSE;
          frac = frac * 10 + (text[i] - '0');
        }
      if (digits == 0)
        return FALSE;
      for (; digits < 9; digits++)
        frac *= 10;
    }
  else if (text[19] != 'Z')
    return FALSE;
  *out = ((gint64) h * 3600 + m * 60 + s) * CUSP_NS_PER_SECOND + frac;
  return TRUE;
}

static void
remember_minute (CuspHapiTimeCache *cache,
                 const char        *text,
                 CuspTime           t,
                 gint64             offset)
{
  memcpy (cache->minute, text, sizeof cache->minute);
  cache->minute_start = t - offset % (60 * CUSP_NS_PER_SECOND);
  cache->minute_valid = TRUE;
}

gboolean
cusp_hapi_parse_time_day (CuspHapiTimeCache *cache,
                          const char        *text,
                          gsize              len,
                          CuspTime          *out)
{
  gint64 offset;
  gboolean shaped;

  shaped = clock_offset (text, len, &offset);
  if (shaped && cache->valid && memcmp (text, cache->date, 10) == 0)
    {
      *out = cache->day_start + offset;
      remember_minute (cache, text, *out, offset);
      return TRUE;
    }
  if (!cusp_time_parse_iso_len (text, (gssize) len, out, NULL))
    return FALSE;
  cache->valid = shaped;
  cache->minute_valid = FALSE;
  if (shaped)
    {
      memcpy (cache->date, text, 10);
      cache->day_start = *out - offset;
      remember_minute (cache, text, *out, offset);
    }
  return TRUE;
}

/* Strings not handed over to a container. */
static void
free_text (CuspHapiRecords *records,
           guint            i)
{
  guint nc = cusp_hapi_parameter_n_components (&records->info->parameters[i]);

  if (records->text[i] == NULL)
    return;
  for (guint c = 0; c < nc; c++)
    for (guint r = 0; r < records->n_records; r++)
      g_free (records->text[i][(gsize) c * records->capacity + r]);
  g_clear_pointer (&records->text[i], g_free);
}

void
cusp_hapi_records_clear (CuspHapiRecords *records)
{
  for (guint i = 0; records->store != NULL && i < records->info->n_parameters; i++)
    g_free (records->store[i]);
  for (guint i = 0; records->text != NULL && i < records->info->n_parameters; i++)
    free_text (records, i);
  g_clear_pointer (&records->text, g_free);
  g_clear_pointer (&records->store, g_free);
  g_clear_pointer (&records->row_major, g_free);
  g_clear_pointer (&records->info, cusp_hapi_info_unref);
  g_clear_pointer (&records->offset, g_free);
  g_clear_pointer (&records->times, g_free);
}

char *
cusp_hapi_parameter_component_label (const CuspHapiParameter *p,
                                     guint                    c)
{
  if (p->labels != NULL && c < g_strv_length (p->labels) && p->labels[c][0] != '\0')
    return g_strdup (p->labels[c]);
  return g_strdup_printf ("%s[%u]", p->label ? p->label : p->name, c);
}

static const char *
unit_of (const CuspHapiParameter *p)
{
  return p->units != NULL ? p->units[0] : NULL;
}

static CuspMetadata *
parameter_metadata (const CuspHapiInfo      *info,
                    const CuspHapiParameter *p,
                    gint64                   shift)
{
  CuspMetadata *m = cusp_metadata_new ();
  g_autofree char *shift_text = cusp_duration_format (shift);

  cusp_metadata_set (m, "source", "HAPI");
  if (p->description != NULL)
    cusp_metadata_set (m, "description", p->description);
  if (p->fill != NULL)
    cusp_metadata_set (m, "fill", p->fill);
  if (info->cadence != NULL)
    cusp_metadata_set (m, "cadence", info->cadence);
  if (info->time_stamp_location != NULL)
    cusp_metadata_set (m, "timeStampLocation", info->time_stamp_location);
  cusp_metadata_set (m, "timeShiftApplied", shift_text);
  if (info->description != NULL)
    cusp_metadata_set (m, "dataset description", info->description);
  return m;
}

/* Nanoseconds to add so that times stamp the centre of their interval:
 * half a cadence for "begin" and "end" stamps, none otherwise or when the
 * cadence is missing or not a fixed duration (months, years). */
static gint64
centre_shift (const CuspHapiInfo *info)
{
  const char *where = info->time_stamp_location;
  gint64 cadence;

  if (where == NULL || info->cadence == NULL ||
      (strcmp (where, "begin") != 0 && strcmp (where, "end") != 0) ||
      !cusp_duration_parse (info->cadence, &cadence, NULL) || cadence <= 0)
    return 0;
  return strcmp (where, "begin") == 0 ? cadence / 2 : -(cadence / 2);
}

/* A column-major store of nc columns `capacity' rows apart with n_records
 * rows, its columns moved n_records apart and the array cut to size. */
static gpointer
compact_columns (CuspHapiRecords *records,
                 gpointer         v,
                 gsize            item,
                 guint            nc)
{
  guint n = records->n_records, cap = records->capacity;

  for (guint c = 1; v != NULL && n > 0 && c < nc; c++)
    memmove ((guint8 *) v + item * c * n, (guint8 *) v + item * c * cap, item * n);
  return g_realloc (v, item * MAX ((gsize) n * nc, 1));
}

/* The store of parameter i with its columns n rows apart, owned by the
 * caller (NULL when there are no values). */
static double *
take_store (CuspHapiRecords *records,
            guint            i)
{
  guint n = records->n_records;
  guint nc = cusp_hapi_parameter_n_components (&records->info->parameters[i]);
  double *v = g_steal_pointer (&records->store[i]);

  if (v == NULL || (gsize) n * nc == 0)
    {
      g_free (v);
      return NULL;
    }
  if (records->row_major[i])
    return g_renew (double, v, (gsize) n * nc);
  return compact_columns (records, v, sizeof (double), nc);
}

/* The last container takes the time array, the others a copy. */
static CuspTime *
take_times (CuspHapiRecords *records,
            guint           *n_left)
{
  gsize bytes = sizeof (CuspTime) * records->n_records;

  if (--*n_left > 0)
    {
      CuspTime *copy;

      if (records->n_records == 0)
        return NULL;
      copy = alloc_store (bytes);
      memcpy (copy, records->times, bytes);
      return copy;
    }
  if (records->n_records == 0)
    return NULL;
  return g_renew (CuspTime, g_steal_pointer (&records->times), records->n_records);
}

static CuspData *
build_series (CuspHapiRecords         *records,
              guint                    i,
              CuspMetadata            *m,
              guint                   *times_left)
{
  const CuspHapiParameter *p = &records->info->parameters[i];
  guint nc = cusp_hapi_parameter_n_components (p);
  double *values = take_store (records, i);
  CuspTime *times = take_times (records, times_left);
  /* Adopt the decoded arrays instead of copying them. */
  CuspSeries *s = cusp_series_new_take (times, values, records->n_records, nc);

  cusp_series_set_name (s, p->name);
  cusp_series_set_unit (s, unit_of (p));
  /* Legends show the labels: a scalar is named by its label or name, an
   * array's components by their labels from info or "name[c]". */
  if (nc == 1)
    cusp_series_set_label (s, 0, p->label ? p->label : p->name);
  for (guint c = 0; nc > 1 && c < nc; c++)
    {
      g_autofree char *label = cusp_hapi_parameter_component_label (p, c);

      cusp_series_set_label (s, c, label);
    }
  cusp_series_set_metadata (s, m);
  /* The parsers note times out of order or repeated as they go, sparing
   * a pass over sorted ones. */
  if (records->unsorted)
    cusp_series_sort (s);
  return cusp_data_new_series (s);
}

/* The strings of parameter i, columns n rows apart, adopted by a
 * CuspTextSeries with a copy of the times. */
static CuspData *
build_text (CuspHapiRecords *records,
            guint            i,
            CuspMetadata    *m,
            guint           *times_left)
{
  const CuspHapiParameter *p = &records->info->parameters[i];
  guint nc = cusp_hapi_parameter_n_components (p);
  CuspTime *times = take_times (records, times_left);
  char **values = compact_columns (records, g_steal_pointer (&records->text[i]), sizeof (char *), nc);
  CuspTextSeries *ts = cusp_text_series_new_take (times, values, records->n_records, nc);

  cusp_text_series_set_name (ts, p->name);
  for (guint c = 0; nc > 1 && c < nc; c++)
    {
      g_autofree char *label = cusp_hapi_parameter_component_label (p, c);

      cusp_text_series_set_label (ts, c, label);
    }
  cusp_text_series_set_metadata (ts, m);
  if (records->unsorted)
    cusp_text_series_sort (ts);
  return cusp_data_new_text (ts);
}

/* Per-record bin table from another parameter (3.0 time-varying bins);
 * -1 when that parameter is not in the stream or has the wrong size. */
static int
bins_source (const CuspHapiInfo *info,
             const char         *name,
             guint               n_components)
{
  int j = name ? cusp_hapi_info_find (info, name) : -1;

  if (j <= 0 || cusp_hapi_parameter_n_components (&info->parameters[j]) != n_components)
    return -1;
  return j;
}

/* Value c of parameter j in record r, whatever the store's layout. */
static double
stored (CuspHapiRecords *records,
        guint            j,
        guint            c,
        guint            r)
{
  gsize stride;
  const double *v = cusp_hapi_records_slot (records, j, c, &stride);

  return v != NULL ? v[(gsize) r * stride] : NAN;
}

static void
fill_fixed_bins (CuspSpectrogram    *sp,
                 const CuspHapiBins *b)
{
  guint nb = sp->n_bins;

  for (guint j = 0; j < nb; j++)
    sp->bin_centres[j] = b->n_centers == nb ? b->centers[j] : j;
  if (b->n_ranges == nb && nb > 0)
    {
      double *e = cusp_spectrogram_alloc_edges (sp);

      e[0] = b->ranges[0];
      for (guint j = 0; j < nb; j++)
        e[j + 1] = b->ranges[2 * j + 1];
    }
}

/* Per-record centres (and edges) of parameter i, read before any store is
 * handed over since they come from other parameters. */
typedef struct
{
  double *centres;
  double *edges;
} VaryingBins;

static void
varying_bins (CuspHapiRecords *records,
              guint            i,
              VaryingBins     *out)
{
  const CuspHapiParameter *p = &records->info->parameters[i];
  const CuspHapiBins *b = &p->bins[0];
  guint n = records->n_records, nb = p->size[0];
  int cj = bins_source (records->info, b->centers_parameter, nb);
  int rj = bins_source (records->info, b->ranges_parameter, 2 * nb);

  if (cj < 0)
    return;
  out->centres = g_new (double, MAX ((gsize) n * nb, 1));
  for (guint r = 0; r < n; r++)
    for (guint j = 0; j < nb; j++)
      out->centres[(gsize) r * nb + j] = stored (records, cj, j, r);
  if (rj < 0)
    return;
  out->edges = g_new (double, MAX ((gsize) n * (nb + 1), 1));
  for (guint r = 0; r < n; r++)
    {
      double *e = out->edges + (gsize) r * (nb + 1);

      e[0] = stored (records, rj, 0, r);
      for (guint j = 0; j < nb; j++)
        e[j + 1] = stored (records, rj, 2 * j + 1, r);
    }
}

static CuspData *
build_spectrogram (CuspHapiRecords *records,
                   guint            i,
                   CuspMetadata    *m,
                   VaryingBins     *vb,
                   guint           *times_left)
{
  const CuspHapiParameter *p = &records->info->parameters[i];
  const CuspHapiBins *b = &p->bins[0];
  CuspSpectrogram *sp = cusp_spectrogram_new (0, p->size[0], vb->centres != NULL);

  sp->n_records = records->n_records;
  sp->values = take_store (records, i);
  sp->times = take_times (records, times_left);
  if (vb->centres != NULL)
    {
      g_free (sp->bin_centres);
      sp->bin_centres = g_steal_pointer (&vb->centres);
      sp->bin_edges = g_steal_pointer (&vb->edges);
    }
  else
    fill_fixed_bins (sp, b);
  cusp_spectrogram_set_name (sp, p->name);
  cusp_spectrogram_set_unit (sp, unit_of (p));
  cusp_spectrogram_set_bin_unit (sp, b->units);
  cusp_spectrogram_set_bin_label (sp, b->label ? b->label : b->name);
  cusp_spectrogram_set_metadata (sp, m);
  if (records->unsorted)
    cusp_spectrogram_sort (sp);
  return cusp_data_new_spectrogram (sp);
}

GPtrArray *
cusp_hapi_records_build (CuspHapiRecords *records)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_data_unref);
  const CuspHapiInfo *info = records->info;
  g_autofree VaryingBins *vb = g_new0 (VaryingBins, info->n_parameters);
  gint64 shift = centre_shift (info);
  guint times_left = 0;

  for (guint r = 0; shift != 0 && r < records->n_records; r++)
    records->times[r] += shift;
  for (guint i = 1; i < info->n_parameters; i++)
    if (is_numeric (&info->parameters[i]) && is_spectrogram (&info->parameters[i]))
      varying_bins (records, i, &vb[i]);
  for (guint i = 1; i < info->n_parameters; i++)
    times_left += is_numeric (&info->parameters[i]) || is_text (&info->parameters[i]);
  for (guint i = 1; i < info->n_parameters; i++)
    {
      const CuspHapiParameter *p = &info->parameters[i];
      g_autoptr (CuspMetadata) m = NULL;

      if (!is_numeric (p) && !is_text (p))
        continue;
      m = parameter_metadata (info, p, shift);
      if (is_text (p))
        g_ptr_array_add (out, build_text (records, i, m, &times_left));
      else if (is_spectrogram (p))
        g_ptr_array_add (out, build_spectrogram (records, i, m, &vb[i], &times_left));
      else
        g_ptr_array_add (out, build_series (records, i, m, &times_left));
    }
  return out;
}

CuspHapiInfo *
cusp_hapi_header_parse (GString  *header,
                        GError  **error)
{
  g_autoptr (GError) local = NULL;
  CuspHapiInfo *info;

  info = cusp_hapi_info_parse (header->str, header->len, &local);
  if (info == NULL)
    g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                 _("The header of the data stream is not a valid dataset description: %s"),
                 local->message);
  return info;
}

/* Clinger's fast path: with at most 15..19 significant digits below 2^53
 * and a power of ten up to 22, both operands are exact doubles, so one
 * IEEE multiplication or division rounds correctly, like strtod. */
static const double pow10_exact[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static gboolean
slow_double (const char *text,
             gsize       len,
             double     *out)
{
  char stack[64];
  g_autofree char *heap = NULL;
  char *buf = stack, *end;

  if (len >= sizeof stack)
    buf = heap = g_malloc (len + 1);
  memcpy (buf, text, len);
  buf[len] = '\0';
  *out = g_ascii_strtod (buf, &end);
  return len > 0 && end == buf + len && !g_ascii_isspace (buf[0]);
}

gboolean
cusp_hapi_parse_double (const char *text,
                        gsize       len,
                        double     *out)
{
  const char *p = text, *end = text + len;
  guint64 mantissa = 0;
  int n_digits = 0, exp10 = 0;
  gboolean negative = FALSE, any = FALSE;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  for (; p < end && g_ascii_isdigit (*p); p++, any = TRUE)
    {
      if (n_digits >= 19)
        return slow_double (text, len, out);
      mantissa = mantissa * 10 + (*p - '0');
      n_digits += mantissa != 0;
    }
  if (p < end && *p == '.')
    for (p++; p < end && g_ascii_isdigit (*p); p++, any = TRUE)
      {
        if (n_digits >= 19)
          return slow_double (text, len, out);
        mantissa = mantissa * 10 + (*p - '0');
        n_digits += mantissa != 0;
        exp10--;
      }
  if (!any)
    return slow_double (text, len, out);
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      int e = 0;
      gboolean eneg = FALSE;
      const char *digits;

      p++;
      if (p < end && (*p == '-' || *p == '+'))
        eneg = *p++ == '-';
      for (digits = p; p < end && g_ascii_isdigit (*p); p++)
        if (e < 100000)
          e = e * 10 + (*p - '0');
      if (p == digits)
        return FALSE;
      exp10 += eneg ? -e : e;
    }
  if (p != end)
    return FALSE;
  if (mantissa == 0)
    {
      *out = negative ? -0.0 : 0.0;
      return TRUE;
    }
  if (mantissa > (G_GUINT64_CONSTANT (1) << 53) || exp10 < -22 || exp10 > 22)
    return slow_double (text, len, out);
  *out = exp10 < 0 ? (double) mantissa / pow10_exact[-exp10]
                   : (double) mantissa * pow10_exact[exp10];
  if (negative)
    *out = -*out;
  return TRUE;
}
