/* test-text-series.c: the text time series container (HAPI string
 * parameters): sort, slice, merge, runs for band plots, categories.
 * Every expected value is written out by hand from the samples below. */
#include "config.h"

#include <string.h>

#include "cusp-data.h"
#include "cusp-text-series.h"

#define S CUSP_NS_PER_SECOND

/* n samples at the given seconds with the given values (NULL = fill). */
static CuspTextSeries *
make (guint              n,
      const gint64      *seconds,
      const char *const *values)
{
  CuspTextSeries *t = cusp_text_series_new (n, 1);

  for (guint i = 0; i < n; i++)
    {
      t->times[i] = seconds[i] * S;
      cusp_text_series_set_value (t, 0, i, values[i]);
    }
  cusp_text_series_set_name (t, "Spacecraft_Region");
  return t;
}

static void
test_sort (void)
{
  const gint64 sec[] = { 30, 10, 20, 10 };
  const char *val[] = { "Magnetosheath", "Solar_Wind", NULL, "Bow_Shock" };
  g_autoptr (CuspTextSeries) t = make (4, sec, val);

  g_assert_true (cusp_text_series_sort (t));
  /* 10 s twice: the later row ("Bow_Shock") wins. */
  g_assert_cmpuint (t->n_samples, ==, 3);
  g_assert_cmpint (t->times[0], ==, 10 * S);
  g_assert_cmpstr (cusp_text_series_get_value (t, 0, 0), ==, "Bow_Shock");
  g_assert_null (cusp_text_series_get_value (t, 0, 1));
  g_assert_cmpstr (cusp_text_series_get_value (t, 0, 2), ==, "Magnetosheath");
  g_assert_false (cusp_text_series_sort (t));
}

static void
test_slice_merge (void)
{
  const gint64 s1[] = { 0, 60, 120, 180 };
  const char *v1[] = { "a", "b", "c", "d" };
  const gint64 s2[] = { 120, 240 };
  const char *v2[] = { "C", "E" };
  g_autoptr (CuspTextSeries) a = make (4, s1, v1);
  g_autoptr (CuspTextSeries) b = make (2, s2, v2);
  g_autoptr (CuspTextSeries) slice = cusp_text_series_slice (a, 60 * S, 180 * S);
  g_autoptr (CuspTextSeries) merged = NULL;
  g_autoptr (CuspTextSeries) two = cusp_text_series_new (1, 2);
  g_autoptr (GError) error = NULL;
  CuspTextSeries *frags[2] = { a, b };

  g_assert_cmpuint (slice->n_samples, ==, 2);
  g_assert_cmpstr (cusp_text_series_get_value (slice, 0, 0), ==, "b");
  g_assert_cmpstr (cusp_text_series_get_value (slice, 0, 1), ==, "c");
  g_assert_cmpstr (slice->name, ==, "Spacecraft_Region");

  /* b spans [120, 240] and wins there: 0 a, 60 b, 120 C, 240 E. */
  merged = cusp_text_series_merge (frags, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (merged->n_samples, ==, 4);
  g_assert_cmpstr (cusp_text_series_get_value (merged, 0, 1), ==, "b");
  g_assert_cmpstr (cusp_text_series_get_value (merged, 0, 2), ==, "C");
  g_assert_cmpint (merged->times[3], ==, 240 * S);
  g_assert_cmpstr (cusp_text_series_get_value (merged, 0, 3), ==, "E");

  frags[1] = two;
  g_assert_null (cusp_text_series_merge (frags, 2, &error));
  g_assert_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_MISMATCH);
}

