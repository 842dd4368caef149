/* cusp-local-provider.h: CDF and CSV files on disk as a data source
 *
 * Id "local".  CDF files of one dataset (same Logical_source global
 * attribute) are one dataset node covering all their times; get_data()
 * reads only the files overlapping the range and merges the fragments.
 * A CSV file is a dataset of its own with one parameter.  Inventory:
 * provider → mission (Mission_group, Source_name or "Files") → instrument
 * (Descriptor or Instrument_type) → dataset (Logical_source) → parameters
 * "local/<dataset>/<variable>" → components "local/<dataset>/<variable>/<i>".
 */
#pragma once

#include "cusp-provider.h"

G_BEGIN_DECLS

#define CUSP_TYPE_LOCAL_PROVIDER (cusp_local_provider_get_type ())
G_DECLARE_FINAL_TYPE (CuspLocalProvider, cusp_local_provider, CUSP, LOCAL_PROVIDER, CuspProvider)

CuspProvider *cusp_local_provider_new      (void);
/* A .cdf or .csv/.txt file, or a folder (its .cdf and .csv files, not
 * recursive).  Adding a file twice is harmless.  On error nothing of a
 * failing file is added (the other files of a folder still are). */
gboolean      cusp_local_provider_add_path (CuspLocalProvider  *self,
                                            const char         *path,
                                            GError            **error);

G_END_DECLS
