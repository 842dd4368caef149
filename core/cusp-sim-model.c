/* cusp-sim-model.c: the physics of the simulated MMS-like orbit
 *
 * Models and sources are in docs/simulation.md; numbers that come from a
 * paper or a textbook carry the reference next to them here too.
 */
#define G_LOG_DOMAIN "cusp-sim"

#include "config.h"

#include "cusp-sim-model.h"

#include <math.h>
#include <string.h>

#define SAMPLE_NS        (4500 * CUSP_NS_PER_MS)
#define BUFFER_S         10

/* 2015-10-16T12:00:00Z on the TT2000 scale (TAI-UTC = 36 s): the middle of
 * the default day, and the origin of the driver's slow sinusoids. */
#define T_REF_NS         G_GINT64_CONSTANT (498268868184000000)

/* Physical constants (CODATA 2018). */
#define PROTON_MASS      1.67262192e-27
#define ELECTRON_MASS    9.1093837e-31
#define ELEMENTARY       1.602176634e-19
#define MU0              1.25663706212e-6

/* Boundary layer thicknesses, RE (docs/simulation.md, "Regions"). */
#define W_BS             0.10
#define W_MP             0.10
#define W_BL             0.30
#define W_PSBL           1.20
#define BS_ECCENTRICITY  0.80
#define TAIL_X           10.0
#define FS_MAX_PATH      25.0    /* RE along the IMF to the shock */
#define FS_THETA_BN      45.0    /* degrees: quasi-parallel below */

/* Noise streams: one per independent quantity. */
enum
{
  S_PDYN = 1, S_VSW, S_BMAG, S_CONE, S_CLOCK, S_TSW,
  S_TURB_B = 16, S_TURB_N = 20, S_TURB_V = 24, S_TURB_T = 28,
  S_NOISE_B = 32, S_NOISE_N = 36, S_NOISE_V = 40, S_NOISE_T = 44,
  S_NS = 48, S_BBF, S_RIPPLE = 52,
  S_SPEC_I = 64, S_SPEC_E = 128, S_FLOOR_I = 192, S_FLOOR_E = 256,
  S_ABS_TILE = 320, S_ABS_JITTER, S_SITL_JITTER, S_BAK_STATUS,
};

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if (a % b != 0 && (a < 0) != (b < 0))
    q--;
  return q;
}

gint64
cusp_sim_sample_index_ceil (CuspTime t)
{
  gint64 q = floor_div (t, SAMPLE_NS);

  return q * SAMPLE_NS == t ? q : q + 1;
}

CuspTime
cusp_sim_sample_time (gint64 k)
{
  return k * SAMPLE_NS;
}

/* Seconds from the reference instant; exact enough for k up to 2^52. */
static inline double
sample_tau (gint64 k)
{
  return (double) (k * SAMPLE_NS - T_REF_NS) / 1e9;
}

/* ---- Counter-based randomness ------------------------------------------ */

static inline guint64
splitmix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return x ^ (x >> 31);
}

guint64
cusp_sim_hash (guint64 seed,
               guint64 stream,
               gint64  counter)
{
  guint64 key = splitmix64 (seed ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03)));

  return splitmix64 (key ^ splitmix64 ((guint64) counter));
}

double
cusp_sim_uniform (guint64 seed,
                  guint64 stream,
                  gint64  counter)
{
  return (double) (cusp_sim_hash (seed, stream, counter) >> 11) * 0x1.0p-53;
}

