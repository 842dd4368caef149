#define G_LOG_DOMAIN "cusp-plot-stack"

#include "config.h"

#include "cusp-plot-stack.h"
#include "cusp-plot-stack-private.h"

#include <math.h>

#include "cusp-plot-transform.h"

#define ZOOM_STEP   1.25
#define PAN_STEP    0.1
#define HISTORY_MAX 100
/* Gap between panels, which is also the handle that resizes them. */
#define SEPARATOR   6
#define GRAB_SLOP   3
#define BOX_MIN     4
#define WEIGHT_KEY  "cusp-plot-stack-weight"
/* Square at a panel's top left that starts a reordering drag. */
#define GRIP        14

typedef enum
{
  DRAG_PAN,
  DRAG_RESIZE,
  DRAG_BOX,
} DragMode;

typedef struct
{
  CuspTime start;
  CuspTime stop;
} View;

struct _CuspPlotStack
{
  GtkWidget  parent_instance;

  CuspTime   start;
  CuspTime   stop;
  GArray    *back;      /* View, newest last */
  GArray    *forward;

  double     pointer_x;
  double     pointer_y;
  View       drag_origin;
  DragMode   drag_mode;
  double     drag_x;
  double     drag_y;

  /* Resizing: the separator and the data heights it started from. */
  guint      resize_index;
  double     resize_h0;
  double     resize_h1;
  double     resize_w0;
  double     resize_w1;

  gboolean   box_active;
  double     box_x0, box_y0, box_x1, box_y1;

  /* Reordering: the insertion index under a drag, -1 when none. */
  int        drop_index;
  GtkWidget *reorder_panel;  /* the one being dragged, not owned */
};

G_DEFINE_FINAL_TYPE (CuspPlotStack, cusp_plot_stack, GTK_TYPE_WIDGET)

enum { RANGE_CHANGED, PANELS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_time_labels (CuspPlotStack *self)
{
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    cusp_plot_panel_set_time_labels (CUSP_PLOT_PANEL (child), child == last);
}

/* Applies a range without touching the history. */
static void
apply_range (CuspPlotStack *self,
             CuspTime       start,
             CuspTime       stop)
{
  if (start == self->start && stop == self->stop)
    return;
  self->start = start;
  self->stop = stop;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    cusp_plot_panel_set_range (CUSP_PLOT_PANEL (child), start, stop);
  g_signal_emit (self, signals[RANGE_CHANGED], 0);
}

static void
push_view (GArray   *stack,
           CuspTime  start,
           CuspTime  stop)
{
  View view = { start, stop };

  if (stack->len >= HISTORY_MAX)
    g_array_remove_index (stack, 0);
  g_array_append_val (stack, view);
}

void
cusp_plot_stack_set_range (CuspPlotStack *self,
                           CuspTime       start,
                           CuspTime       stop)
{
  g_return_if_fail (CUSP_IS_PLOT_STACK (self));
  g_return_if_fail (stop > start);

  if (start == self->start && stop == self->stop)
    return;
  push_view (self->back, self->start, self->stop);
  g_array_set_size (self->forward, 0);
  apply_range (self, start, stop);
}

void
cusp_plot_stack_get_range (CuspPlotStack *self,
                           CuspTime      *start,
                           CuspTime      *stop)
{
  g_return_if_fail (CUSP_IS_PLOT_STACK (self));

  if (start != NULL)
    *start = self->start;
  if (stop != NULL)
    *stop = self->stop;
}

static gboolean
walk_history (CuspPlotStack *self,
              GArray        *from,
              GArray        *to)
{
  View view;

  if (from->len == 0)
    return FALSE;
  view = g_array_index (from, View, from->len - 1);
  g_array_set_size (from, from->len - 1);
  push_view (to, self->start, self->stop);
  apply_range (self, view.start, view.stop);
  return TRUE;
}

gboolean
cusp_plot_stack_go_back (CuspPlotStack *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_STACK (self), FALSE);

  return walk_history (self, self->back, self->forward);
}

