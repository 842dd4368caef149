#define G_LOG_DOMAIN "cusp-selection-lane"

#include "config.h"

#include "cusp-selection-lane.h"
#include "cusp-selection-lane-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cusp-plot-renderer.h"
#include "cusp-plot-transform.h"
#include "cusp-selection-edit.h"
#include "cusp-selection-io.h"
#include "cusp-selection-validate.h"

#define FOM_TOP        255.0
/* Lanes are thinner than panels: their own pads above and below the data
 * (the panels' 6 px would leave a BAK lane no bar), the panels' margins
 * left and right so that times line up. */
#define FOM_PAD          3
#define BAK_PAD          1
#define FOM_HEIGHT      36
#define FOM_MIN_HEIGHT  34
#define BAK_HEIGHT      14
#define BAK_MIN_HEIGHT  12
/* FOM lanes lower than this show only the 100 and 200 reference lines. */
#define ALL_LINES_HEIGHT 48
#define DRAG_THRESHOLD   3.0
#define MAX_COMMENT    250
/* EVA's default split size: half the nominal maximum of 35 buffers. */
#define SPLIT_BUFFERS   17

struct _CuspSelectionLane
{
  GtkWidget              parent_instance;

  char                  *name;
  CuspSelectionLaneKind  kind;
  CuspTime               t0;
  CuspTime               t1;
  GArray                *segments;        /* read-only content */
  CuspSelection         *selection;       /* editable content, or NULL */
  GArray                *selected;        /* gint64 TAI starts */
  CuspPlotStack         *stack;

  /* Pointer */
  gboolean               pressing;
  gboolean               dragging;
  double                 press_x;
  double                 pointer_x;
  double                 pointer_y;
  GdkModifierType        press_state;
  CuspSelectionHit       drag_hit;
  int                    drag_index;
  gint64                 drag_seg_start;
  gint64                 drag_seg_stop;
  gint64                 drag_press_t;
  gint64                 preview_start;
  gint64                 preview_stop;
  char                  *drag_label;
  double                 menu_x;

  GtkWidget             *menu;
  GtkWidget             *editor;
  GHashTable            *editor_parts;    /* name → widget */
  int                    editor_index;
};

G_DEFINE_FINAL_TYPE (CuspSelectionLane, cusp_selection_lane, GTK_TYPE_WIDGET)

enum { SIGNAL_MESSAGE, SIGNAL_SELECTED_CHANGED, SIGNAL_HIDE_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void update_actions (CuspSelectionLane *self);

/* ---- Content ----------------------------------------------------------- */

static const CuspBurstSegment *
segments_data (CuspSelectionLane *self,
               guint             *n)
{
  const GArray *a = cusp_selection_lane_get_segments (self);

  *n = a != NULL ? a->len : 0;
  return a != NULL ? (const CuspBurstSegment *) (gpointer) a->data : NULL;
}

static void
emit_message (CuspSelectionLane *self,
              const char        *text)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, text);
}

static void
prune_selected (CuspSelectionLane *self)
{
  guint n;
  const CuspBurstSegment *segs = segments_data (self, &n);

  for (guint i = 0; i < self->selected->len; )
    {
      gint64 start = g_array_index (self->selected, gint64, i);
      gboolean found = FALSE;

      for (guint j = 0; j < n && !found; j++)
        found = segs[j].start == start;
      if (found)
        i++;
      else
        g_array_remove_index (self->selected, i);
    }
}

static void
on_selection_changed (CuspSelectionLane *self,
                      CuspSelection     *selection)
{
  guint before = self->selected->len;

  prune_selected (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->selected->len != before)
    g_signal_emit (self, signals[SIGNAL_SELECTED_CHANGED], 0);
}

void
cusp_selection_lane_set_segments (CuspSelectionLane *self,
                                  const GArray      *segments)
{
  g_return_if_fail (CUSP_IS_SELECTION_LANE (self));

  cusp_selection_lane_set_selection (self, NULL);
  g_clear_pointer (&self->segments, g_array_unref);
  if (segments != NULL)
    {
      self->segments = cusp_burst_segment_array_copy (segments);
      cusp_burst_segment_array_sort (self->segments);
    }
  g_array_set_size (self->selected, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cusp_selection_lane_set_selection (CuspSelectionLane *self,
                                   CuspSelection     *selection)
{
  g_return_if_fail (CUSP_IS_SELECTION_LANE (self));
  g_return_if_fail (selection == NULL || CUSP_IS_SELECTION (selection));

  if (self->selection == selection)
    return;
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->selection, selection);
  if (selection != NULL)
    {
      g_clear_pointer (&self->segments, g_array_unref);
      g_signal_connect_object (selection, "changed", G_CALLBACK (on_selection_changed),
                               self, G_CONNECT_SWAPPED);
    }
  g_array_set_size (self->selected, 0);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

CuspSelection *
cusp_selection_lane_get_selection (CuspSelectionLane *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), NULL);

  return self->selection;
}

const GArray *
cusp_selection_lane_get_segments (CuspSelectionLane *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), NULL);

  if (self->selection != NULL)
    return cusp_selection_get_segments (self->selection);
  return self->segments;
}

/* EVA's "Restore From" with overwrite, as one undoable step: the file's
 * segments, cut to the ABS window and widened to whole buffers, become
 * the current ones; overlaps are then merged (a second step). */
