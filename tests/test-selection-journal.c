/* Tests for the selection journal (edits on disk, restore after a crash).
 *
 * Times: W0 = 2015-09-01 12:00:00 UTC in TAI seconds (1819820736, the
 * pymms tai.py check value for 17:45:00, minus 5 h 45 min).  The window is
 * W0 .. W0 + 3600 on a grid starting at W0.  Every expected segment list
 * below is worked out by hand from EVA's rules (docs/reference/eva_sitl.md
 * §1.5): nearest-boundary snapping, trimming, 17-buffer split. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sqlite3.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "cusp-selection.h"
#include "cusp-selection-journal.h"

#define W0 G_GINT64_CONSTANT (1819800036)
#define CREATE_B G_GINT64_CONSTANT (494380866184000000)  /* any valid TT2000 */

typedef struct
{
  gint64      start;     /* seconds after W0 */
  gint64      stop;
  double      fom;
  const char *discussion;
  const char *source_id;
  guint8      obsset;
  const char *status;
  CuspTime    create_time;
  gint64      data_segment_id;
} Expect;

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cusp-journal-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_rmdir (dir);
}

/* A (100..200, 50, status NEW), B (300..400, 60, a create time),
 * C (500..600, 70, SDC id 4242), all from "ABS". */
static CuspSelection *
abc_selection (void)
{
  CuspSelection *selection = cusp_selection_new (W0, W0 + 3600, W0, 500);
  CuspBurstSegment abc[3];
  const char *names[3] = { "A", "B", "C" };

  for (guint i = 0; i < 3; i++)
    {
      cusp_burst_segment_init (&abc[i]);
      abc[i].start = W0 + 100 + 200 * i;
      abc[i].stop = abc[i].start + 100;
      abc[i].fom = 50 + 10 * i;
      abc[i].discussion = (char *) names[i];
      abc[i].source_id = (char *) "ABS";
    }
  abc[0].status = (char *) "NEW";
  abc[1].create_time = CREATE_B;
  abc[2].data_segment_id = 4242;

  cusp_selection_set_initial (selection, abc, 3);
  cusp_selection_set_source_id (selection, "jdoe(EVA)");
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
      g_assert_cmpstr (s->source_id, ==, expect[i].source_id);
      g_assert_cmpuint (s->obsset, ==, expect[i].obsset);
      g_assert_cmpstr (s->status, ==, expect[i].status);
      g_assert_cmpint (s->create_time, ==, expect[i].create_time);
      g_assert_cmpint (s->data_segment_id, ==, expect[i].data_segment_id);
    }
}

#define NO_TIME CUSP_TIME_INVALID
#define JD "jdoe(EVA)"

