/* test-render-cli.c: `cusp render`, run as a separate process
 *
 * Simulated products through a workspace, the FPI moments fixture through
 * --file, and HAPI parameters through --server from tests/hapi-server.py.
 * The workspace is written here by hand (docs/formats.md, "Workspace").
 * Figure sizes are read from the PNG header (IHDR: width and height as
 * big-endian 32-bit numbers at bytes 16 and 20, PNG specification §11.2.2),
 * a PDF from its "%PDF-" signature; exit statuses follow the documented
 * convention (2 usage, 1 failure).
 */
#define G_LOG_DOMAIN "test-render-cli"

#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "cusp-test-util.h"
#include <cairo.h>

#include "hapi-test-server.h"

/* Two simulated products, an hour of the simulation's day; the second
 * panel a spectrogram with its own colour map and scales. */
static const char workspace_json[] =
  "{\n"
  "  \"format\": \"cusp-workspace\",\n"
  "  \"version\": 1,\n"
  "  \"time_range\": { \"start\": \"2015-10-16T13:00:00Z\", \"stop\": \"2015-10-16T14:00:00Z\" },\n"
  "  \"areas\": [\n"
  "    { \"name\": \"plots\", \"panels\": [\n"
  "      { \"products\": [\"sim/mms1/fgm/srvy/b_gse\"], \"kind\": \"series\", \"y_range\": [-80, 80] },\n"
  "      { \"products\": [\"sim/mms1/fpi/dis_moms/energyspectr_omni\"], \"kind\": \"spectrogram\",\n"
  "        \"y_scale\": \"log\", \"colormap\": \"jet\", \"z_scale\": \"log\", \"height_weight\": 2 }\n"
  "    ] }\n"
  "  ]\n"
  "}\n";

