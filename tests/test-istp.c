/* test-istp.c: ISTP interpretation of real MMS and Wind files.
 *
 * Expected values: expected.json (first records of the data and of the
 * DEPEND_1 energy table), the files' own attribute text and label strings
 * (as `strings` shows them in the file: "Bx GSE    By GSE    Bz GSE    Bt",
 * "Vx_GSEVy_GSEVz_GSE"), the fixtures README (FGM first record) and
 * cdf_data.md §3 (MMS FPI omni spectrum: log z, record-varying energies).
 * Fill/valid-range masking is checked record by record against the raw
 * values read with the CDF reader and the attributes' stated limits.
 * Titles: the FPI, FGM and ACE attribute text (LABLAXIS, FIELDNAM, UNITS)
 * read with the CDF API and written out literally below.
 */
#define G_LOG_DOMAIN "cusp-test-istp"

#include "config.h"

#include "cusp-istp.h"

#include <math.h>
#include <string.h>

static CuspCdfFile *
open_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("CUSP_FIXTURES"), "cdf", name, NULL);
  g_autoptr (GError) error = NULL;
  CuspCdfFile *file = cusp_cdf_file_open (path, &error);

  g_assert_no_error (error);
  return file;
}

#define FPI1 "mms1_fpi_fast_l2_dis-moms_20151017120000_v3.4.0.cdf"
#define FGM  "mms1_fgm_brst_l2_20150901174500_v4.18.0.cdf"

static CuspTime
utc (const char *text)
{
  CuspTime t;

  g_assert_true (cusp_time_parse (text, &t, NULL));
  return t;
}

static const CuspIstpProduct *
find_product (GPtrArray  *products,
              const char *name)
{
  for (guint i = 0; i < products->len; i++)
    if (strcmp (((CuspIstpProduct *) g_ptr_array_index (products, i))->name, name) == 0)
      return g_ptr_array_index (products, i);
  return NULL;
}

static void
test_list (void)
{
  g_autoptr (CuspCdfFile) f = open_fixture (FPI1);
  g_autoptr (GPtrArray) products = cusp_istp_list_products (f);
  const CuspIstpProduct *p;

  /* data variables are offered, support_data and metadata are not */
  g_assert_null (find_product (products, "Epoch"));
  g_assert_null (find_product (products, "mms1_dis_energy_fast"));
  g_assert_null (find_product (products, "mms1_dis_numberdensity_err_fast"));
  g_assert_null (find_product (products, "mms1_dis_bulkv_gse_label_fast"));
  /* 3x3 tensors have two varying dimensions */
  g_assert_null (find_product (products, "mms1_dis_prestensor_gse_fast"));

  p = find_product (products, "mms1_dis_energyspectr_omni_fast");
  g_assert_nonnull (p);
  g_assert_cmpint (p->kind, ==, CUSP_DATA_KIND_SPECTROGRAM);
  g_assert_cmpuint (p->n_components, ==, 32);
  g_assert_cmpstr (p->units, ==, "keV/(cm^2 s sr keV)");
  g_assert_cmpstr (p->time_variable, ==, "Epoch");

  p = find_product (products, "mms1_dis_numberdensity_fast");
  g_assert_nonnull (p);
  g_assert_cmpint (p->kind, ==, CUSP_DATA_KIND_SERIES);
  g_assert_cmpuint (p->n_components, ==, 1);
  g_assert_cmpstr (p->units, ==, "cm^-3");
  g_assert_cmpstr (p->description, ==, "MMS1 FPI/DIS ion number density during this survey");

  p = find_product (products, "mms1_dis_bulkv_gse_fast");
  g_assert_nonnull (p);
  g_assert_cmpint (p->kind, ==, CUSP_DATA_KIND_SERIES);
  g_assert_cmpuint (p->n_components, ==, 3);
}

