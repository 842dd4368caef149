/* Tests for CuspSelection (EVA editing semantics) and the validation.
 *
 * Times: W0 = 2015-09-01 12:00:00 UTC in TAI seconds.  The reference value
 * 2015-09-01 17:45:00 UTC = 1819820736 (pymms tai.py docstring) minus
 * 5 h 45 min (20700 s, no leap second in between) gives 1819800036.  The
 * window is W0 .. W0 + 3600 and the grid starts at W0. */
#include "config.h"

#include <math.h>
#include <glib.h>

#include "cusp-selection.h"
#include "cusp-selection-validate.h"

#define W0 G_GINT64_CONSTANT (1819800036)

typedef struct
{
  gint64      start;   /* seconds after W0 */
  gint64      stop;
  double      fom;
  const char *discussion;
} Expect;

static CuspBurstSegment
seg (gint64      start,
     gint64      stop,
     double      fom,
     const char *discussion)
{
  CuspBurstSegment s;

  cusp_burst_segment_init (&s);
  s.start = W0 + start;
  s.stop = W0 + stop;
  s.fom = fom;
  s.discussion = (char *) discussion;   /* borrowed: copied by set_initial */
  s.source_id = (char *) "ABS";
  return s;
}

/* A (100..200, 50), B (300..400, 60), C (500..600, 70). */
static CuspSelection *
three_segments (void)
{
  CuspSelection *selection = cusp_selection_new (W0, W0 + 3600, W0, 500);
  CuspBurstSegment abc[3] = {
    seg (100, 200, 50, "A"), seg (300, 400, 60, "B"), seg (500, 600, 70, "C"),
  };

  cusp_selection_set_initial (selection, abc, 3);
  return selection;
}

static void
assert_segments (CuspSelection *selection,
                 const Expect  *expect,
                 guint          n)
{
  g_assert_cmpuint (cusp_selection_get_n_segments (selection), ==, n);
  for (guint i = 0; i < n; i++)
    {
      const CuspBurstSegment *s = cusp_selection_get_segment (selection, i);

      g_assert_cmpint (s->start - W0, ==, expect[i].start);
      g_assert_cmpint (s->stop - W0, ==, expect[i].stop);
      g_assert_cmpfloat (s->fom, ==, expect[i].fom);
      g_assert_cmpstr (s->discussion, ==, expect[i].discussion);
    }
}

static GArray *
snapshot (CuspSelection *selection)
{
  return cusp_burst_segment_array_copy (cusp_selection_get_segments (selection));
}

static void
assert_state (CuspSelection *selection,
              GArray        *expected)
{
  const GArray *now = cusp_selection_get_segments (selection);

  g_assert_cmpuint (now->len, ==, expected->len);
  for (guint i = 0; i < now->len; i++)
    g_assert_true (cusp_burst_segment_equal (&g_array_index (now, CuspBurstSegment, i),
                                             &g_array_index (expected, CuspBurstSegment, i)));
}

/* EVA's eva_sitl_strct_update (docs/reference/eva_sitl.md §1.5; the
 * Edit dialog's sliders likewise "snapped to the nearest ABS 10-s
 * timestamp") puts the start and the stop of a new or edited segment on
 * the NEAREST buffer boundary: min(abs(TIMESTAMPS - t)), whose first index
 * wins a tie, so exactly half way goes to the earlier boundary. */
