/* test-selection-kill.c: nothing lost when Cusp is killed mid-edit.
 *
 * `cusp selections journal-edit` is driven through its standard input with
 * a series of random edits; after a random number of them it gets
 * SIGKILL.  The journal left behind is restored with the core API and
 * compared with an in-memory CuspSelection (the model, tested on its own
 * in test-selection.c) to which the test applied the same edits: every
 * edit the program acknowledged ("ok <revision>") must be there, with the
 * undo and redo history.  When the kill lands right after an edit was sent
 * but before its answer, the state is the one before or the one after
 * that edit, nothing in between.
 */
#define G_LOG_DOMAIN "test-selection-kill"

#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "cusp-selection.h"
#include "cusp-selection-io.h"
#include "cusp-selection-journal.h"
#include "cusp-test-util.h"

#define N_EDITS 50
#define WINDOW_START "2015-10-16T12:00:00Z"
#define WINDOW_STOP  "2015-10-16T14:00:00Z"

/* The ABS segments of the window. */
static const char initial_csv[] =
  "start_time,stop_time,fom,sourceid,discussion,createtime\n"
  "2015-10-16 12:10:00,2015-10-16 12:15:00,60.0,ABS,first,\n"
  "2015-10-16 12:40:00,2015-10-16 12:52:30,120.0,ABS,second,\n"
  "2015-10-16 13:30:00,2015-10-16 13:31:00,30.0,ABS,third,\n";

typedef struct
{
  GArray    *segments;
  GPtrArray *undo;
  GPtrArray *redo;
  guint64    revision;
} State;

static GPtrArray *
copy_stack (const GPtrArray *stack)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; i < stack->len; i++)
    g_ptr_array_add (copy, cusp_burst_segment_array_copy (g_ptr_array_index (stack, i)));
  return copy;
}

static void
state_take (State         *state,
            CuspSelection *selection)
{
  state->segments = cusp_burst_segment_array_copy (cusp_selection_get_segments (selection));
  state->undo = copy_stack (cusp_selection_get_undo_stack (selection));
  state->redo = copy_stack (cusp_selection_get_redo_stack (selection));
  state->revision = cusp_selection_get_revision (selection);
}

static void
state_clear (State *state)
{
  g_clear_pointer (&state->segments, g_array_unref);
  g_clear_pointer (&state->undo, g_ptr_array_unref);
  g_clear_pointer (&state->redo, g_ptr_array_unref);
}

static gboolean
arrays_equal (const GArray *a,
              const GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!cusp_burst_segment_equal (&g_array_index (a, CuspBurstSegment, i),
                                   &g_array_index (b, CuspBurstSegment, i)))
      return FALSE;
  return TRUE;
}

