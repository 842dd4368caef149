/* test-selections-cli.c: `cusp selections validate|convert` on the real
 * fixtures, run as a separate process.
 *
 * Expected values are computed by hand from the fixture files
 * (tests/fixtures/selections, see its README):
 *  - eva_restore_txt_sample.txt: 13:40:00-13:43:00 (18 buffers, FOM 230),
 *    15:18:00-15:23:00 (30 buffers, FOM 210.3), 23:58:00-00:02:05 (245 s,
 *    25 buffers, FOM 210).  All three above fom_gmax 200: three orange
 *    warnings; lengths in the nominal 2..35; 73 buffers in category 0,
 *    round (730 / 60) = 12 minutes.
 *  - gls_mp-dl-unh_example_2017-02-03_2017-02-05.csv: 49 rows, FOM 150
 *    (GLS placeholder); start and stop widened to whole seconds give these
 *    buffer counts (ceil (seconds / 10)), sorted: 1 1 1 1 3 3 3 3 4 4 5 5
 *    5 6 6 7 8 8 9 10 11 12 13 14 17 17 17 18 19 19 19 19 21 21 22 23 24
 *    25 27 28 28 30 30 32 39 41 55 73 90 = 897 buffers.  Errors: 73 and
 *    90 exceed 60 (2); yellow: four of 1 buffer and 39, 41, 55 outside
 *    2..35 (7), and 897 priority-1 buffers > 33 % of 1000 (1): 8 yellow;
 *    category 1: 49 segments, 897 buffers, round (149.5) = 150 minutes.
 *  - sdc_burst_segments_slams.csv: 301 rows without FOM (NaN: 301 FOM
 *    errors), 3774 buffers > 1000 (1 orange), every length in 2..35.
 */
#define G_LOG_DOMAIN "test-selections-cli"

#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "cusp-selection-io.h"
#include "cusp-test-util.h"

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("CUSP_FIXTURES"), "selections", name, NULL);
}

static guint
count_prefix (const char *text,
              const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      n++;
  return n;
}

/* The whitespace-separated fields of the first row of the category table
 * starting with prefix + " ". */
static void
assert_row (const char  *text,
            const char  *prefix,
            const char **expected)
{
  const char *table = strstr (text, "\nCategory ");
  g_auto(GStrv) lines = NULL;
  g_autofree char *start = g_strconcat (prefix, " ", NULL);

  /* Only the rows of the category table. */
  g_assert_nonnull (table);
  lines = g_strsplit (table + 1, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start))
      {
        g_auto(GStrv) fields = g_strsplit_set (lines[i], " ", -1);
        guint k = 0;

        for (guint j = 0; fields[j] != NULL; j++)
          {
            if (*fields[j] == '\0')
              continue;
            g_assert_nonnull (expected[k]);
            g_assert_cmpstr (fields[j], ==, expected[k]);
            k++;
          }
        g_assert_null (expected[k]);
        return;
      }
  g_assert_not_reached ();
}

static void
assert_one_line_error (const CuspTestResult *r)
{
  g_assert_true (g_str_has_prefix (r->err, "cusp: "));
  g_assert_nonnull (strchr (r->err, '\n'));
  g_assert_cmpstr (strchr (r->err, '\n'), ==, "\n");
}

static void
test_validate_eva (void)
{
  g_auto(CuspTestResult) r = { 0 };
  g_autofree char *path = fixture ("eva_restore_txt_sample.txt");
  const char *cat0[] = { "0", "200-256", "3", "73", "12", "100.0", NULL };
  const char *cat1[] = { "1", "150-200", "0", "0", "0", "0.0", NULL };
  const char *total[] = { "Total", "3", "73", "12", "100.0", NULL };

  CUSP_TEST_RUN (&r, "selections", "validate", path);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, ": 3 segments (eva-text)\n"));
  g_assert_cmpuint (count_prefix (r.out, "ORANGE "), ==, 3);
  g_assert_cmpuint (count_prefix (r.out, "ERROR "), ==, 0);
  g_assert_cmpuint (count_prefix (r.out, "YELLOW "), ==, 0);
  g_assert_nonnull (strstr (r.out, "ORANGE  Submission needs SuperSITL Approval! FOM value at the following "
                                   "times exceeds recommended value (200) and should be reserved for the "
                                   "highest priority events or FPI calibrations: 2015-08-01 13:40:00\n"));
  g_assert_nonnull (strstr (r.out, "calibrations: 2015-08-01 15:18:00\n"));
  g_assert_nonnull (strstr (r.out, "calibrations: 2015-08-01 23:58:00\n"));
  g_assert_nonnull (strstr (r.out, "0 errors, 3 orange warnings, 0 yellow warnings\n"));
  assert_row (r.out, "0", cat0);
  assert_row (r.out, "1", cat1);
  assert_row (r.out, "Total", total);
}

