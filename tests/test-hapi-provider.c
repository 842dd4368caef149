/* test-hapi-provider.c: a HAPI server's inventory, against
 * tests/hapi-server.py (/v3/hapi serves the datasets documented in the
 * script, /fixture/hapi the real SSCWeb catalog and ACE info of
 * CUSP_FIXTURES/hapi).  Expected trees are written here from those lists.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cusp-hapi-provider.h"
#include "cusp-hapi-private.h"
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
  static const char *other[] = { "ds1s", "spec", "spectv", "regions1m", "flaky500", "always500",
                                 "err1501", "truncated", "stall", "garbage", "trickle" };
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

/* ds1s B[3] has no label: components "B[i]"; values from the server's
 * formulas Bx = i*0.25 - 3, By = sin(i/10), Bz = (i % 17) * 1.5. */
static void
test_components (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspProvider) p = provider_for (f, "/v3/hapi");
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspData) data = NULL;
  CuspInventoryNode *root = cusp_provider_get_inventory (p);
  CuspInventoryNode *ds, *b, *n, *spec;
  CuspSeries *s;
  CuspTime t0;

  ds = cusp_inventory_node_find (root, "hapi-test-server/ds1s");
  g_assert_true (cusp_hapi_provider_load_dataset_info (CUSP_HAPI_PROVIDER (p), ds, NULL, &error));
  g_assert_no_error (error);
  b = child (ds, 0);
  n = child (ds, 1);
  g_assert_cmpuint (n_children (b), ==, 3);
  g_assert_cmpuint (n_children (n), ==, 0);
  assert_node (child (b, 0), CUSP_NODE_COMPONENT, "hapi-test-server/ds1s/B/0", "B[0]");
  assert_node (child (b, 1), CUSP_NODE_COMPONENT, "hapi-test-server/ds1s/B/1", "B[1]");
  assert_node (child (b, 2), CUSP_NODE_COMPONENT, "hapi-test-server/ds1s/B/2", "B[2]");
  g_assert_cmpstr (cusp_inventory_node_get_unit (child (b, 2)), ==, "nT");
  g_assert_cmpint (cusp_inventory_node_get_data_kind (child (b, 1)), ==, CUSP_DATA_KIND_SERIES);
  /* A spectrogram's bins are not components. */
  spec = cusp_inventory_node_find (root, "hapi-test-server/spec");
  g_assert_true (cusp_hapi_provider_load_dataset_info (CUSP_HAPI_PROVIDER (p), spec, NULL, &error));
  g_assert_cmpuint (n_children (child (spec, 0)), ==, 0);

  g_assert_true (cusp_time_parse_iso ("2020-01-01T00:00:10Z", &t0, NULL));
  data = cusp_provider_get_data (p, "hapi-test-server/ds1s/B/1", t0, t0 + 5 * CUSP_NS_PER_SECOND,
                                 NULL, &error);
  g_assert_no_error (error);
  s = cusp_data_get_series (data);
  g_assert_nonnull (s);
  g_assert_cmpuint (s->n_components, ==, 1);
  g_assert_cmpuint (s->n_samples, ==, 5);
  g_assert_cmpstr (s->labels[0], ==, "B[1]");
  g_assert_cmpstr (s->unit, ==, "nT");
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpint (s->times[i], ==, t0 + i * CUSP_NS_PER_SECOND);
      g_assert_cmpfloat_with_epsilon (s->values[i], sin ((10 + i) / 10.0), 1e-12);
    }
  g_clear_pointer (&data, cusp_data_unref);
  data = cusp_provider_get_data (p, "hapi-test-server/ds1s/B/2", t0, t0 + 2 * CUSP_NS_PER_SECOND,
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cusp_data_get_series (data)->values[1], ==, (11 % 17) * 1.5);
  g_clear_pointer (&data, cusp_data_unref);

  /* The whole parameter still comes whole; a column past the end is an error. */
  data = cusp_provider_get_data (p, "hapi-test-server/ds1s/B", t0, t0 + CUSP_NS_PER_SECOND, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cusp_data_get_series (data)->n_components, ==, 3);
  g_assert_null (cusp_provider_get_data (p, "hapi-test-server/ds1s/B/3", t0, t0 + CUSP_NS_PER_SECOND,
                                         NULL, &error));
  g_assert_nonnull (error);
}

/* regions1m (tests/hapi-server.py) at m minutes: region = "None" (fill)
 * when m % 60 == 59, else REGIONS[(m / 10) % 8]; codes = "A<m % 3>",
 * "B<m % 5>"; x = m / 2. */
