/* test-inventory.c: CuspInventoryNode tree and the CuspProvider base
 *
 * A tiny provider subclass defined here checks that the base class
 * validates ranges and cancellation before the vfunc, and that the async
 * pair runs get_data in a worker thread and delivers on the main loop.
 */
#include "config.h"

#include "cusp-inventory-node.h"
#include "cusp-provider.h"

/* A provider of one product, "test/ramp": one sample at start whose value
 * is stop - start.  "test/fail" fails, "test/null" breaks the contract. */

#define TEST_TYPE_PROVIDER (test_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestProvider, test_provider, TEST, PROVIDER, CuspProvider)

struct _TestProvider
{
  CuspProvider       parent_instance;
  CuspInventoryNode *root;
  int                calls;
  GThread           *last_thread;
};

G_DEFINE_FINAL_TYPE (TestProvider, test_provider, CUSP_TYPE_PROVIDER)

static CuspInventoryNode *
test_provider_get_inventory (CuspProvider *provider)
{
  return TEST_PROVIDER (provider)->root;
}

static CuspData *
test_provider_get_data (CuspProvider  *provider,
                        const char    *product,
                        CuspTime       start,
                        CuspTime       stop,
                        GCancellable  *cancellable,
                        GError       **error)
{
  TestProvider *self = TEST_PROVIDER (provider);
  CuspSeries *series;

  g_atomic_int_inc (&self->calls);
  g_atomic_pointer_set (&self->last_thread, g_thread_self ());

  if (g_strcmp0 (product, "test/null") == 0)
    return NULL;
  if (g_strcmp0 (product, "test/ramp") != 0)
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT,
                   "No product %s", product);
      return NULL;
    }

  series = cusp_series_new (1, 1);
  series->times[0] = start;
  series->values[0] = (double) (stop - start);

  return cusp_data_new_series (series);
}

static void
test_provider_finalize (GObject *object)
{
  g_clear_object (&TEST_PROVIDER (object)->root);

  G_OBJECT_CLASS (test_provider_parent_class)->finalize (object);
}

static void
test_provider_class_init (TestProviderClass *klass)
{
  CuspProviderClass *provider_class = CUSP_PROVIDER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_provider_finalize;
  provider_class->get_inventory = test_provider_get_inventory;
  provider_class->get_data = test_provider_get_data;
}

static void
test_provider_init (TestProvider *self)
{
  g_autoptr(CuspInventoryNode) ramp = cusp_inventory_node_new (CUSP_NODE_PARAMETER, "test/ramp", "Ramp");

  self->root = cusp_inventory_node_new (CUSP_NODE_PROVIDER, "test", "Test");
  cusp_inventory_node_set_data_kind (ramp, CUSP_DATA_KIND_SERIES);
  cusp_inventory_node_append (self->root, ramp);
}

/* A provider that implements nothing. */
#define TEST_TYPE_BARE_PROVIDER (test_bare_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestBareProvider, test_bare_provider, TEST, BARE_PROVIDER, CuspProvider)

struct _TestBareProvider
{
  CuspProvider parent_instance;
};

G_DEFINE_FINAL_TYPE (TestBareProvider, test_bare_provider, CUSP_TYPE_PROVIDER)

static void
test_bare_provider_class_init (TestBareProviderClass *klass)
{
}

static void
test_bare_provider_init (TestBareProvider *self)
{
}

/* Inventory nodes */

