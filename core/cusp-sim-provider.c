/* cusp-sim-provider.c: the embedded simulated MMS-like orbit
 *
 * A thin layer over cusp-sim-model: the inventory tree and the packing of
 * model samples into containers.  Immutable after construction, so
 * get_data() is thread-safe without locks.
 */
#define G_LOG_DOMAIN "cusp-sim"

#include "config.h"

#include "cusp-sim-provider.h"
#include "cusp-sim-model.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* About 52 days: a spectrogram of that is already 200 MB. */
#define MAX_SAMPLES 1000000

typedef enum
{
  PRODUCT_B,
  PRODUCT_N,
  PRODUCT_V,
  PRODUCT_T,
  PRODUCT_ION_SPECTRUM,
  PRODUCT_ELECTRON_SPECTRUM,
  PRODUCT_POSITION,
  PRODUCT_REGIONS,
  PRODUCT_ABS,
  PRODUCT_GLS,
  PRODUCT_SITL,
  PRODUCT_BAKSTR,
} ProductKind;

typedef struct
{
  const char   *id;
  const char   *name;
  ProductKind   kind;
  CuspDataKind  data_kind;
  guint         n_components;
  const char   *labels[4];
  const char   *unit;
  const char   *description;
} Product;

static const Product products[] = {
  { "sim/mms1/fgm/srvy/b_gse", "B GSE", PRODUCT_B, CUSP_DATA_KIND_SERIES, 4,
    { "Bx GSE", "By GSE", "Bz GSE", "|B|" }, "nT",
    N_("Magnetic field in GSE and its magnitude (simulated FGM survey)") },
  { "sim/mms1/fpi/dis_moms/numberdensity", "Ni", PRODUCT_N, CUSP_DATA_KIND_SERIES, 1,
    { "Ni" }, "cm^-3", N_("Ion number density (simulated FPI DIS moments)") },
  { "sim/mms1/fpi/dis_moms/bulkv_gse", "Vi GSE", PRODUCT_V, CUSP_DATA_KIND_SERIES, 4,
    { "Vx GSE", "Vy GSE", "Vz GSE", "|V|" }, "km/s",
    N_("Ion bulk velocity in GSE and its magnitude (simulated FPI DIS moments)") },
  { "sim/mms1/fpi/dis_moms/temp", "Ti", PRODUCT_T, CUSP_DATA_KIND_SERIES, 3,
    { "T∥", "T⊥", "Ttot" }, "eV",
    N_("Ion temperature parallel and perpendicular to B, and (T∥ + 2 T⊥) / 3") },
  { "sim/mms1/fpi/dis_moms/energyspectr_omni", "Ion energy spectrum", PRODUCT_ION_SPECTRUM,
    CUSP_DATA_KIND_SPECTROGRAM, 0, { NULL }, "keV/(cm^2 s sr keV)",
    N_("Omnidirectional ion differential energy flux, 32 channels 2 eV–17.8 keV") },
  { "sim/mms1/fpi/des_moms/energyspectr_omni", "Electron energy spectrum", PRODUCT_ELECTRON_SPECTRUM,
    CUSP_DATA_KIND_SPECTROGRAM, 0, { NULL }, "keV/(cm^2 s sr keV)",
    N_("Omnidirectional electron differential energy flux, 32 channels 6 eV–27.5 keV") },
  { "sim/mms1/mec/ephem/r_gse", "R GSE", PRODUCT_POSITION, CUSP_DATA_KIND_SERIES, 4,
    { "X GSE", "Y GSE", "Z GSE", "|R|" }, "RE",
    N_("Spacecraft position in GSE and its distance from Earth") },
  { "sim/mms1/truth/regions/region", "Region (ground truth)", PRODUCT_REGIONS,
    CUSP_DATA_KIND_REGIONS, 0, { NULL }, NULL,
    N_("The region the simulation put the spacecraft in, one class per sample") },
  { "sim/mms1/sitl/selections/abs", "ABS", PRODUCT_ABS, CUSP_DATA_KIND_INTERVALS, 0,
    { NULL }, NULL, N_("Automated burst selections (ABS-like) on the 10-s buffer grid") },
  { "sim/mms1/sitl/selections/gls", "GLS", PRODUCT_GLS, CUSP_DATA_KIND_INTERVALS, 0,
    { NULL }, NULL, N_("Ground-loop magnetopause selections (GLS-like, FOM 150)") },
  { "sim/mms1/sitl/selections/sitl", "SITL", PRODUCT_SITL, CUSP_DATA_KIND_INTERVALS, 0,
    { NULL }, NULL, N_("Scientist-in-the-loop selections at boundary crossings") },
  { "sim/mms1/sitl/selections/bakstr", "BAK", PRODUCT_BAKSTR, CUSP_DATA_KIND_INTERVALS, 0,
    { NULL }, NULL,
    N_("Back-structure: burst segments with their SDC status (complete, incomplete, "
       "overwritten, pending)") },
};

