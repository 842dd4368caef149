/* cusp-local-provider.c: CDF and CSV files on disk as a data source
 *
 * Tables (datasets, their files and time spans) only grow; they are
 * guarded by a mutex and get_data() copies what it needs under it, then
 * reads without it (CuspCdfFile serialises its own reads).
 */
#define G_LOG_DOMAIN "cusp-local"

#include "config.h"

#include "cusp-local-provider.h"
#include "cusp-cdf.h"
#include "cusp-csv-reader.h"
#include "cusp-istp.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Records whose steps give the nominal cadence. */
#define CADENCE_RECORDS 101

typedef struct
{
  char        *path;
  CuspCdfFile *file;
  CuspTime     first, last;   /* first and last valid time over its products */
} FileEntry;

typedef struct
{
  char       *id;            /* Logical_source or CSV base name */
  GPtrArray  *files;         /* FileEntry, sorted by first time (CDF) */
  GPtrArray  *products;      /* CuspIstpProduct of the first file */
  CuspSeries *csv;           /* whole CSV series, or NULL */
  CuspInventoryNode *node;   /* borrowed from the tree */
} Dataset;

struct _CuspLocalProvider
{
  CuspProvider       parent_instance;

  GMutex             lock;
  GHashTable        *datasets;   /* id → Dataset */
  GHashTable        *paths;      /* canonical paths already added */
  CuspInventoryNode *inventory;
};

G_DEFINE_FINAL_TYPE (CuspLocalProvider, cusp_local_provider, CUSP_TYPE_PROVIDER)

static void
file_entry_free (FileEntry *f)
{
  g_free (f->path);
  g_clear_object (&f->file);
  g_free (f);
}

static void
dataset_free (Dataset *d)
{
  g_free (d->id);
  g_ptr_array_unref (d->files);
  g_clear_pointer (&d->products, g_ptr_array_unref);
  g_clear_pointer (&d->csv, cusp_series_unref);
  g_free (d);
}

static Dataset *
dataset_new (const char *id)
{
  Dataset *d = g_new0 (Dataset, 1);

  d->id = g_strdup (id);
  d->files = g_ptr_array_new_with_free_func ((GDestroyNotify) file_entry_free);
  return d;
}

/* ---- Inventory ------------------------------------------------------------- */

/* Text before '>' of an ISTP "short>long" global attribute. */
static char *
short_name (CuspCdfFile *file,
            const char  *attribute)
{
  const char *s = cusp_cdf_file_get_global_string (file, attribute);
  const char *gt;

  if (s == NULL || *s == '\0')
    return NULL;
  gt = strchr (s, '>');
  return g_strstrip (g_strndup (s, gt != NULL ? (gsize) (gt - s) : strlen (s)));
}

static CuspInventoryNode *
child_node (CuspInventoryNode *parent,
            CuspNodeKind       kind,
            const char        *id,
            const char        *name)
{
  CuspInventoryNode *node = cusp_inventory_node_find (parent, id);
  g_autoptr (CuspInventoryNode) created = NULL;

  if (node != NULL)
    return node;
  created = cusp_inventory_node_new (kind, id, name);
  cusp_inventory_node_set_coverage (created, CUSP_TIME_INVALID, CUSP_TIME_INVALID);
  cusp_inventory_node_append (parent, created);
  return created;
}

static CuspInventoryNode *
leaf_node (CuspInventoryNode *parent,
           const char        *id,
           const char        *name,
           CuspNodeKind       kind,
           CuspDataKind       data_kind,
           const char        *unit,
           const char        *description)
{
  CuspInventoryNode *node = child_node (parent, kind, id, name);

  cusp_inventory_node_set_data_kind (node, data_kind);
  if (unit != NULL)
    cusp_inventory_node_set_unit (node, unit);
  if (description != NULL)
    cusp_inventory_node_set_description (node, description);
  return node;
}

static void
add_parameter (CuspInventoryNode *dataset,
               const char        *dataset_id,
               const char        *variable,
               CuspDataKind       kind,
               const char        *unit,
               const char        *description,
               guint              n_labels,
               char             **labels)
{
  g_autofree char *id = g_strdup_printf ("local/%s/%s", dataset_id, variable);
  CuspInventoryNode *param = leaf_node (dataset, id, variable, CUSP_NODE_PARAMETER,
                                        kind, unit, description);

  for (guint c = 0; n_labels > 1 && c < n_labels; c++)
    {
      g_autofree char *cid = g_strdup_printf ("%s/%u", id, c);

      leaf_node (param, cid, labels[c], CUSP_NODE_COMPONENT, CUSP_DATA_KIND_SERIES, unit, description);
    }
}

