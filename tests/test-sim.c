/* test-sim.c: the simulated orbit provider
 *
 * Expected values are computed here by hand from the published formulas
 * (Shue et al. 1998, Rankine-Hugoniot, Kepler) and from physical
 * constants, never copied from the model's output.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cusp-sim-model.h"
#include "cusp-sim-provider.h"
#include "cusp-sim-export.h"

#define SEED 20151016
#define PROTON_MASS 1.67262192e-27
#define ELECTRON_MASS 9.1093837e-31
#define QE 1.602176634e-19
#define MU0 1.25663706212e-6

static void
default_day (CuspProvider *p,
             CuspTime     *start,
             CuspTime     *stop)
{
  cusp_sim_provider_get_default_range (CUSP_SIM_PROVIDER (p), start, stop);
}

static CuspData *
fetch (CuspProvider *p,
       const char   *id,
       CuspTime      start,
       CuspTime      stop)
{
  g_autoptr (GError) error = NULL;
  CuspData *data = cusp_provider_get_data (p, id, start, stop, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

/* ---- Published formulas ------------------------------------------------------ */

static void
test_shue (void)
{
  /* Shue et al. 1998 eq. 12 for Pdyn = 2 nPa, Bz = 0, by hand. */
  double r0 = (10.22 + 1.29 * tanh (0.184 * 8.14)) * pow (2.0, -1.0 / 6.6);
  double alpha = 0.58 * (1.0 + 0.024 * log (2.0));

  g_assert_cmpfloat_with_epsilon (r0, 10.2519, 1e-4);
  g_assert_cmpfloat_with_epsilon (cusp_sim_shue_r0 (2.0, 0.0), r0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cusp_sim_shue_alpha (2.0, 0.0), alpha, 1e-12);
  /* r(90 deg) = r0 2^alpha; the subsolar point is r0. */
  g_assert_cmpfloat_with_epsilon (cusp_sim_shue_radius (2.0, 0.0, G_PI / 2), r0 * pow (2.0, alpha), 1e-9);
  g_assert_cmpfloat_with_epsilon (cusp_sim_shue_radius (2.0, 0.0, 0.0), r0, 1e-12);
  /* Southward IMF and higher pressure both move the nose in. */
  g_assert_cmpfloat (cusp_sim_shue_r0 (2.0, -5.0), <, r0);
  g_assert_cmpfloat (cusp_sim_shue_r0 (6.0, 0.0), <, r0);
}

