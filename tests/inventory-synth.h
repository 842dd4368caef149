/* inventory-synth.h: a large synthetic inventory for the search test and
 * benchmark: 4 missions × 15 instruments × 50 datasets = 3000 datasets of
 * 20 parameters, each with 3 components (x, y, z): 243 064 nodes.
 * Names look like MMS ones ("mms2_fgm_srvy_l2_d07", "b_gse") so that
 * queries read like real ones.
 */
#pragma once

#include "cusp-inventory-node.h"

#define SYNTH_MISSIONS     4
#define SYNTH_INSTRUMENTS  15
#define SYNTH_DATASETS     50
#define SYNTH_PARAMETERS   20
#define SYNTH_COMPONENTS   3

static const char *const synth_instruments[SYNTH_INSTRUMENTS] = {
  "fgm", "fpi", "edp", "scm", "hpca", "eis", "feeps", "mec",
  "dsp", "aspoc", "edi", "fsm", "epd", "sdp", "adp",
};

static const char *const synth_parameters[SYNTH_PARAMETERS] = {
  "b_gse", "b_gsm", "b_dmpa", "b_bcs", "e_gse", "e_dsl", "v_gse", "v_gsm",
  "density", "temperature", "pressure", "energy_spectrum", "pitch_angle", "flux",
  "r_gse", "r_gsm", "quality", "mode", "bias", "power",
};

static const char *const synth_components[SYNTH_COMPONENTS] = { "x", "y", "z" };

static inline CuspInventoryNode *
synth_child (CuspInventoryNode *parent,
             CuspNodeKind       kind,
             const char        *name)
{
  g_autofree char *id = g_strconcat (cusp_inventory_node_get_id (parent), "/", name, NULL);
  CuspInventoryNode *node = cusp_inventory_node_new (kind, id, name);

  cusp_inventory_node_append (parent, node);
  g_object_unref (node);
  return node;   /* the parent keeps it */
}

static inline CuspInventoryNode *
synth_inventory_new (void)
{
  CuspInventoryNode *root = cusp_inventory_node_new (CUSP_NODE_PROVIDER, "synth", "Synthetic");

  for (guint m = 0; m < SYNTH_MISSIONS; m++)
    {
      g_autofree char *mname = g_strdup_printf ("mms%u", m + 1);
      CuspInventoryNode *mission = synth_child (root, CUSP_NODE_MISSION, mname);

      for (guint i = 0; i < SYNTH_INSTRUMENTS; i++)
        {
          CuspInventoryNode *inst = synth_child (mission, CUSP_NODE_INSTRUMENT, synth_instruments[i]);

          for (guint d = 0; d < SYNTH_DATASETS; d++)
            {
              g_autofree char *dname = g_strdup_printf ("%s_%s_%s_l2_d%02u", mname, synth_instruments[i],
                                                        d % 2 ? "brst" : "srvy", d);
              CuspInventoryNode *ds = synth_child (inst, CUSP_NODE_DATASET, dname);

              for (guint p = 0; p < SYNTH_PARAMETERS; p++)
                {
                  CuspInventoryNode *param = synth_child (ds, CUSP_NODE_PARAMETER, synth_parameters[p]);

                  cusp_inventory_node_set_data_kind (param, CUSP_DATA_KIND_SERIES);
                  for (guint c = 0; c < SYNTH_COMPONENTS; c++)
                    {
                      CuspInventoryNode *comp = synth_child (param, CUSP_NODE_COMPONENT,
                                                             synth_components[c]);

                      cusp_inventory_node_set_data_kind (comp, CUSP_DATA_KIND_SERIES);
                    }
                }
            }
        }
    }
  return root;
}
