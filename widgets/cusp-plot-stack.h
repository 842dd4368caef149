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

G_END_DECLS
