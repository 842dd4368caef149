/* test-series.c: CuspSeries slicing, sorting, fill, merge
 *
 * Every expected array below is written out by hand from the rules in
 * cusp-series.h (start inclusive, stop exclusive, last duplicate wins,
 * later fragment wins over its span).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cusp-series.h"
#include "cusp-data.h"

/* A series from rows: times[n], values column-major [c * n + i]. */
static CuspSeries *
make_series (const CuspTime *times,
             guint           n,
             guint           n_components,
             const double   *values)
{
  CuspSeries *s = cusp_series_new (n, n_components);

  for (guint i = 0; i < n; i++)
    s->times[i] = times[i];
  for (gsize k = 0; k < (gsize) n * n_components; k++)
    s->values[k] = values[k];

  return s;
}

static void
assert_times (const CuspSeries *s,
              const CuspTime   *expected,
              guint             n)
{
  g_assert_cmpuint (s->n_samples, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (s->times[i], ==, expected[i]);
}

static void
assert_values (const CuspSeries *s,
               const double     *expected)
{
  for (gsize k = 0; k < (gsize) s->n_samples * s->n_components; k++)
    {
      if (isnan (expected[k]))
        g_assert_true (isnan (s->values[k]));
      else
        g_assert_cmpfloat (s->values[k], ==, expected[k]);
    }
}

/* Five samples at 10..50 ns, two components: 1..5 and 10..50. */
static CuspSeries *
make_five (void)
{
  static const CuspTime t[] = { 10, 20, 30, 40, 50 };
  static const double v[] = { 1, 2, 3, 4, 5, 10, 20, 30, 40, 50 };
  CuspSeries *s = make_series (t, 5, 2, v);

  cusp_series_set_name (s, "B GSE");
  cusp_series_set_unit (s, "nT");
  cusp_series_set_label (s, 0, "Bx");
  cusp_series_set_label (s, 1, "By");
  cusp_metadata_set (s->metadata, "FIELDNAM", "B");

  return s;
}

static void
test_new (void)
{
  g_autoptr(CuspSeries) s = cusp_series_new (3, 2);

  g_assert_cmpuint (s->n_samples, ==, 3);
  g_assert_cmpuint (s->n_components, ==, 2);
  g_assert_nonnull (s->metadata);
  g_assert_cmpuint (cusp_metadata_get_size (s->metadata), ==, 0);
  g_assert_cmpuint (g_strv_length (s->labels), ==, 2);
  g_assert_cmpstr (s->labels[0], ==, "");
  g_assert_null (s->name);
  g_assert_null (s->unit);
  g_assert_true (cusp_series_column (s, 1) == s->values + 3);
  for (guint k = 0; k < 6; k++)
    g_assert_cmpfloat (s->values[k], ==, 0.0);

  cusp_series_set_label (s, 1, NULL);
  g_assert_cmpstr (s->labels[1], ==, "");
  g_assert_cmpuint (g_strv_length (s->labels), ==, 2);
}

static void
test_empty (void)
{
  g_autoptr(CuspSeries) s = cusp_series_new (0, 3);
  g_autoptr(CuspSeries) slice = NULL;
  g_autoptr(CuspSeries) norm = NULL;

  g_assert_cmpuint (s->n_samples, ==, 0);
  g_assert_cmpuint (cusp_series_lower_bound (s, 0), ==, 0);
  g_assert_true (cusp_series_is_sorted (s));
  g_assert_false (cusp_series_sort (s));
  g_assert_cmpuint (cusp_series_apply_fill (s, 0, 0, 0), ==, 0);

  slice = cusp_series_slice (s, -100, 100);
  g_assert_cmpuint (slice->n_samples, ==, 0);
  g_assert_cmpuint (slice->n_components, ==, 3);

  norm = cusp_series_add_norm (s, "|B|");
  g_assert_cmpuint (norm->n_samples, ==, 0);
  g_assert_cmpuint (norm->n_components, ==, 4);
  g_assert_cmpstr (norm->labels[3], ==, "|B|");
}

static void
test_lower_bound (void)
{
  g_autoptr(CuspSeries) s = make_five ();

  g_assert_cmpuint (cusp_series_lower_bound (s, 5), ==, 0);
  g_assert_cmpuint (cusp_series_lower_bound (s, 10), ==, 0);
  g_assert_cmpuint (cusp_series_lower_bound (s, 11), ==, 1);
  g_assert_cmpuint (cusp_series_lower_bound (s, 30), ==, 2);
  g_assert_cmpuint (cusp_series_lower_bound (s, 50), ==, 4);
  g_assert_cmpuint (cusp_series_lower_bound (s, 51), ==, 5);
  g_assert_cmpuint (cusp_series_lower_bound (s, G_MININT64), ==, 0);
  g_assert_cmpuint (cusp_series_lower_bound (s, G_MAXINT64), ==, 5);
}

static void
assert_slice (const CuspSeries *s,
              CuspTime          start,
              CuspTime          stop,
              const CuspTime   *times,
              guint             n,
              const double     *values)
{
  g_autoptr(CuspSeries) slice = cusp_series_slice (s, start, stop);

  assert_times (slice, times, n);
  g_assert_cmpuint (slice->n_components, ==, 2);
  if (n > 0)
    assert_values (slice, values);
}

static void
test_slice (void)
{
  g_autoptr(CuspSeries) s = make_five ();
  g_autoptr(CuspSeries) slice = NULL;

  /* Start inclusive, stop exclusive, both exactly on samples. */
  assert_slice (s, 20, 40, (CuspTime[]) { 20, 30 }, 2, (double[]) { 2, 3, 20, 30 });
  /* Between samples. */
  assert_slice (s, 15, 45, (CuspTime[]) { 20, 30, 40 }, 3, (double[]) { 2, 3, 4, 20, 30, 40 });
  /* Covering everything. */
  assert_slice (s, 0, 100, (CuspTime[]) { 10, 20, 30, 40, 50 }, 5,
                (double[]) { 1, 2, 3, 4, 5, 10, 20, 30, 40, 50 });
  /* The last sample alone. */
  assert_slice (s, 50, 51, (CuspTime[]) { 50 }, 1, (double[]) { 5, 50 });
  /* Stop on the first sample excludes it. */
  assert_slice (s, 0, 10, NULL, 0, NULL);
  /* Before and after all data, empty and reversed ranges. */
  assert_slice (s, 0, 5, NULL, 0, NULL);
  assert_slice (s, 51, 100, NULL, 0, NULL);
  assert_slice (s, 40, 40, NULL, 0, NULL);
  assert_slice (s, 40, 30, NULL, 0, NULL);

  slice = cusp_series_slice (s, 20, 30);
  g_assert_cmpstr (slice->name, ==, "B GSE");
  g_assert_cmpstr (slice->unit, ==, "nT");
  g_assert_cmpstr (slice->labels[0], ==, "Bx");
  g_assert_cmpstr (slice->labels[1], ==, "By");
  g_assert_null (slice->labels[2]);
  /* Metadata is shared, not copied. */
  g_assert_true (slice->metadata == s->metadata);
  /* The slice owns its arrays. */
  slice->values[0] = 99;
  g_assert_cmpfloat (s->values[1], ==, 2);
}

static void
test_single (void)
{
  g_autoptr(CuspSeries) s = make_series ((CuspTime[]) { 100 }, 1, 2, (double[]) { 3, 4 });
  g_autoptr(CuspSeries) in = cusp_series_slice (s, 100, 101);
  g_autoptr(CuspSeries) out = cusp_series_slice (s, 99, 100);
  g_autoptr(CuspSeries) norm = cusp_series_add_norm (s, "|B|");

  g_assert_cmpuint (in->n_samples, ==, 1);
  g_assert_cmpint (in->times[0], ==, 100);
  g_assert_cmpfloat (in->values[1], ==, 4);
  g_assert_cmpuint (out->n_samples, ==, 0);
  g_assert_false (cusp_series_sort (s));
  g_assert_cmpuint (cusp_series_lower_bound (s, 100), ==, 0);
  g_assert_cmpuint (cusp_series_lower_bound (s, 101), ==, 1);
  /* 3-4-5 triangle. */
  g_assert_cmpfloat (cusp_series_column (norm, 2)[0], ==, 5);
}

static void
test_fill (void)
{
  static const double in[] = { 1, -1e31, 5, NAN, 200, 3 };
  g_autoptr(CuspSeries) s = make_series ((CuspTime[]) { 1, 2, 3, 4, 5, 6 }, 6, 1, in);
  g_autoptr(CuspSeries) nan_fill = make_series ((CuspTime[]) { 1, 2, 3 }, 3, 1,
                                                (double[]) { 1, NAN, -5 });
  g_autoptr(CuspSeries) no_range = make_series ((CuspTime[]) { 1, 2 }, 2, 1,
                                                (double[]) { 1000, 0 });

  /* The fill value and 200 (above VALIDMAX 100) go; NaN stays NaN and does
   * not count as a change. */
  g_assert_cmpuint (cusp_series_apply_fill (s, -1e31, 0, 100), ==, 2);
  assert_values (s, (double[]) { 1, NAN, 5, NAN, NAN, 3 });

  /* A NaN fill matches nothing; equal bounds mean no range check. */
  g_assert_cmpuint (cusp_series_apply_fill (nan_fill, NAN, 0, 0), ==, 0);
  assert_values (nan_fill, (double[]) { 1, NAN, -5 });

  /* valid_min > valid_max: range ignored, only the fill value goes. */
  g_assert_cmpuint (cusp_series_apply_fill (no_range, 0, 1, 0), ==, 1);
  assert_values (no_range, (double[]) { 1000, NAN });
}

static void
test_sort (void)
{
  /* Rows:        0   1   2   3   4   5 */
  static const CuspTime t[] = { 30, 10, 20, 10, 40, 30 };
  static const double v[] = { 0, 1, 2, 3, 4, 5,
                              100, 101, 102, 103, 104, 105 };
  g_autoptr(CuspSeries) s = make_series (t, 6, 2, v);
  g_autoptr(CuspSeries) dup = make_series ((CuspTime[]) { 10, 10 }, 2, 1, (double[]) { 1, 2 });

  g_assert_false (cusp_series_is_sorted (s));
  g_assert_true (cusp_series_sort (s));
  /* Time 10: rows 1 and 3, the later (3) stays; time 30: rows 0 and 5. */
  assert_times (s, (CuspTime[]) { 10, 20, 30, 40 }, 4);
  assert_values (s, (double[]) { 3, 2, 5, 4, 103, 102, 105, 104 });
  g_assert_true (cusp_series_is_sorted (s));
  g_assert_false (cusp_series_sort (s));

  /* Sorted but not strictly increasing. */
  g_assert_false (cusp_series_is_sorted (dup));
  g_assert_true (cusp_series_sort (dup));
  assert_times (dup, (CuspTime[]) { 10 }, 1);
  assert_values (dup, (double[]) { 2 });
}

static CuspSeries *
merge2 (CuspSeries *a,
        CuspSeries *b)
{
  CuspSeries *fragments[] = { a, b };
  g_autoptr(GError) error = NULL;
  CuspSeries *merged = cusp_series_merge (fragments, 2, &error);

  g_assert_no_error (error);
  g_assert_nonnull (merged);

  return merged;
}

static void
test_merge_overlap (void)
{
  g_autoptr(CuspSeries) f0 = make_series ((CuspTime[]) { 0, 10, 20, 30, 40 }, 5, 2,
                                          (double[]) { 0, 1, 2, 3, 4, 0, 10, 20, 30, 40 });
  g_autoptr(CuspSeries) f1 = make_series ((CuspTime[]) { 15, 25 }, 2, 2,
                                          (double[]) { 100, 101, 1000, 1010 });
  g_autoptr(CuspSeries) f2 = make_series ((CuspTime[]) { 20, 22 }, 2, 2,
                                          (double[]) { 200, 201, 2000, 2010 });
  g_autoptr(CuspSeries) m01 = merge2 (f0, f1);
  g_autoptr(CuspSeries) m10 = merge2 (f1, f0);
  g_autoptr(CuspSeries) m012 = NULL;
  CuspSeries *three[] = { f0, f1, f2 };

  cusp_series_set_name (f0, "first");
  cusp_series_set_name (f1, "second");

  /* f1's span [15, 25] replaces f0's 20. */
  assert_times (m01, (CuspTime[]) { 0, 10, 15, 25, 30, 40 }, 6);
  assert_values (m01, (double[]) { 0, 1, 100, 101, 3, 4, 0, 10, 1000, 1010, 30, 40 });

  /* f0 last: its span [0, 40] covers f1 entirely. */
  assert_times (m10, (CuspTime[]) { 0, 10, 20, 30, 40 }, 5);
  assert_values (m10, (double[]) { 0, 1, 2, 3, 4, 0, 10, 20, 30, 40 });

  /* f2 [20, 22] splits f1 into 15 and 25; f1 [15, 25] removes f0's 20. */
  m012 = cusp_series_merge (three, 3, NULL);
  assert_times (m012, (CuspTime[]) { 0, 10, 15, 20, 22, 25, 30, 40 }, 8);
  assert_values (m012, (double[]) { 0, 1, 100, 200, 201, 101, 3, 4,
                                    0, 10, 1000, 2000, 2010, 1010, 30, 40 });
  g_assert_cmpstr (m012->name, ==, "first");
}

static void
test_merge_disjoint (void)
{
  g_autoptr(CuspSeries) a = make_series ((CuspTime[]) { 0, 10 }, 2, 1, (double[]) { 1, 2 });
  g_autoptr(CuspSeries) b = make_series ((CuspTime[]) { 20, 30 }, 2, 1, (double[]) { 3, 4 });
  g_autoptr(CuspSeries) outer = make_series ((CuspTime[]) { 0, 10, 50, 60 }, 4, 1,
                                             (double[]) { 1, 2, 5, 6 });
  g_autoptr(CuspSeries) ab = merge2 (a, b);
  g_autoptr(CuspSeries) ba = merge2 (b, a);
  /* b falls in a gap of outer: outer keeps all its rows on both sides. */
  g_autoptr(CuspSeries) gap = merge2 (outer, b);

  assert_times (ab, (CuspTime[]) { 0, 10, 20, 30 }, 4);
  assert_values (ab, (double[]) { 1, 2, 3, 4 });
  assert_times (ba, (CuspTime[]) { 0, 10, 20, 30 }, 4);
  assert_values (ba, (double[]) { 1, 2, 3, 4 });
  assert_times (gap, (CuspTime[]) { 0, 10, 20, 30, 50, 60 }, 6);
  assert_values (gap, (double[]) { 1, 2, 3, 4, 5, 6 });
}

static void
test_merge_empty (void)
{
  g_autoptr(CuspSeries) none = cusp_series_merge (NULL, 0, NULL);
  g_autoptr(CuspSeries) empty = cusp_series_new (0, 1);
  g_autoptr(CuspSeries) a = make_series ((CuspTime[]) { 5 }, 1, 1, (double[]) { 7 });
  g_autoptr(CuspSeries) m = NULL;
  g_autoptr(CuspSeries) only_empty = NULL;
  CuspSeries *two_empty[] = { empty, empty };

  g_assert_nonnull (none);
  g_assert_cmpuint (none->n_samples, ==, 0);

  cusp_series_set_name (empty, "empty");
  cusp_series_set_name (a, "a");
  cusp_metadata_set (a->metadata, "UNITS", "nT");
  m = merge2 (empty, a);
  assert_times (m, (CuspTime[]) { 5 }, 1);
  assert_values (m, (double[]) { 7 });
  /* Descriptive fields come from the first non-empty fragment. */
  g_assert_cmpstr (m->name, ==, "a");
  g_assert_cmpstr (cusp_metadata_get (m->metadata, "UNITS"), ==, "nT");

  only_empty = cusp_series_merge (two_empty, 2, NULL);
  g_assert_cmpuint (only_empty->n_samples, ==, 0);
  g_assert_cmpuint (only_empty->n_components, ==, 1);
  g_assert_cmpstr (only_empty->name, ==, "empty");
}

static void
test_merge_errors (void)
{
  g_autoptr(CuspSeries) two = cusp_series_new (1, 2);
  g_autoptr(CuspSeries) one = cusp_series_new (1, 1);
  g_autoptr(CuspSeries) unsorted = make_series ((CuspTime[]) { 2, 1 }, 2, 1, (double[]) { 0, 0 });
  g_autoptr(GError) error = NULL;
  CuspSeries *mismatch[] = { two, one };
  CuspSeries *bad[] = { one, unsorted };

  g_assert_null (cusp_series_merge (mismatch, 2, &error));
  g_assert_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "2 and 1 components"));
  g_clear_error (&error);

  g_assert_null (cusp_series_merge (bad, 2, &error));
  g_assert_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_INVALID);
}

