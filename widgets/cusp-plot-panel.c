#define G_LOG_DOMAIN "cusp-plot-panel"

#include "config.h"

#include "cusp-plot-panel.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cusp-plot-stack.h"
#include "cusp-plot-transform.h"

#define MIN_HEIGHT 80
/* Wait after the last range change before asking for more data: a wheel
 * pan sends a burst of small steps. */
#define FETCH_DELAY_MS 150

/* One product a panel loads for itself: layer k of its renderer panel. */
typedef struct
{
  CuspProvider  *provider;
  char          *id;
  char          *title;
  CuspData      *data;          /* last loaded, NULL before the first load */
  gboolean       dirty;         /* data not yet handed to the renderer */
  CuspTime       loaded_start;
  CuspTime       loaded_stop;
  CuspTime       want_start;    /* range of the load in flight */
  CuspTime       want_stop;
  GCancellable  *cancellable;   /* non-NULL while loading */
  double         progress;      /* of the load in flight; < 0 before any report */
  guint          generation;
  char          *error;         /* what went wrong, for people */
} Product;

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

  /* Loading (product panels only) */
  GPtrArray         *products;      /* Product */
  char              *title;
  CuspDataKind       kind;
  CuspPlotPanelState state;
  guint              fetch_source;
  GtkWidget         *status;        /* spinner or error, with Cancel */
  GtkWidget         *status_icon;
  GtkWidget         *progress_bar;
  guint              pulse_source;
  GtkWidget         *status_label;
  GtkWidget         *cancel_button;

  /* Settings that outlive the renderer panel: -1 / NULL when unset. */
  int                y_log;
  int                z_log;
  const CuspColormap *colormap;
  /* The manual y range, kept here too so that one set before the data
   * arrives (a workspace opening) still applies; NaN: autoscale. */
  double             y_min;
  double             y_max;

  GtkWidget         *menu;
  GtkWidget         *range_popover;
  GtkWidget         *range_min;
  GtkWidget         *range_max;
};

G_DEFINE_FINAL_TYPE (CuspPlotPanel, cusp_plot_panel, GTK_TYPE_WIDGET)

enum { RENDERED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_STATE,
  PROP_Y_LOG,
  PROP_Z_LOG,
  PROP_COLORMAP,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (CuspPlotPanelState, cusp_plot_panel_state,
                    G_DEFINE_ENUM_VALUE (CUSP_PLOT_PANEL_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (CUSP_PLOT_PANEL_LOADING, "loading"),
                    G_DEFINE_ENUM_VALUE (CUSP_PLOT_PANEL_FAILED, "failed"))

static gboolean
has_picture_data (CuspPlotPanel *self)
{
  return cusp_plot_renderer_get_n_panels (self->renderer) > 0;
}

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

/* Renders still running in workers, process-wide.  exit() must not
 * tear down Pango's and HarfBuzz's static data under a worker that is
 * still shaping text (a crash seen when a test or the app ended while a
 * panel was rendering), so the first render registers an exit handler
 * that waits for them; exit handlers run in reverse order of
 * registration, and the libraries' destructors after all of them. */
static GMutex renders_lock;
static GCond  renders_cond;
static guint  renders_running;

static void
wait_for_renders (void)
{
  g_mutex_lock (&renders_lock);
  while (renders_running > 0)
    g_cond_wait (&renders_cond, &renders_lock);
  g_mutex_unlock (&renders_lock);
}

/* HarfBuzz registers its own exit handlers (freeing its language list
 * and shaper tables) the first time it shapes text.  Exit handlers run
 * in reverse order, so the wait must be registered after those: shape
 * one string here, in the calling thread, before registering it. */
static void
warm_up_text_shaping (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 8");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "B (nT) 10\u2074 T\u2225", -1);
  pango_layout_get_pixel_size (layout, NULL, NULL);
  pango_font_description_free (font);
  g_object_unref (layout);
  g_object_unref (context);
}

static void
render_started (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      warm_up_text_shaping ();
      atexit (wait_for_renders);
      g_once_init_leave (&registered, 1);
    }
  g_mutex_lock (&renders_lock);
  renders_running++;
  g_mutex_unlock (&renders_lock);
}

static void
render_finished (void)
{
  g_mutex_lock (&renders_lock);
  renders_running--;
  g_cond_broadcast (&renders_cond);
  g_mutex_unlock (&renders_lock);
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
  render_finished ();

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
  if (width <= 0 || height <= 0 || !has_picture_data (self))
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
  render_started ();
  g_task_run_in_thread (task, render_in_thread);
}

/* The status box sits in the middle of the panel, never wider than it. */
static void
allocate_status (CuspPlotPanel *self,
                 int            width,
                 int            height)
{
  int min_w, nat_w, min_h, nat_h, w, h;

  if (self->status == NULL || !gtk_widget_get_visible (self->status))
    return;
  gtk_widget_measure (self->status, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  w = MAX (min_w, MIN (nat_w, width - 16));
  gtk_widget_measure (self->status, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);
  h = MAX (min_h, MIN (nat_h, height - 8));
  gtk_widget_size_allocate (self->status,
                            &(GtkAllocation) { (width - w) / 2, (height - h) / 2, w, h }, -1);
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
  allocate_status (self, width, height);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
  if (self->range_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->range_popover));
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
  if (self->status != NULL)
    gtk_widget_snapshot_child (widget, self->status, snapshot);
}

/* ---- loading ---------------------------------------------------------- */

static void
product_free (gpointer data)
{
  Product *p = data;

  g_clear_object (&p->provider);
  g_clear_object (&p->cancellable);
  g_clear_pointer (&p->data, cusp_data_unref);
  g_free (p->id);
  g_free (p->title);
  g_free (p->error);
  g_free (p);
}

typedef struct
{
  CuspPlotPanel *panel;
  Product       *product;
  guint          generation;
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->panel);
  g_free (load);
}

