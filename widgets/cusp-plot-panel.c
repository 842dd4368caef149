#define G_LOG_DOMAIN "cusp-plot-panel"

#include "config.h"

#include "cusp-plot-panel.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cusp-plot-transform.h"

#define MIN_HEIGHT 110

struct _CuspPlotPanel
{
  GtkWidget          parent_instance;

  CuspPlotRenderer  *renderer;
  gboolean           time_labels;
  CuspTime           crosshair;
  char              *readout;

  /* Rendering: each request bumps generation; only the newest result is
   * kept.  texture is the last good picture. */
  guint              generation;
  GCancellable      *cancellable;
  GdkTexture        *texture;
  CuspTime           picture_start;
  CuspTime           picture_stop;
  int                render_width;
  int                render_height;
};

G_DEFINE_FINAL_TYPE (CuspPlotPanel, cusp_plot_panel, GTK_TYPE_WIDGET)

enum { RENDERED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  CuspPlotRenderer *renderer;
  guint             generation;
  int               width;
  int               height;
  int               scale;
  gboolean          time_labels;
} RenderJob;

typedef struct
{
  GBytes *pixels;
  int     width;
  int     height;
  gsize   stride;
} Picture;

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  cusp_plot_renderer_unref (job->renderer);
  g_free (job);
}

static void
picture_free (gpointer data)
{
  Picture *picture = data;

  g_bytes_unref (picture->pixels);
  g_free (picture);
}

/* Runs in a worker: touches only the job's private renderer copy. */
static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RenderJob *job = task_data;
  int w = job->width * job->scale, h = job->height * job->scale;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  Picture *picture;

  cairo_scale (cr, job->scale, job->scale);
  cusp_plot_renderer_draw_panel (job->renderer, 0, cr, job->width, job->height, job->time_labels);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (g_task_return_error_if_cancelled (task))
    {
      cairo_surface_destroy (surface);
      return;
    }
  picture = g_new0 (Picture, 1);
  picture->width = w;
  picture->height = h;
  picture->stride = cairo_image_surface_get_stride (surface);
  picture->pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                                picture->stride * h,
                                                (GDestroyNotify) cairo_surface_destroy,
                                                surface);
  g_task_return_pointer (task, picture, picture_free);
}

static void
render_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CuspPlotPanel *self = CUSP_PLOT_PANEL (source);
  GTask *task = G_TASK (result);
  RenderJob *job = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  Picture *picture = g_task_propagate_pointer (task, &error);

  if (picture == NULL)
    return;
  /* A newer request is on its way: this picture is stale. */
  if (job->generation != self->generation)
    {
      picture_free (picture);
      return;
    }
  g_clear_object (&self->texture);
  self->texture = gdk_memory_texture_new (picture->width, picture->height,
                                          GDK_MEMORY_DEFAULT, picture->pixels,
                                          picture->stride);
  cusp_plot_renderer_get_range (job->renderer, &self->picture_start, &self->picture_stop);
  picture_free (picture);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[RENDERED], 0);
}

void
cusp_plot_panel_queue_render (CuspPlotPanel *self)
{
  int width, height;
  RenderJob *job;
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  self->generation++;
  if (width <= 0 || height <= 0)
    return;

  job = g_new0 (RenderJob, 1);
  job->renderer = cusp_plot_renderer_copy (self->renderer);
  job->generation = self->generation;
  job->width = width;
  job->height = height;
  job->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  job->time_labels = self->time_labels;
  self->render_width = width;
  self->render_height = height;

  task = g_task_new (self, self->cancellable, render_done, NULL);
  g_task_set_source_tag (task, cusp_plot_panel_queue_render);
  g_task_set_task_data (task, job, render_job_free);
  g_task_run_in_thread (task, render_in_thread);
}

static void
cusp_plot_panel_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  CuspPlotPanel *self = CUSP_PLOT_PANEL (widget);

  if (width != self->render_width || height != self->render_height)
    cusp_plot_panel_queue_render (self);
}

static void
cusp_plot_panel_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  CuspPlotPanel *self = CUSP_PLOT_PANEL (widget);
  int extra = self->time_labels ? CUSP_PLOT_TIME_AXIS - CUSP_PLOT_PAD_BOTTOM : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = CUSP_PLOT_MARGIN_LEFT + CUSP_PLOT_MARGIN_RIGHT + 100;
  else
    {
      *minimum = MIN_HEIGHT + extra;
      *natural = 2 * MIN_HEIGHT + extra;
    }
}

