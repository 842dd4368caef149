#define G_LOG_DOMAIN "cusp-application"

#include "config.h"

#include "cusp-application.h"

#include <glib/gi18n-lib.h>

#include "cusp-cache.h"
#include "cusp-hapi-provider.h"
#include "cusp-local-provider.h"
#include "cusp-server-list.h"
#include "cusp-sim-provider.h"
#include "cusp-window.h"

/* After the first frame, time for fonts, icons and the window manager to
 * settle before the screenshot is taken. */
#define SCREENSHOT_SETTLE_MS 500

struct _CuspApplication
{
  GtkApplication  parent_instance;

  GListStore     *providers;
  CuspProvider   *local;
  CuspServerList *servers;
  char           *screenshot_path;
  guint           screenshot_polls;
  int             exit_status;
};

G_DEFINE_FINAL_TYPE (CuspApplication, cusp_application, GTK_TYPE_APPLICATION)

/* Screenshot (developer option, for the documentation) */

static GdkTexture *
render_widget (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL || renderer == NULL)
    return NULL;

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static gboolean
take_screenshot (gpointer user_data)
{
  CuspApplication *self = CUSP_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GdkTexture) texture = NULL;

  if (window != NULL)
    texture = render_widget (GTK_WIDGET (window));

  if (texture == NULL || !gdk_texture_save_to_png (texture, self->screenshot_path))
    {
      g_printerr (_("cusp: could not write the screenshot “%s”; check that its folder exists and is writable\n"),
                  self->screenshot_path);
      self->exit_status = 1;
    }

  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

/* Plots load and render in threads: the screenshot waits until every
 * panel shows its picture (at most SCREENSHOT_MAX_WAIT_MS), then settles. */
#define SCREENSHOT_POLL_MS     100
#define SCREENSHOT_MAX_WAIT_MS 30000

static gboolean
wait_for_plots (gpointer user_data)
{
  CuspApplication *self = CUSP_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  self->screenshot_polls++;
  if (CUSP_IS_WINDOW (window) && !cusp_window_plots_settled (CUSP_WINDOW (window))
      && self->screenshot_polls * SCREENSHOT_POLL_MS < SCREENSHOT_MAX_WAIT_MS)
    return G_SOURCE_CONTINUE;
  g_timeout_add_full (G_PRIORITY_DEFAULT, SCREENSHOT_SETTLE_MS, take_screenshot,
                      g_object_ref (self), g_object_unref);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame (GdkFrameClock   *clock,
                CuspApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  g_timeout_add_full (G_PRIORITY_DEFAULT, SCREENSHOT_POLL_MS, wait_for_plots,
                      g_object_ref (self), g_object_unref);
}

static void
on_window_mapped (CuspApplication *self,
                  GtkWidget       *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_frame), self, 0);
  gtk_widget_queue_draw (window);
}

/* Bundled samples (docs/data.md) */

/* The build tree is the parent of CUSP_BUILD_LOCALEDIR (<build>/po). */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *build_root = g_path_get_dirname (CUSP_BUILD_LOCALEDIR);
  g_autofree char *prefix = g_strconcat (build_root, G_DIR_SEPARATOR_S, NULL);

  return exe != NULL && g_str_has_prefix (exe, prefix);
}

/* Run from the build tree the samples are read in place, so a stale
 * installed copy never hides the ones being worked on. */
