/* cusp-cache.h: on-disk fragment cache of remote data
 *
 * Data of one (source, dataset, parameter) are kept in fixed time
 * fragments aligned on UTC (Unix time multiples, so hours and days start
 * at :00 and midnight).  The span follows the nominal cadence:
 *   cadence < 100 ms   → 10 min
 *   cadence ≤ 1 s      → 1 h
 *   cadence ≤ 1 min    → 1 d
 *   longer             → 30 d
 *   unknown (0)        → 1 d
 * so that one fragment holds between about 3 600 and 86 400 records.
 *
 * One file per fragment: <dir>/<source>/<dataset>/<parameter>/<start>.cfr
 * (names %-escaped).  The file starts with a fixed little-endian header
 * (magic "CUSPFRAG", format version, flags, fragment span, lengths, CRC32
 * of everything else) followed by the dataset, parameter and server
 * modificationDate strings and the serialised CuspSeries, CuspSpectrogram
 * or CuspTextSeries (each string a length then UTF-8 bytes, a marker
 * length for fill).  Files are written to a temporary name, fsync'ed and
 * renamed.  A file that is short, long, has a wrong checksum or another
 * version is deleted and fetched again, never returned.
 *
 * cusp_cache_get() loads the fragments of a range from disk, fetches only
 * the missing ones (contiguous missing fragments in one request, clamped
 * to the dataset's coverage), stores them and returns the merge sliced to
 * the range.  The fragment that contains "now" or the dataset's stop date
 * is stored but never considered complete: it is fetched again on every
 * online request.  A fragment stored with another modificationDate than
 * the server's current one is stale and fetched again.  Threads asking
 * for the same fragment at once share one fetch (in-flight table).
 *
 * Size cap: least recently used files go first.  Every read or write sets
 * the file's mtime to a per-process strictly increasing clock, eviction
 * scans the directory and deletes the oldest mtimes until the total is
 * under the cap.  The total is counted once then tracked; other processes
 * sharing the directory make it approximate until the next scan.
 *
 * Offline: only cached fragments are served; a missing one is an error
 * (CUSP_CACHE_ERROR_OFFLINE).  All functions are thread-safe.
 */
#pragma once

#include <gio/gio.h>
#include "cusp-data.h"

G_BEGIN_DECLS

#define CUSP_CACHE_ERROR (cusp_cache_error_quark ())
typedef enum
{
  CUSP_CACHE_ERROR_OFFLINE,   /* work offline and a fragment is not cached */
  CUSP_CACHE_ERROR_NO_DATA,   /* the range is outside the dataset's coverage */
  CUSP_CACHE_ERROR_MISSING,   /* the fetch did not return a requested parameter */
  CUSP_CACHE_ERROR_IO,        /* the cache directory cannot be written or cleared */
} CuspCacheError;

GQuark cusp_cache_error_quark (void);

/* Fetches [start, stop) of the named parameters (in the dataset's order)
 * and returns CuspData whose container names are the parameter names (any
 * order; extra ones are ignored).  Called from the thread of
 * cusp_cache_get(), possibly several times, never with an empty range. */
typedef GPtrArray *(*CuspCacheFetchFunc) (const char *const *parameters,
                                          CuspTime           start,
                                          CuspTime           stop,
                                          gpointer           user_data,
                                          GCancellable      *cancellable,
                                          GError           **error);

/* Progress (added).  A fetch_progress calls report (reached, report_data)
 * in its thread with the time its data have reached; progress receives the
 * fraction of the asked range that is available (read from disk or
 * fetched), never going down. */
typedef void (*CuspCacheReportFunc) (CuspTime  reached,
                                     gpointer  report_data);
typedef GPtrArray *(*CuspCacheFetchProgressFunc) (const char *const   *parameters,
                                                  CuspTime             start,
                                                  CuspTime             stop,
                                                  CuspCacheReportFunc  report,
                                                  gpointer             report_data,
                                                  gpointer             user_data,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
typedef void (*CuspCacheProgressFunc) (double   fraction,
                                       gpointer user_data);

typedef struct
{
  const char         *source;          /* server key, e.g. its base URL */
  const char         *dataset;
  const char *const  *parameters;      /* NULL-terminated, dataset order */
  gint64              cadence_ns;      /* 0 when unknown */
  CuspTime            coverage_start;  /* CUSP_TIME_INVALID when unknown */
  CuspTime            coverage_stop;
  const char         *version;         /* modificationDate, or NULL */
  CuspCacheFetchFunc  fetch;
  gpointer            fetch_data;
  /* Added, optional: used instead of fetch when set (same fetch_data). */
  CuspCacheFetchProgressFunc fetch_progress;
  CuspCacheProgressFunc      progress;
  gpointer                   progress_data;
} CuspCacheRequest;

#define CUSP_TYPE_CACHE (cusp_cache_get_type ())
G_DECLARE_FINAL_TYPE (CuspCache, cusp_cache, CUSP, CACHE, GObject)

/* directory NULL: $CUSP_CACHE_DIR, else g_get_user_cache_dir()/cusp. */
CuspCache  *cusp_cache_new                (const char *directory);
/* One shared instance (created on first use with the default directory). */
CuspCache  *cusp_cache_get_default        (void);
const char *cusp_cache_get_directory      (CuspCache  *self);

/* Default 2 GiB.  Lowering it evicts at once. */
void        cusp_cache_set_max_size       (CuspCache  *self,
                                           guint64     bytes);
guint64     cusp_cache_get_max_size       (CuspCache  *self);
/* Bytes of fragment files (scans the directory). */
guint64     cusp_cache_get_size           (CuspCache  *self);
void        cusp_cache_set_offline        (CuspCache  *self,
                                           gboolean    offline);
gboolean    cusp_cache_get_offline        (CuspCache  *self);
/* Deletes every fragment file. */
gboolean    cusp_cache_clear              (CuspCache  *self,
                                           GError    **error);

/* Fragment span for a cadence (table above) and the fragment that holds t. */
gint64      cusp_cache_fragment_span      (gint64      cadence_ns);
CuspTime    cusp_cache_fragment_start     (CuspTime    t,
                                           gint64      span_ns);
/* File of one fragment (it may not exist); for tests and tools. */
char       *cusp_cache_fragment_path      (CuspCache  *self,
                                           const char *source,
                                           const char *dataset,
                                           const char *parameter,
                                           CuspTime    fragment_start);
/* Where a provider keeps a source's small documents (catalog, info) next
 * to its fragments: <dir>/<source>[/<dataset>]/<file>; they are removed
 * by cusp_cache_clear() but not counted in the size cap. */
char       *cusp_cache_metadata_path      (CuspCache  *self,
                                           const char *source,
                                           const char *dataset,
                                           const char *file);

/* One CuspData per request->parameters entry, in that order, holding the
 * samples in [start, stop). */
GPtrArray  *cusp_cache_get                (CuspCache              *self,
                                           const CuspCacheRequest *request,
                                           CuspTime                start,
                                           CuspTime                stop,
                                           GCancellable           *cancellable,
                                           GError                **error);

G_END_DECLS
