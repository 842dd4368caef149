#define G_LOG_DOMAIN "cusp-plot-transform"

#include "config.h"

#include "cusp-plot-transform.h"

#include <math.h>
#include <stdlib.h>

/* Shortest time range a zoom may produce: below this the axis ticks and
 * the double-precision transforms stop being meaningful. */
#define MIN_RANGE_NS CUSP_NS_PER_US

/* Steps sampled for the cadence median: enough for a stable median, small
 * enough to sort on every call. */
#define CADENCE_SAMPLES 2047

gboolean
cusp_axis_transform_init (CuspAxisTransform *self,
                          double             min,
                          double             max,
                          gboolean           log,
                          double             p0,
                          double             p1)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  ok = isfinite (min) && isfinite (max) && max > min && (!log || min > 0);
  self->min = ok ? min : NAN;
  self->max = ok ? max : NAN;
  self->log = log;
  self->p0 = p0;
  self->p1 = p1;
  return ok;
}

static double
axis_unit (const CuspAxisTransform *self,
           double                   v)
{
  if (!self->log)
    return v;
  return v > 0 ? log10 (v) : NAN;
}

double
cusp_axis_transform_to_pixel (const CuspAxisTransform *self,
                              double                   v)
{
  double a, b, u;

  g_return_val_if_fail (self != NULL, NAN);

  a = axis_unit (self, self->min);
  b = axis_unit (self, self->max);
  u = axis_unit (self, v);
  return self->p0 + (u - a) / (b - a) * (self->p1 - self->p0);
}

double
cusp_axis_transform_from_pixel (const CuspAxisTransform *self,
                                double                   p)
{
  double a, b, u;

  g_return_val_if_fail (self != NULL, NAN);

  a = axis_unit (self, self->min);
  b = axis_unit (self, self->max);
  if (self->p1 == self->p0)
    return NAN;
  u = a + (p - self->p0) / (self->p1 - self->p0) * (b - a);
  return self->log ? pow (10, u) : u;
}

double
cusp_plot_time_to_x (CuspTime t,
                     CuspTime t0,
                     CuspTime t1,
                     double   x0,
                     double   width)
{
  if (t1 <= t0)
    return NAN;
  /* Differences first: absolute TT2000 values lose nanoseconds in a double. */
  return x0 + (double) (t - t0) / (double) (t1 - t0) * width;
}

CuspTime
cusp_plot_x_to_time (double   x,
                     CuspTime t0,
                     CuspTime t1,
                     double   x0,
                     double   width)
{
  if (t1 <= t0 || width <= 0 || !isfinite (x))
    return t0;
  return t0 + (CuspTime) llround ((x - x0) / width * (double) (t1 - t0));
}

gboolean
cusp_plot_time_span_to_pixels (CuspTime  start,
                               CuspTime  stop,
                               CuspTime  t0,
                               CuspTime  t1,
                               double    x0,
                               double    width,
                               double   *left,
                               double   *right)
{
  double a, b;

  g_return_val_if_fail (left != NULL && right != NULL, FALSE);

  if (t1 <= t0 || !(width > 0) || stop <= start)
    return FALSE;
  a = floor (cusp_plot_time_to_x (start, t0, t1, x0, width) + 0.5);
  b = floor (cusp_plot_time_to_x (stop, t0, t1, x0, width) + 0.5);
  *left = CLAMP (a, x0, x0 + width);
  *right = CLAMP (b, x0, x0 + width);
  return *right > *left;
}

gboolean
cusp_plot_pad_range (double    min,
                     double    max,
                     gboolean  log,
                     double   *out_min,
                     double   *out_max)
{
  g_return_val_if_fail (out_min != NULL && out_max != NULL, FALSE);

  if (!isfinite (min) || !isfinite (max) || max < min || (log && min <= 0))
    return FALSE;
  if (log)
    {
      double a = log10 (min), b = log10 (max), pad;

      pad = b > a ? 0.05 * (b - a) : 1.0;
      *out_min = pow (10, a - pad);
      *out_max = pow (10, b + pad);
    }
  else if (max > min)
    {
      double pad = 0.05 * (max - min);

      *out_min = min - pad;
      *out_max = max + pad;
    }
  else
    {
      double pad = min != 0 ? 0.1 * fabs (min) : 1.0;

      *out_min = min - pad;
      *out_max = max + pad;
    }
  return TRUE;
}

void
cusp_axis_zoom (double    min,
                double    max,
                gboolean  log,
                double    anchor,
                double    factor,
                double   *out_min,
                double   *out_max)
{
  double a, b, pivot;

  g_return_if_fail (out_min != NULL && out_max != NULL);

  a = log ? log10 (min) : min;
  b = log ? log10 (max) : max;
  pivot = a + anchor * (b - a);
  a = pivot - (pivot - a) * factor;
  b = pivot + (b - pivot) * factor;
  *out_min = log ? pow (10, a) : a;
  *out_max = log ? pow (10, b) : b;
}

static CuspTime
clamp_time (double t)
{
  if (t <= (double) CUSP_TIME_MIN / 2)
    return CUSP_TIME_MIN / 2;
  if (t >= (double) CUSP_TIME_MAX / 2)
    return CUSP_TIME_MAX / 2;
  return (CuspTime) llround (t);
}

