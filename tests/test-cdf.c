/* test-cdf.c: the CDF reader against independent references.
 *
 * The oracle is the fixtures' expected.json (written by a separate
 * stdlib-Python reader): every variable's type, shape, record count,
 * record variance, compression, sparse mode and its first and last records.
 * Other expected values come from docs/reference/cdf_data.md and the
 * fixtures' README (the MMS FGM first record and Epoch, the testutf8
 * leap-second epochs, the a_cdf counters of CDFpp's make_cdf.py), from the
 * ISTP file-naming convention (Logical_source), or from a brute-force scan.
 * Damaged copies (truncated, a flipped compressed byte, a VXR pointing out
 * of the file, a VXR pointing to itself, a VAX encoding) must give a
 * CUSP_CDF_ERROR and never crash.
 */
#define G_LOG_DOMAIN "cusp-test-cdf"

#include "config.h"

#include "cusp-cdf.h"
#include "cusp-cdf-private.h"

#include <cjson/cJSON.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* expected.json's reader drops the last record of a block that VXR
 * preallocates beyond MaxRec (cdf_data.md §1.9 pitfall 1: it stops one
 * record short when clamping Last to MaxRec) and reports the pad value
 * there.  These are record MaxRec as read by a second independent
 * stdlib-Python reader (struct.unpack at the VVR offset; whole-file
 * gzip/RLE undone first), e.g. a_cdf "var" is cos(2πk/100) ending at 1,
 * testutf8 "tt2000" ends at 488980870307456789 as cdf_data.md §1.8 says. */
static const struct
{
  const char *file, *variable, *values;
} last_errata[] = {
  { "a_cdf.cdf", "var", "1.0" },
  { "a_cdf.cdf", "epoch", "63722419200000.0" },
  { "a_cdf.cdf", "bytes", "1" },
  { "a_cdf.cdf", "var2d", "1.0 1.0 1.0 1.0" },
  { "a_cdf.cdf", "var2d_counter", "90.0 91.0 92.0 93.0 94.0 95.0 96.0 97.0 98.0 99.0" },
  { "a_cdf.cdf", "tt2000", "608472069184000000" },
  { "a_col_major_cdf.cdf", "var", "1.0" },
  { "a_col_major_cdf.cdf", "epoch", "63722419200000.0" },
  { "a_col_major_cdf.cdf", "bytes", "1" },
  { "a_col_major_cdf.cdf", "var2d", "1.0 1.0 1.0 1.0" },
  { "a_col_major_cdf.cdf", "var2d_counter", "90.0 91.0 92.0 93.0 94.0 95.0 96.0 97.0 98.0 99.0" },
  { "a_col_major_cdf.cdf", "tt2000", "608472069184000000" },
  { "a_compressed_cdf.cdf", "var", "1.0" },
  { "a_compressed_cdf.cdf", "epoch", "63722419200000.0" },
  { "a_compressed_cdf.cdf", "bytes", "1" },
  { "a_compressed_cdf.cdf", "var2d", "1.0 1.0 1.0 1.0" },
  { "a_compressed_cdf.cdf", "var2d_counter", "90.0 91.0 92.0 93.0 94.0 95.0 96.0 97.0 98.0 99.0" },
  { "a_compressed_cdf.cdf", "tt2000", "608472069184000000" },
  { "a_rle_compressed_cdf.cdf", "var", "1.0" },
  { "a_rle_compressed_cdf.cdf", "epoch", "63722419200000.0" },
  { "a_rle_compressed_cdf.cdf", "bytes", "1" },
  { "a_rle_compressed_cdf.cdf", "var2d", "1.0 1.0 1.0 1.0" },
  { "a_rle_compressed_cdf.cdf", "var2d_counter", "90.0 91.0 92.0 93.0 94.0 95.0 96.0 97.0 98.0 99.0" },
  { "a_rle_compressed_cdf.cdf", "tt2000", "608472069184000000" },
  { "ac_h2_sis_20101105_v06.cdf", "Epoch", "63456217200000.0" },
  { "ac_h2_sis_20101105_v06.cdf", "Time_PB5", "2010 309 82800" },
  { "ac_h2_sis_20101105_v06.cdf", "flux_He", "4.3506999645614997e-05 0.0 2.2792999516241252e-05 1.2712999705399852e-05 0.0 3.3906999306054786e-05 3.103099879808724e-05 8.713300303497817e-06" },
  { "ac_h2_sis_20101105_v06.cdf", "flux_C", "0.0 0.0 0.0 0.0 0.0 1.2519999472715426e-06 0.0 0.0" },
  { "ac_h2_sis_20101105_v06.cdf", "flux_N", "3.3859998893603915e-06 0.0 0.0 0.0 0.0 0.0 0.0 0.0" },
  { "ac_h2_sis_20101105_v06.cdf", "flux_O", "0.0 0.0 0.0 1.6220000134126167e-06 0.0 0.0 0.0 0.0" },
  { "ac_h2_sis_20101105_v06.cdf", "flux_Fe", "0.0 0.0 0.0 0.0 6.148699753794062e-07 0.0 0.0 3.30130006886975e-07" },
  { "ac_h2_sis_20101105_v06.cdf", "cnt_He", "2.0 0.0 1.0 1.0 0.0 5.0 10.0 2.0" },
  { "ac_h2_sis_20101105_v06.cdf", "cnt_C", "0.0 0.0 0.0 0.0 0.0 1.0 0.0 0.0" },
  { "ac_h2_sis_20101105_v06.cdf", "cnt_N", "1.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0" },
  { "ac_h2_sis_20101105_v06.cdf", "cnt_O", "0.0 0.0 0.0 1.0 0.0 0.0 0.0 0.0" },
  { "ac_h2_sis_20101105_v06.cdf", "cnt_Ni", "0.0 0.0 0.0 0.0 1.0 0.0 0.0 1.0" },
  { "ge_k0_cpi_19921231_v02.cdf", "Epoch", "62893065457122.0" },
  { "ge_k0_cpi_19921231_v02.cdf", "Time_PB5", "1992 366 86257122" },
  { "ge_k0_cpi_19921231_v02.cdf", "SW_P_Den", "15.518380165100098" },
  { "ge_k0_cpi_19921231_v02.cdf", "SW_P_AVGE", "878.3729858398438" },
  { "ge_k0_cpi_19921231_v02.cdf", "SW_V", "-401.43817138671875 -27.73493194580078 5.861989974975586" },
  { "ge_k0_cpi_19921231_v02.cdf", "Quality_SW", "0.0" },
  { "ge_k0_cpi_19921231_v02.cdf", "GAP_FLAG", "0" },
  { "ge_k0_cpi_19921231_v02.cdf", "HP_P_Den", "8.670820236206055" },
  { "ge_k0_cpi_19921231_v02.cdf", "HP_P_AVGE", "50.04445266723633" },
  { "ge_k0_cpi_19921231_v02.cdf", "HP_V", "-446.4945983886719 -35.58244323730469" },
  { "ge_k0_cpi_19921231_v02.cdf", "HP_E_AVGE", "59.98659896850586" },
  { "ge_k0_cpi_19921231_v02.cdf", "W", "1.3885646799050022e-10" },
  { "ge_k0_cpi_19921231_v02.cdf", "Quality_HP", "0.0" },
  { "ge_k0_cpi_19921231_v02.cdf", "Quality_IC", "0.0" },
  { "ge_k0_cpi_19921231_v02.cdf", "H_P_FLAG", "1" },
  { "ge_k0_cpi_19921231_v02.cdf", "HE_PP_FLAG", "1" },
  { "ge_k0_cpi_19921231_v02.cdf", "HE_P_FLAG", "0" },
  { "ge_k0_cpi_19921231_v02.cdf", "O_P_FLAG", "0" },
  { "mms1_fgm_brst_l2_20150901174500_v4.18.0.cdf", "Epoch_state", "494401622306000000" },
  { "mms1_fpi_fast_l2_dis-moms_20151017160000_v3.4.0.cdf", "Epoch", "498372136572005000" },
  { "testutf8.cdf", "Latitude1", "100 128 255" },
  { "testutf8.cdf", "Longitude1", "333 444 555" },
  { "testutf8.cdf", "Temp1", "333.29998779296875 444.3999938964844 555.5" },
  { "testutf8.cdf", "Temperature", "999.989990234375" },
  { "testutf8.cdf", "dp", "20.5 20.6 20.7" },
  { "testutf8.cdf", "ep", "63050929445666.0" },
  { "testutf8.cdf", "newI8", "9223372036854775807 -9223372036854775808" },
  { "testutf8.cdf", "tt2000", "488980870307456789" },
  { "wi_k0_mfi_20220101_v01.cdf", "Epoch", "63808300775466.5" },
  { "wi_k0_mfi_20220101_v01.cdf", "Time_PB5", "2022 1 86375466" },
  { "wi_k0_mfi_20220101_v01.cdf", "MODE", "1" },
  { "wi_k0_mfi_20220101_v01.cdf", "N", "1000" },
  { "wi_k0_mfi_20220101_v01.cdf", "BF1", "6.815227031707764" },
  { "wi_k0_mfi_20220101_v01.cdf", "RMS", "0.6096862554550171" },
  { "wi_k0_mfi_20220101_v01.cdf", "BGSMc", "-2.90360164642334 5.809739112854004 1.9869043827056885" },
  { "wi_k0_mfi_20220101_v01.cdf", "BGSMa", "6.792036533355713 17.009750366210938 116.55504608154297" },
  { "wi_k0_mfi_20220101_v01.cdf", "BGSEc", "-2.90360164642334 6.128842830657959 0.37167468667030334" },
  { "wi_k0_mfi_20220101_v01.cdf", "BGSEa", "6.792036533355713 3.136913776397705 115.3497314453125" },
  { "wi_k0_mfi_20220101_v01.cdf", "DIST", "254.879150390625" },
  { "wi_k0_mfi_20220101_v01.cdf", "PGSM", "243.13702392578125 70.61994171142578 29.33588218688965" },
  { "wi_k0_mfi_20220101_v01.cdf", "PGSE", "243.13702392578125 75.87635040283203 9.51577377319336" },
};