/* The seven edits of test_reopen; returns the journal's path. */
static char *
edit_and_drop (const char *dir)
{
  g_autoptr(CuspSelection) selection = abc_selection ();
  g_autoptr(CuspSelectionJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  journal = cusp_selection_journal_new (selection, dir, &error);
  g_assert_no_error (error);
  g_assert_true (cusp_selection_journal_is_saved (journal));

  /* 12:02:33 -> 12:02:30 (3 s away), 12:09:07 -> 12:09:10 (3 s away):
   * B inside goes, A and C are trimmed. */
  g_assert_true (cusp_selection_add (selection, W0 + 153, W0 + 547, 120, "big", 5, NULL, &error));
  g_assert_true (cusp_selection_set_fom (selection, 0, 75, &error));
  /* 40 buffers by 17: ceil (40 / 17) = 3 pieces, boundaries at 40/3 =
   * 13.3 -> 13 and 80/3 = 26.7 -> 27 buffers: 150-280, 280-420, 420-550. */
  g_assert_true (cusp_selection_split (selection, 1, 17, &error));
  g_assert_true (cusp_selection_set_discussion (selection, 2, "core", &error));
  g_assert_true (cusp_selection_delete (selection, 4, &error));
  g_assert_true (cusp_selection_set_obsset (selection, 0, 9, &error));
  g_assert_true (cusp_selection_undo (selection));
  g_assert_no_error (error);
  g_assert_true (cusp_selection_journal_is_saved (journal));
  /* set_initial was revision 1, then seven changes. */
  g_assert_cmpuint (cusp_selection_get_revision (selection), ==, 8);

  /* Dropped without finish (), as a crash would. */
  return g_strdup (cusp_selection_journal_get_path (journal));
}

static void
test_reopen (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = edit_and_drop (dir);
  g_autoptr(CuspSelectionJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  CuspSelection *selection;
  const Expect now[] = {
    { 100, 150, 75, "A", JD, 15, "NEW", NO_TIME, -1 },
    { 150, 280, 120, "big", JD, 5, NULL, NO_TIME, -1 },
    { 280, 420, 120, "core", JD, 5, NULL, NO_TIME, -1 },
    { 420, 550, 120, "big", JD, 5, NULL, NO_TIME, -1 },
  };
  const Expect redone[] = {
    { 100, 150, 75, "A", JD, 9, "NEW", NO_TIME, -1 },
    { 150, 280, 120, "big", JD, 5, NULL, NO_TIME, -1 },
    { 280, 420, 120, "core", JD, 5, NULL, NO_TIME, -1 },
    { 420, 550, 120, "big", JD, 5, NULL, NO_TIME, -1 },
  };
  const Expect before_delete[] = {
    { 100, 150, 75, "A", JD, 15, "NEW", NO_TIME, -1 },
    { 150, 280, 120, "big", JD, 5, NULL, NO_TIME, -1 },
    { 280, 420, 120, "core", JD, 5, NULL, NO_TIME, -1 },
    { 420, 550, 120, "big", JD, 5, NULL, NO_TIME, -1 },
    { 550, 600, 70, "C", JD, 15, NULL, NO_TIME, 4242 },
  };
  const Expect abs[] = {
    { 100, 200, 50, "A", "ABS", 15, "NEW", NO_TIME, -1 },
    { 300, 400, 60, "B", "ABS", 15, NULL, CREATE_B, -1 },
    { 500, 600, 70, "C", "ABS", 15, NULL, NO_TIME, 4242 },
  };
  guint n_undo = 0;

  journal = cusp_selection_journal_find_unfinished (dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (journal);
  g_assert_cmpstr (cusp_selection_journal_get_path (journal), ==, path);
  selection = cusp_selection_journal_get_selection (journal);

  g_assert_cmpint (cusp_selection_get_window_start (selection), ==, W0);
  g_assert_cmpint (cusp_selection_get_window_stop (selection), ==, W0 + 3600);
  g_assert_cmpint (cusp_selection_get_grid_origin (selection), ==, W0);
  g_assert_cmpuint (cusp_selection_get_target_buffers (selection), ==, 500);
  g_assert_cmpstr (cusp_selection_get_source_id (selection), ==, JD);
  g_assert_cmpuint (cusp_selection_get_revision (selection), ==, 8);
  assert_segments (selection, now, G_N_ELEMENTS (now));

  /* The undo position: one redo (the obsset), five undos back to ABS. */
  g_assert_true (cusp_selection_redo (selection));
  assert_segments (selection, redone, G_N_ELEMENTS (redone));
  g_assert_false (cusp_selection_can_redo (selection));
  g_assert_true (cusp_selection_undo (selection));
  g_assert_true (cusp_selection_undo (selection));
  assert_segments (selection, before_delete, G_N_ELEMENTS (before_delete));
  n_undo = 2;
  while (cusp_selection_undo (selection))
    n_undo++;
  g_assert_cmpuint (n_undo, ==, 6);
  assert_segments (selection, abs, G_N_ELEMENTS (abs));

  /* Revert to ABS is the initial state too. */
  g_assert_true (cusp_selection_redo (selection));
  cusp_selection_revert (selection);
  assert_segments (selection, abs, G_N_ELEMENTS (abs));
  g_assert_true (cusp_selection_journal_is_saved (journal));

  g_clear_object (&journal);
  remove_tree (dir);
}

static void
test_continue_same_file (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = edit_and_drop (dir);
  g_autoptr(GError) error = NULL;
  const Expect expect[] = {
    { 100, 150, 75, "A", JD, 15, "NEW", NO_TIME, -1 },
    { 150, 280, 33, "big", JD, 5, NULL, NO_TIME, -1 },
    { 280, 420, 120, "core", JD, 5, NULL, NO_TIME, -1 },
    { 420, 550, 120, "big", JD, 5, NULL, NO_TIME, -1 },
  };

  {
    g_autoptr(CuspSelectionJournal) journal = cusp_selection_journal_find_unfinished (dir, &error);

    g_assert_no_error (error);
    g_assert_true (cusp_selection_set_fom (cusp_selection_journal_get_selection (journal), 1, 33, &error));
    g_assert_true (cusp_selection_journal_is_saved (journal));
  }
  {
    g_autoptr(CuspSelectionJournal) journal = cusp_selection_journal_find_unfinished (dir, &error);
    CuspSelection *selection;

    g_assert_no_error (error);
    g_assert_cmpstr (cusp_selection_journal_get_path (journal), ==, path);
    selection = cusp_selection_journal_get_selection (journal);
    assert_segments (selection, expect, G_N_ELEMENTS (expect));
    g_assert_cmpuint (cusp_selection_get_revision (selection), ==, 9);
    /* The set_fom cleared the redo step. */
    g_assert_false (cusp_selection_can_redo (selection));
  }
  remove_tree (dir);
}

static void
test_finished (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *missing = g_build_filename (dir, "nothing-here", NULL);
  g_autoptr(GError) error = NULL;
  CuspJournalEnd ends[] = {
    CUSP_JOURNAL_END_CLEAN_CLOSE, CUSP_JOURNAL_END_SUBMITTED, CUSP_JOURNAL_END_DISCARDED,
  };
  g_autofree char *finished_path = NULL;

  /* No folder, an empty folder: nothing to restore, no error. */
  g_assert_null (cusp_selection_journal_find_unfinished (missing, &error));
  g_assert_no_error (error);
  g_assert_null (cusp_selection_journal_find_unfinished (dir, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      g_autoptr(CuspSelection) selection = abc_selection ();
      g_autoptr(CuspSelectionJournal) journal = cusp_selection_journal_new (selection, dir, &error);

      g_assert_no_error (error);
      g_assert_true (cusp_selection_delete (selection, 0, &error));
      g_assert_true (cusp_selection_journal_finish (journal, ends[i], &error));
      g_assert_no_error (error);
      g_free (finished_path);
      finished_path = g_strdup (cusp_selection_journal_get_path (journal));

      /* A finished journal records no more and cannot be finished twice. */
      g_assert_true (cusp_selection_delete (selection, 0, &error));
      g_assert_false (cusp_selection_journal_sync (journal, &error));
      g_assert_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_FINISHED);
      g_clear_error (&error);
      g_assert_false (cusp_selection_journal_finish (journal, ends[i], &error));
      g_assert_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_FINISHED);
      g_clear_error (&error);
    }
  g_assert_null (cusp_selection_journal_find_unfinished (dir, &error));
  g_assert_no_error (error);
  g_assert_null (cusp_selection_journal_open (finished_path, &error));
  g_assert_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_FINISHED);
  g_clear_error (&error);
  /* Still there, not moved aside. */
  g_assert_true (g_file_test (finished_path, G_FILE_TEST_IS_REGULAR));

  /* Among finished ones, the unfinished journal is offered. */
  {
    g_autoptr(CuspSelection) selection = abc_selection ();
    g_autoptr(CuspSelectionJournal) journal = cusp_selection_journal_new (selection, dir, &error);
    g_autoptr(CuspSelectionJournal) found = NULL;
    const Expect expect[] = {
      { 100, 200, 50, "A", "ABS", 15, "NEW", NO_TIME, -1 },
      { 500, 600, 70, "C", "ABS", 15, NULL, NO_TIME, 4242 },
    };

    g_assert_no_error (error);
    g_assert_true (cusp_selection_delete (selection, 1, &error));
    found = cusp_selection_journal_find_unfinished (dir, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cusp_selection_journal_get_path (found), ==, cusp_selection_journal_get_path (journal));
    assert_segments (cusp_selection_journal_get_selection (found), expect, G_N_ELEMENTS (expect));
  }
  remove_tree (dir);
}

static char *
read_all (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
assert_moved_aside (const char *dir,
                    const char *name,
                    const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  g_assert_null (cusp_selection_journal_find_unfinished (dir, &error));
  g_assert_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, aside));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  if (contents != NULL)
    {
      kept = read_all (aside);
      g_assert_cmpstr (kept, ==, contents);
    }
  g_assert_cmpint (g_unlink (aside), ==, 0);
}

