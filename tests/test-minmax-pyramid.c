#include "config.h"

#include <math.h>
#include <string.h>

#include "cusp-minmax-pyramid.h"

/* The reference: a plain scan of the samples of each column, with column
 * edges computed in 128-bit arithmetic straight from the documented rule
 * edge(c) = t0 + floor(c·(t1-t0)/width). */

static CuspTime
ref_edge (CuspTime t0,
          CuspTime t1,
          guint    width,
          guint    c)
{
  __int128 span = (__int128) t1 - (__int128) t0;

  return (CuspTime) ((__int128) t0 + span * c / width);
}

static void
ref_stats (const double    *v,
           gsize            a,
           gsize            b,
           CuspColumnStats *out)
{
  gsize imin = 0, imax = 0;
  gboolean seen_finite = FALSE, nonfinite_after = FALSE;

  memset (out, 0, sizeof *out);
  out->min = out->max = out->first = out->last = NAN;
  for (gsize i = a; i < b; i++)
    {
      if (!isfinite (v[i]))
        {
          if (!seen_finite)
            out->gap_before = TRUE;
          nonfinite_after = TRUE;
          continue;
        }
      if (!seen_finite)
        {
          out->first = out->min = out->max = v[i];
          imin = imax = i;
          seen_finite = TRUE;
        }
      if (v[i] < out->min)
        {
          out->min = v[i];
          imin = i;
        }
      if (v[i] > out->max)
        {
          out->max = v[i];
          imax = i;
        }
      out->last = v[i];
      out->count++;
      nonfinite_after = FALSE;
    }
  out->gap_after = nonfinite_after;
  out->min_first = seen_finite && imin <= imax;
}

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static void
assert_same_stats (const CuspColumnStats *got,
                   const CuspColumnStats *want,
                   const char            *where)
{
  if (!same_double (got->min, want->min) || !same_double (got->max, want->max)
      || !same_double (got->first, want->first) || !same_double (got->last, want->last)
      || got->count != want->count || got->gap_before != want->gap_before
      || got->gap_after != want->gap_after
      || (want->count > 0 && got->min_first != want->min_first))
    g_error ("%s: got min %g max %g first %g last %g count %u mf %u gb %u ga %u; "
             "want min %g max %g first %g last %g count %u mf %u gb %u ga %u",
             where, got->min, got->max, got->first, got->last, got->count,
             got->min_first, got->gap_before, got->gap_after,
             want->min, want->max, want->first, want->last, want->count,
             want->min_first, want->gap_before, want->gap_after);
}

static void
check_query (CuspMinmaxPyramid *pyr,
             const CuspTime    *times,
             const double      *values,
             gsize              n,
             CuspTime           t0,
             CuspTime           t1,
             guint              width)
{
  g_autofree CuspColumnStats *got = g_new0 (CuspColumnStats, width);
  gsize i = 0;

  cusp_minmax_pyramid_query (pyr, t0, t1, width, got);

  while (i < n && times[i] < t0)
    i++;
  for (guint c = 0; c < width; c++)
    {
      CuspColumnStats want;
      CuspTime hi = t1 > t0 ? ref_edge (t0, t1, width, c + 1) : t0;
      gsize a = i;
      char where[128];

      while (i < n && times[i] < hi)
        i++;
      ref_stats (values, a, i, &want);
      g_snprintf (where, sizeof where, "n=%" G_GSIZE_FORMAT " width=%u column %u",
                  n, width, c);
      assert_same_stats (&got[c], &want, where);
    }
}

/* Strictly increasing times with irregular steps and a few large holes;
 * values a random walk with NaN runs, isolated NaN/Inf and repeated
 * values (ties decide min_first). */
