/* test-lanes.c: the SITL selection lanes, the dashboard and their place
 * in the window.
 *
 * Geometry is checked against the layout documented in
 * cusp-plot-renderer.h and cusp-selection-lane.c: a lane w pixels wide
 * has its data rectangle from x = 84 (CUSP_PLOT_MARGIN_LEFT) to w - 118
 * (CUSP_PLOT_MARGIN_RIGHT), like the panels, and a FOM lane h pixels high
 * from y = 3 to h - 3 (the lane's own 3 px pads, thinner than the
 * panels'), FOM 0..255 bottom to top.  Times: W0 = 2015-09-01 12:00:00 UTC in TAI seconds (1819800036,
 * see test-selection.c); the ABS window is [W0, W0 + 3600).
 * Pointer handling goes through the private handler functions the
 * gestures call (synthetic events are impractical under GTK 4 tests).
 */
#define G_LOG_DOMAIN "test-lanes"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "cusp-application.h"
#include "cusp-plot-area.h"
#include "cusp-selection-dashboard.h"
#include "cusp-selection-io.h"
#include "cusp-selection-journal.h"
#include "cusp-selection-lane-private.h"
#include "cusp-window-private.h"
#include "cusp-test-util-gtk.h"

#define W0 G_GINT64_CONSTANT (1819800036)

static CuspApplication *app;
static char *data_dir;

/* ---- helpers --------------------------------------------------------------- */

static CuspBurstSegment
seg (gint64 a,
     gint64 b,
     double fom)
{
  CuspBurstSegment s;

  cusp_burst_segment_init (&s);
  s.start = W0 + a;
  s.stop = W0 + b;
  s.fom = fom;
  return s;
}

static void
on_message (CuspSelectionLane *lane,
            const char        *text,
            char             **out)
{
  g_free (*out);
  *out = g_strdup (text);
}

/* A lane in a window of its own, on [W0, W0 + 3600). */
typedef struct
{
  GtkWidget         *window;
  CuspSelectionLane *lane;
  CuspSelection     *selection;
  char              *message;
  double             width;
} LaneFixture;

static void
lane_set_up (LaneFixture   *f,
             gconstpointer  data)
{
  CuspBurstSegment one = seg (1800, 1860, 100);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 80);
  f->lane = CUSP_SELECTION_LANE (cusp_selection_lane_new ("SITL", CUSP_SELECTION_LANE_FOM));
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->lane));
  f->selection = cusp_selection_new (W0, W0 + 3600, W0, 30);
  cusp_selection_set_initial (f->selection, &one, 1);
  cusp_selection_lane_set_selection (f->lane, f->selection);
  cusp_selection_lane_set_range (f->lane, cusp_time_from_tai_seconds (W0), cusp_time_from_tai_seconds (W0 + 3600));
  g_signal_connect (f->lane, "message", G_CALLBACK (on_message), &f->message);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (cusp_test_wait_until (cusp_test_widget_is_shown, f->lane, 5000));
  f->width = gtk_widget_get_width (GTK_WIDGET (f->lane));
}

static void
lane_tear_down (LaneFixture   *f,
                gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_object_unref (f->selection);
  g_free (f->message);
}

/* Pixel of second t after W0 in the fixture's lane (hand layout). */
static double
px (LaneFixture *f,
    double       t)
{
  return 84.0 + (f->width - 84.0 - 118.0) * t / 3600.0;
}

static void
drag (LaneFixture *f,
      double       t_from,
      double       t_to)
{
  _cusp_selection_lane_press (f->lane, px (f, t_from), 30, 0);
  _cusp_selection_lane_motion (f->lane, px (f, t_to), 30);
  _cusp_selection_lane_release (f->lane, px (f, t_to), 30);
}

static void
assert_segment (CuspSelection *selection,
                guint          index,
                gint64         a,
                gint64         b,
                double         fom)
{
  const CuspBurstSegment *s = cusp_selection_get_segment (selection, index);

  g_assert_nonnull (s);
  g_assert_cmpint (s->start - W0, ==, a);
  g_assert_cmpint (s->stop - W0, ==, b);
  g_assert_cmpfloat (s->fom, ==, fom);
}

/* ---- geometry --------------------------------------------------------------- */

