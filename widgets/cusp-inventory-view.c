#define G_LOG_DOMAIN "cusp-inventory-view"

#include "config.h"

#include "cusp-inventory-view.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _CuspInventoryView
{
  GtkWidget           parent_instance;

  GtkWidget          *search_entry;
  GtkWidget          *scrolled;
  GtkWidget          *list_view;

  GListModel         *roots;
  GtkCustomFilter    *filter;
  GtkFilterListModel *root_filter;
  struct _Rows       *rows;
  GtkSingleSelection *selection;

  char               *search_text;
  /* Nodes kept by the current search (borrowed from roots) → VisibleFlags;
   * NULL shows all. */
  GHashTable         *visible;
  /* Group node → GListStore of its status row (both owned). */
  GHashTable         *status_stores;
  /* Set while the entry is given the text: replacing it passes through
   * "", which GtkSearchEntry reports at once. */
  gboolean            echoing;

  /* Every node in tree order, for the search (see build_index); rebuilt
   * when a watched children list changes. */
  GArray             *index;
  GPtrArray          *watched;       /* children models with our handler */
  gboolean            index_dirty;
};

typedef struct
{
  CuspInventoryNode *node;     /* borrowed: trees only grow, roots are watched */
  const char        *text;     /* node_search_text() */
  guint              parent;   /* entry index, NO_PARENT at a root */
  guint              end;      /* one past the last descendant */
} IndexEntry;

#define NO_PARENT G_MAXUINT

/* Why a node is kept by a search.  Below a MATCH everything is kept
 * without being listed: the filter looks up the ancestors. */
typedef enum
{
  VISIBLE_MATCH      = 1 << 0,   /* its path has every word */
  VISIBLE_ANCESTOR   = 1 << 1,   /* a descendant matches */
} VisibleFlags;

/* Rows opened by a search, at most: enough to show the first matches
 * without building a tree of every node when one letter matches all. */
#define SEARCH_MAX_PATH_ROWS  1000
#define SEARCH_MAX_OPEN_ROWS  400
#define MAX_SEARCH_WORDS      32

enum {
  PROP_0,
  PROP_ROOTS,
  PROP_SEARCH_TEXT,
  N_PROPS
};

enum {
  PRODUCT_ACTIVATED,
  NODE_EXPANDED,
  NODE_MENU,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CuspInventoryView, cusp_inventory_view, GTK_TYPE_WIDGET)

gboolean
cusp_inventory_view_is_product (CuspInventoryNode *node)
{
  CuspNodeKind kind;

  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (node), FALSE);

  if (cusp_inventory_view_is_status_node (node))
    return FALSE;
  kind = cusp_inventory_node_get_kind (node);
  return cusp_inventory_node_get_data_kind (node) != CUSP_DATA_KIND_NONE ||
         kind == CUSP_NODE_PARAMETER ||
         kind == CUSP_NODE_COMPONENT;
}

/* Rows: a GListModel in front of the tree that can batch its changes.
 * While typing, the search filters the same tree again and opens the new
 * matches one by one; each change would make the list view rebuild the
 * row widgets around it.  Frozen, the rows keep showing the state of the
 * freeze; thawing reports the difference as one change (common head and
 * tail kept, compared by row object). */

#define ROWS_TYPE (rows_get_type ())
G_DECLARE_FINAL_TYPE (Rows, rows, CUSP, INVENTORY_ROWS, GObject)

struct _Rows
{
  GObject     parent_instance;
  GListModel *base;
  GPtrArray  *frozen;    /* the items at the freeze, or NULL */
};

static GType
rows_get_item_type (GListModel *model)
{
  return GTK_TYPE_TREE_LIST_ROW;
}

static guint
rows_get_n_items (GListModel *model)
{
  Rows *self = CUSP_INVENTORY_ROWS (model);

  if (self->frozen != NULL)
    return self->frozen->len;
  return self->base != NULL ? g_list_model_get_n_items (self->base) : 0;
}

static gpointer
rows_get_item (GListModel *model,
               guint       position)
{
  Rows *self = CUSP_INVENTORY_ROWS (model);

  if (self->frozen != NULL)
    return position < self->frozen->len ? g_object_ref (g_ptr_array_index (self->frozen, position)) : NULL;
  return self->base != NULL ? g_list_model_get_item (self->base, position) : NULL;
}