static void
make_data (gsize      n,
           CuspTime **times_out,
           double   **values_out)
{
  CuspTime *times = g_new (CuspTime, MAX (n, 1));
  double *values = g_new (double, MAX (n, 1));
  CuspTime t = -5 * CUSP_NS_PER_SECOND;
  double y = 0;

  for (gsize i = 0; i < n; i++)
    {
      double u = g_test_rand_double ();

      t += g_test_rand_int_range (1, 1000);
      if (u < 0.001)
        t += g_test_rand_int_range (1, 1000000);
      times[i] = t;

      y += g_test_rand_double_range (-1, 1);
      if (u < 0.05)
        y = floor (y);  /* ties */
      values[i] = y;
      if (u > 0.995)
        {
          gsize run = g_test_rand_int_range (1, 300);

          for (gsize k = 0; k < run && i < n; k++, i++)
            {
              t += g_test_rand_int_range (1, 1000);
              times[i] = t;
              values[i] = NAN;
            }
          i--;
        }
      else if (u > 0.99)
        values[i] = NAN;
      else if (u > 0.989)
        values[i] = u > 0.9895 ? INFINITY : -INFINITY;
    }

  *times_out = times;
  *values_out = values;
}

static CuspTime
random_time_around (const CuspTime *times,
                    gsize           n)
{
  double u = g_test_rand_double ();

  if (n == 0)
    return g_test_rand_int_range (-1000, 1000);
  if (u < 0.4)   /* exactly on a sample time */
    return times[g_test_rand_int_range (0, n)];
  if (u < 0.5)   /* outside the data */
    return u < 0.45 ? times[0] - g_test_rand_int_range (1, 100000)
                    : times[n - 1] + g_test_rand_int_range (1, 100000);
  return times[0] + (CuspTime) ((times[n - 1] - times[0] + 1) * g_test_rand_double ());
}

static void
test_random_vs_brute_force (void)
{
  static const gsize sizes[] = { 0, 1, 2, 63, 64, 65, 127, 128, 129, 200, 1000, 4096, 100000 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gsize n = sizes[s];
      g_autofree CuspTime *times = NULL;
      g_autofree double *values = NULL;
      g_autoptr(CuspMinmaxPyramid) pyr = NULL;
      guint widths[] = { 1, 2, 7, 1920, (guint) n + 5 };
      guint n_ranges = n > 10000 ? 12 : 40;

      make_data (n, &times, &values);
      pyr = cusp_minmax_pyramid_new (times, values, n);
      g_assert_cmpuint (cusp_minmax_pyramid_get_n_samples (pyr), ==, n);

      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        for (guint r = 0; r < n_ranges; r++)
          {
            CuspTime a = random_time_around (times, n);
            CuspTime b = random_time_around (times, n);

            check_query (pyr, times, values, n, MIN (a, b), MAX (a, b) + (r % 2), widths[w]);
          }

      if (n > 0)
        {
          /* the whole data, and a range ending exactly on the last sample
           * (which it must exclude) */
          check_query (pyr, times, values, n, times[0], times[n - 1] + 1, 1920);
          check_query (pyr, times, values, n, times[0], times[n - 1], 7);
        }
    }
}

/* Values from {0, 1, 2, 3}: ties everywhere, so which of two equal
 * extremes counts as "first" (min_first) is exercised across node
 * boundaries. */
static void
test_ties_vs_brute_force (void)
{
  gsize n = 20000;
  g_autofree CuspTime *times = g_new (CuspTime, n);
  g_autofree double *values = g_new (double, n);
  g_autoptr(CuspMinmaxPyramid) pyr = NULL;
  static const guint widths[] = { 1, 2, 3, 7, 50, 1920 };

  for (gsize i = 0; i < n; i++)
    {
      times[i] = (CuspTime) i * 3;
      values[i] = g_test_rand_int_range (0, 50) == 0 ? NAN : g_test_rand_int_range (0, 4);
    }
  pyr = cusp_minmax_pyramid_new (times, values, n);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint r = 0; r < 30; r++)
      {
        CuspTime a = random_time_around (times, n);
        CuspTime b = random_time_around (times, n);

        check_query (pyr, times, values, n, MIN (a, b), MAX (a, b) + 1, widths[w]);
      }
}

