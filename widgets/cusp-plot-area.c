#define G_LOG_DOMAIN "cusp-plot-area"

#include "config.h"

#include "cusp-plot-area.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cusp-provider.h"

struct _CuspPlotArea
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *bar;
  GtkWidget  *placeholder;
  GtkWidget  *scroller;
  GtkWidget  *stack;
  GListModel *providers;
};

enum {
  PRODUCT_DROPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CuspPlotArea, cusp_plot_area, GTK_TYPE_WIDGET)

/* The panel under (x, y) of the area, if any. */
static CuspPlotPanel *
panel_at (CuspPlotArea *self,
          double        x,
          double        y)
{
  if (!gtk_widget_get_visible (self->scroller))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (self->stack);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      graphene_point_t p;

      if (gtk_widget_compute_point (GTK_WIDGET (self), child, &GRAPHENE_POINT_INIT (x, y), &p)
          && gtk_widget_contains (child, p.x, p.y))
        return CUSP_PLOT_PANEL (child);
    }
  return NULL;
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CuspPlotArea  *self)
{
  CuspPlotPanel *panel;
  const char *id;

  if (!G_VALUE_HOLDS_STRING (value))
    return FALSE;

  id = g_value_get_string (value);
  if (id == NULL || id[0] == '\0')
    return FALSE;

  panel = panel_at (self, x, y);
  if (panel != NULL)
    cusp_plot_area_overlay_product (self, panel, id);
  else
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
  gtk_widget_set_vexpand (box, TRUE);
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
on_panels_changed (CuspPlotArea *self)
{
  gboolean empty = cusp_plot_stack_get_n_panels (CUSP_PLOT_STACK (self->stack)) == 0;

  gtk_widget_set_visible (self->placeholder, empty);
  gtk_widget_set_visible (self->scroller, !empty);
}

static void
on_range_changed (CuspPlotArea *self)
{
  CuspTime start, stop;

  cusp_plot_stack_get_range (CUSP_PLOT_STACK (self->stack), &start, &stop);
  cusp_time_range_bar_set_range (CUSP_TIME_RANGE_BAR (self->bar), start, stop);
}

static void
on_range_requested (CuspPlotArea *self,
                    gint64        start,
                    gint64        stop)
{
  cusp_plot_stack_set_range (CUSP_PLOT_STACK (self->stack), start, stop);
  /* Also when the stack already had that range: the entries show it again. */
  on_range_changed (self);
}

static void
cusp_plot_area_dispose (GObject *object)
{
  CuspPlotArea *self = CUSP_PLOT_AREA (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->providers);

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
   * A product id was dropped on the area, not on a panel.
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

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->bar = cusp_time_range_bar_new ();
  self->placeholder = create_placeholder ();
  self->stack = cusp_plot_stack_new ();
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->stack);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  /* Ask for the panels' natural height: a paned or box holding the area
   * then gives the stack room before it resorts to scrolling. */
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_widget_set_visible (self->scroller, FALSE);

  gtk_box_append (GTK_BOX (self->box), self->bar);
  gtk_box_append (GTK_BOX (self->box), self->placeholder);
  gtk_box_append (GTK_BOX (self->box), self->scroller);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  g_signal_connect_object (self->stack, "panels-changed", G_CALLBACK (on_panels_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "range-changed", G_CALLBACK (on_range_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bar, "range-requested", G_CALLBACK (on_range_requested),
                           self, G_CONNECT_SWAPPED);
  on_range_changed (self);
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

CuspPlotStack *
cusp_plot_area_get_stack (CuspPlotArea *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_AREA (self), NULL);

  return CUSP_PLOT_STACK (self->stack);
}

CuspTimeRangeBar *
cusp_plot_area_get_time_range_bar (CuspPlotArea *self)
{
  g_return_val_if_fail (CUSP_IS_PLOT_AREA (self), NULL);

  return CUSP_TIME_RANGE_BAR (self->bar);
}

void
cusp_plot_area_set_providers (CuspPlotArea *self,
                              GListModel   *providers)
{
  g_return_if_fail (CUSP_IS_PLOT_AREA (self));
  g_return_if_fail (providers == NULL || G_IS_LIST_MODEL (providers));

  g_set_object (&self->providers, providers);
}

/* The provider that has id, and its inventory node when listed. */
static CuspProvider *
find_provider (CuspPlotArea       *self,
               const char         *id,
               CuspInventoryNode **node_out)
{
  guint n = self->providers != NULL ? g_list_model_get_n_items (self->providers) : 0;
  const char *slash = strchr (id, '/');
  CuspProvider *by_prefix = NULL;

  *node_out = NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CuspProvider) provider = g_list_model_get_item (self->providers, i);
      CuspInventoryNode *root = cusp_provider_get_inventory (provider);
      CuspInventoryNode *node = root != NULL ? cusp_inventory_node_find (root, id) : NULL;
      const char *pid = cusp_provider_get_id (provider);

      if (node != NULL)
        {
          *node_out = node;
          return provider;
        }
      if (by_prefix == NULL && slash != NULL && pid != NULL
          && strlen (pid) == (gsize) (slash - id) && strncmp (pid, id, slash - id) == 0)
        by_prefix = provider;
    }
  return by_prefix;
}

static CuspPlotPanel *
new_panel (CuspPlotArea *self,
           const char   *id)
{
  CuspInventoryNode *node = NULL;
  CuspProvider *provider = find_provider (self, id, &node);

  return CUSP_PLOT_PANEL (cusp_plot_panel_new_for_product (provider, id,
                                                           node != NULL ? cusp_inventory_node_get_name (node) : NULL,
                                                           node != NULL ? cusp_inventory_node_get_data_kind (node)
                                                                        : CUSP_DATA_KIND_NONE));
}

CuspPlotPanel *
cusp_plot_area_plot_product (CuspPlotArea *self,
                             const char   *id)
{
  CuspPlotPanel *panel;

  g_return_val_if_fail (CUSP_IS_PLOT_AREA (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  panel = new_panel (self, id);
  cusp_plot_stack_add_panel (CUSP_PLOT_STACK (self->stack), panel);
  return panel;
}

CuspPlotPanel *
cusp_plot_area_overlay_product (CuspPlotArea  *self,
                                CuspPlotPanel *panel,
                                const char    *id)
{
  CuspInventoryNode *node = NULL;
  CuspProvider *provider;

  g_return_val_if_fail (CUSP_IS_PLOT_AREA (self), NULL);
  g_return_val_if_fail (CUSP_IS_PLOT_PANEL (panel), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  provider = find_provider (self, id, &node);
  if (provider != NULL && node != NULL
      && cusp_plot_panel_add_product (panel, provider, id, cusp_inventory_node_get_name (node),
                                      cusp_inventory_node_get_data_kind (node)))
    return panel;
  return cusp_plot_area_plot_product (self, id);
}

gboolean
cusp_plot_area_export (CuspPlotArea  *self,
                       const char    *path,
                       GError       **error)
{
  g_autoptr (CuspPlotRenderer) figure = NULL;
  int width, height;

  g_return_val_if_fail (CUSP_IS_PLOT_AREA (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  figure = cusp_plot_stack_build_figure (CUSP_PLOT_STACK (self->stack));
  if (cusp_plot_renderer_get_n_panels (figure) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("There is nothing to export yet. Plot a product first."));
      return FALSE;
    }
  /* What is on screen: the stack's size, the bar and scrollbars left out. */
  width = gtk_widget_get_width (self->stack);
  height = gtk_widget_get_height (self->stack);
  return cusp_plot_renderer_export (figure, path, MAX (width, 1), MAX (height, 1), error);
}
