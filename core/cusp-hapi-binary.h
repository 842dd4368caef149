/* cusp-hapi-binary.h: incremental parser of HAPI binary data streams
 *
 * Records of little-endian doubles (8 bytes), integers (4 bytes) and
 * fixed-length NUL-padded UTF-8 strings and times, fed in chunks of any
 * size (a record may straddle chunks).  The stream's columns are
 * described by a CuspHapiInfo holding the time parameter and the selected
 * parameters (cusp_hapi_info_select); when none is given, the "#" header
 * of an include=header stream is used (one "#{...}" line or many "#"
 * lines).  Numeric values equal to the parameter's fill become NaN.
 */
#pragma once

#include <glib.h>
#include "cusp-hapi-info.h"

G_BEGIN_DECLS

typedef struct _CuspHapiBinaryParser CuspHapiBinaryParser;

/* info: the stream's columns, or NULL to take them from the header. */
CuspHapiBinaryParser *cusp_hapi_binary_parser_new           (CuspHapiInfo         *info);
void                  cusp_hapi_binary_parser_free          (CuspHapiBinaryParser *self);
/* Errors name the record and parameter: the parser is then unusable. */
gboolean              cusp_hapi_binary_parser_feed          (CuspHapiBinaryParser *self,
                                                             const char           *data,
                                                             gsize                 len,
                                                             GError              **error);
/* End of stream: a partial last record is an error (truncated stream). */
gboolean              cusp_hapi_binary_parser_finish        (CuspHapiBinaryParser *self,
                                                             GError              **error);
/* How many records the stream should bring (the request's span over
 * the cadence): the arrays are then sized once instead of growing.  A
 * wrong guess costs only speed.  Call before the first feed.  Added. */
void                  cusp_hapi_binary_parser_expect        (CuspHapiBinaryParser *self,
                                                             guint                 n_records);
/* The columns in use (given or from the header); NULL before known. */
CuspHapiInfo         *cusp_hapi_binary_parser_get_info      (CuspHapiBinaryParser *self);
/* The stream's own header, or NULL when it had none. */
CuspHapiInfo         *cusp_hapi_binary_parser_get_header    (CuspHapiBinaryParser *self);
guint                 cusp_hapi_binary_parser_get_n_records (CuspHapiBinaryParser *self);
/* Time of the last record decoded so far, CUSP_TIME_INVALID before the
 * first (added, for progress). */
CuspTime              cusp_hapi_binary_parser_get_last_time (CuspHapiBinaryParser *self);
/* After finish: one CuspData per parameter other than time, as
 * cusp_hapi_csv_parser_take_data; a string ends at its first NUL. */
GPtrArray            *cusp_hapi_binary_parser_take_data     (CuspHapiBinaryParser *self,
                                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspHapiBinaryParser, cusp_hapi_binary_parser_free)

G_END_DECLS
