/* test-data.c: CuspData dispatch and CuspMetadata */
#include "config.h"

#include <math.h>

#include "cusp-data.h"

static void
test_metadata (void)
{
  g_autoptr(CuspMetadata) m = cusp_metadata_new ();
  g_autoptr(CuspMetadata) copy = NULL;

  g_assert_cmpuint (cusp_metadata_get_size (m), ==, 0);
  g_assert_null (cusp_metadata_get (m, "UNITS"));

  cusp_metadata_set (m, "FIELDNAM", "Magnetic field");
  cusp_metadata_set (m, "UNITS", "nT");
  cusp_metadata_set (m, "FILLVAL", "-1.0E31");
  /* Replacing keeps the position. */
  cusp_metadata_set (m, "FIELDNAM", "B GSE");
  cusp_metadata_set (m, "EMPTY", NULL);

  g_assert_cmpuint (cusp_metadata_get_size (m), ==, 4);
  g_assert_cmpstr (cusp_metadata_get_key (m, 0), ==, "FIELDNAM");
  g_assert_cmpstr (cusp_metadata_get_value (m, 0), ==, "B GSE");
  g_assert_cmpstr (cusp_metadata_get_key (m, 1), ==, "UNITS");
  g_assert_cmpstr (cusp_metadata_get_key (m, 2), ==, "FILLVAL");
  g_assert_cmpstr (cusp_metadata_get_value (m, 2), ==, "-1.0E31");
  g_assert_cmpstr (cusp_metadata_get (m, "UNITS"), ==, "nT");
  g_assert_null (cusp_metadata_get (m, "EMPTY"));
  g_assert_null (cusp_metadata_get (m, "units"));

  copy = cusp_metadata_copy (m);
  cusp_metadata_set (copy, "UNITS", "T");
  g_assert_cmpstr (cusp_metadata_get (m, "UNITS"), ==, "nT");
  g_assert_cmpstr (cusp_metadata_get (copy, "UNITS"), ==, "T");
  g_assert_cmpuint (cusp_metadata_get_size (copy), ==, 4);
}

static CuspSeries *
make_series (CuspTime first,
             guint    n,
             double   value)
{
  CuspSeries *s = cusp_series_new (n, 1);

  for (guint i = 0; i < n; i++)
    {
      s->times[i] = first + 10 * (CuspTime) i;
      s->values[i] = value + i;
    }

  return s;
}

static void
test_kinds (void)
{
  g_autoptr(CuspData) series = cusp_data_new_series (make_series (0, 3, 0));
  g_autoptr(CuspData) spec = cusp_data_new_spectrogram (cusp_spectrogram_new (2, 4, FALSE));
  g_autoptr(CuspData) intervals = cusp_data_new_intervals (cusp_interval_set_new ("x"));
  g_autoptr(CuspData) regions = cusp_data_new_regions (cusp_region_labels_new (5));

  g_assert_cmpint (cusp_data_get_kind (series), ==, CUSP_DATA_KIND_SERIES);
  g_assert_cmpint (cusp_data_get_kind (spec), ==, CUSP_DATA_KIND_SPECTROGRAM);
  g_assert_cmpint (cusp_data_get_kind (intervals), ==, CUSP_DATA_KIND_INTERVALS);
  g_assert_cmpint (cusp_data_get_kind (regions), ==, CUSP_DATA_KIND_REGIONS);

  g_assert_nonnull (cusp_data_get_series (series));
  g_assert_null (cusp_data_get_spectrogram (series));
  g_assert_null (cusp_data_get_series (spec));
  g_assert_nonnull (cusp_data_get_spectrogram (spec));
  g_assert_nonnull (cusp_data_get_intervals (intervals));
  g_assert_null (cusp_data_get_regions (intervals));
  g_assert_nonnull (cusp_data_get_regions (regions));

  g_assert_cmpuint (cusp_data_get_length (series), ==, 3);
  g_assert_cmpuint (cusp_data_get_length (spec), ==, 2);
  g_assert_cmpuint (cusp_data_get_length (intervals), ==, 0);
  g_assert_cmpuint (cusp_data_get_length (regions), ==, 5);

  g_assert_cmpstr (cusp_data_kind_to_string (CUSP_DATA_KIND_NONE), ==, "none");
  g_assert_cmpstr (cusp_data_kind_to_string (CUSP_DATA_KIND_SERIES), ==, "series");
  g_assert_cmpstr (cusp_data_kind_to_string (CUSP_DATA_KIND_SPECTROGRAM), ==, "spectrogram");
  g_assert_cmpstr (cusp_data_kind_to_string (CUSP_DATA_KIND_INTERVALS), ==, "intervals");
  g_assert_cmpstr (cusp_data_kind_to_string (CUSP_DATA_KIND_REGIONS), ==, "regions");
  g_assert_true (G_TYPE_IS_ENUM (CUSP_TYPE_DATA_KIND));
}

