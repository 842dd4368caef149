/* cusp-plot-renderer.h: draws a figure of stacked plot panels with Cairo
 *
 * No GtkWidget here: the same code draws into a widget snapshot, a worker's
 * image surface and the PNG/SVG/PDF files of `cusp render`.  A renderer
 * holds panels (one CuspData each: a series as lines, a spectrogram as an
 * image) and the time range they share.  Only the bottom panel of a figure
 * carries time labels.
 *
 * Threads: a renderer is not locked.  Give a worker its own
 * cusp_plot_renderer_copy(); copies share the data and the min/max
 * pyramids, which are built on first use under a lock, so any thread may
 * draw its copy.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "cusp-colormap.h"
#include "cusp-data.h"
#include "cusp-spectrogram-resample.h"

G_BEGIN_DECLS

#define CUSP_PLOT_RENDERER_ERROR (cusp_plot_renderer_error_quark ())
typedef enum
{
  CUSP_PLOT_RENDERER_ERROR_FORMAT,   /* file name without .png, .svg or .pdf */
  CUSP_PLOT_RENDERER_ERROR_WRITE,    /* Cairo could not write the file */
  CUSP_PLOT_RENDERER_ERROR_SIZE,     /* too small to draw anything */
} CuspPlotRendererError;

GQuark cusp_plot_renderer_error_quark (void);

/* Layout of a panel box, in pixels (device units).  The data rectangle of a
 * panel drawn into a w × h box is x ∈ [MARGIN_LEFT, w - MARGIN_RIGHT),
 * y ∈ [PAD_TOP, h - PAD_BOTTOM) and, with time labels, h - TIME_AXIS
 * instead of h - PAD_BOTTOM.  Fixed margins keep stacked panels aligned. */
#define CUSP_PLOT_MARGIN_LEFT   84
#define CUSP_PLOT_MARGIN_RIGHT 118
#define CUSP_PLOT_PAD_TOP        6
#define CUSP_PLOT_PAD_BOTTOM     6
#define CUSP_PLOT_TIME_AXIS     44
/* Least pixels between labelled time ticks. */
#define CUSP_PLOT_TIME_TICK_SPACING 90

#define CUSP_TYPE_PLOT_RENDERER (cusp_plot_renderer_get_type ())

typedef struct _CuspPlotRenderer CuspPlotRenderer;

GType              cusp_plot_renderer_get_type        (void) G_GNUC_CONST;
CuspPlotRenderer  *cusp_plot_renderer_new             (void);
CuspPlotRenderer  *cusp_plot_renderer_ref             (CuspPlotRenderer *self);
void               cusp_plot_renderer_unref           (CuspPlotRenderer *self);
/* Same panels, settings and range; data and pyramids shared. */
CuspPlotRenderer  *cusp_plot_renderer_copy            (const CuspPlotRenderer *self);

void               cusp_plot_renderer_set_range       (CuspPlotRenderer *self,
                                                       CuspTime          start,
                                                       CuspTime          stop);
void               cusp_plot_renderer_get_range       (const CuspPlotRenderer *self,
                                                       CuspTime               *start,
                                                       CuspTime               *stop);

/* Appends a panel (takes a new reference to data); returns its index.
 * Series draw as lines, spectrograms as images, text series as bands of
 * coloured runs (one band per component, a colour per distinct value,
 * cusp_colormap_category_colour() of its index in the values of all
 * components in order of first appearance); other kinds draw only their
 * frame and a note. */
guint              cusp_plot_renderer_add_panel       (CuspPlotRenderer *self,
                                                       CuspData         *data);
void               cusp_plot_renderer_remove_panel    (CuspPlotRenderer *self,
                                                       guint             index);
guint              cusp_plot_renderer_get_n_panels    (const CuspPlotRenderer *self);
CuspData          *cusp_plot_renderer_get_panel_data  (const CuspPlotRenderer *self,
                                                       guint                   index);

/* Layers: more series overlaid in panel index on its one y axis.  Layer 0
 * is the data the panel was added with; only series overlay series (the
 * caller checks).  Colours continue across layers.  Added. */
guint              cusp_plot_renderer_add_layer       (CuspPlotRenderer *self,
                                                       guint             index,
                                                       CuspData         *data);
guint              cusp_plot_renderer_get_n_layers    (const CuspPlotRenderer *self,
                                                       guint                   index);
CuspData          *cusp_plot_renderer_get_layer_data  (const CuspPlotRenderer *self,
                                                       guint                   index,
                                                       guint                   layer);
/* New data for a layer (the same product over another range); the panel's
 * scales, ranges and colour map stay.  Added. */
void               cusp_plot_renderer_set_layer_data  (CuspPlotRenderer *self,
                                                       guint             index,
                                                       guint             layer,
                                                       CuspData         *data);