typedef struct
{
  const char   *id;
  const char   *name;
  CuspNodeKind  kind;
} Group;

static const Group groups[] = {
  { "sim/mms1", N_("MMS1 (simulated)"), CUSP_NODE_MISSION },
  { "sim/mms1/fgm", "FGM", CUSP_NODE_INSTRUMENT },
  { "sim/mms1/fgm/srvy", "srvy", CUSP_NODE_DATASET },
  { "sim/mms1/fpi", "FPI", CUSP_NODE_INSTRUMENT },
  { "sim/mms1/fpi/dis_moms", "dis_moms", CUSP_NODE_DATASET },
  { "sim/mms1/fpi/des_moms", "des_moms", CUSP_NODE_DATASET },
  { "sim/mms1/mec", "MEC", CUSP_NODE_INSTRUMENT },
  { "sim/mms1/mec/ephem", "ephem", CUSP_NODE_DATASET },
  { "sim/mms1/truth", N_("Ground truth"), CUSP_NODE_INSTRUMENT },
  { "sim/mms1/truth/regions", N_("regions"), CUSP_NODE_DATASET },
  { "sim/mms1/sitl", "SITL", CUSP_NODE_INSTRUMENT },
  { "sim/mms1/sitl/selections", N_("selections"), CUSP_NODE_DATASET },
};

struct _CuspSimProvider
{
  CuspProvider       parent_instance;

  CuspSimModel       model;
  CuspInventoryNode *inventory;
};

G_DEFINE_FINAL_TYPE (CuspSimProvider, cusp_sim_provider, CUSP_TYPE_PROVIDER)

/* ---- Inventory ------------------------------------------------------------- */

static CuspInventoryNode *
group_node (CuspInventoryNode *root,
            const char        *id)
{
  CuspInventoryNode *node = cusp_inventory_node_find (root, id);
  g_autofree char *parent_id = NULL;
  CuspInventoryNode *parent;
  const char *slash;

  if (node != NULL)
    return node;

  slash = strrchr (id, '/');
  g_assert (slash != NULL);
  parent_id = g_strndup (id, (gsize) (slash - id));
  parent = strchr (parent_id, '/') == NULL ? root : group_node (root, parent_id);

  for (gsize i = 0; i < G_N_ELEMENTS (groups); i++)
    if (strcmp (groups[i].id, id) == 0)
      {
        node = cusp_inventory_node_new (groups[i].kind, id, _(groups[i].name));
        cusp_inventory_node_append (parent, node);
        g_object_unref (node);
        return node;
      }
  g_assert_not_reached ();
  return NULL;
}

static void
set_leaf (CuspInventoryNode *node,
          const Product     *p,
          CuspDataKind       kind,
          const char        *unit)
{
  cusp_inventory_node_set_data_kind (node, kind);
  cusp_inventory_node_set_description (node, _(p->description));
  if (unit != NULL)
    cusp_inventory_node_set_unit (node, unit);
  cusp_inventory_node_set_cadence (node, kind == CUSP_DATA_KIND_INTERVALS
                                   ? 10 * CUSP_NS_PER_SECOND : CUSP_SIM_CADENCE);
  cusp_inventory_node_set_coverage (node, CUSP_TIME_INVALID, CUSP_TIME_INVALID);
}

