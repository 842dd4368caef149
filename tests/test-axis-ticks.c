#include "config.h"

#include <math.h>

#include "cusp-axis-ticks.h"

/* ------------------------------------------------------------------ */
/* Value axes: expected ticks worked out by hand from the documented rule
 * (smallest {1, 2, 2.5, 5}·10^k step with at most target intervals). */

static void
assert_linear (GArray            *ticks,
               const double      *values,
               const char *const *labels,
               guint              n)
{
  g_assert_cmpuint (ticks->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      CuspAxisTick *t = &g_array_index (ticks, CuspAxisTick, i);

      g_assert_cmpfloat_with_epsilon (t->value, values[i], 1e-12 * MAX (1, fabs (values[i])));
      g_assert_cmpstr (t->label, ==, labels[i]);
      g_assert_true (t->major);
    }
}

static void
test_linear_basic (void)
{
  {
    g_autoptr(GArray) t = cusp_axis_ticks_linear (0, 10, 5);
    const double v[] = { 0, 2, 4, 6, 8, 10 };
    const char *const l[] = { "0", "2", "4", "6", "8", "10" };

    assert_linear (t, v, l, G_N_ELEMENTS (v));
  }
  {
    /* raw 0.25: 2.5×10⁻¹ needs two decimals */
    g_autoptr(GArray) t = cusp_axis_ticks_linear (0, 1, 4);
    const double v[] = { 0, 0.25, 0.5, 0.75, 1 };
    const char *const l[] = { "0.00", "0.25", "0.50", "0.75", "1.00" };

    assert_linear (t, v, l, G_N_ELEMENTS (v));
  }
  {
    /* raw 2.5 with k = 0: one decimal */
    g_autoptr(GArray) t = cusp_axis_ticks_linear (0, 10, 4);
    const double v[] = { 0, 2.5, 5, 7.5, 10 };
    const char *const l[] = { "0.0", "2.5", "5.0", "7.5", "10.0" };

    assert_linear (t, v, l, G_N_ELEMENTS (v));
  }
  {
    /* raw 2.9 → 5; ticks only inside [3.7, 18.2] */
    g_autoptr(GArray) t = cusp_axis_ticks_linear (3.7, 18.2, 5);
    const double v[] = { 5, 10, 15 };
    const char *const l[] = { "5", "10", "15" };

    assert_linear (t, v, l, G_N_ELEMENTS (v));
  }
}

static void
test_linear_negative_zero (void)
{
  {
    g_autoptr(GArray) t = cusp_axis_ticks_linear (-1, 1, 4);
    const double v[] = { -1, -0.5, 0, 0.5, 1 };
    const char *const l[] = { "-1.0", "-0.5", "0.0", "0.5", "1.0" };

    assert_linear (t, v, l, G_N_ELEMENTS (v));
  }
  {
    /* 0.1 steps built from -0.3: the middle must print "0.0" */
    g_autoptr(GArray) t = cusp_axis_ticks_linear (-0.3, 0.3, 6);
    const double v[] = { -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3 };
    const char *const l[] = { "-0.3", "-0.2", "-0.1", "0.0", "0.1", "0.2", "0.3" };

    assert_linear (t, v, l, G_N_ELEMENTS (v));
  }
}

static void
test_linear_scientific (void)
{
  {
    /* step 5×10⁵, largest 3×10⁶: mantissas need one decimal */
    g_autoptr(GArray) t = cusp_axis_ticks_linear (0, 3e6, 6);
    const double v[] = { 0, 5e5, 1e6, 1.5e6, 2e6, 2.5e6, 3e6 };
    const char *const l[] = { "0", "0.5×10⁶", "1.0×10⁶", "1.5×10⁶", "2.0×10⁶",
                              "2.5×10⁶", "3.0×10⁶" };

    assert_linear (t, v, l, G_N_ELEMENTS (v));
  }
  {
    g_autoptr(GArray) t = cusp_axis_ticks_linear (0, 4e-4, 4);
    const double v[] = { 0, 1e-4, 2e-4, 3e-4, 4e-4 };
    const char *const l[] = { "0", "1×10⁻⁴", "2×10⁻⁴", "3×10⁻⁴", "4×10⁻⁴" };

    assert_linear (t, v, l, G_N_ELEMENTS (v));
  }
  {
    /* just under a million stays plain */
    g_autoptr(GArray) t = cusp_axis_ticks_linear (0, 900000, 3);
    /* raw 3×10⁵ rounds up to 5×10⁵ */
    const double v[] = { 0, 500000 };
    const char *const l[] = { "0", "500000" };

    assert_linear (t, v, l, G_N_ELEMENTS (v));
  }
}