typedef struct
{
  char *dir;
  char *workspace;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = cusp_test_make_tmp_dir ("cusp-render-XXXXXX");
  f->workspace = cusp_test_write_file (f->dir, "two.json", workspace_json);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cusp_test_remove_tree (f->dir);
  g_free (f->workspace);
  g_free (f->dir);
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_auto (CuspTestResult) r = { 0 };
  g_autofree char *png = g_build_filename (f->dir, "figure.png", NULL);
  g_autofree guchar *bytes = NULL;
  gsize length = 0;
  static const guchar signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  CUSP_TEST_RUN (&r, "render", "--workspace", f->workspace, "--size", "640x480", "--out", png);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (png, (char **) &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (bytes, 8, signature, 8);
  g_assert_cmpmem (bytes + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 (bytes + 16), ==, 640);
  g_assert_cmpuint (read_be32 (bytes + 20), ==, 480);
}

/* First row (from `from') where the spectrogram fills the middle of the
 * plot: 90 % of the pixels of x in [150, 450) coloured (not white, not
 * grey), which no line panel does. */
static int
first_filled_row (cairo_surface_t *png,
                  int              from)
{
  const guchar *data = cairo_image_surface_get_data (png);
  int stride = cairo_image_surface_get_stride (png);

  for (int y = from; y < cairo_image_surface_get_height (png); y++)
    {
      int coloured = 0;

      for (int x = 150; x < 450; x++)
        {
          guint32 px = *(const guint32 *) (data + (gsize) y * stride + 4 * x);
          int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

          if (MAX (MAX (r, g), b) - MIN (MIN (r, g), b) > 20)
            coloured++;
        }
      if (coloured >= 270)
        return y;
    }
  return -1;
}

/* The workspace gives the spectrogram "height_weight": 2, so at 640 ×
 * 480 the data heights share 480 − 4 (gap) − 38 (time labels below the
 * bottom panel: 44 − 6) = 438 pixels 1:2, 146 and 292: the second box
 * starts at 146 + 4 = 150 and its data at 150 + 6 (top pad) = 156.
 * Equal weights would put it at 219 + 4 + 6 = 229. */
static void
test_weights (Fixture       *f,
              gconstpointer  data)
{
  g_auto (CuspTestResult) r = { 0 };
  g_autofree char *png = g_build_filename (f->dir, "weights.png", NULL);
  cairo_surface_t *image;
  int top;

  CUSP_TEST_RUN (&r, "render", "--workspace", f->workspace, "--size", "640x480", "--out", png);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  top = first_filled_row (image, 0);
  g_assert_cmpint (top, >=, 156);
  g_assert_cmpint (top, <=, 158);
  cairo_surface_destroy (image);
}

/* Asserts a PNG file of width x height pixels. */
static void
assert_png (const char *path,
            guint32     width,
            guint32     height)
{
  g_autofree guchar *bytes = NULL;
  gsize length = 0;
  static const guchar signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  g_assert_true (g_file_get_contents (path, (char **) &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (bytes, 8, signature, 8);
  g_assert_cmpmem (bytes + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 (bytes + 16), ==, width);
  g_assert_cmpuint (read_be32 (bytes + 20), ==, height);
}

#define FPI_DENSITY "local/mms1_fpi_fast_l2_dis-moms/mms1_dis_numberdensity_fast"

/* The fixture's FPI moments (fixtures README: 2015-10-17 12:00-14:00),
 * without --start/--stop: the file's coverage. */
static void
test_local (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *cdf = g_build_filename (g_getenv ("CUSP_FIXTURES"), "cdf",
                                           "mms1_fpi_fast_l2_dis-moms_20151017120000_v3.4.0.cdf", NULL);
  g_autofree char *png = g_build_filename (f->dir, "fpi.png", NULL);
  g_autofree char *never = g_build_filename (f->dir, "never.png", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.cdf", NULL);

  {
    g_auto (CuspTestResult) r = { 0 };

    CUSP_TEST_RUN (&r, "render", "--file", cdf, FPI_DENSITY, "--size", "720x360", "--out", png);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    assert_png (png, 720, 360);
  }
  {
    g_auto (CuspTestResult) r = { 0 };

    /* Alongside a simulated product, within the file's range. */
    g_assert_cmpint (g_remove (png), ==, 0);
    CUSP_TEST_RUN (&r, "render", "--file", cdf, "--start", "2015-10-17T12:30:00Z",
                   "--stop", "2015-10-17T12:40:00Z", FPI_DENSITY, "sim/mms1/fgm/srvy/b_gse",
                   "--size", "300x500", "--out", png);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    assert_png (png, 300, 500);
  }
  {
    g_auto (CuspTestResult) r = { 0 };

    CUSP_TEST_RUN (&r, "render", "--file", cdf, "local/mms1_fpi_fast_l2_dis-moms/no_such_variable",
                   "--out", never);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_true (g_str_has_prefix (r.err, "cusp: "));
    g_assert_nonnull (strstr (r.err, "local/mms1_fpi_fast_l2_dis-moms/no_such_variable"));
    g_assert_cmpuint (cusp_test_count_lines (r.err), ==, 1);
  }
  {
    g_auto (CuspTestResult) r = { 0 };

    /* A local product without --file. */
    CUSP_TEST_RUN (&r, "render", FPI_DENSITY, "--out", never);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, FPI_DENSITY));
  }
  {
    g_auto (CuspTestResult) r = { 0 };

    CUSP_TEST_RUN (&r, "render", "--file", missing, FPI_DENSITY, "--out", never);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "missing.cdf"));
    g_assert_cmpuint (cusp_test_count_lines (r.err), ==, 1);
  }
  g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
}

/* ds1s of hapi-server.py (1-s cadence from 2020-01-01), through a
 * private cache. */
