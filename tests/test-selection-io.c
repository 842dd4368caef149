/* Tests for the burst-selection readers and writers.
 *
 * Expected TAI seconds are computed by hand: calendar seconds since
 * 1958-01-01 plus TAI-UTC (36 s from 2015-07-01, 37 s from 2017-01-01).
 * Check value from pymms tai.py: 2015-09-01 17:45:00 UTC = 1819820736. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cusp-selection.h"
#include "cusp-selection-io.h"

static GArray *
read_fixture (const char          *name,
              CuspSelectionFormat *detected)
{
  g_autofree char *path = g_build_filename (g_getenv ("CUSP_FIXTURES"), "selections", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GArray *segments = cusp_selection_read_file (file, NULL, detected, &error);

  g_assert_no_error (error);
  g_assert_nonnull (segments);
  return segments;
}

static const CuspBurstSegment *
at (GArray *segments,
    guint   i)
{
  return &g_array_index (segments, CuspBurstSegment, i);
}

static void
test_check_value (void)
{
  const char *pymms = "start_time,stop_time,fom,sourceid,discussion,createtime\n"
                      "2015-09-01 17:45:00,2015-09-01 17:46:00,150.0,jdoe(EVA),MP crossing,2019-10-20 01:02:03\n";
  const char *gls_v1 = "2015-09-01 17:45:36,2015-09-01 17:46:36,150.0,MP crossing (automatically generated)\n";
  g_autoptr(GArray) a = cusp_selection_read_data (pymms, -1, "a.csv", NULL, NULL, NULL);
  g_autoptr(GArray) b = cusp_selection_read_data (gls_v1, -1, "b.csv", NULL, NULL, NULL);

  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpint (at (a, 0)->start, ==, G_GINT64_CONSTANT (1819820736));
  g_assert_cmpint (at (a, 0)->stop, ==, G_GINT64_CONSTANT (1819820796));
  g_assert_cmpstr (at (a, 0)->source_id, ==, "jdoe(EVA)");
  g_assert_cmpstr (at (a, 0)->discussion, ==, "MP crossing");
  g_assert_cmpfloat (at (a, 0)->fom, ==, 150);
  /* 2019-10-20 01:02:03 UTC: calendar seconds 1950224523 + 37. */
  g_assert_cmpint (cusp_time_to_tai_seconds (at (a, 0)->create_time), ==, G_GINT64_CONSTANT (1950224560));

  /* GLS v1 writes TAI calendar time: 17:45:36 TAI is 17:45:00 UTC. */
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_cmpint (at (b, 0)->start, ==, G_GINT64_CONSTANT (1819820736));
  g_assert_cmpint (at (b, 0)->stop, ==, G_GINT64_CONSTANT (1819820796));
  g_assert_cmpstr (at (b, 0)->discussion, ==, "MP crossing (automatically generated)");
}

static void
test_sdc_public_fixture (void)
{
  CuspSelectionFormat detected = CUSP_SELECTION_FORMAT_AUTO;
  g_autoptr(GArray) s = read_fixture ("sdc_burst_segments_slams.csv", &detected);
  gboolean found = FALSE;

  g_assert_cmpint (detected, ==, CUSP_SELECTION_FORMAT_SDC_PUBLIC);
  /* 302 lines: the header and 301 rows. */
  g_assert_cmpuint (s->len, ==, 301);

  /* 46588,"2015-11-30 03:43:24 UTC","2015-11-30 03:45:44 UTC",...,SLAMS,... */
  g_assert_cmpint (at (s, 0)->data_segment_id, ==, 46588);
  g_assert_cmpint (at (s, 0)->start, ==, G_GINT64_CONSTANT (1827546240));
  g_assert_cmpint (at (s, 0)->stop, ==, G_GINT64_CONSTANT (1827546380));
  g_assert_cmpuint (cusp_burst_segment_n_buffers (at (s, 0)), ==, 14);
  g_assert_cmpstr (at (s, 0)->discussion, ==, "SLAMS");
  g_assert_cmpstr (at (s, 0)->source_id, ==, "Burst");
  g_assert_true (isnan (at (s, 0)->fom));

  /* 172887,"2020-04-11 21:14:43 UTC","2020-04-11 21:17:33 UTC",...,SLAMS?,... */
  g_assert_cmpint (at (s, 300)->data_segment_id, ==, 172887);
  g_assert_cmpint (at (s, 300)->start, ==, G_GINT64_CONSTANT (1965330920));
  g_assert_cmpint (at (s, 300)->stop, ==, G_GINT64_CONSTANT (1965331090));
  g_assert_cmpstr (at (s, 300)->discussion, ==, "SLAMS?");

  /* A quoted description with commas. */
  for (guint i = 0; i < s->len; i++)
    if (at (s, i)->data_segment_id == 48560)
      {
        found = TRUE;
        g_assert_cmpint (at (s, i)->start, ==, G_GINT64_CONSTANT (1832554960));
        g_assert_cmpint (at (s, i)->stop, ==, G_GINT64_CONSTANT (1832555070));
        g_assert_cmpstr (at (s, i)->discussion, ==,
                         "foreshock/BS crossing, small-scale B structures (possibly SLAMS), "
                         "reflected ions, strong E & B waves");
      }
  g_assert_true (found);
}