static void
test_linear_edge_cases (void)
{
  g_autoptr(GArray) reversed = cusp_axis_ticks_linear (2, 1, 5);
  g_autoptr(GArray) nan = cusp_axis_ticks_linear (NAN, 1, 5);
  g_autoptr(GArray) inf = cusp_axis_ticks_linear (0, INFINITY, 5);
  g_autoptr(GArray) flat = cusp_axis_ticks_linear (4, 4, 5);
  g_autoptr(GArray) zero_target = cusp_axis_ticks_linear (0, 10, 0);

  g_assert_cmpuint (reversed->len, ==, 0);
  g_assert_cmpuint (nan->len, ==, 0);
  g_assert_cmpuint (inf->len, ==, 0);
  g_assert_cmpuint (flat->len, ==, 1);
  g_assert_cmpfloat (g_array_index (flat, CuspAxisTick, 0).value, ==, 4);
  g_assert_cmpstr (g_array_index (flat, CuspAxisTick, 0).label, ==, "4");
  /* target 0 is taken as 1: one interval of 10 */
  g_assert_cmpuint (zero_target->len, ==, 2);
}

static void
test_format_value (void)
{
  g_autofree char *a = cusp_axis_format_value (1234.5678, 0.1);
  g_autofree char *b = cusp_axis_format_value (2e7, 1e6);
  g_autofree char *c = cusp_axis_format_value (0.123456, 0.01);
  g_autofree char *d = cusp_axis_format_value (-0.001, 0.1);

  g_assert_cmpstr (a, ==, "1234.6");
  g_assert_cmpstr (b, ==, "2.0×10⁷");
  g_assert_cmpstr (c, ==, "0.12");
  g_assert_cmpstr (d, ==, "0.0");   /* rounds to zero: never "-0.0" */
}

static guint
count_major (GArray *ticks)
{
  guint n = 0;

  for (guint i = 0; i < ticks->len; i++)
    n += g_array_index (ticks, CuspAxisTick, i).major;
  return n;
}

static void
test_log_decades (void)
{
  g_autoptr(GArray) t = cusp_axis_ticks_log (1, 1000, 10);
  const char *const labels[] = { "10⁰", "10¹", "10²", "10³" };
  const double decades[] = { 1, 10, 100, 1000 };
  guint k = 0;

  /* 4 decades + 2..9 in three decades */
  g_assert_cmpuint (t->len, ==, 4 + 3 * 8);
  g_assert_cmpuint (count_major (t), ==, 4);
  for (guint i = 0; i < t->len; i++)
    {
      CuspAxisTick *tick = &g_array_index (t, CuspAxisTick, i);

      if (i > 0)
        g_assert_cmpfloat (tick->value, >, g_array_index (t, CuspAxisTick, i - 1).value);
      if (!tick->major)
        {
          g_assert_null (tick->label);
          continue;
        }
      g_assert_cmpfloat_with_epsilon (tick->value, decades[k], 1e-12 * decades[k]);
      g_assert_cmpstr (tick->label, ==, labels[k]);
      k++;
    }
  /* the second tick is the minor 2 */
  g_assert_cmpfloat_with_epsilon (g_array_index (t, CuspAxisTick, 1).value, 2, 1e-12);
}

static void
test_log_stride (void)
{
  /* 12 decades, target 4: every 3rd decade labelled */
  g_autoptr(GArray) t = cusp_axis_ticks_log (1e-3, 1e9, 4);
  const char *const labels[] = { "10⁻³", "10⁰", "10³", "10⁶", "10⁹" };
  guint k = 0;

  g_assert_cmpuint (t->len, ==, 13);
  g_assert_cmpuint (count_major (t), ==, 5);
  for (guint i = 0; i < t->len; i++)
    {
      CuspAxisTick *tick = &g_array_index (t, CuspAxisTick, i);
      double expected = pow (10, -3 + (int) i);

      g_assert_cmpfloat_with_epsilon (tick->value, expected, 1e-12 * expected);
      if (tick->major)
        g_assert_cmpstr (tick->label, ==, labels[k++]);
    }
}