static void
test_node_basics (void)
{
  g_autoptr(CuspInventoryNode) node = cusp_inventory_node_new (CUSP_NODE_DATASET, "sim/mms1/fgm", "FGM survey");
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  CuspNodeKind kind;
  CuspTime start = 0, stop = 0;

  g_assert_cmpint (cusp_inventory_node_get_kind (node), ==, CUSP_NODE_DATASET);
  g_assert_cmpstr (cusp_inventory_node_get_id (node), ==, "sim/mms1/fgm");
  g_assert_cmpstr (cusp_inventory_node_get_name (node), ==, "FGM survey");
  g_assert_null (cusp_inventory_node_get_description (node));
  g_assert_null (cusp_inventory_node_get_unit (node));
  g_assert_cmpint (cusp_inventory_node_get_data_kind (node), ==, CUSP_DATA_KIND_NONE);
  g_assert_cmpint (cusp_inventory_node_get_cadence (node), ==, 0);
  g_assert_null (cusp_inventory_node_get_parent (node));
  g_assert_nonnull (cusp_inventory_node_get_metadata (node));
  g_assert_cmpuint (g_list_model_get_n_items (cusp_inventory_node_get_children (node)), ==, 0);
  g_assert_true (g_list_model_get_item_type (cusp_inventory_node_get_children (node)) == CUSP_TYPE_INVENTORY_NODE);

  cusp_inventory_node_get_coverage (node, &start, &stop);
  g_assert_cmpint (start, ==, CUSP_TIME_INVALID);
  g_assert_cmpint (stop, ==, CUSP_TIME_INVALID);
  cusp_inventory_node_set_coverage (node, 100, 200);
  cusp_inventory_node_get_coverage (node, &start, &stop);
  g_assert_cmpint (start, ==, 100);
  g_assert_cmpint (stop, ==, 200);

  g_object_get (node, "kind", &kind, "id", &id, "name", &name, NULL);
  g_assert_cmpint (kind, ==, CUSP_NODE_DATASET);
  g_assert_cmpstr (id, ==, "sim/mms1/fgm");
  g_assert_cmpstr (name, ==, "FGM survey");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_node_notify (void)
{
  g_autoptr(CuspInventoryNode) node = cusp_inventory_node_new (CUSP_NODE_PARAMETER, "p", "P");
  guint notified = 0;
  gint64 cadence = 0;

  g_signal_connect (node, "notify", G_CALLBACK (count_notify), &notified);

  cusp_inventory_node_set_unit (node, "nT");
  g_assert_cmpuint (notified, ==, 1);
  cusp_inventory_node_set_unit (node, "nT");
  g_assert_cmpuint (notified, ==, 1);
  cusp_inventory_node_set_description (node, "Magnetic field");
  cusp_inventory_node_set_description (node, "Magnetic field");
  g_assert_cmpuint (notified, ==, 2);
  cusp_inventory_node_set_data_kind (node, CUSP_DATA_KIND_SERIES);
  cusp_inventory_node_set_data_kind (node, CUSP_DATA_KIND_SERIES);
  g_assert_cmpuint (notified, ==, 3);
  cusp_inventory_node_set_cadence (node, 4500 * CUSP_NS_PER_MS);
  cusp_inventory_node_set_cadence (node, 4500 * CUSP_NS_PER_MS);
  g_assert_cmpuint (notified, ==, 4);
  g_object_set (node, "unit", "T", NULL);
  g_assert_cmpuint (notified, ==, 5);
  cusp_inventory_node_set_unit (node, NULL);
  g_assert_cmpuint (notified, ==, 6);
  g_assert_null (cusp_inventory_node_get_unit (node));

  g_object_get (node, "cadence", &cadence, NULL);
  g_assert_cmpint (cadence, ==, 4500000000);
  g_assert_cmpstr (cusp_inventory_node_get_description (node), ==, "Magnetic field");
}

static CuspInventoryNode *
add_child (CuspInventoryNode *parent,
           CuspNodeKind       kind,
           const char        *id,
           const char        *name)
{
  g_autoptr(CuspInventoryNode) child = cusp_inventory_node_new (kind, id, name);

  cusp_inventory_node_append (parent, child);

  return child;  /* borrowed: the parent keeps it */
}

static CuspInventoryNode *
build_tree (void)
{
  CuspInventoryNode *root = cusp_inventory_node_new (CUSP_NODE_PROVIDER, "sim", "Simulation");
  CuspInventoryNode *mms1 = add_child (root, CUSP_NODE_MISSION, "sim/mms1", "MMS1");
  CuspInventoryNode *fgm = add_child (mms1, CUSP_NODE_INSTRUMENT, "sim/mms1/fgm", "FGM");
  CuspInventoryNode *b = add_child (fgm, CUSP_NODE_PARAMETER, "sim/mms1/fgm/srvy/b_gse", "B GSE");
  CuspInventoryNode *fpi = add_child (mms1, CUSP_NODE_INSTRUMENT, "sim/mms1/fpi", "FPI");
  CuspInventoryNode *spec = add_child (fpi, CUSP_NODE_PARAMETER, "sim/mms1/fpi/dis_energy", "Ion energy");
  CuspInventoryNode *n = add_child (fpi, CUSP_NODE_PARAMETER, "sim/mms1/fpi/n", "Ni");
  CuspInventoryNode *fast = add_child (fpi, CUSP_NODE_PARAMETER, "sim/mms1/fpi/fast", "Fast");

  cusp_inventory_node_set_unit (b, "nT");
  cusp_inventory_node_set_cadence (b, 4500 * CUSP_NS_PER_MS);
  cusp_inventory_node_set_cadence (spec, 150 * CUSP_NS_PER_MS);
  cusp_inventory_node_set_unit (n, "cm^-3");
  cusp_inventory_node_set_cadence (n, 60 * CUSP_NS_PER_SECOND);
  cusp_inventory_node_set_cadence (fast, 30 * CUSP_NS_PER_US);
  add_child (root, CUSP_NODE_FOLDER, "sim/selections", "Selections");

  return root;
}

static void
test_node_tree (void)
{
  g_autoptr(CuspInventoryNode) root = build_tree ();
  GListModel *children = cusp_inventory_node_get_children (root);
  g_autoptr(CuspInventoryNode) mms1 = g_list_model_get_item (children, 0);
  CuspInventoryNode *b;

  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 2);
  g_assert_cmpstr (cusp_inventory_node_get_id (mms1), ==, "sim/mms1");
  g_assert_true (cusp_inventory_node_get_parent (mms1) == root);
  g_assert_null (cusp_inventory_node_get_parent (root));

  g_assert_true (cusp_inventory_node_find (root, "sim") == root);
  b = cusp_inventory_node_find (root, "sim/mms1/fgm/srvy/b_gse");
  g_assert_nonnull (b);
  g_assert_cmpstr (cusp_inventory_node_get_name (b), ==, "B GSE");
  g_assert_cmpstr (cusp_inventory_node_get_id (cusp_inventory_node_get_parent (b)), ==, "sim/mms1/fgm");
  g_assert_nonnull (cusp_inventory_node_find (root, "sim/selections"));
  g_assert_nonnull (cusp_inventory_node_find (mms1, "sim/mms1/fpi/n"));
  /* Search goes down, never up. */
  g_assert_null (cusp_inventory_node_find (mms1, "sim/selections"));
  g_assert_null (cusp_inventory_node_find (root, "sim/mms2"));
}