gboolean
cusp_plot_stack_go_forward (CuspPlotStack *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_STACK (self), FALSE);

  return walk_history (self, self->forward, self->back);
}

void
cusp_plot_stack_zoom (CuspPlotStack *self,
                      double         anchor,
                      double         factor)
{
  CuspTime a, b;

  g_return_if_fail (CUSP_IS_PLOT_STACK (self));

  cusp_time_range_zoom (self->start, self->stop, CLAMP (anchor, 0, 1), factor, &a, &b);
  cusp_plot_stack_set_range (self, a, b);
}

void
cusp_plot_stack_pan (CuspPlotStack *self,
                     double         fraction)
{
  CuspTime a, b;

  g_return_if_fail (CUSP_IS_PLOT_STACK (self));

  cusp_time_range_pan (self->start, self->stop, fraction, &a, &b);
  cusp_plot_stack_set_range (self, a, b);
}

CuspPlotPanel *
cusp_plot_stack_add_data (CuspPlotStack *self,
                          CuspData      *data)
{
  GtkWidget *panel;

  g_return_val_if_fail (CUSP_IS_PLOT_STACK (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  panel = cusp_plot_panel_new (data);
  cusp_plot_stack_add_panel (self, CUSP_PLOT_PANEL (panel));
  return CUSP_PLOT_PANEL (panel);
}

void
cusp_plot_stack_add_panel (CuspPlotStack *self,
                           CuspPlotPanel *panel)
{
  g_return_if_fail (CUSP_IS_PLOT_STACK (self));
  g_return_if_fail (CUSP_IS_PLOT_PANEL (panel));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (panel)) == NULL);

  cusp_plot_panel_set_range (panel, self->start, self->stop);
  gtk_widget_insert_before (GTK_WIDGET (panel), GTK_WIDGET (self), NULL);
  update_time_labels (self);
  g_signal_emit (self, signals[PANELS_CHANGED], 0);
}

void
cusp_plot_stack_move_panel (CuspPlotStack *self,
                            CuspPlotPanel *panel,
                            guint          position)
{
  GtkWidget *sibling;

  g_return_if_fail (CUSP_IS_PLOT_STACK (self));
  g_return_if_fail (CUSP_IS_PLOT_PANEL (panel));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (panel)) == GTK_WIDGET (self));

  /* The panel that will follow it: the one at position among the others. */
  sibling = gtk_widget_get_first_child (GTK_WIDGET (self));
  for (guint i = 0; sibling != NULL; sibling = gtk_widget_get_next_sibling (sibling))
    {
      if (sibling == GTK_WIDGET (panel))
        continue;
      if (i++ == position)
        break;
    }
  gtk_widget_insert_before (GTK_WIDGET (panel), GTK_WIDGET (self), sibling);
  update_time_labels (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_signal_emit (self, signals[PANELS_CHANGED], 0);
}

CuspPlotRenderer *
cusp_plot_stack_build_figure (CuspPlotStack *self)
{
  CuspPlotRenderer *figure;

  g_return_val_if_fail (CUSP_IS_PLOT_STACK (self), NULL);

  figure = cusp_plot_renderer_new ();
  cusp_plot_renderer_set_range (figure, self->start, self->stop);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      CuspPlotRenderer *own = cusp_plot_panel_get_renderer (CUSP_PLOT_PANEL (child));

      /* The figure keeps the panels' proportions as resized. */
      if (cusp_plot_renderer_get_n_panels (own) > 0)
        cusp_plot_renderer_set_panel_weight (figure, cusp_plot_renderer_add_panel_from (figure, own, 0),
                                             cusp_plot_stack_get_panel_weight (self, CUSP_PLOT_PANEL (child)));
    }
  return figure;
}

void
cusp_plot_stack_remove_panel (CuspPlotStack *self,
                              CuspPlotPanel *panel)
{
  g_return_if_fail (CUSP_IS_PLOT_STACK (self));
  g_return_if_fail (CUSP_IS_PLOT_PANEL (panel));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (panel)) == GTK_WIDGET (self));

  gtk_widget_unparent (GTK_WIDGET (panel));
  update_time_labels (self);
  g_signal_emit (self, signals[PANELS_CHANGED], 0);
}