static const char *const regions[] = {
  "Solar_Wind", "Bow_Shock", "Magnetosheath", "D_Msphere", "N_Msphere",
  "Plasma_Sheet", "Tail_Lobe", "Cusp, \"north\"",
};

static const char *
region_at (guint m)
{
  return m % 60 == 59 ? NULL : regions[(m / 10) % 8];
}

static void
assert_regions_stream (GPtrArray *data,
                       CuspTime   t0,
                       guint      first,
                       guint      count)
{
  CuspTextSeries *region, *codes;
  CuspSeries *x;

  g_assert_cmpuint (data->len, ==, 3);
  region = cusp_data_get_text (g_ptr_array_index (data, 0));
  x = cusp_data_get_series (g_ptr_array_index (data, 1));
  codes = cusp_data_get_text (g_ptr_array_index (data, 2));
  g_assert_nonnull (region);
  g_assert_nonnull (x);
  g_assert_nonnull (codes);
  g_assert_cmpuint (region->n_samples, ==, count);
  g_assert_cmpuint (codes->n_components, ==, 2);
  for (guint k = 0; k < count; k++)
    {
      guint m = first + k;
      g_autofree char *a = g_strdup_printf ("A%u", m % 3);
      g_autofree char *b = g_strdup_printf ("B%u", m % 5);

      g_assert_cmpint (region->times[k], ==, t0 + (CuspTime) m * 60 * CUSP_NS_PER_SECOND);
      g_assert_cmpstr (cusp_text_series_get_value (region, 0, k), ==, region_at (m));
      g_assert_cmpfloat (x->values[k], ==, m * 0.5);
      g_assert_cmpstr (cusp_text_series_get_value (codes, 0, k), ==, a);
      g_assert_cmpstr (cusp_text_series_get_value (codes, 1, k), ==, b);
    }
}

/* String parameters are nodes of kind TEXT (their components too) and
 * come as text series, in CSV and in binary, whole or by component. */
