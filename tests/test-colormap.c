#include "config.h"

#include <math.h>

#include "cusp-colormap.h"

static void
assert_entry (const CuspColormap *map,
              guint               index,
              double              r,
              double              g,
              double              b)
{
  double rgb[3];

  cusp_colormap_get_entry (map, index, rgb);
  g_assert_cmpfloat_with_epsilon (rgb[0], r, 1e-9);
  g_assert_cmpfloat_with_epsilon (rgb[1], g, 1e-9);
  g_assert_cmpfloat_with_epsilon (rgb[2], b, 1e-9);
}

static void
assert_rgba (const CuspColormap *map,
             double              v,
             double              vmin,
             double              vmax,
             gboolean            log,
             guint8              r,
             guint8              g,
             guint8              b,
             guint8              a)
{
  guint8 rgba[4] = { 1, 2, 3, 4 };

  cusp_colormap_map (map, v, vmin, vmax, log, rgba);
  g_assert_cmpuint (rgba[0], ==, r);
  g_assert_cmpuint (rgba[1], ==, g);
  g_assert_cmpuint (rgba[2], ==, b);
  g_assert_cmpuint (rgba[3], ==, a);
}

/* matplotlib _viridis_data rows 0, 64, 128, 192, 255 (the brief's anchors
 * and the first two rows). */
static void
test_viridis_table (void)
{
  const CuspColormap *map = cusp_colormap_get_by_name ("viridis");

  g_assert_nonnull (map);
  g_assert_cmpstr (cusp_colormap_get_name (map), ==, "viridis");
  assert_entry (map, 0, 0.267004, 0.004874, 0.329415);
  assert_entry (map, 1, 0.268510, 0.009605, 0.335427);
  assert_entry (map, 128, 0.127568, 0.566949, 0.550556);
  assert_entry (map, 255, 0.993248, 0.906157, 0.143936);
}

/* The widely published 5-stop viridis hex codes #440154 #3b528b #21918c
 * #5ec962 #fde725 are viridis(0, .25, .5, .75, 1) in 8 bits. */
static void
test_viridis_map (void)
{
  const CuspColormap *map = cusp_colormap_get_default ();

  g_assert_cmpstr (cusp_colormap_get_name (map), ==, "viridis");
  assert_rgba (map, 0.0, 0, 1, FALSE, 0x44, 0x01, 0x54, 255);
  assert_rgba (map, 0.25, 0, 1, FALSE, 0x3b, 0x52, 0x8b, 255);
  assert_rgba (map, 0.5, 0, 1, FALSE, 0x21, 0x91, 0x8c, 255);
  assert_rgba (map, 0.75, 0, 1, FALSE, 0x5e, 0xc9, 0x62, 255);
  assert_rgba (map, 1.0, 0, 1, FALSE, 0xfd, 0xe7, 0x25, 255);

  /* a different range: 30 in [10, 50] is half way */
  assert_rgba (map, 30, 10, 50, FALSE, 0x21, 0x91, 0x8c, 255);
  /* clamped */
  assert_rgba (map, -5, 0, 1, FALSE, 0x44, 0x01, 0x54, 255);
  assert_rgba (map, 7, 0, 1, FALSE, 0xfd, 0xe7, 0x25, 255);
  assert_rgba (map, INFINITY, 0, 1, FALSE, 0xfd, 0xe7, 0x25, 255);
  assert_rgba (map, -INFINITY, 0, 1, FALSE, 0x44, 0x01, 0x54, 255);
  /* NaN is transparent */
  assert_rgba (map, NAN, 0, 1, FALSE, 0, 0, 0, 0);
  assert_rgba (map, NAN, 1, 100, TRUE, 0, 0, 0, 0);
}

static void
test_log (void)
{
  const CuspColormap *map = cusp_colormap_get_by_name ("viridis");

  /* log10: 10 is half way between 1 and 100; 1e3 a quarter of 1..1e12 */
  assert_rgba (map, 10, 1, 100, TRUE, 0x21, 0x91, 0x8c, 255);
  assert_rgba (map, 1e3, 1, 1e12, TRUE, 0x3b, 0x52, 0x8b, 255);
  assert_rgba (map, 100, 1, 100, TRUE, 0xfd, 0xe7, 0x25, 255);
  /* zero and negatives are below any log range */
  assert_rgba (map, 0, 1, 100, TRUE, 0x44, 0x01, 0x54, 255);
  assert_rgba (map, -3, 1, 100, TRUE, 0x44, 0x01, 0x54, 255);
  /* linearly 10 in [1, 100] is at 0.09: row 23, not the middle */
  {
    guint8 rgba[4];

    cusp_colormap_map (map, 10, 1, 100, FALSE, rgba);
    g_assert_cmpuint (rgba[0], ==, (guint8) lround (0.283072 * 255));
    g_assert_cmpuint (rgba[1], ==, (guint8) lround (0.130895 * 255));
    g_assert_cmpuint (rgba[2], ==, (guint8) lround (0.449241 * 255));
  }
}

