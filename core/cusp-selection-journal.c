#define G_LOG_DOMAIN "cusp-selection-journal"

#include "config.h"

#include "cusp-selection-journal.h"

#include <errno.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* File layout (format 1):
 *   journal   one row: window, grid, source id, history depth, revision,
 *             the hashes of the initial and current snapshots, the undo
 *             and redo hashes (comma-separated), finished (0 or a
 *             CuspJournalEnd) and the times of creation and last update;
 *   snapshots hash -> GVariant "a(xxdmsmsymsxx)" of the segments.
 * application_id "Cusp" tells a journal from any other SQLite file. */

#define JOURNAL_APPLICATION_ID 0x43757370
#define JOURNAL_FORMAT         1
#define JOURNAL_SUFFIX         ".cuspjournal"
#define SEGMENT_TYPE           "(xxdmsmsymsxx)"
#define SEGMENTS_TYPE          "a" SEGMENT_TYPE

G_DEFINE_QUARK (cusp-selection-journal-error-quark, cusp_selection_journal_error)

struct _CuspSelectionJournal
{
  GObject         parent_instance;

  char           *path;
  sqlite3        *db;
  CuspSelection  *selection;
  gulong          changed_id;
  GHashTable     *hash_cache;  /* GArray (a reference) -> its hash */
  GHashTable     *stored;      /* hashes of the snapshots in the file */
  gboolean        saved;
  gboolean        finished;
  GError         *error;       /* of the last failed write */
};

enum
{
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CuspSelectionJournal, cusp_selection_journal, G_TYPE_OBJECT)

static void
close_db (CuspSelectionJournal *self)
{
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  self->db = NULL;
}

static void
detach (CuspSelectionJournal *self)
{
  if (self->selection != NULL && self->changed_id != 0)
    g_signal_handler_disconnect (self->selection, self->changed_id);
  self->changed_id = 0;
}

static void
cusp_selection_journal_dispose (GObject *object)
{
  CuspSelectionJournal *self = CUSP_SELECTION_JOURNAL (object);

  detach (self);
  g_clear_object (&self->selection);
  g_hash_table_remove_all (self->hash_cache);
  close_db (self);

  G_OBJECT_CLASS (cusp_selection_journal_parent_class)->dispose (object);
}

static void
cusp_selection_journal_finalize (GObject *object)
{
  CuspSelectionJournal *self = CUSP_SELECTION_JOURNAL (object);

  g_free (self->path);
  g_hash_table_unref (self->hash_cache);
  g_hash_table_unref (self->stored);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (cusp_selection_journal_parent_class)->finalize (object);
}

static void
cusp_selection_journal_class_init (CuspSelectionJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cusp_selection_journal_dispose;
  object_class->finalize = cusp_selection_journal_finalize;

  /* Emitted when an edit could not be written; the GError says why and
   * what to do (CUSP_SELECTION_JOURNAL_ERROR_WRITE). */
  signals[SAVE_FAILED] = g_signal_new ("save-failed",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
cusp_selection_journal_init (CuspSelectionJournal *self)
{
  self->hash_cache = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                            (GDestroyNotify) g_array_unref, g_free);
  self->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

char *
cusp_selection_journal_default_dir (void)
{
  const char *override = g_getenv ("CUSP_DATA_DIR");

  if (override != NULL && *override != '\0')
    return g_build_filename (override, "journal", NULL);
  return g_build_filename (g_get_user_data_dir (), "cusp", "journal", NULL);
}

/* Serialisation */

static GVariant *
segments_to_variant (const GArray *segments)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (SEGMENTS_TYPE));
  for (guint i = 0; i < segments->len; i++)
    {
      const CuspBurstSegment *s = &g_array_index (segments, CuspBurstSegment, i);

      g_variant_builder_add (&builder, SEGMENT_TYPE, s->start, s->stop, s->fom,
                             s->discussion, s->source_id, s->obsset, s->status,
                             (gint64) s->create_time, s->data_segment_id);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static GArray *
segments_from_variant (GVariant *variant)
{
  GArray *segments = cusp_burst_segment_array_new ();
  GVariantIter iter;
  CuspBurstSegment s;
  gint64 create_time;

  g_variant_iter_init (&iter, variant);
  cusp_burst_segment_init (&s);
  while (g_variant_iter_next (&iter, SEGMENT_TYPE, &s.start, &s.stop, &s.fom,
                              &s.discussion, &s.source_id, &s.obsset, &s.status,
                              &create_time, &s.data_segment_id))
    {
      s.create_time = create_time;
      g_array_append_val (segments, s);
      cusp_burst_segment_init (&s);
    }
  return segments;
}

static char *
hash_variant (GVariant *variant)
{
  gconstpointer data = g_variant_get_data (variant);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data != NULL ? data : (gconstpointer) "",
                                      g_variant_get_size (variant));
}

/* Errors */

/* Failures that say nothing about the file's contents: it is locked,
 * unreadable or the machine is short of memory. */
static gboolean
is_transient (sqlite3 *db)
{
  switch (sqlite3_errcode (db))
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_NOMEM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
set_write_error (CuspSelectionJournal  *self,
                 GError               **error)
{
  if (sqlite3_errcode (self->db) == SQLITE_FULL)
    g_set_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_WRITE,
                 _("The last edit could not be saved: the disk holding the journal “%s” is full. "
                   "Free some disk space; Cusp saves the whole selection again at the next edit."),
                 self->path);
  else
    g_set_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_WRITE,
                 _("The last edit could not be saved to the journal “%s” (%s). Check that the disk "
                   "is writable and not full; Cusp saves the whole selection again at the next edit."),
                 self->path, sqlite3_errmsg (self->db));
}