static void
test_geometry (void)
{
  GtkWidget *lane = cusp_selection_lane_new ("ABS", CUSP_SELECTION_LANE_FOM);
  g_autoptr (GArray) segments = cusp_burst_segment_array_new ();
  CuspBurstSegment s = seg (600, 1200, 120);
  cairo_surface_t *surface;
  cairo_t *cr;
  unsigned char *pixels;
  int stride;
  double x0, x1, y;

  g_object_ref_sink (lane);
  g_array_append_val (segments, s);
  cusp_selection_lane_set_segments (CUSP_SELECTION_LANE (lane), segments);
  cusp_selection_lane_set_range (CUSP_SELECTION_LANE (lane), cusp_time_from_tai_seconds (W0),
                                 cusp_time_from_tai_seconds (W0 + 3600));
  /* 1000 px: data from 84 to 882 (798 px); 600 s → 84 + 798/6 = 217,
   * 1200 s → 84 + 798/3 = 350. */
  g_assert_true (cusp_selection_lane_segment_x (CUSP_SELECTION_LANE (lane), 0, 1000, &x0, &x1));
  g_assert_cmpfloat_with_epsilon (x0, 217.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (x1, 350.0, 1e-6);
  g_assert_false (cusp_selection_lane_segment_x (CUSP_SELECTION_LANE (lane), 1, 1000, &x0, &x1));
  /* 36 px (the lane's natural height): data from y 3 to 33 (30 px); FOM
   * f at 33 - 30 f / 255. */
  g_assert_cmpfloat_with_epsilon (cusp_selection_lane_fom_y (0, 36), 33.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cusp_selection_lane_fom_y (255, 36), 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cusp_selection_lane_fom_y (100, 36), 33.0 - 3000.0 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cusp_selection_lane_fom_y (300, 36), 3.0, 1e-9);
  /* 62 px: data from y 3 to 59 (56 px). */
  g_assert_cmpfloat_with_epsilon (cusp_selection_lane_fom_y (0, 62), 59.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cusp_selection_lane_fom_y (255, 62), 3.0, 1e-9);
  {
    GtkWidget *bak = g_object_ref_sink (cusp_selection_lane_new ("BAK", CUSP_SELECTION_LANE_BAKSTR));
    int min_h, nat_h;

    /* The compact lanes: a FOM lane 34 px at least, 36 natural; BAK 12
     * and 14 (three FOM lanes and BAK: 3 × 36 + 14 = 122 px). */
    gtk_widget_measure (lane, GTK_ORIENTATION_VERTICAL, -1, &min_h, &nat_h, NULL, NULL);
    g_assert_cmpint (min_h, ==, 34);
    g_assert_cmpint (nat_h, ==, 36);
    gtk_widget_measure (bak, GTK_ORIENTATION_VERTICAL, -1, &min_h, &nat_h, NULL, NULL);
    g_assert_cmpint (min_h, ==, 12);
    g_assert_cmpint (nat_h, ==, 14);
    g_object_unref (bak);
  }

  /* Rendered at 36 px: the reference line at FOM 100 (y = 33 - 11.76 =
   * 21.24, drawn on row 21) is grey in an empty stretch; a 30 px data
   * height shows only the 100 and 200 lines, so the FOM 50 row
   * (floor (33 - 5.88) = 27) stays white there.  The box-car (FOM 120:
   * from y = 33 - 14.12 = 18.88 down to 33) is coloured inside, row 30,
   * and white just outside it and above it (row 12: the FOM 200 line is
   * on row 9, FOM 150 has no line). */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1000, 36);
  cr = cairo_create (surface);
  cusp_selection_lane_draw (CUSP_SELECTION_LANE (lane), cr, 1000, 36);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  y = floor (cusp_selection_lane_fom_y (100, 36));
  g_assert_cmpfloat (y, ==, 21.0);
#define PIXEL(x, y) (*(guint32 *) (gpointer) (pixels + (int) (y) * stride + 4 * (int) (x)) & 0xffffff)
  g_assert_cmpuint (PIXEL (600, y), !=, 0xffffff);
  g_assert_cmpuint (PIXEL (600, y + 3), ==, 0xffffff);
  g_assert_cmpuint (PIXEL (600, 27), ==, 0xffffff);
  g_assert_cmpuint (PIXEL (283, 30), !=, 0xffffff);
  g_assert_cmpuint (PIXEL (212, 30), ==, 0xffffff);
  g_assert_cmpuint (PIXEL (355, 30), ==, 0xffffff);
  g_assert_cmpuint (PIXEL (283, 12), ==, 0xffffff);
#undef PIXEL
  cairo_surface_destroy (surface);
  g_object_unref (lane);
}

