#define G_LOG_DOMAIN "cusp-window"

#include "config.h"

#include "cusp-window-private.h"

#include "cusp-plot-area.h"

#define FPI_DATASET "local/mms1_fpi_fast_l2_dis-moms"

/* The real passage of the bundled FPI files (docs/data.md), beside the
 * simulated day: ion energies, bulk velocity, density. */
static const struct
{
  const char *id;
  gboolean    y_log;
} fpi_layout[] = {
  { FPI_DATASET "/mms1_dis_energyspectr_omni_fast", TRUE },
  { FPI_DATASET "/mms1_dis_bulkv_gse_fast", FALSE },
  { FPI_DATASET "/mms1_dis_numberdensity_fast", TRUE },
};

/* Share of the plots' width for the simulated orbit and its lanes, on
 * the left; the FPI day gets the rest.  Side by side, each keeps the
 * window's full height: the orbit's six panels, their time labels, the
 * lanes and the dashboard all fit at 1600×1000 without scrolling. */
#define SIM_SHARE 0.58

static CuspPlotArea *
samples_area (CuspWindow *self)
{
  return CUSP_PLOT_AREA (cusp_window_get_samples_area (self));
}

static CuspInventoryNode *
local_node (CuspWindow *self,
            const char *id)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  CuspProvider *local = cusp_application_get_local_provider (CUSP_APPLICATION (app));

  return cusp_inventory_node_find (cusp_provider_get_inventory (local), id);
}

/* Keeps the split at SIM_SHARE of the paned's width as the window takes
 * its size: the first widths are passing ones, and a ratio set on them
 * ends wherever the sides' minimum widths pushed it.  (max-position is
 * the width less the FPI side's minimum, and changes with the width.) */
static void
place_split (GtkPaned   *paned,
             GParamSpec *pspec,
             gpointer    user_data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (paned));

  if (width >= 200)
    gtk_paned_set_position (paned, (int) (SIM_SHARE * width + 0.5));
}

static gboolean
is_within (GtkWidget *widget,
           GtkWidget *ancestor)
{
  return ancestor != NULL && (widget == ancestor || gtk_widget_is_ancestor (widget, ancestor));
}

/* From the first press on the handle on, the split is the user's (the
 * paned then keeps its ratio on resizes by itself). */
static void
on_paned_pressed (GtkGestureClick *click,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkPaned        *paned)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (paned), x, y, GTK_PICK_DEFAULT);

  if (picked == NULL || is_within (picked, gtk_paned_get_start_child (paned))
      || is_within (picked, gtk_paned_get_end_child (paned)))
    return;
  g_signal_handlers_disconnect_by_func (paned, place_split, NULL);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_NONE);
}

static void
follow_split (GtkPaned *paned)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (paned, "notify::max-position", G_CALLBACK (place_split), NULL);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_paned_pressed), paned);
  gtk_widget_add_controller (GTK_WIDGET (paned), GTK_EVENT_CONTROLLER (click));
}

/* "both", "orbit" or "samples": which side of the split is shown.  The
 * samples' own visibility says whether they are loaded, so hiding them
 * here goes through their parent's other child and a flag. */
static void
apply_view (CuspWindow *self,
            const char *view)
{
  GtkWidget *area = GTK_WIDGET (samples_area (self));
  GtkWidget *paned = gtk_widget_get_parent (area);

  if (!GTK_IS_PANED (paned) || gtk_paned_get_start_child (GTK_PANED (paned)) == NULL)
    return;
  gtk_widget_set_visible (gtk_paned_get_start_child (GTK_PANED (paned)), g_strcmp0 (view, "samples") != 0);
  gtk_widget_set_visible (area, g_strcmp0 (view, "orbit") != 0);
}

