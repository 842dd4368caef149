/* cusp-selection-dashboard.h: EVA's dashboard and the validation list
 *
 * A compact bar with the figures of EVA's dashboard
 * (eva_sitl_update_board.pro, docs/reference/eva_sitl.md §1.4): segments,
 * buffers, minutes of data and segments with errors (red when any), and
 * a buffer bar with the target, warning (target + 0.2 (max - target)) and
 * maximum marks, filled green up to the warning mark, yellow up to the
 * maximum and red above.  Under it, a list of the validation problems
 * (§1.7): each row has the severity's icon and colour (error red, orange,
 * yellow) and EVA's message; activating a row emits ::problem-activated
 * with the segment's index (-1 for problems of the whole selection).
 */
#pragma once

#include <gtk/gtk.h>

#include "cusp-selection.h"
#include "cusp-selection-validate.h"

G_BEGIN_DECLS

#define CUSP_TYPE_SELECTION_DASHBOARD (cusp_selection_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (CuspSelectionDashboard, cusp_selection_dashboard, CUSP, SELECTION_DASHBOARD, GtkWidget)

GtkWidget  *cusp_selection_dashboard_new            (void);
/* Follows selection (NULL: shows nothing); limits NULL: the defaults. */
void        cusp_selection_dashboard_set_selection  (CuspSelectionDashboard     *self,
                                                     CuspSelection              *selection,
                                                     const CuspValidationLimits *limits);
/* Validates again and updates every figure (done on each "changed"). */
void        cusp_selection_dashboard_refresh        (CuspSelectionDashboard *self);
/* The figures as shown: "N segments · N buffers · N min · N errors". */
const char *cusp_selection_dashboard_get_summary    (CuspSelectionDashboard *self);
/* Rows of the problem list, and the list itself (a GtkListBox). */
guint       cusp_selection_dashboard_get_n_problems (CuspSelectionDashboard *self);
GtkWidget  *cusp_selection_dashboard_get_list       (CuspSelectionDashboard *self);
/* The segment of problem row index (-1 for the whole selection). */
int         cusp_selection_dashboard_get_problem_segment (CuspSelectionDashboard *self,
                                                          guint                   index);
/* Draws the buffer bar into (0, 0, width, height) of cr. */
void        cusp_selection_dashboard_draw_bar       (CuspSelectionDashboard *self,
                                                     cairo_t                *cr,
                                                     double                  width,
                                                     double                  height);

G_END_DECLS