static gboolean
stacks_equal (const GPtrArray *a,
              const GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!arrays_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static gboolean
state_matches (const State   *state,
               CuspSelection *selection)
{
  return state->revision == cusp_selection_get_revision (selection)
         && arrays_equal (state->segments, cusp_selection_get_segments (selection))
         && stacks_equal (state->undo, cusp_selection_get_undo_stack (selection))
         && stacks_equal (state->redo, cusp_selection_get_redo_stack (selection));
}

/* Edits */

typedef enum
{
  EDIT_ADD, EDIT_FOM, EDIT_DELETE, EDIT_SPLIT, EDIT_UNDO, EDIT_REDO,
  EDIT_DISCUSSION, EDIT_OBSSET, N_EDIT_KINDS
} EditKind;

typedef struct
{
  EditKind kind;
  gint64   start, stop;   /* TAI s */
  guint    index;
  guint    count;
  double   fom;
  char    *text;
} Edit;

static gint64 window_start, window_stop;

static char *
iso (gint64 tai)
{
  return cusp_time_format_iso (cusp_time_from_tai_seconds (tai), 0);
}

/* Indices sometimes one past the end, so that refused edits are
 * exercised too; times off the 10-s grid, to exercise the snapping. */
static Edit
random_edit (CuspSelection *model,
             guint          serial)
{
  guint n = cusp_selection_get_n_segments (model);
  Edit e = { 0 };

  e.kind = g_test_rand_int_range (0, N_EDIT_KINDS);
  e.index = g_test_rand_int_range (0, n + 1);
  e.fom = g_test_rand_int_range (0, 511) / 2.0;
  e.count = g_test_rand_int_range (1, 16);
  e.start = window_start + g_test_rand_int_range (0, 7000);
  e.stop = MIN (e.start + g_test_rand_int_range (5, 700), window_stop);
  e.text = g_strdup_printf ("edit %u, with spaces", serial);
  return e;
}

static char *
edit_line (const Edit *e)
{
  g_autofree char *start = iso (e->start);
  g_autofree char *stop = iso (e->stop);

  switch (e->kind)
    {
    case EDIT_ADD:        return g_strdup_printf ("add %s %s %g %s", start, stop, e->fom, e->text);
    case EDIT_FOM:        return g_strdup_printf ("fom %u %g", e->index, e->fom);
    case EDIT_DELETE:     return g_strdup_printf ("delete %u", e->index);
    case EDIT_SPLIT:      return g_strdup_printf ("split %u %u", e->index, e->count);
    case EDIT_UNDO:       return g_strdup ("undo");
    case EDIT_REDO:       return g_strdup ("redo");
    case EDIT_DISCUSSION: return g_strdup_printf ("discussion %u %s", e->index, e->text);
    case EDIT_OBSSET:     return g_strdup_printf ("obsset %u %u", e->index, e->count);
    case N_EDIT_KINDS:
    default:              g_assert_not_reached ();
    }
}

static gboolean
apply_edit (CuspSelection *model,
            const Edit    *e)
{
  switch (e->kind)
    {
    case EDIT_ADD:        return cusp_selection_add (model, e->start, e->stop, e->fom, e->text,
                                                     CUSP_BURST_OBSSET_ALL, NULL, NULL);
    case EDIT_FOM:        return cusp_selection_set_fom (model, e->index, e->fom, NULL);
    case EDIT_DELETE:     return cusp_selection_delete (model, e->index, NULL);
    case EDIT_SPLIT:      return cusp_selection_split (model, e->index, e->count, NULL);
    case EDIT_UNDO:       return cusp_selection_undo (model);
    case EDIT_REDO:       return cusp_selection_redo (model);
    case EDIT_DISCUSSION: return cusp_selection_set_discussion (model, e->index, e->text, NULL);
    case EDIT_OBSSET:     return cusp_selection_set_obsset (model, e->index, e->count, NULL);
    case N_EDIT_KINDS:
    default:              g_assert_not_reached ();
    }
}

/* The driver */

typedef struct
{
  GSubprocess      *process;
  GOutputStream    *in;
  GDataInputStream *out;
} Driver;

static void
driver_start (Driver     *d,
              const char *journal_dir,
              const char *initial_path)
{
  g_autoptr(GError) error = NULL;

  d->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                 cusp_test_bin (), "selections", "journal-edit", "--journal", journal_dir,
                                 "--start", WINDOW_START, "--stop", WINDOW_STOP,
                                 "--initial", initial_path, "--user", "kill", NULL);
  g_assert_no_error (error);
  d->in = g_subprocess_get_stdin_pipe (d->process);
  d->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (d->process));
}

static void
driver_send (Driver     *d,
             const char *line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *with_newline = g_strconcat (line, "\n", NULL);

  g_assert_true (g_output_stream_write_all (d->in, with_newline, strlen (with_newline), NULL, NULL, &error));
  g_assert_true (g_output_stream_flush (d->in, NULL, &error));
  g_assert_no_error (error);
}

static char *
driver_read (Driver *d)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (d->out, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  return line;
}