static void
test_node_weak_parent (void)
{
  CuspInventoryNode *root = build_tree ();
  g_autoptr(CuspInventoryNode) mms1 = g_list_model_get_item (cusp_inventory_node_get_children (root), 0);

  g_assert_true (cusp_inventory_node_get_parent (mms1) == root);
  g_object_unref (root);
  g_assert_null (cusp_inventory_node_get_parent (mms1));
  /* The subtree lives on with its own children. */
  g_assert_nonnull (cusp_inventory_node_find (mms1, "sim/mms1/fpi/n"));
}

static void
test_node_dump (void)
{
  g_autoptr(CuspInventoryNode) root = build_tree ();
  g_autofree char *dump = cusp_inventory_node_dump (root);
  g_autoptr(CuspInventoryNode) leaf = cusp_inventory_node_new (CUSP_NODE_COMPONENT, "x/bx", "Bx");
  g_autofree char *leaf_dump = cusp_inventory_node_dump (leaf);

  g_assert_cmpstr (dump, ==,
                   "Simulation  [provider]  sim\n"
                   "  MMS1  [mission]  sim/mms1\n"
                   "    FGM  [instrument]  sim/mms1/fgm\n"
                   "      B GSE  [parameter]  sim/mms1/fgm/srvy/b_gse  nT  4.5 s\n"
                   "    FPI  [instrument]  sim/mms1/fpi\n"
                   "      Ion energy  [parameter]  sim/mms1/fpi/dis_energy  150 ms\n"
                   "      Ni  [parameter]  sim/mms1/fpi/n  cm^-3  1 min\n"
                   "      Fast  [parameter]  sim/mms1/fpi/fast  30 us\n"
                   "  Selections  [folder]  sim/selections\n");
  g_assert_cmpstr (leaf_dump, ==, "Bx  [component]  x/bx\n");
}

static void
test_node_kind_strings (void)
{
  static const char *expected[] = {
    "provider", "mission", "instrument", "dataset", "parameter", "component", "folder",
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (cusp_node_kind_to_string (i), ==, expected[i]);
  g_assert_true (G_TYPE_IS_ENUM (CUSP_TYPE_NODE_KIND));
}

/* Provider base */

static TestProvider *
new_test_provider (void)
{
  return g_object_new (TEST_TYPE_PROVIDER, "id", "test", "name", "Test provider", NULL);
}

static void
test_provider_properties (void)
{
  g_autoptr(TestProvider) p = new_test_provider ();
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  CuspInventoryNode *root;

  g_assert_cmpstr (cusp_provider_get_id (CUSP_PROVIDER (p)), ==, "test");
  g_assert_cmpstr (cusp_provider_get_name (CUSP_PROVIDER (p)), ==, "Test provider");
  g_object_get (p, "id", &id, "name", &name, NULL);
  g_assert_cmpstr (id, ==, "test");
  g_assert_cmpstr (name, ==, "Test provider");

  root = cusp_provider_get_inventory (CUSP_PROVIDER (p));
  g_assert_true (root == p->root);
  g_assert_cmpint (cusp_inventory_node_get_data_kind (cusp_inventory_node_find (root, "test/ramp")),
                   ==, CUSP_DATA_KIND_SERIES);
}

static void
test_provider_sync (void)
{
  g_autoptr(TestProvider) p = new_test_provider ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CuspData) data = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CuspSeries *s;

  data = cusp_provider_get_data (CUSP_PROVIDER (p), "test/ramp", 100, 350, NULL, &error);
  g_assert_no_error (error);
  s = cusp_data_get_series (data);
  g_assert_cmpint (s->times[0], ==, 100);
  g_assert_cmpfloat (s->values[0], ==, 250);
  g_assert_cmpint (p->calls, ==, 1);
  g_assert_true (p->last_thread == g_thread_self ());

  /* Empty and reversed ranges are refused before the vfunc. */
  g_assert_null (cusp_provider_get_data (CUSP_PROVIDER (p), "test/ramp", 100, 100, NULL, &error));
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE);
  g_clear_error (&error);
  g_assert_null (cusp_provider_get_data (CUSP_PROVIDER (p), "test/ramp", 200, 100, NULL, &error));
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (p->calls, ==, 1);

  /* So is a cancelled request. */
  g_cancellable_cancel (cancellable);
  g_assert_null (cusp_provider_get_data (CUSP_PROVIDER (p), "test/ramp", 0, 1, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (p->calls, ==, 1);

  /* Errors of the subclass come through; a bare NULL becomes FAILED. */
  g_assert_null (cusp_provider_get_data (CUSP_PROVIDER (p), "test/fail", 0, 1, NULL, &error));
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT);
  g_clear_error (&error);
  g_assert_null (cusp_provider_get_data (CUSP_PROVIDER (p), "test/null", 0, 1, NULL, &error));
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_FAILED);
  g_assert_cmpint (p->calls, ==, 3);
}

