/* test-cli-remote.c: `cusp inventory --server` and `cusp fetch`, run as
 * separate processes against tests/hapi-server.py.
 *
 * Expected rows come from the server's documented ds1s formulas (i seconds
 * after 2020-01-01: Bx = i/4 - 3, By = sin(i/10), Bz = (i%17)*1.5,
 * n = 1000 + i/8, fill every 100th) and regions1m ones (m minutes after
 * 2020-01-01: region "None" = fill when m%60 == 59, else REGIONS[(m/10)%8]
 * of Solar_Wind, Bow_Shock, Magnetosheath, D_Msphere, N_Msphere,
 * Plasma_Sheet, Tail_Lobe, 'Cusp, "north"'; x = m/2; codes "A<m%3>",
 * "B<m%5>"), exit statuses from cusp-cli.h
 * (1 failure, 2 usage).
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "cusp-test-util.h"
#include "hapi-test-server.h"

typedef struct
{
  HapiTestServer server;
  char          *url;
  char          *cache_dir;
  char          *config_dir;
  CuspTestResult r;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data G_GNUC_UNUSED)
{
  hapi_test_server_start (&f->server);
  f->url = g_strconcat (f->server.root, "/v3/hapi", NULL);
  f->cache_dir = cusp_test_make_tmp_dir ("cusp-cli-cache-XXXXXX");
  f->config_dir = cusp_test_make_tmp_dir ("cusp-cli-config-XXXXXX");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data G_GNUC_UNUSED)
{
  cusp_test_remove_tree (f->cache_dir);
  cusp_test_remove_tree (f->config_dir);
  g_free (f->cache_dir);
  g_free (f->config_dir);
  g_free (f->url);
  cusp_test_result_clear (&f->r);
  hapi_test_server_stop (&f->server);
}

static void
run (Fixture            *f,
     const char * const *args)
{
  g_autofree char *cache = g_strconcat ("CUSP_CACHE_DIR=", f->cache_dir, NULL);
  g_autofree char *config = g_strconcat ("CUSP_CONFIG_DIR=", f->config_dir, NULL);
  const char *env[] = { cache, config, NULL };

  cusp_test_run_cusp (&f->r, env, args);
}

#define RUN(f, ...) run ((f), (const char * const[]) { __VA_ARGS__, NULL })

static void
test_inventory (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  RUN (f, "inventory", "--server", f->url);
  g_assert_cmpint (f->r.status, ==, 0);
  g_assert_cmpstr (f->r.err, ==, "");
  /* The provider line, then groups and datasets indented below it. */
  g_assert_true (g_str_has_prefix (f->r.out, "127.0.0.1  [provider]  hapi-127-0-0-1\n"));
  g_assert_nonnull (strstr (f->r.out, "\n    ds1s_split  [dataset]  hapi-127-0-0-1/ds1s_split\n"));
  g_assert_nonnull (strstr (f->r.out, "\n    ds1s  [dataset]  hapi-127-0-0-1/ds1s\n"));
  g_assert_nonnull (strstr (f->r.out, "\n    spectv  [dataset]  hapi-127-0-0-1/spectv\n"));
  g_assert_null (strstr (f->r.out, "[parameter]"));

  RUN (f, "inventory", "--server", f->url, "--dataset", "ds1s");
  g_assert_cmpint (f->r.status, ==, 0);
  g_assert_nonnull (strstr (f->r.out, "\n      B  [parameter]  hapi-127-0-0-1/ds1s/B  nT  1 s\n"));
  g_assert_nonnull (strstr (f->r.out, "\n      n  [parameter]  hapi-127-0-0-1/ds1s/n  cm^-3  1 s\n"));

  RUN (f, "inventory", "--server", f->url, "--dataset", "nosuch");
  g_assert_cmpint (f->r.status, ==, 1);
  g_assert_nonnull (strstr (f->r.err, "nosuch"));
}

