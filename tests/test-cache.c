/* test-cache.c: the fragment cache, against tests/hapi-server.py and a
 * counting fetch function written here.
 *
 * Expected values come from the server's documented formulas (ds1s at i
 * seconds: Bx = i/4 - 3, By = sin(i/10), Bz = (i%17)*1.5, n = 1000 + i/8
 * with fill every 100th; spec flux[j] = k/10 + j/2 with bins 10..160 eV;
 * spectv spectra[j] = r + j, centres (j+1)(1 + r%3), ranges ± 0.5;
 * regions1m region at m minutes = "None" (fill) when m%60 == 59, else
 * REGIONS[(m/10) % 8]) and
 * request counts from the fragment rule (1-s cadence → 1-h fragments,
 * contiguous missing fragments fetched in one request).
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cusp-cache.h"
#include "cusp-hapi-provider.h"
#include "hapi-test-server.h"

#define HOUR CUSP_NS_PER_HOUR

typedef struct
{
  HapiTestServer server;
  char          *dir;
  CuspCache     *cache;
  CuspProvider  *provider;
} Fixture;

static CuspTime
iso (const char *text)
{
  CuspTime t;

  g_assert_true (cusp_time_parse_iso (text, &t, NULL));
  return t;
}

#define T0 (iso ("2020-01-01T00:00:00Z"))
#define SEC(i) (T0 + (CuspTime) (i) * CUSP_NS_PER_SECOND)

static CuspProvider *
new_provider (Fixture *f)
{
  g_autofree char *url = g_strconcat (f->server.root, "/v3/hapi", NULL);
  CuspProvider *p = cusp_hapi_provider_new ("Test server", url);

  cusp_hapi_provider_set_cache (CUSP_HAPI_PROVIDER (p), f->cache);
  cusp_hapi_client_set_retries (cusp_hapi_provider_get_client (CUSP_HAPI_PROVIDER (p)), 2, 20);
  return p;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;

  hapi_test_server_start (&f->server);
  f->dir = g_dir_make_tmp ("cusp-cache-XXXXXX", &error);
  g_assert_no_error (error);
  f->cache = cusp_cache_new (f->dir);
  f->provider = new_provider (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (cusp_cache_clear (f->cache, &error));
  g_assert_no_error (error);
  g_rmdir (f->dir);
  g_clear_object (&f->provider);
  g_clear_object (&f->cache);
  g_free (f->dir);
  hapi_test_server_stop (&f->server);
}

static int
data_requests (Fixture    *f,
               const char *dataset)
{
  g_autofree char *key = g_strconcat ("data:", dataset, NULL);

  return hapi_test_server_count (&f->server, key);
}

/* ds1s B (3 components) or n, i = first..first+count-1 seconds. */
static void
assert_b (CuspData *d,
          guint     first,
          guint     count)
{
  CuspSeries *b = cusp_data_get_series (d);

  g_assert_nonnull (b);
  g_assert_cmpuint (b->n_samples, ==, count);
  g_assert_cmpuint (b->n_components, ==, 3);
  g_assert_cmpstr (b->unit, ==, "nT");
  g_assert_cmpstr (b->name, ==, "B");
  for (guint k = 0; k < count; k++)
    {
      guint i = first + k;

      g_assert_cmpint (b->times[k], ==, SEC (i));
      g_assert_cmpfloat (cusp_series_column (b, 0)[k], ==, i * 0.25 - 3);
      g_assert_cmpfloat_with_epsilon (cusp_series_column (b, 1)[k], sin (i / 10.0), 1e-15);
      g_assert_cmpfloat (cusp_series_column (b, 2)[k], ==, (i % 17) * 1.5);
    }
}

static void
assert_n (CuspData *d,
          guint     first,
          guint     count)
{
  CuspSeries *n = cusp_data_get_series (d);

  g_assert_nonnull (n);
  g_assert_cmpuint (n->n_samples, ==, count);
  for (guint k = 0; k < count; k++)
    {
      guint i = first + k;

      g_assert_cmpint (n->times[k], ==, SEC (i));
      if (i % 100 == 99)
        g_assert_true (isnan (n->values[k]));
      else
        g_assert_cmpfloat (n->values[k], ==, 1000 + i / 8.0);
    }
}

