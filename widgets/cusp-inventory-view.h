/* cusp-inventory-view.h: the searchable inventory tree of the sidebar
 *
 * Shows one tree per provider root node.  Typing in the search entry keeps
 * the nodes whose path (names and ids from the root down) contains every
 * word, in any order, plus their ancestors; matching branches open by
 * themselves.  Products (nodes that carry data) are drag sources of their
 * id as a string and emit ::product-activated on double-click or Enter.
 */
#pragma once

#include <gtk/gtk.h>
#include "cusp-inventory-node.h"

G_BEGIN_DECLS

#define CUSP_TYPE_INVENTORY_VIEW (cusp_inventory_view_get_type ())
G_DECLARE_FINAL_TYPE (CuspInventoryView, cusp_inventory_view, CUSP, INVENTORY_VIEW, GtkWidget)

GtkWidget  *cusp_inventory_view_new              (void);
/* A GListModel of root CuspInventoryNode, one per provider. */
GListModel *cusp_inventory_view_get_roots        (CuspInventoryView *self);
void        cusp_inventory_view_set_roots        (CuspInventoryView *self,
                                                  GListModel        *roots);
/* The rows as displayed, after filtering: GtkTreeListRow items.  The
 * returned model stays the same object for the life of the view. */
GListModel *cusp_inventory_view_get_rows         (CuspInventoryView *self);
const char *cusp_inventory_view_get_search_text  (CuspInventoryView *self);
/* Applies the filter at once (the entry itself waits for typing to pause). */
void        cusp_inventory_view_set_search_text  (CuspInventoryView *self,
                                                  const char        *text);
GtkWidget  *cusp_inventory_view_get_search_entry (CuspInventoryView *self);
GtkWidget  *cusp_inventory_view_get_list_view    (CuspInventoryView *self);
/* TRUE for nodes that can be plotted (they carry data). */
gboolean    cusp_inventory_view_is_product       (CuspInventoryNode *node);

/* ---- Lazily filled trees (added with the remote data) -------------------
 *
 * Grouping nodes (provider, mission, instrument, dataset, folder) can
 * always be expanded, even while they have no children: children added
 * later show up under them.  The first time a person expands such a row,
 * ::node-expanded says so, and whoever fills the node can show a status
 * row under it while it loads, or why it failed.  A status row is a
 * CuspInventoryNode made by the view: never a product, never searched.
 * ::node-menu asks for a context menu (right click) on a row's widget.
 */
typedef enum
{
  CUSP_INVENTORY_STATUS_NONE,
  CUSP_INVENTORY_STATUS_LOADING,   /* "Loading…" and a spinner */
  CUSP_INVENTORY_STATUS_ERROR,     /* the message, with an error icon */
} CuspInventoryStatus;

void        cusp_inventory_view_set_node_status  (CuspInventoryView   *self,
                                                  CuspInventoryNode   *node,
                                                  CuspInventoryStatus  status,
                                                  const char          *message);
CuspInventoryStatus
            cusp_inventory_view_get_node_status  (CuspInventoryView   *self,
                                                  CuspInventoryNode   *node);
/* TRUE for the status rows made by cusp_inventory_view_set_node_status(). */
gboolean    cusp_inventory_view_is_status_node   (CuspInventoryNode   *node);
/* Applies the current search again, e.g. after a tree got new nodes. */
void        cusp_inventory_view_refilter         (CuspInventoryView   *self);

G_END_DECLS
