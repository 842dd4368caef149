#define G_LOG_DOMAIN "cusp-plot-renderer"

#include "config.h"

#include "cusp-plot-renderer.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cusp-axis-ticks.h"
#include "cusp-minmax-pyramid.h"
#include "cusp-plot-transform.h"

#define FONT          "Sans 9"
#define FONT_SMALL    "Sans 8"
#define PANEL_GAP     4
#define TICK_MAJOR    5
#define TICK_MINOR    3
#define LINE_WIDTH    1.25
#define COLORBAR_GAP  10
#define COLORBAR_W    12

/* Data and its lazily built pyramids, shared by renderer copies. */
typedef struct
{
  CuspData            *data;
  GMutex               lock;
  CuspMinmaxPyramid  **pyramids;   /* one per series component, built on use */
  guint                n_pyramids;
  GArray              *gaps;       /* cusp_plot_find_gaps of the times, built on use */
} Source;

typedef struct
{
  Source             *source;
  GPtrArray          *layers;      /* Source, overlaid on source; NULL if none */
  CuspScale           y_scale;
  double              y_min, y_max;
  CuspScale           z_scale;
  double              z_min, z_max;
  const CuspColormap *colormap;
  CuspResampleMode    mode;
  double              weight;      /* share of the figure's height */
} Panel;

struct _CuspPlotRenderer
{
  GArray   *panels;
  CuspTime  start;
  CuspTime  stop;
};

G_DEFINE_QUARK (cusp-plot-renderer-error-quark, cusp_plot_renderer_error)
G_DEFINE_BOXED_TYPE (CuspPlotRenderer, cusp_plot_renderer,
                     cusp_plot_renderer_ref, cusp_plot_renderer_unref)

/* Tableau 10 (Tableau's default qualitative palette). */
static const guint32 palette[] = {
  0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
  0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac,
};

static const double axis_rgb[3] = { 0.2, 0.2, 0.2 };
static const double grid_rgb[3] = { 0.9, 0.9, 0.9 };

/* ---- sources ---------------------------------------------------------- */

static void
source_clear (gpointer data)
{
  Source *source = data;

  for (guint c = 0; c < source->n_pyramids; c++)
    g_clear_pointer (&source->pyramids[c], cusp_minmax_pyramid_unref);
  g_free (source->pyramids);
  g_clear_pointer (&source->gaps, g_array_unref);
  g_mutex_clear (&source->lock);
  cusp_data_unref (source->data);
}

static Source *
source_new (CuspData *data)
{
  Source *source = g_atomic_rc_box_new0 (Source);
  CuspSeries *series = cusp_data_get_series (data);

  source->data = cusp_data_ref (data);
  g_mutex_init (&source->lock);
  if (series != NULL)
    {
      source->n_pyramids = series->n_components;
      source->pyramids = g_new0 (CuspMinmaxPyramid *, series->n_components);
    }
  return source;
}

static void
source_unref (Source *source)
{
  g_atomic_rc_box_release_full (source, source_clear);
}

/* Returns a new reference: the caller may draw after another thread
 * dropped the renderer. */
static CuspMinmaxPyramid *
source_get_pyramid (Source *source,
                    guint   component)
{
  CuspSeries *series = cusp_data_get_series (source->data);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&source->lock);

  if (source->pyramids[component] == NULL)
    source->pyramids[component] =
      cusp_minmax_pyramid_new_full (series->times, cusp_series_column (series, component),
                                    series->n_samples, cusp_series_ref (series),
                                    (GDestroyNotify) cusp_series_unref);
  return cusp_minmax_pyramid_ref (source->pyramids[component]);
}

/* Where lines break: steps over CUSP_PLOT_GAP_CADENCES cadences (a new
 * reference, as for the pyramids). */
static GArray *
source_get_gaps (Source *source)
{
  CuspSeries *series = cusp_data_get_series (source->data);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&source->lock);

  if (source->gaps == NULL)
    {
      CuspTime cadence = cusp_plot_estimate_cadence (series->times, series->n_samples);

      source->gaps = cusp_plot_find_gaps (series->times, series->n_samples,
                                          CUSP_PLOT_GAP_CADENCES * cadence);
    }
  return g_array_ref (source->gaps);
}

/* ---- renderer object -------------------------------------------------- */

static void
panel_clear (gpointer data)
{
  Panel *panel = data;

  g_clear_pointer (&panel->source, source_unref);
  g_clear_pointer (&panel->layers, g_ptr_array_unref);
}

static Source *
source_acquire (Source *source)
{
  return g_atomic_rc_box_acquire (source);
}

/* The panel by value with new references to its sources. */
static Panel
panel_dup (const Panel *panel)
{
  Panel copy = *panel;

  copy.source = source_acquire (panel->source);
  if (panel->layers != NULL)
    {
      copy.layers = g_ptr_array_new_with_free_func ((GDestroyNotify) source_unref);
      for (guint k = 0; k < panel->layers->len; k++)
        g_ptr_array_add (copy.layers, source_acquire (g_ptr_array_index (panel->layers, k)));
    }
  return copy;
}

/* Layer k of a panel: 0 is its own source. */
static Source *
panel_layer (const Panel *panel,
             guint        k)
{
  return k == 0 ? panel->source : g_ptr_array_index (panel->layers, k - 1);
}

static guint
panel_n_layers (const Panel *panel)
{
  return 1 + (panel->layers != NULL ? panel->layers->len : 0);
}

CuspPlotRenderer *
cusp_plot_renderer_new (void)
{
  CuspPlotRenderer *self = g_atomic_rc_box_new0 (CuspPlotRenderer);

  self->panels = g_array_new (FALSE, TRUE, sizeof (Panel));
  g_array_set_clear_func (self->panels, panel_clear);
  self->start = 0;
  self->stop = CUSP_NS_PER_DAY;
  return self;
}

CuspPlotRenderer *
cusp_plot_renderer_ref (CuspPlotRenderer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
renderer_clear (gpointer data)
{
  CuspPlotRenderer *self = data;

  g_array_unref (self->panels);
}

void
cusp_plot_renderer_unref (CuspPlotRenderer *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, renderer_clear);
}

CuspPlotRenderer *
cusp_plot_renderer_copy (const CuspPlotRenderer *self)
{
  CuspPlotRenderer *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = cusp_plot_renderer_new ();
  copy->start = self->start;
  copy->stop = self->stop;
  for (guint i = 0; i < self->panels->len; i++)
    {
      Panel panel = panel_dup (&g_array_index (self->panels, Panel, i));

      g_array_append_val (copy->panels, panel);
    }
  return copy;
}

void
cusp_plot_renderer_set_range (CuspPlotRenderer *self,
                              CuspTime          start,
                              CuspTime          stop)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stop > start);

  self->start = start;
  self->stop = stop;
}

void
cusp_plot_renderer_get_range (const CuspPlotRenderer *self,
                              CuspTime               *start,
                              CuspTime               *stop)
{
  g_return_if_fail (self != NULL);

  if (start != NULL)
    *start = self->start;
  if (stop != NULL)
    *stop = self->stop;
}

guint
cusp_plot_renderer_add_panel (CuspPlotRenderer *self,
                              CuspData         *data)
{
  CuspSpectrogram *spec;
  Panel panel = { 0 };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (data != NULL, 0);

  spec = cusp_data_get_spectrogram (data);
  panel.source = source_new (data);
  panel.y_scale = spec != NULL ? spec->y_scale : CUSP_SCALE_LINEAR;
  panel.z_scale = spec != NULL ? spec->z_scale : CUSP_SCALE_LOG;
  panel.y_min = panel.y_max = NAN;
  panel.z_min = panel.z_max = NAN;
  if (spec != NULL && isfinite (spec->z_min) && isfinite (spec->z_max))
    {
      panel.z_min = spec->z_min;
      panel.z_max = spec->z_max;
    }
  panel.colormap = cusp_colormap_get_default ();
  panel.mode = CUSP_RESAMPLE_MEAN;
  panel.weight = 1;
  g_array_append_val (self->panels, panel);
  return self->panels->len - 1;
}