static CuspData *
get_b (Fixture  *f,
       CuspTime  start,
       CuspTime  stop)
{
  g_autoptr (GError) error = NULL;
  CuspData *d = cusp_provider_get_data (f->provider, "hapi-test-server/ds1s/B", start, stop,
                                        NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

static char *
fragment_file (Fixture    *f,
               const char *parameter,
               CuspTime    start)
{
  g_autofree char *url = g_strconcat (f->server.root, "/v3/hapi", NULL);

  return cusp_cache_fragment_path (f->cache, url, "ds1s", parameter, start);
}

static void
test_cold_warm_zoom_pan (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspData) cold = get_b (f, T0, T0 + 3 * HOUR);
  g_autoptr (CuspData) warm = NULL, zoom = NULL, pan = NULL, holes = NULL;

  assert_b (cold, 0, 3 * 3600);
  /* Three missing contiguous 1-h fragments: one request, three files. */
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 1);
  for (int h = 0; h < 4; h++)
    {
      g_autofree char *path = fragment_file (f, "B", T0 + h * HOUR);

      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, h < 3);
    }

  warm = get_b (f, T0, T0 + 3 * HOUR);
  assert_b (warm, 0, 3 * 3600);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 1);

  zoom = get_b (f, SEC (1800), SEC (5400));
  assert_b (zoom, 1800, 3600);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 1);

  pan = get_b (f, T0 + HOUR, T0 + 4 * HOUR);
  assert_b (pan, 3600, 3 * 3600);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 2);

  /* Two separate holes (5 h and 7 h) between cached hours: two requests. */
  g_clear_pointer (&pan, cusp_data_unref);
  pan = get_b (f, T0 + 6 * HOUR, T0 + 7 * HOUR);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 3);
  pan = (cusp_data_unref (pan), get_b (f, T0 + 8 * HOUR, T0 + 9 * HOUR));
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 4);
  holes = get_b (f, T0 + 2 * HOUR, T0 + 9 * HOUR);
  assert_b (holes, 2 * 3600, 7 * 3600);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 6);
  /* One /info for all of it. */
  g_assert_cmpint (hapi_test_server_count (&f->server, "info:ds1s"), ==, 1);
}

static void
test_several_parameters (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  const char *both[] = { "n", "B", NULL };
  const char *just_n[] = { "n", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) data = NULL;
  g_autoptr (CuspData) b = get_b (f, T0, T0 + HOUR);

  g_assert_cmpint (data_requests (f, "ds1s"), ==, 1);
  /* B is cached for hour 0: only n is asked for there, both for hour 1. */
  data = cusp_hapi_provider_get_dataset_data (CUSP_HAPI_PROVIDER (f->provider), "ds1s", both,
                                              T0, T0 + 2 * HOUR, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->len, ==, 2);
  assert_n (g_ptr_array_index (data, 0), 0, 7200);
  assert_b (g_ptr_array_index (data, 1), 0, 7200);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 3);
  g_clear_pointer (&data, g_ptr_array_unref);

  data = cusp_hapi_provider_get_dataset_data (CUSP_HAPI_PROVIDER (f->provider), "ds1s", just_n,
                                              SEC (10), SEC (7000), NULL, &error);
  g_assert_no_error (error);
  assert_n (g_ptr_array_index (data, 0), 10, 6990);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 3);
}

typedef struct
{
  Fixture  *f;
  CuspTime  start, stop;
  guint     first, count;
  CuspData *result;
} ThreadArgs;

static gpointer
get_thread (gpointer data)
{
  ThreadArgs *a = data;
  g_autoptr (GError) error = NULL;

  a->result = cusp_provider_get_data (a->f->provider, "hapi-test-server/ds1s/B", a->start, a->stop,
                                      NULL, &error);
  g_assert_no_error (error);
  return NULL;
}

