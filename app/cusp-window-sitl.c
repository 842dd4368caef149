/* cusp-window-sitl.c: the SITL lanes under the plots
 *
 * ABS, GLS, SITL and back-structure lanes on the plot stack's time axis,
 * EVA's dashboard and the validation list, for the simulated orbit's SITL
 * window.  The SITL lane edits a CuspSelection that starts from the ABS
 * (the "Revert to ABS" state) with the simulated SITL's segments laid
 * over it, and that a CuspSelectionJournal saves after every edit.
 */
#define G_LOG_DOMAIN "cusp-window"

#include "config.h"

#include "cusp-window-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cusp-plot-area.h"
#include "cusp-selection-dashboard.h"
#include "cusp-selection-journal.h"
#include "cusp-selection-lane.h"
#include "cusp-sim-provider.h"

typedef struct
{
  CuspWindow           *window;       /* not owned */
  GtkWidget            *box;
  GtkWidget            *restore_bar;
  GtkWidget            *restore_label;
  GtkWidget            *lanes[CUSP_SITL_N_LANES];
  GtkWidget            *dashboard;
  CuspSelectionJournal *journal;
  CuspSelectionJournal *found;        /* an unfinished journal offered for restore */
  guint64               start_revision;
} Sitl;

static const char *lane_names[CUSP_SITL_N_LANES] = { "ABS", "GLS", "SITL", "BAK" };
static const char *lane_actions[CUSP_SITL_N_LANES] = { "lane-abs", "lane-gls", "lane-sitl", "lane-bak" };

static Sitl *
get_sitl (CuspWindow *self)
{
  return g_object_get_data (G_OBJECT (self), "cusp-sitl");
}

static void
remove_journal_files (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);

      g_unlink (p);
    }
}

/* A session without edits leaves nothing to restore: its journal is
 * finished and removed.  With edits it stays unfinished, so the next
 * start offers them back (nothing is lost, even on a clean close). */
static void
close_journal (CuspSelectionJournal *journal,
               guint64               start_revision)
{
  CuspSelection *selection = cusp_selection_journal_get_selection (journal);
  g_autofree char *path = g_strdup (cusp_selection_journal_get_path (journal));

  if (cusp_selection_get_revision (selection) != start_revision)
    return;
  if (cusp_selection_journal_finish (journal, CUSP_JOURNAL_END_CLEAN_CLOSE, NULL))
    remove_journal_files (path);
}

static void
sitl_free (Sitl *sitl)
{
  if (sitl->journal != NULL)
    {
      close_journal (sitl->journal, sitl->start_revision);
      g_signal_handlers_disconnect_by_data (sitl->journal, sitl);
    }
  g_clear_object (&sitl->journal);
  g_clear_object (&sitl->found);
  g_free (sitl);
}

/* app.quit and the screenshot end the application without destroying
 * its windows: the journal is closed here, or every quit would leave an
 * unfinished journal to offer at the next start. */
static void
on_application_shutdown (CuspWindow *self)
{
  Sitl *sitl = get_sitl (self);

  if (sitl == NULL || sitl->journal == NULL)
    return;
  close_journal (sitl->journal, sitl->start_revision);
  g_signal_handlers_disconnect_by_data (sitl->journal, sitl);
  g_clear_object (&sitl->journal);
}

/* ---- Sim data ---------------------------------------------------------------- */

static CuspSimProvider *
find_sim (CuspApplication *application)
{
  GListModel *providers = cusp_application_get_providers (application);

  for (guint i = 0; i < g_list_model_get_n_items (providers); i++)
    {
      g_autoptr (CuspProvider) provider = g_list_model_get_item (providers, i);

      if (CUSP_IS_SIM_PROVIDER (provider))
        return CUSP_SIM_PROVIDER (provider);
    }
  return NULL;
}

