/* cusp-sim-provider.h: the embedded simulated MMS-like orbit
 *
 * Needs no file and no network.  For any time range it generates the same
 * values for the same seed and orbit (every sample is a function of its
 * index on a fixed 4.5-s grid, never of the requested range), so panning
 * and caching see one consistent world.  The models are documented in
 * docs/simulation.md.
 */
#pragma once

#include "cusp-provider.h"

G_BEGIN_DECLS

typedef enum
{
  CUSP_SIM_ORBIT_DAYSIDE_12RE,   /* MMS phase 1: apogee 12 RE on the dayside */
  CUSP_SIM_ORBIT_DAYSIDE_25RE,   /* MMS phase 2: apogee 25 RE on the dayside */
  CUSP_SIM_ORBIT_NIGHTSIDE,      /* apogee 25 RE in the magnetotail */
} CuspSimOrbit;

#define CUSP_SIM_CADENCE (4500 * CUSP_NS_PER_MS)

#define CUSP_TYPE_SIM_PROVIDER (cusp_sim_provider_get_type ())
G_DECLARE_FINAL_TYPE (CuspSimProvider, cusp_sim_provider, CUSP, SIM_PROVIDER, CuspProvider)

CuspProvider  *cusp_sim_provider_new        (guint64       seed,
                                             CuspSimOrbit  orbit);
guint64        cusp_sim_provider_get_seed   (CuspSimProvider *self);
CuspSimOrbit   cusp_sim_provider_get_orbit  (CuspSimProvider *self);
/* A day the simulation is centred on, for the window's first view. */
void           cusp_sim_provider_get_default_range (CuspSimProvider *self,
                                                    CuspTime        *start,
                                                    CuspTime        *stop);

/* The part of the default day where the spacecraft is beyond
 * CUSP_SIM_SITL_MIN_RE (the longest such stretch, ends on whole minutes
 * inside it): what a SITL would look at, without the perigee pass whose
 * |B| of thousands of nT squashes every other value.  FALSE when the orbit
 * never gets that far that day.  Added. */
#define CUSP_SIM_SITL_MIN_RE 8.0
gboolean       cusp_sim_provider_get_sitl_window   (CuspSimProvider *self,
                                                    CuspTime        *start,
                                                    CuspTime        *stop);

G_END_DECLS