static void
rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rows_get_item_type;
  iface->get_n_items = rows_get_n_items;
  iface->get_item = rows_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (Rows, rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, rows_list_model_init))

static void
on_base_changed (GListModel *base,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Rows       *self)
{
  if (self->frozen == NULL)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
rows_set_base (Rows       *self,
               GListModel *base)
{
  guint removed = rows_get_n_items (G_LIST_MODEL (self));

  if (self->base != NULL)
    g_signal_handlers_disconnect_by_func (self->base, on_base_changed, self);
  g_set_object (&self->base, base);
  if (self->base != NULL)
    g_signal_connect (self->base, "items-changed", G_CALLBACK (on_base_changed), self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, rows_get_n_items (G_LIST_MODEL (self)));
}

static void
rows_dispose (GObject *object)
{
  Rows *self = CUSP_INVENTORY_ROWS (object);

  if (self->base != NULL)
    g_signal_handlers_disconnect_by_func (self->base, on_base_changed, self);
  g_clear_object (&self->base);
  g_clear_pointer (&self->frozen, g_ptr_array_unref);

  G_OBJECT_CLASS (rows_parent_class)->dispose (object);
}

static void
rows_class_init (RowsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rows_dispose;
}

static void
rows_init (Rows *self)
{
}

static void
rows_freeze (Rows *self)
{
  guint n = rows_get_n_items (G_LIST_MODEL (self));

  g_return_if_fail (self->frozen == NULL);

  self->frozen = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->frozen, g_list_model_get_item (self->base, i));
}

static void
rows_thaw (Rows *self)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->frozen);
  guint n_new = rows_get_n_items (G_LIST_MODEL (self));
  guint head = 0, tail = 0;

  while (head < old->len && head < n_new)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->base, head);

      if (item != g_ptr_array_index (old, head))
        break;
      head++;
    }
  while (tail < old->len - head && tail < n_new - head)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->base, n_new - 1 - tail);

      if (item != g_ptr_array_index (old, old->len - 1 - tail))
        break;
      tail++;
    }
  if (head + tail < old->len || head + tail < n_new)
    g_list_model_items_changed (G_LIST_MODEL (self), head, old->len - head - tail, n_new - head - tail);
}

/* Search */

static GQuark search_text_quark;
static GQuark status_quark;

/* The node's own name and id, case-folded once and kept on the node:
 * names never change, and folding 10⁵ strings per keystroke is what made
 * typing slow on big inventories. */
static const char *
node_search_text (CuspInventoryNode *node)
{
  const char *text = g_object_get_qdata (G_OBJECT (node), search_text_quark);

  if (text == NULL)
    {
      const char *name = cusp_inventory_node_get_name (node);
      const char *id = cusp_inventory_node_get_id (node);
      g_autofree char *joined = g_strconcat (name != NULL ? name : "", "\n", id != NULL ? id : "", NULL);
      char *folded = g_utf8_casefold (joined, -1);

      g_object_set_qdata_full (G_OBJECT (node), search_text_quark, folded, g_free);
      text = folded;
    }
  return text;
}

/* The flat index: one array walk per keystroke instead of a GListModel
 * walk (an item fetch, a ref and type checks per node).  Groups' children
 * lists are watched, as lazily loaded trees grow there. */

static void
on_watched_changed (GListModel        *children,
                    guint              position,
                    guint              removed,
                    guint              added,
                    CuspInventoryView *self)
{
  self->index_dirty = TRUE;
}

static void
unwatch_all (CuspInventoryView *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i),
                                          on_watched_changed, self);
  g_ptr_array_set_size (self->watched, 0);
}

static gboolean is_group_kind (CuspNodeKind kind);

static void
index_node (CuspInventoryView *self,
            CuspInventoryNode *node,
            guint              parent)
{
  GListModel *children = cusp_inventory_node_get_children (node);
  IndexEntry entry = { node, node_search_text (node), parent, 0 };
  guint me = self->index->len;
  guint n = g_list_model_get_n_items (children);

  g_array_append_val (self->index, entry);
  if (is_group_kind (cusp_inventory_node_get_kind (node)))
    {
      g_signal_connect (children, "items-changed", G_CALLBACK (on_watched_changed), self);
      g_ptr_array_add (self->watched, g_object_ref (children));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuspInventoryNode) child = g_list_model_get_item (children, i);

      index_node (self, child, me);
    }
  g_array_index (self->index, IndexEntry, me).end = self->index->len;
}

