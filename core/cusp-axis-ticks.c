#define G_LOG_DOMAIN "cusp-axis-ticks"

#include "config.h"

#include "cusp-axis-ticks.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Value axes                                                           */

/* Below this and from SCI_HIGH up, plain decimals get too long. */
#define SCI_LOW  1e-3
#define SCI_HIGH 1e6
#define NO_SCI   G_MININT

static void
tick_clear (gpointer data)
{
  CuspAxisTick *tick = data;

  g_free (tick->label);
}

static GArray *
tick_array_new (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (CuspAxisTick));

  g_array_set_clear_func (ticks, tick_clear);
  return ticks;
}

static void
append_superscript (GString *s,
                    int      exponent)
{
  static const char *const digits[] =
    { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  char buf[16];

  if (exponent < 0)
    g_string_append (s, "⁻");
  g_snprintf (buf, sizeof buf, "%d", ABS (exponent));
  for (const char *p = buf; *p != '\0'; p++)
    g_string_append (s, digits[*p - '0']);
}

/* Decimal with a '.' whatever the locale, so axes read the same in every
 * language and in exported figures. */
static void
append_fixed (GString *s,
              double   v,
              int      decimals)
{
  char fmt[16], buf[G_ASCII_DTOSTR_BUF_SIZE];
  gsize start = s->len;

  g_snprintf (fmt, sizeof fmt, "%%.%df", CLAMP (decimals, 0, 17));
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, fmt, v));

  /* rounding can leave "-0.00": a tick is never negative zero */
  if (s->str[start] == '-'
      && strspn (s->str + start + 1, "0.") == s->len - start - 1)
    g_string_erase (s, start, 1);
}

/* step = mantissa × 10^k with mantissa in {1, 2, 2.5, 5}: the decimals a
 * label needs so that neighbouring ticks differ. */
static int
step_decimals (int      k,
               gboolean half)
{
  return MAX (0, -k + (half ? 1 : 0));
}

static char *
format_tick (double   v,
             int      k,
             gboolean half,
             int      sci_exponent)
{
  GString *s = g_string_new (NULL);

  if (sci_exponent == NO_SCI)
    append_fixed (s, v, step_decimals (k, half));
  else if (v == 0)
    g_string_append_c (s, '0');
  else
    {
      append_fixed (s, v / pow (10, sci_exponent), step_decimals (k - sci_exponent, half));
      g_string_append (s, "×10");
      append_superscript (s, sci_exponent);
    }

  return g_string_free (s, FALSE);
}

static int
sci_exponent_for (double max_abs)
{
  if (max_abs == 0 || (max_abs >= SCI_LOW && max_abs < SCI_HIGH))
    return NO_SCI;
  return (int) floor (log10 (max_abs) + 1e-12);
}

/* Smallest {1, 2, 2.5, 5} × 10^k >= raw. */
static void
nice_step (double    raw,
           double   *mantissa,
           int      *k)
{
  static const double nice[] = { 1, 2, 2.5, 5, 10 };
  double f;
  guint i;

  *k = (int) floor (log10 (raw));
  f = raw / pow (10, *k);
  for (i = 0; i < G_N_ELEMENTS (nice) - 1 && f > nice[i] * (1 + 1e-9); i++)
    ;
  *mantissa = nice[i];
  if (*mantissa == 10)
    {
      *mantissa = 1;
      (*k)++;
    }
}

/* i × mantissa × 10^k, dividing for k < 0 so that 3 × 0.1 prints as the
 * double nearest 0.3. */
static double
tick_value (gint64 i,
            double mantissa,
            int    k)
{
  return k >= 0 ? i * mantissa * pow (10, k) : i * mantissa / pow (10, -k);
}

char *
cusp_axis_format_value (double v,
                        double step)
{
  double mantissa;
  int k;

  if (!isfinite (v))
    return g_strdup (isnan (v) ? "NaN" : v > 0 ? "∞" : "-∞");
  if (!(step > 0) || !isfinite (step))
    return g_strdup_printf ("%g", v);

  nice_step (step, &mantissa, &k);
  return format_tick (v, k, mantissa == 2.5, sci_exponent_for (fabs (v)));
}

