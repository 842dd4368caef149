#define G_LOG_DOMAIN "cusp-window"

#include "config.h"

#include "cusp-window.h"
#include "cusp-window-private.h"

#include <glib/gi18n-lib.h>

#include "cusp-hapi-provider.h"
#include "cusp-inventory-view.h"
#include "cusp-local-provider.h"
#include "cusp-plot-area.h"
#include "cusp-provider.h"

struct _CuspWindow
{
  GtkApplicationWindow  parent_instance;

  GtkWidget            *header_bar;
  GtkWidget            *paned;
  GtkWidget            *inventory_view;
  GtkWidget            *plot_area;
  GtkWidget            *plots_paned;
  GtkWidget            *samples_area;
  GtkWidget            *message_bar;
  GtkWidget            *message_label;
  GMenu                *primary_menu;

  GListStore           *roots;
  GPtrArray            *hidden_roots;   /* empty provider trees, shown once filled */
  GtkNativeDialog      *chooser;
};

G_DEFINE_FINAL_TYPE (CuspWindow, cusp_window, GTK_TYPE_APPLICATION_WINDOW)

/* Products of local files go to the real data's area (right of the
 * simulated orbit), on its times, when it is shown. */
static void
plot_requested (CuspWindow *self,
                const char *id)
{
  if (!g_str_has_prefix (id, "local/") || !_cusp_window_plot_local (self, id))
    cusp_window_plot_product (self, id);
}

static void
on_product_activated (CuspWindow        *self,
                      CuspInventoryNode *node,
                      CuspInventoryView *view)
{
  plot_requested (self, cusp_inventory_node_get_id (node));
}

static void
on_product_dropped (CuspWindow   *self,
                    const char   *id,
                    CuspPlotArea *area)
{
  plot_requested (self, id);
}

static void
on_samples_product_dropped (CuspWindow   *self,
                            const char   *id,
                            CuspPlotArea *area)
{
  if (!g_str_has_prefix (id, "local/") || !_cusp_window_plot_local (self, id))
    cusp_plot_area_plot_product (area, id);
}

/* Opening files */

static void
show_message (CuspWindow *self,
              const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->message_label), text);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->message_bar), TRUE);
}

static void
hide_message (CuspWindow *self)
{
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->message_bar), FALSE);
}

static void
on_message_response (CuspWindow *self,
                     int         response,
                     GtkInfoBar *bar)
{
  hide_message (self);
}

static gboolean
open_one (CuspProvider  *local,
          GFile         *file,
          GError       **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s is not on this computer; copy it to a local folder, then open the copy."), uri);
      return FALSE;
    }
  return cusp_local_provider_add_path (CUSP_LOCAL_PROVIDER (local), path, error);
}

static guint
count_nodes (CuspInventoryNode *node)
{
  GListModel *children = cusp_inventory_node_get_children (node);
  guint n = 1;

  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(CuspInventoryNode) child = g_list_model_get_item (children, i);

      n += count_nodes (child);
    }
  return n;
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     CuspWindow      *self)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
  cusp_window_open_files (self, (GFile **) array->pdata, array->len);
}

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) data = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (data, _("CDF and CSV files"));
  gtk_file_filter_add_suffix (data, "cdf");
  gtk_file_filter_add_suffix (data, "csv");
  gtk_file_filter_add_suffix (data, "txt");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, data);
  gtk_file_chooser_add_filter (chooser, all);
}

static void
run_chooser (CuspWindow           *self,
             GtkFileChooserAction  action,
             const char           *title)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return;
    }
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    add_filters (GTK_FILE_CHOOSER (chooser));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  run_chooser (CUSP_WINDOW (user_data), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open CDF or CSV Files"));
}

static void
open_folder_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  run_chooser (CUSP_WINDOW (user_data), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
               _("Open Folders of CDF or CSV Files"));
}

static gboolean
on_files_dropped (GtkDropTarget *target,
                  const GValue  *value,
                  double         x,
                  double         y,
                  CuspWindow    *self)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new ();
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);
  g_slist_free (files);
  if (array->len == 0)
    return FALSE;

  /* A selection file over a SITL lane goes to that lane. */
  if (_cusp_window_sitl_drop (self, g_ptr_array_index (array, 0), x, y))
    return TRUE;
  cusp_window_open_files (self, (GFile **) array->pdata, array->len);
  return TRUE;
}

/* Files dropped anywhere on the window.  The capture phase lets this
 * target see a file drop before the plot area's string target, which
 * would otherwise take a file manager's text/plain offer for a product
 * id; drags from the inventory carry no file list and pass through. */
static void
add_file_drop_target (CuspWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (target), GTK_PHASE_CAPTURE);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_files_dropped), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
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
  { .name = "open", .activate = open_action },
  { .name = "open-folder", .activate = open_folder_action },
};

static void
cusp_window_dispose (GObject *object)
{
  CuspWindow *self = CUSP_WINDOW (object);

  /* No gtk_widget_dispose_template(): GtkWindow unparents its titlebar and
   * child itself, and doing it twice trips GTK 4.8. */
  g_clear_object (&self->roots);
  g_clear_pointer (&self->hidden_roots, g_ptr_array_unref);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

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
  gtk_widget_class_bind_template_child (widget_class, CuspWindow, plots_paned);
  gtk_widget_class_bind_template_child (widget_class, CuspWindow, samples_area);
  gtk_widget_class_bind_template_callback (widget_class, on_samples_product_dropped);
  gtk_widget_class_bind_template_child (widget_class, CuspWindow, message_bar);
  gtk_widget_class_bind_template_child (widget_class, CuspWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, CuspWindow, primary_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_message_response);
  gtk_widget_class_bind_template_callback (widget_class, on_product_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_product_dropped);
}

