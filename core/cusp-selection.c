#define G_LOG_DOMAIN "cusp-selection"

#include "config.h"

#include "cusp-selection.h"

#include <math.h>
#include <glib/gi18n-lib.h>

/* Every edit works on a copy of the segment array and, on success, swaps it
 * in: the previous array itself becomes the undo snapshot, and a failed
 * edit only frees its copy, so nothing is ever half-applied. */

G_DEFINE_QUARK (cusp-selection-error-quark, cusp_selection_error)

struct _CuspSelection
{
  GObject    parent_instance;

  gint64     window_start;
  gint64     window_stop;
  gint64     grid_origin;
  guint      target_buffers;
  char      *source_id;
  guint      history_depth;
  guint64    revision;

  GArray    *segments;   /* of CuspBurstSegment, sorted */
  GArray    *initial;    /* the ABS segments, for revert */
  GPtrArray *undo;       /* of GArray, oldest first */
  GPtrArray *redo;       /* of GArray, most recently undone last */
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CuspSelection, cusp_selection, G_TYPE_OBJECT)

static void
cusp_selection_finalize (GObject *object)
{
  CuspSelection *self = CUSP_SELECTION (object);

  g_clear_pointer (&self->source_id, g_free);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->initial, g_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (cusp_selection_parent_class)->finalize (object);
}

static void
cusp_selection_class_init (CuspSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cusp_selection_finalize;

  /* Emitted after every change of the segments (edit, undo, redo, revert,
   * new initial segments). */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
cusp_selection_init (CuspSelection *self)
{
  self->history_depth = CUSP_SELECTION_DEFAULT_HISTORY;
  self->segments = cusp_burst_segment_array_new ();
  self->initial = cusp_burst_segment_array_new ();
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

CuspSelection *
cusp_selection_new (gint64 window_start,
                    gint64 window_stop,
                    gint64 grid_origin,
                    guint  target_buffers)
{
  CuspSelection *self;

  g_return_val_if_fail (window_start < window_stop, NULL);

  self = g_object_new (CUSP_TYPE_SELECTION, NULL);
  self->window_start = window_start;
  self->window_stop = window_stop;
  self->grid_origin = grid_origin;
  self->target_buffers = target_buffers;
  return self;
}

gint64
cusp_selection_get_window_start (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), 0);
  return self->window_start;
}

gint64
cusp_selection_get_window_stop (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), 0);
  return self->window_stop;
}

gint64
cusp_selection_get_grid_origin (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), 0);
  return self->grid_origin;
}

guint
cusp_selection_get_target_buffers (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), 0);
  return self->target_buffers;
}

guint64
cusp_selection_get_revision (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), 0);
  return self->revision;
}

void
cusp_selection_set_source_id (CuspSelection *self,
                              const char    *source_id)
{
  g_return_if_fail (CUSP_IS_SELECTION (self));

  g_free (self->source_id);
  self->source_id = g_strdup (source_id);
}

static void
trim_history (GPtrArray *stack,
              guint      depth)
{
  if (stack->len > depth)
    g_ptr_array_remove_range (stack, 0, stack->len - depth);
}

void
cusp_selection_set_history_depth (CuspSelection *self,
                                  guint          depth)
{
  g_return_if_fail (CUSP_IS_SELECTION (self));

  self->history_depth = MAX (depth, 1);
  trim_history (self->undo, self->history_depth);
  trim_history (self->redo, self->history_depth);
}

gint64
cusp_selection_snap_down (CuspSelection *self,
                          gint64         t)
{
  gint64 offset;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), t);

  offset = (t - self->grid_origin) % CUSP_BURST_BUFFER_SECONDS;
  if (offset < 0)
    offset += CUSP_BURST_BUFFER_SECONDS;
  return t - offset;
}

gint64
cusp_selection_snap_up (CuspSelection *self,
                        gint64         t)
{
  gint64 down = cusp_selection_snap_down (self, t);

  return down == t ? t : down + CUSP_BURST_BUFFER_SECONDS;
}