static void
test_log_partial_and_fallback (void)
{
  /* [0.5, 20]: majors 1, 10; minors 0.5..0.9, 2..9, 20 */
  g_autoptr(GArray) partial = cusp_axis_ticks_log (0.5, 20, 5);
  /* [2, 50] holds one decade only: linear ticks */
  g_autoptr(GArray) fallback = cusp_axis_ticks_log (2, 50, 5);
  g_autoptr(GArray) bad = cusp_axis_ticks_log (0, 10, 5);
  const double v[] = { 10, 20, 30, 40, 50 };
  const char *const l[] = { "10", "20", "30", "40", "50" };

  g_assert_cmpuint (partial->len, ==, 16);
  g_assert_cmpuint (count_major (partial), ==, 2);
  g_assert_cmpfloat_with_epsilon (g_array_index (partial, CuspAxisTick, 0).value, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (partial, CuspAxisTick, 15).value, 20, 1e-12);
  assert_linear (fallback, v, l, G_N_ELEMENTS (v));
  g_assert_cmpuint (bad->len, ==, 0);
}

/* ------------------------------------------------------------------ */
/* Time axes                                                            */

static CuspTime
iso (const char *text)
{
  g_autoptr(GError) error = NULL;
  CuspTime t = 0;

  if (!cusp_time_parse_iso (text, &t, &error))
    g_error ("bad test time %s: %s", text, error->message);
  return t;
}

typedef struct
{
  const char *time;
  const char *label;
  const char *date_label;
} Expected;

/* Compares the major ticks; returns the number of minor ticks. */
static guint
assert_time_ticks (GArray         *ticks,
                   const Expected *expected,
                   guint           n)
{
  guint k = 0, minors = 0;

  for (guint i = 0; i < ticks->len; i++)
    {
      CuspTimeTick *tick = &g_array_index (ticks, CuspTimeTick, i);

      if (i > 0)
        g_assert_cmpint (tick->t, >, g_array_index (ticks, CuspTimeTick, i - 1).t);
      if (!tick->major)
        {
          g_assert_null (tick->label);
          g_assert_null (tick->date_label);
          minors++;
          continue;
        }
      g_assert_cmpuint (k, <, n);
      g_assert_cmpint (tick->t, ==, iso (expected[k].time));
      g_assert_cmpstr (tick->label, ==, expected[k].label);
      g_assert_cmpstr (tick->date_label, ==, expected[k].date_label);
      k++;
    }
  g_assert_cmpuint (k, ==, n);
  return minors;
}

static void
test_time_day (void)
{
  /* 800 px for 24 h: 1 h = 33 px < 60, 2 h = 67 px */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("2015-10-16T00:00:00Z"),
                                                 iso ("2015-10-17T00:00:00Z"), 800, 60);
  const Expected e[] = {
    { "2015-10-16T00:00:00Z", "00:00", "2015-10-16" },
    { "2015-10-16T02:00:00Z", "02:00", NULL },
    { "2015-10-16T04:00:00Z", "04:00", NULL },
    { "2015-10-16T06:00:00Z", "06:00", NULL },
    { "2015-10-16T08:00:00Z", "08:00", NULL },
    { "2015-10-16T10:00:00Z", "10:00", NULL },
    { "2015-10-16T12:00:00Z", "12:00", NULL },
    { "2015-10-16T14:00:00Z", "14:00", NULL },
    { "2015-10-16T16:00:00Z", "16:00", NULL },
    { "2015-10-16T18:00:00Z", "18:00", NULL },
    { "2015-10-16T20:00:00Z", "20:00", NULL },
    { "2015-10-16T22:00:00Z", "22:00", NULL },
    { "2015-10-17T00:00:00Z", "00:00", "2015-10-17" },
  };

  /* 30 min minors: 3 in each of 12 intervals */
  g_assert_cmpuint (assert_time_ticks (t, e, G_N_ELEMENTS (e)), ==, 36);
}

