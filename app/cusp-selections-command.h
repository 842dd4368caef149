/* cusp-selections-command.h: `cusp selections validate|convert`
 *
 * validate FILE   EVA's validation messages and the FOM-category table;
 *                 exit 0 without errors, 1 with errors or an unreadable
 *                 file, 2 on bad usage.
 * convert IN OUT  another selection format (--to, or OUT's extension).
 *
 * Two commands not listed in --help drive the journal from scripts and
 * tests: `journal-edit --journal DIR` applies edit commands read from
 * standard input, one per line, and answers "ok <revision>" once the edit
 * is committed to the journal; `journal-show --journal DIR` prints the
 * state restored from the unfinished journal there.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A CuspCommandFunc (cusp-cli-private.h); args[0] is "selections". */
int _cusp_selections_command_run (char **args);

G_END_DECLS