/* EVA's eva_sitl_strct_update takes min(abs(TIMESTAMPS - TS)) for the
 * start and the same for the end: the nearest buffer boundary, and IDL's
 * min returns the first of two equally near, so a tie goes to the earlier
 * boundary. */
gint64
cusp_selection_snap_nearest (CuspSelection *self,
                             gint64         t)
{
  gint64 down;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), t);

  down = cusp_selection_snap_down (self, t);
  return 2 * (t - down) <= CUSP_BURST_BUFFER_SECONDS ? down : down + CUSP_BURST_BUFFER_SECONDS;
}

static void
changed (CuspSelection *self)
{
  self->revision++;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Takes ownership of work. */
static void
commit (CuspSelection *self,
        GArray        *work)
{
  g_ptr_array_add (self->undo, self->segments);
  trim_history (self->undo, self->history_depth);
  g_ptr_array_set_size (self->redo, 0);
  self->segments = work;
  changed (self);
}

void
cusp_selection_set_initial (CuspSelection          *self,
                            const CuspBurstSegment *segments,
                            guint                   n_segments)
{
  g_autoptr(GArray) work = cusp_burst_segment_array_new ();

  g_return_if_fail (CUSP_IS_SELECTION (self));
  g_return_if_fail (segments != NULL || n_segments == 0);

  g_array_set_size (work, n_segments);
  for (guint i = 0; i < n_segments; i++)
    {
      CuspBurstSegment *segment = &g_array_index (work, CuspBurstSegment, i);

      cusp_burst_segment_copy (&segments[i], segment);
      segment->start = cusp_selection_snap_down (self, segment->start);
      segment->stop = cusp_selection_snap_up (self, segment->stop);
    }
  cusp_burst_segment_array_sort (work);

  g_clear_pointer (&self->initial, g_array_unref);
  self->initial = cusp_burst_segment_array_copy (work);
  g_clear_pointer (&self->segments, g_array_unref);
  self->segments = g_steal_pointer (&work);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  changed (self);
}

guint
cusp_selection_get_n_segments (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), 0);
  return self->segments->len;
}

const CuspBurstSegment *
cusp_selection_get_segment (CuspSelection *self,
                            guint          index)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), NULL);
  g_return_val_if_fail (index < self->segments->len, NULL);

  return &g_array_index (self->segments, CuspBurstSegment, index);
}

const GArray *
cusp_selection_get_segments (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), NULL);
  return self->segments;
}

guint
cusp_selection_get_n_buffers (CuspSelection *self)
{
  guint total = 0;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), 0);

  for (guint i = 0; i < self->segments->len; i++)
    total += cusp_burst_segment_n_buffers (&g_array_index (self->segments, CuspBurstSegment, i));
  return total;
}

int
cusp_selection_find (CuspSelection *self,
                     gint64         t)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), -1);

  for (guint i = 0; i < self->segments->len; i++)
    {
      const CuspBurstSegment *segment = &g_array_index (self->segments, CuspBurstSegment, i);

      if (segment->start <= t && t < segment->stop)
        return (int) i;
    }
  return -1;
}

/* Port of EVA's segment_overlap (tr against tr0): 3 same, 4 tr encloses
 * tr0, 0 tr inside tr0, -2 / 2 entirely before / after (touching counts),
 * -1 / 1 partial overlap at the start / end of tr0. */
static int
overlap_code (gint64 start,
              gint64 stop,
              gint64 start0,
              gint64 stop0)
{
  if (start == start0 && stop == stop0)
    return 3;
  if (start <= start0 && stop0 <= stop)
    return 4;
  if (start >= start0 && stop <= stop0)
    return 0;
  if (stop <= start0)
    return -2;
  if (start >= stop0)
    return 2;
  if (start <= start0)
    return -1;
  return 1;
}

static void
restamp (CuspSelection    *self,
         CuspBurstSegment *segment)
{
  if (self->source_id == NULL)
    return;
  g_free (segment->source_id);
  segment->source_id = g_strdup (self->source_id);
}

/* EVA's eva_sitl_strct_update scan: segments inside (or around) [start,
 * stop) go, partial overlaps are trimmed. */
