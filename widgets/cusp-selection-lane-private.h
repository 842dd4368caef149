/* cusp-selection-lane-private.h: the lane's pointer and key handlers, for
 * tests (synthetic pointer events are impractical under GTK 4 tests, so
 * tests call what the gestures call, in lane coordinates). */
#pragma once

#include "cusp-selection-lane.h"

G_BEGIN_DECLS

void       _cusp_selection_lane_press       (CuspSelectionLane *self,
                                             double             x,
                                             double             y,
                                             GdkModifierType    state);
void       _cusp_selection_lane_motion      (CuspSelectionLane *self,
                                             double             x,
                                             double             y);
void       _cusp_selection_lane_release     (CuspSelectionLane *self,
                                             double             x,
                                             double             y);
/* The "N buffers" label shown while dragging, NULL when not dragging. */
const char *_cusp_selection_lane_drag_label (CuspSelectionLane *self);
gboolean   _cusp_selection_lane_key         (CuspSelectionLane *self,
                                             guint              keyval,
                                             GdkModifierType    state);
/* Opens the editor of segment index; its parts for tests. */
gboolean   _cusp_selection_lane_edit        (CuspSelectionLane *self,
                                             guint              index);
GtkWidget *_cusp_selection_lane_editor_part (CuspSelectionLane *self,
                                             const char        *name);
/* Presses the editor's Save; FALSE with the message shown. */
gboolean   _cusp_selection_lane_editor_save (CuspSelectionLane *self);
/* Split / fill at x as the context menu does. */
gboolean   _cusp_selection_lane_split_at    (CuspSelectionLane *self,
                                             double             x);
gboolean   _cusp_selection_lane_fill_at     (CuspSelectionLane *self,
                                             double             x);

G_END_DECLS
