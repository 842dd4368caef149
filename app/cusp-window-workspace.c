/* cusp-window-workspace.c: saving and opening workspaces in the window
 *
 * A workspace (core/cusp-workspace.h) holds the panels of the window's two
 * plot areas, "plots" (the simulated orbit, on the workspace's range) and,
 * when it is shown, "samples" (the lower area, on its own range), and the
 * SITL lanes when the window has them.  Opening one empties the areas it
 * names and plots its panels again; areas it does not name stay as they
 * are.
 */
#define G_LOG_DOMAIN "cusp-window"

#include "config.h"

#include "cusp-window-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cusp-plot-area.h"
#include "cusp-selection-lane.h"

#define AREA_PLOTS   "plots"
#define AREA_SAMPLES "samples"
/* The selection file a lane was loaded from by a workspace. */
#define LANE_FILE_KEY "cusp-workspace-lane-file"

static CuspPlotArea *
area_widget (CuspWindow *self,
             const char *name)
{
  if (name == NULL || g_strcmp0 (name, AREA_PLOTS) == 0)
    return CUSP_PLOT_AREA (cusp_window_get_plot_area (self));
  if (g_strcmp0 (name, AREA_SAMPLES) == 0)
    return CUSP_PLOT_AREA (cusp_window_get_samples_area (self));
  return NULL;
}

/* ---- Capture ----------------------------------------------------------------- */

static void
capture_panel (CuspWorkspaceArea *area,
               CuspPlotStack     *stack,
               CuspPlotPanel     *panel)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  CuspWorkspacePanel *saved;
  CuspDataKind kind = cusp_plot_panel_get_kind (panel);

  for (guint k = 0; k < cusp_plot_panel_get_n_products (panel); k++)
    g_ptr_array_add (ids, (gpointer) cusp_plot_panel_get_product (panel, k));
  g_ptr_array_add (ids, NULL);
  if (ids->len < 2)
    return;   /* a panel of data, not products: nothing to load again */

  saved = cusp_workspace_area_add_panel (area, (const char * const *) ids->pdata, kind);
  saved->y_log = cusp_plot_panel_get_y_log (panel);
  cusp_plot_panel_get_y_range (panel, &saved->y_min, &saved->y_max);
  if (kind == CUSP_DATA_KIND_SPECTROGRAM)
    {
      saved->colormap = g_strdup (cusp_plot_panel_get_colormap (panel));
      saved->z_log = cusp_plot_panel_get_z_log (panel);
    }
  saved->weight = cusp_plot_stack_get_panel_weight (stack, panel);
}

static void
capture_area (CuspWorkspace *workspace,
              CuspPlotArea  *widget,
              const char    *name,
              gboolean       own_range)
{
  CuspPlotStack *stack = cusp_plot_area_get_stack (widget);
  CuspWorkspaceArea *area = cusp_workspace_add_area (workspace, name);

  if (own_range)
    {
      area->has_range = TRUE;
      cusp_plot_stack_get_range (stack, &area->start, &area->stop);
    }
  for (guint i = 0; i < cusp_plot_stack_get_n_panels (stack); i++)
    capture_panel (area, stack, cusp_plot_stack_get_panel (stack, i));
}

static void
capture_lanes (CuspWindow    *self,
               CuspWorkspace *workspace)
{
  for (int i = 0; i < CUSP_SITL_N_LANES; i++)
    {
      GtkWidget *lane = _cusp_window_get_lane (self, i);

      if (lane != NULL)
        cusp_workspace_add_lane (workspace, cusp_selection_lane_get_name (CUSP_SELECTION_LANE (lane)),
                                 gtk_widget_get_visible (lane), g_object_get_data (G_OBJECT (lane), LANE_FILE_KEY));
    }
}

CuspWorkspace *
_cusp_window_capture_workspace (CuspWindow *self)
{
  CuspPlotArea *plots = area_widget (self, AREA_PLOTS);
  CuspPlotArea *samples = area_widget (self, AREA_SAMPLES);
  CuspWorkspace *workspace;
  CuspTime start, stop;

  g_return_val_if_fail (CUSP_IS_WINDOW (self), NULL);

  cusp_plot_stack_get_range (cusp_plot_area_get_stack (plots), &start, &stop);
  workspace = cusp_workspace_new (start, stop);
  capture_area (workspace, plots, AREA_PLOTS, FALSE);
  if (gtk_widget_get_visible (GTK_WIDGET (samples)))
    capture_area (workspace, samples, AREA_SAMPLES, TRUE);
  capture_lanes (self, workspace);
  return workspace;
}