guint
cusp_plot_stack_get_n_panels (CuspPlotStack *self)
{
  guint n = 0;

  g_return_val_if_fail (CUSP_IS_PLOT_STACK (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

CuspPlotPanel *
cusp_plot_stack_get_panel (CuspPlotStack *self,
                           guint          index)
{
  GtkWidget *child;

  g_return_val_if_fail (CUSP_IS_PLOT_STACK (self), NULL);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL && index > 0; child = gtk_widget_get_next_sibling (child))
    index--;
  return child != NULL ? CUSP_PLOT_PANEL (child) : NULL;
}

/* ---- layout ------------------------------------------------------------ */

static double
get_weight (GtkWidget *panel)
{
  double *w = g_object_get_data (G_OBJECT (panel), WEIGHT_KEY);

  return w != NULL ? *w : 1.0;
}

static void
set_weight (GtkWidget *panel,
            double     weight)
{
  g_object_set_data_full (G_OBJECT (panel), WEIGHT_KEY, g_memdup2 (&weight, sizeof weight), g_free);
}

/* Height a panel needs beyond its data area's share: the time labels. */
static int
label_extra (GtkWidget *panel)
{
  return cusp_plot_panel_get_time_labels (CUSP_PLOT_PANEL (panel))
         ? CUSP_PLOT_TIME_AXIS - CUSP_PLOT_PAD_BOTTOM : 0;
}

static void
cusp_plot_stack_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  int n = 0;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child), n++)
    {
      int min, nat;

      gtk_widget_measure (child, orientation, -1, &min, &nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
      else
        {
          *minimum += min;
          *natural += nat;
        }
    }
  if (orientation == GTK_ORIENTATION_VERTICAL && n > 1)
    {
      *minimum += (n - 1) * SEPARATOR;
      *natural += (n - 1) * SEPARATOR;
    }
}

/* Data heights share what is left after separators and time labels in
 * proportion to the panels' weights, never below their minimum. */
static void
cusp_plot_stack_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  double total_weight = 0;
  int n = 0, fixed = 0, y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child), n++)
    {
      total_weight += get_weight (child);
      fixed += label_extra (child);
    }
  if (n == 0)
    return;
  fixed += (n - 1) * SEPARATOR;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int min, h;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min, NULL, NULL, NULL);
      if (gtk_widget_get_next_sibling (child) == NULL)
        h = height - y;
      else
        h = (int) floor ((height - fixed) * get_weight (child) / total_weight) + label_extra (child);
      h = MAX (h, min);
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, h }, -1);
      y += h + SEPARATOR;
    }
}

static GtkWidget *
nth_child (CuspPlotStack *self,
           guint          index)
{
  return GTK_WIDGET (cusp_plot_stack_get_panel (self, index));
}

int
_cusp_plot_stack_separator_at (CuspPlotStack *self,
                               double         y)
{
  int index = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL && gtk_widget_get_next_sibling (child) != NULL;
       child = gtk_widget_get_next_sibling (child), index++)
    {
      graphene_point_t p;
      double bottom;

      if (!gtk_widget_compute_point (child, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (0, 0), &p))
        continue;
      bottom = p.y + gtk_widget_get_height (child);
      if (y >= bottom - GRAB_SLOP && y <= bottom + SEPARATOR + GRAB_SLOP)
        return index;
    }
  return -1;
}

static void
resize_begin (CuspPlotStack *self,
              guint          index)
{
  GtkWidget *a = nth_child (self, index), *b = nth_child (self, index + 1);

  self->resize_index = index;
  self->resize_h0 = gtk_widget_get_height (a) - label_extra (a);
  self->resize_h1 = gtk_widget_get_height (b) - label_extra (b);
  self->resize_w0 = get_weight (a);
  self->resize_w1 = get_weight (b);
}

