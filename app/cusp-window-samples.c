#define G_LOG_DOMAIN "cusp-window"

#include "config.h"

#include "cusp-window-private.h"

#include "cusp-plot-area.h"

#define FPI_DATASET "local/mms1_fpi_fast_l2_dis-moms"

/* The real passage of the bundled FPI files (docs/data.md), under the
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

void
_cusp_window_setup_samples (CuspWindow      *self,
                            CuspApplication *application)
{
  CuspPlotArea *area = samples_area (self);
  CuspInventoryNode *dataset = local_node (self, FPI_DATASET);
  CuspTime start, stop;

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
}

gboolean
_cusp_window_plot_local (CuspWindow *self,
                         const char *id)
{
  CuspPlotArea *area = samples_area (self);
  CuspInventoryNode *node = local_node (self, id);
  CuspPlotStack *stack = cusp_plot_area_get_stack (area);
  CuspTime start, stop, first, last;

  if (!gtk_widget_get_visible (GTK_WIDGET (area)))
    return FALSE;

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