static void
test_snap (void)
{
  g_autoptr(CuspSelection) selection = cusp_selection_new (W0, W0 + 3600, W0, 500);
  g_autoptr(GError) error = NULL;
  Expect expect[] = { { 0, 20, 40, "new" } };
  Expect tie[] = { { 0, 20, 40, "new" }, { 100, 110, 41, "tie" } };
  guint index = 99;

  /* 12:00:03 is 3 s after 12:00:00 and 7 s before 12:00:10: 12:00:00.
   * 12:00:21 is 1 s after 12:00:20: 12:00:20.  Two buffers. */
  g_assert_true (cusp_selection_add (selection, W0 + 3, W0 + 21, 40, "new", 15, &index, NULL));
  g_assert_cmpuint (index, ==, 0);
  assert_segments (selection, expect, 1);
  g_assert_cmpuint (cusp_selection_get_n_buffers (selection), ==, 2);

  /* 12:01:45 is 5 s from 12:01:40 and from 12:01:50: the earlier one,
   * 12:01:40.  12:01:46 is 4 s before 12:01:50: 12:01:50.  One buffer. */
  g_assert_true (cusp_selection_add (selection, W0 + 105, W0 + 106, 41, "tie", 15, &index, NULL));
  g_assert_cmpuint (index, ==, 1);
  assert_segments (selection, tie, 2);

  /* 12:03:04 and 12:03:05 both go to 12:03:00: nothing is left. */
  g_assert_false (cusp_selection_add (selection, W0 + 184, W0 + 185, 40, NULL, 15, NULL, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_INVALID);
  assert_segments (selection, tie, 2);

  g_assert_cmpint (cusp_selection_snap_nearest (selection, W0 + 4), ==, W0);
  g_assert_cmpint (cusp_selection_snap_nearest (selection, W0 + 5), ==, W0);
  g_assert_cmpint (cusp_selection_snap_nearest (selection, W0 + 6), ==, W0 + 10);
  g_assert_cmpint (cusp_selection_snap_nearest (selection, W0 - 4), ==, W0);
  g_assert_cmpint (cusp_selection_snap_nearest (selection, W0 - 5), ==, W0 - 10);
  g_assert_cmpint (cusp_selection_snap_down (selection, W0 - 1), ==, W0 - 10);
  g_assert_cmpint (cusp_selection_snap_up (selection, W0 + 30), ==, W0 + 30);
  g_assert_cmpint (cusp_selection_snap_up (selection, W0 + 31), ==, W0 + 40);
}

static void
test_add_replaces_and_trims (void)
{
  g_autoptr(CuspSelection) selection = three_segments ();
  Expect expect[] = {
    { 100, 150, 50, "A" }, { 150, 550, 120, "big" }, { 550, 600, 70, "C" },
  };
  guint index = 99;

  cusp_selection_set_source_id (selection, "jdoe(EVA)");
  g_assert_true (cusp_selection_add (selection, W0 + 550, W0 + 150, 120, "big", 5, &index, NULL));
  g_assert_cmpuint (index, ==, 1);
  assert_segments (selection, expect, 3);
  /* Trimmed remainders and the new segment carry the editor's source id;
   * the new one has its OBSSET, the others keep theirs. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (cusp_selection_get_segment (selection, i)->source_id, ==, "jdoe(EVA)");
  g_assert_cmpuint (cusp_selection_get_segment (selection, 1)->obsset, ==, 5);
  g_assert_cmpuint (cusp_selection_get_segment (selection, 0)->obsset, ==, 15);
}

static void
test_add_inside_removes_enclosing (void)
{
  g_autoptr(CuspSelection) selection = three_segments ();
  Expect expect[] = {
    { 100, 200, 50, "A" }, { 320, 340, 200, "core" }, { 500, 600, 70, "C" },
  };

  /* EVA: segment_overlap code 4 (old encloses new) drops the old one. */
  g_assert_true (cusp_selection_add (selection, W0 + 320, W0 + 340, 200, "core", 15, NULL, NULL));
  assert_segments (selection, expect, 3);
  g_assert_cmpstr (cusp_selection_get_segment (selection, 0)->source_id, ==, "ABS");
}

static void
test_add_window (void)
{
  g_autoptr(CuspSelection) selection = three_segments ();
  g_autoptr(GError) error = NULL;
  guint64 revision = cusp_selection_get_revision (selection);
  Expect whole[] = { { 0, 3600, 40, NULL } };

  g_assert_false (cusp_selection_add (selection, W0 - 100, W0 + 50, 40, NULL, 15, NULL, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==, "Out of time range");
  g_clear_error (&error);

  g_assert_false (cusp_selection_add (selection, W0 + 3500, W0 + 3700, 40, NULL, 15, NULL, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  g_assert_false (cusp_selection_add (selection, W0 - 10, W0 + 3610, 40, NULL, 15, NULL, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_TOO_BIG);
  g_assert_cmpstr (error->message, ==, "Segment too big.");
  g_clear_error (&error);

  g_assert_false (cusp_selection_add (selection, W0 + 10, W0 + 20, NAN, NULL, 15, NULL, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (cusp_selection_add (selection, W0 + 10, W0 + 20, 40, NULL, 0, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Please select at least one spacecraft.");
  g_clear_error (&error);

  /* Failed adds changed nothing. */
  g_assert_cmpuint (cusp_selection_get_revision (selection), ==, revision);
  g_assert_false (cusp_selection_can_undo (selection));

  /* Exactly the window is allowed (EVA code 3) and replaces everything. */
  g_assert_true (cusp_selection_add (selection, W0, W0 + 3600, 40, NULL, 15, NULL, NULL));
  assert_segments (selection, whole, 1);
}

static void
test_fill (void)
{
  g_autoptr(CuspSelection) selection = three_segments ();
  g_autoptr(GError) error = NULL;
  gint64 lo, hi;

  g_assert_true (cusp_selection_find_gap (selection, W0 + 250, &lo, &hi, NULL));
  g_assert_cmpint (lo - W0, ==, 200);
  g_assert_cmpint (hi - W0, ==, 300);
  g_assert_true (cusp_selection_find_gap (selection, W0 + 50, &lo, &hi, NULL));
  g_assert_cmpint (lo - W0, ==, 0);
  g_assert_cmpint (hi - W0, ==, 100);
  g_assert_true (cusp_selection_find_gap (selection, W0 + 700, &lo, &hi, NULL));
  g_assert_cmpint (lo - W0, ==, 600);
  g_assert_cmpint (hi - W0, ==, 3600);

  g_assert_false (cusp_selection_find_gap (selection, W0 + 150, &lo, &hi, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_NO_GAP);
  g_clear_error (&error);

  {
    Expect expect[] = {
      { 100, 200, 50, "A" }, { 200, 300, 40, "gap" }, { 300, 400, 60, "B" }, { 500, 600, 70, "C" },
    };
    guint index = 99;

    g_assert_true (cusp_selection_fill (selection, W0 + 250, 40, "gap", 15, &index, NULL));
    g_assert_cmpuint (index, ==, 1);
    assert_segments (selection, expect, 4);
  }

  g_assert_false (cusp_selection_fill (selection, W0 + 350, 40, "x", 15, NULL, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_NO_GAP);
}

static void
test_edit (void)
{
  g_autoptr(CuspSelection) selection = three_segments ();
  g_autoptr(GError) error = NULL;
  guint index = 99;

  {
    /* B grows over half of C: C is trimmed. */
    Expect expect[] = { { 100, 200, 50, "A" }, { 290, 550, 99, "edited" }, { 550, 600, 70, "C" } };

    g_assert_true (cusp_selection_edit (selection, 1, W0 + 291, W0 + 549, 99, "edited", 5, &index, NULL));
    g_assert_cmpuint (index, ==, 1);
    assert_segments (selection, expect, 3);
    g_assert_cmpuint (cusp_selection_get_segment (selection, 1)->obsset, ==, 5);
  }
  {
    /* Shrinking only moves the segment's own ends.  Nearest boundaries:
     * 12:05:05 is a tie between 12:05:00 and 12:05:10 (the earlier wins),
     * 12:06:52 is 2 s after 12:06:50. */
    Expect expect[] = { { 100, 200, 50, "A" }, { 300, 410, 99, "edited" }, { 550, 600, 70, "C" } };

    g_assert_true (cusp_selection_set_times (selection, 1, W0 + 305, W0 + 412, &index, NULL));
    assert_segments (selection, expect, 3);
  }
  {
    Expect expect[] = { { 100, 200, 50, "A" }, { 300, 410, 7.5, "why" }, { 550, 600, 70, "C" } };

    g_assert_true (cusp_selection_set_fom (selection, 1, 7.5, NULL));
    g_assert_true (cusp_selection_set_discussion (selection, 1, "why", NULL));
    g_assert_true (cusp_selection_set_obsset (selection, 1, 9, NULL));
    assert_segments (selection, expect, 3);
    g_assert_cmpuint (cusp_selection_get_segment (selection, 1)->obsset, ==, 9);
  }

  g_assert_false (cusp_selection_set_obsset (selection, 1, 0, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Please select at least one spacecraft.");
  g_clear_error (&error);
  g_assert_false (cusp_selection_set_fom (selection, 3, 10, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cusp_selection_edit (selection, 0, W0 - 50, W0 + 100, 10, NULL, 15, NULL, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_OUT_OF_RANGE);
}

static void
test_split (void)
{
  g_autoptr(CuspSelection) selection = cusp_selection_new (W0, W0 + 3600, W0, 500);
  g_autoptr(GError) error = NULL;
  CuspBurstSegment one = seg (1000, 1100, 80, "long");

  cusp_selection_set_initial (selection, &one, 1);

  /* EVA: nmax = ceil (100 s / 30 s) = 4, piece length 25 s; boundaries at
   * 25, 50, 75 s go to the nearest timestamp, ties to the earlier one
   * (IDL min): 20, 50, 70.  So 2, 3, 2, 3 buffers. */
  {
    Expect expect[] = {
      { 1000, 1020, 80, "long" }, { 1020, 1050, 80, "long" },
      { 1050, 1070, 80, "long" }, { 1070, 1100, 80, "long" },
    };

    g_assert_true (cusp_selection_split (selection, 0, 3, NULL));
    assert_segments (selection, expect, 4);
  }
  cusp_selection_revert (selection);
  {
    Expect expect[] = { { 1000, 1050, 80, "long" }, { 1050, 1100, 80, "long" } };

    g_assert_true (cusp_selection_split (selection, 0, 5, NULL));
    assert_segments (selection, expect, 2);
  }
  cusp_selection_revert (selection);
  {
    /* 17 buffers (EVA's default split size) leave 10 buffers whole. */
    Expect expect[] = { { 1000, 1100, 80, "long" } };

    g_assert_true (cusp_selection_split (selection, 0, 17, NULL));
    assert_segments (selection, expect, 1);
  }
  cusp_selection_revert (selection);
  g_assert_true (cusp_selection_split (selection, 0, 1, NULL));
  g_assert_cmpuint (cusp_selection_get_n_segments (selection), ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (cusp_selection_get_segment (selection, i)->start - W0, ==, 1000 + 10 * i);

  g_assert_false (cusp_selection_split (selection, 0, 0, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_INVALID);
}

static void
test_delete (void)
{
  g_autoptr(CuspSelection) selection = three_segments ();
  g_autoptr(GError) error = NULL;
  guint first_and_last[] = { 0, 2 };
  guint all[] = { 0, 1, 2 };
  guint64 revision;

  {
    Expect expect[] = { { 300, 400, 60, "B" } };

    g_assert_true (cusp_selection_delete_several (selection, first_and_last, 2, NULL));
    assert_segments (selection, expect, 1);
  }

  revision = cusp_selection_get_revision (selection);
  g_assert_false (cusp_selection_delete (selection, 0, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_LAST_SEGMENT);
  g_assert_cmpstr (error->message, ==, "You can't delete all segments.");
  g_clear_error (&error);
  g_assert_cmpuint (cusp_selection_get_n_segments (selection), ==, 1);
  g_assert_cmpuint (cusp_selection_get_revision (selection), ==, revision);

  cusp_selection_revert (selection);
  g_assert_false (cusp_selection_delete_several (selection, all, 3, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_LAST_SEGMENT);
  g_clear_error (&error);
  g_assert_cmpuint (cusp_selection_get_n_segments (selection), ==, 3);

  {
    Expect expect[] = { { 100, 200, 50, "A" }, { 500, 600, 70, "C" } };

    g_assert_true (cusp_selection_delete (selection, 1, NULL));
    assert_segments (selection, expect, 2);
  }
  cusp_selection_revert (selection);
  {
    /* Range 12:02:35..12:07:35 (reversed) snaps to 150..460: A trimmed, B gone. */
    Expect expect[] = { { 100, 150, 50, "A" }, { 500, 600, 70, "C" } };

    g_assert_true (cusp_selection_delete_range (selection, W0 + 455, W0 + 155, NULL));
    assert_segments (selection, expect, 2);
  }
  g_assert_false (cusp_selection_delete_range (selection, W0, W0 + 3600, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_LAST_SEGMENT);
  g_clear_error (&error);
  g_assert_cmpuint (cusp_selection_get_n_segments (selection), ==, 2);

  g_assert_false (cusp_selection_delete (selection, 5, &error));
  g_assert_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_INVALID);
}

static void
test_merge_overlapping (void)
{
  g_autoptr(CuspSelection) selection = cusp_selection_new (W0, W0 + 3600, W0, 500);
  CuspBurstSegment overlapping[] = {
    seg (100, 200, 50, "a"), seg (150, 300, 80, "b"), seg (300, 400, 10, "c"), seg (350, 360, 5, "d"),
  };
  Expect expect[] = { { 100, 300, 80, "b" }, { 300, 400, 10, "c" } };

  overlapping[0].obsset = 1;
  overlapping[1].obsset = 2;
  cusp_selection_set_initial (selection, overlapping, 4);
  g_assert_cmpuint (cusp_selection_merge_overlapping (selection), ==, 2);
  assert_segments (selection, expect, 2);
  g_assert_cmpuint (cusp_selection_get_segment (selection, 0)->obsset, ==, 3);
  g_assert_cmpuint (cusp_selection_merge_overlapping (selection), ==, 0);
  /* One undo step for the merge, none for the no-op. */
  g_assert_true (cusp_selection_undo (selection));
  g_assert_false (cusp_selection_can_undo (selection));
  g_assert_cmpuint (cusp_selection_get_n_segments (selection), ==, 4);
}

static void
count_changed (CuspSelection *selection G_GNUC_UNUSED,
               guint         *count)
{
  (*count)++;
}

static void
test_undo_redo_revert (void)
{
  g_autoptr(CuspSelection) selection = three_segments ();
  g_autoptr(GArray) s0 = snapshot (selection);
  g_autoptr(GArray) s1 = NULL;
  g_autoptr(GArray) s2 = NULL;
  guint changes = 0;
  guint64 revision = cusp_selection_get_revision (selection);

  g_signal_connect (selection, "changed", G_CALLBACK (count_changed), &changes);

  g_assert_true (cusp_selection_add (selection, W0 + 150, W0 + 550, 120, "big", 15, NULL, NULL));
  s1 = snapshot (selection);
  g_assert_true (cusp_selection_delete (selection, 0, NULL));
  s2 = snapshot (selection);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (cusp_selection_get_revision (selection), ==, revision + 2);

  g_assert_true (cusp_selection_undo (selection));
  assert_state (selection, s1);
  g_assert_true (cusp_selection_undo (selection));
  assert_state (selection, s0);
  g_assert_false (cusp_selection_can_undo (selection));
  g_assert_false (cusp_selection_undo (selection));
  g_assert_true (cusp_selection_redo (selection));
  assert_state (selection, s1);
  g_assert_true (cusp_selection_redo (selection));
  assert_state (selection, s2);
  g_assert_false (cusp_selection_redo (selection));
  g_assert_cmpuint (changes, ==, 6);

  /* A new edit after an undo drops the redo history. */
  g_assert_true (cusp_selection_undo (selection));
  g_assert_true (cusp_selection_set_fom (selection, 0, 1, NULL));
  g_assert_false (cusp_selection_can_redo (selection));

  /* Revert to the ABS segments is itself undoable. */
  cusp_selection_revert (selection);
  assert_state (selection, s0);
  g_assert_true (cusp_selection_undo (selection));
  g_assert_cmpuint (cusp_selection_get_n_segments (selection), ==, 3);
  g_assert_cmpfloat (cusp_selection_get_segment (selection, 0)->fom, ==, 1);
  g_assert_cmpfloat (cusp_selection_get_segment (selection, 1)->fom, ==, 120);
}

static void
test_history_depth (void)
{
  g_autoptr(CuspSelection) selection = three_segments ();

  cusp_selection_set_history_depth (selection, 2);
  for (int i = 1; i <= 3; i++)
    g_assert_true (cusp_selection_set_fom (selection, 0, i, NULL));
  g_assert_true (cusp_selection_undo (selection));
  g_assert_true (cusp_selection_undo (selection));
  g_assert_false (cusp_selection_undo (selection));
  g_assert_cmpfloat (cusp_selection_get_segment (selection, 0)->fom, ==, 1);
}

/* ------------------------------------------------------------------ */
/* Validation                                                           */

#define AT_W0 "2015-09-01 12:00:00"

static void
assert_problem (GPtrArray           *problems,
                guint                i,
                CuspProblemSeverity  severity,
                int                  segment,
                const char          *message)
{
  CuspSelectionProblem *p;

  g_assert_cmpuint (i, <, problems->len);
  p = g_ptr_array_index (problems, i);
  g_assert_cmpint (p->severity, ==, severity);
  g_assert_cmpint (p->segment, ==, segment);
  g_assert_cmpstr (p->message, ==, message);
}

static void
test_validate_segment_messages (void)
{
  CuspBurstSegment s[] = {
    seg (0, 50, 300, NULL),      /* FOM out of bounds and above 200 */
    seg (100, 150, -1, NULL),    /* FOM out of bounds */
    seg (200, 810, 10, NULL),    /* 61 buffers */
    seg (900, 900, 10, NULL),    /* start not before stop */
    seg (1000, 1050, 201, NULL), /* above 200 */
    seg (1100, 1110, 10, NULL),  /* 1 buffer: outside nominal */
    seg (1200, 1250, 200, NULL), /* exactly 200: nothing */
  };
  g_autoptr(GPtrArray) problems = cusp_selection_validate (s, G_N_ELEMENTS (s), NULL);

  assert_problem (problems, 0, CUSP_PROBLEM_ERROR, 0,
                  "ERROR: FOM value at following times out of bounds (0 to 255): " AT_W0);
  assert_problem (problems, 1, CUSP_PROBLEM_ERROR, 1,
                  "ERROR: FOM value at following times out of bounds (0 to 255): 2015-09-01 12:01:40");
  assert_problem (problems, 2, CUSP_PROBLEM_ERROR, 2,
                  "ERROR: Segment lengths at following times out of bounds (1 to 60): 2015-09-01 12:03:20");
  assert_problem (problems, 3, CUSP_PROBLEM_ERROR, 3,
                  "ERROR: Start time must be less than stop time for following selections: 2015-09-01 12:15:00");
  assert_problem (problems, 4, CUSP_PROBLEM_ORANGE, 0,
                  "Submission needs SuperSITL Approval! FOM value at the following times exceeds recommended "
                  "value (200) and should be reserved for the highest priority events or FPI calibrations: " AT_W0);
  assert_problem (problems, 5, CUSP_PROBLEM_ORANGE, 4,
                  "Submission needs SuperSITL Approval! FOM value at the following times exceeds recommended "
                  "value (200) and should be reserved for the highest priority events or FPI calibrations: "
                  "2015-09-01 12:16:40");
  assert_problem (problems, 6, CUSP_PROBLEM_YELLOW, 5,
                  "Warning - segment lengths outside of nominal bounds (2 to 35) at the following time_stamps, "
                  "requires justification: 2015-09-01 12:18:20");
  g_assert_cmpuint (problems->len, ==, 7);
  g_assert_cmpuint (cusp_selection_count_problems (problems, CUSP_PROBLEM_ERROR), ==, 4);
  g_assert_cmpuint (cusp_selection_count_problems (problems, CUSP_PROBLEM_ORANGE), ==, 2);
  g_assert_cmpuint (cusp_selection_count_problems (problems, CUSP_PROBLEM_YELLOW), ==, 1);
}

static GArray *
uniform (guint  n,
         guint  buffers,
         double fom)
{
  GArray *segments = g_array_new (FALSE, TRUE, sizeof (CuspBurstSegment));

  for (guint i = 0; i < n; i++)
    {
      CuspBurstSegment s = seg (1000 * i, 1000 * i + 10 * buffers, fom, NULL);

      s.source_id = NULL;
      g_array_append_val (segments, s);
    }
  return segments;
}

static GPtrArray *
validate_uniform (guint  n,
                  guint  buffers,
                  double fom)
{
  g_autoptr(GArray) segments = uniform (n, buffers, fom);

  return cusp_selection_validate ((CuspBurstSegment *) segments->data, segments->len, NULL);
}

static void
test_validate_totals (void)
{
  g_autoptr(GPtrArray) over = validate_uniform (30, 34, 10);       /* 1020 buffers */
  g_autoptr(GPtrArray) at_max = validate_uniform (25, 34, 10);     /* 850 */
  g_autoptr(GPtrArray) p1_over = validate_uniform (10, 34, 160);   /* 340 > 330 */
  g_autoptr(GPtrArray) p1_at = validate_uniform (10, 33, 199);     /* 330, not above */
  g_autoptr(GPtrArray) cat0 = validate_uniform (10, 34, 200);      /* category 0, not p1 */
  CuspValidationLimits limits;
  g_autoptr(GArray) small = uniform (3, 10, 10);
  g_autoptr(GPtrArray) custom = NULL;

  g_assert_cmpuint (over->len, ==, 1);
  assert_problem (over, 0, CUSP_PROBLEM_ORANGE, -1,
                  "Submission needs SuperSITL Approval! Number of buffers exceeds maximum (1000)!");
  g_assert_cmpuint (at_max->len, ==, 0);
  g_assert_cmpuint (p1_over->len, ==, 1);
  assert_problem (p1_over, 0, CUSP_PROBLEM_YELLOW, -1,
                  "Warning - number of buffers with priority 1 events larger than nominal. Priority 1 events are "
                  "reserved for the events most likely to be diffusion region crossings. This selection requires "
                  "justification!");
  g_assert_cmpuint (p1_at->len, ==, 0);
  g_assert_cmpuint (cat0->len, ==, 0);

  /* Configurable: 30 buffers against a budget of 20, nominal up to 5. */
  cusp_validation_limits_init (&limits);
  g_assert_cmpfloat (limits.new_fom, ==, 40);
  limits.buff_max = 20;
  limits.nominal_max = 5;
  custom = cusp_selection_validate ((CuspBurstSegment *) small->data, small->len, &limits);
  g_assert_cmpuint (custom->len, ==, 4);
  assert_problem (custom, 0, CUSP_PROBLEM_ORANGE, -1,
                  "Submission needs SuperSITL Approval! Number of buffers exceeds maximum (20)!");
  assert_problem (custom, 1, CUSP_PROBLEM_YELLOW, 0,
                  "Warning - segment lengths outside of nominal bounds (2 to 5) at the following time_stamps, "
                  "requires justification: " AT_W0);
}

static void
test_category_stats (void)
{
  CuspBurstSegment s[] = {
    seg (0, 30, 250, NULL), seg (0, 60, 200, NULL),        /* cat 0: 9 buffers */
    seg (0, 120, 199.9, NULL), seg (0, 10, 150, NULL),     /* cat 1: 13 */
    seg (0, 70, 100, NULL),                                 /* cat 2: 7 */
    seg (0, 20, 99, NULL), seg (0, 50, 50, NULL),          /* cat 3: 7 */
    seg (0, 40, 49, NULL), seg (0, 80, 0, NULL),           /* cat 4: 12 */
    seg (0, 100, NAN, NULL), seg (0, 100, 300, NULL),      /* no category */
  };
  /* minutes = round (buffers * 10 / 60): 9 -> 1.5 -> 2, 13 -> 2.17 -> 2,
   * 7 -> 1.17 -> 1, 12 -> 2, total 48 -> 8.  Percent of 48 buffers. */
  const CuspCategoryStats expect[] = {
    { 2, 9, 2, 18.75 }, { 2, 13, 2, 100.0 * 13 / 48 }, { 1, 7, 1, 100.0 * 7 / 48 },
    { 2, 7, 1, 100.0 * 7 / 48 }, { 2, 12, 2, 25.0 }, { 9, 48, 8, 100.0 },
  };
  CuspCategoryStats stats[CUSP_N_FOM_CATEGORIES + 1];

  cusp_selection_category_stats (s, G_N_ELEMENTS (s), NULL, stats);
  for (guint c = 0; c <= CUSP_N_FOM_CATEGORIES; c++)
    {
      g_assert_cmpuint (stats[c].n_segments, ==, expect[c].n_segments);
      g_assert_cmpuint (stats[c].n_buffers, ==, expect[c].n_buffers);
      g_assert_cmpuint (stats[c].minutes, ==, expect[c].minutes);
      g_assert_cmpfloat_with_epsilon (stats[c].percent, expect[c].percent, 1e-9);
    }

  g_assert_cmpint (cusp_fom_category (255.9, NULL), ==, 0);
  g_assert_cmpint (cusp_fom_category (149.99, NULL), ==, 2);
  g_assert_cmpint (cusp_fom_category (256, NULL), ==, -1);
  g_assert_cmpint (cusp_fom_category (-0.5, NULL), ==, -1);

  cusp_selection_category_stats (NULL, 0, NULL, stats);
  g_assert_cmpuint (stats[CUSP_N_FOM_CATEGORIES].n_buffers, ==, 0);
  g_assert_cmpfloat (stats[0].percent, ==, 0);
}

static void
test_validate_empty (void)
{
  g_autoptr(GPtrArray) problems = cusp_selection_validate (NULL, 0, NULL);

  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/selection/snap", test_snap);
  g_test_add_func ("/cusp/selection/add-replaces-and-trims", test_add_replaces_and_trims);
  g_test_add_func ("/cusp/selection/add-inside-removes-enclosing", test_add_inside_removes_enclosing);
  g_test_add_func ("/cusp/selection/add-window", test_add_window);
  g_test_add_func ("/cusp/selection/fill", test_fill);
  g_test_add_func ("/cusp/selection/edit", test_edit);
  g_test_add_func ("/cusp/selection/split", test_split);
  g_test_add_func ("/cusp/selection/delete", test_delete);
  g_test_add_func ("/cusp/selection/merge-overlapping", test_merge_overlapping);
  g_test_add_func ("/cusp/selection/undo-redo-revert", test_undo_redo_revert);
  g_test_add_func ("/cusp/selection/history-depth", test_history_depth);
  g_test_add_func ("/cusp/selection/validate-segments", test_validate_segment_messages);
  g_test_add_func ("/cusp/selection/validate-totals", test_validate_totals);
  g_test_add_func ("/cusp/selection/category-stats", test_category_stats);
  g_test_add_func ("/cusp/selection/validate-empty", test_validate_empty);

  return g_test_run ();
}
