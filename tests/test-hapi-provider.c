/* test-hapi-provider.c: a HAPI server's inventory, against
 * tests/hapi-server.py (/v3/hapi serves the datasets documented in the
 * script, /fixture/hapi the real SSCWeb catalog and ACE info of
 * CUSP_FIXTURES/hapi).  Expected trees are written here from those lists.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cusp-hapi-provider.h"
#include "hapi-test-server.h"

typedef struct
{
  HapiTestServer server;
  char          *dir;
  CuspCache     *cache;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data G_GNUC_UNUSED)
{
  hapi_test_server_start (&f->server);
  f->dir = g_dir_make_tmp ("cusp-provider-XXXXXX", NULL);
  f->cache = cusp_cache_new (f->dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data G_GNUC_UNUSED)
{
  g_assert_true (cusp_cache_clear (f->cache, NULL));
  g_rmdir (f->dir);
  g_free (f->dir);
  g_clear_object (&f->cache);
  hapi_test_server_stop (&f->server);
}

static CuspProvider *
provider_for (Fixture    *f,
              const char *path)
{
  g_autofree char *url = g_strconcat (f->server.root, path, NULL);
  CuspProvider *p = cusp_hapi_provider_new ("Test server", url);

  cusp_hapi_provider_set_cache (CUSP_HAPI_PROVIDER (p), f->cache);
  return p;
}

static CuspInventoryNode *
child (CuspInventoryNode *node,
       guint              i)
{
  GListModel *children = cusp_inventory_node_get_children (node);
  g_autoptr (CuspInventoryNode) c = g_list_model_get_item (children, i);

  g_assert_nonnull (c);
  return c;   /* the store keeps it alive */
}

static guint
n_children (CuspInventoryNode *node)
{
  return g_list_model_get_n_items (cusp_inventory_node_get_children (node));
}

static void
assert_node (CuspInventoryNode *node,
             CuspNodeKind       kind,
             const char        *id,
             const char        *name)
{
  g_assert_cmpint (cusp_inventory_node_get_kind (node), ==, kind);
  g_assert_cmpstr (cusp_inventory_node_get_id (node), ==, id);
  g_assert_cmpstr (cusp_inventory_node_get_name (node), ==, name);
}

static void
test_tree (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspProvider) p = provider_for (f, "/v3/hapi");
  /* Catalog order of the script, "ds1s_split" being the one that splits. */
  static const char *other[] = { "ds1s", "spec", "spectv", "flaky500", "always500", "err1501",
                                 "truncated", "stall", "garbage", "trickle" };
  CuspInventoryNode *root, *mission, *folder;

  g_assert_cmpstr (cusp_provider_get_id (p), ==, "hapi-test-server");
  g_assert_cmpstr (cusp_provider_get_name (p), ==, "Test server");
  root = cusp_provider_get_inventory (p);
  assert_node (root, CUSP_NODE_PROVIDER, "hapi-test-server", "Test server");
  g_assert_cmpuint (n_children (root), ==, 2);

  mission = child (root, 0);
  assert_node (mission, CUSP_NODE_MISSION, "hapi-test-server/mission:DS1S", "DS1S");
  g_assert_cmpuint (n_children (mission), ==, 1);
  assert_node (child (mission, 0), CUSP_NODE_DATASET, "hapi-test-server/ds1s_split", "ds1s_split");
  g_assert_cmpstr (cusp_inventory_node_get_description (child (mission, 0)), ==, "Test ds1s_split");

  folder = child (root, 1);
  assert_node (folder, CUSP_NODE_FOLDER, "hapi-test-server/other", "Other");
  g_assert_cmpuint (n_children (folder), ==, G_N_ELEMENTS (other));
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    {
      g_autofree char *id = g_strconcat ("hapi-test-server/", other[i], NULL);

      assert_node (child (folder, i), CUSP_NODE_DATASET, id, other[i]);
      g_assert_cmpuint (n_children (child (folder, i)), ==, 0);   /* info not loaded */
    }
  /* Asked again: built once, no second catalog request. */
  g_assert_true (cusp_provider_get_inventory (p) == root);
  g_assert_cmpuint (n_children (root), ==, 2);
  g_assert_cmpint (hapi_test_server_count (&f->server, "/v3/hapi/catalog"), ==, 1);
}

