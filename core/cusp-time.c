/* cusp-time.c: TT2000 nanoseconds and their civil, ISO, TAI, Unix and CDF
 * forms.
 *
 * Everything is integer arithmetic on a (UTC day number, nanosecond of day)
 * split so that no intermediate value overflows int64 even at the edges of
 * the representable range (1707-09-22 to 2292-04-11).  libc's timegm/gmtime
 * are avoided on purpose: they know nothing of leap seconds and depend on the
 * process time zone.
 */
#define G_LOG_DOMAIN "cusp-time"

#include "config.h"

#include "cusp-time.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (cusp-time-error-quark, cusp_time_error)

/* Day 0 of the split is 1970-01-01.  CUSP_TIME_UNIX_OFFSET split into whole
 * days and the rest, so that TT2000 <-> Unix never needs the full sum. */
#define UNIX_OFFSET_DAYS   G_GINT64_CONSTANT (10957)
#define UNIX_OFFSET_REM_NS G_GINT64_CONSTANT (43167816000000)
#define NS_PER_DAY         CUSP_NS_PER_DAY
#define NS_PER_S           CUSP_NS_PER_SECOND

/* Leap seconds, TAI-UTC from the first instant of the given UTC day on.
 * Source: SciQLop/CDFpp include/cdfpp/chrono/cdf-leap-seconds.h
 * (leap_seconds_tt2000 and leap_seconds_tt2000_reverse, last_updated
 * 20170101), which follows IERS Bulletin C; copied from
 * docs/reference/cdf_data.md section 1.8.  Before the first row TAI-UTC is
 * 0, as in CDFpp (no 1960-1972 drift rows).  The first row is a 10 s jump,
 * not a leap second: TT2000 values in the 10 s before it print as
 * 1972-01-01T00:00:00..09 a second time, as CDFpp does.  When IERS announces
 * a new leap second, append a row; nothing else changes. */
typedef struct
{
  gint64 tt2000;   /* first TT2000 ns of the day */
  gint64 unix_ns;  /* the same 00:00:00 UTC as Unix ns */
  int    ls;       /* TAI-UTC from then on */
} LeapRow;

static const LeapRow leap_table[] = {
  { G_GINT64_CONSTANT (-883655957816000000), G_GINT64_CONSTANT (63072000000000000), 10 },   /* 1972-01-01 */
  { G_GINT64_CONSTANT (-867931156816000000), G_GINT64_CONSTANT (78796800000000000), 11 },   /* 1972-07-01 */
  { G_GINT64_CONSTANT (-852033555816000000), G_GINT64_CONSTANT (94694400000000000), 12 },   /* 1973-01-01 */
  { G_GINT64_CONSTANT (-820497554816000000), G_GINT64_CONSTANT (126230400000000000), 13 },  /* 1974-01-01 */
  { G_GINT64_CONSTANT (-788961553816000000), G_GINT64_CONSTANT (157766400000000000), 14 },  /* 1975-01-01 */
  { G_GINT64_CONSTANT (-757425552816000000), G_GINT64_CONSTANT (189302400000000000), 15 },  /* 1976-01-01 */
  { G_GINT64_CONSTANT (-725803151816000000), G_GINT64_CONSTANT (220924800000000000), 16 },  /* 1977-01-01 */
  { G_GINT64_CONSTANT (-694267150816000000), G_GINT64_CONSTANT (252460800000000000), 17 },  /* 1978-01-01 */
  { G_GINT64_CONSTANT (-662731149816000000), G_GINT64_CONSTANT (283996800000000000), 18 },  /* 1979-01-01 */
  { G_GINT64_CONSTANT (-631195148816000000), G_GINT64_CONSTANT (315532800000000000), 19 },  /* 1980-01-01 */
  { G_GINT64_CONSTANT (-583934347816000000), G_GINT64_CONSTANT (362793600000000000), 20 },  /* 1981-07-01 */
  { G_GINT64_CONSTANT (-552398346816000000), G_GINT64_CONSTANT (394329600000000000), 21 },  /* 1982-07-01 */
  { G_GINT64_CONSTANT (-520862345816000000), G_GINT64_CONSTANT (425865600000000000), 22 },  /* 1983-07-01 */
  { G_GINT64_CONSTANT (-457703944816000000), G_GINT64_CONSTANT (489024000000000000), 23 },  /* 1985-07-01 */
  { G_GINT64_CONSTANT (-378734343816000000), G_GINT64_CONSTANT (567993600000000000), 24 },  /* 1988-01-01 */
  { G_GINT64_CONSTANT (-315575942816000000), G_GINT64_CONSTANT (631152000000000000), 25 },  /* 1990-01-01 */
  { G_GINT64_CONSTANT (-284039941816000000), G_GINT64_CONSTANT (662688000000000000), 26 },  /* 1991-01-01 */
  { G_GINT64_CONSTANT (-236779140816000000), G_GINT64_CONSTANT (709948800000000000), 27 },  /* 1992-07-01 */
  { G_GINT64_CONSTANT (-205243139816000000), G_GINT64_CONSTANT (741484800000000000), 28 },  /* 1993-07-01 */
  { G_GINT64_CONSTANT (-173707138816000000), G_GINT64_CONSTANT (773020800000000000), 29 },  /* 1994-07-01 */
  { G_GINT64_CONSTANT (-126273537816000000), G_GINT64_CONSTANT (820454400000000000), 30 },  /* 1996-01-01 */
  { G_GINT64_CONSTANT (-79012736816000000), G_GINT64_CONSTANT (867715200000000000), 31 },   /* 1997-07-01 */
  { G_GINT64_CONSTANT (-31579135816000000), G_GINT64_CONSTANT (915148800000000000), 32 },   /* 1999-01-01 */
  { G_GINT64_CONSTANT (189345665184000000), G_GINT64_CONSTANT (1136073600000000000), 33 },  /* 2006-01-01 */
  { G_GINT64_CONSTANT (284040066184000000), G_GINT64_CONSTANT (1230768000000000000), 34 },  /* 2009-01-01 */
  { G_GINT64_CONSTANT (394372867184000000), G_GINT64_CONSTANT (1341100800000000000), 35 },  /* 2012-07-01 */
  { G_GINT64_CONSTANT (488980868184000000), G_GINT64_CONSTANT (1435708800000000000), 36 },  /* 2015-07-01 */
  { G_GINT64_CONSTANT (536500869184000000), G_GINT64_CONSTANT (1483228800000000000), 37 },  /* 2017-01-01 */
};

#define N_LEAP_ROWS ((int) G_N_ELEMENTS (leap_table))

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if (a % b != 0 && (a < 0) != (b < 0))
    q--;
  return q;
}

