/* cusp-window-private.h: the plot side of CuspWindow, in its own file */
#pragma once

#include "cusp-window.h"

G_BEGIN_DECLS

/* Providers for the plot area, the first range and (unless the
 * environment has CUSP_NO_DEFAULT_LAYOUT=1) the default panels; the
 * actions win.back, win.forward and win.export-figure. */
void _cusp_window_setup_plots (CuspWindow      *self,
                               CuspApplication *application);

/* app/cusp-window-samples.c: the lower plot area shows the bundled FPI
 * day (unless CUSP_NO_DEFAULT_LAYOUT=1) when the samples are loaded. */
void     _cusp_window_setup_samples (CuspWindow      *self,
                                     CuspApplication *application);
/* Plots a local product in that area, on its own times if the area's
 * range misses them; FALSE when the area is hidden. */
gboolean _cusp_window_plot_local    (CuspWindow      *self,
                                     const char      *id);

G_END_DECLS