/* ---- Restore ----------------------------------------------------------------- */

static void
clear_stack (CuspPlotStack *stack)
{
  while (cusp_plot_stack_get_n_panels (stack) > 0)
    cusp_plot_stack_remove_panel (stack, cusp_plot_stack_get_panel (stack, 0));
}

static void
restore_panel (CuspPlotArea             *widget,
               const CuspWorkspacePanel *saved)
{
  CuspPlotPanel *panel = cusp_plot_area_plot_product (widget, saved->products[0]);

  if (panel == NULL)
    return;
  for (guint k = 1; saved->products[k] != NULL; k++)
    cusp_plot_area_overlay_product (widget, panel, saved->products[k]);
  /* y log first: changing it drops a manual range. */
  cusp_plot_panel_set_y_log (panel, saved->y_log);
  cusp_plot_panel_set_y_range (panel, saved->y_min, saved->y_max);
  if (saved->kind == CUSP_DATA_KIND_SPECTROGRAM || cusp_plot_panel_get_kind (panel) == CUSP_DATA_KIND_SPECTROGRAM)
    {
      cusp_plot_panel_set_z_log (panel, saved->z_log);
      if (saved->colormap != NULL)
        cusp_plot_panel_set_colormap (panel, saved->colormap);
    }
  cusp_plot_stack_set_panel_weight (cusp_plot_area_get_stack (widget), panel, saved->weight);
}

static void
restore_area (CuspPlotArea            *widget,
              const CuspWorkspace     *workspace,
              const CuspWorkspaceArea *area)
{
  CuspPlotStack *stack = cusp_plot_area_get_stack (widget);

  clear_stack (stack);
  /* The range first, so panels load it at once. */
  if (area->has_range)
    cusp_plot_stack_set_range (stack, area->start, area->stop);
  else
    cusp_plot_stack_set_range (stack, workspace->start, workspace->stop);
  for (guint i = 0; i < area->panels->len; i++)
    restore_panel (widget, g_ptr_array_index (area->panels, i));
  if (area->panels->len > 0)
    gtk_widget_set_visible (GTK_WIDGET (widget), TRUE);
}

static GtkWidget *
find_lane (CuspWindow *self,
           const char *name)
{
  for (int i = 0; i < CUSP_SITL_N_LANES; i++)
    {
      GtkWidget *lane = _cusp_window_get_lane (self, i);

      if (lane != NULL && g_ascii_strcasecmp (cusp_selection_lane_get_name (CUSP_SELECTION_LANE (lane)), name) == 0)
        return lane;
    }
  return NULL;
}

/* Lanes the window does not have (CUSP_NO_DEFAULT_LAYOUT) are skipped;
 * a selection file that fails leaves its lane as it was, and says so. */
static void
restore_lanes (CuspWindow          *self,
               const CuspWorkspace *workspace,
               GString             *problems)
{
  for (guint i = 0; i < workspace->lanes->len; i++)
    {
      const CuspWorkspaceLane *saved = g_ptr_array_index (workspace->lanes, i);
      GtkWidget *lane = find_lane (self, saved->name);
      g_autoptr (GFile) file = NULL;
      g_autoptr (GError) error = NULL;

      if (lane == NULL)
        continue;
      gtk_widget_set_visible (lane, saved->visible);
      if (saved->file == NULL)
        continue;
      file = g_file_new_for_path (saved->file);
      if (cusp_selection_lane_load_file (CUSP_SELECTION_LANE (lane), file, &error))
        {
          g_object_set_data_full (G_OBJECT (lane), LANE_FILE_KEY, g_strdup (saved->file), g_free);
          continue;
        }
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append_printf (problems, _("The %s lane is unchanged: %s"), saved->name, error->message);
    }
}

void
_cusp_window_apply_workspace (CuspWindow          *self,
                              const CuspWorkspace *workspace)
{
  g_autoptr (GString) problems = g_string_new (NULL);

  g_return_if_fail (CUSP_IS_WINDOW (self));
  g_return_if_fail (workspace != NULL);

  for (guint i = 0; i < workspace->areas->len; i++)
    {
      const CuspWorkspaceArea *area = g_ptr_array_index (workspace->areas, i);
      CuspPlotArea *widget = area_widget (self, area->name);

      if (widget != NULL)
        restore_area (widget, workspace, area);
      else
        {
          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          g_string_append_printf (problems, _("This window has no plot area called “%s”; its panels were left out."),
                                  area->name);
        }
    }
  restore_lanes (self, workspace, problems);
  if (problems->len > 0)
    _cusp_window_show_message (self, problems->str);
}

