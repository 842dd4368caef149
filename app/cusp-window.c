#define G_LOG_DOMAIN "cusp-window"

#include "config.h"

#include "cusp-window.h"

#include <glib/gi18n-lib.h>

#include "cusp-inventory-view.h"
#include "cusp-plot-area.h"
#include "cusp-provider.h"

struct _CuspWindow
{
  GtkApplicationWindow  parent_instance;

  GtkWidget            *header_bar;
  GtkWidget            *paned;
  GtkWidget            *inventory_view;
  GtkWidget            *plot_area;

  GListStore           *roots;
};

G_DEFINE_FINAL_TYPE (CuspWindow, cusp_window, GTK_TYPE_APPLICATION_WINDOW)

static void
cusp_window_plot_product (CuspWindow *self,
                          const char *id)
{
  /* Plot panels come with the plot engine; until then a request is noted. */
  g_debug ("Plot requested for %s", id);
}

static void
on_product_activated (CuspWindow        *self,
                      CuspInventoryNode *node,
                      CuspInventoryView *view)
{
  cusp_window_plot_product (self, cusp_inventory_node_get_id (node));
}

static void
on_product_dropped (CuspWindow   *self,
                    const char   *id,
                    CuspPlotArea *area)
{
  cusp_window_plot_product (self, id);
}

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  CuspWindow *self = CUSP_WINDOW (user_data);
  GtkWidget *entry = cusp_inventory_view_get_search_entry (CUSP_INVENTORY_VIEW (self->inventory_view));

  gtk_widget_grab_focus (entry);
}

static const GActionEntry window_actions[] = {
  { .name = "search", .activate = search_action },
};

static void
cusp_window_dispose (GObject *object)
{
  CuspWindow *self = CUSP_WINDOW (object);

  /* No gtk_widget_dispose_template(): GtkWindow unparents its titlebar and
   * child itself, and doing it twice trips GTK 4.8. */
  g_clear_object (&self->roots);

  G_OBJECT_CLASS (cusp_window_parent_class)->dispose (object);
}

static void
cusp_window_class_init (CuspWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cusp_window_dispose;

  g_type_ensure (CUSP_TYPE_INVENTORY_VIEW);
  g_type_ensure (CUSP_TYPE_PLOT_AREA);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cusp/Cusp/ui/cusp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CuspWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CuspWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, CuspWindow, inventory_view);
  gtk_widget_class_bind_template_child (widget_class, CuspWindow, plot_area);
  gtk_widget_class_bind_template_callback (widget_class, on_product_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_product_dropped);
}

static void
cusp_window_init (CuspWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->roots = g_list_store_new (CUSP_TYPE_INVENTORY_NODE);
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
}

static void
cusp_window_load_inventories (CuspWindow      *self,
                              CuspApplication *application)
{
  GListModel *providers = cusp_application_get_providers (application);
  guint n = g_list_model_get_n_items (providers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuspProvider) provider = g_list_model_get_item (providers, i);
      CuspInventoryNode *root = cusp_provider_get_inventory (provider);

      if (root != NULL)
        g_list_store_append (self->roots, root);
    }

  cusp_inventory_view_set_roots (CUSP_INVENTORY_VIEW (self->inventory_view),
                                 G_LIST_MODEL (self->roots));
}

CuspWindow *
cusp_window_new (CuspApplication *application)
{
  CuspWindow *self;

  g_return_val_if_fail (CUSP_IS_APPLICATION (application), NULL);

  self = g_object_new (CUSP_TYPE_WINDOW, "application", application, NULL);
  cusp_window_load_inventories (self, application);
  return self;
}

GtkWidget *
cusp_window_get_inventory_view (CuspWindow *self)
{
  g_return_val_if_fail (CUSP_IS_WINDOW (self), NULL);

  return self->inventory_view;
}

GtkWidget *
cusp_window_get_plot_area (CuspWindow *self)
{
  g_return_val_if_fail (CUSP_IS_WINDOW (self), NULL);

  return self->plot_area;
}
