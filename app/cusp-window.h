/* cusp-window.h: the main window: inventory sidebar and plot area */
#pragma once

#include <gtk/gtk.h>
#include "cusp-application.h"
#include "cusp-plot-panel.h"

G_BEGIN_DECLS

#define CUSP_TYPE_WINDOW (cusp_window_get_type ())
G_DECLARE_FINAL_TYPE (CuspWindow, cusp_window, CUSP, WINDOW, GtkApplicationWindow)

CuspWindow *cusp_window_new                (CuspApplication *application);
GtkWidget  *cusp_window_get_inventory_view (CuspWindow *self);
GtkWidget  *cusp_window_get_plot_area      (CuspWindow *self);

/* Adds CDF and CSV files and folders to the application's local provider
 * (the "Local files" tree).  What fails is said in the message bar at the
 * top of the plot area, and what was already open stays.  Returns TRUE
 * when every file opened.  Added. */
gboolean    cusp_window_open_files         (CuspWindow  *self,
                                            GFile      **files,
                                            guint        n_files);
/* The lower plot area, on the times of local data: the bundled FPI day
 * at start; hidden when the samples are not loaded.  Added. */
GtkWidget  *cusp_window_get_samples_area   (CuspWindow *self);
/* The bar's text while it is shown, else NULL.  Added. */
const char *cusp_window_get_message        (CuspWindow *self);
GtkWidget  *cusp_window_get_message_bar    (CuspWindow *self);

/* Plots id (a product of any of the application's providers) in a new
 * panel at the bottom of the plot area, loading it for the current time
 * range; the panel shows progress and any error itself.  Added. */
CuspPlotPanel *cusp_window_plot_product   (CuspWindow *self,
                                           const char *id);
/* TRUE when no panel is loading and each shows a picture of the current
 * range (or its error), e.g. before a screenshot.  Added. */
gboolean    cusp_window_plots_settled      (CuspWindow *self);

G_END_DECLS