static void
replace_undoable (CuspSelection *selection,
                  GArray        *segments)
{
  gint64 w0 = cusp_selection_get_window_start (selection);
  gint64 w1 = cusp_selection_get_window_stop (selection);
  g_autoptr (GArray) kept = cusp_burst_segment_array_new ();
  g_autoptr (GPtrArray) undo = g_ptr_array_new ();
  g_autoptr (GPtrArray) redo = g_ptr_array_new ();
  const GPtrArray *old = cusp_selection_get_undo_stack (selection);
  guint depth = cusp_selection_get_history_depth (selection);

  for (guint i = 0; i < segments->len; i++)
    {
      CuspBurstSegment s;

      cusp_burst_segment_copy (&g_array_index (segments, CuspBurstSegment, i), &s);
      s.start = MAX (cusp_selection_snap_down (selection, s.start), w0);
      s.stop = MIN (cusp_selection_snap_up (selection, s.stop), w1);
      if (isnan (s.fom))
        s.fom = cusp_selection_clamp_fom (NAN);
      if (s.stop > s.start)
        g_array_append_val (kept, s);
      else
        cusp_burst_segment_clear (&s);
    }
  cusp_burst_segment_array_sort (kept);
  for (guint i = old->len + 1 > depth ? old->len + 1 - depth : 0; i < old->len; i++)
    g_ptr_array_add (undo, g_ptr_array_index (old, i));
  g_ptr_array_add (undo, (gpointer) cusp_selection_get_segments (selection));
  cusp_selection_restore (selection, cusp_selection_get_initial (selection), kept, undo, redo,
                          cusp_selection_get_revision (selection) + 1);
  cusp_selection_merge_overlapping (selection);
}

gboolean
cusp_selection_lane_load_file (CuspSelectionLane *self,
                               GFile             *file,
                               GError           **error)
{
  g_autoptr (GArray) segments = NULL;

  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  segments = cusp_selection_read_file (file, NULL, NULL, error);
  if (segments == NULL)
    return FALSE;
  if (self->selection != NULL)
    replace_undoable (self->selection, segments);
  else
    {
      g_clear_pointer (&self->segments, g_array_unref);
      self->segments = g_steal_pointer (&segments);
      g_array_set_size (self->selected, 0);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return TRUE;
}

gboolean
cusp_selection_lane_save_file (CuspSelectionLane    *self,
                               GFile                *file,
                               CuspSelectionFormat   format,
                               GError              **error)
{
  const CuspBurstSegment *segs;
  guint n;

  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  segs = segments_data (self, &n);
  return cusp_selection_write_file (file, segs, n, format, error);
}

/* ---- Range --------------------------------------------------------------- */

void
cusp_selection_lane_set_range (CuspSelectionLane *self,
                               CuspTime           start,
                               CuspTime           stop)
{
  g_return_if_fail (CUSP_IS_SELECTION_LANE (self));

  self->t0 = start;
  self->t1 = stop;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cusp_selection_lane_get_range (CuspSelectionLane *self,
                               CuspTime          *start,
                               CuspTime          *stop)
{
  g_return_if_fail (CUSP_IS_SELECTION_LANE (self));

  if (start != NULL)
    *start = self->t0;
  if (stop != NULL)
    *stop = self->t1;
}

static void
on_range_changed (CuspSelectionLane *self,
                  CuspPlotStack     *stack)
{
  CuspTime a, b;

  cusp_plot_stack_get_range (stack, &a, &b);
  cusp_selection_lane_set_range (self, a, b);
}

void
cusp_selection_lane_follow_stack (CuspSelectionLane *self,
                                  CuspPlotStack     *stack)
{
  g_return_if_fail (CUSP_IS_SELECTION_LANE (self));

  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);
  g_clear_weak_pointer (&self->stack);
  if (stack == NULL)
    return;
  g_set_weak_pointer (&self->stack, stack);
  g_signal_connect_object (stack, "range-changed", G_CALLBACK (on_range_changed),
                           self, G_CONNECT_SWAPPED);
  on_range_changed (self, stack);
}

/* ---- Geometry ------------------------------------------------------------ */

static void
kind_rect (CuspSelectionLaneKind  kind,
           double                 width,
           double                 height,
           cairo_rectangle_t     *r)
{
  int pad = kind == CUSP_SELECTION_LANE_BAKSTR ? BAK_PAD : FOM_PAD;

  cusp_plot_renderer_get_data_rect (width, height, FALSE, r);
  r->y = pad;
  r->height = MAX (0, floor (height) - 2 * pad);
}

static void
data_rect (CuspSelectionLane *self,
           double             width,
           double             height,
           cairo_rectangle_t *r)
{
  kind_rect (self->kind, width, height, r);
}

static double
time_x (CuspSelectionLane *self,
        gint64             tai,
        const cairo_rectangle_t *r)
{
  return cusp_plot_time_to_x (cusp_time_from_tai_seconds (tai), self->t0, self->t1, r->x, r->width);
}

static gint64
x_tai (CuspSelectionLane *self,
       double             x)
{
  cairo_rectangle_t r;

  data_rect (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), &r);
  return cusp_time_to_tai_seconds (cusp_plot_x_to_time (x, self->t0, self->t1, r.x, r.width));
}

gboolean
cusp_selection_lane_segment_x (CuspSelectionLane *self,
                               guint              index,
                               double             width,
                               double            *x0,
                               double            *x1)
{
  cairo_rectangle_t r;
  guint n;
  const CuspBurstSegment *segs;

  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), FALSE);

  segs = segments_data (self, &n);
  if (index >= n || self->t1 <= self->t0)
    return FALSE;
  data_rect (self, width, 100, &r);
  if (x0 != NULL)
    *x0 = time_x (self, segs[index].start, &r);
  if (x1 != NULL)
    *x1 = time_x (self, segs[index].stop, &r);
  return TRUE;
}

double
cusp_selection_lane_fom_y (double fom,
                           double height)
{
  cairo_rectangle_t r;

  kind_rect (CUSP_SELECTION_LANE_FOM, 1000, height, &r);
  fom = CLAMP (fom, 0.0, FOM_TOP);
  return r.y + r.height * (1.0 - fom / FOM_TOP);
}

/* ---- Colours ---------------------------------------------------------------- */

static void
category_colour (double  fom,
                 double  rgb[3])
{
  static const double colours[CUSP_N_FOM_CATEGORIES][3] = {
    { 0.58, 0.40, 0.74 },   /* 0: purple */
    { 0.84, 0.15, 0.16 },   /* 1: red */
    { 0.96, 0.50, 0.05 },   /* 2: orange */
    { 0.17, 0.60, 0.17 },   /* 3: green */
    { 0.27, 0.51, 0.71 },   /* 4: steel blue */
  };
  int c = cusp_fom_category (fom, NULL);

  if (c < 0)
    {
      rgb[0] = rgb[1] = rgb[2] = 0.55;
      return;
    }
  memcpy (rgb, colours[c], sizeof colours[c]);
}

