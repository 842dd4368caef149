/* cusp-hapi-provider.c: one HAPI server as a data source
 *
 * The lock guards the info table, the dataset-node table and the loaded
 * flags; network calls run without it.  The catalog and each /info are
 * also written next to the cached fragments, so that working offline
 * still shows the inventory and serves cached data after a restart.
 */
#define G_LOG_DOMAIN "cusp-hapi-provider"

#include "config.h"

#include "cusp-hapi-provider.h"
#include "cusp-server-list.h"
#include "cusp-hapi-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _CuspHapiProvider
{
  CuspProvider        parent_instance;

  char               *url;
  char               *prefix;          /* "hapi-<slug>/" */
  CuspHapiClient     *client;
  CuspCache          *cache;
  GMutex              lock;
  GHashTable         *infos;           /* dataset → CuspHapiInfo */
  GHashTable         *dataset_nodes;   /* dataset → node (borrowed from the tree) */
  GHashTable         *filled;          /* datasets whose parameters are in the tree */
  CuspInventoryNode  *root;
  gboolean            catalog_loaded;
  gboolean            lazy;
  int                 binary;          /* -1 unknown, 0 CSV only, 1 binary */
};

G_DEFINE_FINAL_TYPE (CuspHapiProvider, cusp_hapi_provider, CUSP_TYPE_PROVIDER)

static void
cusp_hapi_provider_finalize (GObject *object)
{
  CuspHapiProvider *self = CUSP_HAPI_PROVIDER (object);

  g_free (self->url);
  g_free (self->prefix);
  cusp_hapi_client_unref (self->client);
  g_clear_object (&self->cache);
  g_hash_table_unref (self->infos);
  g_hash_table_unref (self->dataset_nodes);
  g_hash_table_unref (self->filled);
  g_clear_object (&self->root);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cusp_hapi_provider_parent_class)->finalize (object);
}

static CuspInventoryNode *cusp_hapi_provider_get_inventory (CuspProvider *provider);
static CuspData *cusp_hapi_provider_get_data (CuspProvider  *provider,
                                              const char    *product,
                                              CuspTime       start,
                                              CuspTime       stop,
                                              GCancellable  *cancellable,
                                              GError       **error);
static CuspData *cusp_hapi_provider_get_data_with_progress (CuspProvider      *provider,
                                                            const char        *product,
                                                            CuspTime           start,
                                                            CuspTime           stop,
                                                            CuspProgressFunc   progress,
                                                            gpointer           progress_data,
                                                            GCancellable      *cancellable,
                                                            GError           **error);

static void
cusp_hapi_provider_class_init (CuspHapiProviderClass *klass)
{
  CuspProviderClass *provider_class = CUSP_PROVIDER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cusp_hapi_provider_finalize;
  provider_class->get_inventory = cusp_hapi_provider_get_inventory;
  provider_class->get_data = cusp_hapi_provider_get_data;
  provider_class->get_data_with_progress = cusp_hapi_provider_get_data_with_progress;
}

static void
cusp_hapi_provider_init (CuspHapiProvider *self)
{
  g_mutex_init (&self->lock);
  self->infos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) cusp_hapi_info_unref);
  self->dataset_nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->filled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->binary = -1;
}

CuspProvider *
cusp_hapi_provider_new (const char *name,
                        const char *url)
{
  g_autofree char *host = NULL, *slug = NULL, *id = NULL, *base = NULL;
  CuspHapiProvider *self;

  g_return_val_if_fail (url != NULL, NULL);

  base = g_strdup (url);
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  if (name == NULL)
    {
      g_autoptr (GUri) uri = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);

      host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : base);
      name = host;
    }
  slug = cusp_server_make_slug (name);
  id = g_strconcat ("hapi-", slug, NULL);
  self = g_object_new (CUSP_TYPE_HAPI_PROVIDER, "id", id, "name", name, NULL);
  self->url = g_steal_pointer (&base);
  self->prefix = g_strconcat (id, "/", NULL);
  self->client = cusp_hapi_client_new (self->url);
  cusp_hapi_client_set_name (self->client, name);
  self->root = cusp_inventory_node_new (CUSP_NODE_PROVIDER, id, name);
  cusp_inventory_node_set_description (self->root, self->url);
  cusp_inventory_node_set_coverage (self->root, CUSP_TIME_INVALID, CUSP_TIME_INVALID);
  return CUSP_PROVIDER (self);
}

const char *
cusp_hapi_provider_get_url (CuspHapiProvider *self)
{
  g_return_val_if_fail (CUSP_IS_HAPI_PROVIDER (self), NULL);

  return self->url;
}

CuspHapiClient *
cusp_hapi_provider_get_client (CuspHapiProvider *self)
{
  g_return_val_if_fail (CUSP_IS_HAPI_PROVIDER (self), NULL);

  return self->client;
}

void
cusp_hapi_provider_set_cache (CuspHapiProvider *self,
                              CuspCache        *cache)
{
  g_return_if_fail (CUSP_IS_HAPI_PROVIDER (self));
  g_return_if_fail (cache == NULL || CUSP_IS_CACHE (cache));

  g_mutex_lock (&self->lock);
  g_set_object (&self->cache, cache);
  g_mutex_unlock (&self->lock);
}

