#define G_LOG_DOMAIN "cusp-hapi-csv"

#include "config.h"

#include <inttypes.h>

#include "cusp-hapi-csv.h"
#include "cusp-hapi-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

typedef struct
{
  CuspHapiType type;
  guint        parameter;
  guint        value;       /* index in the record row */
  double       fill;
} Column;

struct _CuspHapiCsvParser
{
  CuspHapiInfo    *info;
  CuspHapiInfo    *header_info;
  GString         *header;
  GString         *carry;     /* the incomplete last line */
  guint64          line;      /* number of the last line started */
  gboolean         ready;     /* records and columns set up */
  gboolean         failed;
  gboolean         finished;
  CuspHapiRecords  records;
  guint            expected;  /* records hinted by the caller */
  gboolean         quote_open; /* the carried record ends inside quotes */
  Column          *columns;
  guint            n_columns;
  double          *row;
  char           **texts;     /* strings of the record being parsed, or NULL */
};

CuspHapiCsvParser *
cusp_hapi_csv_parser_new (CuspHapiInfo *info)
{
  CuspHapiCsvParser *self = g_new0 (CuspHapiCsvParser, 1);

  self->info = info ? cusp_hapi_info_ref (info) : NULL;
  self->header = g_string_new (NULL);
  self->carry = g_string_new (NULL);
  return self;
}

void
cusp_hapi_csv_parser_free (CuspHapiCsvParser *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->info, cusp_hapi_info_unref);
  g_clear_pointer (&self->header_info, cusp_hapi_info_unref);
  g_string_free (self->header, TRUE);
  g_string_free (self->carry, TRUE);
  if (self->ready)
    cusp_hapi_records_clear (&self->records);
  g_free (self->columns);
  g_free (self->row);
  for (guint v = 0; self->texts != NULL && v < self->records.n_values; v++)
    g_free (self->texts[v]);
  g_free (self->texts);
  g_free (self);
}

void
cusp_hapi_csv_parser_expect (CuspHapiCsvParser *self,
                             guint              n_records)
{
  g_return_if_fail (self != NULL);
  self->expected = n_records;
}


static void
setup_columns (CuspHapiCsvParser *self)
{
  CuspHapiInfo *info = self->info;
  guint n = 1, k = 0;

  cusp_hapi_records_init (&self->records, info);
  cusp_hapi_records_expect (&self->records, self->expected);
  for (guint i = 1; i < info->n_parameters; i++)
    n += cusp_hapi_parameter_n_components (&info->parameters[i]);
  self->n_columns = n;
  self->columns = g_new0 (Column, n);
  self->columns[k++] = (Column) { CUSP_HAPI_TYPE_ISOTIME, 0, 0, NAN };
  for (guint i = 1; i < info->n_parameters; i++)
    {
      const CuspHapiParameter *p = &info->parameters[i];
      guint nc = cusp_hapi_parameter_n_components (p);

      for (guint c = 0; c < nc; c++)
        self->columns[k++] = (Column) { p->type, i, self->records.offset[i] + c, p->fill_value };
    }
  self->row = g_new0 (double, MAX (self->records.n_values, 1));
  if (self->records.has_text)
    self->texts = g_new0 (char *, self->records.n_values);
  self->ready = TRUE;
}

static gboolean
prepare (CuspHapiCsvParser *self,
         GError           **error)
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
                   _("The data stream has no header describing its columns; ask for it with include=header or give the dataset description"));
      return FALSE;
    }
  setup_columns (self);
  return TRUE;
}

static void
field_error (CuspHapiCsvParser *self,
             GError           **error,
             guint              column,
             const char        *field,
             gsize              len)
{
  const Column *col = &self->columns[column];
  const char *name = self->info->parameters[col->parameter].name;
  g_autofree char *text = g_utf8_make_valid (field, MIN (len, 64));

  if (col->type == CUSP_HAPI_TYPE_ISOTIME)
    g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                 _("line %" PRIu64 ": “%s” is not a HAPI time in column %u (parameter %s)"),
                 self->line, text, column + 1, name);
  else
    g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                 _("line %" PRIu64 ": “%s” is not a number in column %u (parameter %s)"),
                 self->line, text, column + 1, name);
}