/* Coverage and cadence down the dataset's subtree. */
static void
set_times (CuspInventoryNode *node,
           CuspTime           start,
           CuspTime           stop,
           gint64             cadence)
{
  GListModel *children = cusp_inventory_node_get_children (node);

  cusp_inventory_node_set_coverage (node, start, stop);
  if (cadence > 0)
    cusp_inventory_node_set_cadence (node, cadence);
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (CuspInventoryNode) child = g_list_model_get_item (children, i);

      set_times (child, start, stop, cadence);
    }
}

/* Widens an ancestor's coverage to include [start, stop]. */
static void
widen_coverage (CuspInventoryNode *node,
                CuspTime           start,
                CuspTime           stop)
{
  for (; node != NULL; node = cusp_inventory_node_get_parent (node))
    {
      CuspTime s, e;

      cusp_inventory_node_get_coverage (node, &s, &e);
      s = s == CUSP_TIME_INVALID ? start : MIN (s, start);
      e = e == CUSP_TIME_INVALID ? stop : MAX (e, stop);
      cusp_inventory_node_set_coverage (node, s, e);
    }
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  CuspTime x = *(const CuspTime *) a, y = *(const CuspTime *) b;

  return x < y ? -1 : x > y;
}

/* Median step of the first records of the time axis. */
static gint64
estimate_cadence (CuspCdfFile           *file,
                  const CuspIstpProduct *p)
{
  const CuspCdfVariableInfo *t = cusp_cdf_file_lookup_variable (file, p->time_variable);
  g_autofree CuspTime *times = NULL;
  g_autoptr (GArray) steps = g_array_new (FALSE, FALSE, sizeof (CuspTime));
  gsize n = 0;

  if (p->unix_time || t == NULL || t->n_records < 2)
    return 0;
  times = cusp_cdf_file_read_times (file, t->name, 0, MIN (t->n_records, CADENCE_RECORDS) - 1, &n, NULL);
  for (gsize i = 1; times != NULL && i < n; i++)
    if (times[i] != CUSP_TIME_INVALID && times[i - 1] != CUSP_TIME_INVALID && times[i] > times[i - 1])
      {
        CuspTime step = times[i] - times[i - 1];

        g_array_append_val (steps, step);
      }
  if (steps->len == 0)
    return 0;
  g_array_sort (steps, compare_times);
  return g_array_index (steps, CuspTime, steps->len / 2);
}

/* ---- Adding files ---------------------------------------------------------- */

static void
file_span (CuspCdfFile *file,
           GPtrArray   *products,
           CuspTime    *first,
           CuspTime    *last)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  *first = CUSP_TIME_MAX;
  *last = CUSP_TIME_MIN;
  for (guint i = 0; i < products->len; i++)
    {
      const CuspIstpProduct *p = g_ptr_array_index (products, i);
      CuspTime a, b;

      if (!g_hash_table_add (seen, p->time_variable))
        continue;
      if (cusp_istp_time_span (file, p, &a, &b, NULL))
        {
          *first = MIN (*first, a);
          *last = MAX (*last, b);
        }
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const FileEntry *x = *(FileEntry *const *) a, *y = *(FileEntry *const *) b;

  return compare_times (&x->first, &y->first);
}

static CuspInventoryNode *
dataset_parent (CuspLocalProvider *self,
                CuspCdfFile       *file)
{
  g_autofree char *mission = short_name (file, "Mission_group");
  g_autofree char *instrument = short_name (file, "Descriptor");
  g_autofree char *mission_id = NULL, *instrument_id = NULL;
  CuspInventoryNode *m;

  if (mission == NULL)
    mission = short_name (file, "Source_name");
  if (mission == NULL)
    mission = g_strdup (_("Files"));
  if (instrument == NULL)
    instrument = short_name (file, "Instrument_type");
  if (instrument == NULL)
    instrument = g_strdup ("CDF");
  mission_id = g_strdup_printf ("local/mission:%s", mission);
  instrument_id = g_strdup_printf ("%s/instrument:%s", mission_id, instrument);
  m = child_node (self->inventory, CUSP_NODE_MISSION, mission_id, mission);
  return child_node (m, CUSP_NODE_INSTRUMENT, instrument_id, instrument);
}

