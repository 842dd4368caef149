#include "config.h"

#include <math.h>
#include <string.h>

#include "cusp-plot-transform.h"
#include "cusp-spectrogram-resample.h"

static void
test_axis_linear (void)
{
  CuspAxisTransform t;

  /* 0..10 drawn from pixel 100 (bottom) up to pixel 0. */
  g_assert_true (cusp_axis_transform_init (&t, 0, 10, FALSE, 100, 0));
  g_assert_cmpfloat_with_epsilon (cusp_axis_transform_to_pixel (&t, 2.5), 75, 1e-12);
  g_assert_cmpfloat_with_epsilon (cusp_axis_transform_to_pixel (&t, -5), 150, 1e-12);
  g_assert_cmpfloat_with_epsilon (cusp_axis_transform_from_pixel (&t, 75), 2.5, 1e-12);
  g_assert_true (isnan (cusp_axis_transform_to_pixel (&t, NAN)));
}

static void
test_axis_log (void)
{
  CuspAxisTransform t;

  /* Three decades over 300 px: 100 px per decade. */
  g_assert_true (cusp_axis_transform_init (&t, 1, 1000, TRUE, 300, 0));
  g_assert_cmpfloat_with_epsilon (cusp_axis_transform_to_pixel (&t, 10), 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (cusp_axis_transform_to_pixel (&t, 1000), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cusp_axis_transform_from_pixel (&t, 100), 100, 1e-9);
  g_assert_true (isnan (cusp_axis_transform_to_pixel (&t, 0)));
  g_assert_true (isnan (cusp_axis_transform_to_pixel (&t, -1)));
}

static void
test_axis_invalid (void)
{
  CuspAxisTransform t;

  g_assert_false (cusp_axis_transform_init (&t, 5, 5, FALSE, 10, 0));
  g_assert_true (isnan (cusp_axis_transform_to_pixel (&t, 5)));
  g_assert_false (cusp_axis_transform_init (&t, 10, 1, FALSE, 10, 0));
  g_assert_false (cusp_axis_transform_init (&t, 0, 10, TRUE, 10, 0));
  g_assert_false (cusp_axis_transform_init (&t, NAN, 10, FALSE, 10, 0));
}

static void
test_time_x (void)
{
  /* 1 s over 100 px starting at x = 10: 250 ms lands at 35. */
  g_assert_cmpfloat_with_epsilon (cusp_plot_time_to_x (250 * CUSP_NS_PER_MS, 0,
                                                       CUSP_NS_PER_SECOND, 10, 100),
                                  35, 1e-12);
  g_assert_cmpint (cusp_plot_x_to_time (35, 0, CUSP_NS_PER_SECOND, 10, 100), ==,
                   250 * CUSP_NS_PER_MS);
  /* Large absolute times keep nanosecond differences. */
  g_assert_cmpfloat_with_epsilon (cusp_plot_time_to_x (G_GINT64_CONSTANT (500000000000000001),
                                                       G_GINT64_CONSTANT (500000000000000000),
                                                       G_GINT64_CONSTANT (500000000000000004),
                                                       0, 4),
                                  1, 1e-12);
  g_assert_true (isnan (cusp_plot_time_to_x (5, 10, 10, 0, 100)));
}

/* 1 s over 100 px from x = 10: 1 px is 10 ms. */
static void
test_time_span (void)
{
  CuspTime ms = CUSP_NS_PER_MS, s = CUSP_NS_PER_SECOND;
  double a, b, c, d;

  /* 250..500 ms: 35..60 exactly. */
  g_assert_true (cusp_plot_time_span_to_pixels (250 * ms, 500 * ms, 0, s, 10, 100, &a, &b));
  g_assert_cmpfloat (a, ==, 35);
  g_assert_cmpfloat (b, ==, 60);
  /* 254 ms is x 35.4 → 35; 256 ms is 35.6 → 36: edges to the nearest
   * boundary, and a neighbour starting where this one stops shares it. */
  g_assert_true (cusp_plot_time_span_to_pixels (100 * ms, 256 * ms, 0, s, 10, 100, &a, &b));
  g_assert_true (cusp_plot_time_span_to_pixels (256 * ms, 400 * ms, 0, s, 10, 100, &c, &d));
  g_assert_cmpfloat (a, ==, 20);
  g_assert_cmpfloat (b, ==, 36);
  g_assert_cmpfloat (c, ==, 36);
  g_assert_cmpfloat (d, ==, 50);
  g_assert_true (cusp_plot_time_span_to_pixels (100 * ms, 254 * ms, 0, s, 10, 100, &a, &b));
  g_assert_cmpfloat (b, ==, 35);
  /* Clamped to the plot: -1 s..200 ms is 10..30, 900 ms..5 s is 100..110. */
  g_assert_true (cusp_plot_time_span_to_pixels (-s, 200 * ms, 0, s, 10, 100, &a, &b));
  g_assert_cmpfloat (a, ==, 10);
  g_assert_cmpfloat (b, ==, 30);
  g_assert_true (cusp_plot_time_span_to_pixels (900 * ms, 5 * s, 0, s, 10, 100, &a, &b));
  g_assert_cmpfloat (a, ==, 100);
  g_assert_cmpfloat (b, ==, 110);
  /* Outside, narrower than half a pixel (3 ms: 35.0..35.3), empty,
   * reversed, or a degenerate view: nothing. */
  g_assert_false (cusp_plot_time_span_to_pixels (2 * s, 3 * s, 0, s, 10, 100, &a, &b));
  g_assert_false (cusp_plot_time_span_to_pixels (-2 * s, -s, 0, s, 10, 100, &a, &b));
  g_assert_false (cusp_plot_time_span_to_pixels (250 * ms, 253 * ms, 0, s, 10, 100, &a, &b));
  g_assert_false (cusp_plot_time_span_to_pixels (300 * ms, 300 * ms, 0, s, 10, 100, &a, &b));
  g_assert_false (cusp_plot_time_span_to_pixels (400 * ms, 300 * ms, 0, s, 10, 100, &a, &b));
  g_assert_false (cusp_plot_time_span_to_pixels (0, s, s, s, 10, 100, &a, &b));
  g_assert_false (cusp_plot_time_span_to_pixels (0, s, 0, s, 10, 0, &a, &b));
}

static void
test_pad_range (void)
{
  double a, b;

  g_assert_true (cusp_plot_pad_range (0, 10, FALSE, &a, &b));
  g_assert_cmpfloat_with_epsilon (a, -0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (b, 10.5, 1e-12);
  g_assert_true (cusp_plot_pad_range (5, 5, FALSE, &a, &b));
  g_assert_cmpfloat_with_epsilon (a, 4.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (b, 5.5, 1e-12);
  g_assert_true (cusp_plot_pad_range (0, 0, FALSE, &a, &b));
  g_assert_cmpfloat_with_epsilon (a, -1, 1e-12);
  g_assert_cmpfloat_with_epsilon (b, 1, 1e-12);
  /* Two decades, padded by 5 % of two decades = 0.1 decade. */
  g_assert_true (cusp_plot_pad_range (1, 100, TRUE, &a, &b));
  g_assert_cmpfloat_with_epsilon (a, pow (10, -0.1), 1e-12);
  g_assert_cmpfloat_with_epsilon (b, pow (10, 2.1), 1e-9);
  g_assert_true (cusp_plot_pad_range (10, 10, TRUE, &a, &b));
  g_assert_cmpfloat_with_epsilon (a, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (b, 100, 1e-9);
  g_assert_false (cusp_plot_pad_range (NAN, NAN, FALSE, &a, &b));
  g_assert_false (cusp_plot_pad_range (INFINITY, -INFINITY, FALSE, &a, &b));
  g_assert_false (cusp_plot_pad_range (0, 10, TRUE, &a, &b));
}

static void
test_zoom_pan (void)
{
  double a, b;
  CuspTime t0, t1;

  cusp_axis_zoom (0, 10, FALSE, 0.5, 0.5, &a, &b);
  g_assert_cmpfloat_with_epsilon (a, 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (b, 7.5, 1e-12);
  /* Four decades halved about the bottom: two decades. */
  cusp_axis_zoom (1, 1e4, TRUE, 0, 0.5, &a, &b);
  g_assert_cmpfloat_with_epsilon (a, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (b, 100, 1e-9);

  /* 0..1000 s, pivot at 250 s, half the length: 125..625 s. */
  cusp_time_range_zoom (0, 1000 * CUSP_NS_PER_SECOND, 0.25, 0.5, &t0, &t1);
  g_assert_cmpint (t0, ==, 125 * CUSP_NS_PER_SECOND);
  g_assert_cmpint (t1, ==, 625 * CUSP_NS_PER_SECOND);
  /* Never shorter than a microsecond. */
  cusp_time_range_zoom (0, 2000, 0.5, 1e-6, &t0, &t1);
  g_assert_cmpint (t1 - t0, ==, 1000);

  cusp_time_range_pan (0, 100, 0.1, &t0, &t1);
  g_assert_cmpint (t0, ==, 10);
  g_assert_cmpint (t1, ==, 110);
  cusp_time_range_pan (0, 100, -1, &t0, &t1);
  g_assert_cmpint (t0, ==, -100);
  g_assert_cmpint (t1, ==, 0);
}

static void
test_cadence (void)
{
  CuspTime steady[] = { 0, 1, 2, 3, 10, 11 };
  CuspTime dup[] = { 0, 0, 0, 5, 10 };
  CuspTime one[] = { 42 };

  /* Steps 1, 1, 1, 7, 1: the median ignores the gap. */
  g_assert_cmpint (cusp_plot_estimate_cadence (steady, G_N_ELEMENTS (steady)), ==, 1);
  /* Zero steps do not count: 5, 5. */
  g_assert_cmpint (cusp_plot_estimate_cadence (dup, G_N_ELEMENTS (dup)), ==, 5);
  g_assert_cmpint (cusp_plot_estimate_cadence (one, 1), ==, 0);
  g_assert_cmpint (cusp_plot_estimate_cadence (NULL, 0), ==, 0);
}

/* Records at times[i] with two fixed bins whose edges are 0, 1, 2. */
static CuspSpectrogram *
make_two_bin_spectrogram (const CuspTime *times,
                          const double   *values,
                          guint           n)
{
  CuspSpectrogram *spec = cusp_spectrogram_new (n, 2, FALSE);
  double *edges = cusp_spectrogram_alloc_edges (spec);

  spec->bin_centres[0] = 0.5;
  spec->bin_centres[1] = 1.5;
  edges[0] = 0;
  edges[1] = 1;
  edges[2] = 2;
  for (guint i = 0; i < n; i++)
    {
      spec->times[i] = times[i];
      spec->values[2 * i] = values[2 * i];
      spec->values[2 * i + 1] = values[2 * i + 1];
    }
  return spec;
}

#define PX(out, w, r, c) ((out)[(gsize) (r) * (w) + (c)])

static void
test_resample_cells (void)
{
  CuspTime times[] = { 0, 10 };
  double values[] = { 1, 2, 3, NAN };
  g_autoptr (CuspSpectrogram) spec = make_two_bin_spectrogram (times, values, 2);
  CuspAxisTransform y;
  double out[16];

  /* 4×4 px over [0, 20) and y 0..2: record 0 covers [0, 10) = columns 0-1,
   * record 1 (the last) one cadence [10, 20) = columns 2-3; bin 0 is rows
   * 2-3 (bottom), bin 1 rows 0-1. */
  cusp_axis_transform_init (&y, 0, 2, FALSE, 4, 0);
  cusp_spectrogram_resample (spec, 0, 20, 4, &y, 4, CUSP_RESAMPLE_MEAN, out);
  for (guint c = 0; c < 2; c++)
    {
      g_assert_cmpfloat (PX (out, 4, 3, c), ==, 1);
      g_assert_cmpfloat (PX (out, 4, 2, c), ==, 1);
      g_assert_cmpfloat (PX (out, 4, 1, c), ==, 2);
      g_assert_cmpfloat (PX (out, 4, 0, c), ==, 2);
    }
  for (guint c = 2; c < 4; c++)
    {
      g_assert_cmpfloat (PX (out, 4, 3, c), ==, 3);
      /* NaN data stays NaN: transparent. */
      g_assert_true (isnan (PX (out, 4, 0, c)));
    }
}

static void
test_resample_mean_max (void)
{
  CuspTime times[] = { 0, 10 };
  double values[] = { 1, 2, 3, 4 };
  g_autoptr (CuspSpectrogram) spec = make_two_bin_spectrogram (times, values, 2);
  CuspAxisTransform y;
  double out[2];

  /* One column over both records, two rows: mean (1+3)/2 and (2+4)/2. */
  cusp_axis_transform_init (&y, 0, 2, FALSE, 2, 0);
  cusp_spectrogram_resample (spec, 0, 20, 1, &y, 2, CUSP_RESAMPLE_MEAN, out);
  g_assert_cmpfloat (out[1], ==, 2);
  g_assert_cmpfloat (out[0], ==, 3);
  cusp_spectrogram_resample (spec, 0, 20, 1, &y, 2, CUSP_RESAMPLE_MAX, out);
  g_assert_cmpfloat (out[1], ==, 3);
  g_assert_cmpfloat (out[0], ==, 4);

  /* One row spanning both bins: mean of the four cells. */
  cusp_axis_transform_init (&y, 0, 2, FALSE, 1, 0);
  cusp_spectrogram_resample (spec, 0, 20, 1, &y, 1, CUSP_RESAMPLE_MEAN, out);
  g_assert_cmpfloat (out[0], ==, 2.5);
}

static void
test_resample_gap (void)
{
  /* Cadence 10; the step 20 → 100 is 8 cadences, a gap. */
  CuspTime times[] = { 0, 10, 20, 100 };
  double values[] = { 1, 1, 1, 1, 1, 1, 1, 1 };
  g_autoptr (CuspSpectrogram) spec = make_two_bin_spectrogram (times, values, 4);
  CuspAxisTransform y;
  double out[12];

  /* 12 columns of 10 over [0, 120), one row over bin 0. */
  cusp_axis_transform_init (&y, 0, 1, FALSE, 1, 0);
  cusp_spectrogram_resample (spec, 0, 120, 12, &y, 1, CUSP_RESAMPLE_MEAN, out);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpfloat (out[c], ==, 1);
  for (guint c = 3; c < 10; c++)
    g_assert_true (isnan (out[c]));
  g_assert_cmpfloat (out[10], ==, 1);
  g_assert_true (isnan (out[11]));

  /* A view starting inside record 1's span still shows it. */
  cusp_spectrogram_resample (spec, 15, 25, 2, &y, 1, CUSP_RESAMPLE_MEAN, out);
  g_assert_cmpfloat (out[0], ==, 1);
  g_assert_cmpfloat (out[1], ==, 1);
}

static void
test_resample_per_record_bins (void)
{
  g_autoptr (CuspSpectrogram) spec = cusp_spectrogram_new (2, 2, TRUE);
  double *edges = cusp_spectrogram_alloc_edges (spec);
  double rec0[] = { 0, 1, 2 }, rec1[] = { 1, 2, 3 };
  CuspAxisTransform y;
  double out[2 * 3];

  spec->times[0] = 0;
  spec->times[1] = 10;
  for (guint j = 0; j < 3; j++)
    {
      edges[j] = rec0[j];
      edges[3 + j] = rec1[j];
    }
  spec->bin_centres[0] = 0.5;
  spec->bin_centres[1] = 1.5;
  spec->bin_centres[2] = 1.5;
  spec->bin_centres[3] = 2.5;
  spec->values[0] = 10;
  spec->values[1] = 20;
  spec->values[2] = 30;
  spec->values[3] = 40;

  /* y 0..3 on 3 rows: row 2 = [0,1), row 1 = [1,2), row 0 = [2,3). */
  cusp_axis_transform_init (&y, 0, 3, FALSE, 3, 0);
  cusp_spectrogram_resample (spec, 0, 20, 2, &y, 3, CUSP_RESAMPLE_MEAN, out);
  g_assert_cmpfloat (PX (out, 2, 2, 0), ==, 10);
  g_assert_cmpfloat (PX (out, 2, 1, 0), ==, 20);
  g_assert_true (isnan (PX (out, 2, 0, 0)));
  g_assert_true (isnan (PX (out, 2, 2, 1)));
  g_assert_cmpfloat (PX (out, 2, 1, 1), ==, 30);
  g_assert_cmpfloat (PX (out, 2, 0, 1), ==, 40);
}

static void
test_resample_log_derived_edges (void)
{
  g_autoptr (CuspSpectrogram) spec = cusp_spectrogram_new (1, 2, FALSE);
  CuspAxisTransform y;
  double out[2], lo, hi;

  /* Centres 10 and 100 on a log axis: edges 10^0.5, 10^1.5, 10^2.5. */
  spec->y_scale = CUSP_SCALE_LOG;
  spec->times[0] = 0;
  spec->bin_centres[0] = 10;
  spec->bin_centres[1] = 100;
  spec->values[0] = 7;
  spec->values[1] = 8;
  g_assert_true (cusp_spectrogram_bin_range (spec, 0, 1, TRUE, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (lo, pow (10, 0.5), 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, pow (10, 2.5), 1e-9);

  cusp_axis_transform_init (&y, pow (10, 0.5), pow (10, 2.5), TRUE, 2, 0);
  cusp_spectrogram_resample (spec, 0, 10, 1, &y, 2, CUSP_RESAMPLE_MEAN, out);
  g_assert_cmpfloat (out[1], ==, 7);
  g_assert_cmpfloat (out[0], ==, 8);
}

static void
test_resample_empty (void)
{
  g_autoptr (CuspSpectrogram) spec = cusp_spectrogram_new (0, 4, FALSE);
  CuspAxisTransform y;
  double out[4] = { 1, 1, 1, 1 }, lo, hi;

  cusp_axis_transform_init (&y, 0, 1, FALSE, 2, 0);
  cusp_spectrogram_resample (spec, 0, 10, 2, &y, 2, CUSP_RESAMPLE_MAX, out);
  for (guint k = 0; k < 4; k++)
    g_assert_true (isnan (out[k]));
  g_assert_false (cusp_spectrogram_value_range (spec, 0, 10, FALSE, &lo, &hi));
}

static void
test_value_range (void)
{
  CuspTime times[] = { 0, 10 };
  double values[] = { -3, NAN, 0.5, 7 };
  g_autoptr (CuspSpectrogram) spec = make_two_bin_spectrogram (times, values, 2);
  double lo, hi;

  g_assert_true (cusp_spectrogram_value_range (spec, 0, 2, FALSE, &lo, &hi));
  g_assert_cmpfloat (lo, ==, -3);
  g_assert_cmpfloat (hi, ==, 7);
  g_assert_true (cusp_spectrogram_value_range (spec, 0, 2, TRUE, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 0.5);
  g_assert_true (cusp_spectrogram_value_range (spec, 0, 1, FALSE, &lo, &hi));
  g_assert_cmpfloat (hi, ==, -3);
  g_assert_false (cusp_spectrogram_value_range (spec, 0, 1, TRUE, &lo, &hi));
}

static void
test_find_gaps (void)
{
  /* Steps 10, 10, 10, 100, 10, 30, 31: over 30 (three 10-s cadences) at
   * indices 3 and 6; exactly three cadences is not a gap. */
  CuspTime t[] = { 0, 10, 20, 30, 130, 140, 170, 201 };
  g_autoptr (GArray) gaps = cusp_plot_find_gaps (t, G_N_ELEMENTS (t), 30);
  g_autoptr (GArray) none = cusp_plot_find_gaps (t, G_N_ELEMENTS (t), 0);
  g_autoptr (GArray) empty = cusp_plot_find_gaps (NULL, 0, 30);
  g_autoptr (GArray) single = cusp_plot_find_gaps (t, 1, 30);

  g_assert_cmpuint (gaps->len, ==, 2);
  g_assert_cmpuint (g_array_index (gaps, gsize, 0), ==, 3);
  g_assert_cmpuint (g_array_index (gaps, gsize, 1), ==, 6);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (single->len, ==, 0);
}

/* 1-s samples over [0, 100) s and [200, 300) s, with sample 50 missing
 * (a 2-s step, two cadences); 100 columns of 3 s over [0, 300) s. */
static CuspTime *
gap_times (gsize *n)
{
  CuspTime *t = g_new (CuspTime, 200);
  gsize k = 0;

  for (gint64 s = 0; s < 300; s++)
    if (s != 50 && (s < 100 || s >= 200))
      t[k++] = s * CUSP_NS_PER_SECOND;
  *n = k;
  return t;
}

static guint
polyline (const CuspTime *t,
          const double   *v,
          gsize           n,
          gboolean        mark,
          double         *xs,
          double         *ys)
{
  g_autoptr (CuspMinmaxPyramid) pyramid = cusp_minmax_pyramid_new (t, v, n);
  CuspTime cadence = cusp_plot_estimate_cadence (t, n);
  g_autoptr (GArray) gaps = cusp_plot_find_gaps (t, n, CUSP_PLOT_GAP_CADENCES * cadence);
  CuspColumnStats cols[100];

  g_assert_cmpint (cadence, ==, CUSP_NS_PER_SECOND);
  cusp_minmax_pyramid_query (pyramid, 0, 300 * CUSP_NS_PER_SECOND, 100, cols);
  if (mark)
    cusp_plot_mark_gaps (t, n, gaps, 0, 300 * CUSP_NS_PER_SECOND, 100, cols);
  return cusp_minmax_pyramid_to_polyline (cols, 100, xs, ys);
}

static void
test_gap_break (void)
{
  gsize n;
  g_autofree CuspTime *t = gap_times (&n);
  g_autofree double *v = g_new (double, n);
  double xs[CUSP_MINMAX_POLYLINE_MAX_VERTICES (100)], ys[CUSP_MINMAX_POLYLINE_MAX_VERTICES (100)];
  guint k, n_nan = 0, at = 0;

  for (gsize i = 0; i < n; i++)
    v[i] = (double) (i % 7);
  /* Without the marks the line runs straight over the 100-s gap. */
  k = polyline (t, v, n, FALSE, xs, ys);
  for (guint i = 0; i < k; i++)
    n_nan += isnan (xs[i]);
  g_assert_cmpuint (n_nan, ==, 0);

  /* With them: one break, between column 33 (99 s) and column 66 (200 s,
   * 200 / 3 = 66.7); none at the 2-s step in column 16. */
  k = polyline (t, v, n, TRUE, xs, ys);
  for (guint i = 0; i < k; i++)
    if (isnan (xs[i]))
      {
        n_nan++;
        at = i;
      }
  g_assert_cmpuint (n_nan, ==, 1);
  g_assert_true (isnan (ys[at]));
  g_assert_cmpuint (at, >, 0);
  g_assert_cmpuint (at + 1, <, k);
  g_assert_cmpfloat (xs[at - 1], >, 33.0);
  g_assert_cmpfloat (xs[at - 1], <, 34.0);
  g_assert_cmpfloat (xs[at + 1], >, 66.0);
  g_assert_cmpfloat (xs[at + 1], <, 67.0);
}

static void
test_gap_marks (void)
{
  gsize n;
  g_autofree CuspTime *t = gap_times (&n);
  g_autoptr (GArray) gaps = cusp_plot_find_gaps (t, n, 3 * CUSP_NS_PER_SECOND);
  CuspColumnStats cols[100];

  g_assert_cmpuint (gaps->len, ==, 1);
  /* Only the left end in [0, 150) s (columns of 1.5 s): 99 s is column 66. */
  memset (cols, 0, sizeof cols);
  cusp_plot_mark_gaps (t, n, gaps, 0, 150 * CUSP_NS_PER_SECOND, 100, cols);
  for (guint c = 0; c < 100; c++)
    {
      g_assert_cmpint (cols[c].gap_after, ==, c == 66);
      g_assert_false (cols[c].gap_before);
    }
  /* Only the right end in [150, 300) s: 200 s is column 33. */
  memset (cols, 0, sizeof cols);
  cusp_plot_mark_gaps (t, n, gaps, 150 * CUSP_NS_PER_SECOND, 300 * CUSP_NS_PER_SECOND, 100, cols);
  for (guint c = 0; c < 100; c++)
    {
      g_assert_cmpint (cols[c].gap_before, ==, c == 33);
      g_assert_false (cols[c].gap_after);
    }
  /* One column over everything: the gap is inside it, no break. */
  memset (cols, 0, sizeof cols);
  cusp_plot_mark_gaps (t, n, gaps, 0, 300 * CUSP_NS_PER_SECOND, 1, cols);
  g_assert_false (cols[0].gap_before);
  g_assert_false (cols[0].gap_after);
  /* A range wholly inside the gap, and an empty range: nothing. */
  memset (cols, 0, sizeof cols);
  cusp_plot_mark_gaps (t, n, gaps, 120 * CUSP_NS_PER_SECOND, 180 * CUSP_NS_PER_SECOND, 100, cols);
  cusp_plot_mark_gaps (t, n, gaps, 180 * CUSP_NS_PER_SECOND, 120 * CUSP_NS_PER_SECOND, 100, cols);
  for (guint c = 0; c < 100; c++)
    g_assert_false (cols[c].gap_before || cols[c].gap_after);
}

/* Heights by hand: 100 px in thirds is 33.33 each, the one pixel left
 * goes to the first box (ties); 101 px 1:3 is 25.25 and 75.75, the pixel
 * to the larger remainder; weights that are not > 0 count as 1; nothing
 * to share gives zeros. */
static void
test_split_heights (void)
{
  double out[3];
  const double thirds[] = { 1, 1, 1 }, one_three[] = { 1, 3 }, bad[] = { 0, -2, NAN };

  cusp_plot_split_heights (100, thirds, 3, out);
  g_assert_cmpfloat (out[0], ==, 34);
  g_assert_cmpfloat (out[1], ==, 33);
  g_assert_cmpfloat (out[2], ==, 33);
  cusp_plot_split_heights (101.7, one_three, 2, out);
  g_assert_cmpfloat (out[0], ==, 25);
  g_assert_cmpfloat (out[1], ==, 76);
  cusp_plot_split_heights (90, bad, 3, out);
  g_assert_cmpfloat (out[0], ==, 30);
  g_assert_cmpfloat (out[1], ==, 30);
  g_assert_cmpfloat (out[2], ==, 30);
  cusp_plot_split_heights (-5, one_three, 2, out);
  g_assert_cmpfloat (out[0], ==, 0);
  g_assert_cmpfloat (out[1], ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cusp/plot-transform/find-gaps", test_find_gaps);
  g_test_add_func ("/cusp/plot-transform/gap-break", test_gap_break);
  g_test_add_func ("/cusp/plot-transform/gap-marks", test_gap_marks);

  g_test_add_func ("/cusp/plot-transform/axis-linear", test_axis_linear);
  g_test_add_func ("/cusp/plot-transform/axis-log", test_axis_log);
  g_test_add_func ("/cusp/plot-transform/axis-invalid", test_axis_invalid);
  g_test_add_func ("/cusp/plot-transform/time-x", test_time_x);
  g_test_add_func ("/cusp/plot-transform/time-span", test_time_span);
  g_test_add_func ("/cusp/plot-transform/pad-range", test_pad_range);
  g_test_add_func ("/cusp/plot-transform/zoom-pan", test_zoom_pan);
  g_test_add_func ("/cusp/plot-transform/cadence", test_cadence);
  g_test_add_func ("/cusp/plot-transform/resample-cells", test_resample_cells);
  g_test_add_func ("/cusp/plot-transform/resample-mean-max", test_resample_mean_max);
  g_test_add_func ("/cusp/plot-transform/resample-gap", test_resample_gap);
  g_test_add_func ("/cusp/plot-transform/resample-per-record-bins", test_resample_per_record_bins);
  g_test_add_func ("/cusp/plot-transform/resample-log-edges", test_resample_log_derived_edges);
  g_test_add_func ("/cusp/plot-transform/resample-empty", test_resample_empty);
  g_test_add_func ("/cusp/plot-transform/value-range", test_value_range);
  g_test_add_func ("/cusp/plot-transform/split-heights", test_split_heights);

  return g_test_run ();
}
