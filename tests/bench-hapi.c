/* bench-hapi.c: HAPI stream parsing and remote data end to end.
 *
 * 1. CSV and binary parse rates on generated in-memory streams shaped like
 *    tests/hapi-server.py's ds1s (time + B[3] + n, 1-s records, numbers
 *    written with 17 significant digits as Python's repr does), fed in
 *    64 KiB chunks; memcpy of the same bytes for comparison.
 *    Targets: CSV ≥ 150 MB/s on one core, binary close to memcpy.
 * 2. One day of 1-s data with 4 columns (ds1s B and n) from the local
 *    Python server through CuspHapiProvider and the cache: cold (network,
 *    parse, store 24 fragments of two parameters) and warm (from disk).
 * Prints a Markdown table.
 */
#define G_LOG_DOMAIN "cusp-bench-hapi"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/mman.h>

#include "cusp-hapi-binary.h"
#include "cusp-hapi-csv.h"
#include "cusp-hapi-provider.h"
#include "hapi-test-server.h"

#define N_RECORDS 500000
#define N_VALUES  4
#define CHUNK     65536
#define ROUNDS    5
#define HUGE_BYTES ((gsize) 2 << 20)

static const char *info_json =
  "{\"HAPI\":\"3.3\",\"status\":{\"code\":1200,\"message\":\"OK\"},"
  "\"startDate\":\"2020-01-01T00:00:00Z\",\"stopDate\":\"2020-02-01T00:00:00Z\","
  "\"cadence\":\"PT1S\",\"parameters\":["
  "{\"name\":\"Time\",\"type\":\"isotime\",\"units\":\"UTC\",\"fill\":null,\"length\":24},"
  "{\"name\":\"B\",\"type\":\"double\",\"units\":\"nT\",\"fill\":\"-1e31\",\"size\":[3]},"
  "{\"name\":\"n\",\"type\":\"double\",\"units\":\"cm^-3\",\"fill\":\"-1e31\"}]}";

static void
record_values (guint   i,
               double *v)
{
  v[0] = i * 0.25 - 3;
  v[1] = sin (i / 10.0);
  v[2] = (i % 17) * 1.5;
  v[3] = i % 100 == 99 ? -1e31 : 1000 + i / 8.0;
}

static void
record_time (guint  i,
             char  *buf)
{
  g_snprintf (buf, 25, "2020-01-%02uT%02u:%02u:%02u.000Z",
              1 + i / 86400, i / 3600 % 24, i / 60 % 60, i % 60);
}

