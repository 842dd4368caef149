/* cusp-sim-model.h: the physics of the simulated MMS-like orbit
 *
 * Pure functions, no GObject: a Keplerian orbit, a slowly varying solar
 * wind, the Shue et al. (1998) magnetopause and a conic bow shock at the
 * Farris & Russell (1994) stand-off, region classification against those
 * moving boundaries, plasma parameters per region with turbulence, omni
 * energy spectra and burst selections.  Every value at sample k (time
 * k * 4.5 s on the TT2000 scale) is a function of (seed, orbit, k) only:
 * randomness comes from a counter-based hash, never from a sequential
 * generator, so any two requested ranges agree where they overlap.
 * docs/simulation.md gives the models, their sources and the values used.
 */
#pragma once

#include <glib.h>
#include "cusp-time.h"
#include "cusp-region-labels.h"
#include "cusp-interval-set.h"
#include "cusp-sim-provider.h"

G_BEGIN_DECLS

#define CUSP_SIM_RE_KM        6371.2
#define CUSP_SIM_MU_EARTH     398600.4418   /* km^3/s^2 */
#define CUSP_SIM_GAMMA        (5.0 / 3.0)
#define CUSP_SIM_N_CHANNELS   32
#define CUSP_SIM_DIPOLE_NT    31000.0       /* equatorial surface field */

/* One sample's index on the fixed grid and back. */
gint64    cusp_sim_sample_index_ceil (CuspTime t);
CuspTime  cusp_sim_sample_time       (gint64   k);

/* ---- Counter-based randomness ------------------------------------------ */

guint64   cusp_sim_hash              (guint64 seed,
                                      guint64 stream,
                                      gint64  counter);
/* Uniform in [0, 1) and standard normal, from the hash of (seed, stream, k). */
double    cusp_sim_uniform           (guint64 seed,
                                      guint64 stream,
                                      gint64  counter);
double    cusp_sim_gauss             (guint64 seed,
                                      guint64 stream,
                                      gint64  counter);
/* Smooth value noise of sample index k with lattice spacing `period`
 * samples, in [-1, 1]. */
double    cusp_sim_value_noise       (guint64 seed,
                                      guint64 stream,
                                      gint64  k,
                                      gint64  period);
/* Sum of octaves of value noise (periods period, period/2, ... >= 2
 * samples) with a Kolmogorov-like amplitude 2^(-o/3), rms about 0.5. */
double    cusp_sim_turbulence        (guint64 seed,
                                      guint64 stream,
                                      gint64  k,
                                      gint64  period);

/* ---- Orbit ---------------------------------------------------------------- */

typedef struct
{
  double   perigee_re;
  double   apogee_re;
  double   a_km;            /* semi-major axis */
  double   e;               /* eccentricity */
  double   inclination;     /* rad, to the ecliptic */
  double   period_s;
  double   p_hat[3];        /* towards perigee, GSE */
  double   q_hat[3];        /* in the plane, 90 degrees ahead */
  CuspTime t_apogee;        /* one apogee passage */
} CuspSimOrbitElements;

void      cusp_sim_orbit_elements    (CuspSimOrbit          orbit,
                                      CuspSimOrbitElements *out);
/* Eccentric anomaly E with E - e sin E = M (Newton). */
double    cusp_sim_kepler_solve      (double mean_anomaly,
                                      double e);
/* Position in Earth radii, GSE. */
void      cusp_sim_orbit_position    (const CuspSimOrbitElements *el,
                                      CuspTime                    t,
                                      double                      r_re[3]);

/* ---- Solar-wind driver and boundaries -------------------------------------- */

typedef struct
{
  double pdyn;      /* nPa */
  double n;         /* cm^-3 */
  double v;         /* km/s, flowing along -X */
  double b[3];      /* IMF, GSE, nT */
  double ti;        /* eV */
  double te;        /* eV */
  double mach;      /* fast magnetosonic Mach number */
} CuspSimDriver;

void      cusp_sim_driver            (guint64        seed,
                                      gint64         k,
                                      CuspSimDriver *out);