static void
test_runs (void)
{
  /* Minute samples; a fill at 240 s; a 10-minute gap after 300 s. */
  const gint64 sec[] = { 0, 60, 120, 180, 240, 300, 900, 960 };
  const char *val[] = { "SW", "SW", "MSH", "MSH", NULL, "MSH", "SW", "SW" };
  g_autoptr (CuspTextSeries) t = make (8, sec, val);
  g_autoptr (GArray) runs = cusp_text_series_runs (t, 0, 0, 2000 * S, 0);
  g_autoptr (GArray) late = cusp_text_series_runs (t, 0, 150 * S, 200 * S, 0);
  const CuspTextRun *r;

  /* SW [0, 120); MSH [120, 240) up to the fill; MSH [300, 360) ended by
   * the gap (600 s > 3 × 60 s) at 300 + median step 60; SW [900, 1020). */
  g_assert_cmpuint (runs->len, ==, 4);
  r = &g_array_index (runs, CuspTextRun, 0);
  g_assert_cmpstr (r->value, ==, "SW");
  g_assert_cmpint (r->start, ==, 0);
  g_assert_cmpint (r->stop, ==, 120 * S);
  g_assert_cmpuint (r->first, ==, 0);
  g_assert_cmpuint (r->last, ==, 1);
  r = &g_array_index (runs, CuspTextRun, 1);
  g_assert_cmpstr (r->value, ==, "MSH");
  g_assert_cmpint (r->start, ==, 120 * S);
  g_assert_cmpint (r->stop, ==, 240 * S);
  r = &g_array_index (runs, CuspTextRun, 2);
  g_assert_cmpint (r->start, ==, 300 * S);
  g_assert_cmpint (r->stop, ==, 360 * S);
  r = &g_array_index (runs, CuspTextRun, 3);
  g_assert_cmpstr (r->value, ==, "SW");
  g_assert_cmpint (r->start, ==, 900 * S);
  g_assert_cmpint (r->stop, ==, 1020 * S);

  /* A window inside a run still gets that run. */
  g_assert_cmpuint (late->len, ==, 1);
  g_assert_cmpint (g_array_index (late, CuspTextRun, 0).start, ==, 120 * S);
}

static void
test_categories_and_data (void)
{
  const gint64 sec[] = { 0, 1, 2, 3, 4 };
  const char *val[] = { "MSH", NULL, "SW", "MSH", "BS" };
  CuspTextSeries *t = make (5, sec, val);
  g_autoptr (GPtrArray) cats = cusp_text_series_categories (t, 0);
  g_autoptr (CuspData) d = cusp_data_new_text (t);
  g_autoptr (CuspData) part = NULL;

  g_assert_cmpuint (cats->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (cats, 0), ==, "MSH");
  g_assert_cmpstr (g_ptr_array_index (cats, 1), ==, "SW");
  g_assert_cmpstr (g_ptr_array_index (cats, 2), ==, "BS");

  g_assert_cmpint (cusp_data_get_kind (d), ==, CUSP_DATA_KIND_TEXT);
  g_assert_cmpstr (cusp_data_kind_to_string (CUSP_DATA_KIND_TEXT), ==, "text");
  g_assert_true (cusp_data_get_text (d) == t);
  g_assert_null (cusp_data_get_series (d));
  g_assert_cmpuint (cusp_data_get_length (d), ==, 5);
  part = cusp_data_slice (d, 2 * S, 4 * S);
  g_assert_cmpuint (cusp_data_get_length (part), ==, 2);
  g_assert_cmpstr (cusp_text_series_get_value (cusp_data_get_text (part), 0, 1), ==, "MSH");
}

static void
test_empty (void)
{
  g_autoptr (CuspTextSeries) t = cusp_text_series_new (0, 1);
  g_autoptr (GArray) runs = cusp_text_series_runs (t, 0, 0, S, 0);
  g_autoptr (GPtrArray) cats = cusp_text_series_categories (t, 0);
  g_autoptr (CuspTextSeries) merged = cusp_text_series_merge (NULL, 0, NULL);

  g_assert_cmpuint (runs->len, ==, 0);
  g_assert_cmpuint (cats->len, ==, 0);
  g_assert_cmpuint (merged->n_samples, ==, 0);
  g_assert_false (cusp_text_series_sort (t));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cusp/text-series/sort", test_sort);
  g_test_add_func ("/cusp/text-series/slice-merge", test_slice_merge);
  g_test_add_func ("/cusp/text-series/runs", test_runs);
  g_test_add_func ("/cusp/text-series/categories-and-data", test_categories_and_data);
  g_test_add_func ("/cusp/text-series/empty", test_empty);
  return g_test_run ();
}