/* The product's segments inside [w0, w1) (TAI s), cut to it. */
static GArray *
fetch_segments (CuspProvider *sim,
                const char   *product,
                gint64        w0,
                gint64        w1)
{
  g_autoptr (CuspData) data = NULL;
  GArray *out = cusp_burst_segment_array_new ();
  CuspIntervalSet *set;

  data = cusp_provider_get_data (sim, product, cusp_time_from_tai_seconds (w0),
                                 cusp_time_from_tai_seconds (w1), NULL, NULL);
  if (data == NULL || (set = cusp_data_get_intervals (data)) == NULL)
    return out;
  for (guint i = 0; i < cusp_interval_set_size (set); i++)
    {
      const CuspInterval *iv = cusp_interval_set_get (set, i);
      const CuspAttribute *id = cusp_interval_get_attribute (iv, "datasegmentid");
      CuspBurstSegment s;

      cusp_burst_segment_init (&s);
      s.start = MAX (cusp_time_to_tai_seconds (iv->start), w0);
      s.stop = MIN (cusp_time_to_tai_seconds (iv->stop), w1);
      s.fom = iv->fom;
      s.discussion = g_strdup (cusp_interval_get_string (iv, "discussion"));
      s.source_id = g_strdup (cusp_interval_get_string (iv, "sourceid"));
      s.status = g_strdup (cusp_interval_get_string (iv, "status"));
      if (id != NULL && id->type == CUSP_ATTRIBUTE_INT)
        s.data_segment_id = id->v.i;
      if (s.stop > s.start)
        g_array_append_val (out, s);
      else
        cusp_burst_segment_clear (&s);
    }
  return out;
}

/* The SITL's working copy: the ABS (its revert state) with the simulated
 * SITL's segments added over it by EVA's rules, without undo steps. */
static CuspSelection *
make_sitl_selection (const GArray *abs,
                     const GArray *sitl,
                     gint64        w0,
                     gint64        w1)
{
  CuspValidationLimits limits;
  CuspSelection *selection;
  g_autoptr (CuspSelection) work = NULL;
  g_autoptr (GPtrArray) none = g_ptr_array_new ();
  guint n_buffers = 0;

  cusp_validation_limits_init (&limits);
  for (guint i = 0; i < abs->len; i++)
    n_buffers += cusp_burst_segment_n_buffers (&g_array_index (abs, CuspBurstSegment, i));
  /* ABS aims below what it selected; never above EVA's maximum. */
  selection = cusp_selection_new (w0, w1, w0, MIN ((guint) (0.6 * limits.buff_max), MAX (n_buffers / 2, 1u)));
  cusp_selection_set_initial (selection, (const CuspBurstSegment *) (gpointer) abs->data, abs->len);
  work = cusp_selection_new (w0, w1, w0, cusp_selection_get_target_buffers (selection));
  cusp_selection_set_initial (work, (const CuspBurstSegment *) (gpointer) abs->data, abs->len);
  for (guint i = 0; i < sitl->len; i++)
    {
      const CuspBurstSegment *s = &g_array_index (sitl, CuspBurstSegment, i);

      cusp_selection_add (work, s->start, s->stop, s->fom, s->discussion, s->obsset, NULL, NULL);
    }
  cusp_selection_restore (selection, cusp_selection_get_initial (selection),
                          cusp_selection_get_segments (work), none, none, 1);
  return selection;
}

/* ---- Messages, restore ------------------------------------------------------------ */

static void
on_lane_message (CuspWindow *self,
                 const char *text)
{
  _cusp_window_show_message (self, text);
}

static void
on_save_failed (CuspSelectionJournal *journal,
                GError               *error,
                Sitl                 *sitl)
{
  g_autofree char *text = g_strdup_printf (_("Your last edit could not be saved to the journal, so a "
                                             "crash could lose it: %s"), error->message);

  _cusp_window_show_message (sitl->window, text);
}

