/* test-spectrogram.c: CuspSpectrogram bins, edges, sort, slice, merge
 *
 * Expected edges are computed by hand: log midpoints of 10, 100, 1000 are
 * 10^1.5 and 10^2.5, the mirrored ends 10^0.5 and 10^3.5.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cusp-spectrogram.h"
#include "cusp-data.h"

static void
assert_doubles (const double *got,
                const double *expected,
                guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      if (isnan (expected[i]))
        g_assert_true (isnan (got[i]));
      else
        g_assert_cmpfloat_with_epsilon (got[i], expected[i], 1e-9 * MAX (1.0, fabs (expected[i])));
    }
}

/* n records of 2 bins at the given times, record i = { v0[i], v0[i] + 10 }. */
static CuspSpectrogram *
make_spec (const CuspTime *times,
           const double   *v0,
           guint           n,
           gboolean        per_record)
{
  CuspSpectrogram *s = cusp_spectrogram_new (n, 2, per_record);

  for (guint i = 0; i < n; i++)
    {
      s->times[i] = times[i];
      s->values[i * 2] = v0[i];
      s->values[i * 2 + 1] = v0[i] + 10;
    }
  if (!per_record)
    {
      s->bin_centres[0] = 1;
      s->bin_centres[1] = 3;
    }
  else
    for (guint i = 0; i < n; i++)
      {
        /* Record i's table: { v0, 2 v0 } so it is recognisable after moves. */
        s->bin_centres[i * 2] = v0[i];
        s->bin_centres[i * 2 + 1] = 2 * v0[i];
      }

  return s;
}

static void
test_new (void)
{
  g_autoptr(CuspSpectrogram) fixed = cusp_spectrogram_new (3, 4, FALSE);
  g_autoptr(CuspSpectrogram) empty = cusp_spectrogram_new (0, 0, TRUE);
  double edge;

  g_assert_cmpuint (fixed->n_records, ==, 3);
  g_assert_cmpuint (fixed->n_bins, ==, 4);
  g_assert_false (fixed->bins_per_record);
  g_assert_null (fixed->bin_edges);
  g_assert_true (isnan (fixed->z_min) && isnan (fixed->z_max));
  g_assert_nonnull (fixed->metadata);
  g_assert_true (cusp_spectrogram_bin_centres (fixed, 2) == fixed->bin_centres);

  g_assert_cmpuint (empty->n_records, ==, 0);
  g_assert_cmpuint (cusp_spectrogram_lower_bound (empty, 0), ==, 0);
  g_assert_false (cusp_spectrogram_sort (empty));

  /* No bins: the one edge is NaN. */
  {
    g_autoptr(CuspSpectrogram) nobins = cusp_spectrogram_new (1, 0, FALSE);
    cusp_spectrogram_bin_edges (nobins, 0, &edge);
    g_assert_true (isnan (edge));
  }
}

static void
edges_of (const double *centres,
          guint         n,
          CuspScale     scale,
          double       *out)
{
  g_autoptr(CuspSpectrogram) s = cusp_spectrogram_new (1, n, FALSE);

  memcpy (s->bin_centres, centres, n * sizeof (double));
  s->y_scale = scale;
  cusp_spectrogram_bin_edges (s, 0, out);
}

static void
test_edges_derived (void)
{
  double out[5];

  edges_of ((double[]) { 10, 100, 1000 }, 3, CUSP_SCALE_LOG, out);
  assert_doubles (out, (double[]) { pow (10, 0.5), pow (10, 1.5), pow (10, 2.5), pow (10, 3.5) }, 4);

  /* Linear: midpoints 1.5 and 3, ends 2*1 - 1.5 and 2*4 - 3. */
  edges_of ((double[]) { 1, 2, 4 }, 3, CUSP_SCALE_LINEAR, out);
  assert_doubles (out, (double[]) { 0.5, 1.5, 3, 5 }, 4);

  /* Uneven log: sqrt(1*4) = 2, sqrt(4*64) = 16; ends 1/2 and 64^2/16. */
  edges_of ((double[]) { 1, 4, 64 }, 3, CUSP_SCALE_LOG, out);
  assert_doubles (out, (double[]) { 0.5, 2, 16, 256 }, 4);

  /* One bin: half a decade either side on log, half a unit on linear. */
  edges_of ((double[]) { 100 }, 1, CUSP_SCALE_LOG, out);
  assert_doubles (out, (double[]) { pow (10, 1.5), pow (10, 2.5) }, 2);
  edges_of ((double[]) { 5 }, 1, CUSP_SCALE_LINEAR, out);
  assert_doubles (out, (double[]) { 4.5, 5.5 }, 2);
}