static gboolean
exec (CuspSelectionJournal  *self,
      const char            *sql,
      GError               **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  set_write_error (self, error);
  return FALSE;
}

static void
rollback (CuspSelectionJournal *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Writing */

static const char *
hash_of (CuspSelectionJournal *self,
         const GArray         *segments)
{
  const char *hash = g_hash_table_lookup (self->hash_cache, segments);
  g_autoptr(GVariant) variant = NULL;
  char *computed;

  if (hash != NULL)
    return hash;

  /* The model never changes an array once it is current or in the
   * history, and the reference held here keeps its address from being
   * reused, so the pointer identifies the contents. */
  variant = segments_to_variant (segments);
  computed = hash_variant (variant);
  g_hash_table_insert (self->hash_cache, g_array_ref ((GArray *) segments), computed);
  return computed;
}

static gboolean
store_snapshot (CuspSelectionJournal  *self,
                const GArray          *segments,
                GHashTable            *added,
                GError               **error)
{
  const char *hash = hash_of (self, segments);
  g_autoptr(GVariant) variant = NULL;
  gconstpointer data;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (g_hash_table_contains (self->stored, hash) || g_hash_table_contains (added, hash))
    return TRUE;

  variant = segments_to_variant (segments);
  data = g_variant_get_data (variant);
  rc = sqlite3_prepare_v2 (self->db, "INSERT OR REPLACE INTO snapshots (hash, data) VALUES (?, ?)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
      sqlite3_bind_blob (stmt, 2, data != NULL ? data : (gconstpointer) "",
                         (int) g_variant_get_size (variant), SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_write_error (self, error);
      return FALSE;
    }
  g_hash_table_add (added, g_strdup (hash));
  return TRUE;
}

static char *
store_stack (CuspSelectionJournal  *self,
             const GPtrArray       *stack,
             GHashTable            *added,
             GHashTable            *referenced,
             GError               **error)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < stack->len; i++)
    {
      const GArray *segments = g_ptr_array_index (stack, i);

      if (!store_snapshot (self, segments, added, error))
        return g_string_free (list, TRUE);
      if (i > 0)
        g_string_append_c (list, ',');
      g_string_append (list, hash_of (self, segments));
      g_hash_table_add (referenced, (gpointer) hash_of (self, segments));
    }
  return g_string_free (list, FALSE);
}