/* The two panels keep their summed weight; the split follows the pointer
 * until one of them would go below its minimum. */
static void
resize_update (CuspPlotStack *self,
               double         dy)
{
  GtkWidget *a = nth_child (self, self->resize_index);
  GtkWidget *b = nth_child (self, self->resize_index + 1);
  double sum_h = self->resize_h0 + self->resize_h1, sum_w = self->resize_w0 + self->resize_w1;
  int min_a, min_b;
  double h;

  if (a == NULL || b == NULL || sum_h <= 0)
    return;
  gtk_widget_measure (a, GTK_ORIENTATION_VERTICAL, -1, &min_a, NULL, NULL, NULL);
  gtk_widget_measure (b, GTK_ORIENTATION_VERTICAL, -1, &min_b, NULL, NULL, NULL);
  min_a -= label_extra (a);
  min_b -= label_extra (b);
  h = CLAMP (self->resize_h0 + dy, min_a, MAX (min_a, sum_h - min_b));
  set_weight (a, sum_w * h / sum_h);
  set_weight (b, sum_w * (sum_h - h) / sum_h);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
_cusp_plot_stack_drag_separator (CuspPlotStack *self,
                                 guint          separator,
                                 double         dy)
{
  g_return_if_fail (CUSP_IS_PLOT_STACK (self));
  g_return_if_fail (separator + 1 < cusp_plot_stack_get_n_panels (self));

  resize_begin (self, separator);
  resize_update (self, dy);
}

/* Top of a child in stack coordinates. */
static double
child_top (CuspPlotStack *self,
           GtkWidget     *child)
{
  graphene_point_t p;

  if (!gtk_widget_compute_point (child, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (0, 0), &p))
    return 0;
  return p.y;
}

/* Six dots: a handle people recognise. */
static void
snapshot_grips (CuspPlotStack *self,
                GtkSnapshot   *snapshot)
{
  if (cusp_plot_stack_get_n_panels (self) < 2)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      double top = child_top (self, child);

      for (int row = 0; row < 3; row++)
        for (int col = 0; col < 2; col++)
          gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.5, 0.5, 0.5, 0.8 },
                                     &GRAPHENE_RECT_INIT (4 + 4 * col, top + 3 + 4 * row, 2, 2));
    }
}

guint
_cusp_plot_stack_insertion_index (CuspPlotStack *self,
                                  double         y)
{
  guint index = 0;

  g_return_val_if_fail (CUSP_IS_PLOT_STACK (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (child_top (self, child) + gtk_widget_get_height (child) / 2.0 < y)
      index++;
  return index;
}

/* The line between the panels around an insertion index. */
static double
insertion_y (CuspPlotStack *self,
             guint          index)
{
  GtkWidget *before = index > 0 ? nth_child (self, index - 1) : NULL;
  GtkWidget *after = nth_child (self, index);

  if (before == NULL)
    return after != NULL ? child_top (self, after) + 1.5 : 0;
  if (after == NULL)
    return child_top (self, before) + gtk_widget_get_height (before) - 1.5;
  return child_top (self, before) + gtk_widget_get_height (before) + SEPARATOR / 2.0;
}

CuspPlotPanel *
_cusp_plot_stack_grip_at (CuspPlotStack *self,
                          double         x,
                          double         y)
{
  g_return_val_if_fail (CUSP_IS_PLOT_STACK (self), NULL);

  if (x < 0 || x >= GRIP || cusp_plot_stack_get_n_panels (self) < 2)
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      double top = child_top (self, child);

      if (y >= top && y < top + GRIP)
        return CUSP_PLOT_PANEL (child);
    }
  return NULL;
}

gboolean
_cusp_plot_stack_drop_panel (CuspPlotStack *self,
                             CuspPlotPanel *panel,
                             double         y)
{
  guint target, current = 0;
  GtkWidget *child;

  g_return_val_if_fail (CUSP_IS_PLOT_STACK (self), FALSE);
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (panel), FALSE);

  if (gtk_widget_get_parent (GTK_WIDGET (panel)) != GTK_WIDGET (self))
    return FALSE;
  target = _cusp_plot_stack_insertion_index (self, y);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != GTK_WIDGET (panel); child = gtk_widget_get_next_sibling (child))
    current++;
  /* Just above or just below itself: nothing moves. */
  if (target == current || target == current + 1)
    return FALSE;
  cusp_plot_stack_move_panel (self, panel, target > current ? target - 1 : target);
  return TRUE;
}