GArray *
cusp_axis_ticks_linear (double min,
                        double max,
                        guint  target_count)
{
  GArray *ticks = tick_array_new ();
  double mantissa, step;
  gint64 i0, i1;
  int k, sci;

  if (!isfinite (min) || !isfinite (max) || max < min)
    return ticks;
  if (max == min)
    {
      CuspAxisTick tick = { min, NULL, TRUE };

      tick.label = format_tick (min, 0, FALSE, sci_exponent_for (fabs (min)));
      g_array_append_val (ticks, tick);
      return ticks;
    }

  nice_step ((max - min) / MAX (target_count, 1), &mantissa, &k);
  step = mantissa * pow (10, k);
  i0 = (gint64) ceil (min / step - 1e-9);
  i1 = (gint64) floor (max / step + 1e-9);
  sci = sci_exponent_for (MAX (fabs (tick_value (i0, mantissa, k)),
                               fabs (tick_value (i1, mantissa, k))));

  for (gint64 i = i0; i <= i1; i++)
    {
      CuspAxisTick tick = { tick_value (i, mantissa, k), NULL, TRUE };

      tick.label = format_tick (tick.value, k, mantissa == 2.5, sci);
      g_array_append_val (ticks, tick);
    }

  return ticks;
}

static void
append_log_tick (GArray  *ticks,
                 double   value,
                 int      decade,
                 gboolean major)
{
  CuspAxisTick tick = { value, NULL, major };

  if (major)
    {
      GString *s = g_string_new ("10");

      append_superscript (s, decade);
      tick.label = g_string_free (s, FALSE);
    }
  g_array_append_val (ticks, tick);
}

GArray *
cusp_axis_ticks_log (double min,
                     double max,
                     guint  target_count)
{
  GArray *ticks;
  int d0, d1, stride;

  if (!isfinite (min) || !isfinite (max) || min <= 0 || max < min)
    return tick_array_new ();

  d0 = (int) ceil (log10 (min) - 1e-9);
  d1 = (int) floor (log10 (max) + 1e-9);
  if (d1 - d0 + 1 < 2)
    return cusp_axis_ticks_linear (min, max, target_count);

  ticks = tick_array_new ();
  stride = MAX (1, (int) ceil ((double) (d1 - d0) / MAX (target_count, 1)));

  if (stride > 1)
    {
      for (int d = d0; d <= d1; d++)
        append_log_tick (ticks, pow (10, d), d, d % stride == 0);
      return ticks;
    }

  /* minor ticks also fill the partial decades at both ends */
  for (int d = d0 - 1; d <= d1; d++)
    for (int m = 1; m <= 9; m++)
      {
        double v = m * pow (10, d);

        if (v < min * (1 - 1e-9) || v > max * (1 + 1e-9))
          continue;
        append_log_tick (ticks, v, d, m == 1);
      }

  return ticks;
}

/* ------------------------------------------------------------------ */
/* Time axes                                                            */

typedef enum
{
  LABEL_NS,
  LABEL_US,
  LABEL_MS,
  LABEL_HMS,
  LABEL_HM,
  LABEL_DAY,
  LABEL_MONTH,
  LABEL_YEAR,
} LabelKind;

typedef struct
{
  CuspTimeUnit unit;
  int          step;
  double       min_days;      /* shortest real length, for calendar units */
  CuspTimeUnit minor_unit;
  int          minor_step;    /* 0: no minor ticks */
} TimeStep;

#define NS  CUSP_TIME_UNIT_NANOSECOND
#define US  CUSP_TIME_UNIT_MICROSECOND
#define MS  CUSP_TIME_UNIT_MILLISECOND
#define SEC CUSP_TIME_UNIT_SECOND
#define MIN_ CUSP_TIME_UNIT_MINUTE
#define HOUR CUSP_TIME_UNIT_HOUR
#define DAY CUSP_TIME_UNIT_DAY
#define MON CUSP_TIME_UNIT_MONTH
#define YEAR CUSP_TIME_UNIT_YEAR