void
cusp_plot_renderer_remove_panel (CuspPlotRenderer *self,
                                 guint             index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->panels->len);

  g_array_remove_index (self->panels, index);
}

guint
cusp_plot_renderer_get_n_panels (const CuspPlotRenderer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->panels->len;
}

static Panel *
get_panel (const CuspPlotRenderer *self,
           guint                   index)
{
  return &g_array_index (self->panels, Panel, index);
}

CuspData *
cusp_plot_renderer_get_panel_data (const CuspPlotRenderer *self,
                                   guint                   index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->panels->len, NULL);

  return get_panel (self, index)->source->data;
}

guint
cusp_plot_renderer_add_layer (CuspPlotRenderer *self,
                              guint             index,
                              CuspData         *data)
{
  Panel *panel;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->panels->len, 0);
  g_return_val_if_fail (data != NULL, 0);

  panel = get_panel (self, index);
  if (panel->layers == NULL)
    panel->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) source_unref);
  g_ptr_array_add (panel->layers, source_new (data));
  return panel->layers->len;
}

guint
cusp_plot_renderer_get_n_layers (const CuspPlotRenderer *self,
                                 guint                   index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->panels->len, 0);

  return panel_n_layers (get_panel (self, index));
}

CuspData *
cusp_plot_renderer_get_layer_data (const CuspPlotRenderer *self,
                                   guint                   index,
                                   guint                   layer)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->panels->len, NULL);
  g_return_val_if_fail (layer < panel_n_layers (get_panel (self, index)), NULL);

  return panel_layer (get_panel (self, index), layer)->data;
}

void
cusp_plot_renderer_set_layer_data (CuspPlotRenderer *self,
                                   guint             index,
                                   guint             layer,
                                   CuspData         *data)
{
  Panel *panel;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->panels->len);
  g_return_if_fail (data != NULL);

  panel = get_panel (self, index);
  g_return_if_fail (layer < panel_n_layers (panel));

  /* Copies drawing in workers keep their own reference to the old one. */
  if (layer == 0)
    {
      source_unref (panel->source);
      panel->source = source_new (data);
    }
  else
    {
      Source *old = g_ptr_array_index (panel->layers, layer - 1);

      g_ptr_array_index (panel->layers, layer - 1) = source_new (data);
      source_unref (old);
    }
}

guint
cusp_plot_renderer_add_panel_from (CuspPlotRenderer       *self,
                                   const CuspPlotRenderer *other,
                                   guint                   index)
{
  Panel panel;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (other != NULL, 0);
  g_return_val_if_fail (index < other->panels->len, 0);

  panel = panel_dup (get_panel (other, index));
  g_array_append_val (self->panels, panel);
  return self->panels->len - 1;
}

void
cusp_plot_renderer_set_panel_weight (CuspPlotRenderer *self,
                                     guint             index,
                                     double            weight)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->panels->len);
  g_return_if_fail (weight > 0);

  get_panel (self, index)->weight = weight;
}

double
cusp_plot_renderer_get_panel_weight (const CuspPlotRenderer *self,
                                     guint                   index)
{
  g_return_val_if_fail (self != NULL, 1);
  g_return_val_if_fail (index < self->panels->len, 1);

  return get_panel ((CuspPlotRenderer *) self, index)->weight;
}

void
cusp_plot_renderer_set_y_scale (CuspPlotRenderer *self,
                                guint             index,
                                CuspScale         scale)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->panels->len);

  get_panel (self, index)->y_scale = scale;
}

CuspScale
cusp_plot_renderer_get_y_scale (const CuspPlotRenderer *self,
                                guint                   index)
{
  g_return_val_if_fail (self != NULL, CUSP_SCALE_LINEAR);
  g_return_val_if_fail (index < self->panels->len, CUSP_SCALE_LINEAR);

  return get_panel (self, index)->y_scale;
}

void
cusp_plot_renderer_set_y_range (CuspPlotRenderer *self,
                                guint             index,
                                double            min,
                                double            max)
{
  Panel *panel;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->panels->len);

  panel = get_panel (self, index);
  panel->y_min = min;
  panel->y_max = max;
}

void
cusp_plot_renderer_set_z_scale (CuspPlotRenderer *self,
                                guint             index,
                                CuspScale         scale)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->panels->len);

  get_panel (self, index)->z_scale = scale;
}

void
cusp_plot_renderer_set_z_range (CuspPlotRenderer *self,
                                guint             index,
                                double            min,
                                double            max)
{
  Panel *panel;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->panels->len);

  panel = get_panel (self, index);
  panel->z_min = min;
  panel->z_max = max;
}

void
cusp_plot_renderer_set_colormap (CuspPlotRenderer   *self,
                                 guint               index,
                                 const CuspColormap *colormap)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->panels->len);
  g_return_if_fail (colormap != NULL);

  get_panel (self, index)->colormap = colormap;
}

void
cusp_plot_renderer_set_resample_mode (CuspPlotRenderer *self,
                                      guint             index,
                                      CuspResampleMode  mode)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->panels->len);

  get_panel (self, index)->mode = mode;
}

/* ---- ranges ----------------------------------------------------------- */

/* Smallest positive finite value of values[i0, i1), for log autoscale when
 * the plain minimum is not positive. */
static double
positive_min (const double *values,
              gsize         i0,
              gsize         i1)
{
  double lo = INFINITY;

  for (gsize i = i0; i < i1; i++)
    if (isfinite (values[i]) && values[i] > 0 && values[i] < lo)
      lo = values[i];
  return lo;
}

static gboolean
series_data_range (const CuspPlotRenderer *self,
                   Panel                  *panel,
                   double                 *min,
                   double                 *max)
{
  gboolean log = panel->y_scale == CUSP_SCALE_LOG;
  double lo = INFINITY, hi = -INFINITY;

  for (guint k = 0; k < panel_n_layers (panel); k++)
    {
      Source *source = panel_layer (panel, k);
      CuspSeries *series = cusp_data_get_series (source->data);
      guint i0, i1;

      if (series == NULL)
        continue;
      i0 = cusp_series_lower_bound (series, self->start);
      i1 = cusp_series_lower_bound (series, self->stop);
      for (guint c = 0; c < series->n_components; c++)
        {
          g_autoptr (CuspMinmaxPyramid) pyramid = source_get_pyramid (source, c);
          CuspColumnStats stats;

          cusp_minmax_pyramid_range_stats (pyramid, i0, i1, &stats);
          if (stats.count == 0)
            continue;
          if (log && stats.min <= 0)
            stats.min = positive_min (cusp_series_column (series, c), i0, i1);
          if (log && !(stats.max > 0))
            continue;
          lo = MIN (lo, stats.min);
          hi = MAX (hi, stats.max);
        }
    }
  *min = lo;
  *max = hi;
  return lo <= hi;
}

static void
spec_visible_records (const CuspPlotRenderer *self,
                      const CuspSpectrogram  *spec,
                      guint                  *i0,
                      guint                  *i1)
{
  *i0 = cusp_spectrogram_lower_bound (spec, self->start);
  *i1 = cusp_spectrogram_lower_bound (spec, self->stop);
  /* A record stamped before the view may still cover its start. */
  if (*i0 > 0)
    (*i0)--;
}

gboolean
cusp_plot_renderer_get_y_range (const CuspPlotRenderer *self,
                                guint                   index,
                                double                 *min,
                                double                 *max)
{
  Panel *panel;
  CuspSpectrogram *spec;
  gboolean log;
  double lo, hi;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->panels->len, FALSE);
  g_return_val_if_fail (min != NULL && max != NULL, FALSE);

  panel = get_panel (self, index);
  log = panel->y_scale == CUSP_SCALE_LOG;
  if (isfinite (panel->y_min) && isfinite (panel->y_max) && panel->y_max > panel->y_min
      && (!log || panel->y_min > 0))
    {
      *min = panel->y_min;
      *max = panel->y_max;
      return TRUE;
    }

  spec = cusp_data_get_spectrogram (panel->source->data);
  if (spec != NULL)
    {
      guint i0, i1;

      /* Bins fill the axis exactly: no padding. */
      spec_visible_records (self, spec, &i0, &i1);
      if (!cusp_spectrogram_bin_range (spec, i0, MAX (i1, i0 + 1), log, min, max))
        return FALSE;
      return TRUE;
    }
  if (cusp_data_get_series (panel->source->data) == NULL
      || !series_data_range (self, panel, &lo, &hi))
    return FALSE;
  return cusp_plot_pad_range (lo, hi, log, min, max);
}

