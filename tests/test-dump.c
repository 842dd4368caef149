/* test-dump.c: `cusp dump`, run as a separate process
 *
 * Expected values come from the fixtures' independent oracle
 * (CUSP_FIXTURES/cdf/expected.json, decoded by a separate Python reader)
 * and are written here by hand; only "first" records are used, since
 * expected.json's "last" is wrong for some variables (see test-cdf.c).
 * Times: the FGM file's first Epoch is TT2000 494401571647350199 ns.  TT
 * runs 32.184 s + 36 leap seconds = 68.184 s ahead of UTC in 2015 and J2000
 * is 12:00:00 TT, so the UTC fraction of second is 0.647350199 − 0.184 =
 * 0.463350199, matching expected.json's "2015-09-01T17:45:03.463350".
 */
#define G_LOG_DOMAIN "test-dump"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib.h>

#include "cusp-test-util.h"
#include <glib/gstdio.h>

#define FGM "mms1_fgm_brst_l2_20150901174500_v4.18.0.cdf"
#define FPI "mms1_fpi_fast_l2_dis-moms_20151017120000_v3.4.0.cdf"
#define FGM_FIRST_TIME "2015-09-01T17:45:03.463350199Z"

static char *
fixture (const char *name)
{
  const char *root = g_getenv ("CUSP_FIXTURES");

  g_assert_nonnull (root);
  return g_build_filename (root, "cdf", name, NULL);
}

/* The whitespace-separated cells of the listing line for variable. */
static char **
listing_row (const char *out,
             const char *variable)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit_set (lines[i], " ", -1);
      GPtrArray *kept = g_ptr_array_new ();

      for (guint k = 0; cells[k] != NULL; k++)
        if (cells[k][0] != '\0')
          g_ptr_array_add (kept, g_strdup (cells[k]));
      g_ptr_array_add (kept, NULL);
      if (kept->len > 1 && g_strcmp0 (kept->pdata[0], variable) == 0)
        return (char **) g_ptr_array_free (kept, FALSE);
      g_strfreev ((char **) g_ptr_array_free (kept, FALSE));
    }
  return NULL;
}

static void
assert_row (const char *out,
            const char *variable,
            const char *type,
            const char *dims,
            const char *records)
{
  g_auto(GStrv) row = listing_row (out, variable);

  g_assert_nonnull (row);
  g_assert_cmpuint (g_strv_length (row), >=, 4);
  /* CHAR variables show their length as "CHAR*10". */
  g_assert_true (g_str_has_prefix (row[1], type));
  g_assert_cmpstr (row[2], ==, dims);
  g_assert_cmpstr (row[3], ==, records);
}

static void
assert_one_line_error (const CuspTestResult *r,
                       int           status)
{
  g_assert_cmpint (r->status, ==, status);
  g_assert_true (g_str_has_prefix (r->err, "cusp: "));
  g_assert_cmpuint (cusp_test_count_lines (r->err), ==, 1);
  g_assert_cmpstr (r->out, ==, "");
}

/* REAL4 values printed with enough digits read back to the same float. */
static void
assert_float_field (const char *field,
                    double      expected)
{
  char *end = NULL;
  double value = g_ascii_strtod (field, &end);

  g_assert_true (end != field && *end == '\0');
  g_assert_cmpfloat ((float) value, ==, (float) expected);
}

