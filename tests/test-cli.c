/* test-cli.c: the `cusp` command line, run as a separate process
 *
 * Expected values are written here by hand: the version from the project
 * definition (0.1.0), row counts from the 4.5-s sample grid of the
 * simulation (one hour = 3600 / 4.5 = 800 samples, nine minutes = 540 / 4.5
 * = 120), exit statuses from the documented convention (2 usage, 1 failure).
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "cusp-test-util.h"

#define B_GSE_ID "sim/mms1/fgm/srvy/b_gse"

static void
assert_one_line_error (const CuspTestResult *r)
{
  g_assert_true (g_str_has_prefix (r->err, "cusp"));
  g_assert_cmpuint (cusp_test_count_lines (r->err), ==, 1);
  g_assert_cmpstr (r->out, ==, "");
}

static void
test_version (void)
{
  g_auto(CuspTestResult) r = { 0 };

  CUSP_TEST_RUN (&r, "--version");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "cusp 0.1.0\n");
}

static void
test_help (void)
{
  g_auto(CuspTestResult) r = { 0 };
  g_auto(CuspTestResult) sub = { 0 };

  CUSP_TEST_RUN (&r, "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--version"));
  g_assert_nonnull (strstr (r.out, "--screenshot"));
  g_assert_nonnull (strstr (r.out, "inventory"));
  g_assert_nonnull (strstr (r.out, "export-sim"));

  CUSP_TEST_RUN (&sub, "export-sim", "--help");
  g_assert_cmpint (sub.status, ==, 0);
  g_assert_nonnull (strstr (sub.out, "cusp export-sim"));
  g_assert_nonnull (strstr (sub.out, "--start"));
  g_assert_nonnull (strstr (sub.out, "--stop"));
  g_assert_nonnull (strstr (sub.out, "--out"));
  g_assert_nonnull (strstr (sub.out, "--orbit"));
  g_assert_nonnull (strstr (sub.out, "--seed"));
}

static void
test_french (void)
{
  const char *env[] = { "LANGUAGE=fr", "LC_ALL=C.UTF-8", NULL };
  const char *help[] = { "--help", NULL };
  const char *bad[] = { "frobnicate", NULL };
  g_auto(CuspTestResult) r = { 0 };
  g_auto(CuspTestResult) err = { 0 };

  /* Uninstalled, the program must find the catalogue in the build tree. */
  cusp_test_run_cusp (&r, env, help);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Commandes"));
  g_assert_nonnull (strstr (r.out, "export-sim"));

  cusp_test_run_cusp (&err, env, bad);
  g_assert_cmpint (err.status, ==, 2);
  g_assert_nonnull (strstr (err.err, "commande inconnue"));
  g_assert_nonnull (strstr (err.err, "frobnicate"));
}

static void
test_inventory (void)
{
  g_auto(CuspTestResult) r = { 0 };

  CUSP_TEST_RUN (&r, "inventory");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, B_GSE_ID));
  g_assert_nonnull (strstr (r.out, "MMS1 (simulated)"));
  g_assert_cmpstr (r.err, ==, "");
}

static char **
read_lines (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (contents, "\n"));
  contents[strlen (contents) - 1] = '\0';
  return g_strsplit (contents, "\n", -1);
}

static void
test_export_one_hour (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "b.csv", NULL);
  g_auto(GStrv) lines = NULL;
  g_auto(CuspTestResult) r = { 0 };
  guint n_fields;

  CUSP_TEST_RUN (&r, "export-sim", "--start", "2015-10-16T13:00:00Z", "--stop", "2015-10-16T14:00:00Z",
       "--out", path);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");

  lines = read_lines (path);
  g_assert_true (g_str_has_prefix (lines[0], "time"));
  /* Header plus 3600 s / 4.5 s = 800 samples in [13:00, 14:00). */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 800);

  /* Every row has as many fields as the header. */
  n_fields = 0;
  for (const char *p = lines[0]; *p != '\0'; p++)
    n_fields += *p == ',';
  for (guint i = 1; lines[i] != NULL; i++)
    {
      guint commas = 0;

      for (const char *p = lines[i]; *p != '\0'; p++)
        commas += *p == ',';
      g_assert_cmpuint (commas, ==, n_fields);
      g_assert_true (g_str_has_prefix (lines[i], "2015-10-16T13:"));
    }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_stdout_and_orbits (void)
{
  g_auto(CuspTestResult) dayside = { 0 };
  g_auto(CuspTestResult) again = { 0 };
  g_auto(CuspTestResult) nightside = { 0 };

  CUSP_TEST_RUN (&dayside, "export-sim", "--start", "2015-10-16T13:00:00Z",
       "--stop", "2015-10-16T13:09:00Z", "--out", "-");
  g_assert_cmpint (dayside.status, ==, 0);
  /* Header plus 540 s / 4.5 s = 120 samples. */
  g_assert_cmpuint (cusp_test_count_lines (dayside.out), ==, 1 + 120);
  g_assert_true (g_str_has_prefix (dayside.out, "time"));

  /* Same arguments, same bytes; another orbit, another world. */
  CUSP_TEST_RUN (&again, "export-sim", "--start", "2015-10-16T13:00:00Z",
       "--stop", "2015-10-16T13:09:00Z", "--out", "-", "--orbit", "dayside-12", "--seed", "1");
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, dayside.out);

  CUSP_TEST_RUN (&nightside, "export-sim", "--start", "2015-10-16T13:00:00Z",
       "--stop", "2015-10-16T13:09:00Z", "--out", "-", "--orbit", "nightside");
  g_assert_cmpint (nightside.status, ==, 0);
  g_assert_cmpuint (cusp_test_count_lines (nightside.out), ==, 1 + 120);
  g_assert_cmpstr (nightside.out, !=, dayside.out);
}

