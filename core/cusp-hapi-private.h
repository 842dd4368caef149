/* cusp-hapi-private.h: pieces shared by the HAPI CSV and binary parsers
 *
 * Both formats decode into the same record table (CuspHapiRecords: the
 * final arrays of every parameter's container), which is turned into one
 * CuspSeries, CuspSpectrogram or CuspTextSeries per parameter at the end.
 * Not installed; tests include it to check the number parser.
 */
#pragma once

#include <string.h>

#include "cusp-hapi-info.h"
#include "cusp-data.h"

G_BEGIN_DECLS

/* The day and the minute of the previous record's time, so that
 * consecutive times parse only their clock part or only their seconds
 * (see cusp_hapi_parse_time).  Added. */
typedef struct
{
  char     date[10];       /* "YYYY-MM-DD" */
  gboolean valid;
  CuspTime day_start;      /* YYYY-MM-DDT00:00:00Z */
  char     minute[17];     /* "YYYY-MM-DDThh:mm:" of a validated time */
  gboolean minute_valid;
  CuspTime minute_start;
} CuspHapiTimeCache;

/* The largest record count a size hint may reserve at once (16 Mi
 * records); beyond it arrays grow as the data come. */
#define CUSP_HAPI_MAX_EXPECTED (1u << 24)

/* Decoded records, kept in the arrays the containers will own: one time
 * array, and per numeric parameter its values column-major with a row
 * stride of `capacity' (series) or row-major (spectrograms), per string
 * parameter its strings column-major with a row stride of `capacity'
 * (NULL for fill).  All grow geometrically; building hands them over
 * without copying. */
typedef struct
{
  CuspHapiInfo *info;      /* the stream's columns: time + selected parameters */
  guint         n_values;  /* doubles per record (CSV row) */
  guint        *offset;    /* per parameter: first value in a record row */
  guint         n_records;
  guint         capacity;
  guint         expected;  /* records the request should bring, 0 unknown */
  gboolean      unsorted;  /* some time not after the one before it */
  CuspTime     *times;
  double      **store;     /* per parameter; NULL for strings and extra times */
  gboolean     *row_major; /* per parameter: spectrogram layout */
  char       ***text;      /* per parameter; NULL but for strings (added) */
  gboolean      has_text;  /* some parameter is a string (added) */
  CuspHapiTimeCache time_cache;
} CuspHapiRecords;

void       cusp_hapi_records_init   (CuspHapiRecords *records,
                                     CuspHapiInfo    *info);
void       cusp_hapi_records_clear  (CuspHapiRecords *records);
/* How many records the stream should hold (from the request's span and
 * the cadence), so that the first reserve takes the final size instead of
 * growing and moving the arrays; 0 when unknown.  Added. */
void       cusp_hapi_records_expect (CuspHapiRecords *records,
                                     guint            n_records);
/* Room for n_more records; store pointers may move. */
void       cusp_hapi_records_reserve (CuspHapiRecords *records,
                                      guint            n_more);
/* Where value c of parameter i goes for record 0 (after a reserve), and
 * how many doubles apart consecutive records are. */
double    *cusp_hapi_records_slot   (CuspHapiRecords *records,
                                     guint            i,
                                     guint            c,
                                     gsize           *stride);
/* One record from a row of n_values doubles (the CSV parser's layout). */
void       cusp_hapi_records_append (CuspHapiRecords *records,
                                     CuspTime         t,
                                     const double    *row);
/* The same with the strings of the string parameters at their places in
 * texts (n_values entries): they are taken and the entries set to NULL.
 * Added. */
void       cusp_hapi_records_append_full (CuspHapiRecords *records,
                                          CuspTime         t,
                                          const double    *row,
                                          char           **texts);
/* Where the strings of component c of string parameter i go for record 0
 * (after a reserve; consecutive records are adjacent), NULL when i is not
 * a string parameter.  Slots past n_records are not initialised.  Added. */
char     **cusp_hapi_records_text_slot (CuspHapiRecords *records,
                                        guint            i,
                                        guint            c);
/* A string value of p as kept: NULL when empty or equal to p's fill,
 * else a copy made valid UTF-8.  Added. */