static void
draw_readout (cairo_t    *cr,
              const char *text,
              double      right,
              double      top)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string ("Sans 9");
  PangoRectangle logical;
  double w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  w = logical.width + 8;
  h = logical.height + 4;
  cairo_set_source_rgba (cr, 1, 1, 1, 0.88);
  cairo_rectangle (cr, right - w, top, w, h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, right - w + 4, top + 2);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (desc);
  g_object_unref (layout);
}

static void
cusp_plot_panel_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CuspPlotPanel *self = CUSP_PLOT_PANEL (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_rectangle_t r;
  CuspTime start, stop;

  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture,
                                 &GRAPHENE_RECT_INIT (0, 0, width, height));

  cusp_plot_renderer_get_data_rect (width, height, self->time_labels, &r);
  cusp_plot_renderer_get_range (self->renderer, &start, &stop);
  if (self->crosshair != CUSP_TIME_INVALID && self->crosshair >= start && self->crosshair < stop)
    {
      double x = floor (cusp_plot_time_to_x (self->crosshair, start, stop, r.x, r.width));

      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.85, 0.1, 0.1, 0.8 },
                                 &GRAPHENE_RECT_INIT (x, r.y, 1, r.height));
    }
  if (self->readout != NULL && r.width > 0)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                               &GRAPHENE_RECT_INIT (r.x, r.y, r.width, r.height));

      draw_readout (cr, self->readout, r.x + r.width - 1, r.y + 1);
      cairo_destroy (cr);
    }
}

static void
cusp_plot_panel_dispose (GObject *object)
{
  CuspPlotPanel *self = CUSP_PLOT_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (cusp_plot_panel_parent_class)->dispose (object);
}

static void
cusp_plot_panel_finalize (GObject *object)
{
  CuspPlotPanel *self = CUSP_PLOT_PANEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->renderer, cusp_plot_renderer_unref);
  g_clear_pointer (&self->readout, g_free);

  G_OBJECT_CLASS (cusp_plot_panel_parent_class)->finalize (object);
}

static void
cusp_plot_panel_class_init (CuspPlotPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cusp_plot_panel_dispose;
  object_class->finalize = cusp_plot_panel_finalize;
  widget_class->snapshot = cusp_plot_panel_snapshot;
  widget_class->size_allocate = cusp_plot_panel_size_allocate;
  widget_class->measure = cusp_plot_panel_measure;

  /**
   * CuspPlotPanel::rendered:
   *
   * A new picture is shown.
   */
  signals[RENDERED] = g_signal_new ("rendered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "plotpanel");
}

static void
cusp_plot_panel_init (CuspPlotPanel *self)
{
  self->renderer = cusp_plot_renderer_new ();
  self->cancellable = g_cancellable_new ();
  self->crosshair = CUSP_TIME_INVALID;
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
cusp_plot_panel_new (CuspData *data)
{
  CuspPlotPanel *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (CUSP_TYPE_PLOT_PANEL, NULL);
  cusp_plot_renderer_add_panel (self->renderer, data);
  return GTK_WIDGET (self);
}

CuspData *
cusp_plot_panel_get_data (CuspPlotPanel *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), NULL);

  return cusp_plot_renderer_get_panel_data (self->renderer, 0);
}

CuspPlotRenderer *
cusp_plot_panel_get_renderer (CuspPlotPanel *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), NULL);

  return self->renderer;
}

void
cusp_plot_panel_set_range (CuspPlotPanel *self,
                           CuspTime       start,
                           CuspTime       stop)
{
  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));
  g_return_if_fail (stop > start);

  cusp_plot_renderer_set_range (self->renderer, start, stop);
  cusp_plot_panel_queue_render (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cusp_plot_panel_set_time_labels (CuspPlotPanel *self,
                                 gboolean       time_labels)
{
  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  time_labels = !!time_labels;
  if (self->time_labels == time_labels)
    return;
  self->time_labels = time_labels;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  cusp_plot_panel_queue_render (self);
}

gboolean
cusp_plot_panel_get_time_labels (CuspPlotPanel *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), FALSE);

  return self->time_labels;
}

void
cusp_plot_panel_zoom_y (CuspPlotPanel *self,
                        double         anchor,
                        double         factor)
{
  double lo, hi, a, b;
  gboolean log;

  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  if (!cusp_plot_renderer_get_y_range (self->renderer, 0, &lo, &hi))
    return;
  log = cusp_plot_renderer_get_y_scale (self->renderer, 0) == CUSP_SCALE_LOG;
  cusp_axis_zoom (lo, hi, log, CLAMP (anchor, 0, 1), factor, &a, &b);
  cusp_plot_renderer_set_y_range (self->renderer, 0, a, b);
  cusp_plot_panel_queue_render (self);
}