typedef struct
{
  GMainLoop *loop;
  CuspData  *data;
  GError    *error;
} AsyncResult;

static void
on_get_data (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->data = cusp_provider_get_data_finish (CUSP_PROVIDER (source), result, &r->error);
  g_main_loop_quit (r->loop);
}

static void
run_async (TestProvider *p,
           const char   *product,
           CuspTime      start,
           CuspTime      stop,
           GCancellable *cancellable,
           AsyncResult  *r)
{
  r->loop = g_main_loop_new (NULL, FALSE);
  r->data = NULL;
  r->error = NULL;
  cusp_provider_get_data_async (CUSP_PROVIDER (p), product, start, stop, cancellable, on_get_data, r);
  g_main_loop_run (r->loop);
  g_main_loop_unref (r->loop);
}

static void
test_provider_async (void)
{
  g_autoptr(TestProvider) p = new_test_provider ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult r;
  CuspSeries *s;

  run_async (p, "test/ramp", -50, 50, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.data);
  s = cusp_data_get_series (r.data);
  g_assert_cmpint (s->times[0], ==, -50);
  g_assert_cmpfloat (s->values[0], ==, 100);
  g_assert_true (p->last_thread != g_thread_self ());
  g_clear_pointer (&r.data, cusp_data_unref);

  run_async (p, "test/fail", 0, 10, NULL, &r);
  g_assert_null (r.data);
  g_assert_error (r.error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT);
  g_clear_error (&r.error);

  run_async (p, "test/ramp", 10, 0, NULL, &r);
  g_assert_null (r.data);
  g_assert_error (r.error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE);
  g_clear_error (&r.error);

  g_cancellable_cancel (cancellable);
  run_async (p, "test/ramp", 0, 10, cancellable, &r);
  g_assert_null (r.data);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);

  g_assert_cmpint (p->calls, ==, 2);
}

static void
test_provider_unimplemented (void)
{
  g_autoptr(CuspProvider) p = g_object_new (TEST_TYPE_BARE_PROVIDER, "id", "bare", NULL);
  g_autoptr(GError) error = NULL;

  g_test_expect_message ("cusp-provider", G_LOG_LEVEL_CRITICAL,
                         "*TestBareProvider does not implement CuspProvider.get_inventory*");
  g_assert_null (cusp_provider_get_inventory (p));
  g_test_assert_expected_messages ();

  g_test_expect_message ("cusp-provider", G_LOG_LEVEL_CRITICAL,
                         "*TestBareProvider does not implement CuspProvider.get_data*");
  g_assert_null (cusp_provider_get_data (p, "x", 0, 1, NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_null (cusp_provider_get_name (p));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/inventory/node-basics", test_node_basics);
  g_test_add_func ("/cusp/inventory/node-notify", test_node_notify);
  g_test_add_func ("/cusp/inventory/node-tree", test_node_tree);
  g_test_add_func ("/cusp/inventory/node-weak-parent", test_node_weak_parent);
  g_test_add_func ("/cusp/inventory/node-dump", test_node_dump);
  g_test_add_func ("/cusp/inventory/node-kind-strings", test_node_kind_strings);
  g_test_add_func ("/cusp/inventory/provider-properties", test_provider_properties);
  g_test_add_func ("/cusp/inventory/provider-sync", test_provider_sync);
  g_test_add_func ("/cusp/inventory/provider-async", test_provider_async);
  g_test_add_func ("/cusp/inventory/provider-unimplemented", test_provider_unimplemented);

  return g_test_run ();
}
