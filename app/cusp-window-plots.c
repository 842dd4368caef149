#define G_LOG_DOMAIN "cusp-window"

#include "config.h"

#include "cusp-window-private.h"

#include <glib/gi18n-lib.h>

#include "cusp-plot-area.h"
#include "cusp-sim-provider.h"

/* What `tools/cusp-dev run` opens on: the survey view a SITL starts from. */
static const struct
{
  const char *id;
  gboolean    y_log;
} default_layout[] = {
  { "sim/mms1/fgm/srvy/b_gse", FALSE },
  { "sim/mms1/fpi/dis_moms/numberdensity", TRUE },
  { "sim/mms1/fpi/dis_moms/bulkv_gse", FALSE },
  { "sim/mms1/fpi/dis_moms/temp", FALSE },
  { "sim/mms1/fpi/dis_moms/energyspectr_omni", TRUE },
  { "sim/mms1/fpi/des_moms/energyspectr_omni", TRUE },
};

static CuspPlotArea *
plot_area (CuspWindow *self)
{
  return CUSP_PLOT_AREA (cusp_window_get_plot_area (self));
}

static CuspSimProvider *
find_sim (CuspApplication *application)
{
  GListModel *providers = cusp_application_get_providers (application);

  for (guint i = 0; i < g_list_model_get_n_items (providers); i++)
    {
      g_autoptr (CuspProvider) provider = g_list_model_get_item (providers, i);

      if (CUSP_IS_SIM_PROVIDER (provider))
        return CUSP_SIM_PROVIDER (provider);   /* the application keeps it */
    }
  return NULL;
}

/* CUSP_RANGE=START/STOP (developer option, docs/building.md): the
 * orbit's first range, for screenshots of other days. */
static gboolean
range_from_environment (CuspTime *start,
                        CuspTime *stop)
{
  const char *text = g_getenv ("CUSP_RANGE");
  g_auto (GStrv) parts = NULL;
  g_autoptr (GError) error = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "/", 2);
  if (g_strv_length (parts) != 2 || !cusp_time_parse (parts[0], start, &error)
      || !cusp_time_parse (parts[1], stop, &error) || *stop <= *start)
    {
      g_warning ("CUSP_RANGE=%s is not START/STOP with STOP after START%s%s; ignored", text,
                 error != NULL ? ": " : "", error != NULL ? error->message : "");
      return FALSE;
    }
  return TRUE;
}

/* The simulated SITL window of the default day: the whole day would
 * include perigee, where |B| of ~18000 nT flattens every other value. */
static void
set_first_range (CuspWindow      *self,
                 CuspApplication *application)
{
  CuspSimProvider *sim = find_sim (application);
  CuspTime start, stop;

  if (range_from_environment (&start, &stop))
    {
      cusp_plot_stack_set_range (cusp_plot_area_get_stack (plot_area (self)), start, stop);
      return;
    }
  if (sim == NULL)
    return;
  if (!cusp_sim_provider_get_sitl_window (sim, &start, &stop))
    cusp_sim_provider_get_default_range (sim, &start, &stop);
  cusp_plot_stack_set_range (cusp_plot_area_get_stack (plot_area (self)), start, stop);
}

static void
add_default_layout (CuspWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_layout); i++)
    {
      CuspPlotPanel *panel = cusp_plot_area_plot_product (plot_area (self), default_layout[i].id);

      if (default_layout[i].y_log)
        cusp_plot_panel_set_y_log (panel, TRUE);
    }
}

static void
back_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  cusp_plot_stack_go_back (cusp_plot_area_get_stack (plot_area (CUSP_WINDOW (user_data))));
}

static void
forward_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  cusp_plot_stack_go_forward (cusp_plot_area_get_stack (plot_area (CUSP_WINDOW (user_data))));
}

static void
show_export_error (CuspWindow *self,
                   GError     *error)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                              "%s", _("The figure could not be exported"));

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    CuspWindow      *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("The chosen place is not a local file. Choose a folder on this computer."));
  else
    cusp_plot_area_export (plot_area (self), path, &error);
  if (error != NULL)
    show_export_error (self, error);
}

static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  CuspWindow *self = CUSP_WINDOW (user_data);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export Figure"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PNG, SVG or PDF"));
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("figure.png"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry plot_actions[] = {
  { .name = "back", .activate = back_action },
  { .name = "forward", .activate = forward_action },
  { .name = "export-figure", .activate = export_action },
};

void
_cusp_window_setup_plots (CuspWindow      *self,
                          CuspApplication *application)
{
  const char *back_accels[] = { "<Alt>Left", NULL };
  const char *forward_accels[] = { "<Alt>Right", NULL };
  const char *export_accels[] = { "<Control><Shift>e", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), plot_actions,
                                   G_N_ELEMENTS (plot_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.back", back_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.forward", forward_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.export-figure",
                                         export_accels);

  cusp_plot_area_set_providers (plot_area (self), cusp_application_get_providers (application));
  set_first_range (self, application);
  if (g_strcmp0 (g_getenv ("CUSP_NO_DEFAULT_LAYOUT"), "1") != 0)
    add_default_layout (self);
}

gboolean
cusp_window_plots_settled (CuspWindow *self)
{
  CuspPlotStack *stack;
  CuspTime start, stop;

  g_return_val_if_fail (CUSP_IS_WINDOW (self), FALSE);

  stack = cusp_plot_area_get_stack (plot_area (self));
  cusp_plot_stack_get_range (stack, &start, &stop);
  for (guint i = 0; i < cusp_plot_stack_get_n_panels (stack); i++)
    {
      CuspPlotPanel *panel = cusp_plot_stack_get_panel (stack, i);
      CuspTime a, b;

      switch (cusp_plot_panel_get_state (panel))
        {
        case CUSP_PLOT_PANEL_LOADING:
          return FALSE;
        case CUSP_PLOT_PANEL_FAILED:
          continue;
        case CUSP_PLOT_PANEL_READY:
        default:
          if (!cusp_plot_panel_get_picture_range (panel, &a, &b) || a != start || b != stop)
            return FALSE;
        }
    }
  return TRUE;
}

CuspPlotPanel *
cusp_window_plot_product (CuspWindow *self,
                          const char *id)
{
  g_return_val_if_fail (CUSP_IS_WINDOW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return cusp_plot_area_plot_product (plot_area (self), id);
}
