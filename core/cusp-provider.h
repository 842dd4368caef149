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

  gpointer padding[8];
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

G_END_DECLS
