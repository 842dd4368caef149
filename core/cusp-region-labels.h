/* cusp-region-labels.h: time x class probabilities
 *
 * The FCN's output and the simulation's ground truth have the same shape:
 * for each sample a probability per class (ground truth is one-hot).  The
 * ten classes are in the fixed order of FORMATS.md.
 */
#pragma once

#include <glib-object.h>
#include "cusp-time.h"

G_BEGIN_DECLS

#define CUSP_TYPE_REGION_LABELS (cusp_region_labels_get_type ())

typedef enum
{
  CUSP_REGION_SW,     /* solar wind */
  CUSP_REGION_FS,     /* ion foreshock */
  CUSP_REGION_BS,     /* bow shock */
  CUSP_REGION_MSH,    /* magnetosheath */
  CUSP_REGION_MP,     /* magnetopause */
  CUSP_REGION_BL,     /* boundary layer */
  CUSP_REGION_MSP,    /* magnetosphere */
  CUSP_REGION_PS,     /* plasma sheet */
  CUSP_REGION_PSBL,   /* plasma sheet boundary layer */
  CUSP_REGION_LOBE,   /* lobes */
  CUSP_N_REGIONS
} CuspRegion;

typedef struct _CuspRegionLabels CuspRegionLabels;

struct _CuspRegionLabels
{
  /*< public, read-only >*/
  guint     n_samples;
  guint     n_classes;       /* CUSP_N_REGIONS */
  CuspTime *times;           /* n_samples, strictly increasing */
  float    *probabilities;   /* n_samples * n_classes, row-major */
  char     *name;
};

GType              cusp_region_labels_get_type   (void) G_GNUC_CONST;
CuspRegionLabels  *cusp_region_labels_new        (guint n_samples);
CuspRegionLabels  *cusp_region_labels_ref        (CuspRegionLabels *self);
void               cusp_region_labels_unref      (CuspRegionLabels *self);
void               cusp_region_labels_set_name   (CuspRegionLabels *self,
                                                  const char       *name);

/* Short ("MSH") and long ("magnetosheath", translated) names. */
const char        *cusp_region_get_abbrev        (CuspRegion region);
const char        *cusp_region_get_name          (CuspRegion region);
/* Sets sample i to a one-hot vector of region. */
void               cusp_region_labels_set_class  (CuspRegionLabels *self,
                                                  guint             i,
                                                  CuspRegion        region);
/* Most probable class at sample i (lowest index on ties). */
CuspRegion         cusp_region_labels_argmax     (const CuspRegionLabels *self,
                                                  guint                   i);
guint              cusp_region_labels_lower_bound (const CuspRegionLabels *self,
                                                   CuspTime                t);
CuspRegionLabels  *cusp_region_labels_slice      (const CuspRegionLabels *self,
                                                  CuspTime                start,
                                                  CuspTime                stop);
CuspRegionLabels  *cusp_region_labels_merge      (CuspRegionLabels *const *fragments,
                                                  guint                    n_fragments,
                                                  GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspRegionLabels, cusp_region_labels_unref)

G_END_DECLS