gboolean
cusp_plot_renderer_get_z_range (const CuspPlotRenderer *self,
                                guint                   index,
                                double                 *min,
                                double                 *max)
{
  Panel *panel;
  CuspSpectrogram *spec;
  gboolean log;
  guint i0, i1;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->panels->len, FALSE);
  g_return_val_if_fail (min != NULL && max != NULL, FALSE);

  panel = get_panel (self, index);
  spec = cusp_data_get_spectrogram (panel->source->data);
  log = panel->z_scale == CUSP_SCALE_LOG;
  if (spec == NULL)
    return FALSE;
  if (isfinite (panel->z_min) && isfinite (panel->z_max) && panel->z_max > panel->z_min
      && (!log || panel->z_min > 0))
    {
      *min = panel->z_min;
      *max = panel->z_max;
      return TRUE;
    }
  spec_visible_records (self, spec, &i0, &i1);
  if (!cusp_spectrogram_value_range (spec, i0, i1, log, min, max))
    return FALSE;
  if (log)
    *min = MAX (*min, *max * pow (10, -CUSP_PLOT_MAX_Z_DECADES));
  if (*max <= *min)
    return cusp_plot_pad_range (*min, *max, log, min, max);
  return TRUE;
}

/* ---- text ------------------------------------------------------------- */

static const char *const superscripts[] = {
  "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹",
};

/* "cm^-3" → "cm⁻³", "keV/(cm^2 s sr keV)" → "keV/(cm² s sr keV)": units in
 * metadata use a caret, print uses superscripts. */
static char *
pretty_unit (const char *unit)
{
  GString *out = g_string_new (NULL);

  for (const char *p = unit; *p != '\0'; p++)
    {
      if (*p != '^')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (p[1] == '-' && g_ascii_isdigit (p[2]))
        {
          g_string_append (out, "⁻");
          p++;
        }
      while (g_ascii_isdigit (p[1]))
        {
          g_string_append (out, superscripts[p[1] - '0']);
          p++;
        }
    }
  return g_string_free (out, FALSE);
}