static void
cut_range (CuspSelection *self,
           GArray        *work,
           gint64         start,
           gint64         stop)
{
  guint i = 0;

  while (i < work->len)
    {
      CuspBurstSegment *segment = &g_array_index (work, CuspBurstSegment, i);

      switch (overlap_code (segment->start, segment->stop, start, stop))
        {
        case -2:
        case 2:
          i++;
          break;
        case -1:
          segment->stop = start;
          restamp (self, segment);
          i++;
          break;
        case 1:
          segment->start = stop;
          restamp (self, segment);
          i++;
          break;
        default:
          g_array_remove_index (work, i);
          break;
        }
    }
}

/* work has nothing overlapping segment; takes ownership of its strings. */
static guint
insert_sorted (GArray           *work,
               CuspBurstSegment *segment)
{
  guint lo = 0, hi = work->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (work, CuspBurstSegment, mid).start < segment->start)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_insert_val (work, lo, *segment);
  return lo;
}

static gboolean
check_index (CuspSelection *self,
             guint          index,
             GError       **error)
{
  if (index < self->segments->len)
    return TRUE;
  g_set_error (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_INVALID,
               _("There is no segment %u: the selection has %u segments. Choose an existing segment."),
               index + 1, self->segments->len);
  return FALSE;
}

static gboolean
check_values (double   fom,
              guint8   obsset,
              GError **error)
{
  if (!isfinite (fom))
    {
      g_set_error_literal (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_INVALID,
                           _("The FOM is not a number. Enter a FOM between 0 and 255."));
      return FALSE;
    }
  if ((obsset & CUSP_BURST_OBSSET_ALL) == 0 || obsset > CUSP_BURST_OBSSET_ALL)
    {
      g_set_error_literal (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_INVALID,
                           _("Please select at least one spacecraft."));
      return FALSE;
    }
  return TRUE;
}

/* EVA's eva_sitl_seg_validate on the clicked range, then the grid. */
static gboolean
check_and_snap (CuspSelection *self,
                gint64        *start,
                gint64        *stop,
                GError       **error)
{
  if (*stop < *start)
    {
      gint64 swap = *start;

      *start = *stop;
      *stop = swap;
    }

  switch (overlap_code (*start, *stop, self->window_start, self->window_stop))
    {
    case 0:
    case 3:
      break;
    case 4:
      g_set_error_literal (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_TOO_BIG,
                           _("Segment too big."));
      return FALSE;
    default:
      g_set_error_literal (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_OUT_OF_RANGE,
                           _("Out of time range"));
      return FALSE;
    }

  *start = MAX (cusp_selection_snap_nearest (self, *start), self->window_start);
  *stop = MIN (cusp_selection_snap_nearest (self, *stop), self->window_stop);
  if (*stop <= *start)
    {
      g_set_error_literal (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_INVALID,
                           _("The segment is empty. Choose a stop time after the start time."));
      return FALSE;
    }
  return TRUE;
}

/* Adds the snapped [start, stop) to work over whatever is there. */
static guint
place (CuspSelection *self,
       GArray        *work,
       gint64         start,
       gint64         stop,
       double         fom,
       const char    *discussion,
       guint8         obsset)
{
  CuspBurstSegment segment;

  cut_range (self, work, start, stop);
  cusp_burst_segment_init (&segment);
  segment.start = start;
  segment.stop = stop;
  segment.fom = fom;
  segment.discussion = g_strdup (discussion);
  segment.obsset = obsset;
  segment.source_id = g_strdup (self->source_id);
  return insert_sorted (work, &segment);
}

gboolean
cusp_selection_add (CuspSelection *self,
                    gint64         start,
                    gint64         stop,
                    double         fom,
                    const char    *discussion,
                    guint8         obsset,
                    guint         *out_index,
                    GError       **error)
{
  GArray *work;
  guint index;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_values (fom, obsset, error)
      || !check_and_snap (self, &start, &stop, error))
    return FALSE;

  work = cusp_burst_segment_array_copy (self->segments);
  index = place (self, work, start, stop, fom, discussion, obsset);
  commit (self, work);
  if (out_index != NULL)
    *out_index = index;
  return TRUE;
}