static void
test_edges_nan (void)
{
  double out[5];

  /* NaN spreads to the edges that touch it, no further. */
  edges_of ((double[]) { 1, 2, NAN, 4 }, 4, CUSP_SCALE_LINEAR, out);
  assert_doubles (out, (double[]) { 0.5, 1.5, NAN, NAN, NAN }, 5);

  edges_of ((double[]) { 10, NAN, 1000 }, 3, CUSP_SCALE_LOG, out);
  assert_doubles (out, (double[]) { NAN, NAN, NAN, NAN }, 4);

  /* A zero centre has no log midpoint: sqrt(10*100) survives, and the top
   * end is 100^2 / sqrt(1000) = 10^2.5. */
  edges_of ((double[]) { 0, 10, 100 }, 3, CUSP_SCALE_LOG, out);
  assert_doubles (out, (double[]) { NAN, NAN, pow (10, 1.5), pow (10, 2.5) }, 4);
}

static void
test_edges_given (void)
{
  g_autoptr(CuspSpectrogram) s = cusp_spectrogram_new (2, 2, TRUE);
  double *edges = cusp_spectrogram_alloc_edges (s);
  double out[3];

  for (guint k = 0; k < 6; k++)
    edges[k] = k * 1.5;
  cusp_spectrogram_bin_edges (s, 1, out);
  assert_doubles (out, (double[]) { 4.5, 6, 7.5 }, 3);
  cusp_spectrogram_bin_edges (s, 0, out);
  assert_doubles (out, (double[]) { 0, 1.5, 3 }, 3);
}

static void
test_per_record (void)
{
  g_autoptr(CuspSpectrogram) s = make_spec ((CuspTime[]) { 10, 20 }, (double[]) { 1, 2 }, 2, TRUE);
  double out[3];

  /* Record 1's table is { 2, 4 }: linear edges 1, 3, 5. */
  assert_doubles (cusp_spectrogram_bin_centres (s, 1), (double[]) { 2, 4 }, 2);
  cusp_spectrogram_bin_edges (s, 1, out);
  assert_doubles (out, (double[]) { 1, 3, 5 }, 3);
}

static void
test_sort (void)
{
  /* Records 0..3 at 30, 10, 20, 10: record 1 loses to record 3 at t = 10. */
  g_autoptr(CuspSpectrogram) s = make_spec ((CuspTime[]) { 30, 10, 20, 10 },
                                            (double[]) { 1, 2, 3, 4 }, 4, TRUE);
  double *edges = cusp_spectrogram_alloc_edges (s);

  for (guint k = 0; k < 12; k++)
    edges[k] = k;

  g_assert_true (cusp_spectrogram_sort (s));
  g_assert_cmpuint (s->n_records, ==, 3);
  g_assert_cmpint (s->times[0], ==, 10);
  g_assert_cmpint (s->times[1], ==, 20);
  g_assert_cmpint (s->times[2], ==, 30);
  assert_doubles (s->values, (double[]) { 4, 14, 3, 13, 1, 11 }, 6);
  assert_doubles (s->bin_centres, (double[]) { 4, 8, 3, 6, 1, 2 }, 6);
  /* Edge rows of records 3, 2, 0. */
  assert_doubles (s->bin_edges, (double[]) { 9, 10, 11, 6, 7, 8, 0, 1, 2 }, 9);
  g_assert_false (cusp_spectrogram_sort (s));
}

static void
test_slice (void)
{
  g_autoptr(CuspSpectrogram) s = make_spec ((CuspTime[]) { 10, 20, 30 },
                                            (double[]) { 1, 2, 3 }, 3, FALSE);
  g_autoptr(CuspSpectrogram) mid = NULL;
  g_autoptr(CuspSpectrogram) none = NULL;
  g_autoptr(CuspSpectrogram) pr = make_spec ((CuspTime[]) { 10, 20, 30 },
                                             (double[]) { 1, 2, 3 }, 3, TRUE);
  g_autoptr(CuspSpectrogram) pr_slice = NULL;

  cusp_spectrogram_set_name (s, "ion energy");
  cusp_spectrogram_set_bin_unit (s, "eV");
  s->y_scale = CUSP_SCALE_LOG;
  s->z_min = 1;

  mid = cusp_spectrogram_slice (s, 20, 30);
  g_assert_cmpuint (mid->n_records, ==, 1);
  g_assert_cmpint (mid->times[0], ==, 20);
  assert_doubles (mid->values, (double[]) { 2, 12 }, 2);
  assert_doubles (mid->bin_centres, (double[]) { 1, 3 }, 2);
  g_assert_cmpstr (mid->name, ==, "ion energy");
  g_assert_cmpstr (mid->bin_unit, ==, "eV");
  g_assert_cmpint (mid->y_scale, ==, CUSP_SCALE_LOG);
  g_assert_cmpfloat (mid->z_min, ==, 1);
  g_assert_true (mid->metadata == s->metadata);

  none = cusp_spectrogram_slice (s, 31, 40);
  g_assert_cmpuint (none->n_records, ==, 0);
  g_assert_cmpuint (none->n_bins, ==, 2);

  pr_slice = cusp_spectrogram_slice (pr, 15, 31);
  g_assert_cmpuint (pr_slice->n_records, ==, 2);
  g_assert_true (pr_slice->bins_per_record);
  assert_doubles (pr_slice->bin_centres, (double[]) { 2, 4, 3, 6 }, 4);
  assert_doubles (pr_slice->values, (double[]) { 2, 12, 3, 13 }, 4);
}

