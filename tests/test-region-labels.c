/* test-region-labels.c: class names, one-hot, argmax, slice, merge */
#include "config.h"

#include <math.h>

#include "cusp-region-labels.h"
#include "cusp-data.h"

static void
test_names (void)
{
  /* Order and names from FORMATS.md "Region classes". */
  static const char *abbrevs[] = { "SW", "FS", "BS", "MSH", "MP", "BL", "MSP", "PS", "PSBL", "LOBE" };
  static const char *names[] = {
    "solar wind", "ion foreshock", "bow shock", "magnetosheath", "magnetopause",
    "boundary layer", "magnetosphere", "plasma sheet", "plasma sheet boundary layer", "lobe",
  };

  g_assert_cmpint (CUSP_N_REGIONS, ==, 10);
  for (guint i = 0; i < CUSP_N_REGIONS; i++)
    {
      g_assert_cmpstr (cusp_region_get_abbrev (i), ==, abbrevs[i]);
      g_assert_cmpstr (cusp_region_get_name (i), ==, names[i]);
    }
  g_assert_cmpstr (cusp_region_get_abbrev (CUSP_REGION_MSH), ==, "MSH");
}

static void
test_one_hot (void)
{
  g_autoptr(CuspRegionLabels) l = cusp_region_labels_new (2);

  g_assert_cmpuint (l->n_classes, ==, CUSP_N_REGIONS);
  cusp_region_labels_set_class (l, 1, CUSP_REGION_MP);
  for (guint j = 0; j < CUSP_N_REGIONS; j++)
    {
      g_assert_cmpfloat (l->probabilities[j], ==, 0.0f);
      g_assert_cmpfloat (l->probabilities[10 + j], ==, j == 4 ? 1.0f : 0.0f);
    }
  g_assert_cmpint (cusp_region_labels_argmax (l, 1), ==, CUSP_REGION_MP);

  /* Re-setting clears the previous class. */
  cusp_region_labels_set_class (l, 1, CUSP_REGION_LOBE);
  g_assert_cmpfloat (l->probabilities[14], ==, 0.0f);
  g_assert_cmpfloat (l->probabilities[19], ==, 1.0f);
  g_assert_cmpint (cusp_region_labels_argmax (l, 1), ==, CUSP_REGION_LOBE);
}

static void
test_argmax (void)
{
  g_autoptr(CuspRegionLabels) l = cusp_region_labels_new (4);
  float *p = l->probabilities;

  /* Row 0: tie between FS and BS at 0.4: the lower index wins. */
  p[0] = 0.2f; p[1] = 0.4f; p[2] = 0.4f;
  /* Row 1: all zero: SW. */
  /* Row 2: NaN first, MSH largest. */
  p[20] = NAN; p[21] = 0.1f; p[23] = 0.7f;
  /* Row 3: all NaN. */
  for (guint j = 0; j < 10; j++)
    p[30 + j] = NAN;

  g_assert_cmpint (cusp_region_labels_argmax (l, 0), ==, CUSP_REGION_FS);
  g_assert_cmpint (cusp_region_labels_argmax (l, 1), ==, CUSP_REGION_SW);
  g_assert_cmpint (cusp_region_labels_argmax (l, 2), ==, CUSP_REGION_MSH);
  g_assert_cmpint (cusp_region_labels_argmax (l, 3), ==, CUSP_REGION_SW);
}

static CuspRegionLabels *
make_labels (const CuspTime   *times,
             const CuspRegion *classes,
             guint             n)
{
  CuspRegionLabels *l = cusp_region_labels_new (n);

  for (guint i = 0; i < n; i++)
    {
      l->times[i] = times[i];
      cusp_region_labels_set_class (l, i, classes[i]);
    }

  return l;
}

static void
assert_labels (const CuspRegionLabels *l,
               const CuspTime         *times,
               const CuspRegion       *classes,
               guint                   n)
{
  g_assert_cmpuint (l->n_samples, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (l->times[i], ==, times[i]);
      g_assert_cmpint (cusp_region_labels_argmax (l, i), ==, classes[i]);
    }
}

static void
test_slice (void)
{
  g_autoptr(CuspRegionLabels) l = make_labels ((CuspTime[]) { 0, 10, 20 },
                                               (CuspRegion[]) { CUSP_REGION_SW, CUSP_REGION_BS, CUSP_REGION_MSH }, 3);
  g_autoptr(CuspRegionLabels) s = NULL;
  g_autoptr(CuspRegionLabels) none = NULL;

  cusp_region_labels_set_name (l, "truth");
  g_assert_cmpuint (cusp_region_labels_lower_bound (l, 10), ==, 1);
  g_assert_cmpuint (cusp_region_labels_lower_bound (l, 21), ==, 3);

  s = cusp_region_labels_slice (l, 10, 20);
  assert_labels (s, (CuspTime[]) { 10 }, (CuspRegion[]) { CUSP_REGION_BS }, 1);
  g_assert_cmpstr (s->name, ==, "truth");

  none = cusp_region_labels_slice (l, 21, 30);
  g_assert_cmpuint (none->n_samples, ==, 0);
}

static void
test_merge (void)
{
  g_autoptr(CuspRegionLabels) a = make_labels ((CuspTime[]) { 0, 10, 20, 30 },
                                               (CuspRegion[]) { CUSP_REGION_SW, CUSP_REGION_FS, CUSP_REGION_BS, CUSP_REGION_MSH }, 4);
  g_autoptr(CuspRegionLabels) b = make_labels ((CuspTime[]) { 10, 25 },
                                               (CuspRegion[]) { CUSP_REGION_PS, CUSP_REGION_LOBE }, 2);
  g_autoptr(CuspRegionLabels) m = NULL;
  g_autoptr(CuspRegionLabels) none = cusp_region_labels_merge (NULL, 0, NULL);
  g_autoptr(GError) error = NULL;
  CuspRegionLabels *fragments[] = { a, b };

  /* b's span [10, 25] replaces a's 10 and 20. */
  m = cusp_region_labels_merge (fragments, 2, &error);
  g_assert_no_error (error);
  assert_labels (m, (CuspTime[]) { 0, 10, 25, 30 },
                 (CuspRegion[]) { CUSP_REGION_SW, CUSP_REGION_PS, CUSP_REGION_LOBE, CUSP_REGION_MSH }, 4);
  g_assert_cmpuint (none->n_samples, ==, 0);
  g_assert_cmpuint (none->n_classes, ==, CUSP_N_REGIONS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/region-labels/names", test_names);
  g_test_add_func ("/cusp/region-labels/one-hot", test_one_hot);
  g_test_add_func ("/cusp/region-labels/argmax", test_argmax);
  g_test_add_func ("/cusp/region-labels/slice", test_slice);
  g_test_add_func ("/cusp/region-labels/merge", test_merge);

  return g_test_run ();
}
