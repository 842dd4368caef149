/* cusp-plot-area.h: the area of the window where plot panels will stack
 *
 * Until something is plotted it shows a placeholder that says what to do.
 * Accepts a product id dropped as a string (from the inventory view) and
 * reports it with ::product-dropped; plotting is the window's business.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CUSP_TYPE_PLOT_AREA (cusp_plot_area_get_type ())
G_DECLARE_FINAL_TYPE (CuspPlotArea, cusp_plot_area, CUSP, PLOT_AREA, GtkWidget)

GtkWidget *cusp_plot_area_new             (void);
/* The "Drag a product here" placeholder widget. */
GtkWidget *cusp_plot_area_get_placeholder (CuspPlotArea *self);

G_END_DECLS