static void
test_bad_time (void)
{
  g_auto(CuspTestResult) r = { 0 };

  CUSP_TEST_RUN (&r, "export-sim", "--start", "yesterday", "--stop", "2015-10-16T14:00:00Z",
       "--out", "-");
  g_assert_cmpint (r.status, ==, 2);
  assert_one_line_error (&r);
  g_assert_nonnull (strstr (r.err, "yesterday"));
  g_assert_nonnull (strstr (r.err, "--start"));
}

static void
test_stop_not_after_start (void)
{
  g_auto(CuspTestResult) equal = { 0 };
  g_auto(CuspTestResult) before = { 0 };

  CUSP_TEST_RUN (&equal, "export-sim", "--start", "2015-10-16T13:00:00Z",
       "--stop", "2015-10-16T13:00:00Z", "--out", "-");
  g_assert_cmpint (equal.status, ==, 2);
  assert_one_line_error (&equal);

  CUSP_TEST_RUN (&before, "export-sim", "--start", "2015-10-16T13:00:00Z",
       "--stop", "2015-10-16T12:00:00Z", "--out", "-");
  g_assert_cmpint (before.status, ==, 2);
  assert_one_line_error (&before);
  g_assert_nonnull (strstr (before.err, "--stop"));
}

static void
test_usage_errors (void)
{
  struct { const char *args[12]; const char *mentions; } cases[] = {
    { { "frobnicate", NULL }, "frobnicate" },
    { { "--no-such-option", NULL }, "--no-such-option" },
    { { "inventory", "extra", NULL }, "extra" },
    { { "export-sim", "--stop", "2015-10-16T14:00:00Z", "--out", "-", NULL }, "--start" },
    { { "export-sim", "--start", "2015-10-16T13:00:00Z", "--stop", "2015-10-16T14:00:00Z",
        NULL }, "--out" },
    { { "export-sim", "--start", "2015-10-16T13:00:00Z", "--stop", "2015-10-16T14:00:00Z",
        "--out", "-", "--orbit", "polar" }, "polar" },
    { { "export-sim", "--start", "2015-10-16T13:00:00Z", "--stop", "2015-10-16T14:00:00Z",
        "--out", "-", "--seed", "-3" }, "-3" },
    { { "--screenshot", "x.png", "inventory", NULL }, "--screenshot" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CuspTestResult) r = { 0 };

      cusp_test_run_cusp (&r, NULL, cases[i].args);
      g_test_message ("case %u: %s", i, r.err);
      g_assert_cmpint (r.status, ==, 2);
      assert_one_line_error (&r);
      g_assert_nonnull (strstr (r.err, cases[i].mentions));
    }
}

static void
test_unwritable_output (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "b.csv", NULL);
  g_auto(CuspTestResult) r = { 0 };

  CUSP_TEST_RUN (&r, "export-sim", "--start", "2015-10-16T13:00:00Z", "--stop", "2015-10-16T14:00:00Z",
       "--out", path);
  g_assert_cmpint (r.status, ==, 1);
  assert_one_line_error (&r);
  g_assert_nonnull (strstr (r.err, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/cli/version", test_version);
  g_test_add_func ("/cusp/cli/help", test_help);
  g_test_add_func ("/cusp/cli/french", test_french);
  g_test_add_func ("/cusp/cli/inventory", test_inventory);
  g_test_add_func ("/cusp/cli/export-one-hour", test_export_one_hour);
  g_test_add_func ("/cusp/cli/export-stdout-and-orbits", test_export_stdout_and_orbits);
  g_test_add_func ("/cusp/cli/bad-time", test_bad_time);
  g_test_add_func ("/cusp/cli/stop-not-after-start", test_stop_not_after_start);
  g_test_add_func ("/cusp/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cusp/cli/unwritable-output", test_unwritable_output);

  return g_test_run ();
}