/* FALSE for segments the back-structure lane does not draw (DELETED). */
static gboolean
status_colour (const char *status,
               double      rgb[3])
{
  static const double black[3] = { 0.10, 0.10, 0.10 }, blue[3] = { 0.12, 0.35, 0.80 },
    red[3] = { 0.84, 0.15, 0.16 }, yellow[3] = { 0.93, 0.75, 0.05 }, grey[3] = { 0.6, 0.6, 0.6 };
  const double *c = grey;

  if (status == NULL)
    c = grey;
  else if (strstr (status, "DELETED") != NULL)
    return FALSE;
  else if (strstr (status, "DEMOTED") != NULL || strstr (status, "DERELICT") != NULL
           || strstr (status, "OVERWRITTEN") != NULL)
    c = red;
  else if (strstr (status, "INCOMPLETE") != NULL)
    c = blue;
  else if (strstr (status, "COMPLETE") != NULL || strstr (status, "FINISHED") != NULL)
    c = black;
  else if (strstr (status, "NEW") != NULL || strstr (status, "HELD") != NULL
           || strstr (status, "PENDING") != NULL)
    c = yellow;
  memcpy (rgb, c, 3 * sizeof (double));
  return TRUE;
}

/* ---- Drawing ----------------------------------------------------------------- */

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *font,
             const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Text with its right edge at x (align 1), left edge (0) or centre (0.5),
 * vertically centred on y. */
static void
draw_text (cairo_t    *cr,
           const char *font,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  g_autoptr (PangoLayout) layout = text_layout (cr, font, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, round (x - align * w), round (y - h / 2.0));
  pango_cairo_show_layout (cr, layout);
}

static gboolean
is_selected (CuspSelectionLane *self,
             gint64             start)
{
  for (guint i = 0; i < self->selected->len; i++)
    if (g_array_index (self->selected, gint64, i) == start)
      return TRUE;
  return FALSE;
}

static void
draw_reference_lines (cairo_t                 *cr,
                      const cairo_rectangle_t *r,
                      double                   height)
{
  static const double dashes[] = { 3.0, 3.0 };

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_set_source_rgb (cr, 0.78, 0.78, 0.78);
  /* In a thin lane, lines 50 apart would be a few pixels apart. */
  for (int fom = 50; fom <= 200; fom += 50)
    if (r->height >= ALL_LINES_HEIGHT || fom % 100 == 0)
      {
        double y = round (cusp_selection_lane_fom_y (fom, height)) + 0.5;

        cairo_move_to (cr, r->x, y);
        cairo_line_to (cr, r->x + r->width, y);
      }
  cairo_stroke (cr);
  cairo_restore (cr);
  /* Labels only where they do not crowd each other. */
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  for (int fom = 50; fom <= 200; fom += 50)
    if (r->height >= 64 || fom % 100 == 0)
      {
        g_autofree char *label = g_strdup_printf ("%d", fom);

        draw_text (cr, "Sans 7", label, r->x + r->width + 4, cusp_selection_lane_fom_y (fom, height), 0.0);
      }
}

static void
draw_segment (CuspSelectionLane       *self,
              cairo_t                 *cr,
              const cairo_rectangle_t *r,
              const CuspBurstSegment  *s,
              double                   height)
{
  double rgb[3];
  double xs = time_x (self, s->start, r), xe = time_x (self, s->stop, r);
  double bottom = r->y + r->height, top;
  gboolean selected = self->selection != NULL && is_selected (self, s->start);

  if (xe < r->x || xs > r->x + r->width)
    return;
  if (self->kind == CUSP_SELECTION_LANE_BAKSTR)
    {
      if (!status_colour (s->status, rgb))
        return;
    }
  else
    category_colour (s->fom, rgb);
  xs = MAX (xs, r->x - 2);
  xe = MIN (xe, r->x + r->width + 2);
  /* A segment narrower than a pixel still shows. */
  if (xe - xs < 1.0)
    xe = xs + 1.0;
  if (self->kind == CUSP_SELECTION_LANE_BAKSTR)
    {
      /* A status bar, as EVA's mms_bss_status: the colour is the message. */
      cairo_rectangle (cr, xs, r->y + 2, xe - xs, MAX (r->height - 4, 1));
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.85);
      cairo_fill (cr);
      return;
    }
  top = isnan (s->fom) ? r->y + r->height * 0.5 : cusp_selection_lane_fom_y (s->fom, height);

  cairo_rectangle (cr, xs, top, xe - xs, bottom - top);
  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], selected ? 0.65 : 0.30);
  cairo_fill (cr);
  cairo_move_to (cr, xs, bottom);
  cairo_line_to (cr, xs, top);
  cairo_line_to (cr, xe, top);
  cairo_line_to (cr, xe, bottom);
  cairo_set_line_width (cr, selected ? 2.5 : 1.25);
  if (selected)
    cairo_set_source_rgb (cr, rgb[0] * 0.5, rgb[1] * 0.5, rgb[2] * 0.5);
  else
    cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_stroke (cr);
}

static void
draw_outside_window (CuspSelectionLane       *self,
                     cairo_t                 *cr,
                     const cairo_rectangle_t *r)
{
  double a = time_x (self, cusp_selection_get_window_start (self->selection), r);
  double b = time_x (self, cusp_selection_get_window_stop (self->selection), r);

  cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
  if (a > r->x)
    cairo_rectangle (cr, r->x, r->y, MIN (a, r->x + r->width) - r->x, r->height);
  if (b < r->x + r->width)
    cairo_rectangle (cr, MAX (b, r->x), r->y, r->x + r->width - MAX (b, r->x), r->height);
  cairo_fill (cr);
}

