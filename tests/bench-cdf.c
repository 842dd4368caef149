/* bench-cdf.c: CDF decoding speed against plain zlib inflate.
 *
 * Reads every variable of the three MMS FPI files (gzip per variable) and
 * reports decoded MB/s next to zlib inflating the same gzip streams found
 * in the files (target: >= 80 % of inflate), then the time to open a file
 * and load one product over a range (target: well under 50 ms).  Prints a
 * Markdown table.
 */
#define G_LOG_DOMAIN "cusp-bench-cdf"

#include "config.h"

#include "cusp-cdf.h"
#include "cusp-istp.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#define ROUNDS 20

static const char *fpi[] = {
  "mms1_fpi_fast_l2_dis-moms_20151017120000_v3.4.0.cdf",
  "mms1_fpi_fast_l2_dis-moms_20151017140000_v3.4.0.cdf",
  "mms1_fpi_fast_l2_dis-moms_20151017160000_v3.4.0.cdf",
};

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("CUSP_FIXTURES"), "cdf", name, NULL);
}

/* Bytes decoded from every variable of a file (as stored: type size). */
static gsize
read_all (const char *path)
{
  g_autoptr (CuspCdfFile) f = cusp_cdf_file_open (path, NULL);
  gsize bytes = 0;

  g_assert (f != NULL);
  for (guint i = 0; i < cusp_cdf_file_get_n_variables (f); i++)
    {
      const CuspCdfVariableInfo *v = cusp_cdf_file_get_variable (f, i);
      g_autoptr (CuspCdfValues) values = NULL;

      if (v->n_records == 0)
        continue;
      values = cusp_cdf_file_read (f, v->name, 0, v->n_records - 1, NULL);
      g_assert (values != NULL);
      bytes += (gsize) v->n_records * v->values_per_record * cusp_cdf_type_size (v->type)
               * (cusp_cdf_type_is_string (v->type) ? v->num_elems : 1);
    }
  return bytes;
}

/* Inflates every gzip member (1f 8b 08) of the file: the compressed
 * variable blocks.  Returns the inflated bytes. */
static gsize
inflate_all (const guint8 *data,
             gsize         len,
             guint8       *out,
             gsize         out_len)
{
  gsize total = 0;

  for (gsize i = 0; i + 3 < len; i++)
    {
      z_stream z = { 0 };

      if (data[i] != 0x1f || data[i + 1] != 0x8b || data[i + 2] != 0x08)
        continue;
      if (inflateInit2 (&z, 16 + MAX_WBITS) != Z_OK)
        continue;
      z.next_in = (Bytef *) data + i;
      z.avail_in = (uInt) (len - i);
      z.next_out = out;
      z.avail_out = (uInt) out_len;
      if (inflate (&z, Z_FINISH) == Z_STREAM_END)
        {
          total += z.total_out;
          i += z.total_in - 1;
        }
      inflateEnd (&z);
    }
  return total;
}

int
main (void)
{
  gsize decoded = 0, inflated = 0;
  double t_read, t_inflate, t_open = 0, best_open = G_MAXDOUBLE;
  g_autofree guint8 *buf = g_malloc (64 << 20);
  gint64 t0;
  CuspTime a, b;

  if (g_getenv ("CUSP_FIXTURES") == NULL)
    {
      fprintf (stderr, "CUSP_FIXTURES is not set\n");
      return 1;
    }
  t0 = g_get_monotonic_time ();
  for (int r = 0; r < ROUNDS; r++)
    for (guint i = 0; i < G_N_ELEMENTS (fpi); i++)
      {
        g_autofree char *path = fixture (fpi[i]);

        decoded += read_all (path);
      }
  t_read = (g_get_monotonic_time () - t0) / 1e6;

  {
    char *contents[3] = { NULL };
    gsize lens[3];

    for (guint i = 0; i < G_N_ELEMENTS (fpi); i++)
      {
        g_autofree char *path = fixture (fpi[i]);

        g_file_get_contents (path, &contents[i], &lens[i], NULL);
      }
    t0 = g_get_monotonic_time ();
    for (int r = 0; r < ROUNDS; r++)
      for (guint i = 0; i < G_N_ELEMENTS (fpi); i++)
        inflated += inflate_all ((guint8 *) contents[i], lens[i], buf, 64 << 20);
    t_inflate = (g_get_monotonic_time () - t0) / 1e6;
    for (guint i = 0; i < 3; i++)
      g_free (contents[i]);
  }

  cusp_time_parse ("2015-10-17T14:30:00Z", &a, NULL);
  cusp_time_parse ("2015-10-17T15:00:00Z", &b, NULL);
  for (int r = 0; r < ROUNDS; r++)
    {
      g_autofree char *path = fixture (fpi[1]);
      g_autoptr (CuspCdfFile) f = NULL;
      g_autoptr (CuspData) d = NULL;
      double dt;

      t0 = g_get_monotonic_time ();
      f = cusp_cdf_file_open (path, NULL);
      d = cusp_istp_load (f, "mms1_dis_energyspectr_omni_fast", a, b, NULL);
      dt = (g_get_monotonic_time () - t0) / 1e3;
      g_assert (d != NULL && cusp_data_get_length (d) > 0);
      t_open += dt;
      best_open = MIN (best_open, dt);
    }

  printf ("| measure | value |\n|---|---|\n");
  printf ("| CDF read, all variables of 3 FPI files (decoded) | %.0f MB/s (%.1f MB in %.3f s) |\n",
          decoded / 1e6 / t_read, decoded / 1e6, t_read);
  printf ("| zlib inflate of the files' gzip blocks | %.0f MB/s (%.1f MB in %.3f s) |\n",
          inflated / 1e6 / t_inflate, inflated / 1e6, t_inflate);
  printf ("| CDF read / inflate | %.0f %% |\n", 100.0 * (decoded / t_read) / (inflated / t_inflate));
  printf ("| open + load omni spectrogram 14:30-15:00 | %.2f ms mean, %.2f ms best |\n",
          t_open / ROUNDS, best_open);
  return 0;
}
