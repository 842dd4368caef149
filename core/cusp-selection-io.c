#define G_LOG_DOMAIN "cusp-selection-io"

#include "config.h"

#include "cusp-selection-io.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cusp-selection.h"

#define GLS_PLACEHOLDER_FOM 150.0

static const char *const SDC_HEADER =
  "DATASEGMENTID,TAISTARTTIME,TAIENDTIME,PARAMETERSETID,FOM,ISPENDING,INPLAYLIST,"
  "STATUS,NUMEVALCYCLES,SOURCEID,CREATETIME,FINISHTIME,DISCUSSION";
static const char *const PYMMS_HEADER = "start_time,stop_time,fom,sourceid,discussion,createtime";
static const char *const PUBLIC_COLUMNS[] = {
  "id", "time", "end", "type", "sc_id", "source", "orbit", "description", "discussion", "tag"
};

void
cusp_selection_read_options_init (CuspSelectionReadOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = CUSP_SELECTION_FORMAT_AUTO;
}

const char *
cusp_selection_format_name (CuspSelectionFormat format)
{
  switch (format)
    {
    case CUSP_SELECTION_FORMAT_AUTO:       return "auto";
    case CUSP_SELECTION_FORMAT_SDC_CSV:    return "sdc-csv";
    case CUSP_SELECTION_FORMAT_SDC_PUBLIC: return "sdc-public";
    case CUSP_SELECTION_FORMAT_GLS_V1:     return "gls-v1";
    case CUSP_SELECTION_FORMAT_GLS_3COL:   return "gls-3col";
    case CUSP_SELECTION_FORMAT_PYMMS_CSV:  return "pymms-csv";
    case CUSP_SELECTION_FORMAT_EVA_TEXT:   return "eva-text";
    case CUSP_SELECTION_FORMAT_UNKNOWN:
    default:                               return "unknown";
    }
}

/* ------------------------------------------------------------------ */
/* Lines and fields                                                     */

typedef struct
{
  const char *name;
  guint       line;
} Where;

static void G_GNUC_PRINTF (3, 4)
set_line_error (GError     **error,
                const Where *where,
                const char  *format,
                ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_PARSE,
               _("%s, line %u: %s"), where->name, where->line, detail);
}