CuspCache *
cusp_hapi_provider_get_cache (CuspHapiProvider *self)
{
  CuspCache *cache;

  g_return_val_if_fail (CUSP_IS_HAPI_PROVIDER (self), NULL);

  g_mutex_lock (&self->lock);
  cache = self->cache != NULL ? self->cache : cusp_cache_get_default ();
  g_mutex_unlock (&self->lock);
  return cache;
}

/* ---- Documents kept next to the cache --------------------------------------- */

static void
save_document (CuspHapiProvider *self,
               const char       *dataset,
               const char       *file,
               const char       *json)
{
  CuspCache *cache = cusp_hapi_provider_get_cache (self);
  g_autofree char *path = cusp_cache_metadata_path (cache, self->url, dataset, file);
  g_autofree char *dir = g_path_get_dirname (path);

  if (json == NULL || g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (path, json, -1, NULL))
    g_debug ("Cannot keep %s for offline use", path);
}

static char *
load_document (CuspHapiProvider *self,
               const char       *dataset,
               const char       *file)
{
  CuspCache *cache = cusp_hapi_provider_get_cache (self);
  g_autofree char *path = cusp_cache_metadata_path (cache, self->url, dataset, file);
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, NULL);
  return text;
}

static gboolean
offline (CuspHapiProvider *self)
{
  return cusp_cache_get_offline (cusp_hapi_provider_get_cache (self));
}

static void
set_offline_error (CuspHapiProvider  *self,
                   const char        *what,
                   GError           **error)
{
  g_set_error (error, CUSP_CACHE_ERROR, CUSP_CACHE_ERROR_OFFLINE,
               _("offline: %s of %s is not in the cache; go online to download it"),
               what, cusp_provider_get_name (CUSP_PROVIDER (self)));
}

/* ---- Catalog ------------------------------------------------------------------ */

