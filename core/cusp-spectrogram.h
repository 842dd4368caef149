/* cusp-spectrogram.h: time x bins values
 *
 * values[i * n_bins + j] is record i, bin j (row-major: a record is one
 * column of pixels).  Bin centres are either fixed (one row of n_bins shared
 * by all records) or given per record (FPI energy tables change with the
 * record): bins_per_record tells which, and cusp_spectrogram_bin_centres()
 * hides the difference.  Edges (n_bins + 1 per row) are optional; when
 * absent they are derived from the centres (geometric midpoints on a log
 * axis, arithmetic on a linear one).
 */
#pragma once

#include <glib-object.h>
#include "cusp-time.h"
#include "cusp-metadata.h"

G_BEGIN_DECLS

#define CUSP_TYPE_SPECTROGRAM (cusp_spectrogram_get_type ())

typedef enum
{
  CUSP_SCALE_LINEAR,
  CUSP_SCALE_LOG,
} CuspScale;

typedef struct _CuspSpectrogram CuspSpectrogram;

struct _CuspSpectrogram
{
  /*< public, read-only >*/
  guint         n_records;
  guint         n_bins;
  CuspTime     *times;            /* n_records, strictly increasing */
  double       *values;           /* n_records * n_bins, row-major */
  gboolean      bins_per_record;  /* centres/edges have one row per record */
  double       *bin_centres;      /* n_bins, or n_records * n_bins */
  double       *bin_edges;        /* NULL, or (n_bins + 1) [* n_records] */
  char         *name;
  char         *unit;             /* z unit, e.g. "keV/(cm^2 s sr keV)" */
  char         *bin_unit;         /* y unit, e.g. "eV" */
  char         *bin_label;        /* y title, e.g. "Energy" */
  CuspScale     y_scale;          /* hint */
  CuspScale     z_scale;          /* hint */
  double        z_min, z_max;     /* hint; NaN when unknown */
  CuspMetadata *metadata;
};

GType             cusp_spectrogram_get_type        (void) G_GNUC_CONST;
CuspSpectrogram  *cusp_spectrogram_new             (guint     n_records,
                                                    guint     n_bins,
                                                    gboolean  bins_per_record);
CuspSpectrogram  *cusp_spectrogram_ref             (CuspSpectrogram *self);
void              cusp_spectrogram_unref           (CuspSpectrogram *self);

void              cusp_spectrogram_set_name        (CuspSpectrogram *self,
                                                    const char      *name);
void              cusp_spectrogram_set_unit        (CuspSpectrogram *self,
                                                    const char      *unit);
void              cusp_spectrogram_set_bin_unit    (CuspSpectrogram *self,
                                                    const char      *unit);
void              cusp_spectrogram_set_bin_label   (CuspSpectrogram *self,
                                                    const char      *label);
/* Replaces the metadata (takes a new reference).  Added. */
void              cusp_spectrogram_set_metadata    (CuspSpectrogram *self,
                                                    CuspMetadata    *metadata);
/* Allocates bin_edges (zeroed) so a reader can fill them. */
double           *cusp_spectrogram_alloc_edges     (CuspSpectrogram *self);

/* Centres of record i's bins (the shared row when bins are fixed). */
const double     *cusp_spectrogram_bin_centres     (const CuspSpectrogram *self,
                                                    guint                  record);
/* Writes n_bins + 1 edges of record i into out: the given edges, or ones
 * derived from the centres (log: geometric midpoints and mirrored ends;
 * linear: arithmetic). */
void              cusp_spectrogram_bin_edges       (const CuspSpectrogram *self,
                                                    guint                  record,
                                                    double                *out);
/* The bin of record i whose edges hold y (lower edge included, the top
 * edge of the last bin too), -1 when y is outside every bin or NaN; lo
 * and hi (may be NULL) get that bin's edges, lo < hi.  Added. */
int               cusp_spectrogram_find_bin        (const CuspSpectrogram *self,
                                                    guint                  record,
                                                    double                 y,
                                                    double                *lo,
                                                    double                *hi);
gsize             cusp_spectrogram_apply_fill      (CuspSpectrogram *self,
                                                    double           fill,
                                                    double           valid_min,
                                                    double           valid_max);
gboolean          cusp_spectrogram_sort            (CuspSpectrogram *self);
guint             cusp_spectrogram_lower_bound     (const CuspSpectrogram *self,
                                                    CuspTime               t);
CuspSpectrogram  *cusp_spectrogram_slice           (const CuspSpectrogram *self,
                                                    CuspTime               start,
                                                    CuspTime               stop);
/* Same rules as cusp_series_merge; fragments must agree on n_bins and on
 * whether bins are per record. */
CuspSpectrogram  *cusp_spectrogram_merge           (CuspSpectrogram *const *fragments,
                                                    guint                   n_fragments,
                                                    GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspSpectrogram, cusp_spectrogram_unref)

G_END_DECLS