static void
test_list_variables (void)
{
  g_autofree char *path = fixture (FGM);
  g_auto(CuspTestResult) r = { 0 };
  g_auto(GStrv) b = NULL;

  CUSP_TEST_RUN (&r, "dump", path);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");

  /* expected.json: name, type, dims, records. */
  assert_row (r.out, "Epoch", "TT2000", "[]", "3840");
  assert_row (r.out, "mms1_fgm_b_gse_brst_l2", "REAL4", "[4]", "3840");
  assert_row (r.out, "mms1_fgm_b_bcs_brst_l2", "REAL4", "[4]", "3840");
  assert_row (r.out, "mms1_fgm_flag_brst_l2", "UINT4", "[]", "3840");
  assert_row (r.out, "Epoch_state", "TT2000", "[]", "4");
  assert_row (r.out, "mms1_fgm_r_gse_brst_l2", "REAL4", "[4]", "4");
  assert_row (r.out, "label_b_gse", "CHAR", "[4]", "1");
  assert_row (r.out, "mms1_fgm_hirange_brst_l2", "UINT1", "[]", "3840");
  assert_row (r.out, "mms1_fgm_rdeltahalf_brst_l2", "FLOAT", "[]", "3840");
  g_assert_null (listing_row (r.out, "no_such_variable"));

  /* ISTP: the field is data, drawn as 4 lines; its epoch is support data. */
  b = listing_row (r.out, "mms1_fgm_b_gse_brst_l2");
  g_assert_cmpstr (b[4], ==, "data");
  g_assert_cmpstr (b[5], ==, "line");
  g_assert_cmpstr (b[6], ==, "(4)");
  {
    g_auto(GStrv) epoch = listing_row (r.out, "Epoch");

    g_assert_cmpstr (epoch[4], ==, "support_data");
    g_assert_cmpstr (epoch[5], ==, "-");
  }

  /* 22 variables in expected.json: one line each, a heading line, and the
   * "#" lines of the file's description. */
  {
    g_auto(GStrv) lines = g_strsplit (r.out, "\n", -1);
    guint n_rows = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      if (lines[i][0] != '\0' && lines[i][0] != '#')
        n_rows++;
    g_assert_cmpuint (n_rows, ==, 22 + 1);
    g_assert_nonnull (strstr (r.out, "# Logical_source: mms1_fgm_brst_l2\n"));
  }
}

static void
test_list_spectrogram (void)
{
  g_autofree char *path = fixture (FPI);
  g_auto(CuspTestResult) r = { 0 };
  g_auto(GStrv) omni = NULL;

  CUSP_TEST_RUN (&r, "dump", path);
  g_assert_cmpint (r.status, ==, 0);
  assert_row (r.out, "mms1_dis_energyspectr_omni_fast", "REAL4", "[32]", "1600");
  omni = listing_row (r.out, "mms1_dis_energyspectr_omni_fast");
  g_assert_cmpstr (omni[5], ==, "spectrogram");
  g_assert_cmpstr (omni[6], ==, "(32)");
  assert_row (r.out, "mms1_dis_bulkv_gse_fast", "REAL4", "[3]", "1600");
}

static void
test_values (void)
{
  g_autofree char *path = fixture (FGM);
  g_auto(CuspTestResult) r = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) first = NULL;
  const double b_first[4] = { 6.475783824920654, 10.951374053955078,
                              23.746828079223633, 26.9403076171875 };

  CUSP_TEST_RUN (&r, "dump", path, "mms1_fgm_b_gse_brst_l2");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  /* A header, then every one of the 3840 records. */
  g_assert_cmpuint (cusp_test_count_lines (r.out), ==, 1 + 3840);

  lines = g_strsplit (r.out, "\n", 3);
  header = g_strsplit (lines[0], ",", -1);
  g_assert_cmpuint (g_strv_length (header), ==, 1 + 4);
  g_assert_cmpstr (header[0], ==, "Epoch");

  first = g_strsplit (lines[1], ",", -1);
  g_assert_cmpuint (g_strv_length (first), ==, 1 + 4);
  g_assert_cmpstr (first[0], ==, FGM_FIRST_TIME);
  for (guint k = 0; k < 4; k++)
    assert_float_field (first[k + 1], b_first[k]);
}

static void
test_values_several (void)
{
  g_autofree char *path = fixture (FPI);
  g_auto(CuspTestResult) r = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) first = NULL;
  const double v_first[3] = { -87.59976196289062, 106.8033447265625, -54.423179626464844 };

  CUSP_TEST_RUN (&r, "dump", path, "mms1_dis_numberdensity_fast", "mms1_dis_bulkv_gse_fast");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (cusp_test_count_lines (r.out), ==, 1 + 1600);

  lines = g_strsplit (r.out, "\n", 3);
  g_assert_true (g_str_has_prefix (lines[0], "Epoch,mms1_dis_numberdensity_fast,"));
  first = g_strsplit (lines[1], ",", -1);
  g_assert_cmpuint (g_strv_length (first), ==, 1 + 1 + 3);
  /* expected.json: 2015-10-17T12:00:01.418054, TT2000 ...269602054000. */
  g_assert_cmpstr (first[0], ==, "2015-10-17T12:00:01.418054000Z");
  assert_float_field (first[1], 28.89603042602539);
  for (guint k = 0; k < 3; k++)
    assert_float_field (first[k + 2], v_first[k]);
}