static void
append_json_string (GString    *json,
                    const char *text)
{
  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (json, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

static CuspHapiCatalog *
fetch_catalog (CuspHapiProvider  *self,
               GCancellable      *cancellable,
               GError           **error)
{
  CuspHapiCatalog *catalog;
  GString *json;

  if (offline (self))
    {
      g_autofree char *text = load_document (self, NULL, "catalog.json");

      if (text == NULL)
        {
          set_offline_error (self, _("the catalog"), error);
          return NULL;
        }
      return cusp_hapi_catalog_parse (text, -1, error);
    }
  catalog = cusp_hapi_client_get_catalog (self->client, cancellable, error);
  if (catalog == NULL)
    return NULL;
  /* The parsed catalog keeps no JSON: write back what the tree needs. */
  json = g_string_new ("{\"HAPI\":\"");
  g_string_append (json, catalog->version != NULL ? catalog->version : "2.0");
  g_string_append (json, "\",\"status\":{\"code\":1200,\"message\":\"OK\"},\"catalog\":[");
  for (guint i = 0; i < catalog->n_entries; i++)
    {
      g_string_append (json, i > 0 ? ",{\"id\":" : "{\"id\":");
      append_json_string (json, catalog->entries[i].id);
      if (catalog->entries[i].title != NULL)
        {
          g_string_append (json, ",\"title\":");
          append_json_string (json, catalog->entries[i].title);
        }
      g_string_append_c (json, '}');
    }
  g_string_append (json, "]}");
  save_document (self, NULL, "catalog.json", json->str);
  g_string_free (json, TRUE);
  return catalog;
}

/* Mission and instrument guessed from an id ("MMS1_FGM_SRVY_L2"). */
static void
split_id (const char  *id,
          char       **mission,
          char       **instrument)
{
  char sep = strchr (id, '_') != NULL ? '_' : '-';
  char separator[2] = { sep, '\0' };
  g_auto (GStrv) parts = g_strsplit (id, separator, 3);
  guint n = g_strv_length (parts);

  *mission = *instrument = NULL;
  for (guint i = 0; i < n; i++)
    if (parts[i][0] == '\0')
      return;
  if (n >= 2)
    *mission = g_ascii_strup (parts[0], -1);
  if (n >= 3)
    *instrument = g_ascii_strup (parts[1], -1);
}

static CuspInventoryNode *
group_node (GHashTable        *groups,
            CuspInventoryNode *parent,
            CuspNodeKind       kind,
            const char        *id,
            const char        *name)
{
  CuspInventoryNode *node = g_hash_table_lookup (groups, id);
  g_autoptr (CuspInventoryNode) created = NULL;

  if (node != NULL)
    return node;
  created = cusp_inventory_node_new (kind, id, name);
  cusp_inventory_node_set_coverage (created, CUSP_TIME_INVALID, CUSP_TIME_INVALID);
  cusp_inventory_node_append (parent, created);
  g_hash_table_insert (groups, g_strdup (id), created);
  return created;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Missions sorted by name, then "Other"; datasets in catalog order. */
static void
add_missions (CuspHapiProvider *self,
              CuspHapiCatalog  *catalog,
              GHashTable       *groups,
              gboolean         *any_split)
{
  g_autoptr (GPtrArray) missions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  *any_split = FALSE;
  for (guint i = 0; i < catalog->n_entries; i++)
    {
      g_autofree char *mission = NULL, *instrument = NULL;

      split_id (catalog->entries[i].id, &mission, &instrument);
      if (mission == NULL)
        continue;
      *any_split = TRUE;
      if (!g_hash_table_contains (seen, mission))
        {
          g_hash_table_add (seen, mission);
          g_ptr_array_add (missions, g_steal_pointer (&mission));
        }
    }
  g_ptr_array_sort (missions, compare_strings);
  for (guint i = 0; i < missions->len; i++)
    {
      const char *m = g_ptr_array_index (missions, i);
      g_autofree char *id = g_strdup_printf ("%smission:%s", self->prefix, m);

      group_node (groups, self->root, CUSP_NODE_MISSION, id, m);
    }
}

static void
add_dataset (CuspHapiProvider           *self,
             const CuspHapiCatalogEntry *entry,
             GHashTable                 *groups,
             gboolean                    any_split)
{
  g_autofree char *mission = NULL, *instrument = NULL, *id = NULL;
  g_autoptr (CuspInventoryNode) node = NULL;
  CuspInventoryNode *parent = self->root;

  split_id (entry->id, &mission, &instrument);
  if (mission != NULL)
    {
      g_autofree char *mid = g_strdup_printf ("%smission:%s", self->prefix, mission);

      parent = group_node (groups, self->root, CUSP_NODE_MISSION, mid, mission);
      if (instrument != NULL)
        {
          g_autofree char *iid = g_strdup_printf ("%s/instrument:%s", mid, instrument);

          parent = group_node (groups, parent, CUSP_NODE_INSTRUMENT, iid, instrument);
        }
    }
  else if (any_split)
    {
      g_autofree char *oid = g_strconcat (self->prefix, "other", NULL);

      parent = group_node (groups, self->root, CUSP_NODE_FOLDER, oid, _("Other"));
    }

  id = g_strconcat (self->prefix, entry->id, NULL);
  node = cusp_inventory_node_new (CUSP_NODE_DATASET, id, entry->id);
  cusp_inventory_node_set_coverage (node, CUSP_TIME_INVALID, CUSP_TIME_INVALID);
  if (entry->title != NULL)
    {
      cusp_inventory_node_set_description (node, entry->title);
      cusp_metadata_set (cusp_inventory_node_get_metadata (node), "title", entry->title);
    }
  cusp_metadata_set (cusp_inventory_node_get_metadata (node), "dataset", entry->id);
  cusp_inventory_node_append (parent, node);
  g_hash_table_insert (self->dataset_nodes, g_strdup (entry->id), node);
}

/* Called with the lock held. */
static void
build_tree (CuspHapiProvider *self,
            CuspHapiCatalog  *catalog)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean any_split;

  if (self->catalog_loaded)
    return;
  add_missions (self, catalog, groups, &any_split);
  for (guint i = 0; i < catalog->n_entries; i++)
    if (!g_hash_table_contains (self->dataset_nodes, catalog->entries[i].id))
      add_dataset (self, &catalog->entries[i], groups, any_split);
  self->catalog_loaded = TRUE;
}

static gboolean
catalog_loaded (CuspHapiProvider *self)
{
  gboolean loaded;

  g_mutex_lock (&self->lock);
  loaded = self->catalog_loaded;
  g_mutex_unlock (&self->lock);
  return loaded;
}

gboolean
cusp_hapi_provider_load_catalog (CuspHapiProvider  *self,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  g_autoptr (CuspHapiCatalog) catalog = NULL;

  g_return_val_if_fail (CUSP_IS_HAPI_PROVIDER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (catalog_loaded (self))
    return TRUE;
  catalog = fetch_catalog (self, cancellable, error);
  if (catalog == NULL)
    return FALSE;
  g_mutex_lock (&self->lock);
  build_tree (self, catalog);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static void
fetch_catalog_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data G_GNUC_UNUSED,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  CuspHapiCatalog *catalog = fetch_catalog (source, cancellable, &error);

  if (catalog == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, catalog, (GDestroyNotify) cusp_hapi_catalog_unref);
}

/* Back in the caller's context: the tree changes there, never in a worker. */
static void
catalog_fetched (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CuspHapiProvider *self = CUSP_HAPI_PROVIDER (source);
  g_autoptr (GTask) outer = user_data;
  g_autoptr (CuspHapiCatalog) catalog = NULL;
  GError *error = NULL;

  catalog = g_task_propagate_pointer (G_TASK (result), &error);
  if (catalog == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  g_mutex_lock (&self->lock);
  build_tree (self, catalog);
  g_mutex_unlock (&self->lock);
  g_task_return_boolean (outer, TRUE);
}

void
cusp_hapi_provider_load_catalog_async (CuspHapiProvider    *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr (GTask) inner = NULL;
  GTask *outer;

  g_return_if_fail (CUSP_IS_HAPI_PROVIDER (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cusp_hapi_provider_load_catalog_async);
  if (catalog_loaded (self))
    {
      g_task_return_boolean (outer, TRUE);
      g_object_unref (outer);
      return;
    }
  inner = g_task_new (self, cancellable, catalog_fetched, outer);
  g_task_run_in_thread (inner, fetch_catalog_thread);
}

gboolean
cusp_hapi_provider_load_catalog_finish (CuspHapiProvider  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static const char *dataset_of (CuspHapiProvider  *self,
                               CuspInventoryNode *node,
                               GError           **error);

static CuspInventoryNode *
cusp_hapi_provider_get_inventory (CuspProvider *provider)
{
  CuspHapiProvider *self = CUSP_HAPI_PROVIDER (provider);
  g_autoptr (GError) error = NULL;

  if (!self->lazy && !cusp_hapi_provider_load_catalog (self, NULL, &error))
    g_message ("%s", error->message);
  return self->root;
}

void
cusp_hapi_provider_set_lazy (CuspHapiProvider *self,
                             gboolean          lazy)
{
  g_return_if_fail (CUSP_IS_HAPI_PROVIDER (self));

  self->lazy = !!lazy;
}

gboolean
cusp_hapi_provider_is_catalog_loaded (CuspHapiProvider *self)
{
  g_return_val_if_fail (CUSP_IS_HAPI_PROVIDER (self), FALSE);

  return catalog_loaded (self);
}

gboolean
cusp_hapi_provider_is_dataset_loaded (CuspHapiProvider  *self,
                                      CuspInventoryNode *dataset_node)
{
  const char *dataset;
  gboolean loaded;

  g_return_val_if_fail (CUSP_IS_HAPI_PROVIDER (self), FALSE);
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (dataset_node), FALSE);

  dataset = dataset_of (self, dataset_node, NULL);
  if (dataset == NULL)
    return FALSE;
  g_mutex_lock (&self->lock);
  loaded = g_hash_table_contains (self->filled, dataset);
  g_mutex_unlock (&self->lock);
  return loaded;
}

/* ---- Dataset info ------------------------------------------------------------- */

CuspHapiInfo *
cusp_hapi_provider_get_info (CuspHapiProvider  *self,
                             const char        *dataset,
                             GCancellable      *cancellable,
                             GError           **error)
{
  CuspHapiInfo *info;

  g_return_val_if_fail (CUSP_IS_HAPI_PROVIDER (self), NULL);
  g_return_val_if_fail (dataset != NULL, NULL);

  g_mutex_lock (&self->lock);
  info = g_hash_table_lookup (self->infos, dataset);
  if (info != NULL)
    cusp_hapi_info_ref (info);
  g_mutex_unlock (&self->lock);
  if (info != NULL)
    return info;

  if (offline (self))
    {
      g_autofree char *text = load_document (self, dataset, "info.json");

      if (text == NULL)
        {
          g_autofree char *what = g_strdup_printf (_("the description of “%s”"), dataset);

          set_offline_error (self, what, error);
          return NULL;
        }
      info = cusp_hapi_info_parse (text, -1, error);
    }
  else
    {
      info = cusp_hapi_client_get_info (self->client, dataset, cancellable, error);
      if (info != NULL)
        save_document (self, dataset, "info.json", info->json);
    }
  if (info == NULL)
    return NULL;

  g_mutex_lock (&self->lock);
  if (!g_hash_table_contains (self->infos, dataset))
    g_hash_table_insert (self->infos, g_strdup (dataset), cusp_hapi_info_ref (info));
  g_mutex_unlock (&self->lock);
  return info;
}

static gboolean
is_numeric (const CuspHapiParameter *p)
{
  return p->type == CUSP_HAPI_TYPE_DOUBLE || p->type == CUSP_HAPI_TYPE_INTEGER;
}

/* What the parsers return a container for: numbers and strings (extra
 * isotime parameters are not read). */
static gboolean
is_data (const CuspHapiParameter *p)
{
  return is_numeric (p) || p->type == CUSP_HAPI_TYPE_STRING;
}

static CuspDataKind
kind_of (const CuspHapiParameter *p)
{
  if (p->type == CUSP_HAPI_TYPE_STRING)
    return CUSP_DATA_KIND_TEXT;
  if (p->n_bins >= 1 && p->n_size == 1)
    return CUSP_DATA_KIND_SPECTROGRAM;
  return CUSP_DATA_KIND_SERIES;
}

static char *
format_size (const CuspHapiParameter *p)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < p->n_size; i++)
    g_string_append_printf (s, "%s%u", i > 0 ? "×" : "", p->size[i]);
  return g_string_free (s, FALSE);
}

static void
set_common (CuspInventoryNode  *node,
            const CuspHapiInfo *info,
            gint64              cadence)
{
  CuspMetadata *m = cusp_inventory_node_get_metadata (node);

  cusp_inventory_node_set_cadence (node, cadence);
  cusp_inventory_node_set_coverage (node, info->start, info->stop);
  if (info->cadence != NULL)
    cusp_metadata_set (m, "cadence", info->cadence);
  if (info->start_date != NULL)
    cusp_metadata_set (m, "startDate", info->start_date);
  if (info->stop_date != NULL)
    cusp_metadata_set (m, "stopDate", info->stop_date);
  if (info->modification_date != NULL)
    cusp_metadata_set (m, "modificationDate", info->modification_date);
}

/* One child per column of an array parameter, as the other providers do:
 * "<parameter id>/<i>", named from the label array or "<name>[i]". */
static void
add_component_nodes (CuspInventoryNode       *node,
                     const CuspHapiInfo      *info,
                     const CuspHapiParameter *p,
                     gint64                   cadence)
{
  guint nc = cusp_hapi_parameter_n_components (p);

  for (guint c = 0; nc > 1 && c < nc; c++)
    {
      g_autofree char *id = g_strdup_printf ("%s/%u", cusp_inventory_node_get_id (node), c);
      g_autofree char *name = cusp_hapi_parameter_component_label (p, c);
      g_autoptr (CuspInventoryNode) child = cusp_inventory_node_new (CUSP_NODE_COMPONENT, id, name);

      cusp_inventory_node_set_data_kind (child, kind_of (p) == CUSP_DATA_KIND_TEXT ? CUSP_DATA_KIND_TEXT
                                                                                   : CUSP_DATA_KIND_SERIES);
      if (p->units != NULL && p->units[0] != NULL)
        cusp_inventory_node_set_unit (child, p->units[g_strv_length (p->units) > c ? c : 0]);
      if (p->description != NULL)
        cusp_inventory_node_set_description (child, p->description);
      set_common (child, info, cadence);
      cusp_inventory_node_append (node, child);
    }
}

static void
add_parameter_node (CuspHapiProvider        *self,
                    CuspInventoryNode       *dataset_node,
                    const char              *dataset,
                    const CuspHapiInfo      *info,
                    const CuspHapiParameter *p,
                    gint64                   cadence)
{
  g_autofree char *id = g_strdup_printf ("%s%s/%s", self->prefix, dataset, p->name);
  g_autoptr (CuspInventoryNode) node = cusp_inventory_node_new (CUSP_NODE_PARAMETER, id, p->name);
  CuspMetadata *m = cusp_inventory_node_get_metadata (node);
  gboolean spectrogram = kind_of (p) == CUSP_DATA_KIND_SPECTROGRAM;

  cusp_inventory_node_set_data_kind (node, kind_of (p));
  if (p->units != NULL && p->units[0] != NULL)
    cusp_inventory_node_set_unit (node, p->units[0]);
  if (p->description != NULL)
    cusp_inventory_node_set_description (node, p->description);
  set_common (node, info, cadence);
  cusp_metadata_set (m, "dataset", dataset);
  cusp_metadata_set (m, "parameter", p->name);
  if (p->label != NULL)
    cusp_metadata_set (m, "label", p->label);
  if (p->n_size > 0)
    {
      g_autofree char *size = format_size (p);

      cusp_metadata_set (m, "size", size);
    }
  if (p->fill != NULL)
    cusp_metadata_set (m, "fill", p->fill);
  if (spectrogram)
    {
      cusp_metadata_set (m, "bins", p->bins[0].name);
      if (p->bins[0].units != NULL)
        cusp_metadata_set (m, "bins units", p->bins[0].units);
    }
  else
    add_component_nodes (node, info, p, cadence);
  cusp_inventory_node_append (dataset_node, node);
}

/* Adds the parameters once; the caller holds no lock (GListStore signals
 * must not run under it). */
static void
fill_dataset (CuspHapiProvider  *self,
              CuspInventoryNode *dataset_node,
              const char        *dataset,
              CuspHapiInfo      *info)
{
  CuspMetadata *m = cusp_inventory_node_get_metadata (dataset_node);
  gint64 cadence = 0;
  gboolean first;

  g_mutex_lock (&self->lock);
  first = g_hash_table_add (self->filled, g_strdup (dataset));
  g_mutex_unlock (&self->lock);
  if (!first)
    return;

  if (!cusp_hapi_parse_duration (info->cadence, &cadence))
    cadence = 0;
  set_common (dataset_node, info, cadence);
  if (info->description != NULL)
    {
      cusp_metadata_set (m, "description", info->description);
      if (cusp_inventory_node_get_description (dataset_node) == NULL)
        cusp_inventory_node_set_description (dataset_node, info->description);
    }
  if (info->resource_url != NULL)
    cusp_metadata_set (m, "resourceURL", info->resource_url);
  if (info->max_request_duration != NULL)
    cusp_metadata_set (m, "maxRequestDuration", info->max_request_duration);
  if (info->version != NULL)
    cusp_metadata_set (m, "HAPI", info->version);
  for (guint i = 1; i < info->n_parameters; i++)
    if (is_data (&info->parameters[i]))
      add_parameter_node (self, dataset_node, dataset, info, &info->parameters[i], cadence);
}

/* The dataset id of a dataset node of this provider, or NULL. */
static const char *
dataset_of (CuspHapiProvider  *self,
            CuspInventoryNode *node,
            GError           **error)
{
  const char *id = cusp_inventory_node_get_id (node);

  if (cusp_inventory_node_get_kind (node) != CUSP_NODE_DATASET ||
      !g_str_has_prefix (id, self->prefix))
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT,
                   _("“%s” is not a dataset of %s"), id, cusp_provider_get_name (CUSP_PROVIDER (self)));
      return NULL;
    }
  return id + strlen (self->prefix);
}

gboolean
cusp_hapi_provider_load_dataset_info (CuspHapiProvider   *self,
                                      CuspInventoryNode  *dataset_node,
                                      GCancellable       *cancellable,
                                      GError            **error)
{
  g_autoptr (CuspHapiInfo) info = NULL;
  const char *dataset;

  g_return_val_if_fail (CUSP_IS_HAPI_PROVIDER (self), FALSE);
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (dataset_node), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dataset = dataset_of (self, dataset_node, error);
  if (dataset == NULL)
    return FALSE;
  info = cusp_hapi_provider_get_info (self, dataset, cancellable, error);
  if (info == NULL)
    return FALSE;
  fill_dataset (self, dataset_node, dataset, info);
  return TRUE;
}

static void
fetch_info_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  CuspHapiInfo *info = cusp_hapi_provider_get_info (source, task_data, cancellable, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) cusp_hapi_info_unref);
}