static void
run_threads (ThreadArgs *args,
             guint       n)
{
  GThread *threads[8];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (threads));
  for (guint i = 0; i < n; i++)
    threads[i] = g_thread_new ("get", get_thread, &args[i]);
  for (guint i = 0; i < n; i++)
    {
      g_thread_join (threads[i]);
      assert_b (args[i].result, args[i].first, args[i].count);
      cusp_data_unref (args[i].result);
    }
}

static void
test_concurrent (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  ThreadArgs same[4];
  ThreadArgs overlap[2] = {
    { f, T0 + 10 * HOUR, T0 + 13 * HOUR, 10 * 3600, 3 * 3600, NULL },
    { f, T0 + 11 * HOUR, T0 + 14 * HOUR, 11 * 3600, 3 * 3600, NULL },
  };

  /* The info first, so the threads race on the data only. */
  cusp_data_unref (get_b (f, T0 + 20 * HOUR, SEC (20 * 3600 + 1)));
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    same[i] = (ThreadArgs) { f, T0, T0 + 3 * HOUR, 0, 3 * 3600, NULL };
  run_threads (same, G_N_ELEMENTS (same));
  /* Four threads, three fragments: fetched once. */
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 2);

  /* 10-13 h and 11-14 h at once: whoever claims first fetches its run,
   * the other fetches only what is left, so two requests in any order. */
  run_threads (overlap, G_N_ELEMENTS (overlap));
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 4);
}

static void
test_offline (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspData) cold = get_b (f, T0, T0 + 2 * HOUR);
  g_autoptr (CuspData) cached = NULL;
  g_autoptr (CuspProvider) fresh = NULL;
  g_autoptr (GError) error = NULL;
  CuspData *missing;

  g_assert_cmpint (data_requests (f, "ds1s"), ==, 1);
  cusp_cache_set_offline (f->cache, TRUE);
  g_assert_true (cusp_cache_get_offline (f->cache));

  cached = get_b (f, SEC (600), SEC (7000));
  assert_b (cached, 600, 6400);
  missing = cusp_provider_get_data (f->provider, "hapi-test-server/ds1s/B", T0 + HOUR, T0 + 3 * HOUR,
                                    NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, CUSP_CACHE_ERROR, CUSP_CACHE_ERROR_OFFLINE);
  g_assert_true (g_str_has_prefix (error->message, "offline: "));
  g_assert_nonnull (strstr (error->message, "2020-01-01T02:00:00Z"));
  g_assert_nonnull (strstr (error->message, "not in the cache"));
  g_clear_error (&error);

  /* A new provider (a restart) finds the dataset's info next to the data. */
  fresh = new_provider (f);
  g_clear_object (&f->provider);
  f->provider = g_object_ref (fresh);
  g_clear_pointer (&cached, cusp_data_unref);
  cached = get_b (f, T0, T0 + HOUR);
  assert_b (cached, 0, 3600);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 1);
  g_assert_cmpint (hapi_test_server_count (&f->server, "info:ds1s"), ==, 1);

  /* Nothing of spec was ever fetched. */
  missing = cusp_provider_get_data (f->provider, "hapi-test-server/spec/flux", T0, T0 + HOUR,
                                    NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, CUSP_CACHE_ERROR, CUSP_CACHE_ERROR_OFFLINE);

  cusp_cache_set_offline (f->cache, FALSE);
  g_clear_pointer (&cached, cusp_data_unref);
  cached = get_b (f, T0 + HOUR, T0 + 3 * HOUR);
  assert_b (cached, 3600, 7200);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 2);
}

static void
damage (const char *path,
        gboolean    truncate_it)
{
  g_autofree char *bytes = NULL;
  g_autoptr (GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &bytes, &len, &error));
  g_assert_cmpuint (len, >, 1000);
  if (truncate_it)
    len /= 2;
  else
    bytes[len / 2] ^= 0x10;
  g_assert_true (g_file_set_contents (path, bytes, len, &error));
  g_assert_no_error (error);
}