static void
ensure_index (CuspInventoryView *self)
{
  guint n_roots = self->roots != NULL ? g_list_model_get_n_items (self->roots) : 0;

  if (!self->index_dirty)
    return;
  unwatch_all (self);
  g_array_set_size (self->index, 0);
  for (guint i = 0; i < n_roots; i++)
    {
      g_autoptr(CuspInventoryNode) root = g_list_model_get_item (self->roots, i);

      index_node (self, root, NO_PARENT);
    }
  self->index_dirty = FALSE;
}

/* A node matches when every word is in its path: the names and ids of its
 * ancestors and itself, so "fgm b_gse" finds b_gse under FGM.  A node's
 * mask holds the words found in its path; below a match everything
 * matches, so that subtree is skipped (the filter looks up ancestors). */
static void
collect_visible (CuspInventoryView *self,
                 char *const       *words,
                 guint              n_words)
{
  guint n = self->index->len;
  const IndexEntry *entries = (const IndexEntry *) (gpointer) self->index->data;
  g_autofree guint32 *masks = g_new (guint32, n);
  g_autofree guint8 *flags = g_new0 (guint8, n);
  guint32 all = n_words == 32 ? G_MAXUINT32 : (1u << n_words) - 1;

  for (guint i = 0; i < n; i++)
    {
      const IndexEntry *e = &entries[i];
      guint32 mask = e->parent == NO_PARENT ? 0 : masks[e->parent];

      for (guint w = 0; w < n_words; w++)
        {
          if ((mask & (1u << w)) == 0 && strstr (e->text, words[w]) != NULL)
            mask |= 1u << w;
        }
      masks[i] = mask;
      if (mask != all)
        continue;

      flags[i] = VISIBLE_MATCH;
      for (guint p = e->parent; p != NO_PARENT && flags[p] == 0; p = entries[p].parent)
        flags[p] = VISIBLE_ANCESTOR;
      i = e->end - 1;
    }

  for (guint i = 0; i < n; i++)
    {
      if (flags[i] != 0)
        g_hash_table_insert (self->visible, entries[i].node, GUINT_TO_POINTER (flags[i]));
    }
}

static char **
split_search_words (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
  g_auto(GStrv) parts = g_strsplit_set (folded, " \t\n", -1);
  GPtrArray *words = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL && words->len < MAX_SEARCH_WORDS; i++)
    {
      if (parts[i][0] != '\0')
        g_ptr_array_add (words, g_strdup (parts[i]));
    }
  g_ptr_array_add (words, NULL);

  return (char **) g_ptr_array_free (words, FALSE);
}

static VisibleFlags
visible_flags (CuspInventoryView *self,
               CuspInventoryNode *node)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->visible, node));
}

static gboolean
below_match (CuspInventoryView *self,
             CuspInventoryNode *node)
{
  for (CuspInventoryNode *n = node; n != NULL; n = cusp_inventory_node_get_parent (n))
    {
      if (visible_flags (self, n) & VISIBLE_MATCH)
        return TRUE;
    }
  return FALSE;
}

static gboolean
filter_node (gpointer item,
             gpointer user_data)
{
  CuspInventoryView *self = user_data;
  CuspInventoryNode *node = CUSP_INVENTORY_NODE (item);

  if (self->visible == NULL)
    return TRUE;
  /* A child is listed itself, or its parent matched (so it does too). */
  if (g_hash_table_contains (self->visible, node))
    return TRUE;
  return below_match (self, node);
}

static gboolean
is_group_kind (CuspNodeKind kind)
{
  return kind == CUSP_NODE_PROVIDER || kind == CUSP_NODE_MISSION || kind == CUSP_NODE_INSTRUMENT ||
         kind == CUSP_NODE_DATASET || kind == CUSP_NODE_FOLDER;
}

static GListStore *
status_store (CuspInventoryView *self,
              CuspInventoryNode *node)
{
  GListStore *store = g_hash_table_lookup (self->status_stores, node);

  if (store == NULL)
    {
      store = g_list_store_new (CUSP_TYPE_INVENTORY_NODE);
      g_hash_table_insert (self->status_stores, g_object_ref (node), store);
    }
  return store;
}

