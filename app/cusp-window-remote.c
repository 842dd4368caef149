/* cusp-window-remote.c: the HAPI servers in the window
 *
 * Nothing here waits for the network on the main thread: a server's
 * catalog is fetched when its row is first opened, a dataset's /info when
 * its row is, both through the providers' _async loaders, which change
 * the tree back on the main thread.  Meanwhile the row shows "Loading…",
 * and a failure stays as a row saying why (opening the row again
 * retries).  Products are then plotted by the plot area, whose panels
 * load through cusp_provider_get_data_async().
 */
#define G_LOG_DOMAIN "cusp-window"

#include "config.h"

#include "cusp-window-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cusp-cache.h"
#include "cusp-hapi-provider.h"
#include "cusp-inventory-view.h"
#include "cusp-server-list.h"

#define CLEAR_CACHE_POSITION 2

typedef struct
{
  CuspWindow        *window;       /* NULL once the window is gone */
  CuspApplication   *application;
  CuspInventoryView *view;
  GListStore        *roots;        /* root nodes of the servers, in provider order */
  GHashTable        *loading;      /* nodes being filled (owned refs) */
  GCancellable      *cancellable;  /* cancelled with the window */
  GMenu             *section;      /* our items of the primary menu */
  GtkWidget         *popover;      /* the open context menu */
} Remote;

static void
remote_free (Remote *remote)
{
  g_clear_object (&remote->roots);
  g_clear_pointer (&remote->loading, g_hash_table_unref);
  g_clear_object (&remote->cancellable);
  g_clear_object (&remote->section);
}

static Remote *
remote_ref (Remote *remote)
{
  return g_rc_box_acquire (remote);
}

static void
remote_unref (Remote *remote)
{
  g_rc_box_release_full (remote, (GDestroyNotify) remote_free);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Remote, remote_unref)

/* Called when the window's data is dropped: late callbacks see a NULL
 * window and only drop their references. */
static void
remote_detach (gpointer data)
{
  Remote *remote = data;

  g_cancellable_cancel (remote->cancellable);
  if (remote->application != NULL)
    g_signal_handlers_disconnect_by_data (cusp_application_get_providers (remote->application), remote);
  remote->window = NULL;
  remote->view = NULL;
  remote->application = NULL;
  remote_unref (remote);
}

static Remote *
get_remote (CuspWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "cusp-window-remote");
}

/* ---- Providers ------------------------------------------------------------ */

static CuspHapiProvider *
provider_of_node (Remote            *remote,
                  CuspInventoryNode *node)
{
  GListModel *providers = cusp_application_get_providers (remote->application);
  const char *id = cusp_inventory_node_get_id (node);
  const char *slash = strchr (id, '/');
  gsize len = slash != NULL ? (gsize) (slash - id) : strlen (id);

  for (guint i = 0; i < g_list_model_get_n_items (providers); i++)
    {
      g_autoptr(CuspProvider) provider = g_list_model_get_item (providers, i);
      const char *pid = cusp_provider_get_id (provider);

      if (CUSP_IS_HAPI_PROVIDER (provider) && strlen (pid) == len && strncmp (pid, id, len) == 0)
        return CUSP_HAPI_PROVIDER (provider);   /* the application keeps it */
    }
  return NULL;
}

static gboolean
root_listed (Remote            *remote,
             CuspInventoryNode *root,
             guint             *position)
{
  return g_list_store_find (remote->roots, root, position);
}

/* Keeps the roots in step with the providers: gone ones removed, new ones
 * appended (the application appends new servers), so the rows of the
 * others keep their state. */
static void
sync_roots (Remote *remote)
{
  GListModel *providers = cusp_application_get_providers (remote->application);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (providers); i++)
    {
      g_autoptr(CuspProvider) provider = g_list_model_get_item (providers, i);

      if (CUSP_IS_HAPI_PROVIDER (provider))
        g_ptr_array_add (wanted, cusp_provider_get_inventory (provider));
    }
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (remote->roots)); i > 0; i--)
    {
      g_autoptr(CuspInventoryNode) root = g_list_model_get_item (G_LIST_MODEL (remote->roots), i - 1);

      if (!g_ptr_array_find (wanted, root, NULL))
        g_list_store_remove (remote->roots, i - 1);
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      if (!root_listed (remote, g_ptr_array_index (wanted, i), NULL))
        g_list_store_append (remote->roots, g_ptr_array_index (wanted, i));
    }
}