static void
test_corrupt (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autofree char *p0 = fragment_file (f, "B", T0);
  g_autofree char *p1 = fragment_file (f, "B", T0 + HOUR);
  g_autoptr (CuspData) a = get_b (f, T0, T0 + 2 * HOUR);
  CuspData *again;

  g_assert_cmpint (data_requests (f, "ds1s"), ==, 1);

  damage (p0, TRUE);
  again = get_b (f, T0, T0 + 2 * HOUR);
  assert_b (again, 0, 7200);
  cusp_data_unref (again);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 2);

  damage (p1, FALSE);
  again = get_b (f, T0, T0 + 2 * HOUR);
  assert_b (again, 0, 7200);
  cusp_data_unref (again);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 3);

  /* An empty file and a foreign one are no better. */
  g_assert_true (g_file_set_contents (p0, "", 0, NULL));
  g_assert_true (g_file_set_contents (p1, "CUSPFRAG but not really a fragment file", -1, NULL));
  again = get_b (f, T0, T0 + 2 * HOUR);
  assert_b (again, 0, 7200);
  cusp_data_unref (again);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 4);

  /* Rewritten intact: served from disk again. */
  again = get_b (f, T0, T0 + 2 * HOUR);
  assert_b (again, 0, 7200);
  cusp_data_unref (again);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 4);
}

/* The server's list for regions1m (tests/hapi-server.py). */
static const char *const regions[] = {
  "Solar_Wind", "Bow_Shock", "Magnetosheath", "D_Msphere", "N_Msphere",
  "Plasma_Sheet", "Tail_Lobe", "Cusp, \"north\"",
};

/* regions1m region, m = first..first+count-1 minutes. */
static void
assert_regions (CuspData *d,
                guint     first,
                guint     count)
{
  CuspTextSeries *t = cusp_data_get_text (d);

  g_assert_nonnull (t);
  g_assert_cmpstr (t->name, ==, "region");
  g_assert_cmpuint (t->n_samples, ==, count);
  g_assert_cmpuint (t->n_components, ==, 1);
  for (guint k = 0; k < count; k++)
    {
      guint m = first + k;

      g_assert_cmpint (t->times[k], ==, T0 + (CuspTime) m * 60 * CUSP_NS_PER_SECOND);
      if (m % 60 == 59)
        g_assert_null (cusp_text_series_get_value (t, 0, k));
      else
        g_assert_cmpstr (cusp_text_series_get_value (t, 0, k), ==, regions[(m / 10) % 8]);
    }
}