/* Groups always get a model, empty or not: GtkTreeListModel makes a row
 * whose create function once returned NULL a leaf for good, and lazily
 * filled groups get their children after being shown.  Their status row
 * comes after the children. */
static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  CuspInventoryView *self = user_data;
  CuspInventoryNode *node = CUSP_INVENTORY_NODE (item);
  GListModel *children;
  GListModel *filtered;
  GListStore *parts;

  if (cusp_inventory_view_is_status_node (node))
    return NULL;
  children = cusp_inventory_node_get_children (node);
  if (!is_group_kind (cusp_inventory_node_get_kind (node)))
    {
      /* NULL makes the row a leaf, without an expander arrow. */
      if (g_list_model_get_n_items (children) == 0)
        return NULL;
      return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (children),
                                                      g_object_ref (GTK_FILTER (self->filter))));
    }

  filtered = G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (children),
                                                      g_object_ref (GTK_FILTER (self->filter))));
  parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (parts, filtered);
  g_list_store_append (parts, status_store (self, node));
  g_object_unref (filtered);
  return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)));
}

static void
expand_top_level (GtkTreeListModel *tree)
{
  guint n = g_list_model_get_n_items (gtk_tree_list_model_get_model (tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (tree, i);
      g_autoptr(CuspInventoryNode) node = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

      /* Trees still to be loaded (remote servers) stay closed until asked. */
      if (node != NULL && g_list_model_get_n_items (cusp_inventory_node_get_children (node)) > 0)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

/* Opens the branches that lead to matches (up to a row budget), then the
 * matches themselves while few rows are shown.  Expanding inserts the
 * children right after the row, so one pass in row order walks the tree
 * depth first. */
static void
expand_matches (CuspInventoryView *self,
                GtkTreeListModel  *tree)
{
  GListModel *rows = G_LIST_MODEL (tree);

  for (guint i = 0; i < g_list_model_get_n_items (rows) && i < SEARCH_MAX_PATH_ROWS; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(CuspInventoryNode) node = gtk_tree_list_row_get_item (row);

      if (visible_flags (self, node) & VISIBLE_ANCESTOR)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = NULL;
      g_autoptr(CuspInventoryNode) node = NULL;

      if (g_list_model_get_n_items (rows) >= SEARCH_MAX_OPEN_ROWS)
        break;
      row = g_list_model_get_item (rows, i);
      node = gtk_tree_list_row_get_item (row);
      if (!gtk_tree_list_row_get_expanded (row) && below_match (self, node) &&
          g_list_model_get_n_items (cusp_inventory_node_get_children (node)) > 0)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

/* A fresh tree model when a search starts or ends: the kept branches open
 * by themselves (see expand_matches), and without a search the providers
 * are open.  While typing, the same tree is filtered again instead: a new
 * model would make the list view destroy and build every row widget. */
static void
rebuild_tree (CuspInventoryView *self)
{
  g_autoptr(GtkTreeListModel) tree = NULL;

  tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->root_filter)),
                                  FALSE, FALSE, create_child_model, self, NULL);
  if (self->visible == NULL)
    expand_top_level (tree);
  else
    expand_matches (self, tree);

  rows_set_base (self->rows, G_LIST_MODEL (tree));
}

static void
apply_search (CuspInventoryView *self)
{
  g_auto(GStrv) words = split_search_words (self->search_text);
  guint n_words = g_strv_length (words);
  gboolean was_searching = self->visible != NULL;
  GListModel *tree = self->rows->base;

  g_clear_pointer (&self->visible, g_hash_table_unref);
  if (n_words > 0)
    {
      ensure_index (self);
      self->visible = g_hash_table_new (NULL, NULL);
      collect_visible (self, words, n_words);
    }

  if (was_searching && self->visible != NULL && tree != NULL)
    {
      rows_freeze (self->rows);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      expand_matches (self, GTK_TREE_LIST_MODEL (tree));
      rows_thaw (self->rows);
      return;
    }
  /* The old tree goes first: its filter models would all filter again. */
  rows_set_base (self->rows, NULL);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  rebuild_tree (self);
}

static void
on_search_changed (CuspInventoryView *self,
                   GtkSearchEntry    *entry)
{
  if (self->echoing)
    return;
  cusp_inventory_view_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_stop_search (CuspInventoryView *self,
                GtkSearchEntry    *entry)
{
  cusp_inventory_view_set_search_text (self, "");
}

static void
on_search_activate (CuspInventoryView *self,
                    GtkSearchEntry    *entry)
{
  gtk_widget_grab_focus (self->list_view);
}

static void
on_roots_changed (CuspInventoryView *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *roots)
{
  self->index_dirty = TRUE;
  if (self->visible != NULL)
    apply_search (self);
}

/* Rows */

static void
append_coverage (GString           *s,
                 CuspInventoryNode *node)
{
  CuspTime start, stop;
  char a[40], b[40];

  cusp_inventory_node_get_coverage (node, &start, &stop);
  if (start == CUSP_TIME_INVALID || stop == CUSP_TIME_INVALID || stop < start)
    return;
  cusp_time_format_iso_buf (start, 0, TRUE, a);
  cusp_time_format_iso_buf (stop, 0, TRUE, b);
  g_string_append_c (s, '\n');
  /* Translators: the time coverage of a dataset, two ISO 8601 dates */
  g_string_append_printf (s, _("Data from %s to %s"), a, b);
}

static char *
describe_node_markup (CuspInventoryNode *node)
{
  GString *s = g_string_new (NULL);
  const char *description = cusp_inventory_node_get_description (node);
  const char *unit = cusp_inventory_node_get_unit (node);
  gint64 cadence = cusp_inventory_node_get_cadence (node);
  g_autofree char *name = g_markup_escape_text (cusp_inventory_node_get_name (node), -1);
  g_autofree char *id = g_markup_escape_text (cusp_inventory_node_get_id (node), -1);

  g_string_append_printf (s, "<b>%s</b>\n<tt>%s</tt>", name, id);
  if (description != NULL && description[0] != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (description, -1);
      g_string_append_printf (s, "\n%s", escaped);
    }
  if (unit != NULL && unit[0] != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (unit, -1);
      g_string_append_c (s, '\n');
      /* Translators: %s is a physical unit such as "nT" */
      g_string_append_printf (s, _("Unit: %s"), escaped);
    }
  if (cadence > 0)
    {
      g_autofree char *duration = cusp_duration_format (cadence);
      g_autofree char *escaped = g_markup_escape_text (duration, -1);
      g_string_append_c (s, '\n');
      /* Translators: %s is a duration such as "4.5 s" */
      g_string_append_printf (s, _("Cadence: %s"), escaped);
    }
  append_coverage (s, node);

  return g_string_free (s, FALSE);
}

static const char *
node_kind_label (CuspNodeKind kind)
{
  switch (kind)
    {
    case CUSP_NODE_PROVIDER:
      return C_("inventory node kind", "provider");
    case CUSP_NODE_MISSION:
      return C_("inventory node kind", "mission");
    case CUSP_NODE_INSTRUMENT:
      return C_("inventory node kind", "instrument");
    case CUSP_NODE_DATASET:
      return C_("inventory node kind", "dataset");
    case CUSP_NODE_PARAMETER:
      return C_("inventory node kind", "parameter");
    case CUSP_NODE_COMPONENT:
      return C_("inventory node kind", "component");
    case CUSP_NODE_FOLDER:
    default:
      return C_("inventory node kind", "folder");
    }
}

/* The unit says most about a product; groupings show what they are. */
static const char *
node_hint (CuspInventoryNode *node)
{
  const char *unit = cusp_inventory_node_get_unit (node);

  if (unit != NULL && unit[0] != '\0')
    return unit;
  return node_kind_label (cusp_inventory_node_get_kind (node));
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 gpointer       user_data)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (user_data);
  g_autoptr(GObject) item = gtk_tree_expander_get_item (expander);

  if (item == NULL || !cusp_inventory_view_is_product (CUSP_INVENTORY_NODE (item)))
    return NULL;

  return gdk_content_provider_new_typed (G_TYPE_STRING,
                                         cusp_inventory_node_get_id (CUSP_INVENTORY_NODE (item)));
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               gpointer       user_data)
{
  GtkWidget *row_box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (user_data));
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row_box);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static void
on_row_expanded (GtkTreeListRow    *row,
                 GParamSpec        *pspec,
                 CuspInventoryView *self)
{
  g_autoptr(CuspInventoryNode) node = NULL;

  if (!gtk_tree_list_row_get_expanded (row))
    return;
  node = gtk_tree_list_row_get_item (row);
  g_signal_emit (self, signals[NODE_EXPANDED], 0, node);
}

static void
on_row_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                gpointer         user_data)
{
  GtkWidget *expander = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  CuspInventoryView *self = user_data;
  g_autoptr(GObject) item = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander));

  if (item == NULL || cusp_inventory_view_is_status_node (CUSP_INVENTORY_NODE (item)))
    return;
  g_signal_emit (self, signals[NODE_MENU], 0, item, expander, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Built when asked for: setting a tooltip on every bound row costs a
 * pointer query to the display server per row, each time a search
 * rebinds the list. */
static gboolean
on_query_tooltip (GtkWidget  *expander,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autoptr(GObject) item = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander));
  CuspInventoryNode *node;
  g_autofree char *markup = NULL;

  if (item == NULL)
    return FALSE;
  node = CUSP_INVENTORY_NODE (item);
  if (cusp_inventory_view_is_status_node (node))
    {
      gtk_tooltip_set_text (tooltip, cusp_inventory_node_get_description (node));
      return TRUE;
    }
  markup = describe_node_markup (node);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *hint = gtk_label_new (NULL);
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_visible (spinner, FALSE);
  gtk_widget_set_visible (icon, FALSE);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 1.0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "inventory-hint");
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  g_object_set_data (G_OBJECT (expander), "spinner", spinner);
  g_object_set_data (G_OBJECT (expander), "icon", icon);
  g_object_set_data (G_OBJECT (expander), "name", name);
  g_object_set_data (G_OBJECT (expander), "hint", hint);

  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), expander);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), expander);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_row_pressed), user_data);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (expander, TRUE);
  g_signal_connect (expander, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  gtk_list_item_set_child (list_item, expander);
}

