/* cusp-application.h: the GtkApplication of Cusp
 *
 * Owns the data providers for the life of the program and the app-wide
 * actions (quit, about).  With a screenshot path set, the first window is
 * rendered to that PNG once drawn and the application quits.
 */
#pragma once

#include <gtk/gtk.h>
#include "cusp-provider.h"
#include "cusp-server-list.h"

G_BEGIN_DECLS

/* Seed of the embedded simulation for the window and `cusp export-sim`. */
#define CUSP_DEFAULT_SIM_SEED 1

#define CUSP_TYPE_APPLICATION (cusp_application_get_type ())
G_DECLARE_FINAL_TYPE (CuspApplication, cusp_application, CUSP, APPLICATION, GtkApplication)

CuspApplication *cusp_application_new                 (void);
/* A GListModel of CuspProvider. */
GListModel      *cusp_application_get_providers       (CuspApplication *self);
void             cusp_application_set_screenshot_path (CuspApplication *self,
                                                       const char      *path);
/* The provider of the files opened from disk (and of the bundled samples,
 * loaded at startup unless CUSP_NO_SAMPLES=1).  Added. */
CuspProvider    *cusp_application_get_local_provider  (CuspApplication *self);
/* The HAPI servers: one lazy CuspHapiProvider per server is kept in the
 * providers list, in step with the list's "changed" signal.  The action
 * "app.offline" (boolean state) switches the default cache offline.
 * Added with the remote data. */
CuspServerList  *cusp_application_get_server_list     (CuspApplication *self);
/* 0, or 1 when the screenshot could not be written. */
int              cusp_application_get_exit_status     (CuspApplication *self);

G_END_DECLS