static void
draw_preview (CuspSelectionLane       *self,
              cairo_t                 *cr,
              const cairo_rectangle_t *r)
{
  static const double dashes[] = { 4.0, 3.0 };
  double xs = time_x (self, self->preview_start, r), xe = time_x (self, self->preview_stop, r);
  g_autoptr (PangoLayout) layout = NULL;
  int w, h;
  double lx, ly;

  cairo_rectangle (cr, xs, r->y, xe - xs, r->height);
  cairo_set_source_rgba (cr, 0.20, 0.40, 0.85, 0.15);
  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_set_dash (cr, dashes, 2, 0);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgb (cr, 0.15, 0.30, 0.75);
  cairo_stroke (cr);
  cairo_restore (cr);

  if (self->drag_label == NULL)
    return;
  layout = text_layout (cr, "Sans Bold 8", self->drag_label);
  pango_layout_get_pixel_size (layout, &w, &h);
  lx = CLAMP (self->pointer_x + 10, r->x + 4, MAX (r->x + 4, r->x + r->width - w - 6));
  ly = CLAMP (self->pointer_y - h - 4, r->y + 2, MAX (r->y + 2, r->y + r->height - h - 2));
  cairo_rectangle (cr, lx - 3, ly - 1, w + 6, h + 2);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.85);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, lx, ly);
  pango_cairo_show_layout (cr, layout);
}

void
cusp_selection_lane_draw (CuspSelectionLane *self,
                          cairo_t           *cr,
                          double             width,
                          double             height)
{
  cairo_rectangle_t r;
  guint n;
  const CuspBurstSegment *segs;

  g_return_if_fail (CUSP_IS_SELECTION_LANE (self));

  data_rect (self, width, height, &r);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (r.width <= 0 || r.height <= 0)
    {
      cairo_restore (cr);
      return;
    }

  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  draw_text (cr, self->kind == CUSP_SELECTION_LANE_BAKSTR ? "Sans Bold 8" : "Sans Bold 9", self->name,
             r.x - 10, r.y + r.height / 2, 1.0);

  cairo_save (cr);
  cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  cairo_clip (cr);
  if (self->selection != NULL && self->t1 > self->t0)
    draw_outside_window (self, cr, &r);
  cairo_restore (cr);
  if (self->kind == CUSP_SELECTION_LANE_FOM)
    draw_reference_lines (cr, &r, height);

  segs = segments_data (self, &n);
  if (self->t1 > self->t0)
    {
      cairo_save (cr);
      cairo_rectangle (cr, r.x, r.y - 2, r.width, r.height + 2);
      cairo_clip (cr);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
      for (guint i = 0; i < n; i++)
        draw_segment (self, cr, &r, &segs[i], height);
      if (self->dragging)
        draw_preview (self, cr, &r);
      cairo_restore (cr);
    }

  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_rectangle (cr, round (r.x) + 0.5, round (r.y) + 0.5, round (r.width) - 1, round (r.height) - 1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
cusp_selection_lane_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cusp_selection_lane_draw (CUSP_SELECTION_LANE (widget), cr, w, h);
  if (gtk_widget_has_focus (widget))
    {
      cairo_set_source_rgba (cr, 0.2, 0.45, 0.9, 0.6);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, 1, 1, w - 2, h - 2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
cusp_selection_lane_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  CuspSelectionLane *self = CUSP_SELECTION_LANE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = CUSP_PLOT_MARGIN_LEFT + CUSP_PLOT_MARGIN_RIGHT + 40;
      *natural = *minimum;
      return;
    }
  *minimum = self->kind == CUSP_SELECTION_LANE_BAKSTR ? BAK_MIN_HEIGHT : FOM_MIN_HEIGHT;
  *natural = self->kind == CUSP_SELECTION_LANE_BAKSTR ? BAK_HEIGHT : FOM_HEIGHT;
}

/* ---- Selecting ------------------------------------------------------------------ */

GArray *
cusp_selection_lane_get_selected (CuspSelectionLane *self)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n;
  const CuspBurstSegment *segs;

  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), out);

  segs = segments_data (self, &n);
  for (guint i = 0; i < n; i++)
    if (is_selected (self, segs[i].start))
      g_array_append_val (out, i);
  return out;
}

void
cusp_selection_lane_select (CuspSelectionLane *self,
                            int                index,
                            gboolean           extend)
{
  guint n;
  const CuspBurstSegment *segs;

  g_return_if_fail (CUSP_IS_SELECTION_LANE (self));

  segs = segments_data (self, &n);
  if (!extend)
    g_array_set_size (self->selected, 0);
  if (index >= 0 && (guint) index < n)
    {
      gint64 start = segs[index].start;

      if (!is_selected (self, start))
        g_array_append_val (self->selected, start);
      else if (extend)
        for (guint i = 0; i < self->selected->len; i++)
          if (g_array_index (self->selected, gint64, i) == start)
            {
              g_array_remove_index (self->selected, i);
              break;
            }
    }
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_SELECTED_CHANGED], 0);
}

gboolean
cusp_selection_lane_delete_selected (CuspSelectionLane *self,
                                     GError           **error)
{
  g_autoptr (GArray) indices = NULL;

  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), FALSE);

  if (self->selection == NULL)
    return TRUE;
  indices = cusp_selection_lane_get_selected (self);
  if (indices->len == 0)
    return TRUE;
  return cusp_selection_delete_several (self->selection, (const guint *) (gpointer) indices->data,
                                        indices->len, error);
}

/* ---- Pointer ------------------------------------------------------------------- */

static CuspSelectionHit
hit_at (CuspSelectionLane *self,
        double             x,
        int               *index)
{
  cairo_rectangle_t r;
  guint n;
  const CuspBurstSegment *segs = segments_data (self, &n);

  data_rect (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), &r);
  return cusp_selection_hit_test (segs, n, self->t0, self->t1, r.x, r.width, x,
                                  CUSP_SELECTION_EDGE_TOLERANCE, index);
}