/* ---- editing ------------------------------------------------------------------ */

static void
test_drag_add (LaneFixture   *f,
               gconstpointer  data)
{
  /* Press at 603 s, drag to 1204 s: [600, 1200) snapped, EVA's FOM 40. */
  _cusp_selection_lane_press (f->lane, px (f, 603), 30, 0);
  g_assert_null (_cusp_selection_lane_drag_label (f->lane));
  _cusp_selection_lane_motion (f->lane, px (f, 1204), 30);
  g_assert_cmpstr (_cusp_selection_lane_drag_label (f->lane), ==, "60 buffers");
  _cusp_selection_lane_release (f->lane, px (f, 1204), 30);
  g_assert_null (_cusp_selection_lane_drag_label (f->lane));
  g_assert_cmpuint (cusp_selection_get_n_segments (f->selection), ==, 2);
  assert_segment (f->selection, 0, 600, 1200, 40.0);
  /* The new segment is selected. */
  {
    g_autoptr (GArray) selected = cusp_selection_lane_get_selected (f->lane);

    g_assert_cmpuint (selected->len, ==, 1);
    g_assert_cmpuint (g_array_index (selected, guint, 0), ==, 0);
  }

  /* Resize the stop edge from 1200 to 1333 s → 1330. */
  drag (f, 1200, 1333);
  assert_segment (f->selection, 0, 600, 1330, 40.0);
  /* Resize the start edge from 600 to 556 s → 560. */
  drag (f, 600, 556);
  assert_segment (f->selection, 0, 560, 1330, 40.0);
  /* Move the body by 47 s → 50 s (whole buffers). */
  drag (f, 900, 947);
  assert_segment (f->selection, 0, 610, 1380, 40.0);
  /* A move into the other segment trims it (EVA's rule). */
  g_assert_cmpuint (cusp_selection_get_n_segments (f->selection), ==, 2);
  assert_segment (f->selection, 1, 1800, 1860, 100.0);
  /* A click (no movement) selects; Shift+click adds. */
  _cusp_selection_lane_press (f->lane, px (f, 1830), 30, 0);
  _cusp_selection_lane_release (f->lane, px (f, 1830), 30);
  {
    g_autoptr (GArray) selected = cusp_selection_lane_get_selected (f->lane);

    g_assert_cmpuint (selected->len, ==, 1);
    g_assert_cmpuint (g_array_index (selected, guint, 0), ==, 1);
  }
  _cusp_selection_lane_press (f->lane, px (f, 700), 30, GDK_SHIFT_MASK);
  _cusp_selection_lane_release (f->lane, px (f, 700), 30);
  {
    g_autoptr (GArray) selected = cusp_selection_lane_get_selected (f->lane);

    g_assert_cmpuint (selected->len, ==, 2);
  }
  /* Undo three times: back before the resizes and the move. */
  g_assert_true (_cusp_selection_lane_key (f->lane, GDK_KEY_z, GDK_CONTROL_MASK));
  assert_segment (f->selection, 0, 560, 1330, 40.0);
  g_assert_true (_cusp_selection_lane_key (f->lane, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  assert_segment (f->selection, 0, 610, 1380, 40.0);
  g_assert_null (f->message);
}

static void
test_delete_last (LaneFixture   *f,
                  gconstpointer  data)
{
  cusp_selection_lane_select (f->lane, 0, FALSE);
  g_assert_true (_cusp_selection_lane_key (f->lane, GDK_KEY_Delete, 0));
  g_assert_cmpstr (f->message, ==, "You can't delete all segments.");
  g_assert_cmpuint (cusp_selection_get_n_segments (f->selection), ==, 1);
  /* With two, one can go. */
  g_clear_pointer (&f->message, g_free);
  drag (f, 100, 200);
  g_assert_cmpuint (cusp_selection_get_n_segments (f->selection), ==, 2);
  g_assert_true (_cusp_selection_lane_key (f->lane, GDK_KEY_Delete, 0));
  g_assert_null (f->message);
  g_assert_cmpuint (cusp_selection_get_n_segments (f->selection), ==, 1);
  assert_segment (f->selection, 0, 1800, 1860, 100.0);
}

static void
test_keys (LaneFixture   *f,
           gconstpointer  data)
{
  CuspValidationLimits limits;
  static const double want[] = { 200, 150, 100, 50, 25 };

  cusp_validation_limits_init (&limits);
  drag (f, 100, 400);                     /* [100, 400), index 0 */
  cusp_selection_lane_select (f->lane, -1, FALSE);
  /* N from nothing: the first segment in view; N again: the next; P back. */
  g_assert_true (_cusp_selection_lane_key (f->lane, GDK_KEY_n, 0));
  {
    g_autoptr (GArray) s = cusp_selection_lane_get_selected (f->lane);
    g_assert_cmpuint (g_array_index (s, guint, 0), ==, 0);
  }
  g_assert_true (_cusp_selection_lane_key (f->lane, GDK_KEY_Tab, 0));
  {
    g_autoptr (GArray) s = cusp_selection_lane_get_selected (f->lane);
    g_assert_cmpuint (g_array_index (s, guint, 0), ==, 1);
  }
  g_assert_true (_cusp_selection_lane_key (f->lane, GDK_KEY_p, 0));
  {
    g_autoptr (GArray) s = cusp_selection_lane_get_selected (f->lane);
    g_assert_cmpuint (g_array_index (s, guint, 0), ==, 0);
  }
  /* Keys 0-4: a FOM in that category (eva_sitl.md §3 bounds). */
  for (int c = 0; c < 5; c++)
    {
      g_assert_true (_cusp_selection_lane_key (f->lane, GDK_KEY_0 + c, 0));
      g_assert_cmpfloat (cusp_selection_get_segment (f->selection, 0)->fom, ==, want[c]);
      g_assert_cmpint (cusp_fom_category (cusp_selection_get_segment (f->selection, 0)->fom, &limits), ==, c);
    }
  /* The segment stays selected through presets; the other is untouched. */
  g_assert_cmpfloat (cusp_selection_get_segment (f->selection, 1)->fom, ==, 100.0);
  g_assert_true (_cusp_selection_lane_key (f->lane, GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_cmpfloat (cusp_selection_get_segment (f->selection, 0)->fom, ==, 50.0);
}

static void
test_editor (LaneFixture   *f,
             gconstpointer  data)
{
  GtkWidget *spin, *scale, *comment;

  g_assert_true (_cusp_selection_lane_edit (f->lane, 0));
  spin = _cusp_selection_lane_editor_part (f->lane, "fom-spin");
  scale = _cusp_selection_lane_editor_part (f->lane, "fom-scale");
  comment = _cusp_selection_lane_editor_part (f->lane, "comment");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 100.0);
  /* EVA's clamp [2, 255] on both controls. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 300);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 255.0);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 255.0);
  gtk_range_set_value (GTK_RANGE (scale), 1);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 2.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 2.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 900);
  /* Comment with a live count. */
  gtk_editable_set_text (GTK_EDITABLE (comment), "EDR é");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (_cusp_selection_lane_editor_part (f->lane, "comment-count"))),
                   ==, "5 characters (max 250)");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (_cusp_selection_lane_editor_part (f->lane, "size"))),
                   ==, "Segment size: 6 buffers");
  /* No spacecraft: refused with EVA's message, nothing changes. */
  for (int i = 1; i <= 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("mms%d", i);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (_cusp_selection_lane_editor_part (f->lane, name)), FALSE);
    }
  g_assert_false (_cusp_selection_lane_editor_save (f->lane));
  g_assert_cmpstr (f->message, ==, "Please select at least one spacecraft.");
  assert_segment (f->selection, 0, 1800, 1860, 100.0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (_cusp_selection_lane_editor_part (f->lane, "mms2")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (_cusp_selection_lane_editor_part (f->lane, "mms4")), TRUE);
  /* New times typed in UTC: W0 is 12:00:00 UTC; 12:31:04 snaps to
   * 12:31:00 (1860 s), 12:40:00 is 2400 s. */
  gtk_editable_set_text (GTK_EDITABLE (_cusp_selection_lane_editor_part (f->lane, "start")), "2015-09-01T12:31:04");
  gtk_editable_set_text (GTK_EDITABLE (_cusp_selection_lane_editor_part (f->lane, "stop")), "2015-09-01 12:40:00");
  g_assert_true (_cusp_selection_lane_editor_save (f->lane));
  assert_segment (f->selection, 0, 1860, 2400, 255.0);
  g_assert_cmpstr (cusp_selection_get_segment (f->selection, 0)->discussion, ==, "EDR é");
  g_assert_cmpuint (cusp_selection_get_segment (f->selection, 0)->obsset, ==, 2 | 8);
}

