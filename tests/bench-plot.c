/* bench-plot.c: speed and memory of the plot engine.
 *
 * For 1 and 8 panels of 1e6 and 1e7 samples × 3 components drawn at
 * 1920×1080 it measures, offscreen on Cairo image surfaces:
 *   - the min/max pyramid build rate next to a plain min/max scan of the
 *     same data in the same run (target: build within 2× of the scan);
 *   - pyramid memory over the raw data (target: ≤ 10 %), and peak RSS;
 *   - frame times (median, p95) of cusp_plot_renderer_draw() for the full
 *     range and random zoom windows of 10 %, 1 % and 0.01 % of the span
 *     (target: 8 panels × 1e7 × 3, median ≤ 16 ms at any zoom);
 *   - the same frames drawn naively, every visible sample a cairo_line_to
 *     (lines only, no axes or text), as a baseline.
 * Prints Markdown tables.  `--quick` runs small cases for smoke tests,
 * `--large` only the 8 × 1e7 case, `--no-naive` skips the baseline (it
 * takes minutes at 1e7 samples), `--threads N` also draws the multi-panel
 * frames as the app does: each panel on its own surface, panels spread
 * over N threads.
 *
 * The data are deterministic random walks at a fixed 128 Hz cadence with
 * rare single-sample spikes and runs of NaN (telemetry gaps).
 */
#define G_LOG_DOMAIN "cusp-bench-plot"

#include "config.h"

#include "cusp-data.h"
#include "cusp-minmax-pyramid.h"
#include "cusp-plot-renderer.h"
#include "cusp-plot-transform.h"
#include "cusp-series.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define WIDTH         1920
#define HEIGHT        1080
#define N_COMPONENTS  3
#define BUILD_ROUNDS  5
#define CADENCE       (CUSP_NS_PER_SECOND / 128)
/* Naive frames stop once this much time went into one view. */
#define NAIVE_BUDGET_S 10.0
/* Above this many vertices per frame a naive frame takes minutes (Cairo
 * holds gigabytes of path): only the first panel is drawn, and the time
 * is scaled by the panel count (panels are drawn independently). */
#define NAIVE_MAX_VERTICES 3.5e7

typedef struct
{
  guint  n_panels;
  gsize  n;
} Case;

typedef struct
{
  const char *name;
  double      fraction;   /* of the span; 1 = full range */
} View;

static const View views[] = {
  { "full range", 1.0 },
  { "zoom 10 %", 0.1 },
  { "zoom 1 %", 0.01 },
  { "zoom 0.01 %", 0.0001 },
};

static CuspTime t_start;   /* 2015-10-16T00:00:00Z, set in main */
static guint n_frames = 30;
static guint n_naive_frames = 30;
static guint n_threads = 1;

/* ---- clock, statistics ------------------------------------------------- */

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile (p in [0, 100]) of v[0..n); sorts v. */
static double
percentile (double *v,
            guint   n,
            double  p)
{
  guint rank;

  if (n == 0)
    return NAN;
  qsort (v, n, sizeof *v, compare_double);
  rank = (guint) ceil (p / 100 * n);
  return v[CLAMP (rank, 1, n) - 1];
}

