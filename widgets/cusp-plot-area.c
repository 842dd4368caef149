#define G_LOG_DOMAIN "cusp-plot-area"

#include "config.h"

#include "cusp-plot-area.h"

#include <glib/gi18n-lib.h>

struct _CuspPlotArea
{
  GtkWidget  parent_instance;

  GtkWidget *placeholder;
};

enum {
  PRODUCT_DROPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CuspPlotArea, cusp_plot_area, GTK_TYPE_WIDGET)

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CuspPlotArea  *self)
{
  const char *id;

  if (!G_VALUE_HOLDS_STRING (value))
    return FALSE;

  id = g_value_get_string (value);
  if (id == NULL || id[0] == '\0')
    return FALSE;

  g_signal_emit (self, signals[PRODUCT_DROPPED], 0, id);
  return TRUE;
}

static GtkWidget *
create_placeholder (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("cusp-plot-symbolic");
  GtkWidget *title = gtk_label_new (_("Drag a product here"));
  GtkWidget *hint = gtk_label_new (_("…from the inventory on the left, or double-click it"));

  gtk_widget_add_css_class (box, "placeholder");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 64);
  gtk_widget_add_css_class (icon, "placeholder-icon");
  gtk_widget_add_css_class (title, "placeholder-title");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (hint, "placeholder-hint");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), hint);
  return box;
}

static void
cusp_plot_area_dispose (GObject *object)
{
  CuspPlotArea *self = CUSP_PLOT_AREA (object);

  g_clear_pointer (&self->placeholder, gtk_widget_unparent);

  G_OBJECT_CLASS (cusp_plot_area_parent_class)->dispose (object);
}

static void
cusp_plot_area_class_init (CuspPlotAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cusp_plot_area_dispose;

  /**
   * CuspPlotArea::product-dropped:
   * @self: the plot area
   * @id: the id of the dropped product, e.g. "sim/mms1/fgm/srvy/b_gse"
   *
   * A product id was dropped on the area.
   */
  signals[PRODUCT_DROPPED] =
    g_signal_new ("product-dropped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "plotarea");
}

static void
cusp_plot_area_init (CuspPlotArea *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  self->placeholder = create_placeholder ();
  gtk_widget_set_parent (self->placeholder, GTK_WIDGET (self));
}

GtkWidget *
cusp_plot_area_new (void)
{
  return g_object_new (CUSP_TYPE_PLOT_AREA, NULL);
}

GtkWidget *
cusp_plot_area_get_placeholder (CuspPlotArea *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_AREA (self), NULL);

  return self->placeholder;
}