static void
on_providers_changed (GListModel *providers,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Remote     *remote)
{
  sync_roots (remote);
}

/* ---- Loading on open ------------------------------------------------------ */

typedef struct
{
  Remote            *remote;
  CuspInventoryNode *node;
} Load;

static void
load_free (Load *load)
{
  remote_unref (load->remote);
  g_object_unref (load->node);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static void
load_done (Load   *load,
           GError *error)
{
  Remote *remote = load->remote;

  if (remote->window == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_hash_table_remove (remote->loading, load->node);
  if (error != NULL)
    {
      cusp_inventory_view_set_node_status (remote->view, load->node, CUSP_INVENTORY_STATUS_ERROR,
                                           error->message);
      return;
    }
  cusp_inventory_view_set_node_status (remote->view, load->node, CUSP_INVENTORY_STATUS_NONE, NULL);
  cusp_inventory_view_refilter (remote->view);
}

static void
on_catalog_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;

  cusp_hapi_provider_load_catalog_finish (CUSP_HAPI_PROVIDER (source), result, &error);
  load_done (load, error);
}

static void
on_info_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;

  cusp_hapi_provider_load_dataset_info_finish (CUSP_HAPI_PROVIDER (source), result, &error);
  load_done (load, error);
}

static Load *
load_new (Remote            *remote,
          CuspInventoryNode *node)
{
  Load *load = g_new0 (Load, 1);

  load->remote = remote_ref (remote);
  load->node = g_object_ref (node);
  g_hash_table_add (remote->loading, g_object_ref (node));
  cusp_inventory_view_set_node_status (remote->view, node, CUSP_INVENTORY_STATUS_LOADING, NULL);
  return load;
}

static void
on_node_expanded (CuspInventoryView *view,
                  CuspInventoryNode *node,
                  Remote            *remote)
{
  CuspHapiProvider *provider;

  if (remote->window == NULL || g_hash_table_contains (remote->loading, node))
    return;
  provider = provider_of_node (remote, node);
  if (provider == NULL)
    return;

  switch (cusp_inventory_node_get_kind (node))
    {
    case CUSP_NODE_PROVIDER:
      if (!cusp_hapi_provider_is_catalog_loaded (provider))
        cusp_hapi_provider_load_catalog_async (provider, remote->cancellable, on_catalog_loaded,
                                               load_new (remote, node));
      break;
    case CUSP_NODE_DATASET:
      if (!cusp_hapi_provider_is_dataset_loaded (provider, node))
        cusp_hapi_provider_load_dataset_info_async (provider, node, remote->cancellable,
                                                    on_info_loaded, load_new (remote, node));
      break;
    case CUSP_NODE_MISSION:
    case CUSP_NODE_INSTRUMENT:
    case CUSP_NODE_PARAMETER:
    case CUSP_NODE_COMPONENT:
    case CUSP_NODE_FOLDER:
    default:
      break;
    }
}

/* ---- Context menu of a server row ------------------------------------------- */

static gboolean
unparent_popover (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  g_object_unref (popover);
  return G_SOURCE_REMOVE;
}

/* After the item's action ran: it looks the action up through the parent. */
static void
on_popover_closed (GtkPopover *popover,
                   Remote     *remote)
{
  if (remote->popover == GTK_WIDGET (popover))
    remote->popover = NULL;
  g_idle_add (unparent_popover, g_object_ref (popover));
}