static void
set_state (CuspPlotPanel      *self,
           CuspPlotPanelState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
create_status (CuspPlotPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_add_css_class (box, "plot-status");
  gtk_widget_add_css_class (box, "osd");
  self->status_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  self->progress_bar = gtk_progress_bar_new ();
  gtk_widget_set_valign (self->progress_bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->progress_bar, 120, -1);
  gtk_progress_bar_set_pulse_step (GTK_PROGRESS_BAR (self->progress_bar), 0.1);
  self->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->status_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (self->status_label), 70);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_widget_set_hexpand (self->status_label, TRUE);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_valign (self->cancel_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->cancel_button, "clicked",
                            G_CALLBACK (cusp_plot_panel_cancel_load), self);
  gtk_box_append (GTK_BOX (box), self->status_icon);
  gtk_box_append (GTK_BOX (box), self->status_label);
  gtk_box_append (GTK_BOX (box), self->progress_bar);
  gtk_box_append (GTK_BOX (box), self->cancel_button);
  gtk_widget_set_visible (box, FALSE);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  self->status = box;
}

static gboolean
pulse_cb (gpointer user_data)
{
  CuspPlotPanel *self = user_data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->progress_bar));
  return G_SOURCE_CONTINUE;
}

/* The mean fraction of the loads in flight that reported one; the bar
 * pulses while none has. */
static void
update_progress (CuspPlotPanel *self,
                 gboolean       loading)
{
  double sum = 0;
  guint n = 0, n_known = 0;

  for (guint k = 0; k < self->products->len; k++)
    {
      Product *p = g_ptr_array_index (self->products, k);

      if (p->cancellable == NULL)
        continue;
      n++;
      if (p->progress >= 0)
        {
          sum += p->progress;
          n_known++;
        }
    }
  if (loading && n_known > 0)
    {
      g_clear_handle_id (&self->pulse_source, g_source_remove);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), sum / n);
    }
  else if (loading && self->pulse_source == 0)
    self->pulse_source = g_timeout_add (100, pulse_cb, self);
  else if (!loading)
    {
      g_clear_handle_id (&self->pulse_source, g_source_remove);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
    }
}