static gboolean
update_row (CuspSelectionJournal  *self,
            const char            *initial,
            const char            *current,
            const char            *undo,
            const char            *redo,
            int                    finished,
            GError               **error)
{
  CuspSelection *selection = self->selection;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "UPDATE journal SET updated = ?, revision = ?, source_id = ?, history_depth = ?, "
                           "initial = ?, current = ?, undo = ?, redo = ?, finished = ? WHERE id = 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
      sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) cusp_selection_get_revision (selection));
      sqlite3_bind_text (stmt, 3, cusp_selection_get_source_id (selection), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, cusp_selection_get_history_depth (selection));
      sqlite3_bind_text (stmt, 5, initial, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, current, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, undo, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, redo, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 9, finished);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_write_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Snapshots no longer in the history are dropped in the same transaction. */
static gboolean
delete_unreferenced (CuspSelectionJournal  *self,
                     GHashTable            *referenced,
                     GPtrArray             *deleted,
                     GError               **error)
{
  GHashTableIter iter;
  gpointer hash;

  g_hash_table_iter_init (&iter, self->stored);
  while (g_hash_table_iter_next (&iter, &hash, NULL))
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (g_hash_table_contains (referenced, hash))
        continue;
      rc = sqlite3_prepare_v2 (self->db, "DELETE FROM snapshots WHERE hash = ?", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          set_write_error (self, error);
          return FALSE;
        }
      g_ptr_array_add (deleted, hash);
    }
  return TRUE;
}

/* The whole state, inside a transaction the caller opened. */
static gboolean
write_body (CuspSelectionJournal  *self,
            int                    finished,
            GHashTable            *added,
            GPtrArray             *deleted,
            GError               **error)
{
  CuspSelection *selection = self->selection;
  const GArray *initial = cusp_selection_get_initial (selection);
  const GArray *current = cusp_selection_get_segments (selection);
  g_autoptr(GHashTable) referenced = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *undo = NULL;
  g_autofree char *redo = NULL;

  if (!store_snapshot (self, initial, added, error) || !store_snapshot (self, current, added, error))
    return FALSE;
  g_hash_table_add (referenced, (gpointer) hash_of (self, initial));
  g_hash_table_add (referenced, (gpointer) hash_of (self, current));

  undo = store_stack (self, cusp_selection_get_undo_stack (selection), added, referenced, error);
  if (undo == NULL)
    return FALSE;
  redo = store_stack (self, cusp_selection_get_redo_stack (selection), added, referenced, error);
  if (redo == NULL)
    return FALSE;

  return update_row (self, hash_of (self, initial), hash_of (self, current), undo, redo, finished, error)
         && delete_unreferenced (self, referenced, deleted, error);
}

static gboolean
in_history (CuspSelection *selection,
            const GArray  *segments)
{
  const GPtrArray *undo = cusp_selection_get_undo_stack (selection);
  const GPtrArray *redo = cusp_selection_get_redo_stack (selection);

  return segments == cusp_selection_get_segments (selection)
         || segments == cusp_selection_get_initial (selection)
         || g_ptr_array_find ((GPtrArray *) undo, segments, NULL)
         || g_ptr_array_find ((GPtrArray *) redo, segments, NULL);
}

static void
prune_cache (CuspSelectionJournal *self)
{
  GHashTableIter iter;
  gpointer segments;

  g_hash_table_iter_init (&iter, self->hash_cache);
  while (g_hash_table_iter_next (&iter, &segments, NULL))
    if (!in_history (self->selection, segments))
      g_hash_table_iter_remove (&iter);
}

/* One transaction per state, committed (WAL, synchronous=FULL) before
 * returning.  On failure nothing of it reaches the file. */
static gboolean
write_state (CuspSelectionJournal  *self,
             int                    finished,
             GError               **error)
{
  g_autoptr(GHashTable) added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) deleted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer hash;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!write_body (self, finished, added, deleted, error) || !exec (self, "COMMIT", error))
    {
      rollback (self);
      prune_cache (self);
      return FALSE;
    }

  for (guint i = 0; i < deleted->len; i++)
    g_hash_table_remove (self->stored, g_ptr_array_index (deleted, i));
  g_hash_table_iter_init (&iter, added);
  while (g_hash_table_iter_next (&iter, &hash, NULL))
    {
      g_hash_table_add (self->stored, hash);
      g_hash_table_iter_steal (&iter);
    }
  prune_cache (self);
  return TRUE;
}