static char *
samples_dir (void)
{
  g_autofree char *source = g_build_filename (CUSP_SOURCE_DATADIR, "samples", NULL);
  g_autofree char *installed = g_build_filename (CUSP_DATADIR, "samples", NULL);

  if (running_from_build_tree () && g_file_test (source, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&source);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  return NULL;
}

/* A failure only costs the samples, so it is logged, not shown: the
 * window must start clean whatever happened to the data folder. */
static void
load_samples (CuspApplication *self)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (g_getenv ("CUSP_NO_SAMPLES"), "1") == 0)
    return;
  dir = samples_dir ();
  if (dir == NULL)
    return;
  if (!cusp_local_provider_add_path (CUSP_LOCAL_PROVIDER (self->local), dir, &error))
    g_warning ("Some sample files in %s could not be read: %s", dir, error->message);
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *authors[] = { _("The Cusp developers"), NULL };
  /* The bundled samples' PI_name and PI_affiliation global attributes
   * (their Acknowledgement is empty); see docs/data.md. */
  const char *data_credits[] = {
    _("MMS data: NASA Magnetospheric Multiscale mission (PI J. Burch, SwRI)"),
    _("FPI (Fast Plasma Investigation) team: B. Giles (GSFC)"),
    _("FIELDS/FGM instrument team: C. Russell (UCLA), W. Magnus (IWF)"),
    _("Sample files from the MMS Science Data Center at LASP, under the MMS data rules of use"),
    NULL
  };
  GtkWidget *about;

  about = g_object_new (GTK_TYPE_ABOUT_DIALOG,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "program-name", "Cusp",
                        "logo-icon-name", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Browse, plot and label space-plasma data"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "authors", authors,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_about_dialog_add_credit_section (GTK_ABOUT_DIALOG (about), _("Mission data"), data_credits);
  gtk_window_present (GTK_WINDOW (about));
}

/* Remote data: the default cache is the one every HAPI provider uses. */
static void
offline_action (GSimpleAction *action,
                GVariant      *state,
                gpointer       user_data)
{
  cusp_cache_set_offline (cusp_cache_get_default (), g_variant_get_boolean (state));
  g_simple_action_set_state (action, state);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
  { .name = "offline", .state = "false", .change_state = offline_action },
};

/* HAPI servers */

static CuspHapiProvider *
find_hapi_provider (CuspApplication *self,
                    const char      *url)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->providers));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuspProvider) provider = g_list_model_get_item (G_LIST_MODEL (self->providers), i);

      if (CUSP_IS_HAPI_PROVIDER (provider) &&
          g_strcmp0 (cusp_hapi_provider_get_url (CUSP_HAPI_PROVIDER (provider)), url) == 0)
        return CUSP_HAPI_PROVIDER (provider);   /* the store keeps it */
    }
  return NULL;
}

/* One provider per server of the list, in its order after sim and local;
 * lazy, so that nothing on the main thread waits for a catalog. */
static void
sync_servers (CuspApplication *self)
{
  guint n_servers = cusp_server_list_get_n_servers (self->servers);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->providers)); i > 0; i--)
    {
      g_autoptr(CuspProvider) provider = g_list_model_get_item (G_LIST_MODEL (self->providers), i - 1);

      if (CUSP_IS_HAPI_PROVIDER (provider) &&
          cusp_server_list_find (self->servers, cusp_hapi_provider_get_url (CUSP_HAPI_PROVIDER (provider))) == NULL)
        g_list_store_remove (self->providers, i - 1);
    }
  for (guint i = 0; i < n_servers; i++)
    {
      const CuspServer *server = cusp_server_list_get_server (self->servers, i);
      g_autoptr(CuspProvider) provider = NULL;

      if (find_hapi_provider (self, server->url) != NULL)
        continue;
      provider = cusp_hapi_provider_new (server->name, server->url);
      cusp_hapi_provider_set_lazy (CUSP_HAPI_PROVIDER (provider), TRUE);
      if (server->description != NULL)
        {
          /* The tooltip: what the server is, then where. */
          g_autofree char *text = g_strdup_printf ("%s\n%s", server->description, server->url);

          cusp_inventory_node_set_description (cusp_provider_get_inventory (provider), text);
        }
      g_list_store_append (self->providers, provider);
    }
}

/* GApplication */