static void
test_split_fill (LaneFixture   *f,
                 gconstpointer  data)
{
  /* [1800, 1860) is 6 buffers: split by 17 keeps one piece (EVA's
   * ceil(6/17) = 1); make it 40 buffers first: ceil(40/17) = 3 pieces of
   * 13.3 buffers, boundaries at 1800 + 133.3 → 1930, 2066.7 → 2070. */
  g_assert_true (cusp_selection_set_times (f->selection, 0, W0 + 1800, W0 + 2200, NULL, NULL));
  g_assert_true (_cusp_selection_lane_split_at (f->lane, px (f, 2000)));
  g_assert_cmpuint (cusp_selection_get_n_segments (f->selection), ==, 3);
  assert_segment (f->selection, 0, 1800, 1930, 100.0);
  assert_segment (f->selection, 1, 1930, 2070, 100.0);
  assert_segment (f->selection, 2, 2070, 2200, 100.0);
  /* Split on empty space says so. */
  g_assert_false (_cusp_selection_lane_split_at (f->lane, px (f, 500)));
  g_assert_nonnull (f->message);
  /* Fill before the first: [window start, first start) with FOM 40. */
  g_assert_true (_cusp_selection_lane_fill_at (f->lane, px (f, 500)));
  assert_segment (f->selection, 0, 0, 1800, 40.0);
}