static void
test_range (void)
{
  g_autofree char *path = fixture (FGM);
  g_auto(CuspTestResult) one = { 0 };
  g_auto(CuspTestResult) after = { 0 };
  g_auto(CuspTestResult) before_file = { 0 };
  g_auto(CuspTestResult) start_only = { 0 };
  g_auto(GStrv) lines = NULL;

  /* [t0, t0 + 1 ns) holds the first record alone. */
  CUSP_TEST_RUN (&one, "dump", path, "mms1_fgm_b_gse_brst_l2",
       "--start", FGM_FIRST_TIME, "--stop", "2015-09-01T17:45:03.463350200Z");
  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpuint (cusp_test_count_lines (one.out), ==, 2);
  lines = g_strsplit (one.out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[1], FGM_FIRST_TIME ","));

  /* One nanosecond later the first record is out: one fewer. */
  CUSP_TEST_RUN (&start_only, "dump", path, "mms1_fgm_b_gse_brst_l2",
       "--start", "2015-09-01T17:45:03.463350200Z");
  g_assert_cmpint (start_only.status, ==, 0);
  g_assert_cmpuint (cusp_test_count_lines (start_only.out), ==, 1 + 3839);
  g_assert_null (strstr (start_only.out, FGM_FIRST_TIME));

  /* The whole file is inside a wide range. */
  CUSP_TEST_RUN (&after, "dump", path, "mms1_fgm_b_gse_brst_l2",
       "--start", "2015-09-01T17:00:00Z", "--stop", "2015-09-01T18:00:00Z");
  g_assert_cmpint (after.status, ==, 0);
  g_assert_cmpuint (cusp_test_count_lines (after.out), ==, 1 + 3840);

  /* A range before the file: the header only, and no error. */
  CUSP_TEST_RUN (&before_file, "dump", path, "mms1_fgm_b_gse_brst_l2",
       "--start", "2015-09-01T00:00:00Z", "--stop", "2015-09-01T01:00:00Z");
  g_assert_cmpint (before_file.status, ==, 0);
  g_assert_cmpuint (cusp_test_count_lines (before_file.out), ==, 1);
}