static void
test_gls_fixture (void)
{
  CuspSelectionFormat detected = CUSP_SELECTION_FORMAT_AUTO;
  g_autoptr(GArray) s = read_fixture ("gls_mp-dl-unh_example_2017-02-03_2017-02-05.csv", &detected);
  const char *text = "Selection description not yet implemented - this is an auto generated description";

  g_assert_cmpint (detected, ==, CUSP_SELECTION_FORMAT_GLS_3COL);
  g_assert_cmpuint (s->len, ==, 49);
  /* 2017-02-04 00:50:21.341118 -> 00:55:13.843078 UTC, widened to whole
   * seconds: 00:50:21 .. 00:55:14. */
  g_assert_cmpint (at (s, 0)->start, ==, G_GINT64_CONSTANT (1864860658));
  g_assert_cmpint (at (s, 0)->stop, ==, G_GINT64_CONSTANT (1864860951));
  g_assert_cmpfloat (at (s, 0)->fom, ==, 150);
  g_assert_cmpstr (at (s, 0)->discussion, ==, text);
  /* 2017-02-05 23:53:54.810662 -> 23:57:44.312306: 23:53:54 .. 23:57:45. */
  g_assert_cmpint (at (s, 48)->start, ==, G_GINT64_CONSTANT (1865030071));
  g_assert_cmpint (at (s, 48)->stop, ==, G_GINT64_CONSTANT (1865030302));
  g_assert_cmpstr (at (s, 48)->discussion, ==, text);
}

static void
test_eva_fixture (void)
{
  CuspSelectionFormat detected = CUSP_SELECTION_FORMAT_AUTO;
  g_autoptr(GArray) s = read_fixture ("eva_restore_txt_sample.txt", &detected);

  g_assert_cmpint (detected, ==, CUSP_SELECTION_FORMAT_EVA_TEXT);
  /* Three lines, the last without a newline. */
  g_assert_cmpuint (s->len, ==, 3);
  g_assert_cmpint (at (s, 0)->start, ==, G_GINT64_CONSTANT (1817127636));   /* 2015-08-01 13:40:00 */
  g_assert_cmpint (at (s, 0)->stop, ==, G_GINT64_CONSTANT (1817127816));    /* 13:43:00 */
  g_assert_cmpfloat (at (s, 0)->fom, ==, 230);
  g_assert_cmpstr (at (s, 0)->discussion, ==, "Mauk -- cross cal for particle instruments");
  g_assert_cmpfloat (at (s, 1)->fom, ==, 210.3);
  g_assert_cmpstr (at (s, 1)->discussion, ==, "Fuselier/Pollock -- HPCA/FPI low-E cross cal");
  /* 23:58:00 .. 00:02:05: the stop is on the next day. */
  g_assert_cmpint (at (s, 2)->start, ==, G_GINT64_CONSTANT (1817164716));
  g_assert_cmpint (at (s, 2)->stop, ==, G_GINT64_CONSTANT (1817164961));
  g_assert_cmpfloat (at (s, 2)->fom, ==, 210);
}

