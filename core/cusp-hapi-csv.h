/* cusp-hapi-csv.h: incremental parser of HAPI CSV data streams
 *
 * Fed chunks of any size as they arrive (a line or a field may straddle
 * chunks).  The stream's columns are described by a CuspHapiInfo holding
 * the time parameter and the selected parameters (cusp_hapi_info_select);
 * when none is given, the "#" header of an include=header stream is used.
 * Headers of one "#{...}" line or many "#" lines are both accepted.
 * Numeric values equal to the parameter's fill become NaN.  A quoted
 * string (RFC 4180) may hold commas, doubled quotes and line breaks.
 */
#pragma once

#include <glib.h>
#include "cusp-hapi-info.h"

G_BEGIN_DECLS

typedef struct _CuspHapiCsvParser CuspHapiCsvParser;

/* info: the stream's columns, or NULL to take them from the header. */
CuspHapiCsvParser *cusp_hapi_csv_parser_new          (CuspHapiInfo      *info);
void               cusp_hapi_csv_parser_free         (CuspHapiCsvParser *self);
/* Errors name the line and column: the parser is then unusable. */
gboolean           cusp_hapi_csv_parser_feed         (CuspHapiCsvParser *self,
                                                      const char        *data,
                                                      gsize              len,
                                                      GError           **error);
/* End of stream: parses a last line without a newline. */
gboolean           cusp_hapi_csv_parser_finish       (CuspHapiCsvParser *self,
                                                      GError           **error);
/* How many records the stream should bring (the request's span over
 * the cadence): the arrays are then sized once instead of growing.  A
 * wrong guess costs only speed.  Call before the first feed.  Added. */
void               cusp_hapi_csv_parser_expect       (CuspHapiCsvParser *self,
                                                      guint              n_records);
/* The columns in use (given or from the header); NULL before known. */
CuspHapiInfo      *cusp_hapi_csv_parser_get_info     (CuspHapiCsvParser *self);
/* The stream's own header, or NULL when it had none. */
CuspHapiInfo      *cusp_hapi_csv_parser_get_header   (CuspHapiCsvParser *self);
guint              cusp_hapi_csv_parser_get_n_records (CuspHapiCsvParser *self);
/* Time of the last record parsed so far, CUSP_TIME_INVALID before the
 * first (added, for progress). */
CuspTime           cusp_hapi_csv_parser_get_last_time (CuspHapiCsvParser *self);
/* After finish: one CuspData per parameter other than time, in stream
 * order: a CuspSeries, or a CuspSpectrogram for a 1-D parameter with bins
 * (per-record bins when they name another parameter of the stream), or a
 * CuspTextSeries for a string parameter (quoted fields unquoted, "" read
 * as "; an empty value or one equal to the fill string is NULL).  Extra
 * isotime parameters are skipped. */
GPtrArray         *cusp_hapi_csv_parser_take_data    (CuspHapiCsvParser *self,
                                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspHapiCsvParser, cusp_hapi_csv_parser_free)

G_END_DECLS
