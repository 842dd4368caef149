#define G_LOG_DOMAIN "cusp-plot-stack"

#include "config.h"

#include "cusp-plot-stack.h"

#include <math.h>

#include "cusp-plot-transform.h"

#define ZOOM_STEP   1.25
#define PAN_STEP    0.1
#define HISTORY_MAX 100

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
};

G_DEFINE_FINAL_TYPE (CuspPlotStack, cusp_plot_stack, GTK_TYPE_WIDGET)

enum { RANGE_CHANGED, N_SIGNALS };
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
  cusp_plot_panel_set_range (CUSP_PLOT_PANEL (panel), self->start, self->stop);
  gtk_widget_insert_before (panel, GTK_WIDGET (self), NULL);
  update_time_labels (self);
  return CUSP_PLOT_PANEL (panel);
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
on_drag_begin (CuspPlotStack *self,
               double         x,
               double         y)
{
  self->drag_origin.start = self->start;
  self->drag_origin.stop = self->stop;
}

static void
on_drag_update (CuspPlotStack *self,
                double         offset_x,
                double         offset_y)
{
  CuspTime a, b;

  cusp_time_range_pan (self->drag_origin.start, self->drag_origin.stop,
                       -offset_x / data_width (self), &a, &b);
  apply_range (self, a, b);
}

static void
on_drag_end (CuspPlotStack *self,
             double         offset_x,
             double         offset_y)
{
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
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "plotstack");
}

static void
cusp_plot_stack_init (CuspPlotStack *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->back = g_array_new (FALSE, FALSE, sizeof (View));
  self->forward = g_array_new (FALSE, FALSE, sizeof (View));
  self->start = 0;
  self->stop = CUSP_NS_PER_DAY;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
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

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
cusp_plot_stack_new (void)
{
  return g_object_new (CUSP_TYPE_PLOT_STACK, NULL);
}