static void
test_slice (void)
{
  /* Samples at 0, 10, 20, 30 with values 1..4. */
  g_autoptr(CuspData) data = cusp_data_new_series (make_series (0, 4, 1));
  g_autoptr(CuspData) slice = cusp_data_slice (data, 10, 30);
  g_autoptr(CuspIntervalSet) set = cusp_interval_set_new (NULL);
  g_autoptr(CuspData) intervals = NULL;
  g_autoptr(CuspData) islice = NULL;
  CuspSeries *s = cusp_data_get_series (slice);

  g_assert_cmpint (cusp_data_get_kind (slice), ==, CUSP_DATA_KIND_SERIES);
  g_assert_cmpuint (s->n_samples, ==, 2);
  g_assert_cmpint (s->times[0], ==, 10);
  g_assert_cmpint (s->times[1], ==, 20);
  g_assert_cmpfloat (s->values[0], ==, 2);
  g_assert_cmpfloat (s->values[1], ==, 3);

  cusp_interval_set_add (set, 0, 5, 1, NULL, NULL);
  cusp_interval_set_add (set, 40, 50, 1, NULL, NULL);
  intervals = cusp_data_new_intervals (cusp_interval_set_ref (set));
  islice = cusp_data_slice (intervals, 4, 41);
  g_assert_cmpuint (cusp_data_get_length (islice), ==, 2);
  g_clear_pointer (&islice, cusp_data_unref);
  islice = cusp_data_slice (intervals, 5, 40);
  g_assert_cmpuint (cusp_data_get_length (islice), ==, 0);
}

static void
test_merge (void)
{
  /* a: 0, 10, 20 (1, 2, 3); b: 15, 25 (100, 101): b's span takes 20. */
  CuspData *fragments[2] = {
    cusp_data_new_series (make_series (0, 3, 1)),
    cusp_data_new_series (make_series (15, 2, 100)),
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CuspData) merged = cusp_data_merge (fragments, 2, &error);
  static const CuspTime times[] = { 0, 10, 15, 25 };
  static const double values[] = { 1, 2, 100, 101 };
  CuspSeries *s;

  g_assert_no_error (error);
  s = cusp_data_get_series (merged);
  g_assert_cmpuint (s->n_samples, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpint (s->times[i], ==, times[i]);
      g_assert_cmpfloat (s->values[i], ==, values[i]);
    }

  cusp_data_unref (fragments[0]);
  cusp_data_unref (fragments[1]);
}

static void
test_merge_errors (void)
{
  CuspData *fragments[2] = {
    cusp_data_new_series (cusp_series_new (1, 1)),
    cusp_data_new_regions (cusp_region_labels_new (1)),
  };
  CuspData *shapes[2] = {
    cusp_data_new_series (cusp_series_new (1, 1)),
    cusp_data_new_series (cusp_series_new (1, 3)),
  };
  g_autoptr(GError) error = NULL;

  g_assert_null (cusp_data_merge (fragments, 2, &error));
  g_assert_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_MISMATCH);
  g_clear_error (&error);

  g_assert_null (cusp_data_merge (shapes, 2, &error));
  g_assert_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_MISMATCH);
  g_clear_error (&error);

  g_assert_null (cusp_data_merge (NULL, 0, &error));
  g_assert_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_INVALID);

  for (guint i = 0; i < 2; i++)
    {
      cusp_data_unref (fragments[i]);
      cusp_data_unref (shapes[i]);
    }
}

static void
test_refcount (void)
{
  CuspSeries *series = make_series (0, 2, 0);
  CuspData *data = cusp_data_new_series (cusp_series_ref (series));
  CuspData *boxed = g_boxed_copy (CUSP_TYPE_DATA, data);

  g_assert_true (boxed == data);
  g_assert_true (cusp_data_get_series (data) == series);
  g_boxed_free (CUSP_TYPE_DATA, boxed);
  cusp_data_unref (data);
  /* Our own reference outlives the CuspData. */
  g_assert_cmpuint (series->n_samples, ==, 2);
  cusp_series_unref (series);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/data/metadata", test_metadata);
  g_test_add_func ("/cusp/data/kinds", test_kinds);
  g_test_add_func ("/cusp/data/slice", test_slice);
  g_test_add_func ("/cusp/data/merge", test_merge);
  g_test_add_func ("/cusp/data/merge-errors", test_merge_errors);
  g_test_add_func ("/cusp/data/refcount", test_refcount);

  return g_test_run ();
}
