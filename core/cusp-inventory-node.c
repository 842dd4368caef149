#define G_LOG_DOMAIN "cusp-inventory-node"

#include "config.h"

#include "cusp-inventory-node.h"

struct _CuspInventoryNode
{
  GObject            parent_instance;

  CuspNodeKind       kind;
  char              *id;
  char              *name;
  char              *description;
  char              *unit;
  CuspDataKind       data_kind;
  gint64             cadence;
  CuspTime           coverage_start;
  CuspTime           coverage_stop;
  CuspMetadata      *metadata;
  GListStore        *children;
  CuspInventoryNode *parent;  /* weak */
};

G_DEFINE_FINAL_TYPE (CuspInventoryNode, cusp_inventory_node, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CuspNodeKind, cusp_node_kind,
  G_DEFINE_ENUM_VALUE (CUSP_NODE_PROVIDER, "provider"),
  G_DEFINE_ENUM_VALUE (CUSP_NODE_MISSION, "mission"),
  G_DEFINE_ENUM_VALUE (CUSP_NODE_INSTRUMENT, "instrument"),
  G_DEFINE_ENUM_VALUE (CUSP_NODE_DATASET, "dataset"),
  G_DEFINE_ENUM_VALUE (CUSP_NODE_PARAMETER, "parameter"),
  G_DEFINE_ENUM_VALUE (CUSP_NODE_COMPONENT, "component"),
  G_DEFINE_ENUM_VALUE (CUSP_NODE_FOLDER, "folder"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_UNIT,
  PROP_DATA_KIND,
  PROP_CADENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() needs GLib 2.76. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

CuspInventoryNode *
cusp_inventory_node_new (CuspNodeKind  kind,
                         const char   *id,
                         const char   *name)
{
  return g_object_new (CUSP_TYPE_INVENTORY_NODE,
                       "kind", kind,
                       "id", id,
                       "name", name,
                       NULL);
}

static void
cusp_inventory_node_dispose (GObject *object)
{
  CuspInventoryNode *self = CUSP_INVENTORY_NODE (object);

  g_clear_object (&self->children);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (cusp_inventory_node_parent_class)->dispose (object);
}

static void
cusp_inventory_node_finalize (GObject *object)
{
  CuspInventoryNode *self = CUSP_INVENTORY_NODE (object);

  g_clear_pointer (&self->metadata, cusp_metadata_unref);
  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->unit);

  G_OBJECT_CLASS (cusp_inventory_node_parent_class)->finalize (object);
}

static void
cusp_inventory_node_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CuspInventoryNode *self = CUSP_INVENTORY_NODE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_DATA_KIND:
      g_value_set_enum (value, self->data_kind);
      break;
    case PROP_CADENCE:
      g_value_set_int64 (value, self->cadence);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cusp_inventory_node_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CuspInventoryNode *self = CUSP_INVENTORY_NODE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_DESCRIPTION:
      cusp_inventory_node_set_description (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      cusp_inventory_node_set_unit (self, g_value_get_string (value));
      break;
    case PROP_DATA_KIND:
      cusp_inventory_node_set_data_kind (self, g_value_get_enum (value));
      break;
    case PROP_CADENCE:
      cusp_inventory_node_set_cadence (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cusp_inventory_node_class_init (CuspInventoryNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cusp_inventory_node_dispose;
  object_class->finalize = cusp_inventory_node_finalize;
  object_class->get_property = cusp_inventory_node_get_property;
  object_class->set_property = cusp_inventory_node_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       CUSP_TYPE_NODE_KIND, CUSP_NODE_FOLDER,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_KIND] =
    g_param_spec_enum ("data-kind", NULL, NULL,
                       CUSP_TYPE_DATA_KIND, CUSP_DATA_KIND_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CADENCE] =
    g_param_spec_int64 ("cadence", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cusp_inventory_node_init (CuspInventoryNode *self)
{
  self->kind = CUSP_NODE_FOLDER;
  self->coverage_start = CUSP_TIME_INVALID;
  self->coverage_stop = CUSP_TIME_INVALID;
  self->metadata = cusp_metadata_new ();
  self->children = g_list_store_new (CUSP_TYPE_INVENTORY_NODE);
}

CuspNodeKind
cusp_inventory_node_get_kind (CuspInventoryNode *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (self), CUSP_NODE_FOLDER);

  return self->kind;
}

const char *
cusp_inventory_node_get_id (CuspInventoryNode *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (self), NULL);

  return self->id;
}

const char *
cusp_inventory_node_get_name (CuspInventoryNode *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (self), NULL);

  return self->name;
}

const char *
cusp_inventory_node_get_description (CuspInventoryNode *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (self), NULL);

  return self->description;
}

void
cusp_inventory_node_set_description (CuspInventoryNode *self,
                                     const char        *description)
{
  g_return_if_fail (CUSP_IS_INVENTORY_NODE (self));

  if (set_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
cusp_inventory_node_get_unit (CuspInventoryNode *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (self), NULL);

  return self->unit;
}

void
cusp_inventory_node_set_unit (CuspInventoryNode *self,
                              const char        *unit)
{
  g_return_if_fail (CUSP_IS_INVENTORY_NODE (self));

  if (set_string (&self->unit, unit))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

CuspDataKind
cusp_inventory_node_get_data_kind (CuspInventoryNode *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (self), CUSP_DATA_KIND_NONE);

  return self->data_kind;
}

void
cusp_inventory_node_set_data_kind (CuspInventoryNode *self,
                                   CuspDataKind       kind)
{
  g_return_if_fail (CUSP_IS_INVENTORY_NODE (self));

  if (self->data_kind != kind)
    {
      self->data_kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_KIND]);
    }
}

