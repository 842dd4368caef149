/* HAPI JSON, CSV and binary parsers on the fixtures in tests/fixtures/hapi.
 * Expected values were read from the fixture files by hand (head/tail and
 * Python's json/struct modules), not printed by Cusp. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cusp-hapi-info.h"
#include "cusp-hapi-csv.h"
#include "cusp-hapi-binary.h"
#include "cusp-hapi-private.h"

static char *
fixture (const char *name,
         gsize      *len)
{
  g_autofree char *path = g_build_filename (g_getenv ("CUSP_FIXTURES"), "hapi", name, NULL);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, len, &error);
  g_assert_no_error (error);
  return text;
}

static CuspTime
iso (const char *text)
{
  CuspTime t;
  g_autoptr (GError) error = NULL;

  g_assert_true (cusp_time_parse_iso (text, &t, &error));
  g_assert_no_error (error);
  return t;
}

/* JSON */

static void
test_capabilities (void)
{
  gsize len;
  g_autofree char *text = fixture ("capabilities.json", &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspHapiCapabilities) caps = cusp_hapi_capabilities_parse (text, len, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (caps->version, ==, "2.0");
  g_assert_cmpint (caps->status.code, ==, 1200);
  g_assert_cmpstr (caps->status.message, ==, "OK");
  g_assert_cmpuint (g_strv_length (caps->formats), ==, 3);
  g_assert_cmpstr (caps->formats[0], ==, "csv");
  g_assert_cmpstr (caps->formats[2], ==, "json");
  g_assert_true (cusp_hapi_capabilities_has_format (caps, "binary"));
  g_assert_false (cusp_hapi_capabilities_has_format (caps, "x_netcdf"));
}

static void
test_catalog (void)
{
  gsize len;
  g_autofree char *text = fixture ("catalog.json", &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspHapiCatalog) cat = cusp_hapi_catalog_parse (text, len, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cat->version, ==, "2.0");
  g_assert_cmpuint (cat->n_entries, ==, 265);
  g_assert_cmpstr (cat->entries[0].id, ==, "ace");
  g_assert_cmpstr (cat->entries[0].title, ==, "ACE");
  g_assert_cmpstr (cat->entries[13].id, ==, "arase");
  g_assert_cmpstr (cat->entries[13].title, ==, "Arase (ERG)");
  g_assert_cmpstr (cat->entries[264].id, ==, "yohkoh");
  g_assert_cmpstr (cat->entries[264].title, ==, "Yohkoh (Solar-A)");
}

static void
test_info (void)
{
  gsize len;
  g_autofree char *text = fixture ("info.json", &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspHapiInfo) info = cusp_hapi_info_parse (text, len, &error);
  const CuspHapiParameter *p;

  g_assert_no_error (error);
  g_assert_cmpstr (info->version, ==, "2.0");
  g_assert_cmpuint (info->n_parameters, ==, 66);
  g_assert_cmpstr (info->start_date, ==, "1997-08-25T17:48:00.000Z");
  g_assert_cmpstr (info->stop_date, ==, "2023-05-22T23:48:00.000Z");
  g_assert_cmpint (info->start, ==, iso ("1997-08-25T17:48:00Z"));
  g_assert_cmpint (info->stop, ==, iso ("2023-05-22T23:48:00Z"));
  g_assert_cmpstr (info->cadence, ==, "PT720S");
  g_assert_cmpstr (info->description, ==, "ACE ephemeris");
  g_assert_cmpstr (info->resource_url, ==, "https://sscweb.gsfc.nasa.gov/");
  g_assert_cmpstr (info->time_stamp_location, ==, "center");   /* HAPI default */
  g_assert_null (info->max_request_duration);
  g_assert_null (info->modification_date);
  p = &info->parameters[0];
  g_assert_cmpstr (p->name, ==, "Time");
  g_assert_cmpint (p->type, ==, CUSP_HAPI_TYPE_ISOTIME);
  g_assert_cmpint (p->length, ==, 18);
  g_assert_null (p->fill);
  g_assert_cmpstr (p->units[0], ==, "UTC");
  p = &info->parameters[1];
  g_assert_cmpstr (p->name, ==, "X_TOD");
  g_assert_cmpint (p->type, ==, CUSP_HAPI_TYPE_DOUBLE);
  g_assert_cmpstr (p->units[0], ==, "R_E");
  g_assert_cmpstr (p->fill, ==, "1e31");
  g_assert_cmpfloat (p->fill_value, ==, 1e31);
  g_assert_cmpuint (p->n_size, ==, 0);
  g_assert_cmpuint (cusp_hapi_parameter_n_components (p), ==, 1);
  g_assert_true (g_str_has_prefix (p->description, "X Position in the Geocentric Equatorial"));
  p = &info->parameters[65];
  g_assert_cmpstr (p->name, ==, "GSE_Magnetic_Vector_Z");
  g_assert_cmpstr (p->description, ==, "");
  g_assert_cmpint (cusp_hapi_info_find (info, "Lon_TOD"), ==, 5);
  g_assert_cmpint (cusp_hapi_info_find (info, "nope"), ==, -1);
}

static const char synthetic_info[] =
  "{\"HAPI\":\"3.3\",\"status\":{\"code\":1200,\"message\":\"OK\"},"
  "\"startDate\":\"2020-01-01Z\",\"stopDate\":\"2020-02-01Z\","
  "\"maxRequestDuration\":\"P1D\",\"timeStampLocation\":\"BEGIN\","
  "\"modificationDate\":\"2021-03-04T05:06:07Z\","
  "\"definitions\":{\"eunits\":\"eV\",\"ebins\":{\"name\":\"energy\",\"units\":\"eV\",\"centers\":[10,20,40]}},"
  "\"parameters\":["
  "{\"name\":\"Time\",\"type\":\"isotime\",\"units\":\"UTC\",\"fill\":null,\"length\":20},"
  "{\"name\":\"B\",\"type\":\"double\",\"units\":[\"nT\",\"nT\",\"deg\"],\"fill\":\"-1e31\",\"size\":[3],\"label\":[\"Bx\",\"By\",\"Bz\"]},"
  "{\"name\":\"flag\",\"type\":\"integer\",\"units\":null,\"fill\":\"-9\"},"
  "{\"name\":\"note\",\"type\":\"string\",\"units\":null,\"fill\":null,\"length\":8},"
  "{\"name\":\"flux\",\"type\":\"double\",\"units\":{\"$ref\":\"#/definitions/eunits\"},\"fill\":\"NaN\",\"size\":[3],"
  "\"bins\":[{\"$ref\":\"#/definitions/ebins\"}]}]}";

static void
test_info_synthetic (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspHapiInfo) info = cusp_hapi_info_parse (synthetic_info, -1, &error);
  g_autoptr (CuspHapiInfo) sel = NULL;
  const char *names[] = { "flux", "B", NULL };
  const char *bad[] = { "Bz", NULL };
  const CuspHapiParameter *p;

  g_assert_no_error (error);
  g_assert_cmpstr (info->time_stamp_location, ==, "begin");
  g_assert_cmpstr (info->max_request_duration, ==, "P1D");
  g_assert_cmpstr (info->modification_date, ==, "2021-03-04T05:06:07Z");
  p = &info->parameters[1];
  g_assert_cmpuint (g_strv_length (p->units), ==, 3);
  g_assert_cmpstr (p->units[2], ==, "deg");
  g_assert_cmpstr (p->label, ==, "Bx");
  g_assert_cmpuint (cusp_hapi_parameter_n_components (p), ==, 3);
  g_assert_null (info->parameters[2].units);
  g_assert_cmpfloat (info->parameters[2].fill_value, ==, -9);
  g_assert_true (isnan (info->parameters[3].fill_value));
  p = &info->parameters[4];
  g_assert_cmpstr (p->units[0], ==, "eV");
  g_assert_true (isnan (p->fill_value));
  g_assert_cmpuint (p->n_bins, ==, 1);
  g_assert_cmpstr (p->bins[0].name, ==, "energy");
  g_assert_cmpuint (p->bins[0].n_centers, ==, 3);
  g_assert_cmpfloat (p->bins[0].centers[2], ==, 40);

  sel = cusp_hapi_info_select (info, names, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sel->n_parameters, ==, 3);
  g_assert_cmpstr (sel->parameters[0].name, ==, "Time");
  g_assert_cmpstr (sel->parameters[1].name, ==, "B");     /* info order */
  g_assert_cmpstr (sel->parameters[2].name, ==, "flux");
  g_assert_cmpfloat (sel->parameters[2].bins[0].centers[1], ==, 20);
  g_assert_null (cusp_hapi_info_select (info, bad, &error));
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_UNKNOWN_PARAMETER);
  g_assert_nonnull (strstr (error->message, "Bz"));
}

static void
test_info_errors (void)
{
  g_autoptr (GError) error = NULL;
  CuspHapiStatus status = { 0 };
  const char *e1406 = "{\"HAPI\":\"3.3\",\"status\":{\"code\":1406,\"message\":\"Bad request - unknown dataset id\"}}";

  g_assert_null (cusp_hapi_info_parse ("<html>nope</html>", -1, &error));
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  g_assert_null (cusp_hapi_info_parse ("", 0, &error));
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  g_assert_null (cusp_hapi_info_parse (e1406, -1, &error));
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "1406"));
  g_clear_error (&error);
  /* First parameter must be the time. */
  g_assert_null (cusp_hapi_info_parse ("{\"HAPI\":\"3.0\",\"parameters\":[{\"name\":\"x\",\"type\":\"double\"}]}", -1, &error));
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  g_assert_null (cusp_hapi_info_parse ("{\"HAPI\":\"3.0\",\"parameters\":[{\"name\":\"x\",\"type\":\"float\"}]}", -1, &error));
  g_assert_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_assert_true (cusp_hapi_status_parse (e1406, -1, &status));
  g_assert_cmpint (status.code, ==, 1406);
  g_assert_cmpstr (status.message, ==, "Bad request - unknown dataset id");
  cusp_hapi_status_clear (&status);
  g_assert_false (cusp_hapi_status_parse ("1997-01-01Z,3", -1, &status));
}