char      *cusp_hapi_text_value     (const CuspHapiParameter *p,
                                     const char              *text,
                                     gsize                    len);
CuspTime   cusp_hapi_records_last_time (CuspHapiRecords *records);
/* One CuspData per non-time parameter, in info order: a CuspSeries, a
 * CuspSpectrogram or, for string parameters, a CuspTextSeries (extra
 * isotime parameters are skipped).  Sorted by time.  Times stamped
 * at the beginning or end of the interval (timeStampLocation) are moved
 * to its centre when the cadence is known.  Takes the arrays: call once. */
GPtrArray *cusp_hapi_records_build  (CuspHapiRecords *records);

/* A decimal number in text[0..len): exactly what g_ascii_strtod gives
 * (correctly rounded), without its locale and allocation costs.  FALSE
 * unless all of the text is one number. */
gboolean   cusp_hapi_parse_double   (const char *text,
                                     gsize       len,
                                     double     *out);

/* The out-of-line part of cusp_hapi_parse_time(): a time of the cached
 * day in the form "YYYY-MM-DDThh:mm:ss[.f…]Z" adds its clock to the
 * cached day start; anything else (another day, day-of-year dates,
 * truncated forms, second 60, 24:00) goes to the full parser, which
 * also refills the cache.  Both remember the minute.  Added. */
gboolean   cusp_hapi_parse_time_day (CuspHapiTimeCache *cache,
                                     const char        *text,
                                     gsize              len,
                                     CuspTime          *out);

static const gint64 CUSP_HAPI_POW10[10] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000
};

/* cusp_time_parse_iso_len() of text[0..len), same result, faster on
 * runs of times: the parsers call it once per record.  A time of the
 * cached minute ("ssZ" or "ss.f…Z" with 1 to 9 fraction digits, seconds
 * 00-59) only parses its seconds, inline; within a UTC minute seconds
 * 0-59 are that many SI seconds after hh:mm:00 even on a leap-second
 * day.  Anything else goes to cusp_hapi_parse_time_day().  Added. */
static inline gboolean
cusp_hapi_parse_time (CuspHapiTimeCache *cache,
                      const char        *text,
                      gsize              len,
                      CuspTime          *out)
{
  guint64 head[2], cached[2];
  unsigned s0, s1;
  gint64 frac = 0;

  if (G_UNLIKELY (!cache->minute_valid || len < 20 || len == 21 || len > 30))
    return cusp_hapi_parse_time_day (cache, text, len, out);
  /* "YYYY-MM-DDThh:mm:" is 17 bytes: two 8-byte words and one byte
   * (compared as words: memcmp here is a call). */
  memcpy (head, text, 16);
  memcpy (cached, cache->minute, 16);
  if (head[0] != cached[0] || head[1] != cached[1] || text[16] != cache->minute[16])
    return cusp_hapi_parse_time_day (cache, text, len, out);
  s0 = (unsigned char) text[17] - '0';
  s1 = (unsigned char) text[18] - '0';
  if (s0 > 5 || s1 > 9 || text[19] != (len == 20 ? 'Z' : '.') || text[len - 1] != 'Z')
    return cusp_hapi_parse_time_day (cache, text, len, out);
  for (gsize i = 20; i < len - 1; i++)
    {
      unsigned d = (unsigned char) text[i] - '0';

      if (d > 9)
        return cusp_hapi_parse_time_day (cache, text, len, out);
      frac = frac * 10 + d;
    }
  /* len 20 has no fraction digit, 22-30 have 1 to 9: scale to ns. */
  frac *= CUSP_HAPI_POW10[len == 20 ? 9 : 30 - len];
  *out = cache->minute_start + (gint64) (s0 * 10 + s1) * G_GINT64_CONSTANT (1000000000) + frac;
  return TRUE;
}

/* Name of component c of an array parameter: its entry of the label
 * array, else "<label or name>[c]".  Added. */
char      *cusp_hapi_parameter_component_label (const CuspHapiParameter *p,
                                                guint                    c);

/* The JSON of a "#"-prefixed header; NULL-safe helper for both parsers. */
CuspHapiInfo *cusp_hapi_header_parse (GString  *header,
                                      GError  **error);

G_END_DECLS