static void
check_rows (const char *csv,
            guint       first,
            guint       count)
{
  g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, count + 2);   /* header, rows, "" */
  g_assert_cmpstr (lines[0], ==, "time,B_0,B_1,B_2,n");
  g_assert_cmpstr (lines[count + 1], ==, "");
  for (guint k = 0; k < count; k++)
    {
      g_auto (GStrv) f = g_strsplit (lines[k + 1], ",", -1);
      guint i = first + k;
      int h = i / 3600, m = i / 60 % 60, s = i % 60;
      g_autofree char *time = g_strdup_printf ("2020-01-01T%02d:%02d:%02d.000000000Z", h, m, s);

      g_assert_cmpuint (g_strv_length (f), ==, 5);
      g_assert_cmpstr (f[0], ==, time);
      g_assert_cmpfloat (g_ascii_strtod (f[1], NULL), ==, i * 0.25 - 3);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[2], NULL), sin (i / 10.0), 1e-15);
      g_assert_cmpfloat (g_ascii_strtod (f[3], NULL), ==, (i % 17) * 1.5);
      if (i % 100 == 99)
        g_assert_cmpstr (f[4], ==, "NaN");
      else
        g_assert_cmpfloat (g_ascii_strtod (f[4], NULL), ==, 1000 + i / 8.0);
    }
}

static void
test_fetch (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autofree char *out = g_build_filename (f->cache_dir, "out.csv", NULL);
  g_autofree char *csv = NULL;

  RUN (f, "fetch", "--server", f->url, "--dataset", "ds1s", "--parameters", "B,n",
       "--start", "2020-01-01T00:58:20Z", "--stop", "2020-01-01T01:05:00Z", "--out", out);
  g_assert_cmpstr (f->r.err, ==, "");
  g_assert_cmpint (f->r.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &csv, NULL, NULL));
  check_rows (csv, 3500, 400);
  /* Hours 0 and 1 fetched in one request. */
  g_assert_cmpint (hapi_test_server_count (&f->server, "data:ds1s"), ==, 1);

  /* Standard output, from the cache only. */
  RUN (f, "fetch", "--server", f->url, "--dataset", "ds1s", "--start", "2020-01-01T00:00:00Z",
       "--stop", "2020-01-01T00:03:20Z", "--offline");
  g_assert_cmpint (f->r.status, ==, 0);
  check_rows (f->r.out, 0, 200);
  g_assert_cmpint (hapi_test_server_count (&f->server, "data:ds1s"), ==, 1);

  RUN (f, "fetch", "--server", f->url, "--dataset", "ds1s", "--start", "2020-01-01T05:00:00Z",
       "--stop", "2020-01-01T05:00:01Z", "--offline");
  g_assert_cmpint (f->r.status, ==, 1);
  g_assert_true (g_str_has_prefix (f->r.err, "cusp: offline: "));
  g_assert_nonnull (strstr (f->r.err, "not in the cache"));
}

/* String parameters as text columns: RFC 4180 quoting, fill empty. */
static void
test_fetch_text (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  RUN (f, "fetch", "--server", f->url, "--dataset", "regions1m",
       "--start", "2020-01-01T01:08:00Z", "--stop", "2020-01-01T01:11:00Z");
  g_assert_cmpstr (f->r.err, ==, "");
  g_assert_cmpint (f->r.status, ==, 0);
  g_assert_cmpstr (f->r.out, ==,
                   "time,region,x,codes_0,codes_1\n"
                   "2020-01-01T01:08:00.000000000Z,Tail_Lobe,34,A2,B3\n"
                   "2020-01-01T01:09:00.000000000Z,Tail_Lobe,34.5,A0,B4\n"
                   "2020-01-01T01:10:00.000000000Z,\"Cusp, \"\"north\"\"\",35,A1,B0\n");
  g_assert_cmpint (hapi_test_server_count (&f->server, "data:regions1m"), ==, 1);

  /* The same day fragment again, from the cache only. */
  RUN (f, "fetch", "--server", f->url, "--dataset", "regions1m", "--parameters", "region,codes",
       "--start", "2020-01-01T01:58:00Z", "--stop", "2020-01-01T02:01:00Z", "--offline");
  g_assert_cmpstr (f->r.err, ==, "");
  g_assert_cmpint (f->r.status, ==, 0);
  g_assert_cmpstr (f->r.out, ==,
                   "time,region,codes_0,codes_1\n"
                   "2020-01-01T01:58:00.000000000Z,D_Msphere,A1,B3\n"
                   "2020-01-01T01:59:00.000000000Z,,A2,B4\n"
                   "2020-01-01T02:00:00.000000000Z,N_Msphere,A0,B0\n");
  g_assert_cmpint (hapi_test_server_count (&f->server, "data:regions1m"), ==, 1);
}

/* A cache that cannot be written (its directory is a regular file, as
 * when the disk is full or the path is wrong) loses nothing: the data
 * come from the server, the output is complete and nothing is said on
 * stderr; a second run fetches again since nothing could be kept. */
