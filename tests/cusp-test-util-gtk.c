#define G_LOG_DOMAIN "cusp-test-util"

#include "config.h"

#include "cusp-test-util-gtk.h"

void
cusp_test_gtk_init (int    *argc,
                    char ***argv)
{
  /* Deterministic rendering under Xvfb, whatever the caller's setup. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  /* The AT-SPI backend wants a session bus; the test backend needs none. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (argc, argv, NULL);
}

void
cusp_test_register_application (GApplication *app)
{
  g_autoptr(GError) error = NULL;
  GLogLevelFlags fatal_mask;
  gboolean registered;

  g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
  fatal_mask = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  registered = g_application_register (app, NULL, &error);
  g_log_set_always_fatal (fatal_mask);
  g_assert_no_error (error);
  g_assert_true (registered);
}

/* A timeout that keeps g_main_context_iteration () from blocking longer
 * than 10 ms, so deadlines are checked even when nothing happens. */
static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
cusp_test_wait_until (CuspTestCondition condition,
                      gpointer          data,
                      guint             timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (10, wake_up, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

void
cusp_test_spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;
  guint tick = g_timeout_add (10, wake_up, NULL);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

gboolean
cusp_test_widget_is_shown (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget)) && gtk_widget_get_width (GTK_WIDGET (widget)) > 0;
}

GtkWidget *
cusp_test_find_widget (GtkWidget           *root,
                       CuspTestWidgetMatch  match,
                       gconstpointer        data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cusp_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

GtkWidget *
cusp_test_find_label (GtkWidget  *root,
                      const char *text)
{
  return cusp_test_find_widget (root, is_label, text);
}

static gboolean
is_button (GtkWidget     *widget,
           gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

GtkWidget *
cusp_test_find_button (GtkWidget  *root,
                       const char *label)
{
  return cusp_test_find_widget (root, is_button, label);
}

void
cusp_test_expand_all_rows (GListModel *rows)
{
  /* Expanding inserts rows after the current one, so a forward walk with
   * a live length reaches every level. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      gtk_tree_list_row_set_expanded (row, TRUE);
    }
}