static void
info_fetched (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) outer = user_data;
  g_autoptr (CuspHapiInfo) info = NULL;
  CuspInventoryNode *node = g_task_get_task_data (outer);
  GError *error = NULL;

  info = g_task_propagate_pointer (G_TASK (result), &error);
  if (info == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  fill_dataset (CUSP_HAPI_PROVIDER (source), node,
                g_task_get_task_data (G_TASK (result)), info);
  g_task_return_boolean (outer, TRUE);
}

void
cusp_hapi_provider_load_dataset_info_async (CuspHapiProvider    *self,
                                            CuspInventoryNode   *dataset_node,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr (GTask) inner = NULL;
  GError *error = NULL;
  const char *dataset;
  GTask *outer;

  g_return_if_fail (CUSP_IS_HAPI_PROVIDER (self));
  g_return_if_fail (CUSP_IS_INVENTORY_NODE (dataset_node));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cusp_hapi_provider_load_dataset_info_async);
  g_task_set_task_data (outer, g_object_ref (dataset_node), g_object_unref);
  dataset = dataset_of (self, dataset_node, &error);
  if (dataset == NULL)
    {
      g_task_return_error (outer, error);
      g_object_unref (outer);
      return;
    }
  inner = g_task_new (self, cancellable, info_fetched, outer);
  g_task_set_task_data (inner, g_strdup (dataset), g_free);
  g_task_run_in_thread (inner, fetch_info_thread);
}