static char *
axis_title (const char *name,
            const char *unit)
{
  g_autofree char *pretty = NULL;

  if (unit == NULL || *unit == '\0')
    return g_strdup (name != NULL ? name : "");
  pretty = pretty_unit (unit);
  return g_strdup_printf ("%s (%s)", name != NULL ? name : "", pretty);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *font,
             const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (font);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Hinting would make label widths depend on the surface type. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws text with its anchor at (x, y): ax, ay in [0, 1] pick the point of
 * the logical box (0, 0 top left).  Returns the box through out if given. */
static void
draw_text (cairo_t           *cr,
           const char        *font,
           const char        *text,
           double             x,
           double             y,
           double             ax,
           double             ay,
           cairo_rectangle_t *out)
{
  g_autoptr (PangoLayout) layout = make_layout (cr, font, text);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  x -= ax * logical.width / (double) PANGO_SCALE;
  y -= ay * logical.height / (double) PANGO_SCALE;
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  if (out != NULL)
    {
      out->x = x;
      out->y = y;
      out->width = logical.width / (double) PANGO_SCALE;
      out->height = logical.height / (double) PANGO_SCALE;
    }
}

static void
text_size (cairo_t    *cr,
           const char *font,
           const char *text,
           double     *width,
           double     *height)
{
  g_autoptr (PangoLayout) layout = make_layout (cr, font, text);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = logical.width / (double) PANGO_SCALE;
  *height = logical.height / (double) PANGO_SCALE;
}

/* Vertical text reading bottom to top, centred on (x, y). */
static void
draw_text_vertical (cairo_t    *cr,
                    const char *font,
                    const char *text,
                    double      x,
                    double      y,
                    double      max_length)
{
  g_autoptr (PangoLayout) layout = make_layout (cr, font, text);
  PangoRectangle logical;

  pango_layout_set_width (layout, (int) (max_length * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_extents (layout, NULL, &logical);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, -G_PI / 2);
  cairo_move_to (cr, -logical.width / (2.0 * PANGO_SCALE), -logical.height / (2.0 * PANGO_SCALE));
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* text cut at the space nearest its middle (first half in *head);
 * FALSE when it has no space. */
static gboolean
split_middle (const char  *text,
              char       **head,
              char       **tail)
{
  gsize len = strlen (text), best = 0;

  for (gsize i = 1; i + 1 < len; i++)
    if (text[i] == ' ' && (best == 0 || ABS ((gssize) i - (gssize) len / 2) < ABS ((gssize) best - (gssize) len / 2)))
      best = i;
  if (best == 0)
    return FALSE;
  *head = g_strndup (text, best);
  *tail = g_strdup (text + best + 1);
  return TRUE;
}

/* A vertical title centred on (x, y) that must fit in length: on one line
 * when it does, else on two, line_gap apart: an axis title "name (unit)"
 * as name over "(unit)", so the unit always shows (tplot's ytitle and
 * ysubtitle), other text cut at a middle space. */
static void
draw_title_vertical (cairo_t    *cr,
                     const char *font,
                     const char *text,
                     double      x,
                     double      y,
                     double      length,
                     double      line_gap)
{
  g_autofree char *head = NULL, *tail = NULL;
  const char *paren = g_strrstr (text, " (");
  double w, h;

  text_size (cr, font, text, &w, &h);
  if (w <= length)
    {
      draw_text_vertical (cr, font, text, x, y, length);
      return;
    }
  if (paren != NULL && g_str_has_suffix (text, ")"))
    {
      head = g_strndup (text, paren - text);
      tail = g_strdup (paren + 1);
    }
  else if (!split_middle (text, &head, &tail))
    {
      draw_text_vertical (cr, font, text, x, y, length);
      return;
    }
  draw_text_vertical (cr, font, head, x - line_gap / 2, y, length);
  draw_text_vertical (cr, font, tail, x + line_gap / 2, y, length);
}

static void
set_rgb (cairo_t      *cr,
         const double  rgb[3])
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

void
cusp_plot_renderer_line_colour (const char *label,
                                guint       component,
                                double      rgb[3])
{
  guint32 c = palette[component % G_N_ELEMENTS (palette)];

  /* Physicists read |B| as the dark envelope over the components. */
  if (label != NULL && label[0] == '|')
    c = 0x3b3b3b;
  rgb[0] = ((c >> 16) & 0xff) / 255.0;
  rgb[1] = ((c >> 8) & 0xff) / 255.0;
  rgb[2] = (c & 0xff) / 255.0;
}

/* ---- layout ----------------------------------------------------------- */

void
cusp_plot_renderer_get_data_rect (double             width,
                                  double             height,
                                  gboolean           time_labels,
                                  cairo_rectangle_t *out)
{
  double bottom = time_labels ? CUSP_PLOT_TIME_AXIS : CUSP_PLOT_PAD_BOTTOM;

  g_return_if_fail (out != NULL);

  out->x = CUSP_PLOT_MARGIN_LEFT;
  out->y = CUSP_PLOT_PAD_TOP;
  out->width = MAX (0, floor (width) - CUSP_PLOT_MARGIN_LEFT - CUSP_PLOT_MARGIN_RIGHT);
  out->height = MAX (0, floor (height) - CUSP_PLOT_PAD_TOP - bottom);
}

void
cusp_plot_renderer_get_figure_layout (const CuspPlotRenderer *self,
                                      double                  height,
                                      double                 *panel_height,
                                      double                 *bottom_height)
{
  guint n;
  double h;

  g_return_if_fail (self != NULL);

  n = MAX (self->panels->len, 1);
  /* Equal data heights; the bottom box adds the time labels. */
  h = floor ((height - (n - 1) * PANEL_GAP - (CUSP_PLOT_TIME_AXIS - CUSP_PLOT_PAD_BOTTOM)) / n);
  if (panel_height != NULL)
    *panel_height = MAX (h, 0);
  if (bottom_height != NULL)
    *bottom_height = MAX (h + CUSP_PLOT_TIME_AXIS - CUSP_PLOT_PAD_BOTTOM, 0);
}

/* Tops and heights of every panel's box in a figure `height' tall: data
 * heights split by weight, gaps between boxes, the bottom box taller by
 * its time labels.  Arrays of n_panels, from g_malloc. */
static void
panel_boxes (const CuspPlotRenderer *self,
             double                  height,
             double                **tops,
             double                **heights)
{
  guint n = self->panels->len;
  g_autofree double *weights = g_new (double, MAX (n, 1));
  double top = 0;

  *tops = g_new (double, MAX (n, 1));
  *heights = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    weights[i] = g_array_index (self->panels, Panel, i).weight;
  cusp_plot_split_heights (height - (n - 1.0) * PANEL_GAP - (CUSP_PLOT_TIME_AXIS - CUSP_PLOT_PAD_BOTTOM),
                           weights, n, *heights);
  for (guint i = 0; i < n; i++)
    {
      (*tops)[i] = top;
      top += (*heights)[i] + PANEL_GAP;
    }
  if (n > 0)
    (*heights)[n - 1] += CUSP_PLOT_TIME_AXIS - CUSP_PLOT_PAD_BOTTOM;
}

void
cusp_plot_renderer_get_panel_box (const CuspPlotRenderer *self,
                                  double                  height,
                                  guint                   index,
                                  double                 *y,
                                  double                 *box_height)
{
  g_autofree double *tops = NULL, *heights = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->panels->len);

  panel_boxes (self, height, &tops, &heights);
  if (y != NULL)
    *y = tops[index];
  if (box_height != NULL)
    *box_height = heights[index];
}

/* ---- axes ------------------------------------------------------------- */

static void
draw_time_axis (CuspPlotRenderer        *self,
                cairo_t                 *cr,
                const cairo_rectangle_t *r,
                gboolean                 labels,
                gboolean                 grid)
{
  g_autoptr (GArray) ticks = cusp_time_ticks_compute (self->start, self->stop, r->width,
                                                      CUSP_PLOT_TIME_TICK_SPACING);
  double bottom = r->y + r->height;
  double last_label_end = -G_MAXDOUBLE, last_date_end = -G_MAXDOUBLE;

  for (guint k = 0; k < ticks->len; k++)
    {
      CuspTimeTick *tick = &g_array_index (ticks, CuspTimeTick, k);
      double x = floor (cusp_plot_time_to_x (tick->t, self->start, self->stop,
                                             r->x, r->width)) + 0.5;

      if (x < r->x || x > r->x + r->width + 1)
        continue;
      if (grid && tick->major)
        {
          set_rgb (cr, grid_rgb);
          cairo_move_to (cr, x, r->y);
          cairo_line_to (cr, x, bottom);
          cairo_stroke (cr);
        }
      set_rgb (cr, axis_rgb);
      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + (tick->major ? TICK_MAJOR : TICK_MINOR));
      cairo_stroke (cr);
      if (!labels || tick->label == NULL)
        continue;

      {
        double w, h;

        text_size (cr, FONT, tick->label, &w, &h);
        /* Labels that would leave the box or touch their neighbour go. */
        if (x - w / 2 < last_label_end + 6 || x - w / 2 < 0
            || x + w / 2 > r->x + r->width + CUSP_PLOT_MARGIN_RIGHT)
          continue;
        draw_text (cr, FONT, tick->label, x, bottom + TICK_MAJOR + 2, 0.5, 0, NULL);
        last_label_end = x + w / 2;
        if (tick->date_label != NULL)
          {
            cairo_rectangle_t box;

            text_size (cr, FONT, tick->date_label, &w, &h);
            if (x - w / 2 < last_date_end + 6)
              continue;
            draw_text (cr, FONT, tick->date_label, MAX (x, w / 2), bottom + TICK_MAJOR + 2 + h,
                       0.5, 0, &box);
            last_date_end = box.x + box.width;
          }
      }
    }
}

static void
draw_y_axis (cairo_t                 *cr,
             const cairo_rectangle_t *r,
             const CuspAxisTransform *y,
             const char              *title,
             gboolean                 grid)
{
  /* At least four ticks: a short panel with one labelled tick (often
   * just "0") does not say its scale. */
  guint target = MAX (4, (guint) (r->height / 30));
  g_autoptr (GArray) ticks = y->log ? cusp_axis_ticks_log (y->min, y->max, target)
                                    : cusp_axis_ticks_linear (y->min, y->max, target);
  double last_label_top = G_MAXDOUBLE;

  for (guint k = ticks->len; k-- > 0;)
    {
      CuspAxisTick *tick = &g_array_index (ticks, CuspAxisTick, k);
      double py = floor (cusp_axis_transform_to_pixel (y, tick->value)) + 0.5;
      cairo_rectangle_t box;
      double w, h;

      if (!isfinite (py) || py < r->y - 0.5 || py > r->y + r->height + 0.5)
        continue;
      if (grid && tick->major)
        {
          set_rgb (cr, grid_rgb);
          cairo_move_to (cr, r->x, py);
          cairo_line_to (cr, r->x + r->width, py);
          cairo_stroke (cr);
        }
      set_rgb (cr, axis_rgb);
      cairo_move_to (cr, r->x, py);
      cairo_line_to (cr, r->x - (tick->major ? TICK_MAJOR : TICK_MINOR), py);
      cairo_stroke (cr);
      if (tick->label == NULL)
        continue;
      text_size (cr, FONT_SMALL, tick->label, &w, &h);
      /* Walking from the top: skip a label overlapping the one above. */
      (void) w;
      if (last_label_top != G_MAXDOUBLE && py - h / 2 < last_label_top + 1)
        continue;
      draw_text (cr, FONT_SMALL, tick->label, r->x - TICK_MAJOR - 3,
                 CLAMP (py, r->y + h / 2 - CUSP_PLOT_PAD_TOP, r->y + r->height + h / 2),
                 1, 0.5, &box);
      last_label_top = box.y + box.height - 1;
    }

  set_rgb (cr, axis_rgb);
  draw_title_vertical (cr, FONT, title, 14, r->y + r->height / 2, r->height + 4, 14);
}

static void
draw_frame (cairo_t                 *cr,
            const cairo_rectangle_t *r)
{
  set_rgb (cr, axis_rgb);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, r->x - 0.5, r->y - 0.5, r->width + 1, r->height + 1);
  cairo_stroke (cr);
}

static void
draw_note (cairo_t                 *cr,
           const cairo_rectangle_t *r,
           const char              *text)
{
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  draw_text (cr, FONT, text, r->x + r->width / 2, r->y + r->height / 2, 0.5, 0.5, NULL);
}

/* ---- lines ------------------------------------------------------------ */

/* Fast path for image targets.  Stroking the 2-4 vertices of every dense
 * column (two or more samples) with Cairo's antialiased stroker cost about
 * 1 ms per component at 1616 columns, dominated by scan conversion of the
 * tall zig-zag.  The line through a dense column covers exactly the range
 * from its min to its max plus the jump from the previous column's last
 * sample, so one vertical span per pixel column, written into an A8 mask
 * with exact coverage at its ends, draws the same pixels for a fraction of
 * the cost.  Sparse columns are still stroked. */
static gboolean
can_draw_spans (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t m;
  double sx, sy;

  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  /* Columns must be device pixels: identity scale, integer offsets. */
  return cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE
         && sx == 1 && sy == 1 && m.xx == 1 && m.yy == 1 && m.xy == 0 && m.yx == 0
         && m.x0 == floor (m.x0) && m.y0 == floor (m.y0);
}