static char *
fixture_path (const char *name)
{
  const char *root = g_getenv ("CUSP_FIXTURES");

  g_assert_nonnull (root);
  return g_build_filename (root, "cdf", name, NULL);
}

static CuspCdfFile *
open_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  CuspCdfFile *file = cusp_cdf_file_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

/* cJSON reads numbers as double, which cannot hold TT2000 or INT8 values:
 * quote integer literals of more than 15 digits so they arrive as strings. */
static char *
quote_big_integers (const char *json)
{
  GString *out = g_string_sized_new (strlen (json) + 1024);
  gboolean in_string = FALSE;

  for (const char *p = json; *p != '\0'; p++)
    {
      const char *q = p;
      gsize digits = 0;
      gboolean is_float = FALSE;

      if (in_string || *p == '"')
        {
          if (in_string && *p == '\\' && p[1] != '\0')
            g_string_append_c (out, *p++);
          else if (*p == '"')
            in_string = !in_string;
          g_string_append_c (out, *p);
          continue;
        }
      if (*p != '-' && !g_ascii_isdigit (*p))
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (*q == '-')
        q++;
      while (g_ascii_isdigit (*q))
        q++, digits++;
      while (*q == '.' || *q == 'e' || *q == 'E' || *q == '+' || *q == '-'
             || g_ascii_isdigit (*q))
        q++, is_float = TRUE;
      if (!is_float && digits > 15)
        g_string_append_printf (out, "\"%.*s\"", (int) (q - p), p);
      else
        g_string_append_len (out, p, q - p);
      p = q - 1;
    }
  return g_string_free (out, FALSE);
}

static cJSON *
load_expected (void)
{
  g_autofree char *path = fixture_path ("expected.json");
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;
  cJSON *root;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  quoted = quote_big_integers (text);
  root = cJSON_Parse (quoted);
  g_assert_nonnull (root);
  g_assert_true (cJSON_IsArray (root));
  return root;
}

static gint64
json_int64 (const cJSON *item)
{
  if (cJSON_IsString (item))
    return g_ascii_strtoll (item->valuestring, NULL, 10);
  g_assert_true (cJSON_IsNumber (item));
  g_assert_cmpfloat (fabs (item->valuedouble), <, 9007199254740992.0);
  return (gint64) item->valuedouble;
}

static void
assert_same_double (double got,
                    double want)
{
  if (isnan (want))
    {
      g_assert_true (isnan (got));
      return;
    }
  g_assert_cmpfloat (got, ==, want);
  g_assert_cmpint (signbit (got) != 0, ==, signbit (want) != 0);
}

/* values (one record) against a JSON array, exactly. */
static void
assert_record (const CuspCdfValues *values,
               const cJSON         *want)
{
  guint i = 0;
  const cJSON *item;

  g_assert_cmpuint (values->n_values, ==, cJSON_GetArraySize (want));
  cJSON_ArrayForEach (item, want)
    {
      if (values->kind == CUSP_CDF_VALUE_INT64)
        g_assert_cmpint (values->ints[i], ==, json_int64 (item));
      else
        {
          g_assert_cmpint (values->kind, ==, CUSP_CDF_VALUE_DOUBLE);
          g_assert_true (cJSON_IsNumber (item));
          assert_same_double (values->doubles[i], item->valuedouble);
        }
      i++;
    }
}

/* values against the space-separated numbers of an erratum. */
static void
assert_record_text (const CuspCdfValues *values,
                    const char          *want)
{
  g_auto(GStrv) parts = g_strsplit (want, " ", -1);

  g_assert_cmpuint (values->n_values, ==, g_strv_length (parts));
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (values->kind == CUSP_CDF_VALUE_INT64)
        g_assert_cmpint (values->ints[i], ==, g_ascii_strtoll (parts[i], NULL, 10));
      else
        assert_same_double (values->doubles[i], g_ascii_strtod (parts[i], NULL));
    }
}

