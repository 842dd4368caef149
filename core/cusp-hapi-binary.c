#define G_LOG_DOMAIN "cusp-hapi-binary"

#include "config.h"

#include <inttypes.h>

#include "cusp-hapi-binary.h"
#include "cusp-hapi-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* One numeric value of a record: where it is in the record, where it goes
 * (dst[r * stride] for record r) and the fill's bytes when one is
 * declared, so that the check is one integer comparison. */
typedef struct
{
  double  *dst;
  gsize    stride;
  gsize    src;
  guint64  fill_bits;
  gboolean has_fill;
  gboolean fill_is_zero;   /* -0.0 and 0.0 both match, as == does */
  gboolean is_double;
} Op;

/* One string value of a record: where it is, how long, and where it
 * goes (dst[r] for record r). */
typedef struct
{
  const CuspHapiParameter *parameter;
  guint                    index;
  guint                    component;
  gsize                    src;
  gsize                    length;
  char                   **dst;
} TextOp;

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
  guint            expected;  /* records hinted by the caller */
  /* Decoding plan, one entry per numeric value of a record (make_plan). */
  Op              *ops;
  guint            n_ops;
  guint            plan_capacity;  /* records->capacity the slots are for */
  gboolean         all_double;
  /* Strings, decoded record by record after the numeric columns. */
  TextOp          *text_ops;
  guint            n_text_ops;
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
  g_free (self->ops);
  g_free (self->text_ops);
  g_free (self);
}

void
cusp_hapi_binary_parser_expect (CuspHapiBinaryParser *self,
                                guint                 n_records)
{
  g_return_if_fail (self != NULL);
  self->expected = n_records;
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

/* The fill of an op as the bytes a value equal to it has: doubles
 * compare equal exactly when their bits do, but for the two zeros; an
 * integer fill must be an int32 to ever match. */
static void
set_fill (Op                      *op,
          const CuspHapiParameter *par)
{
  double f = par->fill_value;

  if (isnan (f))
    return;
  if (op->is_double)
    {
      memcpy (&op->fill_bits, &f, 8);
      op->has_fill = TRUE;
      op->fill_is_zero = f == 0;
    }
  else if (f == floor (f) && f >= G_MININT32 && f <= G_MAXINT32)
    {
      op->fill_bits = (guint32) (gint32) f;
      op->has_fill = TRUE;
    }
}

/* Source offset and fill of every numeric value of a record, so that
 * decoding needs no per-parameter lookups; strings get their own ops. */
static void
make_plan (CuspHapiBinaryParser *self)
{
  gsize src = item_size (&self->info->parameters[0]);

  self->ops = g_new0 (Op, MAX (self->records.n_values, 1));
  if (self->records.has_text)
    self->text_ops = g_new0 (TextOp, self->records.n_values);
  self->all_double = G_BYTE_ORDER == G_LITTLE_ENDIAN;
  for (guint i = 1; i < self->info->n_parameters; i++)
    {
      const CuspHapiParameter *par = &self->info->parameters[i];
      guint nc = cusp_hapi_parameter_n_components (par);
      gboolean numeric = par->type == CUSP_HAPI_TYPE_DOUBLE || par->type == CUSP_HAPI_TYPE_INTEGER;

      for (guint c = 0; c < nc; c++, src += item_size (par))
        {
          Op *op;

          if (par->type == CUSP_HAPI_TYPE_STRING)
            self->text_ops[self->n_text_ops++] = (TextOp) { par, i, c, src, item_size (par), NULL };
          if (!numeric)
            continue;
          op = &self->ops[self->n_ops++];
          op->src = src;
          op->is_double = par->type == CUSP_HAPI_TYPE_DOUBLE;
          set_fill (op, par);
        }
      if (par->type != CUSP_HAPI_TYPE_DOUBLE)
        self->all_double = FALSE;
    }
}

/* Destinations of the ops for the current capacity of the stores. */
static void
aim_plan (CuspHapiBinaryParser *self)
{
  const CuspHapiInfo *info = self->info;
  guint k = 0;

  for (guint i = 1; i < info->n_parameters; i++)
    {
      const CuspHapiParameter *par = &info->parameters[i];

      if (par->type != CUSP_HAPI_TYPE_DOUBLE && par->type != CUSP_HAPI_TYPE_INTEGER)
        continue;
      for (guint c = 0; c < cusp_hapi_parameter_n_components (par); c++, k++)
        self->ops[k].dst = cusp_hapi_records_slot (&self->records, i, c, &self->ops[k].stride);
    }
  for (guint k = 0; k < self->n_text_ops; k++)
    {
      TextOp *op = &self->text_ops[k];

      op->dst = cusp_hapi_records_text_slot (&self->records, op->index, op->component);
    }
  self->plan_capacity = self->records.capacity;
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
  cusp_hapi_records_expect (&self->records, self->expected);
  make_plan (self);
  self->ready = TRUE;
  return TRUE;
}

static gboolean
decode_time (CuspHapiBinaryParser *self,
             const guint8         *p,
             guint64               record,
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
                 record + 1, text, tp->name);
  }
  return FALSE;
}

/* Records are decoded in blocks small enough for the block's bytes to
 * stay in the L1 cache while each of its columns is read. */
#define BLOCK_RECORDS 128
#define PREFETCH_RECORDS (4 * BLOCK_RECORDS)