static CuspInventoryNode *
build_inventory (void)
{
  CuspInventoryNode *root = cusp_inventory_node_new (CUSP_NODE_PROVIDER, "sim", _("Simulation"));

  cusp_inventory_node_set_description (root, _("A simulated MMS-like orbit through the "
                                               "near-Earth regions; needs no file and no network"));
  cusp_inventory_node_set_coverage (root, CUSP_TIME_INVALID, CUSP_TIME_INVALID);

  for (gsize i = 0; i < G_N_ELEMENTS (products); i++)
    {
      const Product *p = &products[i];
      g_autofree char *parent_id = g_strndup (p->id, (gsize) (strrchr (p->id, '/') - p->id));
      CuspInventoryNode *parent = group_node (root, parent_id);
      CuspInventoryNode *leaf = cusp_inventory_node_new (CUSP_NODE_PARAMETER, p->id, p->name);

      set_leaf (leaf, p, p->data_kind, p->unit);
      cusp_inventory_node_append (parent, leaf);
      for (guint c = 0; c < p->n_components; c++)
        {
          g_autofree char *cid = g_strdup_printf ("%s/%u", p->id, c);
          g_autoptr (CuspInventoryNode) child =
            cusp_inventory_node_new (CUSP_NODE_COMPONENT, cid, p->labels[c]);

          set_leaf (child, p, CUSP_DATA_KIND_SERIES, p->unit);
          cusp_inventory_node_append (leaf, child);
        }
      g_object_unref (leaf);
    }
  return root;
}

/* ---- Products ---------------------------------------------------------------- */

/* The product and, for "<parameter>/<index>", the component (else -1). */
static const Product *
lookup_product (const char *id,
                int        *component)
{
  const char *slash = strrchr (id, '/');

  *component = -1;
  for (gsize i = 0; i < G_N_ELEMENTS (products); i++)
    if (strcmp (products[i].id, id) == 0)
      return &products[i];

  if (slash == NULL || slash[1] == '\0')
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (products); i++)
    {
      const Product *p = &products[i];
      guint64 c;

      if (p->n_components == 0 || strlen (p->id) != (gsize) (slash - id)
          || strncmp (p->id, id, (gsize) (slash - id)) != 0)
        continue;
      if (!g_ascii_string_to_unsigned (slash + 1, 10, 0, p->n_components - 1, &c, NULL))
        return NULL;
      *component = (int) c;
      return p;
    }
  return NULL;
}