static void
test_dataset_info (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspProvider) p = provider_for (f, "/v3/hapi");
  g_autoptr (GError) error = NULL;
  CuspInventoryNode *root = cusp_provider_get_inventory (p);
  CuspInventoryNode *ds, *b, *n, *spec, *flux;
  CuspTime start, stop, t0, t1;

  ds = cusp_inventory_node_find (root, "hapi-test-server/ds1s");
  g_assert_nonnull (ds);
  g_assert_true (cusp_hapi_provider_load_dataset_info (CUSP_HAPI_PROVIDER (p), ds, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_children (ds), ==, 2);
  g_assert_cmpint (cusp_inventory_node_get_cadence (ds), ==, CUSP_NS_PER_SECOND);
  b = child (ds, 0);
  n = child (ds, 1);
  assert_node (b, CUSP_NODE_PARAMETER, "hapi-test-server/ds1s/B", "B");
  assert_node (n, CUSP_NODE_PARAMETER, "hapi-test-server/ds1s/n", "n");
  g_assert_cmpstr (cusp_inventory_node_get_unit (b), ==, "nT");
  g_assert_cmpstr (cusp_inventory_node_get_unit (n), ==, "cm^-3");
  g_assert_cmpstr (cusp_inventory_node_get_description (b), ==, "test field");
  g_assert_cmpint (cusp_inventory_node_get_data_kind (b), ==, CUSP_DATA_KIND_SERIES);
  g_assert_cmpint (cusp_inventory_node_get_cadence (b), ==, CUSP_NS_PER_SECOND);
  g_assert_cmpstr (cusp_metadata_get (cusp_inventory_node_get_metadata (b), "size"), ==, "3");
  g_assert_cmpstr (cusp_metadata_get (cusp_inventory_node_get_metadata (b), "fill"), ==, "-1e31");
  g_assert_cmpstr (cusp_metadata_get (cusp_inventory_node_get_metadata (b), "startDate"), ==,
                   "2020-01-01T00:00:00Z");
  g_assert_true (cusp_time_parse_iso ("2020-01-01T00:00:00Z", &t0, NULL));
  g_assert_true (cusp_time_parse_iso ("2020-01-02T00:00:00Z", &t1, NULL));
  cusp_inventory_node_get_coverage (n, &start, &stop);
  g_assert_cmpint (start, ==, t0);
  g_assert_cmpint (stop, ==, t1);

  /* Loading twice adds nothing and asks nothing. */
  g_assert_true (cusp_hapi_provider_load_dataset_info (CUSP_HAPI_PROVIDER (p), ds, NULL, &error));
  g_assert_cmpuint (n_children (ds), ==, 2);
  g_assert_cmpint (hapi_test_server_count (&f->server, "info:ds1s"), ==, 1);

  spec = cusp_inventory_node_find (root, "hapi-test-server/spec");
  g_assert_true (cusp_hapi_provider_load_dataset_info (CUSP_HAPI_PROVIDER (p), spec, NULL, &error));
  flux = child (spec, 0);
  g_assert_cmpint (cusp_inventory_node_get_data_kind (flux), ==, CUSP_DATA_KIND_SPECTROGRAM);
  g_assert_cmpint (cusp_inventory_node_get_cadence (flux), ==, 10 * CUSP_NS_PER_SECOND);
  g_assert_cmpstr (cusp_metadata_get (cusp_inventory_node_get_metadata (flux), "bins"), ==, "energy");

  /* Not a dataset node. */
  g_assert_false (cusp_hapi_provider_load_dataset_info (CUSP_HAPI_PROVIDER (p), root, NULL, &error));
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Wait;

static void
done_catalog (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = cusp_hapi_provider_load_catalog_finish (CUSP_HAPI_PROVIDER (source), result, &w->error);
  g_main_loop_quit (w->loop);
}

static void
done_info (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = cusp_hapi_provider_load_dataset_info_finish (CUSP_HAPI_PROVIDER (source), result, &w->error);
  g_main_loop_quit (w->loop);
}

static void
test_async (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspProvider) p = provider_for (f, "/fixture/hapi");
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait w = { loop, FALSE, NULL };
  CuspInventoryNode *root, *ace;

  cusp_hapi_provider_load_catalog_async (CUSP_HAPI_PROVIDER (p), NULL, done_catalog, &w);
  g_main_loop_run (loop);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  /* The SSCWeb fixture: 265 spacecraft ids, none splits, so all are
   * directly under the provider in catalog order. */
  root = cusp_provider_get_inventory (p);
  g_assert_cmpuint (n_children (root), ==, 265);
  ace = child (root, 0);
  assert_node (ace, CUSP_NODE_DATASET, "hapi-test-server/ace", "ace");
  g_assert_cmpstr (cusp_inventory_node_get_description (ace), ==, "ACE");
  assert_node (child (root, 15), CUSP_NODE_DATASET, "hapi-test-server/artemisp1", "artemisp1");

  /* /fixture/hapi/info is the real ACE ephemeris info (cadence PT720S). */
  cusp_hapi_provider_load_dataset_info_async (CUSP_HAPI_PROVIDER (p), ace, NULL, done_info, &w);
  g_main_loop_run (loop);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_cmpuint (n_children (ace), >, 0);
  g_assert_cmpint (cusp_inventory_node_get_cadence (ace), ==, 720 * CUSP_NS_PER_SECOND);
  assert_node (child (ace, 0), CUSP_NODE_PARAMETER, "hapi-test-server/ace/X_TOD", "X_TOD");
}