/* The times of m records. */
static gboolean
decode_times (CuspHapiBinaryParser *self,
              const guint8         *p,
              gsize                 m,
              CuspTime             *out,
              GError              **error)
{
  gsize ahead = PREFETCH_RECORDS * self->record_size;

  for (gsize r = 0; r < m; r++, p += self->record_size)
    {
      /* The stream is read once: ask for the bytes a few blocks ahead,
       * so decoding does not wait on memory (a prefetch past the end of
       * the chunk is harmless). */
      __builtin_prefetch (p + ahead);
      if (!decode_time (self, p, self->n_seen + r, &out[r], error))
        return FALSE;
      /* out[-1] is the previous block's last time, when there is one. */
      if (self->records.n_records + r > 0 && out[r] <= out[(gssize) r - 1])
        self->records.unsorted = TRUE;
    }
  return TRUE;
}

/* One value of m records: a column at a time, so that each loop does one
 * strided load and one store per record with the fill test hoisted out,
 * which the compiler turns into straight-line code. */
static void
decode_double_column (const Op     *op,
                      const guint8 *p,
                      gsize         record_size,
                      gsize         m,
                      double       *dst)
{
  const guint8 *s = p + op->src;
  gsize stride = op->stride;

  if (!op->has_fill)
    for (gsize r = 0; r < m; r++)
      memcpy (&dst[r * stride], s + r * record_size, 8);
  else if (op->fill_is_zero)
    for (gsize r = 0; r < m; r++)
      {
        guint64 bits;
        double v;

        memcpy (&bits, s + r * record_size, 8);
        memcpy (&v, &bits, 8);
        dst[r * stride] = (bits << 1) == 0 ? NAN : v;
      }
  else
    for (gsize r = 0; r < m; r++)
      {
        guint64 bits;
        double v;

        memcpy (&bits, s + r * record_size, 8);
        memcpy (&v, &bits, 8);
        dst[r * stride] = bits == op->fill_bits ? NAN : v;
      }
}

static inline gboolean
is_fill (const Op *op,
         guint64   bits)
{
  if (!op->has_fill)
    return FALSE;
  if (op->fill_is_zero)
    return (bits << 1) == 0;
  return bits == op->fill_bits;
}

/* Any value on a big-endian host, or a 4-byte integer. */
static void
decode_any_column (const Op     *op,
                   const guint8 *p,
                   gsize         record_size,
                   gsize         m,
                   double       *dst)
{
  const guint8 *s = p + op->src;

  for (gsize r = 0; r < m; r++, s += record_size)
    {
      double v;

      if (op->is_double)
        {
          guint64 bits;

          memcpy (&bits, s, 8);
          bits = GUINT64_FROM_LE (bits);
          memcpy (&v, &bits, 8);
          v = is_fill (op, bits) ? NAN : v;
        }
      else
        {
          guint32 bits;

          memcpy (&bits, s, 4);
          bits = GUINT32_FROM_LE (bits);
          v = is_fill (op, bits) ? NAN : (double) (gint32) bits;
        }
      dst[r * op->stride] = v;
    }
}

/* The strings of m records: NUL-padded to their length, kept up to the
 * first NUL. */
static void
decode_text (CuspHapiBinaryParser *self,
             const guint8         *p,
             gsize                 m,
             gsize                 first)
{
  for (guint k = 0; k < self->n_text_ops; k++)
    {
      const TextOp *op = &self->text_ops[k];
      const guint8 *s = p + op->src;

      for (gsize r = 0; r < m; r++, s += self->record_size)
        {
          const guint8 *nul = memchr (s, '\0', op->length);
          gsize len = nul != NULL ? (gsize) (nul - s) : op->length;

          op->dst[first + r] = cusp_hapi_text_value (op->parameter, (const char *) s, len);
        }
    }
}

/* Decodes n_records whole records at p straight into the containers'
 * arrays (which grow geometrically, or are sized once from a hint). */
static gboolean
decode_records (CuspHapiBinaryParser *self,
                const guint8         *p,
                gsize                 n_records,
                GError              **error)
{
  CuspHapiRecords *records = &self->records;

  cusp_hapi_records_reserve (records, n_records);
  if (self->plan_capacity != records->capacity)
    aim_plan (self);
  while (n_records > 0)
    {
      gsize m = MIN (n_records, BLOCK_RECORDS), r = records->n_records;

      if (!decode_times (self, p, m, &records->times[r], error))
        return FALSE;
      for (guint k = 0; k < self->n_ops; k++)
        {
          const Op *op = &self->ops[k];

          if (self->all_double)
            decode_double_column (op, p, self->record_size, m, op->dst + r * op->stride);
          else
            decode_any_column (op, p, self->record_size, m, op->dst + r * op->stride);
        }
      if (G_UNLIKELY (self->n_text_ops > 0))
        decode_text (self, p, m, r);
      records->n_records += m;
      self->n_seen += m;
      p += m * self->record_size;
      n_records -= m;
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
  return self->ready ? self->records.n_records : 0;
}

CuspTime
cusp_hapi_binary_parser_get_last_time (CuspHapiBinaryParser *self)
{
  g_return_val_if_fail (self != NULL, CUSP_TIME_INVALID);
  return self->ready ? cusp_hapi_records_last_time (&self->records) : CUSP_TIME_INVALID;
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