static void
dataset_add_nodes (CuspLocalProvider *self,
                   Dataset           *d,
                   CuspCdfFile       *file)
{
  CuspInventoryNode *parent = dataset_parent (self, file);
  g_autofree char *id = g_strdup_printf ("local/%s", d->id);
  const char *desc = cusp_cdf_file_get_global_string (file, "Logical_source_description");

  d->node = leaf_node (parent, id, d->id, CUSP_NODE_DATASET, CUSP_DATA_KIND_NONE, NULL, desc);
  for (guint i = 0; i < d->products->len; i++)
    {
      const CuspIstpProduct *p = g_ptr_array_index (d->products, i);

      add_parameter (d->node, d->id, p->name, p->kind, p->units, p->description,
                     p->kind == CUSP_DATA_KIND_SERIES ? p->n_components : 0, p->labels);
    }
}

static void
dataset_update_times (Dataset *d,
                      gint64   cadence)
{
  CuspTime start = CUSP_TIME_MAX, stop = CUSP_TIME_MIN;

  for (guint i = 0; i < d->files->len; i++)
    {
      const FileEntry *f = g_ptr_array_index (d->files, i);

      start = MIN (start, f->first);
      stop = MAX (stop, f->last);
    }
  if (start > stop)
    return;
  set_times (d->node, start, stop, cadence);
  widen_coverage (cusp_inventory_node_get_parent (d->node), start, stop);
}

static char *
dataset_id_for (CuspCdfFile *file,
                const char  *path)
{
  const char *ls = cusp_cdf_file_get_global_string (file, "Logical_source");
  char *base, *dot;

  if (ls != NULL && *ls != '\0' && strchr (ls, '/') == NULL)
    return g_strdup (ls);
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdelimit (base, "/", '_');
}

static gboolean
add_cdf (CuspLocalProvider  *self,
         const char         *path,
         GError            **error)
{
  g_autoptr (CuspCdfFile) file = cusp_cdf_file_open (path, error);
  g_autoptr (GPtrArray) products = NULL;
  g_autofree char *id = NULL;
  FileEntry *entry;
  Dataset *d;
  gint64 cadence = 0;

  if (file == NULL)
    return FALSE;
  products = cusp_istp_list_products (file);
  if (products->len == 0)
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_FAILED,
                   _("%s has no variable that can be plotted (none with VAR_TYPE “data” "
                     "and a time axis); is it an ISTP data file?"), path);
      return FALSE;
    }
  id = dataset_id_for (file, path);
  entry = g_new0 (FileEntry, 1);
  entry->path = g_strdup (path);
  file_span (file, products, &entry->first, &entry->last);

  g_mutex_lock (&self->lock);
  d = g_hash_table_lookup (self->datasets, id);
  if (d == NULL)
    {
      d = dataset_new (id);
      d->products = g_steal_pointer (&products);
      g_hash_table_insert (self->datasets, d->id, d);
      dataset_add_nodes (self, d, file);
      cadence = estimate_cadence (file, g_ptr_array_index (d->products, 0));
    }
  entry->file = g_steal_pointer (&file);
  g_ptr_array_add (d->files, entry);
  g_ptr_array_sort (d->files, compare_entries);
  dataset_update_times (d, cadence);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static char *