static void
bind_status_row (GtkWidget           *expander,
                 CuspInventoryNode   *node,
                 CuspInventoryStatus  status)
{
  GtkWidget *spinner = g_object_get_data (G_OBJECT (expander), "spinner");
  GtkWidget *icon = g_object_get_data (G_OBJECT (expander), "icon");
  GtkWidget *name = g_object_get_data (G_OBJECT (expander), "name");

  gtk_widget_set_visible (spinner, status == CUSP_INVENTORY_STATUS_LOADING);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), status == CUSP_INVENTORY_STATUS_LOADING);
  gtk_widget_set_visible (icon, status == CUSP_INVENTORY_STATUS_ERROR);
  gtk_widget_add_css_class (name, "dim-label");
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *name = g_object_get_data (G_OBJECT (expander), "name");
  GtkWidget *hint = g_object_get_data (G_OBJECT (expander), "hint");
  g_autoptr(CuspInventoryNode) node = gtk_tree_list_row_get_item (row);
  CuspInventoryStatus status = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (node), status_quark));

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (name), cusp_inventory_node_get_name (node));
  if (status != CUSP_INVENTORY_STATUS_NONE)
    {
      gtk_label_set_text (GTK_LABEL (hint), NULL);
      bind_status_row (expander, node, status);
      return;
    }

  gtk_label_set_text (GTK_LABEL (hint), node_hint (node));
  /* Rows a person can see are the ones a person can open. */
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_row_expanded), user_data, 0);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *spinner = g_object_get_data (G_OBJECT (expander), "spinner");

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_row_expanded, user_data);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), FALSE);
  gtk_widget_set_visible (spinner, FALSE);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (expander), "icon"), FALSE);
  gtk_widget_remove_css_class (g_object_get_data (G_OBJECT (expander), "name"), "dim-label");
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