/* ---- dashboard ----------------------------------------------------------------- */

static int activated_segment = -2;

static void
on_problem_activated (CuspSelectionDashboard *dashboard,
                      int                     segment)
{
  activated_segment = segment;
}

static void
test_dashboard (void)
{
  GtkWidget *dashboard = cusp_selection_dashboard_new ();
  g_autoptr (CuspSelection) selection = cusp_selection_new (W0, W0 + 3600, W0, 30);
  CuspBurstSegment segs[] = { seg (0, 100, 100), seg (200, 300, 50), seg (1200, 1900, 120) };
  GtkListBoxRow *row = NULL;
  int error_row = -1;

  g_object_ref_sink (dashboard);
  cusp_selection_set_initial (selection, segs, 3);
  cusp_selection_dashboard_set_selection (CUSP_SELECTION_DASHBOARD (dashboard), selection, NULL);
  /* 10 + 10 + 70 buffers = 90; round (900 s / 60) = 15 min; one error:
   * 70 buffers exceed the 60-buffer segment maximum (FORMATS.md). */
  g_assert_cmpstr (cusp_selection_dashboard_get_summary (CUSP_SELECTION_DASHBOARD (dashboard)), ==,
                   "3 segments · 90 buffers · 15 min · 1 error");
  g_assert_cmpuint (cusp_selection_dashboard_get_n_problems (CUSP_SELECTION_DASHBOARD (dashboard)), >=, 1);
  for (guint i = 0; i < cusp_selection_dashboard_get_n_problems (CUSP_SELECTION_DASHBOARD (dashboard)); i++)
    if (cusp_selection_dashboard_get_problem_segment (CUSP_SELECTION_DASHBOARD (dashboard), i) == 2)
      error_row = (int) i;
  g_assert_cmpint (error_row, >=, 0);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (cusp_selection_dashboard_get_list (CUSP_SELECTION_DASHBOARD (dashboard))),
                                       error_row);
  g_assert_nonnull (row);
  g_signal_connect (dashboard, "problem-activated", G_CALLBACK (on_problem_activated), NULL);
  g_signal_emit_by_name (cusp_selection_dashboard_get_list (CUSP_SELECTION_DASHBOARD (dashboard)),
                         "row-activated", row);
  g_assert_cmpint (activated_segment, ==, 2);

  /* An edit updates the figures: the long segment cut to 30 buffers. */
  g_assert_true (cusp_selection_set_times (selection, 2, W0 + 1200, W0 + 1500, NULL, NULL));
  g_assert_cmpstr (cusp_selection_dashboard_get_summary (CUSP_SELECTION_DASHBOARD (dashboard)), ==,
                   "3 segments · 50 buffers · 8 min · 0 errors");
  g_object_unref (dashboard);
}