static void
test_time_hour (void)
{
  /* 800 px for 60 min: 5 min = 67 px < 80, 10 min = 133 px */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("2015-10-16T13:00:00Z"),
                                                 iso ("2015-10-16T14:00:00Z"), 800, 80);
  const Expected e[] = {
    { "2015-10-16T13:00:00Z", "13:00", "2015-10-16" },
    { "2015-10-16T13:10:00Z", "13:10", NULL },
    { "2015-10-16T13:20:00Z", "13:20", NULL },
    { "2015-10-16T13:30:00Z", "13:30", NULL },
    { "2015-10-16T13:40:00Z", "13:40", NULL },
    { "2015-10-16T13:50:00Z", "13:50", NULL },
    { "2015-10-16T14:00:00Z", "14:00", NULL },
  };

  /* 2 min minors: 4 per interval */
  g_assert_cmpuint (assert_time_ticks (t, e, G_N_ELEMENTS (e)), ==, 24);
}

static void
test_time_10s (void)
{
  /* 1000 px for 10 s: 500 ms = 50 px < 95, 1 s = 100 px */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("2015-10-16T13:07:03.5Z"),
                                                 iso ("2015-10-16T13:07:13.5Z"), 1000, 95);
  const Expected e[] = {
    { "2015-10-16T13:07:04Z", "13:07:04", "2015-10-16" },
    { "2015-10-16T13:07:05Z", "13:07:05", NULL },
    { "2015-10-16T13:07:06Z", "13:07:06", NULL },
    { "2015-10-16T13:07:07Z", "13:07:07", NULL },
    { "2015-10-16T13:07:08Z", "13:07:08", NULL },
    { "2015-10-16T13:07:09Z", "13:07:09", NULL },
    { "2015-10-16T13:07:10Z", "13:07:10", NULL },
    { "2015-10-16T13:07:11Z", "13:07:11", NULL },
    { "2015-10-16T13:07:12Z", "13:07:12", NULL },
    { "2015-10-16T13:07:13Z", "13:07:13", NULL },
  };

  /* 200 ms minors: 13:07:03.6, .8 before the first tick, 4 in each of 9
   * intervals, 13:07:13.2, .4 after the last */
  g_assert_cmpuint (assert_time_ticks (t, e, G_N_ELEMENTS (e)), ==, 2 + 36 + 2);
}

static void
test_time_1ms (void)
{
  /* 500 px for 1 ms: 0.5 px/µs, 90 px needs 180 µs → 200 µs */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("2015-10-16T13:07:03.000250Z"),
                                                 iso ("2015-10-16T13:07:03.001250Z"), 500, 90);
  const Expected e[] = {
    { "2015-10-16T13:07:03.000400Z", "13:07:03.000400", "2015-10-16" },
    { "2015-10-16T13:07:03.000600Z", "13:07:03.000600", NULL },
    { "2015-10-16T13:07:03.000800Z", "13:07:03.000800", NULL },
    { "2015-10-16T13:07:03.001000Z", "13:07:03.001000", NULL },
    { "2015-10-16T13:07:03.001200Z", "13:07:03.001200", NULL },
  };

  assert_time_ticks (t, e, G_N_ELEMENTS (e));
}

static void
test_time_1ms_step (void)
{
  /* 1000 px for 10 ms, 95 px: 500 µs = 50 px, 1 ms = 100 px; millisecond
   * labels, and a date label where the day changes */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("2015-10-16T23:59:59.995Z"),
                                                 iso ("2015-10-17T00:00:00.005Z"), 1000, 95);
  const Expected e[] = {
    { "2015-10-16T23:59:59.995Z", "23:59:59.995", "2015-10-16" },
    { "2015-10-16T23:59:59.996Z", "23:59:59.996", NULL },
    { "2015-10-16T23:59:59.997Z", "23:59:59.997", NULL },
    { "2015-10-16T23:59:59.998Z", "23:59:59.998", NULL },
    { "2015-10-16T23:59:59.999Z", "23:59:59.999", NULL },
    { "2015-10-17T00:00:00.000Z", "00:00:00.000", "2015-10-17" },
    { "2015-10-17T00:00:00.001Z", "00:00:00.001", NULL },
    { "2015-10-17T00:00:00.002Z", "00:00:00.002", NULL },
    { "2015-10-17T00:00:00.003Z", "00:00:00.003", NULL },
    { "2015-10-17T00:00:00.004Z", "00:00:00.004", NULL },
    { "2015-10-17T00:00:00.005Z", "00:00:00.005", NULL },
  };

  assert_time_ticks (t, e, G_N_ELEMENTS (e));
}