static void
test_range_stats (void)
{
  gsize n = 50000;
  g_autofree CuspTime *times = NULL;
  g_autofree double *values = NULL;
  g_autoptr(CuspMinmaxPyramid) pyr = NULL;

  make_data (n, &times, &values);
  pyr = cusp_minmax_pyramid_new (times, values, n);

  for (guint r = 0; r < 2000; r++)
    {
      gsize a = g_test_rand_int_range (0, n + 1);
      gsize b = g_test_rand_int_range (0, n + 1);
      CuspColumnStats got, want;

      if (a > b)
        {
          gsize tmp = a;
          a = b;
          b = tmp;
        }
      cusp_minmax_pyramid_range_stats (pyr, a, b, &got);
      ref_stats (values, a, b, &want);
      assert_same_stats (&got, &want, "range_stats");
    }

  {
    CuspColumnStats got, want;

    /* clamped to the data */
    cusp_minmax_pyramid_range_stats (pyr, 10, n + 1000, &got);
    ref_stats (values, 10, n, &want);
    assert_same_stats (&got, &want, "clamped");
  }
}

static void
test_empty_input (void)
{
  g_autoptr(CuspMinmaxPyramid) pyr = cusp_minmax_pyramid_new (NULL, NULL, 0);
  CuspColumnStats cols[3];

  cusp_minmax_pyramid_query (pyr, 0, 100, 3, cols);
  for (guint c = 0; c < 3; c++)
    {
      g_assert_cmpuint (cols[c].count, ==, 0);
      g_assert_true (isnan (cols[c].min) && isnan (cols[c].max));
      g_assert_true (isnan (cols[c].first) && isnan (cols[c].last));
      g_assert_false (cols[c].gap_before || cols[c].gap_after);
    }
}

static void
test_single_sample (void)
{
  CuspTime t = 1000;
  double v = -2.5;
  g_autoptr(CuspMinmaxPyramid) pyr = cusp_minmax_pyramid_new (&t, &v, 1);
  CuspColumnStats cols[4];

  /* columns [0,500) [500,1000) [1000,1500) [1500,2000) */
  cusp_minmax_pyramid_query (pyr, 0, 2000, 4, cols);
  g_assert_cmpuint (cols[0].count, ==, 0);
  g_assert_cmpuint (cols[1].count, ==, 0);
  g_assert_cmpuint (cols[2].count, ==, 1);
  g_assert_cmpfloat (cols[2].min, ==, -2.5);
  g_assert_cmpfloat (cols[2].max, ==, -2.5);
  g_assert_cmpfloat (cols[2].first, ==, -2.5);
  g_assert_cmpfloat (cols[2].last, ==, -2.5);
  g_assert_true (cols[2].min_first);
  g_assert_cmpuint (cols[3].count, ==, 0);

  /* [0, 1000) ends exactly on the sample: excluded */
  cusp_minmax_pyramid_query (pyr, 0, 1000, 1, cols);
  g_assert_cmpuint (cols[0].count, ==, 0);
  /* [1000, 1001) starts on it */
  cusp_minmax_pyramid_query (pyr, 1000, 1001, 1, cols);
  g_assert_cmpuint (cols[0].count, ==, 1);
  /* reversed and empty ranges give empty columns */
  cusp_minmax_pyramid_query (pyr, 2000, 0, 2, cols);
  g_assert_cmpuint (cols[0].count + cols[1].count, ==, 0);
  cusp_minmax_pyramid_query (pyr, 1000, 1000, 1, cols);
  g_assert_cmpuint (cols[0].count, ==, 0);
}