static const char *
find_erratum (const char *file,
              const char *variable)
{
  for (gsize i = 0; i < G_N_ELEMENTS (last_errata); i++)
    if (strcmp (last_errata[i].file, file) == 0
        && strcmp (last_errata[i].variable, variable) == 0)
      return last_errata[i].values;
  return NULL;
}

static CuspCdfValues *
read_record (CuspCdfFile *file,
             const char  *variable,
             gint64       index)
{
  g_autoptr(GError) error = NULL;
  CuspCdfValues *values = cusp_cdf_file_read (file, variable, index, index, &error);

  g_assert_no_error (error);
  g_assert_nonnull (values);
  return values;
}

/* The UTC text of expected.json ("2015-09-01T17:45:03.463350") against
 * the CuspTime the reader gives (null: a fill value). */
static void
assert_utc (CuspCdfFile  *file,
            const char   *variable,
            gint64        index,
            const cJSON  *utc)
{
  g_autoptr(GError) error = NULL;
  g_autofree CuspTime *times = NULL;
  g_autofree char *text = NULL;
  gsize n = 0;

  if (utc == NULL)
    return;
  times = cusp_cdf_file_read_times (file, variable, index, index, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  if (cJSON_IsNull (utc))
    {
      g_assert_cmpint (times[0], ==, CUSP_TIME_INVALID);
      return;
    }
  text = cusp_time_format_iso (times[0], 6);
  g_assert_true (g_str_has_prefix (text, utc->valuestring));
  g_assert_cmpuint (strlen (text), ==, strlen (utc->valuestring) + 1);
}

static void
check_variable (CuspCdfFile *file,
                const char  *file_name,
                const cJSON *want)
{
  const char *name = cJSON_GetObjectItem (want, "name")->valuestring;
  const CuspCdfVariableInfo *info = cusp_cdf_file_lookup_variable (file, name);
  const cJSON *dims = cJSON_GetObjectItem (want, "dims");
  const cJSON *first = cJSON_GetObjectItem (want, "first");
  const cJSON *last = cJSON_GetObjectItem (want, "last");
  const cJSON *item;
  const char *erratum;
  guint i = 0;

  g_test_message ("%s: %s", file_name, name);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->name, ==, name);
  g_assert_cmpstr (cusp_cdf_type_name (info->type), ==,
                   cJSON_GetObjectItem (want, "type")->valuestring);
  g_assert_cmpuint (info->n_declared_dims, ==, cJSON_GetArraySize (dims));
  cJSON_ArrayForEach (item, dims)
    g_assert_cmpuint (info->declared_dims[i++], ==, item->valueint);
  g_assert_cmpint (info->n_records, ==,
                   json_int64 (cJSON_GetObjectItem (want, "records")));
  g_assert_cmpint (info->record_varying, ==,
                   cJSON_IsTrue (cJSON_GetObjectItem (want, "record_varying")));
  g_assert_cmpint (info->compression, ==,
                   cJSON_GetObjectItem (want, "compression")->valueint);
  g_assert_cmpint (info->sparse, ==,
                   cJSON_GetObjectItem (want, "sparse_records")->valueint);

  if (first != NULL)
    {
      g_autoptr(CuspCdfValues) values = read_record (file, name, 0);

      g_assert_cmpuint (values->n_values, ==, info->values_per_record);
      assert_record (values, first);
      assert_utc (file, name, 0, cJSON_GetObjectItem (want, "first_utc"));
    }
  if (last != NULL)
    {
      g_autoptr(CuspCdfValues) values = read_record (file, name, info->n_records - 1);

      erratum = find_erratum (file_name, name);
      if (erratum != NULL)
        assert_record_text (values, erratum);
      else
        {
          assert_record (values, last);
          assert_utc (file, name, info->n_records - 1,
                      cJSON_GetObjectItem (want, "last_utc"));
        }
    }
}

static void
check_file (const cJSON *want)
{
  const char *file_name = cJSON_GetObjectItem (want, "file")->valuestring;
  const cJSON *vars = cJSON_GetObjectItem (want, "variables");
  g_autoptr(CuspCdfFile) file = open_fixture (file_name);
  g_autofree char *version = NULL;
  const cJSON *var;
  int v, r, inc;

  cusp_cdf_file_get_version (file, &v, &r, &inc);
  version = g_strdup_printf ("%d.%d.%d", v, r, inc);
  g_assert_cmpstr (version, ==, cJSON_GetObjectItem (want, "version")->valuestring);
  g_assert_cmpint (cusp_cdf_file_get_encoding (file), ==,
                   cJSON_GetObjectItem (want, "encoding")->valueint);
  g_assert_cmpstr (cusp_cdf_file_is_row_major (file) ? "row" : "column", ==,
                   cJSON_GetObjectItem (want, "majority")->valuestring);
  g_assert_cmpint (cusp_cdf_file_get_compression (file) != CUSP_CDF_COMPRESSION_NONE, ==,
                   cJSON_IsTrue (cJSON_GetObjectItem (want, "whole_file_compression")));
  g_assert_cmpuint (cusp_cdf_file_get_n_variables (file), ==, cJSON_GetArraySize (vars));
  cJSON_ArrayForEach (var, vars)
    check_variable (file, file_name, var);
}

static void
test_expected (void)
{
  cJSON *root = load_expected ();
  const cJSON *file;
  guint n_files = 0;

  cJSON_ArrayForEach (file, root)
    {
      check_file (file);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 13);
  cJSON_Delete (root);
}

/* ---- Errors ------------------------------------------------------------ */

static void
test_not_a_cdf (void)
{
  g_autofree char *path = fixture_path ("not_a_cdf.cdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(CuspCdfFile) file = cusp_cdf_file_open (path, &error);

  g_assert_null (file);
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_NOT_CDF);
  g_assert_nonnull (strstr (error->message, "not_a_cdf.cdf"));
  g_assert_nonnull (strstr (error->message, "not a CDF file"));
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CuspCdfFile) file = cusp_cdf_file_open ("/nonexistent/x.cdf", &error);

  g_assert_null (file);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_no_such_variable (void)
{
  g_autoptr(CuspCdfFile) file = open_fixture ("a_cdf.cdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(CuspCdfValues) values = cusp_cdf_file_read (file, "nope", 0, 0, &error);
  const CuspCdfVariableInfo *info = cusp_cdf_file_lookup_variable (file, "var");

  g_assert_null (values);
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_NO_SUCH_VARIABLE);
  g_assert_nonnull (strstr (error->message, "a_cdf.cdf"));
  g_clear_error (&error);
  g_assert_null (cusp_cdf_file_lookup_variable (file, "nope"));

  /* Out of range, one past the end, and reversed ranges. */
  g_assert_null (cusp_cdf_file_read (file, "var", 0, info->n_records, &error));
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_null (cusp_cdf_file_read (file, "var", -1, 0, &error));
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_null (cusp_cdf_file_read (file, "var", 5, 3, &error));
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_RANGE);
  g_clear_error (&error);

  /* An empty range is not an error. */
  values = cusp_cdf_file_read (file, "var", 5, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->n_values, ==, 0);

  /* Times of a non-time variable. */
  g_assert_null (cusp_cdf_file_read_times (file, "var", 0, 0, NULL, &error));
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_WRONG_TYPE);
}