static void
count_error (CuspHapiCsvParser *self,
             GError           **error,
             guint              found)
{
  g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
               _("line %" PRIu64 ": %u columns where the dataset description gives %u; the server sent other parameters than asked"),
               self->line, found, self->n_columns);
}

/* End of a field starting at p: after a quoted string or at the comma. */
static const char *
field_end (const char *p,
           const char *end)
{
  if (p < end && *p == '"')
    {
      for (p++; p < end; p++)
        if (*p == '"')
          {
            if (p + 1 < end && p[1] == '"')
              p++;
            else
              {
                const char *comma = memchr (p, ',', end - p);
                return comma ? comma : end;
              }
          }
      return end;
    }
  p = memchr (p, ',', end - p);
  return p ? p : end;
}

/* A string field: inside its quotes with "" read as " when quoted (RFC
 * 4180), else as it is. */
static char *
text_field (const CuspHapiParameter *p,
            const char              *s,
            const char              *e)
{
  g_autoptr (GString) out = NULL;

  if (e - s < 2 || *s != '"' || e[-1] != '"')
    return cusp_hapi_text_value (p, s, e - s);
  out = g_string_sized_new (e - s);
  for (s++, e--; s < e; s++)
    {
      g_string_append_c (out, *s);
      if (*s == '"' && s + 1 < e && s[1] == '"')
        s++;
    }
  return cusp_hapi_text_value (p, out->str, out->len);
}

static gboolean
parse_value (CuspHapiCsvParser *self,
             guint              column,
             const char        *p,
             const char        *e,
             CuspTime          *time,
             GError           **error)
{
  const Column *col = &self->columns[column];
  double v;

  while (p < e && *p == ' ')
    p++;
  while (e > p && e[-1] == ' ')
    e--;
  if (column == 0)
    {
      if (!cusp_hapi_parse_time (&self->records.time_cache, p, e - p, time))
        {
          field_error (self, error, column, p, e - p);
          return FALSE;
        }
      return TRUE;
    }
  if (col->type == CUSP_HAPI_TYPE_STRING)
    {
      g_free (self->texts[col->value]);
      self->texts[col->value] = text_field (&self->info->parameters[col->parameter], p, e);
      self->row[col->value] = NAN;
      return TRUE;
    }
  if (col->type == CUSP_HAPI_TYPE_ISOTIME)
    {
      self->row[col->value] = NAN;
      return TRUE;
    }
  if (!cusp_hapi_parse_double (p, e - p, &v))
    {
      field_error (self, error, column, p, e - p);
      return FALSE;
    }
  self->row[col->value] = v == col->fill ? NAN : v;
  return TRUE;
}

static gboolean
parse_record (CuspHapiCsvParser *self,
              const char        *p,
              const char        *end,
              GError           **error)
{
  CuspTime t = 0;
  guint column = 0;

  for (;;)
    {
      const char *e = field_end (p, end);

      if (column >= self->n_columns)
        {
          guint found = column + 1;

          for (; e < end; e = field_end (e + 1, end))
            found++;
          count_error (self, error, found);
          return FALSE;
        }
      if (!parse_value (self, column, p, e, &t, error))
        return FALSE;
      column++;
      if (e >= end)
        break;
      p = e + 1;
    }
  if (column != self->n_columns)
    {
      count_error (self, error, column);
      return FALSE;
    }
  cusp_hapi_records_append_full (&self->records, t, self->row, self->texts);
  return TRUE;
}