static gboolean
is_blank (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

/* RFC 4180 fields of one line: "" inside quotes is a quote.  NULL when a
 * quote is left open or followed by something else than a comma. */
static GPtrArray *
split_csv (const char *line)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  const char *p = line;

  for (;;)
    {
      GString *field = g_string_new (NULL);

      if (*p == '"')
        {
          for (p++;; p++)
            {
              if (*p == '\0')
                {
                  g_string_free (field, TRUE);
                  return NULL;
                }
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
          if (*p != ',' && *p != '\0')
            {
              g_string_free (field, TRUE);
              return NULL;
            }
        }
      else
        {
          for (; *p != ',' && *p != '\0'; p++)
            g_string_append_c (field, *p);
        }
      g_ptr_array_add (fields, g_string_free (field, FALSE));
      if (*p == '\0')
        break;
      p++;
    }
  return g_steal_pointer (&fields);
}

static const char *
field (GPtrArray *fields,
       guint      i)
{
  return g_ptr_array_index (fields, i);
}

/* Fields from `first` on, rejoined: unquoted descriptions may hold commas. */
static char *
join_from (GPtrArray *fields,
           guint      first)
{
  GString *text = g_string_new (NULL);

  for (guint i = first; i < fields->len; i++)
    {
      if (i > first)
        g_string_append_c (text, ',');
      g_string_append (text, field (fields, i));
    }
  g_strstrip (text->str);
  text->len = strlen (text->str);
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static char *
text_or_null (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return copy[0] == '\0' ? NULL : g_steal_pointer (&copy);
}

/* ------------------------------------------------------------------ */
/* Numbers and times                                                    */

static gboolean
parse_double (const char *text,
              double     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end;

  if (copy[0] == '\0')
    return FALSE;
  *out = g_ascii_strtod (copy, &end);
  return *end == '\0';
}

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  double value;

  if (!parse_double (text, &value) || !isfinite (value) || value != floor (value)
      || fabs (value) > 9.0e15)
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

static gboolean
take_digits (const char **p,
             guint        n,
             int         *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

static gboolean
take_char (const char **p,
           char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

static gboolean
take_hms (const char   **p,
          CuspCivilTime *civil)
{
  return take_digits (p, 2, &civil->hour) && take_char (p, ':')
         && take_digits (p, 2, &civil->minute) && take_char (p, ':')
         && take_digits (p, 2, &civil->second);
}

static gboolean
take_date (const char   **p,
           CuspCivilTime *civil)
{
  return take_digits (p, 4, &civil->year) && take_char (p, '-')
         && take_digits (p, 2, &civil->month) && take_char (p, '-')
         && take_digits (p, 2, &civil->day);
}

/* "YYYY-MM-DD hh:mm:ss[.fff]" with 'T' for the space, and an optional
 * "Z" or " UTC" (the public export), surrounding blanks allowed. */
static gboolean
parse_calendar (const char    *text,
                CuspCivilTime *civil)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *p = copy;

  memset (civil, 0, sizeof *civil);
  if (!take_date (&p, civil) || (*p != ' ' && *p != 'T'))
    return FALSE;
  p++;
  if (!take_hms (&p, civil))
    return FALSE;
  if (*p == '.')
    {
      int scale = 100000000;

      for (p++; g_ascii_isdigit (*p); p++, scale /= 10)
        civil->nanosecond += (*p - '0') * scale;
      if (scale == 100000000)
        return FALSE;
    }
  if (*p == 'Z')
    p++;
  else if (g_str_equal (p, " UTC"))
    p += 4;
  return *p == '\0';
}

static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static gboolean
civil_fields_valid (const CuspCivilTime *civil)
{
  return civil->month >= 1 && civil->month <= 12
         && civil->day >= 1 && civil->day <= cusp_days_in_month (civil->year, civil->month)
         && civil->hour < 24 && civil->minute < 60 && civil->second < 60;
}

/* Whole TAI seconds: floor, or ceiling with round_up. */
static gint64
time_to_tai (CuspTime t,
             gboolean round_up)
{
  gint64 tai = cusp_time_to_tai_seconds (t);

  if (round_up && cusp_time_from_tai_seconds (tai) != t)
    tai++;
  return tai;
}

static gboolean
utc_text_to_tai (const char *text,
                 gboolean    round_up,
                 gint64     *tai)
{
  CuspCivilTime civil;
  CuspTime t;

  if (!parse_calendar (text, &civil) || !cusp_time_from_civil (&civil, &t, NULL))
    return FALSE;
  *tai = time_to_tai (t, round_up);
  return TRUE;
}

/* GLS v1 wrote utc2tai() results as calendar strings: TAI seconds are the
 * plain calendar difference from 1958-01-01, with no leap seconds. */
static gboolean
tai_text_to_tai (const char *text,
                 gboolean    round_up,
                 gint64     *tai)
{
  CuspCivilTime civil;

  if (!parse_calendar (text, &civil) || !civil_fields_valid (&civil))
    return FALSE;
  *tai = (days_from_civil (civil.year, civil.month, civil.day) - days_from_civil (1958, 1, 1)) * 86400
         + civil.hour * 3600 + civil.minute * 60 + civil.second
         + (round_up && civil.nanosecond > 0);
  return TRUE;
}

static void
format_utc (gint64  tai,
            char   *buf)
{
  cusp_time_format_iso_buf (cusp_time_from_tai_seconds (tai), 0, FALSE, buf);
  buf[10] = ' ';
}

/* ------------------------------------------------------------------ */
/* Rows                                                                 */

typedef gboolean (*TimeParser) (const char *, gboolean, gint64 *);

static gboolean
row_times (const Where *where,
           TimeParser   parse,
           const char  *start_text,
           const char  *stop_text,
           gboolean     widen_empty,
           CuspBurstSegment *segment,
           GError     **error)
{
  g_autofree char *start_trim = g_strstrip (g_strdup (start_text));
  g_autofree char *stop_trim = g_strstrip (g_strdup (stop_text));

  if (!parse (start_text, FALSE, &segment->start))
    {
      set_line_error (error, where, _("the start time “%s” is not a time of the form YYYY-MM-DD hh:mm:ss. Correct it or remove the line."),
                      start_trim);
      return FALSE;
    }
  if (!parse (stop_text, TRUE, &segment->stop))
    {
      set_line_error (error, where, _("the stop time “%s” is not a time of the form YYYY-MM-DD hh:mm:ss. Correct it or remove the line."),
                      stop_trim);
      return FALSE;
    }
  if (widen_empty && segment->stop == segment->start)
    segment->stop += CUSP_BURST_BUFFER_SECONDS;
  if (segment->stop <= segment->start)
    {
      set_line_error (error, where, _("the stop time %s is not after the start time %s. Swap or correct them."),
                      stop_trim, start_trim);
      return FALSE;
    }
  return TRUE;
}

static gboolean
row_fom (const Where *where,
         const char  *text,
         gboolean     empty_is_nan,
         double      *fom,
         GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (empty_is_nan && trimmed[0] == '\0')
    {
      *fom = NAN;
      return TRUE;
    }
  if (!parse_double (text, fom))
    {
      set_line_error (error, where, _("the FOM “%s” is not a number. Correct it or remove the line."), trimmed);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_columns (const Where *where,
               GPtrArray   *fields,
               guint        min,
               guint        max,
               GError     **error)
{
  if (fields->len >= min && fields->len <= max)
    return TRUE;
  if (min == max)
    set_line_error (error, where, _("found %u columns where %u are expected. Check the separators and quotes on this line."),
                    fields->len, min);
  else
    set_line_error (error, where, _("found %u columns where at least %u are expected. Check the separators on this line."),
                    fields->len, min);
  return FALSE;
}

static gboolean
create_time (const Where *where,
             const char  *text,
             CuspTime    *out,
             GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  gint64 tai;

  if (trimmed[0] == '\0')
    {
      *out = CUSP_TIME_INVALID;
      return TRUE;
    }
  if (!utc_text_to_tai (trimmed, FALSE, &tai))
    {
      set_line_error (error, where, _("the create time “%s” is not a time of the form YYYY-MM-DD hh:mm:ss. Correct it or leave it empty."),
                      trimmed);
      return FALSE;
    }
  *out = cusp_time_from_tai_seconds (tai);
  return TRUE;
}

/* Column indices of an SDC CSV header; -1 when absent. */
typedef struct
{
  int n_columns;
  int id, start, end, fom, status, source, create, discussion;
} SdcColumns;

static char *
column_key (const char *header)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (header));
  size_t n = strcspn (trimmed, " (");

  return g_ascii_strup (trimmed, (gssize) n);
}

static gboolean
sdc_columns (GPtrArray  *header,
             SdcColumns *columns)
{
  struct { const char *key; int *slot; } names[] = {
    { "DATASEGMENTID", &columns->id }, { "TAISTARTTIME", &columns->start },
    { "TAIENDTIME", &columns->end }, { "FOM", &columns->fom }, { "STATUS", &columns->status },
    { "SOURCEID", &columns->source }, { "CREATETIME", &columns->create },
    { "DISCUSSION", &columns->discussion },
  };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    *names[k].slot = -1;
  columns->n_columns = (int) header->len;
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *key = column_key (field (header, i));

      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        if (g_str_equal (key, names[k].key))
          *names[k].slot = (int) i;
    }
  return columns->start >= 0 && columns->end >= 0;
}

static gboolean
tai_number (const char *text,
            gboolean    round_up G_GNUC_UNUSED,
            gint64     *tai)
{
  return parse_int (text, tai);
}

static gboolean
read_sdc_row (const Where      *where,
              const SdcColumns *c,
              GPtrArray        *fields,
              CuspBurstSegment *segment,
              GError          **error)
{
  g_autofree char *discussion = NULL;
  guint max = (guint) c->n_columns;

  /* Only a trailing DISCUSSION may carry unquoted commas. */
  if (c->discussion == c->n_columns - 1)
    max = G_MAXUINT;
  if (!check_columns (where, fields, (guint) c->n_columns, max, error))
    return FALSE;
  if (c->discussion >= 0)
    discussion = c->discussion == c->n_columns - 1 ? join_from (fields, (guint) c->discussion)
                                                   : text_or_null (field (fields, (guint) c->discussion));

  if (!tai_number (field (fields, (guint) c->start), FALSE, &segment->start)
      || !tai_number (field (fields, (guint) c->end), FALSE, &segment->stop))
    {
      set_line_error (error, where, _("TAISTARTTIME and TAIENDTIME must be whole TAI seconds. Correct the times or remove the line."));
      return FALSE;
    }
  if (segment->stop < segment->start)
    {
      set_line_error (error, where, _("TAIENDTIME is before TAISTARTTIME. Swap or correct them."));
      return FALSE;
    }
  segment->stop += CUSP_BURST_BUFFER_SECONDS;

  if (c->fom >= 0 && !row_fom (where, field (fields, (guint) c->fom), TRUE, &segment->fom, error))
    return FALSE;
  if (c->id >= 0 && !is_blank (field (fields, (guint) c->id))
      && !parse_int (field (fields, (guint) c->id), &segment->data_segment_id))
    {
      set_line_error (error, where, _("DATASEGMENTID “%s” is not a whole number. Correct it or leave it empty."),
                      field (fields, (guint) c->id));
      return FALSE;
    }
  if (c->create >= 0 && !create_time (where, field (fields, (guint) c->create), &segment->create_time, error))
    return FALSE;
  if (c->status >= 0)
    segment->status = text_or_null (field (fields, (guint) c->status));
  if (c->source >= 0)
    segment->source_id = text_or_null (field (fields, (guint) c->source));
  segment->discussion = g_steal_pointer (&discussion);
  return TRUE;
}

static gboolean
read_public_row (const Where      *where,
                 GPtrArray        *fields,
                 CuspBurstSegment *segment,
                 GError          **error)
{
  if (!check_columns (where, fields, G_N_ELEMENTS (PUBLIC_COLUMNS), G_N_ELEMENTS (PUBLIC_COLUMNS), error)
      || !row_times (where, utc_text_to_tai, field (fields, 1), field (fields, 2), FALSE, segment, error))
    return FALSE;
  if (!is_blank (field (fields, 0)) && !parse_int (field (fields, 0), &segment->data_segment_id))
    {
      set_line_error (error, where, _("the id “%s” is not a whole number. Correct it or leave it empty."),
                      field (fields, 0));
      return FALSE;
    }
  segment->source_id = text_or_null (field (fields, 5));
  segment->discussion = text_or_null (field (fields, 7));
  return TRUE;
}

static gboolean
read_gls_row (const Where         *where,
              CuspSelectionFormat  format,
              GPtrArray           *fields,
              CuspBurstSegment    *segment,
              GError             **error)
{
  gboolean v1 = format == CUSP_SELECTION_FORMAT_GLS_V1;
  guint min = v1 ? 4 : 3;

  if (!check_columns (where, fields, min, G_MAXUINT, error)
      || !row_times (where, v1 ? tai_text_to_tai : utc_text_to_tai,
                     field (fields, 0), field (fields, 1), TRUE, segment, error))
    return FALSE;
  if (v1 && !row_fom (where, field (fields, 2), FALSE, &segment->fom, error))
    return FALSE;
  if (!v1)
    segment->fom = GLS_PLACEHOLDER_FOM;
  segment->discussion = join_from (fields, min - 1);
  return TRUE;
}

static gboolean
read_pymms_row (const Where      *where,
                GPtrArray        *fields,
                CuspBurstSegment *segment,
                GError          **error)
{
  if (!check_columns (where, fields, 6, 6, error)
      || !row_times (where, utc_text_to_tai, field (fields, 0), field (fields, 1), TRUE, segment, error)
      || !row_fom (where, field (fields, 2), FALSE, &segment->fom, error)
      || !create_time (where, field (fields, 5), &segment->create_time, error))
    return FALSE;
  segment->source_id = text_or_null (field (fields, 3));
  segment->discussion = text_or_null (field (fields, 4));
  return TRUE;
}

static gboolean
eva_clock (const char    *date,
           const char    *clock,
           CuspTime      *out)
{
  g_autofree char *d = g_strstrip (g_strdup (date));
  g_autofree char *c = g_strstrip (g_strdup (clock));
  g_autofree char *joined = g_strconcat (d, " ", c, NULL);
  CuspCivilTime civil;

  return strlen (c) == 8 && parse_calendar (joined, &civil) && cusp_time_from_civil (&civil, out, NULL);
}

static gboolean
read_eva_row (const Where      *where,
              GPtrArray        *fields,
              CuspBurstSegment *segment,
              GError          **error)
{
  CuspTime start, stop;

  if (!check_columns (where, fields, 5, G_MAXUINT, error))
    return FALSE;
  if (!eva_clock (field (fields, 0), field (fields, 1), &start))
    {
      set_line_error (error, where, _("“%s, %s” is not a date YYYY-MM-DD and a time HH:MM:SS. Correct it or remove the line."),
                      field (fields, 0), field (fields, 1));
      return FALSE;
    }
  if (!eva_clock (field (fields, 0), field (fields, 2), &stop))
    {
      set_line_error (error, where, _("the stop time “%s” is not a time HH:MM:SS. Correct it or remove the line."),
                      field (fields, 2));
      return FALSE;
    }
  if (stop == start)
    {
      set_line_error (error, where, _("the stop time equals the start time. Give the segment a length."));
      return FALSE;
    }
  /* EVA: a stop before the start is on the next day. */
  if (stop < start)
    stop = cusp_time_add (stop, CUSP_TIME_UNIT_DAY, 1);
  if (!row_fom (where, field (fields, 3), FALSE, &segment->fom, error))
    return FALSE;
  segment->start = time_to_tai (start, FALSE);
  segment->stop = time_to_tai (stop, TRUE);
  segment->discussion = join_from (fields, 4);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Detection                                                            */

static gboolean
looks_like_date (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  const char *p = trimmed;
  CuspCivilTime civil;

  return take_date (&p, &civil) && *p == '\0';
}

static gboolean
looks_like_clock (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  const char *p = trimmed;
  CuspCivilTime civil;

  return take_hms (&p, &civil) && *p == '\0';
}

static CuspSelectionFormat
detect_fields (GPtrArray *fields)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (field (fields, 0)));
  g_autofree char *first = g_ascii_strdown (trimmed, -1);
  CuspCivilTime civil;
  double number;

  if (fields->len >= 3 && g_str_equal (first, "id"))
    return CUSP_SELECTION_FORMAT_SDC_PUBLIC;
  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *key = column_key (field (fields, i));

      if (g_str_equal (key, "TAISTARTTIME"))
        return CUSP_SELECTION_FORMAT_SDC_CSV;
    }
  if (g_str_equal (first, "start_time"))
    return CUSP_SELECTION_FORMAT_PYMMS_CSV;
  if (fields->len >= 5 && looks_like_date (field (fields, 0)) && looks_like_clock (field (fields, 1)))
    return CUSP_SELECTION_FORMAT_EVA_TEXT;
  if (fields->len >= 3 && parse_calendar (field (fields, 0), &civil) && parse_calendar (field (fields, 1), &civil))
    {
      if (fields->len >= 4 && parse_double (field (fields, 2), &number))
        return CUSP_SELECTION_FORMAT_GLS_V1;
      return CUSP_SELECTION_FORMAT_GLS_3COL;
    }
  return CUSP_SELECTION_FORMAT_UNKNOWN;
}