static const char *const all_fixtures[] = {
  "a_cdf.cdf", "a_col_major_cdf.cdf", "a_compressed_cdf.cdf",
  "a_rle_compressed_cdf.cdf", "ac_h2_sis_20101105_v06.cdf",
  "ac_k2_mfi_20220101_v03.cdf", "ge_k0_cpi_19921231_v02.cdf",
  "mms1_fgm_brst_l2_20150901174500_v4.18.0.cdf",
  "mms1_fpi_fast_l2_dis-moms_20151017120000_v3.4.0.cdf",
  "mms1_fpi_fast_l2_dis-moms_20151017140000_v3.4.0.cdf",
  "mms1_fpi_fast_l2_dis-moms_20151017160000_v3.4.0.cdf",
  "testutf8.cdf", "wi_k0_mfi_20220101_v01.cdf",
};

/* Reads every variable and every time variable in full; returns how many
 * reads failed, each with a CUSP_CDF_ERROR naming the file.  The first
 * error (if any) goes to *first_error. */
static guint
read_everything (CuspCdfFile  *file,
                 const char   *base_name,
                 GError      **first_error)
{
  guint failures = 0;

  for (guint i = 0; i < cusp_cdf_file_get_n_variables (file); i++)
    {
      const CuspCdfVariableInfo *info = cusp_cdf_file_get_variable (file, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(CuspCdfValues) values = NULL;
      g_autofree CuspTime *times = NULL;

      g_assert_cmpuint (info->index, ==, i);
      values = cusp_cdf_file_read (file, info->name, 0, info->n_records - 1, &error);
      if (values != NULL && cusp_cdf_type_is_time (info->type))
        times = cusp_cdf_file_read_times (file, info->name, 0, info->n_records - 1,
                                          NULL, &error);
      if (error == NULL)
        {
          g_assert_cmpuint (values->n_values, ==,
                            info->n_records * info->values_per_record);
          continue;
        }
      g_assert_true (error->domain == CUSP_CDF_ERROR);
      g_assert_nonnull (strstr (error->message, base_name));
      failures++;
      if (first_error != NULL && *first_error == NULL)
        *first_error = g_steal_pointer (&error);
    }
  return failures;
}

static void
test_read_everything (void)
{
  for (gsize f = 0; f < G_N_ELEMENTS (all_fixtures); f++)
    {
      g_autoptr(CuspCdfFile) file = open_fixture (all_fixtures[f]);
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (read_everything (file, all_fixtures[f], &error), ==, 0);
      g_assert_no_error (error);
    }
}

static char *
write_copy (const char   *dir,
            const char   *name,
            const guint8 *data,
            gsize         len)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, len, &error);
  g_assert_no_error (error);
  return path;
}

static guint8 *
load_fixture (const char *name,
              gsize      *len)
{
  g_autofree char *path = fixture_path (name);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, len, NULL));
  return (guint8 *) data;
}

/* Open a damaged copy: either a clean CUSP_CDF_ERROR naming the file, or a
 * file whose variables read or fail cleanly.  Returns the open error code
 * (-1 when it opened) and the number of failed reads in *read_failures. */
static int
open_damaged (const char  *path,
              guint       *read_failures,
              GError     **read_error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CuspCdfFile) file = cusp_cdf_file_open (path, &error);

  *read_failures = 0;
  if (file == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == CUSP_CDF_ERROR);
      g_assert_nonnull (strstr (error->message, base));
      return error->code;
    }
  *read_failures = read_everything (file, base, read_error);
  return -1;
}

static void
test_truncated (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-cdf-XXXXXX", NULL);

  g_assert_nonnull (dir);
  for (gsize f = 0; f < G_N_ELEMENTS (all_fixtures); f++)
    {
      gsize len = 0;
      g_autofree guint8 *data = load_fixture (all_fixtures[f], &len);
      guint opened = 0, failed = 0;

      for (gsize k = 0; k < 64 + 40; k++)
        {
          gsize cut = k < 64 ? k : (len * (k - 63)) / 41;
          g_autofree char *path = write_copy (dir, "cut.cdf", data, cut);
          guint read_failures = 0;
          int code = open_damaged (path, &read_failures, NULL);

          g_assert_cmpint (code, !=, CUSP_CDF_ERROR_NO_SUCH_VARIABLE);
          if (code < 0)
            opened++;
          else
            failed++;
          /* The magic numbers and the CDR come first. */
          if (cut < 8 + 48)
            g_assert_cmpint (code, >=, 0);
          g_unlink (path);
        }
      g_test_message ("%s: %u cuts opened, %u refused", all_fixtures[f], opened, failed);
      g_assert_cmpuint (failed, >=, 64);
    }
  g_rmdir (dir);
}

static guint32
get_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static guint64
get_be64 (const guint8 *p)
{
  return (guint64) get_be32 (p) << 32 | get_be32 (p + 4);
}

static void
put_be64 (guint8  *p,
          guint64  v)
{
  for (int i = 0; i < 8; i++)
    p[i] = (guint8) (v >> (56 - 8 * i));
}

/* A v3 CVVR found by its layout (RecordSize, type 13, rfuA 0, cSize, then
 * a gzip header), without the reader under test. */
static gsize
find_cvvr (const guint8 *data,
           gsize         len,
           gsize        *payload_len)
{
  for (gsize p = 8; p + 26 < len; p++)
    {
      guint64 rs = get_be64 (data + p), csize = get_be64 (data + p + 16);

      if (get_be32 (data + p + 8) == 13 && get_be32 (data + p + 12) == 0
          && csize > 64 && rs == csize + 24 && p + rs <= len
          && data[p + 24] == 0x1f && data[p + 25] == 0x8b)
        {
          *payload_len = csize;
          return p;
        }
    }
  g_assert_not_reached ();
}

static void
test_corrupt_block (void)
{
  const char *name = "mms1_fpi_fast_l2_dis-moms_20151017120000_v3.4.0.cdf";
  g_autofree char *dir = g_dir_make_tmp ("cusp-cdf-XXXXXX", NULL);
  gsize len = 0, csize = 0, p;
  g_autofree guint8 *data = load_fixture (name, &len);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  guint failures = 0;

  p = find_cvvr (data, len, &csize);
  data[p + 24 + csize / 2] ^= 0x55;
  path = write_copy (dir, name, data, len);
  g_assert_cmpint (open_damaged (path, &failures, &error), ==, -1);
  g_assert_cmpuint (failures, >=, 1);
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "corrupt"));
  g_assert_nonnull (strstr (error->message, name));
  g_unlink (path);
  g_rmdir (dir);
}

/* The whole-file gzip image of a_compressed_cdf.cdf starts at byte 8 + 32
 * (CCR header); a flipped byte in it must refuse the file. */
