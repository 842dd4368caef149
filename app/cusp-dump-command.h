/* cusp-dump-command.h: `cusp dump FILE [VARIABLE…]`
 *
 * Without variables, lists what a CDF or CSV file holds (name, type,
 * shape, records, ISTP role, how Cusp would plot it); with variables,
 * prints their records as CSV, time first in UTC ISO 8601 with
 * nanoseconds.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* args: "dump" then its arguments (see CuspCommandFunc). */
int _cusp_dump_command_run (char **args);

G_END_DECLS
