#define G_LOG_DOMAIN "cusp-hapi"

#include "config.h"

#include "cusp-hapi-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

void
cusp_hapi_records_init (CuspHapiRecords *records,
                        CuspHapiInfo    *info)
{
  memset (records, 0, sizeof *records);
  records->info = cusp_hapi_info_ref (info);
  records->offset = g_new0 (guint, info->n_parameters);
  for (guint i = 1; i < info->n_parameters; i++)
    {
      records->offset[i] = records->n_values;
      records->n_values += cusp_hapi_parameter_n_components (&info->parameters[i]);
    }
  records->times = g_array_new (FALSE, FALSE, sizeof (CuspTime));
  records->values = g_array_new (FALSE, FALSE, sizeof (double));
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

gboolean
cusp_hapi_parse_time (CuspHapiTimeCache *cache,
                      const char        *text,
                      gsize              len,
                      CuspTime          *out)
{
  gint64 offset;
  gboolean shaped = clock_offset (text, len, &offset);

  if (shaped && cache->valid && memcmp (text, cache->date, 10) == 0)
    {
      *out = cache->day_start + offset;
      return TRUE;
    }
  if (!cusp_time_parse_iso_len (text, (gssize) len, out, NULL))
    return FALSE;
  cache->valid = shaped;
  if (shaped)
    {
      memcpy (cache->date, text, 10);
      cache->day_start = *out - offset;
    }
  return TRUE;
}

void
cusp_hapi_records_clear (CuspHapiRecords *records)
{
  g_clear_pointer (&records->info, cusp_hapi_info_unref);
  g_clear_pointer (&records->offset, g_free);
  g_clear_pointer (&records->times, g_array_unref);
  g_clear_pointer (&records->values, g_array_unref);
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
                    const CuspHapiParameter *p)
{
  CuspMetadata *m = cusp_metadata_new ();

  cusp_metadata_set (m, "source", "HAPI");
  if (p->description != NULL)
    cusp_metadata_set (m, "description", p->description);
  if (p->fill != NULL)
    cusp_metadata_set (m, "fill", p->fill);
  if (info->cadence != NULL)
    cusp_metadata_set (m, "cadence", info->cadence);
  if (info->time_stamp_location != NULL)
    cusp_metadata_set (m, "timeStampLocation", info->time_stamp_location);
  if (info->description != NULL)
    cusp_metadata_set (m, "dataset description", info->description);
  return m;
}

static CuspData *
build_series (CuspHapiRecords         *records,
              const CuspHapiParameter *p,
              guint                    offset)
{
  guint n = records->times->len, nc = cusp_hapi_parameter_n_components (p);
  const double *v = (const double *) records->values->data;
  CuspSeries *s = cusp_series_new (n, nc);
  g_autoptr (CuspMetadata) m = parameter_metadata (records->info, p);

  if (n > 0)
    memcpy (s->times, records->times->data, sizeof (CuspTime) * n);
  for (guint c = 0; c < nc; c++)
    {
      double *col = cusp_series_column (s, c);

      for (guint i = 0; i < n; i++)
        col[i] = v[(gsize) i * records->n_values + offset + c];
    }
  cusp_series_set_name (s, p->name);
  cusp_series_set_unit (s, unit_of (p));
  for (guint c = 0; nc > 1 && c < nc; c++)
    {
      g_autofree char *label = g_strdup_printf ("%s[%u]", p->label ? p->label : p->name, c);

      cusp_series_set_label (s, c, label);
    }
  cusp_series_set_metadata (s, m);
  cusp_series_sort (s);
  return cusp_data_new_series (s);
}

/* Per-record bin table from another parameter (3.0 time-varying bins);
 * NULL when that parameter is not in the stream or has the wrong size. */
static const CuspHapiParameter *
bins_source (const CuspHapiInfo *info,
             const char         *name,
             guint               n_components,
             guint              *offset_out,
             const guint        *offsets)
{
  int j = name ? cusp_hapi_info_find (info, name) : -1;

  if (j <= 0 || cusp_hapi_parameter_n_components (&info->parameters[j]) != n_components)
    return NULL;
  *offset_out = offsets[j];
  return &info->parameters[j];
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

static void
fill_varying_bins (CuspSpectrogram *sp,
                   CuspHapiRecords *records,
                   guint            centers_offset,
                   gboolean         has_ranges,
                   guint            ranges_offset)
{
  guint nb = sp->n_bins, nv = records->n_values;
  const double *v = (const double *) records->values->data;
  double *e = has_ranges ? cusp_spectrogram_alloc_edges (sp) : NULL;

  for (guint i = 0; i < sp->n_records; i++)
    {
      const double *row = v + (gsize) i * nv;

      memcpy (sp->bin_centres + (gsize) i * nb, row + centers_offset, sizeof (double) * nb);
      if (e == NULL)
        continue;
      e[(gsize) i * (nb + 1)] = row[ranges_offset];
      for (guint j = 0; j < nb; j++)
        e[(gsize) i * (nb + 1) + j + 1] = row[ranges_offset + 2 * j + 1];
    }
}

static CuspData *
build_spectrogram (CuspHapiRecords         *records,
                   const CuspHapiParameter *p,
                   guint                    offset)
{
  const CuspHapiBins *b = &p->bins[0];
  guint n = records->times->len, nb = p->size[0], co = 0, ro = 0;
  const CuspHapiParameter *cp, *rp;
  const double *v = (const double *) records->values->data;
  CuspSpectrogram *sp;
  g_autoptr (CuspMetadata) m = parameter_metadata (records->info, p);

  cp = bins_source (records->info, b->centers_parameter, nb, &co, records->offset);
  rp = bins_source (records->info, b->ranges_parameter, 2 * nb, &ro, records->offset);
  sp = cusp_spectrogram_new (n, nb, cp != NULL);
  if (n > 0)
    memcpy (sp->times, records->times->data, sizeof (CuspTime) * n);
  for (guint i = 0; i < n; i++)
    memcpy (sp->values + (gsize) i * nb, v + (gsize) i * records->n_values + offset,
            sizeof (double) * nb);
  if (cp != NULL)
    fill_varying_bins (sp, records, co, rp != NULL, ro);
  else
    fill_fixed_bins (sp, b);
  cusp_spectrogram_set_name (sp, p->name);
  cusp_spectrogram_set_unit (sp, unit_of (p));
  cusp_spectrogram_set_bin_unit (sp, b->units);
  cusp_spectrogram_set_bin_label (sp, b->label ? b->label : b->name);
  cusp_spectrogram_set_metadata (sp, m);
  cusp_spectrogram_sort (sp);
  return cusp_data_new_spectrogram (sp);
}

GPtrArray *
cusp_hapi_records_build (CuspHapiRecords *records)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_data_unref);
  const CuspHapiInfo *info = records->info;

  for (guint i = 1; i < info->n_parameters; i++)
    {
      const CuspHapiParameter *p = &info->parameters[i];

      if (p->type == CUSP_HAPI_TYPE_STRING || p->type == CUSP_HAPI_TYPE_ISOTIME)
        continue;
      if (p->n_bins >= 1 && p->n_size == 1)
        g_ptr_array_add (out, build_spectrogram (records, p, records->offset[i]));
      else
        g_ptr_array_add (out, build_series (records, p, records->offset[i]));
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