double
cusp_sim_gauss (guint64 seed,
                guint64 stream,
                gint64  counter)
{
  guint64 h = cusp_sim_hash (seed, stream, counter);
  /* Two 32-bit halves are plenty for a Box-Muller pair. */
  double u1 = ((double) (h >> 32) + 0.5) * 0x1.0p-32;
  double u2 = (double) (h & 0xffffffffu) * 0x1.0p-32;

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static inline double
lattice (guint64 seed,
         guint64 stream,
         gint64  i)
{
  return 2.0 * cusp_sim_uniform (seed, stream, i) - 1.0;
}

double
cusp_sim_value_noise (guint64 seed,
                      guint64 stream,
                      gint64  k,
                      gint64  period)
{
  gint64 i = floor_div (k, period);
  double f = (double) (k - i * period) / (double) period;
  double p0 = lattice (seed, stream, i - 1);
  double p1 = lattice (seed, stream, i);
  double p2 = lattice (seed, stream, i + 1);
  double p3 = lattice (seed, stream, i + 2);

  /* Catmull-Rom: continuous slope, so the curves have no kinks. */
  return p1 + 0.5 * f * (p2 - p0 + f * (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3
                                        + f * (3.0 * (p1 - p2) + p3 - p0)));
}

double
cusp_sim_turbulence (guint64 seed,
                     guint64 stream,
                     gint64  k,
                     gint64  period)
{
  /* 2^(-o/3) */
  static const double amp[] = { 1.0, 0.793700526, 0.629960525, 0.5, 0.396850263,
                                 0.314980262, 0.25, 0.198425131, 0.157490131,
                                 0.125, 0.099212566, 0.078745066 };
  double sum = 0.0, norm = 0.0;
  guint o = 0;

  for (gint64 p = period; p >= 2 && o < G_N_ELEMENTS (amp); p /= 2, o++)
    {
      sum += amp[o] * cusp_sim_value_noise (seed, stream * 16 + o, k, p);
      norm += amp[o] * amp[o];
    }
  return norm > 0.0 ? 0.9 * sum / sqrt (norm) : 0.0;
}

/* ---- Vectors -------------------------------------------------------------- */

static inline double
dot3 (const double *a,
      const double *b)
{
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static inline double
norm3 (const double *a)
{
  return sqrt (dot3 (a, a));
}

static inline void
cross3 (const double *a,
        const double *b,
        double       *out)
{
  double x = a[1] * b[2] - a[2] * b[1];
  double y = a[2] * b[0] - a[0] * b[2];
  double z = a[0] * b[1] - a[1] * b[0];

  out[0] = x;
  out[1] = y;
  out[2] = z;
}

static inline void
normalize3 (double *a)
{
  double n = norm3 (a);

  if (n > 0.0)
    for (int i = 0; i < 3; i++)
      a[i] /= n;
}

static inline double
sigmoid (double x)
{
  return 0.5 * (1.0 + tanh (x));
}

/* ---- Orbit ---------------------------------------------------------------- */

typedef struct
{
  double   apogee_re;
  double   azimuth_deg;    /* of apogee from +X towards +Y (dusk) */
  double   elevation_deg;  /* of apogee above the ecliptic */
  CuspTime t_apogee;
} OrbitDesign;

/* The apogee times put each orbit's interesting part in the default day
 * (2015-10-16): the 12-RE orbit's apogee at noon, the 25-RE orbit's
 * outbound magnetopause and bow-shock crossings, the tail orbit's apogee. */
static const OrbitDesign orbit_designs[] = {
  [CUSP_SIM_ORBIT_DAYSIDE_12RE] = { 12.0, 15.0, 3.0, T_REF_NS },
  [CUSP_SIM_ORBIT_DAYSIDE_25RE] = { 25.0, -20.0, 3.0, T_REF_NS + 26 * CUSP_NS_PER_HOUR },
  [CUSP_SIM_ORBIT_NIGHTSIDE] = { 25.0, 190.0, -8.0, T_REF_NS },
};

void
cusp_sim_orbit_elements (CuspSimOrbit          orbit,
                         CuspSimOrbitElements *out)
{
  const OrbitDesign *d;
  double az, el, apo[3], y1[3], z1[3];
  const double zhat[3] = { 0.0, 0.0, 1.0 };

  g_return_if_fail (orbit <= CUSP_SIM_ORBIT_NIGHTSIDE);
  g_return_if_fail (out != NULL);

  d = &orbit_designs[orbit];
  out->perigee_re = 1.2;
  out->apogee_re = d->apogee_re;
  out->a_km = 0.5 * (out->perigee_re + out->apogee_re) * CUSP_SIM_RE_KM;
  out->e = (out->apogee_re - out->perigee_re) / (out->apogee_re + out->perigee_re);
  out->inclination = 28.0 * G_PI / 180.0;
  out->period_s = 2.0 * G_PI * sqrt (pow (out->a_km, 3) / CUSP_SIM_MU_EARTH);
  out->t_apogee = d->t_apogee;

  az = d->azimuth_deg * G_PI / 180.0;
  el = d->elevation_deg * G_PI / 180.0;
  apo[0] = cos (el) * cos (az);
  apo[1] = cos (el) * sin (az);
  apo[2] = sin (el);
  for (int i = 0; i < 3; i++)
    out->p_hat[i] = -apo[i];

  /* q lies in the plane through the line of apsides tilted by the
   * inclination from the ecliptic, with the orbit normal towards +Z. */
  cross3 (zhat, out->p_hat, y1);
  normalize3 (y1);
  cross3 (out->p_hat, y1, z1);
  for (int i = 0; i < 3; i++)
    out->q_hat[i] = cos (out->inclination) * y1[i] + sin (out->inclination) * z1[i];
}

double
cusp_sim_kepler_solve (double mean_anomaly,
                       double e)
{
  double m = remainder (mean_anomaly, 2.0 * G_PI);
  /* Danby's starting value converges for every e < 1. */
  double E = m + (m >= 0.0 ? 0.85 : -0.85) * e;

  for (int i = 0; i < 50; i++)
    {
      double f = E - e * sin (E) - m;
      double step = f / (1.0 - e * cos (E));

      E -= step;
      if (fabs (step) < 1e-14)
        break;
    }
  return E;
}

void
cusp_sim_orbit_position (const CuspSimOrbitElements *el,
                         CuspTime                    t,
                         double                      r_re[3])
{
  double dt = (double) (t - el->t_apogee) / 1e9;
  double mean = G_PI + 2.0 * G_PI * fmod (dt / el->period_s, 1.0);
  double E = cusp_sim_kepler_solve (mean, el->e);
  double xp = el->a_km * (cos (E) - el->e);
  double yp = el->a_km * sqrt (1.0 - el->e * el->e) * sin (E);

  for (int i = 0; i < 3; i++)
    r_re[i] = (xp * el->p_hat[i] + yp * el->q_hat[i]) / CUSP_SIM_RE_KM;
}

/* ---- Driver and boundaries -------------------------------------------------- */

double
cusp_sim_magnetosonic_mach (double n,
                            double v,
                            double b,
                            double ti,
                            double te)
{
  double rho = n * 1e6 * PROTON_MASS;
  double va = b * 1e-9 / sqrt (MU0 * rho);
  double cs = sqrt (CUSP_SIM_GAMMA * (ti + te) * ELEMENTARY / PROTON_MASS);

  return v * 1e3 / sqrt (va * va + cs * cs);
}

double
cusp_sim_rh_ratio (double mach)
{
  double m2 = mach * mach;

  if (mach <= 1.0)
    return 1.0;
  return (CUSP_SIM_GAMMA + 1.0) * m2 / ((CUSP_SIM_GAMMA - 1.0) * m2 + 2.0);
}

/* Shue et al. 1998, JGR 103, 17691, eqs. 12-13. */
double
cusp_sim_shue_r0 (double pdyn,
                  double bz)
{
  return (10.22 + 1.29 * tanh (0.184 * (bz + 8.14))) * pow (pdyn, -1.0 / 6.6);
}

double
cusp_sim_shue_alpha (double pdyn,
                     double bz)
{
  return (0.58 - 0.007 * bz) * (1.0 + 0.024 * log (pdyn));
}

double
cusp_sim_shue_radius (double pdyn,
                      double bz,
                      double theta)
{
  double c = 1.0 + cos (theta);

  if (c <= 1e-12)
    return G_MAXDOUBLE;
  return cusp_sim_shue_r0 (pdyn, bz)
         * pow (2.0 / c, cusp_sim_shue_alpha (pdyn, bz));
}

/* Farris & Russell 1994, JGR 99, 17681, with Spreiter's 1.1 (1966). */
double
cusp_sim_bow_shock_standoff (double r_mp0,
                             double mach)
{
  double m2 = MAX (mach, 1.2) * MAX (mach, 1.2);
  double g = CUSP_SIM_GAMMA;

  return r_mp0 * (1.0 + 1.1 * ((g - 1.0) * m2 + 2.0) / ((g + 1.0) * (m2 - 1.0)));
}

double
cusp_sim_bow_shock_radius (double standoff,
                           double theta)
{
  double L = standoff * (1.0 + BS_ECCENTRICITY);

  return L / (1.0 + BS_ECCENTRICITY * cos (theta));
}

void
cusp_sim_driver (guint64        seed,
                 gint64         k,
                 CuspSimDriver *out)
{
  double tau = sample_tau (k);
  double w = 2.0 * G_PI / 3600.0;   /* per hour */
  double lnp, bmag, cone, clock_el, sector, dir[3];

  /* Slow parts do not depend on the seed: every seed shows the default
   * day's compression near noon; the seed drives the fluctuations. */
  lnp = log (2.0) + 0.45 * cos (w * tau / 41.0) + 0.35 * cos (w * tau / 13.7)
        + 0.12 * sin (w * tau / 5.3 + 1.1)
        + 0.15 * cusp_sim_value_noise (seed, S_PDYN, k, 800)
        + 0.12 * cusp_sim_value_noise (seed, S_PDYN + 100, k, 200)
        + 0.03 * cusp_sim_value_noise (seed, S_PDYN + 200, k, 64);
  out->pdyn = exp (lnp);
  out->v = 430.0 + 70.0 * sin (w * tau / 29.0 + 0.4)
           + 20.0 * cusp_sim_value_noise (seed, S_VSW, k, 800);
  out->n = out->pdyn / (1.6726e-6 * out->v * out->v);
  out->ti = 9.0 + 3.0 * sin (w * tau / 17.0 + 2.0)
            + 1.5 * cusp_sim_value_noise (seed, S_TSW, k, 800);
  out->te = 12.0;

  bmag = 5.5 + 1.5 * sin (w * tau / 23.0 + 2.0)
         + 1.0 * cusp_sim_value_noise (seed, S_BMAG, k, 400);
  /* Parker-spiral azimuth, sometimes radial, sometimes orthogonal. */
  cone = (40.0 + 45.0 * cusp_sim_value_noise (seed, S_CONE, k, 1200)) * G_PI / 180.0;
  clock_el = (35.0 * sin (w * tau / 7.3 + 0.8)
              + 25.0 * cusp_sim_value_noise (seed, S_CLOCK, k, 600)) * G_PI / 180.0;
  sector = tanh (2.5 * sin (w * tau / 37.0 + 0.3));
  dir[0] = -sector * cos (clock_el) * cos (cone);
  dir[1] = sector * cos (clock_el) * sin (cone);
  dir[2] = sin (clock_el);
  normalize3 (dir);
  for (int i = 0; i < 3; i++)
    out->b[i] = bmag * dir[i];

  out->mach = cusp_sim_magnetosonic_mach (out->n, out->v, bmag, out->ti, out->te);
}

/* ---- Geometry of one sample ---------------------------------------------------- */

typedef struct
{
  CuspSimDriver driver;
  double r[3];
  double dist;
  double theta;          /* from +X */
  double r_mp0, r_mp, r_bs0, r_bs;
  double d_mp, d_bs;     /* radial distance outside the boundary, RE */
  double rh;             /* density compression */
  double w_fs;           /* foreshock weight */
  double s_msh;          /* depth in the sheath: 0 at the shock, 1 at the MP */
  double dz_ns;          /* height above the neutral sheet */
  double h_ps;           /* plasma sheet half thickness */
} Geometry;

/* Connection along the IMF line through p to the quasi-parallel shock. */
static double
foreshock_weight (const Geometry *g)
{
  double e2 = 1.0 - BS_ECCENTRICITY * BS_ECCENTRICITY;
  double L = g->r_bs0 * (1.0 + BS_ECCENTRICITY);
  const double *p = g->r;
  double b[3] = { g->driver.b[0], g->driver.b[1], g->driver.b[2] };
  double A, B, C, disc, s1, s2, s, q[3], nrm[3], cos_bn, theta_bn;

  normalize3 (b);
  A = e2 * b[0] * b[0] + b[1] * b[1] + b[2] * b[2];
  B = 2.0 * (e2 * p[0] * b[0] + L * BS_ECCENTRICITY * b[0] + p[1] * b[1] + p[2] * b[2]);
  C = e2 * p[0] * p[0] + 2.0 * L * BS_ECCENTRICITY * p[0]
      + p[1] * p[1] + p[2] * p[2] - L * L;
  disc = B * B - 4.0 * A * C;
  if (A <= 1e-12 || disc < 0.0)
    return 0.0;
  s1 = (-B - sqrt (disc)) / (2.0 * A);
  s2 = (-B + sqrt (disc)) / (2.0 * A);
  s = fabs (s1) < fabs (s2) ? s1 : s2;
  for (int i = 0; i < 3; i++)
    q[i] = p[i] + s * b[i];
  nrm[0] = 2.0 * e2 * q[0] + 2.0 * L * BS_ECCENTRICITY;
  nrm[1] = 2.0 * q[1];
  nrm[2] = 2.0 * q[2];
  normalize3 (nrm);
  cos_bn = fabs (dot3 (b, nrm));
  theta_bn = acos (MIN (cos_bn, 1.0)) * 180.0 / G_PI;
  return sigmoid ((FS_THETA_BN - theta_bn) / 4.0)
         * sigmoid ((FS_MAX_PATH - fabs (s)) / 2.0);
}

static void
compute_geometry (const CuspSimModel *model,
                  gint64              k,
                  Geometry           *g)
{
  double bz, pdyn, x;

  cusp_sim_driver (model->seed, k, &g->driver);
  cusp_sim_orbit_position (&model->elements, cusp_sim_sample_time (k), g->r);
  g->dist = norm3 (g->r);
  g->theta = acos (CLAMP (g->r[0] / MAX (g->dist, 1e-9), -1.0, 1.0));

  pdyn = g->driver.pdyn;
  bz = g->driver.b[2];
  g->r_mp0 = cusp_sim_shue_r0 (pdyn, bz);
  g->r_mp = cusp_sim_shue_radius (pdyn, bz, g->theta);
  g->r_bs0 = cusp_sim_bow_shock_standoff (g->r_mp0, g->driver.mach);
  g->r_bs = cusp_sim_bow_shock_radius (g->r_bs0, g->theta);
  /* Surface waves ripple both boundaries (Kelvin-Helmholtz, pressure
   * pulses), so the spacecraft crosses them several times. */
  g->r_mp += 0.25 * cusp_sim_value_noise (model->seed, S_RIPPLE, k, 150)
             + 0.08 * cusp_sim_value_noise (model->seed, S_RIPPLE + 1, k, 40);
  g->r_bs += 0.30 * cusp_sim_value_noise (model->seed, S_RIPPLE + 2, k, 150)
             + 0.08 * cusp_sim_value_noise (model->seed, S_RIPPLE + 3, k, 40);
  g->d_mp = g->dist - g->r_mp;
  g->d_bs = g->dist - g->r_bs;
  g->rh = cusp_sim_rh_ratio (g->driver.mach);
  g->w_fs = g->d_bs > 0.0 ? foreshock_weight (g) : 0.0;
  g->s_msh = CLAMP ((g->r_bs - g->dist) / MAX (g->r_bs - g->r_mp, 0.1), 0.0, 1.0);

  /* Neutral sheet flapping and flaring of the plasma sheet. */
  x = g->r[0];
  g->dz_ns = g->r[2] - (1.5 * cusp_sim_value_noise (model->seed, S_NS, k, 400)
                        + 0.6 * cusp_sim_value_noise (model->seed, S_NS + 1, k, 100));
  g->h_ps = 2.5 + 0.08 * MAX (-x - TAIL_X, 0.0);
}

static CuspRegion
classify (const Geometry *g)
{
  double adz;

  if (g->d_bs >= 0.5 * W_BS)
    return g->w_fs >= 0.5 ? CUSP_REGION_FS : CUSP_REGION_SW;
  if (g->d_bs > -0.5 * W_BS)
    return CUSP_REGION_BS;
  if (g->d_mp >= 0.5 * W_MP)
    return CUSP_REGION_MSH;
  if (g->d_mp > -0.5 * W_MP)
    return CUSP_REGION_MP;
  if (g->d_mp > -0.5 * W_MP - W_BL)
    return CUSP_REGION_BL;
  if (g->r[0] > -TAIL_X)
    return CUSP_REGION_MSP;
  adz = fabs (g->dz_ns);
  if (adz < g->h_ps)
    return CUSP_REGION_PS;
  if (adz < g->h_ps + W_PSBL)
    return CUSP_REGION_PSBL;
  return CUSP_REGION_LOBE;
}

void
cusp_sim_model_init (CuspSimModel *model,
                     guint64       seed,
                     CuspSimOrbit  orbit)
{
  g_return_if_fail (model != NULL);

  model->seed = seed;
  model->orbit = orbit;
  cusp_sim_orbit_elements (orbit, &model->elements);
}

CuspRegion
cusp_sim_model_region (const CuspSimModel *model,
                       gint64              k)
{
  Geometry g;

  compute_geometry (model, k, &g);
  return classify (&g);
}

/* ---- Plasma per region ----------------------------------------------------------- */

/* One population's parameters and how strongly it fluctuates. */
typedef struct
{
  double n, v[3], b[3];
  double t_par, t_perp, te;
  double halo_frac, halo_t;
  double turb_b_rel, turb_b_abs, turb_n, turb_v_rel, turb_v_abs, turb_t;
} Plasma;

/* Densities and temperatures mix geometrically, the rest linearly, so a
 * layer between n = 0.5 and n = 20 looks like the data (log scale). */
static void
plasma_mix (const Plasma *a,
            const Plasma *b,
            double        w,
            Plasma       *out)
{
  double u = 1.0 - w;
  Plasma r;

#define GEO(f) r.f = exp (u * log (a->f) + w * log (b->f))
#define LIN(f) r.f = u * a->f + w * b->f
  GEO (n); GEO (t_par); GEO (t_perp); GEO (te); GEO (halo_t);
  LIN (halo_frac);
  LIN (turb_b_rel); LIN (turb_b_abs); LIN (turb_n);
  LIN (turb_v_rel); LIN (turb_v_abs); LIN (turb_t);
  for (int i = 0; i < 3; i++)
    {
      LIN (v[i]);
      LIN (b[i]);
    }
#undef GEO
#undef LIN
  *out = r;
}

static void
plasma_solar_wind (const Geometry *g,
                   Plasma         *p)
{
  const CuspSimDriver *d = &g->driver;
  Plasma fs;

  *p = (Plasma) {
    .n = d->n, .v = { -d->v, 0.0, 0.0 }, .b = { d->b[0], d->b[1], d->b[2] },
    .t_par = d->ti, .t_perp = d->ti, .te = d->te,
    .halo_frac = 0.002, .halo_t = 300.0,
    .turb_b_rel = 0.08, .turb_n = 0.03, .turb_v_rel = 0.01, .turb_v_abs = 3.0,
    .turb_t = 0.05,
  };
  if (g->w_fs <= 0.0)
    return;
  /* Ion foreshock: backstreaming diffuse ions heat the wind and drive
   * large-amplitude ULF waves (Eastwood et al. 2005). */
  fs = *p;
  fs.t_perp = 2.5 * d->ti;
  fs.t_par = 1.5 * d->ti;
  fs.halo_frac = 0.03;
  fs.halo_t = 5000.0;
  fs.turb_b_rel = 0.45;
  fs.turb_n = 0.06;
  fs.turb_v_rel = 0.04;
  fs.turb_v_abs = 15.0;
  fs.turb_t = 0.10;
  plasma_mix (p, &fs, g->w_fs, p);
}

static void
shock_normal (const Geometry *g,
              double         *nrm)
{
  double L = g->r_bs0 * (1.0 + BS_ECCENTRICITY);
  double e2 = 1.0 - BS_ECCENTRICITY * BS_ECCENTRICITY;
  double q[3];

  for (int i = 0; i < 3; i++)
    q[i] = g->r[i] * g->r_bs / MAX (g->dist, 1e-9);
  nrm[0] = 2.0 * e2 * q[0] + 2.0 * L * BS_ECCENTRICITY;
  nrm[1] = 2.0 * q[1];
  nrm[2] = 2.0 * q[2];
  normalize3 (nrm);
}

/* Rankine-Hugoniot jump at the local shock normal: n and the tangential B
 * compressed by r, the normal flow slowed by r, then the flow turning
 * tangential and the field piling up towards the magnetopause. */
static void
plasma_magnetosheath (const Geometry *g,
                      Plasma         *p)
{
  const CuspSimDriver *d = &g->driver;
  double nrm[3], vsw[3] = { -d->v, 0.0, 0.0 };
  double bn, vn, ekin, s = g->s_msh, cosx = MAX (cos (g->theta), 0.0);
  double pile = 1.0 + 1.2 * s * s * cosx, aniso = 1.25 + 0.15 * s;
  double ttot;

  shock_normal (g, nrm);
  bn = dot3 (d->b, nrm);
  vn = dot3 (vsw, nrm);
  for (int i = 0; i < 3; i++)
    {
      p->b[i] = pile * (bn * nrm[i] + g->rh * (d->b[i] - bn * nrm[i]));
      p->v[i] = (1.0 - s) * vn * nrm[i] / g->rh + (vsw[i] - vn * nrm[i]);
    }
  p->n = d->n * g->rh * (1.0 - 0.25 * s);
  /* Ions take ~22 % and electrons ~4 % of the normal flow energy (the
   * Ti/Te ~ 5-8 of the sheath, Wang et al. 2012). */
  ekin = 0.5 * PROTON_MASS * vn * vn * 1e6 / ELEMENTARY;
  ttot = d->ti + 0.22 * ekin;
  p->t_par = 3.0 * ttot / (1.0 + 2.0 * aniso);
  p->t_perp = aniso * p->t_par;
  p->te = d->te + 0.04 * ekin;
  p->halo_frac = 0.01;
  p->halo_t = 3000.0;
  p->turb_b_rel = 0.30;
  p->turb_b_abs = 0.0;
  p->turb_n = 0.07;
  p->turb_v_rel = 0.10;
  p->turb_v_abs = 15.0;
  p->turb_t = 0.05;
}

static void
dipole_field (const double *r,
              double        dist,
              double       *b)
{
  double b0 = CUSP_SIM_DIPOLE_NT / (dist * dist * dist);
  double rz = r[2] / dist;

  /* Moment along -Z (tilt ignored): B = B0 [3 (m.r) r - m]. */
  for (int i = 0; i < 3; i++)
    b[i] = b0 * (-3.0 * rz * r[i] / dist);
  b[2] += b0;
}

static void
plasma_magnetosphere (const Geometry *g,
                      Plasma         *p)
{
  double dist = MAX (g->dist, 1.0);
  double comp = 1.0 + 0.8 * pow (dist / g->r_mp0, 3.0) * MAX (cos (g->theta), 0.0);

  *p = (Plasma) {
    .n = 0.6, .t_par = 2700.0, .t_perp = 3300.0, .te = 800.0,
    .halo_frac = 0.05, .halo_t = 20000.0,
    .turb_b_rel = 0.003, .turb_b_abs = 0.3, .turb_n = 0.05, .turb_v_abs = 5.0,
    .turb_t = 0.03,
  };
  dipole_field (g->r, dist, p->b);
  /* Chapman-Ferraro currents roughly double the field at the nose. */
  for (int i = 0; i < 3; i++)
    p->b[i] *= comp;
}

static void
plasma_tail (const CuspSimModel *model,
             gint64              k,
             const Geometry     *g,
             Plasma             *p)
{
  double blobe = 35.0 * pow (MAX (-g->r[0], TAIL_X) / TAIL_X, -0.5);
  double h = g->h_ps, adz = fabs (g->dz_ns);
  double w_psbl = sigmoid ((adz - h) / 0.3);
  double w_lobe = sigmoid ((adz - h - W_PSBL) / 0.3);
  double bbf = sigmoid ((cusp_sim_value_noise (model->seed, S_BBF, k, 80) - 0.75) / 0.05);
  double sign = g->dz_ns >= 0.0 ? 1.0 : -1.0;
  Plasma ps, psbl, lobe;

  ps = (Plasma) {
    .n = 0.3, .v = { 40.0 + 350.0 * bbf, 0.0, 0.0 }, .t_par = 3600.0, .t_perp = 4400.0,
    .te = 800.0, .halo_frac = 0.05, .halo_t = 20000.0,
    .turb_b_rel = 0.25, .turb_b_abs = 1.0, .turb_n = 0.15, .turb_v_abs = 40.0,
    .turb_t = 0.08,
  };
  /* Harris sheet with a small normal component. */
  ps.b[0] = blobe * tanh (g->dz_ns / h);
  ps.b[1] = 0.0;
  ps.b[2] = 2.0;

  psbl = ps;
  psbl.n = 0.1;
  psbl.t_par = 1100.0;
  psbl.t_perp = 900.0;
  psbl.te = 300.0;
  /* Field-aligned beams, earthward along B in both hemispheres. */
  psbl.v[0] = 250.0;
  psbl.v[2] = -sign * 20.0;
  psbl.turb_b_rel = 0.10;
  psbl.turb_b_abs = 0.5;
  psbl.turb_v_abs = 30.0;

  lobe = ps;
  lobe.n = 0.01;
  lobe.v[0] = 0.0;
  lobe.v[2] = 0.0;
  lobe.t_par = 80.0;
  lobe.t_perp = 80.0;
  lobe.te = 50.0;
  lobe.halo_frac = 0.01;
  lobe.turb_b_rel = 0.01;
  lobe.turb_b_abs = 0.2;
  lobe.turb_n = 0.10;
  lobe.turb_v_abs = 5.0;
  lobe.turb_t = 0.05;
  lobe.b[0] = sign * blobe;

  plasma_mix (&ps, &psbl, w_psbl, p);
  plasma_mix (p, &lobe, w_lobe, p);
}

static void
plasma_inside (const CuspSimModel *model,
               gint64              k,
               const Geometry     *g,
               const Plasma       *sheath,
               Plasma             *p)
{
  double w_tail = sigmoid ((-g->r[0] - TAIL_X) / 0.5);
  double w_deep = sigmoid (-(g->d_mp + 0.5 * W_MP + W_BL) / (W_BL / 6.0));
  Plasma msp, tail, bl;

  plasma_magnetosphere (g, &msp);
  if (w_tail > 1e-6)
    {
      plasma_tail (model, k, g, &tail);
      plasma_mix (&msp, &tail, w_tail, &msp);
    }
  /* Low-latitude boundary layer: sheath plasma entered onto closed field
   * lines, slower and hotter than the sheath (Eastman et al. 1976). */
  plasma_mix (sheath, &msp, 0.5, &bl);
  for (int i = 0; i < 3; i++)
    {
      bl.v[i] = 0.4 * sheath->v[i];
      bl.b[i] = msp.b[i];
    }
  bl.turb_b_rel = 0.20;
  bl.turb_n = 0.20;
  bl.turb_v_rel = 0.20;
  bl.turb_v_abs = 20.0;
  bl.turb_t = 0.10;
  plasma_mix (&bl, &msp, w_deep, p);
}

static void
plasma_mean (const CuspSimModel *model,
             gint64              k,
             const Geometry     *g,
             Plasma             *p)
{
  double w_shock = sigmoid (-g->d_bs / (W_BS / 6.0));
  double w_mp = sigmoid (-g->d_mp / (W_MP / 6.0));
  Plasma up, msh, in;

  plasma_solar_wind (g, &up);
  plasma_magnetosheath (g, &msh);
  plasma_mix (&up, &msh, w_shock, &up);
  plasma_inside (model, k, g, &msh, &in);
  plasma_mix (&up, &in, w_mp, p);
}

/* Smooth turbulence (correlated over ~5 min down to 9 s) plus white
 * instrument noise. */
static void
apply_fluctuations (const CuspSimModel *model,
                    gint64              k,
                    const Plasma       *p,
                    CuspSimState       *s)
{
  guint64 seed = model->seed;
  double bmag = norm3 (p->b), vmag = norm3 (p->v);
  double db = p->turb_b_rel * bmag + p->turb_b_abs;
  double dv = p->turb_v_rel * vmag + p->turb_v_abs;
  double dt = p->turb_t * cusp_sim_turbulence (seed, S_TURB_T, k, 64)
              + 0.02 * cusp_sim_gauss (seed, S_NOISE_T, k);

  for (int i = 0; i < 3; i++)
    {
      s->b[i] = p->b[i] + db * cusp_sim_turbulence (seed, S_TURB_B + i, k, 64)
                + 0.05 * cusp_sim_gauss (seed, S_NOISE_B + i, k);
      s->v[i] = p->v[i] + dv * cusp_sim_turbulence (seed, S_TURB_V + i, k, 64)
                + 3.0 * cusp_sim_gauss (seed, S_NOISE_V + i, k);
    }
  s->n = p->n * exp (p->turb_n * cusp_sim_turbulence (seed, S_TURB_N, k, 16)
                     + 0.02 * cusp_sim_gauss (seed, S_NOISE_N, k));
  s->t_par = p->t_par * exp (dt);
  s->t_perp = p->t_perp * exp (dt + 0.02 * cusp_sim_gauss (seed, S_NOISE_T + 1, k));
  s->te = p->te * exp (dt);
  s->halo_frac = p->halo_frac;
  s->halo_t = p->halo_t;
}

void
cusp_sim_model_state (const CuspSimModel *model,
                      gint64              k,
                      CuspSimState       *out)
{
  Geometry g;
  Plasma p;

  g_return_if_fail (model != NULL);
  g_return_if_fail (out != NULL);

  compute_geometry (model, k, &g);
  plasma_mean (model, k, &g, &p);
  out->k = k;
  out->time = cusp_sim_sample_time (k);
  memcpy (out->r, g.r, sizeof out->r);
  out->region = classify (&g);
  out->driver = g.driver;
  apply_fluctuations (model, k, &p, out);
}

/* ---- Spectra ------------------------------------------------------------------------ */

void
cusp_sim_energies (CuspSimSpecies species,
                   double        *out)
{
  /* FPI-like ranges (Pollock et al. 2016): DIS ~2 eV-17.8 keV, DES
   * ~6 eV-27.5 keV, 32 log-spaced channels. */
  double lo = species == CUSP_SIM_SPECIES_ION ? 2.0 : 6.0;
  double hi = species == CUSP_SIM_SPECIES_ION ? 17800.0 : 27500.0;

  for (int j = 0; j < CUSP_SIM_N_CHANNELS; j++)
    out[j] = lo * pow (hi / lo, (double) j / (CUSP_SIM_N_CHANNELS - 1));
}

double
cusp_sim_maxwellian_def (CuspSimSpecies species,
                         double         n,
                         double         t,
                         double         u,
                         double         e)
{
  double m = species == CUSP_SIM_SPECIES_ION ? PROTON_MASS : ELECTRON_MASS;
  double ej = e * ELEMENTARY;
  double v = sqrt (2.0 * ej / m);
  double w = sqrt (2.0 * t * ELEMENTARY / m);
  double uu = u * 1e3;
  double x = 2.0 * v * uu / (w * w);
  /* Direction average of exp(-(v-u)^2/w^2) is exp(-(v-u)^2/w^2) times
   * (1 - exp(-2x)) / (2x), written so that nothing overflows. */
  double gx = x > 1e-8 ? -expm1 (-2.0 * x) / (2.0 * x) : 1.0;
  double lnf, lndef;

  if (n <= 0.0 || t <= 0.0)
    return 0.0;
  lnf = log (n * 1e6 / (pow (G_PI, 1.5) * w * w * w))
        - (v - uu) * (v - uu) / (w * w) + log (gx);
  /* DEF = E j = 2 E^2 f / m^2 (SI, 1/(m^2 s sr)); 1e-4 to cm^-2. */
  lndef = log (2e-4) + 2.0 * log (ej) - 2.0 * log (m) + lnf;
  return lndef < -700.0 ? 0.0 : exp (lndef);
}

void
cusp_sim_model_spectrum (const CuspSimModel *model,
                         const CuspSimState *state,
                         CuspSimSpecies      species,
                         double             *out)
{
  gboolean ion = species == CUSP_SIM_SPECIES_ION;
  double energies[CUSP_SIM_N_CHANNELS];
  double u = norm3 (state->v);
  double t_core = ion ? (state->t_par + 2.0 * state->t_perp) / 3.0 : state->te;
  double h = ion ? state->halo_frac : 0.04;
  double t_halo = ion ? state->halo_t : 6.0 * state->te;
  double floor_level = ion ? 300.0 : 3000.0;
  guint64 s_noise = ion ? S_SPEC_I : S_SPEC_E;
  guint64 s_floor = ion ? S_FLOOR_I : S_FLOOR_E;

  cusp_sim_energies (species, energies);
  for (int j = 0; j < CUSP_SIM_N_CHANNELS; j++)
    {
      double def = cusp_sim_maxwellian_def (species, state->n * (1.0 - h), t_core, u, energies[j])
                   + cusp_sim_maxwellian_def (species, state->n * h, t_halo, 0.0, energies[j]);
      /* Counting statistics: relative noise falls as the flux rises. */
      double sigma = MIN (0.8, 0.05 + sqrt (floor_level / (def + floor_level)));
      double bg = floor_level * (0.5 + cusp_sim_uniform (model->seed, s_floor + (guint64) j, state->k));

      out[j] = def * exp (sigma * cusp_sim_gauss (model->seed, s_noise + (guint64) j, state->k)
                          - 0.5 * sigma * sigma) + bg;
    }
}

/* ---- Selections ------------------------------------------------------------------------ */

/* Regions of a run of consecutive samples. */
typedef struct
{
  gint64  k0;
  gsize   n;
  guint8 *region;
} Track;

static void
track_fill (Track              *track,
            const CuspSimModel *model,
            gint64              k0,
            gint64              k1)
{
  track->k0 = k0;
  track->n = (gsize) MAX (k1 - k0, 0);
  track->region = g_new (guint8, MAX (track->n, 1));
  for (gsize i = 0; i < track->n; i++)
    track->region[i] = (guint8) cusp_sim_model_region (model, k0 + (gint64) i);
}

static inline CuspRegion
track_at (const Track *track,
          gint64       k)
{
  g_assert (k >= track->k0 && k < track->k0 + (gint64) track->n);
  return (CuspRegion) track->region[k - track->k0];
}

static inline CuspTime
buffer_time (gint64 beta)
{
  return cusp_time_from_tai_seconds (beta * BUFFER_S);
}

/* Sample index range [*k0, *k1) of buffers [b0, b1). */
static void
buffer_samples (gint64  b0,
                gint64  b1,
                gint64 *k0,
                gint64 *k1)
{
  *k0 = cusp_sim_sample_index_ceil (buffer_time (b0));
  *k1 = cusp_sim_sample_index_ceil (buffer_time (b1));
}

/* Region counts over buffers [b0, b1) and the number of region changes
 * between consecutive samples (including into the first one). */
static guint
tile_census (const Track *track,
             gint64       b0,
             gint64       b1,
             guint        counts[CUSP_N_REGIONS],
             guint        changes_into[CUSP_N_REGIONS])
{
  gint64 k0, k1;
  guint changes = 0;

  memset (counts, 0, sizeof (guint) * CUSP_N_REGIONS);
  memset (changes_into, 0, sizeof (guint) * CUSP_N_REGIONS);
  buffer_samples (b0, b1, &k0, &k1);
  for (gint64 k = k0; k < k1; k++)
    {
      CuspRegion r = track_at (track, k);

      counts[r]++;
      if (track_at (track, k - 1) != r)
        {
          changes++;
          changes_into[r]++;
          changes_into[track_at (track, k - 1)]++;
        }
    }
  return changes;
}

static gboolean
buffer_has (const Track *track,
            gint64       b0,
            gint64       b1,
            guint        mask)
{
  gint64 k0, k1;

  buffer_samples (b0, b1, &k0, &k1);
  for (gint64 k = k0; k < k1; k++)
    if (mask & (1u << track_at (track, k)))
      return TRUE;
  return FALSE;
}

/* Where segments go: only those overlapping [start, stop) are kept. */
typedef struct
{
  CuspIntervalSet *set;
  CuspTime         start;
  CuspTime         stop;
} Sink;

static void
add_segment (Sink               *sink,
             const char         *prefix,
             gint64              b0,
             gint64              b1,
             double              fom,
             const char         *discussion,
             const char         *sourceid,
             gint64              createtime_delay_s)
{
  g_autofree char *id = NULL;
  CuspIntervalSet *set = sink->set;
  CuspTime start = buffer_time (b0), stop = buffer_time (b1);
  guint i;

  if (stop <= sink->start || start >= sink->stop)
    return;
  id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, prefix, b0 * BUFFER_S);
  i = cusp_interval_set_add (set, start, stop, fom, id, NULL);
  if (i == G_MAXUINT)
    return;
  cusp_interval_set_set_string (set, i, "discussion", discussion);
  cusp_interval_set_set_string (set, i, "sourceid", sourceid);
  cusp_interval_set_set_time (set, i, "createtime",
                              stop + createtime_delay_s * CUSP_NS_PER_SECOND);
}

static double
region_base_fom (CuspRegion r)
{
  static const double base[CUSP_N_REGIONS] = {
    [CUSP_REGION_SW] = 18, [CUSP_REGION_FS] = 30, [CUSP_REGION_BS] = 45,
    [CUSP_REGION_MSH] = 28, [CUSP_REGION_MP] = 50, [CUSP_REGION_BL] = 38,
    [CUSP_REGION_MSP] = 6, [CUSP_REGION_PS] = 24, [CUSP_REGION_PSBL] = 30,
    [CUSP_REGION_LOBE] = 8,
  };

  return base[r];
}

#define ABS_BLOCK 360   /* buffers: ABS tiles are laid out per hour */
/* Buffers the ABS may keep per hour: the burst memory fills long before
 * the orbit ends, so the ABS sends only its best tiles down (about 1000
 * buffers an orbit, EVA's budget, for a 15-h region of interest plus the
 * SITL's additions). */
#define ABS_BUDGET 40

typedef struct
{
  gint64 b0, b1;
  double fom;
} AbsTile;

static int
compare_tile_fom (gconstpointer a,
                  gconstpointer b)
{
  const AbsTile *x = *(const AbsTile *const *) a, *y = *(const AbsTile *const *) b;

  if (x->fom != y->fom)
    return x->fom < y->fom ? 1 : -1;
  return x->b0 < y->b0 ? -1 : x->b0 > y->b0;
}

/* ABS: every hour is cut into tiles of 6-30 buffers (seeded); a tile in
 * the region of interest gets an automatic FOM from its regions and its
 * boundary crossings and is a candidate when the FOM reaches 22; the
 * best candidates that fit the hour's budget are kept. */
static void
selections_abs (const CuspSimModel *model,
                const Track        *track,
                gint64              block,
                Sink               *set)
{
  gint64 b = block * ABS_BLOCK, end = b + ABS_BLOCK;
  AbsTile tiles[ABS_BLOCK / 6 + 1];
  AbsTile *by_fom[G_N_ELEMENTS (tiles)];
  gboolean keep[G_N_ELEMENTS (tiles)] = { FALSE };
  guint n = 0;
  gint64 used = 0;

  for (int j = 0; b < end; j++)
    {
      gint64 len = 6 + (gint64) (cusp_sim_hash (model->seed, S_ABS_TILE, block * 64 + j) % 25);
      gint64 b1 = MIN (b + len, end);
      guint counts[CUSP_N_REGIONS], into[CUSP_N_REGIONS];
      guint changes = tile_census (track, b, b1, counts, into);
      CuspRegion major = CUSP_REGION_SW;
      double r[3], fom;

      for (int c = 1; c < CUSP_N_REGIONS; c++)
        if (counts[c] > counts[major])
          major = c;
      cusp_sim_orbit_position (&model->elements, buffer_time (b), r);
      fom = region_base_fom (major) + (changes > 0 ? 40.0 + 12.0 * MIN (changes, 4) : 0.0)
            + 14.0 * cusp_sim_uniform (model->seed, S_ABS_JITTER, b);
      fom = MIN (fom, 199.0);
      if (norm3 (r) >= 7.0 && fom >= 22.0)
        {
          tiles[n] = (AbsTile) { b, b1, floor (fom * 10.0) / 10.0 };
          by_fom[n] = &tiles[n];
          n++;
        }
      b = b1;
    }
  qsort (by_fom, n, sizeof (AbsTile *), compare_tile_fom);
  for (guint i = 0; i < n; i++)
    if (used + (by_fom[i]->b1 - by_fom[i]->b0) <= ABS_BUDGET)
      {
        used += by_fom[i]->b1 - by_fom[i]->b0;
        keep[by_fom[i] - tiles] = TRUE;
      }
  for (guint i = 0; i < n; i++)
    if (keep[i])
      add_segment (set, "abs", tiles[i].b0, tiles[i].b1, tiles[i].fom, "ABS Selections", "ABS", 3600);
}

#define TILE 60         /* buffers: GLS and SITL tiles (10 min) */
#define GLS_PAD 3       /* buffers around a magnetopause sample */
#define SITL_PAD 6

static void
selections_gls (const Track *track,
                gint64       tile,
                Sink        *set)
{
  gint64 b0 = tile * TILE, run = -1;
  guint mp = 1u << CUSP_REGION_MP;

  for (gint64 b = b0; b <= b0 + TILE; b++)
    {
      gboolean flagged = b < b0 + TILE && buffer_has (track, b - GLS_PAD, b + GLS_PAD + 1, mp);

      if (flagged && run < 0)
        run = b;
      else if (!flagged && run >= 0)
        {
          add_segment (set, "gls", run, b, 150.0,
                       "MP crossing (automatically generated)", "GLS-mp-dl-unh", 1800);
          run = -1;
        }
    }
}

/* SITL: one human-like segment per 10-min tile that holds a bow-shock or
 * magnetopause crossing, spanning the flagged buffers. */
static void
selections_sitl (const CuspSimModel *model,
                 const Track        *track,
                 gint64              tile,
                 Sink               *set)
{
  gint64 b0 = tile * TILE, first = -1, last = -1;
  guint mask = (1u << CUSP_REGION_MP) | (1u << CUSP_REGION_BS);
  guint counts[CUSP_N_REGIONS], into[CUSP_N_REGIONS];
  CuspSimDriver d;
  gint64 k0, k1;
  const char *text;
  double jitter, fom;

  for (gint64 b = b0; b < b0 + TILE; b++)
    if (buffer_has (track, b - SITL_PAD, b + SITL_PAD + 1, mask))
      {
        if (first < 0)
          first = b;
        last = b;
      }
  if (first < 0 || last - first + 1 < 3)
    return;

  tile_census (track, first - SITL_PAD, last + SITL_PAD + 1, counts, into);
  buffer_samples (first, last + 1, &k0, &k1);
  cusp_sim_driver (model->seed, (k0 + k1) / 2, &d);
  jitter = cusp_sim_uniform (model->seed, S_SITL_JITTER, first);
  if (counts[CUSP_REGION_MP] > 0)
    {
      gboolean southward = d.b[2] < 0.0;

      fom = southward ? 150.0 + 45.0 * jitter : 105.0 + 40.0 * jitter;
      text = !southward ? "MP crossing"
             : d.b[2] < -2.0 ? "MP crossing, EDR candidate" : "MP crossing, FTE candidate";
    }
  else
    {
      gboolean quasi_par = counts[CUSP_REGION_FS] > 0;

      fom = 55.0 + 60.0 * jitter;
      text = quasi_par ? "Quasi-parallel bow shock, foreshock waves" : "Bow shock crossing";
    }
  add_segment (set, "sitl", first, last + 1, floor (fom), text, "sim-sitl", 18 * 3600);
}

/* Back-structure: the segments the ABS sent to the burst data manager,
 * with a status drawn per segment (eva_sitl.md §1.8): most complete, some
 * incomplete, overwritten (demoted) or still pending. */
static void
selections_bak (const CuspSimModel *model,
                const Track        *track,
                gint64              block,
                Sink               *sink)
{
  static const struct { double below; const char *status; gboolean pending; } table[] = {
    { 0.62, "COMPLETE+FINISHED", FALSE },
    { 0.76, "INCOMPLETE", FALSE },
    { 0.88, "DEMOTED", FALSE },
    { 1.01, "NEW", TRUE },
  };
  Sink abs = { cusp_interval_set_new (NULL), sink->start, sink->stop };

  selections_abs (model, track, block, &abs);
  for (guint i = 0; i < cusp_interval_set_size (abs.set); i++)
    {
      const CuspInterval *iv = cusp_interval_set_get (abs.set, i);
      gint64 b0 = floor_div (cusp_time_to_tai_seconds (iv->start), BUFFER_S);
      double u = cusp_sim_uniform (model->seed, S_BAK_STATUS, b0);
      gsize s = 0;
      guint j;

      while (u >= table[s].below)
        s++;
      j = cusp_interval_set_add (sink->set, iv->start, iv->stop, iv->fom, iv->id, NULL);
      if (j == G_MAXUINT)
        continue;
      cusp_interval_set_set_string (sink->set, j, "status", table[s].status);
      cusp_interval_set_set_int (sink->set, j, "ispending", table[s].pending);
      cusp_interval_set_set_int (sink->set, j, "datasegmentid", 100000 + b0 % 900000);
      cusp_interval_set_set_string (sink->set, j, "sourceid", "ABS");
    }
  cusp_interval_set_unref (abs.set);
}

CuspIntervalSet *
cusp_sim_model_selections (const CuspSimModel *model,
                           CuspSimSelection    kind,
                           CuspTime            start,
                           CuspTime            stop)
{
  static const char *names[] = { "ABS selections (simulated)",
                                 "GLS selections (simulated)",
                                 "SITL selections (simulated)",
                                 "Back-structure (simulated)" };
  gint64 unit = kind == CUSP_SIM_SELECTION_ABS || kind == CUSP_SIM_SELECTION_BAKSTR ? ABS_BLOCK : TILE;
  gint64 pad = SITL_PAD + 2;
  gint64 t0, t1, k0, k1;
  Sink sink;
  Track track;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (kind <= CUSP_SIM_SELECTION_BAKSTR, NULL);

  sink.set = cusp_interval_set_new (names[kind]);
  sink.start = start;
  sink.stop = stop;
  if (stop <= start)
    return sink.set;

  t0 = floor_div (floor_div (cusp_time_to_tai_seconds (start), BUFFER_S), unit);
  t1 = floor_div (floor_div (cusp_time_to_tai_seconds (stop - 1), BUFFER_S), unit) + 1;
  buffer_samples (t0 * unit - pad, t1 * unit + pad, &k0, &k1);
  track_fill (&track, model, k0 - 1, k1 + 1);

  for (gint64 tile = t0; tile < t1; tile++)
    switch (kind)
      {
      case CUSP_SIM_SELECTION_ABS:
        selections_abs (model, &track, tile, &sink);
        break;
      case CUSP_SIM_SELECTION_GLS:
        selections_gls (&track, tile, &sink);
        break;
      case CUSP_SIM_SELECTION_SITL:
        selections_sitl (model, &track, tile, &sink);
        break;
      case CUSP_SIM_SELECTION_BAKSTR:
        selections_bak (model, &track, tile, &sink);
        break;
      default:
        g_assert_not_reached ();
      }
  g_free (track.region);
  return sink.set;
}