static void
update_status (CuspPlotPanel *self)
{
  g_autoptr (GString) errors = g_string_new (NULL);
  gboolean loading = FALSE;

  for (guint k = 0; k < self->products->len; k++)
    {
      Product *p = g_ptr_array_index (self->products, k);

      /* A product waiting for its first load counts as loading. */
      loading |= p->cancellable != NULL || (p->data == NULL && p->error == NULL);
      if (p->error != NULL)
        g_string_append_printf (errors, "%s%s", errors->len > 0 ? "\n" : "", p->error);
    }
  if (loading)
    {
      g_autofree char *text = g_strdup_printf (_("Loading %s…"), self->title);

      gtk_label_set_text (GTK_LABEL (self->status_label), text);
      gtk_widget_remove_css_class (self->status, "error");
    }
  else if (errors->len > 0)
    {
      gtk_label_set_text (GTK_LABEL (self->status_label), errors->str);
      gtk_widget_add_css_class (self->status, "error");
    }
  gtk_widget_set_visible (self->status_icon, !loading);
  gtk_widget_set_visible (self->progress_bar, loading);
  update_progress (self, loading);
  gtk_widget_set_visible (self->cancel_button, loading);
  gtk_widget_set_visible (self->status, loading || errors->len > 0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  set_state (self, loading ? CUSP_PLOT_PANEL_LOADING
                   : errors->len > 0 ? CUSP_PLOT_PANEL_FAILED : CUSP_PLOT_PANEL_READY);
}

/* Settings chosen before the first data (or kept from an earlier renderer
 * panel) go to a new renderer panel. */
static void
apply_settings (CuspPlotPanel *self)
{
  if (self->y_log >= 0)
    cusp_plot_renderer_set_y_scale (self->renderer, 0, self->y_log ? CUSP_SCALE_LOG : CUSP_SCALE_LINEAR);
  if (self->z_log >= 0)
    cusp_plot_renderer_set_z_scale (self->renderer, 0, self->z_log ? CUSP_SCALE_LOG : CUSP_SCALE_LINEAR);
  if (self->colormap != NULL)
    cusp_plot_renderer_set_colormap (self->renderer, 0, self->colormap);
  if (!isnan (self->y_min))
    cusp_plot_renderer_set_y_range (self->renderer, 0, self->y_min, self->y_max);
}

/* Hands newly loaded data to the renderer: product k is layer k, added in
 * order once every earlier product has data. */
static void
sync_renderer (CuspPlotPanel *self)
{
  Product *first = g_ptr_array_index (self->products, 0);

  if (first->data == NULL)
    return;
  if (!has_picture_data (self))
    {
      cusp_plot_renderer_add_panel (self->renderer, first->data);
      apply_settings (self);
      first->dirty = FALSE;
    }
  if (first->dirty)
    cusp_plot_renderer_set_layer_data (self->renderer, 0, 0, first->data);
  first->dirty = FALSE;
  for (guint k = 1; k < self->products->len; k++)
    {
      Product *p = g_ptr_array_index (self->products, k);

      if (p->data == NULL)
        break;
      if (k >= cusp_plot_renderer_get_n_layers (self->renderer, 0))
        cusp_plot_renderer_add_layer (self->renderer, 0, p->data);
      else if (p->dirty)
        cusp_plot_renderer_set_layer_data (self->renderer, 0, k, p->data);
      p->dirty = FALSE;
    }
}

static void
on_data_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Load *load = user_data;
  CuspPlotPanel *self = load->panel;
  Product *p = load->product;
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspData) data = cusp_provider_get_data_with_progress_finish (CUSP_PROVIDER (source), result, &error);

  /* A newer load of this product replaced this one, or the panel went. */
  if (load->generation != p->generation)
    {
      load_free (load);
      return;
    }
  g_clear_object (&p->cancellable);
  if (data != NULL)
    {
      g_clear_pointer (&p->data, cusp_data_unref);
      p->data = g_steal_pointer (&data);
      p->dirty = TRUE;
      p->loaded_start = p->want_start;
      p->loaded_stop = p->want_stop;
      if (self->kind == CUSP_DATA_KIND_NONE)
        self->kind = cusp_data_get_kind (p->data);
      sync_renderer (self);
      cusp_plot_panel_queue_render (self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    p->error = g_strdup_printf (_("Could not load “%s”: %s"), p->title, error->message);
  update_status (self);
  load_free (load);
}

static void
on_data_progress (double   fraction,
                  gpointer user_data)
{
  Load *load = user_data;
  Product *p = load->product;

  if (load->generation != p->generation)
    return;
  p->progress = fraction;
  update_progress (load->panel, TRUE);
}

static void
product_fetch (CuspPlotPanel *self,
               Product       *p,
               CuspTime       start,
               CuspTime       stop)
{
  /* A margin on each side: small pans need no new load. */
  CuspTime margin = (stop - start) / 4;
  Load *load = g_new0 (Load, 1);

  if (p->cancellable != NULL)
    g_cancellable_cancel (p->cancellable);
  g_clear_object (&p->cancellable);
  g_clear_pointer (&p->error, g_free);
  p->cancellable = g_cancellable_new ();
  p->progress = -1;
  p->generation++;
  p->want_start = start - margin;
  p->want_stop = stop + margin;

  load->panel = g_object_ref (self);
  load->product = p;
  load->generation = p->generation;
  /* No progress comes after on_data_loaded, which frees load. */
  cusp_provider_get_data_with_progress_async (p->provider, p->id, p->want_start, p->want_stop,
                                              on_data_progress, load, NULL,
                                              p->cancellable, on_data_loaded, load);
}

static gboolean
product_covers (Product  *p,
                CuspTime  start,
                CuspTime  stop)
{
  if (p->cancellable != NULL)
    return p->want_start <= start && stop <= p->want_stop;
  return p->data != NULL && p->loaded_start <= start && stop <= p->loaded_stop;
}

static void
fetch_missing (CuspPlotPanel *self)
{
  CuspTime start, stop;

  cusp_plot_renderer_get_range (self->renderer, &start, &stop);
  for (guint k = 0; k < self->products->len; k++)
    {
      Product *p = g_ptr_array_index (self->products, k);

      if (p->provider != NULL && !product_covers (p, start, stop))
        product_fetch (self, p, start, stop);
    }
  update_status (self);
}

static gboolean
fetch_timeout (gpointer user_data)
{
  CuspPlotPanel *self = user_data;

  self->fetch_source = 0;
  fetch_missing (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_fetch (CuspPlotPanel *self)
{
  gboolean first = FALSE;

  if (self->products->len == 0)
    return;
  for (guint k = 0; k < self->products->len; k++)
    {
      Product *p = g_ptr_array_index (self->products, k);

      first |= p->data == NULL && p->cancellable == NULL && p->error == NULL;
    }
  g_clear_handle_id (&self->fetch_source, g_source_remove);
  /* A first load starts at once, on the range the stack gives right
   * after creating the panel or adding the product. */
  self->fetch_source = g_timeout_add (first ? 0 : FETCH_DELAY_MS, fetch_timeout, self);
}

static Product *
product_new (CuspProvider *provider,
             const char   *id,
             const char   *title)
{
  Product *p = g_new0 (Product, 1);
  const char *slash = strrchr (id, '/');

  p->provider = provider != NULL ? g_object_ref (provider) : NULL;
  p->id = g_strdup (id);
  p->title = g_strdup (title != NULL ? title : slash != NULL ? slash + 1 : id);
  if (provider == NULL)
    p->error = g_strdup_printf (_("No data source provides “%s”. Open the files that hold it, or check the product name."),
                                id);
  return p;
}

GtkWidget *
cusp_plot_panel_new_for_product (CuspProvider *provider,
                                 const char   *product,
                                 const char   *title,
                                 CuspDataKind  kind)
{
  CuspPlotPanel *self;
  Product *p;

  g_return_val_if_fail (provider == NULL || CUSP_IS_PROVIDER (provider), NULL);
  g_return_val_if_fail (product != NULL, NULL);

  self = g_object_new (CUSP_TYPE_PLOT_PANEL, NULL);
  p = product_new (provider, product, title);
  g_ptr_array_add (self->products, p);
  self->title = g_strdup (p->title);
  self->kind = kind;
  schedule_fetch (self);
  update_status (self);
  return GTK_WIDGET (self);
}

gboolean
cusp_plot_panel_can_overlay (CuspPlotPanel *self,
                             CuspDataKind   kind)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), FALSE);

  return self->products->len > 0 && self->kind == CUSP_DATA_KIND_SERIES
         && kind == CUSP_DATA_KIND_SERIES;
}

