#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>

#include "cusp-plot-renderer.h"

/* 2015-10-16T00:00:00Z in TT2000 ns, computed from the civil date. */
static CuspTime
day_start (void)
{
  CuspCivilTime civil = { 2015, 10, 16, 0, 0, 0, 0 };
  CuspTime t = 0;

  g_assert_true (cusp_time_from_civil (&civil, &t, NULL));
  return t;
}

/* One component, one sample per second over an hour, zero but for a
 * single spike of 10 at second 1234. */
static CuspData *
make_spike_series (CuspTime t0)
{
  CuspSeries *series = cusp_series_new (3600, 1);

  cusp_series_set_name (series, "Spike");
  cusp_series_set_unit (series, "nT");
  cusp_series_set_label (series, 0, "S");
  for (guint i = 0; i < 3600; i++)
    {
      series->times[i] = t0 + i * CUSP_NS_PER_SECOND;
      series->values[i] = i == 1234 ? 10 : 0;
    }
  return cusp_data_new_series (series);
}

typedef struct
{
  cairo_surface_t *surface;
  guint8          *data;
  int              stride;
} Image;

static void
render (CuspPlotRenderer *renderer,
        int               width,
        int               height,
        Image            *out)
{
  cairo_t *cr;

  out->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (out->surface);
  cusp_plot_renderer_draw (renderer, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (out->surface);
  out->data = cairo_image_surface_get_data (out->surface);
  out->stride = cairo_image_surface_get_stride (out->surface);
}

static void
pixel (const Image *image,
       int          x,
       int          y,
       guint8       rgba[4])
{
  guint32 p = *(guint32 *) (image->data + (gsize) y * image->stride + 4 * x);

  rgba[0] = (p >> 16) & 0xff;
  rgba[1] = (p >> 8) & 0xff;
  rgba[2] = p & 0xff;
  rgba[3] = p >> 24;
}

static gboolean
is_dark (const Image *image,
         int          x,
         int          y)
{
  guint8 rgba[4];

  pixel (image, x, y, rgba);
  return rgba[0] < 128 && rgba[1] < 128 && rgba[2] < 128;
}

static gboolean
is_white (const Image *image,
          int          x,
          int          y)
{
  guint8 rgba[4];

  pixel (image, x, y, rgba);
  return rgba[0] == 255 && rgba[1] == 255 && rgba[2] == 255;
}

/* Figure 600×300, one panel: the data rectangle is x 84..482 (398 px),
 * y 6..256 (250 px), from the margins documented in the header. */
#define W 600
#define H 300
#define DX 84
#define DW 398
#define DY 6
#define DH 250

static void
test_spike (void)
{
  CuspTime t0 = day_start ();
  g_autoptr (CuspData) data = make_spike_series (t0);
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  cairo_rectangle_t r;
  Image image;
  int column, y_spike, y_zero, y_mid;
  guint8 rgba[4];

  cusp_plot_renderer_add_panel (renderer, data);
  cusp_plot_renderer_set_range (renderer, t0, t0 + CUSP_NS_PER_HOUR);
  cusp_plot_renderer_set_y_range (renderer, 0, -1, 11);
  cusp_plot_renderer_get_data_rect (W, H, TRUE, &r);
  g_assert_cmpfloat (r.x, ==, DX);
  g_assert_cmpfloat (r.width, ==, DW);
  g_assert_cmpfloat (r.y, ==, DY);
  g_assert_cmpfloat (r.height, ==, DH);
  render (renderer, W, H, &image);

  /* Second 1234 of 3600 over 398 columns: column floor(136.42) = 136. */
  column = DX + 136;
  /* y of 10 on -1..11: 256 - 11/12·250 = 26.8; of 0: 256 - 250/12 = 235.2. */
  y_spike = 30;
  y_zero = 235;
  y_mid = 130;
  pixel (&image, column, y_mid, rgba);
  /* Tableau blue 4e79a7, drawn over a 1.25 px stroke centred in the column. */
  g_assert_cmpuint (rgba[0], <, 120);
  g_assert_cmpuint (rgba[2], >, 140);
  g_assert_true (!is_white (&image, column, y_spike));
  /* Far from the spike, that height is background. */
  g_assert_true (is_white (&image, column - 5, y_mid));
  g_assert_true (is_white (&image, column + 5, y_mid));
  g_assert_true (is_white (&image, column, 15));
  /* The zero line runs across. */
  g_assert_true (!is_white (&image, DX + 30, y_zero));
  g_assert_true (!is_white (&image, DX + 300, y_zero));
  cairo_surface_destroy (image.surface);
}

static void
test_time_labels (void)
{
  CuspTime t0 = day_start ();
  g_autoptr (CuspData) data = make_spike_series (t0);
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  Image image;
  int label_top = DY + DH + 5 + 1, label_bottom = DY + DH + 5 + 16;

  cusp_plot_renderer_add_panel (renderer, data);
  cusp_plot_renderer_set_range (renderer, t0, t0 + CUSP_NS_PER_HOUR);
  render (renderer, W, H, &image);
  if (g_getenv ("CUSP_TEST_DUMP") != NULL)
    cairo_surface_write_to_png (image.surface, g_getenv ("CUSP_TEST_DUMP"));

  /* An hour over 398 px with >= 90 px between labels: 10 min would be
   * 66 px, so 15 min steps (99.5 px).  Tick k sits at 84 + k·398/4. */
  for (int k = 1; k <= 4; k++)
    {
      double x = DX + k * DW / 4.0;
      double sum = 0;
      guint n = 0;

      /* The tick mark itself, below the frame. */
      g_assert_true (is_dark (&image, (int) floor (x), DY + DH + 3));
      for (int px = (int) x - 40; px <= (int) x + 40; px++)
        for (int py = label_top; py <= label_bottom; py++)
          if (px < W && is_dark (&image, px, py))
            {
              sum += px + 0.5;
              n++;
            }
      g_assert_cmpuint (n, >, 10);
      /* "00:15" is centred on its tick. */
      g_assert_cmpfloat (fabs (sum / n - x), <, 3);
      /* Halfway to the next tick the label row is empty. */
      for (int py = label_top; py <= label_bottom && k < 4; py++)
        g_assert_true (is_white (&image, (int) (x + DW / 8.0), py));
    }
  /* 5 min is a minor tick: 3 px long, not 5. */
  g_assert_true (is_dark (&image, (int) floor (DX + DW / 12.0), DY + DH + 1));
  g_assert_false (is_dark (&image, (int) floor (DX + DW / 12.0), DY + DH + 4));

  /* The date row under the first label says 2015-10-16: there is ink. */
  {
    guint n = 0;

    for (int px = DX - 40; px <= DX + 40; px++)
      for (int py = label_bottom + 2; py <= label_bottom + 16; py++)
        n += is_dark (&image, px, py);
    g_assert_cmpuint (n, >, 20);
  }
  cairo_surface_destroy (image.surface);
}

static void
test_only_bottom_labels (void)
{
  CuspTime t0 = day_start ();
  g_autoptr (CuspData) data = make_spike_series (t0);
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  double panel_h, bottom_h;
  Image image;
  int top_bottom;

  cusp_plot_renderer_add_panel (renderer, data);
  cusp_plot_renderer_add_panel (renderer, data);
  cusp_plot_renderer_set_range (renderer, t0, t0 + CUSP_NS_PER_HOUR);
  cusp_plot_renderer_get_figure_layout (renderer, 400, &panel_h, &bottom_h);
  /* (400 - 4 gap - 38 for the labels) / 2 = 179. */
  g_assert_cmpfloat (panel_h, ==, 179);
  g_assert_cmpfloat (bottom_h, ==, 179 + 38);
  render (renderer, W, 400, &image);

  /* Under the top panel's frame (bottom at 179 - 6) only tick marks: from
   * 6 px below to the next panel's frame the plot width stays white. */
  top_bottom = 179 - 6;
  for (int py = top_bottom + 7; py < 179 + 4 + 6 - 1; py++)
    for (int px = DX - 10; px < DX + DW + 10; px++)
      g_assert_true (is_white (&image, px, py));
  cairo_surface_destroy (image.surface);
}

/* Weights 1 and 3 at 400 px: 400 − 4 (gap) − 38 (labels) = 358 data
 * pixels, 89.5 and 268.5, the rounding pixel to the first (tie): boxes
 * [0, 90) and [94, 400), the bottom one 268 + 38 tall.  Under the top
 * panel's frame (bottom at 90 − 6) the plot width stays white down to
 * the next frame, which a 1:1 split (frame at 179 − 6) would cross. */
static void
test_panel_weights (void)
{
  CuspTime t0 = day_start ();
  g_autoptr (CuspData) data = make_spike_series (t0);
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  double y, h;
  Image image;

  cusp_plot_renderer_add_panel (renderer, data);
  cusp_plot_renderer_add_panel (renderer, data);
  cusp_plot_renderer_set_range (renderer, t0, t0 + CUSP_NS_PER_HOUR);
  g_assert_cmpfloat (cusp_plot_renderer_get_panel_weight (renderer, 1), ==, 1);
  cusp_plot_renderer_set_panel_weight (renderer, 1, 3);
  g_assert_cmpfloat (cusp_plot_renderer_get_panel_weight (renderer, 1), ==, 3);
  cusp_plot_renderer_get_panel_box (renderer, 400, 0, &y, &h);
  g_assert_cmpfloat (y, ==, 0);
  g_assert_cmpfloat (h, ==, 90);
  cusp_plot_renderer_get_panel_box (renderer, 400, 1, &y, &h);
  g_assert_cmpfloat (y, ==, 94);
  g_assert_cmpfloat (h, ==, 268 + 38);
  render (renderer, W, 400, &image);
  for (int py = 90 - 6 + 7; py < 94 + 6 - 1; py++)
    for (int px = DX - 10; px < DX + DW + 10; px++)
      g_assert_true (is_white (&image, px, py));
  g_assert_false (is_white (&image, DX, 90 - 6));   /* the top panel's frame */
  cairo_surface_destroy (image.surface);
}

/* 4 records of 15 min over an hour, 2 bins with edges 1, 10, 100. */
static CuspData *
make_spectrogram (CuspTime t0)
{
  CuspSpectrogram *spec = cusp_spectrogram_new (4, 2, FALSE);
  double *edges = cusp_spectrogram_alloc_edges (spec);
  double values[] = { 10, 100, 1000, NAN, 50, 5, 20, 200 };

  cusp_spectrogram_set_name (spec, "Test spectrum");
  cusp_spectrogram_set_unit (spec, "keV/(cm^2 s sr keV)");
  cusp_spectrogram_set_bin_unit (spec, "eV");
  cusp_spectrogram_set_bin_label (spec, "Energy");
  spec->y_scale = CUSP_SCALE_LOG;
  spec->z_scale = CUSP_SCALE_LOG;
  spec->bin_centres[0] = sqrt (10);
  spec->bin_centres[1] = sqrt (1000);
  edges[0] = 1;
  edges[1] = 10;
  edges[2] = 100;
  for (guint i = 0; i < 4; i++)
    spec->times[i] = t0 + i * 15 * CUSP_NS_PER_MINUTE;
  memcpy (spec->values, values, sizeof values);
  return cusp_data_new_spectrogram (spec);
}

static void
assert_cell_colour (const Image *image,
                    int          x,
                    int          y,
                    double       v)
{
  guint8 expected[4], got[4];

  cusp_colormap_map (cusp_colormap_get_default (), v, 1, 1000, TRUE, expected);
  pixel (image, x, y, got);
  g_assert_cmpuint (got[0], ==, expected[0]);
  g_assert_cmpuint (got[1], ==, expected[1]);
  g_assert_cmpuint (got[2], ==, expected[2]);
}

static void
test_spectrogram_cells (void)
{
  CuspTime t0 = day_start ();
  g_autoptr (CuspData) data = make_spectrogram (t0);
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  double lo, hi;
  Image image;
  /* Bin 0 [1, 10) is the lower half of the log axis 1..100: rows 131..256;
   * bin 1 the upper half.  Record i covers columns 84 + 99.5·i onwards. */
  int y_bin0 = DY + 3 * DH / 4, y_bin1 = DY + DH / 4;

  cusp_plot_renderer_add_panel (renderer, data);
  cusp_plot_renderer_set_range (renderer, t0, t0 + CUSP_NS_PER_HOUR);
  cusp_plot_renderer_set_z_range (renderer, 0, 1, 1000);
  g_assert_true (cusp_plot_renderer_get_y_range (renderer, 0, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (lo, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, 100, 1e-12);
  render (renderer, W, H, &image);

  assert_cell_colour (&image, DX + 50, y_bin0, 10);
  assert_cell_colour (&image, DX + 50, y_bin1, 100);
  assert_cell_colour (&image, DX + 150, y_bin0, 1000);
  /* NaN is transparent: the white background shows. */
  g_assert_true (is_white (&image, DX + 150, y_bin1));
  assert_cell_colour (&image, DX + 250, y_bin0, 50);
  assert_cell_colour (&image, DX + 350, y_bin1, 200);
  cairo_surface_destroy (image.surface);

  /* Autoscaled z: the visible values' range, 5..1000. */
  cusp_plot_renderer_set_z_range (renderer, 0, NAN, NAN);
  g_assert_true (cusp_plot_renderer_get_z_range (renderer, 0, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 5);
  g_assert_cmpfloat (hi, ==, 1000);
}

static void
test_autoscale (void)
{
  CuspSeries *series = cusp_series_new (6, 2);
  /* Column 0: NaN and ±Inf are ignored; the last sample is outside the
   * view.  Column 1: 3 and a zero. */
  double values[] = { NAN, 2, INFINITY, 4, -INFINITY, 100,
                      3, 0, NAN, 3, 3, 3 };
  g_autoptr (CuspData) data = NULL;
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  double lo, hi;

  for (guint i = 0; i < 6; i++)
    series->times[i] = i * 10;
  memcpy (series->values, values, sizeof values);
  data = cusp_data_new_series (series);
  cusp_plot_renderer_add_panel (renderer, data);
  cusp_plot_renderer_set_range (renderer, 0, 50);

  /* Data 0..4, padded by 5 % of 4. */
  g_assert_true (cusp_plot_renderer_get_y_range (renderer, 0, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (lo, -0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, 4.2, 1e-12);

  /* Log: the zero is skipped, 2..4 padded by 5 % of log10 2. */
  cusp_plot_renderer_set_y_scale (renderer, 0, CUSP_SCALE_LOG);
  g_assert_true (cusp_plot_renderer_get_y_range (renderer, 0, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (lo, 2 * pow (2, -0.05), 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, 4 * pow (2, 0.05), 1e-9);

  /* Manual range wins; NaN returns to autoscale. */
  cusp_plot_renderer_set_y_range (renderer, 0, 1, 1000);
  g_assert_true (cusp_plot_renderer_get_y_range (renderer, 0, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 1);
  g_assert_cmpfloat (hi, ==, 1000);
  cusp_plot_renderer_set_y_range (renderer, 0, NAN, NAN);
  cusp_plot_renderer_set_y_scale (renderer, 0, CUSP_SCALE_LINEAR);
  /* A view with only the NaN sample has nothing to scale to. */
  cusp_plot_renderer_set_range (renderer, 0, 1);
  g_assert_true (cusp_plot_renderer_get_y_range (renderer, 0, &lo, &hi));
  /* ... column 1 still has 3 there: 3 ± 0.3. */
  g_assert_cmpfloat_with_epsilon (lo, 2.7, 1e-12);
  cusp_plot_renderer_set_range (renderer, 1000, 2000);
  g_assert_false (cusp_plot_renderer_get_y_range (renderer, 0, &lo, &hi));
}

static void
test_empty_and_other_kinds (void)
{
  g_autoptr (CuspData) empty = cusp_data_new_series (cusp_series_new (0, 3));
  g_autoptr (CuspData) spec = cusp_data_new_spectrogram (cusp_spectrogram_new (0, 4, FALSE));
  g_autoptr (CuspData) intervals = cusp_data_new_intervals (cusp_interval_set_new ("I"));
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  g_autoptr (CuspPlotRenderer) copy = NULL;
  double lo, hi;
  Image image;

  cusp_plot_renderer_add_panel (renderer, empty);
  cusp_plot_renderer_add_panel (renderer, spec);
  cusp_plot_renderer_add_panel (renderer, intervals);
  g_assert_cmpuint (cusp_plot_renderer_get_n_panels (renderer), ==, 3);
  g_assert_false (cusp_plot_renderer_get_y_range (renderer, 0, &lo, &hi));
  g_assert_false (cusp_plot_renderer_get_z_range (renderer, 1, &lo, &hi));
  render (renderer, W, H, &image);
  cairo_surface_destroy (image.surface);
  /* A tiny figure draws nothing but does not fail. */
  render (renderer, 10, 10, &image);
  cairo_surface_destroy (image.surface);

  copy = cusp_plot_renderer_copy (renderer);
  cusp_plot_renderer_remove_panel (renderer, 1);
  g_assert_cmpuint (cusp_plot_renderer_get_n_panels (renderer), ==, 2);
  g_assert_cmpuint (cusp_plot_renderer_get_n_panels (copy), ==, 3);
  g_assert_true (cusp_plot_renderer_get_panel_data (copy, 1) == spec);
  g_assert_true (cusp_plot_renderer_get_panel_data (renderer, 1) == intervals);
}

static void
test_line_colours (void)
{
  double a[3], b[3], mag[3];

  /* Tableau 10's first two: 4e79a7 and f28e2b. */
  cusp_plot_renderer_line_colour ("Bx", 0, a);
  cusp_plot_renderer_line_colour ("By", 1, b);
  g_assert_cmpfloat_with_epsilon (a[0], 0x4e / 255.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (b[0], 0xf2 / 255.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (b[2], 0x2b / 255.0, 1e-12);
  /* A magnitude is dark grey whatever its index. */
  cusp_plot_renderer_line_colour ("|B|", 3, mag);
  g_assert_cmpfloat (mag[0], ==, mag[1]);
  g_assert_cmpfloat (mag[1], ==, mag[2]);
  g_assert_cmpfloat (mag[0], <, 0.3);
}

static gchar *
read_file (const char *path,
           gsize      *length)
{
  char *contents = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static void
count_element (GMarkupParseContext  *context,
               const char           *name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (name));
}

static void
test_export (void)
{
  CuspTime t0 = day_start ();
  g_autoptr (CuspData) lines = make_spike_series (t0);
  g_autoptr (CuspData) spec = make_spectrogram (t0);
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cusp-render-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "f.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "f.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "f.pdf", NULL);
  g_autofree char *txt = g_build_filename (dir, "f.txt", NULL);
  g_autofree char *svg_text = NULL, *pdf_text = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GMarkupParser parser = { count_element, NULL, NULL, NULL, NULL };
  GMarkupParseContext *context;
  cairo_surface_t *surface;
  gsize length;

  cusp_plot_renderer_add_panel (renderer, lines);
  cusp_plot_renderer_add_panel (renderer, spec);
  cusp_plot_renderer_set_range (renderer, t0, t0 + CUSP_NS_PER_HOUR);

  g_assert_true (cusp_plot_renderer_export (renderer, png, 640, 480, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 480);
  cairo_surface_destroy (surface);

  g_assert_true (cusp_plot_renderer_export (renderer, svg, 640, 480, &error));
  g_assert_no_error (error);
  svg_text = read_file (svg, &length);
  context = g_markup_parse_context_new (&parser, 0, names, NULL);
  g_assert_true (g_markup_parse_context_parse (context, svg_text, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "svg");
  /* The spectrogram goes in as an embedded image. */
  g_assert_true (g_ptr_array_find_with_equal_func (names, "image", g_str_equal, NULL));

  g_assert_true (cusp_plot_renderer_export (renderer, pdf, 640, 480, &error));
  g_assert_no_error (error);
  pdf_text = read_file (pdf, &length);
  g_assert_cmpuint (length, >, 100);
  g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));
  g_assert_nonnull (g_strstr_len (pdf_text + length - 32, 32, "%%EOF"));

  g_assert_false (cusp_plot_renderer_export (renderer, txt, 640, 480, &error));
  g_assert_error (error, CUSP_PLOT_RENDERER_ERROR, CUSP_PLOT_RENDERER_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  g_assert_false (cusp_plot_renderer_export (renderer, png, 20, 20, &error));
  g_assert_error (error, CUSP_PLOT_RENDERER_ERROR, CUSP_PLOT_RENDERER_ERROR_SIZE);
  g_clear_error (&error);
  g_assert_false (cusp_plot_renderer_export (renderer, "/nonexistent-cusp-dir/f.png",
                                             640, 480, &error));
  g_assert_error (error, CUSP_PLOT_RENDERER_ERROR, CUSP_PLOT_RENDERER_ERROR_WRITE);

  g_remove (png);
  g_remove (svg);
  g_remove (pdf);
  g_rmdir (dir);
}

/* ---- text bands -------------------------------------------------------- */

/* Samples every 10 s from t0: "Solar_Wind" at 0..90 s, "Magnetosheath"
 * at 100..190 s, fill at 200..240 s, "Solar_Wind" at 250..340 s.  The
 * median step is 10 s, so the runs are 0..100 s, 100..200 s (it stops at
 * the fill sample) and 250..350 s (last sample plus the step).  With
 * components == 2 the second band reads "Magnetosheath" 0..150 s then
 * "D_Msphere" 150..350 s. */
static CuspData *
make_regions (CuspTime t0,
              guint    components)
{
  CuspTextSeries *text = cusp_text_series_new (35, components);

  cusp_text_series_set_name (text, "Spacecraft_Region");
  cusp_text_series_set_label (text, 0, "MMS1");
  if (components > 1)
    cusp_text_series_set_label (text, 1, "MMS2");
  for (guint i = 0; i < 35; i++)
    {
      text->times[i] = t0 + i * 10 * CUSP_NS_PER_SECOND;
      cusp_text_series_set_value (text, 0, i, i < 10 ? "Solar_Wind"
                                              : i < 20 ? "Magnetosheath"
                                              : i < 25 ? NULL : "Solar_Wind");
      if (components > 1)
        cusp_text_series_set_value (text, 1, i, i < 15 ? "Magnetosheath" : "D_Msphere");
    }
  return cusp_data_new_text (text);
}

static void
assert_pixel (const Image *image,
              int          x,
              int          y,
              guint32      rgb)
{
  guint8 rgba[4];

  pixel (image, x, y, rgba);
  g_assert_cmphex (((guint32) rgba[0] << 16) | ((guint32) rgba[1] << 8) | rgba[2], ==, rgb);
  g_assert_cmpuint (rgba[3], ==, 255);
}

/* Pixels of [x0, x1) × [y0, y1) that are neither colour a nor b. */
static guint
count_other (const Image *image,
             int          x0,
             int          x1,
             int          y0,
             int          y1,
             guint32      a,
             guint32      b)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint8 rgba[4];
        guint32 c;

        pixel (image, x, y, rgba);
        c = ((guint32) rgba[0] << 16) | ((guint32) rgba[1] << 8) | rgba[2];
        n += c != a && c != b;
      }
  return n;
}

/* Tableau 10, by first appearance: Solar_Wind 4e79a7, Magnetosheath
 * f28e2b, D_Msphere e15759; the figure's background is white. */
#define SOLAR_WIND    0x4e79a7
#define MAGNETOSHEATH 0xf28e2b
#define D_MSPHERE     0xe15759
#define WHITE         0xffffff

static void
test_text_band (void)
{
  CuspTime t0 = day_start ();
  g_autoptr (CuspData) data = make_regions (t0, 1);
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  Image image;
  int top = DY + 10, mid = DY + DH / 2;
  guint text_pixels;

  cusp_plot_renderer_add_panel (renderer, data);
  /* 398 s over the 398 px of the data area: x = 84 + seconds. */
  cusp_plot_renderer_set_range (renderer, t0, t0 + 398 * CUSP_NS_PER_SECOND);
  g_assert_false (cusp_plot_renderer_get_y_range (renderer, 0, &(double) { 0 }, &(double) { 0 }));
  render (renderer, W, H, &image);

  /* Inside each run (50, 150, 324 s) away from the centred labels, and
   * the fill at 225 s. */
  assert_pixel (&image, DX + 50, top, SOLAR_WIND);
  assert_pixel (&image, DX + 150, top, MAGNETOSHEATH);
  assert_pixel (&image, DX + 324, top, SOLAR_WIND);
  assert_pixel (&image, DX + 225, top, WHITE);
  assert_pixel (&image, DX + 225, mid, WHITE);
  /* Edges on whole pixels: 99 and 100 s are columns 183 and 184. */
  assert_pixel (&image, DX + 99, top, SOLAR_WIND);
  assert_pixel (&image, DX + 100, top, MAGNETOSHEATH);
  assert_pixel (&image, DX + 199, top, MAGNETOSHEATH);
  assert_pixel (&image, DX + 200, top, WHITE);
  assert_pixel (&image, DX + 249, top, WHITE);
  assert_pixel (&image, DX + 250, top, SOLAR_WIND);
  /* The band fills the data area's height. */
  assert_pixel (&image, DX + 50, DY, SOLAR_WIND);
  assert_pixel (&image, DX + 50, DY + DH - 1, SOLAR_WIND);
  assert_pixel (&image, DX + 50, DY + DH + 1, WHITE);

  /* Labels fit (~70-90 px in 100 px runs): other pixels near each run's
   * centre, dark ones (black text has the better WCAG contrast on these
   * colours); none in the fill. */
  text_pixels = count_other (&image, DX + 10, DX + 90, mid - 8, mid + 8, SOLAR_WIND, SOLAR_WIND);
  g_assert_cmpuint (text_pixels, >, 20);
  {
    guint dark = 0;

    for (int y = mid - 8; y < mid + 8; y++)
      for (int x = DX + 10; x < DX + 90; x++)
        dark += is_dark (&image, x, y);
    g_assert_cmpuint (dark, >, 20);
  }
  g_assert_cmpuint (count_other (&image, DX + 110, DX + 190, mid - 8, mid + 8,
                                 MAGNETOSHEATH, MAGNETOSHEATH), >, 20);
  g_assert_cmpuint (count_other (&image, DX + 201, DX + 249, DY, DY + DH, WHITE, WHITE), ==, 0);
  cairo_surface_destroy (image.surface);

  /* 10 s per pixel: runs of 10 px hold no label, only their colour. */
  cusp_plot_renderer_set_range (renderer, t0, t0 + 3980 * CUSP_NS_PER_SECOND);
  render (renderer, W, H, &image);
  g_assert_cmpuint (count_other (&image, DX, DX + 10, DY, DY + DH, SOLAR_WIND, SOLAR_WIND), ==, 0);
  g_assert_cmpuint (count_other (&image, DX + 10, DX + 20, DY, DY + DH, MAGNETOSHEATH, MAGNETOSHEATH), ==, 0);
  assert_pixel (&image, DX + 22, mid, WHITE);
  assert_pixel (&image, DX + 30, mid, SOLAR_WIND);
  assert_pixel (&image, DX + 36, mid, WHITE);
  cairo_surface_destroy (image.surface);
}

/* The legend in the right margin: a swatch column at x = 84 + 398 + 10 ..
 * + 10, first Solar_Wind's colour then Magnetosheath's below it. */
static void
test_text_legend (void)
{
  CuspTime t0 = day_start ();
  g_autoptr (CuspData) data = make_regions (t0, 1);
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  Image image;
  int first = -1, second = -1;

  cusp_plot_renderer_add_panel (renderer, data);
  cusp_plot_renderer_set_range (renderer, t0, t0 + 398 * CUSP_NS_PER_SECOND);
  render (renderer, W, H, &image);
  for (int y = DY; y < DY + 80; y++)
    {
      guint8 rgba[4];
      guint32 c;

      pixel (&image, DX + DW + 15, y, rgba);
      c = ((guint32) rgba[0] << 16) | ((guint32) rgba[1] << 8) | rgba[2];
      if (c == SOLAR_WIND && first < 0)
        first = y;
      if (c == MAGNETOSHEATH && second < 0)
        second = y;
    }
  g_assert_cmpint (first, >=, DY);
  g_assert_cmpint (second, >, first + 8);
  /* Nothing of the legend spills into the data area or past the figure. */
  assert_pixel (&image, DX + 349, DY + 10, SOLAR_WIND);
  assert_pixel (&image, DX + DW - 1, DY + 10, WHITE);
  assert_pixel (&image, W - 1, DY + 10, WHITE);
  cairo_surface_destroy (image.surface);
}

/* Two components, two bands of floor((250 - 4) / 2) = 123 px: y 6..128
 * and 133..255.  Magnetosheath keeps its colour in the second band;
 * D_Msphere, new there, takes the third. */
static void
test_text_components (void)
{
  CuspTime t0 = day_start ();
  g_autoptr (CuspData) data = make_regions (t0, 2);
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  Image image;

  cusp_plot_renderer_add_panel (renderer, data);
  cusp_plot_renderer_set_range (renderer, t0, t0 + 398 * CUSP_NS_PER_SECOND);
  render (renderer, W, H, &image);
  assert_pixel (&image, DX + 50, DY + 5, SOLAR_WIND);
  assert_pixel (&image, DX + 150, DY + 5, MAGNETOSHEATH);
  assert_pixel (&image, DX + 50, DY + 122, SOLAR_WIND);
  assert_pixel (&image, DX + 50, DY + 125, WHITE);          /* the gap between bands */
  assert_pixel (&image, DX + 50, 133 + 5, MAGNETOSHEATH);
  assert_pixel (&image, DX + 149, 133 + 5, MAGNETOSHEATH);
  assert_pixel (&image, DX + 150, 133 + 5, D_MSPHERE);
  assert_pixel (&image, DX + 340, DY + DH - 2, D_MSPHERE);
  cairo_surface_destroy (image.surface);
}

/* No samples, or none in the range: the frame and a note, no band; the
 * export writes a text panel like any other. */
static void
test_text_empty_and_export (void)
{
  CuspTime t0 = day_start ();
  g_autoptr (CuspData) empty = cusp_data_new_text (cusp_text_series_new (0, 1));
  g_autoptr (CuspData) data = make_regions (t0, 1);
  g_autoptr (CuspPlotRenderer) renderer = cusp_plot_renderer_new ();
  g_autoptr (CuspPlotRenderer) one = cusp_plot_renderer_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cusp-render-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "t.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "t.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "t.pdf", NULL);
  cairo_surface_t *surface;
  Image image;

  cusp_plot_renderer_add_panel (renderer, empty);
  cusp_plot_renderer_add_panel (renderer, data);
  /* An hour later than the data: nothing of it shows. */
  cusp_plot_renderer_set_range (renderer, t0 + CUSP_NS_PER_HOUR, t0 + 2 * CUSP_NS_PER_HOUR);
  render (renderer, W, H, &image);
  g_assert_true (is_white (&image, DX + 20, DY + 20));
  cairo_surface_destroy (image.surface);
  render (renderer, 10, 10, &image);
  cairo_surface_destroy (image.surface);

  cusp_plot_renderer_add_panel (one, data);
  cusp_plot_renderer_set_range (one, t0, t0 + 398 * CUSP_NS_PER_SECOND);
  g_assert_true (cusp_plot_renderer_export (one, png, W, H, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  image.surface = surface;
  image.data = cairo_image_surface_get_data (surface);
  image.stride = cairo_image_surface_get_stride (surface);
  assert_pixel (&image, DX + 50, DY + 10, SOLAR_WIND);
  assert_pixel (&image, DX + 150, DY + 10, MAGNETOSHEATH);
  cairo_surface_destroy (surface);
  g_assert_true (cusp_plot_renderer_export (one, svg, W, H, &error));
  g_assert_no_error (error);
  g_assert_true (cusp_plot_renderer_export (one, pdf, W, H, &error));
  g_assert_no_error (error);
  g_remove (png);
  g_remove (svg);
  g_remove (pdf);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/plot-render/spike", test_spike);
  g_test_add_func ("/cusp/plot-render/panel-weights", test_panel_weights);
  g_test_add_func ("/cusp/plot-render/time-labels", test_time_labels);
  g_test_add_func ("/cusp/plot-render/only-bottom-labels", test_only_bottom_labels);
  g_test_add_func ("/cusp/plot-render/spectrogram-cells", test_spectrogram_cells);
  g_test_add_func ("/cusp/plot-render/autoscale", test_autoscale);
  g_test_add_func ("/cusp/plot-render/empty", test_empty_and_other_kinds);
  g_test_add_func ("/cusp/plot-render/line-colours", test_line_colours);
  g_test_add_func ("/cusp/plot-render/export", test_export);
  g_test_add_func ("/cusp/plot-render/text-band", test_text_band);
  g_test_add_func ("/cusp/plot-render/text-legend", test_text_legend);
  g_test_add_func ("/cusp/plot-render/text-components", test_text_components);
  g_test_add_func ("/cusp/plot-render/text-empty-export", test_text_empty_and_export);

  return g_test_run ();
}