static void
test_add_norm (void)
{
  /* Rows (3,4,0), (1,2,2), (NaN,0,0): norms 5, 3, NaN. */
  g_autoptr(CuspSeries) s = make_series ((CuspTime[]) { 1, 2, 3 }, 3, 3,
                                         (double[]) { 3, 1, NAN, 4, 2, 0, 0, 2, 0 });
  g_autoptr(CuspSeries) n = NULL;

  cusp_series_set_label (s, 0, "Bx");
  n = cusp_series_add_norm (s, "|B|");
  g_assert_cmpuint (n->n_components, ==, 4);
  assert_values (n, (double[]) { 3, 1, NAN, 4, 2, 0, 0, 2, 0, 5, 3, NAN });
  g_assert_cmpstr (n->labels[0], ==, "Bx");
  g_assert_cmpstr (n->labels[3], ==, "|B|");
  g_assert_null (n->labels[4]);
}

static void
test_resize (void)
{
  g_autoptr(CuspSeries) s = make_series ((CuspTime[]) { 1, 2 }, 2, 2, (double[]) { 1, 2, 10, 20 });

  cusp_series_resize (s, 3);
  assert_times (s, (CuspTime[]) { 1, 2, 0 }, 3);
  assert_values (s, (double[]) { 1, 2, 0, 10, 20, 0 });

  cusp_series_resize (s, 1);
  assert_times (s, (CuspTime[]) { 1 }, 1);
  assert_values (s, (double[]) { 1, 10 });

  cusp_series_resize (s, 0);
  g_assert_cmpuint (s->n_samples, ==, 0);
}