static void
test_csv (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-dump-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wind.csv", NULL);
  const char *text = "time,Vx,Vy\n"
                     "2015-10-17T12:00:00Z,-400.5,12\n"
                     "2015-10-17T12:00:04.5Z,-401.25,nan\n"
                     "2015-10-17T12:00:09Z,-399,-3.5\n";
  g_auto(CuspTestResult) list = { 0 };
  g_auto(CuspTestResult) values = { 0 };
  g_auto(CuspTestResult) ranged = { 0 };

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  CUSP_TEST_RUN (&list, "dump", path);
  g_assert_cmpint (list.status, ==, 0);
  assert_row (list.out, "Vx", "double", "[]", "3");
  assert_row (list.out, "Vy", "double", "[]", "3");

  CUSP_TEST_RUN (&values, "dump", path, "Vy", "Vx");
  g_assert_cmpint (values.status, ==, 0);
  g_assert_cmpstr (values.out, ==,
                   "time,Vy,Vx\n"
                   "2015-10-17T12:00:00.000000000Z,12,-400.5\n"
                   "2015-10-17T12:00:04.500000000Z,nan,-401.25\n"
                   "2015-10-17T12:00:09.000000000Z,-3.5,-399\n");

  CUSP_TEST_RUN (&ranged, "dump", path, "Vx", "--start", "2015-10-17T12:00:04.5Z",
       "--stop", "2015-10-17T12:00:09Z");
  g_assert_cmpint (ranged.status, ==, 0);
  g_assert_cmpstr (ranged.out, ==, "time,Vx\n2015-10-17T12:00:04.500000000Z,-401.25\n");

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_bad_files (void)
{
  g_autofree char *not_cdf = fixture ("not_a_cdf.cdf");
  g_autofree char *missing = fixture ("no-such-file.cdf");
  g_auto(CuspTestResult) r = { 0 };
  g_auto(CuspTestResult) m = { 0 };

  CUSP_TEST_RUN (&r, "dump", not_cdf);
  assert_one_line_error (&r, 1);
  g_assert_nonnull (strstr (r.err, "not_a_cdf.cdf"));

  CUSP_TEST_RUN (&m, "dump", missing, "Epoch");
  assert_one_line_error (&m, 1);
  g_assert_nonnull (strstr (m.err, "no-such-file.cdf"));
}

static void
test_bad_usage (void)
{
  g_autofree char *path = fixture (FGM);
  const char *const cases[][8] = {
    { "dump", NULL },
    { "dump", "--no-such-option", path, NULL },
    { "dump", path, "no_such_variable", NULL },
    { "dump", path, "mms1_fgm_b_gse_brst_l2", "--start", "yesterday", NULL },
    { "dump", path, "mms1_fgm_b_gse_brst_l2", "--start", "2015-09-01T18:00:00Z",
      "--stop", "2015-09-01T17:00:00Z", NULL },
    /* Two time axes (Epoch and Epoch_state) in one table. */
    { "dump", path, "mms1_fgm_b_gse_brst_l2", "mms1_fgm_r_gse_brst_l2", NULL },
    /* A range needs a time axis; label_b_gse has none. */
    { "dump", path, "label_b_gse", "--start", "2015-09-01T17:00:00Z", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CuspTestResult) r = { 0 };

      cusp_test_run_cusp (&r, NULL, cases[i] + 0);
      assert_one_line_error (&r, 2);
    }
}

/* `cusp inventory --file`: the three FPI files are one dataset (README:
 * one Logical_source), listed after the simulation. */
static void
test_inventory_files (void)
{
  g_autofree char *a = fixture ("mms1_fpi_fast_l2_dis-moms_20151017120000_v3.4.0.cdf");
  g_autofree char *b = fixture ("mms1_fpi_fast_l2_dis-moms_20151017140000_v3.4.0.cdf");
  g_autofree char *c = fixture ("mms1_fpi_fast_l2_dis-moms_20151017160000_v3.4.0.cdf");
  g_autofree char *bad = fixture ("not_a_cdf.cdf");
  g_auto(CuspTestResult) r = { 0 };
  g_auto(CuspTestResult) e = { 0 };
  const char *sim, *local, *dataset;

  CUSP_TEST_RUN (&r, "inventory", "--file", a, "--file", b, "--file", c);
  g_assert_cmpint (r.status, ==, 0);
  sim = strstr (r.out, "[provider]  sim\n");
  local = strstr (r.out, "Local files  [provider]  local\n");
  g_assert_nonnull (sim);
  g_assert_nonnull (local);
  g_assert_true (sim < local);
  dataset = strstr (r.out, "[dataset]  local/mms1_fpi_fast_l2_dis-moms");
  g_assert_nonnull (dataset);
  g_assert_null (strstr (dataset + 1, "[dataset]"));

  CUSP_TEST_RUN (&e, "inventory", "--file", bad);
  assert_one_line_error (&e, 1);
  g_assert_nonnull (strstr (e.err, "not_a_cdf.cdf"));
}

static void
test_help (void)
{
  g_auto(CuspTestResult) r = { 0 };
  g_auto(CuspTestResult) sub = { 0 };

  CUSP_TEST_RUN (&r, "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "  dump "));

  CUSP_TEST_RUN (&sub, "dump", "--help");
  g_assert_cmpint (sub.status, ==, 0);
  g_assert_nonnull (strstr (sub.out, "cusp dump"));
  g_assert_nonnull (strstr (sub.out, "--start"));
  g_assert_nonnull (strstr (sub.out, "--stop"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/dump/list-variables", test_list_variables);
  g_test_add_func ("/cusp/dump/list-spectrogram", test_list_spectrogram);
  g_test_add_func ("/cusp/dump/values", test_values);
  g_test_add_func ("/cusp/dump/values-several", test_values_several);
  g_test_add_func ("/cusp/dump/range", test_range);
  g_test_add_func ("/cusp/dump/csv", test_csv);
  g_test_add_func ("/cusp/dump/bad-files", test_bad_files);
  g_test_add_func ("/cusp/dump/bad-usage", test_bad_usage);
  g_test_add_func ("/cusp/dump/inventory-files", test_inventory_files);
  g_test_add_func ("/cusp/dump/help", test_help);

  return g_test_run ();
}