static double
median (double *v,
        guint   n)
{
  if (n == 0)
    return NAN;
  qsort (v, n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
peak_rss_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;   /* kB on Linux */
}

/* ---- data -------------------------------------------------------------- */

/* splitmix64: small, fast, and the same sequence on every machine. */
static guint64
next_u64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
next_unit (guint64 *state)
{
  return (next_u64 (state) >> 11) * 0x1.0p-53;
}

static CuspData *
make_data (guint panel,
           gsize n)
{
  CuspSeries *series = cusp_series_new (n, N_COMPONENTS);
  guint64 state = 0x5eed0000u + panel;
  double walk[N_COMPONENTS] = { 0 };
  gsize nan_left = 0;
  g_autofree char *name = g_strdup_printf ("B%u GSE", panel + 1);
  static const char *const labels[N_COMPONENTS] = { "Bx", "By", "Bz" };

  cusp_series_set_name (series, name);
  cusp_series_set_unit (series, "nT");
  for (guint c = 0; c < N_COMPONENTS; c++)
    cusp_series_set_label (series, c, labels[c]);

  for (gsize i = 0; i < n; i++)
    {
      guint64 r = next_u64 (&state);

      series->times[i] = t_start + (CuspTime) i * CADENCE;
      /* About one gap per 2e5 samples, 1..2000 samples long. */
      if (nan_left == 0 && r % 200000 == 0)
        nan_left = 1 + (r >> 32) % 2000;
      for (guint c = 0; c < N_COMPONENTS; c++)
        {
          double *col = cusp_series_column (series, c);

          walk[c] += next_unit (&state) - 0.5 - 1e-4 * walk[c];
          col[i] = walk[c];
          /* About one spike per 5e4 samples; the walk itself goes on. */
          if ((r >> 20) % 50000 == c)
            col[i] += (r & 1 ? 1.0 : -1.0) * (double) (20 + (r >> 40) % 80);
          if (nan_left > 0)
            col[i] = NAN;
        }
      if (nan_left > 0)
        nan_left--;
    }
  return cusp_data_new_series (series);
}

/* ---- build rate --------------------------------------------------------- */

typedef double VecD __attribute__ ((vector_size (16)));
typedef gint64 VecL __attribute__ ((vector_size (16)));

/* mask ? a : b per lane (C has no vector ?:). */
#define VEC_SELECT(mask, a, b) \
  ((VecD) (((mask) & (VecL) (a)) | (~(mask) & (VecL) (b))))
#define SEL_MIN(x, m) VEC_SELECT ((x) < (m), x, m)
#define SEL_MAX(x, m) VEC_SELECT ((x) > (m), x, m)

/* x < m ? x : m per lane, as in the pyramid: one MINPD/MAXPD on SSE2
 * instead of the four instructions of a mask select. */
#ifdef __SSE2__
#include <emmintrin.h>
#define VEC_MIN(x, m) ((VecD) _mm_min_pd ((__m128d) (x), (__m128d) (m)))
#define VEC_MAX(x, m) ((VecD) _mm_max_pd ((__m128d) (x), (__m128d) (m)))
#else
#define VEC_MIN(x, m) SEL_MIN (x, m)
#define VEC_MAX(x, m) SEL_MAX (x, m)
#endif

/* The reference: one pass, min and max only (NaN is skipped by the
 * comparisons), the same 2×2 SIMD lanes and MINPD/MAXPD the pyramid
 * uses. */
static void __attribute__ ((noinline))
plain_minmax (const double *v,
              gsize         n,
              double       *lo,
              double       *hi)
{
  VecD mn0 = { INFINITY, INFINITY }, mn1 = mn0;
  VecD mx0 = { -INFINITY, -INFINITY }, mx1 = mx0;
  gsize i;

  for (i = 0; i + 4 <= n; i += 4)
    {
      VecD x0, x1;

      memcpy (&x0, v + i, sizeof x0);
      memcpy (&x1, v + i + 2, sizeof x1);
      mn0 = VEC_MIN (x0, mn0);
      mn1 = VEC_MIN (x1, mn1);
      mx0 = VEC_MAX (x0, mx0);
      mx1 = VEC_MAX (x1, mx1);
    }
  *lo = MIN (MIN (mn0[0], mn0[1]), MIN (mn1[0], mn1[1]));
  *hi = MAX (MAX (mx0[0], mx0[1]), MAX (mx1[0], mx1[1]));
  for (; i < n; i++)
    {
      *lo = v[i] < *lo ? v[i] : *lo;
      *hi = v[i] > *hi ? v[i] : *hi;
    }
}

/* The reference of the first version of this benchmark, with mask
 * selects: about half as fast as plain_minmax. */
static void __attribute__ ((noinline))
plain_minmax_select (const double *v,
                     gsize         n,
                     double       *lo,
                     double       *hi)
{
  VecD mn0 = { INFINITY, INFINITY }, mn1 = mn0;
  VecD mx0 = { -INFINITY, -INFINITY }, mx1 = mx0;
  gsize i;

  for (i = 0; i + 4 <= n; i += 4)
    {
      VecD x0, x1;

      memcpy (&x0, v + i, sizeof x0);
      memcpy (&x1, v + i + 2, sizeof x1);
      mn0 = SEL_MIN (x0, mn0);
      mn1 = SEL_MIN (x1, mn1);
      mx0 = SEL_MAX (x0, mx0);
      mx1 = SEL_MAX (x1, mx1);
    }
  *lo = MIN (MIN (mn0[0], mn0[1]), MIN (mn1[0], mn1[1]));
  *hi = MAX (MAX (mx0[0], mx0[1]), MAX (mx1[0], mx1[1]));
  for (; i < n; i++)
    {
      *lo = v[i] < *lo ? v[i] : *lo;
      *hi = v[i] > *hi ? v[i] : *hi;
    }
}

typedef struct
{
  double scan_s;         /* median round, all columns */
  double select_scan_s;
  double build_s;
  gsize  pyramid_bytes;
} BuildResult;

/* Rounds alternate scan and build over every column, so both see the
 * same cache state; the median round counts. */
static void
measure_build (CuspData  **data,
               guint       n_panels,
               BuildResult *out)
{
  double scan[BUILD_ROUNDS], select_scan[BUILD_ROUNDS], build[BUILD_ROUNDS];
  volatile double sink = 0;

  out->pyramid_bytes = 0;
  for (guint round = 0; round < BUILD_ROUNDS; round++)
    {
      double t0 = now_s ();

      for (guint p = 0; p < n_panels; p++)
        {
          CuspSeries *s = cusp_data_get_series (data[p]);

          for (guint c = 0; c < N_COMPONENTS; c++)
            {
              double lo, hi;

              plain_minmax (cusp_series_column (s, c), s->n_samples, &lo, &hi);
              sink += lo + hi;
            }
        }
      scan[round] = now_s () - t0;

      t0 = now_s ();
      for (guint p = 0; p < n_panels; p++)
        {
          CuspSeries *s = cusp_data_get_series (data[p]);

          for (guint c = 0; c < N_COMPONENTS; c++)
            {
              double lo, hi;

              plain_minmax_select (cusp_series_column (s, c), s->n_samples, &lo, &hi);
              sink += lo + hi;
            }
        }
      select_scan[round] = now_s () - t0;

      build[round] = 0;
      for (guint p = 0; p < n_panels; p++)
        {
          CuspSeries *s = cusp_data_get_series (data[p]);

          for (guint c = 0; c < N_COMPONENTS; c++)
            {
              CuspMinmaxPyramid *pyr;

              t0 = now_s ();
              pyr = cusp_minmax_pyramid_new (s->times, cusp_series_column (s, c), s->n_samples);
              build[round] += now_s () - t0;
              if (round == 0)
                out->pyramid_bytes += cusp_minmax_pyramid_get_memory_size (pyr);
              cusp_minmax_pyramid_unref (pyr);
            }
        }
    }
  (void) sink;
  out->scan_s = median (scan, BUILD_ROUNDS);
  out->select_scan_s = median (select_scan, BUILD_ROUNDS);
  out->build_s = median (build, BUILD_ROUNDS);
}

/* ---- frames ------------------------------------------------------------ */

/* The visible range of frame k of a view: fixed for the full range,
 * random positions for zooms (same sequence for both drawing paths). */
static void
view_range (const View *view,
            guint       k,
            CuspTime    t0,
            CuspTime    t1,
            CuspTime   *a,
            CuspTime   *b)
{
  guint64 state = 0xf00d0000u + k * 7919 + (guint64) (view->fraction * 1e6);
  CuspTime span = t1 - t0;
  CuspTime len = (CuspTime) (span * view->fraction);

  if (view->fraction >= 1.0)
    {
      *a = t0;
      *b = t1;
      return;
    }
  *a = t0 + (CuspTime) (next_unit (&state) * (span - len));
  *b = *a + len;
}

static double
draw_reduced (CuspPlotRenderer *renderer,
              cairo_surface_t  *surface)
{
  double t0 = now_s ();
  cairo_t *cr = cairo_create (surface);

  cusp_plot_renderer_draw (renderer, cr, WIDTH, HEIGHT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return now_s () - t0;
}

/* One component the naive way: every visible sample (and one beyond each
 * side) is a vertex; NaN lifts the pen. */
static void
draw_naive_component (CuspSeries              *s,
                      guint                    c,
                      cairo_t                 *cr,
                      const cairo_rectangle_t *r,
                      const CuspAxisTransform *y,
                      CuspTime                 a,
                      CuspTime                 b,
                      gsize                    i0,
                      gsize                    i1)
{
  const double *v = cusp_series_column (s, c);
  gboolean pen_down = FALSE;
  double rgb[3];

  for (gsize i = i0; i < i1; i++)
    {
      double px, py;

      if (!isfinite (v[i]))
        {
          pen_down = FALSE;
          continue;
        }
      px = cusp_plot_time_to_x (s->times[i], a, b, r->x, r->width);
      py = cusp_axis_transform_to_pixel (y, v[i]);
      if (pen_down)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      pen_down = TRUE;
    }
  cusp_plot_renderer_line_colour (s->labels[c], c, rgb);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_stroke (cr);
}

/* Same layout, line style and y autoscale as the renderer, but lines
 * only: no axes, ticks or text (which favours the naive path). */
static double
draw_naive (CuspData        **data,
            guint             n_panels,
            guint             n_drawn,
            cairo_surface_t  *surface,
            CuspTime          a,
            CuspTime          b)
{
  double t0 = now_s ();
  cairo_t *cr = cairo_create (surface);
  double panel_h, bottom_h, top = 0;
  g_autoptr (CuspPlotRenderer) layout = cusp_plot_renderer_new ();

  for (guint p = 0; p < n_panels; p++)
    cusp_plot_renderer_add_panel (layout, data[p]);
  cusp_plot_renderer_get_figure_layout (layout, HEIGHT, &panel_h, &bottom_h);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_line_width (cr, 1.25);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint p = 0; p < n_drawn; p++)
    {
      CuspSeries *s = cusp_data_get_series (data[p]);
      gboolean last = p + 1 == n_panels;
      gsize i0 = cusp_series_lower_bound (s, a), i1 = cusp_series_lower_bound (s, b);
      double lo = INFINITY, hi = -INFINITY, ymin, ymax;
      cairo_rectangle_t r;
      CuspAxisTransform y;

      for (guint c = 0; c < N_COMPONENTS; c++)
        {
          const double *v = cusp_series_column (s, c);

          for (gsize i = i0; i < i1; i++)
            if (isfinite (v[i]))
              {
                lo = MIN (lo, v[i]);
                hi = MAX (hi, v[i]);
              }
        }
      cusp_plot_renderer_get_data_rect (WIDTH, last ? bottom_h : panel_h, last, &r);
      r.y += top;
      top += panel_h + 4;
      if (!cusp_plot_pad_range (lo, hi, FALSE, &ymin, &ymax)
          || !cusp_axis_transform_init (&y, ymin, ymax, FALSE, r.y + r.height, r.y))
        continue;
      cairo_save (cr);
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      cairo_clip (cr);
      for (guint c = N_COMPONENTS; c-- > 0;)
        draw_naive_component (s, c, cr, &r, &y, a, b, i0 > 0 ? i0 - 1 : 0,
                              MIN (i1 + 1, s->n_samples));
      cairo_restore (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return (now_s () - t0) * n_panels / n_drawn;
}

/* ---- frames on several threads, as the app draws them ------------------ */

/* The app shows each panel in its own widget, drawn by its own worker
 * (GTask) on its own surface; with 8 panels on 2 cores the frame is done
 * when the slower core is.  Here: one single-panel renderer and surface
 * per panel, panel p drawn by thread p % n_threads. */
typedef struct
{
  guint              n_panels;
  CuspPlotRenderer **renderers;
  cairo_surface_t  **surfaces;
  double            *heights;
} PanelSet;

typedef struct
{
  PanelSet *set;
  guint     first;
} ThreadJob;

static gpointer
draw_panels_thread (gpointer data)
{
  ThreadJob *job = data;
  PanelSet *set = job->set;

  for (guint p = job->first; p < set->n_panels; p += n_threads)
    {
      cairo_t *cr = cairo_create (set->surfaces[p]);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cusp_plot_renderer_draw_panel (set->renderers[p], 0, cr, WIDTH, set->heights[p],
                                     p + 1 == set->n_panels);
      cairo_destroy (cr);
      cairo_surface_flush (set->surfaces[p]);
    }
  return NULL;
}

static double
draw_threaded (PanelSet *set,
               CuspTime  a,
               CuspTime  b)
{
  double t0 = now_s ();
  GThread *threads[8];
  ThreadJob jobs[8];

  for (guint p = 0; p < set->n_panels; p++)
    cusp_plot_renderer_set_range (set->renderers[p], a, b);
  for (guint t = 0; t < n_threads; t++)
    {
      jobs[t].set = set;
      jobs[t].first = t;
      threads[t] = g_thread_new ("bench-panel", draw_panels_thread, &jobs[t]);
    }
  for (guint t = 0; t < n_threads; t++)
    g_thread_join (threads[t]);
  return now_s () - t0;
}

static void
panel_set_init (PanelSet         *set,
                CuspPlotRenderer *figure,
                CuspData        **data,
                guint             n_panels)
{
  double panel_h, bottom_h;

  cusp_plot_renderer_get_figure_layout (figure, HEIGHT, &panel_h, &bottom_h);
  set->n_panels = n_panels;
  set->renderers = g_new (CuspPlotRenderer *, n_panels);
  set->surfaces = g_new (cairo_surface_t *, n_panels);
  set->heights = g_new (double, n_panels);
  for (guint p = 0; p < n_panels; p++)
    {
      set->renderers[p] = cusp_plot_renderer_new ();
      cusp_plot_renderer_add_panel (set->renderers[p], data[p]);
      set->heights[p] = p + 1 == n_panels ? bottom_h : panel_h;
      set->surfaces[p] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH,
                                                     (int) ceil (set->heights[p]));
    }
}

static void
panel_set_clear (PanelSet *set)
{
  for (guint p = 0; p < set->n_panels; p++)
    {
      cusp_plot_renderer_unref (set->renderers[p]);
      cairo_surface_destroy (set->surfaces[p]);
    }
  g_free (set->renderers);
  g_free (set->surfaces);
  g_free (set->heights);
}

static void
measure_view_threaded (PanelSet   *set,
                       const View *view,
                       CuspTime    t0,
                       CuspTime    t1,
                       double     *median_ms,
                       double     *p95_ms)
{
  g_autofree double *times = g_new (double, n_frames);

  for (guint k = 0; k < n_frames; k++)
    {
      CuspTime a, b;

      view_range (view, k, t0, t1, &a, &b);
      times[k] = draw_threaded (set, a, b) * 1e3;
    }
  *median_ms = median (times, n_frames);
  *p95_ms = percentile (times, n_frames, 95);
}

/* ---- one case ---------------------------------------------------------- */

typedef struct
{
  double   median_ms;
  double   p95_ms;
  double   naive_median_ms;
  guint    naive_frames;
  guint    naive_panels;   /* drawn; the time is scaled to all panels */
} FrameResult;

static void
measure_view (CuspPlotRenderer *renderer,
              CuspData        **data,
              guint             n_panels,
              cairo_surface_t  *surface,
              const View       *view,
              CuspTime          t0,
              CuspTime          t1,
              FrameResult      *out)
{
  g_autofree double *times = g_new (double, MAX (n_frames, n_naive_frames));
  double spent = 0;
  gsize n = cusp_data_get_length (data[0]);
  guint n_drawn = (double) n_panels * N_COMPONENTS * n * view->fraction > NAIVE_MAX_VERTICES
                  ? 1 : n_panels;
  guint k;

  for (k = 0; k < n_frames; k++)
    {
      CuspTime a, b;

      view_range (view, k, t0, t1, &a, &b);
      cusp_plot_renderer_set_range (renderer, a, b);
      times[k] = draw_reduced (renderer, surface) * 1e3;
    }
  out->median_ms = median (times, n_frames);
  out->p95_ms = percentile (times, n_frames, 95);

  for (k = 0; k < n_naive_frames && spent < NAIVE_BUDGET_S; k++)
    {
      CuspTime a, b;
      double dt;

      view_range (view, k, t0, t1, &a, &b);
      dt = draw_naive (data, n_panels, n_drawn, surface, a, b);
      spent += dt;
      times[k] = dt * 1e3;
    }
  out->naive_frames = k;
  out->naive_panels = n_drawn;
  out->naive_median_ms = median (times, k);
}

static void
run_case (const Case *cs,
          GString    *build_table,
          GString    *frame_table,
          GString    *thread_table)
{
  g_autofree CuspData **data = g_new0 (CuspData *, cs->n_panels);
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  gsize total = (gsize) cs->n_panels * cs->n * N_COMPONENTS;
  gsize raw_bytes = (gsize) cs->n_panels * cs->n * (sizeof (CuspTime) + N_COMPONENTS * sizeof (double));
  CuspTime t0 = t_start, t1 = t_start + (CuspTime) cs->n * CADENCE;
  BuildResult build;
  double t, first_ms;

  fprintf (stderr, "bench-plot: %u panel(s) × %g samples × %d: generating…\n",
           cs->n_panels, (double) cs->n, N_COMPONENTS);
  t = now_s ();
  for (guint p = 0; p < cs->n_panels; p++)
    data[p] = make_data (p, cs->n);
  fprintf (stderr, "bench-plot:   data in %.1f s; pyramid build…\n", now_s () - t);

  measure_build (data, cs->n_panels, &build);

  /* The renderer builds its own pyramids on first use. */
  for (guint p = 0; p < cs->n_panels; p++)
    cusp_plot_renderer_add_panel (renderer, data[p]);
  cusp_plot_renderer_set_range (renderer, t0, t1);
  first_ms = draw_reduced (renderer, surface) * 1e3;

  g_string_append_printf (build_table,
                          "| %u | %.0e | %.0f M/s | %.0f M/s | %.2f× | %.0f M/s | %.2f× | %.0f ms "
                          "| %.1f %% (%.1f MB) | %.0f MB |\n",
                          cs->n_panels, (double) cs->n,
                          total / build.build_s / 1e6, total / build.scan_s / 1e6,
                          build.build_s / build.scan_s, total / build.select_scan_s / 1e6,
                          build.build_s / build.select_scan_s, first_ms,
                          100.0 * build.pyramid_bytes / raw_bytes, build.pyramid_bytes / 1e6,
                          peak_rss_mb ());

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      FrameResult fr;
      gsize row = frame_table->len;

      fprintf (stderr, "bench-plot:   frames, %s…\n", views[v].name);
      measure_view (renderer, data, cs->n_panels, surface, &views[v], t0, t1, &fr);
      g_string_append_printf (frame_table,
                              "| %u | %.0e | %s | %.2f | %.2f | %s%.1f (%u frame%s%s) | %.1f× |\n",
                              cs->n_panels, (double) cs->n, views[v].name,
                              fr.median_ms, fr.p95_ms, fr.naive_panels < cs->n_panels ? "≈" : "",
                              fr.naive_median_ms, fr.naive_frames,
                              fr.naive_frames == 1 ? "" : "s",
                              fr.naive_panels < cs->n_panels ? ", 1 panel drawn, time × panels" : "",
                              fr.naive_median_ms / fr.median_ms);
      fprintf (stderr, "bench-plot:   %s", frame_table->str + row);
    }

  if (n_threads > 1 && cs->n_panels > 1)
    {
      PanelSet set;

      panel_set_init (&set, renderer, data, cs->n_panels);
      draw_threaded (&set, t0, t1);   /* builds the pyramids */
      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        {
          double med, p95;

          fprintf (stderr, "bench-plot:   %u threads, %s…\n", n_threads, views[v].name);
          measure_view_threaded (&set, &views[v], t0, t1, &med, &p95);
          g_string_append_printf (thread_table, "| %u | %.0e | %s | %.2f | %.2f |\n",
                                  cs->n_panels, (double) cs->n, views[v].name, med, p95);
        }
      panel_set_clear (&set);
    }

  cairo_surface_destroy (surface);
  for (guint p = 0; p < cs->n_panels; p++)
    cusp_data_unref (data[p]);
}

int
main (int    argc,
      char **argv)
{
  static const Case full[] = {
    { 1, 1000000 }, { 1, 10000000 }, { 8, 1000000 }, { 8, 10000000 },
  };
  static const Case quick[] = {
    { 1, 100000 }, { 8, 100000 },
  };
  static const Case large[] = {
    { 8, 10000000 },
  };
  const Case *cases = full;
  guint n_cases = G_N_ELEMENTS (full);
  g_autoptr (GString) build_table = g_string_new (NULL);
  g_autoptr (GString) frame_table = g_string_new (NULL);
  g_autoptr (GString) thread_table = g_string_new (NULL);

  cusp_time_parse ("2015-10-16T00:00:00Z", &t_start, NULL);
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--quick") == 0)
      {
        cases = quick;
        n_cases = G_N_ELEMENTS (quick);
        n_frames = 5;
        n_naive_frames = MIN (n_naive_frames, 5);
      }
    else if (strcmp (argv[i], "--no-naive") == 0)
      n_naive_frames = 0;
    else if (strcmp (argv[i], "--large") == 0)
      {
        cases = large;
        n_cases = G_N_ELEMENTS (large);
      }
    else if (strcmp (argv[i], "--threads") == 0 && i + 1 < argc)
      {
        int t = atoi (argv[++i]);

        n_threads = CLAMP (t, 1, 8);
      }
    else
      {
        fprintf (stderr, "usage: %s [--quick | --large] [--no-naive] [--threads N]\n", argv[0]);
        return 2;
      }

  for (guint i = 0; i < n_cases; i++)
    run_case (&cases[i], build_table, frame_table, thread_table);

  printf ("Plot engine, %d×%d ARGB32, %d components per panel, single thread.\n\n",
          WIDTH, HEIGHT, N_COMPONENTS);
  printf ("| panels | samples/panel | pyramid build | plain min/max scan | build/scan time "
          "| scan with mask selects | build/that scan "
          "| first frame (builds pyramids) | pyramids / raw data | peak RSS |\n"
          "|---|---|---|---|---|---|---|---|---|---|\n%s\n", build_table->str);
  printf ("Frames: %u per view (zoom windows at random positions); naive: every visible "
          "sample a cairo_line_to, lines only, at most %u frames or %.0f s per view.\n\n",
          n_frames, n_naive_frames, NAIVE_BUDGET_S);
  printf ("| panels | samples/panel | view | median ms | p95 ms | naive median ms | naive/reduced |\n"
          "|---|---|---|---|---|---|---|\n%s", frame_table->str);
  if (thread_table->len > 0)
    printf ("\nThe same frames drawn as the app draws them: one surface and renderer per "
            "panel, panels spread over %u threads.\n\n"
            "| panels | samples/panel | view | median ms | p95 ms |\n"
            "|---|---|---|---|---|\n%s", n_threads, thread_table->str);
  return 0;
}
