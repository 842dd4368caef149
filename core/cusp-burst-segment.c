#define G_LOG_DOMAIN "cusp-burst-segment"

#include "config.h"

#include "cusp-burst-segment.h"

#include <math.h>
#include <string.h>

void
cusp_burst_segment_init (CuspBurstSegment *segment)
{
  g_return_if_fail (segment != NULL);

  memset (segment, 0, sizeof *segment);
  segment->fom = NAN;
  segment->obsset = CUSP_BURST_OBSSET_ALL;
  segment->create_time = CUSP_TIME_INVALID;
  segment->data_segment_id = -1;
}

void
cusp_burst_segment_clear (CuspBurstSegment *segment)
{
  g_return_if_fail (segment != NULL);

  g_clear_pointer (&segment->discussion, g_free);
  g_clear_pointer (&segment->source_id, g_free);
  g_clear_pointer (&segment->status, g_free);
}

void
cusp_burst_segment_copy (const CuspBurstSegment *src,
                         CuspBurstSegment       *dest)
{
  g_return_if_fail (src != NULL);
  g_return_if_fail (dest != NULL);

  *dest = *src;
  dest->discussion = g_strdup (src->discussion);
  dest->source_id = g_strdup (src->source_id);
  dest->status = g_strdup (src->status);
}

static gboolean
fom_equal (double a,
           double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return a == b;
}

gboolean
cusp_burst_segment_equal (const CuspBurstSegment *a,
                          const CuspBurstSegment *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->start == b->start
         && a->stop == b->stop
         && fom_equal (a->fom, b->fom)
         && g_strcmp0 (a->discussion, b->discussion) == 0
         && g_strcmp0 (a->source_id, b->source_id) == 0
         && a->obsset == b->obsset
         && g_strcmp0 (a->status, b->status) == 0
         && a->create_time == b->create_time
         && a->data_segment_id == b->data_segment_id;
}

guint
cusp_burst_segment_n_buffers (const CuspBurstSegment *segment)
{
  gint64 length;

  g_return_val_if_fail (segment != NULL, 0);

  length = segment->stop - segment->start;
  if (length <= 0)
    return 0;
  return (guint) ((length + CUSP_BURST_BUFFER_SECONDS - 1) / CUSP_BURST_BUFFER_SECONDS);
}

static void
segment_clear_func (gpointer data)
{
  cusp_burst_segment_clear (data);
}

GArray *
cusp_burst_segment_array_new (void)
{
  GArray *segments = g_array_new (FALSE, TRUE, sizeof (CuspBurstSegment));

  g_array_set_clear_func (segments, segment_clear_func);
  return segments;
}

GArray *
cusp_burst_segment_array_copy (const GArray *segments)
{
  GArray *copy;

  g_return_val_if_fail (segments != NULL, NULL);

  copy = cusp_burst_segment_array_new ();
  g_array_set_size (copy, segments->len);
  for (guint i = 0; i < segments->len; i++)
    cusp_burst_segment_copy (&g_array_index (segments, CuspBurstSegment, i),
                             &g_array_index (copy, CuspBurstSegment, i));
  return copy;
}

static int
compare_segments (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data G_GNUC_UNUSED)
{
  const CuspBurstSegment *sa = a;
  const CuspBurstSegment *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->stop != sb->stop)
    return sa->stop < sb->stop ? -1 : 1;
  return 0;
}

void
cusp_burst_segment_array_sort (GArray *segments)
{
  g_return_if_fail (segments != NULL);

  /* g_array_sort is not stable; equal keys must keep file order so that
   * duplicate removal can prefer the later row on equal create times. */
  g_qsort_with_data (segments->data, (gint) segments->len, sizeof (CuspBurstSegment),
                     compare_segments, NULL);
}
