/* cusp-cli.h: the command line, parsed before any display is opened
 *
 * Subcommands (inventory, export-sim) and --version run here and need no
 * display; otherwise the caller starts the GUI.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses: 0 success, 1 the work failed, 2 bad usage. */
#define CUSP_EXIT_FAILURE 1
#define CUSP_EXIT_USAGE   2

/* Returns TRUE when the command line has been handled completely and the
 * program should exit with *exit_status.  Returns FALSE when the window
 * should open; *screenshot_path is then the --screenshot file or NULL. */
gboolean cusp_cli_run (int     argc,
                       char  **argv,
                       char  **screenshot_path,
                       int    *exit_status);

/* Like cusp_cli_run, and files or folders given instead of a command are
 * returned in *open_paths (NULL-terminated, free with g_strfreev; NULL
 * when there are none) with FALSE: the window opens and loads them.
 * Added. */
gboolean cusp_cli_run_with_files (int      argc,
                                  char   **argv,
                                  char   **screenshot_path,
                                  char  ***open_paths,
                                  int     *exit_status);

G_END_DECLS