static void
test_sdc_csv (void)
{
  /* The illustrative row of eva_sitl.md §2(a), with unit-suffixed headers. */
  const char *csv =
    "DATASEGMENTID,TAISTARTTIME (TAI seconds since 1958-01-01),TAIENDTIME (TAI seconds since 1958-01-01),"
    "PARAMETERSETID,FOM,ISPENDING,INPLAYLIST,STATUS,NUMEVALCYCLES,SOURCEID,CREATETIME,FINISHTIME,DISCUSSION\r\n"
    "123456,1819820736,1819820786,r123,125.0,0,0,COMPLETE+FINISHED,2,jdoe(EVA),2015-09-02 01:23:45,"
    "2015-09-03 10:00:00,\"MP crossing, EDR candidate\"\r\n"
    "123457,1819820800,1819820800,r123,20,0,0,NEW,0,abs,,,unquoted, with comma\r\n";
  g_autoptr(GError) error = NULL;
  CuspSelectionFormat detected;
  g_autoptr(GArray) s = cusp_selection_read_data (csv, -1, "sdc.csv", NULL, &detected, &error);

  g_assert_no_error (error);
  g_assert_cmpint (detected, ==, CUSP_SELECTION_FORMAT_SDC_CSV);
  g_assert_cmpuint (s->len, ==, 2);
  /* 6 buffers: 1819820736 .. 1819820786 + 10. */
  g_assert_cmpint (at (s, 0)->start, ==, G_GINT64_CONSTANT (1819820736));
  g_assert_cmpint (at (s, 0)->stop, ==, G_GINT64_CONSTANT (1819820796));
  g_assert_cmpuint (cusp_burst_segment_n_buffers (at (s, 0)), ==, 6);
  g_assert_cmpint (at (s, 0)->data_segment_id, ==, 123456);
  g_assert_cmpfloat (at (s, 0)->fom, ==, 125);
  g_assert_cmpstr (at (s, 0)->status, ==, "COMPLETE+FINISHED");
  g_assert_cmpstr (at (s, 0)->source_id, ==, "jdoe(EVA)");
  g_assert_cmpstr (at (s, 0)->discussion, ==, "MP crossing, EDR candidate");
  /* 2015-09-02 01:23:45 UTC = 1819820736 + 27525 s (7 h 38 min 45 s). */
  g_assert_cmpint (cusp_time_to_tai_seconds (at (s, 0)->create_time), ==, G_GINT64_CONSTANT (1819848261));
  /* One buffer when TAIENDTIME = TAISTARTTIME. */
  g_assert_cmpint (at (s, 1)->stop - at (s, 1)->start, ==, 10);
  g_assert_cmpstr (at (s, 1)->discussion, ==, "unquoted, with comma");
  g_assert_cmpint (at (s, 1)->create_time, ==, CUSP_TIME_INVALID);
}

static void
test_detect_and_force (void)
{
  const char *eva = "2015-08-01, 13:40:00, 13:43:00, 230  , Mauk\n";
  const char *gls = "2017-02-04 00:50:21,2017-02-04 00:55:13,description\n";
  g_autoptr(GError) error = NULL;
  CuspSelectionReadOptions options;
  g_autoptr(GArray) forced = NULL;

  g_assert_cmpint (cusp_selection_format_detect (eva, -1), ==, CUSP_SELECTION_FORMAT_EVA_TEXT);
  g_assert_cmpint (cusp_selection_format_detect (gls, -1), ==, CUSP_SELECTION_FORMAT_GLS_3COL);
  g_assert_cmpint (cusp_selection_format_detect ("\n\nstart_time,stop_time,fom,sourceid,discussion,createtime\n", -1),
                   ==, CUSP_SELECTION_FORMAT_PYMMS_CSV);
  g_assert_cmpint (cusp_selection_format_detect ("hello, world\n", -1), ==, CUSP_SELECTION_FORMAT_UNKNOWN);
  g_assert_cmpint (cusp_selection_format_detect ("", -1), ==, CUSP_SELECTION_FORMAT_UNKNOWN);

  g_assert_null (cusp_selection_read_data ("hello, world\n", -1, "x.txt", NULL, NULL, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);

  /* Forcing pymms on a headerless GLS file fails on line 1. */
  cusp_selection_read_options_init (&options);
  options.format = CUSP_SELECTION_FORMAT_PYMMS_CSV;
  g_assert_null (cusp_selection_read_data (gls, -1, "g.csv", &options, NULL, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "g.csv, line 1: "));
  g_clear_error (&error);

  /* Forcing GLS v1 reads the third column as a FOM, and fails on it. */
  options.format = CUSP_SELECTION_FORMAT_GLS_V1;
  g_assert_null (cusp_selection_read_data ("2017-02-04 00:50:21,2017-02-04 00:55:13,150,x\n"
                                           "2017-02-04 01:50:21,2017-02-04 01:55:13,high,x\n",
                                           -1, "g.csv", &options, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "g.csv, line 2: "));
  g_clear_error (&error);

  options.format = CUSP_SELECTION_FORMAT_GLS_3COL;
  forced = cusp_selection_read_data ("2017-02-04 00:50:20,2017-02-04 00:55:10,150,x\n", -1, "g.csv", &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (at (forced, 0)->discussion, ==, "150,x");
  g_assert_cmpfloat (at (forced, 0)->fom, ==, 150);
}

static void
assert_line3 (const char *contents,
              const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) s = cusp_selection_read_data (contents, -1, "bad.csv", NULL, NULL, &error);

  g_test_message ("%s: %s", what, error != NULL ? error->message : "(no error)");
  g_assert_null (s);
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "bad.csv, line 3: "));
}