gboolean
cusp_hapi_provider_load_dataset_info_finish (CuspHapiProvider  *self,
                                             GAsyncResult      *result,
                                             GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Data ----------------------------------------------------------------------- */

typedef struct
{
  CuspHapiProvider *self;
  const char       *dataset;
  CuspHapiInfo     *info;
  CuspHapiFormat    format;
} FetchContext;

static GPtrArray *
fetch_progress_cb (const char *const   *parameters,
                   CuspTime             start,
                   CuspTime             stop,
                   CuspCacheReportFunc  report,
                   gpointer             report_data,
                   gpointer             user_data,
                   GCancellable        *cancellable,
                   GError             **error)
{
  FetchContext *ctx = user_data;

  return cusp_hapi_client_get_data_with_progress (ctx->self->client, ctx->dataset, ctx->info,
                                                  parameters, start, stop, ctx->format, FALSE,
                                                  report, report_data, cancellable, error);
}

static GPtrArray *
fetch_cb (const char *const *parameters,
          CuspTime           start,
          CuspTime           stop,
          gpointer           user_data,
          GCancellable      *cancellable,
          GError           **error)
{
  FetchContext *ctx = user_data;

  return cusp_hapi_client_get_data (ctx->self->client, ctx->dataset, ctx->info, parameters,
                                    start, stop, ctx->format, FALSE, cancellable, error);
}

/* Binary when the server offers it: no number parsing at all. */
static CuspHapiFormat
data_format (CuspHapiProvider *self,
             GCancellable     *cancellable)
{
  int binary;

  g_mutex_lock (&self->lock);
  binary = self->binary;
  g_mutex_unlock (&self->lock);
  if (binary < 0)
    {
      g_autoptr (CuspHapiCapabilities) caps =
        cusp_hapi_client_get_capabilities (self->client, cancellable, NULL);

      binary = caps != NULL && cusp_hapi_capabilities_has_format (caps, "binary");
      g_mutex_lock (&self->lock);
      self->binary = binary;
      g_mutex_unlock (&self->lock);
    }
  return binary ? CUSP_HAPI_FORMAT_BINARY : CUSP_HAPI_FORMAT_CSV;
}

/* Requested names in the info's order (as HAPI wants them), checked. */
static char **
ordered_names (CuspHapiProvider   *self,
               const char         *dataset,
               const CuspHapiInfo *info,
               const char *const  *parameters,
               GError            **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint k = 0; parameters != NULL && parameters[k] != NULL; k++)
    {
      int i = cusp_hapi_info_find (info, parameters[k]);

      if (i <= 0)
        {
          g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_UNKNOWN_PARAMETER,
                       _("%s has no parameter “%s” in dataset “%s”; check the names in the inventory"),
                       cusp_provider_get_name (CUSP_PROVIDER (self)), parameters[k], dataset);
          return NULL;
        }
      if (!is_data (&info->parameters[i]))
        {
          g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT,
                       _("“%s” of “%s” holds times, which are read only as the time of each record; choose another parameter"),
                       parameters[k], dataset);
          return NULL;
        }
    }
  for (guint i = 1; i < info->n_parameters; i++)
    {
      gboolean wanted = parameters == NULL ? is_data (&info->parameters[i])
                                           : g_strv_contains (parameters, info->parameters[i].name);

      if (wanted)
        g_ptr_array_add (names, info->parameters[i].name);
    }
  if (names->len == 0)
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT,
                   _("Dataset “%s” has no numeric parameter to fetch"), dataset);
      return NULL;
    }
  g_ptr_array_add (names, NULL);
  return g_strdupv ((char **) names->pdata);
}

