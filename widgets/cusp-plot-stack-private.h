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

G_END_DECLS