static GBytes *
make_csv_bytes (void)
{
  GString *s = g_string_sized_new (N_RECORDS * 100);

  for (guint i = 0; i < N_RECORDS; i++)
    {
      char t[32];
      double v[N_VALUES];

      record_time (i, t);
      record_values (i, v);
      g_string_append (s, t);
      for (guint c = 0; c < N_VALUES; c++)
        {
          char num[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_c (s, ',');
          g_string_append (s, g_ascii_formatd (num, sizeof num, "%.17g", v[c]));
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free_to_bytes (s);
}

static GBytes *
make_binary_bytes (void)
{
  gsize record = 24 + 8 * N_VALUES;
  guint8 *buf = g_malloc ((gsize) N_RECORDS * record);

  for (guint i = 0; i < N_RECORDS; i++)
    {
      guint8 *r = buf + (gsize) i * record;
      char t[32];
      double v[N_VALUES];

      record_time (i, t);
      record_values (i, v);
      memcpy (r, t, 24);
      for (guint c = 0; c < N_VALUES; c++)
        {
          guint64 bits;

          memcpy (&bits, &v[c], 8);
          bits = GUINT64_TO_LE (bits);
          memcpy (r + 24 + 8 * c, &bits, 8);
        }
    }
  return g_bytes_new_take (buf, (gsize) N_RECORDS * record);
}

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* Best of ROUNDS, parse + container build included. */
/* expected: the size hint the client gives from the request's span and
 * the cadence (0: none). */
static double
time_parse (GBytes       *bytes,
            CuspHapiInfo *info,
            gboolean      binary,
            guint         expected)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  double best = G_MAXDOUBLE;

  for (int round = 0; round < ROUNDS; round++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) out = NULL;
      double t0 = now_s (), t;

      if (binary)
        {
          g_autoptr (CuspHapiBinaryParser) p = cusp_hapi_binary_parser_new (info);

          cusp_hapi_binary_parser_expect (p, expected);
          for (gsize at = 0; at < len; at += CHUNK)
            g_assert_true (cusp_hapi_binary_parser_feed (p, data + at, MIN (CHUNK, len - at), &error));
          g_assert_true (cusp_hapi_binary_parser_finish (p, &error));
          out = cusp_hapi_binary_parser_take_data (p, &error);
        }
      else
        {
          g_autoptr (CuspHapiCsvParser) p = cusp_hapi_csv_parser_new (info);

          cusp_hapi_csv_parser_expect (p, expected);
          for (gsize at = 0; at < len; at += CHUNK)
            g_assert_true (cusp_hapi_csv_parser_feed (p, data + at, MIN (CHUNK, len - at), &error));
          g_assert_true (cusp_hapi_csv_parser_finish (p, &error));
          out = cusp_hapi_csv_parser_take_data (p, &error);
        }
      t = now_s () - t0;
      g_assert_no_error (error);
      g_assert_cmpuint (out->len, ==, 2);
      g_assert_cmpuint (cusp_data_get_length (g_ptr_array_index (out, 0)), ==, N_RECORDS);
      /* A value checked against the formula, so the work is not skipped. */
      g_assert_cmpfloat (cusp_data_get_series (g_ptr_array_index (out, 0))->values[N_RECORDS - 1],
                         ==, (N_RECORDS - 1) * 0.25 - 3);
      best = MIN (best, t);
    }
  return best;
}

typedef enum
{
  COPY_WARM,        /* into one buffer reused by every round */
  COPY_FRESH,       /* into new memory each round, 4 KiB pages */
  COPY_FRESH_HUGE,  /* into new memory each round, transparent huge pages */
} CopyKind;

/* New memory the kernel has not mapped yet, as a parser's output arrays
 * are: mmap per round (malloc would recycle the last round's pages).
 * *base and len + HUGE_BYTES are what to munmap. */
static char *
map_fresh (gsize    len,
           gboolean huge,
           char   **base)
{
  char *p = mmap (NULL, len + HUGE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *aligned;

  g_assert_true (p != MAP_FAILED);
  *base = p;
  if (!huge)
    return p;
  aligned = (char *) (((guintptr) p + HUGE_BYTES - 1) & ~(guintptr) (HUGE_BYTES - 1));
  madvise (aligned, len - len % HUGE_BYTES, MADV_HUGEPAGE);
  return aligned;
}

/* memcpy of the stream in 64 KiB chunks, best of ROUNDS. */
static double
time_memcpy (GBytes  *bytes,
             CopyKind kind)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  char *warm_base = NULL;
  char *warm = kind == COPY_WARM ? map_fresh (len, FALSE, &warm_base) : NULL;
  double best = G_MAXDOUBLE;

  for (int round = 0; round < ROUNDS; round++)
    {
      char *base = NULL;
      double t0 = now_s ();
      char *dst = warm ? warm : map_fresh (len, kind == COPY_FRESH_HUGE, &base);

      for (gsize at = 0; at < len; at += CHUNK)
        memcpy (dst + at, data + at, MIN (CHUNK, len - at));
      best = MIN (best, now_s () - t0);
      g_assert_true (memcmp (dst, data, 64) == 0);
      if (base != NULL)
        munmap (base, len + HUGE_BYTES);
    }
  if (warm_base != NULL)
    munmap (warm_base, len + HUGE_BYTES);
  return best;
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static double
fetch_day (CuspProvider *provider)
{
  const char *names[] = { "B", "n", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) data = NULL;
  CuspTime t0, t1;
  double start;

  g_assert_true (cusp_time_parse_iso ("2020-01-01T00:00:00Z", &t0, NULL));
  g_assert_true (cusp_time_parse_iso ("2020-01-02T00:00:00Z", &t1, NULL));
  start = now_s ();
  data = cusp_hapi_provider_get_dataset_data (CUSP_HAPI_PROVIDER (provider), "ds1s", names,
                                              t0, t1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cusp_data_get_length (g_ptr_array_index (data, 0)), ==, 86400);
  g_assert_cmpuint (cusp_data_get_length (g_ptr_array_index (data, 1)), ==, 86400);
  return now_s () - start;
}

/* The same day straight from the client: the server's and the parser's
 * share of the cold time. */
static double
fetch_day_raw (CuspProvider *provider,
               CuspHapiInfo *info)
{
  const char *names[] = { "B", "n", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) data = NULL;
  CuspTime t0, t1;
  double start;

  g_assert_true (cusp_time_parse_iso ("2020-01-01T00:00:00Z", &t0, NULL));
  g_assert_true (cusp_time_parse_iso ("2020-01-02T00:00:00Z", &t1, NULL));
  start = now_s ();
  data = cusp_hapi_client_get_data (cusp_hapi_provider_get_client (CUSP_HAPI_PROVIDER (provider)),
                                    "ds1s", info, names, t0, t1, CUSP_HAPI_FORMAT_BINARY, FALSE,
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cusp_data_get_length (g_ptr_array_index (data, 0)), ==, 86400);
  return now_s () - start;
}

static void
bench_end_to_end (double *cold,
                  double *warm,
                  double *raw,
                  double *info_ms)
{
  HapiTestServer server;
  g_autofree char *dir = g_dir_make_tmp ("cusp-bench-hapi-XXXXXX", NULL);
  g_autoptr (CuspCache) cache = cusp_cache_new (dir);
  g_autoptr (CuspProvider) provider = NULL;
  g_autoptr (CuspHapiInfo) info = NULL;
  g_autofree char *url = NULL;
  double t0;

  hapi_test_server_start (&server);
  url = g_strconcat (server.root, "/v3/hapi", NULL);
  provider = cusp_hapi_provider_new ("Local", url);
  cusp_hapi_provider_set_cache (CUSP_HAPI_PROVIDER (provider), cache);
  t0 = now_s ();
  info = cusp_hapi_provider_get_info (CUSP_HAPI_PROVIDER (provider), "ds1s", NULL, NULL);
  *info_ms = (now_s () - t0) * 1000;
  g_assert_nonnull (info);
  *raw = fetch_day_raw (provider, info);
  *cold = fetch_day (provider);
  *warm = G_MAXDOUBLE;
  for (int round = 0; round < ROUNDS; round++)
    *warm = MIN (*warm, fetch_day (provider));
  g_assert_cmpint (hapi_test_server_count (&server, "data:ds1s"), ==, 2);
  hapi_test_server_stop (&server);
  remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_autoptr (CuspHapiInfo) info = NULL;
  g_autoptr (GBytes) csv = NULL, binary = NULL;
  double t_csv, t_bin, t_bin_nohint, t_csv_copy, t_bin_copy, t_bin_fresh, t_bin_huge;
  double cold, warm, raw, info_ms;
  double mb_csv, mb_bin, values = (double) N_RECORDS * N_VALUES;

  g_test_init (&argc, &argv, NULL);
  info = cusp_hapi_info_parse (info_json, -1, NULL);
  g_assert_nonnull (info);
  csv = make_csv_bytes ();
  binary = make_binary_bytes ();
  mb_csv = g_bytes_get_size (csv) / 1e6;
  mb_bin = g_bytes_get_size (binary) / 1e6;

  t_csv = time_parse (csv, info, FALSE, N_RECORDS);
  t_bin = time_parse (binary, info, TRUE, N_RECORDS);
  t_bin_nohint = time_parse (binary, info, TRUE, 0);
  t_csv_copy = time_memcpy (csv, COPY_WARM);
  t_bin_copy = time_memcpy (binary, COPY_WARM);
  t_bin_fresh = time_memcpy (binary, COPY_FRESH);
  t_bin_huge = time_memcpy (binary, COPY_FRESH_HUGE);
  /* --parse-only: the in-memory part, for profiling without the server. */
  if (argc > 1 && strcmp (argv[1], "--parse-only") == 0)
    cold = warm = raw = info_ms = NAN;
  else
    bench_end_to_end (&cold, &warm, &raw, &info_ms);

  printf ("| measure | value |\n|---|---|\n");
  printf ("| CSV parse, %u records × (time + 4 doubles), %.1f MB | %.0f MB/s, %.1f M values/s, %.2f M records/s |\n",
          N_RECORDS, mb_csv, mb_csv / t_csv, values / t_csv / 1e6, N_RECORDS / t_csv / 1e6);
  printf ("| binary parse, same records, %.1f MB, size hint from span/cadence (as the client) | %.0f MB/s, %.1f M values/s, %.2f M records/s |\n",
          mb_bin, mb_bin / t_bin, values / t_bin / 1e6, N_RECORDS / t_bin / 1e6);
  printf ("| binary parse, no size hint (arrays grow) | %.0f MB/s |\n", mb_bin / t_bin_nohint);
  printf ("| memcpy of the CSV bytes into a reused buffer | %.0f MB/s |\n", mb_csv / t_csv_copy);
  printf ("| memcpy of the binary bytes into a reused buffer | %.0f MB/s |\n", mb_bin / t_bin_copy);
  printf ("| memcpy of the binary bytes into new memory, 4 KiB pages | %.0f MB/s |\n", mb_bin / t_bin_fresh);
  printf ("| memcpy of the binary bytes into new memory, huge pages | %.0f MB/s |\n", mb_bin / t_bin_huge);
  printf ("| binary parse / memcpy into new memory (huge pages) | %.0f %% |\n", 100.0 * t_bin_huge / t_bin);
  printf ("| binary parse / memcpy into a reused buffer | %.0f %% |\n", 100.0 * t_bin_copy / t_bin);
  printf ("| /info from the local server | %.1f ms |\n", info_ms);
  printf ("| one day of 1-s data, 4 columns (B[3], n), client only, binary, no cache | %.0f ms |\n", raw * 1000);
  printf ("| same through the cache, cold (fetch, 48 fragment files written) | %.0f ms |\n", cold * 1000);
  printf ("| same, warm cache (24 fragments × 2 parameters from disk) | %.1f ms |\n", warm * 1000);
  return 0;
}
