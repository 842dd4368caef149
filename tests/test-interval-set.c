/* test-interval-set.c: ordering, attributes, overlap queries, merge */
#include "config.h"

#include <math.h>

#include "cusp-interval-set.h"
#include "cusp-data.h"

static guint
add (CuspIntervalSet *set,
     CuspTime         start,
     CuspTime         stop,
     const char      *id)
{
  g_autoptr(GError) error = NULL;
  guint index = cusp_interval_set_add (set, start, stop, NAN, id, &error);

  g_assert_no_error (error);

  return index;
}

static void
assert_interval (const CuspIntervalSet *set,
                 guint                  i,
                 CuspTime               start,
                 CuspTime               stop,
                 const char            *id)
{
  const CuspInterval *interval = cusp_interval_set_get (set, i);

  g_assert_cmpint (interval->start, ==, start);
  g_assert_cmpint (interval->stop, ==, stop);
  g_assert_cmpstr (interval->id, ==, id);
}

static void
test_add_order (void)
{
  g_autoptr(CuspIntervalSet) set = cusp_interval_set_new ("selections");

  g_assert_cmpstr (set->name, ==, "selections");
  g_assert_cmpuint (cusp_interval_set_size (set), ==, 0);

  g_assert_cmpuint (add (set, 30, 40, "c"), ==, 0);
  g_assert_cmpuint (add (set, 10, 20, "a"), ==, 0);
  g_assert_cmpuint (add (set, 10, 15, "s"), ==, 0);
  /* Equal (start, stop): after the existing one. */
  g_assert_cmpuint (add (set, 10, 20, "b"), ==, 2);
  g_assert_cmpuint (add (set, 50, 60, NULL), ==, 4);

  g_assert_cmpuint (cusp_interval_set_size (set), ==, 5);
  assert_interval (set, 0, 10, 15, "s");
  assert_interval (set, 1, 10, 20, "a");
  assert_interval (set, 2, 10, 20, "b");
  assert_interval (set, 3, 30, 40, "c");
  assert_interval (set, 4, 50, 60, NULL);
  g_assert_true (isnan (cusp_interval_set_get (set, 0)->fom));
  g_assert_null (cusp_interval_set_get (set, 0)->attributes);

  cusp_interval_set_remove (set, 1);
  g_assert_cmpuint (cusp_interval_set_size (set), ==, 4);
  assert_interval (set, 1, 10, 20, "b");

  cusp_interval_set_clear (set);
  g_assert_cmpuint (cusp_interval_set_size (set), ==, 0);
}

static void
test_add_invalid (void)
{
  g_autoptr(CuspIntervalSet) set = cusp_interval_set_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (cusp_interval_set_add (set, 20, 10, 1, NULL, &error), ==, G_MAXUINT);
  g_assert_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpuint (cusp_interval_set_add (set, 20, 20, 1, NULL, &error), ==, G_MAXUINT);
  g_assert_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_INVALID);
  g_assert_cmpuint (cusp_interval_set_size (set), ==, 0);

  /* One nanosecond is a valid interval. */
  g_assert_cmpuint (cusp_interval_set_add (set, 20, 21, 150, NULL, NULL), ==, 0);
  g_assert_cmpfloat (cusp_interval_set_get (set, 0)->fom, ==, 150);
}

static void
test_attributes (void)
{
  g_autoptr(CuspIntervalSet) set = cusp_interval_set_new (NULL);
  const CuspInterval *interval;
  const CuspAttribute *a;

  add (set, 0, 10, "seg");
  cusp_interval_set_set_string (set, 0, "discussion", "bow shock crossing");
  cusp_interval_set_set_int (set, 0, "status", 3);
  cusp_interval_set_set_double (set, 0, "rating", 4.5);
  cusp_interval_set_set_time (set, 0, "created", 123456789);
  interval = cusp_interval_set_get (set, 0);

  g_assert_cmpuint (interval->attributes->len, ==, 4);
  g_assert_cmpstr (cusp_interval_get_string (interval, "discussion"), ==, "bow shock crossing");
  a = cusp_interval_get_attribute (interval, "status");
  g_assert_cmpint (a->type, ==, CUSP_ATTRIBUTE_INT);
  g_assert_cmpint (a->v.i, ==, 3);
  a = cusp_interval_get_attribute (interval, "rating");
  g_assert_cmpint (a->type, ==, CUSP_ATTRIBUTE_DOUBLE);
  g_assert_cmpfloat (a->v.d, ==, 4.5);
  a = cusp_interval_get_attribute (interval, "created");
  g_assert_cmpint (a->type, ==, CUSP_ATTRIBUTE_TIME);
  g_assert_cmpint (a->v.t, ==, 123456789);
  g_assert_null (cusp_interval_get_attribute (interval, "missing"));
  /* Not a string attribute. */
  g_assert_null (cusp_interval_get_string (interval, "status"));

  /* Replace keeps one attribute of that name, with the new type. */
  cusp_interval_set_set_string (set, 0, "discussion", "magnetopause");
  cusp_interval_set_set_string (set, 0, "status", "pending");
  cusp_interval_set_set_int (set, 0, "discussion", 7);
  g_assert_cmpuint (interval->attributes->len, ==, 4);
  g_assert_cmpstr (cusp_interval_get_string (interval, "status"), ==, "pending");
  a = cusp_interval_get_attribute (interval, "discussion");
  g_assert_cmpint (a->type, ==, CUSP_ATTRIBUTE_INT);
  g_assert_cmpint (a->v.i, ==, 7);

  cusp_interval_set_set_string (set, 0, "empty", NULL);
  g_assert_null (cusp_interval_get_string (interval, "empty"));
  g_assert_nonnull (cusp_interval_get_attribute (interval, "empty"));
}

