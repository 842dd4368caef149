#define G_LOG_DOMAIN "cusp-render-command"

#include "config.h"

#include "cusp-cli.h"
#include "cusp-cli-private.h"

#include <glib/gi18n-lib.h>

#include "cusp-application.h"
#include "cusp-plot-renderer.h"
#include "cusp-sim-provider.h"

static gboolean
parse_time (const char *option,
            const char *text,
            CuspTime   *out)
{
  g_autoptr (GError) error = NULL;

  if (text == NULL)
    return FALSE;
  if (!cusp_time_parse (text, out, &error))
    {
      _cusp_cli_print_error (_("%s: %s Give a UTC time such as 2015-10-16T13:00:00Z."),
                             option, error->message);
      return FALSE;
    }
  return TRUE;
}

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

/* `cusp render --start T --stop T --size WxH --out FILE PRODUCT…`: the
 * figure of the given simulated products, one panel each. */
int
_cusp_render_command_run (char **args)
{
  g_autofree char *start_text = NULL, *stop_text = NULL, *size_text = NULL, *out_path = NULL;
  g_auto (GStrv) products = NULL;
  GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text,
      N_("Start of the range, UTC (default: the simulation's day)"), N_("TIME") },
    { "stop", 0, 0, G_OPTION_ARG_STRING, &stop_text,
      N_("End of the range, UTC; must be after --start"), N_("TIME") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_text,
      N_("Figure size in pixels (default 1600x1000)"), N_("WxH") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path,
      N_("File to write: .png, .svg or .pdf"), N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &products, NULL, N_("PRODUCT…") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (CuspProvider) provider = NULL;
  g_autoptr (CuspPlotRenderer) renderer = NULL;
  g_autoptr (GError) error = NULL;
  CuspTime start, stop;
  guint width, height;

  if (!_cusp_cli_parse_options ("render",
                                _("Draw products of the embedded simulation, one panel each, to a PNG, SVG or PDF file."),
                                entries, args))
    return CUSP_EXIT_USAGE;

  provider = cusp_sim_provider_new (CUSP_DEFAULT_SIM_SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  cusp_sim_provider_get_default_range (CUSP_SIM_PROVIDER (provider), &start, &stop);
  if ((start_text != NULL && !parse_time ("--start", start_text, &start))
      || (stop_text != NULL && !parse_time ("--stop", stop_text, &stop))
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
  if (products == NULL || products[0] == NULL)
    {
      _cusp_cli_print_error (_("no product given: name one or more, e.g. sim/mms1/fgm/srvy/b_gse (see “cusp inventory”)"));
      return CUSP_EXIT_USAGE;
    }

  renderer = cusp_plot_renderer_new ();
  cusp_plot_renderer_set_range (renderer, start, stop);
  for (guint i = 0; products[i] != NULL; i++)
    {
      g_autoptr (CuspData) data = cusp_provider_get_data (provider, products[i], start, stop,
                                                          NULL, &error);

      if (data == NULL)
        {
          _cusp_cli_print_error ("%s", error->message);
          return CUSP_EXIT_FAILURE;
        }
      cusp_plot_renderer_add_panel (renderer, data);
    }
  if (!cusp_plot_renderer_export (renderer, out_path, width, height, &error))
    {
      _cusp_cli_print_error ("%s", error->message);
      return CUSP_EXIT_FAILURE;
    }
  return 0;
}
