/* cusp-selection.h: an editable MMS burst selection for one ABS window
 *
 * The model behind EVA's MAIN tab (FOMStr mode): segments on the 10-s
 * buffer grid, kept sorted and non-overlapping by the edit operations, with
 * EVA's semantics (docs/reference/eva_sitl.md §1.5):
 *  - a new or edited segment [S, E) removes every segment inside it and
 *    trims the ones it partly overlaps (the remainders keep FOM, discussion
 *    and OBSSET; their source id becomes the editing user's).  As in EVA
 *    (eva_sitl_strct_update.pro, segment_overlap codes 0, 3 and 4), a
 *    segment that encloses [S, E) is removed too, not cut in two;
 *  - the start and stop of an added or edited segment snap to the nearest
 *    buffer boundary, a tie to the earlier one (eva_sitl_strct_update's
 *    min(abs(TIMESTAMPS - t))); "delete within a range" and initial
 *    segments snap outwards (start down, stop up);
 *  - the last segment can never be deleted ("You can't delete all segments.").
 * Every successful edit pushes an undo snapshot, clears the redo history,
 * bumps the revision and emits "changed".  Failed edits change nothing.
 */
#pragma once

#include <glib-object.h>
#include "cusp-burst-segment.h"

G_BEGIN_DECLS

#define CUSP_SELECTION_ERROR (cusp_selection_error_quark ())
typedef enum
{
  CUSP_SELECTION_ERROR_OUT_OF_RANGE,   /* outside the ABS window */
  CUSP_SELECTION_ERROR_TOO_BIG,        /* encloses the whole window */
  CUSP_SELECTION_ERROR_LAST_SEGMENT,   /* would delete every segment */
  CUSP_SELECTION_ERROR_INVALID,        /* bad argument: index, FOM, OBSSET, empty range */
  CUSP_SELECTION_ERROR_NO_GAP,         /* fill clicked inside a segment */
  CUSP_SELECTION_ERROR_PARSE,          /* a selection file could not be read */
  CUSP_SELECTION_ERROR_UNKNOWN_FORMAT, /* not a selection file Cusp knows */
  CUSP_SELECTION_ERROR_UNREPRESENTABLE,/* a segment the chosen file format cannot hold */
} CuspSelectionError;

GQuark cusp_selection_error_quark (void);

#define CUSP_SELECTION_DEFAULT_HISTORY 200

#define CUSP_TYPE_SELECTION (cusp_selection_get_type ())
G_DECLARE_FINAL_TYPE (CuspSelection, cusp_selection, CUSP, SELECTION, GObject)

/* window_start < window_stop, TAI s.  grid_origin is any buffer start of
 * the ABS grid (usually window_start). */
CuspSelection          *cusp_selection_new               (gint64 window_start,
                                                          gint64 window_stop,
                                                          gint64 grid_origin,
                                                          guint  target_buffers);

gint64                  cusp_selection_get_window_start  (CuspSelection *self);
gint64                  cusp_selection_get_window_stop   (CuspSelection *self);
gint64                  cusp_selection_get_grid_origin   (CuspSelection *self);
guint                   cusp_selection_get_target_buffers(CuspSelection *self);
guint64                 cusp_selection_get_revision      (CuspSelection *self);

/* Source id stamped on segments this model creates or trims, EVA's
 * "<user>(EVA)".  With NULL (the default) new segments have none and
 * trimmed ones keep theirs. */
void                    cusp_selection_set_source_id     (CuspSelection *self,
                                                          const char    *source_id);
/* Bounded undo depth (default CUSP_SELECTION_DEFAULT_HISTORY, minimum 1). */
void                    cusp_selection_set_history_depth (CuspSelection *self,
                                                          guint          depth);

/* Replaces everything with the ABS segments: each snapped to the grid,
 * sorted; becomes the "revert" state; clears undo and redo. */
void                    cusp_selection_set_initial       (CuspSelection          *self,
                                                          const CuspBurstSegment *segments,
                                                          guint                   n_segments);

guint                   cusp_selection_get_n_segments    (CuspSelection *self);
const CuspBurstSegment *cusp_selection_get_segment       (CuspSelection *self,
                                                          guint          index);
/* The live array (read-only; invalidated by the next edit). */
const GArray           *cusp_selection_get_segments      (CuspSelection *self);
guint                   cusp_selection_get_n_buffers     (CuspSelection *self);
/* Index of the segment with start <= t < stop, or -1. */
int                     cusp_selection_find              (CuspSelection *self,
                                                          gint64         t);

gint64                  cusp_selection_snap_down         (CuspSelection *self,
                                                          gint64         t);
gint64                  cusp_selection_snap_up           (CuspSelection *self,
                                                          gint64         t);
/* The nearest buffer boundary, a tie to the earlier one. */
gint64                  cusp_selection_snap_nearest      (CuspSelection *self,
                                                          gint64         t);