gboolean
cusp_selection_find_gap (CuspSelection *self,
                         gint64         t,
                         gint64        *gap_start,
                         gint64        *gap_stop,
                         GError       **error)
{
  gint64 lo, hi;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);

  if (t < self->window_start || t >= self->window_stop)
    {
      g_set_error_literal (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_OUT_OF_RANGE,
                           _("Out of time range"));
      return FALSE;
    }

  lo = self->window_start;
  hi = self->window_stop;
  for (guint i = 0; i < self->segments->len; i++)
    {
      const CuspBurstSegment *segment = &g_array_index (self->segments, CuspBurstSegment, i);

      if (segment->start <= t && t < segment->stop)
        {
          g_set_error_literal (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_NO_GAP,
                               _("Please click an open space between two segments."));
          return FALSE;
        }
      if (segment->stop <= t)
        lo = MAX (lo, segment->stop);
      else if (segment->start > t)
        {
          hi = MIN (hi, segment->start);
          break;
        }
    }

  if (gap_start != NULL)
    *gap_start = lo;
  if (gap_stop != NULL)
    *gap_stop = hi;
  return TRUE;
}

gboolean
cusp_selection_fill (CuspSelection *self,
                     gint64         t,
                     double         fom,
                     const char    *discussion,
                     guint8         obsset,
                     guint         *out_index,
                     GError       **error)
{
  gint64 start, stop;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);

  if (!cusp_selection_find_gap (self, t, &start, &stop, error))
    return FALSE;
  return cusp_selection_add (self, start, stop, fom, discussion, obsset, out_index, error);
}

gboolean
cusp_selection_edit (CuspSelection *self,
                     guint          index,
                     gint64         start,
                     gint64         stop,
                     double         fom,
                     const char    *discussion,
                     guint8         obsset,
                     guint         *out_index,
                     GError       **error)
{
  GArray *work;
  guint new_index;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_index (self, index, error)
      || !check_values (fom, obsset, error)
      || !check_and_snap (self, &start, &stop, error))
    return FALSE;

  work = cusp_burst_segment_array_copy (self->segments);
  g_array_remove_index (work, index);
  new_index = place (self, work, start, stop, fom, discussion, obsset);
  commit (self, work);
  if (out_index != NULL)
    *out_index = new_index;
  return TRUE;
}

/* Field edits that cannot move the segment. */
static CuspBurstSegment *
begin_field_edit (CuspSelection *self,
                  guint          index,
                  GArray       **work)
{
  CuspBurstSegment *segment;

  *work = cusp_burst_segment_array_copy (self->segments);
  segment = &g_array_index (*work, CuspBurstSegment, index);
  restamp (self, segment);
  return segment;
}

gboolean
cusp_selection_set_fom (CuspSelection *self,
                        guint          index,
                        double         fom,
                        GError       **error)
{
  GArray *work;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);

  if (!check_index (self, index, error) || !check_values (fom, CUSP_BURST_OBSSET_ALL, error))
    return FALSE;
  begin_field_edit (self, index, &work)->fom = fom;
  commit (self, work);
  return TRUE;
}

gboolean
cusp_selection_set_discussion (CuspSelection *self,
                               guint          index,
                               const char    *discussion,
                               GError       **error)
{
  CuspBurstSegment *segment;
  GArray *work;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);

  if (!check_index (self, index, error))
    return FALSE;
  segment = begin_field_edit (self, index, &work);
  g_free (segment->discussion);
  segment->discussion = g_strdup (discussion);
  commit (self, work);
  return TRUE;
}

gboolean
cusp_selection_set_obsset (CuspSelection *self,
                           guint          index,
                           guint8         obsset,
                           GError       **error)
{
  GArray *work;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);

  if (!check_index (self, index, error) || !check_values (0, obsset, error))
    return FALSE;
  begin_field_edit (self, index, &work)->obsset = obsset;
  commit (self, work);
  return TRUE;
}