static void
on_node_menu (CuspInventoryView *view,
              CuspInventoryNode *node,
              GtkWidget         *row,
              double             x,
              double             y,
              Remote            *remote)
{
  CuspHapiProvider *provider = remote->window != NULL ? provider_of_node (remote, node) : NULL;
  CuspServerList *servers = remote->window != NULL ? cusp_application_get_server_list (remote->application) : NULL;
  const CuspServer *server;
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) item = NULL;
  double vx = x, vy = y;

  if (remote->window == NULL || provider == NULL || cusp_inventory_node_get_kind (node) != CUSP_NODE_PROVIDER)
    return;
  server = cusp_server_list_find (servers, cusp_hapi_provider_get_url (provider));
  if (server == NULL || server->builtin)
    return;

  menu = g_menu_new ();
  item = g_menu_item_new (_("_Remove Server"), NULL);
  g_menu_item_set_action_and_target_value (item, "win.remove-server", g_variant_new_string (server->url));
  g_menu_append_item (menu, item);

  if (remote->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (remote->popover));
  /* On the view, which outlives the recycled row widgets. */
  gtk_widget_translate_coordinates (row, GTK_WIDGET (view), x, y, &vx, &vy);
  remote->popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (remote->popover, GTK_WIDGET (view));
  gtk_popover_set_has_arrow (GTK_POPOVER (remote->popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (remote->popover),
                               &(GdkRectangle) { (int) vx, (int) vy, 1, 1 });
  g_signal_connect (remote->popover, "closed", G_CALLBACK (on_popover_closed), remote);
  gtk_popover_popup (GTK_POPOVER (remote->popover));
}

/* ---- Errors ------------------------------------------------------------------ */

static void
show_error (CuspWindow *self,
            const char *title,
            GError     *error)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                              "%s", title);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Add HAPI Server dialog ----------------------------------------------------- */

typedef struct
{
  CuspWindow *window;
  GtkWidget  *dialog;
  GtkWidget  *url;
  GtkWidget  *name;
  GtkWidget  *message;
} AddDialog;

static void
on_add_clicked (AddDialog *d)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (d->window));
  CuspServerList *servers = cusp_application_get_server_list (CUSP_APPLICATION (app));
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->url))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->name))));
  g_autoptr(GError) error = NULL;

  if (cusp_server_list_add (servers, url, name[0] != '\0' ? name : NULL, NULL, &error) == NULL)
    {
      gtk_label_set_text (GTK_LABEL (d->message), error->message);
      gtk_widget_set_visible (d->message, TRUE);
      gtk_widget_grab_focus (d->url);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (d->dialog));
}

static GtkWidget *
labelled (GtkWidget  *box,
          const char *mnemonic,
          GtkWidget  *entry)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

static GtkWidget *
add_dialog_buttons (AddDialog *d)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add"));

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), d->dialog);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_clicked), d);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), add);
  gtk_window_set_default_widget (GTK_WINDOW (d->dialog), add);
  return buttons;
}

static void
add_server_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CuspWindow *self = CUSP_WINDOW (user_data);
  AddDialog *d = g_new0 (AddDialog, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  d->window = self;
  d->dialog = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (d->dialog), _("Add HAPI Server"));
  gtk_window_set_transient_for (GTK_WINDOW (d->dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (d->dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (d->dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (d->dialog), 440, -1);
  g_object_set_data_full (G_OBJECT (d->dialog), "cusp-add-dialog", d, g_free);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  d->url = labelled (box, _("Server _address (ends in /hapi)"), gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (d->url), "https://example.org/hapi");
  gtk_entry_set_activates_default (GTK_ENTRY (d->url), TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (d->url), GTK_INPUT_PURPOSE_URL);
  d->name = labelled (box, _("_Name (optional)"), gtk_entry_new ());
  gtk_entry_set_activates_default (GTK_ENTRY (d->name), TRUE);
  d->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (d->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (d->message), 0.0);
  gtk_widget_add_css_class (d->message, "error");
  gtk_widget_set_visible (d->message, FALSE);
  gtk_box_append (GTK_BOX (box), d->message);
  gtk_box_append (GTK_BOX (box), add_dialog_buttons (d));

  gtk_window_set_child (GTK_WINDOW (d->dialog), box);
  gtk_window_present (GTK_WINDOW (d->dialog));
}

static void
remove_server_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CuspWindow *self = CUSP_WINDOW (user_data);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;

  if (!cusp_server_list_remove (cusp_application_get_server_list (CUSP_APPLICATION (app)),
                                g_variant_get_string (parameter, NULL), &error))
    show_error (self, _("The server could not be removed"), error);
}

/* ---- Cache ----------------------------------------------------------------------- */

static void
set_clear_label (Remote     *remote,
                 const char *size)
{
  g_autofree char *label = NULL;
  g_autoptr(GMenuItem) item = NULL;

  /* Translators: %s is a size on disk such as "12.3 MB" */
  label = size != NULL ? g_strdup_printf (_("_Clear Cache (%s)"), size) : g_strdup (_("_Clear Cache"));
  item = g_menu_item_new (label, "win.clear-cache");
  g_menu_remove (remote->section, CLEAR_CACHE_POSITION);
  g_menu_insert_item (remote->section, CLEAR_CACHE_POSITION, item);
}

static void
measure_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_task_return_pointer (task, g_format_size (cusp_cache_get_size (cusp_cache_get_default ())), g_free);
}