static void
test_corrupt_whole_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-cdf-XXXXXX", NULL);
  gsize len = 0;
  g_autofree guint8 *data = load_fixture ("a_compressed_cdf.cdf", &len);
  g_autofree char *path = NULL;
  guint failures = 0;

  g_assert_cmphex (get_be32 (data + 4), ==, 0xCCCC0001);
  g_assert_cmpuint (get_be32 (data + 16), ==, 10);  /* CCR */
  data[40 + (len - 40) / 2] ^= 0x55;
  path = write_copy (dir, "flipped.cdf", data, len);
  g_assert_cmpint (open_damaged (path, &failures, NULL), ==, CUSP_CDF_ERROR_CORRUPT);
  g_unlink (path);
  g_rmdir (dir);
}

/* A v3 VXR by its layout: RecordSize = 28 + 16·Nentries, type 6. */
static gsize
find_vxr (const guint8 *data,
          gsize         len,
          guint32      *n_entries)
{
  for (gsize p = 8; p + 28 < len; p++)
    {
      guint64 rs = get_be64 (data + p);
      guint32 n = get_be32 (data + p + 20), used = get_be32 (data + p + 24);

      if (get_be32 (data + p + 8) == 6 && n > 0 && n < 4096 && used > 0 && used <= n
          && rs == 28 + 16 * (guint64) n && p + rs <= len)
        {
          *n_entries = n;
          return p;
        }
    }
  g_assert_not_reached ();
}

static void
check_bad_vxr (guint64 entry_offset,
               gboolean patch_next)
{
  const char *name = "mms1_fgm_brst_l2_20150901174500_v4.18.0.cdf";
  g_autofree char *dir = g_dir_make_tmp ("cusp-cdf-XXXXXX", NULL);
  gsize len = 0, p;
  g_autofree guint8 *data = load_fixture (name, &len);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  guint32 n = 0;
  guint failures = 0;

  p = find_vxr (data, len, &n);
  if (patch_next)
    put_be64 (data + p + 12, p);
  else
    put_be64 (data + p + 28 + 8 * n, entry_offset == 0 ? p : entry_offset);
  path = write_copy (dir, name, data, len);
  g_assert_cmpint (open_damaged (path, &failures, &error), ==, -1);
  g_assert_cmpuint (failures, ==, 1);
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_CORRUPT);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_vxr_outside (void)
{
  check_bad_vxr (G_GUINT64_CONSTANT (1) << 40, FALSE);
  check_bad_vxr (300 * 1000, FALSE);
}

static void
test_vxr_loop (void)
{
  check_bad_vxr (0, FALSE);   /* an entry pointing at its own VXR */
  check_bad_vxr (0, TRUE);    /* VXRnext pointing at itself */
}

static void
test_vax_encoding (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-cdf-XXXXXX", NULL);
  gsize len = 0;
  g_autofree guint8 *data = load_fixture ("a_cdf.cdf", &len);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CuspCdfFile) file = NULL;

  /* v3 CDR: Encoding at 8 + 28; 3 is VAX. */
  g_assert_cmpuint (get_be32 (data + 36), ==, 6);
  data[39] = 3;
  path = write_copy (dir, "vax.cdf", data, len);
  file = cusp_cdf_file_open (path, &error);
  g_assert_null (file);
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "VAX"));
  g_assert_nonnull (strstr (error->message, "vax.cdf"));
  g_unlink (path);
  g_rmdir (dir);
}

/* ---- Values ------------------------------------------------------------ */

/* CDFpp's make_cdf.py writes np.arange(150).reshape(10, 3, 5) to both
 * files; cdf_data.md §1.6 gives the two storage orders. */
static void
test_majority (void)
{
  g_autoptr(CuspCdfFile) row = open_fixture ("a_cdf.cdf");
  g_autoptr(CuspCdfFile) col = open_fixture ("a_col_major_cdf.cdf");
  g_autoptr(CuspCdfValues) values = NULL;
  g_autoptr(GError) error = NULL;
  const CuspCdfVariableInfo *info;

  g_assert_true (cusp_cdf_file_is_row_major (row));
  g_assert_false (cusp_cdf_file_is_row_major (col));
  info = cusp_cdf_file_lookup_variable (col, "var3d_counter");
  g_assert_cmpuint (info->n_dims, ==, 2);
  g_assert_cmpuint (info->dims[0], ==, 3);
  g_assert_cmpuint (info->dims[1], ==, 5);
  values = cusp_cdf_file_read (col, "var3d_counter", 0, 9, &error);
  g_assert_no_error (error);
  for (int r = 0; r < 10; r++)
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 5; j++)
        g_assert_cmpfloat (values->doubles[r * 15 + i * 5 + j], ==, r * 15 + i * 5 + j);

  /* Every variable decodes the same from both layouts. */
  for (guint v = 0; v < cusp_cdf_file_get_n_variables (row); v++)
    {
      const CuspCdfVariableInfo *a = cusp_cdf_file_get_variable (row, v);
      const CuspCdfVariableInfo *b = cusp_cdf_file_lookup_variable (col, a->name);
      g_autoptr(CuspCdfValues) va = NULL, vb = NULL;

      g_assert_nonnull (b);
      g_assert_cmpint (a->n_records, ==, b->n_records);
      va = cusp_cdf_file_read (row, a->name, 0, a->n_records - 1, &error);
      g_assert_no_error (error);
      vb = cusp_cdf_file_read (col, a->name, 0, a->n_records - 1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (va->n_values, ==, vb->n_values);
      for (gsize k = 0; k < va->n_values; k++)
        {
          if (va->kind == CUSP_CDF_VALUE_STRING)
            g_assert_cmpstr (va->strings[k], ==, vb->strings[k]);
          else if (va->kind == CUSP_CDF_VALUE_INT64)
            g_assert_cmpint (va->ints[k], ==, vb->ints[k]);
          else
            g_assert_cmpmem (&va->doubles[k], sizeof (double), &vb->doubles[k], sizeof (double));
        }
    }
}

