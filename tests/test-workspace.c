/* test-workspace.c: workspaces to and from JSON
 *
 * Times are checked against TAI seconds from docs FORMATS.md
 * (2015-09-01 17:45:00 UTC = 1819820736 TAI) and day counts done by hand.
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cusp-workspace.h"

/* 2015-09-01T17:45:00Z (FORMATS.md). */
#define TAI_20150901_1745 G_GINT64_CONSTANT (1819820736)
/* 2015-10-16T00:00:00Z: 22500 s to the end of Sep 1, then 29 + 15 days. */
#define TAI_20151016 (TAI_20150901_1745 + 22500 + 44 * 86400)

#define NS_PER_S G_GINT64_CONSTANT (1000000000)

static CuspWorkspace *
read_ok (const char *json)
{
  g_autoptr (GError) error = NULL;
  CuspWorkspace *workspace = cusp_workspace_read_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workspace);
  return workspace;
}

/* Reads json, expects code and a message that contains needle. */
static void
assert_read_fails (const char *json,
                   int         code,
                   const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspWorkspace) workspace = cusp_workspace_read_data (json, -1, &error);

  g_assert_null (workspace);
  g_assert_error (error, CUSP_WORKSPACE_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("message “%s” does not contain “%s”", error->message, needle);
}

static CuspWorkspace *
make_full (void)
{
  CuspTime t0 = cusp_time_from_tai_seconds (TAI_20150901_1745);
  CuspWorkspace *workspace = cusp_workspace_new (t0 + 123456789, t0 + 3600 * NS_PER_S + 1);
  const char *overlay[] = { "sim/mms1/fgm/srvy/b_gse", "sim/mms1/fpi/dis_moms/numberdensity", NULL };
  const char *spectro[] = { "sim/mms1/fpi/des_moms/energyspectr_omni", NULL };
  CuspWorkspaceArea *area = cusp_workspace_add_area (workspace, "plots");
  CuspWorkspacePanel *panel = cusp_workspace_area_add_panel (area, overlay, CUSP_DATA_KIND_SERIES);

  panel->y_log = TRUE;
  panel->y_min = -1.0 / 3.0;   /* needs all 17 digits to come back */
  panel->y_max = 1e-300 + 7;
  panel->weight = 0.1 + 0.2;
  panel = cusp_workspace_area_add_panel (area, spectro, CUSP_DATA_KIND_SPECTROGRAM);
  panel->colormap = g_strdup ("jet");
  panel->z_log = TRUE;

  area = cusp_workspace_add_area (workspace, "samples");
  area->has_range = TRUE;
  area->start = cusp_time_from_tai_seconds (TAI_20151016);
  area->stop = area->start + 86400 * NS_PER_S;
  cusp_workspace_add_area (workspace, NULL);
  cusp_workspace_add_lane (workspace, "ABS", FALSE, NULL);
  cusp_workspace_add_lane (workspace, "SITL", TRUE, "/tmp/a \"quoted\"\tname.csv");
  return workspace;
}

