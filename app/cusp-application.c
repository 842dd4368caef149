#define G_LOG_DOMAIN "cusp-application"

#include "config.h"

#include "cusp-application.h"

#include <glib/gi18n-lib.h>

#include "cusp-sim-provider.h"
#include "cusp-window.h"

/* After the first frame, time for fonts, icons and the window manager to
 * settle before the screenshot is taken. */
#define SCREENSHOT_SETTLE_MS 500

struct _CuspApplication
{
  GtkApplication  parent_instance;

  GListStore     *providers;
  char           *screenshot_path;
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

static void
on_first_frame (GdkFrameClock   *clock,
                CuspApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  g_timeout_add_full (G_PRIORITY_DEFAULT, SCREENSHOT_SETTLE_MS, take_screenshot,
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
  const char *data_credits[] = {
    _("NASA Magnetospheric Multiscale (MMS) mission"),
    _("MMS Fast Plasma Investigation (FPI) team"),
    _("MMS FluxGate Magnetometer (FGM) team"),
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

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

/* GApplication */

static void
cusp_application_startup (GApplication *application)
{
  GtkApplication *app = GTK_APPLICATION (application);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *search_accels[] = { "<Control>f", NULL };

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
}

static void
cusp_application_activate (GApplication *application)
{
  CuspApplication *self = CUSP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (cusp_window_new (self));
      if (self->screenshot_path != NULL)
        g_signal_connect_object (window, "map", G_CALLBACK (on_window_mapped),
                                 self, G_CONNECT_SWAPPED);
    }

  gtk_window_present (window);
}

static void
cusp_application_dispose (GObject *object)
{
  CuspApplication *self = CUSP_APPLICATION (object);

  g_clear_object (&self->providers);

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
}

static void
cusp_application_init (CuspApplication *self)
{
  g_autoptr(CuspProvider) sim = cusp_sim_provider_new (CUSP_DEFAULT_SIM_SEED,
                                                       CUSP_SIM_ORBIT_DAYSIDE_12RE);

  self->providers = g_list_store_new (CUSP_TYPE_PROVIDER);
  g_list_store_append (self->providers, sim);
}

CuspApplication *
cusp_application_new (void)
{
  return g_object_new (CUSP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
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

int
cusp_application_get_exit_status (CuspApplication *self)
{
  g_return_val_if_fail (CUSP_IS_APPLICATION (self), 1);

  return self->exit_status;
}