static void
on_changed (CuspSelection        *selection G_GNUC_UNUSED,
            CuspSelectionJournal *self)
{
  g_autoptr(GError) error = NULL;

  self->saved = write_state (self, 0, &error);
  g_clear_error (&self->error);
  if (!self->saved)
    {
      g_debug ("%s", error->message);
      self->error = g_steal_pointer (&error);
      g_signal_emit (self, signals[SAVE_FAILED], 0, self->error);
    }
}

static void
attach (CuspSelectionJournal *self,
        CuspSelection        *selection)
{
  self->selection = g_object_ref (selection);
  self->changed_id = g_signal_connect (selection, "changed", G_CALLBACK (on_changed), self);
}

/* Opening */

static sqlite3 *
open_db (const char  *path,
         int          flags,
         GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_OPEN,
                   _("Cannot open the journal “%s” (%s). Check that its folder exists and is writable."),
                   path, db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 0);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* WAL lets a commit append to one file; synchronous=FULL then fsyncs the
 * WAL at each commit.  NORMAL would survive a killed program (the
 * committed frames are in the OS cache) but may lose the last edits on a
 * power cut or system crash, and an edit is acknowledged as saved: one
 * fsync per edit costs a few milliseconds, nothing at the pace of clicks. */
static gboolean
configure (CuspSelectionJournal  *self,
           GError               **error)
{
  return exec (self, "PRAGMA journal_mode = WAL", error)
         && exec (self, "PRAGMA synchronous = FULL", error);
}

static char *
new_journal_path (const char *dir)
{
  g_autofree char *name = g_strdup_printf ("selection-%" G_GINT64_FORMAT "-%08x" JOURNAL_SUFFIX,
                                           g_get_real_time (), g_random_int ());

  return g_build_filename (dir, name, NULL);
}

static gboolean
create_schema (CuspSelectionJournal  *self,
               GError               **error)
{
  g_autofree char *sql = NULL;
  CuspSelection *s = self->selection;
  gint64 now = g_get_real_time ();

  sql = g_strdup_printf ("PRAGMA application_id = %d;"
                         "PRAGMA user_version = %d;"
                         "CREATE TABLE journal (id INTEGER PRIMARY KEY CHECK (id = 1),"
                         " format INTEGER NOT NULL, window_start INTEGER NOT NULL,"
                         " window_stop INTEGER NOT NULL, grid_origin INTEGER NOT NULL,"
                         " target_buffers INTEGER NOT NULL, source_id TEXT,"
                         " history_depth INTEGER NOT NULL, revision INTEGER NOT NULL,"
                         " initial TEXT NOT NULL, current TEXT NOT NULL,"
                         " undo TEXT NOT NULL, redo TEXT NOT NULL,"
                         " finished INTEGER NOT NULL, created INTEGER NOT NULL,"
                         " updated INTEGER NOT NULL);"
                         "CREATE TABLE snapshots (hash TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;"
                         "INSERT INTO journal VALUES (1, %d, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
                         " %" G_GINT64_FORMAT ", %u, NULL, 1, 0, '', '', '', '', 0,"
                         " %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");",
                         JOURNAL_APPLICATION_ID, JOURNAL_FORMAT, JOURNAL_FORMAT,
                         cusp_selection_get_window_start (s), cusp_selection_get_window_stop (s),
                         cusp_selection_get_grid_origin (s), cusp_selection_get_target_buffers (s),
                         now, now);
  return exec (self, sql, error);
}