static inline double
norm3 (const double *v)
{
  return sqrt (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
}

/* Writes the sample's values of a series product into out[]. */
static void
series_values (const Product      *p,
               const CuspSimState *s,
               double             *out)
{
  switch (p->kind)
    {
    case PRODUCT_B:
      memcpy (out, s->b, 3 * sizeof (double));
      out[3] = norm3 (s->b);
      break;
    case PRODUCT_N:
      out[0] = s->n;
      break;
    case PRODUCT_V:
      memcpy (out, s->v, 3 * sizeof (double));
      out[3] = norm3 (s->v);
      break;
    case PRODUCT_T:
      out[0] = s->t_par;
      out[1] = s->t_perp;
      out[2] = (s->t_par + 2.0 * s->t_perp) / 3.0;
      break;
    case PRODUCT_POSITION:
      memcpy (out, s->r, 3 * sizeof (double));
      out[3] = norm3 (s->r);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_cancel (gint64         i,
              GCancellable  *cancellable,
              GError       **error)
{
  return (i & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error);
}

static CuspData *
make_series (CuspSimProvider  *self,
             const Product    *p,
             int               component,
             gint64            k0,
             guint             n,
             GCancellable     *cancellable,
             GError          **error)
{
  guint n_out = component >= 0 ? 1 : p->n_components;
  g_autoptr (CuspSeries) series = cusp_series_new (n, n_out);
  double values[4];

  if (component >= 0)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", p->name, p->labels[component]);

      cusp_series_set_name (series, name);
      cusp_series_set_label (series, 0, p->labels[component]);
    }
  else
    {
      cusp_series_set_name (series, p->name);
      for (guint c = 0; c < n_out; c++)
        cusp_series_set_label (series, c, p->labels[c]);
    }
  cusp_series_set_unit (series, p->unit);

  for (guint i = 0; i < n; i++)
    {
      CuspSimState s;

      if (check_cancel (i, cancellable, error))
        return NULL;
      /* The ephemeris needs only the orbit, not the plasma. */
      if (p->kind == PRODUCT_POSITION)
        {
          s.time = cusp_sim_sample_time (k0 + i);
          cusp_sim_orbit_position (&self->model.elements, s.time, s.r);
        }
      else
        cusp_sim_model_state (&self->model, k0 + i, &s);
      series_values (p, &s, values);
      series->times[i] = s.time;
      if (component >= 0)
        series->values[i] = values[component];
      else
        for (guint c = 0; c < n_out; c++)
          series->values[(gsize) c * n + i] = values[c];
    }
  return cusp_data_new_series (g_steal_pointer (&series));
}

static CuspData *
make_spectrogram (CuspSimProvider  *self,
                  const Product    *p,
                  gint64            k0,
                  guint             n,
                  GCancellable     *cancellable,
                  GError          **error)
{
  CuspSimSpecies species = p->kind == PRODUCT_ION_SPECTRUM
                           ? CUSP_SIM_SPECIES_ION : CUSP_SIM_SPECIES_ELECTRON;
  g_autoptr (CuspSpectrogram) spec = cusp_spectrogram_new (n, CUSP_SIM_N_CHANNELS, FALSE);

  cusp_spectrogram_set_name (spec, p->name);
  cusp_spectrogram_set_unit (spec, p->unit);
  cusp_spectrogram_set_bin_unit (spec, "eV");
  cusp_spectrogram_set_bin_label (spec, _("Energy"));
  spec->y_scale = CUSP_SCALE_LOG;
  spec->z_scale = CUSP_SCALE_LOG;
  cusp_sim_energies (species, spec->bin_centres);

  for (guint i = 0; i < n; i++)
    {
      CuspSimState s;

      if (check_cancel (i, cancellable, error))
        return NULL;
      cusp_sim_model_state (&self->model, k0 + i, &s);
      spec->times[i] = s.time;
      cusp_sim_model_spectrum (&self->model, &s, species,
                               spec->values + (gsize) i * CUSP_SIM_N_CHANNELS);
    }
  return cusp_data_new_spectrogram (g_steal_pointer (&spec));
}

static CuspData *
make_regions (CuspSimProvider  *self,
              const Product    *p,
              gint64            k0,
              guint             n,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr (CuspRegionLabels) labels = cusp_region_labels_new (n);

  cusp_region_labels_set_name (labels, p->name);
  for (guint i = 0; i < n; i++)
    {
      if (check_cancel (i, cancellable, error))
        return NULL;
      labels->times[i] = cusp_sim_sample_time (k0 + i);
      cusp_region_labels_set_class (labels, i, cusp_sim_model_region (&self->model, k0 + i));
    }
  return cusp_data_new_regions (g_steal_pointer (&labels));
}

static CuspData *
cusp_sim_provider_get_data (CuspProvider  *provider,
                            const char    *product,
                            CuspTime       start,
                            CuspTime       stop,
                            GCancellable  *cancellable,
                            GError       **error)
{
  CuspSimProvider *self = CUSP_SIM_PROVIDER (provider);
  const Product *p;
  int component;
  gint64 k0, k1;

  p = lookup_product (product, &component);
  if (p == NULL)
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT,
                   _("The simulation has no product “%s”; pick one from its inventory "
                     "(`cusp inventory`)."), product);
      return NULL;
    }
  if (start >= stop)
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE,
                   _("The time range is empty; choose a stop time after the start time."));
      return NULL;
    }

  switch (p->kind)
    {
    case PRODUCT_ABS:
    case PRODUCT_GLS:
    case PRODUCT_SITL:
    case PRODUCT_BAKSTR:
      if (stop - start > (gint64) MAX_SAMPLES * CUSP_SIM_CADENCE)
        break;
      return cusp_data_new_intervals (
        cusp_sim_model_selections (&self->model,
                                   p->kind == PRODUCT_ABS ? CUSP_SIM_SELECTION_ABS
                                   : p->kind == PRODUCT_GLS ? CUSP_SIM_SELECTION_GLS
                                   : p->kind == PRODUCT_SITL ? CUSP_SIM_SELECTION_SITL
                                   : CUSP_SIM_SELECTION_BAKSTR,
                                   start, stop));
    default:
      break;
    }

  k0 = cusp_sim_sample_index_ceil (start);
  k1 = cusp_sim_sample_index_ceil (stop);
  if (k1 - k0 > MAX_SAMPLES)
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE,
                   _("The simulation generates at most %d samples (about 52 days) at once; "
                     "ask for a shorter time range."), MAX_SAMPLES);
      return NULL;
    }

  switch (p->kind)
    {
    case PRODUCT_ION_SPECTRUM:
    case PRODUCT_ELECTRON_SPECTRUM:
      return make_spectrogram (self, p, k0, (guint) (k1 - k0), cancellable, error);
    case PRODUCT_REGIONS:
      return make_regions (self, p, k0, (guint) (k1 - k0), cancellable, error);
    default:
      return make_series (self, p, component, k0, (guint) (k1 - k0), cancellable, error);
    }
}