static gboolean
parse_line (CuspHapiCsvParser *self,
            const char        *p,
            gsize              len,
            GError           **error)
{
  self->line++;
  if (len > 0 && p[len - 1] == '\r')
    len--;
  if (len == 0)
    return TRUE;
  if (p[0] == '#')
    {
      /* A "#" line after the data is a comment, not a header. */
      if (!self->ready)
        {
          g_string_append_len (self->header, p + 1, len - 1);
          g_string_append_c (self->header, '\n');
        }
      return TRUE;
    }
  if (!prepare (self, error))
    return FALSE;
  return parse_record (self, p, p + len, error);
}

/* Whether the record starting with `first' may hold quoted line breaks:
 * a data line (not a "#" header or comment) of a stream with string
 * parameters, or the first data line before the columns are known.
 * Numeric streams never pay for the quote scan. */
static gboolean
may_quote (CuspHapiCsvParser *self,
           char               first)
{
  return first != '#' && (!self->ready || self->records.has_text);
}

/* The newline that ends the record continuing at p (NULL when it ends
 * beyond `end'): the first newline outside double quotes.  *open is the
 * quote state at p and is updated to the state at the returned newline
 * (or at `end').  RFC 4180's doubled quotes flip the state twice. */
static const char *
record_end (const char *p,
            const char *end,
            gboolean    quoted,
            gboolean   *open)
{
  for (;;)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl != NULL ? nl : end;

      if (!quoted)
        return nl;
      for (const char *q = memchr (p, '"', stop - p); q != NULL; q = memchr (q + 1, '"', stop - q - 1))
        *open = !*open;
      if (nl == NULL || !*open)
        return nl;
      p = nl + 1;
    }
}

gboolean
cusp_hapi_csv_parser_feed (CuspHapiCsvParser *self,
                           const char        *data,
                           gsize              len,
                           GError           **error)
{
  const char *p = data, *end = data + len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (!self->failed && !self->finished, FALSE);

  if (self->carry->len > 0)
    {
      const char *nl = record_end (p, end, may_quote (self, self->carry->str[0]), &self->quote_open);

      g_string_append_len (self->carry, p, (nl ? nl : end) - p);
      if (nl == NULL)
        return TRUE;
      self->quote_open = FALSE;
      if (!parse_line (self, self->carry->str, self->carry->len, error))
        goto fail;
      g_string_truncate (self->carry, 0);
      p = nl + 1;
    }
  while (p < end)
    {
      const char *nl = record_end (p, end, may_quote (self, *p), &self->quote_open);

      if (nl == NULL)
        {
          g_string_append_len (self->carry, p, end - p);
          break;
        }
      self->quote_open = FALSE;
      if (!parse_line (self, p, nl - p, error))
        goto fail;
      p = nl + 1;
    }
  return TRUE;

fail:
  self->failed = TRUE;
  return FALSE;
}

gboolean
cusp_hapi_csv_parser_finish (CuspHapiCsvParser *self,
                             GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->failed && !self->finished, FALSE);

  if (self->carry->len > 0 && !parse_line (self, self->carry->str, self->carry->len, error))
    goto fail;
  g_string_truncate (self->carry, 0);
  if (!prepare (self, error))
    goto fail;
  self->finished = TRUE;
  return TRUE;

fail:
  self->failed = TRUE;
  return FALSE;
}

CuspHapiInfo *
cusp_hapi_csv_parser_get_info (CuspHapiCsvParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->info;
}

CuspHapiInfo *
cusp_hapi_csv_parser_get_header (CuspHapiCsvParser *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->header_info;
}

guint
cusp_hapi_csv_parser_get_n_records (CuspHapiCsvParser *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->ready ? self->records.n_records : 0;
}

CuspTime
cusp_hapi_csv_parser_get_last_time (CuspHapiCsvParser *self)
{
  g_return_val_if_fail (self != NULL, CUSP_TIME_INVALID);
  return self->ready ? cusp_hapi_records_last_time (&self->records) : CUSP_TIME_INVALID;
}

GPtrArray *
cusp_hapi_csv_parser_take_data (CuspHapiCsvParser *self,
                                GError           **error)
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