static void
assert_overlapping (const CuspIntervalSet *set,
                    CuspTime               start,
                    CuspTime               stop,
                    guint                  first,
                    guint                  last)
{
  guint f = 99, l = 99;

  cusp_interval_set_overlapping (set, start, stop, &f, &l);
  g_assert_cmpuint (f, ==, first);
  g_assert_cmpuint (l, ==, last);
}

static void
test_overlapping_short (void)
{
  g_autoptr(CuspIntervalSet) set = cusp_interval_set_new (NULL);

  add (set, 10, 20, NULL);
  add (set, 30, 40, NULL);
  add (set, 50, 60, NULL);

  assert_overlapping (set, 35, 55, 1, 3);
  assert_overlapping (set, 0, 100, 0, 3);
  /* Touching ends do not overlap: stops are exclusive. */
  assert_overlapping (set, 40, 50, 2, 2);
  assert_overlapping (set, 20, 30, 1, 1);
  assert_overlapping (set, 19, 31, 0, 2);
  /* Before, after, empty and reversed queries. */
  assert_overlapping (set, 0, 10, 0, 0);
  assert_overlapping (set, 60, 70, 3, 3);
  assert_overlapping (set, 35, 35, 0, 0);
  assert_overlapping (set, 35, 30, 0, 0);
}

static void
test_overlapping_long (void)
{
  g_autoptr(CuspIntervalSet) set = cusp_interval_set_new (NULL);
  g_autoptr(CuspIntervalSet) slice = NULL;

  /* 0: [0,100) covers 1: [10,20), 2: [30,40), 3: [50,60); 4: [120,130). */
  add (set, 0, 100, "long");
  add (set, 10, 20, "a");
  add (set, 30, 40, "b");
  add (set, 50, 60, "c");
  add (set, 120, 130, "d");

  /* The range starts at the long interval; [10,20) inside it does not
   * overlap and the slice leaves it out. */
  assert_overlapping (set, 35, 55, 0, 4);
  slice = cusp_interval_set_slice (set, 35, 55);
  g_assert_cmpuint (cusp_interval_set_size (slice), ==, 3);
  assert_interval (slice, 0, 0, 100, "long");
  assert_interval (slice, 1, 30, 40, "b");
  assert_interval (slice, 2, 50, 60, "c");
  g_clear_pointer (&slice, cusp_interval_set_unref);

  /* Only the long one, near its end. */
  slice = cusp_interval_set_slice (set, 99, 100);
  g_assert_cmpuint (cusp_interval_set_size (slice), ==, 1);
  assert_interval (slice, 0, 0, 100, "long");
  g_clear_pointer (&slice, cusp_interval_set_unref);

  /* Between the long one's end and d's start. */
  assert_overlapping (set, 100, 120, 4, 4);
  slice = cusp_interval_set_slice (set, 100, 120);
  g_assert_cmpuint (cusp_interval_set_size (slice), ==, 0);

  assert_overlapping (set, 125, 200, 4, 5);
  assert_overlapping (set, -10, 0, 0, 0);
}