static void
test_duration (void)
{
  gint64 ns = -1;

  g_assert_true (cusp_hapi_parse_duration ("PT1H", &ns));
  g_assert_cmpint (ns, ==, 3600 * CUSP_NS_PER_SECOND);
  g_assert_true (cusp_hapi_parse_duration ("PT720S", &ns));
  g_assert_cmpint (ns, ==, 720 * CUSP_NS_PER_SECOND);
  g_assert_true (cusp_hapi_parse_duration ("P1DT12H", &ns));
  g_assert_cmpint (ns, ==, 36 * 3600 * CUSP_NS_PER_SECOND);
  g_assert_true (cusp_hapi_parse_duration ("PT0.5S", &ns));
  g_assert_cmpint (ns, ==, 500000000);
  g_assert_true (cusp_hapi_parse_duration ("PT10M", &ns));
  g_assert_cmpint (ns, ==, 600 * CUSP_NS_PER_SECOND);
  g_assert_true (cusp_hapi_parse_duration ("P1M", &ns));   /* 28 days: never too long */
  g_assert_cmpint (ns, ==, 28 * CUSP_NS_PER_DAY);
  g_assert_false (cusp_hapi_parse_duration ("1H", &ns));
  g_assert_false (cusp_hapi_parse_duration ("P", &ns));
  g_assert_false (cusp_hapi_parse_duration ("PT", &ns));
  g_assert_false (cusp_hapi_parse_duration ("P1H", &ns));
  g_assert_false (cusp_hapi_parse_duration (NULL, &ns));
}

/* Numbers */

static void
check_number (const char *text)
{
  double expected, got = 0;
  char *end;

  expected = g_ascii_strtod (text, &end);
  g_assert_true (*end == '\0');
  if (!cusp_hapi_parse_double (text, strlen (text), &got))
    g_error ("“%s” not parsed", text);
  if (memcmp (&expected, &got, sizeof got) != 0 && !(isnan (expected) && isnan (got)))
    g_error ("“%s”: %.17g instead of %.17g", text, got, expected);
}

static void
test_double_random (void)
{
  GRand *rand = g_rand_new_with_seed (1234);
  char buf[64];
  const char *fixed[] = {
    "0", "-0", "+1", "1.", ".5", "-.5", "1e0", "1E+2", "1e-2", "9007199254740993",
    "9007199254740992", "1e22", "1e23", "1e-22", "1e-23", "2.2250738585072014e-308",
    "4.9e-324", "1.7976931348623157e308", "1e309", "-1e31", "-1.0E31", "123456789012345678901234567890",
    "0.000000000000000000000000000001", "NaN", "nan", "inf", "-Infinity", "0.1", "0.3333333333333333",
    "744944.0", "6.540e-01", "00000000000000000000001.5",
  };
  double v;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    check_number (fixed[i]);
  for (guint i = 0; i < 200000; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);

      memcpy (&v, &bits, sizeof v);
      if (!isfinite (v))
        continue;
      g_ascii_formatd (buf, sizeof buf, "%.17g", v);
      check_number (buf);
      g_ascii_formatd (buf, sizeof buf, "%.6g", g_rand_double_range (rand, -1e6, 1e6));
      check_number (buf);
      g_ascii_formatd (buf, sizeof buf, "%.3e", g_rand_double_range (rand, -1e3, 1e3)
                       * pow (10, g_rand_int_range (rand, -40, 40)));
      check_number (buf);
      /* Random digit strings of every length around the fast-path limits. */
      {
        int n = g_rand_int_range (rand, 1, 24), dot = g_rand_int_range (rand, 0, n + 1), k = 0;

        if (g_rand_boolean (rand))
          buf[k++] = '-';
        for (int d = 0; d < n; d++)
          {
            if (d == dot && d > 0)
              buf[k++] = '.';
            buf[k++] = '0' + g_rand_int_range (rand, 0, 10);
          }
        if (g_rand_boolean (rand))
          k += g_snprintf (buf + k, sizeof buf - k, "e%d", g_rand_int_range (rand, -30, 30));
        buf[k] = '\0';
        check_number (buf);
      }
    }
  g_rand_free (rand);

  g_assert_false (cusp_hapi_parse_double ("", 0, &v));
  g_assert_false (cusp_hapi_parse_double ("abc", 3, &v));
  g_assert_false (cusp_hapi_parse_double ("1.5x", 4, &v));
  g_assert_false (cusp_hapi_parse_double ("1e", 2, &v));
  g_assert_false (cusp_hapi_parse_double ("-", 1, &v));
  g_assert_false (cusp_hapi_parse_double (" 1", 2, &v));
  /* Only the given length is read. */
  g_assert_true (cusp_hapi_parse_double ("2.5,7", 3, &v));
  g_assert_cmpfloat (v, ==, 2.5);
}

/* CSV */

typedef struct
{
  GPtrArray    *data;
  CuspHapiInfo *info;
  GError       *error;
  guint         n_records;
} Parsed;

static void
parsed_clear (Parsed *p)
{
  g_clear_pointer (&p->data, g_ptr_array_unref);
  g_clear_pointer (&p->info, cusp_hapi_info_unref);
  g_clear_error (&p->error);
}

/* chunk 0: everything at once. */
static Parsed
parse_csv (const char   *text,
           gsize         len,
           gsize         chunk,
           CuspHapiInfo *info)
{
  g_autoptr (CuspHapiCsvParser) parser = cusp_hapi_csv_parser_new (info);
  Parsed out = { 0 };

  if (chunk == 0)
    chunk = MAX (len, 1);
  for (gsize off = 0; off < len; off += chunk)
    if (!cusp_hapi_csv_parser_feed (parser, text + off, MIN (chunk, len - off), &out.error))
      return out;
  if (!cusp_hapi_csv_parser_finish (parser, &out.error))
    return out;
  out.info = cusp_hapi_info_ref (cusp_hapi_csv_parser_get_info (parser));
  out.n_records = cusp_hapi_csv_parser_get_n_records (parser);
  out.data = cusp_hapi_csv_parser_take_data (parser, &out.error);
  return out;
}

static Parsed
parse_binary (const char   *text,
              gsize         len,
              gsize         chunk,
              CuspHapiInfo *info)
{
  g_autoptr (CuspHapiBinaryParser) parser = cusp_hapi_binary_parser_new (info);
  Parsed out = { 0 };

  if (chunk == 0)
    chunk = MAX (len, 1);
  for (gsize off = 0; off < len; off += chunk)
    if (!cusp_hapi_binary_parser_feed (parser, text + off, MIN (chunk, len - off), &out.error))
      return out;
  if (!cusp_hapi_binary_parser_finish (parser, &out.error))
    return out;
  out.info = cusp_hapi_info_ref (cusp_hapi_binary_parser_get_info (parser));
  out.n_records = cusp_hapi_binary_parser_get_n_records (parser);
  out.data = cusp_hapi_binary_parser_take_data (parser, &out.error);
  return out;
}

static gboolean
same_doubles (const double *a,
              const double *b,
              gsize         n)
{
  return n == 0 || memcmp (a, b, n * sizeof (double)) == 0;
}

static void
assert_same_data (GPtrArray *a,
                  GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint k = 0; k < a->len; k++)
    {
      CuspData *da = g_ptr_array_index (a, k), *db = g_ptr_array_index (b, k);

      g_assert_cmpint (cusp_data_get_kind (da), ==, cusp_data_get_kind (db));
      if (cusp_data_get_kind (da) == CUSP_DATA_KIND_SERIES)
        {
          CuspSeries *sa = cusp_data_get_series (da), *sb = cusp_data_get_series (db);

          g_assert_cmpuint (sa->n_samples, ==, sb->n_samples);
          g_assert_cmpuint (sa->n_components, ==, sb->n_components);
          g_assert_cmpmem (sa->times, sa->n_samples * sizeof (CuspTime), sb->times, sb->n_samples * sizeof (CuspTime));
          g_assert_true (same_doubles (sa->values, sb->values, (gsize) sa->n_samples * sa->n_components));
        }
      else if (cusp_data_get_kind (da) == CUSP_DATA_KIND_TEXT)
        {
          CuspTextSeries *ta = cusp_data_get_text (da), *tb = cusp_data_get_text (db);

          g_assert_cmpuint (ta->n_samples, ==, tb->n_samples);
          g_assert_cmpuint (ta->n_components, ==, tb->n_components);
          g_assert_cmpmem (ta->times, ta->n_samples * sizeof (CuspTime), tb->times, tb->n_samples * sizeof (CuspTime));
          for (gsize i = 0; i < (gsize) ta->n_samples * ta->n_components; i++)
            g_assert_cmpstr (ta->values[i], ==, tb->values[i]);
        }
      else
        {
          CuspSpectrogram *sa = cusp_data_get_spectrogram (da), *sb = cusp_data_get_spectrogram (db);

          g_assert_cmpuint (sa->n_records, ==, sb->n_records);
          g_assert_cmpuint (sa->n_bins, ==, sb->n_bins);
          g_assert_cmpmem (sa->times, sa->n_records * sizeof (CuspTime), sb->times, sb->n_records * sizeof (CuspTime));
          g_assert_true (same_doubles (sa->values, sb->values, (gsize) sa->n_records * sa->n_bins));
        }
    }
}

/* The whole stream, then 1-byte and 7-byte chunks: same results. */
static Parsed
parse_csv_all_ways (const char   *text,
                    gsize         len,
                    CuspHapiInfo *info)
{
  Parsed whole = parse_csv (text, len, 0, info);
  gsize chunks[] = { 1, 7 };

  g_assert_no_error (whole.error);
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      Parsed other = parse_csv (text, len, chunks[i], info);

      g_assert_no_error (other.error);
      assert_same_data (whole.data, other.data);
      parsed_clear (&other);
    }
  return whole;
}