/* min_days is used only for days and longer; shorter steps have a fixed
 * length (a minute is at least 60 s even across a leap second).  Month
 * lengths are the shortest possible (February first); multi-day steps
 * may be shortened to ¾ by the month-end rule. */
static const TimeStep ladder[] = {
  { NS, 1, 0, NS, 0 }, { NS, 2, 0, NS, 1 }, { NS, 5, 0, NS, 1 },
  { NS, 10, 0, NS, 2 }, { NS, 20, 0, NS, 5 }, { NS, 50, 0, NS, 10 },
  { NS, 100, 0, NS, 20 }, { NS, 200, 0, NS, 50 }, { NS, 500, 0, NS, 100 },
  { US, 1, 0, NS, 200 }, { US, 2, 0, NS, 500 }, { US, 5, 0, US, 1 },
  { US, 10, 0, US, 2 }, { US, 20, 0, US, 5 }, { US, 50, 0, US, 10 },
  { US, 100, 0, US, 20 }, { US, 200, 0, US, 50 }, { US, 500, 0, US, 100 },
  { MS, 1, 0, US, 200 }, { MS, 2, 0, US, 500 }, { MS, 5, 0, MS, 1 },
  { MS, 10, 0, MS, 2 }, { MS, 20, 0, MS, 5 }, { MS, 50, 0, MS, 10 },
  { MS, 100, 0, MS, 20 }, { MS, 200, 0, MS, 50 }, { MS, 500, 0, MS, 100 },
  { SEC, 1, 0, MS, 200 }, { SEC, 2, 0, MS, 500 }, { SEC, 5, 0, SEC, 1 },
  { SEC, 10, 0, SEC, 2 }, { SEC, 15, 0, SEC, 5 }, { SEC, 30, 0, SEC, 10 },
  { MIN_, 1, 0, SEC, 10 }, { MIN_, 2, 0, SEC, 30 }, { MIN_, 5, 0, MIN_, 1 },
  { MIN_, 10, 0, MIN_, 2 }, { MIN_, 15, 0, MIN_, 5 }, { MIN_, 30, 0, MIN_, 10 },
  { HOUR, 1, 0, MIN_, 10 }, { HOUR, 2, 0, MIN_, 30 }, { HOUR, 3, 0, HOUR, 1 },
  { HOUR, 6, 0, HOUR, 1 }, { HOUR, 12, 0, HOUR, 3 },
  { DAY, 1, 1, HOUR, 6 }, { DAY, 2, 1.5, DAY, 1 }, { DAY, 5, 3.75, DAY, 1 },
  { DAY, 10, 7.5, DAY, 1 },
  { MON, 1, 28, MON, 0 }, { MON, 2, 59, MON, 1 }, { MON, 3, 89, MON, 1 },
  { MON, 6, 181, MON, 1 },
  { YEAR, 1, 365, MON, 3 }, { YEAR, 2, 730, YEAR, 1 }, { YEAR, 5, 1825, YEAR, 1 },
  { YEAR, 10, 3650, YEAR, 2 }, { YEAR, 20, 7300, YEAR, 5 },
  { YEAR, 50, 18250, YEAR, 10 }, { YEAR, 100, 36500, YEAR, 20 },
};

/* Generous: a tick per pixel of a very wide axis. */
#define MAX_TICKS 100000

static const gint64 unit_ns[] = {
  [CUSP_TIME_UNIT_NANOSECOND] = 1,
  [CUSP_TIME_UNIT_MICROSECOND] = CUSP_NS_PER_US,
  [CUSP_TIME_UNIT_MILLISECOND] = CUSP_NS_PER_MS,
  [CUSP_TIME_UNIT_SECOND] = CUSP_NS_PER_SECOND,
  [CUSP_TIME_UNIT_MINUTE] = CUSP_NS_PER_MINUTE,
  [CUSP_TIME_UNIT_HOUR] = CUSP_NS_PER_HOUR,
};

