#define G_LOG_DOMAIN "cusp-selections-command"

#include "config.h"

#include "cusp-selections-command.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <unistd.h>

#include "cusp-cli.h"
#include "cusp-cli-private.h"
#include "cusp-selection.h"
#include "cusp-selection-io.h"
#include "cusp-selection-journal.h"
#include "cusp-selection-validate.h"

/* Reading a file, shared by validate and convert. */
static GArray *
read_selection (const char                     *path,
                const CuspSelectionReadOptions *options,
                CuspSelectionFormat            *detected)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  GArray *segments = cusp_selection_read_file (file, options, detected, &error);

  if (segments == NULL)
    _cusp_cli_print_error ("%s", error->message);
  return segments;
}

static gboolean
one_file_argument (const char *command,
                   char      **files,
                   guint       expected)
{
  guint n = files != NULL ? g_strv_length (files) : 0;

  if (n == expected)
    return TRUE;
  if (expected == 1)
    _cusp_cli_print_error (_("give one selection file, e.g. “cusp selections %s selections.csv”"), command);
  else
    _cusp_cli_print_error (_("give an input and an output file, e.g. "
                             "“cusp selections %s gls.csv out.csv”"), command);
  return FALSE;
}

/* validate */

static const char *
severity_label (CuspProblemSeverity severity)
{
  switch (severity)
    {
    case CUSP_PROBLEM_ERROR:  return _("ERROR");
    case CUSP_PROBLEM_ORANGE: return _("ORANGE");
    case CUSP_PROBLEM_YELLOW:
    default:                  return _("YELLOW");
    }
}

static void
print_category_table (const GArray *segments)
{
  CuspCategoryStats stats[CUSP_N_FOM_CATEGORIES + 1];
  CuspValidationLimits limits;
  double top;

  cusp_validation_limits_init (&limits);
  cusp_selection_category_stats ((const CuspBurstSegment *) segments->data, segments->len, &limits, stats);

  g_print ("\n%-9s %-9s %8s %8s %8s %7s\n", _("Category"), _("FOM"), _("Segments"), _("Buffers"),
           _("Minutes"), "%");
  top = limits.category_top;
  for (int c = 0; c <= CUSP_N_FOM_CATEGORIES; c++)
    {
      g_autofree char *range = NULL;
      g_autofree char *name = NULL;

      if (c < CUSP_N_FOM_CATEGORIES)
        {
          name = g_strdup_printf ("%d", c);
          range = g_strdup_printf ("%g-%g", limits.category_min[c], top);
          top = limits.category_min[c];
        }
      else
        {
          name = g_strdup (_("Total"));
          range = g_strdup ("");
        }
      g_print ("%-9s %-9s %8u %8u %8u %7.1f\n", name, range, stats[c].n_segments,
               stats[c].n_buffers, stats[c].minutes, stats[c].percent);
    }
}

static int
run_validate (char **args)
{
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  CuspSelectionFormat detected = CUSP_SELECTION_FORMAT_AUTO;
  guint n_errors;

  if (!_cusp_cli_parse_options ("selections validate",
                                _("Check a burst-selection file with EVA’s rules before submission."),
                                entries, args)
      || !one_file_argument ("validate", files, 1))
    return CUSP_EXIT_USAGE;

  segments = read_selection (files[0], NULL, &detected);
  if (segments == NULL)
    return CUSP_EXIT_FAILURE;

  /* Translators: "sel.csv: 3 segments (eva-text)"; the format name is not translated. */
  g_print (_("%s: %u segments (%s)\n"), files[0], segments->len, cusp_selection_format_name (detected));
  problems = cusp_selection_validate ((const CuspBurstSegment *) segments->data, segments->len, NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      CuspSelectionProblem *problem = g_ptr_array_index (problems, i);

      g_print ("%-7s %s\n", severity_label (problem->severity), problem->message);
    }

  n_errors = cusp_selection_count_problems (problems, CUSP_PROBLEM_ERROR);
  g_print (_("%u errors, %u orange warnings, %u yellow warnings\n"), n_errors,
           cusp_selection_count_problems (problems, CUSP_PROBLEM_ORANGE),
           cusp_selection_count_problems (problems, CUSP_PROBLEM_YELLOW));
  print_category_table (segments);
  return n_errors > 0 ? CUSP_EXIT_FAILURE : 0;
}

/* convert */

