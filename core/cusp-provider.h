/* cusp-provider.h: a source of data (simulation, local files, HAPI)
 *
 * Derivable: each source subclasses it.  get_data() is called from worker
 * threads and must be thread-safe; the _async pair runs it in a GTask
 * thread so the main loop never waits.
 */
#pragma once

#include <gio/gio.h>
#include "cusp-data.h"
#include "cusp-inventory-node.h"

G_BEGIN_DECLS

/* How much of a get_data is done, 0 to 1 (added). */
typedef void (*CuspProgressFunc) (double   fraction,
                                  gpointer user_data);

#define CUSP_PROVIDER_ERROR (cusp_provider_error_quark ())
typedef enum
{
  CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT,
  CUSP_PROVIDER_ERROR_BAD_RANGE,
  CUSP_PROVIDER_ERROR_FAILED,
} CuspProviderError;

GQuark cusp_provider_error_quark (void);

#define CUSP_TYPE_PROVIDER (cusp_provider_get_type ())
G_DECLARE_DERIVABLE_TYPE (CuspProvider, cusp_provider, CUSP, PROVIDER, GObject)

struct _CuspProviderClass
{
  GObjectClass parent_class;

  /* Root node (kind PROVIDER); built once, owned by the provider. */
  CuspInventoryNode *(*get_inventory) (CuspProvider  *self);
  /* Thread-safe.  product is a node id. */
  CuspData          *(*get_data)      (CuspProvider  *self,
                                       const char    *product,
                                       CuspTime       start,
                                       CuspTime       stop,
                                       GCancellable  *cancellable,
                                       GError       **error);

  /* Optional (added, in the first padding slot): get_data that also
   * calls progress (from the same thread) as data arrive.  Without it,
   * get_data runs and 1.0 is reported at the end. */
  CuspData          *(*get_data_with_progress) (CuspProvider      *self,
                                                const char        *product,
                                                CuspTime           start,
                                                CuspTime           stop,
                                                CuspProgressFunc   progress,
                                                gpointer           progress_data,
                                                GCancellable      *cancellable,
                                                GError           **error);

  gpointer padding[7];
};

/* Short id used as the first path element ("sim", "local", "hapi-cdaweb"). */
const char        *cusp_provider_get_id             (CuspProvider *self);
const char        *cusp_provider_get_name           (CuspProvider *self);
CuspInventoryNode *cusp_provider_get_inventory      (CuspProvider *self);
CuspData          *cusp_provider_get_data           (CuspProvider  *self,
                                                     const char    *product,
                                                     CuspTime       start,
                                                     CuspTime       stop,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
void               cusp_provider_get_data_async     (CuspProvider        *self,
                                                     const char          *product,
                                                     CuspTime             start,
                                                     CuspTime             stop,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
CuspData          *cusp_provider_get_data_finish    (CuspProvider  *self,
                                                     GAsyncResult  *result,
                                                     GError       **error);

/* Progress (added).  The synchronous call reports in the calling thread;
 * fractions are clamped to [0, 1], never go down, and end with 1.0 on
 * success.  progress may be NULL. */
CuspData          *cusp_provider_get_data_with_progress        (CuspProvider      *self,
                                                                const char        *product,
                                                                CuspTime           start,
                                                                CuspTime           stop,
                                                                CuspProgressFunc   progress,
                                                                gpointer           progress_data,
                                                                GCancellable      *cancellable,
                                                                GError           **error);
/* Runs in a worker; progress is called in the thread-default main context
 * of the caller, at most about 20 times a second, never after callback
 * has run; 1.0 comes before callback on success.  progress_notify frees
 * progress_data once nothing more will be reported. */
void               cusp_provider_get_data_with_progress_async  (CuspProvider        *self,
                                                                const char          *product,
                                                                CuspTime             start,
                                                                CuspTime             stop,
                                                                CuspProgressFunc     progress,
                                                                gpointer             progress_data,
                                                                GDestroyNotify       progress_notify,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
CuspData          *cusp_provider_get_data_with_progress_finish (CuspProvider  *self,
                                                                GAsyncResult  *result,
                                                                GError       **error);

G_END_DECLS
