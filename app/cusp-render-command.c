#define G_LOG_DOMAIN "cusp-render-command"

#include "config.h"

#include "cusp-cli.h"
#include "cusp-cli-private.h"

#include <glib/gi18n-lib.h>

#include "cusp-application.h"
#include "cusp-plot-renderer.h"
#include "cusp-sim-provider.h"
#include "cusp-workspace.h"

static gboolean
parse_size (const char *text,
            guint      *width,
            guint      *height)
{
  guint64 w = 0, h = 0;
  g_auto (GStrv) parts = g_strsplit (text != NULL ? text : "1600x1000", "x", 3);

  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 1, 32767, &w, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 32767, &h, NULL))
    {
      _cusp_cli_print_error (_("--size “%s” is not WIDTHxHEIGHT: give pixels such as 1600x1000"),
                             text);
      return FALSE;
    }
  *width = w;
  *height = h;
  return TRUE;
}

/* The first area of a workspace that has panels: the figure draws one
 * stack.  NULL when no area has any. */
static CuspWorkspaceArea *
first_area (CuspWorkspace *workspace)
{
  for (guint i = 0; i < workspace->areas->len; i++)
    {
      CuspWorkspaceArea *area = g_ptr_array_index (workspace->areas, i);

      if (area->panels->len > 0)
        return area;
    }
  return NULL;
}

/* Positional products: one panel each, with the data's own scales. */
static CuspWorkspace *
workspace_of_products (char **products)
{
  CuspWorkspace *workspace = cusp_workspace_new (CUSP_TIME_INVALID, CUSP_TIME_INVALID);
  CuspWorkspaceArea *area = cusp_workspace_add_area (workspace, NULL);

  for (guint i = 0; products[i] != NULL; i++)
    {
      const char *one[] = { products[i], NULL };

      cusp_workspace_area_add_panel (area, one, CUSP_DATA_KIND_NONE);
    }
  return workspace;
}

static void
apply_panel_settings (CuspPlotRenderer         *renderer,
                      guint                     index,
                      const CuspWorkspacePanel *panel)
{
  cusp_plot_renderer_set_y_scale (renderer, index, panel->y_log ? CUSP_SCALE_LOG : CUSP_SCALE_LINEAR);
  cusp_plot_renderer_set_y_range (renderer, index, panel->y_min, panel->y_max);
  if (cusp_data_get_kind (cusp_plot_renderer_get_panel_data (renderer, index)) != CUSP_DATA_KIND_SPECTROGRAM)
    return;
  cusp_plot_renderer_set_z_scale (renderer, index, panel->z_log ? CUSP_SCALE_LOG : CUSP_SCALE_LINEAR);
  if (panel->colormap != NULL)
    cusp_plot_renderer_set_colormap (renderer, index, cusp_colormap_get_by_name (panel->colormap));
}

/* One renderer panel per workspace panel: the first product, then the
 * others as layers when both are series (as the window overlays them),
 * else as panels of their own. */
static gboolean
add_panel (CuspPlotRenderer         *renderer,
           CuspProvider             *provider,
           const CuspWorkspacePanel *panel,
           gboolean                  settings,
           GError                  **error)
{
  guint index = 0;

  for (guint k = 0; panel->products[k] != NULL; k++)
    {
      CuspTime start, stop;
      g_autoptr (CuspData) data = NULL;
      gboolean overlay;

      cusp_plot_renderer_get_range (renderer, &start, &stop);
      data = cusp_provider_get_data (provider, panel->products[k], start, stop, NULL, error);
      if (data == NULL)
        return FALSE;
      overlay = k > 0 && cusp_data_get_kind (data) == CUSP_DATA_KIND_SERIES
                && cusp_data_get_kind (cusp_plot_renderer_get_panel_data (renderer, index)) == CUSP_DATA_KIND_SERIES;
      if (overlay)
        {
          cusp_plot_renderer_add_layer (renderer, index, data);
          continue;
        }
      index = cusp_plot_renderer_add_panel (renderer, data);
      if (settings)
        apply_panel_settings (renderer, index, panel);
    }
  return TRUE;
}

static CuspWorkspace *
load_workspace (const char *path)
{
  g_autoptr (GError) error = NULL;
  CuspWorkspace *workspace = cusp_workspace_read_file (path, &error);

  if (workspace == NULL)
    _cusp_cli_print_error ("%s", error->message);
  return workspace;
}

