/* cusp-plot-stack.h: plot panels stacked on one shared time axis
 *
 * One set_range() emits one ::range-changed and reaches every panel.  The
 * bottom panel alone shows time labels.  Interaction (on any panel): wheel
 * pans time, Ctrl+wheel zooms about the pointer, Shift+wheel zooms the y
 * axis of the panel under the pointer, drag pans, double click autoscales
 * y, Left/Right step by half the range, Alt+Left/Alt+Right (and the mouse
 * back/forward buttons) walk the view history, a crosshair follows the
 * pointer with a read-out of the time and values under it.
 */
#pragma once

#include <gtk/gtk.h>

#include "cusp-plot-panel.h"

G_BEGIN_DECLS

#define CUSP_TYPE_PLOT_STACK (cusp_plot_stack_get_type ())
G_DECLARE_FINAL_TYPE (CuspPlotStack, cusp_plot_stack, CUSP, PLOT_STACK, GtkWidget)

GtkWidget     *cusp_plot_stack_new            (void);

/* Appends a panel for data (a new CuspPlotPanel) and returns it. */
CuspPlotPanel *cusp_plot_stack_add_data       (CuspPlotStack *self,
                                               CuspData      *data);
void           cusp_plot_stack_remove_panel   (CuspPlotStack *self,
                                               CuspPlotPanel *panel);
guint          cusp_plot_stack_get_n_panels   (CuspPlotStack *self);
CuspPlotPanel *cusp_plot_stack_get_panel      (CuspPlotStack *self,
                                               guint          index);

/* Sets the range of every panel and records the previous one in the
 * history (forward history is cleared).  Emits ::range-changed once. */
void           cusp_plot_stack_set_range      (CuspPlotStack *self,
                                               CuspTime       start,
                                               CuspTime       stop);
void           cusp_plot_stack_get_range      (CuspPlotStack *self,
                                               CuspTime      *start,
                                               CuspTime      *stop);
gboolean       cusp_plot_stack_go_back        (CuspPlotStack *self);
gboolean       cusp_plot_stack_go_forward     (CuspPlotStack *self);

/* View steps used by the pointer and keys. */
void           cusp_plot_stack_zoom           (CuspPlotStack *self,
                                               double         anchor,
                                               double         factor);
void           cusp_plot_stack_pan            (CuspPlotStack *self,
                                               double         fraction);

/* Appends a panel made elsewhere (cusp_plot_panel_new_for_product()) and
 * gives it the stack's range.  Added. */
void           cusp_plot_stack_add_panel      (CuspPlotStack *self,
                                               CuspPlotPanel *panel);
/* Moves panel to position (0 is the top).  Added. */
void           cusp_plot_stack_move_panel     (CuspPlotStack *self,
                                               CuspPlotPanel *panel,
                                               guint          position);
/* Every panel that has data, in order, as one figure (data shared), for
 * export.  Added. */
CuspPlotRenderer *cusp_plot_stack_build_figure (CuspPlotStack *self);
/* A panel's share of the data heights (default 1; dragging the gap
 * between two panels changes it).  Added. */
double         cusp_plot_stack_get_panel_weight (CuspPlotStack *self,
                                                 CuspPlotPanel *panel);
void           cusp_plot_stack_set_panel_weight (CuspPlotStack *self,
                                                 CuspPlotPanel *panel,
                                                 double         weight);

/* Also (added): ::panels-changed after a panel is added, removed or moved;
 * drag the gap between two panels to share their height differently;
 * right-drag or Shift+drag draws a box and zooms time to it; a right click
 * opens the context menu of the panel under the pointer. */

G_END_DECLS
