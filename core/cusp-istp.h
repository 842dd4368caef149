/* cusp-istp.h: from an ISTP CDF variable to what is plotted
 *
 * Applies the ISTP conventions (docs/reference/cdf_data.md §3) on top of
 * the CDF reader: which variables are offered (VAR_TYPE "data", not text,
 * at most one varying dimension), their time axis (DEPEND_0, or
 * DEPEND_TIME when the epoch is virtual), line or spectrogram (DISPLAY_TYPE
 * and shape), bins (DEPEND_1, fixed or per record), labels (LABL_PTR_1),
 * invalid values (FILLVAL compared in the variable's own type, NaN,
 * VALIDMIN/VALIDMAX scalar or per component) and scale hints (SCALETYP,
 * SCALEMIN, SCALEMAX).  Every attribute of the variable is kept as
 * CuspMetadata on the container.
 */
#pragma once

#include "cusp-cdf.h"
#include "cusp-data.h"

G_BEGIN_DECLS

#define CUSP_ISTP_ERROR (cusp_istp_error_quark ())
typedef enum
{
  CUSP_ISTP_ERROR_NOT_PLOTTABLE,   /* metadata, text, no usable time axis... */
} CuspIstpError;

GQuark cusp_istp_error_quark (void);

/* Above this many components a 1-D variable with a numeric DEPEND_1 and no
 * DISPLAY_TYPE is drawn as a spectrogram rather than as lines. */
#define CUSP_ISTP_MAX_LINES 10

typedef struct
{
  char         *name;           /* the CDF variable */
  CuspDataKind  kind;           /* SERIES (lines) or SPECTROGRAM */
  guint         n_components;   /* lines, or bins of a spectrogram */
  char         *units;          /* UNITS, may be NULL */
  char         *description;    /* CATDESC, else FIELDNAM, else the name */
  char         *time_variable;  /* DEPEND_0 or DEPEND_TIME */
  gboolean      unix_time;      /* time_variable holds Unix seconds (DEPEND_TIME) */
  char        **labels;         /* n_components line labels (NULL for spectrograms) */
  /* The axis title, as tplot, Autoplot and CDAWeb title an ISTP variable:
   * lines LABLAXIS, else FIELDNAM; spectrograms FIELDNAM, else LABLAXIS
   * (theirs is often a code such as "DEF_omni"); else the variable name.
   * It becomes the container's name. */
  char         *title;
} CuspIstpProduct;

void              cusp_istp_product_free     (CuspIstpProduct *product);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspIstpProduct, cusp_istp_product_free)

/* What variable would be plotted as, or NULL with CUSP_ISTP_ERROR_NOT_PLOTTABLE
 * (or CUSP_CDF_ERROR_NO_SUCH_VARIABLE) saying why not. */
CuspIstpProduct  *cusp_istp_describe         (CuspCdfFile  *file,
                                              const char   *variable,
                                              GError      **error);
/* The plottable products of a file, in variable order: a GPtrArray of
 * CuspIstpProduct that frees them. */
GPtrArray        *cusp_istp_list_products    (CuspCdfFile  *file);

/* The records of variable with start <= t < stop (only those are read),
 * as a CuspSeries or a CuspSpectrogram; an empty container when none
 * falls in the range.  Records with a fill time are dropped. */
CuspData         *cusp_istp_load             (CuspCdfFile  *file,
                                              const char   *variable,
                                              CuspTime      start,
                                              CuspTime      stop,
                                              GError      **error);

/* First and last valid time of a product's time axis (the ends of the
 * file's coverage for it).  FALSE with an error when it has no valid time. */
gboolean          cusp_istp_time_span        (CuspCdfFile           *file,
                                              const CuspIstpProduct *product,
                                              CuspTime              *first,
                                              CuspTime              *last,
                                              GError               **error);

/* Whether value (widened to double) is the fill value of a variable of
 * this type: compared in the variable's own type, so a REAL4 variable's
 * -1e31 matches a FILLVAL written as REAL8 -1e31 or REAL4 -9.9999998e30.
 * A NaN fill matches nothing (NaN values are masked anyway). */
gboolean          cusp_istp_is_fill          (CuspCdfType   type,
                                              double        fill,
                                              double        value);

/* Text of a variable attribute ("UNITS"), matched case-insensitively, or
 * NULL when absent or not text.  Trailing blanks removed by the reader. */
const char       *cusp_istp_get_string       (CuspCdfFile  *file,
                                              const char   *variable,
                                              const char   *attribute);

G_END_DECLS