gboolean
cusp_selection_set_times (CuspSelection *self,
                          guint          index,
                          gint64         start,
                          gint64         stop,
                          guint         *out_index,
                          GError       **error)
{
  const CuspBurstSegment *segment;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);

  if (!check_index (self, index, error))
    return FALSE;
  segment = &g_array_index (self->segments, CuspBurstSegment, index);
  return cusp_selection_edit (self, index, start, stop, segment->fom,
                              segment->discussion, segment->obsset, out_index, error);
}

/* k-th of n boundaries over length buffers, to the nearest buffer with
 * ties down: IDL's min(abs(TIMESTAMPS - t)) returns the first (earlier)
 * timestamp of two equally near. */
static gint64
split_boundary (guint k,
                guint n,
                guint length)
{
  gint64 twice = 2 * (gint64) k * length - n;   /* 2n (k L / n - 1/2) */

  return twice <= 0 ? 0 : (twice + 2 * (gint64) n - 1) / (2 * (gint64) n);
}

gboolean
cusp_selection_split (CuspSelection *self,
                      guint          index,
                      guint          split_buffers,
                      GError       **error)
{
  CuspBurstSegment original;
  GArray *work;
  guint length, n;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);

  if (!check_index (self, index, error))
    return FALSE;
  if (split_buffers == 0)
    {
      g_set_error_literal (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_INVALID,
                           _("The split size must be at least one buffer. Choose a larger split size."));
      return FALSE;
    }

  work = cusp_burst_segment_array_copy (self->segments);
  cusp_burst_segment_copy (&g_array_index (work, CuspBurstSegment, index), &original);
  g_array_remove_index (work, index);

  length = cusp_burst_segment_n_buffers (&original);
  n = (length + split_buffers - 1) / split_buffers;
  for (guint k = 0; k < n; k++)
    {
      CuspBurstSegment piece;

      cusp_burst_segment_copy (&original, &piece);
      piece.start = original.start + CUSP_BURST_BUFFER_SECONDS * split_boundary (k, n, length);
      piece.stop = k + 1 == n ? original.stop
                              : original.start + CUSP_BURST_BUFFER_SECONDS * split_boundary (k + 1, n, length);
      restamp (self, &piece);
      insert_sorted (work, &piece);
    }
  cusp_burst_segment_clear (&original);
  commit (self, work);
  return TRUE;
}

static gboolean
commit_unless_empty (CuspSelection *self,
                     GArray        *work,
                     GError       **error)
{
  if (work->len == 0 && self->segments->len > 0)
    {
      g_array_unref (work);
      g_set_error_literal (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_LAST_SEGMENT,
                           _("You can't delete all segments."));
      return FALSE;
    }
  commit (self, work);
  return TRUE;
}

gboolean
cusp_selection_delete (CuspSelection *self,
                       guint          index,
                       GError       **error)
{
  return cusp_selection_delete_several (self, &index, 1, error);
}

gboolean
cusp_selection_delete_several (CuspSelection *self,
                               const guint   *indices,
                               guint          n_indices,
                               GError       **error)
{
  g_autofree gboolean *doomed = NULL;
  GArray *work;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);
  g_return_val_if_fail (indices != NULL || n_indices == 0, FALSE);

  doomed = g_new0 (gboolean, self->segments->len + 1);
  for (guint i = 0; i < n_indices; i++)
    {
      if (!check_index (self, indices[i], error))
        return FALSE;
      doomed[indices[i]] = TRUE;
    }

  work = cusp_burst_segment_array_copy (self->segments);
  for (guint i = self->segments->len; i-- > 0;)
    if (doomed[i])
      g_array_remove_index (work, i);
  return commit_unless_empty (self, work, error);
}

gboolean
cusp_selection_delete_range (CuspSelection *self,
                             gint64         start,
                             gint64         stop,
                             GError       **error)
{
  GArray *work;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);

  if (stop < start)
    {
      gint64 swap = start;

      start = stop;
      stop = swap;
    }
  start = cusp_selection_snap_down (self, start);
  stop = cusp_selection_snap_up (self, stop);
  if (stop <= start)
    {
      g_set_error_literal (error, CUSP_SELECTION_ERROR, CUSP_SELECTION_ERROR_INVALID,
                           _("The range is empty. Choose two different times."));
      return FALSE;
    }

  work = cusp_burst_segment_array_copy (self->segments);
  cut_range (self, work, start, stop);
  return commit_unless_empty (self, work, error);
}

