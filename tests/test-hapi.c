/* HAPI client against tests/hapi-server.py on 127.0.0.1.  Expected values
 * are computed here from the formulas documented in the server script. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <curl/curl.h>
#include <gio/gio.h>

#include "cusp-hapi-client.h"

typedef struct
{
  GSubprocess *proc;
  char        *root;     /* http://127.0.0.1:port */
} Server;

static void
server_setup (Server        *s,
              gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "hapi-server.py", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  s->proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              "python3", script, g_getenv ("CUSP_FIXTURES"), "300", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s->proc));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_cmpint (atoi (line), >, 0);
  s->root = g_strdup_printf ("http://127.0.0.1:%s", line);
}

static void
server_teardown (Server        *s,
                 gconstpointer  data G_GNUC_UNUSED)
{
  g_subprocess_force_exit (s->proc);
  g_subprocess_wait (s->proc, NULL, NULL);
  g_clear_object (&s->proc);
  g_free (s->root);
}

static size_t
append_cb (char *data, size_t size, size_t nmemb, void *user)
{
  g_string_append_len (user, data, size * nmemb);
  return size * nmemb;
}

/* The server's request count for key (a path or "data:<dataset>"). */
static int
server_count (Server     *s,
              const char *key)
{
  g_autofree char *url = g_strconcat (s->root, "/counts", NULL);
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *pattern = g_strdup_printf ("\"%s\": ", key);
  CURL *curl = curl_easy_init ();
  const char *hit;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, append_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, body);
  g_assert_cmpint (curl_easy_perform (curl), ==, CURLE_OK);
  curl_easy_cleanup (curl);
  hit = strstr (body->str, pattern);
  return hit ? atoi (hit + strlen (pattern)) : 0;
}

static CuspHapiClient *
client_for (Server     *s,
            const char *prefix)
{
  g_autofree char *base = g_strconcat (s->root, prefix, NULL);
  CuspHapiClient *c = cusp_hapi_client_new (base);

  cusp_hapi_client_set_name (c, "Test server");
  cusp_hapi_client_set_retries (c, 3, 20);
  cusp_hapi_client_set_timeouts (c, 5, 20);
  return c;
}

static CuspTime
iso (const char *text)
{
  CuspTime t;

  g_assert_true (cusp_time_parse_iso (text, &t, NULL));
  return t;
}

#define T0 (iso ("2020-01-01T00:00:00Z"))
#define SEC(i) (T0 + (CuspTime) (i) * CUSP_NS_PER_SECOND)

/* ds1s at i seconds: Bx = i/4 - 3, By = sin(i/10), Bz = (i%17)*1.5,
 * n = 1000 + i/8 (fill every 100th). */
static void
assert_ds1s (CuspSeries *b,
             CuspSeries *n,
             guint       first,
             guint       count)
{
  if (b != NULL)
    {
      g_assert_cmpuint (b->n_samples, ==, count);
      g_assert_cmpuint (b->n_components, ==, 3);
      g_assert_cmpstr (b->unit, ==, "nT");
    }
  if (n != NULL)
    g_assert_cmpuint (n->n_samples, ==, count);
  for (guint k = 0; k < count; k++)
    {
      guint i = first + k;

      if (b != NULL)
        {
          g_assert_cmpint (b->times[k], ==, SEC (i));
          g_assert_cmpfloat (cusp_series_column (b, 0)[k], ==, i * 0.25 - 3);
          g_assert_cmpfloat_with_epsilon (cusp_series_column (b, 1)[k], sin (i / 10.0), 1e-15);
          g_assert_cmpfloat (cusp_series_column (b, 2)[k], ==, (i % 17) * 1.5);
        }
      if (n != NULL)
        {
          g_assert_cmpint (n->times[k], ==, SEC (i));
          if (i % 100 == 99)
            g_assert_true (isnan (n->values[k]));
          else
            g_assert_cmpfloat (n->values[k], ==, 1000 + i / 8.0);
        }
    }
}