static void
test_all_nan (void)
{
  gsize n = 1000;
  g_autofree CuspTime *times = g_new (CuspTime, n);
  g_autofree double *values = g_new (double, n);
  g_autoptr(CuspMinmaxPyramid) pyr = NULL;
  CuspColumnStats cols[2];

  for (gsize i = 0; i < n; i++)
    {
      times[i] = (CuspTime) i * 10;
      values[i] = NAN;
    }
  pyr = cusp_minmax_pyramid_new (times, values, n);

  /* [0, 5000) holds samples 0..499; [5000, 20000) the rest */
  cusp_minmax_pyramid_query (pyr, 0, 20000, 1, cols);
  g_assert_cmpuint (cols[0].count, ==, 0);
  g_assert_true (isnan (cols[0].min) && isnan (cols[0].max));
  g_assert_true (cols[0].gap_before && cols[0].gap_after);

  /* beyond the data: no samples at all, so no gap either */
  cusp_minmax_pyramid_query (pyr, 20000, 30000, 2, cols);
  g_assert_cmpuint (cols[0].count, ==, 0);
  g_assert_false (cols[0].gap_before || cols[0].gap_after);
}

static void
test_constant (void)
{
  CuspTime times[1000];
  double values[1000];
  g_autoptr(CuspMinmaxPyramid) pyr = NULL;
  CuspColumnStats col;

  for (guint i = 0; i < 1000; i++)
    {
      times[i] = i;
      values[i] = 5;
    }
  pyr = cusp_minmax_pyramid_new (times, values, 1000);
  cusp_minmax_pyramid_query (pyr, 0, 1000, 1, &col);
  g_assert_cmpuint (col.count, ==, 1000);
  g_assert_cmpfloat (col.min, ==, 5);
  g_assert_cmpfloat (col.max, ==, 5);
  /* min == max: documented as min_first */
  g_assert_true (col.min_first);
}

static void
test_nan_edges (void)
{
  /* 200 samples at t = i; NaN at 0..9 and 150..199, finite i·1.0 elsewhere
   * except a minimum of -7 at 100 and the maximum at 149. */
  CuspTime times[200];
  double values[200];
  g_autoptr(CuspMinmaxPyramid) pyr = NULL;
  CuspColumnStats col;

  for (guint i = 0; i < 200; i++)
    {
      times[i] = i;
      values[i] = (i < 10 || i >= 150) ? NAN : i;
    }
  values[100] = -7;
  pyr = cusp_minmax_pyramid_new (times, values, 200);

  cusp_minmax_pyramid_query (pyr, 0, 200, 1, &col);
  g_assert_cmpuint (col.count, ==, 140);
  g_assert_cmpfloat (col.first, ==, 10);
  g_assert_cmpfloat (col.last, ==, 149);
  g_assert_cmpfloat (col.min, ==, -7);
  g_assert_cmpfloat (col.max, ==, 149);
  g_assert_true (col.min_first);   /* -7 at 100 before 149 at 149 */
  g_assert_true (col.gap_before);
  g_assert_true (col.gap_after);

  cusp_minmax_pyramid_query (pyr, 10, 150, 1, &col);
  g_assert_cmpuint (col.count, ==, 140);
  g_assert_false (col.gap_before || col.gap_after);
}

static void
test_spike (void)
{
  gsize n = 1000000, spike = 654321;
  g_autofree CuspTime *times = g_new (CuspTime, n);
  g_autofree double *values = g_new (double, n);
  g_autoptr(CuspMinmaxPyramid) pyr = NULL;
  g_autofree CuspColumnStats *cols = g_new (CuspColumnStats, 1920);
  CuspTime t0 = 7 * CUSP_NS_PER_SECOND;

  for (gsize i = 0; i < n; i++)
    {
      times[i] = t0 + (CuspTime) i * 1000;
      values[i] = sin (i * 0.001) * 0.5 + g_test_rand_double_range (-0.5, 0.5);
    }
  values[spike] = 1000;
  pyr = cusp_minmax_pyramid_new (times, values, n);

  /* 1000 columns of exactly 1 ms = 1000 samples: the spike at
   * 654321 µs falls in column 654. */
  cusp_minmax_pyramid_query (pyr, t0, t0 + CUSP_NS_PER_SECOND, 1000, cols);
  for (guint c = 0; c < 1000; c++)
    {
      g_assert_cmpuint (cols[c].count, ==, 1000);
      if (c == 654)
        g_assert_cmpfloat (cols[c].max, ==, 1000);
      else
        g_assert_cmpfloat (cols[c].max, <=, 1);
    }

  /* 1920 columns: edge(c) = floor(c·1e9/1920) ns; 654321000 ns lies in
   * [654166666, 654687500), column 1256. */
  cusp_minmax_pyramid_query (pyr, t0, t0 + CUSP_NS_PER_SECOND, 1920, cols);
  for (guint c = 0; c < 1920; c++)
    {
      if (c == 1256)
        g_assert_cmpfloat (cols[c].max, ==, 1000);
      else
        g_assert_cmpfloat (cols[c].max, <=, 1);
    }
}