static void
test_time_1us (void)
{
  /* 1000 px for 1000 ns, 150 px: 200 ns */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("2015-10-16T13:07:03.123456789Z"),
                                                 iso ("2015-10-16T13:07:03.123457789Z"), 1000, 150);
  const Expected e[] = {
    { "2015-10-16T13:07:03.123456800Z", "13:07:03.123456800", "2015-10-16" },
    { "2015-10-16T13:07:03.123457000Z", "13:07:03.123457000", NULL },
    { "2015-10-16T13:07:03.123457200Z", "13:07:03.123457200", NULL },
    { "2015-10-16T13:07:03.123457400Z", "13:07:03.123457400", NULL },
    { "2015-10-16T13:07:03.123457600Z", "13:07:03.123457600", NULL },
  };

  assert_time_ticks (t, e, G_N_ELEMENTS (e));
}

static void
test_time_30ns (void)
{
  /* 600 px for 30 ns, 100 px: 5 ns */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("2015-10-16T13:07:03.000000010Z"),
                                                 iso ("2015-10-16T13:07:03.000000040Z"), 600, 100);
  const Expected e[] = {
    { "2015-10-16T13:07:03.000000010Z", "13:07:03.000000010", "2015-10-16" },
    { "2015-10-16T13:07:03.000000015Z", "13:07:03.000000015", NULL },
    { "2015-10-16T13:07:03.000000020Z", "13:07:03.000000020", NULL },
    { "2015-10-16T13:07:03.000000025Z", "13:07:03.000000025", NULL },
    { "2015-10-16T13:07:03.000000030Z", "13:07:03.000000030", NULL },
    { "2015-10-16T13:07:03.000000035Z", "13:07:03.000000035", NULL },
    { "2015-10-16T13:07:03.000000040Z", "13:07:03.000000040", NULL },
  };

  /* 1 ns minors: 4 per interval */
  g_assert_cmpuint (assert_time_ticks (t, e, G_N_ELEMENTS (e)), ==, 24);
}

static void
test_time_3_years (void)
{
  /* 1096 days on 1000 px, 100 px ≥ 109.6 days: 3 months (89 days) is too
   * short, 6 months (181) fits */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("2014-01-01T00:00:00Z"),
                                                 iso ("2017-01-01T00:00:00Z"), 1000, 100);
  const Expected e[] = {
    { "2014-01-01T00:00:00Z", "2014-01", NULL },
    { "2014-07-01T00:00:00Z", "2014-07", NULL },
    { "2015-01-01T00:00:00Z", "2015-01", NULL },
    { "2015-07-01T00:00:00Z", "2015-07", NULL },
    { "2016-01-01T00:00:00Z", "2016-01", NULL },
    { "2016-07-01T00:00:00Z", "2016-07", NULL },
    { "2017-01-01T00:00:00Z", "2017-01", NULL },
  };

  /* monthly minors: 5 per interval */
  g_assert_cmpuint (assert_time_ticks (t, e, G_N_ELEMENTS (e)), ==, 30);
}