static CuspSeries *
series_at (GPtrArray *data,
           guint      i)
{
  g_assert_cmpuint (i, <, data->len);
  return cusp_data_get_series (g_ptr_array_index (data, i));
}

static void
test_v3_csv (Server *s, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspHapiClient) c = client_for (s, "/v3/hapi");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) data = NULL;
  g_autofree char *version = NULL;

  data = cusp_hapi_client_get_data (c, "ds1s", NULL, NULL, SEC (0), SEC (250),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->len, ==, 2);
  g_assert_cmpstr (series_at (data, 0)->name, ==, "B");
  assert_ds1s (series_at (data, 0), series_at (data, 1), 0, 250);
  version = cusp_hapi_client_dup_version (c);
  g_assert_cmpstr (version, ==, "3.3");
  g_assert_cmpint (server_count (s, "/v3/hapi/capabilities"), ==, 1);
  g_assert_cmpint (server_count (s, "info:ds1s"), ==, 1);
  g_assert_cmpint (server_count (s, "data:ds1s"), ==, 1);
  g_assert_cmpint (server_count (s, "gzip"), ==, 1);   /* gzip was offered */
}

static void
test_v2_binary (Server *s, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspHapiClient) c = client_for (s, "/v2/hapi");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) data = NULL;
  g_autoptr (CuspHapiInfo) info = NULL;
  const char *names[] = { "n", NULL };

  info = cusp_hapi_client_get_info (c, "ds1s", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->version, ==, "2.0");
  g_assert_cmpstr (info->cadence, ==, "PT1S");
  /* A 2.0 server rejects dataset/start/stop (1401): this must use id/time.min. */
  data = cusp_hapi_client_get_data (c, "ds1s", info, names, SEC (90), SEC (210),
                                    CUSP_HAPI_FORMAT_BINARY, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->len, ==, 1);
  assert_ds1s (NULL, series_at (data, 0), 90, 120);
  g_assert_cmpint (server_count (s, "data:ds1s"), ==, 1);
}

static void
test_url (Server *s, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspHapiClient) c = client_for (s, "/v2/hapi/");
  const char *names[] = { "B", "n", NULL };
  g_autofree char *u2 = NULL, *u3 = NULL, *expected2 = NULL, *expected3 = NULL;

  cusp_hapi_client_set_version (c, "2.0");
  u2 = cusp_hapi_client_build_data_url (c, "ds1s", names, SEC (0), SEC (10) + 500000000,
                                        CUSP_HAPI_FORMAT_BINARY, TRUE);
  expected2 = g_strconcat (s->root, "/v2/hapi/data?id=ds1s&time.min=2020-01-01T00:00:00Z"
                           "&time.max=2020-01-01T00:00:10.500000000Z&parameters=B,n"
                           "&format=binary&include=header", NULL);
  g_assert_cmpstr (u2, ==, expected2);
  cusp_hapi_client_set_version (c, "3.1");
  u3 = cusp_hapi_client_build_data_url (c, "a b", NULL, SEC (0), SEC (1), CUSP_HAPI_FORMAT_CSV, FALSE);
  expected3 = g_strconcat (s->root, "/v2/hapi/data?dataset=a%20b&start=2020-01-01T00:00:00Z"
                           "&stop=2020-01-01T00:00:01Z", NULL);
  g_assert_cmpstr (u3, ==, expected3);
}

