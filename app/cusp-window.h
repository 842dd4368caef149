/* cusp-window.h: the main window: inventory sidebar and plot area */
#pragma once

#include <gtk/gtk.h>
#include "cusp-application.h"

G_BEGIN_DECLS

#define CUSP_TYPE_WINDOW (cusp_window_get_type ())
G_DECLARE_FINAL_TYPE (CuspWindow, cusp_window, CUSP, WINDOW, GtkApplicationWindow)

CuspWindow *cusp_window_new                (CuspApplication *application);
GtkWidget  *cusp_window_get_inventory_view (CuspWindow *self);
GtkWidget  *cusp_window_get_plot_area      (CuspWindow *self);

G_END_DECLS
