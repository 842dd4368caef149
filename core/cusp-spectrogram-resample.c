#define G_LOG_DOMAIN "cusp-spectrogram-resample"

#include "config.h"

#include "cusp-spectrogram-resample.h"

#include <math.h>

/* Overlaps thinner than this (in pixels) are rounding noise. */
#define PIXEL_EPSILON 1e-6

/* [first, last] pixel indexes overlapped with positive length by the pixel
 * interval [a, b) (either order), clipped to [0, n).  FALSE when empty. */
static gboolean
pixel_span (double  a,
            double  b,
            guint   n,
            guint  *first,
            guint  *last)
{
  double lo = MIN (a, b), hi = MAX (a, b);
  double f, l;

  if (!isfinite (lo) || !isfinite (hi) || hi <= lo || hi <= 0 || lo >= n)
    return FALSE;
  /* Rounding in the transforms must not make a cell touch a neighbour. */
  f = floor (MAX (lo, 0) + PIXEL_EPSILON);
  l = ceil (MIN (hi, (double) n) - PIXEL_EPSILON) - 1;
  if (l < f)
    return FALSE;
  *first = (guint) f;
  *last = (guint) l;
  return TRUE;
}

static CuspTime
record_end (const CuspSpectrogram *spec,
            guint                  i,
            CuspTime               cadence)
{
  if (i + 1 < spec->n_records
      && spec->times[i + 1] - spec->times[i] <= CUSP_PLOT_GAP_CADENCES * cadence)
    return spec->times[i + 1];
  return spec->times[i] + cadence;
}

static void
accumulate (double           *out,
            guint            *count,
            gsize             k,
            double            v,
            CuspResampleMode  mode)
{
  if (count[k] == 0)
    out[k] = v;
  else if (mode == CUSP_RESAMPLE_MAX)
    out[k] = MAX (out[k], v);
  else
    out[k] += v;
  count[k]++;
}

void
cusp_spectrogram_resample (const CuspSpectrogram   *spec,
                           CuspTime                 t0,
                           CuspTime                 t1,
                           guint                    width,
                           const CuspAxisTransform *y,
                           guint                    height,
                           CuspResampleMode         mode,
                           double                  *out)
{
  g_autofree guint *count = NULL;
  g_autofree double *edges = NULL;
  gsize n_px = (gsize) width * height;
  CuspTime cadence;
  guint i0;

  g_return_if_fail (spec != NULL && y != NULL);
  g_return_if_fail (out != NULL || n_px == 0);

  for (gsize k = 0; k < n_px; k++)
    out[k] = NAN;
  if (n_px == 0 || spec->n_records == 0 || spec->n_bins == 0 || t1 <= t0)
    return;

  count = g_new0 (guint, n_px);
  edges = g_new (double, spec->n_bins + 1);
  cadence = cusp_plot_estimate_cadence (spec->times, spec->n_records);
  if (cadence <= 0)
    cadence = MAX ((CuspTime) 1, (t1 - t0) / width);

  /* A record that starts before t0 may still reach into the view. */
  i0 = cusp_spectrogram_lower_bound (spec, t0);
  if (i0 > 0)
    i0--;
  for (guint i = i0; i < spec->n_records && spec->times[i] < t1; i++)
    {
      const double *row = spec->values + (gsize) i * spec->n_bins;
      double xa = cusp_plot_time_to_x (spec->times[i], t0, t1, 0, width);
      double xb = cusp_plot_time_to_x (record_end (spec, i, cadence), t0, t1, 0, width);
      guint c0, c1;

      if (!pixel_span (xa, xb, width, &c0, &c1))
        continue;
      cusp_spectrogram_bin_edges (spec, i, edges);
      for (guint j = 0; j < spec->n_bins; j++)
        {
          double ya, yb;
          guint r0, r1;

          if (!isfinite (row[j]))
            continue;
          ya = cusp_axis_transform_to_pixel (y, edges[j]);
          yb = cusp_axis_transform_to_pixel (y, edges[j + 1]);
          if (!pixel_span (ya, yb, height, &r0, &r1))
            continue;
          for (guint r = r0; r <= r1; r++)
            for (guint c = c0; c <= c1; c++)
              accumulate (out, count, (gsize) r * width + c, row[j], mode);
        }
    }

  if (mode == CUSP_RESAMPLE_MEAN)
    for (gsize k = 0; k < n_px; k++)
      if (count[k] > 1)
        out[k] /= count[k];
}

gboolean
cusp_spectrogram_value_range (const CuspSpectrogram *spec,
                              guint                  i0,
                              guint                  i1,
                              gboolean               positive_only,
                              double                *out_min,
                              double                *out_max)
{
  double lo = INFINITY, hi = -INFINITY;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (out_min != NULL && out_max != NULL, FALSE);

  i1 = MIN (i1, spec->n_records);
  for (gsize k = (gsize) i0 * spec->n_bins; k < (gsize) i1 * spec->n_bins; k++)
    {
      double v = spec->values[k];

      if (!isfinite (v) || (positive_only && v <= 0))
        continue;
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  *out_min = lo;
  *out_max = hi;
  return lo <= hi;
}

gboolean
cusp_spectrogram_bin_range (const CuspSpectrogram *spec,
                            guint                  i0,
                            guint                  i1,
                            gboolean               positive_only,
                            double                *out_min,
                            double                *out_max)
{
  g_autofree double *edges = NULL;
  double lo = INFINITY, hi = -INFINITY;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (out_min != NULL && out_max != NULL, FALSE);

  edges = g_new (double, spec->n_bins + 1);
  i1 = MIN (i1, spec->n_records);
  /* With fixed bins one row says everything. */
  if (!spec->bins_per_record && i1 > i0)
    i1 = i0 + 1;
  for (guint i = i0; i < i1 && spec->n_bins > 0; i++)
    {
      cusp_spectrogram_bin_edges (spec, i, edges);
      for (guint j = 0; j <= spec->n_bins; j++)
        {
          if (!isfinite (edges[j]) || (positive_only && edges[j] <= 0))
            continue;
          lo = MIN (lo, edges[j]);
          hi = MAX (hi, edges[j]);
        }
    }
  *out_min = lo;
  *out_max = hi;
  return lo < hi;
}