static void
test_omni_spectrogram (void)
{
  g_autoptr (CuspCdfFile) f = open_fixture (FPI1);
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspData) d = cusp_istp_load (f, "mms1_dis_energyspectr_omni_fast",
                                           CUSP_TIME_MIN, CUSP_TIME_MAX, &error);
  CuspSpectrogram *s;
  const double *c0;

  g_assert_no_error (error);
  s = cusp_data_get_spectrogram (d);
  g_assert_nonnull (s);
  g_assert_cmpuint (s->n_records, ==, 1600);
  g_assert_cmpuint (s->n_bins, ==, 32);
  g_assert_true (s->bins_per_record);
  c0 = cusp_spectrogram_bin_centres (s, 0);
  /* expected.json, mms1_dis_energy_fast first record */
  g_assert_cmpfloat (c0[0], ==, 11.329999923706055);
  g_assert_cmpfloat (c0[31], ==, 26584.7890625);
  /* expected.json, omni first record, first bin */
  g_assert_cmpfloat (s->values[0], ==, 142062.984375);
  g_assert_cmpint (s->times[0], ==, G_GINT64_CONSTANT (498355269602054000));
  g_assert_cmpint (s->z_scale, ==, CUSP_SCALE_LOG);
  g_assert_cmpint (s->y_scale, ==, CUSP_SCALE_LOG);
  g_assert_cmpstr (s->unit, ==, "keV/(cm^2 s sr keV)");
  g_assert_cmpstr (s->bin_unit, ==, "eV");
  /* FIELDNAM, not the variable name nor its LABLAXIS code "DEF_omni";
   * the bins are titled by mms1_dis_energy_fast's LABLAXIS */
  g_assert_cmpstr (s->name, ==, "MMS1 FPI/DIS energySpectr_omni");
  g_assert_cmpstr (s->bin_label, ==, "energy");
  g_assert_cmpstr (cusp_metadata_get (s->metadata, "DEPEND_1"), ==, "mms1_dis_energy_fast");
  g_assert_cmpstr (cusp_metadata_get (s->metadata, "SCALETYP"), ==, "log");
}

static void
test_bulkv_labels (void)
{
  g_autoptr (CuspCdfFile) f = open_fixture (FPI1);
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspData) d = cusp_istp_load (f, "mms1_dis_bulkv_gse_fast",
                                           CUSP_TIME_MIN, CUSP_TIME_MAX, &error);
  CuspSeries *s;

  g_assert_no_error (error);
  s = cusp_data_get_series (d);
  g_assert_nonnull (s);
  g_assert_cmpuint (s->n_components, ==, 3);
  g_assert_cmpuint (s->n_samples, ==, 1600);
  g_assert_cmpstr (s->labels[0], ==, "Vx_GSE");
  g_assert_cmpstr (s->labels[1], ==, "Vy_GSE");
  g_assert_cmpstr (s->labels[2], ==, "Vz_GSE");
  g_assert_cmpstr (s->unit, ==, "km/s");
  /* no LABLAXIS on this vector: its FIELDNAM */
  g_assert_cmpstr (s->name, ==, "MMS1 FPI/DIS GSE bulk v");
  /* expected.json first record, column-major storage */
  g_assert_cmpfloat (cusp_series_column (s, 0)[0], ==, -87.59976196289062);
  g_assert_cmpfloat (cusp_series_column (s, 1)[0], ==, 106.8033447265625);
  g_assert_cmpfloat (cusp_series_column (s, 2)[0], ==, -54.423179626464844);
  g_assert_cmpstr (cusp_metadata_get (s->metadata, "LABL_PTR_1"), ==, "mms1_dis_bulkv_gse_label_fast");
}

static void
test_density_range (void)
{
  g_autoptr (CuspCdfFile) f = open_fixture (FPI1);
  g_autoptr (GError) error = NULL;
  CuspTime t0 = utc ("2015-10-17T12:00:01.418054Z");
  g_autoptr (CuspData) d = NULL, empty = NULL;
  CuspSeries *s;

  /* [first, first + 9 s): the first two 4.5-s records, the third starts at
   * or after 9 s (the cadence is 4.5 s, start times drift by microseconds) */
  d = cusp_istp_load (f, "mms1_dis_numberdensity_fast", t0, t0 + 9 * CUSP_NS_PER_SECOND - 1, &error);
  g_assert_no_error (error);
  s = cusp_data_get_series (d);
  g_assert_cmpuint (s->n_samples, ==, 2);
  g_assert_cmpint (s->times[0], ==, t0);
  g_assert_cmpfloat (s->values[0], ==, 28.89603042602539);
  g_assert_cmpstr (s->unit, ==, "cm^-3");
  g_assert_cmpstr (s->labels[0], ==, "N");
  g_assert_cmpstr (s->name, ==, "N");   /* LABLAXIS before FIELDNAM */
  g_assert_cmpstr (cusp_metadata_get (s->metadata, "UNITS"), ==, "cm^-3");

  /* before the file: empty, not an error */
  empty = cusp_istp_load (f, "mms1_dis_numberdensity_fast", utc ("2015-10-17T00:00:00Z"),
                          utc ("2015-10-17T01:00:00Z"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cusp_data_get_length (empty), ==, 0);
}

static void
test_errors (void)
{
  g_autoptr (CuspCdfFile) f = open_fixture (FPI1);
  g_autoptr (GError) error = NULL;
  CuspData *d;

  d = cusp_istp_load (f, "Epoch", CUSP_TIME_MIN, CUSP_TIME_MAX, &error);
  g_assert_null (d);
  g_assert_error (error, CUSP_ISTP_ERROR, CUSP_ISTP_ERROR_NOT_PLOTTABLE);
  g_clear_error (&error);
  d = cusp_istp_load (f, "mms1_dis_bulkv_gse_label_fast", CUSP_TIME_MIN, CUSP_TIME_MAX, &error);
  g_assert_null (d);
  g_assert_error (error, CUSP_ISTP_ERROR, CUSP_ISTP_ERROR_NOT_PLOTTABLE);
  g_clear_error (&error);
  d = cusp_istp_load (f, "no_such_variable", CUSP_TIME_MIN, CUSP_TIME_MAX, &error);
  g_assert_null (d);
  g_assert_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_NO_SUCH_VARIABLE);
}

