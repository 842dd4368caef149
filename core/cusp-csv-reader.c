/* cusp-csv-reader.c: time series from CSV text files */
#define G_LOG_DOMAIN "cusp-csv"

#include "config.h"

#include "cusp-csv-reader.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (cusp-csv-error-quark, cusp_csv_error)

typedef struct
{
  char      sep;          /* ',', ';', '\t' or ' ' for runs of blanks */
  gboolean  unix_time;    /* decided on the first data row */
  guint     n_fields;
  GArray   *times;        /* CuspTime */
  GArray   *values;       /* double, row-major n_fields - 1 per row */
} Reader;

static char
detect_separator (const char *line)
{
  if (strchr (line, '\t') != NULL)
    return '\t';
  if (strchr (line, ';') != NULL)
    return ';';
  if (strchr (line, ',') != NULL)
    return ',';
  return ' ';
}

static char **
split_fields (const char *line,
              char        sep)
{
  char **fields;

  if (sep == ' ')
    {
      GPtrArray *out = g_ptr_array_new ();
      g_auto (GStrv) parts = g_strsplit_set (line, " \t", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          g_ptr_array_add (out, g_strdup (parts[i]));
      g_ptr_array_add (out, NULL);
      return (char **) g_ptr_array_free (out, FALSE);
    }
  fields = g_strsplit (line, (char[]) { sep, '\0' }, -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      gsize l;

      g_strstrip (fields[i]);
      l = strlen (fields[i]);
      /* Spreadsheets quote text fields. */
      if (l >= 2 && fields[i][0] == '"' && fields[i][l - 1] == '"')
        {
          memmove (fields[i], fields[i] + 1, l - 2);
          fields[i][l - 2] = '\0';
        }
    }
  return fields;
}

static gboolean
parse_number (const char *s,
              double     *out)
{
  char *end;

  if (*s == '\0' || g_ascii_strcasecmp (s, "nan") == 0)
    {
      *out = NAN;
      return TRUE;
    }
  *out = g_ascii_strtod (s, &end);
  return end != s && *end == '\0';
}

static gboolean
is_unix_time (const char *s)
{
  double d;

  return *s != '\0' && parse_number (s, &d) && !isnan (d);
}

static gboolean
parse_time (Reader      *r,
            const char  *s,
            guint        line,
            CuspTime    *out,
            GError     **error)
{
  g_autoptr (GError) local = NULL;
  double d;

  if (r->unix_time)
    {
      if (is_unix_time (s) && parse_number (s, &d))
        {
          *out = cusp_time_from_unix_seconds (d);
          if (*out != CUSP_TIME_INVALID)
            return TRUE;
        }
      g_set_error (error, CUSP_CSV_ERROR, CUSP_CSV_ERROR_BAD_ROW,
                   _("line %u: “%s” is not a time in Unix seconds like the rows above; "
                     "fix or remove that row."), line, s);
      return FALSE;
    }
  if (cusp_time_parse (s, out, &local))
    return TRUE;
  g_set_error (error, CUSP_CSV_ERROR, CUSP_CSV_ERROR_BAD_ROW,
               _("line %u: “%s” is not a time (%s); fix or remove that row."),
               line, s, local->message);
  return FALSE;
}

/* A header is a first row with a non-numeric value field or a first field
 * without a digit ("time"): a first row with a bad time but numeric values
 * is data, so its error is reported rather than taken as column names. */
static gboolean
is_header (char **fields)
{
  double d;

  if (strpbrk (fields[0], "0123456789") == NULL)
    return TRUE;
  for (guint i = 1; fields[i] != NULL; i++)
    if (!parse_number (fields[i], &d))
      return TRUE;
  return FALSE;
}

static gboolean
add_row (Reader      *r,
         char       **fields,
         guint        line,
         GError     **error)
{
  guint n = g_strv_length (fields);
  CuspTime t;

  if (n != r->n_fields)
    {
      g_set_error (error, CUSP_CSV_ERROR, CUSP_CSV_ERROR_BAD_ROW,
                   _("line %u: %u fields where the first row has %u; every row needs a time "
                     "and the same number of values."), line, n, r->n_fields);
      return FALSE;
    }
  if (!parse_time (r, fields[0], line, &t, error))
    return FALSE;
  g_array_append_val (r->times, t);
  for (guint i = 1; i < n; i++)
    {
      double d;

      if (!parse_number (fields[i], &d))
        {
          g_set_error (error, CUSP_CSV_ERROR, CUSP_CSV_ERROR_BAD_ROW,
                       _("line %u: “%s” in column %u is not a number; write a number, "
                         "NaN or leave it empty."), line, fields[i], i + 1);
          return FALSE;
        }
      g_array_append_val (r->values, d);
    }
  return TRUE;
}

static CuspSeries *
build_series (Reader      *r,
              char       **header,
              const char  *name)
{
  guint n = r->times->len, nc = r->n_fields - 1;
  CuspSeries *s = cusp_series_new (n, nc);
  const double *v = (const double *) (gpointer) r->values->data;

  memcpy (s->times, r->times->data, n * sizeof (CuspTime));
  for (guint i = 0; i < n; i++)
    for (guint c = 0; c < nc; c++)
      s->values[(gsize) c * n + i] = v[(gsize) i * nc + c];
  for (guint c = 0; c < nc; c++)
    {
      g_autofree char *label = header != NULL ? g_strdup (header[c + 1])
                                              : g_strdup_printf (_("col %u"), c + 2);
      cusp_series_set_label (s, c, label);
    }
  if (name != NULL)
    cusp_series_set_name (s, name);
  cusp_series_sort (s);
  return s;
}

CuspSeries *
cusp_csv_read_data (const char  *text,
                    gssize       len,
                    const char  *name,
                    GError     **error)
{
  g_autofree char *copy = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) header = NULL;
  Reader r = { 0 };
  gboolean first = TRUE, ok = TRUE;
  CuspSeries *out = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  copy = g_strndup (text != NULL ? text : "", len < 0 ? strlen (text) : (gsize) len);
  lines = g_strsplit (copy, "\n", -1);
  r.times = g_array_new (FALSE, FALSE, sizeof (CuspTime));
  r.values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; ok && lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_auto (GStrv) fields = NULL;

      if (*line == '\0' || *line == '#')
        continue;
      if (first)
        {
          r.sep = detect_separator (line);
          fields = split_fields (line, r.sep);
          r.n_fields = g_strv_length (fields);
          first = FALSE;
          if (is_header (fields))
            {
              header = g_steal_pointer (&fields);
              continue;
            }
        }
      else
        fields = split_fields (line, r.sep);
      if (r.times->len == 0)
        r.unix_time = is_unix_time (fields[0]);
      ok = add_row (&r, fields, i + 1, error);
    }

  if (ok && (r.times->len == 0 || r.n_fields < 2))
    g_set_error (error, CUSP_CSV_ERROR, CUSP_CSV_ERROR_EMPTY,
                 _("The file has no rows of a time followed by values; the first column must "
                   "be an ISO 8601 time or Unix seconds."));
  else if (ok)
    out = build_series (&r, header, name);
  g_array_unref (r.times);
  g_array_unref (r.values);
  return out;
}

CuspSeries *
cusp_csv_read_file (const char  *path,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = NULL;
  g_autoptr (GError) local = NULL;
  CuspSeries *s;
  char *dot;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  s = cusp_csv_read_data (contents, (gssize) len, base, &local);
  if (s == NULL)
    g_set_error (error, local->domain, local->code, _("%s: %s"), path, local->message);
  return s;
}