static void
attach_selection (Sitl          *sitl,
                  CuspSelection *selection)
{
  cusp_selection_lane_set_selection (CUSP_SELECTION_LANE (sitl->lanes[CUSP_SITL_LANE_SITL]), selection);
  cusp_selection_dashboard_set_selection (CUSP_SELECTION_DASHBOARD (sitl->dashboard), selection, NULL);
}

static void
set_journal (Sitl                 *sitl,
             CuspSelectionJournal *journal)
{
  if (sitl->journal != NULL)
    g_signal_handlers_disconnect_by_data (sitl->journal, sitl);
  g_set_object (&sitl->journal, journal);
  if (journal == NULL)
    return;
  g_signal_connect (journal, "save-failed", G_CALLBACK (on_save_failed), sitl);
  sitl->start_revision = cusp_selection_get_revision (cusp_selection_journal_get_selection (journal));
}

static void
on_restore_response (GtkInfoBar *bar,
                     int         response,
                     Sitl       *sitl)
{
  CuspSelectionJournal *found = g_steal_pointer (&sitl->found);

  gtk_info_bar_set_revealed (bar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (bar), FALSE);
  if (found == NULL)
    return;
  if (response == GTK_RESPONSE_ACCEPT)
    {
      CuspSelection *selection = cusp_selection_journal_get_selection (found);
      CuspPlotStack *stack = cusp_plot_area_get_stack (CUSP_PLOT_AREA (cusp_window_get_plot_area (sitl->window)));

      if (sitl->journal != NULL)
        {
          g_autofree char *path = g_strdup (cusp_selection_journal_get_path (sitl->journal));

          if (cusp_selection_journal_finish (sitl->journal, CUSP_JOURNAL_END_DISCARDED, NULL))
            remove_journal_files (path);
        }
      set_journal (sitl, found);
      /* Restored edits count as edits: the journal stays unfinished. */
      sitl->start_revision = G_MAXUINT64;
      attach_selection (sitl, selection);
      cusp_plot_stack_set_range (stack, cusp_time_from_tai_seconds (cusp_selection_get_window_start (selection)),
                                 cusp_time_from_tai_seconds (cusp_selection_get_window_stop (selection)));
    }
  else
    cusp_selection_journal_finish (found, CUSP_JOURNAL_END_DISCARDED, NULL);
  g_object_unref (found);
}

static void
offer_restore (Sitl                 *sitl,
               CuspSelectionJournal *found)
{
  g_autoptr (GFile) file = g_file_new_for_path (cusp_selection_journal_get_path (found));
  g_autoptr (GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr (GDateTime) when = NULL;
  g_autofree char *time_text = NULL, *text = NULL;

  if (info != NULL)
    when = g_file_info_get_modification_date_time (info);
  time_text = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup (_("an earlier session"));
  text = g_strdup_printf (_("Restore unsaved selections from %s?"), time_text);
  gtk_label_set_text (GTK_LABEL (sitl->restore_label), text);
  sitl->found = found;
  gtk_widget_set_visible (sitl->restore_bar, TRUE);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (sitl->restore_bar), TRUE);
}

/* The newest unfinished journal; damaged ones are moved aside on the way. */
static CuspSelectionJournal *
find_unfinished (CuspWindow *self)
{
  for (int attempt = 0; attempt < 8; attempt++)
    {
      g_autoptr (GError) error = NULL;
      CuspSelectionJournal *found = cusp_selection_journal_find_unfinished (NULL, &error);

      if (found != NULL || error == NULL)
        return found;
      _cusp_window_show_message (self, error->message);
      if (!g_error_matches (error, CUSP_SELECTION_JOURNAL_ERROR, CUSP_SELECTION_JOURNAL_ERROR_CORRUPT))
        return NULL;
    }
  return NULL;
}

/* ---- Actions ------------------------------------------------------------------------ */

static CuspSelection *
sitl_selection (CuspWindow *self)
{
  Sitl *sitl = get_sitl (self);

  return sitl != NULL ? cusp_selection_lane_get_selection (CUSP_SELECTION_LANE (sitl->lanes[CUSP_SITL_LANE_SITL]))
                      : NULL;
}

