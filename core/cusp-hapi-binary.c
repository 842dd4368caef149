#define G_LOG_DOMAIN "cusp-hapi-binary"

#include "config.h"

#include <inttypes.h>

#include "cusp-hapi-binary.h"
#include "cusp-hapi-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

typedef enum
{
  STATE_START,     /* nothing seen: header or first record */
  STATE_HEADER,    /* inside a "#" line */
  STATE_RECORDS,
} State;

struct _CuspHapiBinaryParser
{
  CuspHapiInfo    *info;
  CuspHapiInfo    *header_info;
  GString         *header;
  GByteArray      *carry;     /* the incomplete last record */
  State            state;
  gboolean         ready;
  gboolean         failed;
  gboolean         finished;
  guint64          n_seen;    /* records decoded, for messages */
  gsize            record_size;
  CuspHapiRecords  records;
  /* Decoding plan, one entry per value of a record (see prepare). */
  guint8          *kinds;     /* CUSP_HAPI_TYPE_* */
  double          *fills;
  gsize           *sizes;
  gboolean         all_double;
};

CuspHapiBinaryParser *
cusp_hapi_binary_parser_new (CuspHapiInfo *info)
{
  CuspHapiBinaryParser *self = g_new0 (CuspHapiBinaryParser, 1);

  self->info = info ? cusp_hapi_info_ref (info) : NULL;
  self->header = g_string_new (NULL);
  self->carry = g_byte_array_new ();
  return self;
}

void
cusp_hapi_binary_parser_free (CuspHapiBinaryParser *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->info, cusp_hapi_info_unref);
  g_clear_pointer (&self->header_info, cusp_hapi_info_unref);
  g_string_free (self->header, TRUE);
  g_byte_array_unref (self->carry);
  if (self->ready)
    cusp_hapi_records_clear (&self->records);
  g_free (self->kinds);
  g_free (self->fills);
  g_free (self->sizes);
  g_free (self);
}

static gsize
item_size (const CuspHapiParameter *p)
{
  switch (p->type)
    {
    case CUSP_HAPI_TYPE_DOUBLE: return 8;
    case CUSP_HAPI_TYPE_INTEGER: return 4;
    case CUSP_HAPI_TYPE_STRING:
    case CUSP_HAPI_TYPE_ISOTIME:
    default: return MAX (p->length, 0);
    }
}

/* The type and fill of every value of a record, so that decoding needs no
 * per-parameter lookups; when every value is a double and the host is
 * little-endian, a record's values are one memcpy. */
static void
make_plan (CuspHapiBinaryParser *self)
{
  guint n = self->records.n_values, k = 0;

  self->kinds = g_new0 (guint8, MAX (n, 1));
  self->fills = g_new0 (double, MAX (n, 1));
  self->sizes = g_new0 (gsize, MAX (n, 1));
  self->all_double = G_BYTE_ORDER == G_LITTLE_ENDIAN;
  for (guint i = 1; i < self->info->n_parameters; i++)
    {
      const CuspHapiParameter *par = &self->info->parameters[i];
      guint nc = cusp_hapi_parameter_n_components (par);

      for (guint c = 0; c < nc; c++, k++)
        {
          self->kinds[k] = (guint8) par->type;
          self->fills[k] = par->fill_value;
          self->sizes[k] = item_size (par);
        }
      if (par->type != CUSP_HAPI_TYPE_DOUBLE)
        self->all_double = FALSE;
    }
}

static gboolean
prepare (CuspHapiBinaryParser *self,
         GError              **error)
{
  if (self->ready)
    return TRUE;
  if (self->header->len > 0)
    {
      self->header_info = cusp_hapi_header_parse (self->header, error);
      if (self->header_info == NULL)
        return FALSE;
    }
  if (self->info == NULL && self->header_info != NULL)
    self->info = cusp_hapi_info_ref (self->header_info);
  if (self->info == NULL)
    {
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                   _("The data stream has no header describing its records; ask for it with include=header or give the dataset description"));
      return FALSE;
    }
  for (guint i = 0; i < self->info->n_parameters; i++)
    {
      const CuspHapiParameter *p = &self->info->parameters[i];

      if (item_size (p) == 0)
        {
          g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                       _("The parameter “%s” has no length: binary data cannot be read; ask for CSV instead"),
                       p->name);
          return FALSE;
        }
      self->record_size += item_size (p) * cusp_hapi_parameter_n_components (p);
    }
  cusp_hapi_records_init (&self->records, self->info);
  make_plan (self);
  self->ready = TRUE;
  return TRUE;
}

static gboolean
decode_time (CuspHapiBinaryParser *self,
             const guint8         *p,
             CuspTime             *t,
             GError              **error)
{
  const CuspHapiParameter *tp = &self->info->parameters[0];
  gsize len = tp->length;

  /* Shorter times are padded with NULs. */
  while (len > 0 && p[len - 1] == '\0')
    len--;
  if (cusp_hapi_parse_time (&self->records.time_cache, (const char *) p, len, t))
    return TRUE;
  {
    g_autofree char *text = g_utf8_make_valid ((const char *) p, len);

    g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                 _("record %" PRIu64 ": “%s” is not a HAPI time (parameter %s); the stream may not be HAPI binary"),
                 self->n_seen + 1, text, tp->name);
  }
  return FALSE;
}