void
_cusp_selection_lane_press (CuspSelectionLane *self,
                            double             x,
                            double             y,
                            GdkModifierType    state)
{
  g_return_if_fail (CUSP_IS_SELECTION_LANE (self));

  self->pressing = self->selection != NULL && self->t1 > self->t0;
  self->dragging = FALSE;
  self->press_x = self->pointer_x = x;
  self->pointer_y = y;
  self->press_state = state;
  if (!self->pressing)
    return;
  self->drag_hit = hit_at (self, x, &self->drag_index);
  self->drag_press_t = x_tai (self, x);
  if (self->drag_index >= 0)
    {
      const CuspBurstSegment *s = cusp_selection_get_segment (self->selection, self->drag_index);

      self->drag_seg_start = s->start;
      self->drag_seg_stop = s->stop;
    }
}

void
_cusp_selection_lane_motion (CuspSelectionLane *self,
                             double             x,
                             double             y)
{
  g_return_if_fail (CUSP_IS_SELECTION_LANE (self));

  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->pressing || (!self->dragging && fabs (x - self->press_x) < DRAG_THRESHOLD))
    return;
  self->dragging = TRUE;
  cusp_selection_drag_times (self->selection, self->drag_hit, self->drag_seg_start,
                             self->drag_seg_stop, self->drag_press_t, x_tai (self, x),
                             &self->preview_start, &self->preview_stop);
  g_free (self->drag_label);
  {
    guint n = (guint) ((self->preview_stop - self->preview_start) / CUSP_BURST_BUFFER_SECONDS);

    self->drag_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u buffer", "%u buffers", n), n);
  }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
commit_drag (CuspSelectionLane *self)
{
  g_autoptr (GError) error = NULL;
  guint index = 0;
  gboolean ok;

  if (self->drag_hit == CUSP_SELECTION_HIT_NONE)
    ok = cusp_selection_add (self->selection, self->preview_start, self->preview_stop,
                             cusp_selection_clamp_fom (NAN), NULL, CUSP_BURST_OBSSET_ALL,
                             &index, &error);
  else
    ok = cusp_selection_set_times (self->selection, (guint) self->drag_index,
                                   self->preview_start, self->preview_stop, &index, &error);
  if (!ok)
    {
      emit_message (self, error->message);
      return;
    }
  cusp_selection_lane_select (self, (int) index, FALSE);
}

void
_cusp_selection_lane_release (CuspSelectionLane *self,
                              double             x,
                              double             y)
{
  g_return_if_fail (CUSP_IS_SELECTION_LANE (self));

  if (!self->pressing)
    return;
  _cusp_selection_lane_motion (self, x, y);
  self->pressing = FALSE;
  if (self->dragging)
    {
      self->dragging = FALSE;
      g_clear_pointer (&self->drag_label, g_free);
      commit_drag (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (self->drag_hit != CUSP_SELECTION_HIT_NONE)
    cusp_selection_lane_select (self, self->drag_index, (self->press_state & GDK_SHIFT_MASK) != 0);
  else if (!(self->press_state & GDK_SHIFT_MASK))
    cusp_selection_lane_select (self, -1, FALSE);
}

const char *
_cusp_selection_lane_drag_label (CuspSelectionLane *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), NULL);

  return self->dragging ? self->drag_label : NULL;
}

static void
on_drag_begin (GtkGestureDrag    *gesture,
               double             x,
               double             y,
               CuspSelectionLane *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  _cusp_selection_lane_press (self, x, y, state);
}

static void
on_drag_update (GtkGestureDrag    *gesture,
                double             dx,
                double             dy,
                CuspSelectionLane *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _cusp_selection_lane_motion (self, x + dx, y + dy);
}

static void
on_drag_end (GtkGestureDrag    *gesture,
             double             dx,
             double             dy,
             CuspSelectionLane *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _cusp_selection_lane_release (self, x + dx, y + dy);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CuspSelectionLane        *self)
{
  const char *cursor = "default";
  int index;

  if (self->selection == NULL || self->pressing)
    return;
  switch (hit_at (self, x, &index))
    {
    case CUSP_SELECTION_HIT_START:
    case CUSP_SELECTION_HIT_STOP:
      cursor = "ew-resize";
      break;
    case CUSP_SELECTION_HIT_BODY:
      cursor = "grab";
      break;
    default:
      cursor = "crosshair";
      break;
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

/* ---- Editor ------------------------------------------------------------------- */

static GtkWidget *
part (CuspSelectionLane *self,
      const char        *name)
{
  return g_hash_table_lookup (self->editor_parts, name);
}

static void
update_comment_count (CuspSelectionLane *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (part (self, "comment")));
  glong n = g_utf8_strlen (text, -1);
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%ld character (max %d)",
                                                         "%ld characters (max %d)", n),
                                            n, MAX_COMMENT);

  gtk_label_set_text (GTK_LABEL (part (self, "comment-count")), label);
}

static void
on_scale_changed (GtkRange          *range,
                  CuspSelectionLane *self)
{
  double v = gtk_range_get_value (range);

  /* The slider spans 0-255 as EVA's, but values below 2 are clamped. */
  if (v != cusp_selection_clamp_fom (v))
    {
      gtk_range_set_value (range, cusp_selection_clamp_fom (v));
      return;
    }
  if (gtk_spin_button_get_value (GTK_SPIN_BUTTON (part (self, "fom-spin"))) != v)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (part (self, "fom-spin")), v);
}

static void
on_spin_changed (GtkSpinButton     *spin,
                 CuspSelectionLane *self)
{
  double v = gtk_spin_button_get_value (spin);

  if (gtk_range_get_value (GTK_RANGE (part (self, "fom-scale"))) != v)
    gtk_range_set_value (GTK_RANGE (part (self, "fom-scale")), v);
}

static gboolean
parse_tai (GtkWidget  *entry,
           gint64     *tai,
           GError    **error)
{
  CuspTime t;

  if (!cusp_time_parse (gtk_editable_get_text (GTK_EDITABLE (entry)), &t, error))
    return FALSE;
  *tai = cusp_time_to_tai_seconds (t);
  return TRUE;
}