static void
undo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CuspSelection *selection = sitl_selection (CUSP_WINDOW (user_data));

  if (selection != NULL)
    cusp_selection_undo (selection);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CuspSelection *selection = sitl_selection (CUSP_WINDOW (user_data));

  if (selection != NULL)
    cusp_selection_redo (selection);
}

static void
revert_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  CuspSelection *selection = sitl_selection (CUSP_WINDOW (user_data));

  if (selection != NULL)
    cusp_selection_revert (selection);
}

/* Save As: the format is the chooser's "format" choice; a name without
 * the format's extension gets it. */
static const struct
{
  const char          *id;
  const char          *label;
  const char          *extension;
  CuspSelectionFormat  format;
} save_formats[] = {
  { "pymms", N_("pymms CSV (.csv)"), ".csv", CUSP_SELECTION_FORMAT_PYMMS_CSV },
  { "eva", N_("EVA text (.txt)"), ".txt", CUSP_SELECTION_FORMAT_EVA_TEXT },
  { "sdc", N_("SDC burst-segment CSV (.csv)"), ".csv", CUSP_SELECTION_FORMAT_SDC_CSV },
};

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  CuspWindow      *self)
{
  Sitl *sitl = get_sitl (self);
  const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "format");
  g_autoptr (GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  gsize k = 0;

  for (gsize i = 0; choice != NULL && i < G_N_ELEMENTS (save_formats); i++)
    if (strcmp (choice, save_formats[i].id) == 0)
      k = i;
  if (response == GTK_RESPONSE_ACCEPT && chosen != NULL && sitl != NULL && (path = g_file_get_path (chosen)) != NULL)
    {
      if (!g_str_has_suffix (path, save_formats[k].extension))
        {
          g_autofree char *named = g_strconcat (path, save_formats[k].extension, NULL);

          g_free (path);
          path = g_steal_pointer (&named);
        }
      file = g_file_new_for_path (path);
      if (!cusp_selection_lane_save_file (CUSP_SELECTION_LANE (sitl->lanes[CUSP_SITL_LANE_SITL]), file,
                                          save_formats[k].format, &error))
        {
          g_autofree char *text = g_strdup_printf (_("The selections were not saved to %s: %s"),
                                                   path, error->message);

          _cusp_window_show_message (self, text);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CuspWindow *self = CUSP_WINDOW (user_data);
  GtkFileChooserNative *chooser;
  const char *ids[G_N_ELEMENTS (save_formats) + 1] = { NULL };
  const char *labels[G_N_ELEMENTS (save_formats) + 1] = { NULL };

  if (sitl_selection (self) == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (save_formats); i++)
    {
      ids[i] = save_formats[i].id;
      labels[i] = _(save_formats[i].label);
    }
  chooser = gtk_file_chooser_native_new (_("Save Selections"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format:"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "pymms");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "sitl-selections.csv");
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry sitl_actions[] = {
  { .name = "sitl-undo", .activate = undo_action },
  { .name = "sitl-redo", .activate = redo_action },
  { .name = "sitl-revert", .activate = revert_action },
  { .name = "sitl-save-as", .activate = save_as_action },
};

/* Brings a segment of the SITL lane into view, keeping the zoom. */
static void
reveal_segment (Sitl *sitl,
                int   index)
{
  CuspSelectionLane *lane = CUSP_SELECTION_LANE (sitl->lanes[CUSP_SITL_LANE_SITL]);
  const GArray *segments = cusp_selection_lane_get_segments (lane);
  CuspPlotStack *stack = cusp_plot_area_get_stack (CUSP_PLOT_AREA (cusp_window_get_plot_area (sitl->window)));
  const CuspBurstSegment *s;
  CuspTime a, b, t0, t1, span;

  if (segments == NULL || index < 0 || (guint) index >= segments->len)
    return;
  s = &g_array_index (segments, CuspBurstSegment, index);
  t0 = cusp_time_from_tai_seconds (s->start);
  t1 = cusp_time_from_tai_seconds (s->stop);
  cusp_plot_stack_get_range (stack, &a, &b);
  if (t0 >= a && t1 <= b)
    return;
  span = MAX (b - a, (t1 - t0) * 3);
  cusp_plot_stack_set_range (stack, t0 + (t1 - t0) / 2 - span / 2, t0 + (t1 - t0) / 2 + span / 2);
}

static void
on_selected_changed (CuspSelectionLane *lane,
                     Sitl              *sitl)
{
  g_autoptr (GArray) selected = cusp_selection_lane_get_selected (lane);

  if (selected->len == 1)
    reveal_segment (sitl, (int) g_array_index (selected, guint, 0));
}

static void
on_problem_activated (CuspSelectionDashboard *dashboard,
                      int                     segment,
                      Sitl                   *sitl)
{
  if (segment < 0)
    return;
  cusp_selection_lane_select (CUSP_SELECTION_LANE (sitl->lanes[CUSP_SITL_LANE_SITL]), segment, FALSE);
  reveal_segment (sitl, segment);
  gtk_widget_grab_focus (sitl->lanes[CUSP_SITL_LANE_SITL]);
}

static void
on_hide_requested (GtkWidget *lane)
{
  gtk_widget_set_visible (lane, FALSE);
}

/* ---- Building ------------------------------------------------------------------------- */

static GtkWidget *
button (const char *icon,
        const char *action,
        const char *tooltip)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  gtk_widget_set_tooltip_text (b, tooltip);
  gtk_widget_set_valign (b, GTK_ALIGN_START);
  return b;
}

static GtkWidget *
build_toolbar (Sitl *sitl)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *history = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  /* Icons, not words: the line must fit beside the FPI day, in any language. */
  GtkWidget *revert = gtk_button_new_from_icon_name ("document-revert-symbolic");
  GtkWidget *lanes = gtk_menu_button_new ();
  g_autoptr (GMenu) menu = g_menu_new ();

  gtk_widget_add_css_class (history, "linked");
  gtk_box_append (GTK_BOX (history), button ("edit-undo-symbolic", "win.sitl-undo", _("Undo Selection Edit (Ctrl+Z)")));
  gtk_box_append (GTK_BOX (history), button ("edit-redo-symbolic", "win.sitl-redo",
                                             _("Redo Selection Edit (Ctrl+Shift+Z)")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (revert), "win.sitl-revert");
  gtk_widget_set_tooltip_text (revert, _("Go back to the automated (ABS) selections; this can be undone"));
  gtk_widget_set_valign (revert, GTK_ALIGN_START);
  for (int i = 0; i < CUSP_SITL_N_LANES; i++)
    {
      g_autofree char *action = g_strconcat ("win.", lane_actions[i], NULL);
      g_autofree char *label = g_strdup_printf (_("%s Lane"), lane_names[i]);

      g_menu_append (menu, label, action);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (lanes), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (lanes), "view-list-symbolic");
  gtk_widget_set_tooltip_text (lanes, _("Show or hide selection lanes"));
  gtk_widget_set_valign (lanes, GTK_ALIGN_START);

  sitl->dashboard = cusp_selection_dashboard_new ();
  gtk_widget_set_hexpand (sitl->dashboard, TRUE);
  g_signal_connect (sitl->dashboard, "problem-activated", G_CALLBACK (on_problem_activated), sitl);
  gtk_box_append (GTK_BOX (row), sitl->dashboard);
  gtk_box_append (GTK_BOX (row), history);
  gtk_box_append (GTK_BOX (row), button ("document-save-as-symbolic", "win.sitl-save-as",
                                         _("Save the SITL Selections As…")));
  gtk_box_append (GTK_BOX (row), revert);
  gtk_box_append (GTK_BOX (row), lanes);
  gtk_widget_set_margin_start (row, 8);
  gtk_widget_set_margin_end (row, 8);
  gtk_widget_set_margin_top (row, 3);
  gtk_widget_set_margin_bottom (row, 3);
  return row;
}

static void
build_restore_bar (Sitl *sitl)
{
  sitl->restore_bar = gtk_info_bar_new_with_buttons (_("_Restore"), GTK_RESPONSE_ACCEPT,
                                                     _("_Discard"), GTK_RESPONSE_REJECT, NULL);
  gtk_info_bar_set_message_type (GTK_INFO_BAR (sitl->restore_bar), GTK_MESSAGE_QUESTION);
  sitl->restore_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (sitl->restore_label), 0);
  gtk_label_set_wrap (GTK_LABEL (sitl->restore_label), TRUE);
  gtk_info_bar_add_child (GTK_INFO_BAR (sitl->restore_bar), sitl->restore_label);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (sitl->restore_bar), FALSE);
  gtk_widget_set_visible (sitl->restore_bar, FALSE);
  g_signal_connect (sitl->restore_bar, "response", G_CALLBACK (on_restore_response), sitl);
}

/* Puts box under the plot area: the area and the box share the orbit's
 * pane, so the lanes stay on the plots' times (not the samples'). */
static void
place_under_plots (CuspWindow *self,
                   GtkWidget  *box)
{
  GtkWidget *area = cusp_window_get_plot_area (self);
  GtkWidget *parent = gtk_widget_get_parent (area);
  GtkWidget *column;

  if (GTK_IS_BOX (parent))
    {
      gtk_box_insert_child_after (GTK_BOX (parent), box, area);
      return;
    }
  g_return_if_fail (GTK_IS_PANED (parent) && gtk_paned_get_start_child (GTK_PANED (parent)) == area);
  column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_object_ref (area);
  gtk_paned_set_start_child (GTK_PANED (parent), NULL);
  gtk_widget_set_vexpand (area, TRUE);
  gtk_box_append (GTK_BOX (column), area);
  g_object_unref (area);
  gtk_box_append (GTK_BOX (column), box);
  gtk_paned_set_start_child (GTK_PANED (parent), column);
}

static void
add_lanes (Sitl          *sitl,
           CuspPlotStack *stack)
{
  for (int i = 0; i < CUSP_SITL_N_LANES; i++)
    {
      g_autoptr (GPropertyAction) action = NULL;

      sitl->lanes[i] = cusp_selection_lane_new (lane_names[i], i == CUSP_SITL_LANE_BAK
                                                ? CUSP_SELECTION_LANE_BAKSTR : CUSP_SELECTION_LANE_FOM);
      cusp_selection_lane_follow_stack (CUSP_SELECTION_LANE (sitl->lanes[i]), stack);
      g_signal_connect_swapped (sitl->lanes[i], "message", G_CALLBACK (on_lane_message), sitl->window);
      g_signal_connect (sitl->lanes[i], "hide-requested", G_CALLBACK (on_hide_requested), NULL);
      gtk_box_append (GTK_BOX (sitl->box), sitl->lanes[i]);
      action = g_property_action_new (lane_actions[i], sitl->lanes[i], "visible");
      g_action_map_add_action (G_ACTION_MAP (sitl->window), G_ACTION (action));
    }
  g_signal_connect (sitl->lanes[CUSP_SITL_LANE_SITL], "selected-changed",
                    G_CALLBACK (on_selected_changed), sitl);
}

static void
fill_from_sim (Sitl            *sitl,
               CuspApplication *application)
{
  CuspSimProvider *sim = find_sim (application);
  CuspTime start, stop;
  gint64 w0, w1;
  g_autoptr (GArray) abs = NULL;
  g_autoptr (GArray) gls = NULL;
  g_autoptr (GArray) sitl_segments = NULL;
  g_autoptr (GArray) bak = NULL;
  g_autoptr (CuspSelection) selection = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CuspSelectionJournal) journal = NULL;
  CuspSelectionJournal *found;

  if (sim == NULL)
    return;
  if (!cusp_sim_provider_get_sitl_window (sim, &start, &stop))
    cusp_sim_provider_get_default_range (sim, &start, &stop);
  w0 = cusp_time_to_tai_seconds (start) / 10 * 10;
  w1 = (cusp_time_to_tai_seconds (stop) + 9) / 10 * 10;
  abs = fetch_segments (CUSP_PROVIDER (sim), "sim/mms1/sitl/selections/abs", w0, w1);
  gls = fetch_segments (CUSP_PROVIDER (sim), "sim/mms1/sitl/selections/gls", w0, w1);
  sitl_segments = fetch_segments (CUSP_PROVIDER (sim), "sim/mms1/sitl/selections/sitl", w0, w1);
  bak = fetch_segments (CUSP_PROVIDER (sim), "sim/mms1/sitl/selections/bakstr", w0, w1);
  cusp_selection_lane_set_segments (CUSP_SELECTION_LANE (sitl->lanes[CUSP_SITL_LANE_ABS]), abs);
  cusp_selection_lane_set_segments (CUSP_SELECTION_LANE (sitl->lanes[CUSP_SITL_LANE_GLS]), gls);
  cusp_selection_lane_set_segments (CUSP_SELECTION_LANE (sitl->lanes[CUSP_SITL_LANE_BAK]), bak);

  /* Looked for before this session's journal exists, which would be the
   * newest unfinished one. */
  found = find_unfinished (sitl->window);
  selection = make_sitl_selection (abs, sitl_segments, w0, w1);
  journal = cusp_selection_journal_new (selection, NULL, &error);
  if (journal == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Selection edits will not be saved as you go: %s"),
                                               error->message);

      _cusp_window_show_message (sitl->window, text);
    }
  set_journal (sitl, journal);
  attach_selection (sitl, selection);
  if (found != NULL)
    offer_restore (sitl, found);
}

