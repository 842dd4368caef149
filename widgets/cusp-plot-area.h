/* cusp-plot-area.h: the area of the window where plot panels stack
 *
 * A time-range bar above a CuspPlotStack; until something is plotted, a
 * placeholder that says what to do stands where the stack will be.
 * Accepts a product id dropped as a string (from the inventory view): on a
 * panel whose kind allows it the product is overlaid there; anywhere else
 * ::product-dropped reports it and the window decides (usually
 * cusp_plot_area_plot_product()).
 */
#pragma once

#include <gtk/gtk.h>

#include "cusp-plot-stack.h"
#include "cusp-time-range-bar.h"

G_BEGIN_DECLS

#define CUSP_TYPE_PLOT_AREA (cusp_plot_area_get_type ())
G_DECLARE_FINAL_TYPE (CuspPlotArea, cusp_plot_area, CUSP, PLOT_AREA, GtkWidget)

GtkWidget        *cusp_plot_area_new                 (void);
/* The "Drag a product here" placeholder widget. */
GtkWidget        *cusp_plot_area_get_placeholder     (CuspPlotArea *self);

/* Added with the plots. */
CuspPlotStack    *cusp_plot_area_get_stack           (CuspPlotArea *self);
CuspTimeRangeBar *cusp_plot_area_get_time_range_bar  (CuspPlotArea *self);
/* The CuspProvider list products are looked up in (by inventory node,
 * then by the provider id before the first '/'). */
void              cusp_plot_area_set_providers       (CuspPlotArea *self,
                                                      GListModel   *providers);
/* A new panel at the bottom that loads id for the stack's range. */
CuspPlotPanel    *cusp_plot_area_plot_product        (CuspPlotArea  *self,
                                                      const char    *id);
/* Overlays id in panel when both are series, else plots it in a new
 * panel; returns the panel that shows it. */
CuspPlotPanel    *cusp_plot_area_overlay_product     (CuspPlotArea  *self,
                                                      CuspPlotPanel *panel,
                                                      const char    *id);
/* The panels that have data as one figure of the stack's current size
 * (format from the extension: .png, .svg, .pdf). */
gboolean          cusp_plot_area_export              (CuspPlotArea  *self,
                                                      const char    *path,
                                                      GError       **error);

G_END_DECLS