static void
test_validate_gls (void)
{
  g_auto(CuspTestResult) r = { 0 };
  g_autofree char *path = fixture ("gls_mp-dl-unh_example_2017-02-03_2017-02-05.csv");
  const char *cat1[] = { "1", "150-200", "49", "897", "150", "100.0", NULL };
  const char *total[] = { "Total", "49", "897", "150", "100.0", NULL };

  CUSP_TEST_RUN (&r, "selections", "validate", path);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, ": 49 segments (gls-3col)\n"));
  g_assert_cmpuint (count_prefix (r.out, "ERROR   ERROR: Segment lengths at following times out of "
                                         "bounds (1 to 60): "), ==, 2);
  g_assert_cmpuint (count_prefix (r.out, "ERROR "), ==, 2);
  g_assert_cmpuint (count_prefix (r.out, "YELLOW  Warning - segment lengths outside of nominal bounds "
                                         "(2 to 35)"), ==, 7);
  g_assert_cmpuint (count_prefix (r.out, "YELLOW  Warning - number of buffers with priority 1 events "
                                         "larger than nominal."), ==, 1);
  g_assert_cmpuint (count_prefix (r.out, "ORANGE "), ==, 0);
  g_assert_nonnull (strstr (r.out, "2 errors, 0 orange warnings, 8 yellow warnings\n"));
  assert_row (r.out, "1", cat1);
  assert_row (r.out, "Total", total);
}

static void
test_validate_sdc (void)
{
  g_auto(CuspTestResult) r = { 0 };
  g_autofree char *path = fixture ("sdc_burst_segments_slams.csv");
  const char *total[] = { "Total", "0", "0", "0", "0.0", NULL };

  CUSP_TEST_RUN (&r, "selections", "validate", path);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, ": 301 segments (sdc-public)\n"));
  g_assert_cmpuint (count_prefix (r.out, "ERROR   ERROR: FOM value at following times out of bounds "
                                         "(0 to 255): "), ==, 301);
  g_assert_nonnull (strstr (r.out, "ERROR   ERROR: FOM value at following times out of bounds (0 to 255): "
                                   "2015-11-30 03:43:24\n"));
  g_assert_nonnull (strstr (r.out, "ORANGE  Submission needs SuperSITL Approval! Number of buffers exceeds "
                                   "maximum (1000)!\n"));
  g_assert_nonnull (strstr (r.out, "301 errors, 1 orange warnings, 0 yellow warnings\n"));
  /* No FOM: no category. */
  assert_row (r.out, "Total", total);
}