static void
test_time_200_years (void)
{
  /* 73049 days on 1000 px, 90 px ≥ 6574 days: 20 years (7300 d) */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("1900-01-01T00:00:00Z"),
                                                 iso ("2100-01-01T00:00:00Z"), 1000, 90);
  const Expected e[] = {
    { "1900-01-01T00:00:00Z", "1900", NULL },
    { "1920-01-01T00:00:00Z", "1920", NULL },
    { "1940-01-01T00:00:00Z", "1940", NULL },
    { "1960-01-01T00:00:00Z", "1960", NULL },
    { "1980-01-01T00:00:00Z", "1980", NULL },
    { "2000-01-01T00:00:00Z", "2000", NULL },
    { "2020-01-01T00:00:00Z", "2020", NULL },
    { "2040-01-01T00:00:00Z", "2040", NULL },
    { "2060-01-01T00:00:00Z", "2060", NULL },
    { "2080-01-01T00:00:00Z", "2080", NULL },
    { "2100-01-01T00:00:00Z", "2100", NULL },
  };

  /* 5-year minors: 3 per interval */
  g_assert_cmpuint (assert_time_ticks (t, e, G_N_ELEMENTS (e)), ==, 30);
}

static void
test_time_days_month_end (void)
{
  /* 2015-10-20 .. 2015-11-20 on 400 px, 40 px: 31 days → 12.9 px/day;
   * 2 days needs 1.5 × 12.9 = 19 px, 5 days 3.75 × 12.9 = 48 px: 5 days.
   * Days of month 1, 6, ..., 26, 31: 31 Oct is dropped (1 day before
   * 1 Nov, under ¾ of 5). */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("2015-10-20T00:00:00Z"),
                                                 iso ("2015-11-20T00:00:00Z"), 400, 40);
  const Expected e[] = {
    { "2015-10-21T00:00:00Z", "2015-10-21", NULL },
    { "2015-10-26T00:00:00Z", "2015-10-26", NULL },
    { "2015-11-01T00:00:00Z", "2015-11-01", NULL },
    { "2015-11-06T00:00:00Z", "2015-11-06", NULL },
    { "2015-11-11T00:00:00Z", "2015-11-11", NULL },
    { "2015-11-16T00:00:00Z", "2015-11-16", NULL },
  };

  assert_time_ticks (t, e, G_N_ELEMENTS (e));
}

static void
test_time_leap_second_1s (void)
{
  /* 500 px for 5 s (23:59:60 included): 100 px per second */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("2015-06-30T23:59:58Z"),
                                                 iso ("2015-07-01T00:00:02Z"), 500, 80);
  const Expected e[] = {
    { "2015-06-30T23:59:58Z", "23:59:58", "2015-06-30" },
    { "2015-06-30T23:59:59Z", "23:59:59", NULL },
    { "2015-06-30T23:59:60Z", "23:59:60", NULL },
    { "2015-07-01T00:00:00Z", "00:00:00", "2015-07-01" },
    { "2015-07-01T00:00:01Z", "00:00:01", NULL },
    { "2015-07-01T00:00:02Z", "00:00:02", NULL },
  };

  assert_time_ticks (t, e, G_N_ELEMENTS (e));
  g_assert_cmpint (iso ("2015-07-01T00:00:02Z") - iso ("2015-06-30T23:59:58Z"),
                   ==, 5 * CUSP_NS_PER_SECOND);
}

static void
test_time_leap_second_10s (void)
{
  /* 610 px for 61 s: 10 px/s, 80 px → 10 s; no tick at second 60 */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("2015-06-30T23:59:30Z"),
                                                 iso ("2015-07-01T00:00:30Z"), 610, 80);
  const Expected e[] = {
    { "2015-06-30T23:59:30Z", "23:59:30", "2015-06-30" },
    { "2015-06-30T23:59:40Z", "23:59:40", NULL },
    { "2015-06-30T23:59:50Z", "23:59:50", NULL },
    { "2015-07-01T00:00:00Z", "00:00:00", "2015-07-01" },
    { "2015-07-01T00:00:10Z", "00:00:10", NULL },
    { "2015-07-01T00:00:20Z", "00:00:20", NULL },
    { "2015-07-01T00:00:30Z", "00:00:30", NULL },
  };

  assert_time_ticks (t, e, G_N_ELEMENTS (e));
}

