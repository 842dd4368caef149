#define G_LOG_DOMAIN "cusp-time-range-bar"

#include "config.h"

#include "cusp-time-range-bar.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Between the times and the duration buttons (or their menu). */
#define SPACING 8

struct _CuspTimeRangeBar
{
  GtkWidget  parent_instance;

  GtkWidget *box;                 /* the times: back, start, stop, forward */
  GtkWidget *buttons;             /* the durations, when there is room */
  GtkWidget *menu_button;         /* the same durations, when there is not */
  GtkWidget *start_entry;
  GtkWidget *stop_entry;
  CuspTime   start;
  CuspTime   stop;
};

G_DEFINE_FINAL_TYPE (CuspTimeRangeBar, cusp_time_range_bar, GTK_TYPE_WIDGET)

enum { RANGE_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  const char *label;
  const char *tooltip;
  CuspTime    duration;
} Duration;

static const Duration durations[] = {
  { N_("1 min"), N_("Show one minute around the centre"), CUSP_NS_PER_MINUTE },
  { N_("10 min"), N_("Show ten minutes around the centre"), 10 * CUSP_NS_PER_MINUTE },
  { N_("1 h"), N_("Show one hour around the centre"), CUSP_NS_PER_HOUR },
  { N_("6 h"), N_("Show six hours around the centre"), 6 * CUSP_NS_PER_HOUR },
  { N_("1 d"), N_("Show one day around the centre"), CUSP_NS_PER_DAY },
  { N_("7 d"), N_("Show seven days around the centre"), 7 * CUSP_NS_PER_DAY },
};

static void
show_time (GtkWidget *entry,
           CuspTime   t)
{
  char text[40];
  gsize len;

  /* Milliseconds only when the instant has them.  (TT2000 counts from
   * 2000-01-01T11:58:55.816 UTC, so a whole UTC second is not a whole
   * multiple of 10⁹ ns: look at the text.) */
  cusp_time_format_iso_buf (t, 3, FALSE, text);
  len = strlen (text);
  if (len > 4 && strcmp (text + len - 4, ".000") == 0)
    text[len - 4] = '\0';
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
set_entry_error (GtkWidget  *entry,
                 const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
  gtk_widget_set_tooltip_text (entry, message);
}

static void
request (CuspTimeRangeBar *self,
         CuspTime          start,
         CuspTime          stop)
{
  if (stop <= start)
    return;
  g_signal_emit (self, signals[RANGE_REQUESTED], 0, (gint64) start, (gint64) stop);
}

static gboolean
parse_entry (GtkWidget *entry,
             CuspTime  *out)
{
  g_autoptr (GError) error = NULL;

  if (!cusp_time_parse (gtk_editable_get_text (GTK_EDITABLE (entry)), out, &error))
    {
      set_entry_error (entry, error->message);
      return FALSE;
    }
  set_entry_error (entry, NULL);
  return TRUE;
}

gboolean
cusp_time_range_bar_apply_entries (CuspTimeRangeBar *self)
{
  CuspTime start = 0, stop = 0;
  gboolean ok_start, ok_stop;

  g_return_val_if_fail (CUSP_IS_TIME_RANGE_BAR (self), FALSE);

  ok_start = parse_entry (self->start_entry, &start);
  ok_stop = parse_entry (self->stop_entry, &stop);
  if (!ok_start || !ok_stop)
    return FALSE;
  if (stop <= start)
    {
      set_entry_error (self->stop_entry, _("The stop time must be after the start time."));
      return FALSE;
    }
  request (self, start, stop);
  return TRUE;
}

void
cusp_time_range_bar_set_duration (CuspTimeRangeBar *self,
                                  CuspTime          duration)
{
  CuspTime centre;

  g_return_if_fail (CUSP_IS_TIME_RANGE_BAR (self));
  g_return_if_fail (duration > 0);

  /* Written so that it cannot overflow for any valid range. */
  centre = self->start + (self->stop - self->start) / 2;
  request (self, centre - duration / 2, centre - duration / 2 + duration);
}

void
cusp_time_range_bar_step (CuspTimeRangeBar *self,
                          int               direction)
{
  CuspTime width;

  g_return_if_fail (CUSP_IS_TIME_RANGE_BAR (self));

  width = self->stop - self->start;
  if (direction < 0)
    request (self, self->start - width, self->start);
  else if (direction > 0)
    request (self, self->stop, self->stop + width);
}

static void
on_duration_clicked (GtkButton        *button,
                     CuspTimeRangeBar *self)
{
  const Duration *d = g_object_get_data (G_OBJECT (button), "cusp-duration");

  cusp_time_range_bar_set_duration (self, d->duration);
}

static void
on_menu_duration_clicked (GtkButton        *button,
                          CuspTimeRangeBar *self)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->menu_button));
  on_duration_clicked (button, self);
}