static void
test_shock_relations (void)
{
  double g = 5.0 / 3.0;
  /* Mach 2: (8/3 * 4) / (2/3 * 4 + 2) = 16/7. */
  g_assert_cmpfloat_with_epsilon (cusp_sim_rh_ratio (2.0), 16.0 / 7.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cusp_sim_rh_ratio (1.0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cusp_sim_rh_ratio (1e6), 4.0, 1e-6);
  /* Farris & Russell 1994 stand-off for M = 5 by hand. */
  g_assert_cmpfloat_with_epsilon (cusp_sim_bow_shock_standoff (10.0, 5.0),
                                  10.0 * (1.0 + 1.1 * ((g - 1) * 25 + 2) / ((g + 1) * 24)), 1e-9);
  /* n = 5 cm^-3, V = 400 km/s, B = 5 nT, Ti = Te = 10 eV by hand. */
  {
    double va = 5e-9 / sqrt (MU0 * 5e6 * PROTON_MASS);
    double cs = sqrt (g * 20.0 * QE / PROTON_MASS);
    double m = 400e3 / sqrt (va * va + cs * cs);

    g_assert_cmpfloat_with_epsilon (va, 48.77e3, 50.0);
    g_assert_cmpfloat_with_epsilon (cusp_sim_magnetosonic_mach (5.0, 400.0, 5.0, 10.0, 10.0), m, 1e-9);
  }
  /* The conic passes through the stand-off and is wider at the flanks. */
  g_assert_cmpfloat_with_epsilon (cusp_sim_bow_shock_radius (13.0, 0.0), 13.0, 1e-12);
  g_assert_cmpfloat (cusp_sim_bow_shock_radius (13.0, G_PI / 2), >, 20.0);
}

static void
test_orbit (void)
{
  static const double apogees[] = { 12.0, 25.0, 25.0 };

  for (int o = 0; o <= CUSP_SIM_ORBIT_NIGHTSIDE; o++)
    {
      CuspSimOrbitElements el;
      double a = 0.5 * (1.2 + apogees[o]) * 6371.2;
      double period = 2.0 * G_PI * sqrt (a * a * a / 398600.4418);
      double rmin = G_MAXDOUBLE, rmax = 0.0, r[3];

      cusp_sim_orbit_elements (o, &el);
      g_assert_cmpfloat_with_epsilon (el.period_s, period, 1e-6);
      /* One period sampled every 10 s. */
      for (CuspTime t = el.t_apogee; t < el.t_apogee + (gint64) (period * 1e9); t += 10 * CUSP_NS_PER_SECOND)
        {
          double d;

          cusp_sim_orbit_position (&el, t, r);
          d = sqrt (r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
          rmin = MIN (rmin, d);
          rmax = MAX (rmax, d);
        }
      g_assert_cmpfloat_with_epsilon (rmax, apogees[o], 1e-6);
      g_assert_cmpfloat_with_epsilon (rmin, 1.2, 2e-3);
      /* Periodic. */
      {
        double r2[3];

        cusp_sim_orbit_position (&el, el.t_apogee + 5 * CUSP_NS_PER_HOUR, r);
        cusp_sim_orbit_position (&el, el.t_apogee + 5 * CUSP_NS_PER_HOUR + (gint64) (period * 1e9), r2);
        for (int i = 0; i < 3; i++)
          g_assert_cmpfloat_with_epsilon (r[i], r2[i], 1e-4);
      }
      /* The apogee is on the dayside for the dayside orbits. */
      cusp_sim_orbit_position (&el, el.t_apogee, r);
      if (o == CUSP_SIM_ORBIT_NIGHTSIDE)
        g_assert_cmpfloat (r[0], <, -20.0);
      else
        g_assert_cmpfloat (r[0], >, 10.0);
    }
  /* 12 RE: about 24 h. */
  {
    CuspSimOrbitElements el;

    cusp_sim_orbit_elements (CUSP_SIM_ORBIT_DAYSIDE_12RE, &el);
    g_assert_cmpfloat_with_epsilon (el.period_s, 85814.1, 0.1);
  }
  /* Kepler's equation holds for a high eccentricity and any M. */
  for (double m = -7.0; m < 7.0; m += 0.37)
    {
      double E = cusp_sim_kepler_solve (m, 0.95);

      g_assert_cmpfloat_with_epsilon (remainder (E - 0.95 * sin (E) - m, 2 * G_PI), 0.0, 1e-12);
    }
}

static void
test_maxwellian (void)
{
  /* Stationary Maxwellian by hand: DEF = 2 E^2 f / m^2 (SI) * 1e-4. */
  double n = 10.0, t = 200.0, e = 400.0;
  double w = sqrt (2.0 * t * QE / PROTON_MASS);
  double f = n * 1e6 / (pow (G_PI, 1.5) * w * w * w) * exp (-e / t);
  double def = 2.0 * pow (e * QE, 2) * f / (PROTON_MASS * PROTON_MASS) * 1e-4;
  double ei[CUSP_SIM_N_CHANNELS], ee[CUSP_SIM_N_CHANNELS];

  g_assert_cmpfloat_with_epsilon (cusp_sim_maxwellian_def (CUSP_SIM_SPECIES_ION, n, t, 0.0, e) / def,
                                  1.0, 1e-9);
  /* Its peak is at E = 2T. */
  g_assert_cmpfloat (cusp_sim_maxwellian_def (CUSP_SIM_SPECIES_ION, n, t, 0.0, 2 * t), >,
                     cusp_sim_maxwellian_def (CUSP_SIM_SPECIES_ION, n, t, 0.0, 1.9 * t));
  g_assert_cmpfloat (cusp_sim_maxwellian_def (CUSP_SIM_SPECIES_ION, n, t, 0.0, 2 * t), >,
                     cusp_sim_maxwellian_def (CUSP_SIM_SPECIES_ION, n, t, 0.0, 2.1 * t));

  /* A drifting solar-wind beam keeps its density: 4 pi int f v^2 dv = n,
   * f recovered from the DEF, integrated numerically here. */
  for (int species = 0; species < 2; species++)
    {
      double m = species == 0 ? PROTON_MASS : ELECTRON_MASS;
      double sum = 0.0, dv = 50.0, vmax = species == 0 ? 1.5e6 : 2e7;

      if (species == 1)
        dv = 500.0;
      for (double v = dv / 2; v < vmax; v += dv)
        {
          double ev = 0.5 * m * v * v / QE;
          double d = cusp_sim_maxwellian_def (species, 5.0, 10.0, 400.0, ev);
          double fv = d * 1e4 * m * m / (2.0 * pow (ev * QE, 2));

          sum += 4.0 * G_PI * fv * v * v * dv;
        }
      g_assert_cmpfloat_with_epsilon (sum / 5e6, 1.0, 1e-3);
    }
  /* No NaN or infinity for a cold fast beam far from the channel. */
  g_assert_cmpfloat (cusp_sim_maxwellian_def (CUSP_SIM_SPECIES_ION, 5.0, 1.0, 800.0, 2.0), ==, 0.0);
  g_assert_cmpfloat (cusp_sim_maxwellian_def (CUSP_SIM_SPECIES_ION, 0.0, 10.0, 0.0, 2.0), ==, 0.0);

  /* FPI-like channels: log-spaced between the documented ends. */
  cusp_sim_energies (CUSP_SIM_SPECIES_ION, ei);
  cusp_sim_energies (CUSP_SIM_SPECIES_ELECTRON, ee);
  g_assert_cmpfloat_with_epsilon (ei[0], 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ei[31], 17800.0, 1e-8);
  g_assert_cmpfloat_with_epsilon (ee[0], 6.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ee[31], 27500.0, 1e-8);
  for (int j = 1; j < 31; j++)
    g_assert_cmpfloat_with_epsilon (ei[j + 1] / ei[j], ei[1] / ei[0], 1e-12);
}

/* ---- Products ------------------------------------------------------------------ */

static void
assert_norms (const CuspSeries *s)
{
  g_assert_cmpuint (s->n_components, ==, 4);
  for (guint i = 0; i < s->n_samples; i++)
    {
      double x = s->values[i], y = s->values[s->n_samples + i];
      double z = s->values[2 * s->n_samples + i], t = s->values[3 * s->n_samples + i];
      double norm = sqrt (x * x + y * y + z * z);

      g_assert_true (isfinite (t));
      g_assert_cmpfloat (fabs (t - norm), <=, 1e-9 * MAX (norm, 1e-300));
    }
}

static void
test_norms_and_grid (void)
{
  g_autoptr (CuspProvider) p = cusp_sim_provider_new (SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  static const char *vectors[] = { "sim/mms1/fgm/srvy/b_gse",
                                   "sim/mms1/fpi/dis_moms/bulkv_gse",
                                   "sim/mms1/mec/ephem/r_gse" };
  CuspTime start, stop;

  default_day (p, &start, &stop);
  g_assert_cmpint (stop - start, ==, CUSP_NS_PER_DAY);
  {
    g_autofree char *iso = cusp_time_format_iso (start, 0);

    g_assert_cmpstr (iso, ==, "2015-10-16T00:00:00Z");
  }
  for (gsize v = 0; v < G_N_ELEMENTS (vectors); v++)
    {
      g_autoptr (CuspData) d = fetch (p, vectors[v], start, stop);
      CuspSeries *s = cusp_data_get_series (d);

      /* 86400 / 4.5 samples, on the k * 4.5 s grid. */
      g_assert_cmpuint (s->n_samples, ==, 19200);
      for (guint i = 0; i < s->n_samples; i++)
        {
          g_assert_cmpint (s->times[i] % (4500 * CUSP_NS_PER_MS), ==, 0);
          g_assert_cmpint (s->times[i], >=, start);
          g_assert_cmpint (s->times[i], <, stop);
          if (i > 0)
            g_assert_cmpint (s->times[i] - s->times[i - 1], ==, CUSP_SIM_CADENCE);
        }
      assert_norms (s);
    }
  /* Ttot = (T∥ + 2 T⊥) / 3, and all temperatures positive. */
  {
    g_autoptr (CuspData) d = fetch (p, "sim/mms1/fpi/dis_moms/temp", start, stop);
    CuspSeries *s = cusp_data_get_series (d);
    guint n = s->n_samples;

    for (guint i = 0; i < n; i++)
      {
        g_assert_cmpfloat (s->values[i], >, 0.0);
        g_assert_cmpfloat (s->values[n + i], >, 0.0);
        g_assert_cmpfloat_with_epsilon (s->values[2 * n + i],
                                        (s->values[i] + 2 * s->values[n + i]) / 3.0,
                                        1e-9 * s->values[2 * n + i]);
      }
  }
}

/* Allowed changes of region between consecutive samples. */
static gboolean
adjacent (CuspRegion a,
          CuspRegion b)
{
  static const CuspRegion pairs[][2] = {
    { CUSP_REGION_SW, CUSP_REGION_FS }, { CUSP_REGION_SW, CUSP_REGION_BS },
    { CUSP_REGION_FS, CUSP_REGION_BS }, { CUSP_REGION_BS, CUSP_REGION_MSH },
    { CUSP_REGION_MSH, CUSP_REGION_MP }, { CUSP_REGION_MP, CUSP_REGION_BL },
    { CUSP_REGION_BL, CUSP_REGION_MSP }, { CUSP_REGION_MP, CUSP_REGION_MSP },
    /* Nightside. */
    { CUSP_REGION_MSP, CUSP_REGION_PS }, { CUSP_REGION_MSP, CUSP_REGION_PSBL },
    { CUSP_REGION_MSP, CUSP_REGION_LOBE }, { CUSP_REGION_PS, CUSP_REGION_PSBL },
    { CUSP_REGION_PSBL, CUSP_REGION_LOBE }, { CUSP_REGION_BL, CUSP_REGION_PS },
    { CUSP_REGION_BL, CUSP_REGION_PSBL }, { CUSP_REGION_BL, CUSP_REGION_LOBE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pairs); i++)
    if ((pairs[i][0] == a && pairs[i][1] == b) || (pairs[i][0] == b && pairs[i][1] == a))
      return TRUE;
  return FALSE;
}

static gboolean
is_tail (CuspRegion r)
{
  return r == CUSP_REGION_PS || r == CUSP_REGION_PSBL || r == CUSP_REGION_LOBE;
}

static void
check_region_sequence (CuspSimOrbit orbit,
                       guint64      seed,
                       CuspRegion   must_reach)
{
  g_autoptr (CuspProvider) p = cusp_sim_provider_new (seed, orbit);
  CuspTime start, stop;
  g_autoptr (CuspData) d = NULL;
  g_autoptr (CuspData) rd = NULL;
  CuspRegionLabels *labels;
  CuspSeries *r;
  gboolean reached = FALSE, outbound_reached = FALSE;
  guint n_changes = 0;

  default_day (p, &start, &stop);
  d = fetch (p, "sim/mms1/truth/regions/region", start, stop);
  rd = fetch (p, "sim/mms1/mec/ephem/r_gse", start, stop);
  labels = cusp_data_get_regions (d);
  r = cusp_data_get_series (rd);
  g_assert_cmpuint (labels->n_samples, ==, r->n_samples);

  for (guint i = 0; i < labels->n_samples; i++)
    {
      CuspRegion c = cusp_region_labels_argmax (labels, i);
      double dist = r->values[3 * r->n_samples + i];
      float sum = 0.0f;

      /* One-hot. */
      for (guint j = 0; j < CUSP_N_REGIONS; j++)
        sum += labels->probabilities[i * CUSP_N_REGIONS + j];
      g_assert_cmpfloat (sum, ==, 1.0f);
      g_assert_cmpfloat (labels->probabilities[i * CUSP_N_REGIONS + c], ==, 1.0f);

      if (orbit != CUSP_SIM_ORBIT_NIGHTSIDE)
        g_assert_false (is_tail (c));
      /* Near Earth only the magnetosphere. */
      if (dist < 6.0)
        g_assert_cmpint (c, ==, CUSP_REGION_MSP);
      if (c == must_reach)
        {
          reached = TRUE;
          /* Outbound: distance still growing. */
          if (i + 200 < r->n_samples && r->values[3 * r->n_samples + i + 200] > dist)
            outbound_reached = TRUE;
        }
      if (i > 0)
        {
          CuspRegion prev = cusp_region_labels_argmax (labels, i - 1);

          if (prev != c)
            {
              n_changes++;
              if (!adjacent (prev, c))
                g_error ("non-adjacent regions %s -> %s at sample %u",
                         cusp_region_get_abbrev (prev), cusp_region_get_abbrev (c), i);
            }
        }
    }
  g_assert_true (reached);
  if (orbit != CUSP_SIM_ORBIT_NIGHTSIDE)
    g_assert_true (outbound_reached);
  /* Boundaries move: more than one crossing of each. */
  g_assert_cmpuint (n_changes, >=, 6);
}

static void
test_region_sequence (void)
{
  for (guint64 seed = 1; seed <= 4; seed++)
    {
      check_region_sequence (CUSP_SIM_ORBIT_DAYSIDE_12RE, seed, CUSP_REGION_MSH);
      check_region_sequence (CUSP_SIM_ORBIT_DAYSIDE_25RE, seed, CUSP_REGION_SW);
      check_region_sequence (CUSP_SIM_ORBIT_NIGHTSIDE, seed, CUSP_REGION_LOBE);
    }
  /* The default day on the 12-RE orbit also reaches the solar wind when
   * the pressure pulse near noon compresses the bow shock. */
  check_region_sequence (CUSP_SIM_ORBIT_DAYSIDE_12RE, SEED, CUSP_REGION_SW);
}

/* Mean density over a run of samples [a, b). */
static double
mean (const double *v,
      guint         a,
      guint         b)
{
  double s = 0.0;

  for (guint i = a; i < b; i++)
    s += v[i];
  return s / (b - a);
}

static gboolean
upstream (CuspRegion r)
{
  return r == CUSP_REGION_SW || r == CUSP_REGION_FS;
}

/* The Rankine-Hugoniot ratio at sample k from the driver's solar wind, by
 * hand: fast magnetosonic Mach number, then (g+1) M^2 / ((g-1) M^2 + 2). */
static double
rh_by_hand (guint64 seed,
            gint64  k)
{
  CuspSimDriver d;
  double g = 5.0 / 3.0, b, va, cs, m;

  cusp_sim_driver (seed, k, &d);
  b = sqrt (d.b[0] * d.b[0] + d.b[1] * d.b[1] + d.b[2] * d.b[2]);
  va = b * 1e-9 / sqrt (MU0 * d.n * 1e6 * PROTON_MASS);
  cs = sqrt (g * (d.ti + d.te) * QE / PROTON_MASS);
  m = d.v * 1e3 / sqrt (va * va + cs * cs);
  /* Pdyn = 1.6726e-6 n V^2 ties density to pressure. */
  g_assert_cmpfloat_with_epsilon (1.6726e-6 * d.n * d.v * d.v / d.pdyn, 1.0, 1e-9);
  return (g + 1) * m * m / ((g - 1) * m * m + 2);
}

/* Every upstream -> BS -> MSH transition (either way) in [start, stop)
 * crossed within 3 min: mean density over up to 16 samples just
 * downstream over up to 16 just upstream equals the RH ratio at the middle
 * of the shock layer.  Tolerance 15 %: density turbulence of 6-7 % rms
 * correlated over ~1 min (about 3 % on a 16-sample mean each side), plus
 * the change of the solar wind during the crossing (a few %): over 200
 * crossings of 80 seeds and orbits the worst was 12 %, and a missing jump
 * (1 instead of >= 3, or the ratio of another Mach number) is far off. */
static guint
check_shock_jumps (CuspSimOrbit orbit,
                   guint64      seed,
                   CuspTime     start,
                   CuspTime     stop)
{
  g_autoptr (CuspProvider) p = cusp_sim_provider_new (seed, orbit);
  g_autoptr (CuspData) d = fetch (p, "sim/mms1/truth/regions/region", start, stop);
  g_autoptr (CuspData) nd = fetch (p, "sim/mms1/fpi/dis_moms/numberdensity", start, stop);
  CuspRegionLabels *labels = cusp_data_get_regions (d);
  const double *n = cusp_data_get_series (nd)->values;
  guint len = labels->n_samples, i = 0, checked = 0;
  CuspRegion *reg = g_new (CuspRegion, len);

  for (guint j = 0; j < len; j++)
    reg[j] = cusp_region_labels_argmax (labels, j);

  while (i < len)
    {
      guint a = i, b, c, e;

      /* run [a, b) of BS, preceded by [.. a) and followed by [b ..) */
      if (reg[i] != CUSP_REGION_BS)
        {
          i++;
          continue;
        }
      for (b = a; b < len && reg[b] == CUSP_REGION_BS; b++)
        ;
      i = b;
      if (a == 0 || b >= len)
        continue;
      if (!((upstream (reg[a - 1]) && reg[b] == CUSP_REGION_MSH)
            || (reg[a - 1] == CUSP_REGION_MSH && upstream (reg[b]))))
        continue;
      {
        gboolean inbound = reg[a - 1] == CUSP_REGION_MSH;
        guint up0, up1, down0, down1;
        double ratio, rh;

        /* Before the layer: walk back over the run adjacent to it. */
        for (c = a; c > 0 && reg[c - 1] == reg[a - 1] && a - c < 16; c--)
          ;
        for (e = b; e < len && reg[e] == reg[b] && e - b < 16; e++)
          ;
        /* Both sides must see the same solar wind: skip the spacecraft
         * hovering in the layer (> 3 min) while the wind changes. */
        if (a - c < 4 || e - b < 4 || b - a > 40)
          continue;
        up0 = inbound ? b : c;
        up1 = inbound ? e : a;
        down0 = inbound ? c : b;
        down1 = inbound ? a : e;
        ratio = mean (n, down0, down1) / mean (n, up0, up1);
        rh = rh_by_hand (seed, cusp_sim_sample_index_ceil (labels->times[(a + b) / 2]));
        g_assert_cmpfloat (rh, >, 1.0);
        g_assert_cmpfloat (rh, <=, 4.0);
        if (fabs (ratio / rh - 1.0) > 0.15)
          g_error ("density jump %.3f vs RH %.3f at sample %u", ratio, rh, a);
        checked++;
      }
    }
  g_free (reg);
  return checked;
}

static void
test_shock_jump (void)
{
  g_autoptr (CuspProvider) p = cusp_sim_provider_new (SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  CuspTime start, stop;
  guint n = 0;

  default_day (p, &start, &stop);
  n += check_shock_jumps (CUSP_SIM_ORBIT_DAYSIDE_12RE, SEED, start, stop);
  g_test_message ("default day: %u bow-shock transitions checked", n);
  g_assert_cmpuint (n, >=, 2);
  for (guint64 seed = 1; seed <= 6; seed++)
    n += check_shock_jumps (CUSP_SIM_ORBIT_DAYSIDE_25RE, seed, start, stop + 2 * CUSP_NS_PER_DAY);
  for (guint64 seed = 1; seed <= 6; seed++)
    n += check_shock_jumps (CUSP_SIM_ORBIT_DAYSIDE_12RE, seed, start - 3 * CUSP_NS_PER_DAY, stop);
  g_test_message ("%u bow-shock transitions checked in all", n);
  g_assert_cmpuint (n, >=, 20);
}

/* ---- Determinism ------------------------------------------------------------------ */

static void
assert_same_series (const CuspSeries *a,
                    guint             offset,
                    const CuspSeries *b)
{
  g_assert_cmpuint (a->n_components, ==, b->n_components);
  g_assert_cmpuint (a->n_samples, >=, offset + b->n_samples);
  g_assert_cmpmem (a->times + offset, b->n_samples * sizeof (CuspTime),
                   b->times, b->n_samples * sizeof (CuspTime));
  for (guint c = 0; c < a->n_components; c++)
    g_assert_cmpmem (a->values + (gsize) c * a->n_samples + offset, b->n_samples * sizeof (double),
                     b->values + (gsize) c * b->n_samples, b->n_samples * sizeof (double));
}

static void
test_determinism (void)
{
  g_autoptr (CuspProvider) p1 = cusp_sim_provider_new (SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  g_autoptr (CuspProvider) p2 = cusp_sim_provider_new (SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  g_autoptr (CuspProvider) p3 = cusp_sim_provider_new (SEED + 1, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  CuspTime start, stop, a, b;
  static const char *ids[] = { "sim/mms1/fgm/srvy/b_gse", "sim/mms1/fpi/dis_moms/numberdensity",
                               "sim/mms1/fpi/dis_moms/bulkv_gse", "sim/mms1/fpi/dis_moms/temp",
                               "sim/mms1/mec/ephem/r_gse" };

  g_assert_cmpuint (cusp_sim_provider_get_seed (CUSP_SIM_PROVIDER (p1)), ==, SEED);
  g_assert_cmpint (cusp_sim_provider_get_orbit (CUSP_SIM_PROVIDER (p1)), ==, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  default_day (p1, &start, &stop);
  /* Odd range ends, not on the grid. */
  a = start + 3 * CUSP_NS_PER_HOUR + 1234567;
  b = start + 7 * CUSP_NS_PER_HOUR + 7654321;

  for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr (CuspData) d1 = fetch (p1, ids[i], a, b);
      g_autoptr (CuspData) d2 = fetch (p2, ids[i], a, b);
      g_autoptr (CuspData) wide = fetch (p1, ids[i], a - CUSP_NS_PER_HOUR, b + CUSP_NS_PER_HOUR);
      g_autoptr (CuspData) other = fetch (p3, ids[i], a, b);
      CuspSeries *s1 = cusp_data_get_series (d1), *sw = cusp_data_get_series (wide);
      CuspSeries *so = cusp_data_get_series (other);
      guint offset = cusp_series_lower_bound (sw, a), differ = 0;

      assert_same_series (s1, 0, cusp_data_get_series (d2));
      assert_same_series (sw, offset, s1);
      g_assert_cmpuint (so->n_samples, ==, s1->n_samples);
      for (guint j = 0; j < s1->n_samples; j++)
        differ += s1->values[j] != so->values[j];
      /* Position does not depend on the seed; everything else does. */
      if (g_str_has_suffix (ids[i], "r_gse"))
        g_assert_cmpuint (differ, ==, 0);
      else
        g_assert_cmpuint (differ, >, s1->n_samples * 9 / 10);
    }

  /* Spectrograms and regions too. */
  {
    g_autoptr (CuspData) d1 = fetch (p1, "sim/mms1/fpi/des_moms/energyspectr_omni", a, b);
    g_autoptr (CuspData) d2 = fetch (p2, "sim/mms1/fpi/des_moms/energyspectr_omni", a, b);
    g_autoptr (CuspData) wide = fetch (p1, "sim/mms1/fpi/des_moms/energyspectr_omni", a - CUSP_NS_PER_DAY, b);
    CuspSpectrogram *s1 = cusp_data_get_spectrogram (d1), *s2 = cusp_data_get_spectrogram (d2);
    CuspSpectrogram *sw = cusp_data_get_spectrogram (wide);
    guint offset = cusp_spectrogram_lower_bound (sw, a);

    g_assert_cmpmem (s1->values, s1->n_records * 32 * sizeof (double),
                     s2->values, s2->n_records * 32 * sizeof (double));
    g_assert_cmpmem (s1->values, s1->n_records * 32 * sizeof (double),
                     sw->values + (gsize) offset * 32, s1->n_records * 32 * sizeof (double));
  }
  {
    g_autoptr (CuspData) d1 = fetch (p1, "sim/mms1/truth/regions/region", a, b);
    g_autoptr (CuspData) d2 = fetch (p2, "sim/mms1/truth/regions/region", a - 1, b + 1);
    CuspRegionLabels *r1 = cusp_data_get_regions (d1), *r2 = cusp_data_get_regions (d2);

    g_assert_cmpmem (r1->probabilities, r1->n_samples * CUSP_N_REGIONS * sizeof (float),
                     r2->probabilities, r1->n_samples * CUSP_N_REGIONS * sizeof (float));
  }
}

static void
test_edges (void)
{
  g_autoptr (CuspProvider) p = cusp_sim_provider_new (1, CUSP_SIM_ORBIT_NIGHTSIDE);
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspData) empty = NULL;
  g_autoptr (CuspData) one = NULL;
  g_autoptr (CuspData) before = NULL;
  g_autoptr (CuspData) comp = NULL;
  g_autoptr (CuspData) full = NULL;
  CuspData *none;
  CuspTime t = 9 * CUSP_SIM_CADENCE;

  /* A range between two samples holds none. */
  empty = fetch (p, "sim/mms1/fgm/srvy/b_gse", t + 1, t + CUSP_SIM_CADENCE);
  g_assert_cmpuint (cusp_data_get_length (empty), ==, 0);
  /* A range of one nanosecond on a sample holds it. */
  one = fetch (p, "sim/mms1/fpi/dis_moms/energyspectr_omni", t, t + 1);
  g_assert_cmpuint (cusp_data_get_length (one), ==, 1);
  g_assert_cmpint (cusp_data_get_spectrogram (one)->times[0], ==, t);
  /* Times before 2000 (negative) work as well. */
  before = fetch (p, "sim/mms1/fgm/srvy/b_gse", -CUSP_NS_PER_HOUR, 0);
  g_assert_cmpuint (cusp_data_get_length (before), ==, 800);
  assert_norms (cusp_data_get_series (before));
  /* A component child is the column of its parameter. */
  comp = fetch (p, "sim/mms1/fgm/srvy/b_gse/3", -CUSP_NS_PER_HOUR, 0);
  full = fetch (p, "sim/mms1/fgm/srvy/b_gse", -CUSP_NS_PER_HOUR, 0);
  g_assert_cmpuint (cusp_data_get_series (comp)->n_components, ==, 1);
  g_assert_cmpmem (cusp_data_get_series (comp)->values, 800 * sizeof (double),
                   cusp_data_get_series (full)->values + 3 * 800, 800 * sizeof (double));
  g_assert_cmpstr (cusp_data_get_series (comp)->labels[0], ==, "|B|");

  none = cusp_provider_get_data (p, "sim/mms1/fgm/srvy/b_gse/4", 0, t, NULL, &error);
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT);
  g_assert_null (none);
  g_clear_error (&error);
  none = cusp_provider_get_data (p, "sim/mms1/nothing", 0, t, NULL, &error);
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT);
  g_assert_null (none);
  g_clear_error (&error);
  none = cusp_provider_get_data (p, "sim/mms1/fgm/srvy/b_gse", t, t, NULL, &error);
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE);
  g_assert_null (none);
  g_clear_error (&error);
  none = cusp_provider_get_data (p, "sim/mms1/fgm/srvy/b_gse", 0, 400 * CUSP_NS_PER_DAY, NULL, &error);
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE);
  g_assert_null (none);
  g_clear_error (&error);
  /* Cancelled before it starts. */
  {
    g_autoptr (GCancellable) cancel = g_cancellable_new ();

    g_cancellable_cancel (cancel);
    none = cusp_provider_get_data (p, "sim/mms1/fgm/srvy/b_gse", 0, CUSP_NS_PER_DAY, cancel, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (none);
  }
}

/* ---- Spectra ------------------------------------------------------------------------- */

static void
test_spectra (void)
{
  g_autoptr (CuspProvider) p = cusp_sim_provider_new (SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  CuspTime start, stop;
  g_autoptr (CuspData) ions = NULL;
  g_autoptr (CuspData) regions = NULL;
  CuspSpectrogram *s;
  double peak_msh = 0.0, peak_msp = 0.0;
  guint n_msh = 0, n_msp = 0;

  default_day (p, &start, &stop);
  ions = fetch (p, "sim/mms1/fpi/dis_moms/energyspectr_omni", start, stop);
  regions = fetch (p, "sim/mms1/truth/regions/region", start, stop);
  s = cusp_data_get_spectrogram (ions);
  g_assert_cmpuint (s->n_bins, ==, 32);
  g_assert_false (s->bins_per_record);
  g_assert_cmpint (s->y_scale, ==, CUSP_SCALE_LOG);
  g_assert_cmpint (s->z_scale, ==, CUSP_SCALE_LOG);
  g_assert_cmpstr (s->unit, ==, "keV/(cm^2 s sr keV)");
  g_assert_cmpstr (s->bin_unit, ==, "eV");
  g_assert_cmpfloat_with_epsilon (s->bin_centres[0], 2.0, 1e-12);

  for (guint i = 0; i < s->n_records; i++)
    {
      CuspRegion r = cusp_region_labels_argmax (cusp_data_get_regions (regions), i);
      double peak = 0.0;

      for (guint j = 0; j < 32; j++)
        {
          double v = s->values[i * 32 + j];

          g_assert_true (isfinite (v));
          g_assert_cmpfloat (v, >, 0.0);
          peak = MAX (peak, v);
        }
      if (r == CUSP_REGION_MSH)
        peak_msh += log10 (peak), n_msh++;
      if (r == CUSP_REGION_MSP && i > 0 && s->times[i] > start + 5 * CUSP_NS_PER_HOUR
          && s->times[i] < start + 6 * CUSP_NS_PER_HOUR)
        peak_msp += log10 (peak), n_msp++;
    }
  /* Textbook magnitudes: sheath ions peak 1e6-1e8, outer magnetosphere 1e5-1e6.5. */
  g_assert_cmpuint (n_msh, >, 100);
  g_assert_cmpuint (n_msp, >, 100);
  g_assert_cmpfloat (peak_msh / n_msh, >, 6.0);
  g_assert_cmpfloat (peak_msh / n_msh, <, 8.0);
  g_assert_cmpfloat (peak_msp / n_msp, >, 5.0);
  g_assert_cmpfloat (peak_msp / n_msp, <, 6.7);
}

/* ---- Selections ------------------------------------------------------------------------ */

static void
check_segments (const CuspIntervalSet *set,
                const char            *sourceid)
{
  for (guint i = 0; i < cusp_interval_set_size (set); i++)
    {
      const CuspInterval *iv = cusp_interval_set_get (set, i);
      gint64 a = cusp_time_to_tai_seconds (iv->start), b = cusp_time_to_tai_seconds (iv->stop);
      const CuspAttribute *created = cusp_interval_get_attribute (iv, "createtime");

      g_assert_cmpint (a % 10, ==, 0);
      g_assert_cmpint (b % 10, ==, 0);
      g_assert_cmpint (cusp_time_from_tai_seconds (a), ==, iv->start);
      g_assert_cmpint (b - a, >=, 10);
      g_assert_cmpint (b - a, <=, 600);
      g_assert_cmpfloat (iv->fom, >=, 0.0);
      g_assert_cmpfloat (iv->fom, <=, 255.0);
      g_assert_cmpstr (cusp_interval_get_string (iv, "sourceid"), ==, sourceid);
      g_assert_nonnull (cusp_interval_get_string (iv, "discussion"));
      g_assert_nonnull (created);
      g_assert_cmpint (created->type, ==, CUSP_ATTRIBUTE_TIME);
      g_assert_cmpint (created->v.t, >, iv->stop);
      if (i > 0)
        g_assert_cmpint (cusp_interval_set_get (set, i - 1)->stop, <=, iv->start);
    }
}

/* FOM category per FORMATS.md: 0 [200,256), 1 [150,200), 2 [100,150),
 * 3 [50,100), 4 [0,50). */
static int
category (double fom)
{
  return fom >= 200 ? 0 : fom >= 150 ? 1 : fom >= 100 ? 2 : fom >= 50 ? 3 : 4;
}

static gboolean
mp_near (const CuspRegionLabels *labels,
         CuspTime                a,
         CuspTime                b)
{
  for (guint i = cusp_region_labels_lower_bound (labels, a);
       i < labels->n_samples && labels->times[i] < b; i++)
    if (cusp_region_labels_argmax (labels, i) == CUSP_REGION_MP)
      return TRUE;
  return FALSE;
}

static void
test_selections (void)
{
  g_autoptr (CuspProvider) p = cusp_sim_provider_new (SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  CuspTime start, stop;
  g_autoptr (CuspData) abs = NULL;
  g_autoptr (CuspData) gls = NULL;
  g_autoptr (CuspData) sitl = NULL;
  g_autoptr (CuspData) regions = NULL;
  CuspIntervalSet *sa, *sg, *ss;
  guint low = 0;

  default_day (p, &start, &stop);
  abs = fetch (p, "sim/mms1/sitl/selections/abs", start, stop);
  gls = fetch (p, "sim/mms1/sitl/selections/gls", start, stop);
  sitl = fetch (p, "sim/mms1/sitl/selections/sitl", start, stop);
  regions = fetch (p, "sim/mms1/truth/regions/region", start - CUSP_NS_PER_HOUR, stop + CUSP_NS_PER_HOUR);
  sa = cusp_data_get_intervals (abs);
  sg = cusp_data_get_intervals (gls);
  ss = cusp_data_get_intervals (sitl);
  check_segments (sa, "ABS");
  check_segments (sg, "GLS-mp-dl-unh");
  check_segments (ss, "sim-sitl");
  g_test_message ("default day: %u ABS, %u GLS, %u SITL segments",
                  cusp_interval_set_size (sa), cusp_interval_set_size (sg),
                  cusp_interval_set_size (ss));

  /* ABS: a few dozen, each TAI hour within its 40-buffer (400-s) budget,
   * mostly categories 3-4, a few higher at crossings. */
  g_assert_cmpuint (cusp_interval_set_size (sa), >, 20);
  for (guint i = 0, j = 0; i < cusp_interval_set_size (sa); i = j)
    {
      gint64 hour = cusp_time_to_tai_seconds (cusp_interval_set_get (sa, i)->start) / 3600;
      gint64 seconds = 0;

      for (j = i; j < cusp_interval_set_size (sa)
                  && cusp_time_to_tai_seconds (cusp_interval_set_get (sa, j)->start) / 3600 == hour; j++)
        seconds += cusp_time_to_tai_seconds (cusp_interval_set_get (sa, j)->stop)
                   - cusp_time_to_tai_seconds (cusp_interval_set_get (sa, j)->start);
      g_assert_cmpint (seconds, <=, 400);
    }
  for (guint i = 0; i < cusp_interval_set_size (sa); i++)
    {
      int c = category (cusp_interval_set_get (sa, i)->fom);

      g_assert_cmpint (c, >=, 1);
      low += c >= 3;
    }
  g_assert_cmpuint (low, >, cusp_interval_set_size (sa) * 3 / 4);
  /* GLS: FOM 150 at magnetopause crossings of the truth. */
  g_assert_cmpuint (cusp_interval_set_size (sg), >=, 2);
  for (guint i = 0; i < cusp_interval_set_size (sg); i++)
    {
      const CuspInterval *iv = cusp_interval_set_get (sg, i);

      g_assert_cmpfloat (iv->fom, ==, 150.0);
      g_assert_cmpstr (cusp_interval_get_string (iv, "discussion"), ==,
                       "MP crossing (automatically generated)");
      g_assert_true (mp_near (cusp_data_get_regions (regions),
                              iv->start - 40 * CUSP_NS_PER_SECOND, iv->stop + 40 * CUSP_NS_PER_SECOND));
    }
  /* SITL: fewer, categories 1-3, with a discussion. */
  g_assert_cmpuint (cusp_interval_set_size (ss), >=, 2);
  g_assert_cmpuint (cusp_interval_set_size (ss), <, cusp_interval_set_size (sa));
  for (guint i = 0; i < cusp_interval_set_size (ss); i++)
    {
      const CuspInterval *iv = cusp_interval_set_get (ss, i);
      int c = category (iv->fom);

      g_assert_cmpint (c, >=, 1);
      g_assert_cmpint (c, <=, 3);
      g_assert_true (strstr (cusp_interval_get_string (iv, "discussion"), "crossing") != NULL
                     || strstr (cusp_interval_get_string (iv, "discussion"), "shock") != NULL);
    }

  /* A sub-range gives exactly the segments of the day that overlap it. */
  for (int kind = 0; kind < 3; kind++)
    {
      static const char *ids[] = { "sim/mms1/sitl/selections/abs", "sim/mms1/sitl/selections/gls",
                                   "sim/mms1/sitl/selections/sitl" };
      CuspIntervalSet *day = kind == 0 ? sa : kind == 1 ? sg : ss;
      CuspTime a = start + 4 * CUSP_NS_PER_HOUR + 123456789, b = start + 19 * CUSP_NS_PER_HOUR + 5;
      g_autoptr (CuspData) part = fetch (p, ids[kind], a, b);
      CuspIntervalSet *sp = cusp_data_get_intervals (part);
      guint j = 0;

      for (guint i = 0; i < cusp_interval_set_size (day); i++)
        {
          const CuspInterval *iv = cusp_interval_set_get (day, i);
          const CuspInterval *jv;

          if (iv->stop <= a || iv->start >= b)
            continue;
          g_assert_cmpuint (j, <, cusp_interval_set_size (sp));
          jv = cusp_interval_set_get (sp, j++);
          g_assert_cmpint (iv->start, ==, jv->start);
          g_assert_cmpint (iv->stop, ==, jv->stop);
          g_assert_cmpfloat (iv->fom, ==, jv->fom);
          g_assert_cmpstr (cusp_interval_get_string (iv, "discussion"), ==,
                           cusp_interval_get_string (jv, "discussion"));
        }
      g_assert_cmpuint (j, ==, cusp_interval_set_size (sp));
    }
}

/* ---- Inventory and export ---------------------------------------------------------------- */

/* |R| from the X, Y, Z columns of r_gse at sample i, not from its |R|. */
static double
radius_at (CuspSeries *r,
           guint       i)
{
  double x = cusp_series_column (r, 0)[i];
  double y = cusp_series_column (r, 1)[i];
  double z = cusp_series_column (r, 2)[i];

  return sqrt (x * x + y * y + z * z);
}

static void
test_sitl_window (void)
{
  g_autoptr (CuspProvider) p = cusp_sim_provider_new (1, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  g_autoptr (CuspProvider) tail = cusp_sim_provider_new (1, CUSP_SIM_ORBIT_NIGHTSIDE);
  g_autoptr (CuspData) data = NULL;
  CuspTime day0, day1, start = 0, stop = 0;
  CuspSeries *r;
  guint i0, i1;
  double r_min = G_MAXDOUBLE;

  default_day (p, &day0, &day1);
  g_assert_true (cusp_sim_provider_get_sitl_window (CUSP_SIM_PROVIDER (p), &start, &stop));
  g_assert_cmpint (start, >=, day0);
  g_assert_cmpint (stop, <=, day1);
  g_assert_cmpint (stop, >, start);
  /* Whole minutes from midnight. */
  g_assert_cmpint ((start - day0) % CUSP_NS_PER_MINUTE, ==, 0);
  g_assert_cmpint ((stop - day0) % CUSP_NS_PER_MINUTE, ==, 0);

  /* The whole day of positions, then the samples at both ends. */
  data = fetch (p, "sim/mms1/mec/ephem/r_gse", day0, day1);
  r = cusp_data_get_series (data);
  i0 = cusp_series_lower_bound (r, start);
  i1 = cusp_series_lower_bound (r, stop);
  g_assert_cmpuint (i1, >, i0 + 1);
  g_assert_cmpfloat (radius_at (r, i0), >, 8.0);
  g_assert_cmpfloat (radius_at (r, i1 - 1), >, 8.0);
  /* Beyond 8 RE all along, and the perigee pass (under 2 RE for a
   * 1.2 x 12 RE orbit) is not in it. */
  for (guint i = i0; i < i1; i++)
    r_min = MIN (r_min, radius_at (r, i));
  g_assert_cmpfloat (r_min, >, 8.0);
  /* Maximal: two minutes outside an end that is not the day's edge, the
   * spacecraft is inside 8 RE. */
  if (start - 2 * CUSP_NS_PER_MINUTE >= day0)
    g_assert_cmpfloat (radius_at (r, cusp_series_lower_bound (r, start - 2 * CUSP_NS_PER_MINUTE)), <, 8.0);
  if (stop + 2 * CUSP_NS_PER_MINUTE < day1)
    g_assert_cmpfloat (radius_at (r, cusp_series_lower_bound (r, stop + 2 * CUSP_NS_PER_MINUTE)), <, 8.0);
  /* A 12-RE apogee on a ~1-day orbit leaves a window of several hours. */
  g_assert_cmpint (stop - start, >, 4 * CUSP_NS_PER_HOUR);
  g_assert_cmpint (stop - start, <, 20 * CUSP_NS_PER_HOUR);

  /* The tail orbit (25 RE apogee) also gets beyond 8 RE. */
  g_assert_true (cusp_sim_provider_get_sitl_window (CUSP_SIM_PROVIDER (tail), &start, &stop));
  g_assert_cmpint (stop, >, start);
}

/* Back-structure (eva_sitl.md §1.8): the ABS segments, each with one SDC
 * status; complete / incomplete / overwritten (DEMOTED) / pending (NEW +
 * ISPENDING); on the 10-s TAI grid; the same for the same seed. */
static void
test_bakstr (void)
{
  g_autoptr (CuspProvider) p = cusp_sim_provider_new (SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  g_autoptr (CuspProvider) q = cusp_sim_provider_new (SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  CuspTime start, stop;
  g_autoptr (CuspData) abs = NULL;
  g_autoptr (CuspData) bak = NULL;
  g_autoptr (CuspData) again = NULL;
  CuspIntervalSet *sa, *sb, *sq;
  guint seen[4] = { 0, 0, 0, 0 };
  static const char *statuses[] = { "COMPLETE+FINISHED", "INCOMPLETE", "DEMOTED", "NEW" };

  default_day (p, &start, &stop);
  abs = fetch (p, "sim/mms1/sitl/selections/abs", start, stop);
  bak = fetch (p, "sim/mms1/sitl/selections/bakstr", start, stop);
  again = fetch (q, "sim/mms1/sitl/selections/bakstr", start, stop);
  sa = cusp_data_get_intervals (abs);
  sb = cusp_data_get_intervals (bak);
  sq = cusp_data_get_intervals (again);
  g_assert_cmpuint (cusp_interval_set_size (sb), ==, cusp_interval_set_size (sa));
  g_assert_cmpuint (cusp_interval_set_size (sq), ==, cusp_interval_set_size (sb));
  for (guint i = 0; i < cusp_interval_set_size (sb); i++)
    {
      const CuspInterval *iv = cusp_interval_set_get (sb, i);
      const CuspInterval *ia = cusp_interval_set_get (sa, i);
      const CuspInterval *iq = cusp_interval_set_get (sq, i);
      const char *status = cusp_interval_get_string (iv, "status");
      const CuspAttribute *pending = cusp_interval_get_attribute (iv, "ispending");
      gint64 a = cusp_time_to_tai_seconds (iv->start), b = cusp_time_to_tai_seconds (iv->stop);
      int k = -1;

      g_assert_cmpint (iv->start, ==, ia->start);
      g_assert_cmpint (iv->stop, ==, ia->stop);
      g_assert_cmpfloat (iv->fom, ==, ia->fom);
      g_assert_cmpint (cusp_time_from_tai_seconds (a), ==, iv->start);
      g_assert_cmpint (a % 10, ==, 0);
      g_assert_cmpint (b % 10, ==, 0);
      g_assert_nonnull (status);
      for (int s = 0; s < 4; s++)
        if (strcmp (status, statuses[s]) == 0)
          k = s;
      g_assert_cmpint (k, >=, 0);
      seen[k]++;
      g_assert_nonnull (pending);
      g_assert_cmpint (pending->v.i, ==, k == 3);
      g_assert_cmpint (iv->start, ==, iq->start);
      g_assert_cmpstr (status, ==, cusp_interval_get_string (iq, "status"));
    }
  /* Every status occurs in a day, complete the most. */
  for (int s = 0; s < 4; s++)
    g_assert_cmpuint (seen[s], >, 0);
  g_assert_cmpuint (seen[0], >, seen[1] + seen[2] + seen[3]);
}

static void
test_inventory (void)
{
  g_autoptr (CuspProvider) p = cusp_sim_provider_new (SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  CuspInventoryNode *root = cusp_provider_get_inventory (p);
  CuspInventoryNode *mission, *node;
  static const struct { const char *id; CuspDataKind kind; const char *unit; } leaves[] = {
    { "sim/mms1/fgm/srvy/b_gse", CUSP_DATA_KIND_SERIES, "nT" },
    { "sim/mms1/fpi/dis_moms/numberdensity", CUSP_DATA_KIND_SERIES, "cm^-3" },
    { "sim/mms1/fpi/dis_moms/bulkv_gse", CUSP_DATA_KIND_SERIES, "km/s" },
    { "sim/mms1/fpi/dis_moms/temp", CUSP_DATA_KIND_SERIES, "eV" },
    { "sim/mms1/fpi/dis_moms/energyspectr_omni", CUSP_DATA_KIND_SPECTROGRAM, "keV/(cm^2 s sr keV)" },
    { "sim/mms1/fpi/des_moms/energyspectr_omni", CUSP_DATA_KIND_SPECTROGRAM, "keV/(cm^2 s sr keV)" },
    { "sim/mms1/mec/ephem/r_gse", CUSP_DATA_KIND_SERIES, "RE" },
    { "sim/mms1/truth/regions/region", CUSP_DATA_KIND_REGIONS, NULL },
    { "sim/mms1/sitl/selections/abs", CUSP_DATA_KIND_INTERVALS, NULL },
    { "sim/mms1/sitl/selections/gls", CUSP_DATA_KIND_INTERVALS, NULL },
    { "sim/mms1/sitl/selections/sitl", CUSP_DATA_KIND_INTERVALS, NULL },
    { "sim/mms1/sitl/selections/bakstr", CUSP_DATA_KIND_INTERVALS, NULL },
  };

  g_assert_cmpstr (cusp_provider_get_id (p), ==, "sim");
  g_assert_cmpstr (cusp_provider_get_name (p), ==, "Simulation");
  g_assert_cmpstr (cusp_inventory_node_get_id (root), ==, "sim");
  g_assert_cmpint (cusp_inventory_node_get_kind (root), ==, CUSP_NODE_PROVIDER);
  g_assert_cmpuint (g_list_model_get_n_items (cusp_inventory_node_get_children (root)), ==, 1);
  mission = cusp_inventory_node_find (root, "sim/mms1");
  g_assert_nonnull (mission);
  g_assert_cmpint (cusp_inventory_node_get_kind (mission), ==, CUSP_NODE_MISSION);
  g_assert_cmpstr (cusp_inventory_node_get_name (mission), ==, "MMS1 (simulated)");
  g_assert_cmpint (cusp_inventory_node_get_kind (cusp_inventory_node_find (root, "sim/mms1/fpi")), ==,
                   CUSP_NODE_INSTRUMENT);
  g_assert_cmpint (cusp_inventory_node_get_kind (cusp_inventory_node_find (root, "sim/mms1/fpi/des_moms")), ==,
                   CUSP_NODE_DATASET);

  for (gsize i = 0; i < G_N_ELEMENTS (leaves); i++)
    {
      CuspTime a, b;

      node = cusp_inventory_node_find (root, leaves[i].id);
      g_assert_nonnull (node);
      g_assert_cmpint (cusp_inventory_node_get_kind (node), ==, CUSP_NODE_PARAMETER);
      g_assert_cmpint (cusp_inventory_node_get_data_kind (node), ==, leaves[i].kind);
      g_assert_cmpstr (cusp_inventory_node_get_unit (node), ==, leaves[i].unit);
      g_assert_nonnull (cusp_inventory_node_get_description (node));
      g_assert_cmpint (cusp_inventory_node_get_cadence (node), >, 0);
      cusp_inventory_node_get_coverage (node, &a, &b);
      g_assert_cmpint (a, ==, CUSP_TIME_INVALID);
      g_assert_cmpint (b, ==, CUSP_TIME_INVALID);
    }
  g_assert_cmpint (cusp_inventory_node_get_cadence (cusp_inventory_node_find (root, "sim/mms1/fgm/srvy/b_gse")),
                   ==, 4500 * CUSP_NS_PER_MS);
  node = cusp_inventory_node_find (root, "sim/mms1/fpi/dis_moms/temp/0");
  g_assert_nonnull (node);
  g_assert_cmpint (cusp_inventory_node_get_kind (node), ==, CUSP_NODE_COMPONENT);
  g_assert_cmpstr (cusp_inventory_node_get_name (node), ==, "T∥");
  g_assert_cmpuint (g_list_model_get_n_items (cusp_inventory_node_get_children (
                      cusp_inventory_node_find (root, "sim/mms1/fgm/srvy/b_gse"))), ==, 4);
  g_assert_cmpstr (cusp_inventory_node_get_name (cusp_inventory_node_find (root, "sim/mms1/fgm/srvy/b_gse/3")),
                   ==, "|B|");
  g_assert_cmpstr (cusp_inventory_node_get_name (cusp_inventory_node_find (root, "sim/mms1/truth/regions/region")),
                   ==, "Region (ground truth)");
}

static double
field (char **cols,
       int    i)
{
  char *end = NULL;
  double v = g_ascii_strtod (cols[i], &end);

  g_assert_true (end != cols[i] && *end == '\0');
  return v;
}

static void
test_export (void)
{
  g_autoptr (CuspProvider) p = cusp_sim_provider_new (SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  CuspTime start, stop, a, b;
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) header = NULL;
  g_auto (GStrv) row = NULL;
  g_autoptr (CuspData) bd = NULL;
  g_autoptr (CuspData) td = NULL;
  g_autoptr (CuspData) ed = NULL;
  g_autoptr (CuspData) rd = NULL;
  const guint pick = 437;
  gsize size;

  default_day (p, &start, &stop);
  /* Spans two export chunks (6 h) on purpose. */
  a = start + 5 * CUSP_NS_PER_HOUR;
  b = start + 7 * CUSP_NS_PER_HOUR;
  g_assert_true (cusp_sim_export_csv (p, a, b, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), size);
  lines = g_strsplit (text, "\n", -1);

  /* Header + 1600 rows + empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 1600 + 1);
  g_assert_cmpstr (lines[1601], ==, "");
  g_assert_true (g_str_has_prefix (lines[0], "time,bx_gse_nT,by_gse_nT,bz_gse_nT,b_tot_nT,ni_cm-3,"
                                   "vx_gse_km/s,vy_gse_km/s,vz_gse_km/s,v_tot_km/s,t_par_eV,t_perp_eV,"
                                   "t_tot_eV,x_gse_RE,y_gse_RE,z_gse_RE,r_RE,region,ion_def_2eV,"));
  g_assert_true (g_str_has_suffix (lines[0], ",ele_def_2.75e+04eV"));
  header = g_strsplit (lines[0], ",", -1);
  g_assert_cmpuint (g_strv_length (header), ==, 18 + 64);

  row = g_strsplit (lines[1 + pick], ",", -1);
  g_assert_cmpuint (g_strv_length (row), ==, 18 + 64);
  bd = fetch (p, "sim/mms1/fgm/srvy/b_gse", a, b);
  td = fetch (p, "sim/mms1/fpi/dis_moms/temp", a, b);
  ed = fetch (p, "sim/mms1/fpi/des_moms/energyspectr_omni", a, b);
  rd = fetch (p, "sim/mms1/truth/regions/region", a, b);
  {
    CuspSeries *bs = cusp_data_get_series (bd), *ts = cusp_data_get_series (td);
    CuspSpectrogram *es = cusp_data_get_spectrogram (ed);
    g_autofree char *iso = cusp_time_format_iso (bs->times[pick], 3);
    CuspTime parsed;

    g_assert_cmpstr (row[0], ==, iso);
    g_assert_true (cusp_time_parse_iso (row[0], &parsed, NULL));
    g_assert_cmpint (parsed, ==, bs->times[pick]);
    /* The first row is the first sample at or after the start. */
    g_assert_cmpint (bs->times[0], >=, a);
    g_assert_cmpint (bs->times[0] - CUSP_SIM_CADENCE, <, a);
    for (int c = 0; c < 4; c++)
      g_assert_cmpfloat_with_epsilon (field (row, 1 + c), bs->values[c * bs->n_samples + pick],
                                      1e-9 * fabs (bs->values[c * bs->n_samples + pick]));
    g_assert_cmpfloat_with_epsilon (field (row, 12), ts->values[2 * ts->n_samples + pick],
                                    1e-9 * ts->values[2 * ts->n_samples + pick]);
    g_assert_cmpstr (row[17], ==,
                     cusp_region_get_abbrev (cusp_region_labels_argmax (cusp_data_get_regions (rd), pick)));
    g_assert_cmpfloat_with_epsilon (field (row, 18 + 32 + 31), es->values[pick * 32 + 31],
                                    1e-9 * es->values[pick * 32 + 31]);
  }

  /* An empty range is refused with a message. */
  g_assert_false (cusp_sim_export_csv (p, b, a, out, NULL, &error));
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE);
}

static void
test_speed (void)
{
  g_autoptr (CuspProvider) p = cusp_sim_provider_new (SEED, CUSP_SIM_ORBIT_DAYSIDE_12RE);
  static const char *ids[] = {
    "sim/mms1/fgm/srvy/b_gse", "sim/mms1/fpi/dis_moms/numberdensity",
    "sim/mms1/fpi/dis_moms/bulkv_gse", "sim/mms1/fpi/dis_moms/temp",
    "sim/mms1/fpi/dis_moms/energyspectr_omni", "sim/mms1/fpi/des_moms/energyspectr_omni",
    "sim/mms1/mec/ephem/r_gse", "sim/mms1/truth/regions/region",
    "sim/mms1/sitl/selections/abs", "sim/mms1/sitl/selections/gls",
    "sim/mms1/sitl/selections/sitl",
  };
  CuspTime start, stop;
  gint64 t0, total = 0;

  default_day (p, &start, &stop);
  for (gsize i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr (CuspData) d = NULL;
      gint64 dt;

      t0 = g_get_monotonic_time ();
      d = fetch (p, ids[i], start, stop);
      dt = g_get_monotonic_time () - t0;
      total += dt;
      g_test_message ("%-42s %6.1f ms", ids[i], dt / 1000.0);
      g_assert_cmpuint (cusp_data_get_length (d), >, 0);
    }
  /* Timing depends on the machine: reported, not asserted. */
  g_test_message ("whole default day, all %u products: %.1f ms",
                  (guint) G_N_ELEMENTS (ids), total / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/sim/shue", test_shue);
  g_test_add_func ("/cusp/sim/shock-relations", test_shock_relations);
  g_test_add_func ("/cusp/sim/orbit", test_orbit);
  g_test_add_func ("/cusp/sim/maxwellian", test_maxwellian);
  g_test_add_func ("/cusp/sim/norms-and-grid", test_norms_and_grid);
  g_test_add_func ("/cusp/sim/region-sequence", test_region_sequence);
  g_test_add_func ("/cusp/sim/shock-jump", test_shock_jump);
  g_test_add_func ("/cusp/sim/determinism", test_determinism);
  g_test_add_func ("/cusp/sim/edges", test_edges);
  g_test_add_func ("/cusp/sim/spectra", test_spectra);
  g_test_add_func ("/cusp/sim/selections", test_selections);
  g_test_add_func ("/cusp/sim/bakstr", test_bakstr);
  g_test_add_func ("/cusp/sim/inventory", test_inventory);
  g_test_add_func ("/cusp/sim/sitl-window", test_sitl_window);
  g_test_add_func ("/cusp/sim/export", test_export);
  g_test_add_func ("/cusp/sim/speed", test_speed);

  return g_test_run ();
}
