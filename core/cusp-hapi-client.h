/* cusp-hapi-client.h: synchronous HAPI client over libcurl
 *
 * One client per server (base URL ending in /hapi).  Every call blocks and
 * is meant for a worker thread; calls may run concurrently (each uses its
 * own connection).  The request parameter names follow the server's HAPI
 * version (2.x: id, time.min, time.max; 3.x: dataset, start, stop), read
 * from /capabilities on first use unless set.  Data are streamed through
 * the incremental parsers, never buffered whole; gzip is accepted; the
 * GCancellable aborts a transfer within ~0.1 s; network failures and HTTP
 * 5xx are retried with exponential backoff; a range longer than the
 * dataset's maxRequestDuration is fetched in several requests and merged.
 * Errors are in CUSP_HAPI_ERROR (or G_IO_ERROR_CANCELLED) with a message
 * naming the server and the HAPI code.
 */
#pragma once

#include <gio/gio.h>
#include "cusp-hapi-info.h"
#include "cusp-data.h"

G_BEGIN_DECLS

typedef enum
{
  CUSP_HAPI_FORMAT_CSV,
  CUSP_HAPI_FORMAT_BINARY,
} CuspHapiFormat;

typedef struct _CuspHapiClient CuspHapiClient;

CuspHapiClient       *cusp_hapi_client_new              (const char     *base_url);
CuspHapiClient       *cusp_hapi_client_ref              (CuspHapiClient *self);
void                  cusp_hapi_client_unref            (CuspHapiClient *self);
/* Name used in messages ("CDAWeb says: ..."); default: the URL's host. */
void                  cusp_hapi_client_set_name         (CuspHapiClient *self,
                                                         const char     *name);
const char           *cusp_hapi_client_get_name         (CuspHapiClient *self);
/* Skips the /capabilities probe, e.g. "2.0" or "3.3". */
void                  cusp_hapi_client_set_version      (CuspHapiClient *self,
                                                         const char     *version);
/* Newly allocated; NULL when not known yet. */
char                 *cusp_hapi_client_dup_version      (CuspHapiClient *self);
/* Defaults: 15 s to connect, abort after 60 s below 1 byte/s. */
void                  cusp_hapi_client_set_timeouts     (CuspHapiClient *self,
                                                         guint           connect_s,
                                                         guint           low_speed_s);
/* Defaults: 3 tries, first retry after 500 ms, doubling. */
void                  cusp_hapi_client_set_retries      (CuspHapiClient *self,
                                                         guint           max_tries,
                                                         guint           first_delay_ms);

CuspHapiCapabilities *cusp_hapi_client_get_capabilities (CuspHapiClient *self,
                                                         GCancellable   *cancellable,
                                                         GError        **error);
CuspHapiCatalog      *cusp_hapi_client_get_catalog      (CuspHapiClient *self,
                                                         GCancellable   *cancellable,
                                                         GError        **error);
CuspHapiInfo         *cusp_hapi_client_get_info         (CuspHapiClient *self,
                                                         const char     *dataset,
                                                         GCancellable   *cancellable,
                                                         GError        **error);
/* The /data URL for one request (no splitting); for logs and tests.
 * Needs the version (set or probed before). */
char                 *cusp_hapi_client_build_data_url   (CuspHapiClient     *self,
                                                         const char         *dataset,
                                                         const char *const  *parameters,
                                                         CuspTime            start,
                                                         CuspTime            stop,
                                                         CuspHapiFormat      format,
                                                         gboolean            include_header);
/* Data of [start, stop) for the named parameters (NULL: all).  info is the
 * dataset's full /info (NULL: fetched).  Returns one CuspData per numeric
 * or string parameter of the stream in info order, including the
 * parameters that time-varying bins refer to (see
 * cusp_hapi_csv_parser_take_data). */
GPtrArray            *cusp_hapi_client_get_data         (CuspHapiClient     *self,
                                                         const char         *dataset,
                                                         CuspHapiInfo       *info,
                                                         const char *const  *parameters,
                                                         CuspTime            start,
                                                         CuspTime            stop,
                                                         CuspHapiFormat      format,
                                                         gboolean            include_header,
                                                         GCancellable       *cancellable,
                                                         GError            **error);

/* Added: as cusp_hapi_client_get_data, also calling reached (in the
 * calling thread, as data arrive) with the time of the last record parsed
 * so far; split requests report one after the other. */
typedef void (*CuspHapiReachedFunc) (CuspTime  reached,
                                     gpointer  user_data);
GPtrArray            *cusp_hapi_client_get_data_with_progress (CuspHapiClient      *self,
                                                               const char          *dataset,
                                                               CuspHapiInfo        *info,
                                                               const char *const   *parameters,
                                                               CuspTime             start,
                                                               CuspTime             stop,
                                                               CuspHapiFormat       format,
                                                               gboolean             include_header,
                                                               CuspHapiReachedFunc  reached,
                                                               gpointer             reached_data,
                                                               GCancellable        *cancellable,
                                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspHapiClient, cusp_hapi_client_unref)

G_END_DECLS