static void
test_memory_ratio (void)
{
  gsize n = 1000000;
  g_autofree CuspTime *times = g_new (CuspTime, n);
  g_autofree double *values = g_new (double, n);
  g_autoptr(CuspMinmaxPyramid) pyr = NULL;
  double raw, ratio;

  for (gsize i = 0; i < n; i++)
    {
      times[i] = (CuspTime) i;
      values[i] = (double) (i % 977);
    }
  pyr = cusp_minmax_pyramid_new (times, values, n);

  /* 15625 leaves of 64 samples; the levels hold 15625 + 7812 + 3906 +
   * 1953 + 976 + 488 + 244 + 122 + 61 + 30 + 15 + 7 + 3 + 1 = 31243 nodes
   * of 16 bytes (two doubles), plus 15626 cumulative non-finite counts of
   * 4 bytes: 562 392 bytes (and a small header) against 16 MB raw. */
  raw = 16.0 * n;
  ratio = cusp_minmax_pyramid_get_memory_size (pyr) / raw;
  g_assert_cmpfloat (ratio, <=, 0.10);
  g_assert_cmpuint (cusp_minmax_pyramid_get_memory_size (pyr), >=, 562392);
  g_assert_cmpuint (cusp_minmax_pyramid_get_memory_size (pyr), <=, 562392 + 4096);
}

/* Column edges as sample indices, straight from the documented rule. */
static void
ref_bounds (const CuspTime *times,
            gsize           n,
            CuspTime        t0,
            CuspTime        t1,
            guint           width,
            gsize          *bounds)
{
  for (guint c = 0; c <= width; c++)
    {
      CuspTime edge = t1 > t0 ? ref_edge (t0, t1, width, c) : t0;
      gsize i = 0;

      while (i < n && times[i] < edge)
        i++;
      bounds[c] = i;
    }
}

static void
check_bounds (CuspMinmaxPyramid *pyr,
              const CuspTime    *times,
              const double      *values,
              gsize              n,
              CuspTime           t0,
              CuspTime           t1,
              guint              width)
{
  g_autofree gsize *got = g_new (gsize, width + 1);
  g_autofree gsize *want = g_new (gsize, width + 1);
  g_autofree CuspColumnStats *by_bounds = g_new0 (CuspColumnStats, width);
  g_autofree CuspColumnStats *by_time = g_new0 (CuspColumnStats, width);

  cusp_minmax_pyramid_column_bounds (times, n, t0, t1, width, got);
  ref_bounds (times, n, t0, t1, width, want);
  if (t1 > t0)
    for (guint c = 0; c <= width; c++)
      g_assert_cmpuint (got[c], ==, want[c]);
  else
    for (guint c = 0; c < width; c++)
      g_assert_cmpuint (got[c], ==, got[c + 1]);   /* every column empty */

  /* the shared-bounds query answers exactly as the per-time query */
  cusp_minmax_pyramid_query_bounds (pyr, got, width, by_bounds);
  cusp_minmax_pyramid_query (pyr, t0, t1, width, by_time);
  for (guint c = 0; c < width; c++)
    {
      CuspColumnStats ref;
      char where[96];

      g_snprintf (where, sizeof where, "bounds n=%" G_GSIZE_FORMAT " width=%u column %u",
                  n, width, c);
      assert_same_stats (&by_bounds[c], &by_time[c], where);
      ref_stats (values, MIN (got[c], n), MIN (got[c + 1], n), &ref);
      assert_same_stats (&by_bounds[c], &ref, where);
    }
}