unique_id (CuspLocalProvider *self,
           const char        *base)
{
  char *id = g_strdup (base);

  for (guint n = 2; g_hash_table_contains (self->datasets, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  return id;
}

static gboolean
add_csv (CuspLocalProvider  *self,
         const char         *path,
         GError            **error)
{
  g_autoptr (CuspSeries) series = cusp_csv_read_file (path, error);
  g_autofree char *id = NULL;
  CuspInventoryNode *m, *inst;
  Dataset *d;

  if (series == NULL)
    return FALSE;
  g_mutex_lock (&self->lock);
  id = unique_id (self, series->name);
  d = dataset_new (id);
  d->csv = g_steal_pointer (&series);
  g_hash_table_insert (self->datasets, d->id, d);
  m = child_node (self->inventory, CUSP_NODE_MISSION, "local/mission:", _("Files"));
  inst = child_node (m, CUSP_NODE_INSTRUMENT, "local/mission:/instrument:CSV", "CSV");
  {
    g_autofree char *node_id = g_strdup_printf ("local/%s", id);

    d->node = leaf_node (inst, node_id, id, CUSP_NODE_DATASET, CUSP_DATA_KIND_NONE, NULL, path);
  }
  add_parameter (d->node, id, "values", CUSP_DATA_KIND_SERIES, NULL, path,
                 d->csv->n_components, d->csv->labels);
  if (d->csv->n_samples > 0)
    {
      CuspTime a = d->csv->times[0], b = d->csv->times[d->csv->n_samples - 1];
      gint64 cadence = d->csv->n_samples > 1 ? (b - a) / (d->csv->n_samples - 1) : 0;

      set_times (d->node, a, b, cadence);
      widen_coverage (inst, a, b);
    }
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gboolean
add_file (CuspLocalProvider  *self,
          const char         *path,
          GError            **error)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  g_autofree char *lower = g_ascii_strdown (path, -1);
  gboolean known, ok;

  g_mutex_lock (&self->lock);
  known = g_hash_table_contains (self->paths, canonical);
  g_mutex_unlock (&self->lock);
  if (known)
    return TRUE;
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".txt"))
    ok = add_csv (self, path, error);
  else
    ok = add_cdf (self, path, error);
  if (ok)
    {
      g_mutex_lock (&self->lock);
      g_hash_table_add (self->paths, g_steal_pointer (&canonical));
      g_mutex_unlock (&self->lock);
    }
  return ok;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
add_folder (CuspLocalProvider  *self,
            const char         *path,
            GError            **error)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) first_error = NULL;
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (g_str_has_suffix (lower, ".cdf") || g_str_has_suffix (lower, ".csv"))
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
    }
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    if (!add_file (self, g_ptr_array_index (names, i), first_error == NULL ? &first_error : NULL))
      continue;
  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
cusp_local_provider_add_path (CuspLocalProvider  *self,
                              const char         *path,
                              GError            **error)
{
  g_return_val_if_fail (CUSP_IS_LOCAL_PROVIDER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return add_folder (self, path, error);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s is not a file or a folder; check the path."), path);
      return FALSE;
    }
  return add_file (self, path, error);
}

/* ---- Data -------------------------------------------------------------- */

static CuspData *
one_component (CuspData  *data,
               guint      c)
{
  CuspSeries *s = cusp_data_get_series (data);
  g_autoptr (CuspSeries) out = NULL;
  g_autofree char *name = NULL;

  out = cusp_series_new (s->n_samples, 1);
  memcpy (out->times, s->times, s->n_samples * sizeof (CuspTime));
  memcpy (out->values, cusp_series_column (s, c), s->n_samples * sizeof (double));
  name = g_strdup_printf ("%s %s", s->name != NULL ? s->name : "", s->labels[c]);
  cusp_series_set_name (out, name);
  cusp_series_set_unit (out, s->unit);
  cusp_series_set_label (out, 0, s->labels[c]);
  cusp_series_set_metadata (out, s->metadata);
  return cusp_data_new_series (g_steal_pointer (&out));
}

static gboolean
unknown_product (const char  *product,
                 GError     **error)
{
  g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT,
               _("The local files have no product “%s”; open the file that holds it or pick "
                 "one from the inventory."), product);
  return FALSE;
}

/* "local/<dataset>/<variable>[/<component>]" */
static gboolean
parse_product (const char  *product,
               char       **dataset,
               char       **variable,
               int         *component,
               GError     **error)
{
  g_auto (GStrv) parts = NULL;
  guint n;
  guint64 c;

  if (!g_str_has_prefix (product, "local/"))
    return unknown_product (product, error);
  parts = g_strsplit (product + strlen ("local/"), "/", 3);
  n = g_strv_length (parts);
  if (n < 2 || *parts[0] == '\0' || *parts[1] == '\0')
    return unknown_product (product, error);
  *component = -1;
  if (n == 3)
    {
      if (!g_ascii_string_to_unsigned (parts[2], 10, 0, G_MAXINT, &c, NULL))
        return unknown_product (product, error);
      *component = (int) c;
    }
  *dataset = g_strdup (parts[0]);
  *variable = g_strdup (parts[1]);
  return TRUE;
}

/* The files to read, referenced: those overlapping [start, stop), or the
 * first one when none does (so an empty result still has its metadata). */
static GPtrArray *
files_for_range (Dataset  *d,
                 CuspTime  start,
                 CuspTime  stop)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < d->files->len; i++)
    {
      const FileEntry *f = g_ptr_array_index (d->files, i);

      if (f->first < stop && f->last >= start)
        g_ptr_array_add (out, g_object_ref (f->file));
    }
  if (out->len == 0 && d->files->len > 0)
    g_ptr_array_add (out, g_object_ref (((FileEntry *) g_ptr_array_index (d->files, 0))->file));
  return out;
}