static void
test_round_trip (void)
{
  g_autoptr (CuspWorkspace) written = make_full ();
  g_autoptr (CuspWorkspace) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = cusp_workspace_write_data (written, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (text, "}\n"));
  /* Pretty-printed with spaces: one member per line, no tabs. */
  g_assert_null (strchr (text, '\t'));
  g_assert_nonnull (strstr (text, "\n  \"format\": \"cusp-workspace\",\n"));
  g_assert_nonnull (strstr (text, "\"version\": 1"));
  /* 2015-09-01T17:45:00Z plus 123456789 ns, every digit kept. */
  g_assert_nonnull (strstr (text, "\"start\": \"2015-09-01T17:45:00.123456789Z\""));
  g_assert_nonnull (strstr (text, "\"stop\": \"2015-09-01T18:45:00.000000001Z\""));
  /* Whole seconds without a fraction. */
  g_assert_nonnull (strstr (text, "\"start\": \"2015-10-16T00:00:00Z\""));
  g_assert_nonnull (strstr (text, "\"stop\": \"2015-10-17T00:00:00Z\""));

  back = cusp_workspace_read_data (text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (cusp_workspace_equal (written, back));
  g_assert_cmpint (back->version, ==, 1);
  /* equal() is itself under test: spot-check fields. */
  g_assert_cmpfloat (((CuspWorkspacePanel *) g_ptr_array_index (
                        ((CuspWorkspaceArea *) g_ptr_array_index (back->areas, 0))->panels, 0))->y_min,
                     ==, -1.0 / 3.0);
  g_assert_cmpstr (((CuspWorkspaceLane *) g_ptr_array_index (back->lanes, 1))->file, ==,
                   "/tmp/a \"quoted\"\tname.csv");
  g_assert_null (((CuspWorkspaceArea *) g_ptr_array_index (back->areas, 2))->name);
}

static void
test_equal (void)
{
  g_autoptr (CuspWorkspace) a = make_full ();
  g_autoptr (CuspWorkspace) b = make_full ();
  CuspWorkspacePanel *panel;

  g_assert_true (cusp_workspace_equal (a, b));
  panel = g_ptr_array_index (((CuspWorkspaceArea *) g_ptr_array_index (b->areas, 0))->panels, 1);
  panel->z_log = FALSE;
  g_assert_false (cusp_workspace_equal (a, b));
  panel->z_log = TRUE;
  panel->y_min = 0;
  panel->y_max = 1;
  g_assert_false (cusp_workspace_equal (a, b));
  panel->y_min = panel->y_max = NAN;
  g_assert_true (cusp_workspace_equal (a, b));
  ((CuspWorkspaceLane *) g_ptr_array_index (b->lanes, 0))->visible = TRUE;
  g_assert_false (cusp_workspace_equal (a, b));
}

static void
test_read_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "workspace-v1.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspWorkspace) workspace = cusp_workspace_read_file (path, &error);
  CuspTime t0 = cusp_time_from_tai_seconds (TAI_20150901_1745);
  CuspWorkspaceArea *area;
  CuspWorkspacePanel *panel;
  CuspWorkspaceLane *lane;

  g_assert_no_error (error);
  g_assert_cmpint (workspace->start, ==, t0);
  g_assert_cmpint (workspace->stop, ==, t0 + 3600 * NS_PER_S + NS_PER_S / 2);
  g_assert_cmpuint (workspace->areas->len, ==, 2);

  area = g_ptr_array_index (workspace->areas, 0);
  g_assert_cmpstr (area->name, ==, "plots");
  g_assert_false (area->has_range);
  g_assert_cmpuint (area->panels->len, ==, 2);
  panel = g_ptr_array_index (area->panels, 0);
  g_assert_cmpuint (g_strv_length (panel->products), ==, 2);
  g_assert_cmpstr (panel->products[0], ==, "sim/mms1/fgm/srvy/b_gse");
  g_assert_cmpstr (panel->products[1], ==, "sim/mms1/fpi/dis_moms/numberdensity");
  g_assert_cmpint (panel->kind, ==, CUSP_DATA_KIND_SERIES);
  g_assert_true (panel->y_log);
  g_assert_cmpfloat (panel->y_min, ==, 0.5);
  g_assert_cmpfloat (panel->y_max, ==, 250);
  g_assert_cmpfloat (panel->weight, ==, 2.5);
  g_assert_null (panel->colormap);
  g_assert_false (panel->z_log);

  /* Members left out take their defaults. */
  panel = g_ptr_array_index (area->panels, 1);
  g_assert_cmpint (panel->kind, ==, CUSP_DATA_KIND_SPECTROGRAM);
  g_assert_cmpstr (panel->colormap, ==, "jet");
  g_assert_true (panel->z_log);
  g_assert_true (isnan (panel->y_min) && isnan (panel->y_max));
  g_assert_cmpfloat (panel->weight, ==, 1);

  area = cusp_workspace_find_area (workspace, "samples");
  g_assert_nonnull (area);
  g_assert_true (area->has_range);
  g_assert_cmpint (area->start, ==, cusp_time_from_tai_seconds (TAI_20151016));
  g_assert_cmpint (area->stop, ==, cusp_time_from_tai_seconds (TAI_20151016 + 86400));
  g_assert_cmpuint (area->panels->len, ==, 0);
  g_assert_null (cusp_workspace_find_area (workspace, "other"));

  g_assert_cmpuint (workspace->lanes->len, ==, 2);
  lane = g_ptr_array_index (workspace->lanes, 0);
  g_assert_cmpstr (lane->name, ==, "ABS");
  g_assert_false (lane->visible);
  g_assert_null (lane->file);
  lane = g_ptr_array_index (workspace->lanes, 1);
  g_assert_true (lane->visible);
  g_assert_cmpstr (lane->file, ==, "/home/sitl/selections.csv");
}