CuspSelectionJournal *
cusp_selection_journal_new (CuspSelection  *selection,
                            const char     *dir,
                            GError        **error)
{
  g_autoptr(CuspSelectionJournal) self = NULL;
  g_autofree char *default_dir = NULL;
  g_autoptr(GHashTable) added = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  GHashTableIter iter;
  gpointer hash;

  g_return_val_if_fail (CUSP_IS_SELECTION (selection), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (dir == NULL)
    dir = default_dir = cusp_selection_journal_default_dir ();
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_OPEN,
                   _("Cannot create the journal folder “%s” (%s). Check its permissions, or set "
                     "CUSP_DATA_DIR to a writable folder."),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (CUSP_TYPE_SELECTION_JOURNAL, NULL);
  self->path = new_journal_path (dir);
  self->db = open_db (self->path, SQLITE_OPEN_CREATE, error);
  if (self->db == NULL)
    return NULL;
  self->selection = g_object_ref (selection);

  added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  deleted = g_ptr_array_new ();
  if (!configure (self, error) || !exec (self, "BEGIN IMMEDIATE", error))
    goto fail;
  if (!create_schema (self, error) || !write_body (self, 0, added, deleted, error)
      || !exec (self, "COMMIT", error))
    {
      rollback (self);
      goto fail;
    }

  g_hash_table_iter_init (&iter, added);
  while (g_hash_table_iter_next (&iter, &hash, NULL))
    {
      g_hash_table_add (self->stored, hash);
      g_hash_table_iter_steal (&iter);
    }
  g_clear_object (&self->selection);
  attach (self, selection);
  self->saved = TRUE;
  return g_steal_pointer (&self);

fail:
  close_db (self);
  g_unlink (self->path);
  return NULL;
}

/* Reading */

typedef struct
{
  gint64   window_start, window_stop, grid_origin;
  guint    target_buffers;
  char    *source_id;
  guint    history_depth;
  guint64  revision;
  char    *initial, *current, *undo, *redo;
  int      finished;
  gint64   updated;
} JournalRow;

static void
journal_row_clear (JournalRow *row)
{
  g_free (row->source_id);
  g_free (row->initial);
  g_free (row->current);
  g_free (row->undo);
  g_free (row->redo);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JournalRow, journal_row_clear)

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* FALSE when the file is not a journal this version can read (the reason
 * in *why), or when SQLite cannot read it (its message in *why). */
static gboolean
read_row (sqlite3     *db,
          JournalRow  *row,
          char       **why)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW
      && sqlite3_column_int (stmt, 0) != JOURNAL_APPLICATION_ID)
    {
      sqlite3_finalize (stmt);
      *why = g_strdup (_("not a Cusp journal"));
      return FALSE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    goto sqlite_failed;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT format, window_start, window_stop, grid_origin, target_buffers, "
                           "source_id, history_depth, revision, initial, current, undo, redo, "
                           "finished, updated FROM journal WHERE id = 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int (stmt, 0) != JOURNAL_FORMAT)
        {
          sqlite3_finalize (stmt);
          *why = g_strdup (_("written by a newer version of Cusp"));
          return FALSE;
        }
      row->window_start = sqlite3_column_int64 (stmt, 1);
      row->window_stop = sqlite3_column_int64 (stmt, 2);
      row->grid_origin = sqlite3_column_int64 (stmt, 3);
      row->target_buffers = (guint) sqlite3_column_int64 (stmt, 4);
      row->source_id = column_dup (stmt, 5);
      row->history_depth = (guint) sqlite3_column_int64 (stmt, 6);
      row->revision = (guint64) sqlite3_column_int64 (stmt, 7);
      row->initial = column_dup (stmt, 8);
      row->current = column_dup (stmt, 9);
      row->undo = column_dup (stmt, 10);
      row->redo = column_dup (stmt, 11);
      row->finished = sqlite3_column_int (stmt, 12);
      row->updated = sqlite3_column_int64 (stmt, 13);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_ROW)
    {
      if (row->window_start < row->window_stop && row->current != NULL && row->initial != NULL
          && row->undo != NULL && row->redo != NULL)
        return TRUE;
      *why = g_strdup (_("its window or state is missing"));
      return FALSE;
    }

sqlite_failed:
  *why = g_strdup (rc == SQLITE_DONE ? _("its state is missing") : sqlite3_errmsg (db));
  return FALSE;
}

/* hash -> GArray, every snapshot checked against its hash. */
static GHashTable *
read_snapshots (sqlite3  *db,
                char    **why)
{
  GHashTable *snapshots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_array_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT hash, data FROM snapshots", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *hash = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      g_autoptr(GVariant) variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (SEGMENTS_TYPE),
                                                                                   bytes, FALSE));
      g_autofree char *check = hash_variant (variant);

      if (hash == NULL || !g_variant_is_normal_form (variant) || g_strcmp0 (check, hash) != 0)
        {
          sqlite3_finalize (stmt);
          g_hash_table_unref (snapshots);
          *why = g_strdup (_("a saved snapshot does not match its checksum"));
          return NULL;
        }
      g_hash_table_insert (snapshots, g_strdup (hash), segments_from_variant (variant));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_hash_table_unref (snapshots);
      *why = g_strdup (sqlite3_errmsg (db));
      return NULL;
    }
  return snapshots;
}