static void
span_coverage (guint8 *pixel,
               double  covered)
{
  guint v = *pixel + (guint) (covered * 255 + 0.5);

  *pixel = MIN (v, 255);
}

/* tops[c] < bottoms[c] in panel pixels (NaN top: no span in column c). */
static void
fill_spans (cairo_t                 *cr,
            const cairo_rectangle_t *r,
            const double            *tops,
            const double            *bottoms,
            guint                    width)
{
  double hw = LINE_WIDTH / 2, lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  cairo_surface_t *mask;
  guint8 *pixels;
  int stride, y0, rows;

  for (guint c = 0; c < width; c++)
    if (!isnan (tops[c]))
      {
        lo = MIN (lo, tops[c] - hw);
        hi = MAX (hi, bottoms[c] + hw);
      }
  lo = MAX (lo, r->y);
  hi = MIN (hi, r->y + r->height);
  if (hi <= lo)
    return;
  y0 = (int) floor (lo);
  rows = (int) ceil (hi) - y0;
  mask = cairo_image_surface_create (CAIRO_FORMAT_A8, (int) width, rows);
  if (cairo_surface_status (mask) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (mask);
      return;
    }
  cairo_surface_flush (mask);
  pixels = cairo_image_surface_get_data (mask);
  stride = cairo_image_surface_get_stride (mask);
  for (guint c = 0; c < width; c++)
    {
      double t, b;
      int it, ib;

      if (isnan (tops[c]))
        continue;
      t = MAX (tops[c] - hw, lo) - y0;
      b = MIN (bottoms[c] + hw, hi) - y0;
      if (b <= t)
        continue;
      it = (int) t;
      ib = (int) b;
      if (it == ib)
        {
          span_coverage (&pixels[it * stride + c], b - t);
          continue;
        }
      span_coverage (&pixels[it * stride + c], it + 1 - t);
      for (int k = it + 1; k < ib; k++)
        pixels[k * stride + c] = 255;
      if (ib < rows)
        span_coverage (&pixels[ib * stride + c], b - ib);
    }
  cairo_surface_mark_dirty (mask);
  cairo_mask_surface (cr, mask, r->x, y0);
  cairo_surface_destroy (mask);
}

/* Lines from (*px, *py) on: the pen is lifted unless pen_at_prev. */
static void
line_from_prev (cairo_t  *cr,
                gboolean  pen_at_prev,
                double    prev_x,
                double    prev_y,
                double    x,
                double    y)
{
  if (!pen_at_prev)
    cairo_move_to (cr, prev_x, prev_y);
  cairo_line_to (cr, x, y);
}

/* The sparse remainder strokes with 4×4-sample antialiasing and bevel
 * joins: at 1.25 px the same look as the default antialiasing and round
 * joins, in about half the time. */
static void
stroke_fast (cairo_t *cr)
{
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Columns per stroke: Cairo's cost grows with the stroke's bounding box,
 * and a jagged line's box is the whole panel. */
#define STROKE_CHUNK 64

/* Spans for dense columns, strokes for the rest (same joins and breaks as
 * the plain polyline). */
static void
draw_columns_spans (cairo_t                 *cr,
                    const cairo_rectangle_t *r,
                    const CuspAxisTransform *y,
                    const CuspColumnStats   *cols,
                    guint                    width,
                    double                  *tops,
                    double                  *bottoms)
{
  gboolean have_prev = FALSE, pen_at_prev = FALSE, pending_gap = FALSE;
  guint prev_dense = G_MAXUINT;
  double prev_x = 0, prev_y = 0;

  for (guint c = 0; c < width; c++)
    {
      CuspColumnStats one = cols[c];
      double vx[4], vy[4];
      guint nv;
      gboolean dense;

      tops[c] = bottoms[c] = NAN;
      if (c % STROKE_CHUNK == 0 && pen_at_prev)
        {
          stroke_fast (cr);
          pen_at_prev = FALSE;
        }
      if (one.count == 0)
        {
          pending_gap |= one.gap_before;
          continue;
        }
      if (pending_gap || one.gap_before)
        have_prev = pen_at_prev = FALSE;
      pending_gap = one.gap_after;
      one.gap_before = one.gap_after = FALSE;
      nv = cusp_minmax_pyramid_to_polyline (&one, 1, vx, vy);
      dense = one.count >= 2;
      for (guint k = 0; k < nv; k++)
        {
          vx[k] += r->x + c;
          vy[k] = cusp_axis_transform_to_pixel (y, vy[k]);
          dense = dense && isfinite (vy[k]);
        }

      if (dense)
        {
          double top = vy[0], bottom = vy[0];

          for (guint k = 1; k < nv; k++)
            {
              top = MIN (top, vy[k]);
              bottom = MAX (bottom, vy[k]);
            }
          if (have_prev && prev_dense + 1 == c)
            {
              top = MIN (top, prev_y);
              bottom = MAX (bottom, prev_y);
            }
          else if (have_prev)
            line_from_prev (cr, pen_at_prev, prev_x, prev_y, vx[0], vy[0]);
          tops[c] = top;
          bottoms[c] = bottom;
          have_prev = TRUE;
          pen_at_prev = FALSE;
          prev_dense = c;
          prev_x = vx[nv - 1];
          prev_y = vy[nv - 1];
          continue;
        }

      prev_dense = G_MAXUINT;
      for (guint k = 0; k < nv; k++)
        {
          if (!isfinite (vy[k]))
            {
              have_prev = pen_at_prev = FALSE;
              continue;
            }
          if (have_prev)
            line_from_prev (cr, pen_at_prev, prev_x, prev_y, vx[k], vy[k]);
          else
            {
              /* A lone vertex still shows as a dot. */
              cairo_move_to (cr, vx[k], vy[k]);
              cairo_line_to (cr, vx[k], vy[k]);
            }
          have_prev = pen_at_prev = TRUE;
          prev_x = vx[k];
          prev_y = vy[k];
        }
    }
  stroke_fast (cr);
  fill_spans (cr, r, tops, bottoms, width);
}

static void
draw_component (CuspPlotRenderer        *self,
                Source                  *source,
                guint                    component,
                guint                    colour,
                cairo_t                 *cr,
                const cairo_rectangle_t *r,
                const CuspAxisTransform *y,
                const gsize             *bounds,
                CuspColumnStats         *cols,
                double                  *xs,
                double                  *ys)
{
  CuspSeries *series = cusp_data_get_series (source->data);
  g_autoptr (CuspMinmaxPyramid) pyramid = source_get_pyramid (source, component);
  g_autoptr (GArray) gaps = source_get_gaps (source);
  guint width = (guint) r->width;
  guint n;
  gboolean pen_down = FALSE;
  double rgb[3];

  cusp_minmax_pyramid_query_bounds (pyramid, bounds, width, cols);
  cusp_plot_mark_gaps (series->times, series->n_samples, gaps, self->start, self->stop, width, cols);
  cusp_plot_renderer_line_colour (series->labels != NULL ? series->labels[component] : NULL,
                                  colour, rgb);
  set_rgb (cr, rgb);
  if (can_draw_spans (cr))
    {
      /* xs and ys hold 5·width doubles: room for tops and bottoms. */
      draw_columns_spans (cr, r, y, cols, width, xs, ys);
      return;
    }
  n = cusp_minmax_pyramid_to_polyline (cols, width, xs, ys);
  for (guint k = 0; k < n; k++)
    {
      double py = cusp_axis_transform_to_pixel (y, ys[k]);

      if (!isfinite (py))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, r->x + xs[k], py);
      else
        {
          /* A lone vertex still shows as a dot. */
          cairo_move_to (cr, r->x + xs[k], py);
          cairo_line_to (cr, r->x + xs[k], py);
        }
      pen_down = TRUE;
    }
  cairo_stroke (cr);
}