static void
driver_kill (Driver *d)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_force_exit (d->process);
  g_assert_true (g_subprocess_wait (d->process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (d->process));
  g_assert_cmpint (g_subprocess_get_term_sig (d->process), ==, SIGKILL);
  g_clear_object (&d->out);
  g_clear_object (&d->process);
}

static CuspSelection *
new_model (const char *initial_path)
{
  g_autoptr(GFile) file = g_file_new_for_path (initial_path);
  g_autoptr(GArray) initial = cusp_selection_read_file (file, NULL, NULL, NULL);
  CuspSelection *model = cusp_selection_new (window_start, window_stop, window_start, 0);

  g_assert_nonnull (initial);
  cusp_selection_set_initial (model, (const CuspBurstSegment *) initial->data, initial->len);
  cusp_selection_set_source_id (model, "kill(EVA)");
  return model;
}

/* Sends edits until kill_at edits were acknowledged, then kills the
 * program: at once (between two edits) or, with in_flight, right after
 * sending one more edit.  Returns the restored journal. */
static void
run_and_kill (guint    kill_at,
              gboolean in_flight)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-kill-XXXXXX", NULL);
  g_autofree char *journal_dir = g_build_filename (dir, "journal", NULL);
  g_autofree char *initial_path = g_build_filename (dir, "abs.csv", NULL);
  g_autoptr(CuspSelection) model = NULL;
  g_autoptr(CuspSelectionJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ready = NULL;
  Driver d = { 0 };
  State before = { 0 }, after = { 0 };
  guint acknowledged = 0, refused = 0;

  g_test_message ("kill after %u acknowledged edits%s", kill_at, in_flight ? ", one in flight" : "");
  g_assert_true (g_file_set_contents (initial_path, initial_csv, -1, &error));
  model = new_model (initial_path);

  driver_start (&d, journal_dir, initial_path);
  ready = driver_read (&d);
  g_assert_cmpstr (ready, ==, "ready 1");

  for (guint serial = 0; serial < N_EDITS && acknowledged < kill_at; serial++)
    {
      Edit e = random_edit (model, serial);
      g_autofree char *line = edit_line (&e);
      g_autofree char *answer = NULL;
      gboolean ok;

      driver_send (&d, line);
      answer = driver_read (&d);
      ok = apply_edit (model, &e);
      if (ok)
        {
          g_autofree char *expected = g_strdup_printf ("ok %" G_GUINT64_FORMAT,
                                                       cusp_selection_get_revision (model));

          g_assert_cmpstr (answer, ==, expected);
          acknowledged++;
        }
      else
        {
          g_assert_true (g_str_has_prefix (answer, "error "));
          refused++;
        }
      g_free (e.text);
    }

  state_take (&before, model);
  if (in_flight)
    {
      /* An edit that surely succeeds: a FOM change of the first segment. */
      Edit e = { .kind = EDIT_FOM, .index = 0, .fom = 254.5 };
      g_autofree char *line = edit_line (&e);

      g_assert_true (apply_edit (model, &e));
      driver_send (&d, line);
    }
  state_take (&after, model);
  driver_kill (&d);

  journal = cusp_selection_journal_find_unfinished (journal_dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (journal);
  if (in_flight)
    g_assert_true (state_matches (&before, cusp_selection_journal_get_selection (journal))
                   || state_matches (&after, cusp_selection_journal_get_selection (journal)));
  else
    g_assert_true (state_matches (&before, cusp_selection_journal_get_selection (journal)));
  g_assert_cmpstr (cusp_selection_get_source_id (cusp_selection_journal_get_selection (journal)), ==,
                   "kill(EVA)");
  g_test_message ("%u acknowledged, %u refused", acknowledged, refused);

  state_clear (&before);
  state_clear (&after);
  g_clear_object (&journal);
  cusp_test_remove_tree (journal_dir);
  cusp_test_remove_tree (dir);
}

static void
test_kill (void)
{
  for (guint round = 0; round < 6; round++)
    run_and_kill (g_test_rand_int_range (1, 40), round % 2 == 1);
  /* The edges: killed before any edit, and after the last. */
  run_and_kill (0, FALSE);
  run_and_kill (0, TRUE);
}

/* The restarted program goes on in the same journal, and journal-show
 * prints what it restored; a finished journal is not offered again. */
static void
test_restart_and_finish (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-kill-XXXXXX", NULL);
  g_autofree char *journal_dir = g_build_filename (dir, "journal", NULL);
  g_autofree char *initial_path = g_build_filename (dir, "abs.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(CuspTestResult) shown_now = { 0 };
  g_auto(CuspTestResult) shown_after = { 0 };
  Driver d = { 0 };
  const char *edits[] = {
    "add 2015-10-16T12:00:00Z 2015-10-16T12:05:00Z 120 new one",
    "fom 1 75",
    "delete 2",
    "split 1 3",
    "undo",
  };
  const char *answers[] = { "ok 2", "ok 3", "ok 4", "ok 5", "ok 6" };
  const char *shown =
    "revision 7 undo 4 redo 0\n"
    "2015-10-16T12:00:00Z 2015-10-16T12:05:00Z 120 15 kill(EVA) new one\n"
    "2015-10-16T12:10:00Z 2015-10-16T12:15:00Z 75 15 kill(EVA) first\n"
    "2015-10-16T13:30:00Z 2015-10-16T13:31:00Z 45 15 kill(EVA) third\n";

  g_assert_true (g_file_set_contents (initial_path, initial_csv, -1, &error));
  driver_start (&d, journal_dir, initial_path);
  g_free (driver_read (&d));
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *answer = NULL;

      driver_send (&d, edits[i]);
      answer = driver_read (&d);
      g_assert_cmpstr (answer, ==, answers[i]);
    }
  driver_kill (&d);

  /* Restarted: the same journal, revision 6; one more edit, which clears
   * the redo step left by the undo. */
  driver_start (&d, journal_dir, initial_path);
  {
    g_autofree char *ready = driver_read (&d);
    g_autofree char *answer = NULL;

    g_assert_cmpstr (ready, ==, "ready 6");
    driver_send (&d, "fom 2 45");
    answer = driver_read (&d);
    g_assert_cmpstr (answer, ==, "ok 7");
  }
  driver_kill (&d);

  CUSP_TEST_RUN (&shown_now, "selections", "journal-show", "--journal", journal_dir);
  g_assert_cmpint (shown_now.status, ==, 0);
  g_assert_cmpstr (shown_now.out, ==, shown);

  driver_start (&d, journal_dir, initial_path);
  g_free (driver_read (&d));
  driver_send (&d, "finish clean");
  {
    g_autofree char *answer = driver_read (&d);

    g_assert_cmpstr (answer, ==, "ok finished");
  }
  g_assert_true (g_subprocess_wait_check (d.process, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&d.out);
  g_clear_object (&d.process);

  CUSP_TEST_RUN (&shown_after, "selections", "journal-show", "--journal", journal_dir);
  g_assert_cmpint (shown_after.status, ==, 1);
  g_assert_cmpstr (shown_after.out, ==, "");
  g_assert_true (g_str_has_prefix (shown_after.err, "cusp: "));
  cusp_test_remove_tree (journal_dir);
  cusp_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  CuspTime t;

  g_test_init (&argc, &argv, NULL);

  g_assert_true (cusp_time_parse (WINDOW_START, &t, NULL));
  window_start = cusp_time_to_tai_seconds (t);
  g_assert_true (cusp_time_parse (WINDOW_STOP, &t, NULL));
  window_stop = cusp_time_to_tai_seconds (t);

  g_test_add_func ("/cusp/selection-kill/kill", test_kill);
  g_test_add_func ("/cusp/selection-kill/restart-and-finish", test_restart_and_finish);

  return g_test_run ();
}