static void
on_row_activated (CuspInventoryView *self,
                  guint              position,
                  GtkListView       *list_view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autoptr(CuspInventoryNode) node = NULL;

  if (row == NULL)
    return;

  node = gtk_tree_list_row_get_item (row);
  if (cusp_inventory_view_is_product (node))
    g_signal_emit (self, signals[PRODUCT_ACTIVATED], 0, node);
  else
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

/* GObject */

static void
cusp_inventory_view_dispose (GObject *object)
{
  CuspInventoryView *self = CUSP_INVENTORY_VIEW (object);

  g_clear_pointer (&self->search_entry, gtk_widget_unparent);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  self->list_view = NULL;

  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  if (self->roots != NULL)
    g_signal_handlers_disconnect_by_func (self->roots, on_roots_changed, self);

  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->root_filter);
  g_clear_object (&self->filter);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->visible, g_hash_table_unref);
  g_clear_pointer (&self->status_stores, g_hash_table_unref);
  if (self->watched != NULL)
    unwatch_all (self);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->index, g_array_unref);

  G_OBJECT_CLASS (cusp_inventory_view_parent_class)->dispose (object);
}

static void
cusp_inventory_view_finalize (GObject *object)
{
  CuspInventoryView *self = CUSP_INVENTORY_VIEW (object);

  g_free (self->search_text);

  G_OBJECT_CLASS (cusp_inventory_view_parent_class)->finalize (object);
}