static void
sql (const char *path,
     const char *statements)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, statements, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_corrupt (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *good_path = NULL;
  g_autoptr(GError) error = NULL;
  const char *garbage = "this is not a database, just garbage bytes \x01\x02\x03 and more of them "
                        "to fill a first page......................................................";
  g_autofree char *garbage_path = g_build_filename (dir, "selection-1-00000000.cuspjournal", NULL);
  g_autofree char *empty_path = g_build_filename (dir, "selection-2-00000000.cuspjournal", NULL);
  g_autofree char *foreign_path = g_build_filename (dir, "selection-3-00000000.cuspjournal", NULL);
  const Expect expect[] = {
    { 100, 200, 50, "A", "ABS", 15, "NEW", NO_TIME, -1 },
    { 300, 400, 60, "B", "ABS", 15, NULL, CREATE_B, -1 },
  };

  /* A good unfinished journal next to the bad files: not lost. */
  {
    g_autoptr(CuspSelection) selection = abc_selection ();
    g_autoptr(CuspSelectionJournal) journal = cusp_selection_journal_new (selection, dir, &error);

    g_assert_no_error (error);
    g_assert_true (cusp_selection_delete (selection, 2, &error));
    good_path = g_strdup (cusp_selection_journal_get_path (journal));
  }

  g_assert_true (g_file_set_contents (garbage_path, garbage, -1, &error));
  assert_moved_aside (dir, "selection-1-00000000.cuspjournal", garbage);

  g_assert_true (g_file_set_contents (empty_path, "", 0, &error));
  assert_moved_aside (dir, "selection-2-00000000.cuspjournal", "");

  /* Another program's SQLite file. */
  sql (foreign_path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  assert_moved_aside (dir, "selection-3-00000000.cuspjournal", NULL);

  /* The good journal is still offered, intact. */
  {
    g_autoptr(CuspSelectionJournal) journal = cusp_selection_journal_find_unfinished (dir, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (cusp_selection_journal_get_path (journal), ==, good_path);
    assert_segments (cusp_selection_journal_get_selection (journal), expect, G_N_ELEMENTS (expect));
  }

  /* A journal whose saved segments were damaged fails its checksum. */
  sql (good_path, "UPDATE snapshots SET data = x'00010203';");
  {
    g_autofree char *name = g_path_get_basename (good_path);

    assert_moved_aside (dir, name, NULL);
  }
  g_assert_null (cusp_selection_journal_find_unfinished (dir, &error));
  g_assert_no_error (error);

  /* A new journal starts fine in the same folder. */
  {
    g_autoptr(CuspSelection) selection = abc_selection ();
    g_autoptr(CuspSelectionJournal) journal = cusp_selection_journal_new (selection, dir, &error);

    g_assert_no_error (error);
    g_assert_nonnull (journal);
  }
  remove_tree (dir);
}

static gint64
page_count (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
on_save_failed (CuspSelectionJournal *journal G_GNUC_UNUSED,
                const GError         *error,
                guint                *count)
{
  g_assert_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_WRITE);
  (*count)++;
}

static void
test_disk_full (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(CuspSelection) selection = abc_selection ();
  g_autoptr(CuspSelectionJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (200000, 'x');
  guint failures = 0;
  const Expect before[] = {
    { 100, 200, 50, "A", "ABS", 15, "NEW", NO_TIME, -1 },
    { 300, 400, 60, "B", "ABS", 15, NULL, CREATE_B, -1 },
    { 500, 600, 99, "C", JD, 15, NULL, NO_TIME, 4242 },
  };

  journal = cusp_selection_journal_new (selection, dir, &error);
  g_assert_no_error (error);
  g_signal_connect (journal, "save-failed", G_CALLBACK (on_save_failed), &failures);
  g_assert_true (cusp_selection_set_fom (selection, 2, 99, &error));
  g_assert_true (cusp_selection_journal_is_saved (journal));

  /* No room for the 200 kB discussion. */
  cusp_selection_journal_set_max_pages (journal, page_count (cusp_selection_journal_get_path (journal)));
  g_assert_true (cusp_selection_add (selection, W0 + 1000, W0 + 1100, 40, huge, 15, NULL, &error));
  g_assert_false (cusp_selection_journal_is_saved (journal));
  g_assert_cmpuint (failures, ==, 1);
  g_assert_false (cusp_selection_journal_sync (journal, &error));
  g_assert_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "could not be saved"));
  g_assert_nonnull (strstr (error->message, "full"));
  g_assert_nonnull (strstr (error->message, "Free some disk space"));
  g_clear_error (&error);

  /* The file still holds the previous state, whole. */
  {
    g_autoptr(CuspSelectionJournal) copy = cusp_selection_journal_open (cusp_selection_journal_get_path (journal),
                                                                         &error);

    g_assert_no_error (error);
    assert_segments (cusp_selection_journal_get_selection (copy), before, G_N_ELEMENTS (before));
    g_assert_cmpuint (cusp_selection_get_revision (cusp_selection_journal_get_selection (copy)), ==, 2);
  }

  /* Room again: the next sync writes everything. */
  cusp_selection_journal_set_max_pages (journal, 0);
  g_assert_true (cusp_selection_journal_sync (journal, &error));
  g_assert_no_error (error);
  g_assert_true (cusp_selection_journal_is_saved (journal));
  {
    g_autoptr(CuspSelectionJournal) copy = cusp_selection_journal_open (cusp_selection_journal_get_path (journal),
                                                                         &error);
    CuspSelection *restored;

    g_assert_no_error (error);
    restored = cusp_selection_journal_get_selection (copy);
    g_assert_cmpuint (cusp_selection_get_n_segments (restored), ==, 4);
    g_assert_cmpint (cusp_selection_get_segment (restored, 3)->start - W0, ==, 1000);
    g_assert_cmpint (cusp_selection_get_segment (restored, 3)->stop - W0, ==, 1100);
    g_assert_cmpstr (cusp_selection_get_segment (restored, 3)->discussion, ==, huge);
    g_assert_cmpuint (cusp_selection_get_revision (restored), ==, 3);
  }
  g_assert_cmpuint (failures, ==, 1);

  g_clear_object (&journal);
  remove_tree (dir);
}

static void
test_default_dir (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("CUSP_DATA_DIR"));
  g_autofree char *with_env = NULL;
  g_autofree char *without = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "cusp", "journal", NULL);

  g_setenv ("CUSP_DATA_DIR", "/tmp/cusp-test-data", TRUE);
  with_env = cusp_selection_journal_default_dir ();
  g_assert_cmpstr (with_env, ==, "/tmp/cusp-test-data/journal");
  g_unsetenv ("CUSP_DATA_DIR");
  without = cusp_selection_journal_default_dir ();
  g_assert_cmpstr (without, ==, expected);
  if (saved != NULL)
    g_setenv ("CUSP_DATA_DIR", saved, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/selection-journal/reopen", test_reopen);
  g_test_add_func ("/cusp/selection-journal/continue-same-file", test_continue_same_file);
  g_test_add_func ("/cusp/selection-journal/finished", test_finished);
  g_test_add_func ("/cusp/selection-journal/corrupt", test_corrupt);
  g_test_add_func ("/cusp/selection-journal/disk-full", test_disk_full);
  g_test_add_func ("/cusp/selection-journal/default-dir", test_default_dir);

  return g_test_run ();
}