static void
test_csv_sample (void)
{
  gsize len;
  g_autofree char *text = fixture ("HAPI_sample_csv.csv", &len);
  Parsed p = parse_csv_all_ways (text, len, NULL);
  CuspSeries *s;

  g_assert_cmpuint (p.n_records, ==, 48);
  g_assert_cmpuint (p.data->len, ==, 1);
  s = cusp_data_get_series (g_ptr_array_index (p.data, 0));
  g_assert_nonnull (s);
  g_assert_cmpstr (s->name, ==, "Magnitude");
  g_assert_cmpstr (s->unit, ==, "nT");
  g_assert_cmpuint (s->n_samples, ==, 48);
  g_assert_cmpuint (s->n_components, ==, 1);
  g_assert_cmpint (s->times[0], ==, iso ("1997-09-02T00:00:00.000Z"));
  g_assert_cmpfloat (s->values[0], ==, 2.658);
  g_assert_cmpfloat (s->values[22], ==, 5.905);   /* 1997-09-02T22:00 */
  g_assert_cmpint (s->times[47], ==, iso ("1997-09-03T23:00:00.000Z"));
  g_assert_cmpfloat (s->values[47], ==, 14.743);
  g_assert_cmpstr (cusp_metadata_get (s->metadata, "description"), ==, "B-field magnitude");
  parsed_clear (&p);
}

static void
test_csv_multiple_vars (void)
{
  gsize len;
  g_autofree char *text = fixture ("HAPI_sample_csv_multiple_vars.csv", &len);
  Parsed p = parse_csv_all_ways (text, len, NULL);
  CuspSeries *mag, *gse, *gsm, *pos;

  g_assert_cmpuint (p.data->len, ==, 4);
  mag = cusp_data_get_series (g_ptr_array_index (p.data, 0));
  gse = cusp_data_get_series (g_ptr_array_index (p.data, 1));
  gsm = cusp_data_get_series (g_ptr_array_index (p.data, 2));
  pos = cusp_data_get_series (g_ptr_array_index (p.data, 3));
  g_assert_cmpstr (gse->name, ==, "BGSEc");
  g_assert_cmpuint (gse->n_components, ==, 3);
  g_assert_cmpuint (gse->n_samples, ==, 48);
  g_assert_cmpfloat (mag->values[0], ==, 2.658);
  g_assert_cmpfloat (cusp_series_column (gse, 0)[0], ==, 0.654);
  g_assert_cmpfloat (cusp_series_column (gse, 1)[0], ==, -1.157);
  g_assert_cmpfloat (cusp_series_column (gse, 2)[0], ==, -2.252);
  g_assert_cmpfloat (cusp_series_column (gsm, 0)[0], ==, 0.654);       /* 6.540e-01 */
  g_assert_cmpfloat (cusp_series_column (gsm, 2)[0], ==, -1.944);
  g_assert_cmpfloat (cusp_series_column (pos, 0)[0], ==, 744944.0);
  g_assert_cmpfloat (cusp_series_column (pos, 2)[47], ==, 103923.0);
  g_assert_cmpfloat (cusp_series_column (gsm, 1)[47], ==, -4.626);
  g_assert_cmpfloat (cusp_series_column (gse, 2)[47], ==, 3.774);
  g_assert_cmpint (pos->times[47], ==, iso ("1997-09-03T23:00:00Z"));
  parsed_clear (&p);
}

static void
test_csv_fixed_bins (void)
{
  gsize len;
  g_autofree char *text = fixture ("HAPI_ndData_TimeIndependent_Axis.csv", &len);
  Parsed p = parse_csv_all_ways (text, len, NULL);
  CuspSpectrogram *sp;
  const double centres[] = { 0.0455, 0.078, 0.139, 0.245 };
  const double edges[] = { 0.038, 0.053, 0.103, 0.175, 0.315 };
  double e[5];

  g_assert_cmpuint (p.data->len, ==, 1);
  sp = cusp_data_get_spectrogram (g_ptr_array_index (p.data, 0));
  g_assert_nonnull (sp);
  g_assert_cmpstr (sp->name, ==, "ace_epam_de_e");
  g_assert_cmpstr (sp->unit, ==, "1/(cm² s sr MeV)");
  g_assert_cmpstr (sp->bin_unit, ==, "MeV");
  g_assert_cmpstr (sp->bin_label, ==, "Energy");
  g_assert_false (sp->bins_per_record);
  g_assert_cmpuint (sp->n_records, ==, 19);
  g_assert_cmpuint (sp->n_bins, ==, 4);
  g_assert_cmpmem (sp->bin_centres, sizeof centres, centres, sizeof centres);
  cusp_spectrogram_bin_edges (sp, 0, e);
  g_assert_cmpmem (e, sizeof e, edges, sizeof edges);
  g_assert_cmpint (sp->times[0], ==, iso ("1997-08-30T17:06:00.000Z"));
  g_assert_cmpfloat (sp->values[0], ==, 6576.2);
  g_assert_cmpfloat (sp->values[3], ==, 55.765);
  g_assert_cmpint (sp->times[18], ==, iso ("1997-08-30T18:40:00.000Z"));
  g_assert_cmpfloat (sp->values[18 * 4 + 0], ==, 197.24);
  g_assert_cmpfloat (sp->values[18 * 4 + 3], ==, 30.367);
  parsed_clear (&p);
}