/* Appends panel index of other, with its layers and settings (data
 * shared), e.g. to gather the panels of a stack into one figure.  Returns
 * the new panel's index.  Added. */
guint              cusp_plot_renderer_add_panel_from  (CuspPlotRenderer       *self,
                                                       const CuspPlotRenderer *other,
                                                       guint                   index);

/* y scale of lines, or of a spectrogram's bins (default: linear for
 * series, the spectrogram's own hint for spectrograms). */
void               cusp_plot_renderer_set_y_scale     (CuspPlotRenderer *self,
                                                       guint             index,
                                                       CuspScale         scale);
CuspScale          cusp_plot_renderer_get_y_scale     (const CuspPlotRenderer *self,
                                                       guint                   index);
/* A manual y range; NaN for both returns to autoscale (the default). */
void               cusp_plot_renderer_set_y_range     (CuspPlotRenderer *self,
                                                       guint             index,
                                                       double            min,
                                                       double            max);
/* The y range drawn now: the manual one, or the autoscaled one (visible
 * finite data, padded by cusp_plot_pad_range).  FALSE when there is
 * nothing to scale to. */
gboolean           cusp_plot_renderer_get_y_range     (const CuspPlotRenderer *self,
                                                       guint                   index,
                                                       double                 *min,
                                                       double                 *max);
/* Colour scale of a spectrogram panel (default: its hint).  A manual z
 * range; NaN for both autoscales to the visible values; on a log scale an
 * autoscaled range spans at most CUSP_PLOT_MAX_Z_DECADES decades below the
 * largest value, so one stray tiny value does not wash out the picture. */
#define CUSP_PLOT_MAX_Z_DECADES 8
void               cusp_plot_renderer_set_z_scale     (CuspPlotRenderer *self,
                                                       guint             index,
                                                       CuspScale         scale);
void               cusp_plot_renderer_set_z_range     (CuspPlotRenderer *self,
                                                       guint             index,
                                                       double            min,
                                                       double            max);
gboolean           cusp_plot_renderer_get_z_range     (const CuspPlotRenderer *self,
                                                       guint                   index,
                                                       double                 *min,
                                                       double                 *max);
void               cusp_plot_renderer_set_colormap    (CuspPlotRenderer   *self,
                                                       guint               index,
                                                       const CuspColormap *colormap);
/* How pixels of a spectrogram combine data cells (default: mean). */
void               cusp_plot_renderer_set_resample_mode (CuspPlotRenderer *self,
                                                         guint             index,
                                                         CuspResampleMode  mode);

/* Colour of line component c (Tableau 10, a magnitude "|…|" in grey). */
void               cusp_plot_renderer_line_colour     (const char *label,
                                                       guint       component,
                                                       double      rgb[3]);

/* The data rectangle of a panel drawn into a width × height box. */
void               cusp_plot_renderer_get_data_rect   (double             width,
                                                       double             height,
                                                       gboolean           time_labels,
                                                       cairo_rectangle_t *out);
/* Share of the figure's height of panel index (> 0, default 1), as the
 * window's panels have after resizing.  Added. */
void               cusp_plot_renderer_set_panel_weight (CuspPlotRenderer *self,
                                                        guint             index,
                                                        double            weight);
double             cusp_plot_renderer_get_panel_weight (const CuspPlotRenderer *self,
                                                        guint                   index);
/* Top and height of panel index's box in a figure `height' tall: data
 * heights split by weight (cusp_plot_split_heights), gaps between boxes,
 * the bottom box taller by its time labels.  Added. */
void               cusp_plot_renderer_get_panel_box   (const CuspPlotRenderer *self,
                                                       double                  height,
                                                       guint                   index,
                                                       double                 *y,
                                                       double                 *box_height);
/* Height of panel boxes and of the bottom one in a figure whose panels
 * all have weight 1. */
void               cusp_plot_renderer_get_figure_layout (const CuspPlotRenderer *self,
                                                         double                  height,
                                                         double                 *panel_height,
                                                         double                 *bottom_height);

/* One panel into the box (0, 0, width, height) of cr. */
void               cusp_plot_renderer_draw_panel      (CuspPlotRenderer *self,
                                                       guint             index,
                                                       cairo_t          *cr,
                                                       double            width,
                                                       double            height,
                                                       gboolean          time_labels);
/* The whole figure on a white background, the bottom panel labelled. */
void               cusp_plot_renderer_draw            (CuspPlotRenderer *self,
                                                       cairo_t          *cr,
                                                       double            width,
                                                       double            height);
/* Writes the figure to path; the format comes from the extension (.png,
 * .svg, .pdf), the size is in pixels (points for SVG/PDF). */
gboolean           cusp_plot_renderer_export          (CuspPlotRenderer  *self,
                                                       const char        *path,
                                                       guint              width,
                                                       guint              height,
                                                       GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspPlotRenderer, cusp_plot_renderer_unref)

G_END_DECLS