static double
step_min_ns (const TimeStep *s)
{
  if (s->unit >= CUSP_TIME_UNIT_DAY)
    return s->min_days * (double) CUSP_NS_PER_DAY;
  return (double) s->step * (double) unit_ns[s->unit];
}

static LabelKind
label_kind (CuspTimeUnit unit)
{
  switch (unit)
    {
    case CUSP_TIME_UNIT_NANOSECOND:  return LABEL_NS;
    case CUSP_TIME_UNIT_MICROSECOND: return LABEL_US;
    case CUSP_TIME_UNIT_MILLISECOND: return LABEL_MS;
    case CUSP_TIME_UNIT_SECOND:      return LABEL_HMS;
    case CUSP_TIME_UNIT_MINUTE:
    case CUSP_TIME_UNIT_HOUR:        return LABEL_HM;
    case CUSP_TIME_UNIT_DAY:         return LABEL_DAY;
    case CUSP_TIME_UNIT_MONTH:       return LABEL_MONTH;
    case CUSP_TIME_UNIT_YEAR:
    default:                         return LABEL_YEAR;
    }
}

static char *
format_date (const CuspCivilTime *c)
{
  return g_strdup_printf ("%04d-%02d-%02d", c->year, c->month, c->day);
}

static char *
format_label (const CuspCivilTime *c,
              LabelKind            kind)
{
  static const int frac_digits[] = { [LABEL_NS] = 9, [LABEL_US] = 6, [LABEL_MS] = 3 };
  static const int divisor[] = { [LABEL_NS] = 1, [LABEL_US] = 1000, [LABEL_MS] = 1000000 };

  switch (kind)
    {
    case LABEL_YEAR:
      return g_strdup_printf ("%04d", c->year);
    case LABEL_MONTH:
      return g_strdup_printf ("%04d-%02d", c->year, c->month);
    case LABEL_DAY:
      return format_date (c);
    case LABEL_HM:
      return g_strdup_printf ("%02d:%02d", c->hour, c->minute);
    case LABEL_HMS:
      return g_strdup_printf ("%02d:%02d:%02d", c->hour, c->minute, c->second);
    case LABEL_NS:
    case LABEL_US:
    case LABEL_MS:
    default:
      return g_strdup_printf ("%02d:%02d:%02d.%0*d", c->hour, c->minute, c->second,
                              frac_digits[kind], c->nanosecond / divisor[kind]);
    }
}

/* The next grid point after t.  Adding a step and flooring normally lands
 * on it; across a leap second a coarse second grid floors back (second 60
 * belongs to the 1 s grid only), so nudge forward by single units. */
static CuspTime
next_grid_point (CuspTime     t,
                 CuspTimeUnit unit,
                 int          step)
{
  CuspTime probe = cusp_time_add (t, unit, step);
  CuspTime next;

  for (int guard = 0; guard < 8 && probe != CUSP_TIME_INVALID; guard++)
    {
      next = cusp_time_floor (probe, unit, step);
      if (next != CUSP_TIME_INVALID && next > t)
        return next;
      probe = cusp_time_add (probe, unit, 1);
    }

  return CUSP_TIME_INVALID;
}

static CuspTime
first_grid_point (CuspTime     t0,
                  CuspTimeUnit unit,
                  int          step)
{
  CuspTime t = cusp_time_floor (t0, unit, step);

  if (t == CUSP_TIME_INVALID)
    return CUSP_TIME_INVALID;
  return t >= t0 ? t : next_grid_point (t, unit, step);
}

/* Day-of-month grids restart on the 1st: a tick closer than ¾ step to the
 * next month's first day would crowd that one. */
static gboolean
crowds_month_end (CuspTime     t,
                  CuspTimeUnit unit,
                  int          step)
{
  CuspCivilTime c;
  int remaining;

  if (unit != CUSP_TIME_UNIT_DAY || step == 1)
    return FALSE;
  cusp_time_to_civil (t, &c);
  remaining = cusp_days_in_month (c.year, c.month) - c.day + 1;
  return remaining * 4 < step * 3;
}

