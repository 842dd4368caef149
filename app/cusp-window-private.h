/* cusp-window-private.h: the plot side of CuspWindow, in its own file */
#pragma once

#include "cusp-window.h"
#include "cusp-selection-journal.h"
#include "cusp-workspace.h"

G_BEGIN_DECLS

/* Providers for the plot area, the first range and (unless the
 * environment has CUSP_NO_DEFAULT_LAYOUT=1) the default panels; the
 * actions win.back, win.forward and win.export-figure. */
void _cusp_window_setup_plots (CuspWindow      *self,
                               CuspApplication *application);

/* app/cusp-window-samples.c: the lower plot area shows the bundled FPI
 * day (unless CUSP_NO_DEFAULT_LAYOUT=1) when the samples are loaded. */
void     _cusp_window_setup_samples (CuspWindow      *self,
                                     CuspApplication *application);
/* Plots a local product in that area, on its own times if the area's
 * range misses them; FALSE when the area is hidden. */
gboolean _cusp_window_plot_local    (CuspWindow      *self,
                                     const char      *id);

/* app/cusp-window-remote.c: the HAPI servers of the application in the
 * sidebar (catalog and dataset descriptions loaded when their rows are
 * opened), their context menu, the actions win.add-server,
 * win.remove-server (string: the server URL) and win.clear-cache, and
 * their items in the primary menu.  Returns the GListModel of the
 * servers' root nodes, kept by the window. */
GListModel *_cusp_window_setup_remote (CuspWindow      *self,
                                       CuspApplication *application);

/* app/cusp-window-sitl.c: the SITL lanes (ABS, GLS, SITL, BAK), EVA's
 * dashboard and the validation list under the upper plot area, on the
 * simulated SITL window; the SITL selection is journaled and an
 * unfinished journal is offered for restore.  Not built when
 * CUSP_NO_DEFAULT_LAYOUT=1 unless CUSP_SITL_LANES=1.  Actions
 * win.sitl-undo, win.sitl-redo, win.sitl-revert, win.lane-abs/-gls/-sitl/-bak. */
typedef enum
{
  CUSP_SITL_LANE_ABS,
  CUSP_SITL_LANE_GLS,
  CUSP_SITL_LANE_SITL,
  CUSP_SITL_LANE_BAK,
  CUSP_SITL_N_LANES,
} CuspSitlLane;

void        _cusp_window_setup_sitl       (CuspWindow      *self,
                                           CuspApplication *application);
/* A file dropped at window point (x, y): loaded into the lane there and
 * TRUE, or FALSE when no lane is there (the drop is not for the lanes). */
gboolean    _cusp_window_sitl_drop        (CuspWindow      *self,
                                           GFile           *file,
                                           double           x,
                                           double           y);
GtkWidget  *_cusp_window_get_lane         (CuspWindow      *self,
                                           CuspSitlLane     which);
GtkWidget  *_cusp_window_get_dashboard    (CuspWindow      *self);
GtkWidget  *_cusp_window_get_restore_bar  (CuspWindow      *self);
CuspSelectionJournal *_cusp_window_get_journal (CuspWindow *self);
/* app/cusp-window-workspace.c: the actions win.save-workspace (Ctrl+S)
 * and win.open-workspace and their items in the primary menu.  The
 * workspace of the window: the "plots" area (on the workspace's range),
 * the "samples" area when shown (on its own), the SITL lanes if any.
 * Applying one empties the areas it names and plots its panels; problems
 * (a lane's file, an unknown area) go to the message bar. */
void           _cusp_window_setup_workspace   (CuspWindow          *self,
                                               CuspApplication     *application);
CuspWorkspace *_cusp_window_capture_workspace (CuspWindow          *self);
void           _cusp_window_apply_workspace   (CuspWindow          *self,
                                               const CuspWorkspace *workspace);
gboolean       _cusp_window_save_workspace    (CuspWindow          *self,
                                               const char          *path,
                                               GError             **error);
gboolean       _cusp_window_open_workspace    (CuspWindow          *self,
                                               const char          *path,
                                               GError             **error);
/* cusp-window.c: text in the window's message bar. */
GMenu      *_cusp_window_get_primary_menu (CuspWindow      *self);
void        _cusp_window_show_message     (CuspWindow      *self,
                                           const char      *text);

G_END_DECLS
