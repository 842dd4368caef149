/* Tests for the editing arithmetic of the selection lanes
 * (core/cusp-selection-edit.h).
 *
 * The view shows the ABS window [W0, W0 + 3600) from x0 = 100 px, 3600 px
 * wide: one pixel per second, so a segment [W0 + a, W0 + b) spans x from
 * 100 + a to 100 + b.  W0 is a buffer start (grid origin). */
#include "config.h"

#include <math.h>
#include <glib.h>

#include "cusp-selection-edit.h"

#define W0 G_GINT64_CONSTANT (1819800036)

static CuspBurstSegment
seg (gint64 a,
     gint64 b)
{
  CuspBurstSegment s;

  cusp_burst_segment_init (&s);
  s.start = W0 + a;
  s.stop = W0 + b;
  s.fom = 50;
  return s;
}

static CuspSelectionHit
hit (const CuspBurstSegment *segs,
     guint                   n,
     double                  x,
     int                    *index)
{
  return cusp_selection_hit_test (segs, n, cusp_time_from_tai_seconds (W0),
                                  cusp_time_from_tai_seconds (W0 + 3600), 100.0, 3600.0, x,
                                  CUSP_SELECTION_EDGE_TOLERANCE, index);
}

static void
test_hit (void)
{
  /* A x 200-260, B x 700-1300, C (one buffer) x 2100-2110, D and E
   * adjacent at x 3150. */
  CuspBurstSegment segs[] = { seg (100, 160), seg (600, 1200), seg (2000, 2010),
                              seg (3000, 3050), seg (3050, 3100) };
  int i = 99;

  g_assert_cmpint (hit (segs, 5, 150, &i), ==, CUSP_SELECTION_HIT_NONE);
  g_assert_cmpint (i, ==, -1);
  g_assert_cmpint (hit (segs, 5, 230, &i), ==, CUSP_SELECTION_HIT_BODY);
  g_assert_cmpint (i, ==, 0);
  g_assert_cmpint (hit (segs, 5, 197, &i), ==, CUSP_SELECTION_HIT_START);
  g_assert_cmpint (i, ==, 0);
  g_assert_cmpint (hit (segs, 5, 203, &i), ==, CUSP_SELECTION_HIT_START);
  g_assert_cmpint (hit (segs, 5, 262, &i), ==, CUSP_SELECTION_HIT_STOP);
  g_assert_cmpint (i, ==, 0);
  g_assert_cmpint (hit (segs, 5, 1000, &i), ==, CUSP_SELECTION_HIT_BODY);
  g_assert_cmpint (i, ==, 1);
  g_assert_cmpint (hit (segs, 5, 1304, &i), ==, CUSP_SELECTION_HIT_STOP);
  g_assert_cmpint (i, ==, 1);
  g_assert_cmpint (hit (segs, 5, 1306, &i), ==, CUSP_SELECTION_HIT_NONE);
  /* 10 px wide: edges reach 10/3 px inside, the middle is body. */
  g_assert_cmpint (hit (segs, 5, 2105, &i), ==, CUSP_SELECTION_HIT_BODY);
  g_assert_cmpint (i, ==, 2);
  g_assert_cmpint (hit (segs, 5, 2102, &i), ==, CUSP_SELECTION_HIT_START);
  g_assert_cmpint (hit (segs, 5, 2108, &i), ==, CUSP_SELECTION_HIT_STOP);
  /* Adjacent: the segment the pointer is in owns the shared edge. */
  g_assert_cmpint (hit (segs, 5, 3149, &i), ==, CUSP_SELECTION_HIT_STOP);
  g_assert_cmpint (i, ==, 3);
  g_assert_cmpint (hit (segs, 5, 3151, &i), ==, CUSP_SELECTION_HIT_START);
  g_assert_cmpint (i, ==, 4);
  /* Nothing to hit. */
  g_assert_cmpint (hit (NULL, 0, 500, &i), ==, CUSP_SELECTION_HIT_NONE);
  g_assert_cmpint (i, ==, -1);
}

static void
drag (CuspSelection    *sel,
      CuspSelectionHit  h,
      gint64            a,
      gint64            b,
      gint64            press,
      gint64            now,
      gint64            want_a,
      gint64            want_b)
{
  gint64 s = 0, e = 0;

  cusp_selection_drag_times (sel, h, W0 + a, W0 + b, W0 + press, W0 + now, &s, &e);
  g_assert_cmpint (s - W0, ==, want_a);
  g_assert_cmpint (e - W0, ==, want_b);
}