/* Grid points of (unit, step) in [t0, t1]. */
static GArray *
grid_points (CuspTime     t0,
             CuspTime     t1,
             CuspTimeUnit unit,
             int          step)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (CuspTime));
  CuspTime t = first_grid_point (t0, unit, step);

  while (t != CUSP_TIME_INVALID && t <= t1 && points->len < MAX_TICKS)
    {
      if (!crowds_month_end (t, unit, step))
        g_array_append_val (points, t);
      t = next_grid_point (t, unit, step);
    }

  return points;
}

static void
time_tick_clear (gpointer data)
{
  CuspTimeTick *tick = data;

  g_free (tick->label);
  g_free (tick->date_label);
}

static const TimeStep *
choose_step (CuspTime t0,
             CuspTime t1,
             double   width_px,
             double   min_spacing_px)
{
  /* subtract as integers first: doubles near 2015 in ns are 64 ns apart;
   * unsigned because t1 - t0 may exceed G_MAXINT64 */
  double px_per_ns = width_px / (double) ((guint64) t1 - (guint64) t0);

  for (guint i = 0; i < G_N_ELEMENTS (ladder); i++)
    if (step_min_ns (&ladder[i]) * px_per_ns >= min_spacing_px)
      return &ladder[i];

  return &ladder[G_N_ELEMENTS (ladder) - 1];
}

static void
append_major_ticks (GArray         *out,
                    GArray         *majors,
                    const TimeStep *s)
{
  LabelKind kind = label_kind (s->unit);
  gboolean sub_day = kind <= LABEL_HM;
  CuspCivilTime prev = { 0 };

  for (guint i = 0; i < majors->len; i++)
    {
      CuspTimeTick tick = { g_array_index (majors, CuspTime, i), NULL, NULL, TRUE };
      CuspCivilTime c;

      cusp_time_to_civil (tick.t, &c);
      tick.label = format_label (&c, kind);
      if (sub_day && (i == 0 || c.year != prev.year || c.month != prev.month
                      || c.day != prev.day))
        tick.date_label = format_date (&c);
      prev = c;
      g_array_append_val (out, tick);
    }
}

GArray *
cusp_time_ticks_compute (CuspTime t0,
                         CuspTime t1,
                         double   width_px,
                         double   min_spacing_px)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (CuspTimeTick));
  g_autoptr(GArray) majors = NULL;
  g_autoptr(GArray) minors = NULL;
  g_autoptr(GArray) labelled = NULL;
  const TimeStep *s;
  guint i = 0, j = 0;

  g_array_set_clear_func (ticks, time_tick_clear);
  g_return_val_if_fail (min_spacing_px > 0, ticks);

  if (t1 <= t0 || !(width_px > 0) || t0 == CUSP_TIME_INVALID)
    return ticks;

  s = choose_step (t0, t1, width_px, min_spacing_px);
  majors = grid_points (t0, t1, s->unit, s->step);
  minors = s->minor_step > 0 ? grid_points (t0, t1, s->minor_unit, s->minor_step)
                             : g_array_new (FALSE, FALSE, sizeof (CuspTime));

  labelled = g_array_new (FALSE, TRUE, sizeof (CuspTimeTick));
  append_major_ticks (labelled, majors, s);

  /* merge, dropping minor points that coincide with a major one */
  while (i < labelled->len || j < minors->len)
    {
      CuspTime minor_t = j < minors->len ? g_array_index (minors, CuspTime, j) : 0;

      if (j >= minors->len
          || (i < labelled->len && g_array_index (labelled, CuspTimeTick, i).t <= minor_t))
        {
          CuspTimeTick *major = &g_array_index (labelled, CuspTimeTick, i++);

          if (j < minors->len && major->t == minor_t)
            j++;
          g_array_append_val (ticks, *major);
        }
      else
        {
          CuspTimeTick tick = { minor_t, NULL, NULL, FALSE };

          g_array_append_val (ticks, tick);
          j++;
        }
    }

  return ticks;
}