static gboolean
output_format (const char          *path,
               const char          *to,
               CuspSelectionFormat *format)
{
  static const struct { const char *name; CuspSelectionFormat format; } names[] = {
    { "pymms", CUSP_SELECTION_FORMAT_PYMMS_CSV },
    { "sdc",   CUSP_SELECTION_FORMAT_SDC_CSV },
    { "eva",   CUSP_SELECTION_FORMAT_EVA_TEXT },
  };

  if (to != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (g_ascii_strcasecmp (to, names[i].name) == 0)
          {
            *format = names[i].format;
            return TRUE;
          }
      _cusp_cli_print_error (_("unknown format “%s” for --to: use pymms, sdc or eva"), to);
      return FALSE;
    }

  if (g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV"))
    *format = CUSP_SELECTION_FORMAT_PYMMS_CSV;
  else if (g_str_has_suffix (path, ".txt") || g_str_has_suffix (path, ".TXT"))
    *format = CUSP_SELECTION_FORMAT_EVA_TEXT;
  else
    {
      _cusp_cli_print_error (_("cannot tell the format of “%s” from its name: end it in .csv (pymms) "
                               "or .txt (EVA text), or give --to pymms, sdc or eva"), path);
      return FALSE;
    }
  return TRUE;
}

static int
run_convert (char **args)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *to = NULL;
  gboolean combine = FALSE, dedup = FALSE;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Output format: pymms (CSV), sdc (SDC CSV, TAI seconds) or eva (EVA text); "
         "default from the output file’s extension (.csv pymms, .txt eva)"), N_("FORMAT") },
    { "combine", 0, 0, G_OPTION_ARG_NONE, &combine,
      N_("Join contiguous segments with the same FOM and discussion (pymms combine_segments)"), NULL },
    { "dedup", 0, 0, G_OPTION_ARG_NONE, &dedup,
      N_("Of overlapping segments keep the most recently created (pymms remove_duplicate_segments)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("IN OUT") },
    G_OPTION_ENTRY_NULL
  };
  CuspSelectionReadOptions options;
  CuspSelectionFormat format;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(GError) error = NULL;

  if (!_cusp_cli_parse_options ("selections convert",
                                _("Convert a burst-selection file (SDC, GLS, pymms or EVA text) to "
                                  "pymms CSV, SDC CSV or EVA text."),
                                entries, args)
      || !one_file_argument ("convert", files, 2)
      || !output_format (files[1], to, &format))
    return CUSP_EXIT_USAGE;

  cusp_selection_read_options_init (&options);
  options.combine = combine;
  options.remove_duplicates = dedup;
  segments = read_selection (files[0], &options, NULL);
  if (segments == NULL)
    return CUSP_EXIT_FAILURE;

  out = g_file_new_for_commandline_arg (files[1]);
  if (!cusp_selection_write_file (out, (const CuspBurstSegment *) segments->data, segments->len,
                                  format, &error))
    {
      _cusp_cli_print_error (_("cannot write “%s”: %s"), files[1], error->message);
      return CUSP_EXIT_FAILURE;
    }
  /* Translators: "Wrote 49 segments to out.csv (pymms-csv)." */
  g_print (_("Wrote %u segments to %s (%s).\n"), segments->len, files[1], cusp_selection_format_name (format));
  return 0;
}

/* journal-edit: the protocol is for programs, so its words are not
 * translated; the error texts after "error " are. */

static gboolean
parse_tai (const char  *text,
           gint64      *out,
           GError     **error)
{
  CuspTime t;

  if (!cusp_time_parse (text, &t, error))
    return FALSE;
  *out = cusp_time_to_tai_seconds (t);
  return TRUE;
}

static gboolean
parse_number (const char  *text,
              double      *out,
              GError     **error)
{
  char *end = NULL;

  *out = g_ascii_strtod (text, &end);
  if (end != text && *end == '\0')
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a number"), text);
  return FALSE;
}

static gboolean
parse_count (const char  *text,
             guint       *out,
             GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, error))
    return FALSE;
  *out = value;
  return TRUE;
}

/* Splits "WORD REST": at most n fields, the last taking the rest of the
 * line (a discussion may hold spaces). */
static GStrv
fields (const char *line,
        int         n)
{
  return g_strsplit (line, " ", n);
}

static gboolean
need (GStrv        f,
      guint        n,
      GError     **error)
{
  if (g_strv_length (f) >= n)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” needs %u arguments"), f[0], n - 1);
  return FALSE;
}