gboolean
cusp_plot_panel_add_product (CuspPlotPanel *self,
                             CuspProvider  *provider,
                             const char    *product,
                             const char    *title,
                             CuspDataKind   kind)
{
  Product *p;
  char *joined;

  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), FALSE);
  g_return_val_if_fail (provider == NULL || CUSP_IS_PROVIDER (provider), FALSE);
  g_return_val_if_fail (product != NULL, FALSE);

  if (!cusp_plot_panel_can_overlay (self, kind))
    return FALSE;
  p = product_new (provider, product, title);
  g_ptr_array_add (self->products, p);
  joined = g_strdup_printf ("%s + %s", self->title, p->title);
  g_free (self->title);
  self->title = joined;
  schedule_fetch (self);
  update_status (self);
  return TRUE;
}

guint
cusp_plot_panel_get_n_products (CuspPlotPanel *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), 0);

  return self->products->len;
}

const char *
cusp_plot_panel_get_product (CuspPlotPanel *self,
                             guint          index)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), NULL);
  g_return_val_if_fail (index < self->products->len, NULL);

  return ((Product *) g_ptr_array_index (self->products, index))->id;
}

const char *
cusp_plot_panel_get_title (CuspPlotPanel *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), NULL);

  return self->title;
}

CuspDataKind
cusp_plot_panel_get_kind (CuspPlotPanel *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), CUSP_DATA_KIND_NONE);

  return self->kind;
}

CuspPlotPanelState
cusp_plot_panel_get_state (CuspPlotPanel *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), CUSP_PLOT_PANEL_READY);

  return self->state;
}

const char *
cusp_plot_panel_get_message (CuspPlotPanel *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), NULL);

  if (self->state != CUSP_PLOT_PANEL_FAILED)
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->status_label));
}

double
cusp_plot_panel_get_progress (CuspPlotPanel *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), -1);

  if (self->status == NULL || !gtk_widget_get_visible (self->progress_bar)
      || self->pulse_source != 0)
    return -1;
  return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (self->progress_bar));
}