static void
cusp_application_startup (GApplication *application)
{
  GtkApplication *app = GTK_APPLICATION (application);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *search_accels[] = { "<Control>f", NULL };
  const char *open_accels[] = { "<Control>o", NULL };

  G_APPLICATION_CLASS (cusp_application_parent_class)->startup (application);

  gtk_css_provider_load_from_resource (css, "/org/cusp/Cusp/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (app, "app.quit", quit_accels);
  gtk_application_set_accels_for_action (app, "win.search", search_accels);
  gtk_application_set_accels_for_action (app, "win.open", open_accels);

  load_samples (CUSP_APPLICATION (app));
}

static GtkWindow *
ensure_window (CuspApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (cusp_window_new (self));
      if (self->screenshot_path != NULL)
        g_signal_connect_object (window, "map", G_CALLBACK (on_window_mapped),
                                 self, G_CONNECT_SWAPPED);
    }
  return window;
}

static void
cusp_application_activate (GApplication *application)
{
  gtk_window_present (ensure_window (CUSP_APPLICATION (application)));
}

/* `cusp FILE…`, also when forwarded to an instance already running. */
static void
cusp_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  GtkWindow *window = ensure_window (CUSP_APPLICATION (application));

  cusp_window_open_files (CUSP_WINDOW (window), files, (guint) n_files);
  gtk_window_present (window);
}

static void
cusp_application_dispose (GObject *object)
{
  CuspApplication *self = CUSP_APPLICATION (object);

  g_clear_object (&self->providers);
  g_clear_object (&self->local);
  if (self->servers != NULL)
    g_signal_handlers_disconnect_by_func (self->servers, sync_servers, self);
  g_clear_object (&self->servers);

  G_OBJECT_CLASS (cusp_application_parent_class)->dispose (object);
}

static void
cusp_application_finalize (GObject *object)
{
  CuspApplication *self = CUSP_APPLICATION (object);

  g_free (self->screenshot_path);

  G_OBJECT_CLASS (cusp_application_parent_class)->finalize (object);
}

static void
cusp_application_class_init (CuspApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cusp_application_dispose;
  object_class->finalize = cusp_application_finalize;
  app_class->startup = cusp_application_startup;
  app_class->activate = cusp_application_activate;
  app_class->open = cusp_application_open;
}

static void
cusp_application_init (CuspApplication *self)
{
  g_autoptr(CuspProvider) sim = cusp_sim_provider_new (CUSP_DEFAULT_SIM_SEED,
                                                       CUSP_SIM_ORBIT_DAYSIDE_12RE);

  self->providers = g_list_store_new (CUSP_TYPE_PROVIDER);
  g_list_store_append (self->providers, sim);
  self->local = cusp_local_provider_new ();
  g_list_store_append (self->providers, self->local);

  self->servers = cusp_server_list_new ();
  sync_servers (self);
  g_signal_connect_swapped (self->servers, "changed", G_CALLBACK (sync_servers), self);
}

CuspApplication *
cusp_application_new (void)
{
  return g_object_new (CUSP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

GListModel *
cusp_application_get_providers (CuspApplication *self)
{
  g_return_val_if_fail (CUSP_IS_APPLICATION (self), NULL);

  return G_LIST_MODEL (self->providers);
}

void
cusp_application_set_screenshot_path (CuspApplication *self,
                                      const char      *path)
{
  g_return_if_fail (CUSP_IS_APPLICATION (self));

  g_free (self->screenshot_path);
  self->screenshot_path = g_strdup (path);
}

CuspProvider *
cusp_application_get_local_provider (CuspApplication *self)
{
  g_return_val_if_fail (CUSP_IS_APPLICATION (self), NULL);

  return self->local;
}

CuspServerList *
cusp_application_get_server_list (CuspApplication *self)
{
  g_return_val_if_fail (CUSP_IS_APPLICATION (self), NULL);

  return self->servers;
}

int
cusp_application_get_exit_status (CuspApplication *self)
{
  g_return_val_if_fail (CUSP_IS_APPLICATION (self), 1);

  return self->exit_status;
}