static void
test_time_leap_second_minutes (void)
{
  /* 301 s on 600 px: 2 px/s, 100 px → 1 min */
  g_autoptr(GArray) t = cusp_time_ticks_compute (iso ("2015-06-30T23:57:00Z"),
                                                 iso ("2015-07-01T00:02:00Z"), 600, 100);
  const Expected e[] = {
    { "2015-06-30T23:57:00Z", "23:57", "2015-06-30" },
    { "2015-06-30T23:58:00Z", "23:58", NULL },
    { "2015-06-30T23:59:00Z", "23:59", NULL },
    { "2015-07-01T00:00:00Z", "00:00", "2015-07-01" },
    { "2015-07-01T00:01:00Z", "00:01", NULL },
    { "2015-07-01T00:02:00Z", "00:02", NULL },
  };
  CuspTime a = 0, b = 0;

  assert_time_ticks (t, e, G_N_ELEMENTS (e));
  for (guint i = 0; i < t->len; i++)
    {
      CuspTimeTick *tick = &g_array_index (t, CuspTimeTick, i);

      if (g_strcmp0 (tick->label, "23:59") == 0)
        a = tick->t;
      if (g_strcmp0 (tick->label, "00:00") == 0)
        b = tick->t;
    }
  g_assert_cmpint (b - a, ==, 61 * CUSP_NS_PER_SECOND);
}

static void
test_time_edge_cases (void)
{
  g_autoptr(GArray) empty = cusp_time_ticks_compute (100, 100, 500, 50);
  g_autoptr(GArray) reversed = cusp_time_ticks_compute (200, 100, 500, 50);
  g_autoptr(GArray) no_width = cusp_time_ticks_compute (0, 100, 0, 50);
  /* a 1 ns range over 1000 px: the finest step, 1 ns, both ends */
  g_autoptr(GArray) tiny = cusp_time_ticks_compute (iso ("2015-10-16T00:00:00Z"),
                                                    iso ("2015-10-16T00:00:00.000000001Z"),
                                                    1000, 50);

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (reversed->len, ==, 0);
  g_assert_cmpuint (no_width->len, ==, 0);
  g_assert_cmpuint (tiny->len, ==, 2);
  g_assert_cmpstr (g_array_index (tiny, CuspTimeTick, 1).label, ==, "00:00:00.000000001");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/axis-ticks/linear-basic", test_linear_basic);
  g_test_add_func ("/cusp/axis-ticks/linear-negative-zero", test_linear_negative_zero);
  g_test_add_func ("/cusp/axis-ticks/linear-scientific", test_linear_scientific);
  g_test_add_func ("/cusp/axis-ticks/linear-edge-cases", test_linear_edge_cases);
  g_test_add_func ("/cusp/axis-ticks/format-value", test_format_value);
  g_test_add_func ("/cusp/axis-ticks/log-decades", test_log_decades);
  g_test_add_func ("/cusp/axis-ticks/log-stride", test_log_stride);
  g_test_add_func ("/cusp/axis-ticks/log-partial-and-fallback", test_log_partial_and_fallback);
  g_test_add_func ("/cusp/axis-ticks/time-day", test_time_day);
  g_test_add_func ("/cusp/axis-ticks/time-hour", test_time_hour);
  g_test_add_func ("/cusp/axis-ticks/time-10s", test_time_10s);
  g_test_add_func ("/cusp/axis-ticks/time-1ms", test_time_1ms);
  g_test_add_func ("/cusp/axis-ticks/time-1ms-step", test_time_1ms_step);
  g_test_add_func ("/cusp/axis-ticks/time-1us", test_time_1us);
  g_test_add_func ("/cusp/axis-ticks/time-30ns", test_time_30ns);
  g_test_add_func ("/cusp/axis-ticks/time-3-years", test_time_3_years);
  g_test_add_func ("/cusp/axis-ticks/time-200-years", test_time_200_years);
  g_test_add_func ("/cusp/axis-ticks/time-days-month-end", test_time_days_month_end);
  g_test_add_func ("/cusp/axis-ticks/time-leap-second-1s", test_time_leap_second_1s);
  g_test_add_func ("/cusp/axis-ticks/time-leap-second-10s", test_time_leap_second_10s);
  g_test_add_func ("/cusp/axis-ticks/time-leap-second-minutes", test_time_leap_second_minutes);
  g_test_add_func ("/cusp/axis-ticks/time-edge-cases", test_time_edge_cases);

  return g_test_run ();
}