void
cusp_plot_panel_cancel_load (CuspPlotPanel *self)
{
  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  g_clear_handle_id (&self->fetch_source, g_source_remove);
  for (guint k = 0; k < self->products->len; k++)
    {
      Product *p = g_ptr_array_index (self->products, k);

      if (p->cancellable != NULL)
        {
          g_cancellable_cancel (p->cancellable);
          g_clear_object (&p->cancellable);
          /* Results still on their way are dropped. */
          p->generation++;
        }
      if (p->data == NULL && p->error == NULL)
        p->error = g_strdup_printf (_("Loading “%s” was cancelled. Change the time range to try again."),
                                    p->title);
    }
  update_status (self);
}

/* ---- settings --------------------------------------------------------- */

void
cusp_plot_panel_set_y_log (CuspPlotPanel *self,
                           gboolean       log)
{
  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  log = !!log;
  if (cusp_plot_panel_get_y_log (self) == log && self->y_log >= 0)
    return;
  self->y_log = log;
  /* A manual range for the other scale rarely suits this one. */
  self->y_min = self->y_max = NAN;
  if (has_picture_data (self))
    {
      cusp_plot_renderer_set_y_scale (self->renderer, 0, log ? CUSP_SCALE_LOG : CUSP_SCALE_LINEAR);
      cusp_plot_renderer_set_y_range (self->renderer, 0, NAN, NAN);
      cusp_plot_panel_queue_render (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y_LOG]);
}

gboolean
cusp_plot_panel_get_y_log (CuspPlotPanel *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), FALSE);

  if (has_picture_data (self))
    return cusp_plot_renderer_get_y_scale (self->renderer, 0) == CUSP_SCALE_LOG;
  return self->y_log > 0;
}

void
cusp_plot_panel_set_z_log (CuspPlotPanel *self,
                           gboolean       log)
{
  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  log = !!log;
  if (self->z_log == log)
    return;
  self->z_log = log;
  if (has_picture_data (self))
    {
      cusp_plot_renderer_set_z_scale (self->renderer, 0, log ? CUSP_SCALE_LOG : CUSP_SCALE_LINEAR);
      cusp_plot_renderer_set_z_range (self->renderer, 0, NAN, NAN);
      cusp_plot_panel_queue_render (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Z_LOG]);
}

gboolean
cusp_plot_panel_get_z_log (CuspPlotPanel *self)
{
  CuspSpectrogram *spec;

  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), TRUE);

  if (self->z_log >= 0)
    return self->z_log;
  /* Unset: the spectrogram's own hint, log otherwise (as the renderer). */
  spec = cusp_plot_panel_get_data (self) != NULL
         ? cusp_data_get_spectrogram (cusp_plot_panel_get_data (self)) : NULL;
  return spec == NULL || spec->z_scale == CUSP_SCALE_LOG;
}

void
cusp_plot_panel_set_colormap (CuspPlotPanel *self,
                              const char    *name)
{
  const CuspColormap *colormap;

  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  colormap = name != NULL ? cusp_colormap_get_by_name (name) : NULL;
  if (colormap == NULL)
    colormap = cusp_colormap_get_default ();
  if (self->colormap == colormap)
    return;
  self->colormap = colormap;
  if (has_picture_data (self))
    {
      cusp_plot_renderer_set_colormap (self->renderer, 0, colormap);
      cusp_plot_panel_queue_render (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLORMAP]);
}

const char *
cusp_plot_panel_get_colormap (CuspPlotPanel *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), NULL);

  return cusp_colormap_get_name (self->colormap != NULL ? self->colormap
                                                        : cusp_colormap_get_default ());
}

void
cusp_plot_panel_set_y_range (CuspPlotPanel *self,
                             double         min,
                             double         max)
{
  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  if (!(isfinite (min) && isfinite (max) && min < max))
    min = max = NAN;
  self->y_min = min;
  self->y_max = max;
  if (!has_picture_data (self))
    return;
  cusp_plot_renderer_set_y_range (self->renderer, 0, min, max);
  cusp_plot_panel_queue_render (self);
}

gboolean
cusp_plot_panel_get_y_range (CuspPlotPanel *self,
                             double        *min,
                             double        *max)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), FALSE);
  g_return_val_if_fail (min != NULL && max != NULL, FALSE);

  *min = self->y_min;
  *max = self->y_max;
  return !isnan (self->y_min);
}