static gboolean
apply_add (CuspSelection  *selection,
           GStrv           f,
           GError        **error)
{
  gint64 start, stop;
  double fom;

  return need (f, 4, error)
         && parse_tai (f[1], &start, error) && parse_tai (f[2], &stop, error)
         && parse_number (f[3], &fom, error)
         && cusp_selection_add (selection, start, stop, fom, f[4], CUSP_BURST_OBSSET_ALL, NULL, error);
}

static gboolean
apply_edit (CuspSelection  *selection,
            GStrv           f,
            GError        **error)
{
  gint64 start, stop;
  double fom;
  guint index;

  return need (f, 5, error) && parse_count (f[1], &index, error)
         && parse_tai (f[2], &start, error) && parse_tai (f[3], &stop, error)
         && parse_number (f[4], &fom, error)
         && cusp_selection_edit (selection, index, start, stop, fom, f[5],
                                 CUSP_BURST_OBSSET_ALL, NULL, error);
}

static gboolean
apply_index_value (CuspSelection  *selection,
                   const char     *command,
                   GStrv           f,
                   GError        **error)
{
  guint index, count;
  double value;

  if (!need (f, 3, error) || !parse_count (f[1], &index, error))
    return FALSE;
  if (g_str_equal (command, "discussion"))
    return cusp_selection_set_discussion (selection, index, f[2], error);
  if (g_str_equal (command, "fom"))
    return parse_number (f[2], &value, error) && cusp_selection_set_fom (selection, index, value, error);
  if (!parse_count (f[2], &count, error))
    return FALSE;
  if (g_str_equal (command, "split"))
    return cusp_selection_split (selection, index, count, error);
  return cusp_selection_set_obsset (selection, index, (guint8) MIN (count, 255), error);
}

static gboolean
apply_history (CuspSelection  *selection,
               const char     *command,
               GError        **error)
{
  gboolean done;

  if (g_str_equal (command, "revert"))
    {
      cusp_selection_revert (selection);
      return TRUE;
    }
  if (g_str_equal (command, "merge"))
    {
      cusp_selection_merge_overlapping (selection);
      return TRUE;
    }
  if (g_str_equal (command, "undo"))
    {
      done = cusp_selection_undo (selection);
      if (!done)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("there is nothing to undo"));
    }
  else
    {
      done = cusp_selection_redo (selection);
      if (!done)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("there is nothing to redo"));
    }
  return done;
}

static gboolean
apply_line (CuspSelection  *selection,
            const char     *line,
            GError        **error)
{
  g_auto(GStrv) word = g_strsplit (line, " ", 2);
  const char *command = word[0] != NULL ? word[0] : "";
  g_auto(GStrv) f = NULL;
  guint index;
  gint64 start, stop;
  double fom;

  if (g_str_equal (command, "add"))
    return apply_add (selection, f = fields (line, 5), error);
  if (g_str_equal (command, "edit"))
    return apply_edit (selection, f = fields (line, 6), error);
  if (g_str_equal (command, "fill"))
    return need (f = fields (line, 4), 3, error) && parse_tai (f[1], &start, error)
           && parse_number (f[2], &fom, error)
           && cusp_selection_fill (selection, start, fom, f[3], CUSP_BURST_OBSSET_ALL, NULL, error);
  if (g_str_equal (command, "times"))
    return need (f = fields (line, 4), 4, error) && parse_count (f[1], &index, error)
           && parse_tai (f[2], &start, error) && parse_tai (f[3], &stop, error)
           && cusp_selection_set_times (selection, index, start, stop, NULL, error);
  if (g_str_equal (command, "delete"))
    return need (f = fields (line, 2), 2, error) && parse_count (f[1], &index, error)
           && cusp_selection_delete (selection, index, error);
  if (g_str_equal (command, "delete-range"))
    return need (f = fields (line, 3), 3, error) && parse_tai (f[1], &start, error)
           && parse_tai (f[2], &stop, error)
           && cusp_selection_delete_range (selection, start, stop, error);
  if (g_str_equal (command, "fom") || g_str_equal (command, "discussion")
      || g_str_equal (command, "split") || g_str_equal (command, "obsset"))
    return apply_index_value (selection, command, f = fields (line, 3), error);
  if (g_str_equal (command, "undo") || g_str_equal (command, "redo")
      || g_str_equal (command, "revert") || g_str_equal (command, "merge"))
    return apply_history (selection, command, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("unknown edit “%s”: use add, fill, edit, times, fom, discussion, obsset, split, "
                 "delete, delete-range, merge, undo, redo, revert or finish"), command);
  return FALSE;
}