static void
test_csv_varying_bins (void)
{
  gsize len;
  g_autofree char *text = fixture ("HAPI_ndData_TimeVarying_Axis.csv", &len);
  Parsed p;
  CuspSpectrogram *sp;
  CuspSeries *centres;
  const char *last;
  double e[11];

  /* The fixture's last row (line 69) lacks the 20 range columns. */
  p = parse_csv (text, len, 7, NULL);
  g_assert_error (p.error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (p.error->message, ==,
                   "line 69: 21 columns where the dataset description gives 41; the server sent other parameters than asked");
  parsed_clear (&p);

  last = g_strrstr (text, "\n1970-01-01T00:01:08");
  g_assert_nonnull (last);
  p = parse_csv_all_ways (text, last - text + 1, NULL);
  g_assert_cmpuint (p.data->len, ==, 3);
  sp = cusp_data_get_spectrogram (g_ptr_array_index (p.data, 0));
  centres = cusp_data_get_series (g_ptr_array_index (p.data, 1));
  g_assert_nonnull (sp);
  g_assert_nonnull (centres);
  g_assert_true (sp->bins_per_record);
  g_assert_cmpuint (sp->n_records, ==, 1);
  g_assert_cmpuint (sp->n_bins, ==, 10);
  g_assert_cmpstr (sp->bin_unit, ==, "Hz");
  g_assert_cmpfloat (sp->values[0], ==, 0);
  g_assert_cmpfloat (sp->values[3], ==, 0.3333333333333333);
  g_assert_cmpfloat (sp->values[9], ==, 0.1111111111111111);
  for (guint j = 0; j < 10; j++)
    g_assert_cmpfloat (cusp_spectrogram_bin_centres (sp, 0)[j], ==, 11 + 2 * j);
  cusp_spectrogram_bin_edges (sp, 0, e);
  for (guint j = 0; j <= 10; j++)
    g_assert_cmpfloat (e[j], ==, 10 + 2 * j);
  g_assert_cmpuint (centres->n_components, ==, 10);
  g_assert_cmpfloat (cusp_series_column (centres, 9)[0], ==, 29);
  parsed_clear (&p);
}

static CuspHapiInfo *
synthetic (void)
{
  g_autoptr (GError) error = NULL;
  CuspHapiInfo *info = cusp_hapi_info_parse (synthetic_info, -1, &error);

  g_assert_no_error (error);
  return info;
}

static void
test_csv_synthetic (void)
{
  g_autoptr (CuspHapiInfo) info = synthetic ();
  /* Unsorted, CRLF, fill values, quoted string with a comma and a quote,
   * NaN literal, blanks, no newline at the end. */
  const char text[] =
    "2020-01-01T00:00:02Z,1,2,3,7,\"a,\"\"b\",1,2,3\r\n"
    "\n"
    "2020-01-01T00:00:01Z,-1e31,-1.0E31,0.5,-9,plain,NaN,nan,4\r\n"
    "2020-001T00:00:03Z, 4 ,5,6,8,,7,8,9";
  Parsed p = parse_csv_all_ways (text, strlen (text), info);
  CuspSeries *b, *flag;
  CuspTextSeries *note;
  CuspSpectrogram *flux;

  g_assert_cmpuint (p.n_records, ==, 3);
  g_assert_cmpuint (p.data->len, ==, 4);
  b = cusp_data_get_series (g_ptr_array_index (p.data, 0));
  flag = cusp_data_get_series (g_ptr_array_index (p.data, 1));
  note = cusp_data_get_text (g_ptr_array_index (p.data, 2));
  flux = cusp_data_get_spectrogram (g_ptr_array_index (p.data, 3));
  /* Sorted with the records: 00:01 plain, 00:02 a,"b, 00:03 empty. */
  g_assert_nonnull (note);
  g_assert_cmpstr (note->name, ==, "note");
  g_assert_cmpuint (note->n_samples, ==, 3);
  g_assert_cmpuint (note->n_components, ==, 1);
  g_assert_cmpint (note->times[0], ==, iso ("2020-01-01T00:00:01Z"));
  g_assert_cmpstr (cusp_text_series_get_value (note, 0, 0), ==, "plain");
  g_assert_cmpstr (cusp_text_series_get_value (note, 0, 1), ==, "a,\"b");
  g_assert_null (cusp_text_series_get_value (note, 0, 2));
  g_assert_cmpint (b->times[0], ==, iso ("2020-01-01T00:00:01Z"));   /* sorted */
  g_assert_cmpint (b->times[2], ==, iso ("2020-01-01T00:00:03Z"));
  g_assert_true (isnan (cusp_series_column (b, 0)[0]));
  g_assert_true (isnan (cusp_series_column (b, 1)[0]));
  g_assert_cmpfloat (cusp_series_column (b, 2)[0], ==, 0.5);
  g_assert_cmpfloat (cusp_series_column (b, 0)[1], ==, 1);
  g_assert_cmpfloat (cusp_series_column (b, 0)[2], ==, 4);
  /* The info's label array names the components; a scalar is named by
   * its name (legends show these). */
  g_assert_cmpstr (b->labels[1], ==, "By");
  g_assert_cmpstr (flag->labels[0], ==, "flag");
  g_assert_true (isnan (flag->values[0]));
  g_assert_cmpfloat (flag->values[1], ==, 7);
  g_assert_cmpfloat (flag->values[2], ==, 8);
  g_assert_true (isnan (flux->values[0]) && isnan (flux->values[1]));
  g_assert_cmpfloat (flux->values[2], ==, 4);
  g_assert_cmpfloat (flux->values[8], ==, 9);
  g_assert_cmpfloat (flux->bin_centres[1], ==, 20);
  g_assert_cmpstr (flux->bin_unit, ==, "eV");
  parsed_clear (&p);
}

static void
test_csv_edge (void)
{
  g_autoptr (CuspHapiInfo) info = synthetic ();
  const char one[] = "2020-01-01T00:00:00Z,1,2,3,4,x,5,6,7\n";
  Parsed p;

  /* Empty stream (HAPI 1201, no header): empty containers. */
  p = parse_csv ("", 0, 0, info);
  g_assert_no_error (p.error);
  g_assert_cmpuint (p.data->len, ==, 4);
  g_assert_cmpuint (cusp_data_get_length (g_ptr_array_index (p.data, 0)), ==, 0);
  g_assert_cmpuint (cusp_data_get_length (g_ptr_array_index (p.data, 2)), ==, 0);
  g_assert_cmpint (cusp_data_get_kind (g_ptr_array_index (p.data, 2)), ==, CUSP_DATA_KIND_TEXT);
  g_assert_cmpuint (cusp_data_get_length (g_ptr_array_index (p.data, 3)), ==, 0);
  parsed_clear (&p);

  p = parse_csv (one, strlen (one), 0, info);
  g_assert_no_error (p.error);
  g_assert_cmpuint (cusp_data_get_length (g_ptr_array_index (p.data, 0)), ==, 1);
  g_assert_cmpstr (cusp_text_series_get_value (cusp_data_get_text (g_ptr_array_index (p.data, 2)), 0, 0), ==, "x");
  parsed_clear (&p);

  /* No info and no header. */
  p = parse_csv (one, strlen (one), 0, NULL);
  g_assert_error (p.error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (p.error->message, "include=header"));
  parsed_clear (&p);

  /* A header that is not JSON. */
  p = parse_csv ("# not json\n2020-01-01Z,1\n", 25, 3, NULL);
  g_assert_error (p.error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (p.error->message, "header"));
  parsed_clear (&p);
}

static void
test_csv_errors (void)
{
  g_autoptr (CuspHapiInfo) info = synthetic ();
  const char bad_number[] =
    "2020-01-01T00:00:00Z,1,2,3,4,x,5,6,7\n"
    "2020-01-01T00:00:01Z,1,abc,3,4,x,5,6,7\n";
  const char bad_time[] = "2020-01-01T00:00:00Z,1,2,3,4,x,5,6,7\n2020-13-01Z,1,2,3,4,x,5,6,7\n";
  const char too_many[] = "2020-01-01T00:00:00Z,1,2,3,4,x,5,6,7,8\n";
  const char bad_int[] = "2020-01-01T00:00:00Z,1,2,3,four,x,5,6,7\n";
  const char garbage[] = "<html><body>Service unavailable</body></html>\n";
  Parsed p;

  p = parse_csv (bad_number, strlen (bad_number), 5, info);
  g_assert_error (p.error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (p.error->message, ==, "line 2: “abc” is not a number in column 3 (parameter B)");
  parsed_clear (&p);
  p = parse_csv (bad_time, strlen (bad_time), 0, info);
  g_assert_cmpstr (p.error->message, ==, "line 2: “2020-13-01Z” is not a HAPI time in column 1 (parameter Time)");
  parsed_clear (&p);
  p = parse_csv (too_many, strlen (too_many), 0, info);
  g_assert_cmpstr (p.error->message, ==, "line 1: 10 columns where the dataset description gives 9; the server sent other parameters than asked");
  parsed_clear (&p);
  p = parse_csv (bad_int, strlen (bad_int), 1, info);
  g_assert_cmpstr (p.error->message, ==, "line 1: “four” is not a number in column 5 (parameter flag)");
  parsed_clear (&p);
  p = parse_csv (garbage, strlen (garbage), 0, info);
  g_assert_error (p.error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE);
  g_assert_true (g_str_has_prefix (p.error->message, "line 1: "));
  parsed_clear (&p);
}

/* Binary */

static void
test_binary_fixture (void)
{
  gsize len;
  g_autofree char *text = fixture ("HAPI_sample_TestData3.3.binary", &len);
  Parsed whole = parse_binary (text, len, 0, NULL);
  gsize chunks[] = { 1, 7 };
  CuspSeries *s;

  g_assert_no_error (whole.error);
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      Parsed other = parse_binary (text, len, chunks[i], NULL);

      g_assert_no_error (other.error);
      assert_same_data (whole.data, other.data);
      parsed_clear (&other);
    }
  g_assert_cmpstr (whole.info->version, ==, "3.3");
  g_assert_cmpstr (whole.info->format, ==, "binary");
  g_assert_cmpstr (whole.info->parameters[1].name, ==, "vector parameter");
  g_assert_cmpuint (whole.n_records, ==, 60);   /* (3556 - 676) / 48 */
  s = cusp_data_get_series (g_ptr_array_index (whole.data, 0));
  g_assert_cmpuint (s->n_components, ==, 3);
  g_assert_cmpint (s->times[0], ==, iso ("1970-01-01T00:00:00.000Z"));
  g_assert_cmpfloat (cusp_series_column (s, 0)[0], ==, 0.0);
  g_assert_cmpfloat (cusp_series_column (s, 1)[0], ==, -0.7071067811865475);
  g_assert_cmpfloat (cusp_series_column (s, 2)[0], ==, -1.0);
  g_assert_cmpfloat (cusp_series_column (s, 0)[1], ==, 0.00523596383141958);
  g_assert_cmpfloat (cusp_series_column (s, 1)[1], ==, -0.7033947028105039);
  g_assert_cmpfloat (cusp_series_column (s, 2)[1], ==, -0.9999862922474267);
  g_assert_cmpint (s->times[59], ==, iso ("1970-01-01T00:00:59.000Z"));
  g_assert_cmpfloat (cusp_series_column (s, 0)[59], ==, 0.30403306092549026);
  g_assert_cmpfloat (cusp_series_column (s, 1)[59], ==, -0.45864955448431494);
  g_assert_cmpfloat (cusp_series_column (s, 2)[59], ==, -0.9526614812535863);
  parsed_clear (&whole);

  /* Cut inside the last record: a truncated stream. */
  whole = parse_binary (text, len - 5, 7, NULL);
  g_assert_error (whole.error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (whole.error->message, "record 60"));
  parsed_clear (&whole);
}

static void
test_binary_synthetic (void)
{
  g_autoptr (CuspHapiInfo) info = synthetic ();
  /* Time (20) + 3 doubles + int32 + 8-byte string + 3 doubles = 80 bytes. */
  guint8 rec[80];
  const char *t = "2020-01-01T00:00:05Z";
  double d[6] = { 1.5, -1e31, 3, 4, 5, 6 };
  gint32 flag = GINT32_TO_LE (-9);
  Parsed p;
  CuspSeries *b, *f;

  memset (rec, 0, sizeof rec);
  memcpy (rec, t, 20);
  for (guint i = 0; i < 3; i++)
    {
      guint64 bits;

      memcpy (&bits, &d[i], 8);
      bits = GUINT64_TO_LE (bits);
      memcpy (rec + 20 + 8 * i, &bits, 8);
      memcpy (&bits, &d[3 + i], 8);
      bits = GUINT64_TO_LE (bits);
      memcpy (rec + 56 + 8 * i, &bits, 8);
    }
  memcpy (rec + 44, &flag, 4);
  memcpy (rec + 48, "abc", 3);
  p = parse_binary ((const char *) rec, sizeof rec, 3, info);
  g_assert_no_error (p.error);
  b = cusp_data_get_series (g_ptr_array_index (p.data, 0));
  f = cusp_data_get_series (g_ptr_array_index (p.data, 1));
  g_assert_cmpint (b->times[0], ==, iso ("2020-01-01T00:00:05Z"));
  g_assert_cmpfloat (b->values[0], ==, 1.5);
  g_assert_true (isnan (b->values[1]));
  g_assert_true (isnan (f->values[0]));
  /* "abc" and five NULs of padding. */
  g_assert_cmpstr (cusp_text_series_get_value (cusp_data_get_text (g_ptr_array_index (p.data, 2)), 0, 0), ==, "abc");
  g_assert_cmpfloat (cusp_data_get_spectrogram (g_ptr_array_index (p.data, 3))->values[2], ==, 6);
  parsed_clear (&p);

  memcpy (rec, "garbage garbage garb", 20);
  p = parse_binary ((const char *) rec, sizeof rec, 0, info);
  g_assert_error (p.error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (p.error->message, "record 1"));
  parsed_clear (&p);
}

/* ---- String parameters ------------------------------------------------------- */

static void append_le64 (GByteArray *b,
                         double      v);

/* region: scalar string (length 16, fill "None"); x: double (fill -1e31);
 * pair: string array size [2] (length 8, no fill) labelled from/to. */
static const char strings_info[] =
  "{\"HAPI\":\"3.3\",\"status\":{\"code\":1200,\"message\":\"OK\"},"
  "\"startDate\":\"2020-01-01Z\",\"stopDate\":\"2020-01-02Z\",\"parameters\":["
  "{\"name\":\"Time\",\"type\":\"isotime\",\"units\":\"UTC\",\"fill\":null,\"length\":20},"
  "{\"name\":\"region\",\"type\":\"string\",\"units\":null,\"fill\":\"None\",\"length\":16},"
  "{\"name\":\"x\",\"type\":\"double\",\"units\":\"km\",\"fill\":\"-1e31\"},"
  "{\"name\":\"pair\",\"type\":\"string\",\"units\":null,\"fill\":null,\"length\":8,"
  "\"size\":[2],\"label\":[\"from\",\"to\"]}]}";

/* The records of the CSV and binary streams below, in time order (the
 * streams have them out of order).  NULL: fill or empty.  "x\xffy" is
 * sent; its invalid byte becomes U+FFFD (EF BF BD). */
static const char *const strings_times[] = {
  "2020-01-01T00:00:00Z", "2020-01-01T00:00:01Z", "2020-01-01T00:00:02Z",
  "2020-01-01T00:00:03Z", "2020-01-01T00:00:04Z",
};
static const char *const strings_region[] = {
  "Solar_Wind", NULL, "Magnetosheath", "Interplanetary_M", NULL,
};
static const double strings_x[] = { 1, NAN, 2.5, 4, 5 };
static const char *const strings_from[] = { NULL, "Zon\xc3\xa9", "a,b", "None", "\"" };
static const char *const strings_to[] = { "Msphere", "x\xef\xbf\xbdy", "q\"t", "12345678", " pad " };

static CuspHapiInfo *
strings_info_new (void)
{
  g_autoptr (GError) error = NULL;
  CuspHapiInfo *info = cusp_hapi_info_parse (strings_info, -1, &error);

  g_assert_no_error (error);
  return info;
}

static void
assert_strings_data (GPtrArray *data)
{
  CuspTextSeries *region, *pair;
  CuspSeries *x;

  g_assert_cmpuint (data->len, ==, 3);
  region = cusp_data_get_text (g_ptr_array_index (data, 0));
  x = cusp_data_get_series (g_ptr_array_index (data, 1));
  pair = cusp_data_get_text (g_ptr_array_index (data, 2));
  g_assert_nonnull (region);
  g_assert_nonnull (x);
  g_assert_nonnull (pair);
  g_assert_cmpstr (region->name, ==, "region");
  g_assert_cmpstr (pair->name, ==, "pair");
  g_assert_cmpuint (region->n_components, ==, 1);
  g_assert_cmpuint (pair->n_components, ==, 2);
  g_assert_cmpstr (pair->labels[0], ==, "from");
  g_assert_cmpstr (pair->labels[1], ==, "to");
  g_assert_cmpstr (cusp_metadata_get (region->metadata, "fill"), ==, "None");
  g_assert_cmpuint (region->n_samples, ==, G_N_ELEMENTS (strings_times));
  g_assert_cmpuint (pair->n_samples, ==, G_N_ELEMENTS (strings_times));
  for (guint i = 0; i < G_N_ELEMENTS (strings_times); i++)
    {
      g_assert_cmpint (region->times[i], ==, iso (strings_times[i]));
      g_assert_cmpint (pair->times[i], ==, iso (strings_times[i]));
      g_assert_cmpint (x->times[i], ==, iso (strings_times[i]));
      g_assert_cmpstr (cusp_text_series_get_value (region, 0, i), ==, strings_region[i]);
      g_assert_cmpstr (cusp_text_series_get_value (pair, 0, i), ==, strings_from[i]);
      g_assert_cmpstr (cusp_text_series_get_value (pair, 1, i), ==, strings_to[i]);
      if (isnan (strings_x[i]))
        g_assert_true (isnan (x->values[i]));
      else
        g_assert_cmpfloat (x->values[i], ==, strings_x[i]);
    }
}

static const char strings_csv[] =
  "2020-01-01T00:00:02Z,Magnetosheath,2.5,\"a,b\",\"q\"\"t\"\n"
  "2020-01-01T00:00:00Z,Solar_Wind,1,,Msphere\r\n"
  "2020-01-01T00:00:01Z,None,-1e31,Zon\xc3\xa9,x\xffy\n"
  "2020-01-01T00:00:04Z,\"None\",5,\"\"\"\" , \" pad \"\n"
  "2020-01-01T00:00:03Z,\"Interplanetary_M\",4,\"None\",12345678\n";

static void
test_csv_strings (void)
{
  g_autoptr (CuspHapiInfo) info = strings_info_new ();
  Parsed p = parse_csv_all_ways (strings_csv, strlen (strings_csv), info);

  g_assert_cmpuint (p.n_records, ==, 5);
  assert_strings_data (p.data);
  parsed_clear (&p);
}

/* RFC 4180 lets a quoted field hold line breaks (CRLF or LF) and doubled
 * quotes; the record then spans several lines.  Parsed whole and in 1-
 * and 7-byte chunks (parse_csv_all_ways), so a break inside quotes lands
 * at every chunk boundary; a "#" comment with an odd quote between
 * records changes nothing. */
static void
test_csv_strings_line_breaks (void)
{
  g_autoptr (CuspHapiInfo) info = strings_info_new ();
  const char text[] =
    "2020-01-01T00:00:00Z,\"two\nlines\",1,a,b\r\n"
    "# a comment with one \" quote\n"
    "2020-01-01T00:00:01Z,\"say \"\"hi\"\"\r\nthen\",2,\"c,\nd\",e\n"
    "2020-01-01T00:00:02Z,plain,3,f,g\n";
  Parsed p = parse_csv_all_ways (text, strlen (text), info);
  CuspTextSeries *region, *pair;
  CuspSeries *x;

  g_assert_cmpuint (p.n_records, ==, 3);
  region = cusp_data_get_text (g_ptr_array_index (p.data, 0));
  x = cusp_data_get_series (g_ptr_array_index (p.data, 1));
  pair = cusp_data_get_text (g_ptr_array_index (p.data, 2));
  g_assert_cmpstr (cusp_text_series_get_value (region, 0, 0), ==, "two\nlines");
  g_assert_cmpstr (cusp_text_series_get_value (region, 0, 1), ==, "say \"hi\"\r\nthen");
  g_assert_cmpstr (cusp_text_series_get_value (region, 0, 2), ==, "plain");
  g_assert_cmpstr (cusp_text_series_get_value (pair, 0, 1), ==, "c,\nd");
  g_assert_cmpstr (cusp_text_series_get_value (pair, 1, 1), ==, "e");
  g_assert_cmpfloat (x->values[0], ==, 1);
  g_assert_cmpfloat (x->values[1], ==, 2);
  g_assert_cmpfloat (x->values[2], ==, 3);
  g_assert_cmpint (x->times[2], ==, iso ("2020-01-01T00:00:02Z"));
  parsed_clear (&p);
}

/* SSCWeb's ACE info (the fixture): Spacecraft_Region has no fill, its
 * N_BTraced_Region has the fill "None". */
static void
test_csv_strings_sscweb (void)
{
  gsize len;
  g_autofree char *json = fixture ("info.json", &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspHapiInfo) full = cusp_hapi_info_parse (json, len, &error);
  const char *names[] = { "Spacecraft_Region", "N_BTraced_Region", NULL };
  g_autoptr (CuspHapiInfo) info = NULL;
  const char text[] =
    "1997-08-25T17:48:00Z,Solar_Wind,None\n"
    "1997-08-25T18:00:00Z,D_Msphere,North_Polar_Cap\n"
    "1997-08-25T18:12:00Z,None,\n";
  Parsed p;
  CuspTextSeries *sc, *nb;

  g_assert_no_error (error);
  info = cusp_hapi_info_select (full, names, &error);
  g_assert_no_error (error);
  p = parse_csv_all_ways (text, strlen (text), info);
  g_assert_cmpuint (p.data->len, ==, 2);
  sc = cusp_data_get_text (g_ptr_array_index (p.data, 0));
  nb = cusp_data_get_text (g_ptr_array_index (p.data, 1));
  g_assert_cmpstr (cusp_text_series_get_value (sc, 0, 0), ==, "Solar_Wind");
  g_assert_cmpstr (cusp_text_series_get_value (sc, 0, 1), ==, "D_Msphere");
  g_assert_cmpstr (cusp_text_series_get_value (sc, 0, 2), ==, "None");   /* no fill: a value */
  g_assert_null (cusp_text_series_get_value (nb, 0, 0));                 /* its fill */
  g_assert_cmpstr (cusp_text_series_get_value (nb, 0, 1), ==, "North_Polar_Cap");
  g_assert_null (cusp_text_series_get_value (nb, 0, 2));                 /* empty */
  parsed_clear (&p);
}

/* One 60-byte record: time (20), region (16), x (8), pair (2 × 8). */
static void
append_strings_record (GByteArray *b,
                       const char *time,
                       const char *region,
                       double      x,
                       const char *from,
                       const char *to)
{
  guint8 field[16];

  g_byte_array_append (b, (const guint8 *) time, 20);
  memset (field, 0, sizeof field);
  memcpy (field, region, strlen (region));
  g_byte_array_append (b, field, 16);
  append_le64 (b, x);
  memset (field, 0, sizeof field);
  memcpy (field, from, strlen (from));
  g_byte_array_append (b, field, 8);
  memset (field, 0, sizeof field);
  memcpy (field, to, strlen (to));
  g_byte_array_append (b, field, 8);
}

static void
test_binary_strings (void)
{
  g_autoptr (CuspHapiInfo) info = strings_info_new ();
  g_autoptr (GByteArray) b = g_byte_array_new ();
  Parsed whole, csv;
  gsize chunks[] = { 1, 7, 59, 61 };

  /* Same records as strings_csv; "Interplanetary_M" and "12345678" fill
   * their fields with no NUL. */
  append_strings_record (b, "2020-01-01T00:00:02Z", "Magnetosheath", 2.5, "a,b", "q\"t");
  append_strings_record (b, "2020-01-01T00:00:00Z", "Solar_Wind", 1, "", "Msphere");
  append_strings_record (b, "2020-01-01T00:00:01Z", "None", -1e31, "Zon\xc3\xa9", "x\xffy");
  append_strings_record (b, "2020-01-01T00:00:04Z", "None", 5, "\"", " pad ");
  append_strings_record (b, "2020-01-01T00:00:03Z", "Interplanetary_M", 4, "None", "12345678");
  g_assert_cmpuint (b->len, ==, 5 * 60);
  whole = parse_binary ((const char *) b->data, b->len, 0, info);
  g_assert_no_error (whole.error);
  g_assert_cmpuint (whole.n_records, ==, 5);
  assert_strings_data (whole.data);
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      Parsed other = parse_binary ((const char *) b->data, b->len, chunks[i], info);

      g_assert_no_error (other.error);
      assert_same_data (whole.data, other.data);
      parsed_clear (&other);
    }
  csv = parse_csv (strings_csv, strlen (strings_csv), 0, info);
  g_assert_no_error (csv.error);
  assert_same_data (whole.data, csv.data);
  parsed_clear (&csv);
  parsed_clear (&whole);

  /* A NUL inside the field ends the string: "ab\0cd" is "ab". */
  g_byte_array_set_size (b, 0);
  append_strings_record (b, "2020-01-01T00:00:00Z", "ab", 0, "x", "y");
  b->data[20 + 3] = 'c';
  b->data[20 + 4] = 'd';
  whole = parse_binary ((const char *) b->data, b->len, 0, info);
  g_assert_no_error (whole.error);
  g_assert_cmpstr (cusp_text_series_get_value (cusp_data_get_text (g_ptr_array_index (whole.data, 0)), 0, 0), ==, "ab");
  parsed_clear (&whole);

  /* Empty stream: an empty text series of the right width. */
  whole = parse_binary ("", 0, 0, info);
  g_assert_no_error (whole.error);
  g_assert_cmpuint (whole.data->len, ==, 3);
  g_assert_cmpuint (cusp_data_get_length (g_ptr_array_index (whole.data, 2)), ==, 0);
  g_assert_cmpuint (cusp_data_get_text (g_ptr_array_index (whole.data, 2))->n_components, ==, 2);
  parsed_clear (&whole);

  /* Truncated inside a string field. */
  append_strings_record (b, "2020-01-01T00:00:00Z", "Solar_Wind", 1, "a", "b");
  whole = parse_binary ((const char *) b->data, 30, 7, info);
  g_assert_error (whole.error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_TRUNCATED);
  parsed_clear (&whole);
}