static void
on_measured (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Remote) remote = user_data;
  g_autofree char *size = g_task_propagate_pointer (G_TASK (result), NULL);

  if (remote->window != NULL && size != NULL)
    set_clear_label (remote, size);
}

/* The size is counted by scanning the cache folder: in a worker. */
static void
measure_cache (Remote *remote)
{
  g_autoptr(GTask) task = g_task_new (NULL, remote->cancellable, on_measured, remote_ref (remote));

  g_task_run_in_thread (task, measure_thread);
}

static void
clear_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (cusp_cache_clear (cusp_cache_get_default (), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Remote) remote = user_data;
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (remote->window == NULL)
    return;
  if (error != NULL)
    show_error (remote->window, _("The cache could not be cleared"), error);
  measure_cache (remote);
}

static void
clear_cache_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  Remote *remote = get_remote (CUSP_WINDOW (user_data));
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_cleared, remote_ref (remote));

  g_task_run_in_thread (task, clear_thread);
}

static const GActionEntry remote_actions[] = {
  { .name = "add-server", .activate = add_server_action },
  { .name = "remove-server", .activate = remove_server_action, .parameter_type = "s" },
  { .name = "clear-cache", .activate = clear_cache_action },
};

/* ---- Setup ---------------------------------------------------------------------- */

static void
on_menu_shown (Remote *remote)
{
  if (remote->window != NULL)
    measure_cache (remote);
}

static void
add_menu_items (CuspWindow *self,
                Remote     *remote)
{
  GMenu *primary = _cusp_window_get_primary_menu (self);
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                          CUSP_TYPE_WINDOW,
                                                                          "primary_menu_button"));
  GtkPopover *popover;

  remote->section = g_menu_new ();
  g_menu_append (remote->section, _("Add _HAPI Server…"), "win.add-server");
  g_menu_append (remote->section, _("Work _Offline"), "app.offline");
  g_menu_append (remote->section, _("_Clear Cache"), "win.clear-cache");
  if (primary != NULL)
    g_menu_insert_section (primary, 1, NULL, G_MENU_MODEL (remote->section));

  /* The size shown is counted again each time the menu opens. */
  popover = button != NULL ? gtk_menu_button_get_popover (button) : NULL;
  if (popover != NULL)
    g_signal_connect_data (popover, "show", G_CALLBACK (on_menu_shown), remote_ref (remote),
                           (GClosureNotify) (void (*) (void)) remote_unref, G_CONNECT_SWAPPED);
}

GListModel *
_cusp_window_setup_remote (CuspWindow      *self,
                           CuspApplication *application)
{
  Remote *remote = g_rc_box_new0 (Remote);

  remote->window = self;
  remote->application = application;
  remote->view = CUSP_INVENTORY_VIEW (cusp_window_get_inventory_view (self));
  remote->roots = g_list_store_new (CUSP_TYPE_INVENTORY_NODE);
  remote->loading = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  remote->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self), "cusp-window-remote", remote, remote_detach);

  sync_roots (remote);
  g_signal_connect (cusp_application_get_providers (application), "items-changed",
                    G_CALLBACK (on_providers_changed), remote);
  /* The view goes before the window's data: its handlers hold a reference. */
  g_signal_connect_data (remote->view, "node-expanded", G_CALLBACK (on_node_expanded),
                         remote_ref (remote), (GClosureNotify) (void (*) (void)) remote_unref, 0);
  g_signal_connect_data (remote->view, "node-menu", G_CALLBACK (on_node_menu),
                         remote_ref (remote), (GClosureNotify) (void (*) (void)) remote_unref, 0);

  g_action_map_add_action_entries (G_ACTION_MAP (self), remote_actions,
                                   G_N_ELEMENTS (remote_actions), self);
  add_menu_items (self, remote);
  measure_cache (remote);

  return G_LIST_MODEL (remote->roots);
}