static GPtrArray *
get_dataset_data (CuspHapiProvider   *self,
                  const char         *dataset,
                  const char *const  *parameters,
                  CuspTime            start,
                  CuspTime            stop,
                  CuspProgressFunc    progress,
                  gpointer            progress_data,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr (CuspHapiInfo) info = NULL;
  g_autoptr (GPtrArray) data = NULL;
  g_auto (GStrv) names = NULL;
  CuspCache *cache;
  FetchContext ctx;
  CuspCacheRequest req = { 0 };
  GPtrArray *out;

  if (start >= stop)
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE,
                   _("The start time is not before the stop time; choose a longer range"));
      return NULL;
    }
  info = cusp_hapi_provider_get_info (self, dataset, cancellable, error);
  if (info == NULL)
    return NULL;
  names = ordered_names (self, dataset, info, parameters, error);
  if (names == NULL)
    return NULL;

  cache = cusp_hapi_provider_get_cache (self);
  ctx.self = self;
  ctx.dataset = dataset;
  ctx.info = info;
  ctx.format = cusp_cache_get_offline (cache) ? CUSP_HAPI_FORMAT_CSV : data_format (self, cancellable);
  req.source = self->url;
  req.dataset = dataset;
  req.parameters = (const char *const *) names;
  if (!cusp_hapi_parse_duration (info->cadence, &req.cadence_ns))
    req.cadence_ns = 0;
  req.coverage_start = info->start;
  req.coverage_stop = info->stop;
  req.version = info->modification_date;
  req.fetch = fetch_cb;
  req.fetch_progress = fetch_progress_cb;
  req.fetch_data = &ctx;
  req.progress = progress;
  req.progress_data = progress_data;
  data = cusp_cache_get (cache, &req, start, stop, cancellable, error);
  if (data == NULL)
    return NULL;
  if (parameters == NULL)
    return g_steal_pointer (&data);

  /* Back to the caller's order. */
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_data_unref);
  for (guint k = 0; parameters[k] != NULL; k++)
    for (guint i = 0; names[i] != NULL; i++)
      if (strcmp (names[i], parameters[k]) == 0)
        g_ptr_array_add (out, cusp_data_ref (g_ptr_array_index (data, i)));
  return out;
}