static void
test_degenerate_range (void)
{
  const CuspColormap *map = cusp_colormap_get_default ();

  /* documented: the middle colour (row 128) */
  assert_rgba (map, 3, 3, 3, FALSE, 0x21, 0x91, 0x8c, 255);
  assert_rgba (map, 3, 5, 1, FALSE, 0x21, 0x91, 0x8c, 255);
  assert_rgba (map, 3, NAN, 1, FALSE, 0x21, 0x91, 0x8c, 255);
  assert_rgba (map, 3, 0, 10, TRUE, 0x21, 0x91, 0x8c, 255);
  assert_rgba (map, NAN, 3, 3, FALSE, 0, 0, 0, 0);
}

/* MATLAB jet(256) from its definition, by hand: n = 64,
 * u = [1/64 .. 64/64, 1 × 63, 64/64 .. 1/64] (191 values); green rows
 * 33..223 take u(1..191), red rows 97..256 take u(1..160), blue rows
 * 1..159 take u(33..191).  Rows below are 1-based, entries 0-based. */
static void
test_jet (void)
{
  const CuspColormap *map = cusp_colormap_get_by_name ("jet");

  g_assert_nonnull (map);
  assert_entry (map, 0, 0, 0, 33.0 / 64);           /* row 1: blue u(33) */
  assert_entry (map, 31, 0, 0, 1);                  /* row 32: u(64) */
  assert_entry (map, 32, 0, 1.0 / 64, 1);           /* row 33: green starts */
  assert_entry (map, 95, 0, 1, 1);                  /* row 96: cyan */
  assert_entry (map, 96, 1.0 / 64, 1, 63.0 / 64);   /* row 97: red starts */
  assert_entry (map, 127, 0.5, 1, 0.5);             /* row 128 */
  assert_entry (map, 159, 1, 1, 0);                 /* row 160: yellow */
  assert_entry (map, 160, 1, 63.0 / 64, 0);
  assert_entry (map, 223, 1, 0, 0);                 /* row 224: red */
  assert_entry (map, 255, 0.5, 0, 0);               /* row 256: dark red */

  /* 8-bit: 33/64·255 = 131.48 → 131 */
  assert_rgba (map, 0, 0, 1, FALSE, 0, 0, 131, 255);
  assert_rgba (map, 1, 0, 1, FALSE, 128, 0, 0, 255);
}

static void
test_names (void)
{
  const char *const *names = cusp_colormap_list_names ();

  g_assert_cmpstr (names[0], ==, "viridis");
  g_assert_cmpstr (names[1], ==, "jet");
  g_assert_null (names[2]);
  g_assert_null (cusp_colormap_get_by_name ("no-such-map"));
  g_assert_null (cusp_colormap_get_by_name ("Viridis"));
  g_assert_true (cusp_colormap_get_by_name ("viridis") == cusp_colormap_get_default ());
}

static void
assert_category (guint  index,
                 guint8 r,
                 guint8 g,
                 guint8 b)
{
  guint8 rgb[3];

  cusp_colormap_category_colour (index, rgb);
  g_assert_cmpuint (rgb[0], ==, r);
  g_assert_cmpuint (rgb[1], ==, g);
  g_assert_cmpuint (rgb[2], ==, b);
}

/* Tableau 10: #4e79a7 #f28e2b … #bab0ac, then again from the first. */
static void
test_categories (void)
{
  assert_category (0, 0x4e, 0x79, 0xa7);
  assert_category (1, 0xf2, 0x8e, 0x2b);
  assert_category (2, 0xe1, 0x57, 0x59);
  assert_category (9, 0xba, 0xb0, 0xac);
  assert_category (10, 0x4e, 0x79, 0xa7);
  assert_category (21, 0xf2, 0x8e, 0x2b);
}

static void
assert_dark (guint8   r,
             guint8   g,
             guint8   b,
             gboolean dark)
{
  guint8 rgb[3] = { r, g, b };

  g_assert_cmpint (cusp_colormap_prefers_dark_text (rgb), ==, dark);
}

/* WCAG: dark text when L >= sqrt(1.05 · 0.05) - 0.05 = 0.17913.  Grey
 * 118: (118/255 + 0.055)/1.055 = 0.49072, ^2.4 = 0.1812 (dark); grey 117:
 * 0.48700^2.4 = 0.1779 (white).  Pure red has L = 0.2126 (dark), pure
 * blue 0.0722 (white). */
static void
test_text_contrast (void)
{
  assert_dark (255, 255, 255, TRUE);
  assert_dark (0, 0, 0, FALSE);
  assert_dark (118, 118, 118, TRUE);
  assert_dark (117, 117, 117, FALSE);
  assert_dark (255, 0, 0, TRUE);
  assert_dark (0, 0, 255, FALSE);
  /* Below the linear toe (4/255 < 0.04045): L = 4/255/12.92, white. */
  assert_dark (4, 4, 4, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/colormap/viridis-table", test_viridis_table);
  g_test_add_func ("/cusp/colormap/viridis-map", test_viridis_map);
  g_test_add_func ("/cusp/colormap/log", test_log);
  g_test_add_func ("/cusp/colormap/degenerate-range", test_degenerate_range);
  g_test_add_func ("/cusp/colormap/jet", test_jet);
  g_test_add_func ("/cusp/colormap/names", test_names);
  g_test_add_func ("/cusp/colormap/categories", test_categories);
  g_test_add_func ("/cusp/colormap/text-contrast", test_text_contrast);

  return g_test_run ();
}