static void
test_fill (void)
{
  g_autoptr(CuspSpectrogram) s = make_spec ((CuspTime[]) { 1, 2 }, (double[]) { -1, 5 }, 2, FALSE);

  /* Values -1, 9, 5, 15: fill -1 and 15 > VALIDMAX 10 go. */
  g_assert_cmpuint (cusp_spectrogram_apply_fill (s, -1, 0, 10), ==, 2);
  assert_doubles (s->values, (double[]) { NAN, 9, 5, NAN }, 4);
}

static CuspSpectrogram *
merge2 (CuspSpectrogram *a,
        CuspSpectrogram *b)
{
  CuspSpectrogram *fragments[] = { a, b };
  g_autoptr(GError) error = NULL;
  CuspSpectrogram *m = cusp_spectrogram_merge (fragments, 2, &error);

  g_assert_no_error (error);
  g_assert_nonnull (m);

  return m;
}

static void
test_merge (void)
{
  g_autoptr(CuspSpectrogram) f0 = make_spec ((CuspTime[]) { 0, 10, 20 }, (double[]) { 0, 1, 2 }, 3, FALSE);
  g_autoptr(CuspSpectrogram) f1 = make_spec ((CuspTime[]) { 5, 15 }, (double[]) { 100, 101 }, 2, FALSE);
  g_autoptr(CuspSpectrogram) m = merge2 (f0, f1);
  g_autoptr(CuspSpectrogram) none = cusp_spectrogram_merge (NULL, 0, NULL);

  /* f1's span [5, 15] removes f0's record at 10. */
  g_assert_cmpuint (m->n_records, ==, 4);
  g_assert_cmpint (m->times[0], ==, 0);
  g_assert_cmpint (m->times[1], ==, 5);
  g_assert_cmpint (m->times[2], ==, 15);
  g_assert_cmpint (m->times[3], ==, 20);
  assert_doubles (m->values, (double[]) { 0, 10, 100, 110, 101, 111, 2, 12 }, 8);
  g_assert_false (m->bins_per_record);
  assert_doubles (m->bin_centres, (double[]) { 1, 3 }, 2);

  g_assert_cmpuint (none->n_records, ==, 0);
}

static void
test_merge_tables (void)
{
  g_autoptr(CuspSpectrogram) f0 = make_spec ((CuspTime[]) { 0 }, (double[]) { 0 }, 1, FALSE);
  g_autoptr(CuspSpectrogram) f1 = make_spec ((CuspTime[]) { 10 }, (double[]) { 1 }, 1, FALSE);
  g_autoptr(CuspSpectrogram) m = NULL;
  double *edges;

  /* f1 was read with another energy table and f0 carries edges. */
  f1->bin_centres[0] = 10;
  f1->bin_centres[1] = 30;
  edges = cusp_spectrogram_alloc_edges (f0);
  edges[0] = 0;
  edges[1] = 2;
  edges[2] = 4;

  m = merge2 (f0, f1);
  g_assert_true (m->bins_per_record);
  g_assert_nonnull (m->bin_edges);
  assert_doubles (m->bin_centres, (double[]) { 1, 3, 10, 30 }, 4);
  /* f0's edges as given; f1's derived linearly: 20 mid, ends 0 and 40. */
  assert_doubles (m->bin_edges, (double[]) { 0, 2, 4, 0, 20, 40 }, 6);
}