/* `cusp render [--start T --stop T] --size WxH --out FILE PRODUCT…`, or
 * `--workspace FILE` instead of the products: the figure of simulated
 * products, one panel each (a workspace's panels keep their scales,
 * ranges, overlays and colour maps). */
int
_cusp_render_command_run (char **args)
{
  g_autofree char *start_text = NULL, *stop_text = NULL, *size_text = NULL, *out_path = NULL;
  g_autofree char *workspace_path = NULL;
  g_auto (GStrv) products = NULL;
  GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text,
      N_("Start of the range, UTC (default: the workspace's or the simulation's day)"), N_("TIME") },
    { "stop", 0, 0, G_OPTION_ARG_STRING, &stop_text,
      N_("End of the range, UTC; must be after --start"), N_("TIME") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_text,
      N_("Figure size in pixels (default 1600x1000)"), N_("WxH") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path,
      N_("File to write: .png, .svg or .pdf"), N_("FILE") },
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &workspace_path,
      N_("Draw the panels and range of a workspace saved by the window (JSON) instead of products"),
      N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &products, NULL, N_("PRODUCT…") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (CuspProvider) provider = NULL;
  g_autoptr (CuspPlotRenderer) renderer = NULL;
  g_autoptr (CuspWorkspace) workspace = NULL;
  g_autoptr (GError) error = NULL;
  CuspWorkspaceArea *area;
  CuspTime start, stop;
  guint width, height;

  if (!_cusp_cli_parse_options ("render",
                                _("Draw products of the embedded simulation, one panel each, to a PNG, SVG or PDF file."),
                                entries, args))
    return CUSP_EXIT_USAGE;

  if (workspace_path != NULL && products != NULL && products[0] != NULL)
    {
      _cusp_cli_print_error (_("give either --workspace or products, not both"));
      return CUSP_EXIT_USAGE;
    }
  if (workspace_path == NULL && (products == NULL || products[0] == NULL))
    {
      _cusp_cli_print_error (_("no product given: name one or more, e.g. sim/mms1/fgm/srvy/b_gse (see “cusp inventory”), or give --workspace"));
      return CUSP_EXIT_USAGE;
    }
  workspace = workspace_path != NULL ? load_workspace (workspace_path) : workspace_of_products (products);
  if (workspace == NULL)
    return CUSP_EXIT_FAILURE;
  area = first_area (workspace);
  if (area == NULL)
    {
      _cusp_cli_print_error (_("%s has no panel to draw: plot something in the window, then save the workspace again"),
                             workspace_path);
      return CUSP_EXIT_FAILURE;
    }

  provider = cusp_sim_provider_new (CUSP_DEFAULT_SIM_SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  cusp_sim_provider_get_default_range (CUSP_SIM_PROVIDER (provider), &start, &stop);
  if (area->has_range)
    {
      start = area->start;
      stop = area->stop;
    }
  else if (workspace_path != NULL)
    {
      start = workspace->start;
      stop = workspace->stop;
    }
  if ((start_text != NULL && !_cusp_cli_parse_time ("--start", start_text, &start))
      || (stop_text != NULL && !_cusp_cli_parse_time ("--stop", stop_text, &stop))
      || !parse_size (size_text, &width, &height))
    return CUSP_EXIT_USAGE;
  if (stop <= start)
    {
      _cusp_cli_print_error (_("--stop must be after --start"));
      return CUSP_EXIT_USAGE;
    }
  if (out_path == NULL)
    {
      _cusp_cli_print_error (_("--out is missing: give a file name ending in .png, .svg or .pdf"));
      return CUSP_EXIT_USAGE;
    }

  renderer = cusp_plot_renderer_new ();
  cusp_plot_renderer_set_range (renderer, start, stop);
  for (guint i = 0; i < area->panels->len; i++)
    if (!add_panel (renderer, provider, g_ptr_array_index (area->panels, i), workspace_path != NULL, &error))
      {
        _cusp_cli_print_error ("%s", error->message);
        return CUSP_EXIT_FAILURE;
      }
  if (!cusp_plot_renderer_export (renderer, out_path, width, height, &error))
    {
      _cusp_cli_print_error ("%s", error->message);
      return CUSP_EXIT_FAILURE;
    }
  return 0;
}