/* ---- time cache ----------------------------------------------------------- */

/* The cached parser, its day-cache part alone and whole with the inline
 * minute path (each with its own cache fed the same sequence), against
 * the full parser. */
static void
check_cached (CuspHapiTimeCache *cache,
              const char        *text)
{
  static CuspHapiTimeCache inline_cache;
  CuspTime fast = 0, full = 0, inl = 0;
  gboolean ok_fast = cusp_hapi_parse_time_day (cache, text, strlen (text), &fast);
  gboolean ok_inl = cusp_hapi_parse_time (&inline_cache, text, strlen (text), &inl);
  gboolean ok_full = cusp_time_parse_iso_len (text, -1, &full, NULL);

  if (ok_fast != ok_full || (ok_full && fast != full))
    g_error ("“%s”: cached parse %d %" G_GINT64_FORMAT ", full parse %d %" G_GINT64_FORMAT,
             text, ok_fast, fast, ok_full, full);
  if (ok_inl != ok_full || (ok_full && inl != full))
    g_error ("“%s”: inlined cached parse %d %" G_GINT64_FORMAT ", full parse %d %" G_GINT64_FORMAT,
             text, ok_inl, inl, ok_full, full);
}

static CuspTime
parse_full (const char *text)
{
  CuspTime t = 0;

  g_assert_true (cusp_time_parse_iso (text, &t, NULL));
  return t;
}