static GdkContentProvider *
on_reorder_prepare (CuspPlotStack *self,
                    double         x,
                    double         y)
{
  CuspPlotPanel *panel = _cusp_plot_stack_grip_at (self, x, y);

  self->reorder_panel = GTK_WIDGET (panel);
  if (panel == NULL)
    return NULL;
  return gdk_content_provider_new_typed (CUSP_TYPE_PLOT_PANEL, panel);
}

static void
on_reorder_begin (CuspPlotStack *self,
                  GdkDrag       *drag,
                  GtkDragSource *source)
{
  g_autoptr (GdkPaintable) icon = NULL;

  if (self->reorder_panel == NULL)
    return;
  icon = gtk_widget_paintable_new (self->reorder_panel);
  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static void
reorder_clear (CuspPlotStack *self)
{
  self->drop_index = -1;
  self->reorder_panel = NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GdkDragAction
on_reorder_motion (CuspPlotStack *self,
                   double         x,
                   double         y)
{
  self->drop_index = (int) _cusp_plot_stack_insertion_index (self, y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return GDK_ACTION_MOVE;
}

static gboolean
on_reorder_drop (CuspPlotStack *self,
                 const GValue  *value,
                 double         x,
                 double         y)
{
  CuspPlotPanel *panel = g_value_get_object (value);

  reorder_clear (self);
  if (panel == NULL)
    return FALSE;
  _cusp_plot_stack_drop_panel (self, panel, y);
  return TRUE;
}

static void
cusp_plot_stack_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CuspPlotStack *self = CUSP_PLOT_STACK (widget);
  double x, y, w, h;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);
  snapshot_grips (self, snapshot);
  if (self->drop_index >= 0)
    gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.2, 0.4, 0.8, 0.9 },
                               &GRAPHENE_RECT_INIT (0, insertion_y (self, self->drop_index) - 1.5,
                                                    gtk_widget_get_width (widget), 3));
  if (!self->box_active)
    return;
  x = MIN (self->box_x0, self->box_x1);
  y = MIN (self->box_y0, self->box_y1);
  w = fabs (self->box_x1 - self->box_x0);
  h = fabs (self->box_y1 - self->box_y0);
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.2, 0.4, 0.8, 0.15 },
                             &GRAPHENE_RECT_INIT (x, y, w, h));
  gtk_snapshot_append_border (snapshot, &GSK_ROUNDED_RECT_INIT (x, y, w, h),
                              (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { { 0.2, 0.4, 0.8, 0.9 }, { 0.2, 0.4, 0.8, 0.9 },
                                             { 0.2, 0.4, 0.8, 0.9 }, { 0.2, 0.4, 0.8, 0.9 } });
}

/* ---- pointer and keys ------------------------------------------------- */

/* The panel under (x, y) of the stack, and y in its coordinates. */
static CuspPlotPanel *
panel_at (CuspPlotStack *self,
          double         x,
          double         y,
          double        *panel_x,
          double        *panel_y)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      graphene_point_t p;

      if (!gtk_widget_compute_point (GTK_WIDGET (self), child,
                                     &GRAPHENE_POINT_INIT (x, y), &p))
        continue;
      if (p.y >= 0 && p.y < gtk_widget_get_height (child))
        {
          *panel_x = p.x;
          *panel_y = p.y;
          return CUSP_PLOT_PANEL (child);
        }
    }
  return NULL;
}

