#define G_LOG_DOMAIN "cusp-cli"

#include "config.h"

#include "cusp-cli.h"
#include "cusp-cli-private.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <string.h>
#include <unistd.h>

#include "cusp-application.h"
#include "cusp-dump-command.h"
#include "cusp-fetch-command.h"
#include "cusp-inventory-node.h"
#include "cusp-local-provider.h"
#include "cusp-sim-export.h"
#include "cusp-sim-provider.h"
#include "cusp-selections-command.h"

typedef struct
{
  const char      *name;
  const char      *summary;   /* N_() */
  CuspCommandFunc  run;
} CuspCommand;

static int run_inventory  (char **args);
static int run_export_sim (char **args);

static const CuspCommand commands[] = {
  { "inventory",  N_("List the products of the embedded simulation"), run_inventory },
  { "export-sim", N_("Write simulated data to a CSV file"),            run_export_sim },
  { "render",     N_("Draw products to a PNG, SVG or PDF figure"),     _cusp_render_command_run },
  { "dump",       N_("List the variables of a CDF or CSV file or print their values"), _cusp_dump_command_run },
  { "selections", N_("Validate or convert burst-selection files"),   _cusp_selections_command_run },
  { "fetch",      N_("Download HAPI data through the cache as CSV"), _cusp_fetch_command_run },
};

/* Prints one line "cusp: message" on stderr.  Newlines inside a message
 * (some GErrors carry them) are flattened so scripts see one line. */
void
_cusp_cli_print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_strdelimit (message, "\r\n", ' ');
  g_printerr ("cusp: %s\n", message);
}

static char *
describe_commands (void)
{
  GString *s = g_string_new (_("Commands:"));

  g_string_append_c (s, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (s, '\n');
  g_string_append (s, _("Run “cusp COMMAND --help” for the options of a command."));
  g_string_append_c (s, '\n');
  g_string_append (s, _("Files and folders given instead of a command (CDF or CSV) open in the window."));

  return g_string_free (s, FALSE);
}

/* Parses the options of a subcommand; args[0] is the command's name.  The
 * usage line of --help then reads "cusp COMMAND [OPTION…]". */
gboolean
_cusp_cli_parse_options (const char   *command,
                         const char   *summary,
                         GOptionEntry *entries,
                         char        **args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strconcat ("cusp ", command, NULL);

  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      _cusp_cli_print_error (_("%s. Run “cusp %s --help” to see its options."), error->message, command);
      return FALSE;
    }
  if (args[0] != NULL && args[1] != NULL)
    {
      _cusp_cli_print_error (_("unexpected argument “%s”. Run “cusp %s --help” to see its options."),
                   args[1], command);
      return FALSE;
    }
  return TRUE;
}

/* inventory */

/* `--file`: the local-files provider of the given paths, listed after
 * the simulation.  Any file that cannot be read fails the command before
 * anything is printed. */
static CuspProvider *
load_local_files (const char * const *paths)
{
  g_autoptr(CuspProvider) local = cusp_local_provider_new ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!cusp_local_provider_add_path (CUSP_LOCAL_PROVIDER (local), paths[i], &error))
        {
          _cusp_cli_print_error (_("cannot list %s: %s"), paths[i], error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&local);
}

static int
run_inventory (char **args)
{
  g_autoptr(CuspProvider) provider = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(CuspProvider) local = NULL;
  g_autofree char *server = NULL, *dataset = NULL;
  GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files,
      N_("Also list a CDF or CSV file, or a folder of them, under “Local files” (repeatable)"), N_("PATH") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("List the datasets of a HAPI server instead (its URL or a known name such as cdaweb)"), N_("URL") },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &dataset,
      N_("With --server, also list the parameters of this dataset"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };
  CuspInventoryNode *root;

  if (!_cusp_cli_parse_options ("inventory", _("Print the inventory tree of the embedded simulation."),
                              entries, args))
    return CUSP_EXIT_USAGE;
  if (server != NULL)
    return _cusp_fetch_command_print_inventory (server, dataset);

  if (files != NULL)
    {
      local = load_local_files ((const char * const *) files);
      if (local == NULL)
        return CUSP_EXIT_FAILURE;
    }

  provider = cusp_sim_provider_new (CUSP_DEFAULT_SIM_SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  root = cusp_provider_get_inventory (provider);
  if (root == NULL)
    {
      _cusp_cli_print_error (_("the simulation has no inventory; this is a bug, please report it"));
      return CUSP_EXIT_FAILURE;
    }

  text = cusp_inventory_node_dump (root);
  g_print ("%s", text);
  if (local != NULL)
    {
      g_autofree char *local_text = cusp_inventory_node_dump (cusp_provider_get_inventory (local));

      g_print ("%s", local_text);
    }
  return 0;
}

