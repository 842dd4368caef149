/* test-inventory-search.c: the inventory view's search on a big tree
 * (tests/inventory-synth.h: 3000 datasets × 20 parameters × 3 components),
 * groups that fill after being shown, and status rows.
 *
 * The expected rows are computed here by brute force from the rule in
 * cusp-inventory-view.h: a node is kept when the case-folded names and ids
 * of its path contain every word, or when a descendant is kept.  Queries
 * with few matches must show every kept node (all their branches open).
 */
#define G_LOG_DOMAIN "test-inventory-search"

#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "cusp-inventory-view.h"
#include "inventory-synth.h"

static CuspInventoryNode *big_root;

/* ---- brute force ---------------------------------------------------------- */

static gboolean
path_has_all (const char  *path,
              char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (path, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
expected_walk (CuspInventoryNode *node,
               const char        *parent_path,
               char *const       *words,
               GHashTable        *kept)
{
  g_autofree char *own = g_strconcat (cusp_inventory_node_get_name (node), "\n",
                                      cusp_inventory_node_get_id (node), NULL);
  g_autofree char *folded = g_utf8_casefold (own, -1);
  g_autofree char *path = g_strconcat (parent_path, "\n", folded, NULL);
  GListModel *children = cusp_inventory_node_get_children (node);
  gboolean keep = path_has_all (path, words);

  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(CuspInventoryNode) child = g_list_model_get_item (children, i);

      keep |= expected_walk (child, path, words, kept);
    }
  if (keep)
    g_hash_table_add (kept, node);
  return keep;
}

static GHashTable *
expected_set (CuspInventoryNode *root,
              const char        *query)
{
  g_autofree char *folded = g_utf8_casefold (query, -1);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  GHashTable *kept = g_hash_table_new (NULL, NULL);

  expected_walk (root, "", words, kept);
  return kept;
}

static GHashTable *
shown_set (CuspInventoryView *view)
{
  GListModel *rows = cusp_inventory_view_get_rows (view);
  GHashTable *shown = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(CuspInventoryNode) node = gtk_tree_list_row_get_item (row);

      g_assert_false (g_hash_table_contains (shown, node));
      g_hash_table_add (shown, node);
    }
  return shown;
}

static CuspInventoryView *
big_view (void)
{
  g_autoptr(GListStore) roots = g_list_store_new (CUSP_TYPE_INVENTORY_NODE);
  CuspInventoryView *view = CUSP_INVENTORY_VIEW (g_object_ref_sink (cusp_inventory_view_new ()));

  g_list_store_append (roots, big_root);
  cusp_inventory_view_set_roots (view, G_LIST_MODEL (roots));
  return view;
}

static void
assert_rows_equal_expected (CuspInventoryView *view,
                            const char        *query,
                            guint              expected_count)
{
  g_autoptr(GHashTable) expected = expected_set (big_root, query);
  g_autoptr(GHashTable) shown = NULL;
  GHashTableIter iter;
  gpointer node;

  cusp_inventory_view_set_search_text (view, query);
  shown = shown_set (view);
  g_assert_cmpuint (g_hash_table_size (expected), ==, expected_count);
  g_assert_cmpuint (g_hash_table_size (shown), ==, expected_count);
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &node, NULL))
    g_assert_true (g_hash_table_contains (shown, node));
}

/* ---- tests ------------------------------------------------------------------ */

static void
test_synthetic_size (void)
{
  guint n = 0;
  GPtrArray *stack = g_ptr_array_new ();

  /* 1 + 4 + 60 + 3000 + 60000 + 180000 nodes. */
  g_ptr_array_add (stack, big_root);
  while (stack->len > 0)
    {
      CuspInventoryNode *node = g_ptr_array_steal_index_fast (stack, stack->len - 1);
      GListModel *children = cusp_inventory_node_get_children (node);

      n++;
      for (guint i = 0; i < g_list_model_get_n_items (children); i++)
        {
          g_autoptr(CuspInventoryNode) child = g_list_model_get_item (children, i);

          g_ptr_array_add (stack, child);
        }
    }
  g_ptr_array_unref (stack);
  g_assert_cmpuint (n, ==, 1 + 4 + 60 + 3000 + 60000 + 180000);
}