/* The date-prefix cache gives the full parser's result on runs of one
 * day, across midnight, around the 2015-06-30 leap second (published in
 * IERS Bulletin C 49: 23:59:60 inserted, so 23:59:59 → 00:00:00 of July 1
 * spans 2 s), and on strings the full parser refuses. */
static void
test_time_cache (void)
{
  CuspHapiTimeCache cache = { 0 };
  const char *seq[] = {
    "2015-06-30T23:59:58.5Z", "2015-06-30T23:59:59Z", "2015-06-30T23:59:59.999999999Z",
    "2015-06-30T23:59:60Z", "2015-06-30T23:59:60.25Z", "2015-06-30T23:59:59.5Z",
    "2015-07-01T00:00:00Z", "2015-07-01T00:00:00.000000001Z", "2015-06-30T12:00:00Z",
    "2015-06-30T24:00:00Z", "2015-06-30T23:59Z", "2015-181T12:00:00Z", "2015-06-30T12:00:00.Z",
    "2015-06-30T12:00:00.1234567891Z", "2015-06-30T12:00:61Z", "2015-06-30T25:00:00Z",
    "2015-06-30T12:60:00Z", "2015-06-30T12:00:00", "2015-06-30t12:00:00Z", "2015-06-30T1a:00:00Z",
    "2015-06-31T00:00:00Z", "2015-06-30T00:00:00Z", "2016-12-31T23:59:60.999Z", "2017-01-01T00:00:00Z",
  };
  GRand *rand = g_rand_new_with_seed (20150630);
  CuspTime start = parse_full ("2014-12-31T00:00:00Z");
  CuspTime t;

  for (guint i = 0; i < G_N_ELEMENTS (seq); i++)
    check_cached (&cache, seq[i]);

  /* Hand values: the leap second is real in both paths. */
  cache = (CuspHapiTimeCache) { 0 };
  {
    CuspTime a, b, c;

    g_assert_true (cusp_hapi_parse_time (&cache, "2015-06-30T23:59:59Z", 20, &a));
    g_assert_true (cusp_hapi_parse_time (&cache, "2015-06-30T23:59:60Z", 20, &b));
    g_assert_true (cusp_hapi_parse_time (&cache, "2015-07-01T00:00:00Z", 20, &c));
    g_assert_cmpint (b - a, ==, CUSP_NS_PER_SECOND);
    g_assert_cmpint (c - a, ==, 2 * CUSP_NS_PER_SECOND);
    g_assert_true (cusp_hapi_parse_time (&cache, "2015-07-01T00:00:01.5Z", 22, &b));
    g_assert_cmpint (b - c, ==, 3 * CUSP_NS_PER_SECOND / 2);
  }

  /* Random walks over 2015-2016 (both leap-second days), printed with 0-9
   * fraction digits: mostly small steps inside a day, some jumps. */
  t = start;
  for (guint i = 0; i < 200000; i++)
    {
      g_autofree char *text = NULL;
      guint32 r = g_rand_int (rand);

      if (r % 50 == 0)
        t = start + (CuspTime) (g_rand_double (rand) * 730.0 * CUSP_NS_PER_DAY);
      else if (r % 50 == 1)
        t = parse_full ("2015-06-30T23:59:59Z") + g_rand_int_range (rand, 0, 3000) * CUSP_NS_PER_MS;
      else
        t += g_rand_int_range (rand, 0, 3600) * CUSP_NS_PER_SECOND + g_rand_int_range (rand, 0, 1000000000);
      text = cusp_time_format_iso (t, g_rand_int_range (rand, 0, 10));
      check_cached (&cache, text);
    }
  g_rand_free (rand);
}

/* Binary records: time[24], a[2] (double), k (integer, fill -1), b
 * (double, fill -1e31).  Times cross the 2016-12-31 leap second and a
 * midnight; every value is written here and parsed back two ways: the
 * binary parser (typed plan, or one memcpy when all values are doubles)
 * and the CSV parser (number text), both against the written values. */
static const char *mixed_times[] = {
  "2016-12-31T23:59:58.000Z", "2016-12-31T23:59:59.250Z", "2016-12-31T23:59:60.000Z",
  "2016-12-31T23:59:60.500Z", "2017-01-01T00:00:00.000Z", "2017-01-01T00:00:00.750Z",
  "2017-01-01T00:00:01.000Z", "2017-01-01T00:00:01.000Z",
};

static void
append_le64 (GByteArray *b,
             double      v)
{
  guint64 bits;

  memcpy (&bits, &v, 8);
  bits = GUINT64_TO_LE (bits);
  g_byte_array_append (b, (const guint8 *) &bits, 8);
}

static void
append_le32 (GByteArray *b,
             gint32      v)
{
  guint32 bits = GUINT32_TO_LE ((guint32) v);

  g_byte_array_append (b, (const guint8 *) &bits, 4);
}

static void
mixed_values (guint   i,
              double *a0,
              double *a1,
              gint32 *k,
              double *b)
{
  *a0 = i * 0.1 - 0.3;
  *a1 = -1e300 / (i + 1);
  *k = i == 3 ? -1 : (gint32) (i * 1000 - 2000);
  *b = i == 5 ? -1e31 : 1.0 / 3 + i;
}

/* expected: the parsers' size hint (0: none). */
static GPtrArray *
parse_bytes_expecting (const char   *info_json,
                       const guint8 *bytes,
                       gsize         len,
                       gboolean      binary,
                       gsize         chunk,
                       guint         expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspHapiInfo) info = cusp_hapi_info_parse (info_json, -1, &error);
  GPtrArray *out;

  g_assert_no_error (error);
  if (binary)
    {
      g_autoptr (CuspHapiBinaryParser) p = cusp_hapi_binary_parser_new (info);

      cusp_hapi_binary_parser_expect (p, expected);
      for (gsize at = 0; at < len; at += chunk)
        if (!cusp_hapi_binary_parser_feed (p, (const char *) bytes + at, MIN (chunk, len - at), &error))
          g_error ("%s", error->message);
      g_assert_true (cusp_hapi_binary_parser_finish (p, &error));
      out = cusp_hapi_binary_parser_take_data (p, &error);
    }
  else
    {
      g_autoptr (CuspHapiCsvParser) p = cusp_hapi_csv_parser_new (info);

      cusp_hapi_csv_parser_expect (p, expected);
      g_assert_true (cusp_hapi_csv_parser_feed (p, (const char *) bytes, len, &error));
      g_assert_true (cusp_hapi_csv_parser_finish (p, &error));
      out = cusp_hapi_csv_parser_take_data (p, &error);
    }
  g_assert_no_error (error);
  return out;
}

static GPtrArray *
parse_bytes (const char   *info_json,
             const guint8 *bytes,
             gsize         len,
             gboolean      binary,
             gsize         chunk)
{
  return parse_bytes_expecting (info_json, bytes, len, binary, chunk, 0);
}

static void
assert_same_series (CuspSeries *x,
                    CuspSeries *y)
{
  g_assert_cmpuint (x->n_samples, ==, y->n_samples);
  g_assert_cmpuint (x->n_components, ==, y->n_components);
  g_assert_cmpmem (x->times, x->n_samples * sizeof (CuspTime), y->times, y->n_samples * sizeof (CuspTime));
  for (gsize i = 0; i < (gsize) x->n_samples * x->n_components; i++)
    {
      if (isnan (x->values[i]))
        g_assert_true (isnan (y->values[i]));
      else
        g_assert_cmpfloat (x->values[i], ==, y->values[i]);
    }
}