static void
reply (const char *format,
       ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_strdelimit (text, "\r\n", ' ');
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static gboolean
parse_end (const char     *text,
           CuspJournalEnd *end)
{
  if (g_strcmp0 (text, "clean") == 0)
    *end = CUSP_JOURNAL_END_CLEAN_CLOSE;
  else if (g_strcmp0 (text, "submitted") == 0)
    *end = CUSP_JOURNAL_END_SUBMITTED;
  else if (g_strcmp0 (text, "discarded") == 0)
    *end = CUSP_JOURNAL_END_DISCARDED;
  else
    return FALSE;
  return TRUE;
}

/* TRUE when the session is over (finish). */
static gboolean
handle_line (CuspSelectionJournal *journal,
             const char           *line)
{
  CuspSelection *selection = cusp_selection_journal_get_selection (journal);
  g_autoptr(GError) error = NULL;
  CuspJournalEnd end;

  if (g_str_has_prefix (line, "finish"))
    {
      if (!parse_end (line[6] == ' ' ? line + 7 : "", &end))
        reply ("error %s", _("finish needs clean, submitted or discarded"));
      else if (!cusp_selection_journal_finish (journal, end, &error))
        reply ("error %s", error->message);
      else
        {
          reply ("ok finished");
          return TRUE;
        }
      return FALSE;
    }

  /* "ok" only once the journal holds the edit: the edit itself wrote it,
   * sync () retries a failed write once more. */
  if (!apply_line (selection, line, &error) || !cusp_selection_journal_sync (journal, &error))
    reply ("error %s", error->message);
  else
    reply ("ok %" G_GUINT64_FORMAT, cusp_selection_get_revision (selection));
  return FALSE;
}

static CuspSelectionJournal *
restore_journal (const char  *dir,
                 GError     **error)
{
  for (;;)
    {
      CuspSelectionJournal *journal = cusp_selection_journal_find_unfinished (dir, error);

      if (journal != NULL || error == NULL || *error == NULL
          || !g_error_matches (*error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_CORRUPT))
        return journal;
      /* A damaged file was moved aside: say so and look further. */
      _cusp_cli_print_error ("%s", (*error)->message);
      g_clear_error (error);
    }
}

static CuspSelectionJournal *
start_journal (const char  *dir,
               const char  *start_text,
               const char  *stop_text,
               const char  *initial_path,
               const char  *source_id,
               GError     **error)
{
  g_autoptr(CuspSelection) selection = NULL;
  g_autoptr(GArray) initial = NULL;
  gint64 start, stop;

  if (start_text == NULL || stop_text == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("there is no unfinished journal in “%s”: give --start and --stop for a new window"), dir);
      return NULL;
    }
  if (!parse_tai (start_text, &start, error) || !parse_tai (stop_text, &stop, error))
    return NULL;
  if (stop <= start)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("the window’s --stop (%s) must be after its --start (%s)"), stop_text, start_text);
      return NULL;
    }
  if (initial_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (initial_path);

      initial = cusp_selection_read_file (file, NULL, NULL, error);
      if (initial == NULL)
        return NULL;
    }

  selection = cusp_selection_new (start, stop, start, 0);
  cusp_selection_set_source_id (selection, source_id);
  if (initial != NULL)
    cusp_selection_set_initial (selection, (const CuspBurstSegment *) initial->data, initial->len);
  return cusp_selection_journal_new (selection, dir, error);
}

static int
edit_loop (CuspSelectionJournal *journal)
{
  g_autoptr(GInputStream) raw = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (raw);
  g_autoptr(GError) error = NULL;
  char *line;

  reply ("ready %" G_GUINT64_FORMAT, cusp_selection_get_revision (cusp_selection_journal_get_selection (journal)));
  while ((line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error)) != NULL)
    {
      gboolean over;

      g_strstrip (line);
      over = *line != '\0' && handle_line (journal, line);
      g_free (line);
      if (over)
        return 0;
    }
  if (error != NULL)
    {
      _cusp_cli_print_error (_("cannot read the edits from standard input: %s"), error->message);
      return CUSP_EXIT_FAILURE;
    }
  return 0;
}