/* Data with long NaN runs (many whole blocks) and NaN at both ends, so
 * first/last finite samples are found by skipping non-finite blocks. */
static void
make_long_gaps (gsize      n,
                CuspTime **times_out,
                double   **values_out)
{
  CuspTime *times = g_new (CuspTime, MAX (n, 1));
  double *values = g_new (double, MAX (n, 1));
  double y = 0;

  for (gsize i = 0; i < n; i++)
    {
      times[i] = 1000 + (CuspTime) i * 10 + g_test_rand_int_range (0, 5);
      y += g_test_rand_double_range (-1, 1);
      values[i] = y;
    }
  for (guint r = 0; r < 12 && n > 0; r++)
    {
      gsize start = g_test_rand_int_range (0, n);
      gsize len = g_test_rand_int_range (1, 6000);

      for (gsize i = start; i < MIN (start + len, n); i++)
        values[i] = r % 3 == 0 ? INFINITY : NAN;
    }
  for (gsize i = 0; i < MIN (n, 700); i++)
    values[i] = NAN;
  for (gsize i = n > 900 ? n - 900 : 0; i < n; i++)
    values[i] = NAN;

  *times_out = times;
  *values_out = values;
}

static void
test_column_bounds (void)
{
  static const gsize sizes[] = { 0, 1, 65, 1000, 50000 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint kind = 0; kind < 2; kind++)
      {
        gsize n = sizes[s];
        g_autofree CuspTime *times = NULL;
        g_autofree double *values = NULL;
        g_autoptr(CuspMinmaxPyramid) pyr = NULL;
        static const guint widths[] = { 1, 3, 640, 1920 };

        if (kind == 0)
          make_data (n, &times, &values);
        else
          make_long_gaps (n, &times, &values);
        pyr = cusp_minmax_pyramid_new (times, values, n);
        for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
          for (guint r = 0; r < 8; r++)
            {
              CuspTime a = random_time_around (times, n);
              CuspTime b = random_time_around (times, n);

              check_bounds (pyr, times, values, n, MIN (a, b), MAX (a, b) + 1, widths[w]);
              if (r == 0)
                check_bounds (pyr, times, values, n, MAX (a, b), MIN (a, b), widths[w]);
            }
        if (n > 0)
          check_bounds (pyr, times, values, n, times[0], times[n - 1] + 1, 1920);
      }
}

/* Any non-decreasing index ranges, also past the data (clamped). */
static void
test_query_bounds_arbitrary (void)
{
  gsize n = 30000;
  g_autofree CuspTime *times = NULL;
  g_autofree double *values = NULL;
  g_autoptr(CuspMinmaxPyramid) pyr = NULL;
  gsize bounds[65];
  CuspColumnStats got[64];

  make_long_gaps (n, &times, &values);
  pyr = cusp_minmax_pyramid_new (times, values, n);
  for (guint r = 0; r < 200; r++)
    {
      guint width = g_test_rand_int_range (1, 65);

      bounds[0] = g_test_rand_int_range (0, n + 100);
      for (guint c = 1; c <= width; c++)
        bounds[c] = bounds[c - 1] + (g_test_rand_bit () ? g_test_rand_int_range (0, 130)
                                                         : g_test_rand_int_range (0, 3000));
      cusp_minmax_pyramid_query_bounds (pyr, bounds, width, got);
      for (guint c = 0; c < width; c++)
        {
          CuspColumnStats want;

          ref_stats (values, MIN (bounds[c], n), MIN (bounds[c + 1], n), &want);
          assert_same_stats (&got[c], &want, "arbitrary bounds");
        }
    }
}

/* No NaN at all: every block takes the fast path, where the order of
 * min and max comes from quarters of the block (ties from a small value
 * set put equal extremes in several quarters).  Noise clipped at 0 ties
 * one extreme across blocks but not the other, so whether a ragged column
 * end or the whole blocks next to it hold the first min (max) decides
 * min_first. */