/* ---- Files ------------------------------------------------------------------- */

gboolean
_cusp_window_save_workspace (CuspWindow  *self,
                             const char  *path,
                             GError     **error)
{
  g_autoptr (CuspWorkspace) workspace = NULL;

  g_return_val_if_fail (CUSP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  workspace = _cusp_window_capture_workspace (self);
  return cusp_workspace_write_file (workspace, path, error);
}

gboolean
_cusp_window_open_workspace (CuspWindow  *self,
                             const char  *path,
                             GError     **error)
{
  g_autoptr (CuspWorkspace) workspace = NULL;

  g_return_val_if_fail (CUSP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  workspace = cusp_workspace_read_file (path, error);
  if (workspace == NULL)
    return FALSE;
  _cusp_window_apply_workspace (self, workspace);
  return TRUE;
}

/* ---- Actions and menu -------------------------------------------------------- */

static void
show_error (CuspWindow *self,
            const char *title,
            GError     *error)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", title);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The chosen file's path, or NULL (with error) for a place that is not
 * local; NULL without error when the dialog was cancelled. */
static char *
chosen_path (GtkNativeDialog  *chooser,
             int               response,
             GError          **error)
{
  g_autoptr (GFile) file = NULL;
  char *path;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    return NULL;
  path = g_file_get_path (file);
  if (path == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("The chosen place is not a local file. Choose a folder on this computer."));
  return path;
}

static void
on_save_response (GtkNativeDialog *chooser,
                  int              response,
                  CuspWindow      *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = chosen_path (chooser, response, &error);

  if (path != NULL)
    _cusp_window_save_workspace (self, path, &error);
  if (error != NULL)
    show_error (self, _("The workspace could not be saved"), error);
}

static void
on_open_response (GtkNativeDialog *chooser,
                  int              response,
                  CuspWindow      *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = chosen_path (chooser, response, &error);

  if (path != NULL)
    _cusp_window_open_workspace (self, path, &error);
  if (error != NULL)
    show_error (self, _("The workspace could not be opened"), error);
}

static void
run_chooser (CuspWindow           *self,
             GtkFileChooserAction  action)
{
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (save ? _("Save Workspace") : _("Open Workspace"), GTK_WINDOW (self),
                                         action, save ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Cusp workspaces (JSON)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("workspace.json"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (save ? on_save_response : on_open_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_workspace_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  run_chooser (CUSP_WINDOW (user_data), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
open_workspace_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  run_chooser (CUSP_WINDOW (user_data), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static const GActionEntry workspace_actions[] = {
  { .name = "save-workspace", .activate = save_workspace_action },
  { .name = "open-workspace", .activate = open_workspace_action },
};

/* Index of the item of menu that activates action, or -1. */
static int
find_item (GMenuModel *menu,
           const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_strcmp0 (name, action) == 0)
        return i;
    }
  return -1;
}

/* After "Open Folder…" in the file section of the primary menu. */
static void
add_menu_items (CuspWindow *self)
{
  GMenuModel *primary = G_MENU_MODEL (_cusp_window_get_primary_menu (self));
  g_autoptr (GMenuModel) section = NULL;
  int position;

  if (primary == NULL || g_menu_model_get_n_items (primary) == 0)
    return;
  section = g_menu_model_get_item_link (primary, 0, G_MENU_LINK_SECTION);
  if (!G_IS_MENU (section))
    return;
  position = find_item (section, "win.open-folder") + 1;
  if (position <= 0)
    position = g_menu_model_get_n_items (section);
  g_menu_insert (G_MENU (section), position, _("Open _Workspace…"), "win.open-workspace");
  g_menu_insert (G_MENU (section), position + 1, _("Save Wor_kspace…"), "win.save-workspace");
}

void
_cusp_window_setup_workspace (CuspWindow      *self,
                              CuspApplication *application)
{
  const char *save_accels[] = { "<Control>s", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), workspace_actions,
                                   G_N_ELEMENTS (workspace_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.save-workspace", save_accels);
  add_menu_items (self);
}