static inline gint64
floor_mod (gint64 a,
           gint64 b)
{
  gint64 r = a % b;

  if (r != 0 && (r < 0) != (b < 0))
    r += b;
  return r;
}

/* ---- Leap-second table lookups ---------------------------------------- */

/* Rows with a one-second step; the 1972 row steps by 10 s and is not one. */
static inline gboolean
row_is_leap_second (int i)
{
  return i >= 1 && leap_table[i].ls - leap_table[i - 1].ls == 1;
}

static inline gint64
row_day (int i)
{
  return leap_table[i].unix_ns / NS_PER_DAY;
}

/* Scans from the newest row: almost every time Cusp sees is after 2017. */
static int
ls_for_tt (CuspTime  t,
           gboolean *in_leap)
{
  int i;

  for (i = N_LEAP_ROWS - 1; i >= 0; i--)
    if (t >= leap_table[i].tt2000)
      break;

  if (in_leap != NULL)
    *in_leap = i + 1 < N_LEAP_ROWS
               && row_is_leap_second (i + 1)
               && t >= leap_table[i + 1].tt2000 - NS_PER_S;

  return i >= 0 ? leap_table[i].ls : 0;
}

static int
ls_for_utc_day (gint64 day)
{
  for (int i = N_LEAP_ROWS - 1; i >= 0; i--)
    if (day >= row_day (i))
      return leap_table[i].ls;
  return 0;
}

static int
ls_for_unix_ns (gint64 unix_ns)
{
  for (int i = N_LEAP_ROWS - 1; i >= 0; i--)
    if (unix_ns >= leap_table[i].unix_ns)
      return leap_table[i].ls;
  return 0;
}

static gboolean
utc_day_has_leap_second (gint64 day)
{
  for (int i = 1; i < N_LEAP_ROWS; i++)
    if (row_is_leap_second (i) && row_day (i) == day + 1)
      return TRUE;
  return FALSE;
}

/* ---- Calendar ----------------------------------------------------------- */

/* Howard Hinnant's days_from_civil / civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html), day 0 = 1970-01-01,
 * proleptic Gregorian, valid for any int year. */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *y,
                 int    *m,
                 int    *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yoe + era * 400 + (*m <= 2));
}

static inline gboolean
is_leap_year (gint64 y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
cusp_days_in_month (int year,
                    int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month < 1 || month > 12)
    return 0;
  if (month == 2 && is_leap_year (year))
    return 29;
  return days[month - 1];
}

int
cusp_day_of_year (int year,
                  int month,
                  int day)
{
  if (day < 1 || day > cusp_days_in_month (year, month))
    return 0;
  return (int) (days_from_civil (year, month, day) - days_from_civil (year, 1, 1)) + 1;
}

/* ---- TT2000 <-> (UTC day, ns of day) ---------------------------------- */

/* sod is in [0, 86400 s) except inside a leap second, where it is in
 * [86400 s, 86401 s) of the day that ends with it. */
static void
tt_to_utc (CuspTime  t,
           gint64   *day,
           gint64   *sod)
{
  gboolean in_leap;
  int ls = ls_for_tt (t, &in_leap);
  gint64 x = t - ls * NS_PER_S;   /* ls is 0 near CUSP_TIME_MIN: no overflow */

  *day = floor_div (x, NS_PER_DAY) + UNIX_OFFSET_DAYS;
  *sod = floor_mod (x, NS_PER_DAY) + UNIX_OFFSET_REM_NS;
  if (*sod >= NS_PER_DAY)
    {
      *sod -= NS_PER_DAY;
      (*day)++;
    }

  /* The formula puts 23:59:60.x on the next day's 00:00:00.x. */
  if (in_leap)
    {
      (*day)--;
      *sod += NS_PER_DAY;
    }
}

/* Inverse of tt_to_utc.  A sod of [86400 s, 86401 s) is a leap second when
 * the day has one and otherwise spills into the next day, like any other
 * sod outside [0, 86400 s).  FALSE when not representable. */
static gboolean
tt_from_utc (gint64    day,
             gint64    sod,
             CuspTime *out)
{
  gint64 t;
  int ls;

  if (sod >= NS_PER_DAY && sod < NS_PER_DAY + NS_PER_S
      && utc_day_has_leap_second (day))
    {
      /* 23:59:60.x is one second after 23:59:59.x on the continuous scale. */
      if (!tt_from_utc (day, sod - NS_PER_S, &t))
        return FALSE;
      if (__builtin_add_overflow (t, NS_PER_S, &t))
        return FALSE;
      *out = t;
      return t >= CUSP_TIME_MIN && t <= CUSP_TIME_MAX;
    }

  if (__builtin_add_overflow (day, floor_div (sod, NS_PER_DAY), &day))
    return FALSE;
  sod = floor_mod (sod, NS_PER_DAY);
  ls = ls_for_utc_day (day);

  if (__builtin_sub_overflow (day, UNIX_OFFSET_DAYS, &day))
    return FALSE;
  /* Give day and rest the same sign, or day * 1 d overflows on the edge
   * days whose representable part starts or ends mid-day. */
  sod += ls * NS_PER_S - UNIX_OFFSET_REM_NS;
  if (day < 0 && sod > 0)
    {
      day++;
      sod -= NS_PER_DAY;
    }
  else if (day > 0 && sod < 0)
    {
      day--;
      sod += NS_PER_DAY;
    }
  if (__builtin_mul_overflow (day, NS_PER_DAY, &t)
      || __builtin_add_overflow (t, sod, &t))
    return FALSE;
  if (t < CUSP_TIME_MIN || t > CUSP_TIME_MAX)
    return FALSE;
  *out = t;
  return TRUE;
}

/* ---- Leap seconds (public) ----------------------------------------------- */

int
cusp_time_leap_seconds (CuspTime t)
{
  return ls_for_tt (t, NULL);
}

gboolean
cusp_time_is_leap_second (CuspTime t)
{
  gboolean in_leap;

  ls_for_tt (t, &in_leap);
  return in_leap;
}

gboolean
cusp_time_day_has_leap_second (int year,
                               int month,
                               int day)
{
  if (day < 1 || day > cusp_days_in_month (year, month))
    return FALSE;
  return utc_day_has_leap_second (days_from_civil (year, month, day));
}

/* ---- Errors --------------------------------------------------------------- */

/* What a message is about: a string being parsed or the fields given to
 * cusp_time_from_civil().  Only looked at when an error is built. */
typedef struct
{
  const char          *text;
  gsize                len;
  const CuspCivilTime *civil;
} Subject;