static void
cusp_inventory_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CuspInventoryView *self = CUSP_INVENTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_ROOTS:
      g_value_set_object (value, cusp_inventory_view_get_roots (self));
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, cusp_inventory_view_get_search_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cusp_inventory_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CuspInventoryView *self = CUSP_INVENTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_ROOTS:
      cusp_inventory_view_set_roots (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_TEXT:
      cusp_inventory_view_set_search_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cusp_inventory_view_class_init (CuspInventoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cusp_inventory_view_dispose;
  object_class->finalize = cusp_inventory_view_finalize;
  object_class->get_property = cusp_inventory_view_get_property;
  object_class->set_property = cusp_inventory_view_set_property;

  properties[PROP_ROOTS] =
    g_param_spec_object ("roots", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CuspInventoryView::product-activated:
   * @self: the view
   * @node: the CuspInventoryNode of the product
   *
   * A product row was double-clicked or activated with Enter.
   */
  signals[PRODUCT_ACTIVATED] =
    g_signal_new ("product-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CUSP_TYPE_INVENTORY_NODE);

  /**
   * CuspInventoryView::node-expanded:
   * @self: the view
   * @node: the CuspInventoryNode of the row
   *
   * A row shown on screen was opened (by a click, a key or the program).
   */
  signals[NODE_EXPANDED] =
    g_signal_new ("node-expanded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CUSP_TYPE_INVENTORY_NODE);

  /**
   * CuspInventoryView::node-menu:
   * @self: the view
   * @node: the CuspInventoryNode of the row
   * @widget: the row's widget, to point a popover at
   * @x: where in @widget
   * @y: where in @widget
   *
   * A context menu was asked for on a row (secondary click).
   */
  signals[NODE_MENU] =
    g_signal_new ("node-menu",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, CUSP_TYPE_INVENTORY_NODE, GTK_TYPE_WIDGET,
                  G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  search_text_quark = g_quark_from_static_string ("cusp-inventory-view-search-text");
  status_quark = g_quark_from_static_string ("cusp-inventory-view-status");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inventoryview");
}

static GtkWidget *
create_list_view (CuspInventoryView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list_view;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);

  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_widget_add_css_class (list_view, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Inventory"),
                                  -1);
  g_signal_connect_object (list_view, "activate", G_CALLBACK (on_row_activated),
                           self, G_CONNECT_SWAPPED);
  return list_view;
}

static void
cusp_inventory_view_init (CuspInventoryView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  self->search_text = g_strdup ("");
  self->status_stores = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  self->index = g_array_new (FALSE, FALSE, sizeof (IndexEntry));
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->index_dirty = TRUE;

  self->filter = gtk_custom_filter_new (filter_node, self, NULL);
  self->root_filter = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->rows = g_object_new (ROWS_TYPE, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  rebuild_tree (self);

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry,
                "placeholder-text", _("Search products"),
                NULL);
  gtk_widget_add_css_class (self->search_entry, "inventory-search");
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry),
                                           GTK_WIDGET (self));
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search",
                           G_CALLBACK (on_stop_search), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (on_search_activate), self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (self->search_entry, GTK_WIDGET (self));

  self->list_view = create_list_view (self);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->list_view);
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
cusp_inventory_view_new (void)
{
  return g_object_new (CUSP_TYPE_INVENTORY_VIEW, NULL);
}

GListModel *
cusp_inventory_view_get_roots (CuspInventoryView *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_VIEW (self), NULL);

  return self->roots;
}

void
cusp_inventory_view_set_roots (CuspInventoryView *self,
                               GListModel        *roots)
{
  g_return_if_fail (CUSP_IS_INVENTORY_VIEW (self));
  g_return_if_fail (roots == NULL || G_IS_LIST_MODEL (roots));

  if (self->roots == roots)
    return;

  if (self->roots != NULL)
    g_signal_handlers_disconnect_by_func (self->roots, on_roots_changed, self);
  g_set_object (&self->roots, roots);
  if (self->roots != NULL)
    g_signal_connect_object (self->roots, "items-changed",
                             G_CALLBACK (on_roots_changed), self, G_CONNECT_SWAPPED);

  gtk_filter_list_model_set_model (self->root_filter, roots);
  self->index_dirty = TRUE;
  apply_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOTS]);
}