static void
on_back_clicked (CuspTimeRangeBar *self)
{
  cusp_time_range_bar_step (self, -1);
}

static void
on_forward_clicked (CuspTimeRangeBar *self)
{
  cusp_time_range_bar_step (self, 1);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static GtkWidget *
time_entry (CuspTimeRangeBar *self,
            const char       *accessible_label)
{
  GtkWidget *entry = gtk_entry_new ();

  /* Room for "2015-10-17T12:00:01.418" (digits are wider than the
   * average character) when there is some; narrower
   * (the text scrolls) in a half-width plot area. */
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 17);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 25);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (cusp_time_range_bar_apply_entries), self);
  return entry;
}

static GtkWidget *
duration_button (CuspTimeRangeBar *self,
                 const Duration   *d,
                 GCallback         callback)
{
  GtkWidget *button = gtk_button_new_with_label (_(d->label));

  gtk_widget_set_tooltip_text (button, _(d->tooltip));
  g_object_set_data (G_OBJECT (button), "cusp-duration", (gpointer) d);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

/* The durations as a menu, for a bar too narrow for the row of buttons. */
static GtkWidget *
duration_menu (CuspTimeRangeBar *self)
{
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      GtkWidget *button = duration_button (self, &durations[i], G_CALLBACK (on_menu_duration_clicked));

      gtk_widget_add_css_class (button, "flat");
      gtk_box_append (GTK_BOX (column), button);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), column);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("Span"));
  gtk_widget_set_tooltip_text (menu_button, _("Show a span of 1 min to 7 d around the centre"));
  return menu_button;
}

static void
build (CuspTimeRangeBar *self)
{
  GtkWidget *times = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *back = icon_button ("go-previous-symbolic", _("Earlier by one range width"));
  GtkWidget *forward = icon_button ("go-next-symbolic", _("Later by one range width"));
  GtkWidget *dash = gtk_label_new ("–");

  self->box = times;
  self->start_entry = time_entry (self, _("Start time"));
  self->stop_entry = time_entry (self, _("Stop time"));
  gtk_widget_set_tooltip_text (self->start_entry, NULL);
  gtk_widget_set_margin_start (dash, 4);
  gtk_widget_set_margin_end (dash, 4);
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (on_back_clicked), self);
  g_signal_connect_swapped (forward, "clicked", G_CALLBACK (on_forward_clicked), self);

  gtk_box_append (GTK_BOX (times), back);
  gtk_box_append (GTK_BOX (times), self->start_entry);
  gtk_box_append (GTK_BOX (times), dash);
  gtk_box_append (GTK_BOX (times), self->stop_entry);
  gtk_box_append (GTK_BOX (times), forward);
  gtk_widget_set_margin_end (back, 4);
  gtk_widget_set_margin_start (forward, 4);

  gtk_widget_add_css_class (buttons, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    gtk_box_append (GTK_BOX (buttons), duration_button (self, &durations[i], G_CALLBACK (on_duration_clicked)));
  self->buttons = buttons;
  self->menu_button = duration_menu (self);

  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_parent (self->buttons, GTK_WIDGET (self));
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
}

/* ---- Layout: the row of durations, or their menu when it does not fit ---- */

static int
natural_width (GtkWidget *widget)
{
  int nat = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
  return nat;
}