gboolean
_cusp_selection_lane_editor_save (CuspSelectionLane *self)
{
  g_autoptr (GError) error = NULL;
  gint64 start, stop;
  guint8 obsset = 0;
  double fom;
  guint index;

  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), FALSE);

  if (self->selection == NULL || self->editor_index < 0)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("mms%d", i + 1);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (part (self, name))))
        obsset |= 1u << i;
    }
  if (obsset == 0)
    {
      emit_message (self, _("Please select at least one spacecraft."));
      return FALSE;
    }
  if (!parse_tai (part (self, "start"), &start, &error) || !parse_tai (part (self, "stop"), &stop, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The start or stop time cannot be read: %s"), error->message);

      emit_message (self, text);
      return FALSE;
    }
  fom = cusp_selection_clamp_fom (gtk_spin_button_get_value (GTK_SPIN_BUTTON (part (self, "fom-spin"))));
  if (!cusp_selection_edit (self->selection, (guint) self->editor_index, start, stop, fom,
                            gtk_editable_get_text (GTK_EDITABLE (part (self, "comment"))),
                            obsset, &index, &error))
    {
      emit_message (self, error->message);
      return FALSE;
    }
  self->editor_index = -1;
  gtk_popover_popdown (GTK_POPOVER (self->editor));
  cusp_selection_lane_select (self, (int) index, FALSE);
  return TRUE;
}

static void
on_save_clicked (CuspSelectionLane *self)
{
  _cusp_selection_lane_editor_save (self);
}

static void
on_cancel_clicked (CuspSelectionLane *self)
{
  self->editor_index = -1;
  gtk_popover_popdown (GTK_POPOVER (self->editor));
}

static GtkWidget *
grid_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
add_part (CuspSelectionLane *self,
          const char        *name,
          GtkWidget         *widget)
{
  g_hash_table_insert (self->editor_parts, (gpointer) name, widget);
}

static void
build_editor (CuspSelectionLane *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scale, *spin, *comment, *count, *mms, *start, *stop, *size, *buttons, *save, *cancel;

  self->editor = gtk_popover_new ();
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  gtk_popover_set_child (GTK_POPOVER (self->editor), grid);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);

  scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 255, 1);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_widget_set_size_request (scale, 220, -1);
  for (int fom = 50; fom <= 200; fom += 50)
    gtk_scale_add_mark (GTK_SCALE (scale), fom, GTK_POS_BOTTOM, NULL);
  spin = gtk_spin_button_new_with_range (CUSP_SELECTION_EDIT_FOM_MIN, CUSP_SELECTION_EDIT_FOM_MAX, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  comment = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (comment), _("Why this segment matters"));
  count = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "dim-label");
  mms = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  start = gtk_entry_new ();
  stop = gtk_entry_new ();
  size = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (size), 0);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), save);

  add_part (self, "fom-scale", scale);
  add_part (self, "fom-spin", spin);
  add_part (self, "comment", comment);
  add_part (self, "comment-count", count);
  add_part (self, "start", start);
  add_part (self, "stop", stop);
  add_part (self, "size", size);
  add_part (self, "save", save);
  for (int i = 0; i < 4; i++)
    {
      static const char *names[] = { "mms1", "mms2", "mms3", "mms4" };
      g_autofree char *label = g_strdup_printf ("MMS%d", i + 1);
      GtkWidget *check = gtk_check_button_new_with_label (label);

      gtk_box_append (GTK_BOX (mms), check);
      add_part (self, names[i], check);
    }

  gtk_grid_attach (GTK_GRID (grid), grid_label (_("FOM")), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), scale, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), spin, 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("Comment")), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), comment, 1, 1, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), count, 1, 2, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("Spacecraft")), 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), mms, 1, 3, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("Start (UTC)")), 0, 4, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), start, 1, 4, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), grid_label (_("Stop (UTC)")), 0, 5, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), stop, 1, 5, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), size, 1, 6, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), buttons, 0, 7, 3, 1);

  g_signal_connect (scale, "value-changed", G_CALLBACK (on_scale_changed), self);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_changed), self);
  g_signal_connect_swapped (comment, "changed", G_CALLBACK (update_comment_count), self);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save_clicked), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  g_signal_connect_swapped (comment, "activate", G_CALLBACK (on_save_clicked), self);
  gtk_popover_set_default_widget (GTK_POPOVER (self->editor), save);
}

gboolean
_cusp_selection_lane_edit (CuspSelectionLane *self,
                           guint              index)
{
  const CuspBurstSegment *s;
  char start[40], stop[40];
  g_autofree char *size = NULL;
  cairo_rectangle_t r;
  double xs, xe;

  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), FALSE);

  if (self->selection == NULL || index >= cusp_selection_get_n_segments (self->selection))
    return FALSE;
  if (self->editor == NULL)
    build_editor (self);
  s = cusp_selection_get_segment (self->selection, index);
  self->editor_index = (int) index;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (part (self, "fom-spin")), cusp_selection_clamp_fom (s->fom));
  gtk_editable_set_text (GTK_EDITABLE (part (self, "comment")), s->discussion != NULL ? s->discussion : "");
  update_comment_count (self);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("mms%d", i + 1);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (part (self, name)), (s->obsset >> i) & 1);
    }
  cusp_time_format_iso_buf (cusp_time_from_tai_seconds (s->start), 0, FALSE, start);
  cusp_time_format_iso_buf (cusp_time_from_tai_seconds (s->stop), 0, FALSE, stop);
  gtk_editable_set_text (GTK_EDITABLE (part (self, "start")), start);
  gtk_editable_set_text (GTK_EDITABLE (part (self, "stop")), stop);
  size = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Segment size: %u buffer",
                                       "Segment size: %u buffers", cusp_burst_segment_n_buffers (s)),
                          cusp_burst_segment_n_buffers (s));
  gtk_label_set_text (GTK_LABEL (part (self, "size")), size);

  data_rect (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), &r);
  xs = MAX (time_x (self, s->start, &r), r.x);
  xe = MIN (time_x (self, s->stop, &r), r.x + r.width);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->editor),
                               &(GdkRectangle) { (int) xs, (int) r.y, MAX (1, (int) (xe - xs)), (int) r.height });
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_popover_popup (GTK_POPOVER (self->editor));
  return TRUE;
}

