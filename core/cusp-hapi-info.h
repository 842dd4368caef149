/* cusp-hapi-info.h: HAPI JSON responses as plain structs
 *
 * /capabilities, /catalog and /info (HAPI 2.x and 3.x) parsed with cJSON
 * into reference-counted structs, plus the error domain shared by the
 * whole HAPI client (parsers and network).  Units are kept as an array
 * (one string for scalar units, one per component for arrays); numeric
 * fill values are strings in HAPI and are also given parsed.
 */
#pragma once

#include <glib.h>
#include "cusp-time.h"

G_BEGIN_DECLS

#define CUSP_HAPI_ERROR (cusp_hapi_error_quark ())
typedef enum
{
  CUSP_HAPI_ERROR_INVALID_RESPONSE,  /* JSON/CSV/binary that does not follow HAPI */
  CUSP_HAPI_ERROR_BAD_REQUEST,       /* HAPI 1400, 1401, 1409-1413 */
  CUSP_HAPI_ERROR_BAD_TIME,          /* HAPI 1402-1405 */
  CUSP_HAPI_ERROR_UNKNOWN_DATASET,   /* HAPI 1406 */
  CUSP_HAPI_ERROR_UNKNOWN_PARAMETER, /* HAPI 1407 */
  CUSP_HAPI_ERROR_TOO_MUCH_DATA,     /* HAPI 1408 */
  CUSP_HAPI_ERROR_SERVER,            /* HAPI 1500, 1501, HTTP 5xx */
  CUSP_HAPI_ERROR_HTTP,              /* other HTTP failures (404 from a proxy...) */
  CUSP_HAPI_ERROR_NETWORK,           /* cannot connect, connection lost */
  CUSP_HAPI_ERROR_TIMEOUT,           /* connect or low-speed timeout */
  CUSP_HAPI_ERROR_TRUNCATED,         /* the body ended before the announced end */
} CuspHapiError;

GQuark cusp_hapi_error_quark (void);

typedef enum
{
  CUSP_HAPI_TYPE_DOUBLE,
  CUSP_HAPI_TYPE_INTEGER,
  CUSP_HAPI_TYPE_STRING,
  CUSP_HAPI_TYPE_ISOTIME,
} CuspHapiType;

/* The HAPI status object present in every JSON response. */
typedef struct
{
  int   code;     /* 1200, 1406...; 0 when absent */
  char *message;
} CuspHapiStatus;

typedef struct
{
  char   *name;
  char   *units;          /* may be NULL */
  char   *label;          /* may be NULL */
  /* Fixed bins: n_centers values (0 with centers == NULL when "centers"
   * is null or absent); ranges has 2 * n_ranges values. */
  double *centers;
  guint   n_centers;
  double *ranges;
  guint   n_ranges;
  /* Time-varying bins (3.0+): names of the parameters holding them. */
  char   *centers_parameter;
  char   *ranges_parameter;
} CuspHapiBins;

typedef struct
{
  char          *name;
  CuspHapiType   type;
  int            length;       /* string/isotime byte length, else 0 */
  char         **units;        /* NULL-terminated; NULL for null units */
  guint         *size;         /* n_size dimensions, NULL for scalars */
  guint          n_size;
  char          *fill;         /* as written, NULL when null */
  double         fill_value;   /* fill parsed; NaN when no numeric fill */
  char          *description;
  char          *label;        /* first label when an array is given */
  CuspHapiBins  *bins;         /* n_bins entries, one per size dimension */
  guint          n_bins;
  char         **labels;       /* added: NULL-terminated when label is an array, else NULL */
} CuspHapiParameter;

typedef struct
{
  char              *version;      /* "HAPI" field, e.g. "2.0", "3.3" */
  CuspHapiStatus     status;
  CuspHapiParameter *parameters;   /* first is the isotime column */
  guint              n_parameters;
  char              *start_date;
  char              *stop_date;
  CuspTime           start;        /* CUSP_TIME_INVALID when unparsable */
  CuspTime           stop;
  char              *cadence;      /* ISO 8601 duration or NULL */
  char              *max_request_duration;
  char              *time_stamp_location;  /* lower-cased; "center" when absent */
  char              *modification_date;
  char              *description;
  char              *format;       /* only in data headers */
  char              *resource_url;
  char              *json;         /* the whole document, for metadata */
} CuspHapiInfo;

typedef struct
{
  char   *version;
  CuspHapiStatus status;
  char  **formats;       /* NULL-terminated outputFormats */
} CuspHapiCapabilities;

typedef struct
{
  char *id;
  char *title;           /* may be NULL */
} CuspHapiCatalogEntry;

typedef struct
{
  char                 *version;
  CuspHapiStatus        status;
  CuspHapiCatalogEntry *entries;
  guint                 n_entries;
} CuspHapiCatalog;

/* Parsing.  len < 0: NUL-terminated.  A response whose status code is not
 * 12xx is an error carrying the server's message. */
CuspHapiCapabilities *cusp_hapi_capabilities_parse  (const char  *json,
                                                     gssize       len,
                                                     GError     **error);
CuspHapiCapabilities *cusp_hapi_capabilities_ref    (CuspHapiCapabilities *self);
void                  cusp_hapi_capabilities_unref  (CuspHapiCapabilities *self);
gboolean              cusp_hapi_capabilities_has_format (const CuspHapiCapabilities *self,
                                                         const char                 *format);

CuspHapiCatalog      *cusp_hapi_catalog_parse       (const char  *json,
                                                     gssize       len,
                                                     GError     **error);
CuspHapiCatalog      *cusp_hapi_catalog_ref         (CuspHapiCatalog *self);
void                  cusp_hapi_catalog_unref       (CuspHapiCatalog *self);

CuspHapiInfo         *cusp_hapi_info_parse          (const char  *json,
                                                     gssize       len,
                                                     GError     **error);
CuspHapiInfo         *cusp_hapi_info_ref            (CuspHapiInfo *self);
void                  cusp_hapi_info_unref          (CuspHapiInfo *self);
/* Index of the parameter called name, or -1. */
int                   cusp_hapi_info_find           (const CuspHapiInfo *self,
                                                     const char         *name);
/* The info restricted to the time parameter and the named ones (in the
 * info's order, as HAPI requires), plus the parameters their time-varying
 * bins refer to.  names NULL or empty: all.  Unknown names are an error. */
CuspHapiInfo         *cusp_hapi_info_select         (const CuspHapiInfo *self,
                                                     const char *const  *names,
                                                     GError            **error);
/* Components of one record of a parameter (product of size; 1 for scalars). */
guint                 cusp_hapi_parameter_n_components (const CuspHapiParameter *parameter);

/* The status object of any HAPI JSON document; FALSE if it is not JSON or
 * has no status. */
gboolean              cusp_hapi_status_parse        (const char     *json,
                                                     gssize          len,
                                                     CuspHapiStatus *out);
void                  cusp_hapi_status_clear        (CuspHapiStatus *status);

/* ISO 8601 duration ("PT1H", "P1D", "PT0.5S") in ns.  Months count as 28
 * days and years as 365 so that a request split with them never exceeds a
 * server's maxRequestDuration.  FALSE on a malformed string. */
gboolean              cusp_hapi_parse_duration      (const char *text,
                                                     gint64     *out_ns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspHapiCapabilities, cusp_hapi_capabilities_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspHapiCatalog, cusp_hapi_catalog_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspHapiInfo, cusp_hapi_info_unref)

G_END_DECLS