static void
test_spectrograms (Server *s, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspHapiClient) c = client_for (s, "/v3/hapi");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) fixed = NULL;
  g_autoptr (GPtrArray) varying = NULL;
  const char *names[] = { "spectra", NULL };
  CuspSpectrogram *sp;
  double e[5];

  fixed = cusp_hapi_client_get_data (c, "spec", NULL, NULL, SEC (0), SEC (600),
                                     CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_no_error (error);
  sp = cusp_data_get_spectrogram (g_ptr_array_index (fixed, 0));
  g_assert_nonnull (sp);
  g_assert_false (sp->bins_per_record);
  g_assert_cmpuint (sp->n_records, ==, 60);
  g_assert_cmpuint (sp->n_bins, ==, 5);
  g_assert_cmpstr (sp->bin_unit, ==, "eV");
  for (guint j = 0; j < 5; j++)
    g_assert_cmpfloat (sp->bin_centres[j], ==, 10 << j);
  for (guint r = 0; r < 60; r++)
    {
      g_assert_cmpint (sp->times[r], ==, SEC (10 * r));
      for (guint j = 0; j < 5; j++)
        g_assert_cmpfloat (sp->values[r * 5 + j], ==, (10 * r) / 10.0 + j / 2.0);
    }

  /* Asking for the spectra brings in the parameters holding its bins. */
  varying = cusp_hapi_client_get_data (c, "spectv", NULL, names, SEC (100), SEC (400),
                                       CUSP_HAPI_FORMAT_BINARY, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (varying->len, ==, 3);
  sp = cusp_data_get_spectrogram (g_ptr_array_index (varying, 0));
  g_assert_true (sp->bins_per_record);
  g_assert_cmpuint (sp->n_records, ==, 30);
  g_assert_cmpuint (sp->n_bins, ==, 4);
  for (guint k = 0; k < 30; k++)
    {
      guint r = 10 + k;

      g_assert_cmpint (sp->times[k], ==, SEC (10 * r));
      cusp_spectrogram_bin_edges (sp, k, e);
      g_assert_cmpfloat (e[0], ==, (1 + r % 3) - 0.5);
      for (guint j = 0; j < 4; j++)
        {
          double centre = (j + 1) * (1 + r % 3);

          g_assert_cmpfloat (sp->values[k * 4 + j], ==, r + j);
          g_assert_cmpfloat (cusp_spectrogram_bin_centres (sp, k)[j], ==, centre);
          g_assert_cmpfloat (e[j + 1], ==, centre + 0.5);
        }
    }
}

static void
test_split (Server *s, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspHapiClient) c = client_for (s, "/v3/hapi");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) data = NULL;

  /* 25 min with maxRequestDuration PT10M: 3 requests (the server answers
   * 1408 to anything longer). */
  data = cusp_hapi_client_get_data (c, "ds1s_split", NULL, NULL, SEC (0), SEC (1500),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_no_error (error);
  assert_ds1s (series_at (data, 0), series_at (data, 1), 0, 1500);
  g_assert_cmpint (server_count (s, "data:ds1s_split"), ==, 3);
}

static void
test_retry (Server *s, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspHapiClient) c = client_for (s, "/v3/hapi");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) data = NULL;

  data = cusp_hapi_client_get_data (c, "flaky500", NULL, NULL, SEC (0), SEC (10),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_no_error (error);
  assert_ds1s (series_at (data, 0), NULL, 0, 10);
  g_assert_cmpint (server_count (s, "data:flaky500"), ==, 2);

  g_clear_pointer (&data, g_ptr_array_unref);
  data = cusp_hapi_client_get_data (c, "always500", NULL, NULL, SEC (0), SEC (10),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_null (data);
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "Test server had an internal error (HTTP 500); try again later");
  g_assert_cmpint (server_count (s, "data:always500"), ==, 3);
  g_clear_error (&error);

  data = cusp_hapi_client_get_data (c, "err1501", NULL, NULL, SEC (0), SEC (10),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "Test server says: it could not get the data from its own source (HAPI 1501); try again later. Server message: “Internal server error - upstream request error”");
  g_assert_cmpint (server_count (s, "data:err1501"), ==, 3);
}

