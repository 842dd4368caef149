/* cusp-sim-export.c: the simulation's products as one CSV table
 *
 * Goes through cusp_provider_get_data() like any client, a few hours at a
 * time so that memory stays bounded for long ranges.
 */
#define G_LOG_DOMAIN "cusp-sim"

#include "config.h"

#include "cusp-sim-export.h"
#include "cusp-sim-model.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define CHUNK (6 * CUSP_NS_PER_HOUR)

enum
{
  COL_B,
  COL_N,
  COL_V,
  COL_T,
  COL_R,
  COL_REGION,
  COL_ION,
  COL_ELECTRON,
  N_COLS
};

static const char *const sources[N_COLS] = {
  "sim/mms1/fgm/srvy/b_gse",
  "sim/mms1/fpi/dis_moms/numberdensity",
  "sim/mms1/fpi/dis_moms/bulkv_gse",
  "sim/mms1/fpi/dis_moms/temp",
  "sim/mms1/mec/ephem/r_gse",
  "sim/mms1/truth/regions/region",
  "sim/mms1/fpi/dis_moms/energyspectr_omni",
  "sim/mms1/fpi/des_moms/energyspectr_omni",
};

char *
cusp_sim_export_csv_header (void)
{
  GString *s = g_string_new ("time,bx_gse_nT,by_gse_nT,bz_gse_nT,b_tot_nT,ni_cm-3,"
                             "vx_gse_km/s,vy_gse_km/s,vz_gse_km/s,v_tot_km/s,"
                             "t_par_eV,t_perp_eV,t_tot_eV,"
                             "x_gse_RE,y_gse_RE,z_gse_RE,r_RE,region");
  double energies[CUSP_SIM_N_CHANNELS];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int species = 0; species < 2; species++)
    {
      cusp_sim_energies (species, energies);
      for (int j = 0; j < CUSP_SIM_N_CHANNELS; j++)
        g_string_append_printf (s, ",%s_def_%seV", species == 0 ? "ion" : "ele",
                                g_ascii_formatd (buf, sizeof buf, "%.4g", energies[j]));
    }
  return g_string_free (s, FALSE);
}

static void
append_number (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (s, ',');
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.10g", v));
}

static void
append_series (GString          *s,
               const CuspSeries *series,
               guint             i)
{
  for (guint c = 0; c < series->n_components; c++)
    append_number (s, series->values[(gsize) c * series->n_samples + i]);
}

static void
append_spectrum (GString               *s,
                 const CuspSpectrogram *spec,
                 guint                  i)
{
  for (guint j = 0; j < spec->n_bins; j++)
    append_number (s, spec->values[(gsize) i * spec->n_bins + j]);
}

static gboolean
fetch_chunk (CuspProvider  *provider,
             CuspTime       start,
             CuspTime       stop,
             CuspData     **data,
             GCancellable  *cancellable,
             GError       **error)
{
  guint n;

  for (int c = 0; c < N_COLS; c++)
    {
      data[c] = cusp_provider_get_data (provider, sources[c], start, stop, cancellable, error);
      if (data[c] == NULL)
        return FALSE;
    }
  n = cusp_data_get_length (data[0]);
  for (int c = 1; c < N_COLS; c++)
    if (cusp_data_get_length (data[c]) != n)
      {
        g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_FAILED,
                     _("The simulation returned products of different lengths for "
                       "the same time range; this is a bug, please report it."));
        return FALSE;
      }
  return TRUE;
}

static gboolean
write_chunk (CuspProvider   *provider,
             CuspTime        start,
             CuspTime        stop,
             GOutputStream  *out,
             GCancellable   *cancellable,
             GError        **error)
{
  CuspData *data[N_COLS] = { NULL };
  g_autoptr (GString) s = g_string_new (NULL);
  gboolean ok = fetch_chunk (provider, start, stop, data, cancellable, error);
  guint n = ok ? cusp_data_get_length (data[0]) : 0;

  for (guint i = 0; ok && i < n; i++)
    {
      const CuspSeries *b = cusp_data_get_series (data[COL_B]);
      const CuspRegionLabels *regions = cusp_data_get_regions (data[COL_REGION]);
      char buf[48];

      cusp_time_format_iso_buf (b->times[i], 3, TRUE, buf);
      g_string_append (s, buf);
      append_series (s, b, i);
      append_series (s, cusp_data_get_series (data[COL_N]), i);
      append_series (s, cusp_data_get_series (data[COL_V]), i);
      append_series (s, cusp_data_get_series (data[COL_T]), i);
      append_series (s, cusp_data_get_series (data[COL_R]), i);
      g_string_append_c (s, ',');
      g_string_append (s, cusp_region_get_abbrev (cusp_region_labels_argmax (regions, i)));
      append_spectrum (s, cusp_data_get_spectrogram (data[COL_ION]), i);
      append_spectrum (s, cusp_data_get_spectrogram (data[COL_ELECTRON]), i);
      g_string_append_c (s, '\n');
    }
  for (int c = 0; c < N_COLS; c++)
    g_clear_pointer (&data[c], cusp_data_unref);

  return ok && g_output_stream_write_all (out, s->str, s->len, NULL, cancellable, error);
}

gboolean
cusp_sim_export_csv (CuspProvider  *provider,
                     CuspTime       start,
                     CuspTime       stop,
                     GOutputStream *out,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *header = NULL;

  g_return_val_if_fail (CUSP_IS_PROVIDER (provider), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (start >= stop)
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE,
                   _("Nothing to export: the start time is not before the stop time; "
                     "give a --stop after --start."));
      return FALSE;
    }

  header = cusp_sim_export_csv_header ();
  if (!g_output_stream_write_all (out, header, strlen (header), NULL, cancellable, error)
      || !g_output_stream_write_all (out, "\n", 1, NULL, cancellable, error))
    return FALSE;

  for (CuspTime t = start; t < stop; )
    {
      CuspTime next = stop - t > CHUNK ? t + CHUNK : stop;

      if (!write_chunk (provider, t, next, out, cancellable, error))
        return FALSE;
      t = next;
    }
  return TRUE;
}