static void
test_hapi (Fixture       *f,
           gconstpointer  data)
{
  HapiTestServer server = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *cache = g_strconcat ("CUSP_CACHE_DIR=", f->dir, "/cache", NULL);
  g_autofree char *config = g_strconcat ("CUSP_CONFIG_DIR=", f->dir, "/config", NULL);
  g_autofree char *png = g_build_filename (f->dir, "hapi.png", NULL);
  g_autofree char *never = g_build_filename (f->dir, "never.png", NULL);
  const char *env[] = { cache, config, NULL };

  hapi_test_server_start (&server);
  url = g_strconcat (server.root, "/v3/hapi", NULL);
  {
    g_auto (CuspTestResult) r = { 0 };

    cusp_test_run_cusp (&r, env, (const char * const[]) {
                          "render", "--server", url, "--start", "2020-01-01T00:00:00Z",
                          "--stop", "2020-01-01T00:10:00Z", "hapi-127-0-0-1/ds1s/n",
                          "hapi-127-0-0-1/ds1s/B", "--size", "400x600", "--out", png, NULL });
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    assert_png (png, 400, 600);
    g_assert_cmpint (hapi_test_server_count (&server, "data:ds1s"), >=, 1);
  }
  {
    g_auto (CuspTestResult) r = { 0 };

    cusp_test_run_cusp (&r, env, (const char * const[]) {
                          "render", "--server", url, "--start", "2020-01-01T00:00:00Z",
                          "--stop", "2020-01-01T00:10:00Z", "hapi-127-0-0-1/always500/n",
                          "--out", never, NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_true (g_str_has_prefix (r.err, "cusp: "));
    g_assert_cmpuint (cusp_test_count_lines (r.err), ==, 1);
  }
  {
    g_auto (CuspTestResult) r = { 0 };

    /* No default range for a server's product. */
    cusp_test_run_cusp (&r, env, (const char * const[]) {
                          "render", "--server", url, "hapi-127-0-0-1/ds1s/n", "--out", never, NULL });
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "--start"));
  }
  {
    g_auto (CuspTestResult) r = { 0 };

    cusp_test_run_cusp (&r, env, (const char * const[]) {
                          "render", "--server", "not a server", "sim/mms1/fgm/srvy/b_gse", "--out", never, NULL });
    g_assert_cmpint (r.status, ==, 2);
  }
  g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
  hapi_test_server_stop (&server);
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_auto (CuspTestResult) r = { 0 };
  g_autofree char *pdf = g_build_filename (f->dir, "figure.pdf", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;

  /* --start and --stop override the workspace's range. */
  CUSP_TEST_RUN (&r, "render", "--workspace", f->workspace, "--start", "2015-10-16T13:10:00Z",
       "--stop", "2015-10-16T13:20:00Z", "--out", pdf);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 5);
  g_assert_cmpmem (bytes, 5, "%PDF-", 5);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "never.png", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.json", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);

  {
    g_auto (CuspTestResult) r = { 0 };

    /* --stop before the workspace's start. */
    CUSP_TEST_RUN (&r, "render", "--workspace", f->workspace, "--stop", "2015-10-16T12:00:00Z", "--out", png);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "--stop must be after --start"));
  }
  {
    g_auto (CuspTestResult) r = { 0 };

    CUSP_TEST_RUN (&r, "render", "--workspace", f->workspace, "sim/mms1/fgm/srvy/b_gse", "--out", png);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "--workspace"));
  }
  {
    g_auto (CuspTestResult) r = { 0 };

    g_assert_true (g_file_set_contents (bad, "{\"format\": \"cusp-workspace\", \"version\": 1,\n"
                                        "\"time_range\": {\"start\": \"2015-10-16T13:00:00Z\", "
                                        "\"stop\": \"2015-10-16T14:00:00Z\"},\n"
                                        "\"areas\": [{\"panels\": [{\"kind\": \"series\"}]}]}", -1, NULL));
    CUSP_TEST_RUN (&r, "render", "--workspace", bad, "--out", png);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_true (g_str_has_prefix (r.err, "cusp: "));
    g_assert_nonnull (strstr (r.err, bad));
    g_assert_nonnull (strstr (r.err, "areas[0].panels[0].products"));
  }
  {
    g_auto (CuspTestResult) r = { 0 };

    g_assert_true (g_file_set_contents (empty, "{\"format\": \"cusp-workspace\", \"version\": 1,\n"
                                        "\"time_range\": {\"start\": \"2015-10-16T13:00:00Z\", "
                                        "\"stop\": \"2015-10-16T14:00:00Z\"}, \"areas\": [{\"panels\": []}]}",
                                        -1, NULL));
    CUSP_TEST_RUN (&r, "render", "--workspace", empty, "--out", png);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "no panel"));
  }
  {
    g_auto (CuspTestResult) r = { 0 };

    CUSP_TEST_RUN (&r, "render", "--workspace", missing, "--out", png);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "missing.json"));
  }
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cusp/render-cli/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/cusp/render-cli/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/cusp/render-cli/weights", Fixture, NULL, fixture_set_up, test_weights, fixture_tear_down);
  g_test_add ("/cusp/render-cli/local", Fixture, NULL, fixture_set_up, test_local, fixture_tear_down);
  g_test_add ("/cusp/render-cli/hapi", Fixture, NULL, fixture_set_up, test_hapi, fixture_tear_down);
  g_test_add ("/cusp/render-cli/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);

  return g_test_run ();
}