static void
test_minimal (void)
{
  g_autoptr (CuspWorkspace) workspace = read_ok (
    "{\"format\":\"cusp-workspace\",\"version\":1,"
    "\"time_range\":{\"start\":\"2015-10-16T00:00:00Z\",\"stop\":\"2015-10-16T00:00:01Z\"},"
    "\"areas\":[{\"panels\":[{\"products\":[\"x/y\"],\"kind\":\"hologram\"}]}]}");
  CuspWorkspaceArea *area = g_ptr_array_index (workspace->areas, 0);
  CuspWorkspacePanel *panel = g_ptr_array_index (area->panels, 0);

  g_assert_cmpint (workspace->stop - workspace->start, ==, NS_PER_S);
  g_assert_cmpint (workspace->start, ==, cusp_time_from_tai_seconds (TAI_20151016));
  g_assert_null (area->name);
  g_assert_cmpuint (workspace->lanes->len, ==, 0);
  /* A kind from a later version is a lost hint, not an error. */
  g_assert_cmpint (panel->kind, ==, CUSP_DATA_KIND_NONE);
  g_assert_false (panel->y_log);
}

#define HEAD "{\"format\":\"cusp-workspace\",\"version\":1,"
#define RANGE "\"time_range\":{\"start\":\"2015-10-16T00:00:00Z\",\"stop\":\"2015-10-16T01:00:00Z\"},"
#define PANEL_IN_AREA(p) HEAD RANGE "\"areas\":[{\"panels\":[{\"products\":[\"a/b\"]}," p "]}]}"

