/* cusp-cdf-values.c: CDF data types and typed values decoded from raw bytes */
#define G_LOG_DOMAIN "cusp-cdf"

#include "config.h"

#include "cusp-cdf-private.h"

#include <string.h>

const char *
cusp_cdf_type_name (CuspCdfType type)
{
  switch (type)
    {
    case CUSP_CDF_INT1: return "INT1";
    case CUSP_CDF_INT2: return "INT2";
    case CUSP_CDF_INT4: return "INT4";
    case CUSP_CDF_INT8: return "INT8";
    case CUSP_CDF_UINT1: return "UINT1";
    case CUSP_CDF_UINT2: return "UINT2";
    case CUSP_CDF_UINT4: return "UINT4";
    case CUSP_CDF_REAL4: return "REAL4";
    case CUSP_CDF_REAL8: return "REAL8";
    case CUSP_CDF_EPOCH: return "EPOCH";
    case CUSP_CDF_EPOCH16: return "EPOCH16";
    case CUSP_CDF_TIME_TT2000: return "TT2000";
    case CUSP_CDF_BYTE: return "BYTE";
    case CUSP_CDF_FLOAT: return "FLOAT";
    case CUSP_CDF_DOUBLE: return "DOUBLE";
    case CUSP_CDF_CHAR: return "CHAR";
    case CUSP_CDF_UCHAR: return "UCHAR";
    default: return NULL;
    }
}

gsize
cusp_cdf_type_size (CuspCdfType type)
{
  switch (type)
    {
    case CUSP_CDF_INT1:
    case CUSP_CDF_UINT1:
    case CUSP_CDF_BYTE:
    case CUSP_CDF_CHAR:
    case CUSP_CDF_UCHAR:
      return 1;
    case CUSP_CDF_INT2:
    case CUSP_CDF_UINT2:
      return 2;
    case CUSP_CDF_INT4:
    case CUSP_CDF_UINT4:
    case CUSP_CDF_REAL4:
    case CUSP_CDF_FLOAT:
      return 4;
    case CUSP_CDF_INT8:
    case CUSP_CDF_REAL8:
    case CUSP_CDF_DOUBLE:
    case CUSP_CDF_EPOCH:
    case CUSP_CDF_TIME_TT2000:
      return 8;
    case CUSP_CDF_EPOCH16:
      return 16;
    default:
      return 0;
    }
}

gboolean
cusp_cdf_type_is_time (CuspCdfType type)
{
  return type == CUSP_CDF_EPOCH || type == CUSP_CDF_EPOCH16
         || type == CUSP_CDF_TIME_TT2000;
}

gboolean
cusp_cdf_type_is_string (CuspCdfType type)
{
  return type == CUSP_CDF_CHAR || type == CUSP_CDF_UCHAR;
}

void
cusp_cdf_values_free (CuspCdfValues *values)
{
  if (values == NULL)
    return;
  g_free (values->doubles);
  g_free (values->ints);
  g_strfreev (values->strings);
  g_free (values);
}

/* Fixed-width CDF text: up to the first NUL, without trailing blanks.  Old
 * files hold ISO-8859-1, which maps byte for byte onto U+0000..U+00FF. */
char *
_cusp_cdf_text (const guint8 *raw,
                gsize         len)
{
  const char *text = (const char *) raw;
  gsize n = 0;
  GString *latin1;

  while (n < len && raw[n] != 0)
    n++;
  while (n > 0 && g_ascii_isspace (text[n - 1]))
    n--;
  if (g_utf8_validate_len (text, n, NULL))
    return g_strndup (text, n);

  latin1 = g_string_sized_new (n * 2);
  for (gsize i = 0; i < n; i++)
    g_string_append_unichar (latin1, raw[i]);
  return g_string_free (latin1, FALSE);
}

static guint16
get16 (const guint8 *p, gboolean be)
{
  return be ? (guint16) (p[0] << 8 | p[1]) : (guint16) (p[1] << 8 | p[0]);
}

static guint32
get32 (const guint8 *p, gboolean be)
{
  guint32 v;

  memcpy (&v, p, 4);
  return be ? GUINT32_FROM_BE (v) : GUINT32_FROM_LE (v);
}