static char *
subject_describe (const Subject *subject)
{
  g_autofree char *valid = NULL;
  glong n_chars;

  if (subject->text == NULL)
    {
      const CuspCivilTime *c = subject->civil;

      return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%09d",
                              c->year, c->month, c->day, c->hour,
                              c->minute, c->second, c->nanosecond);
    }

  /* A bad CSV field may be long or not even UTF-8. */
  valid = g_utf8_make_valid (subject->text, (gssize) subject->len);
  n_chars = g_utf8_strlen (valid, -1);
  if (n_chars > 64)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, 63);

      return g_strconcat (head, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

static gboolean fail (const Subject *subject,
                      GError       **error,
                      CuspTimeError  code,
                      const char    *format,
                      ...) G_GNUC_PRINTF (4, 5);

/* Always returns FALSE so that callers can `return fail (...)`. */
static gboolean
fail (const Subject *subject,
      GError       **error,
      CuspTimeError  code,
      const char    *format,
      ...)
{
  g_autofree char *shown = NULL;
  g_autofree char *reason = NULL;
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  shown = subject_describe (subject);
  /* Translators: the first %s is the text the user gave, the second
   * explains what is wrong with it. */
  g_set_error (error, CUSP_TIME_ERROR, code,
               _("“%s” is not a valid time: %s."), shown, reason);
  return FALSE;
}

static gboolean
fail_range (const Subject *subject,
            GError       **error)
{
  return fail (subject, error, CUSP_TIME_ERROR_RANGE,
               _("it is outside the range Cusp can represent "
                 "(1707-09-22T12:12:11Z to 2292-04-11T11:46:07Z)"));
}

/* ---- Civil (public) ------------------------------------------------------- */

static gboolean
validate_date (const Subject *subject,
               int            year,
               int            month,
               int            day,
               GError       **error)
{
  int dim;

  if (month < 1 || month > 12)
    return fail (subject, error, CUSP_TIME_ERROR_FIELD,
                 _("month %d is out of range (1–12)"), month);
  dim = cusp_days_in_month (year, month);
  if (day < 1 || day > dim)
    return fail (subject, error, CUSP_TIME_ERROR_FIELD,
                 _("day %d is out of range for %04d-%02d (1–%d)"),
                 day, year, month, dim);
  return TRUE;
}

static gboolean
validate_clock (const Subject       *subject,
                const CuspCivilTime *c,
                GError             **error)
{
  if (c->hour < 0 || c->hour > 23)
    return fail (subject, error, CUSP_TIME_ERROR_FIELD,
                 _("hour %d is out of range (0–23)"), c->hour);
  if (c->minute < 0 || c->minute > 59)
    return fail (subject, error, CUSP_TIME_ERROR_FIELD,
                 _("minute %d is out of range (0–59)"), c->minute);
  if (c->second < 0 || c->second > 60)
    return fail (subject, error, CUSP_TIME_ERROR_FIELD,
                 _("second %d is out of range (0–59, or 60 in a leap second)"),
                 c->second);
  if (c->nanosecond < 0 || c->nanosecond > 999999999)
    return fail (subject, error, CUSP_TIME_ERROR_FIELD,
                 _("nanosecond %d is out of range (0–999999999)"), c->nanosecond);
  if (c->second == 60 && (c->hour != 23 || c->minute != 59))
    return fail (subject, error, CUSP_TIME_ERROR_LEAP_SECOND,
                 _("second 60 only exists as 23:59:60, in a leap second; "
                   "use second 59 or the next minute"));
  if (c->second == 60 && !cusp_time_day_has_leap_second (c->year, c->month, c->day))
    return fail (subject, error, CUSP_TIME_ERROR_LEAP_SECOND,
                 _("23:59:60 is only valid at the end of a day with a leap second, "
                   "and %04d-%02d-%02d had none"),
                 c->year, c->month, c->day);
  return TRUE;
}

static inline gint64
civil_sod (const CuspCivilTime *c)
{
  return ((gint64) c->hour * 3600 + c->minute * 60 + c->second) * NS_PER_S
         + c->nanosecond;
}

gboolean
cusp_time_from_civil (const CuspCivilTime *civil,
                      CuspTime            *out,
                      GError             **error)
{
  Subject subject = { NULL, 0, civil };
  CuspTime t;

  g_return_val_if_fail (civil != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_date (&subject, civil->year, civil->month, civil->day, error)
      || !validate_clock (&subject, civil, error))
    return FALSE;
  if (!tt_from_utc (days_from_civil (civil->year, civil->month, civil->day),
                    civil_sod (civil), &t))
    return fail_range (&subject, error);
  if (out != NULL)
    *out = t;
  return TRUE;
}

static void
civil_from_utc (gint64         day,
                gint64         sod,
                CuspCivilTime *out)
{
  gboolean leap = sod >= NS_PER_DAY;
  gint64 secs;

  if (leap)
    sod -= NS_PER_S;
  civil_from_days (day, &out->year, &out->month, &out->day);
  secs = sod / NS_PER_S;
  out->nanosecond = (int) (sod % NS_PER_S);
  out->hour = (int) (secs / 3600);
  out->minute = (int) (secs / 60 % 60);
  out->second = (int) (secs % 60) + leap;
}

void
cusp_time_to_civil (CuspTime       t,
                    CuspCivilTime *out)
{
  gint64 day, sod;

  g_return_if_fail (out != NULL);

  tt_to_utc (t, &day, &sod);
  civil_from_utc (day, sod, out);
}

/* ---- ISO 8601 parsing ----------------------------------------------------- */

static inline gsize
count_digits (const char *p,
              const char *end)
{
  const char *q = p;

  while (q < end && g_ascii_isdigit (*q))
    q++;
  return (gsize) (q - p);
}

static inline int
digits_value (const char *p,
              gsize       n)
{
  int v = 0;

  for (gsize i = 0; i < n; i++)
    v = v * 10 + (p[i] - '0');
  return v;
}

/* Reads a field of exactly `n` digits; `message` says what was expected. */
static gboolean
read_field (const Subject *subject,
            const char   **p,
            const char    *end,
            gsize          n,
            const char    *message,
            int           *value,
            GError       **error)
{
  if (count_digits (*p, end) != n)
    return fail (subject, error, CUSP_TIME_ERROR_SYNTAX, "%s", _(message));
  *value = digits_value (*p, n);
  *p += n;
  return TRUE;
}

typedef struct
{
  int  year, month, day, doy;
  int  hour, minute, second, nanosecond;
} IsoFields;

static gboolean
parse_date (const Subject *subject,
            const char   **p,
            const char    *end,
            IsoFields     *f,
            GError       **error)
{
  gsize n;

  if (!read_field (subject, p, end, 4,
                   N_("it must start with a four-digit year (YYYY)"),
                   &f->year, error))
    return FALSE;
  if (*p == end || **p != '-')
    return TRUE;
  (*p)++;

  n = count_digits (*p, end);
  if (n == 3)
    {
      f->doy = digits_value (*p, 3);
      *p += 3;
      return TRUE;
    }
  if (n != 2)
    return fail (subject, error, CUSP_TIME_ERROR_SYNTAX,
                 _("the year must be followed by a two-digit month (YYYY-MM) "
                   "or a three-digit day of year (YYYY-DDD)"));
  f->month = digits_value (*p, 2);
  *p += 2;
  if (*p == end || **p != '-')
    return TRUE;
  (*p)++;
  return read_field (subject, p, end, 2,
                     N_("the day must have two digits (YYYY-MM-DD)"),
                     &f->day, error);
}

static gboolean
parse_fraction (const Subject *subject,
                const char   **p,
                const char    *end,
                IsoFields     *f,
                GError       **error)
{
  static const int scale[] = { 1000000000, 100000000, 10000000, 1000000, 100000,
                               10000, 1000, 100, 10, 1 };
  gsize n = count_digits (*p, end);

  if (n > 9)
    return fail (subject, error, CUSP_TIME_ERROR_SYNTAX,
                 _("the fraction of a second has %u digits, but at most nine "
                   "(nanoseconds) are allowed"), (guint) n);
  f->nanosecond = digits_value (*p, n) * scale[n];
  *p += n;
  return TRUE;
}

static gboolean
parse_clock (const Subject *subject,
             const char   **p,
             const char    *end,
             IsoFields     *f,
             GError       **error)
{
  if (!read_field (subject, p, end, 2,
                   N_("the hour must have two digits (THH)"), &f->hour, error))
    return FALSE;
  if (*p == end || **p != ':')
    return TRUE;
  (*p)++;
  if (!read_field (subject, p, end, 2,
                   N_("the minute must have two digits (THH:MM)"), &f->minute, error))
    return FALSE;
  if (*p == end || **p != ':')
    return TRUE;
  (*p)++;
  if (!read_field (subject, p, end, 2,
                   N_("the second must have two digits (THH:MM:SS)"), &f->second, error))
    return FALSE;
  if (*p == end || **p != '.')
    return TRUE;
  (*p)++;
  return parse_fraction (subject, p, end, f, error);
}

/* Lenient forms only: "+00:00", "+0000", "+00" and their "-" twins. */
static gboolean
parse_utc_offset (const Subject *subject,
                  const char   **p,
                  const char    *end,
                  GError       **error)
{
  const char *q = *p + 1;
  gsize n = count_digits (q, end);
  gboolean zero = TRUE;

  if (n == 2 && q + 2 < end && q[2] == ':' && count_digits (q + 3, end) == 2)
    n = 5;
  else if (n != 2 && n != 4)
    return fail (subject, error, CUSP_TIME_ERROR_SYNTAX,
                 _("the time zone offset must look like +00:00"));
  for (gsize i = 0; i < n; i++)
    zero = zero && (q[i] == '0' || q[i] == ':');
  if (!zero)
    return fail (subject, error, CUSP_TIME_ERROR_FIELD,
                 _("only UTC times are accepted; convert it to UTC and write "
                   "“Z” or “+00:00”"));
  *p = q + n;
  return TRUE;
}

static gboolean
parse_zone (const Subject *subject,
            const char   **p,
            const char    *end,
            gboolean       lenient,
            GError       **error)
{
  if (*p < end && (**p == 'Z' || (lenient && **p == 'z')))
    {
      (*p)++;
      return TRUE;
    }
  if (lenient && *p < end && (**p == '+' || **p == '-'))
    return parse_utc_offset (subject, p, end, error);
  if (!lenient && *p == end)
    return fail (subject, error, CUSP_TIME_ERROR_SYNTAX,
                 _("it must end with “Z” to say it is UTC"));
  return TRUE;
}

static gboolean
fail_trailing (const Subject *subject,
               const char    *p,
               GError       **error)
{
  gsize offset = (gsize) (p - subject->text);

  if (g_ascii_isprint (*p))
    return fail (subject, error, CUSP_TIME_ERROR_SYNTAX,
                 _("unexpected “%c” after “%.*s”"),
                 *p, (int) offset, subject->text);
  return fail (subject, error, CUSP_TIME_ERROR_SYNTAX,
               _("unexpected character after “%.*s”"),
               (int) offset, subject->text);
}

static gboolean
resolve_day_of_year (const Subject *subject,
                     IsoFields     *f,
                     GError       **error)
{
  int n_days = is_leap_year (f->year) ? 366 : 365;

  if (f->doy < 1 || f->doy > n_days)
    return fail (subject, error, CUSP_TIME_ERROR_FIELD,
                 _("day of year %d is out of range for %04d (1–%d)"),
                 f->doy, f->year, n_days);
  civil_from_days (days_from_civil (f->year, 1, 1) + f->doy - 1,
                   &f->year, &f->month, &f->day);
  return TRUE;
}

static gboolean
fields_to_time (const Subject *subject,
                IsoFields     *f,
                CuspTime      *out,
                GError       **error)
{
  CuspCivilTime c;
  gint64 extra_day = 0;

  if (f->doy != 0 && !resolve_day_of_year (subject, f, error))
    return FALSE;
  if (!validate_date (subject, f->year, f->month, f->day, error))
    return FALSE;

  if (f->hour == 24)
    {
      if (f->minute != 0 || f->second != 0 || f->nanosecond != 0)
        return fail (subject, error, CUSP_TIME_ERROR_FIELD,
                     _("hour 24 is only allowed as 24:00:00, the midnight "
                       "that ends the day"));
      f->hour = 0;
      extra_day = 1;
    }

  c = (CuspCivilTime) { f->year, f->month, f->day, f->hour, f->minute,
                        f->second, f->nanosecond };
  if (!validate_clock (subject, &c, error))
    return FALSE;
  if (!tt_from_utc (days_from_civil (c.year, c.month, c.day) + extra_day,
                    civil_sod (&c), out))
    return fail_range (subject, error);
  return TRUE;
}

static gboolean
parse_iso_span (const char *text,
                gsize       len,
                gboolean    lenient,
                CuspTime   *out,
                GError    **error)
{
  Subject subject = { text, len, NULL };
  const char *p = text;
  const char *end = text + len;
  IsoFields f = { 0, 1, 1, 0, 0, 0, 0, 0 };
  CuspTime t;

  if (!parse_date (&subject, &p, end, &f, error))
    return FALSE;
  if (p < end && (*p == 'T' || (lenient && (*p == 't' || *p == ' '))))
    {
      p++;
      if (!parse_clock (&subject, &p, end, &f, error))
        return FALSE;
    }
  if (!parse_zone (&subject, &p, end, lenient, error))
    return FALSE;
  if (p != end)
    return fail_trailing (&subject, p, error);
  if (!fields_to_time (&subject, &f, &t, error))
    return FALSE;
  if (out != NULL)
    *out = t;
  return TRUE;
}

gboolean
cusp_time_parse_iso_len (const char *text,
                         gssize      len,
                         CuspTime   *out,
                         GError    **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return parse_iso_span (text, len < 0 ? strlen (text) : (gsize) len,
                         FALSE, out, error);
}

gboolean
cusp_time_parse_iso (const char  *text,
                     CuspTime    *out,
                     GError     **error)
{
  return cusp_time_parse_iso_len (text, -1, out, error);
}

gboolean
cusp_time_parse (const char  *text,
                 CuspTime    *out,
                 GError     **error)
{
  const char *start = text;
  const char *end;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  end = text + strlen (text);
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  return parse_iso_span (start, (gsize) (end - start), TRUE, out, error);
}

/* ---- ISO 8601 formatting ------------------------------------------------- */

static char *
put_uint (char  *p,
          guint  value,
          int    width)
{
  char digits[12];
  int n = 0;

  do
    {
      digits[n++] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  while (n < width)
    digits[n++] = '0';
  while (n > 0)
    *p++ = digits[--n];
  return p;
}

static char *
put_fraction (char  *p,
              int    nanosecond,
              guint  frac_digits)
{
  static const guint divisor[] = { 1000000000, 100000000, 10000000, 1000000,
                                   100000, 10000, 1000, 100, 10, 1 };

  if (frac_digits == 0)
    return p;
  frac_digits = MIN (frac_digits, 9);
  *p++ = '.';
  return put_uint (p, (guint) nanosecond / divisor[frac_digits], (int) frac_digits);
}

static char *
put_clock (char                *p,
           const CuspCivilTime *c,
           guint                frac_digits)
{
  *p++ = 'T';
  p = put_uint (p, (guint) c->hour, 2);
  *p++ = ':';
  p = put_uint (p, (guint) c->minute, 2);
  *p++ = ':';
  p = put_uint (p, (guint) c->second, 2);
  return put_fraction (p, c->nanosecond, frac_digits);
}

void
cusp_time_format_iso_buf (CuspTime  t,
                          guint     frac_digits,
                          gboolean  with_z,
                          char     *buf)
{
  CuspCivilTime c;
  char *p = buf;

  g_return_if_fail (buf != NULL);

  /* Every representable year has four digits (1707..2292). */
  cusp_time_to_civil (t, &c);
  p = put_uint (p, (guint) c.year, 4);
  *p++ = '-';
  p = put_uint (p, (guint) c.month, 2);
  *p++ = '-';
  p = put_uint (p, (guint) c.day, 2);
  p = put_clock (p, &c, frac_digits);
  if (with_z)
    *p++ = 'Z';
  *p = '\0';
}

char *
cusp_time_format_iso (CuspTime t,
                      guint    frac_digits)
{
  char buf[48];

  cusp_time_format_iso_buf (t, frac_digits, TRUE, buf);
  return g_strdup (buf);
}

char *
cusp_time_format_doy (CuspTime t,
                      guint    frac_digits)
{
  CuspCivilTime c;
  char buf[48];
  char *p = buf;

  cusp_time_to_civil (t, &c);
  p = put_uint (p, (guint) c.year, 4);
  *p++ = '-';
  p = put_uint (p, (guint) cusp_day_of_year (c.year, c.month, c.day), 3);
  p = put_clock (p, &c, frac_digits);
  *p++ = 'Z';
  *p = '\0';
  return g_strdup (buf);
}

/* ---- TAI seconds ---------------------------------------------------------- */

CuspTime
cusp_time_from_tai_seconds (gint64 tai)
{
  gint64 t;

  if (__builtin_mul_overflow (tai, NS_PER_S, &t)
      || __builtin_add_overflow (t, CUSP_TIME_TAI_EPOCH, &t)
      || t < CUSP_TIME_MIN || t > CUSP_TIME_MAX)
    return CUSP_TIME_INVALID;
  return t;
}

gint64
cusp_time_to_tai_seconds (CuspTime t)
{
  /* floor ((t - CUSP_TIME_TAI_EPOCH) / 1 s) without forming the sum, which
   * overflows near CUSP_TIME_MAX. */
  gint64 epoch_s = floor_div (CUSP_TIME_TAI_EPOCH, NS_PER_S);
  gint64 epoch_ns = floor_mod (CUSP_TIME_TAI_EPOCH, NS_PER_S);
  gint64 carry = floor_mod (t, NS_PER_S) < epoch_ns ? 1 : 0;

  return floor_div (t, NS_PER_S) - epoch_s - carry;
}

/* ---- Unix ----------------------------------------------------------------- */

CuspTime
cusp_time_from_unix_ns (gint64 unix_ns)
{
  gint64 t;

  if (__builtin_sub_overflow (unix_ns, CUSP_TIME_UNIX_OFFSET, &t)
      || __builtin_add_overflow (t, ls_for_unix_ns (unix_ns) * NS_PER_S, &t)
      || t < CUSP_TIME_MIN || t > CUSP_TIME_MAX)
    return CUSP_TIME_INVALID;
  return t;
}

gint64
cusp_time_to_unix_ns (CuspTime t)
{
  gint64 u;

  if (t == CUSP_TIME_INVALID
      || __builtin_add_overflow (t - cusp_time_leap_seconds (t) * NS_PER_S,
                                 CUSP_TIME_UNIX_OFFSET, &u))
    return G_MININT64;
  return u;
}

/* Splits a finite double into whole units and a rounded count of
 * 1/`sub` units, exactly (floor and the subtraction are exact in binary
 * floating point).  FALSE for NaN, infinities and magnitudes beyond
 * `limit` whole units. */
static gboolean
split_double (double  value,
              double  limit,
              gint64  sub,
              gint64 *whole,
              gint64 *part)
{
  double w;

  if (!isfinite (value) || fabs (value) > limit)
    return FALSE;
  w = floor (value);
  *whole = (gint64) w;
  *part = llround ((value - w) * (double) sub);
  if (*part >= sub)
    {
      *part -= sub;
      (*whole)++;
    }
  return TRUE;
}

/* whole * scale + part for the Unix conversions, INVALID on overflow. */
static CuspTime
from_unix_parts (gint64 whole,
                 gint64 scale,
                 gint64 part)
{
  gint64 u;

  if (__builtin_mul_overflow (whole, scale, &u)
      || __builtin_add_overflow (u, part, &u))
    return CUSP_TIME_INVALID;
  return cusp_time_from_unix_ns (u);
}

CuspTime
cusp_time_from_unix_seconds (double unix_s)
{
  gint64 s, ns;

  if (!split_double (unix_s, 1e10, NS_PER_S, &s, &ns))
    return CUSP_TIME_INVALID;
  return from_unix_parts (s, NS_PER_S, ns);
}

double
cusp_time_to_unix_seconds (CuspTime t)
{
  gint64 u = cusp_time_to_unix_ns (t);

  if (u == G_MININT64)
    return NAN;
  return (double) floor_div (u, NS_PER_S)
         + (double) floor_mod (u, NS_PER_S) / (double) NS_PER_S;
}

/* ---- CDF EPOCH and EPOCH16 ----------------------------------------------- */

/* 0000-01-01T00:00:00 to 1970-01-01T00:00:00, no leap seconds
 * (CDFpp cdf-chrono-constants.hpp). */
#define CDF_EPOCH_UNIX_S  G_GINT64_CONSTANT (62167219200)
#define CDF_EPOCH_UNIX_MS G_GINT64_CONSTANT (62167219200000)

CuspTime
cusp_time_from_cdf_epoch (double epoch_ms)
{
  gint64 ms, ns;

  if (!split_double (epoch_ms, 1e15, CUSP_NS_PER_MS, &ms, &ns))
    return CUSP_TIME_INVALID;
  return from_unix_parts (ms - CDF_EPOCH_UNIX_MS, CUSP_NS_PER_MS, ns);
}

double
cusp_time_to_cdf_epoch (CuspTime t)
{
  gint64 u = cusp_time_to_unix_ns (t);

  if (u == G_MININT64)
    return NAN;
  return (double) (floor_div (u, CUSP_NS_PER_MS) + CDF_EPOCH_UNIX_MS)
         + (double) floor_mod (u, CUSP_NS_PER_MS) / (double) CUSP_NS_PER_MS;
}

CuspTime
cusp_time_from_cdf_epoch16 (double seconds,
                            double picoseconds)
{
  gint64 s, ns, ps;

  if (!split_double (seconds, 1e12, NS_PER_S, &s, &ns)
      || !isfinite (picoseconds) || picoseconds < 0 || picoseconds >= 1e12)
    return CUSP_TIME_INVALID;
  /* Sub-nanosecond picoseconds are dropped, never rounded up. */
  ps = (gint64) floor (picoseconds);
  return from_unix_parts (s - CDF_EPOCH_UNIX_S, NS_PER_S, ns + ps / 1000);
}

void
cusp_time_to_cdf_epoch16 (CuspTime  t,
                          double   *seconds,
                          double   *picoseconds)
{
  gint64 u = cusp_time_to_unix_ns (t);

  g_return_if_fail (seconds != NULL && picoseconds != NULL);

  if (u == G_MININT64)
    {
      *seconds = *picoseconds = NAN;
      return;
    }
  *seconds = (double) (floor_div (u, NS_PER_S) + CDF_EPOCH_UNIX_S);
  *picoseconds = (double) (floor_mod (u, NS_PER_S) * 1000);
}

/* ---- Calendar stepping ---------------------------------------------------- */

static const gint64 unit_ns[] = {
  [CUSP_TIME_UNIT_NANOSECOND] = 1,
  [CUSP_TIME_UNIT_MICROSECOND] = CUSP_NS_PER_US,
  [CUSP_TIME_UNIT_MILLISECOND] = CUSP_NS_PER_MS,
  [CUSP_TIME_UNIT_SECOND] = CUSP_NS_PER_SECOND,
  [CUSP_TIME_UNIT_MINUTE] = CUSP_NS_PER_MINUTE,
  [CUSP_TIME_UNIT_HOUR] = CUSP_NS_PER_HOUR,
  [CUSP_TIME_UNIT_DAY] = CUSP_NS_PER_DAY,
};

static CuspTime
time_from_civil_or_invalid (const CuspCivilTime *c)
{
  CuspTime t;

  if (!tt_from_utc (days_from_civil (c->year, c->month, c->day), civil_sod (c), &t))
    return CUSP_TIME_INVALID;
  return t;
}

/* Seconds inside a minute are contiguous on the TT2000 scale, so flooring
 * them is a subtraction; second 60 survives only a one-second step, since
 * a coarser grid counts from second 0 of the minute. */
static CuspTime
floor_seconds (CuspTime             t,
               const CuspCivilTime *c,
               int                  step)
{
  int second = c->second;
  int floored;

  if (second == 60 && step == 1)
    return t - c->nanosecond;
  floored = MIN (second, 59);
  floored -= floored % step;
  return t - c->nanosecond - (gint64) (second - floored) * NS_PER_S;
}

CuspTime
cusp_time_floor (CuspTime     t,
                 CuspTimeUnit unit,
                 int          step)
{
  CuspCivilTime c;

  g_return_val_if_fail (step >= 1, t);
  g_return_val_if_fail (unit <= CUSP_TIME_UNIT_YEAR, t);

  cusp_time_to_civil (t, &c);
  switch (unit)
    {
    case CUSP_TIME_UNIT_NANOSECOND:
    case CUSP_TIME_UNIT_MICROSECOND:
    case CUSP_TIME_UNIT_MILLISECOND:
      {
        gint64 q = unit_ns[unit] * step;
        return t - (q >= NS_PER_S ? c.nanosecond : c.nanosecond % q);
      }
    case CUSP_TIME_UNIT_SECOND:
      return floor_seconds (t, &c, step);
    case CUSP_TIME_UNIT_MINUTE:
      c.minute -= c.minute % step;
      c.second = c.nanosecond = 0;
      break;
    case CUSP_TIME_UNIT_HOUR:
      c.hour -= c.hour % step;
      c.minute = c.second = c.nanosecond = 0;
      break;
    case CUSP_TIME_UNIT_YEAR:
      c.year -= (int) floor_mod (c.year, step);
      c.month = 1;
      G_GNUC_FALLTHROUGH;
    case CUSP_TIME_UNIT_MONTH:
      c.month -= (c.month - 1) % step;
      c.day = 1;
      G_GNUC_FALLTHROUGH;
    case CUSP_TIME_UNIT_DAY:
      c.day -= (c.day - 1) % step;
      c.hour = c.minute = c.second = c.nanosecond = 0;
      break;
    default:
      g_assert_not_reached ();
    }
  return time_from_civil_or_invalid (&c);
}

/* Minutes, hours and days move the clock fields and keep the seconds; a
 * second 60 that lands where there is no leap second spills into the next
 * minute (tt_from_utc does that). */
static CuspTime
add_clock_units (CuspTime     t,
                 CuspTimeUnit unit,
                 gint64       n)
{
  gint64 per_day = NS_PER_DAY / unit_ns[unit];
  gint64 day, sod, leap_part;
  CuspTime result;

  tt_to_utc (t, &day, &sod);
  leap_part = sod >= NS_PER_DAY ? NS_PER_S : 0;
  sod -= leap_part;
  if (__builtin_add_overflow (day, n / per_day, &day))
    return CUSP_TIME_INVALID;
  sod += (n % per_day) * unit_ns[unit];
  day += floor_div (sod, NS_PER_DAY);
  sod = floor_mod (sod, NS_PER_DAY);
  if (!tt_from_utc (day, sod + leap_part, &result))
    return CUSP_TIME_INVALID;
  return result;
}

CuspTime
cusp_time_add (CuspTime     t,
               CuspTimeUnit unit,
               gint64       n)
{
  CuspTime result;
  gint64 months;

  g_return_val_if_fail (unit <= CUSP_TIME_UNIT_YEAR, CUSP_TIME_INVALID);

  if (t == CUSP_TIME_INVALID)
    return CUSP_TIME_INVALID;

  switch (unit)
    {
    case CUSP_TIME_UNIT_NANOSECOND:
    case CUSP_TIME_UNIT_MICROSECOND:
    case CUSP_TIME_UNIT_MILLISECOND:
    case CUSP_TIME_UNIT_SECOND:
      if (__builtin_mul_overflow (n, unit_ns[unit], &result)
          || __builtin_add_overflow (t, result, &result)
          || result < CUSP_TIME_MIN || result > CUSP_TIME_MAX)
        return CUSP_TIME_INVALID;
      return result;
    case CUSP_TIME_UNIT_MINUTE:
    case CUSP_TIME_UNIT_HOUR:
    case CUSP_TIME_UNIT_DAY:
      return add_clock_units (t, unit, n);
    case CUSP_TIME_UNIT_MONTH:
    case CUSP_TIME_UNIT_YEAR:
      months = n;
      if ((unit == CUSP_TIME_UNIT_YEAR && __builtin_mul_overflow (n, 12, &months))
          || months < G_MININT32 || months > G_MAXINT32)
        return CUSP_TIME_INVALID;
      return cusp_time_add_months (t, (int) months);
    default:
      g_assert_not_reached ();
    }
  return CUSP_TIME_INVALID;
}

CuspTime
cusp_time_add_months (CuspTime t,
                      int      n)
{
  CuspCivilTime c;
  gint64 total, sod;
  CuspTime result;

  if (t == CUSP_TIME_INVALID)
    return CUSP_TIME_INVALID;

  cusp_time_to_civil (t, &c);
  total = (gint64) c.year * 12 + (c.month - 1) + n;
  if (total / 12 > 300000 || total / 12 < -300000)
    return CUSP_TIME_INVALID;
  c.year = (int) floor_div (total, 12);
  c.month = (int) floor_mod (total, 12) + 1;
  c.day = MIN (c.day, cusp_days_in_month (c.year, c.month));
  /* civil_sod counts second 60 as 86400 s, which tt_from_utc keeps as a
   * leap second only where the new day has one. */
  sod = civil_sod (&c);
  if (!tt_from_utc (days_from_civil (c.year, c.month, c.day), sod, &result))
    return CUSP_TIME_INVALID;
  return result;
}

/* ---- Durations ------------------------------------------------------------ */

typedef struct
{
  const char *name;
  gint64      ns;
} DurationUnit;

static const DurationUnit duration_units[] = {
  { "ns", 1 }, { "nsec", 1 }, { "nanosecond", 1 }, { "nanoseconds", 1 },
  { "us", CUSP_NS_PER_US }, { "µs", CUSP_NS_PER_US }, { "μs", CUSP_NS_PER_US },
  { "usec", CUSP_NS_PER_US }, { "microsecond", CUSP_NS_PER_US },
  { "microseconds", CUSP_NS_PER_US },
  { "ms", CUSP_NS_PER_MS }, { "msec", CUSP_NS_PER_MS },
  { "millisecond", CUSP_NS_PER_MS }, { "milliseconds", CUSP_NS_PER_MS },
  { "s", CUSP_NS_PER_SECOND }, { "sec", CUSP_NS_PER_SECOND },
  { "secs", CUSP_NS_PER_SECOND }, { "second", CUSP_NS_PER_SECOND },
  { "seconds", CUSP_NS_PER_SECOND },
  { "m", CUSP_NS_PER_MINUTE }, { "min", CUSP_NS_PER_MINUTE },
  { "mins", CUSP_NS_PER_MINUTE }, { "minute", CUSP_NS_PER_MINUTE },
  { "minutes", CUSP_NS_PER_MINUTE },
  { "h", CUSP_NS_PER_HOUR }, { "hr", CUSP_NS_PER_HOUR }, { "hrs", CUSP_NS_PER_HOUR },
  { "hour", CUSP_NS_PER_HOUR }, { "hours", CUSP_NS_PER_HOUR },
  { "d", CUSP_NS_PER_DAY }, { "day", CUSP_NS_PER_DAY }, { "days", CUSP_NS_PER_DAY },
  { "w", 7 * CUSP_NS_PER_DAY }, { "week", 7 * CUSP_NS_PER_DAY },
  { "weeks", 7 * CUSP_NS_PER_DAY },
};

static gboolean
fail_duration (const char  *text,
               GError     **error,
               CuspTimeError code,
               const char  *reason)
{
  Subject subject = { text, strlen (text), NULL };
  g_autofree char *shown = NULL;

  if (error == NULL)
    return FALSE;
  shown = subject_describe (&subject);
  /* Translators: the first %s is the text the user gave, the second
   * explains what is wrong with it. */
  g_set_error (error, CUSP_TIME_ERROR, code,
               _("“%s” is not a valid duration: %s."), shown, reason);
  return FALSE;
}

/* A number with an optional fraction, as whole part and fraction. */
static gboolean
read_number (const char **p,
             gint64      *whole,
             double      *fraction)
{
  const char *q = *p;
  gint64 w = 0, f = 0, scale = 1;
  gboolean any = FALSE;

  for (; g_ascii_isdigit (*q); q++, any = TRUE)
    if (__builtin_mul_overflow (w, 10, &w) || __builtin_add_overflow (w, *q - '0', &w))
      return FALSE;
  if (*q == '.')
    for (q++; g_ascii_isdigit (*q); q++, any = TRUE)
      if (scale < G_GINT64_CONSTANT (1000000000000000000))
        {
          f = f * 10 + (*q - '0');
          scale *= 10;
        }
  if (!any)
    return FALSE;
  *whole = w;
  *fraction = (double) f / (double) scale;
  *p = q;
  return TRUE;
}

/* n units plus a fraction of one, added to *total; FALSE on overflow. */
static gboolean
accumulate (gint64 *total,
            gint64  whole,
            double  fraction,
            gint64  unit)
{
  gint64 v;

  return !__builtin_mul_overflow (whole, unit, &v)
         && !__builtin_add_overflow (v, llround (fraction * (double) unit), &v)
         && !__builtin_add_overflow (*total, v, total);
}

static gint64
lookup_duration_unit (const char *word,
                      gsize       len)
{
  for (gsize i = 0; i < G_N_ELEMENTS (duration_units); i++)
    if (strlen (duration_units[i].name) == len
        && g_ascii_strncasecmp (duration_units[i].name, word, len) == 0)
      return duration_units[i].ns;
  return 0;
}

static gboolean
parse_plain_duration (const char  *text,
                      const char  *p,
                      gint64      *total,
                      GError     **error)
{
  gboolean any = FALSE;

  while (*p != '\0')
    {
      gint64 whole, unit;
      double fraction;
      const char *word;

      if (!read_number (&p, &whole, &fraction))
        return fail_duration (text, error, CUSP_TIME_ERROR_SYNTAX,
                              _("expected a number followed by a unit, as in "
                                "“90 s”, “1 h 30 min” or “2 d”"));
      while (*p == ' ')
        p++;
      word = p;
      while (g_ascii_isalpha (*p) || (guchar) *p >= 0x80)
        p++;
      unit = lookup_duration_unit (word, (gsize) (p - word));
      if (unit == 0)
        return fail_duration (text, error, CUSP_TIME_ERROR_SYNTAX,
                              _("each number needs a unit: ns, µs, ms, s, min, h, d or w"));
      if (!accumulate (total, whole, fraction, unit))
        return fail_duration (text, error, CUSP_TIME_ERROR_RANGE,
                              _("it is too long (the limit is about 292 years)"));
      while (*p == ' ' || *p == ',')
        p++;
      any = TRUE;
    }
  if (!any)
    return fail_duration (text, error, CUSP_TIME_ERROR_SYNTAX,
                          _("it is empty; write for example “90 s” or “1 h 30 min”"));
  return TRUE;
}

/* ISO 8601 "PnW" or "P[nD][T[nH][nM][nS]]"; designators in order. */
static gboolean
parse_iso_duration (const char  *text,
                    const char  *p,
                    gint64      *total,
                    GError     **error)
{
  static const char order[] = "WDHMS";
  static const gint64 order_ns[] = { 7 * CUSP_NS_PER_DAY, CUSP_NS_PER_DAY,
                                     CUSP_NS_PER_HOUR, CUSP_NS_PER_MINUTE,
                                     CUSP_NS_PER_SECOND };
  gboolean in_time = FALSE, any = FALSE;
  int next = 0;

  for (p++; *p != '\0'; )
    {
      gint64 whole;
      double fraction;
      const char *slot;
      int index;

      if (*p == 'T' && !in_time)
        {
          in_time = TRUE;
          next = MAX (next, 2);
          p++;
          continue;
        }
      if (!read_number (&p, &whole, &fraction))
        return fail_duration (text, error, CUSP_TIME_ERROR_SYNTAX,
                              _("an ISO 8601 duration looks like “PT1H30M” or “P1D”"));
      if (!in_time && (*p == 'Y' || *p == 'M'))
        return fail_duration (text, error, CUSP_TIME_ERROR_SYNTAX,
                              _("years and months have no fixed length; give days instead, as in “P30D”"));
      slot = *p != '\0' ? strchr (order, *p) : NULL;
      index = slot != NULL ? (int) (slot - order) : -1;
      if (index < next || (index >= 2) != in_time)
        return fail_duration (text, error, CUSP_TIME_ERROR_SYNTAX,
                              _("an ISO 8601 duration looks like “PT1H30M” or “P1D”"));
      if (!accumulate (total, whole, fraction, order_ns[index]))
        return fail_duration (text, error, CUSP_TIME_ERROR_RANGE,
                              _("it is too long (the limit is about 292 years)"));
      next = index + 1;
      any = TRUE;
      p++;
    }
  if (!any || (in_time && next == 2))
    return fail_duration (text, error, CUSP_TIME_ERROR_SYNTAX,
                          _("an ISO 8601 duration looks like “PT1H30M” or “P1D”"));
  return TRUE;
}

gboolean
cusp_duration_parse (const char *text,
                     gint64     *out_ns,
                     GError    **error)
{
  g_autofree char *trimmed = NULL;
  gboolean negative = FALSE;
  gint64 total = 0;
  const char *p;
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  while (*p == ' ')
    p++;

  if (*p == 'P' || *p == 'p')
    ok = parse_iso_duration (text, p, &total, error);
  else
    ok = parse_plain_duration (text, p, &total, error);
  if (!ok)
    return FALSE;
  if (out_ns != NULL)
    *out_ns = negative ? -total : total;
  return TRUE;
}

char *
cusp_duration_format (gint64 ns)
{
  /* Symbols, not words: they read the same in every language and
   * cusp_duration_parse() reads them back. */
  static const struct { guint64 ns; const char *symbol; } parts[] = {
    { G_GUINT64_CONSTANT (86400000000000), "d" },
    { G_GUINT64_CONSTANT (3600000000000), "h" },
    { G_GUINT64_CONSTANT (60000000000), "min" },
    { G_GUINT64_CONSTANT (1000000000), "s" },
    { G_GUINT64_CONSTANT (1000000), "ms" },
    { G_GUINT64_CONSTANT (1000), "µs" },
    { G_GUINT64_CONSTANT (1), "ns" },
  };
  GString *s;
  guint64 rest;
  const char *separator = "";

  if (ns == 0)
    return g_strdup ("0 s");

  s = g_string_new (ns < 0 ? "-" : "");
  rest = ns < 0 ? -(guint64) ns : (guint64) ns;
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      guint64 count = rest / parts[i].ns;

      rest %= parts[i].ns;
      if (count == 0)
        continue;
      g_string_append_printf (s, "%s%" G_GUINT64_FORMAT " %s",
                              separator, count, parts[i].symbol);
      separator = " ";
    }
  return g_string_free (s, FALSE);
}