static void
cusp_time_range_bar_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  CuspTimeRangeBar *self = CUSP_TIME_RANGE_BAR (widget);
  GtkWidget *parts[] = { self->box, self->buttons, self->menu_button };
  int min[3], nat[3];

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    gtk_widget_measure (parts[i], orientation, -1, &min[i], &nat[i], NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = min[0] + SPACING + min[2];
      *natural = nat[0] + SPACING + nat[1];
    }
  else
    {
      *minimum = MAX (min[0], MAX (min[1], min[2]));
      *natural = MAX (nat[0], MAX (nat[1], nat[2]));
    }
}

/* GtkPaned hides a child this way in its size_allocate too: no resize. */
static void
cusp_time_range_bar_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  CuspTimeRangeBar *self = CUSP_TIME_RANGE_BAR (widget);
  int times_nat = natural_width (self->box), row = natural_width (self->buttons);
  gboolean wide = width >= times_nat + SPACING + row;
  GtkWidget *durations_part = wide ? self->buttons : self->menu_button;
  int part_w = wide ? row : natural_width (self->menu_button);
  int times_w = MAX (0, MIN (times_nat, width - SPACING - part_w));

  gtk_widget_set_child_visible (self->buttons, wide);
  gtk_widget_set_child_visible (self->menu_button, !wide);
  gtk_widget_size_allocate (self->box, &(GtkAllocation) { 0, 0, times_w, height }, -1);
  gtk_widget_size_allocate (durations_part, &(GtkAllocation) { times_w + SPACING, 0, part_w, height }, -1);
}

static void
cusp_time_range_bar_dispose (GObject *object)
{
  CuspTimeRangeBar *self = CUSP_TIME_RANGE_BAR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->buttons, gtk_widget_unparent);
  g_clear_pointer (&self->menu_button, gtk_widget_unparent);

  G_OBJECT_CLASS (cusp_time_range_bar_parent_class)->dispose (object);
}

static void
cusp_time_range_bar_class_init (CuspTimeRangeBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cusp_time_range_bar_dispose;

  /**
   * CuspTimeRangeBar::range-requested:
   * @start: CuspTime of the new start
   * @stop: CuspTime of the new stop (after start)
   *
   * The user asked for a new range.
   */
  signals[RANGE_REQUESTED] = g_signal_new ("range-requested", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  widget_class->measure = cusp_time_range_bar_measure;
  widget_class->size_allocate = cusp_time_range_bar_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "timerangebar");
}

static void
cusp_time_range_bar_init (CuspTimeRangeBar *self)
{
  build (self);
  self->start = 0;
  self->stop = CUSP_NS_PER_DAY;
  show_time (self->start_entry, self->start);
  show_time (self->stop_entry, self->stop);
}

GtkWidget *
cusp_time_range_bar_new (void)
{
  return g_object_new (CUSP_TYPE_TIME_RANGE_BAR, NULL);
}

void
cusp_time_range_bar_set_range (CuspTimeRangeBar *self,
                               CuspTime          start,
                               CuspTime          stop)
{
  g_return_if_fail (CUSP_IS_TIME_RANGE_BAR (self));
  g_return_if_fail (stop > start);

  self->start = start;
  self->stop = stop;
  show_time (self->start_entry, start);
  show_time (self->stop_entry, stop);
  set_entry_error (self->start_entry, NULL);
  set_entry_error (self->stop_entry, NULL);
}

void
cusp_time_range_bar_get_range (CuspTimeRangeBar *self,
                               CuspTime         *start,
                               CuspTime         *stop)
{
  g_return_if_fail (CUSP_IS_TIME_RANGE_BAR (self));

  if (start != NULL)
    *start = self->start;
  if (stop != NULL)
    *stop = self->stop;
}

GtkWidget *
cusp_time_range_bar_get_start_entry (CuspTimeRangeBar *self)
{
  g_return_val_if_fail (CUSP_IS_TIME_RANGE_BAR (self), NULL);

  return self->start_entry;
}

GtkWidget *
cusp_time_range_bar_get_stop_entry (CuspTimeRangeBar *self)
{
  g_return_val_if_fail (CUSP_IS_TIME_RANGE_BAR (self), NULL);

  return self->stop_entry;
}