static void
test_errors (void)
{
  assert_read_fails ("", CUSP_WORKSPACE_ERROR_PARSE, "JSON");
  assert_read_fails ("{\n\"format\":\n\"cusp-workspace\",,\n}", CUSP_WORKSPACE_ERROR_PARSE, "line 3");
  assert_read_fails ("[1, 2]", CUSP_WORKSPACE_ERROR_PARSE, "cusp-workspace");
  assert_read_fails ("{\"format\":\"tscat\",\"version\":1}", CUSP_WORKSPACE_ERROR_PARSE, "cusp-workspace");
  assert_read_fails ("{\"format\":\"cusp-workspace\"}", CUSP_WORKSPACE_ERROR_INVALID, "“version” is missing");
  assert_read_fails ("{\"format\":\"cusp-workspace\",\"version\":2}", CUSP_WORKSPACE_ERROR_VERSION, "version 2");
  assert_read_fails ("{\"format\":\"cusp-workspace\",\"version\":0}", CUSP_WORKSPACE_ERROR_VERSION, "version 0");
  assert_read_fails ("{\"format\":\"cusp-workspace\",\"version\":1.5}", CUSP_WORKSPACE_ERROR_INVALID, "“version”");
  assert_read_fails (HEAD "\"areas\":[]}", CUSP_WORKSPACE_ERROR_INVALID, "“time_range” is missing");
  assert_read_fails (HEAD "\"time_range\":\"today\",\"areas\":[]}", CUSP_WORKSPACE_ERROR_INVALID,
                     "“time_range” must be an object");
  assert_read_fails (HEAD "\"time_range\":{\"start\":\"2015-10-16T00:00:00Z\"},\"areas\":[]}",
                     CUSP_WORKSPACE_ERROR_INVALID, "“time_range.stop” is missing");
  assert_read_fails (HEAD "\"time_range\":{\"start\":\"2015-13-16T00:00:00Z\",\"stop\":\"2015-10-16T00:00:00Z\"},"
                     "\"areas\":[]}", CUSP_WORKSPACE_ERROR_INVALID, "“time_range.start”:");
  assert_read_fails (HEAD "\"time_range\":{\"start\":5,\"stop\":\"2015-10-16T00:00:00Z\"},\"areas\":[]}",
                     CUSP_WORKSPACE_ERROR_INVALID, "“time_range.start” must be a string");
  assert_read_fails (HEAD "\"time_range\":{\"start\":\"2015-10-16T00:00:00Z\",\"stop\":\"2015-10-16T00:00:00Z\"},"
                     "\"areas\":[]}", CUSP_WORKSPACE_ERROR_INVALID, "“stop” must be after “start”");
  assert_read_fails (HEAD RANGE "\"lanes\":[]}", CUSP_WORKSPACE_ERROR_INVALID, "“areas” is missing");
  assert_read_fails (HEAD RANGE "\"areas\":{}}", CUSP_WORKSPACE_ERROR_INVALID, "“areas” must be an array");
  assert_read_fails (HEAD RANGE "\"areas\":[{}]}", CUSP_WORKSPACE_ERROR_INVALID, "“areas[0].panels” is missing");
  assert_read_fails (HEAD RANGE "\"areas\":[3]}", CUSP_WORKSPACE_ERROR_INVALID, "“areas[0]” must be an object");
  assert_read_fails (HEAD RANGE "\"areas\":[{\"panels\":[],\"time_range\":{\"start\":\"x\",\"stop\":\"y\"}}]}",
                     CUSP_WORKSPACE_ERROR_INVALID, "“areas[0].time_range.start”:");
  assert_read_fails (PANEL_IN_AREA ("{}"), CUSP_WORKSPACE_ERROR_INVALID, "“areas[0].panels[1].products” is missing");
  assert_read_fails (PANEL_IN_AREA ("{\"products\":[]}"), CUSP_WORKSPACE_ERROR_INVALID,
                     "“areas[0].panels[1].products” must list at least one");
  assert_read_fails (PANEL_IN_AREA ("{\"products\":[\"a\",7]}"), CUSP_WORKSPACE_ERROR_INVALID,
                     "“areas[0].panels[1].products[1]” must be a product id");
  assert_read_fails (PANEL_IN_AREA ("{\"products\":[\"a\"],\"y_scale\":\"logarithmic\"}"),
                     CUSP_WORKSPACE_ERROR_INVALID, "“areas[0].panels[1].y_scale” must be “linear” or “log”");
  assert_read_fails (PANEL_IN_AREA ("{\"products\":[\"a\"],\"z_scale\":1}"),
                     CUSP_WORKSPACE_ERROR_INVALID, "“areas[0].panels[1].z_scale” must be a string");
  assert_read_fails (PANEL_IN_AREA ("{\"products\":[\"a\"],\"y_range\":[5,1]}"),
                     CUSP_WORKSPACE_ERROR_INVALID, "“areas[0].panels[1].y_range” must be null");
  assert_read_fails (PANEL_IN_AREA ("{\"products\":[\"a\"],\"y_range\":[1]}"),
                     CUSP_WORKSPACE_ERROR_INVALID, "“areas[0].panels[1].y_range”");
  assert_read_fails (PANEL_IN_AREA ("{\"products\":[\"a\"],\"y_range\":\"auto\"}"),
                     CUSP_WORKSPACE_ERROR_INVALID, "“areas[0].panels[1].y_range”");
  assert_read_fails (PANEL_IN_AREA ("{\"products\":[\"a\"],\"colormap\":\"rainbow\"}"),
                     CUSP_WORKSPACE_ERROR_INVALID, "no colour map is called “rainbow”; use one of viridis, jet");
  assert_read_fails (PANEL_IN_AREA ("{\"products\":[\"a\"],\"height_weight\":0}"),
                     CUSP_WORKSPACE_ERROR_INVALID, "“areas[0].panels[1].height_weight” must be a number above 0");
  assert_read_fails (HEAD RANGE "\"areas\":[],\"lanes\":[{\"visible\":true}]}", CUSP_WORKSPACE_ERROR_INVALID,
                     "“lanes[0].name” is missing");
  assert_read_fails (HEAD RANGE "\"areas\":[],\"lanes\":[{\"name\":\"ABS\",\"visible\":\"yes\"}]}",
                     CUSP_WORKSPACE_ERROR_INVALID, "“lanes[0].visible” must be true or false");
}

