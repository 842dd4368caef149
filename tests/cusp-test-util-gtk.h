/* cusp-test-util-gtk.h: helpers shared by the widget tests (suite
 * 'widgets'): a deterministic display setup, the main loop run until a
 * condition holds, and widgets found in a tree.  Link with the
 * `cusp_test_util_gtk_dep` dependency of tests/meson.build.
 */
#pragma once

#include <gtk/gtk.h>

#include "cusp-test-util.h"

G_BEGIN_DECLS

/* Cairo rendering on X11 and the test accessibility backend, whatever the
 * caller's setup (Xvfb under meson test, no session bus), then
 * gtk_test_init (). */
void        cusp_test_gtk_init              (int    *argc,
                                             char ***argv);

/* Registers app as a non-unique application.  Test machines often have no
 * session bus: GtkApplication then warns once at registration and carries
 * on without one, so only that call may warn; asserts success. */
void        cusp_test_register_application  (GApplication *app);

typedef gboolean (*CuspTestCondition) (gpointer data);

/* Iterates the default main context until condition (data) holds or
 * timeout_ms passed; returns the last value of the condition. */
gboolean    cusp_test_wait_until            (CuspTestCondition condition,
                                             gpointer          data,
                                             guint             timeout_ms);

/* Iterates the default main context for ms milliseconds. */
void        cusp_test_spin                  (guint ms);

/* A CuspTestCondition on a GtkWidget: mapped and through a first layout,
 * so its sizes are real. */
gboolean    cusp_test_widget_is_shown       (gpointer widget);

typedef gboolean (*CuspTestWidgetMatch) (GtkWidget     *widget,
                                         gconstpointer  data);

/* The first widget, root included, of a depth-first walk for which match
 * (widget, data) holds; NULL if none. */
GtkWidget  *cusp_test_find_widget           (GtkWidget           *root,
                                             CuspTestWidgetMatch  match,
                                             gconstpointer        data);

/* The first GtkLabel showing text, or GtkButton labelled label. */
GtkWidget  *cusp_test_find_label            (GtkWidget  *root,
                                             const char *text);
GtkWidget  *cusp_test_find_button           (GtkWidget  *root,
                                             const char *label);

/* Expands every row of a GtkTreeListModel, at every level. */
void        cusp_test_expand_all_rows       (GListModel *rows);

G_END_DECLS
