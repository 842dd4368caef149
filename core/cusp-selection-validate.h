/* cusp-selection-validate.h: EVA's checks before a SITL submission
 *
 * Port of mms_check_fom_structure.pro (docs/reference/eva_sitl.md §1.7)
 * with the thresholds of fom_validation.sav as configurable limits (their
 * "OLD WAY" defaults, docs/FORMATS.md), and EVA's buffer table per FOM
 * category (eva_sitl_buffdistr.pro, §3).
 */
#pragma once

#include <glib.h>
#include "cusp-burst-segment.h"

G_BEGIN_DECLS

#define CUSP_N_FOM_CATEGORIES 5

typedef struct
{
  double fom_min;               /* 0: absolute FOM bounds (error outside) */
  double fom_max;               /* 255 */
  double fom_gmax;              /* 200: above needs Super-SITL approval (orange) */
  guint  seg_min;               /* 1: segment length bounds in buffers (error) */
  guint  seg_max;               /* 60 */
  guint  nominal_min;           /* 2: nominal length (yellow outside) */
  guint  nominal_max;           /* 35 */
  guint  buff_max;              /* 1000: total buffers (orange above) */
  double p1_percent;            /* 33: % of buff_max allowed as priority 1 (yellow above) */
  double p1_fom_min;            /* 150: priority 1 is p1_fom_min <= FOM < p1_fom_max */
  double p1_fom_max;            /* 200 */
  double new_fom;               /* 40: FOM of a new segment */
  /* Lower FOM bound of categories 0..4 (200, 150, 100, 50, 0); category 0
   * ends at category_top (256), category n at the bound of n - 1. */
  double category_min[CUSP_N_FOM_CATEGORIES];
  double category_top;
} CuspValidationLimits;

typedef enum
{
  CUSP_PROBLEM_ERROR,   /* blocks submission */
  CUSP_PROBLEM_ORANGE,  /* only a Super-SITL can override */
  CUSP_PROBLEM_YELLOW,  /* needs justification */
} CuspProblemSeverity;

typedef struct
{
  CuspProblemSeverity  severity;
  int                  segment;   /* index into the validated array, or -1 */
  char                *message;   /* EVA's text (translated) + the segment's UTC start */
} CuspSelectionProblem;

typedef struct
{
  guint  n_segments;
  guint  n_buffers;
  guint  minutes;   /* round (n_buffers * 10 / 60) */
  double percent;   /* of the buffers of all categorised segments; 0 when none */
} CuspCategoryStats;

void        cusp_validation_limits_init       (CuspValidationLimits *limits);

/* Problems in EVA's order: FOM bounds, length bounds, start/stop, FOM above
 * fom_gmax, total buffers, nominal length, priority-1 share.  limits NULL
 * means the defaults.  Returns a GPtrArray of CuspSelectionProblem (freed
 * with the array). */
GPtrArray  *cusp_selection_validate           (const CuspBurstSegment     *segments,
                                               guint                       n_segments,
                                               const CuspValidationLimits *limits);
guint       cusp_selection_count_problems     (GPtrArray                  *problems,
                                               CuspProblemSeverity         severity);
void        cusp_selection_problem_free       (CuspSelectionProblem       *problem);

/* 0..4, or -1 when the FOM is outside every category (NaN, < 0, >= 256). */
int         cusp_fom_category                 (double                      fom,
                                               const CuspValidationLimits *limits);
/* stats[0..4] per category, stats[5] the total (EVA's "Total" row). */
void        cusp_selection_category_stats     (const CuspBurstSegment     *segments,
                                               guint                       n_segments,
                                               const CuspValidationLimits *limits,
                                               CuspCategoryStats           stats[CUSP_N_FOM_CATEGORIES + 1]);

G_END_DECLS