static double
data_width (CuspPlotStack *self)
{
  return MAX (1, gtk_widget_get_width (GTK_WIDGET (self))
                 - CUSP_PLOT_MARGIN_LEFT - CUSP_PLOT_MARGIN_RIGHT);
}

static double
time_anchor (CuspPlotStack *self,
             double         x)
{
  return CLAMP ((x - CUSP_PLOT_MARGIN_LEFT) / data_width (self), 0, 1);
}

static void
update_crosshair (CuspPlotStack *self,
                  gboolean       inside)
{
  double px = 0, py = 0;
  CuspPlotPanel *hovered = inside ? panel_at (self, self->pointer_x, self->pointer_y, &px, &py) : NULL;
  CuspTime t = CUSP_TIME_INVALID;
  g_autofree char *readout = NULL;

  if (hovered != NULL && px >= CUSP_PLOT_MARGIN_LEFT
      && px < CUSP_PLOT_MARGIN_LEFT + data_width (self))
    {
      t = cusp_plot_x_to_time (px, self->start, self->stop, CUSP_PLOT_MARGIN_LEFT,
                               data_width (self));
      readout = cusp_plot_panel_describe_at (hovered, px, py);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      cusp_plot_panel_set_crosshair (CUSP_PLOT_PANEL (child), t);
      cusp_plot_panel_set_readout (CUSP_PLOT_PANEL (child),
                                   child == GTK_WIDGET (hovered) ? readout : NULL);
    }
}

static void
on_motion (CuspPlotStack *self,
           double         x,
           double         y)
{
  self->pointer_x = x;
  self->pointer_y = y;
  update_crosshair (self, TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   _cusp_plot_stack_grip_at (self, x, y) != NULL ? "grab"
                                   : _cusp_plot_stack_separator_at (self, y) >= 0 ? "row-resize" : NULL);
}

/* ---- box zoom ----------------------------------------------------------- */