static void
test_refcount (void)
{
  CuspSeries *s = cusp_series_new (2, 1);
  CuspSeries *copy;

  g_assert_true (cusp_series_ref (s) == s);
  cusp_series_unref (s);

  copy = g_boxed_copy (CUSP_TYPE_SERIES, s);
  g_assert_true (copy == s);
  g_boxed_free (CUSP_TYPE_SERIES, copy);
  cusp_series_unref (s);
}

/* A parser's own arrays are adopted as they are: the values a slice sees
 * are the ones written here, column by column. */
static void
test_new_take (void)
{
  CuspTime *times = g_new (CuspTime, 3);
  double *values = g_new (double, 6);
  g_autoptr (CuspSeries) s = NULL;
  g_autoptr (CuspSeries) tail = NULL;

  times[0] = 10; times[1] = 20; times[2] = 30;
  values[0] = 1; values[1] = 2; values[2] = 3;     /* component 0 */
  values[3] = -1; values[4] = -2; values[5] = -3;  /* component 1 */
  s = cusp_series_new_take (times, values, 3, 2);

  g_assert_true (s->times == times);
  g_assert_true (s->values == values);
  g_assert_cmpuint (s->n_samples, ==, 3);
  g_assert_cmpuint (s->n_components, ==, 2);
  g_assert_cmpuint (g_strv_length (s->labels), ==, 2);
  tail = cusp_series_slice (s, 20, 31);
  g_assert_cmpuint (tail->n_samples, ==, 2);
  g_assert_cmpfloat (cusp_series_column (tail, 0)[0], ==, 2);
  g_assert_cmpfloat (cusp_series_column (tail, 1)[1], ==, -3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/series/new", test_new);
  g_test_add_func ("/cusp/series/new-take", test_new_take);
  g_test_add_func ("/cusp/series/empty", test_empty);
  g_test_add_func ("/cusp/series/lower-bound", test_lower_bound);
  g_test_add_func ("/cusp/series/slice", test_slice);
  g_test_add_func ("/cusp/series/single", test_single);
  g_test_add_func ("/cusp/series/fill", test_fill);
  g_test_add_func ("/cusp/series/sort", test_sort);
  g_test_add_func ("/cusp/series/merge-overlap", test_merge_overlap);
  g_test_add_func ("/cusp/series/merge-disjoint", test_merge_disjoint);
  g_test_add_func ("/cusp/series/merge-empty", test_merge_empty);
  g_test_add_func ("/cusp/series/merge-errors", test_merge_errors);
  g_test_add_func ("/cusp/series/add-norm", test_add_norm);
  g_test_add_func ("/cusp/series/resize", test_resize);
  g_test_add_func ("/cusp/series/refcount", test_refcount);

  return g_test_run ();
}