static void
test_drag (void)
{
  g_autoptr (CuspSelection) sel = cusp_selection_new (W0, W0 + 3600, W0, 300);

  /* New: both ends to the nearest buffer (104 → 100, 236 → 240), either
   * direction; a tiny drag still makes one buffer; held in the window. */
  drag (sel, CUSP_SELECTION_HIT_NONE, 0, 0, 104, 236, 100, 240);
  drag (sel, CUSP_SELECTION_HIT_NONE, 0, 0, 236, 104, 100, 240);
  drag (sel, CUSP_SELECTION_HIT_NONE, 0, 0, 104, 103, 100, 110);
  drag (sel, CUSP_SELECTION_HIT_NONE, 0, 0, 3595, 3700, 3590, 3600);
  drag (sel, CUSP_SELECTION_HIT_NONE, 0, 0, -50, 12, 0, 10);
  /* Move [100, 160): +27 s → +30, -14 → -10, +5 (a tie) → 0, -5 → -10. */
  drag (sel, CUSP_SELECTION_HIT_BODY, 100, 160, 1000, 1027, 130, 190);
  drag (sel, CUSP_SELECTION_HIT_BODY, 100, 160, 1000, 986, 90, 150);
  drag (sel, CUSP_SELECTION_HIT_BODY, 100, 160, 1000, 1005, 100, 160);
  drag (sel, CUSP_SELECTION_HIT_BODY, 100, 160, 1000, 995, 90, 150);
  drag (sel, CUSP_SELECTION_HIT_BODY, 100, 160, 1000, -99000, 0, 60);
  drag (sel, CUSP_SELECTION_HIT_BODY, 100, 160, 0, 99000, 3540, 3600);
  /* Resize [600, 1200). */
  drag (sel, CUSP_SELECTION_HIT_START, 600, 1200, 600, 633, 630, 1200);
  drag (sel, CUSP_SELECTION_HIT_START, 600, 1200, 600, 1300, 1190, 1200);
  drag (sel, CUSP_SELECTION_HIT_START, 600, 1200, 600, -40, 0, 1200);
  drag (sel, CUSP_SELECTION_HIT_STOP, 600, 1200, 1200, 1153, 600, 1150);
  drag (sel, CUSP_SELECTION_HIT_STOP, 600, 1200, 1200, 100, 600, 610);
  drag (sel, CUSP_SELECTION_HIT_STOP, 600, 1200, 1200, 9000, 600, 3600);
}

static void
test_fom (void)
{
  CuspValidationLimits limits;

  cusp_validation_limits_init (&limits);
  g_assert_cmpfloat (cusp_selection_clamp_fom (1.0), ==, 2.0);
  g_assert_cmpfloat (cusp_selection_clamp_fom (-7.0), ==, 2.0);
  g_assert_cmpfloat (cusp_selection_clamp_fom (300.0), ==, 255.0);
  g_assert_cmpfloat (cusp_selection_clamp_fom (120.5), ==, 120.5);
  g_assert_cmpfloat (cusp_selection_clamp_fom (NAN), ==, 40.0);
  g_assert_cmpfloat (cusp_selection_preset_fom (0), ==, 200.0);
  g_assert_cmpfloat (cusp_selection_preset_fom (1), ==, 150.0);
  g_assert_cmpfloat (cusp_selection_preset_fom (2), ==, 100.0);
  g_assert_cmpfloat (cusp_selection_preset_fom (3), ==, 50.0);
  g_assert_cmpfloat (cusp_selection_preset_fom (4), ==, 25.0);
  g_assert_true (isnan (cusp_selection_preset_fom (5)));
  g_assert_true (isnan (cusp_selection_preset_fom (-1)));
  /* Category bounds (eva_sitl.md §3): 0 [200,256) … 4 [0,50). */
  for (int c = 0; c < 5; c++)
    g_assert_cmpint (cusp_fom_category (cusp_selection_preset_fom (c), &limits), ==, c);
}

static void
test_buffers (void)
{
  /* Target 300, max 1000: warning = 300 + 0.2 × 700 = 440. */
  g_assert_cmpfloat (cusp_selection_warning_buffers (300, 1000), ==, 440.0);
  g_assert_cmpint (cusp_selection_buffer_level (0, 300, 1000), ==, CUSP_BUFFER_LEVEL_OK);
  g_assert_cmpint (cusp_selection_buffer_level (440, 300, 1000), ==, CUSP_BUFFER_LEVEL_OK);
  g_assert_cmpint (cusp_selection_buffer_level (441, 300, 1000), ==, CUSP_BUFFER_LEVEL_WARNING);
  g_assert_cmpint (cusp_selection_buffer_level (1000, 300, 1000), ==, CUSP_BUFFER_LEVEL_WARNING);
  g_assert_cmpint (cusp_selection_buffer_level (1001, 300, 1000), ==, CUSP_BUFFER_LEVEL_OVER);
  /* Target at the maximum: the warning mark is the maximum. */
  g_assert_cmpfloat (cusp_selection_warning_buffers (1000, 1000), ==, 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/selection-edit/hit", test_hit);
  g_test_add_func ("/cusp/selection-edit/drag", test_drag);
  g_test_add_func ("/cusp/selection-edit/fom", test_fom);
  g_test_add_func ("/cusp/selection-edit/buffers", test_buffers);

  return g_test_run ();
}