static CuspData *
load_cdf (GPtrArray     *files,
          const char    *variable,
          CuspTime       start,
          CuspTime       stop,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr (GPtrArray) fragments = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_data_unref);

  for (guint i = 0; i < files->len; i++)
    {
      CuspData *data;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      data = cusp_istp_load (g_ptr_array_index (files, i), variable, start, stop, error);
      if (data == NULL)
        return NULL;
      g_ptr_array_add (fragments, data);
    }
  if (fragments->len == 1)
    return cusp_data_ref (g_ptr_array_index (fragments, 0));
  return cusp_data_merge ((CuspData *const *) fragments->pdata, fragments->len, error);
}

static CuspData *
cusp_local_provider_get_data (CuspProvider  *provider,
                              const char    *product,
                              CuspTime       start,
                              CuspTime       stop,
                              GCancellable  *cancellable,
                              GError       **error)
{
  CuspLocalProvider *self = CUSP_LOCAL_PROVIDER (provider);
  g_autofree char *dataset = NULL, *variable = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (CuspSeries) csv = NULL;
  g_autoptr (CuspData) data = NULL;
  int component;
  Dataset *d;

  if (!parse_product (product, &dataset, &variable, &component, error))
    return NULL;
  if (start >= stop)
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE,
                   _("The time range is empty (its end is not after its start); choose a "
                     "longer range."));
      return NULL;
    }
  g_mutex_lock (&self->lock);
  d = g_hash_table_lookup (self->datasets, dataset);
  if (d != NULL && d->csv != NULL)
    csv = strcmp (variable, "values") == 0 ? cusp_series_ref (d->csv) : NULL;
  else if (d != NULL)
    files = files_for_range (d, start, stop);
  g_mutex_unlock (&self->lock);

  if (csv != NULL)
    {
      g_autoptr (CuspData) whole = cusp_data_new_series (g_steal_pointer (&csv));

      data = cusp_data_slice (whole, start, stop);
    }
  else if (files != NULL)
    {
      g_autoptr (GError) local = NULL;

      data = load_cdf (files, variable, start, stop, cancellable, &local);
      if (data == NULL && (g_error_matches (local, CUSP_ISTP_ERROR, CUSP_ISTP_ERROR_NOT_PLOTTABLE)
                           || g_error_matches (local, CUSP_CDF_ERROR, CUSP_CDF_ERROR_NO_SUCH_VARIABLE)))
        return unknown_product (product, error), NULL;
      if (data == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  if (data == NULL)
    return unknown_product (product, error), NULL;
  if (component < 0)
    return g_steal_pointer (&data);
  if (cusp_data_get_kind (data) != CUSP_DATA_KIND_SERIES
      || (guint) component >= cusp_data_get_series (data)->n_components)
    return unknown_product (product, error), NULL;
  return one_component (data, (guint) component);
}

/* ---- Object ---------------------------------------------------------------- */

static CuspInventoryNode *
cusp_local_provider_get_inventory (CuspProvider *provider)
{
  return CUSP_LOCAL_PROVIDER (provider)->inventory;
}

static void
cusp_local_provider_finalize (GObject *object)
{
  CuspLocalProvider *self = CUSP_LOCAL_PROVIDER (object);

  g_hash_table_unref (self->datasets);
  g_hash_table_unref (self->paths);
  g_clear_object (&self->inventory);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cusp_local_provider_parent_class)->finalize (object);
}

static void
cusp_local_provider_class_init (CuspLocalProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CuspProviderClass *provider_class = CUSP_PROVIDER_CLASS (klass);

  object_class->finalize = cusp_local_provider_finalize;
  provider_class->get_inventory = cusp_local_provider_get_inventory;
  provider_class->get_data = cusp_local_provider_get_data;
}

static void
cusp_local_provider_init (CuspLocalProvider *self)
{
  g_mutex_init (&self->lock);
  self->datasets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) dataset_free);
  self->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->inventory = cusp_inventory_node_new (CUSP_NODE_PROVIDER, "local", _("Local files"));
  cusp_inventory_node_set_description (self->inventory, _("CDF and CSV files opened from disk"));
  cusp_inventory_node_set_coverage (self->inventory, CUSP_TIME_INVALID, CUSP_TIME_INVALID);
}

CuspProvider *
cusp_local_provider_new (void)
{
  return g_object_new (CUSP_TYPE_LOCAL_PROVIDER, "id", "local", "name", _("Local files"), NULL);
}