void
cusp_time_range_zoom (CuspTime  t0,
                      CuspTime  t1,
                      double    anchor,
                      double    factor,
                      CuspTime *out_t0,
                      CuspTime *out_t1)
{
  double len = (double) (t1 - t0);
  double pivot_offset = anchor * len;
  double new_len = MAX (len * factor, (double) MIN_RANGE_NS);
  CuspTime pivot = t0 + (CuspTime) llround (pivot_offset);

  g_return_if_fail (out_t0 != NULL && out_t1 != NULL);

  *out_t0 = clamp_time ((double) pivot - anchor * new_len);
  *out_t1 = clamp_time ((double) *out_t0 + new_len);
}

void
cusp_time_range_pan (CuspTime  t0,
                     CuspTime  t1,
                     double    fraction,
                     CuspTime *out_t0,
                     CuspTime *out_t1)
{
  CuspTime shift = (CuspTime) llround (fraction * (double) (t1 - t0));

  g_return_if_fail (out_t0 != NULL && out_t1 != NULL);

  *out_t0 = clamp_time ((double) t0 + (double) shift);
  *out_t1 = *out_t0 + (t1 - t0);
}

static int
compare_time (const void *a,
              const void *b)
{
  CuspTime x = *(const CuspTime *) a, y = *(const CuspTime *) b;

  return (x > y) - (x < y);
}

CuspTime
cusp_plot_estimate_cadence (const CuspTime *times,
                            gsize           n)
{
  CuspTime steps[CADENCE_SAMPLES];
  gsize n_steps = 0, stride;

  if (times == NULL || n < 2)
    return 0;
  stride = MAX ((gsize) 1, (n - 1) / CADENCE_SAMPLES);
  for (gsize i = 0; i + 1 < n && n_steps < CADENCE_SAMPLES; i += stride)
    if (times[i + 1] > times[i])
      steps[n_steps++] = times[i + 1] - times[i];
  if (n_steps == 0)
    return 0;
  qsort (steps, n_steps, sizeof steps[0], compare_time);
  return steps[n_steps / 2];
}

GArray *
cusp_plot_find_gaps (const CuspTime *times,
                     gsize           n,
                     CuspTime        max_step)
{
  GArray *gaps = g_array_new (FALSE, FALSE, sizeof (gsize));

  g_return_val_if_fail (times != NULL || n == 0, gaps);

  if (max_step <= 0)
    return gaps;
  for (gsize i = 0; i + 1 < n; i++)
    if (times[i + 1] - times[i] > max_step)
      g_array_append_val (gaps, i);
  return gaps;
}

/* Offset of the start of column c from t0, as cusp_minmax_pyramid_query()
 * computes it: c·q + c·r / width with span = q·width + r, all in 64 bits. */
static guint64
column_start (guint64 q,
              guint64 r,
              guint   width,
              guint   c)
{
  return c * q + ((guint64) c * r) / width;
}

/* The column holding t0 <= t < t1. */
static guint
column_of (CuspTime t,
           CuspTime t0,
           CuspTime t1,
           guint    width)
{
  guint64 span = (guint64) (t1 - t0), d = (guint64) (t - t0);
  guint64 q = span / width, r = span % width;
  guint c = (guint) MIN ((double) d / (double) span * width, width - 1.0);

  while (c + 1 < width && column_start (q, r, width, c + 1) <= d)
    c++;
  while (c > 0 && column_start (q, r, width, c) > d)
    c--;
  return c;
}

void
cusp_plot_mark_gaps (const CuspTime  *times,
                     gsize            n,
                     const GArray    *gaps,
                     CuspTime         t0,
                     CuspTime         t1,
                     guint            width,
                     CuspColumnStats *cols)
{
  guint lo, hi;

  g_return_if_fail (gaps != NULL);
  g_return_if_fail (width == 0 || cols != NULL);

  if (width == 0 || t1 <= t0 || gaps->len == 0)
    return;
  /* The first gap that ends at or after t0. */
  lo = 0;
  hi = gaps->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gsize i = g_array_index (gaps, gsize, mid);

      if (i + 1 < n && times[i + 1] < t0)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint g = lo; g < gaps->len; g++)
    {
      gsize i = g_array_index (gaps, gsize, g);
      gboolean before_in, after_in;
      guint a = 0, b = 0;

      if (i + 1 >= n || times[i] >= t1)
        break;
      before_in = times[i] >= t0;
      after_in = times[i + 1] < t1;
      if (before_in)
        a = column_of (times[i], t0, t1, width);
      if (after_in)
        b = column_of (times[i + 1], t0, t1, width);
      if (before_in && after_in && a == b)
        continue;
      if (before_in)
        cols[a].gap_after = TRUE;
      if (after_in)
        cols[b].gap_before = TRUE;
    }
}

static double
positive_weight (double w)
{
  return w > 0 && isfinite (w) ? w : 1;
}

void
cusp_plot_split_heights (double        available,
                         const double *weights,
                         guint         n,
                         double       *out)
{
  double total = 0, left;

  g_return_if_fail (n == 0 || (weights != NULL && out != NULL));

  available = available > 0 ? floor (available) : 0;
  for (guint i = 0; i < n; i++)
    total += positive_weight (weights[i]);
  left = available;
  for (guint i = 0; i < n; i++)
    {
      out[i] = floor (available * positive_weight (weights[i]) / total);
      left -= out[i];
    }
  /* Largest remainder first: at most n - 1 pixels to hand out. */
  while (left >= 1)
    {
      guint best = 0;
      double best_rem = -1;

      for (guint i = 0; i < n; i++)
        {
          double rem = available * positive_weight (weights[i]) / total - out[i];

          if (rem > best_rem + 1e-9)
            {
              best = i;
              best_rem = rem;
            }
        }
      out[best] += 1;
      left -= 1;
    }
}