static void
test_malformed (void)
{
  const char *header = "start_time,stop_time,fom,sourceid,discussion,createtime\n"
                       "2019-10-19 05:13:40,2019-10-19 05:15:20,150.0,x,ok,\n";
  const char *tail = "2019-10-19 06:13:40,2019-10-19 06:15:20,150.0,x,ok,\n";
  struct { const char *line; const char *what; } pymms[] = {
    { "2019-10-19 25:13:40,2019-10-19 05:15:20,150.0,x,bad hour,\n", "bad time" },
    { "2019-10-19 05:13:40,2019-10-19 05:15:20,150.0,x\n", "column count" },
    { "2019-10-19 05:15:20,2019-10-19 05:13:40,150.0,x,reversed,\n", "stop before start" },
    { "2019-10-19 05:13:40,2019-10-19 05:15:20,lots,x,fom,\n", "bad FOM" },
    { "2019-10-19 05:13:40,2019-10-19 05:15:20,1,x,\"open quote,\n", "open quote" },
    { "2019-10-19 05:13:40,2019-10-19 05:15:20,1,x,ok,yesterday\n", "bad create time" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pymms); i++)
    {
      g_autofree char *contents = g_strconcat (header, pymms[i].line, tail, NULL);

      assert_line3 (contents, pymms[i].what);
    }

  /* Headerless formats, and a blank line counted in the numbering. */
  assert_line3 ("2015-08-01, 13:40:00, 13:43:00, 230, a\n"
                "2015-08-01, 14:40:00, 14:43:00, 230, b\n"
                "2015-08-01, 15:4:00, 15:43:00, 230, c\n", "EVA bad time");
  assert_line3 ("2015-08-01, 13:40:00, 13:43:00, 230, a\n"
                "\n"
                "2015-08-01, 15:40:00, 15:43:00\n", "EVA column count");
  assert_line3 ("2017-02-04 00:50:21,2017-02-04 00:55:13,x\n"
                "2017-02-04 01:50:21,2017-02-04 01:55:13,x\n"
                "2017-02-04 02:55:21,2017-02-04 02:50:13,x\n", "GLS stop before start");
  assert_line3 ("DATASEGMENTID,TAISTARTTIME,TAIENDTIME,FOM,DISCUSSION\n"
                "1,1819820736,1819820786,10,a\n"
                "2,1819820836,1819820786,10,b\n", "SDC end before start");
  assert_line3 ("DATASEGMENTID,TAISTARTTIME,TAIENDTIME,FOM,DISCUSSION\n"
                "1,1819820736,1819820786,10,a\n"
                "2,1819820836\n", "SDC column count");
  assert_line3 ("id,time,end,type,sc_id,source,orbit,description,discussion,tag\n"
                "1,\"2015-11-30 03:43:24 UTC\",\"2015-11-30 03:45:44 UTC\",b,mms,Burst,263,SLAMS,undefined,null\n"
                "2,\"2015-11-31 03:43:24 UTC\",\"2015-11-30 03:45:44 UTC\",b,mms,Burst,263,SLAMS,undefined,null\n",
                "public bad date");
}