GPtrArray *
cusp_hapi_provider_get_dataset_data (CuspHapiProvider   *self,
                                     const char         *dataset,
                                     const char *const  *parameters,
                                     CuspTime            start,
                                     CuspTime            stop,
                                     GCancellable       *cancellable,
                                     GError            **error)
{
  g_return_val_if_fail (CUSP_IS_HAPI_PROVIDER (self), NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return get_dataset_data (self, dataset, parameters, start, stop, NULL, NULL,
                           cancellable, error);
}

/* "<dataset>/<parameter>/<i>" names column i of an array parameter when
 * the dataset has such a parameter; anything else is "<dataset>/<parameter>". */
static gboolean
split_component (CuspHapiProvider  *self,
                 const char        *rest,
                 char             **dataset,
                 char             **parameter,
                 int               *component,
                 char             **label,
                 GCancellable      *cancellable)
{
  const char *last = strrchr (rest, '/'), *prev;
  g_autofree char *ds = NULL;
  g_autoptr (CuspHapiInfo) info = NULL;
  guint64 c;
  int i;

  if (last == NULL || last == rest)
    return FALSE;
  for (prev = last - 1; prev > rest && *prev != '/'; prev--)
    ;
  if (prev == rest || !g_ascii_string_to_unsigned (last + 1, 10, 0, G_MAXINT, &c, NULL))
    return FALSE;
  ds = g_strndup (rest, (gsize) (prev - rest));
  info = cusp_hapi_provider_get_info (self, ds, cancellable, NULL);
  if (info == NULL)
    return FALSE;
  *parameter = g_strndup (prev + 1, (gsize) (last - prev - 1));
  i = cusp_hapi_info_find (info, *parameter);
  if (i <= 0 || cusp_hapi_parameter_n_components (&info->parameters[i]) <= c
      || (info->parameters[i].n_bins >= 1 && info->parameters[i].n_size == 1))
    {
      g_clear_pointer (parameter, g_free);
      return FALSE;
    }
  *dataset = g_steal_pointer (&ds);
  *component = (int) c;
  *label = cusp_hapi_parameter_component_label (&info->parameters[i], (guint) c);
  return TRUE;
}

static CuspData *
one_component (CuspData   *data,
               guint       c,
               const char *label)
{
  CuspSeries *s = cusp_data_get_series (data);
  g_autoptr (CuspSeries) out = NULL;
  g_autofree char *name = NULL;

  out = cusp_series_new (s->n_samples, 1);
  if (s->n_samples > 0)
    {
      memcpy (out->times, s->times, s->n_samples * sizeof (CuspTime));
      memcpy (out->values, cusp_series_column (s, c), s->n_samples * sizeof (double));
    }
  name = g_strdup_printf ("%s %s", s->name != NULL ? s->name : "", label);
  cusp_series_set_name (out, name);
  cusp_series_set_unit (out, s->unit);
  cusp_series_set_label (out, 0, label);
  cusp_series_set_metadata (out, s->metadata);
  return cusp_data_new_series (g_steal_pointer (&out));
}

static CuspData *
one_text_component (CuspData   *data,
                    guint       c,
                    const char *label)
{
  CuspTextSeries *s = cusp_data_get_text (data);
  g_autoptr (CuspTextSeries) out = cusp_text_series_new (s->n_samples, 1);
  g_autofree char *name = g_strdup_printf ("%s %s", s->name != NULL ? s->name : "", label);

  if (s->n_samples > 0)
    memcpy (out->times, s->times, s->n_samples * sizeof (CuspTime));
  for (guint i = 0; i < s->n_samples; i++)
    cusp_text_series_set_value (out, 0, i, cusp_text_series_get_value (s, c, i));
  cusp_text_series_set_name (out, name);
  cusp_text_series_set_label (out, 0, label);
  cusp_text_series_set_metadata (out, s->metadata);
  return cusp_data_new_text (g_steal_pointer (&out));
}

static CuspData *
cusp_hapi_provider_get_data_with_progress (CuspProvider      *provider,
                                           const char        *product,
                                           CuspTime           start,
                                           CuspTime           stop,
                                           CuspProgressFunc   progress,
                                           gpointer           progress_data,
                                           GCancellable      *cancellable,
                                           GError           **error)
{
  CuspHapiProvider *self = CUSP_HAPI_PROVIDER (provider);
  g_autoptr (GPtrArray) data = NULL;
  g_autofree char *dataset = NULL, *parameter = NULL, *label = NULL;
  const char *rest, *slash;
  const char *names[2] = { NULL, NULL };
  int component = -1;
  CuspData *d;

  rest = g_str_has_prefix (product, self->prefix) ? product + strlen (self->prefix) : NULL;
  slash = rest != NULL ? strrchr (rest, '/') : NULL;
  if (slash == NULL || slash == rest || slash[1] == '\0' || g_str_has_prefix (rest, "mission:"))
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT,
                   _("“%s” is not a parameter of %s; choose a parameter inside a dataset"),
                   product, cusp_provider_get_name (provider));
      return NULL;
    }
  if (!split_component (self, rest, &dataset, &parameter, &component, &label, cancellable))
    {
      dataset = g_strndup (rest, (gsize) (slash - rest));
      parameter = g_strdup (slash + 1);
    }
  names[0] = parameter;
  data = get_dataset_data (self, dataset, names, start, stop, progress, progress_data,
                           cancellable, error);
  if (data == NULL || data->len == 0)
    return NULL;
  d = g_ptr_array_index (data, 0);
  if (component >= 0)
    {
      CuspSeries *s = cusp_data_get_series (d);
      CuspTextSeries *ts = cusp_data_get_text (d);
      guint nc = s != NULL ? s->n_components : ts != NULL ? ts->n_components : 0;

      if ((guint) component >= nc)
        {
          g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT,
                       _("“%s” has no component %d; choose one listed under the parameter"),
                       parameter, component);
          return NULL;
        }
      if (ts != NULL)
        return one_text_component (d, (guint) component, label);
      return one_component (d, (guint) component, label);
    }
  return cusp_data_ref (d);
}

static CuspData *
cusp_hapi_provider_get_data (CuspProvider  *provider,
                             const char    *product,
                             CuspTime       start,
                             CuspTime       stop,
                             GCancellable  *cancellable,
                             GError       **error)
{
  return cusp_hapi_provider_get_data_with_progress (provider, product, start, stop, NULL, NULL,
                                                    cancellable, error);
}