/* One parameter: root, mission, instrument, dataset, parameter, 3 components. */
static void
test_one_match (void)
{
  g_autoptr(CuspInventoryView) view = big_view ();

  assert_rows_equal_expected (view, "mms2 fpi d07 density", 8);
  assert_rows_equal_expected (view, "density d07 FPI Mms2", 8);
  /* Typing on: one letter more, still the same. */
  assert_rows_equal_expected (view, "density d07 FPI Mms2 ", 8);
}

/* One parameter in each of the 50 datasets of an instrument:
 * 3 + 50 datasets + 50 parameters + 150 components. */
static void
test_fifty_matches (void)
{
  g_autoptr(CuspInventoryView) view = big_view ();

  assert_rows_equal_expected (view, "mms2 fpi density", 253);
  /* Narrowing in place, then widening again. */
  assert_rows_equal_expected (view, "mms2 fpi density d1", 3 + 10 + 10 + 30);
  assert_rows_equal_expected (view, "mms2 fpi density", 253);
}

/* A word that matches half of the nodes: what is shown is kept,
 * the tree shape holds (each row's parent is shown above it), and the
 * number of rows stays bounded. */
static void
test_broad (void)
{
  g_autoptr(CuspInventoryView) view = big_view ();
  g_autoptr(GHashTable) expected = expected_set (big_root, "x");
  g_autoptr(GHashTable) shown = NULL;
  GListModel *rows = cusp_inventory_view_get_rows (view);
  GHashTableIter iter;
  gpointer node;

  /* 60 000 x components, their 60 000 parameters, the y and z of the
   * 3000 "flux" parameters, and the 3065 groups above. */
  g_assert_cmpuint (g_hash_table_size (expected), ==, 60000 + 60000 + 6000 + 3065);
  cusp_inventory_view_set_search_text (view, "x");
  shown = shown_set (view);
  g_assert_cmpuint (g_hash_table_size (shown), >, 100);
  g_assert_cmpuint (g_hash_table_size (shown), <, 5000);
  g_hash_table_iter_init (&iter, shown);
  while (g_hash_table_iter_next (&iter, &node, NULL))
    g_assert_true (g_hash_table_contains (expected, node));
  for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);

      g_assert_nonnull (parent);
      g_assert_cmpuint (gtk_tree_list_row_get_position (parent), <, i);
    }

  cusp_inventory_view_set_search_text (view, "no-such-thing");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);

  /* Cleared: the provider open on its four missions. */
  cusp_inventory_view_set_search_text (view, "");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 5);
}

static int
find_row (GListModel        *rows,
          CuspInventoryNode *node)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(CuspInventoryNode) item = gtk_tree_list_row_get_item (row);

      if (item == node)
        return (int) i;
    }
  return -1;
}

/* Groups shown empty can be opened, and children added later appear under
 * them; a search finds nodes added after the last one. */