static int
run_journal_edit (char **args)
{
  g_autofree char *dir = NULL, *start_text = NULL, *stop_text = NULL, *initial = NULL, *user = NULL;
  GOptionEntry entries[] = {
    { "journal", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("Journal folder"), N_("DIR") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text, N_("Start of a new window, UTC"), N_("TIME") },
    { "stop", 0, 0, G_OPTION_ARG_STRING, &stop_text, N_("End of a new window, UTC"), N_("TIME") },
    { "initial", 0, 0, G_OPTION_ARG_FILENAME, &initial, N_("Selection file with the initial segments"), N_("FILE") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("User name for the segments’ source id"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CuspSelectionJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source_id = NULL;

  if (!_cusp_cli_parse_options ("selections journal-edit",
                                _("Apply edits read from standard input to the journal’s selection."),
                                entries, args))
    return CUSP_EXIT_USAGE;
  if (dir == NULL)
    {
      _cusp_cli_print_error (_("--journal is missing: give the journal folder"));
      return CUSP_EXIT_USAGE;
    }

  /* EVA's source id for edited segments, "<user>(EVA)". */
  if (user != NULL)
    source_id = g_strdup_printf ("%s(EVA)", user);
  journal = restore_journal (dir, &error);
  if (journal == NULL && error == NULL)
    journal = start_journal (dir, start_text, stop_text, initial, source_id, &error);
  if (journal == NULL)
    {
      _cusp_cli_print_error ("%s", error->message);
      return CUSP_EXIT_FAILURE;
    }
  if (source_id != NULL)
    cusp_selection_set_source_id (cusp_selection_journal_get_selection (journal), source_id);
  return edit_loop (journal);
}

/* journal-show */

static void
print_segment (const CuspBurstSegment *s)
{
  g_autofree char *start = cusp_time_format_iso (cusp_time_from_tai_seconds (s->start), 0);
  g_autofree char *stop = cusp_time_format_iso (cusp_time_from_tai_seconds (s->stop), 0);

  g_print ("%s %s %g %u %s %s\n", start, stop, s->fom, s->obsset,
           s->source_id != NULL ? s->source_id : "-", s->discussion != NULL ? s->discussion : "");
}

static int
run_journal_show (char **args)
{
  g_autofree char *dir = NULL;
  GOptionEntry entries[] = {
    { "journal", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("Journal folder"), N_("DIR") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CuspSelectionJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  CuspSelection *selection;

  if (!_cusp_cli_parse_options ("selections journal-show",
                                _("Print the selection restored from the unfinished journal."),
                                entries, args))
    return CUSP_EXIT_USAGE;
  if (dir == NULL)
    {
      _cusp_cli_print_error (_("--journal is missing: give the journal folder"));
      return CUSP_EXIT_USAGE;
    }

  journal = restore_journal (dir, &error);
  if (journal == NULL)
    {
      if (error != NULL)
        _cusp_cli_print_error ("%s", error->message);
      else
        _cusp_cli_print_error (_("there is no unfinished selection to restore in “%s”"), dir);
      return CUSP_EXIT_FAILURE;
    }

  selection = cusp_selection_journal_get_selection (journal);
  g_print ("revision %" G_GUINT64_FORMAT " undo %u redo %u\n", cusp_selection_get_revision (selection),
           cusp_selection_get_undo_stack (selection)->len, cusp_selection_get_redo_stack (selection)->len);
  for (guint i = 0; i < cusp_selection_get_n_segments (selection); i++)
    print_segment (cusp_selection_get_segment (selection, i));
  return 0;
}

/* Dispatch */

static void
print_usage (void)
{
  g_print ("%s\n", _("Usage: cusp selections validate FILE\n"
                     "       cusp selections convert IN OUT [--to pymms|sdc|eva] [--combine] [--dedup]\n"
                     "Run “cusp selections validate --help” or “cusp selections convert --help” for details."));
}

int
_cusp_selections_command_run (char **args)
{
  static const struct { const char *name; CuspCommandFunc run; } subcommands[] = {
    { "validate",     run_validate },
    { "convert",      run_convert },
    { "journal-edit", run_journal_edit },
    { "journal-show", run_journal_show },
  };
  const char *name = args[0] != NULL ? args[1] : NULL;

  if (name == NULL)
    {
      _cusp_cli_print_error (_("give a selections command: validate or convert. "
                               "Run “cusp selections --help” for their use."));
      return CUSP_EXIT_USAGE;
    }
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h"))
    {
      print_usage ();
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (name, subcommands[i].name))
      return subcommands[i].run (args + 1);

  _cusp_cli_print_error (_("unknown selections command “%s”: use validate or convert"), name);
  return CUSP_EXIT_USAGE;
}
