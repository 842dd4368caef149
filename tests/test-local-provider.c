/* test-local-provider.c: the three FPI files as one dataset.
 * Coverage start is expected.json's first Epoch of the first file; counts
 * come from a brute-force scan of the Epoch variables read directly with
 * the CDF reader. */
#define G_LOG_DOMAIN "cusp-test-local"

#include "config.h"

#include "cusp-local-provider.h"
#include "cusp-cdf.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

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

static CuspTime
utc (const char *text)
{
  CuspTime t;

  g_assert_true (cusp_time_parse (text, &t, NULL));
  return t;
}

/* Epoch records of all three files with start <= t < stop. */
static guint
brute_count (CuspTime start,
             CuspTime stop,
             guint   *per_file)
{
  guint n = 0;

  for (guint f = 0; f < G_N_ELEMENTS (fpi); f++)
    {
      g_autofree char *path = fixture (fpi[f]);
      g_autoptr (CuspCdfFile) file = cusp_cdf_file_open (path, NULL);
      const CuspCdfVariableInfo *info = cusp_cdf_file_lookup_variable (file, "Epoch");
      gsize nt;
      g_autofree CuspTime *t = cusp_cdf_file_read_times (file, "Epoch", 0, info->n_records - 1, &nt, NULL);

      per_file[f] = 0;
      for (gsize i = 0; i < nt; i++)
        per_file[f] += t[i] >= start && t[i] < stop;
      n += per_file[f];
    }
  return n;
}

static CuspTime
last_epoch (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr (CuspCdfFile) file = cusp_cdf_file_open (path, NULL);
  const CuspCdfVariableInfo *info = cusp_cdf_file_lookup_variable (file, "Epoch");
  gsize nt;
  g_autofree CuspTime *t = cusp_cdf_file_read_times (file, "Epoch", info->n_records - 1,
                                                     info->n_records - 1, &nt, NULL);
  return t[0];
}

static void
check_provider (CuspProvider *p)
{
  CuspInventoryNode *root = cusp_provider_get_inventory (p);
  CuspInventoryNode *ds = cusp_inventory_node_find (root, "local/mms1_fpi_fast_l2_dis-moms");
  CuspInventoryNode *param, *comp;
  CuspTime start, stop;
  CuspTime a = utc ("2015-10-17T13:59:00Z"), b = utc ("2015-10-17T14:01:00Z");
  guint per_file[3];
  guint want = brute_count (a, b, per_file);
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspData) d = NULL, v = NULL;
  CuspSeries *s;

  g_assert_cmpstr (cusp_provider_get_id (p), ==, "local");
  g_assert_nonnull (ds);
  g_assert_cmpint (cusp_inventory_node_get_kind (ds), ==, CUSP_NODE_DATASET);
  g_assert_cmpint (cusp_inventory_node_get_kind (cusp_inventory_node_get_parent (ds)), ==,
                   CUSP_NODE_INSTRUMENT);
  cusp_inventory_node_get_coverage (ds, &start, &stop);
  g_assert_cmpint (start, ==, utc ("2015-10-17T12:00:01.418054Z"));
  g_assert_cmpint (stop, ==, last_epoch (fpi[2]));
  /* fast survey: 4.5 s */
  g_assert_cmpint (llabs (cusp_inventory_node_get_cadence (ds) - 4500 * CUSP_NS_PER_MS), <,
                   CUSP_NS_PER_MS);

  param = cusp_inventory_node_find (root, "local/mms1_fpi_fast_l2_dis-moms/mms1_dis_numberdensity_fast");
  g_assert_nonnull (param);
  g_assert_cmpstr (cusp_inventory_node_get_unit (param), ==, "cm^-3");
  g_assert_cmpint (cusp_inventory_node_get_data_kind (param), ==, CUSP_DATA_KIND_SERIES);
  param = cusp_inventory_node_find (root, "local/mms1_fpi_fast_l2_dis-moms/mms1_dis_energyspectr_omni_fast");
  g_assert_nonnull (param);
  g_assert_cmpint (cusp_inventory_node_get_data_kind (param), ==, CUSP_DATA_KIND_SPECTROGRAM);
  comp = cusp_inventory_node_find (root, "local/mms1_fpi_fast_l2_dis-moms/mms1_dis_bulkv_gse_fast/1");
  g_assert_nonnull (comp);
  g_assert_cmpstr (cusp_inventory_node_get_name (comp), ==, "Vy_GSE");

  d = cusp_provider_get_data (p, "local/mms1_fpi_fast_l2_dis-moms/mms1_dis_numberdensity_fast",
                              a, b, NULL, &error);
  g_assert_no_error (error);
  s = cusp_data_get_series (d);
  g_assert_cmpuint (per_file[0], >, 0);
  g_assert_cmpuint (per_file[1], >, 0);
  g_assert_cmpuint (s->n_samples, ==, want);
  for (guint i = 1; i < s->n_samples; i++)
    g_assert_cmpint (s->times[i], >, s->times[i - 1]);
  g_assert_cmpint (s->times[0], >=, a);
  g_assert_cmpint (s->times[s->n_samples - 1], <, b);
  g_assert_cmpstr (s->unit, ==, "cm^-3");

  /* one component of a vector */
  v = cusp_provider_get_data (p, "local/mms1_fpi_fast_l2_dis-moms/mms1_dis_bulkv_gse_fast/2",
                              a, b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cusp_data_get_series (v)->n_components, ==, 1);
  g_assert_cmpuint (cusp_data_get_series (v)->n_samples, ==, want);
  g_assert_cmpstr (cusp_data_get_series (v)->labels[0], ==, "Vz_GSE");

  g_assert_null (cusp_provider_get_data (p, "local/mms1_fpi_fast_l2_dis-moms/nope", a, b, NULL, &error));
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT);
  g_clear_error (&error);
  g_assert_null (cusp_provider_get_data (p, "local/nope/x", a, b, NULL, &error));
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT);
  g_clear_error (&error);
  /* metadata, not data */
  g_assert_null (cusp_provider_get_data (p, "local/mms1_fpi_fast_l2_dis-moms/Epoch", a, b, NULL, &error));
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT);
  g_clear_error (&error);
  g_assert_null (cusp_provider_get_data (p, "local/mms1_fpi_fast_l2_dis-moms/mms1_dis_numberdensity_fast",
                                         b, a, NULL, &error));
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE);
}