gint64
cusp_inventory_node_get_cadence (CuspInventoryNode *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (self), 0);

  return self->cadence;
}

void
cusp_inventory_node_set_cadence (CuspInventoryNode *self,
                                 gint64             cadence_ns)
{
  g_return_if_fail (CUSP_IS_INVENTORY_NODE (self));
  g_return_if_fail (cadence_ns >= 0);

  if (self->cadence != cadence_ns)
    {
      self->cadence = cadence_ns;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CADENCE]);
    }
}

void
cusp_inventory_node_get_coverage (CuspInventoryNode *self,
                                  CuspTime          *start,
                                  CuspTime          *stop)
{
  g_return_if_fail (CUSP_IS_INVENTORY_NODE (self));

  if (start != NULL)
    *start = self->coverage_start;
  if (stop != NULL)
    *stop = self->coverage_stop;
}

void
cusp_inventory_node_set_coverage (CuspInventoryNode *self,
                                  CuspTime           start,
                                  CuspTime           stop)
{
  g_return_if_fail (CUSP_IS_INVENTORY_NODE (self));

  self->coverage_start = start;
  self->coverage_stop = stop;
}

CuspMetadata *
cusp_inventory_node_get_metadata (CuspInventoryNode *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (self), NULL);

  return self->metadata;
}

GListModel *
cusp_inventory_node_get_children (CuspInventoryNode *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (self), NULL);

  return G_LIST_MODEL (self->children);
}

void
cusp_inventory_node_append (CuspInventoryNode *self,
                            CuspInventoryNode *child)
{
  g_return_if_fail (CUSP_IS_INVENTORY_NODE (self));
  g_return_if_fail (CUSP_IS_INVENTORY_NODE (child));
  g_return_if_fail (child->parent == NULL);
  g_return_if_fail (child != self);

  g_set_weak_pointer (&child->parent, self);
  g_list_store_append (self->children, child);
}

CuspInventoryNode *
cusp_inventory_node_get_parent (CuspInventoryNode *self)
{
  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (self), NULL);

  return self->parent;
}

CuspInventoryNode *
cusp_inventory_node_find (CuspInventoryNode *self,
                          const char        *id)
{
  GListModel *children;
  guint n;

  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (g_strcmp0 (self->id, id) == 0)
    return self;

  children = G_LIST_MODEL (self->children);
  n = g_list_model_get_n_items (children);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuspInventoryNode) child = g_list_model_get_item (children, i);
      CuspInventoryNode *found = cusp_inventory_node_find (child, id);

      /* The store keeps the child alive after our reference goes. */
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Shortest readable cadence: the largest unit that is at most the value,
 * printed with %g in the C locale so `cusp inventory` output is stable. */
static char *
format_cadence (gint64 ns)
{
  static const struct { gint64 ns; const char *unit; } units[] = {
    { CUSP_NS_PER_DAY, "d" },
    { CUSP_NS_PER_HOUR, "h" },
    { CUSP_NS_PER_MINUTE, "min" },
    { CUSP_NS_PER_SECOND, "s" },
    { CUSP_NS_PER_MS, "ms" },
    { CUSP_NS_PER_US, "us" },
    { 1, "ns" },
  };
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  guint u = 0;

  while (u + 1 < G_N_ELEMENTS (units) && ns < units[u].ns)
    u++;

  g_ascii_formatd (number, sizeof number, "%g", (double) ns / (double) units[u].ns);

  return g_strdup_printf ("%s %s", number, units[u].unit);
}

static void
dump_node (CuspInventoryNode *self,
           guint              depth,
           GString           *out)
{
  GListModel *children = G_LIST_MODEL (self->children);
  guint n = g_list_model_get_n_items (children);

  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
  g_string_append_printf (out, "%s  [%s]  %s",
                          self->name ? self->name : (self->id ? self->id : ""),
                          cusp_node_kind_to_string (self->kind),
                          self->id ? self->id : "");
  if (self->unit != NULL && self->unit[0] != '\0')
    g_string_append_printf (out, "  %s", self->unit);
  if (self->cadence > 0)
    {
      g_autofree char *cadence = format_cadence (self->cadence);
      g_string_append_printf (out, "  %s", cadence);
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CuspInventoryNode) child = g_list_model_get_item (children, i);
      dump_node (child, depth + 1, out);
    }
}

char *
cusp_inventory_node_dump (CuspInventoryNode *self)
{
  GString *out;

  g_return_val_if_fail (CUSP_IS_INVENTORY_NODE (self), NULL);

  out = g_string_new (NULL);
  dump_node (self, 0, out);

  return g_string_free (out, FALSE);
}

const char *
cusp_node_kind_to_string (CuspNodeKind kind)
{
  switch (kind)
    {
    case CUSP_NODE_PROVIDER:
      return "provider";
    case CUSP_NODE_MISSION:
      return "mission";
    case CUSP_NODE_INSTRUMENT:
      return "instrument";
    case CUSP_NODE_DATASET:
      return "dataset";
    case CUSP_NODE_PARAMETER:
      return "parameter";
    case CUSP_NODE_COMPONENT:
      return "component";
    case CUSP_NODE_FOLDER:
      return "folder";
    default:
      return "unknown";
    }
}