static void
load_into_lane (CuspWindow *self,
                GtkWidget  *lane,
                GFile      *file)
{
  g_autoptr (GError) error = NULL;

  if (!cusp_selection_lane_load_file (CUSP_SELECTION_LANE (lane), file, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The selection file could not be loaded; the %s lane is "
                                                 "unchanged. %s"),
                                               cusp_selection_lane_get_name (CUSP_SELECTION_LANE (lane)),
                                               error->message);

      _cusp_window_show_message (self, text);
    }
}

/* "abs", "GLS", …: the lane of that name, or -1. */
static int
lane_index (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  for (int i = 0; i < CUSP_SITL_N_LANES; i++)
    if (g_ascii_strcasecmp (stripped, lane_names[i]) == 0)
      return i;
  return -1;
}

/* Developer options for reproducible screenshots (docs/building.md):
 * CUSP_LOAD_SELECTIONS=LANE:PATH[;LANE:PATH…] loads files into lanes as
 * a drop does, CUSP_LANES=LANE[,LANE…] shows only those lanes. */
static void
lanes_from_environment (Sitl *sitl)
{
  const char *load = g_getenv ("CUSP_LOAD_SELECTIONS");
  const char *shown = g_getenv ("CUSP_LANES");

  if (load != NULL)
    {
      g_auto (GStrv) items = g_strsplit (load, ";", -1);

      for (guint i = 0; items[i] != NULL; i++)
        {
          g_auto (GStrv) pair = g_strsplit (items[i], ":", 2);
          int k = pair[0] != NULL ? lane_index (pair[0]) : -1;
          g_autoptr (GFile) file = NULL;

          if (k < 0 || pair[1] == NULL || *pair[1] == '\0')
            {
              g_warning ("CUSP_LOAD_SELECTIONS: “%s” is not LANE:PATH (LANE one of abs, gls, sitl, bak); ignored",
                         items[i]);
              continue;
            }
          file = g_file_new_for_commandline_arg (pair[1]);
          load_into_lane (sitl->window, sitl->lanes[k], file);
        }
    }
  if (shown != NULL)
    {
      g_auto (GStrv) names = g_strsplit (shown, ",", -1);
      gboolean visible[CUSP_SITL_N_LANES] = { FALSE };

      for (guint i = 0; names[i] != NULL; i++)
        if (lane_index (names[i]) >= 0)
          visible[lane_index (names[i])] = TRUE;
      for (int i = 0; i < CUSP_SITL_N_LANES; i++)
        gtk_widget_set_visible (sitl->lanes[i], visible[i]);
    }
}