/* export-sim */

static gboolean
parse_orbit (const char   *text,
             CuspSimOrbit *orbit)
{
  static const struct { const char *name; CuspSimOrbit orbit; } orbits[] = {
    { "dayside-12", CUSP_SIM_ORBIT_DAYSIDE_12RE },
    { "dayside-25", CUSP_SIM_ORBIT_DAYSIDE_25RE },
    { "nightside",  CUSP_SIM_ORBIT_NIGHTSIDE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (orbits); i++)
    {
      if (g_strcmp0 (text, orbits[i].name) == 0)
        {
          *orbit = orbits[i].orbit;
          return TRUE;
        }
    }

  _cusp_cli_print_error (_("unknown orbit “%s”: use dayside-12, dayside-25 or nightside"), text);
  return FALSE;
}

gboolean
_cusp_cli_parse_time (const char *option,
                      const char *text,
                      CuspTime   *out)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    {
      _cusp_cli_print_error (_("%s is missing: give a UTC time such as 2015-10-16T13:00:00Z"), option);
      return FALSE;
    }
  if (!cusp_time_parse (text, out, &error))
    {
      /* Translators: "--start: “yesterday” is not a valid time: …. Give …" */
      _cusp_cli_print_error (_("%s: %s Give a UTC time such as 2015-10-16T13:00:00Z."),
                   option, error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_cusp_cli_parse_range (const char *start_text,
                       const char *stop_text,
                       CuspTime   *start,
                       CuspTime   *stop)
{
  if (!_cusp_cli_parse_time ("--start", start_text, start) ||
      !_cusp_cli_parse_time ("--stop", stop_text, stop))
    return FALSE;
  if (*stop <= *start)
    {
      _cusp_cli_print_error (_("--stop (%s) must be after --start (%s)"), stop_text, start_text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_seed (const char *text,
            guint64    *seed)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    {
      *seed = CUSP_DEFAULT_SIM_SEED;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, seed, &error))
    {
      _cusp_cli_print_error (_("--seed “%s” is not a whole number ≥ 0: give one such as 42"), text);
      return FALSE;
    }
  return TRUE;
}

/* The file is written under a temporary name and renamed on close, so a
 * failed export leaves no half-written CSV behind. */
static GOutputStream *
open_output (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = NULL;
  GFileOutputStream *stream;

  if (g_strcmp0 (path, "-") == 0)
    return g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  file = g_file_new_for_commandline_arg (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  return G_OUTPUT_STREAM (stream);
}

static gboolean
export_to (CuspProvider  *provider,
           CuspTime       start,
           CuspTime       stop,
           const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) raw = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GCancellable) discard = NULL;

  raw = open_output (path, &error);
  if (raw == NULL)
    {
      _cusp_cli_print_error (_("cannot write “%s” (%s): choose a writable file for --out"),
                   path, error->message);
      return FALSE;
    }

  out = g_buffered_output_stream_new_sized (raw, 64 * 1024);
  if (!cusp_sim_export_csv (provider, start, stop, out, NULL, &error) ||
      !g_output_stream_close (out, NULL, &error))
    {
      _cusp_cli_print_error (_("the export to “%s” failed: %s"), path, error->message);
      /* Closing with a cancelled cancellable drops the temporary file. */
      discard = g_cancellable_new ();
      g_cancellable_cancel (discard);
      g_output_stream_close (out, discard, NULL);
      return FALSE;
    }
  return TRUE;
}

static int
run_export_sim (char **args)
{
  g_autofree char *start_text = NULL;
  g_autofree char *stop_text = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *orbit_text = NULL;
  g_autofree char *seed_text = NULL;
  GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text,
      N_("Start of the range, UTC (e.g. 2015-10-16T13:00:00Z)"), N_("TIME") },
    { "stop", 0, 0, G_OPTION_ARG_STRING, &stop_text,
      N_("End of the range, UTC; must be after --start"), N_("TIME") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path,
      N_("CSV file to write, or - for standard output"), N_("FILE") },
    { "orbit", 0, 0, G_OPTION_ARG_STRING, &orbit_text,
      N_("Orbit: dayside-12 (default), dayside-25 or nightside"), N_("ORBIT") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the simulation (default 1)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CuspProvider) provider = NULL;
  CuspSimOrbit orbit = CUSP_SIM_ORBIT_DAYSIDE_12RE;
  CuspTime start, stop;
  guint64 seed;

  if (!_cusp_cli_parse_options ("export-sim",
                              _("Write the simulated MMS-like data of a time range as CSV."),
                              entries, args))
    return CUSP_EXIT_USAGE;

  if (!_cusp_cli_parse_range (start_text, stop_text, &start, &stop) ||
      !parse_seed (seed_text, &seed) ||
      (orbit_text != NULL && !parse_orbit (orbit_text, &orbit)))
    return CUSP_EXIT_USAGE;
  if (out_path == NULL)
    {
      _cusp_cli_print_error (_("--out is missing: give a CSV file name, or - for standard output"));
      return CUSP_EXIT_USAGE;
    }

  provider = cusp_sim_provider_new (seed, orbit);
  return export_to (provider, start, stop, out_path) ? 0 : CUSP_EXIT_FAILURE;
}

/* Entry point */

static const CuspCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (commands[i].name, name) == 0)
        return &commands[i];
    }
  return NULL;
}