static void
test_fgm_labels (void)
{
  g_autoptr (CuspCdfFile) f = open_fixture (FGM);
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspData) d = cusp_istp_load (f, "mms1_fgm_b_gse_brst_l2",
                                           CUSP_TIME_MIN, CUSP_TIME_MAX, &error);
  const char *want[] = { "Bx GSE", "By GSE", "Bz GSE", "Bt" };
  const double first[] = { 6.4758, 10.9514, 23.7468, 26.9403 };
  CuspSeries *s;

  g_assert_no_error (error);
  s = cusp_data_get_series (d);
  g_assert_cmpuint (s->n_components, ==, 4);
  g_assert_cmpuint (s->n_samples, ==, 3840);
  for (guint c = 0; c < 4; c++)
    {
      g_assert_cmpstr (s->labels[c], ==, want[c]);
      g_assert_cmpfloat_with_epsilon (cusp_series_column (s, c)[0], first[c], 1e-4);
    }
  g_assert_cmpstr (cusp_metadata_get (s->metadata, "VALIDMIN"), ==, "-20000 -20000 -20000 0");
  g_assert_cmpstr (s->unit, ==, "nT");
  g_assert_cmpstr (s->name, ==, "Magnetic field vector in GSE plus Btotal (128 S/s)");
}

static const char *
attribute_text (CuspCdfFile *f,
                const char  *variable,
                const char  *attribute)
{
  const CuspCdfValues *v = cusp_cdf_file_lookup_variable_attribute (f, variable, attribute);

  return v != NULL && v->kind == CUSP_CDF_VALUE_STRING && v->n_values > 0 ? v->strings[0] : NULL;
}

/* Every FPI product: lines titled LABLAXIS else FIELDNAM, spectrograms
 * FIELDNAM else LABLAXIS, as read straight from the attribute records. */
static void
test_titles (void)
{
  g_autoptr (CuspCdfFile) f = open_fixture (FPI1);
  g_autoptr (CuspCdfFile) ace = open_fixture ("ac_k2_mfi_20220101_v03.cdf");
  g_autoptr (GPtrArray) products = cusp_istp_list_products (f);
  g_autoptr (GPtrArray) ace_products = cusp_istp_list_products (ace);
  const CuspIstpProduct *p;

  g_assert_cmpuint (products->len, >, 10);
  for (guint i = 0; i < products->len; i++)
    {
      const char *lablaxis, *fieldnam, *want;

      p = g_ptr_array_index (products, i);
      lablaxis = attribute_text (f, p->name, "LABLAXIS");
      fieldnam = attribute_text (f, p->name, "FIELDNAM");
      /* every FPI data variable carries FIELDNAM */
      g_assert_nonnull (fieldnam);
      want = p->kind == CUSP_DATA_KIND_SPECTROGRAM || lablaxis == NULL ? fieldnam : lablaxis;
      g_assert_cmpstr (p->title, ==, want);
      g_assert_cmpstr (p->units, ==, attribute_text (f, p->name, "UNITS"));
    }
  p = find_product (products, "mms1_dis_temppara_fast");
  g_assert_cmpstr (p->title, ==, "eT_para");
  g_assert_cmpstr (p->units, ==, "eV");
  p = find_product (products, "mms1_dis_energyspectr_px_fast");
  g_assert_cmpstr (p->title, ==, "MMS1 FPI/DIS energySpectr_pX");

  /* ACE: a magnitude with LABLAXIS, a vector with FIELDNAM only */
  p = find_product (ace_products, "Magnitude");
  g_assert_cmpstr (p->title, ==, "<|B|>");
  g_assert_cmpstr (p->description, ==, attribute_text (ace, "Magnitude", "CATDESC"));
  p = find_product (ace_products, "BGSEc");
  g_assert_cmpstr (p->title, ==, "Mag Field, Cartesian GSE coord");
}

