/* cusp-fetch-command.h: `cusp fetch` and `cusp inventory --server`
 *
 * fetch downloads parameters of one dataset of a HAPI server through the
 * fragment cache and writes them as CSV: a header line "time,<columns>",
 * then one row per record with the time in UTC ISO 8601 with nanoseconds
 * and one column per component ("B_0", "B_1"… for arrays, the parameter
 * name for scalars).  --server takes a URL or the name of a known server
 * ("cdaweb").
 */
#pragma once

#include <glib.h>

#include "cusp-provider.h"

G_BEGIN_DECLS

/* args: "fetch" then its arguments (see CuspCommandFunc). */
int _cusp_fetch_command_run             (char       **args);
/* Prints a server's inventory tree (datasets; with dataset, also that
 * dataset's parameters).  Returns the exit status. */
int _cusp_fetch_command_print_inventory (const char  *server,
                                         const char  *dataset);

/* The HAPI provider of a server's URL or known name (added for `cusp
 * render`); NULL, the error printed, when it is neither. */
CuspProvider *_cusp_fetch_command_open_server (const char *server);

G_END_DECLS