static CuspData *
get_regions (Fixture  *f,
             CuspTime  start,
             CuspTime  stop)
{
  g_autoptr (GError) error = NULL;
  CuspData *d = cusp_provider_get_data (f->provider, "hapi-test-server/regions1m/region", start,
                                        stop, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

/* Text fragments (1-min cadence: one day each) are written, read back
 * by a new provider without a request, and a damaged one is fetched
 * again. */
static void
test_text (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autofree char *url = g_strconcat (f->server.root, "/v3/hapi", NULL);
  g_autofree char *path = cusp_cache_fragment_path (f->cache, url, "regions1m", "region", T0);
  g_autoptr (CuspProvider) fresh = NULL;
  CuspData *data;

  data = get_regions (f, T0 + HOUR, T0 + 3 * HOUR);
  assert_regions (data, 60, 120);
  cusp_data_unref (data);
  g_assert_cmpint (data_requests (f, "regions1m"), ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  fresh = new_provider (f);
  g_clear_object (&f->provider);
  f->provider = g_object_ref (fresh);
  data = get_regions (f, T0 + 50 * 60 * CUSP_NS_PER_SECOND, T0 + 23 * HOUR);
  assert_regions (data, 50, 23 * 60 - 50);
  cusp_data_unref (data);
  g_assert_cmpint (data_requests (f, "regions1m"), ==, 1);

  damage (path, FALSE);
  data = get_regions (f, T0, T0 + HOUR);
  assert_regions (data, 0, 60);
  cusp_data_unref (data);
  g_assert_cmpint (data_requests (f, "regions1m"), ==, 2);
  damage (path, TRUE);
  data = get_regions (f, T0, T0 + HOUR);
  assert_regions (data, 0, 60);
  cusp_data_unref (data);
  g_assert_cmpint (data_requests (f, "regions1m"), ==, 3);
  data = get_regions (f, T0, T0 + HOUR);
  cusp_data_unref (data);
  g_assert_cmpint (data_requests (f, "regions1m"), ==, 3);
}

static void
test_coverage (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspData) edge = NULL;
  CuspData *none;

  /* The dataset stops at 2020-01-02: the request is clamped (the server
   * answers 1405 to anything later), no request for the day after. */
  edge = get_b (f, T0 + 23 * HOUR, T0 + 25 * HOUR);
  assert_b (edge, 23 * 3600, 3600);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 1);

  none = cusp_provider_get_data (f->provider, "hapi-test-server/ds1s/B", T0 + 48 * HOUR,
                                 T0 + 50 * HOUR, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, CUSP_CACHE_ERROR, CUSP_CACHE_ERROR_NO_DATA);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 1);
  g_clear_error (&error);

  none = cusp_provider_get_data (f->provider, "hapi-test-server/ds1s/nope", T0, T0 + HOUR,
                                 NULL, &error);
  g_assert_null (none);
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_UNKNOWN_PARAMETER);
  g_clear_error (&error);

  none = cusp_provider_get_data (f->provider, "hapi-test-server/nosuch/B", T0, T0 + HOUR,
                                 NULL, &error);
  g_assert_null (none);
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_UNKNOWN_DATASET);
  g_assert_true (g_str_has_prefix (error->message, "Test server says: unknown dataset"));
  g_clear_error (&error);

  none = cusp_provider_get_data (f->provider, "hapi-test-server/ds1s", T0, T0 + HOUR,
                                 NULL, &error);
  g_assert_null (none);
  g_assert_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_UNKNOWN_PRODUCT);
}

static void
test_spectrograms (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  static const double centres[] = { 10, 20, 40, 80, 160 };

  /* Read twice: from the network, then from disk only. */
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CuspData) spec = NULL, tv = NULL;
      CuspSpectrogram *s;

      spec = cusp_provider_get_data (f->provider, "hapi-test-server/spec/flux", SEC (3600),
                                     SEC (7200), NULL, &error);
      g_assert_no_error (error);
      s = cusp_data_get_spectrogram (spec);
      g_assert_nonnull (s);
      g_assert_cmpuint (s->n_records, ==, 360);
      g_assert_cmpuint (s->n_bins, ==, 5);
      g_assert_false (s->bins_per_record);
      g_assert_cmpstr (s->bin_unit, ==, "eV");
      g_assert_cmpstr (s->unit, ==, "eV/(cm^2 s sr eV)");
      for (guint j = 0; j < 5; j++)
        g_assert_cmpfloat (cusp_spectrogram_bin_centres (s, 0)[j], ==, centres[j]);
      for (guint r = 0; r < s->n_records; r++)
        {
          guint k = 3600 + 10 * r;

          g_assert_cmpint (s->times[r], ==, SEC (k));
          for (guint j = 0; j < 5; j++)
            g_assert_cmpfloat (s->values[r * 5 + j], ==, k / 10.0 + j / 2.0);
        }

      tv = cusp_provider_get_data (f->provider, "hapi-test-server/spectv/spectra", SEC (100),
                                   SEC (200), NULL, &error);
      g_assert_no_error (error);
      s = cusp_data_get_spectrogram (tv);
      g_assert_nonnull (s);
      g_assert_cmpuint (s->n_records, ==, 10);
      g_assert_true (s->bins_per_record);
      g_assert_nonnull (s->bin_edges);
      for (guint i = 0; i < 10; i++)
        {
          guint r = 10 + i;

          /* Edges: the lower end of bin 0, then the upper end of each bin. */
          g_assert_cmpfloat (s->bin_edges[i * 5], ==, (1 + r % 3) - 0.5);
          for (guint j = 0; j < 4; j++)
            {
              double c = (j + 1) * (1 + r % 3);

              g_assert_cmpfloat (s->values[i * 4 + j], ==, r + j);
              g_assert_cmpfloat (cusp_spectrogram_bin_centres (s, i)[j], ==, c);
              g_assert_cmpfloat (s->bin_edges[i * 5 + j + 1], ==, c + 0.5);
            }
        }
      /* One day fragment each, fetched once. */
      g_assert_cmpint (data_requests (f, "spec"), ==, 1);
      g_assert_cmpint (data_requests (f, "spectv"), ==, 1);
    }
}