void
cusp_plot_panel_autoscale (CuspPlotPanel *self)
{
  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  cusp_plot_renderer_set_y_range (self->renderer, 0, NAN, NAN);
  cusp_plot_panel_queue_render (self);
}

void
cusp_plot_panel_set_crosshair (CuspPlotPanel *self,
                               CuspTime       t)
{
  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  if (self->crosshair == t)
    return;
  self->crosshair = t;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cusp_plot_panel_set_readout (CuspPlotPanel *self,
                             const char    *text)
{
  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  if (g_strcmp0 (self->readout, text) == 0)
    return;
  g_free (self->readout);
  self->readout = g_strdup (text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
describe_series (GString          *out,
                 const CuspSeries *series,
                 CuspTime          t)
{
  guint i = cusp_series_lower_bound (series, t);
  guint k = i;

  if (series->n_samples == 0)
    return;
  /* The nearest sample: the one at or after t, or the one before. */
  if (i == series->n_samples || (i > 0 && t - series->times[i - 1] < series->times[i] - t))
    k = i - 1;
  for (guint c = 0; c < series->n_components; c++)
    {
      double v = cusp_series_column ((CuspSeries *) series, c)[k];
      const char *label = series->labels != NULL && series->labels[c] != NULL
                          ? series->labels[c] : series->name;

      g_string_append_printf (out, "\n%s  %.4g%s%s", label != NULL ? label : "", v,
                              series->unit != NULL ? " " : "",
                              series->unit != NULL ? series->unit : "");
    }
}

static void
describe_spectrogram (GString               *out,
                      const CuspSpectrogram *spec,
                      CuspTime               t,
                      double                 bin_value)
{
  guint i = cusp_spectrogram_lower_bound (spec, t);
  g_autofree double *edges = NULL;

  /* The record whose span holds t starts at or before it. */
  if (i < spec->n_records && spec->times[i] == t)
    ;
  else if (i > 0)
    i--;
  else
    return;
  edges = g_new (double, spec->n_bins + 1);
  cusp_spectrogram_bin_edges (spec, i, edges);
  for (guint j = 0; j < spec->n_bins; j++)
    if (bin_value >= MIN (edges[j], edges[j + 1]) && bin_value < MAX (edges[j], edges[j + 1]))
      {
        g_string_append_printf (out, "\n%.4g %s  %.4g %s",
                                cusp_spectrogram_bin_centres (spec, i)[j],
                                spec->bin_unit != NULL ? spec->bin_unit : "",
                                spec->values[(gsize) i * spec->n_bins + j],
                                spec->unit != NULL ? spec->unit : "");
        return;
      }
}

char *
cusp_plot_panel_describe_at (CuspPlotPanel *self,
                             double         x,
                             double         y)
{
  int width, height;
  cairo_rectangle_t r;
  CuspTime start, stop, t;
  CuspData *data;
  GString *out;
  char iso[40];

  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), NULL);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  cusp_plot_renderer_get_data_rect (width, height, self->time_labels, &r);
  cusp_plot_renderer_get_range (self->renderer, &start, &stop);
  t = cusp_plot_x_to_time (x, start, stop, r.x, r.width);
  cusp_time_format_iso_buf (t, 3, FALSE, iso);
  out = g_string_new (iso);

  data = cusp_plot_panel_get_data (self);
  if (cusp_data_get_series (data) != NULL)
    describe_series (out, cusp_data_get_series (data), t);
  else if (cusp_data_get_spectrogram (data) != NULL)
    {
      CuspAxisTransform ty;
      double lo, hi;

      if (cusp_plot_renderer_get_y_range (self->renderer, 0, &lo, &hi)
          && cusp_axis_transform_init (&ty, lo, hi,
                                       cusp_plot_renderer_get_y_scale (self->renderer, 0) == CUSP_SCALE_LOG,
                                       r.y + r.height, r.y))
        describe_spectrogram (out, cusp_data_get_spectrogram (data), t,
                              cusp_axis_transform_from_pixel (&ty, y));
    }
  return g_string_free (out, FALSE);
}

gboolean
cusp_plot_panel_get_picture_range (CuspPlotPanel *self,
                                   CuspTime      *start,
                                   CuspTime      *stop)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), FALSE);

  if (self->texture == NULL)
    return FALSE;
  if (start != NULL)
    *start = self->picture_start;
  if (stop != NULL)
    *stop = self->picture_stop;
  return TRUE;
}