/* Save As writes the lane's segments; each file read back with the
 * selection reader gives the same times, FOMs and (where the format holds
 * one) discussions.  Hand values: the fixture's segment and two added. */
static void
test_save (LaneFixture   *f,
           gconstpointer  data)
{
  static const struct
  {
    CuspSelectionFormat format;
    const char         *name;
    gboolean            has_discussion;
  } formats[] = {
    { CUSP_SELECTION_FORMAT_PYMMS_CSV, "lane-pymms.csv", TRUE },
    { CUSP_SELECTION_FORMAT_EVA_TEXT, "lane-eva.txt", TRUE },
    { CUSP_SELECTION_FORMAT_SDC_CSV, "lane-sdc.csv", FALSE },
  };
  const gint64 want[3][2] = { { 600, 900 }, { 1800, 1860 }, { 3000, 3300 } };
  const double want_fom[3] = { 150, 100, 55 };
  g_autoptr (GError) error = NULL;

  g_assert_true (cusp_selection_add (f->selection, W0 + 600, W0 + 900, 150, "MP crossing",
                                     CUSP_BURST_OBSSET_ALL, NULL, &error));
  g_assert_true (cusp_selection_add (f->selection, W0 + 3000, W0 + 3300, 55, "Bow shock, foreshock",
                                     CUSP_BURST_OBSSET_ALL, NULL, &error));
  g_assert_no_error (error);
  for (gsize k = 0; k < G_N_ELEMENTS (formats); k++)
    {
      g_autofree char *path = g_build_filename (data_dir, formats[k].name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GArray) back = NULL;
      CuspSelectionFormat detected = CUSP_SELECTION_FORMAT_UNKNOWN;

      g_assert_true (cusp_selection_lane_save_file (f->lane, file, formats[k].format, &error));
      g_assert_no_error (error);
      back = cusp_selection_read_file (file, NULL, &detected, &error);
      g_assert_no_error (error);
      g_assert_cmpint (detected, ==, formats[k].format);
      g_assert_cmpuint (back->len, ==, 3);
      for (guint i = 0; i < 3; i++)
        {
          const CuspBurstSegment *s = &g_array_index (back, CuspBurstSegment, i);

          g_assert_cmpint (s->start - W0, ==, want[i][0]);
          g_assert_cmpint (s->stop - W0, ==, want[i][1]);
          g_assert_cmpfloat_with_epsilon (s->fom, want_fom[i], 1e-9);
        }
      if (formats[k].has_discussion)
        {
          g_assert_cmpstr (g_array_index (back, CuspBurstSegment, 0).discussion, ==, "MP crossing");
          g_assert_cmpstr (g_array_index (back, CuspBurstSegment, 2).discussion, ==, "Bow shock, foreshock");
        }
      g_unlink (path);
    }

  /* A folder that does not exist: an error, no file. */
  {
    g_autofree char *path = g_build_filename (data_dir, "no-such-folder", "lane.csv", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);

    g_assert_false (cusp_selection_lane_save_file (f->lane, file, CUSP_SELECTION_FORMAT_PYMMS_CSV, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

/* ---- window ---------------------------------------------------------------------- */

typedef struct
{
  CuspWindow *window;
} WinFixture;

static void
win_set_up (WinFixture    *f,
            gconstpointer  data)
{
  f->window = cusp_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (cusp_test_wait_until (cusp_test_widget_is_shown, _cusp_window_get_lane (f->window, CUSP_SITL_LANE_GLS), 5000));
}

static void
win_tear_down (WinFixture    *f,
               gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
}

static gboolean
drop_on (CuspWindow *window,
         GtkWidget  *lane,
         const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  graphene_point_t p;

  g_assert_true (gtk_widget_compute_point (lane, GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (lane) / 2.0,
                                                                 gtk_widget_get_height (lane) / 2.0), &p));
  return _cusp_window_sitl_drop (window, file, p.x, p.y);
}

static void
test_window_lanes (WinFixture    *f,
                   gconstpointer  data)
{
  CuspPlotStack *stack = cusp_plot_area_get_stack (CUSP_PLOT_AREA (cusp_window_get_plot_area (f->window)));
  CuspSelectionLane *gls = CUSP_SELECTION_LANE (_cusp_window_get_lane (f->window, CUSP_SITL_LANE_GLS));
  CuspSelectionLane *sitl = CUSP_SELECTION_LANE (_cusp_window_get_lane (f->window, CUSP_SITL_LANE_SITL));
  CuspTime a, b, la, lb;
  const char *fixtures = g_getenv ("CUSP_FIXTURES");
  g_autofree char *gls_path = NULL, *bad_path = NULL;
  gint64 first_start;
  double lane_x0, panel_x;
  graphene_point_t p;

  g_assert_nonnull (fixtures);
  cusp_window_plot_product (f->window, "sim/mms1/fgm/srvy/b_gse");
  g_assert_true (cusp_test_wait_until (cusp_test_widget_is_shown, stack, 5000));
  /* Four lanes on the stack's range; the SITL one editable and journaled. */
  for (int i = 0; i < CUSP_SITL_N_LANES; i++)
    {
      CuspSelectionLane *lane = CUSP_SELECTION_LANE (_cusp_window_get_lane (f->window, i));

      cusp_plot_stack_get_range (stack, &a, &b);
      cusp_selection_lane_get_range (lane, &la, &lb);
      g_assert_cmpint (la, ==, a);
      g_assert_cmpint (lb, ==, b);
      g_assert_cmpuint (cusp_selection_lane_get_segments (lane)->len, >, 0);
    }
  g_assert_nonnull (cusp_selection_lane_get_selection (sitl));
  g_assert_nonnull (_cusp_window_get_journal (f->window));
  g_assert_true (cusp_selection_journal_is_saved (_cusp_window_get_journal (f->window)));
  /* Lanes start at the same window x as the plot stack: same margins. */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (gls), GTK_WIDGET (f->window), &GRAPHENE_POINT_INIT (0, 0), &p));
  lane_x0 = p.x;
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (stack), GTK_WIDGET (f->window), &GRAPHENE_POINT_INIT (0, 0), &p));
  panel_x = p.x;
  g_assert_cmpfloat (lane_x0, ==, panel_x);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (gls)), ==, gtk_widget_get_width (GTK_WIDGET (stack)));
  /* The range changes: the lanes follow. */
  cusp_plot_stack_set_range (stack, a + CUSP_NS_PER_HOUR, b - CUSP_NS_PER_HOUR);
  cusp_selection_lane_get_range (gls, &la, &lb);
  g_assert_cmpint (la, ==, a + CUSP_NS_PER_HOUR);

  /* The GLS fixture: 49 rows (fixtures README). */
  gls_path = g_build_filename (fixtures, "selections", "gls_mp-dl-unh_example_2017-02-03_2017-02-05.csv", NULL);
  g_assert_true (drop_on (f->window, GTK_WIDGET (gls), gls_path));
  g_assert_null (cusp_window_get_message (f->window));
  g_assert_cmpuint (cusp_selection_lane_get_segments (gls)->len, ==, 49);
  first_start = g_array_index (cusp_selection_lane_get_segments (gls), CuspBurstSegment, 0).start;

  /* A malformed file: the message names line 3, the lane is unchanged. */
  bad_path = g_build_filename (data_dir, "bad-gls.csv", NULL);
  g_assert_true (g_file_set_contents (bad_path,
                                      "2017-02-04 00:50:20,2017-02-04 00:55:10,150.0,MP crossing\n"
                                      "2017-02-04 00:55:20,2017-02-04 00:58:00,150.0,MP crossing\n"
                                      "2017-02-04 01:00:00,not a time,150.0,MP crossing\n", -1, NULL));
  g_assert_true (drop_on (f->window, GTK_WIDGET (gls), bad_path));
  g_assert_nonnull (cusp_window_get_message (f->window));
  g_assert_nonnull (strstr (cusp_window_get_message (f->window), "line 3"));
  g_assert_nonnull (strstr (cusp_window_get_message (f->window), "GLS"));
  g_assert_cmpuint (cusp_selection_lane_get_segments (gls)->len, ==, 49);
  g_assert_cmpint (g_array_index (cusp_selection_lane_get_segments (gls), CuspBurstSegment, 0).start, ==,
                   first_start);
  /* A drop elsewhere is not for the lanes. */
  {
    g_autoptr (GFile) file = g_file_new_for_path (gls_path);

    g_assert_false (_cusp_window_sitl_drop (f->window, file, 5, 5));
  }
  g_unlink (bad_path);
}