static void
test_files (void)
{
  g_autoptr (CuspProvider) p = cusp_local_provider_new ();
  g_autoptr (GError) error = NULL;

  /* out of order, and one twice */
  for (int i = 2; i >= 0; i--)
    {
      g_autofree char *path = fixture (fpi[i]);

      g_assert_true (cusp_local_provider_add_path (CUSP_LOCAL_PROVIDER (p), path, &error));
      g_assert_no_error (error);
    }
  {
    g_autofree char *path = fixture (fpi[1]);

    g_assert_true (cusp_local_provider_add_path (CUSP_LOCAL_PROVIDER (p), path, &error));
  }
  check_provider (p);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr (GFile) a = g_file_new_for_path (from);
  g_autoptr (GFile) b = g_file_new_for_path (to);
  g_autoptr (GError) error = NULL;

  g_file_copy (a, b, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-local-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "extra.csv", NULL);
  g_autoptr (CuspProvider) p = cusp_local_provider_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspData) d = NULL;
  CuspSeries *s;

  for (guint i = 0; i < G_N_ELEMENTS (fpi); i++)
    {
      g_autofree char *from = fixture (fpi[i]);
      g_autofree char *to = g_build_filename (dir, fpi[i], NULL);

      copy_file (from, to);
    }
  g_assert_true (g_file_set_contents (csv, "time,a,b\n1445083201.5,1,2\n1445083211.5,3,4\n", -1, NULL));
  g_assert_true (cusp_local_provider_add_path (CUSP_LOCAL_PROVIDER (p), dir, &error));
  g_assert_no_error (error);
  check_provider (p);

  /* the CSV is a dataset of its own */
  g_assert_nonnull (cusp_inventory_node_find (cusp_provider_get_inventory (p), "local/extra"));
  d = cusp_provider_get_data (p, "local/extra/values", utc ("2015-10-17T12:00:00Z"),
                              utc ("2015-10-17T12:00:05Z"), NULL, &error);
  g_assert_no_error (error);
  s = cusp_data_get_series (d);
  g_assert_cmpuint (s->n_samples, ==, 1);
  g_assert_cmpuint (s->n_components, ==, 2);
  g_assert_cmpfloat (cusp_series_column (s, 1)[0], ==, 2.0);

  for (guint i = 0; i < G_N_ELEMENTS (fpi); i++)
    {
      g_autofree char *to = g_build_filename (dir, fpi[i], NULL);

      g_unlink (to);
    }
  g_unlink (csv);
  g_rmdir (dir);
}

static void
test_bad_paths (void)
{
  g_autoptr (CuspProvider) p = cusp_local_provider_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *not_cdf = fixture ("not_a_cdf.cdf");

  g_assert_false (cusp_local_provider_add_path (CUSP_LOCAL_PROVIDER (p), "/nonexistent/x.cdf", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cusp_local_provider_add_path (CUSP_LOCAL_PROVIDER (p), not_cdf, &error));
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_NOT_CDF);
  g_assert_cmpuint (g_list_model_get_n_items (cusp_inventory_node_get_children (
                      cusp_provider_get_inventory (p))), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cusp/local-provider/files", test_files);
  g_test_add_func ("/cusp/local-provider/folder", test_folder);
  g_test_add_func ("/cusp/local-provider/bad-paths", test_bad_paths);
  return g_test_run ();
}