static void
test_unwritable_cache (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  char *dir = f->cache_dir;
  g_autofree char *blocker = g_build_filename (dir, "not-a-directory", NULL);

  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  f->cache_dir = blocker;
  for (int round = 1; round <= 2; round++)
    {
      RUN (f, "fetch", "--server", f->url, "--dataset", "regions1m", "--parameters", "x",
           "--start", "2020-01-01T00:58:00Z", "--stop", "2020-01-01T01:00:00Z");
      g_assert_cmpstr (f->r.err, ==, "");
      g_assert_cmpint (f->r.status, ==, 0);
      /* x = m / 2 at minute m (tests/hapi-server.py). */
      g_assert_cmpstr (f->r.out, ==,
                       "time,x\n"
                       "2020-01-01T00:58:00.000000000Z,29\n"
                       "2020-01-01T00:59:00.000000000Z,29.5\n");
      g_assert_cmpint (hapi_test_server_count (&f->server, "data:regions1m"), ==, round);
    }
  f->cache_dir = dir;
}

static void
test_errors (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  RUN (f, "fetch", "--server", f->url, "--dataset", "nosuch", "--start", "2020-01-01T00:00:00Z",
       "--stop", "2020-01-01T01:00:00Z");
  g_assert_cmpint (f->r.status, ==, 1);
  g_assert_true (g_str_has_prefix (f->r.err, "cusp: 127.0.0.1 says: unknown dataset “nosuch”"));
  g_assert_cmpstr (f->r.out, ==, "");

  RUN (f, "fetch", "--server", f->url, "--dataset", "ds1s", "--parameters", "B,zz",
       "--start", "2020-01-01T00:00:00Z", "--stop", "2020-01-01T01:00:00Z");
  g_assert_cmpint (f->r.status, ==, 1);
  g_assert_nonnull (strstr (f->r.err, "“zz”"));

  /* Port 9 (discard) has no HTTP server. */
  RUN (f, "fetch", "--server", "http://127.0.0.1:9/hapi", "--dataset", "ds1s",
       "--start", "2020-01-01T00:00:00Z", "--stop", "2020-01-01T01:00:00Z");
  g_assert_cmpint (f->r.status, ==, 1);
  g_assert_true (g_str_has_prefix (f->r.err, "cusp: Cannot reach 127.0.0.1"));
  g_assert_nonnull (strstr (f->r.err, "check the network connection"));

  RUN (f, "inventory", "--server", "http://127.0.0.1:9/hapi");
  g_assert_cmpint (f->r.status, ==, 1);
  g_assert_true (g_str_has_prefix (f->r.err, "cusp: Cannot reach 127.0.0.1"));

  RUN (f, "fetch", "--server", "ftp://example.org/hapi", "--dataset", "ds1s",
       "--start", "2020-01-01T00:00:00Z", "--stop", "2020-01-01T01:00:00Z");
  g_assert_cmpint (f->r.status, ==, 2);
  g_assert_nonnull (strstr (f->r.err, "http:// or https://"));

  RUN (f, "fetch", "--server", f->url, "--dataset", "ds1s", "--start", "2020-01-01T01:00:00Z",
       "--stop", "2020-01-01T00:00:00Z");
  g_assert_cmpint (f->r.status, ==, 2);

  RUN (f, "fetch", "--server", f->url, "--start", "2020-01-01T00:00:00Z",
       "--stop", "2020-01-01T01:00:00Z");
  g_assert_cmpint (f->r.status, ==, 2);
  g_assert_nonnull (strstr (f->r.err, "--dataset"));

  RUN (f, "fetch", "--server", "nowhere", "--dataset", "ds1s", "--start", "2020-01-01T00:00:00Z",
       "--stop", "2020-01-01T01:00:00Z");
  g_assert_cmpint (f->r.status, ==, 2);
  g_assert_nonnull (strstr (f->r.err, "unknown server “nowhere”"));
  g_assert_cmpint (hapi_test_server_count (&f->server, "data:ds1s"), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/cusp/cli-remote/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("inventory", test_inventory);
  ADD ("fetch", test_fetch);
  ADD ("fetch-text", test_fetch_text);
  ADD ("unwritable-cache", test_unwritable_cache);
  ADD ("errors", test_errors);
#undef ADD
  return g_test_run ();
}
