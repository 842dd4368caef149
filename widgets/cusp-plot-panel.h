/* cusp-plot-panel.h: one plot panel of a stack (lines or a spectrogram)
 *
 * Draws the picture of a single-panel CuspPlotRenderer.  Rendering (the
 * min/max pyramid build on first use, the spectrogram resampling, the
 * drawing itself) runs in a GTask worker; each request bumps a generation
 * counter and results of older generations are dropped.  Until a new
 * picture arrives the last good one stays, stretched to the allocation.
 * Pointer handling that concerns the shared time axis goes to the parent
 * CuspPlotStack; Shift+wheel zooms this panel's y axis and a double click
 * autoscales it.
 */
#pragma once

#include <gtk/gtk.h>

#include "cusp-plot-renderer.h"

G_BEGIN_DECLS

#define CUSP_TYPE_PLOT_PANEL (cusp_plot_panel_get_type ())
G_DECLARE_FINAL_TYPE (CuspPlotPanel, cusp_plot_panel, CUSP, PLOT_PANEL, GtkWidget)

GtkWidget         *cusp_plot_panel_new                (CuspData      *data);
CuspData          *cusp_plot_panel_get_data           (CuspPlotPanel *self);
/* The renderer holding this panel's settings (panel index 0).  After
 * changing it, call cusp_plot_panel_queue_render(). */
CuspPlotRenderer  *cusp_plot_panel_get_renderer       (CuspPlotPanel *self);
void               cusp_plot_panel_queue_render       (CuspPlotPanel *self);

void               cusp_plot_panel_set_range          (CuspPlotPanel *self,
                                                       CuspTime       start,
                                                       CuspTime       stop);
void               cusp_plot_panel_set_time_labels    (CuspPlotPanel *self,
                                                       gboolean       time_labels);
gboolean           cusp_plot_panel_get_time_labels    (CuspPlotPanel *self);

/* y zoom about anchor (0 bottom, 1 top of the data area); factor < 1 zooms
 * in.  Autoscale returns to the visible data's range. */
void               cusp_plot_panel_zoom_y             (CuspPlotPanel *self,
                                                       double         anchor,
                                                       double         factor);
void               cusp_plot_panel_autoscale          (CuspPlotPanel *self);

/* The vertical crosshair line at t (CUSP_TIME_INVALID hides it). */
void               cusp_plot_panel_set_crosshair      (CuspPlotPanel *self,
                                                       CuspTime       t);
/* Text drawn in a box at the top right of the data area (the read-out of
 * the stack's pointer); NULL hides it. */
void               cusp_plot_panel_set_readout        (CuspPlotPanel *self,
                                                       const char    *text);
/* "2015-10-16T12:00:00.000  Bx GSE 3.1  By GSE −2.0 …": the time at x and
 * the values there (nearest sample, or the spectrogram cell at y). */
char              *cusp_plot_panel_describe_at        (CuspPlotPanel *self,
                                                       double         x,
                                                       double         y);

/* TRUE once a picture is shown; the range it was drawn for. */
gboolean           cusp_plot_panel_get_picture_range  (CuspPlotPanel *self,
                                                       CuspTime      *start,
                                                       CuspTime      *stop);

G_END_DECLS
