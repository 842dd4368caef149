/* cusp-selection-journal.h: nothing lost — every selection edit on disk
 *
 * A journal is one SQLite file (WAL mode) per editing session in the
 * journal folder: g_get_user_data_dir()/cusp/journal, or
 * $CUSP_DATA_DIR/journal when that variable is set.  It holds the ABS
 * window and grid, and after every edit the whole editing state: initial
 * (ABS) segments, current segments, the undo and redo snapshots and the
 * revision.  Snapshots are stored once each, keyed by the SHA-256 of their
 * serialised form, so an edit writes one new snapshot and one small row.
 *
 * Attached to a CuspSelection, the journal writes and commits the new
 * state inside the selection's "changed" emission, that is before the
 * editing call returns: an edit the caller sees succeed and for which
 * cusp_selection_journal_is_saved () is TRUE survives a crash (SIGKILL,
 * power loss).  When the write fails (disk full, I/O error) the previous
 * state stays intact on disk, "save-failed" is emitted, is_saved () turns
 * FALSE and cusp_selection_journal_sync () reports the error; the next
 * edit or sync () tries again with the whole state.
 *
 * On the next start cusp_selection_journal_find_unfinished () restores
 * the most recent session that was not finished (clean close, submission
 * or discard, cusp_selection_journal_finish ()).
 */
#pragma once

#include <glib-object.h>
#include "cusp-selection.h"

G_BEGIN_DECLS

#define CUSP_SELECTION_JOURNAL_ERROR (cusp_selection_journal_error_quark ())
typedef enum
{
  CUSP_SELECTION_JOURNAL_ERROR_OPEN,     /* the folder or file cannot be created or opened */
  CUSP_SELECTION_JOURNAL_ERROR_CORRUPT,  /* not a readable journal: moved aside as *.corrupt */
  CUSP_SELECTION_JOURNAL_ERROR_WRITE,    /* an edit could not be saved (disk full, I/O error) */
  CUSP_SELECTION_JOURNAL_ERROR_FINISHED, /* the journal was already finished */
} CuspSelectionJournalError;

GQuark cusp_selection_journal_error_quark (void);

typedef enum
{
  CUSP_JOURNAL_END_CLEAN_CLOSE = 1,  /* the user closed the window normally */
  CUSP_JOURNAL_END_SUBMITTED,        /* the selection went to the SDC */
  CUSP_JOURNAL_END_DISCARDED,        /* the user threw the edits away */
} CuspJournalEnd;

#define CUSP_TYPE_SELECTION_JOURNAL (cusp_selection_journal_get_type ())
G_DECLARE_FINAL_TYPE (CuspSelectionJournal, cusp_selection_journal, CUSP, SELECTION_JOURNAL, GObject)

/* $CUSP_DATA_DIR/journal or g_get_user_data_dir()/cusp/journal. */
char                 *cusp_selection_journal_default_dir     (void);

/* Starts a new journal file in dir (NULL: the default folder, created if
 * needed) holding the selection's present state, and attaches to it. */
CuspSelectionJournal *cusp_selection_journal_new             (CuspSelection  *selection,
                                                              const char     *dir,
                                                              GError        **error);
/* Restores the journal at path into a new CuspSelection (see
 * get_selection) and attaches to it, so editing goes on in the same file.
 * A file that is not a readable journal is renamed "<path>.corrupt" and
 * CUSP_SELECTION_JOURNAL_ERROR_CORRUPT is returned. */
CuspSelectionJournal *cusp_selection_journal_open            (const char     *path,
                                                              GError        **error);
/* The most recently edited unfinished journal in dir (NULL: the default
 * folder), restored as by _open (); NULL without error when there is none.
 * A damaged file found on the way is moved aside and reported as
 * CUSP_SELECTION_JOURNAL_ERROR_CORRUPT with NULL: call again to go on with
 * the other files. */
CuspSelectionJournal *cusp_selection_journal_find_unfinished (const char     *dir,
                                                              GError        **error);

CuspSelection        *cusp_selection_journal_get_selection   (CuspSelectionJournal *self);
const char           *cusp_selection_journal_get_path        (CuspSelectionJournal *self);
/* TRUE when the selection's present state is committed to disk. */
gboolean              cusp_selection_journal_is_saved        (CuspSelectionJournal *self);
/* Writes the present state if it is not saved yet (after a failure);
 * FALSE with CUSP_SELECTION_JOURNAL_ERROR_WRITE when that fails again. */
gboolean              cusp_selection_journal_sync            (CuspSelectionJournal *self,
                                                              GError              **error);
/* Saves the present state, marks the journal finished (it is no longer
 * offered by find_unfinished) and detaches from the selection. */
gboolean              cusp_selection_journal_finish          (CuspSelectionJournal *self,
                                                              CuspJournalEnd        end,
                                                              GError              **error);
/* Caps the file at max_pages database pages (SQLite's max_page_count), as
 * a quota; tests use it to simulate a full disk.  0 lifts the cap. */
void                  cusp_selection_journal_set_max_pages   (CuspSelectionJournal *self,
                                                              guint                 max_pages);

G_END_DECLS