GtkWidget *
_cusp_selection_lane_editor_part (CuspSelectionLane *self,
                                  const char        *name)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), NULL);

  return part (self, name);
}

/* ---- Keys and menu ------------------------------------------------------------- */

static int
first_selected (CuspSelectionLane *self,
                gboolean           last)
{
  g_autoptr (GArray) sel = cusp_selection_lane_get_selected (self);

  if (sel->len == 0)
    return -1;
  return (int) g_array_index (sel, guint, last ? sel->len - 1 : 0);
}

static void
step_selection (CuspSelectionLane *self,
                int                direction)
{
  guint n;
  const CuspBurstSegment *segs = segments_data (self, &n);
  int i = first_selected (self, direction > 0);

  if (n == 0)
    return;
  if (i < 0)
    {
      /* From the view: the first segment starting in it, or the last before. */
      gint64 t = cusp_time_to_tai_seconds (self->t0);

      for (i = 0; i < (int) n - 1 && segs[i].stop <= t; i++)
        ;
      if (direction < 0)
        i = MAX (i - 1, 0);
    }
  else
    i = CLAMP (i + direction, 0, (int) n - 1);
  cusp_selection_lane_select (self, i, FALSE);
}

static void
apply_preset (CuspSelectionLane *self,
              int                category)
{
  g_autoptr (GArray) sel = cusp_selection_lane_get_selected (self);
  g_autoptr (GArray) starts = g_array_copy (self->selected);
  double fom = cusp_selection_preset_fom (category);

  for (guint k = 0; k < sel->len; k++)
    {
      g_autoptr (GError) error = NULL;

      if (!cusp_selection_set_fom (self->selection, g_array_index (sel, guint, k), fom, &error))
        {
          emit_message (self, error->message);
          break;
        }
    }
  /* Setting a FOM keeps the segments: keep them selected. */
  g_array_set_size (self->selected, 0);
  g_array_append_vals (self->selected, starts->data, starts->len);
  prune_selected (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
delete_selected_reporting (CuspSelectionLane *self)
{
  g_autoptr (GError) error = NULL;

  if (!cusp_selection_lane_delete_selected (self, &error))
    emit_message (self, error->message);
}

gboolean
_cusp_selection_lane_key (CuspSelectionLane *self,
                          guint              keyval,
                          GdkModifierType    state)
{
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0, shift = (state & GDK_SHIFT_MASK) != 0;

  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), FALSE);

  if (self->selection == NULL)
    return FALSE;
  if (ctrl && (keyval == GDK_KEY_z || keyval == GDK_KEY_Z))
    {
      if (shift)
        cusp_selection_redo (self->selection);
      else
        cusp_selection_undo (self->selection);
      return TRUE;
    }
  if (ctrl)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      delete_selected_reporting (self);
      return TRUE;
    case GDK_KEY_n:
    case GDK_KEY_Tab:
      step_selection (self, +1);
      return TRUE;
    case GDK_KEY_p:
    case GDK_KEY_ISO_Left_Tab:
      step_selection (self, -1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_e:
      return first_selected (self, FALSE) >= 0 && _cusp_selection_lane_edit (self, first_selected (self, FALSE));
    case GDK_KEY_Escape:
      self->pressing = self->dragging = FALSE;
      cusp_selection_lane_select (self, -1, FALSE);
      return TRUE;
    default:
      break;
    }
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_4)
    {
      apply_preset (self, (int) (keyval - GDK_KEY_0));
      return TRUE;
    }
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_4)
    {
      apply_preset (self, (int) (keyval - GDK_KEY_KP_0));
      return TRUE;
    }
  return FALSE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CuspSelectionLane     *self)
{
  return _cusp_selection_lane_key (self, keyval, state);
}

gboolean
_cusp_selection_lane_split_at (CuspSelectionLane *self,
                               double             x)
{
  g_autoptr (GError) error = NULL;
  int index;

  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), FALSE);

  if (self->selection == NULL)
    return FALSE;
  if (hit_at (self, x, &index) == CUSP_SELECTION_HIT_NONE)
    {
      emit_message (self, _("There is no segment here to split. Right-click on a segment."));
      return FALSE;
    }
  if (!cusp_selection_split (self->selection, (guint) index, SPLIT_BUFFERS, &error))
    {
      emit_message (self, error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_cusp_selection_lane_fill_at (CuspSelectionLane *self,
                              double             x)
{
  g_autoptr (GError) error = NULL;
  guint index;

  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), FALSE);

  if (self->selection == NULL)
    return FALSE;
  if (!cusp_selection_fill (self->selection, x_tai (self, x), cusp_selection_clamp_fom (NAN), NULL,
                            CUSP_BURST_OBSSET_ALL, &index, &error))
    {
      emit_message (self, error->message);
      return FALSE;
    }
  cusp_selection_lane_select (self, (int) index, FALSE);
  return TRUE;
}

static void
lane_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  CuspSelectionLane *self = CUSP_SELECTION_LANE (widget);
  int index;

  if (g_str_equal (name, "lane.hide"))
    g_signal_emit (self, signals[SIGNAL_HIDE_REQUESTED], 0);
  else if (self->selection == NULL)
    return;
  else if (g_str_equal (name, "lane.edit"))
    {
      if (hit_at (self, self->menu_x, &index) != CUSP_SELECTION_HIT_NONE)
        _cusp_selection_lane_edit (self, (guint) index);
    }
  else if (g_str_equal (name, "lane.split"))
    _cusp_selection_lane_split_at (self, self->menu_x);
  else if (g_str_equal (name, "lane.fill"))
    _cusp_selection_lane_fill_at (self, self->menu_x);
  else if (g_str_equal (name, "lane.delete"))
    delete_selected_reporting (self);
  else if (g_str_equal (name, "lane.undo"))
    cusp_selection_undo (self->selection);
  else if (g_str_equal (name, "lane.redo"))
    cusp_selection_redo (self->selection);
  else if (g_str_equal (name, "lane.revert"))
    cusp_selection_revert (self->selection);
}

