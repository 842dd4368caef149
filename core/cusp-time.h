/* cusp-time.h: the one time type of Cusp and its conversions
 *
 * CuspTime is a signed 64-bit count of nanoseconds on the TT2000 scale:
 * continuous, leap seconds included, zero at 2000-01-01T12:00:00 TT
 * (= 2000-01-01T11:58:55.816 UTC).  Every other representation (UTC
 * strings, TAI seconds, Unix time, CDF EPOCH/EPOCH16) is converted at the
 * edges with the leap-second table.  Before 1972 TAI-UTC is taken as 0, as
 * CDFpp and the fixtures' expected values do (no 1960-1972 drift rows).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 CuspTime;

#define CUSP_NS_PER_US     G_GINT64_CONSTANT (1000)
#define CUSP_NS_PER_MS     G_GINT64_CONSTANT (1000000)
#define CUSP_NS_PER_SECOND G_GINT64_CONSTANT (1000000000)
#define CUSP_NS_PER_MINUTE (60 * CUSP_NS_PER_SECOND)
#define CUSP_NS_PER_HOUR   (3600 * CUSP_NS_PER_SECOND)
#define CUSP_NS_PER_DAY    (86400 * CUSP_NS_PER_SECOND)

/* Outside [CUSP_TIME_MIN, CUSP_TIME_MAX] nothing is representable; the
 * extreme int64 values are used by CDF as fill and are never valid times. */
#define CUSP_TIME_MIN (G_MININT64 + 1)
#define CUSP_TIME_MAX (G_MAXINT64 - 1)
#define CUSP_TIME_INVALID G_MININT64

/* TT2000 of 1958-01-01T00:00:00 TAI, the origin of MMS "TAI seconds". */
#define CUSP_TIME_TAI_EPOCH G_GINT64_CONSTANT (-1325419167816000000)
/* Unix ns minus (TT2000 ns minus leap seconds): (946728000 - 32.184) s. */
#define CUSP_TIME_UNIX_OFFSET G_GINT64_CONSTANT (946727967816000000)

#define CUSP_TIME_ERROR (cusp_time_error_quark ())
typedef enum
{
  CUSP_TIME_ERROR_SYNTAX,       /* not an ISO 8601 / HAPI time string */
  CUSP_TIME_ERROR_FIELD,        /* a field out of range (month 13, day 32, hour 25) */
  CUSP_TIME_ERROR_LEAP_SECOND,  /* second 60 on a day that had no leap second */
  CUSP_TIME_ERROR_RANGE,        /* outside what int64 nanoseconds can hold */
} CuspTimeError;

GQuark cusp_time_error_quark (void);

/* A UTC calendar instant.  second is 60 only inside a leap second. */
typedef struct
{
  int year;        /* proleptic Gregorian, astronomical (0 = 1 BC) */
  int month;       /* 1..12 */
  int day;         /* 1..31 */
  int hour;        /* 0..23 */
  int minute;      /* 0..59 */
  int second;      /* 0..60 */
  int nanosecond;  /* 0..999999999 */
} CuspCivilTime;

typedef enum
{
  CUSP_TIME_UNIT_NANOSECOND,
  CUSP_TIME_UNIT_MICROSECOND,
  CUSP_TIME_UNIT_MILLISECOND,
  CUSP_TIME_UNIT_SECOND,
  CUSP_TIME_UNIT_MINUTE,
  CUSP_TIME_UNIT_HOUR,
  CUSP_TIME_UNIT_DAY,
  CUSP_TIME_UNIT_MONTH,
  CUSP_TIME_UNIT_YEAR,
} CuspTimeUnit;

/* Leap seconds */
int       cusp_time_leap_seconds         (CuspTime t);  /* TAI-UTC in force at t */
gboolean  cusp_time_is_leap_second       (CuspTime t);  /* inside a 23:59:60 */
gboolean  cusp_time_day_has_leap_second  (int year, int month, int day);

/* Civil UTC */
gboolean  cusp_time_from_civil           (const CuspCivilTime *civil,
                                          CuspTime            *out,
                                          GError             **error);
void      cusp_time_to_civil             (CuspTime            t,
                                          CuspCivilTime      *out);
int       cusp_days_in_month             (int year, int month);
int       cusp_day_of_year               (int year, int month, int day);

/* ISO 8601.  _parse_iso is strict HAPI (trailing Z required, calendar or
 * day-of-year date, truncated forms, 0-9 fraction digits, 24:00 and 23:59:60
 * where valid).  _parse is for people: it also takes a space for T, no Z,
 * "+00:00", and surrounding blanks.  Both reject with a message naming the
 * problem. */
gboolean  cusp_time_parse_iso            (const char  *text,
                                          CuspTime    *out,
                                          GError     **error);