static void
test_text_parameters (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspProvider) p = provider_for (f, "/v3/hapi");
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspData) data = NULL;
  CuspHapiClient *client = cusp_hapi_provider_get_client (CUSP_HAPI_PROVIDER (p));
  CuspInventoryNode *root = cusp_provider_get_inventory (p);
  CuspInventoryNode *ds, *region, *codes;
  CuspTextSeries *t;
  CuspTime t0;

  ds = cusp_inventory_node_find (root, "hapi-test-server/regions1m");
  g_assert_nonnull (ds);
  g_assert_true (cusp_hapi_provider_load_dataset_info (CUSP_HAPI_PROVIDER (p), ds, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_children (ds), ==, 3);
  region = child (ds, 0);
  codes = child (ds, 2);
  assert_node (region, CUSP_NODE_PARAMETER, "hapi-test-server/regions1m/region", "region");
  assert_node (child (ds, 1), CUSP_NODE_PARAMETER, "hapi-test-server/regions1m/x", "x");
  assert_node (codes, CUSP_NODE_PARAMETER, "hapi-test-server/regions1m/codes", "codes");
  g_assert_cmpint (cusp_inventory_node_get_data_kind (region), ==, CUSP_DATA_KIND_TEXT);
  g_assert_cmpint (cusp_inventory_node_get_data_kind (child (ds, 1)), ==, CUSP_DATA_KIND_SERIES);
  g_assert_cmpint (cusp_inventory_node_get_data_kind (codes), ==, CUSP_DATA_KIND_TEXT);
  g_assert_cmpstr (cusp_metadata_get (cusp_inventory_node_get_metadata (region), "fill"), ==, "None");
  g_assert_cmpuint (n_children (codes), ==, 2);
  assert_node (child (codes, 1), CUSP_NODE_COMPONENT, "hapi-test-server/regions1m/codes/1", "second code");
  g_assert_cmpint (cusp_inventory_node_get_data_kind (child (codes, 1)), ==, CUSP_DATA_KIND_TEXT);

  /* The client in both formats, across a fill (m = 59) and the quoted
   * "Cusp, \"north\"" (m = 70..79). */
  g_assert_true (cusp_time_parse_iso ("2020-01-01T00:00:00Z", &t0, NULL));
  for (int format = CUSP_HAPI_FORMAT_CSV; format <= CUSP_HAPI_FORMAT_BINARY; format++)
    {
      g_autoptr (GPtrArray) all = cusp_hapi_client_get_data (client, "regions1m", NULL, NULL,
                                                             t0 + 55 * 60 * CUSP_NS_PER_SECOND,
                                                             t0 + 85 * 60 * CUSP_NS_PER_SECOND,
                                                             format, format == CUSP_HAPI_FORMAT_CSV,
                                                             NULL, &error);

      g_assert_no_error (error);
      assert_regions_stream (all, t0, 55, 30);
    }

  /* One component of the string array through the provider. */
  data = cusp_provider_get_data (p, "hapi-test-server/regions1m/codes/1", t0,
                                 t0 + 10 * 60 * CUSP_NS_PER_SECOND, NULL, &error);
  g_assert_no_error (error);
  t = cusp_data_get_text (data);
  g_assert_nonnull (t);
  g_assert_cmpuint (t->n_components, ==, 1);
  g_assert_cmpuint (t->n_samples, ==, 10);
  g_assert_cmpstr (t->labels[0], ==, "second code");
  for (guint m = 0; m < 10; m++)
    {
      g_autofree char *b = g_strdup_printf ("B%u", m % 5);

      g_assert_cmpint (t->times[m], ==, t0 + (CuspTime) m * 60 * CUSP_NS_PER_SECOND);
      g_assert_cmpstr (cusp_text_series_get_value (t, 0, m), ==, b);
    }
  g_clear_pointer (&data, cusp_data_unref);
  g_assert_null (cusp_provider_get_data (p, "hapi-test-server/regions1m/codes/2", t0,
                                         t0 + 60 * CUSP_NS_PER_SECOND, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The time column is no parameter to fetch. */
  data = cusp_provider_get_data (p, "hapi-test-server/regions1m/Time", t0,
                                 t0 + 60 * CUSP_NS_PER_SECOND, NULL, &error);
  g_assert_null (data);
  g_assert_nonnull (error);
}

/* The real SSCWeb ACE info: its string parameters (LT_GEO ... and the
 * region names, e.g. Spacecraft_Region) are TEXT nodes. */
static void
test_text_nodes_sscweb (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspProvider) p = provider_for (f, "/fixture/hapi");
  g_autoptr (GError) error = NULL;
  CuspInventoryNode *root = cusp_provider_get_inventory (p);
  CuspInventoryNode *ds = cusp_inventory_node_find (root, "hapi-test-server/ace");
  CuspInventoryNode *sc, *x;

  g_assert_nonnull (ds);
  g_assert_true (cusp_hapi_provider_load_dataset_info (CUSP_HAPI_PROVIDER (p), ds, NULL, &error));
  g_assert_no_error (error);
  /* 66 parameters in the fixture, the time not a node. */
  g_assert_cmpuint (n_children (ds), ==, 65);
  sc = cusp_inventory_node_find (root, "hapi-test-server/ace/Spacecraft_Region");
  x = cusp_inventory_node_find (root, "hapi-test-server/ace/X_TOD");
  g_assert_nonnull (sc);
  g_assert_nonnull (x);
  g_assert_cmpint (cusp_inventory_node_get_data_kind (sc), ==, CUSP_DATA_KIND_TEXT);
  g_assert_cmpint (cusp_inventory_node_get_data_kind (x), ==, CUSP_DATA_KIND_SERIES);
  g_assert_cmpint (cusp_inventory_node_get_data_kind (cusp_inventory_node_find (root, "hapi-test-server/ace/LT_GEO")),
                   ==, CUSP_DATA_KIND_TEXT);
  g_assert_cmpstr (cusp_metadata_get (cusp_inventory_node_get_metadata (
                     cusp_inventory_node_find (root, "hapi-test-server/ace/N_BTraced_Region")), "fill"),
                   ==, "None");
}

/* Names from a label array, else "<label or name>[i]". */
static void
test_component_labels (void)
{
  const char *json =
    "{\"HAPI\":\"3.3\",\"status\":{\"code\":1200,\"message\":\"OK\"},"
    "\"startDate\":\"2020-01-01T00:00:00Z\",\"stopDate\":\"2020-01-02T00:00:00Z\","
    "\"parameters\":[{\"name\":\"Time\",\"type\":\"isotime\",\"units\":\"UTC\",\"fill\":null,\"length\":24},"
    "{\"name\":\"B\",\"type\":\"double\",\"units\":\"nT\",\"fill\":null,\"size\":[3],"
    "\"label\":[\"Bx GSE\",\"By GSE\",\"Bz GSE\"]},"
    "{\"name\":\"V\",\"type\":\"double\",\"units\":\"km/s\",\"fill\":null,\"size\":[2],\"label\":\"Vel\"}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspHapiInfo) info = cusp_hapi_info_parse (json, -1, &error);
  g_autofree char *b0 = NULL, *b2 = NULL, *v1 = NULL;

  g_assert_no_error (error);
  b0 = cusp_hapi_parameter_component_label (&info->parameters[1], 0);
  b2 = cusp_hapi_parameter_component_label (&info->parameters[1], 2);
  v1 = cusp_hapi_parameter_component_label (&info->parameters[2], 1);
  g_assert_cmpstr (b0, ==, "Bx GSE");
  g_assert_cmpstr (b2, ==, "Bz GSE");
  g_assert_cmpstr (v1, ==, "Vel[1]");
  g_assert_null (info->parameters[2].labels);
}

typedef struct
{
  GArray    *fractions;
  GMainLoop *loop;
  CuspData  *data;
  GError    *error;
  gboolean   in_main;
} Progress;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Progress *pr = user_data;

  pr->in_main &= g_main_context_is_owner (g_main_context_default ());
  g_array_append_val (pr->fractions, fraction);
}