static void
test_combine_dedup (void)
{
  const char *csv =
    "start_time,stop_time,fom,sourceid,discussion,createtime\n"
    "2019-10-19 05:00:00,2019-10-19 05:01:00,100,a,x,2019-10-20 01:00:00\n"
    "2019-10-19 05:01:00,2019-10-19 05:02:00,100,a,x,2019-10-20 01:00:00\n"
    "2019-10-19 05:02:00,2019-10-19 05:03:00,90,a,x,2019-10-20 01:00:00\n"
    "2019-10-19 06:00:00,2019-10-19 06:05:00,50,old,y,2019-10-20 01:00:00\n"
    "2019-10-19 06:01:00,2019-10-19 06:04:00,60,new,z,2019-10-21 01:00:00\n";
  CuspSelectionReadOptions options;
  g_autoptr(GArray) plain = NULL;
  g_autoptr(GArray) s = NULL;

  plain = cusp_selection_read_data (csv, -1, "c.csv", NULL, NULL, NULL);
  g_assert_cmpuint (plain->len, ==, 5);

  cusp_selection_read_options_init (&options);
  options.combine = TRUE;
  options.remove_duplicates = TRUE;
  s = cusp_selection_read_data (csv, -1, "c.csv", &options, NULL, NULL);
  /* 05:00-05:02 combined (same FOM and discussion, contiguous); 05:02-05:03
   * has another FOM; of the overlapping 06:00 pair the newer one stays. */
  g_assert_cmpuint (s->len, ==, 3);
  g_assert_cmpint (at (s, 0)->stop - at (s, 0)->start, ==, 120);
  g_assert_cmpfloat (at (s, 1)->fom, ==, 90);
  g_assert_cmpstr (at (s, 2)->source_id, ==, "new");
  g_assert_cmpint (at (s, 2)->stop - at (s, 2)->start, ==, 180);
}

/* ------------------------------------------------------------------ */
/* Round trips                                                          */

static CuspBurstSegment
make (gint64      start,
      gint64      stop,
      double      fom,
      const char *discussion)
{
  CuspBurstSegment s;

  cusp_burst_segment_init (&s);
  s.start = start;
  s.stop = stop;
  s.fom = fom;
  s.discussion = g_strdup (discussion);
  return s;
}

static void
round_trip (GArray              *segments,
            CuspSelectionFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cusp-selection-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) back = NULL;
  CuspSelectionFormat detected;

  g_assert_no_error (error);
  path = g_build_filename (dir, "out.csv", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (cusp_selection_write_file (file, (CuspBurstSegment *) segments->data, segments->len,
                                            format, &error));
  g_assert_no_error (error);
  back = cusp_selection_read_file (file, NULL, &detected, &error);
  g_assert_no_error (error);
  g_assert_cmpint (detected, ==, format);
  g_assert_cmpuint (back->len, ==, segments->len);
  for (guint i = 0; i < back->len; i++)
    g_assert_true (cusp_burst_segment_equal (at (back, i), at (segments, i)));
  g_assert_true (g_file_delete (file, NULL, NULL));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_round_trip_pymms (void)
{
  g_autoptr(GArray) s = cusp_burst_segment_array_new ();
  CuspBurstSegment a = make (1819820736, 1819820796, 150, "MP crossing, \"EDR\" candidate");
  CuspBurstSegment b = make (1819820800, 1819820805, 210.3, NULL);
  CuspBurstSegment c = make (1819830000, 1819830600, NAN, "no FOM");

  a.source_id = g_strdup ("jdoe(EVA)");
  a.create_time = cusp_time_from_tai_seconds (1819848261);
  g_array_append_val (s, a);
  g_array_append_val (s, b);
  g_array_append_val (s, c);
  round_trip (s, CUSP_SELECTION_FORMAT_PYMMS_CSV);
}

static void
test_round_trip_sdc (void)
{
  g_autoptr(GArray) s = cusp_burst_segment_array_new ();
  CuspBurstSegment a = make (1819820736, 1819820796, 125, "MP crossing, EDR candidate");
  CuspBurstSegment b = make (1819820800, 1819820810, 0.1, NULL);
  g_autoptr(GError) error = NULL;
  CuspBurstSegment tiny = make (10, 15, 1, NULL);
  g_autofree char *written = NULL;

  a.source_id = g_strdup ("jdoe(EVA)");
  a.status = g_strdup ("COMPLETE+FINISHED");
  a.data_segment_id = 123456;
  a.create_time = cusp_time_from_tai_seconds (1819848261);
  g_array_append_val (s, a);
  g_array_append_val (s, b);
  round_trip (s, CUSP_SELECTION_FORMAT_SDC_CSV);

  written = cusp_selection_write_data (&tiny, 1, CUSP_SELECTION_FORMAT_SDC_CSV, &error);
  g_assert_null (written);
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_UNREPRESENTABLE);
  cusp_burst_segment_clear (&tiny);
}