static void
test_write_errors (void)
{
  g_autoptr (CuspWorkspace) workspace = make_full ();
  g_autoptr (GError) error = NULL;
  CuspWorkspacePanel *panel = g_ptr_array_index (((CuspWorkspaceArea *) g_ptr_array_index (workspace->areas, 0))->panels, 1);
  char *text;

  panel->y_min = 1;   /* y_max still NaN */
  text = cusp_workspace_write_data (workspace, &error);
  g_assert_null (text);
  g_assert_error (error, CUSP_WORKSPACE_ERROR, CUSP_WORKSPACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "areas[0].panels[1].y_range"));
  g_clear_error (&error);

  panel->y_min = NAN;
  panel->weight = 0;
  g_assert_null (cusp_workspace_write_data (workspace, &error));
  g_assert_nonnull (strstr (error->message, "areas[0].panels[1].height_weight"));
  g_clear_error (&error);

  panel->weight = 1;
  workspace->stop = workspace->start;
  g_assert_null (cusp_workspace_write_data (workspace, &error));
  g_assert_nonnull (strstr (error->message, "time_range"));
}

static void
test_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cusp-workspace-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "w.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "none.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *nodir = g_build_filename (dir, "no", "such", "dir.json", NULL);
  g_autoptr (CuspWorkspace) written = make_full ();
  g_autoptr (CuspWorkspace) back = NULL;
  CuspWorkspace *none;

  g_assert_no_error (error);
  g_assert_true (cusp_workspace_write_file (written, path, &error));
  g_assert_no_error (error);
  back = cusp_workspace_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (cusp_workspace_equal (written, back));

  none = cusp_workspace_read_file (missing, &error);
  g_assert_null (none);
  g_assert_error (error, CUSP_WORKSPACE_ERROR, CUSP_WORKSPACE_ERROR_IO);
  g_clear_error (&error);

  /* Errors of the content start with the file's path. */
  g_assert_true (g_file_set_contents (bad, "{\"format\":\"cusp-workspace\",\"version\":9}", -1, NULL));
  none = cusp_workspace_read_file (bad, &error);
  g_assert_null (none);
  g_assert_error (error, CUSP_WORKSPACE_ERROR, CUSP_WORKSPACE_ERROR_VERSION);
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_clear_error (&error);

  g_assert_false (cusp_workspace_write_file (written, nodir, &error));
  g_assert_error (error, CUSP_WORKSPACE_ERROR, CUSP_WORKSPACE_ERROR_IO);

  g_unlink (path);
  g_unlink (bad);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/workspace/round-trip", test_round_trip);
  g_test_add_func ("/cusp/workspace/equal", test_equal);
  g_test_add_func ("/cusp/workspace/read-file", test_read_file);
  g_test_add_func ("/cusp/workspace/minimal", test_minimal);
  g_test_add_func ("/cusp/workspace/errors", test_errors);
  g_test_add_func ("/cusp/workspace/write-errors", test_write_errors);
  g_test_add_func ("/cusp/workspace/files", test_files);

  return g_test_run ();
}