static char **
split_lines (const char *contents,
             gssize      length)
{
  g_autofree char *text = NULL;
  char **lines;

  if (length < 0)
    length = (gssize) strlen (contents);
  if (length >= 3 && memcmp (contents, "\xEF\xBB\xBF", 3) == 0)
    {
      contents += 3;
      length -= 3;
    }
  text = g_strndup (contents, (gsize) length);
  lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      size_t n = strlen (*l);

      if (n > 0 && (*l)[n - 1] == '\r')
        (*l)[n - 1] = '\0';
    }
  return lines;
}

CuspSelectionFormat
cusp_selection_format_detect (const char *contents,
                              gssize      length)
{
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (contents != NULL, CUSP_SELECTION_FORMAT_UNKNOWN);

  lines = split_lines (contents, length);
  for (char **l = lines; *l != NULL; l++)
    {
      g_autoptr(GPtrArray) fields = NULL;

      if (is_blank (*l))
        continue;
      fields = split_csv (*l);
      return fields != NULL ? detect_fields (fields) : CUSP_SELECTION_FORMAT_UNKNOWN;
    }
  return CUSP_SELECTION_FORMAT_UNKNOWN;
}

/* ------------------------------------------------------------------ */
/* Reading                                                              */

static gboolean
has_header (CuspSelectionFormat format)
{
  return format == CUSP_SELECTION_FORMAT_SDC_CSV
         || format == CUSP_SELECTION_FORMAT_SDC_PUBLIC
         || format == CUSP_SELECTION_FORMAT_PYMMS_CSV;
}