static void
draw_legend_entry (cairo_t    *cr,
                   const char *label,
                   guint       colour,
                   double      x,
                   double      y,
                   double      h)
{
  double rgb[3];

  cusp_plot_renderer_line_colour (label, colour, rgb);
  set_rgb (cr, rgb);
  cairo_set_line_width (cr, 2.5);
  cairo_move_to (cr, x, y + h / 2);
  cairo_line_to (cr, x + 16, y + h / 2);
  cairo_stroke (cr);
  set_rgb (cr, axis_rgb);
  draw_text (cr, FONT, label, x + 21, y, 0, 0, NULL);
}

static void
draw_legend (cairo_t                 *cr,
             const cairo_rectangle_t *r,
             Panel                   *panel)
{
  double x = r->x + r->width + 10;
  double y = r->y + 2;
  guint colour = 0;

  for (guint k = 0; k < panel_n_layers (panel); k++)
    {
      const CuspSeries *series = cusp_data_get_series (panel_layer (panel, k)->data);

      for (guint c = 0; series != NULL && c < series->n_components; c++, colour++)
        {
          const char *label = series->labels != NULL && series->labels[c] != NULL
                              ? series->labels[c] : series->name;
          double w, h;

          if (label == NULL)
            continue;
          text_size (cr, FONT, label, &w, &h);
          if (y + h > r->y + r->height + CUSP_PLOT_PAD_BOTTOM)
            break;
          draw_legend_entry (cr, label, colour, x, y, h);
          y += h + 1;
        }
    }
  cairo_set_line_width (cr, 1);
}

/* "B GSE (nT)"; with layers "B GSE, Ni (nT, cm⁻³)" (units once if equal). */
static char *
lines_title (Panel *panel)
{
  GString *names = g_string_new (NULL);
  GString *units = g_string_new (NULL);
  const char *first_unit = NULL;
  gboolean same = TRUE;
  char *title;

  for (guint k = 0; k < panel_n_layers (panel); k++)
    {
      CuspSeries *series = cusp_data_get_series (panel_layer (panel, k)->data);
      const char *unit;

      if (series == NULL)
        continue;
      unit = series->unit != NULL ? series->unit : "";
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, series->name != NULL ? series->name : "");
      if (k == 0)
        first_unit = unit;
      else if (g_strcmp0 (first_unit, unit) != 0)
        same = FALSE;
      if (units->len > 0 && *unit != '\0')
        g_string_append (units, ", ");
      g_string_append (units, unit);
    }
  title = axis_title (names->str, same ? first_unit : units->str);
  g_string_free (names, TRUE);
  g_string_free (units, TRUE);
  return title;
}

static void
draw_lines_panel (CuspPlotRenderer        *self,
                  Panel                   *panel,
                  cairo_t                 *cr,
                  const cairo_rectangle_t *r,
                  gboolean                 time_labels)
{
  guint index = panel - get_panel (self, 0);
  g_autofree char *title = lines_title (panel);
  g_autofree CuspColumnStats *cols = NULL;
  g_autofree double *xs = NULL, *ys = NULL;
  g_autofree gsize *bounds = NULL;
  CuspAxisTransform y;
  double lo, hi;
  guint width = (guint) r->width;

  if (!cusp_plot_renderer_get_y_range (self, index, &lo, &hi)
      || !cusp_axis_transform_init (&y, lo, hi, panel->y_scale == CUSP_SCALE_LOG,
                                    r->y + r->height, r->y))
    {
      draw_time_axis (self, cr, r, time_labels, FALSE);
      set_rgb (cr, axis_rgb);
      draw_title_vertical (cr, FONT, title, 14, r->y + r->height / 2, r->height + 4, 14);
      draw_note (cr, r, _("No data in this time range"));
      draw_frame (cr, r);
      draw_legend (cr, r, panel);
      return;
    }

  draw_y_axis (cr, r, &y, title, TRUE);
  draw_time_axis (self, cr, r, time_labels, TRUE);

  cols = g_new (CuspColumnStats, width);
  bounds = g_new (gsize, width + 1);
  xs = g_new (double, CUSP_MINMAX_POLYLINE_MAX_VERTICES (width));
  ys = g_new (double, CUSP_MINMAX_POLYLINE_MAX_VERTICES (width));
  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_clip (cr);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* Later layers over earlier ones; in each, the magnitude (last) goes
   * under the components. */
  for (guint k = 0, first = 0; k < panel_n_layers (panel); k++)
    {
      Source *source = panel_layer (panel, k);
      CuspSeries *series = cusp_data_get_series (source->data);

      if (series == NULL)
        continue;
      /* The components share the times: find the column edges once. */
      cusp_minmax_pyramid_column_bounds (series->times, series->n_samples, self->start,
                                         self->stop, width, bounds);
      for (guint c = series->n_components; c-- > 0;)
        draw_component (self, source, c, first + c, cr, r, &y, bounds, cols, xs, ys);
      first += series->n_components;
    }
  cairo_restore (cr);

  draw_frame (cr, r);
  draw_legend (cr, r, panel);
}

/* ---- spectrograms ----------------------------------------------------- */

