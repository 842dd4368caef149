/* cusp-hapi-provider.h: one HAPI server as a data source
 *
 * Id "hapi-<slug>" (slug of the server's name), name the server's name.
 * Inventory: provider → mission → instrument → dataset → parameter, the
 * groups guessed from dataset ids split on '_' (or '-' when there is no
 * '_'): "MMS1_FGM_SRVY_L2" and "mms1_fgm_srvy_l2" both go under mission
 * "MMS1", instrument "FGM"; ids of two parts go straight under their
 * mission; ids that do not split go under an "Other" folder (or under the
 * provider when no id of the server splits).  Node ids:
 *   mission     hapi-<slug>/mission:<MISSION>
 *   instrument  hapi-<slug>/mission:<MISSION>/instrument:<INSTRUMENT>
 *   dataset     hapi-<slug>/<dataset id>
 *   parameter   hapi-<slug>/<dataset id>/<parameter>   (a product)
 * The catalog is loaded when the inventory is first asked for (blocking;
 * or ahead of time with cusp_hapi_provider_load_catalog_async); each
 * dataset's parameters when its info is loaded.  get_data() goes through
 * a CuspCache (the default one unless set); its errors are the client's
 * ("CDAWeb says: …") or the cache's.
 */
#pragma once

#include "cusp-provider.h"
#include "cusp-cache.h"
#include "cusp-hapi-client.h"

G_BEGIN_DECLS

#define CUSP_TYPE_HAPI_PROVIDER (cusp_hapi_provider_get_type ())
G_DECLARE_FINAL_TYPE (CuspHapiProvider, cusp_hapi_provider, CUSP, HAPI_PROVIDER, CuspProvider)

/* url: base URL ending in /hapi; name NULL: the URL's host. */
CuspProvider   *cusp_hapi_provider_new                   (const char        *name,
                                                          const char        *url);
const char     *cusp_hapi_provider_get_url               (CuspHapiProvider  *self);
CuspHapiClient *cusp_hapi_provider_get_client            (CuspHapiProvider  *self);
/* NULL: the default cache. */
void            cusp_hapi_provider_set_cache             (CuspHapiProvider  *self,
                                                          CuspCache         *cache);
CuspCache      *cusp_hapi_provider_get_cache             (CuspHapiProvider  *self);

/* Fills the inventory with the catalog (once; a failure can be retried).
 * The sync call adds the nodes in the calling thread; the async one
 * downloads in a worker and adds them in the caller's main context. */
gboolean        cusp_hapi_provider_load_catalog          (CuspHapiProvider  *self,
                                                          GCancellable      *cancellable,
                                                          GError           **error);
void            cusp_hapi_provider_load_catalog_async    (CuspHapiProvider    *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean        cusp_hapi_provider_load_catalog_finish   (CuspHapiProvider  *self,
                                                          GAsyncResult      *result,
                                                          GError           **error);

/* Lazy (added): get_inventory() then returns the tree as it is, never
 * waiting for the network, so that the main thread of a window can look
 * products up; the catalog comes only from load_catalog(_async).  Off by
 * default (the command line wants the blocking load). */
void            cusp_hapi_provider_set_lazy              (CuspHapiProvider  *self,
                                                          gboolean           lazy);
/* Whether the catalog is in the tree (added). */
gboolean        cusp_hapi_provider_is_catalog_loaded     (CuspHapiProvider  *self);
/* Whether the dataset node's parameters are in the tree (added). */
gboolean        cusp_hapi_provider_is_dataset_loaded     (CuspHapiProvider  *self,
                                                          CuspInventoryNode *dataset_node);

/* Fetches the dataset's /info (once) and adds its numeric and string
 * parameters (data kind CUSP_DATA_KIND_TEXT) as children of dataset_node, with units, descriptions, cadence, coverage
 * and HAPI metadata; also sets the dataset node's cadence and coverage.
 * Same threading rule as load_catalog. */
gboolean        cusp_hapi_provider_load_dataset_info     (CuspHapiProvider   *self,
                                                          CuspInventoryNode  *dataset_node,
                                                          GCancellable       *cancellable,
                                                          GError            **error);
void            cusp_hapi_provider_load_dataset_info_async  (CuspHapiProvider    *self,
                                                             CuspInventoryNode   *dataset_node,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean        cusp_hapi_provider_load_dataset_info_finish (CuspHapiProvider  *self,
                                                             GAsyncResult      *result,
                                                             GError           **error);

/* The dataset's /info (fetched once, then kept).  Thread-safe. */
CuspHapiInfo   *cusp_hapi_provider_get_info              (CuspHapiProvider  *self,
                                                          const char        *dataset,
                                                          GCancellable      *cancellable,
                                                          GError           **error);
/* Several parameters of one dataset through the cache: one CuspData per
 * name, in the order given (NULL: every numeric and string parameter;
 * strings come as CuspTextSeries).  Thread-safe. */
GPtrArray      *cusp_hapi_provider_get_dataset_data      (CuspHapiProvider   *self,
                                                          const char         *dataset,
                                                          const char *const  *parameters,
                                                          CuspTime            start,
                                                          CuspTime            stop,
                                                          GCancellable       *cancellable,
                                                          GError            **error);

G_END_DECLS