static gboolean
check_header (const Where         *where,
              CuspSelectionFormat  format,
              GPtrArray           *fields,
              SdcColumns          *sdc,
              GError             **error)
{
  gboolean ok = FALSE;

  if (format == CUSP_SELECTION_FORMAT_SDC_CSV)
    ok = sdc_columns (fields, sdc);
  else if (format == CUSP_SELECTION_FORMAT_PYMMS_CSV)
    ok = detect_fields (fields) == CUSP_SELECTION_FORMAT_PYMMS_CSV && fields->len == 6;
  else if (format == CUSP_SELECTION_FORMAT_SDC_PUBLIC)
    {
      ok = fields->len == G_N_ELEMENTS (PUBLIC_COLUMNS);
      for (guint i = 0; ok && i < fields->len; i++)
        ok = g_ascii_strcasecmp (g_strstrip ((char *) field (fields, i)), PUBLIC_COLUMNS[i]) == 0;
    }
  if (!ok)
    set_line_error (error, where, _("this is not the header of a %s file. Choose the right format or let Cusp detect it."),
                    cusp_selection_format_name (format));
  return ok;
}

static gboolean
read_row (const Where         *where,
          CuspSelectionFormat  format,
          const SdcColumns    *sdc,
          GPtrArray           *fields,
          CuspBurstSegment    *segment,
          GError             **error)
{
  switch (format)
    {
    case CUSP_SELECTION_FORMAT_SDC_CSV:
      return read_sdc_row (where, sdc, fields, segment, error);
    case CUSP_SELECTION_FORMAT_SDC_PUBLIC:
      return read_public_row (where, fields, segment, error);
    case CUSP_SELECTION_FORMAT_GLS_V1:
    case CUSP_SELECTION_FORMAT_GLS_3COL:
      return read_gls_row (where, format, fields, segment, error);
    case CUSP_SELECTION_FORMAT_PYMMS_CSV:
      return read_pymms_row (where, fields, segment, error);
    case CUSP_SELECTION_FORMAT_EVA_TEXT:
      return read_eva_row (where, fields, segment, error);
    case CUSP_SELECTION_FORMAT_AUTO:
    case CUSP_SELECTION_FORMAT_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean
read_lines (char                **lines,
            const char           *name,
            CuspSelectionFormat   format,
            GArray               *segments,
            GError              **error)
{
  gboolean header_pending = has_header (format);
  SdcColumns sdc = { 0 };
  Where where = { name, 0 };

  for (char **l = lines; *l != NULL; l++)
    {
      g_autoptr(GPtrArray) fields = NULL;
      CuspBurstSegment segment;

      where.line = (guint) (l - lines) + 1;
      if (is_blank (*l))
        continue;
      fields = split_csv (*l);
      if (fields == NULL)
        {
          set_line_error (error, &where, _("a quoted field is not closed properly. Check the quotes on this line."));
          return FALSE;
        }
      if (header_pending)
        {
          if (!check_header (&where, format, fields, &sdc, error))
            return FALSE;
          header_pending = FALSE;
          continue;
        }
      cusp_burst_segment_init (&segment);
      if (!read_row (&where, format, &sdc, fields, &segment, error))
        {
          cusp_burst_segment_clear (&segment);
          return FALSE;
        }
      g_array_append_val (segments, segment);
    }
  return TRUE;
}

GArray *
cusp_selection_read_data (const char                     *contents,
                          gssize                          length,
                          const char                     *name,
                          const CuspSelectionReadOptions *options,
                          CuspSelectionFormat            *detected,
                          GError                        **error)
{
  CuspSelectionReadOptions defaults;
  g_autoptr(GArray) segments = NULL;
  g_auto(GStrv) lines = NULL;
  CuspSelectionFormat format;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = _("selection");
  if (options == NULL)
    {
      cusp_selection_read_options_init (&defaults);
      options = &defaults;
    }

  format = options->format;
  if (format == CUSP_SELECTION_FORMAT_AUTO)
    format = cusp_selection_format_detect (contents, length);
  if (detected != NULL)
    *detected = format;
  if (format == CUSP_SELECTION_FORMAT_UNKNOWN)
    {
      g_set_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_UNKNOWN_FORMAT,
                   _("%s is not a burst-selection file Cusp knows (SDC CSV, GLS CSV, pymms CSV or EVA text). "
                     "Check that the right file was chosen."), name);
      return NULL;
    }

  lines = split_lines (contents, length);
  segments = cusp_burst_segment_array_new ();
  if (!read_lines (lines, name, format, segments, error))
    return NULL;

  cusp_burst_segment_array_sort (segments);
  if (options->remove_duplicates)
    cusp_selection_remove_duplicates (segments);
  if (options->combine)
    cusp_selection_combine (segments, options->combine_gap);
  return g_steal_pointer (&segments);
}

GArray *
cusp_selection_read_file (GFile                          *file,
                          const CuspSelectionReadOptions *options,
                          CuspSelectionFormat            *detected,
                          GError                        **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  name = g_file_get_parse_name (file);
  return cusp_selection_read_data (contents, (gssize) length, name, options, detected, error);
}

/* ------------------------------------------------------------------ */
/* pymms combine / dedup                                                */

static gboolean
same_fom (double a,
          double b)
{
  return a == b || (isnan (a) && isnan (b));
}

void
cusp_selection_combine (GArray *segments,
                        gint64  gap)
{
  guint i = 0;

  g_return_if_fail (segments != NULL);

  while (i + 1 < segments->len)
    {
      CuspBurstSegment *run = &g_array_index (segments, CuspBurstSegment, i);
      CuspBurstSegment *next = &g_array_index (segments, CuspBurstSegment, i + 1);

      if (next->start - run->stop == gap && same_fom (next->fom, run->fom)
          && g_strcmp0 (next->discussion, run->discussion) == 0)
        {
          run->stop = next->stop;
          g_array_remove_index (segments, i + 1);
        }
      else
        i++;
    }
}

void
cusp_selection_remove_duplicates (GArray *segments)
{
  guint i = 0;

  g_return_if_fail (segments != NULL);

  while (i + 1 < segments->len)
    {
      CuspBurstSegment *a = &g_array_index (segments, CuspBurstSegment, i);
      CuspBurstSegment *b = &g_array_index (segments, CuspBurstSegment, i + 1);

      if (b->start - a->start < a->stop - a->start)
        g_array_remove_index (segments, b->create_time >= a->create_time ? i : i + 1);
      else
        i++;
    }
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    {
      g_string_append (out, "nan");
      return;
    }
  /* Shortest of %.15g / %.17g that reads back to the same double. */
  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  g_string_append (out, buf);
}

static void
append_csv_text (GString    *out,
                 const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"") == NULL && !g_ascii_isspace (text[0])
      && (text[0] == '\0' || !g_ascii_isspace (text[strlen (text) - 1])))
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_create_time (GString  *out,
                    CuspTime  t)
{
  char buf[40];

  if (t == CUSP_TIME_INVALID)
    return;
  format_utc (cusp_time_to_tai_seconds (t), buf);
  g_string_append (out, buf);
}