static void
test_finite_vs_brute_force (void)
{
  gsize n = 40000;
  g_autofree CuspTime *times = g_new (CuspTime, n);
  g_autofree double *values = g_new (double, n);
  static const guint widths[] = { 1, 2, 5, 97, 1920 };

  for (guint kind = 0; kind < 5; kind++)
    {
      g_autoptr(CuspMinmaxPyramid) pyr = NULL;
      double y = 0;

      for (gsize i = 0; i < n; i++)
        {
          times[i] = (CuspTime) i * 4;
          if (kind == 0)
            values[i] = g_test_rand_int_range (0, 3);   /* ties everywhere */
          else if (kind == 1)
            values[i] = y += g_test_rand_double_range (-1, 1);
          else if (kind == 2)
            values[i] = (i / 37) % 2 ? 1.0 : g_test_rand_int_range (-2, 3);
          else
            {
              double u = g_test_rand_double_range (-1, 1);

              values[i] = kind == 3 ? MAX (u, 0.0) : MIN (u, 0.0);
            }
        }
      pyr = cusp_minmax_pyramid_new (times, values, n);
      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        for (guint r = 0; r < 12; r++)
          {
            CuspTime a = random_time_around (times, n);
            CuspTime b = random_time_around (times, n);

            check_query (pyr, times, values, n, MIN (a, b), MAX (a, b) + 1, widths[w]);
          }
      for (guint r = 0; r < 300; r++)
        {
          gsize a = g_test_rand_int_range (0, n + 1);
          gsize b = g_test_rand_int_range (0, n + 1);
          CuspColumnStats got, want;

          cusp_minmax_pyramid_range_stats (pyr, MIN (a, b), MAX (a, b), &got);
          ref_stats (values, MIN (a, b), MAX (a, b), &want);
          assert_same_stats (&got, &want, "finite range_stats");
        }
    }
}

static void
test_long_gaps_vs_brute_force (void)
{
  gsize n = 60000;
  g_autofree CuspTime *times = NULL;
  g_autofree double *values = NULL;
  g_autoptr(CuspMinmaxPyramid) pyr = NULL;
  static const guint widths[] = { 1, 4, 33, 1920 };

  make_long_gaps (n, &times, &values);
  pyr = cusp_minmax_pyramid_new (times, values, n);
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint r = 0; r < 15; r++)
      {
        CuspTime a = random_time_around (times, n);
        CuspTime b = random_time_around (times, n);

        check_query (pyr, times, values, n, MIN (a, b), MAX (a, b) + 1, widths[w]);
      }
  check_query (pyr, times, values, n, times[0], times[n - 1] + 1, 7);
}

static int destroyed;

static void
count_destroy (gpointer data)
{
  g_assert_true (data == &destroyed);
  destroyed++;
}

static void
test_owner (void)
{
  CuspTime t[2] = { 1, 2 };
  double v[2] = { 3, 4 };
  CuspMinmaxPyramid *pyr;

  destroyed = 0;
  pyr = cusp_minmax_pyramid_new_full (t, v, 2, &destroyed, count_destroy);
  cusp_minmax_pyramid_ref (pyr);
  cusp_minmax_pyramid_unref (pyr);
  g_assert_cmpint (destroyed, ==, 0);
  cusp_minmax_pyramid_unref (pyr);
  g_assert_cmpint (destroyed, ==, 1);
}

static CuspColumnStats
col_make (guint  count,
          double first,
          double min,
          double max,
          double last,
          guint  min_first,
          guint  gap_before,
          guint  gap_after)
{
  CuspColumnStats c = { min, max, first, last, count, min_first, gap_before, gap_after };

  return c;
}

static void
assert_vertex (const double *xs,
               const double *ys,
               guint         k,
               double        x,
               double        y)
{
  if (isnan (x))
    {
      g_assert_true (isnan (xs[k]));
      g_assert_true (isnan (ys[k]));
      return;
    }
  g_assert_cmpfloat (xs[k], ==, x);
  g_assert_cmpfloat (ys[k], ==, y);
}