/* Values of one record into row, by the plan. */
static void
decode_values (CuspHapiBinaryParser *self,
               const guint8         *p,
               double               *row)
{
  guint n = self->records.n_values;

  if (self->all_double)
    memcpy (row, p, sizeof (double) * n);
  else
    for (guint k = 0; k < n; k++)
      {
        if (self->kinds[k] == CUSP_HAPI_TYPE_DOUBLE)
          {
            guint64 bits;

            memcpy (&bits, p, 8);
            bits = GUINT64_FROM_LE (bits);
            memcpy (&row[k], &bits, 8);
            p += 8;
          }
        else if (self->kinds[k] == CUSP_HAPI_TYPE_INTEGER)
          {
            guint32 bits;

            memcpy (&bits, p, 4);
            row[k] = (gint32) GUINT32_FROM_LE (bits);
            p += 4;
          }
        else
          {
            row[k] = NAN;
            p += self->sizes[k];
          }
      }
  for (guint k = 0; k < n; k++)
    if (row[k] == self->fills[k])
      row[k] = NAN;
}

/* Decodes n_records whole records at p straight into the record table
 * (which grows geometrically, as GArray does). */
static gboolean
decode_records (CuspHapiBinaryParser *self,
                const guint8         *p,
                gsize                 n_records,
                GError              **error)
{
  GArray *times = self->records.times, *values = self->records.values;
  guint nv = self->records.n_values, first = times->len;
  gsize time_len = self->info->parameters[0].length;
  CuspTime *t;
  double *row;

  g_array_set_size (times, first + n_records);
  g_array_set_size (values, (gsize) (first + n_records) * nv);
  t = (CuspTime *) times->data + first;
  row = (double *) values->data + (gsize) first * nv;
  for (gsize r = 0; r < n_records; r++, p += self->record_size, row += nv)
    {
      if (!decode_time (self, p, &t[r], error))
        {
          g_array_set_size (times, first + r);
          g_array_set_size (values, (gsize) (first + r) * nv);
          return FALSE;
        }
      decode_values (self, p + time_len, row);
      self->n_seen++;
    }
  return TRUE;
}

/* Header lines all start with "#"; the first byte after a newline that is
 * not "#" starts the records (a time string never starts with "#"). */
static gsize
eat_header (CuspHapiBinaryParser *self,
            const guint8         *p,
            gsize                 len)
{
  gsize used = 0;

  while (used < len && self->state != STATE_RECORDS)
    {
      if (self->state == STATE_START)
        {
          if (p[used] != '#')
            {
              self->state = STATE_RECORDS;
              break;
            }
          self->state = STATE_HEADER;
          used++;
          continue;
        }
      else
        {
          const guint8 *nl = memchr (p + used, '\n', len - used);
          gsize n = (nl ? (gsize) (nl - p) : len) - used;

          g_string_append_len (self->header, (const char *) p + used, n);
          used += n;
          if (nl != NULL)
            {
              g_string_append_c (self->header, '\n');
              used++;
              self->state = STATE_START;
            }
        }
    }
  return used;
}

gboolean
cusp_hapi_binary_parser_feed (CuspHapiBinaryParser *self,
                              const char           *data,
                              gsize                 len,
                              GError              **error)
{
  const guint8 *p = (const guint8 *) data;
  gsize used;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (!self->failed && !self->finished, FALSE);

  used = eat_header (self, p, len);
  p += used;
  len -= used;
  if (len == 0)
    return TRUE;
  if (!prepare (self, error))
    goto fail;
  if (self->carry->len > 0)
    {
      gsize need = MIN (self->record_size - self->carry->len, len);

      g_byte_array_append (self->carry, p, need);
      p += need;
      len -= need;
      if (self->carry->len < self->record_size)
        return TRUE;
      if (!decode_records (self, self->carry->data, 1, error))
        goto fail;
      g_byte_array_set_size (self->carry, 0);
    }
  if (len >= self->record_size)
    {
      gsize n = len / self->record_size;

      if (!decode_records (self, p, n, error))
        goto fail;
      p += n * self->record_size;
      len -= n * self->record_size;
    }
  g_byte_array_append (self->carry, p, len);
  return TRUE;

fail:
  self->failed = TRUE;
  return FALSE;
}

gboolean
cusp_hapi_binary_parser_finish (CuspHapiBinaryParser *self,
                                GError              **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->failed && !self->finished, FALSE);

  if (!prepare (self, error))
    goto fail;
  if (self->carry->len > 0)
    {
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_TRUNCATED,
                   _("The binary data stream ends inside record %" PRIu64 " (%u of %zu bytes): the server stopped sending early; try again"),
                   self->n_seen + 1, self->carry->len, self->record_size);
      goto fail;
    }
  self->finished = TRUE;
  return TRUE;

fail:
  self->failed = TRUE;
  return FALSE;
}

CuspHapiInfo *
cusp_hapi_binary_parser_get_info (CuspHapiBinaryParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->info;
}

CuspHapiInfo *
cusp_hapi_binary_parser_get_header (CuspHapiBinaryParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->header_info;
}

guint
cusp_hapi_binary_parser_get_n_records (CuspHapiBinaryParser *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->ready ? self->records.times->len : 0;
}

CuspTime
cusp_hapi_binary_parser_get_last_time (CuspHapiBinaryParser *self)
{
  g_return_val_if_fail (self != NULL, CUSP_TIME_INVALID);
  if (!self->ready || self->records.times->len == 0)
    return CUSP_TIME_INVALID;
  return g_array_index (self->records.times, CuspTime, self->records.times->len - 1);
}

GPtrArray *
cusp_hapi_binary_parser_take_data (CuspHapiBinaryParser *self,
                                   GError              **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!self->finished)
    {
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_TRUNCATED,
                   _("The data stream was not complete"));
      return NULL;
    }
  return cusp_hapi_records_build (&self->records);
}
