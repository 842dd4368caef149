#include "config.h"

#include <gtk/gtk.h>

#include "cusp-plot-stack.h"
#include "cusp-test-util-gtk.h"

static CuspData *
make_series (void)
{
  CuspSeries *series = cusp_series_new (100, 2);

  cusp_series_set_name (series, "B");
  cusp_series_set_unit (series, "nT");
  cusp_series_set_label (series, 0, "Bx");
  cusp_series_set_label (series, 1, "By");
  for (guint i = 0; i < 100; i++)
    {
      series->times[i] = i * CUSP_NS_PER_SECOND;
      series->values[i] = i;
      series->values[100 + i] = -1.0 * i;
    }
  return cusp_data_new_series (series);
}

static void
count (gpointer  instance,
       guint    *counter)
{
  (*counter)++;
}

static void
wait_for_picture (CuspPlotPanel *panel,
                  CuspTime       start,
                  CuspTime       stop)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      CuspTime a, b;

      if (cusp_plot_panel_get_picture_range (panel, &a, &b) && a == start && b == stop)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_range_and_history (void)
{
  CuspPlotStack *stack = g_object_ref_sink (CUSP_PLOT_STACK (cusp_plot_stack_new ()));
  g_autoptr (CuspData) data = make_series ();
  CuspPlotPanel *a, *b;
  guint changes = 0;
  CuspTime t0, t1;

  g_signal_connect (stack, "range-changed", G_CALLBACK (count), &changes);
  a = cusp_plot_stack_add_data (stack, data);
  b = cusp_plot_stack_add_data (stack, data);
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (stack), ==, 2);
  /* Only the bottom panel is labelled. */
  g_assert_false (cusp_plot_panel_get_time_labels (a));
  g_assert_true (cusp_plot_panel_get_time_labels (b));

  cusp_plot_stack_set_range (stack, 0, 100 * CUSP_NS_PER_SECOND);
  g_assert_cmpuint (changes, ==, 1);
  cusp_plot_renderer_get_range (cusp_plot_panel_get_renderer (a), &t0, &t1);
  g_assert_cmpint (t1, ==, 100 * CUSP_NS_PER_SECOND);
  cusp_plot_renderer_get_range (cusp_plot_panel_get_renderer (b), &t0, &t1);
  g_assert_cmpint (t1, ==, 100 * CUSP_NS_PER_SECOND);
  /* The same range again is no change. */
  cusp_plot_stack_set_range (stack, 0, 100 * CUSP_NS_PER_SECOND);
  g_assert_cmpuint (changes, ==, 1);

  /* Zoom in about the middle: half the length, 25..75 s. */
  cusp_plot_stack_zoom (stack, 0.5, 0.5);
  g_assert_cmpuint (changes, ==, 2);
  cusp_plot_stack_get_range (stack, &t0, &t1);
  g_assert_cmpint (t0, ==, 25 * CUSP_NS_PER_SECOND);
  g_assert_cmpint (t1, ==, 75 * CUSP_NS_PER_SECOND);
  /* Step right by 10 % of 50 s. */
  cusp_plot_stack_pan (stack, 0.1);
  cusp_plot_stack_get_range (stack, &t0, &t1);
  g_assert_cmpint (t0, ==, 30 * CUSP_NS_PER_SECOND);

  g_assert_true (cusp_plot_stack_go_back (stack));
  cusp_plot_stack_get_range (stack, &t0, &t1);
  g_assert_cmpint (t0, ==, 25 * CUSP_NS_PER_SECOND);
  g_assert_true (cusp_plot_stack_go_back (stack));
  cusp_plot_stack_get_range (stack, &t0, &t1);
  g_assert_cmpint (t0, ==, 0);
  g_assert_cmpint (t1, ==, 100 * CUSP_NS_PER_SECOND);
  g_assert_true (cusp_plot_stack_go_forward (stack));
  cusp_plot_stack_get_range (stack, &t0, &t1);
  g_assert_cmpint (t0, ==, 25 * CUSP_NS_PER_SECOND);
  /* A new view clears the forward history. */
  cusp_plot_stack_set_range (stack, 0, 10);
  g_assert_false (cusp_plot_stack_go_forward (stack));
  g_assert_cmpuint (changes, ==, 7);

  /* Removing the bottom panel labels the one above. */
  cusp_plot_stack_remove_panel (stack, b);
  g_assert_cmpuint (cusp_plot_stack_get_n_panels (stack), ==, 1);
  g_assert_true (cusp_plot_panel_get_time_labels (a));
  g_assert_true (cusp_plot_stack_get_panel (stack, 0) == a);
  g_assert_null (cusp_plot_stack_get_panel (stack, 1));

  g_assert_finalize_object (stack);
}