static cairo_surface_t *
spectrogram_image (CuspPlotRenderer        *self,
                   Panel                   *panel,
                   const CuspAxisTransform *y,
                   guint                    width,
                   guint                    height,
                   double                   zmin,
                   double                   zmax)
{
  CuspSpectrogram *spec = cusp_data_get_spectrogram (panel->source->data);
  g_autofree double *cells = g_new (double, (gsize) width * height);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guint8 *pixels = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  gboolean log = panel->z_scale == CUSP_SCALE_LOG;

  cusp_spectrogram_resample (spec, self->start, self->stop, width, y, height, panel->mode, cells);
  cairo_surface_flush (surface);
  for (guint r = 0; r < height; r++)
    {
      guint32 *row = (guint32 *) (pixels + (gsize) r * stride);

      for (guint c = 0; c < width; c++)
        {
          guint8 rgba[4];

          cusp_colormap_map (panel->colormap, cells[(gsize) r * width + c], zmin, zmax, log, rgba);
          /* Opaque or fully transparent, so premultiplying is trivial. */
          row[c] = rgba[3] == 0 ? 0 : (0xffu << 24) | ((guint32) rgba[0] << 16)
                                      | ((guint32) rgba[1] << 8) | rgba[2];
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
draw_colorbar (Panel                   *panel,
               cairo_t                 *cr,
               const cairo_rectangle_t *r,
               double                   zmin,
               double                   zmax,
               const char              *unit)
{
  gboolean log = panel->z_scale == CUSP_SCALE_LOG;
  double x = r->x + r->width + COLORBAR_GAP;
  guint h = (guint) r->height;
  CuspAxisTransform z;
  g_autoptr (GArray) ticks = NULL;
  g_autofree char *title = unit != NULL ? pretty_unit (unit) : g_strdup ("");
  double last_label_top = G_MAXDOUBLE;

  if (h == 0)
    return;
  for (guint k = 0; k < h; k++)
    {
      /* Row k (from the top) shows the value at its centre. */
      double f = 1 - (k + 0.5) / h;
      double v = log ? pow (10, log10 (zmin) + f * (log10 (zmax) - log10 (zmin)))
                     : zmin + f * (zmax - zmin);
      guint8 rgba[4];

      cusp_colormap_map (panel->colormap, v, zmin, zmax, log, rgba);
      cairo_set_source_rgb (cr, rgba[0] / 255.0, rgba[1] / 255.0, rgba[2] / 255.0);
      cairo_rectangle (cr, x, r->y + k, COLORBAR_W, 1);
      cairo_fill (cr);
    }
  set_rgb (cr, axis_rgb);
  cairo_rectangle (cr, x - 0.5, r->y - 0.5, COLORBAR_W + 1, h + 1);
  cairo_stroke (cr);

  cusp_axis_transform_init (&z, zmin, zmax, log, r->y + h, r->y);
  ticks = log ? cusp_axis_ticks_log (zmin, zmax, MAX (2, h / 30))
              : cusp_axis_ticks_linear (zmin, zmax, MAX (2, h / 30));
  for (guint k = ticks->len; k-- > 0;)
    {
      CuspAxisTick *tick = &g_array_index (ticks, CuspAxisTick, k);
      double py = floor (cusp_axis_transform_to_pixel (&z, tick->value)) + 0.5;
      cairo_rectangle_t box;
      double w, th;

      if (!isfinite (py) || py < r->y - 0.5 || py > r->y + h + 0.5 || tick->label == NULL)
        continue;
      cairo_move_to (cr, x + COLORBAR_W, py);
      cairo_line_to (cr, x + COLORBAR_W + 3, py);
      cairo_stroke (cr);
      text_size (cr, FONT_SMALL, tick->label, &w, &th);
      if (last_label_top != G_MAXDOUBLE && py - th / 2 < last_label_top + 1)
        continue;
      draw_text (cr, FONT_SMALL, tick->label, x + COLORBAR_W + 5, py, 0, 0.5, &box);
      last_label_top = box.y + box.height - 1;
    }
  draw_title_vertical (cr, FONT_SMALL, title, r->x + r->width + CUSP_PLOT_MARGIN_RIGHT - 16,
                       r->y + h / 2.0, h + 4, 12);
}

static void
draw_name_tag (cairo_t                 *cr,
               const cairo_rectangle_t *r,
               const char              *name)
{
  double w, h;

  if (name == NULL)
    return;
  text_size (cr, FONT, name, &w, &h);
  if (w + 8 > r->width || h + 4 > r->height)
    return;
  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_rectangle (cr, r->x + 1, r->y + 1, w + 8, h + 2);
  cairo_fill (cr);
  set_rgb (cr, axis_rgb);
  draw_text (cr, FONT, name, r->x + 5, r->y + 2, 0, 0, NULL);
}

static void
draw_spectrogram_panel (CuspPlotRenderer        *self,
                        Panel                   *panel,
                        cairo_t                 *cr,
                        const cairo_rectangle_t *r,
                        gboolean                 time_labels)
{
  CuspSpectrogram *spec = cusp_data_get_spectrogram (panel->source->data);
  guint index = panel - get_panel (self, 0);
  g_autofree char *title = axis_title (spec->bin_label != NULL ? spec->bin_label : spec->name,
                                       spec->bin_unit);
  CuspAxisTransform y;
  double lo, hi, zmin, zmax;
  cairo_surface_t *image;

  if (!cusp_plot_renderer_get_y_range (self, index, &lo, &hi)
      || !cusp_plot_renderer_get_z_range (self, index, &zmin, &zmax)
      || !cusp_axis_transform_init (&y, lo, hi, panel->y_scale == CUSP_SCALE_LOG,
                                    r->height, 0)
      || r->width < 1 || r->height < 1)
    {
      draw_time_axis (self, cr, r, time_labels, FALSE);
      set_rgb (cr, axis_rgb);
      draw_title_vertical (cr, FONT, title, 14, r->y + r->height / 2, r->height + 4, 14);
      draw_note (cr, r, _("No data in this time range"));
      draw_frame (cr, r);
      draw_name_tag (cr, r, spec->name);
      return;
    }

  image = spectrogram_image (self, panel, &y, (guint) r->width, (guint) r->height, zmin, zmax);
  cairo_save (cr);
  cairo_set_source_surface (cr, image, r->x, r->y);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);

  /* Ticks are computed in the panel's own y coordinates. */
  cusp_axis_transform_init (&y, lo, hi, panel->y_scale == CUSP_SCALE_LOG,
                            r->y + r->height, r->y);
  draw_y_axis (cr, r, &y, title, FALSE);
  draw_time_axis (self, cr, r, time_labels, FALSE);
  draw_frame (cr, r);
  draw_colorbar (panel, cr, r, zmin, zmax, spec->unit);
  draw_name_tag (cr, r, spec->name);
}

/* ---- text bands ------------------------------------------------------- */

#define BAND_GAP      4
#define BAND_TEXT_PAD 3
#define SWATCH        10

static const double dark_text_rgb[3] = { 0.1, 0.1, 0.1 };
static const double light_text_rgb[3] = { 1, 1, 1 };

/* The distinct values of every component, component 0's first, so one
 * value has one colour in all bands and in the legend. */
typedef struct
{
  GPtrArray  *values;    /* borrowed strings, colour index = position */
  GHashTable *index;     /* value → position + 1 */
} Categories;

static void
categories_init (Categories           *cats,
                 const CuspTextSeries *text)
{
  cats->values = g_ptr_array_new ();
  cats->index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint c = 0; c < text->n_components; c++)
    {
      g_autoptr (GPtrArray) one = cusp_text_series_categories (text, c);

      for (guint k = 0; k < one->len; k++)
        {
          char *v = g_ptr_array_index (one, k);

          if (g_hash_table_contains (cats->index, v))
            continue;
          g_ptr_array_add (cats->values, v);
          g_hash_table_insert (cats->index, v, GUINT_TO_POINTER (cats->values->len));
        }
    }
}

static void
categories_clear (Categories *cats)
{
  g_ptr_array_unref (cats->values);
  g_hash_table_unref (cats->index);
}

static guint
categories_lookup (const Categories *cats,
                   const char       *value)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (cats->index, value)) - 1;
}

static void
category_rgb (guint  index,
              double rgb[3])
{
  guint8 c[3];

  cusp_colormap_category_colour (index, c);
  for (guint k = 0; k < 3; k++)
    rgb[k] = c[k] / 255.0;
}

static void
set_text_rgb_on (cairo_t *cr,
                 guint    index)
{
  guint8 c[3];

  cusp_colormap_category_colour (index, c);
  set_rgb (cr, cusp_colormap_prefers_dark_text (c) ? dark_text_rgb : light_text_rgb);
}

/* Band of component c among n in the data rectangle, on whole pixels. */
static void
band_rect (const cairo_rectangle_t *r,
           guint                    c,
           guint                    n,
           cairo_rectangle_t       *out)
{
  double h = floor ((r->height - (n - 1) * BAND_GAP) / n);

  out->x = r->x;
  out->width = r->width;
  out->y = r->y + c * (h + BAND_GAP);
  out->height = c + 1 == n ? r->y + r->height - out->y : h;
}

/* text at x, its width at most max_width (ellipsized), anchored as in
 * draw_text. */