static gboolean
check_writable (const CuspBurstSegment *segment,
                guint                   index,
                CuspSelectionFormat     format,
                GError                **error)
{
  const char *texts[] = { segment->discussion, segment->source_id, segment->status };
  const char *problem = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
    if (texts[k] != NULL && strpbrk (texts[k], "\r\n") != NULL)
      problem = _("its text spans several lines");
  if (segment->stop <= segment->start)
    problem = _("its stop time is not after its start time");
  else if (format == CUSP_SELECTION_FORMAT_SDC_CSV && segment->stop - segment->start < CUSP_BURST_BUFFER_SECONDS)
    problem = _("it is shorter than one 10-s buffer");
  else if (format == CUSP_SELECTION_FORMAT_EVA_TEXT && segment->stop - segment->start >= 86400)
    problem = _("EVA text cannot hold segments of 24 h or more");
  else if (format == CUSP_SELECTION_FORMAT_EVA_TEXT && isnan (segment->fom))
    problem = _("it has no FOM");

  if (problem == NULL)
    return TRUE;
  g_set_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_UNREPRESENTABLE,
               _("Segment %u cannot be written in this format: %s. Edit it or choose another format."),
               index + 1, problem);
  return FALSE;
}

static void
write_pymms_row (GString                *out,
                 const CuspBurstSegment *s)
{
  char start[40], stop[40];

  format_utc (s->start, start);
  format_utc (s->stop, stop);
  g_string_append_printf (out, "%s,%s,", start, stop);
  append_number (out, s->fom);
  g_string_append_c (out, ',');
  append_csv_text (out, s->source_id);
  g_string_append_c (out, ',');
  append_csv_text (out, s->discussion);
  g_string_append_c (out, ',');
  append_create_time (out, s->create_time);
  g_string_append_c (out, '\n');
}