void
_cusp_window_setup_sitl (CuspWindow      *self,
                         CuspApplication *application)
{
  const char *undo_accels[] = { "<Control>z", NULL };
  const char *redo_accels[] = { "<Control><Shift>z", NULL };
  CuspPlotStack *stack = cusp_plot_area_get_stack (CUSP_PLOT_AREA (cusp_window_get_plot_area (self)));
  Sitl *sitl;

  if (g_strcmp0 (g_getenv ("CUSP_NO_DEFAULT_LAYOUT"), "1") == 0
      && g_strcmp0 (g_getenv ("CUSP_SITL_LANES"), "1") != 0)
    return;

  sitl = g_new0 (Sitl, 1);
  sitl->window = self;
  g_object_set_data_full (G_OBJECT (self), "cusp-sitl", sitl, (GDestroyNotify) sitl_free);
  g_action_map_add_action_entries (G_ACTION_MAP (self), sitl_actions, G_N_ELEMENTS (sitl_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.sitl-undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.sitl-redo", redo_accels);

  sitl->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (sitl->box, "sitl-box");
  build_restore_bar (sitl);
  gtk_box_append (GTK_BOX (sitl->box), sitl->restore_bar);
  add_lanes (sitl, stack);
  gtk_box_append (GTK_BOX (sitl->box), build_toolbar (sitl));
  place_under_plots (self, sitl->box);
  fill_from_sim (sitl, application);
  lanes_from_environment (sitl);
  g_signal_connect_object (application, "shutdown", G_CALLBACK (on_application_shutdown), self,
                           G_CONNECT_SWAPPED);
}

gboolean
_cusp_window_sitl_drop (CuspWindow *self,
                        GFile      *file,
                        double      x,
                        double      y)
{
  Sitl *sitl = get_sitl (self);
  GtkWidget *picked;
  GtkWidget *lane = NULL;

  if (sitl == NULL || file == NULL)
    return FALSE;
  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  for (GtkWidget *w = picked; w != NULL && lane == NULL; w = gtk_widget_get_parent (w))
    if (CUSP_IS_SELECTION_LANE (w))
      lane = w;
  if (lane == NULL)
    return FALSE;
  load_into_lane (self, lane, file);
  return TRUE;
}

GtkWidget *
_cusp_window_get_lane (CuspWindow *self,
                       CuspSitlLane which)
{
  Sitl *sitl = get_sitl (self);

  g_return_val_if_fail (which < CUSP_SITL_N_LANES, NULL);

  return sitl != NULL ? sitl->lanes[which] : NULL;
}

GtkWidget *
_cusp_window_get_dashboard (CuspWindow *self)
{
  Sitl *sitl = get_sitl (self);

  return sitl != NULL ? sitl->dashboard : NULL;
}

GtkWidget *
_cusp_window_get_restore_bar (CuspWindow *self)
{
  Sitl *sitl = get_sitl (self);

  return sitl != NULL ? sitl->restore_bar : NULL;
}

CuspSelectionJournal *
_cusp_window_get_journal (CuspWindow *self)
{
  Sitl *sitl = get_sitl (self);

  return sitl != NULL ? sitl->journal : NULL;
}