static void
test_round_trip_eva (void)
{
  g_autoptr(GArray) s = cusp_burst_segment_array_new ();
  CuspBurstSegment a = make (1817127636, 1817127816, 230, "Mauk -- cross cal, particles");
  CuspBurstSegment b = make (1817164716, 1817164961, 210.3, "across midnight");
  g_autoptr(GError) error = NULL;
  CuspBurstSegment day = make (1817127636, 1817127636 + 86400, 1, "day");
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;

  g_array_append_val (s, a);
  g_array_append_val (s, b);
  round_trip (s, CUSP_SELECTION_FORMAT_EVA_TEXT);

  /* The fixture's own form. */
  text = cusp_selection_write_data (&b, 1, CUSP_SELECTION_FORMAT_EVA_TEXT, NULL);
  g_assert_cmpstr (text, ==, "2015-08-01, 23:58:00, 00:02:05, 210.3, across midnight\n");

  written = cusp_selection_write_data (&day, 1, CUSP_SELECTION_FORMAT_EVA_TEXT, &error);
  g_assert_null (written);
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_UNREPRESENTABLE);
  cusp_burst_segment_clear (&day);
}

static void
test_selection_from_file (void)
{
  g_autoptr(GArray) s = read_fixture ("eva_restore_txt_sample.txt", NULL);
  /* Window 2015-08-01 13:00:00 UTC (TAI 1817127636 - 2400) for a day. */
  gint64 w0 = G_GINT64_CONSTANT (1817127636) - 2400;
  g_autoptr(CuspSelection) selection = cusp_selection_new (w0, w0 + 86400, w0, 500);

  cusp_selection_set_initial (selection, (CuspBurstSegment *) s->data, s->len);
  g_assert_cmpuint (cusp_selection_get_n_segments (selection), ==, 3);
  /* 00:02:05 snaps up to 00:02:10. */
  g_assert_cmpint (cusp_selection_get_segment (selection, 2)->stop, ==, G_GINT64_CONSTANT (1817164966));
  g_assert_cmpuint (cusp_burst_segment_n_buffers (cusp_selection_get_segment (selection, 2)), ==, 25);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/selection-io/check-value", test_check_value);
  g_test_add_func ("/cusp/selection-io/sdc-public-fixture", test_sdc_public_fixture);
  g_test_add_func ("/cusp/selection-io/gls-fixture", test_gls_fixture);
  g_test_add_func ("/cusp/selection-io/eva-fixture", test_eva_fixture);
  g_test_add_func ("/cusp/selection-io/sdc-csv", test_sdc_csv);
  g_test_add_func ("/cusp/selection-io/detect-and-force", test_detect_and_force);
  g_test_add_func ("/cusp/selection-io/malformed", test_malformed);
  g_test_add_func ("/cusp/selection-io/combine-dedup", test_combine_dedup);
  g_test_add_func ("/cusp/selection-io/round-trip-pymms", test_round_trip_pymms);
  g_test_add_func ("/cusp/selection-io/round-trip-sdc", test_round_trip_sdc);
  g_test_add_func ("/cusp/selection-io/round-trip-eva", test_round_trip_eva);
  g_test_add_func ("/cusp/selection-io/selection-from-file", test_selection_from_file);

  return g_test_run ();
}