static void
change_view (GSimpleAction *action,
             GVariant      *state,
             gpointer       user_data)
{
  const char *view = g_variant_get_string (state, NULL);

  if (g_strcmp0 (view, "both") != 0 && g_strcmp0 (view, "orbit") != 0 && g_strcmp0 (view, "samples") != 0)
    return;
  g_simple_action_set_state (action, state);
  apply_view (CUSP_WINDOW (user_data), view);
}

static void
set_view (CuspWindow *self,
          const char *view)
{
  g_action_group_change_action_state (G_ACTION_GROUP (self), "plots-view", g_variant_new_string (view));
}

static gboolean
samples_loaded (CuspWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "cusp-samples-loaded") != NULL;
}

static gboolean
view_from_environment (gpointer user_data)
{
  set_view (CUSP_WINDOW (user_data), g_getenv ("CUSP_PLOTS_VIEW"));
  return G_SOURCE_REMOVE;
}

void
_cusp_window_setup_samples (CuspWindow      *self,
                            CuspApplication *application)
{
  CuspPlotArea *area = samples_area (self);
  CuspInventoryNode *dataset = local_node (self, FPI_DATASET);
  CuspTime start, stop;
  const GActionEntry view_action = { .name = "plots-view", .parameter_type = "s", .state = "'both'",
                                     .change_state = change_view };

  g_action_map_add_action_entries (G_ACTION_MAP (self), &view_action, 1, self);
  /* Only the split has views to choose from. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "plots-view")),
                               FALSE);
  cusp_plot_area_set_providers (area, cusp_application_get_providers (application));
  if (dataset == NULL || g_strcmp0 (g_getenv ("CUSP_NO_DEFAULT_LAYOUT"), "1") == 0)
    return;

  cusp_inventory_node_get_coverage (dataset, &start, &stop);
  if (start == CUSP_TIME_INVALID || stop <= start)
    return;
  cusp_plot_stack_set_range (cusp_plot_area_get_stack (area), start, stop);
  for (guint i = 0; i < G_N_ELEMENTS (fpi_layout); i++)
    {
      CuspPlotPanel *panel = cusp_plot_area_plot_product (area, fpi_layout[i].id);

      if (panel != NULL && fpi_layout[i].y_log)
        cusp_plot_panel_set_y_log (panel, TRUE);
    }
  gtk_widget_set_visible (GTK_WIDGET (area), TRUE);
  g_object_set_data (G_OBJECT (self), "cusp-samples-loaded", GINT_TO_POINTER (TRUE));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "plots-view")),
                               TRUE);
  if (GTK_IS_PANED (gtk_widget_get_parent (GTK_WIDGET (area))))
    follow_split (GTK_PANED (gtk_widget_get_parent (GTK_WIDGET (area))));
  /* For screenshots of one side (docs/images): "orbit" or "samples",
   * once the SITL lanes have joined the orbit's side. */
  if (g_getenv ("CUSP_PLOTS_VIEW") != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, view_from_environment, g_object_ref (self), g_object_unref);
}

gboolean
_cusp_window_plot_local (CuspWindow *self,
                         const char *id)
{
  CuspPlotArea *area = samples_area (self);
  CuspInventoryNode *node = local_node (self, id);
  CuspPlotStack *stack = cusp_plot_area_get_stack (area);
  CuspTime start, stop, first, last;

  if (!samples_loaded (self))
    return FALSE;
  if (!gtk_widget_get_visible (GTK_WIDGET (area)))
    set_view (self, "both");

  /* A file of another day: show its times rather than an empty panel. */
  cusp_plot_stack_get_range (stack, &start, &stop);
  if (node != NULL)
    {
      cusp_inventory_node_get_coverage (node, &first, &last);
      if (first != CUSP_TIME_INVALID && last != CUSP_TIME_INVALID && (last < start || first >= stop))
        cusp_plot_stack_set_range (stack, first, last > first ? last : first + G_TIME_SPAN_MINUTE * 1000);
    }
  cusp_plot_area_plot_product (area, id);
  return TRUE;
}
