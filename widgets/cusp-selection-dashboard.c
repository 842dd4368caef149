#define G_LOG_DOMAIN "cusp-selection-dashboard"

#include "config.h"

#include "cusp-selection-dashboard.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "cusp-selection-edit.h"

struct _CuspSelectionDashboard
{
  GtkWidget             parent_instance;

  GtkWidget            *box;
  GtkWidget            *summary;
  GtkWidget            *bar;
  GtkWidget            *expander;
  GtkWidget            *revealer;
  GtkWidget            *list;

  CuspSelection        *selection;
  CuspValidationLimits  limits;
  GPtrArray            *problems;
  char                 *summary_text;
  guint                 n_buffers;
};

G_DEFINE_FINAL_TYPE (CuspSelectionDashboard, cusp_selection_dashboard, GTK_TYPE_WIDGET)

enum { SIGNAL_PROBLEM_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget *
problem_row (const CuspSelectionProblem *problem)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (problem->severity == CUSP_PROBLEM_ERROR
                                                  ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (problem->message);
  static const char *classes[] = { "problem-error", "problem-orange", "problem-yellow" };

  gtk_widget_add_css_class (icon, classes[problem->severity]);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 2);
  gtk_widget_set_margin_bottom (box, 2);
  return box;
}

static void
clear_list (CuspSelectionDashboard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
}

void
cusp_selection_dashboard_refresh (CuspSelectionDashboard *self)
{
  const GArray *segments;
  guint n_errors;
  g_autofree char *segs = NULL, *bufs = NULL, *mins = NULL, *errs = NULL, *title = NULL;
  g_autofree char *markup = NULL;

  g_return_if_fail (CUSP_IS_SELECTION_DASHBOARD (self));

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  clear_list (self);
  if (self->selection == NULL)
    {
      g_free (self->summary_text);
      self->summary_text = g_strdup ("");
      gtk_label_set_text (GTK_LABEL (self->summary), "");
      gtk_widget_queue_draw (self->bar);
      return;
    }
  segments = cusp_selection_get_segments (self->selection);
  self->problems = cusp_selection_validate ((const CuspBurstSegment *) (gpointer) segments->data,
                                            segments->len, &self->limits);
  n_errors = cusp_selection_count_problems (self->problems, CUSP_PROBLEM_ERROR);
  self->n_buffers = cusp_selection_get_n_buffers (self->selection);

  segs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", segments->len),
                          segments->len);
  bufs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u buffer", "%u buffers", self->n_buffers),
                          self->n_buffers);
  mins = g_strdup_printf (_("%u min"), (guint) ((self->n_buffers * 10 + 30) / 60));
  errs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors), n_errors);
  g_free (self->summary_text);
  self->summary_text = g_strdup_printf ("%s · %s · %s · %s", segs, bufs, mins, errs);
  markup = g_markup_printf_escaped (n_errors > 0 ? "%s · %s · %s · <span foreground=\"#cc1a1a\" weight=\"bold\">%s</span>"
                                                 : "%s · %s · %s · %s", segs, bufs, mins, errs);
  gtk_label_set_markup (GTK_LABEL (self->summary), markup);

  for (guint i = 0; i < self->problems->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), problem_row (g_ptr_array_index (self->problems, i)));
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Validation: %u problem",
                                        "Validation: %u problems", self->problems->len),
                           self->problems->len);
  gtk_expander_set_label (GTK_EXPANDER (self->expander), title);
  gtk_widget_queue_draw (self->bar);
}

void
cusp_selection_dashboard_set_selection (CuspSelectionDashboard     *self,
                                        CuspSelection              *selection,
                                        const CuspValidationLimits *limits)
{
  g_return_if_fail (CUSP_IS_SELECTION_DASHBOARD (self));
  g_return_if_fail (selection == NULL || CUSP_IS_SELECTION (selection));

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_set_object (&self->selection, selection);
  if (limits != NULL)
    self->limits = *limits;
  else
    cusp_validation_limits_init (&self->limits);
  if (selection != NULL)
    g_signal_connect_object (selection, "changed", G_CALLBACK (cusp_selection_dashboard_refresh),
                             self, G_CONNECT_SWAPPED);
  cusp_selection_dashboard_refresh (self);
}

const char *
cusp_selection_dashboard_get_summary (CuspSelectionDashboard *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_DASHBOARD (self), NULL);

  return self->summary_text;
}

guint
cusp_selection_dashboard_get_n_problems (CuspSelectionDashboard *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_DASHBOARD (self), 0);

  return self->problems != NULL ? self->problems->len : 0;
}

GtkWidget *
cusp_selection_dashboard_get_list (CuspSelectionDashboard *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_DASHBOARD (self), NULL);

  return self->list;
}

int
cusp_selection_dashboard_get_problem_segment (CuspSelectionDashboard *self,
                                              guint                   index)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_DASHBOARD (self), -1);

  if (self->problems == NULL || index >= self->problems->len)
    return -1;
  return ((CuspSelectionProblem *) g_ptr_array_index (self->problems, index))->segment;
}

static void
on_row_activated (GtkListBox             *list,
                  GtkListBoxRow          *row,
                  CuspSelectionDashboard *self)
{
  int segment = cusp_selection_dashboard_get_problem_segment (self, (guint) gtk_list_box_row_get_index (row));

  g_signal_emit (self, signals[SIGNAL_PROBLEM_ACTIVATED], 0, segment);
}

/* ---- Buffer bar ---------------------------------------------------------------- */

/* A mark on the bar and its label under it, moved right of the previous
 * label (*free_x) when they would overlap, and left to stay within
 * right_x; a label that then still overlaps is left out (a narrow bar). */