static void
test_hapi_errors (Server *s, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspHapiClient) c = client_for (s, "/v3/hapi");
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspHapiInfo) info = NULL;
  GPtrArray *data;

  data = cusp_hapi_client_get_data (c, "nope", NULL, NULL, SEC (0), SEC (10),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_null (data);
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_UNKNOWN_DATASET);
  g_assert_cmpstr (error->message, ==, "Test server says: unknown dataset “nope” (HAPI 1406); check the name in the server’s catalog. Server message: “Bad request - unknown dataset id”");
  g_assert_cmpint (server_count (s, "info:nope"), ==, 1);   /* a 4xx is not retried */
  g_clear_error (&error);

  info = cusp_hapi_client_get_info (c, "ds1s", NULL, &error);
  g_assert_no_error (error);
  data = cusp_hapi_client_get_data (c, "ds1s", info, NULL, SEC (-10), SEC (10),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_null (data);
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_BAD_TIME);
  g_assert_nonnull (strstr (error->message, "(HAPI 1405)"));
  g_assert_nonnull (strstr (error->message, "“ds1s”"));
  g_clear_error (&error);

  data = cusp_hapi_client_get_data (c, "ds1s", info, NULL, SEC (10), SEC (10),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_BAD_TIME);
  g_clear_error (&error);

  /* Nothing in [0.2 s, 0.7 s): an empty body gives empty series. */
  data = cusp_hapi_client_get_data (c, "ds1s", info, NULL, SEC (0) + 200000000, SEC (0) + 700000000,
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series_at (data, 0)->n_samples, ==, 0);
  g_ptr_array_unref (data);
}

static void
test_bad_streams (Server *s, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspHapiClient) c = client_for (s, "/v3/hapi");
  g_autoptr (GError) error = NULL;
  GPtrArray *data;

  data = cusp_hapi_client_get_data (c, "truncated", NULL, NULL, SEC (0), SEC (100),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_null (data);
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_TRUNCATED);
  g_assert_true (g_str_has_prefix (error->message, "Test server closed the connection before sending all the data"));
  g_assert_cmpint (server_count (s, "data:truncated"), ==, 3);
  g_clear_error (&error);

  data = cusp_hapi_client_get_data (c, "garbage", NULL, NULL, SEC (0), SEC (100),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_null (data);
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (error->message, ==, "line 1: “<html><body>Maintenance</body></html>” is not a HAPI time in column 1 (parameter Time)");
  g_assert_cmpint (server_count (s, "data:garbage"), ==, 1);
  g_clear_error (&error);

  /* Slow but steady: 40 lines at 50 ms each. */
  data = cusp_hapi_client_get_data (c, "trickle", NULL, NULL, SEC (0), SEC (40),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_no_error (error);
  assert_ds1s (series_at (data, 0), series_at (data, 1), 0, 40);
  g_ptr_array_unref (data);
}

static gpointer
cancel_later (gpointer cancellable)
{
  g_usleep (300000);
  g_cancellable_cancel (cancellable);
  return NULL;
}

static void
test_stall (Server *s, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspHapiClient) c = client_for (s, "/v3/hapi");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  GThread *thread;
  GPtrArray *data;
  gint64 t0;

  cusp_hapi_client_set_version (c, "3.3");
  thread = g_thread_new ("cancel", cancel_later, cancellable);
  t0 = g_get_monotonic_time ();
  data = cusp_hapi_client_get_data (c, "stall", NULL, NULL, SEC (0), SEC (100),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, cancellable, &error);
  g_assert_null (data);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 1500000);
  g_thread_join (thread);
  g_clear_error (&error);

  /* Without cancellation the low-speed limit ends it (curl averages the
   * speed over ~5 s, so a 1 s limit fires after about 6 s). */
  cusp_hapi_client_set_timeouts (c, 5, 1);
  cusp_hapi_client_set_retries (c, 1, 0);
  t0 = g_get_monotonic_time ();
  data = cusp_hapi_client_get_data (c, "stall", NULL, NULL, SEC (0), SEC (100),
                                    CUSP_HAPI_FORMAT_CSV, FALSE, NULL, &error);
  g_assert_null (data);
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_TIMEOUT);
  g_assert_true (g_str_has_prefix (error->message, "Test server did not answer in time"));
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 12000000);
}