static void
test_validate_invalid (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-sel-XXXXXX", NULL);
  g_autofree char *bad = cusp_test_write_file (dir, "bad.csv",
                                     "start_time,stop_time,fom,sourceid,discussion,createtime\n"
                                     "2015-09-01 17:45:00,2015-09-01 17:46:00,150.0,jdoe(EVA),ok,\n"
                                     "2015-09-01 17:47:00,yesterday,150.0,jdoe(EVA),bad,\n");
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_auto(CuspTestResult) r = { 0 };
  g_auto(CuspTestResult) none = { 0 };
  g_auto(CuspTestResult) usage = { 0 };
  g_auto(CuspTestResult) two = { 0 };
  g_auto(CuspTestResult) unknown = { 0 };

  CUSP_TEST_RUN (&r, "selections", "validate", bad);
  g_assert_cmpint (r.status, ==, 1);
  assert_one_line_error (&r);
  g_assert_nonnull (strstr (r.err, "bad.csv, line 3: "));
  g_assert_nonnull (strstr (r.err, "yesterday"));
  g_assert_cmpstr (r.out, ==, "");

  CUSP_TEST_RUN (&none, "selections", "validate", missing);
  g_assert_cmpint (none.status, ==, 1);
  assert_one_line_error (&none);

  CUSP_TEST_RUN (&usage, "selections", "validate");
  g_assert_cmpint (usage.status, ==, 2);
  assert_one_line_error (&usage);
  CUSP_TEST_RUN (&two, "selections", "validate", bad, bad);
  g_assert_cmpint (two.status, ==, 2);
  CUSP_TEST_RUN (&unknown, "selections", "frobnicate");
  g_assert_cmpint (unknown.status, ==, 2);
  assert_one_line_error (&unknown);
  cusp_test_remove_tree (dir);
}

static GArray *
read_path (const char          *path,
           CuspSelectionFormat *detected)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GArray *segments = cusp_selection_read_file (file, NULL, detected, &error);

  g_assert_no_error (error);
  return segments;
}

static void
assert_same_segments (GArray *a,
                      GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const CuspBurstSegment *x = &g_array_index (a, CuspBurstSegment, i);
      const CuspBurstSegment *y = &g_array_index (b, CuspBurstSegment, i);

      g_assert_cmpint (x->start, ==, y->start);
      g_assert_cmpint (x->stop, ==, y->stop);
      g_assert_cmpfloat (x->fom, ==, y->fom);
      g_assert_cmpstr (x->discussion, ==, y->discussion);
    }
}

static void
test_convert_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-sel-XXXXXX", NULL);
  g_autofree char *gls = fixture ("gls_mp-dl-unh_example_2017-02-03_2017-02-05.csv");
  g_autofree char *pymms = g_build_filename (dir, "gls.csv", NULL);
  g_autofree char *sdc = g_build_filename (dir, "gls-sdc.csv", NULL);
  g_autoptr(GArray) original = NULL;
  g_autoptr(GArray) via_pymms = NULL;
  g_autoptr(GArray) via_sdc = NULL;
  CuspSelectionFormat detected = CUSP_SELECTION_FORMAT_AUTO;
  g_auto(CuspTestResult) first = { 0 };
  g_auto(CuspTestResult) second = { 0 };

  CUSP_TEST_RUN (&first, "selections", "convert", gls, pymms);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "Wrote 49 segments"));
  CUSP_TEST_RUN (&second, "selections", "convert", pymms, sdc, "--to", "sdc");
  g_assert_cmpint (second.status, ==, 0);

  original = read_path (gls, NULL);
  via_pymms = read_path (pymms, &detected);
  g_assert_cmpint (detected, ==, CUSP_SELECTION_FORMAT_PYMMS_CSV);
  via_sdc = read_path (sdc, &detected);
  g_assert_cmpint (detected, ==, CUSP_SELECTION_FORMAT_SDC_CSV);

  /* First and last rows as worked out in test-selection-io.c: 2017-02-04
   * 00:50:21 .. 00:55:14 UTC (TAI-UTC 37 s), FOM 150. */
  g_assert_cmpuint (via_sdc->len, ==, 49);
  g_assert_cmpint (g_array_index (via_sdc, CuspBurstSegment, 0).start, ==, G_GINT64_CONSTANT (1864860658));
  g_assert_cmpint (g_array_index (via_sdc, CuspBurstSegment, 0).stop, ==, G_GINT64_CONSTANT (1864860951));
  g_assert_cmpfloat (g_array_index (via_sdc, CuspBurstSegment, 0).fom, ==, 150);
  g_assert_cmpint (g_array_index (via_sdc, CuspBurstSegment, 48).start, ==, G_GINT64_CONSTANT (1865030071));
  g_assert_cmpint (g_array_index (via_sdc, CuspBurstSegment, 48).stop, ==, G_GINT64_CONSTANT (1865030302));
  assert_same_segments (original, via_pymms);
  assert_same_segments (original, via_sdc);
  cusp_test_remove_tree (dir);
}