/* The fixtures' README and cdf_data.md §1.8-1.9. */
static void
test_fgm (void)
{
  static const float b0[] = { 6.4758f, 10.9514f, 23.7468f, 26.9403f };
  static const char *const labels[] = { "Bx GSE", "By GSE", "Bz GSE", "Bt" };
  static const double validmin[] = { -20000, -20000, -20000, 0 };
  g_autoptr(CuspCdfFile) file = open_fixture ("mms1_fgm_brst_l2_20150901174500_v4.18.0.cdf");
  g_autoptr(CuspCdfValues) b = read_record (file, "mms1_fgm_b_gse_brst_l2", 0);
  g_autoptr(CuspCdfValues) epoch = read_record (file, "Epoch", 0);
  g_autoptr(CuspCdfValues) label = read_record (file, "label_b_gse", 0);
  const CuspCdfVariableInfo *info = cusp_cdf_file_lookup_variable (file, "mms1_fgm_b_gse_brst_l2");
  const CuspCdfValues *attr;
  g_autofree CuspTime *t = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (info->type, ==, CUSP_CDF_REAL4);
  g_assert_cmpint (info->n_records, ==, 3840);
  g_assert_cmpuint (info->n_dims, ==, 1);
  g_assert_cmpuint (info->dims[0], ==, 4);
  g_assert_true (info->is_z);
  g_assert_cmpint (info->compression, ==, CUSP_CDF_COMPRESSION_GZIP);
  /* The README rounds to 4 decimals; each value is a widened float. */
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpfloat_with_epsilon (b->doubles[i], (double) b0[i], 0.00005);
      g_assert_cmpfloat (b->doubles[i], ==, (double) (float) b->doubles[i]);
    }
  g_assert_cmpint (epoch->kind, ==, CUSP_CDF_VALUE_INT64);
  g_assert_cmpint (epoch->ints[0], ==, G_GINT64_CONSTANT (494401571647350199));
  t = cusp_cdf_file_read_times (file, "Epoch", 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (t[0], ==, G_GINT64_CONSTANT (494401571647350199));

  /* CHAR[4], NumElems 10: "Bx GSE    By GSE    ...", trimmed. */
  g_assert_cmpint (label->kind, ==, CUSP_CDF_VALUE_STRING);
  g_assert_cmpuint (label->n_values, ==, 4);
  for (int i = 0; i < 4; i++)
    g_assert_cmpstr (label->strings[i], ==, labels[i]);
  g_assert_null (label->strings[4]);

  attr = cusp_cdf_file_lookup_variable_attribute (file, "mms1_fgm_b_gse_brst_l2", "VALIDMIN");
  g_assert_nonnull (attr);
  g_assert_cmpuint (attr->n_values, ==, 4);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat (attr->doubles[i], ==, validmin[i]);
  attr = cusp_cdf_file_lookup_variable_attribute (file, "mms1_fgm_b_gse_brst_l2", "DEPEND_0");
  g_assert_cmpstr (attr->strings[0], ==, "Epoch");
  attr = cusp_cdf_file_lookup_variable_attribute (file, "mms1_fgm_b_gse_brst_l2", "LABL_PTR_1");
  g_assert_cmpstr (attr->strings[0], ==, "label_b_gse");
  g_assert_null (cusp_cdf_file_lookup_variable_attribute (file, "mms1_fgm_b_gse_brst_l2", "NOPE"));
  g_assert_cmpuint (cusp_cdf_file_get_n_variable_attributes (file, "mms1_fgm_b_gse_brst_l2"), >=, 10);
  g_assert_cmpstr (cusp_cdf_file_get_global_string (file, "Logical_source"), ==, "mms1_fgm_brst_l2");
  g_assert_cmpstr (cusp_cdf_file_get_global_string (file, "Logical_file_id"), ==,
                   "mms1_fgm_brst_l2_20150901174500_v4.18.0");
}

/* ISTP: Logical_source is source_descriptor_datatype, Logical_file_id the
 * file name without ".cdf". */
static void
test_global_attributes (void)
{
  for (gsize f = 8; f <= 10; f++)
    {
      g_autoptr(CuspCdfFile) file = open_fixture (all_fixtures[f]);
      g_autofree char *stem = g_strndup (all_fixtures[f], strlen (all_fixtures[f]) - 4);
      const CuspCdfAttribute *attr = cusp_cdf_file_lookup_global_attribute (file, "Logical_source");

      g_assert_nonnull (attr);
      g_assert_cmpuint (attr->n_entries, ==, 1);
      g_assert_cmpint (attr->entries[0]->type, ==, CUSP_CDF_CHAR);
      g_assert_cmpstr (attr->entries[0]->strings[0], ==, "mms1_fpi_fast_l2_dis-moms");
      g_assert_cmpstr (cusp_cdf_file_get_global_string (file, "Logical_file_id"), ==, stem);
      g_assert_null (cusp_cdf_file_lookup_global_attribute (file, "NOPE"));
      g_assert_null (cusp_cdf_file_get_global_string (file, "NOPE"));
      g_assert_cmpuint (cusp_cdf_file_get_n_global_attributes (file), >, 5);
      g_assert_nonnull (cusp_cdf_file_get_global_attribute (file, 0));
      g_assert_null (cusp_cdf_file_get_global_attribute (file, 100000));
    }
}

/* rVariables take their shape from the GDR and DimVarys (§1.9 pitfall 3). */
static void
test_rvariables (void)
{
  g_autoptr(CuspCdfFile) file = open_fixture ("ge_k0_cpi_19921231_v02.cdf");
  const CuspCdfVariableInfo *v = cusp_cdf_file_lookup_variable (file, "SW_V");
  const CuspCdfVariableInfo *e = cusp_cdf_file_lookup_variable (file, "Epoch");

  g_assert_false (v->is_z);
  g_assert_cmpuint (v->n_declared_dims, ==, 2);
  g_assert_true (v->dim_varys[0]);
  g_assert_false (v->dim_varys[1]);
  g_assert_cmpuint (v->n_dims, ==, 1);
  g_assert_cmpuint (v->dims[0], ==, 3);
  g_assert_cmpuint (v->values_per_record, ==, 3);
  g_assert_cmpuint (e->n_dims, ==, 0);
  g_assert_cmpuint (e->values_per_record, ==, 1);
}

/* testutf8 "Temp": sRecords = PAD, MaxRec 12, blocks 0, 5 and 10-12
 * (cdf_data.md §1.7). */
static void
test_sparse_pad (void)
{
  static const int present[] = { 0, 5, 10, 11, 12 };
  g_autoptr(CuspCdfFile) file = open_fixture ("testutf8.cdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(CuspCdfValues) all = cusp_cdf_file_read (file, "Temp", 0, 12, &error);
  const double *pad;

  g_assert_no_error (error);
  g_assert_cmpuint (all->n_values, ==, 13 * 3);
  pad = all->doubles + 3;
  for (int r = 1; r <= 9; r++)
    if (r != 5)
      g_assert_cmpmem (all->doubles + 3 * r, 3 * sizeof (double), pad, 3 * sizeof (double));
  for (gsize k = 0; k < G_N_ELEMENTS (present); k++)
    g_assert_true (memcmp (all->doubles + 3 * present[k], pad, 3 * sizeof (double)) != 0);
}

/* The same file with Temp switched to PREV_SPARSERECORDS (sRecords at byte
 * 48 of its zVDR, found by name at byte 84): gaps repeat the record before. */
static void
test_sparse_previous (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-cdf-XXXXXX", NULL);
  gsize len = 0, vdr = 0;
  g_autofree guint8 *data = load_fixture ("testutf8.cdf", &len);
  g_autofree char *path = NULL;
  g_autoptr(CuspCdfFile) file = NULL;
  g_autoptr(CuspCdfValues) all = NULL, gap = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize p = 84; p + 8 < len && vdr == 0; p++)
    if (memcmp (data + p, "Temp\0\0\0\0", 8) == 0 && get_be32 (data + p - 84 + 8) == 8)
      vdr = p - 84;
  g_assert_cmpuint (vdr, >, 0);
  g_assert_cmpuint (get_be32 (data + vdr + 48), ==, 1);
  data[vdr + 51] = 2;
  path = write_copy (dir, "prev.cdf", data, len);
  file = cusp_cdf_file_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cusp_cdf_file_lookup_variable (file, "Temp")->sparse, ==,
                   CUSP_CDF_SPARSE_PREVIOUS);
  all = cusp_cdf_file_read (file, "Temp", 0, 12, &error);
  g_assert_no_error (error);
  for (int r = 1; r <= 9; r++)
    g_assert_cmpmem (all->doubles + 3 * r, 3 * sizeof (double),
                     all->doubles + 3 * (r < 5 ? 0 : 5), 3 * sizeof (double));
  /* A range inside a gap still finds the record before it. */
  gap = cusp_cdf_file_read (file, "Temp", 7, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (gap->doubles, 3 * sizeof (double), all->doubles + 15, 3 * sizeof (double));
  g_assert_cmpmem (gap->doubles + 3, 3 * sizeof (double), all->doubles + 15, 3 * sizeof (double));
  g_unlink (path);
  g_rmdir (dir);
}

