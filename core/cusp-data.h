/* cusp-data.h: what a provider returns: one container of a known kind
 *
 * A small reference-counted tagged union over the five containers, so
 * providers, the cache and the plot engine pass one type around.  Also home
 * of the data error domain shared by the containers.
 */
#pragma once

#include <glib-object.h>
#include "cusp-series.h"
#include "cusp-spectrogram.h"
#include "cusp-interval-set.h"
#include "cusp-region-labels.h"
#include "cusp-text-series.h"

G_BEGIN_DECLS

#define CUSP_DATA_ERROR (cusp_data_error_quark ())
typedef enum
{
  CUSP_DATA_ERROR_MISMATCH,   /* fragments of different shapes */
  CUSP_DATA_ERROR_INVALID,    /* an interval with stop <= start, a bad value */
  CUSP_DATA_ERROR_NOT_FOUND,  /* no such product */
} CuspDataError;

GQuark cusp_data_error_quark (void);

typedef enum
{
  CUSP_DATA_KIND_NONE,
  CUSP_DATA_KIND_SERIES,
  CUSP_DATA_KIND_SPECTROGRAM,
  CUSP_DATA_KIND_INTERVALS,
  CUSP_DATA_KIND_REGIONS,
  CUSP_DATA_KIND_TEXT,         /* CuspTextSeries (HAPI string parameters) */
} CuspDataKind;

#define CUSP_TYPE_DATA_KIND (cusp_data_kind_get_type ())
GType cusp_data_kind_get_type (void) G_GNUC_CONST;

#define CUSP_TYPE_DATA (cusp_data_get_type ())

typedef struct _CuspData CuspData;

GType              cusp_data_get_type         (void) G_GNUC_CONST;
/* Each constructor takes ownership of the container reference. */
CuspData          *cusp_data_new_series       (CuspSeries       *series);
CuspData          *cusp_data_new_spectrogram  (CuspSpectrogram  *spectrogram);
CuspData          *cusp_data_new_intervals    (CuspIntervalSet  *intervals);
CuspData          *cusp_data_new_regions      (CuspRegionLabels *regions);
CuspData          *cusp_data_new_text         (CuspTextSeries   *text);
CuspData          *cusp_data_ref              (CuspData *self);
void               cusp_data_unref            (CuspData *self);
CuspDataKind       cusp_data_get_kind         (const CuspData *self);
/* Borrowed; NULL when the kind differs. */
CuspSeries        *cusp_data_get_series       (const CuspData *self);
CuspSpectrogram   *cusp_data_get_spectrogram  (const CuspData *self);
CuspIntervalSet   *cusp_data_get_intervals    (const CuspData *self);
CuspRegionLabels  *cusp_data_get_regions      (const CuspData *self);
CuspTextSeries    *cusp_data_get_text         (const CuspData *self);
/* Number of samples/records/intervals. */
guint              cusp_data_get_length       (const CuspData *self);
CuspData          *cusp_data_slice            (const CuspData *self,
                                               CuspTime        start,
                                               CuspTime        stop);
/* Fragments must all be of one kind. */
CuspData          *cusp_data_merge            (CuspData *const *fragments,
                                               guint            n_fragments,
                                               GError         **error);
const char        *cusp_data_kind_to_string   (CuspDataKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspData, cusp_data_unref)

G_END_DECLS