static void
test_merge_errors (void)
{
  g_autoptr(CuspSpectrogram) a = cusp_spectrogram_new (1, 2, FALSE);
  g_autoptr(CuspSpectrogram) b = cusp_spectrogram_new (1, 3, FALSE);
  g_autoptr(CuspSpectrogram) c = cusp_spectrogram_new (1, 2, TRUE);
  g_autoptr(GError) error = NULL;
  CuspSpectrogram *bins[] = { a, b };
  CuspSpectrogram *kinds[] = { a, c };

  g_assert_null (cusp_spectrogram_merge (bins, 2, &error));
  g_assert_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "2 and 3 bins"));
  g_clear_error (&error);

  g_assert_null (cusp_spectrogram_merge (kinds, 2, &error));
  g_assert_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_MISMATCH);
}

/* Fixed log bins 10, 100, 1000: edges 10^0.5, 10^1.5, 10^2.5, 10^3.5 (by
 * hand, see the top).  Per-record given edges, one record running down. */
static void
test_find_bin (void)
{
  g_autoptr (CuspSpectrogram) s = cusp_spectrogram_new (1, 3, FALSE);
  g_autoptr (CuspSpectrogram) t = cusp_spectrogram_new (2, 2, TRUE);
  double lo = 0, hi = 0, *e;

  s->bin_centres[0] = 10;
  s->bin_centres[1] = 100;
  s->bin_centres[2] = 1000;
  s->y_scale = CUSP_SCALE_LOG;
  g_assert_cmpint (cusp_spectrogram_find_bin (s, 0, 50, &lo, &hi), ==, 1);
  g_assert_cmpfloat_with_epsilon (lo, pow (10, 1.5), 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, pow (10, 2.5), 1e-9);
  g_assert_cmpint (cusp_spectrogram_find_bin (s, 0, 4, NULL, NULL), ==, 0);
  g_assert_cmpint (cusp_spectrogram_find_bin (s, 0, 3, NULL, NULL), ==, -1);      /* < 10^0.5 */
  g_assert_cmpint (cusp_spectrogram_find_bin (s, 0, 3200, NULL, NULL), ==, -1);   /* > 10^3.5 */
  g_assert_cmpint (cusp_spectrogram_find_bin (s, 0, pow (10, 3.5), NULL, NULL), ==, 2);
  g_assert_cmpint (cusp_spectrogram_find_bin (s, 0, pow (10, 2.5) + 1e-9, NULL, NULL), ==, 2);
  g_assert_cmpint (cusp_spectrogram_find_bin (s, 0, NAN, NULL, NULL), ==, -1);

  /* Record 0: edges 0, 1, 3; record 1: 8, 4, 2 (downwards). */
  e = cusp_spectrogram_alloc_edges (t);
  e[0] = 0; e[1] = 1; e[2] = 3;
  e[3] = 8; e[4] = 4; e[5] = 2;
  g_assert_cmpint (cusp_spectrogram_find_bin (t, 0, 2.5, &lo, &hi), ==, 1);
  g_assert_cmpfloat (lo, ==, 1);
  g_assert_cmpfloat (hi, ==, 3);
  g_assert_cmpint (cusp_spectrogram_find_bin (t, 1, 2.5, &lo, &hi), ==, 1);
  g_assert_cmpfloat (lo, ==, 2);
  g_assert_cmpfloat (hi, ==, 4);
  g_assert_cmpint (cusp_spectrogram_find_bin (t, 1, 5, NULL, NULL), ==, 0);
  g_assert_cmpint (cusp_spectrogram_find_bin (t, 1, 1, NULL, NULL), ==, -1);
  g_assert_cmpint (cusp_spectrogram_find_bin (t, 1, 8, NULL, NULL), ==, 0);

  /* No bins. */
  {
    g_autoptr (CuspSpectrogram) empty = cusp_spectrogram_new (1, 0, FALSE);

    g_assert_cmpint (cusp_spectrogram_find_bin (empty, 0, 1, NULL, NULL), ==, -1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/spectrogram/new", test_new);
  g_test_add_func ("/cusp/spectrogram/edges-derived", test_edges_derived);
  g_test_add_func ("/cusp/spectrogram/edges-nan", test_edges_nan);
  g_test_add_func ("/cusp/spectrogram/edges-given", test_edges_given);
  g_test_add_func ("/cusp/spectrogram/per-record", test_per_record);
  g_test_add_func ("/cusp/spectrogram/sort", test_sort);
  g_test_add_func ("/cusp/spectrogram/slice", test_slice);
  g_test_add_func ("/cusp/spectrogram/fill", test_fill);
  g_test_add_func ("/cusp/spectrogram/merge", test_merge);
  g_test_add_func ("/cusp/spectrogram/merge-tables", test_merge_tables);
  g_test_add_func ("/cusp/spectrogram/merge-errors", test_merge_errors);
  g_test_add_func ("/cusp/spectrogram/find-bin", test_find_bin);

  return g_test_run ();
}