/* `cusp data/x.cdf`: an argument that names a file or a folder (or has
 * the look of one) rather than a command. */
static gboolean
looks_like_path (const char *arg)
{
  return strchr (arg, G_DIR_SEPARATOR) != NULL || strchr (arg, '.') != NULL
         || g_file_test (arg, G_FILE_TEST_EXISTS);
}

gboolean
cusp_cli_run (int     argc,
              char  **argv,
              char  **screenshot_path,
              int    *exit_status)
{
  return cusp_cli_run_with_files (argc, argv, screenshot_path, NULL, exit_status);
}

gboolean
cusp_cli_run_with_files (int      argc,
                         char   **argv,
                         char   **screenshot_path,
                         char  ***open_paths,
                         int     *exit_status)
{
  gboolean version = FALSE;
  g_autofree char *screenshot = NULL;
  g_autofree char *description = describe_commands ();
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Print the version and exit"), NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot,
      N_("Open the window, save it as a PNG image and quit (for documentation)"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[COMMAND [OPTION…] | FILE…]"));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_new0 (char *, argc + 1);
  const CuspCommand *command;
  guint n_args;

  g_return_val_if_fail (screenshot_path != NULL && exit_status != NULL, TRUE);

  *screenshot_path = NULL;
  if (open_paths != NULL)
    *open_paths = NULL;
  *exit_status = 0;
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Browse, plot and label space-plasma data. "
                                           "Without a command, Cusp opens its window."));
  g_option_context_set_description (context, description);
  /* Stop at the command name so its own options reach its parser. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      _cusp_cli_print_error (_("%s. Run “cusp --help” to see the options."), error->message);
      *exit_status = CUSP_EXIT_USAGE;
      return TRUE;
    }

  if (version)
    {
      g_print ("cusp %s\n", PACKAGE_VERSION);
      return TRUE;
    }

  n_args = g_strv_length (args);
  if (n_args <= 1)
    {
      *screenshot_path = g_steal_pointer (&screenshot);
      return FALSE;
    }

  command = find_command (args[1]);
  if (command == NULL && open_paths != NULL && looks_like_path (args[1]))
    {
      *screenshot_path = g_steal_pointer (&screenshot);
      *open_paths = g_strdupv (args + 1);
      return FALSE;
    }
  if (command == NULL)
    {
      _cusp_cli_print_error (_("unknown command “%s”. Run “cusp --help” to list the commands."), args[1]);
      *exit_status = CUSP_EXIT_USAGE;
      return TRUE;
    }
  if (screenshot != NULL)
    {
      _cusp_cli_print_error (_("--screenshot opens the window and cannot be used with a command"));
      *exit_status = CUSP_EXIT_USAGE;
      return TRUE;
    }

  *exit_status = command->run (args + 1);
  return TRUE;
}