/* Folds segment b into a (a->start <= b->start, overlapping). */
static void
absorb (CuspBurstSegment *a,
        CuspBurstSegment *b)
{
  a->stop = MAX (a->stop, b->stop);
  a->obsset |= b->obsset;
  if (b->fom > a->fom || (isnan (a->fom) && !isnan (b->fom)))
    {
      a->fom = b->fom;
      g_free (a->discussion);
      a->discussion = g_steal_pointer (&b->discussion);
    }
}

guint
cusp_selection_merge_overlapping (CuspSelection *self)
{
  GArray *work;
  guint merged = 0;
  guint i = 0;

  g_return_val_if_fail (CUSP_IS_SELECTION (self), 0);

  work = cusp_burst_segment_array_copy (self->segments);
  while (i + 1 < work->len)
    {
      CuspBurstSegment *a = &g_array_index (work, CuspBurstSegment, i);
      CuspBurstSegment *b = &g_array_index (work, CuspBurstSegment, i + 1);

      if (b->start < a->stop)
        {
          absorb (a, b);
          restamp (self, a);
          g_array_remove_index (work, i + 1);
          merged++;
        }
      else
        i++;
    }

  if (merged == 0)
    g_array_unref (work);
  else
    commit (self, work);
  return merged;
}

gboolean
cusp_selection_can_undo (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);
  return self->undo->len > 0;
}

gboolean
cusp_selection_can_redo (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);
  return self->redo->len > 0;
}

static void
swap_with (CuspSelection *self,
           GPtrArray     *from,
           GPtrArray     *to)
{
  g_ptr_array_add (to, self->segments);
  trim_history (to, self->history_depth);
  self->segments = g_ptr_array_steal_index (from, from->len - 1);
  changed (self);
}

gboolean
cusp_selection_undo (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;
  swap_with (self, self->undo, self->redo);
  return TRUE;
}

gboolean
cusp_selection_redo (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), FALSE);

  if (self->redo->len == 0)
    return FALSE;
  swap_with (self, self->redo, self->undo);
  return TRUE;
}

void
cusp_selection_revert (CuspSelection *self)
{
  g_return_if_fail (CUSP_IS_SELECTION (self));

  commit (self, cusp_burst_segment_array_copy (self->initial));
}

const char *
cusp_selection_get_source_id (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), NULL);
  return self->source_id;
}

guint
cusp_selection_get_history_depth (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), 0);
  return self->history_depth;
}

const GArray *
cusp_selection_get_initial (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), NULL);
  return self->initial;
}

const GPtrArray *
cusp_selection_get_undo_stack (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), NULL);
  return self->undo;
}

const GPtrArray *
cusp_selection_get_redo_stack (CuspSelection *self)
{
  g_return_val_if_fail (CUSP_IS_SELECTION (self), NULL);
  return self->redo;
}

static void
copy_stack (GPtrArray       *dest,
            const GPtrArray *src)
{
  g_ptr_array_set_size (dest, 0);
  for (guint i = 0; src != NULL && i < src->len; i++)
    g_ptr_array_add (dest, cusp_burst_segment_array_copy (g_ptr_array_index (src, i)));
}

void
cusp_selection_restore (CuspSelection   *self,
                        const GArray    *initial,
                        const GArray    *segments,
                        const GPtrArray *undo,
                        const GPtrArray *redo,
                        guint64          revision)
{
  g_return_if_fail (CUSP_IS_SELECTION (self));
  g_return_if_fail (initial != NULL && segments != NULL);

  g_clear_pointer (&self->initial, g_array_unref);
  self->initial = cusp_burst_segment_array_copy (initial);
  g_clear_pointer (&self->segments, g_array_unref);
  self->segments = cusp_burst_segment_array_copy (segments);
  copy_stack (self->undo, undo);
  copy_stack (self->redo, redo);
  trim_history (self->undo, self->history_depth);
  trim_history (self->redo, self->history_depth);
  /* changed () adds one. */
  self->revision = revision - 1;
  changed (self);
}