/* The first label under widget whose text is not empty. */
static const char *
find_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *text = find_label_text (c);

      if (text != NULL)
        return text;
    }
  return NULL;
}

/* A journal left unfinished (a crash) is offered at the next start. */
static void
test_restore (void)
{
  g_autoptr (CuspSelection) selection = cusp_selection_new (W0, W0 + 3600, W0, 30);
  CuspBurstSegment one = seg (1800, 1860, 100);
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspSelectionJournal) journal = NULL;
  CuspWindow *window;
  GtkWidget *bar;
  CuspSelection *shown;

  cusp_selection_set_initial (selection, &one, 1);
  journal = cusp_selection_journal_new (selection, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cusp_selection_add (selection, W0 + 100, W0 + 300, 77, "kept", 15, NULL, &error));
  g_assert_true (cusp_selection_journal_is_saved (journal));
  g_clear_object (&journal);   /* not finished: as after a crash */

  window = cusp_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  bar = _cusp_window_get_restore_bar (window);
  g_assert_true (cusp_test_wait_until (cusp_test_widget_is_shown, bar, 5000));
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  g_assert_true (g_str_has_prefix (find_label_text (bar), "Restore unsaved selections from "));
  gtk_info_bar_response (GTK_INFO_BAR (bar), GTK_RESPONSE_ACCEPT);
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  shown = cusp_selection_lane_get_selection (CUSP_SELECTION_LANE (_cusp_window_get_lane (window, CUSP_SITL_LANE_SITL)));
  g_assert_cmpuint (cusp_selection_get_n_segments (shown), ==, 2);
  g_assert_cmpint (cusp_selection_get_segment (shown, 0)->start, ==, W0 + 100);
  g_assert_cmpfloat (cusp_selection_get_segment (shown, 0)->fom, ==, 77);
  g_assert_cmpstr (cusp_selection_get_segment (shown, 0)->discussion, ==, "kept");
  g_assert_true (cusp_selection_can_undo (shown));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The restored edits are kept unfinished; discarding them ends them. */
  window = cusp_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  bar = _cusp_window_get_restore_bar (window);
  g_assert_true (cusp_test_wait_until (cusp_test_widget_is_shown, bar, 5000));
  gtk_info_bar_response (GTK_INFO_BAR (bar), GTK_RESPONSE_REJECT);
  gtk_window_destroy (GTK_WINDOW (window));
  window = cusp_window_new (app);
  g_assert_false (gtk_widget_get_visible (_cusp_window_get_restore_bar (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("CUSP_NO_DEFAULT_LAYOUT", "1", TRUE);
  g_setenv ("CUSP_SITL_LANES", "1", TRUE);
  data_dir = cusp_test_make_tmp_dir ("cusp-lanes-XXXXXX");
  g_setenv ("CUSP_DATA_DIR", data_dir, TRUE);

  cusp_test_gtk_init (&argc, &argv);

  app = cusp_application_new ();
  cusp_test_register_application (G_APPLICATION (app));

  g_test_add_func ("/cusp/lanes/geometry", test_geometry);
  g_test_add ("/cusp/lanes/drag", LaneFixture, NULL, lane_set_up, test_drag_add, lane_tear_down);
  g_test_add ("/cusp/lanes/delete-last", LaneFixture, NULL, lane_set_up, test_delete_last, lane_tear_down);
  g_test_add ("/cusp/lanes/keys", LaneFixture, NULL, lane_set_up, test_keys, lane_tear_down);
  g_test_add ("/cusp/lanes/editor", LaneFixture, NULL, lane_set_up, test_editor, lane_tear_down);
  g_test_add ("/cusp/lanes/split-fill", LaneFixture, NULL, lane_set_up, test_split_fill, lane_tear_down);
  g_test_add ("/cusp/lanes/save", LaneFixture, NULL, lane_set_up, test_save, lane_tear_down);
  g_test_add_func ("/cusp/lanes/dashboard", test_dashboard);
  g_test_add_func ("/cusp/lanes/restore", test_restore);
  g_test_add ("/cusp/lanes/window", WinFixture, NULL, win_set_up, test_window_lanes, win_tear_down);

  status = g_test_run ();
  g_object_unref (app);
  cusp_test_remove_tree (data_dir);
  g_free (data_dir);
  return status;
}