static void
write_sdc_row (GString                *out,
               const CuspBurstSegment *s)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",,",
                          s->data_segment_id, s->start, s->stop - CUSP_BURST_BUFFER_SECONDS);
  if (!isnan (s->fom))
    append_number (out, s->fom);
  g_string_append (out, ",0,0,");
  append_csv_text (out, s->status);
  g_string_append (out, ",0,");
  append_csv_text (out, s->source_id);
  g_string_append_c (out, ',');
  append_create_time (out, s->create_time);
  g_string_append (out, ",,");
  append_csv_text (out, s->discussion);
  g_string_append_c (out, '\n');
}

static void
write_eva_row (GString                *out,
               const CuspBurstSegment *s)
{
  char start[40], stop[40];

  format_utc (s->start, start);
  format_utc (s->stop, stop);
  start[10] = '\0';
  g_string_append_printf (out, "%s, %s, %s, ", start, start + 11, stop + 11);
  append_number (out, s->fom);
  g_string_append (out, ", ");
  if (s->discussion != NULL)
    g_string_append (out, s->discussion);
  g_string_append_c (out, '\n');
}

char *
cusp_selection_write_data (const CuspBurstSegment *segments,
                           guint                   n_segments,
                           CuspSelectionFormat     format,
                           GError                **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (segments != NULL || n_segments == 0, NULL);
  g_return_val_if_fail (format == CUSP_SELECTION_FORMAT_PYMMS_CSV
                        || format == CUSP_SELECTION_FORMAT_SDC_CSV
                        || format == CUSP_SELECTION_FORMAT_EVA_TEXT, NULL);

  for (guint i = 0; i < n_segments; i++)
    if (!check_writable (&segments[i], i, format, error))
      return NULL;

  if (format == CUSP_SELECTION_FORMAT_PYMMS_CSV)
    g_string_append_printf (out, "%s\n", PYMMS_HEADER);
  else if (format == CUSP_SELECTION_FORMAT_SDC_CSV)
    g_string_append_printf (out, "%s\n", SDC_HEADER);

  for (guint i = 0; i < n_segments; i++)
    {
      if (format == CUSP_SELECTION_FORMAT_PYMMS_CSV)
        write_pymms_row (out, &segments[i]);
      else if (format == CUSP_SELECTION_FORMAT_SDC_CSV)
        write_sdc_row (out, &segments[i]);
      else
        write_eva_row (out, &segments[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
cusp_selection_write_file (GFile                  *file,
                           const CuspBurstSegment *segments,
                           guint                   n_segments,
                           CuspSelectionFormat     format,
                           GError                **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  contents = cusp_selection_write_data (segments, n_segments, format, error);
  if (contents == NULL)
    return FALSE;
  return g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}