static void
update_actions (CuspSelectionLane *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  gboolean editable = self->selection != NULL;

  gtk_widget_action_set_enabled (w, "lane.edit", editable);
  gtk_widget_action_set_enabled (w, "lane.split", editable);
  gtk_widget_action_set_enabled (w, "lane.fill", editable);
  gtk_widget_action_set_enabled (w, "lane.delete", editable && self->selected->len > 0);
  gtk_widget_action_set_enabled (w, "lane.undo", editable && cusp_selection_can_undo (self->selection));
  gtk_widget_action_set_enabled (w, "lane.redo", editable && cusp_selection_can_redo (self->selection));
  gtk_widget_action_set_enabled (w, "lane.revert", editable);
}

static GMenuModel *
build_menu (gboolean editable)
{
  GMenu *menu = g_menu_new ();

  if (editable)
    {
      g_autoptr (GMenu) edit = g_menu_new ();
      g_autoptr (GMenu) history = g_menu_new ();

      g_menu_append (edit, _("_Edit Segment…"), "lane.edit");
      g_menu_append (edit, _("_Split Segment"), "lane.split");
      g_menu_append (edit, _("_Fill Gap"), "lane.fill");
      g_menu_append (edit, _("_Delete Selected Segments"), "lane.delete");
      g_menu_append (history, _("_Undo"), "lane.undo");
      g_menu_append (history, _("_Redo"), "lane.redo");
      g_menu_append (history, _("Revert to _ABS"), "lane.revert");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
      g_menu_append_section (menu, NULL, G_MENU_MODEL (history));
    }
  {
    g_autoptr (GMenu) view = g_menu_new ();

    g_menu_append (view, _("_Hide Lane"), "lane.hide");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (view));
  }
  return G_MENU_MODEL (menu);
}

static void
on_click_pressed (GtkGestureClick   *gesture,
                  int                n_press,
                  double             x,
                  double             y,
                  CuspSelectionLane *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  int index;

  if (button == GDK_BUTTON_PRIMARY && n_press == 2 && self->selection != NULL)
    {
      if (hit_at (self, x, &index) != CUSP_SELECTION_HIT_NONE)
        _cusp_selection_lane_edit (self, (guint) index);
      return;
    }
  if (button != GDK_BUTTON_SECONDARY)
    return;
  self->menu_x = x;
  if (self->selection != NULL && hit_at (self, x, &index) != CUSP_SELECTION_HIT_NONE
      && first_selected (self, FALSE) < 0)
    cusp_selection_lane_select (self, index, FALSE);
  if (self->menu != NULL)
    gtk_widget_unparent (self->menu);
  {
    g_autoptr (GMenuModel) model = build_menu (self->selection != NULL);

    self->menu = gtk_popover_menu_new_from_model (model);
  }
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static gboolean
on_drop (GtkDropTarget     *target,
         const GValue      *value,
         double             x,
         double             y,
         CuspSelectionLane *self)
{
  GSList *files;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  ok = cusp_selection_lane_load_file (self, files->data, &error);
  g_slist_free (files);
  if (!ok)
    emit_message (self, error->message);
  return ok;
}

/* ---- Object -------------------------------------------------------------------- */

static void
cusp_selection_lane_dispose (GObject *object)
{
  CuspSelectionLane *self = CUSP_SELECTION_LANE (object);

  cusp_selection_lane_follow_stack (self, NULL);
  cusp_selection_lane_set_selection (self, NULL);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  G_OBJECT_CLASS (cusp_selection_lane_parent_class)->dispose (object);
}

static void
cusp_selection_lane_finalize (GObject *object)
{
  CuspSelectionLane *self = CUSP_SELECTION_LANE (object);

  g_free (self->name);
  g_free (self->drag_label);
  g_clear_pointer (&self->segments, g_array_unref);
  g_array_unref (self->selected);
  g_hash_table_unref (self->editor_parts);
  G_OBJECT_CLASS (cusp_selection_lane_parent_class)->finalize (object);
}

static void
cusp_selection_lane_class_init (CuspSelectionLaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *actions[] = { "lane.edit", "lane.split", "lane.fill", "lane.delete",
                                   "lane.undo", "lane.redo", "lane.revert", "lane.hide" };

  object_class->dispose = cusp_selection_lane_dispose;
  object_class->finalize = cusp_selection_lane_finalize;
  widget_class->snapshot = cusp_selection_lane_snapshot;
  widget_class->measure = cusp_selection_lane_measure;
  gtk_widget_class_set_css_name (widget_class, "selectionlane");
  for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, lane_action);

  signals[SIGNAL_MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SELECTED_CHANGED] = g_signal_new ("selected-changed", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                   G_TYPE_NONE, 0);
  signals[SIGNAL_HIDE_REQUESTED] = g_signal_new ("hide-requested", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 0);
}

static void
cusp_selection_lane_init (CuspSelectionLane *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->selected = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->editor_parts = g_hash_table_new (g_str_hash, g_str_equal);
  self->editor_index = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
cusp_selection_lane_new (const char            *name,
                         CuspSelectionLaneKind  kind)
{
  CuspSelectionLane *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CUSP_TYPE_SELECTION_LANE, NULL);
  self->name = g_strdup (name);
  self->kind = kind;
  update_actions (self);
  return GTK_WIDGET (self);
}

const char *
cusp_selection_lane_get_name (CuspSelectionLane *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), NULL);

  return self->name;
}

CuspSelectionLaneKind
cusp_selection_lane_get_kind (CuspSelectionLane *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_LANE (self), CUSP_SELECTION_LANE_FOM);

  return self->kind;
}
