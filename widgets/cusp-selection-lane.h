/* cusp-selection-lane.h: one strip of burst segments under the plots
 *
 * A lane draws selections as EVA's box-cars (docs/reference/eva_sitl.md
 * §1.3): a segment is a box from its start to its stop, as high as its
 * FOM on a fixed 0-255 scale with reference lines at 50, 100, 150 and 200.
 * The data rectangle has the plot panels' margins
 * (cusp_plot_renderer_get_data_rect), so a lane as wide as the stack and
 * on its range lines up with the panels to the pixel.
 *
 * Colours.  FOM lanes colour a box by its FOM category (§3): 0 [200,256)
 * purple, 1 [150,200) red, 2 [100,150) orange, 3 [50,100) green, 4 [0,50)
 * steel blue.  The back-structure lane colours by SDC status as EVA's
 * burst-segment-status bar (§1.3, §1.8): complete black, incomplete blue,
 * overwritten (DEMOTED, DERELICT) red, pending (ISPENDING, or NEW / HELD)
 * yellow, and anything else (e.g. ABORTED) grey; DELETED segments are not
 * drawn.
 *
 * A lane shows either a read-only copy of segments (ABS, GLS, BAK) or an
 * editable CuspSelection (SITL).  Editing, on an editable lane:
 * drag on empty space adds a segment (FOM 40), drag an edge to resize,
 * drag a segment to move it, click selects (Shift+click adds to the
 * selection), double click or Return opens the editor (FOM, comment,
 * spacecraft, start and stop); Delete deletes the selected segments,
 * N / P (or Tab / Shift+Tab) select the next / previous segment, keys 0-4
 * set the FOM of the selected segments to 200, 150, 100, 50 or 25 (one
 * per category), Ctrl+Z / Ctrl+Shift+Z undo and redo; the context menu
 * (right click) edits, splits, fills the gap under the pointer, deletes,
 * reverts to ABS and hides the lane.  Every edit snaps to the 10-s buffer
 * grid, and the segment size in buffers follows the pointer while
 * dragging.
 *
 * Selection files dropped on a lane replace what it shows (any format of
 * cusp-selection-io.h); on failure ::message reports the error and the
 * lane keeps what it had.
 */
#pragma once

#include <gtk/gtk.h>

#include "cusp-plot-stack.h"
#include "cusp-selection.h"
#include "cusp-selection-io.h"

G_BEGIN_DECLS

typedef enum
{
  CUSP_SELECTION_LANE_FOM,      /* coloured by FOM category */
  CUSP_SELECTION_LANE_BAKSTR,   /* coloured by SDC status */
} CuspSelectionLaneKind;

#define CUSP_TYPE_SELECTION_LANE (cusp_selection_lane_get_type ())
G_DECLARE_FINAL_TYPE (CuspSelectionLane, cusp_selection_lane, CUSP, SELECTION_LANE, GtkWidget)

GtkWidget     *cusp_selection_lane_new            (const char            *name,
                                                   CuspSelectionLaneKind  kind);
const char    *cusp_selection_lane_get_name       (CuspSelectionLane *self);
CuspSelectionLaneKind cusp_selection_lane_get_kind (CuspSelectionLane *self);

/* The shown time range (usually the stack's, see follow_stack). */
void           cusp_selection_lane_set_range      (CuspSelectionLane *self,
                                                   CuspTime           start,
                                                   CuspTime           stop);
void           cusp_selection_lane_get_range      (CuspSelectionLane *self,
                                                   CuspTime          *start,
                                                   CuspTime          *stop);
/* Keeps the lane on the range of stack (NULL: stops following). */
void           cusp_selection_lane_follow_stack   (CuspSelectionLane *self,
                                                   CuspPlotStack     *stack);

/* Read-only content: a copy of segments (a GArray of CuspBurstSegment;
 * NULL empties the lane).  Drops the editable selection, if any. */
void           cusp_selection_lane_set_segments   (CuspSelectionLane *self,
                                                   const GArray      *segments);
/* Editable content; NULL makes the lane read-only again. */
void           cusp_selection_lane_set_selection  (CuspSelectionLane *self,
                                                   CuspSelection     *selection);
CuspSelection *cusp_selection_lane_get_selection  (CuspSelectionLane *self);
/* What the lane shows now (the selection's live array when editable). */
const GArray  *cusp_selection_lane_get_segments   (CuspSelectionLane *self);

/* Reads a selection file into the lane (see the top of this file). */
gboolean       cusp_selection_lane_load_file      (CuspSelectionLane *self,
                                                   GFile             *file,
                                                   GError           **error);

/* Writes what the lane shows to file in format (PYMMS_CSV, EVA_TEXT or
 * SDC_CSV, see cusp_selection_write_file). */
gboolean       cusp_selection_lane_save_file      (CuspSelectionLane    *self,
                                                   GFile                *file,
                                                   CuspSelectionFormat   format,
                                                   GError              **error);

/* Selected segments (indices into get_segments, ascending). */
GArray        *cusp_selection_lane_get_selected   (CuspSelectionLane *self);
void           cusp_selection_lane_select         (CuspSelectionLane *self,
                                                   int                index,
                                                   gboolean           extend);
/* Deletes the selected segments; refuses (FALSE, EVA's message) to delete
 * the last one. */
gboolean       cusp_selection_lane_delete_selected (CuspSelectionLane *self,
                                                    GError           **error);

/* The box-car x-extent of segment index in a lane width pixels wide: the
 * same transform the drawing uses.  FALSE for a bad index. */
gboolean       cusp_selection_lane_segment_x      (CuspSelectionLane *self,
                                                   guint              index,
                                                   double             width,
                                                   double            *x0,
                                                   double            *x1);
/* The y pixel of FOM value fom in a lane height pixels high. */
double         cusp_selection_lane_fom_y          (double             fom,
                                                   double             height);
/* Draws the lane into the box (0, 0, width, height) of cr, as on screen. */
void           cusp_selection_lane_draw           (CuspSelectionLane *self,
                                                   cairo_t           *cr,
                                                   double             width,
                                                   double             height);

/* Signals: ::message (const char *text) for an edit or a file that
 * failed; ::selected-changed when the selected segments change;
 * ::hide-requested from the context menu. */

G_END_DECLS
