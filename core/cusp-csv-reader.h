/* cusp-csv-reader.h: time series from CSV text files
 *
 * The first column is the time: ISO 8601 (anything cusp_time_parse takes)
 * or Unix seconds (a plain number).  Every other column is a component.
 * The separator is detected on the first row (tab, else semicolon, else
 * comma, else runs of blanks); a first row whose time or other fields are
 * not parseable as such is a header naming the components, otherwise they
 * are named "col N" (N counts the file's columns from 1, the time being
 * col 1).  Empty fields and "NaN"/"nan" read as NaN; blank lines and lines
 * starting with '#' are skipped; rows out of time order are sorted (a
 * repeated time keeps its last row).
 *
 * All-or-nothing: the first bad row (a time or number that does not parse,
 * a wrong field count) rejects the whole file with an error naming its
 * line, so a plot never shows a silently truncated file.
 */
#pragma once

#include "cusp-series.h"

G_BEGIN_DECLS

#define CUSP_CSV_ERROR (cusp_csv_error_quark ())
typedef enum
{
  CUSP_CSV_ERROR_BAD_ROW,   /* message starts with "line N: " */
  CUSP_CSV_ERROR_EMPTY,     /* no data rows, or no value column */
} CuspCsvError;

GQuark cusp_csv_error_quark (void);

/* text need not be NUL-terminated (len >= 0) ; name becomes the series name. */
CuspSeries *cusp_csv_read_data (const char  *text,
                                gssize       len,
                                const char  *name,
                                GError     **error);
/* Series named after the file's base name without extension. */
CuspSeries *cusp_csv_read_file (const char  *path,
                                GError     **error);

G_END_DECLS