static void
test_render_in_window (void)
{
  GtkWidget *window = gtk_window_new ();
  CuspPlotStack *stack = CUSP_PLOT_STACK (cusp_plot_stack_new ());
  g_autoptr (CuspData) data = make_series ();
  CuspPlotPanel *panel;
  char *text;
  double lo, hi;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (stack));
  panel = cusp_plot_stack_add_data (stack, data);
  cusp_plot_stack_set_range (stack, 0, 50 * CUSP_NS_PER_SECOND);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_picture (panel, 0, 50 * CUSP_NS_PER_SECOND);

  /* Two quick changes: only the last one's picture may stay. */
  cusp_plot_stack_set_range (stack, 0, 60 * CUSP_NS_PER_SECOND);
  cusp_plot_stack_set_range (stack, 0, 80 * CUSP_NS_PER_SECOND);
  wait_for_picture (panel, 0, 80 * CUSP_NS_PER_SECOND);
  for (guint k = 0; k < 20; k++)
    g_main_context_iteration (NULL, FALSE);
  {
    CuspTime a, b;

    g_assert_true (cusp_plot_panel_get_picture_range (panel, &a, &b));
    g_assert_cmpint (b, ==, 80 * CUSP_NS_PER_SECOND);
  }

  /* The read-out at the data area's left edge: TT2000 0 is J2000,
   * 2000-01-01T11:58:55.816 UTC; the nearest sample is the first. */
  text = cusp_plot_panel_describe_at (panel, CUSP_PLOT_MARGIN_LEFT, 50);
  g_assert_true (g_str_has_prefix (text, "2000-01-01T11:58:55.816"));
  g_assert_nonnull (strstr (text, "Bx  0 nT"));
  g_free (text);

  /* y zoom about the bottom halves the range; autoscale restores it.
   * Visible 0..79 for Bx and -79..0 for By, padded by 5 % of 158. */
  g_assert_true (cusp_plot_renderer_get_y_range (cusp_plot_panel_get_renderer (panel), 0, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (lo, -79 - 7.9, 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, 79 + 7.9, 1e-9);
  cusp_plot_panel_zoom_y (panel, 0, 0.5);
  g_assert_true (cusp_plot_renderer_get_y_range (cusp_plot_panel_get_renderer (panel), 0, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (hi - lo, (79 + 7.9) , 1e-9);
  cusp_plot_panel_autoscale (panel);
  g_assert_true (cusp_plot_renderer_get_y_range (cusp_plot_panel_get_renderer (panel), 0, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (hi, 79 + 7.9, 1e-9);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A spectrogram of 3 bins with edges 0, 10, 20, 30 eV (centres 5, 15, 25)
 * and a y axis set to 0..30: the middle of the data area is 15 eV, in
 * bin 1, whose value in record 0 is 40 + 1 = 41 counts. */
static void
test_spectrogram_readout (void)
{
  GtkWidget *window = gtk_window_new ();
  CuspPlotStack *stack = CUSP_PLOT_STACK (cusp_plot_stack_new ());
  CuspSpectrogram *spec = cusp_spectrogram_new (2, 3, FALSE);
  g_autoptr (CuspData) data = NULL;
  CuspPlotPanel *panel;
  cairo_rectangle_t r;
  double *e;
  char *text;

  for (guint i = 0; i < 2; i++)
    {
      spec->times[i] = i * 10 * CUSP_NS_PER_SECOND;
      for (guint j = 0; j < 3; j++)
        spec->values[i * 3 + j] = 40 + j + 10 * i;
    }
  for (guint j = 0; j < 3; j++)
    spec->bin_centres[j] = 5 + 10 * j;
  e = cusp_spectrogram_alloc_edges (spec);
  for (guint j = 0; j < 4; j++)
    e[j] = 10 * j;
  cusp_spectrogram_set_unit (spec, "counts");
  cusp_spectrogram_set_bin_unit (spec, "eV");
  cusp_spectrogram_set_bin_label (spec, "Energy");
  data = cusp_data_new_spectrogram (spec);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (stack));
  panel = cusp_plot_stack_add_data (stack, data);
  cusp_plot_stack_set_range (stack, 0, 20 * CUSP_NS_PER_SECOND);
  cusp_plot_panel_set_y_range (panel, 0, 30);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_picture (panel, 0, 20 * CUSP_NS_PER_SECOND);

  cusp_plot_renderer_get_data_rect (gtk_widget_get_width (GTK_WIDGET (panel)),
                                    gtk_widget_get_height (GTK_WIDGET (panel)),
                                    cusp_plot_panel_get_time_labels (panel), &r);
  text = cusp_plot_panel_describe_at (panel, r.x + 1, r.y + r.height / 2);
  g_assert_nonnull (strstr (text, "\nEnergy 15 eV (10–20 eV)  41 counts"));
  g_free (text);
  /* Record 1 (from 10 s on), top bin. */
  text = cusp_plot_panel_describe_at (panel, r.x + r.width * 0.75, r.y + r.height / 6);
  g_assert_nonnull (strstr (text, "\nEnergy 25 eV (20–30 eV)  52 counts"));
  g_free (text);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Regions every 10 s from 0: "Solar_Wind" at 0..90 s, "Magnetosheath"
 * at 100..190 s, fill at 200..240 s, "Solar_Wind" at 250..390 s; over a
 * 0..400 s view a quarter of the data area's width is 100 s. */
static void
test_text_readout (void)
{
  GtkWidget *window = gtk_window_new ();
  CuspPlotStack *stack = CUSP_PLOT_STACK (cusp_plot_stack_new ());
  CuspTextSeries *text = cusp_text_series_new (40, 1);
  g_autoptr (CuspData) data = NULL;
  CuspPlotPanel *panel;
  cairo_rectangle_t r;
  char *out;

  cusp_text_series_set_name (text, "Spacecraft_Region");
  cusp_text_series_set_label (text, 0, "Region");
  for (guint i = 0; i < 40; i++)
    {
      text->times[i] = i * 10 * CUSP_NS_PER_SECOND;
      cusp_text_series_set_value (text, 0, i, i < 10 ? "Solar_Wind"
                                              : i < 20 ? "Magnetosheath"
                                              : i < 25 ? NULL : "Solar_Wind");
    }
  data = cusp_data_new_text (text);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (stack));
  panel = cusp_plot_stack_add_data (stack, data);
  g_assert_cmpint (cusp_plot_panel_get_kind (panel), ==, CUSP_DATA_KIND_TEXT);
  cusp_plot_stack_set_range (stack, 0, 400 * CUSP_NS_PER_SECOND);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_picture (panel, 0, 400 * CUSP_NS_PER_SECOND);

  cusp_plot_renderer_get_data_rect (gtk_widget_get_width (GTK_WIDGET (panel)),
                                    gtk_widget_get_height (GTK_WIDGET (panel)),
                                    cusp_plot_panel_get_time_labels (panel), &r);
  /* 50 s, 150 s, 225 s (fill: no value), 300 s. */
  out = cusp_plot_panel_describe_at (panel, r.x + r.width / 8, r.y + 5);
  g_assert_true (g_str_has_suffix (out, "\nRegion  Solar_Wind"));
  g_free (out);
  out = cusp_plot_panel_describe_at (panel, r.x + r.width * 3 / 8, r.y + 5);
  g_assert_true (g_str_has_suffix (out, "\nRegion  Magnetosheath"));
  g_free (out);
  out = cusp_plot_panel_describe_at (panel, r.x + r.width * 9 / 16, r.y + 5);
  g_assert_null (strchr (out, '\n'));
  g_free (out);
  out = cusp_plot_panel_describe_at (panel, r.x + r.width * 3 / 4, r.y + 5);
  g_assert_true (g_str_has_suffix (out, "\nRegion  Solar_Wind"));
  g_assert_null (strstr (out, "Magnetosheath"));
  g_free (out);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  cusp_test_gtk_init (&argc, &argv);

  g_test_add_func ("/cusp/plot-panel/range-and-history", test_range_and_history);
  g_test_add_func ("/cusp/plot-panel/spectrogram-readout", test_spectrogram_readout);
  g_test_add_func ("/cusp/plot-panel/text-readout", test_text_readout);
  g_test_add_func ("/cusp/plot-panel/render-in-window", test_render_in_window);

  return g_test_run ();
}