static void
test_polyline (void)
{
  CuspColumnStats cols[8];
  double xs[CUSP_MINMAX_POLYLINE_MAX_VERTICES (8)];
  double ys[CUSP_MINMAX_POLYLINE_MAX_VERTICES (8)];
  guint k;

  cols[0] = col_make (0, NAN, NAN, NAN, NAN, 0, 0, 0);  /* no samples */
  cols[1] = col_make (1, 3, 3, 3, 3, 1, 0, 0);          /* one sample */
  cols[2] = col_make (4, 1, 0, 5, 2, 1, 0, 0);          /* min then max */
  cols[3] = col_make (0, NAN, NAN, NAN, NAN, 0, 1, 1);  /* only NaN: break */
  cols[4] = col_make (2, 4, 4, 4, 4, 1, 0, 0);          /* flat */
  cols[5] = col_make (0, NAN, NAN, NAN, NAN, 0, 0, 0);  /* joined across */
  cols[6] = col_make (5, 6, 1, 9, 9, 0, 0, 1);          /* max then min; NaN after */
  cols[7] = col_make (3, 1, 1, 8, 2, 1, 0, 0);          /* first is the min */

  k = cusp_minmax_pyramid_to_polyline (cols, 8, xs, ys);

  g_assert_cmpuint (k, ==, 16);
  assert_vertex (xs, ys, 0, 1.5, 3);
  assert_vertex (xs, ys, 1, 2.25, 1);
  assert_vertex (xs, ys, 2, 2.5, 0);
  assert_vertex (xs, ys, 3, 2.5, 5);
  assert_vertex (xs, ys, 4, 2.75, 2);
  assert_vertex (xs, ys, 5, NAN, NAN);
  assert_vertex (xs, ys, 6, 4.25, 4);
  assert_vertex (xs, ys, 7, 4.75, 4);
  assert_vertex (xs, ys, 8, 6.25, 6);
  assert_vertex (xs, ys, 9, 6.5, 9);
  assert_vertex (xs, ys, 10, 6.5, 1);
  assert_vertex (xs, ys, 11, 6.75, 9);
  assert_vertex (xs, ys, 12, NAN, NAN);
  assert_vertex (xs, ys, 13, 7.25, 1);
  assert_vertex (xs, ys, 14, 7.5, 8);
  assert_vertex (xs, ys, 15, 7.75, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/cusp/minmax-pyramid/random-vs-brute-force", test_random_vs_brute_force);
  g_test_add_func ("/cusp/minmax-pyramid/ties-vs-brute-force", test_ties_vs_brute_force);
  g_test_add_func ("/cusp/minmax-pyramid/range-stats", test_range_stats);
  g_test_add_func ("/cusp/minmax-pyramid/empty-input", test_empty_input);
  g_test_add_func ("/cusp/minmax-pyramid/single-sample", test_single_sample);
  g_test_add_func ("/cusp/minmax-pyramid/all-nan", test_all_nan);
  g_test_add_func ("/cusp/minmax-pyramid/constant", test_constant);
  g_test_add_func ("/cusp/minmax-pyramid/nan-edges", test_nan_edges);
  g_test_add_func ("/cusp/minmax-pyramid/spike", test_spike);
  g_test_add_func ("/cusp/minmax-pyramid/memory-ratio", test_memory_ratio);
  g_test_add_func ("/cusp/minmax-pyramid/owner", test_owner);
  g_test_add_func ("/cusp/minmax-pyramid/polyline", test_polyline);
  g_test_add_func ("/cusp/minmax-pyramid/column-bounds", test_column_bounds);
  g_test_add_func ("/cusp/minmax-pyramid/query-bounds-arbitrary", test_query_bounds_arbitrary);
  g_test_add_func ("/cusp/minmax-pyramid/finite-vs-brute-force", test_finite_vs_brute_force);
  g_test_add_func ("/cusp/minmax-pyramid/long-gaps-vs-brute-force", test_long_gaps_vs_brute_force);

  return g_test_run ();
}