static void
test_convert_eva_and_options (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-sel-XXXXXX", NULL);
  g_autofree char *eva = fixture ("eva_restore_txt_sample.txt");
  g_autofree char *csv = g_build_filename (dir, "eva.csv", NULL);
  g_autofree char *txt = g_build_filename (dir, "back.txt", NULL);
  g_autofree char *odd = g_build_filename (dir, "out.sel", NULL);
  /* Two contiguous rows with the same FOM and discussion; then two
   * overlapping rows, the second created later. */
  g_autofree char *parts = cusp_test_write_file (dir, "parts.csv",
                                       "start_time,stop_time,fom,sourceid,discussion,createtime\n"
                                       "2015-09-01 17:45:00,2015-09-01 17:46:00,150.0,a,MP,2015-09-02 00:00:00\n"
                                       "2015-09-01 17:46:00,2015-09-01 17:47:00,150.0,a,MP,2015-09-02 00:00:00\n"
                                       "2015-09-01 18:00:00,2015-09-01 18:05:00,80.0,old,one,2015-09-02 00:00:00\n"
                                       "2015-09-01 18:02:00,2015-09-01 18:06:00,90.0,new,two,2015-09-03 00:00:00\n");
  g_autofree char *joined = g_build_filename (dir, "joined.csv", NULL);
  g_autoptr(GArray) original = NULL;
  g_autoptr(GArray) back = NULL;
  g_autoptr(GArray) result = NULL;
  g_auto(CuspTestResult) r1 = { 0 };
  g_auto(CuspTestResult) r2 = { 0 };
  g_auto(CuspTestResult) r3 = { 0 };
  g_auto(CuspTestResult) r4 = { 0 };
  g_auto(CuspTestResult) r5 = { 0 };

  CUSP_TEST_RUN (&r1, "selections", "convert", eva, csv);
  g_assert_cmpint (r1.status, ==, 0);
  CUSP_TEST_RUN (&r2, "selections", "convert", csv, txt);
  g_assert_cmpint (r2.status, ==, 0);
  original = read_path (eva, NULL);
  back = read_path (txt, NULL);
  assert_same_segments (original, back);

  CUSP_TEST_RUN (&r3, "selections", "convert", eva, odd);
  g_assert_cmpint (r3.status, ==, 2);
  assert_one_line_error (&r3);
  CUSP_TEST_RUN (&r4, "selections", "convert", eva, csv, "--to", "idl");
  g_assert_cmpint (r4.status, ==, 2);
  assert_one_line_error (&r4);

  /* 17:45-17:47 joined; of 18:00-18:05 and 18:02-18:06 the newer stays. */
  CUSP_TEST_RUN (&r5, "selections", "convert", parts, joined, "--combine", "--dedup");
  g_assert_cmpint (r5.status, ==, 0);
  result = read_path (joined, NULL);
  g_assert_cmpuint (result->len, ==, 2);
  g_assert_cmpint (g_array_index (result, CuspBurstSegment, 0).start, ==, G_GINT64_CONSTANT (1819820736));
  g_assert_cmpint (g_array_index (result, CuspBurstSegment, 0).stop, ==, G_GINT64_CONSTANT (1819820856));
  g_assert_cmpstr (g_array_index (result, CuspBurstSegment, 1).discussion, ==, "two");
  g_assert_cmpint (g_array_index (result, CuspBurstSegment, 1).start, ==, G_GINT64_CONSTANT (1819820736) + 1020);
  cusp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/selections-cli/validate-eva", test_validate_eva);
  g_test_add_func ("/cusp/selections-cli/validate-gls", test_validate_gls);
  g_test_add_func ("/cusp/selections-cli/validate-sdc", test_validate_sdc);
  g_test_add_func ("/cusp/selections-cli/validate-invalid", test_validate_invalid);
  g_test_add_func ("/cusp/selections-cli/convert-round-trip", test_convert_round_trip);
  g_test_add_func ("/cusp/selections-cli/convert-eva-and-options", test_convert_eva_and_options);

  return g_test_run ();
}