static GPtrArray *
lookup_stack (GHashTable *snapshots,
              const char *list)
{
  g_auto(GStrv) hashes = g_strsplit (list, ",", -1);
  GPtrArray *stack = g_ptr_array_new ();

  for (guint i = 0; hashes[i] != NULL; i++)
    {
      GArray *segments = g_hash_table_lookup (snapshots, hashes[i]);

      if (segments == NULL)
        {
          g_ptr_array_unref (stack);
          return NULL;
        }
      g_ptr_array_add (stack, segments);
    }
  return stack;
}

static CuspSelection *
rebuild_selection (const JournalRow  *row,
                   GHashTable        *snapshots,
                   char             **why)
{
  GArray *initial = g_hash_table_lookup (snapshots, row->initial);
  GArray *current = g_hash_table_lookup (snapshots, row->current);
  g_autoptr(GPtrArray) undo = lookup_stack (snapshots, row->undo);
  g_autoptr(GPtrArray) redo = lookup_stack (snapshots, row->redo);
  CuspSelection *selection;

  if (initial == NULL || current == NULL || undo == NULL || redo == NULL)
    {
      *why = g_strdup (_("a snapshot of the history is missing"));
      return NULL;
    }

  selection = cusp_selection_new (row->window_start, row->window_stop, row->grid_origin,
                                  row->target_buffers);
  cusp_selection_set_source_id (selection, row->source_id);
  cusp_selection_set_history_depth (selection, row->history_depth);
  cusp_selection_restore (selection, initial, current, undo, redo, row->revision);
  return selection;
}

static char *
aside_name (const char *path)
{
  char *name = g_strconcat (path, ".corrupt", NULL);

  for (guint n = 1; g_file_test (name, G_FILE_TEST_EXISTS); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s.%u.corrupt", path, n);
    }
  return name;
}

/* The -wal file goes along: it may hold the only copy of recent edits,
 * which someone may still want to inspect. */
static void
move_aside (const char  *path,
            const char  *why,
            GError     **error)
{
  g_autofree char *aside = aside_name (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *wal_aside = g_strconcat (aside, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_CORRUPT,
                   _("The journal “%s” is damaged (%s) and could not be moved aside (%s). "
                     "Move or delete it yourself to start a new journal."),
                   path, why, g_strerror (saved_errno));
      return;
    }
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    g_rename (wal, wal_aside);
  g_unlink (shm);

  g_set_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_CORRUPT,
               _("The journal “%s” is damaged (%s) and cannot be restored. It was moved to “%s” "
                 "so that a new journal can start; other journals are not affected."),
               path, why, aside);
}

/* Opens path and reads its row; a damaged file is moved aside. */
static sqlite3 *
open_existing (const char  *path,
               JournalRow  *row,
               GError     **error)
{
  g_autofree char *why = NULL;
  sqlite3 *db = open_db (path, 0, error);

  if (db == NULL)
    return NULL;
  if (read_row (db, row, &why))
    return db;

  /* Only a file SQLite or this code finds malformed goes aside: a locked
   * or unreadable one is left alone for the user to fix. */
  if (!is_transient (db))
    {
      sqlite3_close_v2 (db);
      move_aside (path, why, error);
      return NULL;
    }
  g_set_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_OPEN,
               _("Cannot read the journal “%s” (%s). Check its permissions, and that no other "
                 "program holds it."), path, why);
  sqlite3_close_v2 (db);
  return NULL;
}