/* Every output value is NaN exactly when the raw value equals FILLVAL (in
 * float), is NaN, or falls outside that component's VALIDMIN/VALIDMAX. */
static void
check_masking (const char *file,
               const char *variable,
               float       fill,
               const double *vmin,
               const double *vmax,
               guint        nc,
               gsize        expect_masked)
{
  g_autoptr (CuspCdfFile) f = open_fixture (file);
  g_autoptr (GError) error = NULL;
  const CuspCdfVariableInfo *info = cusp_cdf_file_lookup_variable (f, variable);
  g_autoptr (CuspCdfValues) raw = cusp_cdf_file_read (f, variable, 0, info->n_records - 1, &error);
  g_autoptr (CuspData) d = cusp_istp_load (f, variable, CUSP_TIME_MIN, CUSP_TIME_MAX, &error);
  CuspSeries *s = cusp_data_get_series (d);
  gsize masked = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (s->n_samples, ==, info->n_records);
  for (guint i = 0; i < s->n_samples; i++)
    for (guint c = 0; c < nc; c++)
      {
        double x = raw->doubles[(gsize) i * nc + c];
        double y = cusp_series_column (s, c)[i];
        gboolean bad = isnan (x) || (float) x == fill || x < vmin[c] || x > vmax[c];

        if (bad)
          {
            g_assert_true (isnan (y));
            masked++;
          }
        else
          g_assert_cmpfloat (y, ==, x);
      }
  g_assert_cmpuint (masked, ==, expect_masked);
}

static void
test_masking (void)
{
  /* Wind K0 DIST: VALIDMAX 220 Re, but Wind sits near L1 (~240 Re), so
   * all 939 records are out of range. */
  const double wmin[] = { 0 }, wmax[] = { 220 };
  /* FGM: per-component VALIDMIN [-20000 x3, 0] (pitfall 7); nothing masked */
  const double fmin[] = { -20000, -20000, -20000, 0 }, fmax[] = { 20000, 20000, 20000, 20000 };

  check_masking ("wi_k0_mfi_20220101_v01.cdf", "DIST", -1e31f, wmin, wmax, 1, 939);
  check_masking (FGM, "mms1_fgm_b_gse_brst_l2", -1e31f, fmin, fmax, 4, 0);
}

static void
test_fill_compare_in_type (void)
{
  g_autoptr (CuspCdfFile) f = open_fixture (FPI1);
  const CuspCdfValues *fill = cusp_cdf_file_lookup_variable_attribute (f, "mms1_dis_numberdensity_fast",
                                                                       "FILLVAL");
  double stored = (double) -1e31f;   /* a REAL4 -1e31 value once widened */

  /* The file's REAL4 FILLVAL widened is -9.9999998e30, not -1e31. */
  g_assert_nonnull (fill);
  g_assert_cmpfloat (fill->doubles[0], !=, -1e31);
  g_assert_true (cusp_istp_is_fill (CUSP_CDF_REAL4, fill->doubles[0], stored));
  /* A FILLVAL written as REAL8 -1e31 on a REAL4 variable still matches. */
  g_assert_true (cusp_istp_is_fill (CUSP_CDF_REAL4, -1e31, stored));
  g_assert_true (cusp_istp_is_fill (CUSP_CDF_FLOAT, -1e31, stored));
  /* REAL8 compares exactly: -1e31 is not the widened float. */
  g_assert_false (cusp_istp_is_fill (CUSP_CDF_REAL8, -1e31, stored));
  g_assert_true (cusp_istp_is_fill (CUSP_CDF_REAL8, -1e31, -1e31));
  g_assert_true (cusp_istp_is_fill (CUSP_CDF_INT2, -32768, -32768));
  g_assert_false (cusp_istp_is_fill (CUSP_CDF_REAL4, -1e31, 28.89));
  g_assert_false (cusp_istp_is_fill (CUSP_CDF_REAL4, NAN, NAN));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cusp/istp/list", test_list);
  g_test_add_func ("/cusp/istp/omni-spectrogram", test_omni_spectrogram);
  g_test_add_func ("/cusp/istp/bulkv-labels", test_bulkv_labels);
  g_test_add_func ("/cusp/istp/density-range", test_density_range);
  g_test_add_func ("/cusp/istp/errors", test_errors);
  g_test_add_func ("/cusp/istp/fgm-labels", test_fgm_labels);
  g_test_add_func ("/cusp/istp/titles", test_titles);
  g_test_add_func ("/cusp/istp/masking", test_masking);
  g_test_add_func ("/cusp/istp/fill-in-type", test_fill_compare_in_type);
  return g_test_run ();
}