static void
test_copy (void)
{
  g_autoptr(CuspIntervalSet) set = cusp_interval_set_new ("events");
  g_autoptr(CuspIntervalSet) copy = NULL;

  add (set, 0, 10, "e1");
  cusp_interval_set_set_string (set, 0, "tag", "shock");
  copy = cusp_interval_set_copy (set);

  g_assert_cmpstr (copy->name, ==, "events");
  g_assert_cmpuint (cusp_interval_set_size (copy), ==, 1);
  g_assert_true (cusp_interval_set_get (copy, 0)->id != cusp_interval_set_get (set, 0)->id);
  cusp_interval_set_set_string (copy, 0, "tag", "changed");
  g_assert_cmpstr (cusp_interval_get_string (cusp_interval_set_get (set, 0), "tag"), ==, "shock");
  g_assert_cmpstr (cusp_interval_get_string (cusp_interval_set_get (copy, 0), "tag"), ==, "changed");
}

static void
test_move (void)
{
  g_autoptr(CuspIntervalSet) set = cusp_interval_set_new (NULL);
  g_autoptr(GError) error = NULL;

  add (set, 10, 20, "a");
  add (set, 30, 40, "b");
  cusp_interval_set_get (set, 1)->fom = 99;
  cusp_interval_set_set_string (set, 1, "discussion", "kept");

  g_assert_cmpuint (cusp_interval_set_move (set, 1, 1, 2, &error), ==, 0);
  g_assert_no_error (error);
  assert_interval (set, 0, 1, 2, "b");
  assert_interval (set, 1, 10, 20, "a");
  g_assert_cmpfloat (cusp_interval_set_get (set, 0)->fom, ==, 99);
  g_assert_cmpstr (cusp_interval_get_string (cusp_interval_set_get (set, 0), "discussion"), ==, "kept");

  g_assert_cmpuint (cusp_interval_set_move (set, 0, 5, 5, &error), ==, G_MAXUINT);
  g_assert_error (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_INVALID);
  assert_interval (set, 0, 1, 2, "b");
}

static void
test_merge (void)
{
  g_autoptr(CuspIntervalSet) a = cusp_interval_set_new (NULL);
  g_autoptr(CuspIntervalSet) b = cusp_interval_set_new ("catalog");
  g_autoptr(CuspIntervalSet) c = cusp_interval_set_new ("other");
  g_autoptr(CuspIntervalSet) m = NULL;
  g_autoptr(CuspIntervalSet) none = cusp_interval_set_merge (NULL, 0);
  CuspIntervalSet *fragments[] = { a, b, c };

  add (a, 10, 20, "x");
  add (a, 30, 40, "y");
  cusp_interval_set_set_string (a, 0, "tag", "from a");
  add (b, 10, 20, "x");      /* identical: kept once */
  add (b, 10, 20, "z");      /* same times, other id: kept */
  add (b, 5, 8, NULL);
  add (c, 5, 8, NULL);       /* identical with NULL ids */
  add (c, 30, 41, "y");      /* other stop: kept */

  m = cusp_interval_set_merge (fragments, 3);
  g_assert_cmpstr (m->name, ==, "catalog");
  g_assert_cmpuint (cusp_interval_set_size (m), ==, 5);
  assert_interval (m, 0, 5, 8, NULL);
  assert_interval (m, 1, 10, 20, "x");
  assert_interval (m, 2, 10, 20, "z");
  assert_interval (m, 3, 30, 40, "y");
  assert_interval (m, 4, 30, 41, "y");
  /* The first copy wins and keeps its attributes. */
  g_assert_cmpstr (cusp_interval_get_string (cusp_interval_set_get (m, 1), "tag"), ==, "from a");

  g_assert_cmpuint (cusp_interval_set_size (none), ==, 0);
}

static void
test_refcount (void)
{
  CuspIntervalSet *set = cusp_interval_set_new ("x");
  CuspIntervalSet *boxed = g_boxed_copy (CUSP_TYPE_INTERVAL_SET, set);

  g_assert_true (boxed == set);
  add (set, 0, 1, "a");
  cusp_interval_set_set_double (set, 0, "d", 1);
  g_boxed_free (CUSP_TYPE_INTERVAL_SET, boxed);
  g_assert_cmpuint (cusp_interval_set_size (set), ==, 1);
  cusp_interval_set_unref (set);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/interval-set/add-order", test_add_order);
  g_test_add_func ("/cusp/interval-set/add-invalid", test_add_invalid);
  g_test_add_func ("/cusp/interval-set/attributes", test_attributes);
  g_test_add_func ("/cusp/interval-set/overlapping-short", test_overlapping_short);
  g_test_add_func ("/cusp/interval-set/overlapping-long", test_overlapping_long);
  g_test_add_func ("/cusp/interval-set/copy", test_copy);
  g_test_add_func ("/cusp/interval-set/move", test_move);
  g_test_add_func ("/cusp/interval-set/merge", test_merge);
  g_test_add_func ("/cusp/interval-set/refcount", test_refcount);

  return g_test_run ();
}
