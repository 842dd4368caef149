/* cusp-spectrogram-resample.h: a spectrogram onto a pixel grid
 *
 * Each record covers the time from its stamp to the next record's, or one
 * cadence (cusp_plot_estimate_cadence) when the next record is more than
 * CUSP_PLOT_GAP_CADENCES cadences away, so data gaps stay blank.  Each bin
 * covers [edge j, edge j+1) of its record (cusp_spectrogram_bin_edges).
 * A pixel cell (column c × row r) takes the MEAN, or the MAX, of the finite
 * values of every (record, bin) cell that overlaps it with positive length
 * in both directions; no overlap, or only NaN, leaves it NaN (transparent).
 * The mean is unweighted: each overlapping data cell counts once.
 */
#pragma once

#include "cusp-spectrogram.h"
#include "cusp-plot-transform.h"

G_BEGIN_DECLS

typedef enum
{
  CUSP_RESAMPLE_MEAN,
  CUSP_RESAMPLE_MAX,
} CuspResampleMode;

/* out: width × height doubles, row-major, row 0 at the top.  Columns split
 * [t0, t1) as cusp_plot_time_to_x does with x0 = 0; rows come from y, whose
 * pixels are row coordinates (y->p0 = height for the bottom edge and
 * y->p1 = 0 for the top, usually).  Thread-safe, allocates only scratch. */
void      cusp_spectrogram_resample       (const CuspSpectrogram   *spec,
                                           CuspTime                 t0,
                                           CuspTime                 t1,
                                           guint                    width,
                                           const CuspAxisTransform *y,
                                           guint                    height,
                                           CuspResampleMode         mode,
                                           double                  *out);

/* Range of the finite values of records [i0, i1) (positive ones only when
 * positive_only, for a log colour scale).  FALSE if there are none. */
gboolean  cusp_spectrogram_value_range    (const CuspSpectrogram *spec,
                                           guint                  i0,
                                           guint                  i1,
                                           gboolean               positive_only,
                                           double                *out_min,
                                           double                *out_max);
/* Range of all bin edges of records [i0, i1) (positive ones only when
 * positive_only).  FALSE if there are none. */
gboolean  cusp_spectrogram_bin_range      (const CuspSpectrogram *spec,
                                           guint                  i0,
                                           guint                  i1,
                                           gboolean               positive_only,
                                           double                *out_min,
                                           double                *out_max);

G_END_DECLS