/* V / sqrt(vA^2 + cs^2); n cm^-3, v km/s, b nT, temperatures eV. */
double    cusp_sim_magnetosonic_mach (double n,
                                      double v,
                                      double b,
                                      double ti,
                                      double te);
/* Rankine-Hugoniot density ratio (gamma + 1) M^2 / ((gamma - 1) M^2 + 2). */
double    cusp_sim_rh_ratio          (double mach);
/* Shue et al. 1998. */
double    cusp_sim_shue_r0           (double pdyn,
                                      double bz);
double    cusp_sim_shue_alpha        (double pdyn,
                                      double bz);
double    cusp_sim_shue_radius       (double pdyn,
                                      double bz,
                                      double theta);
/* Farris & Russell 1994 stand-off; the conic r = L / (1 + eps cos theta). */
double    cusp_sim_bow_shock_standoff (double r_mp0,
                                       double mach);
double    cusp_sim_bow_shock_radius  (double standoff,
                                      double theta);

/* ---- Samples ---------------------------------------------------------------- */

typedef struct
{
  guint64              seed;
  CuspSimOrbit         orbit;
  CuspSimOrbitElements elements;
} CuspSimModel;

typedef struct
{
  gint64        k;
  CuspTime      time;
  double        r[3];        /* RE, GSE */
  double        b[3];        /* nT, GSE */
  double        n;           /* ion density, cm^-3 */
  double        v[3];        /* ion bulk velocity, km/s, GSE */
  double        t_par;       /* ion temperatures, eV */
  double        t_perp;
  double        te;          /* electron temperature, eV */
  double        halo_frac;   /* suprathermal ion fraction */
  double        halo_t;      /* its temperature, eV */
  CuspRegion    region;      /* ground truth */
  CuspSimDriver driver;
} CuspSimState;

void        cusp_sim_model_init      (CuspSimModel *model,
                                      guint64       seed,
                                      CuspSimOrbit  orbit);
/* Region only (cheaper: no turbulence). */
CuspRegion  cusp_sim_model_region    (const CuspSimModel *model,
                                      gint64              k);
void        cusp_sim_model_state     (const CuspSimModel *model,
                                      gint64              k,
                                      CuspSimState       *out);

/* ---- Spectra ------------------------------------------------------------------ */

typedef enum
{
  CUSP_SIM_SPECIES_ION,
  CUSP_SIM_SPECIES_ELECTRON,
} CuspSimSpecies;

/* CUSP_SIM_N_CHANNELS log-spaced centre energies in eV. */
void        cusp_sim_energies        (CuspSimSpecies species,
                                      double        *out);
/* Differential energy flux, keV/(cm^2 s sr keV), of an isotropic drifting
 * Maxwellian averaged over directions; n cm^-3, t and e eV, u km/s. */
double      cusp_sim_maxwellian_def  (CuspSimSpecies species,
                                      double         n,
                                      double         t,
                                      double         u,
                                      double         e);
/* The sample's omni spectrum with its noise; out has CUSP_SIM_N_CHANNELS. */
void        cusp_sim_model_spectrum  (const CuspSimModel *model,
                                      const CuspSimState *state,
                                      CuspSimSpecies      species,
                                      double             *out);

/* ---- Burst selections ----------------------------------------------------------- */

typedef enum
{
  CUSP_SIM_SELECTION_ABS,
  CUSP_SIM_SELECTION_GLS,
  CUSP_SIM_SELECTION_SITL,
  /* Added: the SDC back-structure of the ABS segments, each with a
   * "status" (COMPLETE+FINISHED, INCOMPLETE, DEMOTED or, pending, NEW),
   * an "ispending" flag and a "datasegmentid". */
  CUSP_SIM_SELECTION_BAKSTR,
} CuspSimSelection;

/* Segments overlapping [start, stop), on the 10-s TAI buffer grid; each
 * segment depends only on the samples of its own fixed tile. */
CuspIntervalSet *cusp_sim_model_selections (const CuspSimModel *model,
                                            CuspSimSelection    kind,
                                            CuspTime            start,
                                            CuspTime            stop);

G_END_DECLS