/* cdf_data.md §1.8: the six testutf8 TT2000 values are 1 s apart from
 * 488980865307456789 across the 2015-06-30 leap second. */
static void
test_times (void)
{
  g_autoptr(CuspCdfFile) file = open_fixture ("testutf8.cdf");
  g_autoptr(GError) error = NULL;
  g_autofree CuspTime *t = NULL;
  g_autofree CuspTime *ep = NULL;
  gsize n = 0;

  t = cusp_cdf_file_read_times (file, "tt2000", 0, 5, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 6);
  for (int i = 0; i < 6; i++)
    g_assert_cmpint (t[i], ==, G_GINT64_CONSTANT (488980865307456789) + i * G_GINT64_CONSTANT (1000000000));

  /* EPOCH goes through cusp_time_from_cdf_epoch; its pad 0.0 is invalid. */
  ep = cusp_cdf_file_read_times (file, "ep", 0, 0, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ep[0], ==, cusp_time_from_cdf_epoch (63087829567100.0));
  g_clear_pointer (&ep, g_free);
  {
    g_autoptr(CuspCdfFile) a = open_fixture ("a_cdf.cdf");
    g_autoptr(CuspCdfValues) raw = read_record (a, "epoch16", 0);

    /* EPOCH16 gives two doubles per value. */
    g_assert_cmpuint (raw->n_values, ==, 1);
    ep = cusp_cdf_file_read_times (a, "epoch16", 0, 0, &n, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ep[0], ==, cusp_time_from_cdf_epoch16 (raw->doubles[0], raw->doubles[1]));
  }
}

/* ---- Time search ------------------------------------------------------- */

/* Fill records count with the time of the valid record before them;
 * fills before the first or after the last valid time are never found. */
static void
brute_force (const CuspTime *t,
             gsize           n,
             CuspTime        start,
             CuspTime        stop,
             gint64         *first,
             gint64         *last)
{
  gint64 below = -1, lo = 0, hi = (gint64) n - 1;
  CuspTime key = CUSP_TIME_INVALID;

  while (lo < (gint64) n && t[lo] == CUSP_TIME_INVALID)
    lo++;
  while (hi >= lo && t[hi] == CUSP_TIME_INVALID)
    hi--;
  *first = -1;
  *last = -2;
  for (gint64 i = lo; i <= hi; i++)
    {
      if (t[i] != CUSP_TIME_INVALID)
        key = t[i];
      if (key < start)
        below = i;
      else if (key < stop)
        {
          if (*first < 0)
            *first = i;
          *last = i;
        }
    }
  if (*first < 0)
    {
      *first = lo == (gint64) n ? 0 : MAX (below + 1, lo);
      *last = *first - 1;
    }
}

static void
check_search (CuspCdfFile    *file,
              const char     *var,
              const CuspTime *t,
              gsize           n,
              CuspTime        start,
              CuspTime        stop)
{
  g_autoptr(GError) error = NULL;
  gint64 first = -7, last = -7, want_first, want_last;

  g_assert_true (cusp_cdf_file_find_records (file, var, start, stop, &first, &last, &error));
  g_assert_no_error (error);
  brute_force (t, n, start, stop, &want_first, &want_last);
  g_assert_cmpint (first, ==, want_first);
  g_assert_cmpint (last, ==, want_last);
}

static void
check_search_file (const char *name,
                   const char *var)
{
  g_autoptr(CuspCdfFile) file = open_fixture (name);
  const CuspCdfVariableInfo *info = cusp_cdf_file_lookup_variable (file, var);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree CuspTime *t = NULL;
  gsize n = 0, lo = 0, hi;

  t = cusp_cdf_file_read_times (file, var, 0, info->n_records - 1, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 100);
  while (t[lo] == CUSP_TIME_INVALID)
    lo++;
  hi = n - 1;
  while (t[hi] == CUSP_TIME_INVALID)
    hi--;

  check_search (file, var, t, n, t[lo], t[hi] + 1);
  check_search (file, var, t, n, t[lo], t[hi]);
  check_search (file, var, t, n, t[lo + 10], t[lo + 20]);
  check_search (file, var, t, n, t[lo + 10] + 1, t[lo + 20] + 1);
  check_search (file, var, t, n, t[lo + 50], t[lo + 50]);           /* empty */
  check_search (file, var, t, n, t[lo + 50], t[lo + 40]);           /* reversed */
  check_search (file, var, t, n, t[lo] - CUSP_NS_PER_HOUR, t[lo] - 1);  /* before */
  check_search (file, var, t, n, t[hi] + 1, t[hi] + CUSP_NS_PER_HOUR);  /* after */
  check_search (file, var, t, n, CUSP_TIME_MIN, CUSP_TIME_MAX);
  for (int k = 0; k < 30; k++)
    {
      gsize a = g_rand_int_range (rand, lo, hi + 1), b = g_rand_int_range (rand, lo, hi + 1);
      CuspTime ja = g_rand_int_range (rand, -1000000, 1000000);

      check_search (file, var, t, n, t[MIN (a, b)] + ja, t[MAX (a, b)] + ja);
    }
}

/* FGM Epoch with fill values written over records 100-101 and the last
 * three (the 8-byte little-endian TT2000 of record 0 located by value). */