static void
cusp_plot_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CuspPlotPanel *self = CUSP_PLOT_PANEL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_Y_LOG:
      g_value_set_boolean (value, cusp_plot_panel_get_y_log (self));
      break;
    case PROP_Z_LOG:
      g_value_set_boolean (value, cusp_plot_panel_get_z_log (self));
      break;
    case PROP_COLORMAP:
      g_value_set_string (value, cusp_plot_panel_get_colormap (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cusp_plot_panel_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CuspPlotPanel *self = CUSP_PLOT_PANEL (object);

  switch (prop_id)
    {
    case PROP_Y_LOG:
      cusp_plot_panel_set_y_log (self, g_value_get_boolean (value));
      break;
    case PROP_Z_LOG:
      cusp_plot_panel_set_z_log (self, g_value_get_boolean (value));
      break;
    case PROP_COLORMAP:
      cusp_plot_panel_set_colormap (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---- context menu ----------------------------------------------------- */

static void
autoscale_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cusp_plot_panel_autoscale (CUSP_PLOT_PANEL (widget));
}

static gboolean
remove_later (gpointer user_data)
{
  GtkWidget *panel = user_data;
  GtkWidget *parent = gtk_widget_get_parent (panel);

  if (CUSP_IS_PLOT_STACK (parent))
    cusp_plot_stack_remove_panel (CUSP_PLOT_STACK (parent), CUSP_PLOT_PANEL (panel));
  return G_SOURCE_REMOVE;
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  /* Not from inside the menu's own activation: the menu is our child. */
  g_idle_add_full (G_PRIORITY_DEFAULT, remove_later, g_object_ref (widget), g_object_unref);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkWidget *stack = gtk_widget_get_parent (widget);
  guint n, index = 0;

  if (!CUSP_IS_PLOT_STACK (stack))
    return;
  n = cusp_plot_stack_get_n_panels (CUSP_PLOT_STACK (stack));
  while (index < n && cusp_plot_stack_get_panel (CUSP_PLOT_STACK (stack), index) != CUSP_PLOT_PANEL (widget))
    index++;
  if (g_str_equal (action_name, "panel.move-up") && index > 0)
    cusp_plot_stack_move_panel (CUSP_PLOT_STACK (stack), CUSP_PLOT_PANEL (widget), index - 1);
  else if (g_str_equal (action_name, "panel.move-down") && index + 1 < n)
    cusp_plot_stack_move_panel (CUSP_PLOT_STACK (stack), CUSP_PLOT_PANEL (widget), index + 1);
}

static gboolean
parse_number (GtkWidget *entry,
              double    *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == text || end == NULL || *end != '\0' || !isfinite (v))
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, _("Type a number, such as 12.5 or 1e-3."));
      return FALSE;
    }
  gtk_widget_remove_css_class (entry, "error");
  gtk_widget_set_tooltip_text (entry, NULL);
  *out = v;
  return TRUE;
}

static void
on_range_apply (CuspPlotPanel *self)
{
  double lo = 0, hi = 0;
  gboolean ok_lo = parse_number (self->range_min, &lo);
  gboolean ok_hi = parse_number (self->range_max, &hi);

  if (!ok_lo || !ok_hi)
    return;
  if (hi <= lo || (cusp_plot_panel_get_y_log (self) && lo <= 0))
    {
      gtk_widget_add_css_class (self->range_max, "error");
      gtk_widget_set_tooltip_text (self->range_max,
                                   cusp_plot_panel_get_y_log (self)
                                   ? _("On a log axis both ends must be above zero, the maximum above the minimum.")
                                   : _("The maximum must be above the minimum."));
      return;
    }
  cusp_plot_panel_set_y_range (self, lo, hi);
  gtk_popover_popdown (GTK_POPOVER (self->range_popover));
}

static void
on_range_autoscale (CuspPlotPanel *self)
{
  cusp_plot_panel_autoscale (self);
  gtk_popover_popdown (GTK_POPOVER (self->range_popover));
}

static GtkWidget *
range_row (GtkGrid    *grid,
           int         row,
           const char *label)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), entry);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 14);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return entry;
}

static void
create_range_popover (CuspPlotPanel *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("_Apply"));
  GtkWidget *autoscale = gtk_button_new_with_mnemonic (_("_Autoscale"));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  self->range_min = range_row (GTK_GRID (grid), 0, _("M_inimum"));
  self->range_max = range_row (GTK_GRID (grid), 1, _("Ma_ximum"));
  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_grid_attach (GTK_GRID (grid), autoscale, 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), apply, 1, 2, 1, 1);
  g_signal_connect_swapped (apply, "clicked", G_CALLBACK (on_range_apply), self);
  g_signal_connect_swapped (self->range_min, "activate", G_CALLBACK (on_range_apply), self);
  g_signal_connect_swapped (self->range_max, "activate", G_CALLBACK (on_range_apply), self);
  g_signal_connect_swapped (autoscale, "clicked", G_CALLBACK (on_range_autoscale), self);

  self->range_popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->range_popover), grid);
  gtk_widget_set_parent (self->range_popover, GTK_WIDGET (self));
}

