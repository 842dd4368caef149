/* cusp-sim-export.h: the simulation's products as one CSV table
 *
 * `cusp export-sim` writes, for every 4.5-s sample in [start, stop), one
 * row with B, ion moments, position, the ground-truth region and both omni
 * energy spectra.  Columns, units and number format are in
 * docs/simulation.md ("CSV export").
 */
#pragma once

#include <gio/gio.h>
#include "cusp-provider.h"

G_BEGIN_DECLS

/* Header line (without the newline) of the table, for readers and tests. */
char     *cusp_sim_export_csv_header (void);
gboolean  cusp_sim_export_csv        (CuspProvider   *provider,
                                      CuspTime        start,
                                      CuspTime        stop,
                                      GOutputStream  *out,
                                      GCancellable   *cancellable,
                                      GError        **error);

G_END_DECLS