static void
test_clear (Fixture *f, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *p0 = fragment_file (f, "B", T0);
  CuspData *data = get_b (f, T0, T0 + HOUR);

  cusp_data_unref (data);
  g_assert_cmpuint (cusp_cache_get_size (f->cache), >, 3600 * 32);
  g_assert_true (cusp_cache_clear (f->cache, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (p0, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (cusp_cache_get_size (f->cache), ==, 0);
  data = get_b (f, T0, T0 + HOUR);
  assert_b (data, 0, 3600);
  cusp_data_unref (data);
  g_assert_cmpint (data_requests (f, "ds1s"), ==, 2);
}

/* ---- Without a server: a fetch function that counts its calls ---------- */

typedef struct
{
  int calls;
} Counter;

/* One sample a second, value = seconds since T0 + 0.5. */
static GPtrArray *
counting_fetch (const char *const *parameters,
                CuspTime           start,
                CuspTime           stop,
                gpointer           user_data,
                GCancellable      *cancellable,
                GError           **error)
{
  Counter *c = user_data;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_data_unref);
  CuspTime first = T0 + ((start - T0 + CUSP_NS_PER_SECOND - 1) / CUSP_NS_PER_SECOND) * CUSP_NS_PER_SECOND;
  guint n = first < stop ? (guint) ((stop - first + CUSP_NS_PER_SECOND - 1) / CUSP_NS_PER_SECOND) : 0;

  g_atomic_int_inc (&c->calls);
  for (guint p = 0; parameters[p] != NULL; p++)
    {
      CuspSeries *s = cusp_series_new (n, 1);

      cusp_series_set_name (s, parameters[p]);
      for (guint i = 0; i < n; i++)
        {
          s->times[i] = first + (CuspTime) i * CUSP_NS_PER_SECOND;
          s->values[i] = (double) (s->times[i] - T0) / CUSP_NS_PER_SECOND + 0.5;
        }
      g_ptr_array_add (out, cusp_data_new_series (s));
    }
  return out;
}

typedef struct
{
  char      *dir;
  CuspCache *cache;
  Counter    counter;
} Local;

static void
local_setup (Local *l)
{
  l->dir = g_dir_make_tmp ("cusp-cache-XXXXXX", NULL);
  g_assert_nonnull (l->dir);
  l->cache = cusp_cache_new (l->dir);
  l->counter.calls = 0;
}

static void
local_teardown (Local *l)
{
  g_assert_true (cusp_cache_clear (l->cache, NULL));
  g_rmdir (l->dir);
  g_clear_object (&l->cache);
  g_free (l->dir);
}

static CuspCacheRequest
local_request (Local      *l,
               const char *const *params)
{
  CuspCacheRequest req = { "local-test", "dset", params, CUSP_NS_PER_SECOND,
                           T0, T0 + 48 * HOUR, "v1", counting_fetch, &l->counter };

  return req;
}

static void
get_local (Local                  *l,
           const CuspCacheRequest *req,
           CuspTime                start,
           CuspTime                stop)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) out = cusp_cache_get (l->cache, req, start, stop, NULL, &error);
  CuspSeries *s;
  guint first = (guint) ((start - T0) / CUSP_NS_PER_SECOND);

  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 1);
  s = cusp_data_get_series (g_ptr_array_index (out, 0));
  g_assert_cmpuint (s->n_samples, ==, (stop - start) / CUSP_NS_PER_SECOND);
  for (guint i = 0; i < s->n_samples; i++)
    g_assert_cmpfloat (s->values[i], ==, first + i + 0.5);
}