static CuspInventoryNode *
cusp_sim_provider_get_inventory (CuspProvider *provider)
{
  return CUSP_SIM_PROVIDER (provider)->inventory;
}

static void
cusp_sim_provider_finalize (GObject *object)
{
  CuspSimProvider *self = CUSP_SIM_PROVIDER (object);

  g_clear_object (&self->inventory);

  G_OBJECT_CLASS (cusp_sim_provider_parent_class)->finalize (object);
}

static void
cusp_sim_provider_class_init (CuspSimProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CuspProviderClass *provider_class = CUSP_PROVIDER_CLASS (klass);

  object_class->finalize = cusp_sim_provider_finalize;
  provider_class->get_inventory = cusp_sim_provider_get_inventory;
  provider_class->get_data = cusp_sim_provider_get_data;
}

static void
cusp_sim_provider_init (CuspSimProvider *self)
{
  /* Built here, not lazily, so that worker threads never race on it. */
  self->inventory = build_inventory ();
  cusp_sim_model_init (&self->model, 0, CUSP_SIM_ORBIT_DAYSIDE_12RE);
}

CuspProvider *
cusp_sim_provider_new (guint64      seed,
                       CuspSimOrbit orbit)
{
  CuspSimProvider *self;

  g_return_val_if_fail (orbit <= CUSP_SIM_ORBIT_NIGHTSIDE, NULL);

  self = g_object_new (CUSP_TYPE_SIM_PROVIDER,
                       "id", "sim",
                       "name", _("Simulation"),
                       NULL);
  cusp_sim_model_init (&self->model, seed, orbit);
  return CUSP_PROVIDER (self);
}

guint64
cusp_sim_provider_get_seed (CuspSimProvider *self)
{
  g_return_val_if_fail (CUSP_IS_SIM_PROVIDER (self), 0);

  return self->model.seed;
}

CuspSimOrbit
cusp_sim_provider_get_orbit (CuspSimProvider *self)
{
  g_return_val_if_fail (CUSP_IS_SIM_PROVIDER (self), CUSP_SIM_ORBIT_DAYSIDE_12RE);

  return self->model.orbit;
}

void
cusp_sim_provider_get_default_range (CuspSimProvider *self,
                                     CuspTime        *start,
                                     CuspTime        *stop)
{
  CuspCivilTime day = { 2015, 10, 16, 0, 0, 0, 0 };
  CuspTime t0 = 0;

  g_return_if_fail (CUSP_IS_SIM_PROVIDER (self));

  if (!cusp_time_from_civil (&day, &t0, NULL))
    g_assert_not_reached ();
  if (start != NULL)
    *start = t0;
  if (stop != NULL)
    *stop = t0 + CUSP_NS_PER_DAY;
}

gboolean
cusp_sim_provider_get_sitl_window (CuspSimProvider *self,
                                   CuspTime        *start,
                                   CuspTime        *stop)
{
  CuspTime day_start, day_stop, run_start = CUSP_TIME_INVALID;
  CuspTime best_start = CUSP_TIME_INVALID, best_stop = CUSP_TIME_INVALID;
  const CuspTime step = CUSP_NS_PER_MINUTE;

  g_return_val_if_fail (CUSP_IS_SIM_PROVIDER (self), FALSE);

  cusp_sim_provider_get_default_range (self, &day_start, &day_stop);
  /* Minute steps: the orbit moves far less than a tenth of an Earth radius
   * per minute, and whole minutes read well in the time bar. */
  for (CuspTime t = day_start; t <= day_stop; t += step)
    {
      double r[3];
      gboolean beyond;

      cusp_sim_orbit_position (&self->model.elements, t, r);
      beyond = norm3 (r) > CUSP_SIM_SITL_MIN_RE && t < day_stop;
      if (beyond && run_start == CUSP_TIME_INVALID)
        run_start = t;
      else if (!beyond && run_start != CUSP_TIME_INVALID)
        {
          /* The run's last minute inside is t - step. */
          if (best_start == CUSP_TIME_INVALID || t - step - run_start > best_stop - best_start)
            {
              best_start = run_start;
              best_stop = t - step;
            }
          run_start = CUSP_TIME_INVALID;
        }
    }
  if (best_start == CUSP_TIME_INVALID || best_stop <= best_start)
    return FALSE;
  if (start != NULL)
    *start = best_start;
  if (stop != NULL)
    *stop = best_stop;
  return TRUE;
}