static void
y_range_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CuspPlotPanel *self = CUSP_PLOT_PANEL (widget);
  double lo, hi;

  if (self->range_popover == NULL)
    create_range_popover (self);
  if (has_picture_data (self) && cusp_plot_renderer_get_y_range (self->renderer, 0, &lo, &hi))
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      gtk_editable_set_text (GTK_EDITABLE (self->range_min), g_ascii_formatd (text, sizeof text, "%.6g", lo));
      gtk_editable_set_text (GTK_EDITABLE (self->range_max), g_ascii_formatd (text, sizeof text, "%.6g", hi));
    }
  gtk_popover_popup (GTK_POPOVER (self->range_popover));
}

static GMenuModel *
build_menu (CuspPlotPanel *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) axes = g_menu_new ();
  g_autoptr (GMenu) order = g_menu_new ();

  /* A text band has no y axis to set. */
  if (self->kind != CUSP_DATA_KIND_TEXT)
    g_menu_append (axes, _("_Logarithmic Y Axis"), "panel.y-log");
  if (self->kind == CUSP_DATA_KIND_SPECTROGRAM)
    {
      g_autoptr (GMenu) maps = g_menu_new ();

      g_menu_append (axes, _("Logarithmic _Colour Scale"), "panel.z-log");
      g_menu_append (maps, _("Viridis"), "panel.colormap::viridis");
      g_menu_append (maps, _("Jet"), "panel.colormap::jet");
      g_menu_append_submenu (axes, _("Colour _Map"), G_MENU_MODEL (maps));
    }
  else if (self->kind != CUSP_DATA_KIND_TEXT)
    {
      g_menu_append (axes, _("Y _Range…"), "panel.y-range");
      g_menu_append (axes, _("_Autoscale Y"), "panel.autoscale");
    }
  g_menu_append (order, _("Move _Up"), "panel.move-up");
  g_menu_append (order, _("Move _Down"), "panel.move-down");
  g_menu_append (order, _("_Remove Panel"), "panel.remove");
  if (g_menu_model_get_n_items (G_MENU_MODEL (axes)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (axes));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (order));
  return G_MENU_MODEL (menu);
}

static void
update_move_actions (CuspPlotPanel *self)
{
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (self));
  gboolean in_stack = CUSP_IS_PLOT_STACK (stack);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.move-up",
                                 in_stack && gtk_widget_get_prev_sibling (GTK_WIDGET (self)) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.move-down",
                                 in_stack && gtk_widget_get_next_sibling (GTK_WIDGET (self)) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.remove", in_stack);
}

void
cusp_plot_panel_popup_menu (CuspPlotPanel *self,
                            double         x,
                            double         y)
{
  g_autoptr (GMenuModel) model = NULL;

  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  /* Rebuilt each time: the kind is known only once data arrived. */
  model = build_menu (self);
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  update_move_actions (self);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
cusp_plot_panel_dispose (GObject *object)
{
  CuspPlotPanel *self = CUSP_PLOT_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->texture);
  g_clear_handle_id (&self->fetch_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  for (guint k = 0; k < self->products->len; k++)
    {
      Product *p = g_ptr_array_index (self->products, k);

      if (p->cancellable != NULL)
        g_cancellable_cancel (p->cancellable);
      p->generation++;
    }
  g_clear_pointer (&self->status, gtk_widget_unparent);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->range_popover, gtk_widget_unparent);

  G_OBJECT_CLASS (cusp_plot_panel_parent_class)->dispose (object);
}

static void
cusp_plot_panel_finalize (GObject *object)
{
  CuspPlotPanel *self = CUSP_PLOT_PANEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->renderer, cusp_plot_renderer_unref);
  g_clear_pointer (&self->readout, g_free);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (cusp_plot_panel_parent_class)->finalize (object);
}

static void
cusp_plot_panel_class_init (CuspPlotPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cusp_plot_panel_dispose;
  object_class->finalize = cusp_plot_panel_finalize;
  object_class->get_property = cusp_plot_panel_get_property;
  object_class->set_property = cusp_plot_panel_set_property;
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
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CUSP_TYPE_PLOT_PANEL_STATE, CUSP_PLOT_PANEL_READY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y_LOG] =
    g_param_spec_boolean ("y-log", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Z_LOG] =
    g_param_spec_boolean ("z-log", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLORMAP] =
    g_param_spec_string ("colormap", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "panel.y-log", "y-log");
  gtk_widget_class_install_property_action (widget_class, "panel.z-log", "z-log");
  gtk_widget_class_install_property_action (widget_class, "panel.colormap", "colormap");
  gtk_widget_class_install_action (widget_class, "panel.autoscale", NULL, autoscale_action);
  gtk_widget_class_install_action (widget_class, "panel.y-range", NULL, y_range_action);
  gtk_widget_class_install_action (widget_class, "panel.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "panel.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "panel.remove", NULL, remove_action);
  gtk_widget_class_set_css_name (widget_class, "plotpanel");
}