static void
test_lazy_groups (void)
{
  g_autoptr(GListStore) roots = g_list_store_new (CUSP_TYPE_INVENTORY_NODE);
  g_autoptr(CuspInventoryNode) root = cusp_inventory_node_new (CUSP_NODE_PROVIDER, "srv", "Server");
  g_autoptr(CuspInventoryNode) dataset = cusp_inventory_node_new (CUSP_NODE_DATASET, "srv/ds", "ds");
  g_autoptr(CuspInventoryNode) param = cusp_inventory_node_new (CUSP_NODE_PARAMETER, "srv/ds/bfield", "bfield");
  g_autoptr(CuspInventoryNode) leaf = cusp_inventory_node_new (CUSP_NODE_PARAMETER, "srv/ds/n", "n");
  g_autoptr(CuspInventoryView) view = CUSP_INVENTORY_VIEW (g_object_ref_sink (cusp_inventory_view_new ()));
  GListModel *rows = cusp_inventory_view_get_rows (view);
  g_autoptr(GtkTreeListRow) root_row = NULL;
  g_autoptr(GtkTreeListRow) ds_row = NULL;

  g_list_store_append (roots, root);
  cusp_inventory_view_set_roots (view, G_LIST_MODEL (roots));
  /* An empty provider stays closed but can be opened. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  root_row = g_list_model_get_item (rows, 0);
  g_assert_true (gtk_tree_list_row_is_expandable (root_row));
  gtk_tree_list_row_set_expanded (root_row, TRUE);
  g_assert_true (gtk_tree_list_row_get_expanded (root_row));

  /* Filled later (a catalog arriving): shown at once. */
  cusp_inventory_node_append (root, dataset);
  g_assert_cmpint (find_row (rows, dataset), ==, 1);
  ds_row = g_list_model_get_item (rows, 1);
  g_assert_true (gtk_tree_list_row_is_expandable (ds_row));
  gtk_tree_list_row_set_expanded (ds_row, TRUE);

  /* A status row under the dataset while it loads, then its parameters. */
  cusp_inventory_view_set_node_status (view, dataset, CUSP_INVENTORY_STATUS_LOADING, NULL);
  g_assert_cmpint (cusp_inventory_view_get_node_status (view, dataset), ==, CUSP_INVENTORY_STATUS_LOADING);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, 2);
    g_autoptr(CuspInventoryNode) status = gtk_tree_list_row_get_item (row);

    g_assert_true (cusp_inventory_view_is_status_node (status));
    g_assert_false (cusp_inventory_view_is_product (status));
    g_assert_false (gtk_tree_list_row_is_expandable (row));
  }
  cusp_inventory_node_set_data_kind (param, CUSP_DATA_KIND_SERIES);
  cusp_inventory_node_append (dataset, param);
  cusp_inventory_node_append (dataset, leaf);
  cusp_inventory_view_set_node_status (view, dataset, CUSP_INVENTORY_STATUS_NONE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  g_assert_cmpint (find_row (rows, param), ==, 2);
  g_assert_cmpint (find_row (rows, leaf), ==, 3);
  {
    /* Parameters without components stay leaves. */
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, 3);

    g_assert_false (gtk_tree_list_row_is_expandable (row));
  }

  /* An error says why, as a row. */
  cusp_inventory_view_set_node_status (view, root, CUSP_INVENTORY_STATUS_ERROR, "Server: could not connect");
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, 4);
    g_autoptr(CuspInventoryNode) status = gtk_tree_list_row_get_item (row);

    g_assert_cmpstr (cusp_inventory_node_get_name (status), ==, "Server: could not connect");
  }
  cusp_inventory_view_set_node_status (view, root, CUSP_INVENTORY_STATUS_NONE, NULL);

  /* The search sees nodes added since the previous search. */
  cusp_inventory_view_set_search_text (view, "bfield");
  g_assert_cmpint (find_row (rows, param), >=, 0);
  g_assert_cmpint (find_row (rows, leaf), ==, -1);
  {
    g_autoptr(CuspInventoryNode) late = cusp_inventory_node_new (CUSP_NODE_PARAMETER, "srv/ds/bfield_gsm",
                                                                 "bfield_gsm");

    cusp_inventory_node_append (dataset, late);
    cusp_inventory_view_refilter (view);
    g_assert_cmpint (find_row (rows, late), >=, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  big_root = synth_inventory_new ();

  g_test_add_func ("/cusp/inventory-search/synthetic-size", test_synthetic_size);
  g_test_add_func ("/cusp/inventory-search/one-match", test_one_match);
  g_test_add_func ("/cusp/inventory-search/fifty-matches", test_fifty_matches);
  g_test_add_func ("/cusp/inventory-search/broad", test_broad);
  g_test_add_func ("/cusp/inventory-search/lazy-groups", test_lazy_groups);

  status = g_test_run ();
  g_object_unref (big_root);
  return status;
}