static void
test_fixture_json (Server *s, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspHapiClient) c = client_for (s, "/fixture/hapi");
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspHapiCapabilities) caps = NULL;
  g_autoptr (CuspHapiCatalog) cat = NULL;
  g_autoptr (CuspHapiInfo) info = NULL;

  caps = cusp_hapi_client_get_capabilities (c, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cusp_hapi_capabilities_has_format (caps, "binary"));
  cat = cusp_hapi_client_get_catalog (c, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cat->n_entries, ==, 265);
  g_assert_cmpstr (cat->entries[264].id, ==, "yohkoh");
  info = cusp_hapi_client_get_info (c, "ace", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->n_parameters, ==, 66);
  g_assert_cmpstr (info->cadence, ==, "PT720S");
}

static void
test_unreachable (void)
{
  g_autoptr (CuspHapiClient) c = cusp_hapi_client_new ("http://127.0.0.1:1/hapi");
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspHapiCatalog) cat = NULL;

  cusp_hapi_client_set_retries (c, 2, 10);
  cat = cusp_hapi_client_get_catalog (c, NULL, &error);
  g_assert_null (cat);
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (error->message, "Cannot reach 127.0.0.1 ("));
}

/* ds1s_begin stamps the start of each 1-s interval (timeStampLocation
 * "begin", cadence PT1S): record i comes back at i s + 0.5 s, the centre,
 * in both formats, with ds1s's values. */
static void
test_time_stamp_begin (Server *s, gconstpointer d G_GNUC_UNUSED)
{
  g_autoptr (CuspHapiClient) c = client_for (s, "/v3/hapi");

  for (guint f = 0; f < 2; f++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) data = NULL;
      CuspSeries *b, *n;

      data = cusp_hapi_client_get_data (c, "ds1s_begin", NULL, NULL, SEC (0), SEC (30),
                                        f == 0 ? CUSP_HAPI_FORMAT_CSV : CUSP_HAPI_FORMAT_BINARY,
                                        FALSE, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (data->len, ==, 2);
      b = series_at (data, 0);
      n = series_at (data, 1);
      g_assert_cmpuint (b->n_samples, ==, 30);
      g_assert_cmpuint (n->n_samples, ==, 30);
      for (guint i = 0; i < 30; i++)
        {
          g_assert_cmpint (b->times[i], ==, SEC (i) + 500 * CUSP_NS_PER_MS);
          g_assert_cmpint (n->times[i], ==, SEC (i) + 500 * CUSP_NS_PER_MS);
          g_assert_cmpfloat (cusp_series_column (b, 0)[i], ==, i * 0.25 - 3);
          g_assert_cmpfloat (n->values[i], ==, 1000 + i / 8.0);
        }
      g_assert_cmpstr (cusp_metadata_get (b->metadata, "timeStampLocation"), ==, "begin");
      g_assert_cmpstr (cusp_metadata_get (b->metadata, "timeShiftApplied"), ==, "500 ms");
    }
}

#define ADD(path, func) \
  g_test_add ("/cusp/hapi/" path, Server, NULL, server_setup, func, server_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("v3-csv", test_v3_csv);
  ADD ("v2-binary", test_v2_binary);
  ADD ("url", test_url);
  ADD ("spectrograms", test_spectrograms);
  ADD ("split", test_split);
  ADD ("retry", test_retry);
  ADD ("hapi-errors", test_hapi_errors);
  ADD ("bad-streams", test_bad_streams);
  ADD ("stall", test_stall);
  ADD ("fixture-json", test_fixture_json);
  ADD ("time-stamp-begin", test_time_stamp_begin);
  g_test_add_func ("/cusp/hapi/unreachable", test_unreachable);

  return g_test_run ();
}