void
_cusp_plot_stack_box_begin (CuspPlotStack *self,
                            double         x,
                            double         y)
{
  g_return_if_fail (CUSP_IS_PLOT_STACK (self));

  self->box_active = TRUE;
  self->box_x0 = self->box_x1 = x;
  self->box_y0 = self->box_y1 = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_cusp_plot_stack_box_update (CuspPlotStack *self,
                             double         x,
                             double         y)
{
  g_return_if_fail (CUSP_IS_PLOT_STACK (self));

  if (!self->box_active)
    return;
  self->box_x1 = x;
  self->box_y1 = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
_cusp_plot_stack_box_end (CuspPlotStack *self,
                          double         x,
                          double         y)
{
  double left, right, x0 = CUSP_PLOT_MARGIN_LEFT, w;
  CuspTime a, b;

  g_return_val_if_fail (CUSP_IS_PLOT_STACK (self), FALSE);

  if (!self->box_active)
    return FALSE;
  self->box_active = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  w = data_width (self);
  /* Only the part over the data area counts. */
  left = CLAMP (MIN (self->box_x0, x), x0, x0 + w);
  right = CLAMP (MAX (self->box_x0, x), x0, x0 + w);
  if (right - left < BOX_MIN)
    return FALSE;
  a = cusp_plot_x_to_time (left, self->start, self->stop, x0, w);
  b = cusp_plot_x_to_time (right, self->start, self->stop, x0, w);
  if (b <= a)
    return FALSE;
  cusp_plot_stack_set_range (self, a, b);
  return TRUE;
}

static void
on_box_drag_begin (CuspPlotStack *self,
                   double         x,
                   double         y)
{
  _cusp_plot_stack_box_begin (self, x, y);
}

static void
on_box_drag_update (CuspPlotStack  *self,
                    double          offset_x,
                    double          offset_y,
                    GtkGestureDrag *gesture)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _cusp_plot_stack_box_update (self, x + offset_x, y + offset_y);
}

/* A right click that did not move opens the panel's menu instead. */
static void
on_box_drag_end (CuspPlotStack  *self,
                 double          offset_x,
                 double          offset_y,
                 GtkGestureDrag *gesture)
{
  double x, y, px, py;
  CuspPlotPanel *panel;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (_cusp_plot_stack_box_end (self, x + offset_x, y + offset_y))
    return;
  if (fabs (offset_x) < BOX_MIN && fabs (offset_y) < BOX_MIN
      && (panel = panel_at (self, x, y, &px, &py)) != NULL)
    cusp_plot_panel_popup_menu (panel, px, py);
}

static void
on_leave (CuspPlotStack *self)
{
  update_crosshair (self, FALSE);
}

static gboolean
on_scroll (CuspPlotStack            *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double delta = fabs (dy) >= fabs (dx) ? dy : dx;

  if (state & GDK_CONTROL_MASK)
    cusp_plot_stack_zoom (self, time_anchor (self, self->pointer_x), pow (ZOOM_STEP, delta));
  else if (state & GDK_SHIFT_MASK)
    {
      double px, py;
      CuspPlotPanel *panel = panel_at (self, self->pointer_x, self->pointer_y, &px, &py);
      cairo_rectangle_t r;

      if (panel == NULL)
        return FALSE;
      cusp_plot_renderer_get_data_rect (gtk_widget_get_width (GTK_WIDGET (panel)),
                                        gtk_widget_get_height (GTK_WIDGET (panel)),
                                        cusp_plot_panel_get_time_labels (panel), &r);
      cusp_plot_panel_zoom_y (panel, 1 - (py - r.y) / MAX (r.height, 1), pow (ZOOM_STEP, delta));
    }
  else
    cusp_plot_stack_pan (self, PAN_STEP * delta);
  return TRUE;
}

static void
on_drag_begin (CuspPlotStack  *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  int separator = _cusp_plot_stack_separator_at (self, y);

  self->drag_x = x;
  self->drag_y = y;
  /* The grip belongs to the reordering drag source. */
  if (_cusp_plot_stack_grip_at (self, x, y) != NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_origin.start = self->start;
  self->drag_origin.stop = self->stop;
  if (state & GDK_SHIFT_MASK)
    {
      self->drag_mode = DRAG_BOX;
      _cusp_plot_stack_box_begin (self, x, y);
    }
  else if (separator >= 0)
    {
      self->drag_mode = DRAG_RESIZE;
      resize_begin (self, separator);
    }
  else
    self->drag_mode = DRAG_PAN;
}

static void
on_drag_update (CuspPlotStack *self,
                double         offset_x,
                double         offset_y)
{
  CuspTime a, b;

  if (self->drag_mode == DRAG_BOX)
    {
      _cusp_plot_stack_box_update (self, self->drag_x + offset_x, self->drag_y + offset_y);
      return;
    }
  if (self->drag_mode == DRAG_RESIZE)
    {
      resize_update (self, offset_y);
      return;
    }

  cusp_time_range_pan (self->drag_origin.start, self->drag_origin.stop,
                       -offset_x / data_width (self), &a, &b);
  apply_range (self, a, b);
}

static void
on_drag_end (CuspPlotStack *self,
             double         offset_x,
             double         offset_y)
{
  if (self->drag_mode == DRAG_BOX)
    {
      _cusp_plot_stack_box_end (self, self->drag_x + offset_x, self->drag_y + offset_y);
      return;
    }
  if (self->drag_mode == DRAG_RESIZE)
    return;
  /* One history entry per drag, not per motion event. */
  if (self->drag_origin.start != self->start)
    {
      push_view (self->back, self->drag_origin.start, self->drag_origin.stop);
      g_array_set_size (self->forward, 0);
    }
}

static void
on_pressed (CuspPlotStack   *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  double px, py;
  CuspPlotPanel *panel;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (button == 8)
    cusp_plot_stack_go_back (self);
  else if (button == 9)
    cusp_plot_stack_go_forward (self);
  else if (button == GDK_BUTTON_PRIMARY && n_press == 2
           && (panel = panel_at (self, x, y, &px, &py)) != NULL)
    cusp_plot_panel_autoscale (panel);
}

static gboolean
on_key (CuspPlotStack   *self,
        guint            keyval,
        guint            keycode,
        GdkModifierType  state)
{
  gboolean alt = (state & GDK_ALT_MASK) != 0;

  switch (keyval)
    {
    case GDK_KEY_Left:
      if (alt)
        cusp_plot_stack_go_back (self);
      else
        cusp_plot_stack_pan (self, -0.5);
      return TRUE;
    case GDK_KEY_Right:
      if (alt)
        cusp_plot_stack_go_forward (self);
      else
        cusp_plot_stack_pan (self, 0.5);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
    case GDK_KEY_equal:
      cusp_plot_stack_zoom (self, 0.5, 1 / ZOOM_STEP);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      cusp_plot_stack_zoom (self, 0.5, ZOOM_STEP);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
cusp_plot_stack_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cusp_plot_stack_parent_class)->dispose (object);
}

static void
cusp_plot_stack_finalize (GObject *object)
{
  CuspPlotStack *self = CUSP_PLOT_STACK (object);

  g_array_unref (self->back);
  g_array_unref (self->forward);

  G_OBJECT_CLASS (cusp_plot_stack_parent_class)->finalize (object);
}

static void
cusp_plot_stack_class_init (CuspPlotStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cusp_plot_stack_dispose;
  object_class->finalize = cusp_plot_stack_finalize;

  /**
   * CuspPlotStack::range-changed:
   *
   * The shared time range changed (once per change).
   */
  signals[RANGE_CHANGED] = g_signal_new ("range-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
  /**
   * CuspPlotStack::panels-changed:
   *
   * A panel was added, removed or moved.
   */
  signals[PANELS_CHANGED] = g_signal_new ("panels-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  widget_class->measure = cusp_plot_stack_measure;
  widget_class->size_allocate = cusp_plot_stack_size_allocate;
  widget_class->snapshot = cusp_plot_stack_snapshot;
  gtk_widget_class_set_css_name (widget_class, "plotstack");
}

static void
cusp_plot_stack_init (CuspPlotStack *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkDragSource *source;
  GtkDropTarget *target;

  self->back = g_array_new (FALSE, FALSE, sizeof (View));
  self->forward = g_array_new (FALSE, FALSE, sizeof (View));
  self->start = 0;
  self->stop = CUSP_NS_PER_DAY;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_box_drag_begin), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_box_drag_update), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (on_box_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->drop_index = -1;
  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_swapped (source, "prepare", G_CALLBACK (on_reorder_prepare), self);
  g_signal_connect_swapped (source, "drag-begin", G_CALLBACK (on_reorder_begin), self);
  g_signal_connect_swapped (source, "drag-end", G_CALLBACK (reorder_clear), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (CUSP_TYPE_PLOT_PANEL, GDK_ACTION_MOVE);
  g_signal_connect_swapped (target, "motion", G_CALLBACK (on_reorder_motion), self);
  g_signal_connect_swapped (target, "leave", G_CALLBACK (reorder_clear), self);
  g_signal_connect_swapped (target, "drop", G_CALLBACK (on_reorder_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
cusp_plot_stack_new (void)
{
  return g_object_new (CUSP_TYPE_PLOT_STACK, NULL);
}

double
cusp_plot_stack_get_panel_weight (CuspPlotStack *self,
                                  CuspPlotPanel *panel)
{
  g_return_val_if_fail (CUSP_IS_PLOT_STACK (self), 1.0);
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (panel), 1.0);

  return get_weight (GTK_WIDGET (panel));
}

void
cusp_plot_stack_set_panel_weight (CuspPlotStack *self,
                                  CuspPlotPanel *panel,
                                  double         weight)
{
  g_return_if_fail (CUSP_IS_PLOT_STACK (self));
  g_return_if_fail (CUSP_IS_PLOT_PANEL (panel));
  g_return_if_fail (isfinite (weight) && weight > 0);

  set_weight (GTK_WIDGET (panel), weight);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}
