/* test-csv-reader.c: CSV time series.  Expected values are hand-computed:
 * Unix 1445083201.5 s is 2015-10-17T12:00:01.5Z (16725 days after 1970,
 * 16725·86400 = 1445040000, +43201.5 s). */
#define G_LOG_DOMAIN "cusp-test-csv"

#include "config.h"

#include "cusp-csv-reader.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static CuspTime
utc (const char *text)
{
  CuspTime t;

  g_assert_true (cusp_time_parse (text, &t, NULL));
  return t;
}

static void
test_iso_header (void)
{
  const char *text = "time,Bx,By\n"
                     "2015-10-17T12:00:00Z,1.5,-2\n"
                     "2015-10-17T12:00:01Z,,NaN\n"
                     "2015-10-17T12:00:02Z,3e2,nan\r\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspSeries) s = cusp_csv_read_data (text, -1, "b", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (s->n_samples, ==, 3);
  g_assert_cmpuint (s->n_components, ==, 2);
  g_assert_cmpstr (s->labels[0], ==, "Bx");
  g_assert_cmpstr (s->labels[1], ==, "By");
  g_assert_cmpstr (s->name, ==, "b");
  g_assert_cmpint (s->times[0], ==, utc ("2015-10-17T12:00:00Z"));
  g_assert_cmpint (s->times[2] - s->times[0], ==, 2 * CUSP_NS_PER_SECOND);
  g_assert_cmpfloat (cusp_series_column (s, 0)[0], ==, 1.5);
  g_assert_cmpfloat (cusp_series_column (s, 1)[0], ==, -2.0);
  g_assert_true (isnan (cusp_series_column (s, 0)[1]));
  g_assert_true (isnan (cusp_series_column (s, 1)[1]));
  g_assert_cmpfloat (cusp_series_column (s, 0)[2], ==, 300.0);
  g_assert_true (isnan (cusp_series_column (s, 1)[2]));
}

static void
test_unix_no_header_semicolon (void)
{
  const char *text = "# a comment\n\n1445083201.5;10;20;30\n1445083202.5;11;21;31\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspSeries) s = cusp_csv_read_data (text, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (s->n_samples, ==, 2);
  g_assert_cmpuint (s->n_components, ==, 3);
  g_assert_cmpint (s->times[0], ==, utc ("2015-10-17T12:00:01.5Z"));
  g_assert_cmpint (s->times[1], ==, utc ("2015-10-17T12:00:02.5Z"));
  g_assert_cmpstr (s->labels[0], ==, "col 2");
  g_assert_cmpstr (s->labels[2], ==, "col 4");
  g_assert_cmpfloat (cusp_series_column (s, 2)[1], ==, 31.0);
}

static void
test_tab_and_whitespace (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspSeries) tab = cusp_csv_read_data ("t\tv\n2015-01-01T00:00:00Z\t4\n", -1, NULL, &error);
  g_autoptr (CuspSeries) ws = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (tab->n_samples, ==, 1);
  g_assert_cmpstr (tab->labels[0], ==, "v");
  g_assert_cmpfloat (tab->values[0], ==, 4.0);

  ws = cusp_csv_read_data ("0   1  2\n60 3    4\n", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ws->n_samples, ==, 2);
  g_assert_cmpuint (ws->n_components, ==, 2);
  g_assert_cmpint (ws->times[1] - ws->times[0], ==, 60 * CUSP_NS_PER_SECOND);
  g_assert_cmpfloat (cusp_series_column (ws, 1)[1], ==, 4.0);
}

static void
test_unsorted (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspSeries) s = cusp_csv_read_data ("20,2\n10,1\n20,3\n", -1, NULL, &error);

  g_assert_no_error (error);
  /* sorted; the repeated time keeps its last row */
  g_assert_cmpuint (s->n_samples, ==, 2);
  g_assert_cmpfloat (s->values[0], ==, 1.0);
  g_assert_cmpfloat (s->values[1], ==, 3.0);
}

static void
test_bad_rows (void)
{
  g_autoptr (GError) error = NULL;
  CuspSeries *s;

  s = cusp_csv_read_data ("time,v\n2015-01-01T00:00:00Z,1\n\n2015-13-01T00:00:00Z,2\n", -1, NULL, &error);
  g_assert_null (s);
  g_assert_error (error, CUSP_CSV_ERROR, CUSP_CSV_ERROR_BAD_ROW);
  g_assert_true (g_str_has_prefix (error->message, "line 4: "));
  g_assert_nonnull (strstr (error->message, "2015-13-01T00:00:00Z"));
  g_clear_error (&error);

  s = cusp_csv_read_data ("10,1\n20,x\n", -1, NULL, &error);
  g_assert_null (s);
  g_assert_error (error, CUSP_CSV_ERROR, CUSP_CSV_ERROR_BAD_ROW);
  g_assert_true (g_str_has_prefix (error->message, "line 2: "));
  g_clear_error (&error);

  s = cusp_csv_read_data ("10,1,2\n20,1\n", -1, NULL, &error);
  g_assert_null (s);
  g_assert_true (g_str_has_prefix (error->message, "line 2: "));
  g_clear_error (&error);

  /* a Unix-seconds file with an ISO row */
  s = cusp_csv_read_data ("10,1\n2015-01-01T00:00:00Z,1\n", -1, NULL, &error);
  g_assert_null (s);
  g_assert_true (g_str_has_prefix (error->message, "line 2: "));
  g_clear_error (&error);

  /* a bad time on the very first row is an error, not a header */
  s = cusp_csv_read_data ("2015-13-01T00:00:00Z,1\n", -1, NULL, &error);
  g_assert_null (s);
  g_assert_true (g_str_has_prefix (error->message, "line 1: "));
  g_clear_error (&error);

  s = cusp_csv_read_data ("", 0, NULL, &error);
  g_assert_null (s);
  g_assert_error (error, CUSP_CSV_ERROR, CUSP_CSV_ERROR_EMPTY);
  g_clear_error (&error);

  s = cusp_csv_read_data ("time,v\n", -1, NULL, &error);
  g_assert_null (s);
  g_assert_error (error, CUSP_CSV_ERROR, CUSP_CSV_ERROR_EMPTY);
}

static void
test_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ion density.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspSeries) s = NULL;

  g_assert_true (g_file_set_contents (path, "time;N\n1445083201.5;28.9\n", -1, NULL));
  s = cusp_csv_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->name, ==, "ion density");
  g_assert_cmpstr (s->labels[0], ==, "N");
  g_assert_cmpfloat (s->values[0], ==, 28.9);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cusp/csv-reader/iso-header", test_iso_header);
  g_test_add_func ("/cusp/csv-reader/unix-semicolon", test_unix_no_header_semicolon);
  g_test_add_func ("/cusp/csv-reader/tab-whitespace", test_tab_and_whitespace);
  g_test_add_func ("/cusp/csv-reader/unsorted", test_unsorted);
  g_test_add_func ("/cusp/csv-reader/bad-rows", test_bad_rows);
  g_test_add_func ("/cusp/csv-reader/file", test_file);
  return g_test_run ();
}