static void
test_find_records_fill (void)
{
  const char *name = "mms1_fgm_brst_l2_20150901174500_v4.18.0.cdf";
  g_autofree char *dir = g_dir_make_tmp ("cusp-cdf-XXXXXX", NULL);
  gsize len = 0, p = 0;
  g_autofree guint8 *data = load_fixture (name, &len);
  g_autofree char *path = NULL;
  g_autoptr(CuspCdfFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree CuspTime *t = NULL;
  guint64 le = GUINT64_TO_LE ((guint64) G_GINT64_CONSTANT (494401571647350199));
  static const gint64 fills[] = { 100, 101, 3837, 3838, 3839 };
  gsize n = 0;

  for (p = 0; p + 8 <= len && memcmp (data + p, &le, 8) != 0; p++)
    ;
  g_assert_cmpuint (p + 3840 * 8, <=, len);
  for (gsize k = 0; k < G_N_ELEMENTS (fills); k++)
    {
      guint64 fill = GUINT64_TO_LE ((guint64) G_MININT64);

      memcpy (data + p + 8 * fills[k], &fill, 8);
    }
  path = write_copy (dir, name, data, len);
  file = cusp_cdf_file_open (path, &error);
  g_assert_no_error (error);
  t = cusp_cdf_file_read_times (file, "Epoch", 0, 3839, &n, &error);
  g_assert_no_error (error);
  for (gsize k = 0; k < G_N_ELEMENTS (fills); k++)
    g_assert_cmpint (t[fills[k]], ==, CUSP_TIME_INVALID);
  for (gint64 a = 95; a <= 105; a++)
    for (gint64 b = a; b <= 106; b++)
      check_search (file, "Epoch", t, n, t[a == 100 || a == 101 ? 99 : a],
                    t[b == 100 || b == 101 ? 102 : b]);
  check_search (file, "Epoch", t, n, t[99] + 1, t[102]);
  check_search (file, "Epoch", t, n, t[3830], t[3836] + CUSP_NS_PER_HOUR);
  check_search (file, "Epoch", t, n, t[3836] + 1, t[3836] + CUSP_NS_PER_HOUR);
  g_unlink (path);
  g_rmdir (dir);
}

/* Hand-worked inputs for the two decompressors and the text decoders. */
static void
test_decoders (void)
{
  static const guint8 rle[] = { 7, 0, 2, 9, 0, 0 };
  static const guint8 want[] = { 7, 0, 0, 0, 9, 0 };
  static const char text[] = "caf\xe9  ";
  static const char multi[] = "ab\\N c\\N  d ";
  g_autoptr(GZlibCompressor) gz = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  guint8 plain[1000], packed[2000], out[1000], small[10];
  gsize total = 0, read = 0, written = 0;
  const char *reason = NULL;
  g_autofree char *latin1 = NULL;
  g_autoptr(CuspCdfValues) strings = NULL;

  g_assert_true (_cusp_cdf_unrle (rle, sizeof rle, out, sizeof out, 100, &total, &reason));
  g_assert_cmpmem (out, total, want, sizeof want);
  g_assert_false (_cusp_cdf_unrle (rle, 5, out, sizeof out, 100, &total, &reason));
  g_assert_false (_cusp_cdf_unrle (rle, sizeof rle, out, sizeof out, 5, &total, &reason));
  g_assert_true (_cusp_cdf_unrle (rle, sizeof rle, small, 2, 6, &total, &reason));
  g_assert_cmpuint (total, ==, 6);
  g_assert_cmpmem (small, 2, want, 2);

  for (gsize i = 0; i < sizeof plain; i++)
    plain[i] = (guint8) (i * i % 251);
  g_assert_cmpint (g_converter_convert (G_CONVERTER (gz), plain, sizeof plain, packed,
                                        sizeof packed, G_CONVERTER_INPUT_AT_END,
                                        &read, &written, NULL), ==, G_CONVERTER_FINISHED);
  g_assert_true (_cusp_cdf_inflate (packed, written, out, sizeof out, sizeof plain,
                                    &total, &reason));
  g_assert_cmpmem (out, total, plain, sizeof plain);
  /* Keep 10 bytes, check the whole stream. */
  g_assert_true (_cusp_cdf_inflate (packed, written, small, 10, sizeof plain, &total, &reason));
  g_assert_cmpuint (total, ==, sizeof plain);
  g_assert_cmpmem (small, 10, plain, 10);
  g_assert_false (_cusp_cdf_inflate (packed, written, out, sizeof out, 999, &total, &reason));
  g_assert_false (_cusp_cdf_inflate (packed, written - 9, out, sizeof out, 1000, &total, &reason));
  packed[written - 5] ^= 1;   /* the CRC-32 trailer */
  g_assert_false (_cusp_cdf_inflate (packed, written, out, sizeof out, 1000, &total, &reason));

  latin1 = _cusp_cdf_text ((const guint8 *) text, sizeof text - 1);
  g_assert_cmpstr (latin1, ==, "caf\xc3\xa9");
  strings = _cusp_cdf_values_decode_strings ((const guint8 *) multi, sizeof multi - 1, 3);
  g_assert_cmpuint (strings->n_values, ==, 3);
  g_assert_cmpstr (strings->strings[0], ==, "ab");
  g_assert_cmpstr (strings->strings[1], ==, "c");
  g_assert_cmpstr (strings->strings[2], ==, " d");
  g_assert_null (strings->strings[3]);
}

static void
test_find_records (void)
{
  g_autoptr(CuspCdfFile) file = open_fixture ("a_cdf.cdf");
  g_autoptr(GError) error = NULL;
  gint64 first, last;

  check_search_file ("mms1_fgm_brst_l2_20150901174500_v4.18.0.cdf", "Epoch");
  check_search_file ("mms1_fpi_fast_l2_dis-moms_20151017160000_v3.4.0.cdf", "Epoch");
  check_search_file ("ge_k0_cpi_19921231_v02.cdf", "Epoch");
  check_search_file ("wi_k0_mfi_20220101_v01.cdf", "Epoch");

  g_assert_false (cusp_cdf_file_find_records (file, "var", 0, 1, &first, &last, &error));
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_WRONG_TYPE);
  g_clear_error (&error);
  g_assert_false (cusp_cdf_file_find_records (file, "nope", 0, 1, &first, &last, &error));
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_NO_SUCH_VARIABLE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/cdf/expected", test_expected);
  g_test_add_func ("/cusp/cdf/not-a-cdf", test_not_a_cdf);
  g_test_add_func ("/cusp/cdf/missing-file", test_missing_file);
  g_test_add_func ("/cusp/cdf/bad-requests", test_no_such_variable);
  g_test_add_func ("/cusp/cdf/read-everything", test_read_everything);
  g_test_add_func ("/cusp/cdf/truncated", test_truncated);
  g_test_add_func ("/cusp/cdf/corrupt-block", test_corrupt_block);
  g_test_add_func ("/cusp/cdf/corrupt-whole-file", test_corrupt_whole_file);
  g_test_add_func ("/cusp/cdf/vxr-outside", test_vxr_outside);
  g_test_add_func ("/cusp/cdf/vxr-loop", test_vxr_loop);
  g_test_add_func ("/cusp/cdf/vax-encoding", test_vax_encoding);
  g_test_add_func ("/cusp/cdf/majority", test_majority);
  g_test_add_func ("/cusp/cdf/fgm", test_fgm);
  g_test_add_func ("/cusp/cdf/global-attributes", test_global_attributes);
  g_test_add_func ("/cusp/cdf/rvariables", test_rvariables);
  g_test_add_func ("/cusp/cdf/sparse-pad", test_sparse_pad);
  g_test_add_func ("/cusp/cdf/sparse-previous", test_sparse_previous);
  g_test_add_func ("/cusp/cdf/times", test_times);
  g_test_add_func ("/cusp/cdf/find-records", test_find_records);
  g_test_add_func ("/cusp/cdf/find-records-fill", test_find_records_fill);
  g_test_add_func ("/cusp/cdf/decoders", test_decoders);

  return g_test_run ();
}
