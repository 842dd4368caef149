/* cusp-selection-edit.h: the arithmetic behind editing selections by mouse
 *
 * Kept out of the widgets so tests can check it by hand: which segment
 * part lies under a pixel, what snapped times a drag gives, EVA's FOM
 * clamp and the dashboard's buffer marks (docs/reference/eva_sitl.md
 * §1.4, §1.5, §3).  Segment times are TAI seconds, view times CuspTime.
 */
#pragma once

#include "cusp-selection.h"
#include "cusp-selection-validate.h"

G_BEGIN_DECLS

typedef enum
{
  CUSP_SELECTION_HIT_NONE,    /* empty space */
  CUSP_SELECTION_HIT_BODY,    /* inside a segment, away from its edges */
  CUSP_SELECTION_HIT_START,   /* on a segment's start edge */
  CUSP_SELECTION_HIT_STOP,    /* on a segment's stop edge */
} CuspSelectionHit;

/* EVA's FOM editor bounds (fom_min_value, fom_max_value). */
#define CUSP_SELECTION_EDIT_FOM_MIN   2.0
#define CUSP_SELECTION_EDIT_FOM_MAX 255.0
/* Pixels either side of an edge that grab it. */
#define CUSP_SELECTION_EDGE_TOLERANCE 5.0

/* What lies under pixel x when [t0, t1) is drawn from x0, width pixels
 * wide (cusp_plot_time_to_x).  An edge wins within tolerance pixels
 * outside a segment and up to a third of its width inside, so a narrow
 * segment keeps a body to grab; of several candidates the nearest edge
 * wins.  *index is the segment, -1 for NONE. */
CuspSelectionHit cusp_selection_hit_test        (const CuspBurstSegment *segments,
                                                 guint                   n_segments,
                                                 CuspTime                t0,
                                                 CuspTime                t1,
                                                 double                  x0,
                                                 double                  width,
                                                 double                  x,
                                                 double                  tolerance,
                                                 int                    *index);

/* The snapped [*start, *stop) (TAI s) a drag gives, from the time under
 * the pointer at the press (t_press) to the time under it now (t_now),
 * both TAI s:
 *  - NONE: a new segment between the two times, each snapped to the
 *    nearest buffer, at least one buffer long, inside the window;
 *  - BODY: the segment [seg_start, seg_stop) moved by the drag rounded to
 *    whole buffers, its length kept and held inside the window;
 *  - START / STOP: that edge moved to the nearest buffer, at least one
 *    buffer from the other edge, inside the window. */
void             cusp_selection_drag_times      (CuspSelection    *selection,
                                                 CuspSelectionHit  hit,
                                                 gint64            seg_start,
                                                 gint64            seg_stop,
                                                 gint64            t_press,
                                                 gint64            t_now,
                                                 gint64           *start,
                                                 gint64           *stop);

/* EVA's FOM editor clamp [2, 255]; NaN gives the new-segment FOM 40. */
double           cusp_selection_clamp_fom       (double fom);
/* The FOM the keys 0-4 give: 200, 150, 100, 50, 25 (one in each
 * category, its lower bound but for category 4); NaN for another key. */
double           cusp_selection_preset_fom      (int    category);

typedef enum
{
  CUSP_BUFFER_LEVEL_OK,       /* green: at most the warning mark */
  CUSP_BUFFER_LEVEL_WARNING,  /* yellow: at most the maximum */
  CUSP_BUFFER_LEVEL_OVER,     /* red: above the maximum */
} CuspBufferLevel;

/* EVA's dashboard (eva_sitl_update_board.pro): warning = target +
 * 0.2 (max - target). */
double           cusp_selection_warning_buffers (guint  target,
                                                 guint  buff_max);
CuspBufferLevel  cusp_selection_buffer_level    (guint  n_buffers,
                                                 guint  target,
                                                 guint  buff_max);

G_END_DECLS