static void
draw_text_fit (cairo_t    *cr,
               const char *font,
               const char *text,
               double      x,
               double      y,
               double      ax,
               double      ay,
               double      max_width)
{
  g_autoptr (PangoLayout) layout = make_layout (cr, font, text);
  PangoRectangle logical;

  pango_layout_set_width (layout, (int) (MAX (max_width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_extents (layout, NULL, &logical);
  cairo_move_to (cr, x - ax * logical.width / (double) PANGO_SCALE - logical.x / (double) PANGO_SCALE,
                 y - ay * logical.height / (double) PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

/* The runs of one component: filled first, then the values that fit
 * centred on the visible part of their run.  Returns the runs drawn. */
static guint
draw_band (CuspPlotRenderer        *self,
           const CuspTextSeries    *text,
           guint                    c,
           const Categories        *cats,
           cairo_t                 *cr,
           const cairo_rectangle_t *band)
{
  g_autoptr (GArray) runs = cusp_text_series_runs (text, c, self->start, self->stop, 0);
  g_autofree double *lefts = g_new (double, runs->len + 1);
  g_autofree double *rights = g_new (double, runs->len + 1);
  guint drawn = 0;

  for (guint k = 0; k < runs->len; k++)
    {
      CuspTextRun *run = &g_array_index (runs, CuspTextRun, k);
      double rgb[3];

      lefts[k] = rights[k] = NAN;
      if (!cusp_plot_time_span_to_pixels (run->start, run->stop, self->start, self->stop,
                                          band->x, band->width, &lefts[k], &rights[k]))
        continue;
      category_rgb (categories_lookup (cats, run->value), rgb);
      set_rgb (cr, rgb);
      cairo_rectangle (cr, lefts[k], band->y, rights[k] - lefts[k], band->height);
      cairo_fill (cr);
      drawn++;
    }
  for (guint k = 0; k < runs->len; k++)
    {
      CuspTextRun *run = &g_array_index (runs, CuspTextRun, k);
      double w, h;

      if (isnan (lefts[k]))
        continue;
      text_size (cr, FONT, run->value, &w, &h);
      if (w + 2 * BAND_TEXT_PAD > rights[k] - lefts[k] || h > band->height)
        continue;
      set_text_rgb_on (cr, categories_lookup (cats, run->value));
      draw_text (cr, FONT, run->value, (lefts[k] + rights[k]) / 2,
                 band->y + band->height / 2, 0.5, 0.5, NULL);
    }
  return drawn;
}

/* Swatches and values down the right margin; what does not fit ends in
 * "… +N". */
static void
draw_category_legend (cairo_t                 *cr,
                      const cairo_rectangle_t *r,
                      const Categories        *cats)
{
  double x = r->x + r->width + 10;
  double text_x = x + SWATCH + 5;
  double max_w = r->x + r->width + CUSP_PLOT_MARGIN_RIGHT - 4 - text_x;
  double bottom = r->y + r->height + CUSP_PLOT_PAD_BOTTOM;
  double y = r->y + 2, w, h;

  text_size (cr, FONT_SMALL, "Mg", &w, &h);
  for (guint k = 0; k < cats->values->len; k++)
    {
      gboolean last_row = y + 2 * h + 1 > bottom;
      double rgb[3];

      if (y + h > bottom)
        break;
      if (last_row && k + 1 < cats->values->len)
        {
          g_autofree char *more = g_strdup_printf ("… +%u", cats->values->len - k);

          set_rgb (cr, axis_rgb);
          draw_text (cr, FONT_SMALL, more, text_x, y, 0, 0, NULL);
          break;
        }
      category_rgb (k, rgb);
      set_rgb (cr, rgb);
      cairo_rectangle (cr, x, y + (h - SWATCH) / 2, SWATCH, SWATCH);
      cairo_fill (cr);
      set_rgb (cr, axis_rgb);
      draw_text_fit (cr, FONT_SMALL, g_ptr_array_index (cats->values, k), text_x, y, 0, 0, max_w);
      y += h + 1;
    }
}

/* Component names right-aligned left of their bands, between the title
 * column and the frame. */
static void
draw_band_labels (cairo_t                 *cr,
                  const cairo_rectangle_t *r,
                  const CuspTextSeries    *text)
{
  set_rgb (cr, axis_rgb);
  for (guint c = 0; c < text->n_components; c++)
    {
      const char *label = text->labels != NULL ? text->labels[c] : NULL;
      cairo_rectangle_t band;
      double w, h;

      if (label == NULL)
        continue;
      band_rect (r, c, text->n_components, &band);
      text_size (cr, FONT_SMALL, label, &w, &h);
      if (h > band.height + BAND_GAP)
        continue;
      draw_text_fit (cr, FONT_SMALL, label, r->x - 4, band.y + band.height / 2, 1, 0.5,
                     r->x - 4 - 28);
    }
}

static void
draw_text_panel (CuspPlotRenderer        *self,
                 Panel                   *panel,
                 cairo_t                 *cr,
                 const cairo_rectangle_t *r,
                 gboolean                 time_labels)
{
  CuspTextSeries *text = cusp_data_get_text (panel->source->data);
  const char *title = text->name != NULL ? text->name
                      : text->labels != NULL && text->labels[0] != NULL ? text->labels[0] : "";
  Categories cats;
  guint drawn = 0;

  categories_init (&cats, text);
  draw_time_axis (self, cr, r, time_labels, FALSE);
  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_clip (cr);
  for (guint c = 0; c < text->n_components; c++)
    {
      cairo_rectangle_t band;

      band_rect (r, c, text->n_components, &band);
      if (band.height >= 1)
        drawn += draw_band (self, text, c, &cats, cr, &band);
    }
  cairo_restore (cr);

  set_rgb (cr, axis_rgb);
  /* One band needs no name of its own: the title says it. */
  draw_title_vertical (cr, FONT, title, 14, r->y + r->height / 2, r->height + 4, 14);
  if (text->n_components > 1)
    draw_band_labels (cr, r, text);
  if (drawn == 0)
    draw_note (cr, r, _("No data in this time range"));
  draw_frame (cr, r);
  draw_category_legend (cr, r, &cats);
  categories_clear (&cats);
}

/* ---- entry points ----------------------------------------------------- */

void
cusp_plot_renderer_draw_panel (CuspPlotRenderer *self,
                               guint             index,
                               cairo_t          *cr,
                               double            width,
                               double            height,
                               gboolean          time_labels)
{
  Panel *panel;
  cairo_rectangle_t r;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->panels->len);
  g_return_if_fail (cr != NULL);

  panel = get_panel (self, index);
  cusp_plot_renderer_get_data_rect (width, height, time_labels, &r);
  if (r.width < 1 || r.height < 1)
    return;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  switch (cusp_data_get_kind (panel->source->data))
    {
    case CUSP_DATA_KIND_SERIES:
      draw_lines_panel (self, panel, cr, &r, time_labels);
      break;
    case CUSP_DATA_KIND_SPECTROGRAM:
      draw_spectrogram_panel (self, panel, cr, &r, time_labels);
      break;
    case CUSP_DATA_KIND_TEXT:
      draw_text_panel (self, panel, cr, &r, time_labels);
      break;
    case CUSP_DATA_KIND_NONE:
    case CUSP_DATA_KIND_INTERVALS:
    case CUSP_DATA_KIND_REGIONS:
    default:
      draw_time_axis (self, cr, &r, time_labels, FALSE);
      draw_note (cr, &r, _("This kind of data cannot be drawn as a panel yet"));
      draw_frame (cr, &r);
      break;
    }
  cairo_restore (cr);
}

void
cusp_plot_renderer_draw (CuspPlotRenderer *self,
                         cairo_t          *cr,
                         double            width,
                         double            height)
{
  g_autofree double *tops = NULL, *heights = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  panel_boxes (self, height, &tops, &heights);
  for (guint i = 0; i < self->panels->len; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, 0, tops[i]);
      cusp_plot_renderer_draw_panel (self, i, cr, width, heights[i], i + 1 == self->panels->len);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, CUSP_PLOT_RENDERER_ERROR, CUSP_PLOT_RENDERER_ERROR_WRITE,
               _("Could not write the figure to “%s”: %s. Check that the folder exists and is writable."),
               path, cairo_status_to_string (status));
  return FALSE;
}

gboolean
cusp_plot_renderer_export (CuspPlotRenderer  *self,
                           const char        *path,
                           guint              width,
                           guint              height,
                           GError           **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  gboolean png = g_str_has_suffix (path, ".png");

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (width < CUSP_PLOT_MARGIN_LEFT + CUSP_PLOT_MARGIN_RIGHT + 10
      || height < CUSP_PLOT_TIME_AXIS + CUSP_PLOT_PAD_TOP + 10 || width > 32767 || height > 32767)
    {
      g_set_error (error, CUSP_PLOT_RENDERER_ERROR, CUSP_PLOT_RENDERER_ERROR_SIZE,
                   _("A figure of %u×%u pixels cannot be drawn. Use at least %u×%u and at most 32767×32767."),
                   width, height, CUSP_PLOT_MARGIN_LEFT + CUSP_PLOT_MARGIN_RIGHT + 10,
                   CUSP_PLOT_TIME_AXIS + CUSP_PLOT_PAD_TOP + 10);
      return FALSE;
    }
  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else if (g_str_has_suffix (path, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_has_suffix (path, ".pdf"))
    surface = cairo_pdf_surface_create (path, width, height);
  else
    {
      g_set_error (error, CUSP_PLOT_RENDERER_ERROR, CUSP_PLOT_RENDERER_ERROR_FORMAT,
                   _("Cannot tell the format of “%s”. End the file name with .png, .svg or .pdf."),
                   path);
      return FALSE;
    }

  cr = cairo_create (surface);
  cusp_plot_renderer_draw (self, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && png)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_status (status, path, error);
}