static guint64
get64 (const guint8 *p, gboolean be)
{
  guint64 v;

  memcpy (&v, p, 8);
  return be ? GUINT64_FROM_BE (v) : GUINT64_FROM_LE (v);
}

static double
get_real4 (const guint8 *p, gboolean be)
{
  union { guint32 u; float f; } v = { .u = get32 (p, be) };

  return v.f;
}

static double
get_real8 (const guint8 *p, gboolean be)
{
  union { guint64 u; double d; } v = { .u = get64 (p, be) };

  return v.d;
}

static double
decode_number (CuspCdfType   type,
               const guint8 *p,
               gboolean      be)
{
  switch (type)
    {
    case CUSP_CDF_INT1:
    case CUSP_CDF_BYTE:
      return (gint8) p[0];
    case CUSP_CDF_UINT1:
      return p[0];
    case CUSP_CDF_INT2:
      return (gint16) get16 (p, be);
    case CUSP_CDF_UINT2:
      return get16 (p, be);
    case CUSP_CDF_INT4:
      return (gint32) get32 (p, be);
    case CUSP_CDF_UINT4:
      return get32 (p, be);
    case CUSP_CDF_REAL4:
    case CUSP_CDF_FLOAT:
      return get_real4 (p, be);
    default:
      return get_real8 (p, be);
    }
}

CuspCdfValues *
_cusp_cdf_values_decode (CuspCdfType   type,
                         guint         num_elems,
                         const guint8 *raw,
                         gsize         n_values,
                         gboolean      big_endian)
{
  CuspCdfValues *values = g_new0 (CuspCdfValues, 1);
  gsize size = cusp_cdf_type_size (type);

  values->type = type;
  values->n_values = n_values;
  if (cusp_cdf_type_is_string (type))
    {
      values->kind = CUSP_CDF_VALUE_STRING;
      values->strings = g_new0 (char *, n_values + 1);
      for (gsize i = 0; i < n_values; i++)
        values->strings[i] = _cusp_cdf_text (raw + i * num_elems, num_elems);
    }
  else if (type == CUSP_CDF_INT8 || type == CUSP_CDF_TIME_TT2000)
    {
      values->kind = CUSP_CDF_VALUE_INT64;
      values->ints = g_new (gint64, MAX (n_values, 1));
      for (gsize i = 0; i < n_values; i++)
        values->ints[i] = (gint64) get64 (raw + i * 8, big_endian);
    }
  else if (type == CUSP_CDF_EPOCH16)
    {
      values->kind = CUSP_CDF_VALUE_DOUBLE;
      values->doubles = g_new (double, MAX (2 * n_values, 1));
      for (gsize i = 0; i < 2 * n_values; i++)
        values->doubles[i] = get_real8 (raw + i * 8, big_endian);
    }
  else
    {
      values->kind = CUSP_CDF_VALUE_DOUBLE;
      values->doubles = g_new (double, MAX (n_values, 1));
      for (gsize i = 0; i < n_values; i++)
        values->doubles[i] = decode_number (type, raw + i * size, big_endian);
    }
  return values;
}

CuspCdfValues *
_cusp_cdf_values_decode_strings (const guint8 *raw,
                                 gsize         len,
                                 guint         n_strings)
{
  CuspCdfValues *values = g_new0 (CuspCdfValues, 1);
  GPtrArray *parts = g_ptr_array_new ();
  gsize start = 0;

  values->type = CUSP_CDF_CHAR;
  values->kind = CUSP_CDF_VALUE_STRING;
  /* CDF >= 3.7 joins the strings of one entry with the 3 bytes "\N ". */
  for (gsize i = 0; n_strings > 1 && i + 3 <= len; i++)
    {
      if (raw[i] == '\\' && raw[i + 1] == 'N' && raw[i + 2] == ' ')
        {
          g_ptr_array_add (parts, _cusp_cdf_text (raw + start, i - start));
          start = i + 3;
          i += 2;
        }
    }
  g_ptr_array_add (parts, _cusp_cdf_text (raw + start, len - start));
  values->n_values = parts->len;
  g_ptr_array_add (parts, NULL);
  values->strings = (char **) g_ptr_array_free (parts, FALSE);
  return values;
}
