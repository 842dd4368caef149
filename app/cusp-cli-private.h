/* cusp-cli-private.h: what subcommand files share with cusp-cli.c
 *
 * Each subcommand lives in its own app/cusp-<name>-command.c and exposes one
 * CuspCommandFunc; cusp-cli.c only lists them in its table.
 */
#pragma once

#include <glib.h>

#include "cusp-time.h"

G_BEGIN_DECLS

/* args: the command name then its arguments, NULL-terminated, from a GStrv
 * that the parser may shorten.  Returns the process exit status
 * (0, CUSP_EXIT_USAGE or CUSP_EXIT_FAILURE from cusp-cli.h). */
typedef int (*CuspCommandFunc) (char **args);

/* Prints one line "cusp: message" on stderr.  Newlines inside a message
 * (some GErrors carry them) are flattened so scripts see one line. */
void      _cusp_cli_print_error   (const char *format,
                                   ...) G_GNUC_PRINTF (1, 2);

/* Parses the options of a subcommand; args[0] is the command's name.  The
 * usage line of --help then reads "cusp COMMAND [OPTION…]".  Prints the
 * error and returns FALSE on bad options or a stray argument. */
gboolean  _cusp_cli_parse_options (const char   *command,
                                   const char   *summary,
                                   GOptionEntry *entries,
                                   char        **args);

/* Parses the UTC time given to an option such as "--start".  Prints the
 * error (the option missing, or not a time) and returns FALSE. */
gboolean  _cusp_cli_parse_time    (const char *option,
                                   const char *text,
                                   CuspTime   *out);

/* Parses the required --start and --stop; FALSE (error printed) when one
 * is missing or invalid, or when --stop is not after --start. */
gboolean  _cusp_cli_parse_range   (const char *start_text,
                                   const char *stop_text,
                                   CuspTime   *start,
                                   CuspTime   *stop);

/* `cusp render` (app/cusp-render-command.c). */
int       _cusp_render_command_run (char **args);

G_END_DECLS