static gboolean
exists (Local    *l,
        CuspTime  start)
{
  g_autofree char *path = cusp_cache_fragment_path (l->cache, "local-test", "dset", "x", start);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_eviction (void)
{
  const char *params[] = { "x", NULL };
  Local l;
  CuspCacheRequest req;
  g_autofree char *path = NULL;
  guint64 one;

  local_setup (&l);
  req = local_request (&l, params);
  for (int h = 0; h < 3; h++)   /* A, B, C */
    get_local (&l, &req, T0 + h * HOUR, T0 + (h + 1) * HOUR);
  g_assert_cmpint (l.counter.calls, ==, 3);
  path = cusp_cache_fragment_path (l.cache, "local-test", "dset", "x", T0);
  one = cusp_cache_get_size (l.cache) / 3;
  g_assert_cmpuint (one, >, 3600 * 16);

  get_local (&l, &req, T0, T0 + HOUR);          /* A is used again */
  g_assert_cmpint (l.counter.calls, ==, 3);
  cusp_cache_set_max_size (l.cache, one * 5 / 2);
  g_assert_true (exists (&l, T0));
  g_assert_false (exists (&l, T0 + HOUR));        /* B: least recently used */
  g_assert_true (exists (&l, T0 + 2 * HOUR));

  get_local (&l, &req, T0 + 3 * HOUR, T0 + 4 * HOUR);   /* D */
  g_assert_true (exists (&l, T0));
  g_assert_false (exists (&l, T0 + 2 * HOUR));    /* C now */
  g_assert_true (exists (&l, T0 + 3 * HOUR));
  g_assert_cmpuint (cusp_cache_get_size (l.cache), <=, one * 5 / 2);
  g_assert_cmpuint (cusp_cache_get_max_size (l.cache), ==, one * 5 / 2);
  local_teardown (&l);
}

static void
test_incomplete_and_version (void)
{
  const char *params[] = { "x", NULL };
  Local l;
  CuspCacheRequest req;

  local_setup (&l);
  req = local_request (&l, params);
  /* The dataset stops at 01:30: hour 1 holds the stop date. */
  req.coverage_stop = T0 + 90 * CUSP_NS_PER_MINUTE;
  get_local (&l, &req, T0, T0 + 90 * CUSP_NS_PER_MINUTE);
  g_assert_cmpint (l.counter.calls, ==, 1);
  get_local (&l, &req, T0, T0 + HOUR);
  g_assert_cmpint (l.counter.calls, ==, 1);
  get_local (&l, &req, T0, T0 + 90 * CUSP_NS_PER_MINUTE);
  g_assert_cmpint (l.counter.calls, ==, 2);     /* hour 1 again, never complete */
  cusp_cache_set_offline (l.cache, TRUE);
  get_local (&l, &req, T0, T0 + 90 * CUSP_NS_PER_MINUTE);
  g_assert_cmpint (l.counter.calls, ==, 2);     /* offline: served as stored */
  cusp_cache_set_offline (l.cache, FALSE);

  /* A new modificationDate makes the stored fragments stale. */
  req.version = "v2";
  get_local (&l, &req, T0, T0 + HOUR);
  g_assert_cmpint (l.counter.calls, ==, 3);
  get_local (&l, &req, T0, T0 + HOUR);
  g_assert_cmpint (l.counter.calls, ==, 3);
  local_teardown (&l);
}

static GPtrArray *
failing_fetch (const char *const *parameters,
               CuspTime           start,
               CuspTime           stop,
               gpointer           user_data,
               GCancellable      *cancellable,
               GError           **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no network here");
  return NULL;
}

static void
test_fetch_failure (void)
{
  const char *params[] = { "x", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) out = NULL;
  Local l;
  CuspCacheRequest req;

  local_setup (&l);
  req = local_request (&l, params);
  req.fetch = failing_fetch;
  out = cusp_cache_get (l.cache, &req, T0, T0 + HOUR, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_false (exists (&l, T0));
  g_clear_error (&error);
  /* Nothing left claimed: a working fetch goes through at once. */
  req.fetch = counting_fetch;
  get_local (&l, &req, SEC (5), SEC (6));
  g_assert_cmpint (l.counter.calls, ==, 1);
  local_teardown (&l);
}

static void
test_fragment_span (void)
{
  /* The table of the header. */
  g_assert_cmpint (cusp_cache_fragment_span (0), ==, CUSP_NS_PER_DAY);
  g_assert_cmpint (cusp_cache_fragment_span (8 * CUSP_NS_PER_MS), ==, 10 * CUSP_NS_PER_MINUTE);
  g_assert_cmpint (cusp_cache_fragment_span (CUSP_NS_PER_SECOND / 8), ==, HOUR);
  g_assert_cmpint (cusp_cache_fragment_span (CUSP_NS_PER_SECOND), ==, HOUR);
  g_assert_cmpint (cusp_cache_fragment_span (4500 * CUSP_NS_PER_MS), ==, CUSP_NS_PER_DAY);
  g_assert_cmpint (cusp_cache_fragment_span (CUSP_NS_PER_MINUTE), ==, CUSP_NS_PER_DAY);
  g_assert_cmpint (cusp_cache_fragment_span (720 * CUSP_NS_PER_SECOND), ==, 30 * CUSP_NS_PER_DAY);

  /* UTC boundaries. */
  g_assert_cmpint (cusp_cache_fragment_start (iso ("2020-01-01T13:45:10.5Z"), HOUR), ==,
                   iso ("2020-01-01T13:00:00Z"));
  g_assert_cmpint (cusp_cache_fragment_start (iso ("2020-01-01T13:00:00Z"), HOUR), ==,
                   iso ("2020-01-01T13:00:00Z"));
  g_assert_cmpint (cusp_cache_fragment_start (iso ("2020-01-01T13:45:10Z"), CUSP_NS_PER_DAY), ==,
                   iso ("2020-01-01T00:00:00Z"));
  /* 2020-01-01 is Unix day 18262; 18262 - 18262 % 30 = 18240 = 2019-12-10. */
  g_assert_cmpint (cusp_cache_fragment_start (iso ("2020-01-01T13:45:10Z"), 30 * CUSP_NS_PER_DAY), ==,
                   iso ("2019-12-10T00:00:00Z"));
  g_assert_cmpint (cusp_cache_fragment_start (iso ("1969-12-31T23:30:00Z"), HOUR), ==,
                   iso ("1969-12-31T23:00:00Z"));
  /* Inside the leap second of 2016-12-31 the hour is still 23:00. */
  g_assert_cmpint (cusp_cache_fragment_start (iso ("2016-12-31T23:59:60.5Z"), HOUR), ==,
                   iso ("2016-12-31T23:00:00Z"));
  g_assert_cmpint (cusp_cache_fragment_start (iso ("2017-01-01T00:00:00Z"), HOUR), ==,
                   iso ("2017-01-01T00:00:00Z"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/cache/fragment-span", test_fragment_span);
  g_test_add_func ("/cusp/cache/eviction", test_eviction);
  g_test_add_func ("/cusp/cache/incomplete-and-version", test_incomplete_and_version);
  g_test_add_func ("/cusp/cache/fetch-failure", test_fetch_failure);
#define ADD(path, fn) g_test_add ("/cusp/cache/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("cold-warm-zoom-pan", test_cold_warm_zoom_pan);
  ADD ("several-parameters", test_several_parameters);
  ADD ("concurrent", test_concurrent);
  ADD ("offline", test_offline);
  ADD ("corrupt", test_corrupt);
  ADD ("coverage", test_coverage);
  ADD ("spectrograms", test_spectrograms);
  ADD ("clear", test_clear);
  ADD ("text", test_text);
#undef ADD
  return g_test_run ();
}