static void
test_binary_fast_path (void)
{
  const char *head =
    "{\"HAPI\":\"3.3\",\"status\":{\"code\":1200,\"message\":\"OK\"},"
    "\"startDate\":\"2016-12-31T00:00:00Z\",\"stopDate\":\"2017-01-02T00:00:00Z\",\"parameters\":["
    "{\"name\":\"Time\",\"type\":\"isotime\",\"units\":\"UTC\",\"fill\":null,\"length\":24},"
    "{\"name\":\"a\",\"type\":\"double\",\"units\":null,\"fill\":null,\"size\":[2]},";
  g_autofree char *mixed_info = g_strconcat (head,
    "{\"name\":\"k\",\"type\":\"integer\",\"units\":null,\"fill\":\"-1\"},"
    "{\"name\":\"b\",\"type\":\"double\",\"units\":null,\"fill\":\"-1e31\"}]}", NULL);
  g_autofree char *double_info = g_strconcat (head,
    "{\"name\":\"b\",\"type\":\"double\",\"units\":null,\"fill\":\"-1e31\"}]}", NULL);
  g_autoptr (GByteArray) mixed = g_byte_array_new (), doubles = g_byte_array_new ();
  g_autoptr (GString) mixed_csv = g_string_new (NULL), double_csv = g_string_new (NULL);
  guint n = G_N_ELEMENTS (mixed_times);

  for (guint i = 0; i < n; i++)
    {
      double a0, a1, b;
      gint32 k;
      char num[4][G_ASCII_DTOSTR_BUF_SIZE];

      mixed_values (i, &a0, &a1, &k, &b);
      g_byte_array_append (mixed, (const guint8 *) mixed_times[i], 24);
      g_byte_array_append (doubles, (const guint8 *) mixed_times[i], 24);
      append_le64 (mixed, a0);
      append_le64 (mixed, a1);
      append_le32 (mixed, k);
      append_le64 (mixed, b);
      append_le64 (doubles, a0);
      append_le64 (doubles, a1);
      append_le64 (doubles, b);
      g_ascii_formatd (num[0], sizeof num[0], "%.17g", a0);
      g_ascii_formatd (num[1], sizeof num[1], "%.17g", a1);
      g_ascii_formatd (num[3], sizeof num[3], "%.17g", b);
      g_string_append_printf (mixed_csv, "%s,%s,%s,%d,%s\n", mixed_times[i], num[0], num[1], k, num[3]);
      g_string_append_printf (double_csv, "%s,%s,%s,%s\n", mixed_times[i], num[0], num[1], num[3]);
    }

  /* Any chunking: records straddle chunks at 1 and 7 bytes. */
  for (guint c = 0; c < 3; c++)
    {
      gsize chunk = c == 0 ? 1 : c == 1 ? 7 : 4096;
      g_autoptr (GPtrArray) bm = parse_bytes (mixed_info, mixed->data, mixed->len, TRUE, chunk);
      g_autoptr (GPtrArray) cm = parse_bytes (mixed_info, (const guint8 *) mixed_csv->str, mixed_csv->len, FALSE, 0);
      g_autoptr (GPtrArray) bd = parse_bytes (double_info, doubles->data, doubles->len, TRUE, chunk);
      g_autoptr (GPtrArray) cd = parse_bytes (double_info, (const guint8 *) double_csv->str, double_csv->len, FALSE, 0);
      CuspSeries *a, *k, *b;

      g_assert_cmpuint (bm->len, ==, 3);
      g_assert_cmpuint (bd->len, ==, 2);
      for (guint j = 0; j < 3; j++)
        assert_same_series (cusp_data_get_series (g_ptr_array_index (bm, j)),
                            cusp_data_get_series (g_ptr_array_index (cm, j)));
      for (guint j = 0; j < 2; j++)
        assert_same_series (cusp_data_get_series (g_ptr_array_index (bd, j)),
                            cusp_data_get_series (g_ptr_array_index (cd, j)));
      /* The memcpy path and the typed path agree on the shared columns. */
      assert_same_series (cusp_data_get_series (g_ptr_array_index (bm, 0)),
                          cusp_data_get_series (g_ptr_array_index (bd, 0)));
      assert_same_series (cusp_data_get_series (g_ptr_array_index (bm, 2)),
                          cusp_data_get_series (g_ptr_array_index (bd, 1)));

      /* Against the written values; the last time repeats, so the later
       * record is kept (7 samples). */
      a = cusp_data_get_series (g_ptr_array_index (bm, 0));
      k = cusp_data_get_series (g_ptr_array_index (bm, 1));
      b = cusp_data_get_series (g_ptr_array_index (bm, 2));
      g_assert_cmpuint (a->n_samples, ==, n - 1);
      for (guint i = 0; i < n - 1; i++)
        {
          guint src = i == n - 2 ? n - 1 : i;
          double a0, a1, bv;
          gint32 kv;
          CuspTime t;

          mixed_values (src, &a0, &a1, &kv, &bv);
          g_assert_true (cusp_time_parse_iso (mixed_times[src], &t, NULL));
          g_assert_cmpint (a->times[i], ==, t);
          g_assert_cmpfloat (cusp_series_column (a, 0)[i], ==, a0);
          g_assert_cmpfloat (cusp_series_column (a, 1)[i], ==, a1);
          if (kv == -1)
            g_assert_true (isnan (k->values[i]));
          else
            g_assert_cmpfloat (k->values[i], ==, kv);
          if (bv == -1e31)
            g_assert_true (isnan (b->values[i]));
          else
            g_assert_cmpfloat (b->values[i], ==, bv);
        }
      /* The leap second is one SI second: 23:59:60.000 is 1 s after 23:59:59. */
      g_assert_cmpint (a->times[2] - a->times[1], ==, 750 * CUSP_NS_PER_MS);
      g_assert_cmpint (a->times[4] - a->times[2], ==, CUSP_NS_PER_SECOND);
    }
}

/* Records every 250 ms from 2016-12-31T23:58:58 for 12 min: they cross
 * seconds, minutes, the 2016-12-31 leap second (23:59:60 inserted, IERS
 * Bulletin C 52) and midnight.  Record i is at start + i × 250 ms on the
 * SI scale, so 23:59:60.000 is record 248 (62 s) and 2017-01-01T00:00:00
 * record 252.  Values: v[2] (fill -1e31), z (fill 0: both zeros are
 * fill), s[3] a spectrogram (fill -1e31), optionally k (integer, fill 7).
 * The binary parser (same-minute time cache, direct column stores, whole or
 * 1-byte chunks, stores that grow past their first 1024 rows) must give
 * exactly the written values and the times of the full time parser. */
#define SC_N (12 * 60 * 4)

static void
sc_values (guint   i,
           double *v0,
           double *v1,
           double *z,
           double  s[3],
           gint32 *k)
{
  *v0 = i * 0.5;
  *v1 = i % 10 == 3 ? -1e31 : -(double) i;
  *z = i % 7 == 0 ? 0.0 : i % 7 == 1 ? -0.0 : i;
  for (guint j = 0; j < 3; j++)
    s[j] = i % 11 == 5 && j == 1 ? -1e31 : i * 10.0 + j;
  *k = i % 5 == 2 ? 7 : (gint32) i - 100;
}

static void
sc_check (GPtrArray *out,
          CuspTime   start,
          gboolean   with_k)
{
  CuspSeries *v, *z, *k = NULL;
  CuspSpectrogram *sp;

  g_assert_cmpuint (out->len, ==, with_k ? 4 : 3);
  v = cusp_data_get_series (g_ptr_array_index (out, 0));
  z = cusp_data_get_series (g_ptr_array_index (out, 1));
  sp = cusp_data_get_spectrogram (g_ptr_array_index (out, 2));
  if (with_k)
    k = cusp_data_get_series (g_ptr_array_index (out, 3));
  g_assert_cmpuint (v->n_samples, ==, SC_N);
  g_assert_cmpuint (z->n_samples, ==, SC_N);
  g_assert_cmpuint (sp->n_records, ==, SC_N);
  for (guint i = 0; i < SC_N; i++)
    {
      double v0, v1, zv, s[3];
      gint32 kv;

      sc_values (i, &v0, &v1, &zv, s, &kv);
      g_assert_cmpint (v->times[i], ==, start + (CuspTime) i * 250 * CUSP_NS_PER_MS);
      g_assert_cmpint (sp->times[i], ==, v->times[i]);
      g_assert_cmpfloat (cusp_series_column (v, 0)[i], ==, v0);
      if (v1 == -1e31)
        g_assert_true (isnan (cusp_series_column (v, 1)[i]));
      else
        g_assert_cmpfloat (cusp_series_column (v, 1)[i], ==, v1);
      if (zv == 0)
        g_assert_true (isnan (z->values[i]));
      else
        g_assert_cmpfloat (z->values[i], ==, zv);
      for (guint j = 0; j < 3; j++)
        if (s[j] == -1e31)
          g_assert_true (isnan (sp->values[i * 3 + j]));
        else
          g_assert_cmpfloat (sp->values[i * 3 + j], ==, s[j]);
      if (k != NULL && kv == 7)
        g_assert_true (isnan (k->values[i]));
      else if (k != NULL)
        g_assert_cmpfloat (k->values[i], ==, kv);
    }
}