static void
mark (cairo_t    *cr,
      double      x,
      double      bar_h,
      double      height,
      double      right_x,
      const char *text,
      double     *free_x)
{
  PangoLayout *layout;
  PangoFontDescription *desc;
  int w, h;
  double lx;

  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, round (x) + 0.5, 0);
  cairo_line_to (cr, round (x) + 0.5, bar_h + 2);
  cairo_stroke (cr);
  layout = pango_cairo_create_layout (cr);
  desc = pango_font_description_from_string ("Sans 7");
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  lx = MIN (MAX (round (x - w / 2.0), *free_x), right_x - w);
  if (lx >= *free_x)
    {
      cairo_move_to (cr, lx, height - h);
      pango_cairo_show_layout (cr, layout);
      *free_x = lx + w + 4;
    }
  g_object_unref (layout);
}

void
cusp_selection_dashboard_draw_bar (CuspSelectionDashboard *self,
                                   cairo_t                *cr,
                                   double                  width,
                                   double                  height)
{
  guint target, max;
  double scale, warning, bar_h = height * 0.5, fill, free_x;
  static const double colours[3][3] = { { 0.20, 0.65, 0.25 }, { 0.95, 0.78, 0.10 }, { 0.85, 0.15, 0.15 } };
  const double *c;

  g_return_if_fail (CUSP_IS_SELECTION_DASHBOARD (self));

  if (self->selection == NULL || width < 20)
    return;
  target = cusp_selection_get_target_buffers (self->selection);
  max = self->limits.buff_max;
  warning = cusp_selection_warning_buffers (target, max);
  /* The scale leaves room above the maximum so an overrun shows. */
  scale = (width - 16) / (MAX ((double) max, (double) self->n_buffers) * 1.15);
  fill = self->n_buffers * scale;
  c = colours[cusp_selection_buffer_level (self->n_buffers, target, max)];

  cairo_save (cr);
  cairo_translate (cr, 8, 0);
  cairo_rectangle (cr, 0, 0, width - 16, bar_h);
  cairo_set_source_rgb (cr, 0.90, 0.90, 0.90);
  cairo_fill (cr);
  cairo_rectangle (cr, 0, 0, fill, bar_h);
  cairo_set_source_rgb (cr, c[0], c[1], c[2]);
  cairo_fill (cr);
  cairo_rectangle (cr, 0.5, 0.5, width - 17, bar_h - 1);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  /* C_() contexts keep these short labels apart from other words. */
  free_x = -8;
  mark (cr, target * scale, bar_h, height, width - 8, C_("buffer bar", "target"), &free_x);
  mark (cr, warning * scale, bar_h, height, width - 8, C_("buffer bar", "warning"), &free_x);
  mark (cr, max * scale, bar_h, height, width - 8, C_("buffer bar", "max"), &free_x);
  cairo_restore (cr);
}

static void
draw_bar (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  cusp_selection_dashboard_draw_bar (CUSP_SELECTION_DASHBOARD (user_data), cr, width, height);
}

/* ---- Object ---------------------------------------------------------------------- */

static void
cusp_selection_dashboard_dispose (GObject *object)
{
  CuspSelectionDashboard *self = CUSP_SELECTION_DASHBOARD (object);

  cusp_selection_dashboard_set_selection (self, NULL, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (cusp_selection_dashboard_parent_class)->dispose (object);
}

static void
cusp_selection_dashboard_finalize (GObject *object)
{
  CuspSelectionDashboard *self = CUSP_SELECTION_DASHBOARD (object);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self->summary_text);
  G_OBJECT_CLASS (cusp_selection_dashboard_parent_class)->finalize (object);
}

static void
cusp_selection_dashboard_class_init (CuspSelectionDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cusp_selection_dashboard_dispose;
  object_class->finalize = cusp_selection_dashboard_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "selectiondashboard");

  signals[SIGNAL_PROBLEM_ACTIVATED] = g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass),
                                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                    G_TYPE_NONE, 1, G_TYPE_INT);
}

/* One line (summary, buffer bar, the validation expander's title) over
 * the lanes; the problem list opens under the whole line, not under the
 * expander's narrow column. */
static void
cusp_selection_dashboard_init (CuspSelectionDashboard *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  cusp_validation_limits_init (&self->limits);
  self->summary_text = g_strdup ("");
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_widget_add_css_class (self->summary, "numeric");
  gtk_widget_add_css_class (self->summary, "dashboard-summary");
  self->bar = gtk_drawing_area_new ();
  /* Narrow windows squeeze the bar before anything else. */
  gtk_widget_set_size_request (self->bar, 90, 26);
  gtk_widget_set_hexpand (self->bar, TRUE);
  gtk_widget_set_valign (self->bar, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->bar), draw_bar, self, NULL);
  gtk_box_append (GTK_BOX (row), self->summary);
  gtk_box_append (GTK_BOX (row), self->bar);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  gtk_widget_add_css_class (self->list, "validation-list");
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 140);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  self->expander = gtk_expander_new (_("Validation"));
  gtk_widget_set_valign (self->expander, GTK_ALIGN_CENTER);
  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), scroller);
  g_object_bind_property (self->expander, "expanded", self->revealer, "reveal-child", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (row), self->expander);

  gtk_box_append (GTK_BOX (self->box), row);
  gtk_box_append (GTK_BOX (self->box), self->revealer);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
cusp_selection_dashboard_new (void)
{
  return g_object_new (CUSP_TYPE_SELECTION_DASHBOARD, NULL);
}