static void
cusp_plot_panel_init (CuspPlotPanel *self)
{
  self->renderer = cusp_plot_renderer_new ();
  self->cancellable = g_cancellable_new ();
  self->crosshair = CUSP_TIME_INVALID;
  self->products = g_ptr_array_new_with_free_func (product_free);
  self->y_log = -1;
  self->z_log = -1;
  self->y_min = self->y_max = NAN;
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  create_status (self);
}

GtkWidget *
cusp_plot_panel_new (CuspData *data)
{
  CuspPlotPanel *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (CUSP_TYPE_PLOT_PANEL, NULL);
  cusp_plot_renderer_add_panel (self->renderer, data);
  self->kind = cusp_data_get_kind (data);
  if (cusp_data_get_series (data) != NULL)
    self->title = g_strdup (cusp_data_get_series (data)->name);
  else if (cusp_data_get_spectrogram (data) != NULL)
    self->title = g_strdup (cusp_data_get_spectrogram (data)->name);
  else if (cusp_data_get_text (data) != NULL)
    self->title = g_strdup (cusp_data_get_text (data)->name);
  return GTK_WIDGET (self);
}

CuspData *
cusp_plot_panel_get_data (CuspPlotPanel *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (self), NULL);

  if (!has_picture_data (self))
    return NULL;
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
  schedule_fetch (self);
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

  if (!has_picture_data (self) || !cusp_plot_renderer_get_y_range (self->renderer, 0, &lo, &hi))
    return;
  log = cusp_plot_renderer_get_y_scale (self->renderer, 0) == CUSP_SCALE_LOG;
  cusp_axis_zoom (lo, hi, log, CLAMP (anchor, 0, 1), factor, &a, &b);
  self->y_min = a;
  self->y_max = b;
  cusp_plot_renderer_set_y_range (self->renderer, 0, a, b);
  cusp_plot_panel_queue_render (self);
}

void
cusp_plot_panel_autoscale (CuspPlotPanel *self)
{
  g_return_if_fail (CUSP_IS_PLOT_PANEL (self));

  cusp_plot_panel_set_y_range (self, NAN, NAN);
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
  const char *bin_unit = spec->bin_unit != NULL ? spec->bin_unit : "";
  double lo, hi;
  int j;

  /* The record whose span holds t starts at or before it. */
  if (i < spec->n_records && spec->times[i] == t)
    ;
  else if (i > 0)
    i--;
  else
    return;
  j = cusp_spectrogram_find_bin (spec, i, bin_value, &lo, &hi);
  if (j < 0)
    return;
  /* "Energy 14.1 eV (10–20 eV)  3.2e+05 unit": the cell's bin and value. */
  g_string_append_printf (out, "\n%s %.4g %s (%.4g–%.4g %s)  %.4g %s",
                          spec->bin_label != NULL ? spec->bin_label : "",
                          cusp_spectrogram_bin_centres (spec, i)[j], bin_unit,
                          lo, hi, bin_unit,
                          spec->values[(gsize) i * spec->n_bins + j],
                          spec->unit != NULL ? spec->unit : "");
}

/* The value each band shows at t: that of the run drawn over t (none over
 * fill or a gap). */
static void
describe_text (GString              *out,
               const CuspTextSeries *text,
               CuspTime              t)
{
  for (guint c = 0; c < text->n_components; c++)
    {
      g_autoptr (GArray) runs = cusp_text_series_runs (text, c, t, t + 1, 0);
      const char *label = text->labels != NULL && text->labels[c] != NULL
                          ? text->labels[c] : text->name;

      for (guint k = 0; k < runs->len; k++)
        {
          const CuspTextRun *run = &g_array_index (runs, CuspTextRun, k);

          if (run->start <= t && t < run->stop)
            g_string_append_printf (out, "\n%s  %s", label != NULL ? label : "", run->value);
        }
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
  if (data == NULL)
    ;
  else if (cusp_data_get_series (data) != NULL)
    for (guint k = 0; k < cusp_plot_renderer_get_n_layers (self->renderer, 0); k++)
      describe_series (out, cusp_data_get_series (cusp_plot_renderer_get_layer_data (self->renderer, 0, k)), t);
  else if (cusp_data_get_text (data) != NULL)
    describe_text (out, cusp_data_get_text (data), t);
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