/* The template's size, less on a screen too small for it. */
static void
fit_default_size (CuspWindow *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  GdkMonitor *monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle area;
  int width, height;

  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &area);
  g_object_unref (monitor);
  if (area.width <= 0 || area.height <= 0)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), MIN (width, area.width * 9 / 10),
                               MIN (height, area.height * 9 / 10));
}

static void
cusp_window_init (CuspWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fit_default_size (self);

  self->roots = g_list_store_new (CUSP_TYPE_INVENTORY_NODE);
  self->hidden_roots = g_ptr_array_new_with_free_func (g_object_unref);
  add_file_drop_target (self);
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);
}

/* A provider with nothing to show yet (no local file opened) stays out
 * of the sidebar until its tree gets a first child. */
static void
on_hidden_root_filled (GListModel *children,
                       guint       position,
                       guint       removed,
                       guint       added,
                       CuspWindow *self)
{
  for (guint i = 0; i < self->hidden_roots->len; )
    {
      CuspInventoryNode *root = g_ptr_array_index (self->hidden_roots, i);

      if (g_list_model_get_n_items (cusp_inventory_node_get_children (root)) == 0)
        {
          i++;
          continue;
        }
      g_list_store_append (self->roots, root);
      g_ptr_array_remove_index (self->hidden_roots, i);
    }
}

static void
cusp_window_load_inventories (CuspWindow      *self,
                              CuspApplication *application)
{
  GListModel *providers = cusp_application_get_providers (application);
  guint n = g_list_model_get_n_items (providers);
  g_autoptr(GListStore) parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GtkFlattenListModel) all_roots = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuspProvider) provider = g_list_model_get_item (providers, i);
      CuspInventoryNode *root;
      GListModel *children;

      /* Servers come from cusp-window-remote.c, loaded when opened. */
      if (CUSP_IS_HAPI_PROVIDER (provider))
        continue;
      root = cusp_provider_get_inventory (provider);
      if (root == NULL)
        continue;
      children = cusp_inventory_node_get_children (root);
      if (g_list_model_get_n_items (children) > 0)
        {
          g_list_store_append (self->roots, root);
          continue;
        }
      g_ptr_array_add (self->hidden_roots, g_object_ref (root));
      g_signal_connect_object (children, "items-changed",
                               G_CALLBACK (on_hidden_root_filled), self, 0);
    }

  g_list_store_append (parts, self->roots);
  g_list_store_append (parts, _cusp_window_setup_remote (self, application));
  all_roots = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&parts)));
  cusp_inventory_view_set_roots (CUSP_INVENTORY_VIEW (self->inventory_view),
                                 G_LIST_MODEL (all_roots));
}

CuspWindow *
cusp_window_new (CuspApplication *application)
{
  CuspWindow *self;

  g_return_val_if_fail (CUSP_IS_APPLICATION (application), NULL);

  self = g_object_new (CUSP_TYPE_WINDOW, "application", application, NULL);
  cusp_window_load_inventories (self, application);
  _cusp_window_setup_plots (self, application);
  _cusp_window_setup_samples (self, application);
  _cusp_window_setup_sitl (self, application);
  _cusp_window_setup_workspace (self, application);
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

GtkWidget *
cusp_window_get_samples_area (CuspWindow *self)
{
  g_return_val_if_fail (CUSP_IS_WINDOW (self), NULL);

  return self->samples_area;
}

gboolean
cusp_window_open_files (CuspWindow  *self,
                        GFile      **files,
                        guint        n_files)
{
  CuspProvider *local;
  g_autoptr(GString) errors = g_string_new (NULL);
  guint n_failed = 0, n_nodes;

  g_return_val_if_fail (CUSP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (files != NULL || n_files == 0, FALSE);

  local = cusp_application_get_local_provider (CUSP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  n_nodes = count_nodes (cusp_provider_get_inventory (local));
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;

      if (open_one (local, files[i], &error))
        continue;
      n_failed++;
      g_string_append_c (errors, '\n');
      g_string_append (errors, error->message);
    }
  /* A folder may fail for one file and still bring others; the view shows
   * new nodes by itself, only a search needs applying again. */
  if (count_nodes (cusp_provider_get_inventory (local)) != n_nodes)
    cusp_inventory_view_refilter (CUSP_INVENTORY_VIEW (self->inventory_view));

  if (n_failed == 0)
    {
      hide_message (self);
      return TRUE;
    }
  g_string_prepend (errors, g_dngettext (GETTEXT_PACKAGE,
                                         "One file could not be opened; the files already open are still there.",
                                         "Some files could not be opened; the files already open are still there.",
                                         n_failed));
  show_message (self, errors->str);
  return FALSE;
}

const char *
cusp_window_get_message (CuspWindow *self)
{
  g_return_val_if_fail (CUSP_IS_WINDOW (self), NULL);

  if (!gtk_info_bar_get_revealed (GTK_INFO_BAR (self->message_bar)))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->message_label));
}

GtkWidget *
cusp_window_get_message_bar (CuspWindow *self)
{
  g_return_val_if_fail (CUSP_IS_WINDOW (self), NULL);

  return self->message_bar;
}

void
_cusp_window_show_message (CuspWindow *self,
                           const char *text)
{
  g_return_if_fail (CUSP_IS_WINDOW (self));

  show_message (self, text);
}

/* The header bar's main menu, for the parts of the window (remote
 * servers, workspaces) that add their own sections to it. */
GMenu *
_cusp_window_get_primary_menu (CuspWindow *self)
{
  g_return_val_if_fail (CUSP_IS_WINDOW (self), NULL);

  return self->primary_menu;
}