CuspSelectionJournal *
cusp_selection_journal_open (const char  *path,
                             GError     **error)
{
  g_autoptr(CuspSelectionJournal) self = NULL;
  g_auto(JournalRow) row = { 0 };
  g_autoptr(GHashTable) snapshots = NULL;
  g_autoptr(CuspSelection) selection = NULL;
  g_autofree char *why = NULL;
  GHashTableIter iter;
  gpointer hash;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CUSP_TYPE_SELECTION_JOURNAL, NULL);
  self->path = g_strdup (path);
  self->db = open_existing (path, &row, error);
  if (self->db == NULL)
    return NULL;

  snapshots = read_snapshots (self->db, &why);
  if (snapshots != NULL)
    selection = rebuild_selection (&row, snapshots, &why);
  if (selection == NULL)
    {
      close_db (self);
      move_aside (path, why, error);
      return NULL;
    }
  if (row.finished != 0)
    {
      g_set_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_FINISHED,
                   _("The journal “%s” belongs to a finished session and cannot be continued. "
                     "Start a new selection instead."), path);
      return NULL;
    }
  if (!configure (self, error))
    return NULL;

  g_hash_table_iter_init (&iter, snapshots);
  while (g_hash_table_iter_next (&iter, &hash, NULL))
    g_hash_table_add (self->stored, g_strdup (hash));
  attach (self, selection);
  self->saved = TRUE;
  return g_steal_pointer (&self);
}

static gboolean
has_suffix (const char *name)
{
  return g_str_has_suffix (name, JOURNAL_SUFFIX);
}

CuspSelectionJournal *
cusp_selection_journal_find_unfinished (const char  *dir,
                                        GError     **error)
{
  g_autofree char *default_dir = NULL;
  g_autofree char *newest = NULL;
  g_autoptr(GDir) listing = NULL;
  gint64 newest_updated = G_MININT64;
  const char *name;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (dir == NULL)
    dir = default_dir = cusp_selection_journal_default_dir ();
  listing = g_dir_open (dir, 0, NULL);
  if (listing == NULL)
    return NULL;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_auto(JournalRow) row = { 0 };
      sqlite3 *db;

      if (!has_suffix (name))
        continue;
      path = g_build_filename (dir, name, NULL);
      db = open_existing (path, &row, error);
      if (db == NULL)
        return NULL;
      sqlite3_close_v2 (db);
      if (row.finished == 0 && row.updated > newest_updated)
        {
          newest_updated = row.updated;
          g_free (newest);
          newest = g_steal_pointer (&path);
        }
    }

  return newest != NULL ? cusp_selection_journal_open (newest, error) : NULL;
}

/* Accessors and life cycle */

CuspSelection *
cusp_selection_journal_get_selection (CuspSelectionJournal *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_JOURNAL (self), NULL);
  return self->selection;
}

const char *
cusp_selection_journal_get_path (CuspSelectionJournal *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_JOURNAL (self), NULL);
  return self->path;
}

gboolean
cusp_selection_journal_is_saved (CuspSelectionJournal *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_JOURNAL (self), FALSE);
  return self->saved;
}

static gboolean
check_open (CuspSelectionJournal  *self,
            GError               **error)
{
  if (!self->finished)
    return TRUE;
  g_set_error (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_FINISHED,
               _("The journal “%s” is already finished. Start a new journal for further edits."),
               self->path);
  return FALSE;
}

gboolean
cusp_selection_journal_sync (CuspSelectionJournal  *self,
                             GError               **error)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_JOURNAL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_open (self, error))
    return FALSE;
  if (self->saved)
    return TRUE;

  g_clear_error (&self->error);
  self->saved = write_state (self, 0, &self->error);
  if (!self->saved)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  return TRUE;
}

gboolean
cusp_selection_journal_finish (CuspSelectionJournal  *self,
                               CuspJournalEnd         end,
                               GError               **error)
{
  g_return_val_if_fail (CUSP_IS_SELECTION_JOURNAL (self), FALSE);
  g_return_val_if_fail (end >= CUSP_JOURNAL_END_CLEAN_CLOSE && end <= CUSP_JOURNAL_END_DISCARDED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_open (self, error) || !write_state (self, end, error))
    return FALSE;

  detach (self);
  self->finished = TRUE;
  self->saved = TRUE;
  g_hash_table_remove_all (self->hash_cache);
  close_db (self);
  return TRUE;
}

void
cusp_selection_journal_set_max_pages (CuspSelectionJournal *self,
                                      guint                 max_pages)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (CUSP_IS_SELECTION_JOURNAL (self));

  if (self->db == NULL)
    return;
  /* SQLite's own ceiling, which no file here comes near. */
  sql = g_strdup_printf ("PRAGMA max_page_count = %u", max_pages != 0 ? max_pages : 0xfffffffeu);
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}
