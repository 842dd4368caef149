/* cusp-plot-stack-private.h: the stack's pointer handlers, for tests
 *
 * Synthesising pointer events is not practical under GTK 4 tests, so tests
 * drive the same functions the gestures call, with stack coordinates.
 */
#pragma once

#include "cusp-plot-stack.h"

G_BEGIN_DECLS

/* Box zoom: begin at (x, y), move to (x, y), end at (x, y).  end returns
 * TRUE when the box was wide enough to zoom (4 px or more). */
void      _cusp_plot_stack_box_begin       (CuspPlotStack *self,
                                            double         x,
                                            double         y);
void      _cusp_plot_stack_box_update      (CuspPlotStack *self,
                                            double         x,
                                            double         y);
gboolean  _cusp_plot_stack_box_end         (CuspPlotStack *self,
                                            double         x,
                                            double         y);
/* The separator under y (0 is between the first two panels), or -1. */
int       _cusp_plot_stack_separator_at    (CuspPlotStack *self,
                                            double         y);
/* Drags separator by dy pixels (down is positive). */
void      _cusp_plot_stack_drag_separator  (CuspPlotStack *self,
                                            guint          separator,
                                            double         dy);

/* Reordering by drag (added).  The grip is a GRIP-pixel square at the top
 * left of each panel; the panel whose grip holds (x, y), or NULL. */
CuspPlotPanel *_cusp_plot_stack_grip_at         (CuspPlotStack *self,
                                                 double         x,
                                                 double         y);
/* Where a panel dropped at y would go: the number of panels whose middle
 * is above y (0 on top, n at the bottom). */
guint          _cusp_plot_stack_insertion_index (CuspPlotStack *self,
                                                 double         y);
/* What the drop target does: moves panel to the insertion index of y.
 * TRUE when the order changed. */
gboolean       _cusp_plot_stack_drop_panel      (CuspPlotStack *self,
                                                 CuspPlotPanel *panel,
                                                 double         y);

G_END_DECLS
