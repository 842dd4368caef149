/* cusp-inventory-node.h: one node of a provider's inventory tree
 *
 * provider -> mission -> instrument -> dataset -> parameter -> component.
 * Children are a GListModel so a GtkTreeListModel can show the tree
 * directly.  A node's id is its path from the provider ("sim/mms1/fgm/
 * b_gse"), which is also how a product is named to get_data().
 */
#pragma once

#include <gio/gio.h>
#include "cusp-time.h"
#include "cusp-data.h"
#include "cusp-metadata.h"

G_BEGIN_DECLS

typedef enum
{
  CUSP_NODE_PROVIDER,
  CUSP_NODE_MISSION,
  CUSP_NODE_INSTRUMENT,
  CUSP_NODE_DATASET,
  CUSP_NODE_PARAMETER,
  CUSP_NODE_COMPONENT,
  CUSP_NODE_FOLDER,       /* any other grouping */
} CuspNodeKind;

/* GEnum type of CuspNodeKind, for the "kind" property.  Added. */
#define CUSP_TYPE_NODE_KIND (cusp_node_kind_get_type ())
GType cusp_node_kind_get_type (void) G_GNUC_CONST;

#define CUSP_TYPE_INVENTORY_NODE (cusp_inventory_node_get_type ())
G_DECLARE_FINAL_TYPE (CuspInventoryNode, cusp_inventory_node, CUSP, INVENTORY_NODE, GObject)

CuspInventoryNode *cusp_inventory_node_new              (CuspNodeKind  kind,
                                                         const char   *id,
                                                         const char   *name);
CuspNodeKind       cusp_inventory_node_get_kind         (CuspInventoryNode *self);
const char        *cusp_inventory_node_get_id           (CuspInventoryNode *self);
const char        *cusp_inventory_node_get_name         (CuspInventoryNode *self);
const char        *cusp_inventory_node_get_description  (CuspInventoryNode *self);
void               cusp_inventory_node_set_description  (CuspInventoryNode *self,
                                                         const char        *description);
const char        *cusp_inventory_node_get_unit         (CuspInventoryNode *self);
void               cusp_inventory_node_set_unit         (CuspInventoryNode *self,
                                                         const char        *unit);
/* What get_data returns for this node; NONE for groupings. */
CuspDataKind       cusp_inventory_node_get_data_kind    (CuspInventoryNode *self);
void               cusp_inventory_node_set_data_kind    (CuspInventoryNode *self,
                                                         CuspDataKind       kind);
/* Nominal cadence in ns, 0 when unknown. */
gint64             cusp_inventory_node_get_cadence      (CuspInventoryNode *self);
void               cusp_inventory_node_set_cadence      (CuspInventoryNode *self,
                                                         gint64             cadence_ns);
/* Time coverage; CUSP_TIME_INVALID when unbounded or unknown. */
void               cusp_inventory_node_get_coverage     (CuspInventoryNode *self,
                                                         CuspTime          *start,
                                                         CuspTime          *stop);
void               cusp_inventory_node_set_coverage     (CuspInventoryNode *self,
                                                         CuspTime           start,
                                                         CuspTime           stop);
CuspMetadata      *cusp_inventory_node_get_metadata     (CuspInventoryNode *self);

/* Children (never NULL; empty for leaves). */
GListModel        *cusp_inventory_node_get_children     (CuspInventoryNode *self);
void               cusp_inventory_node_append           (CuspInventoryNode *self,
                                                         CuspInventoryNode *child);
/* Weak back pointer; NULL at the root. */
CuspInventoryNode *cusp_inventory_node_get_parent       (CuspInventoryNode *self);
/* Depth-first search by id below and including self. */
CuspInventoryNode *cusp_inventory_node_find             (CuspInventoryNode *self,
                                                         const char        *id);
/* The subtree as text for `cusp inventory`: one line per node, two spaces
 * of indent per depth, "name  [kind]  id", then "  unit" and the cadence
 * when set.  Newline-terminated. */
char              *cusp_inventory_node_dump             (CuspInventoryNode *self);
/* "mission", "dataset"... for display and `cusp inventory`. */
const char        *cusp_node_kind_to_string             (CuspNodeKind kind);

G_END_DECLS