GListModel *
cusp_inventory_view_get_rows (CuspInventoryView *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

const char *
cusp_inventory_view_get_search_text (CuspInventoryView *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_VIEW (self), NULL);

  return self->search_text;
}

void
cusp_inventory_view_set_search_text (CuspInventoryView *self,
                                     const char        *text)
{
  g_return_if_fail (CUSP_IS_INVENTORY_VIEW (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->search_text, text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (text);

  /* The entry echoes this back through search-changed, a no-op by then. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    {
      self->echoing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
      self->echoing = FALSE;
    }

  apply_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

GtkWidget *
cusp_inventory_view_get_search_entry (CuspInventoryView *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_VIEW (self), NULL);

  return self->search_entry;
}

GtkWidget *
cusp_inventory_view_get_list_view (CuspInventoryView *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_VIEW (self), NULL);

  return self->list_view;
}

gboolean
cusp_inventory_view_is_status_node (CuspInventoryNode *node)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (node), FALSE);

  return g_object_get_qdata (G_OBJECT (node), status_quark) != NULL;
}

CuspInventoryStatus
cusp_inventory_view_get_node_status (CuspInventoryView *self,
                                     CuspInventoryNode *node)
{
  GListStore *store;
  g_autoptr(CuspInventoryNode) row = NULL;

  g_return_val_if_fail (CUSP_IS_INVENTORY_VIEW (self), CUSP_INVENTORY_STATUS_NONE);
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (node), CUSP_INVENTORY_STATUS_NONE);

  store = g_hash_table_lookup (self->status_stores, node);
  if (store == NULL || (row = g_list_model_get_item (G_LIST_MODEL (store), 0)) == NULL)
    return CUSP_INVENTORY_STATUS_NONE;
  return GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (row), status_quark));
}

void
cusp_inventory_view_set_node_status (CuspInventoryView   *self,
                                     CuspInventoryNode   *node,
                                     CuspInventoryStatus  status,
                                     const char          *message)
{
  GListStore *store;
  g_autoptr(CuspInventoryNode) row = NULL;
  g_autofree char *id = NULL;
  const char *text;

  g_return_if_fail (CUSP_IS_INVENTORY_VIEW (self));
  g_return_if_fail (CUSP_IS_INVENTORY_NODE (node));

  store = status_store (self, node);
  if (status == CUSP_INVENTORY_STATUS_NONE)
    {
      g_list_store_remove_all (store);
      return;
    }

  text = message != NULL ? message
                         : status == CUSP_INVENTORY_STATUS_LOADING ? _("Loading…") : _("Failed");
  id = g_strconcat (cusp_inventory_node_get_id (node), "#status", NULL);
  row = cusp_inventory_node_new (CUSP_NODE_FOLDER, id, text);
  cusp_inventory_node_set_description (row, text);
  g_object_set_qdata (G_OBJECT (row), status_quark, GINT_TO_POINTER (status));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       (gpointer *) &row, 1);
}

void
cusp_inventory_view_refilter (CuspInventoryView *self)
{
  g_return_if_fail (CUSP_IS_INVENTORY_VIEW (self));

  if (self->visible != NULL)
    apply_search (self);
}