/* Add [start, stop) (swapped if reversed, then snapped).  Errors: "Out of
 * time range" outside the window, "Segment too big." around it. */
gboolean                cusp_selection_add               (CuspSelection *self,
                                                          gint64         start,
                                                          gint64         stop,
                                                          double         fom,
                                                          const char    *discussion,
                                                          guint8         obsset,
                                                          guint         *out_index,
                                                          GError       **error);
/* The gap around t: between the neighbouring segments, or from the window
 * start / to the window end.  NO_GAP when t lies inside a segment. */
gboolean                cusp_selection_find_gap          (CuspSelection *self,
                                                          gint64         t,
                                                          gint64        *gap_start,
                                                          gint64        *gap_stop,
                                                          GError       **error);
gboolean                cusp_selection_fill              (CuspSelection *self,
                                                          gint64         t,
                                                          double         fom,
                                                          const char    *discussion,
                                                          guint8         obsset,
                                                          guint         *out_index,
                                                          GError       **error);
/* EVA's Edit dialog "Save": the segment is replaced by [start, stop) with
 * the given values, which also replaces/trims neighbours it now covers. */
gboolean                cusp_selection_edit              (CuspSelection *self,
                                                          guint          index,
                                                          gint64         start,
                                                          gint64         stop,
                                                          double         fom,
                                                          const char    *discussion,
                                                          guint8         obsset,
                                                          guint         *out_index,
                                                          GError       **error);
gboolean                cusp_selection_set_fom           (CuspSelection *self,
                                                          guint          index,
                                                          double         fom,
                                                          GError       **error);
gboolean                cusp_selection_set_discussion    (CuspSelection *self,
                                                          guint          index,
                                                          const char    *discussion,
                                                          GError       **error);
gboolean                cusp_selection_set_obsset        (CuspSelection *self,
                                                          guint          index,
                                                          guint8         obsset,
                                                          GError       **error);
gboolean                cusp_selection_set_times         (CuspSelection *self,
                                                          guint          index,
                                                          gint64         start,
                                                          gint64         stop,
                                                          guint         *out_index,
                                                          GError       **error);
/* EVA's rule: n = ceil(L / split_buffers) pieces of equal length, each
 * boundary snapped to the nearest buffer (ties to the earlier one): 10
 * buffers split by 3 give 2, 3, 2, 3.  Pieces inherit FOM, discussion and
 * OBSSET. */
gboolean                cusp_selection_split             (CuspSelection *self,
                                                          guint          index,
                                                          guint          split_buffers,
                                                          GError       **error);
gboolean                cusp_selection_delete            (CuspSelection *self,
                                                          guint          index,
                                                          GError       **error);
gboolean                cusp_selection_delete_several    (CuspSelection *self,
                                                          const guint   *indices,
                                                          guint          n_indices,
                                                          GError       **error);
/* "Delete w/in a range": cuts [start, stop) (snapped) out of the
 * selection: segments inside go, partly overlapping ones are trimmed. */
gboolean                cusp_selection_delete_range      (CuspSelection *self,
                                                          gint64         start,
                                                          gint64         stop,
                                                          GError       **error);
/* Merges every group of overlapping segments (as can come from a file)
 * into one spanning segment with the highest FOM of the group and that
 * segment's discussion, and the union of OBSSETs.  Returns how many
 * segments disappeared; 0 changes nothing and records no undo step. */
guint                   cusp_selection_merge_overlapping (CuspSelection *self);

gboolean                cusp_selection_can_undo          (CuspSelection *self);
gboolean                cusp_selection_can_redo          (CuspSelection *self);
gboolean                cusp_selection_undo              (CuspSelection *self);
gboolean                cusp_selection_redo              (CuspSelection *self);
/* "Revert to Auto": back to the initial segments, as one undoable step. */
void                    cusp_selection_revert            (CuspSelection *self);

/* For the journal (cusp-selection-journal.h), which saves and restores
 * the whole editing state.  The arrays are read-only: the model never
 * modifies an array once it is the current one or in the history. */
const char             *cusp_selection_get_source_id     (CuspSelection *self);
guint                   cusp_selection_get_history_depth (CuspSelection *self);
const GArray           *cusp_selection_get_initial       (CuspSelection *self);
/* Undo snapshots oldest first; redo snapshots most recently undone last. */
const GPtrArray        *cusp_selection_get_undo_stack    (CuspSelection *self);
const GPtrArray        *cusp_selection_get_redo_stack    (CuspSelection *self);
/* Puts back a saved state as it was (copies of every array), sets the
 * revision to the given one and emits "changed" once. */
void                    cusp_selection_restore           (CuspSelection   *self,
                                                          const GArray    *initial,
                                                          const GArray    *segments,
                                                          const GPtrArray *undo,
                                                          const GPtrArray *redo,
                                                          guint64          revision);

G_END_DECLS