static void
test_unreachable (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspProvider) p = cusp_hapi_provider_new (NULL, "http://127.0.0.1:9/hapi");
  g_autoptr (GError) error = NULL;

  cusp_hapi_client_set_retries (cusp_hapi_provider_get_client (CUSP_HAPI_PROVIDER (p)), 1, 10);
  cusp_hapi_provider_set_cache (CUSP_HAPI_PROVIDER (p), f->cache);
  g_assert_cmpstr (cusp_provider_get_id (p), ==, "hapi-127-0-0-1");
  g_assert_cmpstr (cusp_provider_get_name (p), ==, "127.0.0.1");
  g_assert_false (cusp_hapi_provider_load_catalog (CUSP_HAPI_PROVIDER (p), NULL, &error));
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (error->message, "Cannot reach 127.0.0.1"));
  g_clear_error (&error);
  /* Offline, nothing was kept: say so instead of trying. */
  cusp_cache_set_offline (f->cache, TRUE);
  g_assert_false (cusp_hapi_provider_load_catalog (CUSP_HAPI_PROVIDER (p), NULL, &error));
  g_assert_error (error, CUSP_CACHE_ERROR, CUSP_CACHE_ERROR_OFFLINE);
}

static void
test_offline_catalog (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspProvider) first = provider_for (f, "/v3/hapi");
  g_autoptr (CuspProvider) second = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (cusp_hapi_provider_load_catalog (CUSP_HAPI_PROVIDER (first), NULL, &error));
  cusp_cache_set_offline (f->cache, TRUE);
  second = provider_for (f, "/v3/hapi");
  g_assert_true (cusp_hapi_provider_load_catalog (CUSP_HAPI_PROVIDER (second), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_children (cusp_provider_get_inventory (second)), ==, 2);
  g_assert_nonnull (cusp_inventory_node_find (cusp_provider_get_inventory (second),
                                              "hapi-test-server/trickle"));
  g_assert_cmpint (hapi_test_server_count (&f->server, "/v3/hapi/catalog"), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/cusp/hapi-provider/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("tree", test_tree);
  ADD ("dataset-info", test_dataset_info);
  ADD ("async", test_async);
  ADD ("unreachable", test_unreachable);
  ADD ("offline-catalog", test_offline_catalog);
#undef ADD
  return g_test_run ();
}
