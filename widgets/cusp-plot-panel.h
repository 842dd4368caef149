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
#include "cusp-provider.h"

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
 * the values there (nearest sample, the spectrogram cell at y, or the
 * text value each band shows at x). */
char              *cusp_plot_panel_describe_at        (CuspPlotPanel *self,
                                                       double         x,
                                                       double         y);

/* TRUE once a picture is shown; the range it was drawn for. */
gboolean           cusp_plot_panel_get_picture_range  (CuspPlotPanel *self,
                                                       CuspTime      *start,
                                                       CuspTime      *stop);

/* ---- Panels that load their products (added) ----------------------------
 *
 * A product panel asks its provider for the stack's time range (plus a
 * quarter of it on each side) and again, 150 ms after the range last
 * changed, when the range leaves what was loaded; the last picture stays
 * meanwhile.  While loading it shows a progress bar (pulsing until the
 * provider reports a fraction) and a Cancel button; a
 * failure is shown in the panel, in words, and nothing else is affected.
 * Series panels can overlay more series products on the same y axis.
 */
typedef enum
{
  CUSP_PLOT_PANEL_READY,      /* everything asked for is loaded */
  CUSP_PLOT_PANEL_LOADING,
  CUSP_PLOT_PANEL_FAILED,     /* see cusp_plot_panel_get_message() */
} CuspPlotPanelState;

#define CUSP_TYPE_PLOT_PANEL_STATE (cusp_plot_panel_state_get_type ())
GType              cusp_plot_panel_state_get_type     (void) G_GNUC_CONST;

/* provider may be NULL: the panel then says that no source has product.
 * kind is what the inventory says the product is (NONE if unknown). */
GtkWidget         *cusp_plot_panel_new_for_product    (CuspProvider  *provider,
                                                       const char    *product,
                                                       const char    *title,
                                                       CuspDataKind   kind);
/* Overlays a series product; FALSE (nothing changes) unless both this
 * panel and kind are series.  */
gboolean           cusp_plot_panel_add_product        (CuspPlotPanel *self,
                                                       CuspProvider  *provider,
                                                       const char    *product,
                                                       const char    *title,
                                                       CuspDataKind   kind);
gboolean           cusp_plot_panel_can_overlay        (CuspPlotPanel *self,
                                                       CuspDataKind   kind);
guint              cusp_plot_panel_get_n_products     (CuspPlotPanel *self);
const char        *cusp_plot_panel_get_product        (CuspPlotPanel *self,
                                                       guint          index);
/* "B GSE"; with overlays "B GSE + Ni". */
const char        *cusp_plot_panel_get_title          (CuspPlotPanel *self);
CuspDataKind       cusp_plot_panel_get_kind           (CuspPlotPanel *self);
CuspPlotPanelState cusp_plot_panel_get_state          (CuspPlotPanel *self);
/* The failure shown in the panel, NULL when there is none. */
const char        *cusp_plot_panel_get_message        (CuspPlotPanel *self);
/* The fraction the progress bar shows while loading (mean of the loads
 * in flight), -1 when not loading or while it pulses for lack of a
 * figure (added). */
double             cusp_plot_panel_get_progress       (CuspPlotPanel *self);
/* Stops the loads in flight; what was loaded before stays. */
void               cusp_plot_panel_cancel_load        (CuspPlotPanel *self);

/* Settings kept across loads (also properties "y-log", "z-log",
 * "colormap" and the actions "panel.y-log", "panel.z-log",
 * "panel.colormap" of its context menu). */
void               cusp_plot_panel_set_y_log          (CuspPlotPanel *self,
                                                       gboolean       log);
gboolean           cusp_plot_panel_get_y_log          (CuspPlotPanel *self);
void               cusp_plot_panel_set_z_log          (CuspPlotPanel *self,
                                                       gboolean       log);
gboolean           cusp_plot_panel_get_z_log          (CuspPlotPanel *self);
/* "viridis", "jet", ... (cusp_colormap_list_names()). */
void               cusp_plot_panel_set_colormap       (CuspPlotPanel *self,
                                                       const char    *name);
const char        *cusp_plot_panel_get_colormap       (CuspPlotPanel *self);
/* A manual y range; NaN for both autoscales.  Set before the data
 * arrives, it applies once it does (changed: it used to be dropped). */
void               cusp_plot_panel_set_y_range        (CuspPlotPanel *self,
                                                       double         min,
                                                       double         max);
/* TRUE and the manual y range (from set_y_range or a y zoom), or FALSE
 * (NaN in both) when the panel autoscales.  Added. */
gboolean           cusp_plot_panel_get_y_range        (CuspPlotPanel *self,
                                                       double        *min,
                                                       double        *max);
/* Opens the context menu at (x, y) of the panel. */
void               cusp_plot_panel_popup_menu         (CuspPlotPanel *self,
                                                       double         x,
                                                       double         y);

G_END_DECLS