static void
on_progress_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Progress *pr = user_data;

  pr->data = cusp_provider_get_data_with_progress_finish (CUSP_PROVIDER (source), result, &pr->error);
  g_main_loop_quit (pr->loop);
}

static void
assert_progress (GArray *fractions)
{
  g_assert_cmpuint (fractions->len, >=, 1);
  for (guint i = 0; i < fractions->len; i++)
    {
      double v = g_array_index (fractions, double, i);

      g_assert_cmpfloat (v, >=, 0.0);
      g_assert_cmpfloat (v, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (v, >, g_array_index (fractions, double, i - 1));
    }
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

/* ds1s_split answers at most 10 minutes per request: 12 hours are 72
 * requests in a row (12 cache fragments), long enough for the throttled
 * (~20 Hz) progress to arrive several times, in the main context, rising
 * to 1. */
static void
test_progress_async (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspProvider) p = provider_for (f, "/v3/hapi");
  Progress pr = { g_array_new (FALSE, FALSE, sizeof (double)), g_main_loop_new (NULL, FALSE), NULL, NULL, TRUE };
  CuspTime t0;
  guint n_partial = 0;

  g_assert_true (cusp_time_parse_iso ("2020-01-01T00:00:00Z", &t0, NULL));
  cusp_provider_get_data_with_progress_async (p, "hapi-test-server/ds1s_split/B", t0,
                                              t0 + 12 * 3600 * CUSP_NS_PER_SECOND, on_progress, &pr,
                                              NULL, NULL, on_progress_done, &pr);
  g_main_loop_run (pr.loop);
  g_assert_no_error (pr.error);
  g_assert_cmpuint (cusp_data_get_length (pr.data), ==, 12 * 3600);
  g_assert_true (pr.in_main);
  assert_progress (pr.fractions);
  for (guint i = 0; i < pr.fractions->len; i++)
    n_partial += g_array_index (pr.fractions, double, i) < 1.0;
  g_assert_cmpuint (n_partial, >=, 2);
  g_array_unref (pr.fractions);
  g_main_loop_unref (pr.loop);
  cusp_data_unref (pr.data);
}

/* Two 1-h fragments, the first already cached: the first report is the
 * cached half (0.5), then the fetch of the second hour climbs to 1. */
static void
test_progress_cache (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspProvider) p = provider_for (f, "/v3/hapi");
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspData) first = NULL, both = NULL;
  Progress pr = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, NULL, NULL, TRUE };
  CuspTime t0;
  guint n_between = 0;

  g_assert_true (cusp_time_parse_iso ("2020-01-01T00:00:00Z", &t0, NULL));
  first = cusp_provider_get_data (p, "hapi-test-server/ds1s/B", t0, t0 + 3600 * CUSP_NS_PER_SECOND,
                                  NULL, &error);
  g_assert_no_error (error);
  both = cusp_provider_get_data_with_progress (p, "hapi-test-server/ds1s/B", t0,
                                               t0 + 7200 * CUSP_NS_PER_SECOND, on_progress, &pr,
                                               NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cusp_data_get_length (both), ==, 7200);
  assert_progress (pr.fractions);
  g_assert_cmpfloat (g_array_index (pr.fractions, double, 0), ==, 0.5);
  for (guint i = 0; i < pr.fractions->len; i++)
    {
      double v = g_array_index (pr.fractions, double, i);

      n_between += v > 0.5 && v < 1.0;
    }
  g_assert_cmpuint (n_between, >=, 1);
  g_assert_cmpint (hapi_test_server_count (&f->server, "data:ds1s"), ==, 2);
  g_array_unref (pr.fractions);
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
  ADD ("components", test_components);
  ADD ("progress-async", test_progress_async);
  ADD ("progress-cache", test_progress_cache);
  ADD ("text-parameters", test_text_parameters);
  ADD ("text-nodes-sscweb", test_text_nodes_sscweb);
#undef ADD
  g_test_add_func ("/cusp/hapi-provider/component-labels", test_component_labels);
  return g_test_run ();
}
