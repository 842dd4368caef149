#define G_LOG_DOMAIN "cusp-inventory-view"

#include "config.h"

#include "cusp-inventory-view.h"

#include <glib/gi18n-lib.h>

struct _CuspInventoryView
{
  GtkWidget           parent_instance;

  GtkWidget          *search_entry;
  GtkWidget          *scrolled;
  GtkWidget          *list_view;

  GListModel         *roots;
  GtkCustomFilter    *filter;
  GtkFilterListModel *root_filter;
  GtkSingleSelection *selection;

  char               *search_text;
  /* Nodes kept by the current search (borrowed from roots); NULL shows all. */
  GHashTable         *visible;
};

enum {
  PROP_0,
  PROP_ROOTS,
  PROP_SEARCH_TEXT,
  N_PROPS
};

enum {
  PRODUCT_ACTIVATED,
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

  kind = cusp_inventory_node_get_kind (node);
  return cusp_inventory_node_get_data_kind (node) != CUSP_DATA_KIND_NONE ||
         kind == CUSP_NODE_PARAMETER ||
         kind == CUSP_NODE_COMPONENT;
}

/* Search */

static gboolean
text_has_all_words (const char  *text,
                    char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strstr (text, words[i]) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* A node's search text is its path: the names and ids of its ancestors and
 * itself, so "fgm b_gse" finds b_gse under FGM and everything below a match
 * matches too.  Returns whether the node or a descendant is kept. */
static gboolean
collect_visible (GHashTable        *visible,
                 CuspInventoryNode *node,
                 const char        *parent_text,
                 char *const       *words)
{
  const char *name = cusp_inventory_node_get_name (node);
  const char *id = cusp_inventory_node_get_id (node);
  g_autofree char *folded_name = g_utf8_casefold (name != NULL ? name : "", -1);
  g_autofree char *folded_id = g_utf8_casefold (id != NULL ? id : "", -1);
  g_autofree char *text = g_strconcat (parent_text, "\n", folded_name, "\n", folded_id, NULL);
  GListModel *children = cusp_inventory_node_get_children (node);
  gboolean keep = text_has_all_words (text, words);
  guint n = g_list_model_get_n_items (children);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuspInventoryNode) child = g_list_model_get_item (children, i);

      if (collect_visible (visible, child, text, words))
        keep = TRUE;
    }

  if (keep)
    g_hash_table_add (visible, node);

  return keep;
}

static char **
split_search_words (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
  g_auto(GStrv) parts = g_strsplit_set (folded, " \t\n", -1);
  GPtrArray *words = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] != '\0')
        g_ptr_array_add (words, g_strdup (parts[i]));
    }
  g_ptr_array_add (words, NULL);

  return (char **) g_ptr_array_free (words, FALSE);
}

static gboolean
filter_node (gpointer item,
             gpointer user_data)
{
  CuspInventoryView *self = user_data;

  return self->visible == NULL || g_hash_table_contains (self->visible, item);
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  CuspInventoryView *self = user_data;
  GListModel *children = cusp_inventory_node_get_children (CUSP_INVENTORY_NODE (item));

  /* NULL makes the row a leaf, without an expander arrow. */
  if (g_list_model_get_n_items (children) == 0)
    return NULL;

  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (children),
                                                  g_object_ref (GTK_FILTER (self->filter))));
}

static void
expand_top_level (GtkTreeListModel *tree)
{
  guint n = g_list_model_get_n_items (gtk_tree_list_model_get_model (tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (tree, i);

      if (row != NULL)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

/* A fresh tree model per search: autoexpand only acts on rows as they are
 * created, and while searching every kept branch should be open. */
static void
rebuild_tree (CuspInventoryView *self)
{
  gboolean searching = self->visible != NULL;
  g_autoptr(GtkTreeListModel) tree = NULL;

  tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->root_filter)),
                                  FALSE, searching, create_child_model, self, NULL);
  if (!searching)
    expand_top_level (tree);

  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree));
}

static void
apply_search (CuspInventoryView *self)
{
  g_auto(GStrv) words = split_search_words (self->search_text);
  guint n_roots = self->roots != NULL ? g_list_model_get_n_items (self->roots) : 0;

  g_clear_pointer (&self->visible, g_hash_table_unref);
  if (words[0] != NULL)
    {
      self->visible = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < n_roots; i++)
        {
          g_autoptr(CuspInventoryNode) root = g_list_model_get_item (self->roots, i);

          collect_visible (self->visible, root, "", words);
        }
    }

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  rebuild_tree (self);
}

static void
on_search_changed (CuspInventoryView *self,
                   GtkSearchEntry    *entry)
{
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
  if (self->visible != NULL)
    apply_search (self);
}

/* Rows */

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
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *hint = gtk_label_new (NULL);
  GtkDragSource *drag = gtk_drag_source_new ();

  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 1.0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "inventory-hint");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);

  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), expander);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), expander);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (drag));

  gtk_list_item_set_child (list_item, expander);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  g_autoptr(CuspInventoryNode) node = gtk_tree_list_row_get_item (row);
  g_autofree char *tooltip = describe_node_markup (node);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)),
                      cusp_inventory_node_get_name (node));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), node_hint (node));
  gtk_widget_set_tooltip_markup (expander, tooltip);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);

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
  g_clear_object (&self->root_filter);
  g_clear_object (&self->filter);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->visible, g_hash_table_unref);

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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inventoryview");
}

static GtkWidget *
create_list_view (CuspInventoryView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list_view;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);

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

  self->filter = gtk_custom_filter_new (filter_node, self, NULL);
  self->root_filter = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (NULL);
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
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);

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
