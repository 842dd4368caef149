#define G_LOG_DOMAIN "cusp-render-command"

#include "config.h"

#include "cusp-cli.h"
#include "cusp-cli-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cusp-application.h"
#include "cusp-fetch-command.h"
#include "cusp-local-provider.h"
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

/* The provider whose id is the product's first path element. */
static CuspProvider *
provider_for (GPtrArray  *providers,
              const char *product)
{
  for (guint i = 0; i < providers->len; i++)
    {
      CuspProvider *provider = g_ptr_array_index (providers, i);
      const char *id = cusp_provider_get_id (provider);
      gsize n = strlen (id);

      if (strncmp (product, id, n) == 0 && (product[n] == '/' || product[n] == '\0'))
        return provider;
    }
  return NULL;
}

/* The product has a provider and, for local files, is in their
 * inventory (before any range is asked of it); else prints the error. */
static gboolean
check_product (GPtrArray  *providers,
               const char *product)
{
  CuspProvider *provider = provider_for (providers, product);

  if (provider == NULL)
    {
      _cusp_cli_print_error (_("no source has a product “%s”: name one listed by “cusp inventory”, "
                               "with --file for local files or --server for a HAPI server"),
                             product);
      return FALSE;
    }
  if (CUSP_IS_LOCAL_PROVIDER (provider)
      && cusp_inventory_node_find (cusp_provider_get_inventory (provider), product) == NULL)
    {
      _cusp_cli_print_error (_("the given files have no product “%s”: run “cusp inventory --file PATH” to see theirs"),
                             product);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_products (GPtrArray         *providers,
                CuspWorkspaceArea *area)
{
  for (guint i = 0; i < area->panels->len; i++)
    {
      const CuspWorkspacePanel *panel = g_ptr_array_index (area->panels, i);

      for (guint k = 0; panel->products[k] != NULL; k++)
        if (!check_product (providers, panel->products[k]))
          return FALSE;
    }
  return TRUE;
}

/* The simulation, then the local files and the HAPI server when given.
 * NULL, the error printed, when a file cannot be read (*usage FALSE) or
 * the server is not a URL nor a known name (*usage TRUE). */
static GPtrArray *
open_providers (char       **files,
                const char  *server,
                gboolean    *usage)
{
  g_autoptr (GPtrArray) providers = g_ptr_array_new_with_free_func (g_object_unref);

  *usage = FALSE;
  g_ptr_array_add (providers, cusp_sim_provider_new (CUSP_DEFAULT_SIM_SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE));
  if (files != NULL)
    {
      CuspProvider *local = cusp_local_provider_new ();

      g_ptr_array_add (providers, local);
      for (guint i = 0; files[i] != NULL; i++)
        {
          g_autoptr (GError) error = NULL;

          if (!cusp_local_provider_add_path (CUSP_LOCAL_PROVIDER (local), files[i], &error))
            {
              _cusp_cli_print_error (_("cannot read %s: %s"), files[i], error->message);
              return NULL;
            }
        }
    }
  if (server != NULL)
    {
      CuspProvider *hapi = _cusp_fetch_command_open_server (server);

      *usage = hapi == NULL;
      if (hapi == NULL)
        return NULL;
      g_ptr_array_add (providers, hapi);
    }
  return g_steal_pointer (&providers);
}

/* The range drawn when neither the workspace nor the options give one:
 * the simulation's day, or the coverage of a local dataset.  HAPI
 * servers have no useful default (their coverage can span decades). */
static void
default_range (CuspProvider *provider,
               const char   *product,
               CuspTime     *start,
               CuspTime     *stop)
{
  CuspInventoryNode *node;

  *start = *stop = CUSP_TIME_INVALID;
  if (CUSP_IS_SIM_PROVIDER (provider))
    {
      cusp_sim_provider_get_default_range (CUSP_SIM_PROVIDER (provider), start, stop);
      return;
    }
  if (!CUSP_IS_LOCAL_PROVIDER (provider))
    return;
  node = cusp_inventory_node_find (cusp_provider_get_inventory (provider), product);
  if (node != NULL)
    cusp_inventory_node_get_coverage (node, start, stop);
}

static void
apply_panel_settings (CuspPlotRenderer         *renderer,
                      guint                     index,
                      const CuspWorkspacePanel *panel)
{
  cusp_plot_renderer_set_y_scale (renderer, index, panel->y_log ? CUSP_SCALE_LOG : CUSP_SCALE_LINEAR);
  cusp_plot_renderer_set_y_range (renderer, index, panel->y_min, panel->y_max);
  if (panel->weight > 0)
    cusp_plot_renderer_set_panel_weight (renderer, index, panel->weight);
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
           GPtrArray                *providers,
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
      data = cusp_provider_get_data (provider_for (providers, panel->products[k]),
                                     panel->products[k], start, stop, NULL, error);
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

/* The range: the area's or workspace's, else the first product's default,
 * then --start and --stop.  FALSE, the error printed, on a usage error. */
static gboolean
resolve_range (GPtrArray         *providers,
               CuspWorkspace     *workspace,
               CuspWorkspaceArea *area,
               gboolean           from_workspace,
               const char        *start_text,
               const char        *stop_text,
               CuspTime          *start,
               CuspTime          *stop)
{
  const char *first = ((CuspWorkspacePanel *) g_ptr_array_index (area->panels, 0))->products[0];

  if (area->has_range)
    {
      *start = area->start;
      *stop = area->stop;
    }
  else if (from_workspace)
    {
      *start = workspace->start;
      *stop = workspace->stop;
    }
  else
    default_range (provider_for (providers, first), first, start, stop);
  if ((start_text != NULL && !_cusp_cli_parse_time ("--start", start_text, start))
      || (stop_text != NULL && !_cusp_cli_parse_time ("--stop", stop_text, stop)))
    return FALSE;
  if (*start == CUSP_TIME_INVALID || *stop == CUSP_TIME_INVALID)
    {
      _cusp_cli_print_error (_("no time range known for “%s”: give --start and --stop"), first);
      return FALSE;
    }
  if (*stop <= *start)
    {
      _cusp_cli_print_error (_("--stop must be after --start"));
      return FALSE;
    }
  return TRUE;
}

/* `cusp render [--file PATH…] [--server URL] [--start T --stop T]
 * --size WxH --out FILE PRODUCT…`, or `--workspace FILE` instead of the
 * products: one panel per product (a workspace's panels keep their
 * scales, ranges, overlays and colour maps), each product read from the
 * provider named by its id's first element. */
int
_cusp_render_command_run (char **args)
{
  g_autofree char *start_text = NULL, *stop_text = NULL, *size_text = NULL, *out_path = NULL;
  g_autofree char *workspace_path = NULL, *server = NULL;
  g_auto (GStrv) products = NULL, files = NULL;
  GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text,
      N_("Start of the range, UTC (default: the workspace's, the simulation's day or the local file's coverage)"), N_("TIME") },
    { "stop", 0, 0, G_OPTION_ARG_STRING, &stop_text,
      N_("End of the range, UTC; must be after --start"), N_("TIME") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_text,
      N_("Figure size in pixels (default 1600x1000)"), N_("WxH") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path,
      N_("File to write: .png, .svg or .pdf"), N_("FILE") },
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &workspace_path,
      N_("Draw the panels and range of a workspace saved by the window (JSON) instead of products"),
      N_("FILE") },
    { "file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files,
      N_("Also draw products of a CDF or CSV file, or a folder of them, named local/DATASET/VARIABLE (repeatable)"),
      N_("PATH") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("Also draw products of a HAPI server (its URL or a known name such as cdaweb), named as “cusp inventory --server” lists them"),
      N_("URL") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &products, NULL, N_("PRODUCT…") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GPtrArray) providers = NULL;
  g_autoptr (CuspPlotRenderer) renderer = NULL;
  g_autoptr (CuspWorkspace) workspace = NULL;
  g_autoptr (GError) error = NULL;
  CuspWorkspaceArea *area;
  CuspTime start, stop;
  guint width, height;
  gboolean usage;

  if (!_cusp_cli_parse_options ("render",
                                _("Draw products of the simulation, local files or a HAPI server, one panel each, to a PNG, SVG or PDF file."),
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

  if (!parse_size (size_text, &width, &height))
    return CUSP_EXIT_USAGE;
  providers = open_providers (files, server, &usage);
  if (providers == NULL)
    return usage ? CUSP_EXIT_USAGE : CUSP_EXIT_FAILURE;
  if (!check_products (providers, area))
    return CUSP_EXIT_FAILURE;
  if (!resolve_range (providers, workspace, area, workspace_path != NULL, start_text, stop_text, &start, &stop))
    return CUSP_EXIT_USAGE;
  if (out_path == NULL)
    {
      _cusp_cli_print_error (_("--out is missing: give a file name ending in .png, .svg or .pdf"));
      return CUSP_EXIT_USAGE;
    }

  renderer = cusp_plot_renderer_new ();
  cusp_plot_renderer_set_range (renderer, start, stop);
  for (guint i = 0; i < area->panels->len; i++)
    if (!add_panel (renderer, providers, g_ptr_array_index (area->panels, i), workspace_path != NULL, &error))
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