gboolean  cusp_time_parse                (const char  *text,
                                          CuspTime    *out,
                                          GError     **error);
/* cusp_time_parse_iso on the first len bytes of text (len < 0: up to the
 * NUL), for CSV fields that are not NUL-terminated.  Allocates nothing
 * unless it fails with error != NULL. */
gboolean  cusp_time_parse_iso_len        (const char  *text,
                                          gssize       len,
                                          CuspTime    *out,
                                          GError     **error);
/* "2015-09-01T17:45:03.463350199Z" with frac_digits (0..9) fraction digits,
 * truncated (not rounded) so that a printed instant never moves forward. */
char     *cusp_time_format_iso           (CuspTime     t,
                                          guint        frac_digits);
/* Same without the trailing Z, into a caller buffer of >= 40 bytes. */
void      cusp_time_format_iso_buf       (CuspTime     t,
                                          guint        frac_digits,
                                          gboolean     with_z,
                                          char        *buf);
char     *cusp_time_format_doy           (CuspTime     t,
                                          guint        frac_digits);

/* TAI seconds since 1958-01-01 (MMS burst selections): exact. */
CuspTime  cusp_time_from_tai_seconds     (gint64 tai);
gint64    cusp_time_to_tai_seconds       (CuspTime t);   /* floor */

/* Unix time.  A Unix value inside a leap second is ambiguous; it maps to the
 * instant after the leap second, as CDF libraries do. */
CuspTime  cusp_time_from_unix_ns         (gint64 unix_ns);
gint64    cusp_time_to_unix_ns           (CuspTime t);
CuspTime  cusp_time_from_unix_seconds    (double unix_s);
double    cusp_time_to_unix_seconds      (CuspTime t);

/* CDF EPOCH (ms since 0000-01-01, no leap seconds) and EPOCH16
 * (seconds since 0000-01-01, picoseconds). */
CuspTime  cusp_time_from_cdf_epoch       (double epoch_ms);
double    cusp_time_to_cdf_epoch         (CuspTime t);
CuspTime  cusp_time_from_cdf_epoch16     (double seconds,
                                          double picoseconds);
void      cusp_time_to_cdf_epoch16       (CuspTime t,
                                          double  *seconds,
                                          double  *picoseconds);

/* Calendar stepping for axis ticks.  _floor rounds down to a multiple of
 * `step` units counted in UTC fields (minutes within the hour, months within
 * the year, years from year 0...); inside a leap second, floor to a second
 * or finer keeps second 60.  _add adds n units: sub-second and second units
 * on the continuous scale (so 23:59:59 + 1 s is 23:59:60 on a leap day),
 * minute and larger in UTC fields (23:59:00 + 1 min = 00:00:00 next day,
 * 61 s later on a leap day; Jan 31 + 1 month = Feb 28/29). */
CuspTime  cusp_time_floor                (CuspTime     t,
                                          CuspTimeUnit unit,
                                          int          step);
CuspTime  cusp_time_add                  (CuspTime     t,
                                          CuspTimeUnit unit,
                                          gint64       n);
CuspTime  cusp_time_add_months           (CuspTime t,
                                          int      n);

/* Durations: "90s", "1h30m", "2d", "250ms", "1.5h", "7 d" and ISO 8601
 * "PT1H30M".  Printed as the shortest readable form ("1 h 30 min"). */
gboolean  cusp_duration_parse            (const char *text,
                                          gint64     *out_ns,
                                          GError    **error);
char     *cusp_duration_format           (gint64 ns);

/* Out-of-range results (added with the implementation).  Functions that
 * return a CuspTime give CUSP_TIME_INVALID for NaN, CDF fill values and
 * anything outside [CUSP_TIME_MIN, CUSP_TIME_MAX] (1707-09-22T12:12:11Z to
 * 2292-04-11T11:46:07Z); _floor, _add and _add_months too when the result
 * falls outside.  _to_unix_ns gives G_MININT64 and the double-valued
 * conversions NaN when the value does not fit or t is CUSP_TIME_INVALID.
 *
 * TAI-UTC jumps from 0 to 10 s at 1972-01-01 (a convention, see the file
 * comment): the 10 s of TT2000 before it print as 1972-01-01T00:00:00..09
 * and parsing those strings gives the instants after the jump.
 *
 * cusp_duration_format prints every non-zero part with SI symbols, largest
 * first: 1500 ns is "1 µs 500 ns", 90061.5 s is "1 d 1 h 1 min 1 s 500 ms",
 * 0 is "0 s", negative values start with "-".  cusp_duration_parse reads
 * that back, and also accepts full words ("2 hours"), a fraction on any
 * number ("1.5h"), a leading sign, and ISO "PnW" / "PnDTnHnMnS" (years and
 * months are rejected: they have no fixed length). */

G_END_DECLS