static void
test_binary_second_cache (void)
{
  const char *head =
    "{\"HAPI\":\"3.3\",\"status\":{\"code\":1200,\"message\":\"OK\"},"
    "\"startDate\":\"2016-12-31T00:00:00Z\",\"stopDate\":\"2017-01-02T00:00:00Z\",\"parameters\":["
    "{\"name\":\"Time\",\"type\":\"isotime\",\"units\":\"UTC\",\"fill\":null,\"length\":24},"
    "{\"name\":\"v\",\"type\":\"double\",\"units\":null,\"fill\":\"-1e31\",\"size\":[2]},"
    "{\"name\":\"z\",\"type\":\"double\",\"units\":null,\"fill\":\"0\"},"
    "{\"name\":\"s\",\"type\":\"double\",\"units\":null,\"fill\":\"-1e31\",\"size\":[3],"
    "\"bins\":[{\"name\":\"e\",\"units\":\"eV\",\"centers\":[1,2,3]}]}";
  g_autofree char *doubles_info = g_strconcat (head, "]}", NULL);
  g_autofree char *mixed_info = g_strconcat (head,
    ",{\"name\":\"k\",\"type\":\"integer\",\"units\":null,\"fill\":\"7\"}]}", NULL);
  CuspTime start = parse_full ("2016-12-31T23:58:58Z");
  CuspHapiTimeCache cache = { 0 };

  for (guint m = 0; m < 2; m++)
    {
      gboolean with_k = m == 1;
      g_autoptr (GByteArray) bytes = g_byte_array_new ();
      gsize chunks[] = { 1, 1000000 };

      for (guint i = 0; i < SC_N; i++)
        {
          g_autofree char *text = cusp_time_format_iso (start + (CuspTime) i * 250 * CUSP_NS_PER_MS, 3);
          double v0, v1, z, s[3];
          gint32 k;

          if (i == 248)
            g_assert_cmpstr (text, ==, "2016-12-31T23:59:60.000Z");
          if (i == 252)
            g_assert_cmpstr (text, ==, "2017-01-01T00:00:00.000Z");
          g_assert_cmpuint (strlen (text), ==, 24);
          sc_values (i, &v0, &v1, &z, s, &k);
          g_byte_array_append (bytes, (const guint8 *) text, 24);
          append_le64 (bytes, v0);
          append_le64 (bytes, v1);
          append_le64 (bytes, z);
          for (guint j = 0; j < 3; j++)
            append_le64 (bytes, s[j]);
          if (with_k)
            append_le32 (bytes, k);
        }
      /* Size hints that are none, too small (growth from 1024 rows or
       * from the hint), one short, exact, too large (columns moved together at the end) and
       * large enough for the huge-page stores: only speed may change. */
      guint hints[] = { 0, 1, 1500, SC_N - 1, SC_N, 3 * SC_N, 1u << 20 };

      for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
        for (guint h = 0; h < G_N_ELEMENTS (hints); h++)
          {
            g_autoptr (GPtrArray) out = parse_bytes_expecting (with_k ? mixed_info : doubles_info,
                                                               bytes->data, bytes->len, TRUE,
                                                               chunks[c], hints[h]);

            sc_check (out, start, with_k);
          }
    }

  /* Strings sharing a cached minute but not its shape go to the full
   * parser and get its answer (or its refusal). */
  {
    const char *seq[] = {
      "2016-12-31T23:59:59.250Z", "2016-12-31T23:59:59.Z", "2016-12-31T23:59:59.5",
      "2016-12-31T23:59:59.1234567891Z", "2016-12-31T23:59:59.12345678Z",
      "2016-12-31T23:59:59Z", "2016-12-31T23:59:59.5xZ", "2016-12-31T23:59:59.123456789Z",
      "2016-12-31T23:59:60.5Z", "2016-12-31T23:59:60.75Z", "2016-12-31T23:59:59.999Z",
      "2017-01-01T00:00:00.001Z", "2017-01-01T00:00:00.002Z", "2017-01-01T00:00:01.002Z",
    };

    for (guint i = 0; i < G_N_ELEMENTS (seq); i++)
      check_cached (&cache, seq[i]);
  }
}

/* Records out of order, one pair across the parser's 128-record block
 * boundary and one inside a block: the series comes out sorted, each
 * value still with its own time (x = seconds after the start). */
static void
test_binary_unsorted (void)
{
  const char *info =
    "{\"HAPI\":\"3.3\",\"status\":{\"code\":1200,\"message\":\"OK\"},"
    "\"startDate\":\"2020-01-01T00:00:00Z\",\"stopDate\":\"2020-01-02T00:00:00Z\",\"parameters\":["
    "{\"name\":\"Time\",\"type\":\"isotime\",\"units\":\"UTC\",\"fill\":null,\"length\":24},"
    "{\"name\":\"x\",\"type\":\"double\",\"units\":null,\"fill\":null}]}";
  CuspTime start = parse_full ("2020-01-01T00:00:00Z");
  guint n = 300;

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr (GByteArray) bytes = g_byte_array_new ();
      g_autoptr (GPtrArray) out = NULL;
      CuspSeries *x;

      for (guint i = 0; i < n; i++)
        {
          /* Record 127 holds second 128 and record 128 second 127. */
          guint sec = i == 127 ? 128 : i == 128 ? 127 : i == 200 ? 201 : i == 201 ? 200 : i;
          g_autofree char *text = cusp_time_format_iso (start + (CuspTime) sec * CUSP_NS_PER_SECOND, 3);

          g_byte_array_append (bytes, (const guint8 *) text, 24);
          append_le64 (bytes, sec);
        }
      out = parse_bytes (info, bytes->data, bytes->len, TRUE, pass == 0 ? 32 * 5 : bytes->len);
      x = cusp_data_get_series (g_ptr_array_index (out, 0));
      g_assert_cmpuint (x->n_samples, ==, n);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpint (x->times[i], ==, start + (CuspTime) i * CUSP_NS_PER_SECOND);
          g_assert_cmpfloat (x->values[i], ==, i);
        }
    }
}

/* timeStampLocation: begin and end stamps move to the interval's centre
 * when the cadence is known (hand values: PT1S begin → +0.5 s, PT10S
 * end → −5 s); center, other or no cadence leave the times alone. */
static void
check_shift (const char *location,
             const char *cadence,
             gint64      shift_ns,
             const char *shift_text)
{
  g_autofree char *info = g_strdup_printf (
    "{\"HAPI\":\"3.3\",\"status\":{\"code\":1200,\"message\":\"OK\"},"
    "\"startDate\":\"2020-01-01T00:00:00Z\",\"stopDate\":\"2020-01-02T00:00:00Z\","
    "%s%s%s\"timeStampLocation\":\"%s\",\"parameters\":["
    "{\"name\":\"Time\",\"type\":\"isotime\",\"units\":\"UTC\",\"fill\":null,\"length\":24},"
    "{\"name\":\"n\",\"type\":\"double\",\"units\":null,\"fill\":null}]}",
    cadence ? "\"cadence\":\"" : "", cadence ? cadence : "", cadence ? "\"," : "", location);
  const char *csv = "2020-01-01T00:00:00.000Z,1\n2020-01-01T00:00:01.000Z,2\n";

  for (guint binary = 0; binary < 2; binary++)
    {
      g_autoptr (GByteArray) bytes = g_byte_array_new ();
      g_autoptr (GPtrArray) out = NULL;
      CuspSeries *s;

      if (binary)
        for (guint i = 0; i < 2; i++)
          {
            g_byte_array_append (bytes, (const guint8 *) csv + i * 27, 24);
            append_le64 (bytes, i + 1);
          }
      else
        g_byte_array_append (bytes, (const guint8 *) csv, strlen (csv));
      out = parse_bytes (info, bytes->data, bytes->len, binary, binary ? 5 : bytes->len);
      s = cusp_data_get_series (g_ptr_array_index (out, 0));
      g_assert_cmpuint (s->n_samples, ==, 2);
      g_assert_cmpint (s->times[0], ==, parse_full ("2020-01-01T00:00:00Z") + shift_ns);
      g_assert_cmpint (s->times[1], ==, parse_full ("2020-01-01T00:00:01Z") + shift_ns);
      g_assert_cmpfloat (s->values[1], ==, 2);
      g_assert_cmpstr (cusp_metadata_get (s->metadata, "timeStampLocation"), ==, location);
      g_assert_cmpstr (cusp_metadata_get (s->metadata, "timeShiftApplied"), ==, shift_text);
    }
}

static void
test_time_stamp_location (void)
{
  check_shift ("begin", "PT1S", 500 * CUSP_NS_PER_MS, "500 ms");
  check_shift ("end", "PT10S", -5 * CUSP_NS_PER_SECOND, "-5 s");
  check_shift ("center", "PT1S", 0, "0 s");
  check_shift ("other", "PT1S", 0, "0 s");
  check_shift ("begin", NULL, 0, "0 s");
  check_shift ("begin", "P1M", 0, "0 s");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/hapi-parse/capabilities", test_capabilities);
  g_test_add_func ("/cusp/hapi-parse/time-cache", test_time_cache);
  g_test_add_func ("/cusp/hapi-parse/catalog", test_catalog);
  g_test_add_func ("/cusp/hapi-parse/info", test_info);
  g_test_add_func ("/cusp/hapi-parse/info-synthetic", test_info_synthetic);
  g_test_add_func ("/cusp/hapi-parse/info-errors", test_info_errors);
  g_test_add_func ("/cusp/hapi-parse/duration", test_duration);
  g_test_add_func ("/cusp/hapi-parse/double-random", test_double_random);
  g_test_add_func ("/cusp/hapi-parse/csv-sample", test_csv_sample);
  g_test_add_func ("/cusp/hapi-parse/csv-multiple-vars", test_csv_multiple_vars);
  g_test_add_func ("/cusp/hapi-parse/csv-fixed-bins", test_csv_fixed_bins);
  g_test_add_func ("/cusp/hapi-parse/csv-varying-bins", test_csv_varying_bins);
  g_test_add_func ("/cusp/hapi-parse/csv-synthetic", test_csv_synthetic);
  g_test_add_func ("/cusp/hapi-parse/csv-edge", test_csv_edge);
  g_test_add_func ("/cusp/hapi-parse/csv-errors", test_csv_errors);
  g_test_add_func ("/cusp/hapi-parse/csv-strings", test_csv_strings);
  g_test_add_func ("/cusp/hapi-parse/csv-strings-sscweb", test_csv_strings_sscweb);
  g_test_add_func ("/cusp/hapi-parse/csv-strings-line-breaks", test_csv_strings_line_breaks);
  g_test_add_func ("/cusp/hapi-parse/binary-strings", test_binary_strings);
  g_test_add_func ("/cusp/hapi-parse/binary-fixture", test_binary_fixture);
  g_test_add_func ("/cusp/hapi-parse/binary-synthetic", test_binary_synthetic);
  g_test_add_func ("/cusp/hapi-parse/binary-fast-path", test_binary_fast_path);
  g_test_add_func ("/cusp/hapi-parse/binary-second-cache", test_binary_second_cache);
  g_test_add_func ("/cusp/hapi-parse/binary-unsorted", test_binary_unsorted);
  g_test_add_func ("/cusp/hapi-parse/time-stamp-location", test_time_stamp_location);

  return g_test_run ();
}
