#define G_LOG_DOMAIN "cusp-interval-set"

#include "config.h"

#include "cusp-interval-set.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "cusp-data.h"

/* Overlap queries: intervals are sorted by start, but one long interval can
 * cover many later short ones, so the overlapping intervals need not be
 * contiguous.  cusp_interval_set_overlapping() bounds the candidates from
 * above by a binary search on start (start < stop) and finds the first one
 * whose stop is after the query start by a linear scan.  The scan is O(n),
 * which sets of a few thousand intervals afford; it needs no cached index
 * that a direct edit of the array could leave stale. */

G_DEFINE_BOXED_TYPE (CuspIntervalSet, cusp_interval_set, cusp_interval_set_ref, cusp_interval_set_unref)

static void
attribute_clear (gpointer data)
{
  CuspAttribute *attribute = data;

  g_clear_pointer (&attribute->name, g_free);
  if (attribute->type == CUSP_ATTRIBUTE_STRING)
    g_clear_pointer (&attribute->v.s, g_free);
}

static void
interval_clear (gpointer data)
{
  CuspInterval *interval = data;

  g_clear_pointer (&interval->id, g_free);
  g_clear_pointer (&interval->attributes, g_array_unref);
}

static GArray *
new_interval_array (void)
{
  GArray *intervals = g_array_new (FALSE, TRUE, sizeof (CuspInterval));

  g_array_set_clear_func (intervals, interval_clear);

  return intervals;
}

CuspIntervalSet *
cusp_interval_set_new (const char *name)
{
  CuspIntervalSet *self = g_atomic_rc_box_new0 (CuspIntervalSet);

  self->name = g_strdup (name);
  self->intervals = new_interval_array ();

  return self;
}

CuspIntervalSet *
cusp_interval_set_ref (CuspIntervalSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
cusp_interval_set_free_fields (gpointer data)
{
  CuspIntervalSet *self = data;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->intervals, g_array_unref);
}

void
cusp_interval_set_unref (CuspIntervalSet *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, cusp_interval_set_free_fields);
}

static GArray *
copy_attributes (const GArray *attributes)
{
  GArray *copy;

  if (attributes == NULL)
    return NULL;

  copy = g_array_sized_new (FALSE, TRUE, sizeof (CuspAttribute), attributes->len);
  g_array_set_clear_func (copy, attribute_clear);
  for (guint i = 0; i < attributes->len; i++)
    {
      CuspAttribute a = g_array_index (attributes, CuspAttribute, i);

      a.name = g_strdup (a.name);
      if (a.type == CUSP_ATTRIBUTE_STRING)
        a.v.s = g_strdup (a.v.s);
      g_array_append_val (copy, a);
    }

  return copy;
}

static CuspInterval
copy_interval (const CuspInterval *interval)
{
  CuspInterval copy = *interval;

  copy.id = g_strdup (interval->id);
  copy.attributes = copy_attributes (interval->attributes);

  return copy;
}

CuspIntervalSet *
cusp_interval_set_copy (const CuspIntervalSet *self)
{
  CuspIntervalSet *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = cusp_interval_set_new (self->name);
  for (guint i = 0; i < self->intervals->len; i++)
    {
      CuspInterval c = copy_interval (cusp_interval_set_get (self, i));
      g_array_append_val (copy->intervals, c);
    }

  return copy;
}

/* First index whose (start, stop) is greater than the given one, so that
 * equal intervals keep their insertion order. */
static guint
insertion_index (const CuspIntervalSet *self,
                 CuspTime               start,
                 CuspTime               stop)
{
  guint lo = 0, hi = self->intervals->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const CuspInterval *m = cusp_interval_set_get (self, mid);

      if (m->start < start || (m->start == start && m->stop <= stop))
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gboolean
check_range (CuspTime   start,
             CuspTime   stop,
             GError   **error)
{
  if (stop > start)
    return TRUE;

  g_set_error_literal (error, CUSP_DATA_ERROR, CUSP_DATA_ERROR_INVALID,
                       _("The interval ends before or when it starts; choose a stop time after the start time."));
  return FALSE;
}

static guint
insert_sorted (CuspIntervalSet *self,
               CuspInterval    *interval)
{
  guint index = insertion_index (self, interval->start, interval->stop);

  g_array_insert_val (self->intervals, index, *interval);

  return index;
}

guint
cusp_interval_set_add (CuspIntervalSet *self,
                       CuspTime         start,
                       CuspTime         stop,
                       double           fom,
                       const char      *id,
                       GError         **error)
{
  CuspInterval interval = { 0, };

  g_return_val_if_fail (self != NULL, G_MAXUINT);
  g_return_val_if_fail (error == NULL || *error == NULL, G_MAXUINT);

  if (!check_range (start, stop, error))
    return G_MAXUINT;

  interval.start = start;
  interval.stop = stop;
  interval.fom = fom;
  interval.id = g_strdup (id);

  return insert_sorted (self, &interval);
}

guint
cusp_interval_set_move (CuspIntervalSet *self,
                        guint            index,
                        CuspTime         start,
                        CuspTime         stop,
                        GError         **error)
{
  CuspInterval *slot;
  CuspInterval interval;

  g_return_val_if_fail (self != NULL, G_MAXUINT);
  g_return_val_if_fail (index < self->intervals->len, G_MAXUINT);
  g_return_val_if_fail (error == NULL || *error == NULL, G_MAXUINT);

  if (!check_range (start, stop, error))
    return G_MAXUINT;

  /* Steal the owned fields so removing the slot frees nothing. */
  slot = cusp_interval_set_get (self, index);
  interval = *slot;
  slot->id = NULL;
  slot->attributes = NULL;
  g_array_remove_index (self->intervals, index);

  interval.start = start;
  interval.stop = stop;

  return insert_sorted (self, &interval);
}

void
cusp_interval_set_remove (CuspIntervalSet *self,
                          guint            index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->intervals->len);

  g_array_remove_index (self->intervals, index);
}

void
cusp_interval_set_clear (CuspIntervalSet *self)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->intervals, 0);
}

/* The attribute called name, created (typed `type`) when missing; an
 * existing one is emptied and retyped. */
static CuspAttribute *
take_attribute (CuspIntervalSet   *self,
                guint              index,
                const char        *name,
                CuspAttributeType  type)
{
  CuspInterval *interval = cusp_interval_set_get (self, index);
  CuspAttribute *attribute = (CuspAttribute *) cusp_interval_get_attribute (interval, name);

  if (attribute != NULL)
    {
      if (attribute->type == CUSP_ATTRIBUTE_STRING)
        g_clear_pointer (&attribute->v.s, g_free);
      attribute->type = type;
      return attribute;
    }

  if (interval->attributes == NULL)
    {
      interval->attributes = g_array_new (FALSE, TRUE, sizeof (CuspAttribute));
      g_array_set_clear_func (interval->attributes, attribute_clear);
    }
  g_array_set_size (interval->attributes, interval->attributes->len + 1);
  attribute = &g_array_index (interval->attributes, CuspAttribute,
                              interval->attributes->len - 1);
  attribute->name = g_strdup (name);
  attribute->type = type;

  return attribute;
}

void
cusp_interval_set_set_string (CuspIntervalSet *self,
                              guint            index,
                              const char      *name,
                              const char      *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->intervals->len);
  g_return_if_fail (name != NULL);

  take_attribute (self, index, name, CUSP_ATTRIBUTE_STRING)->v.s = g_strdup (value);
}

void
cusp_interval_set_set_int (CuspIntervalSet *self,
                           guint            index,
                           const char      *name,
                           gint64           value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->intervals->len);
  g_return_if_fail (name != NULL);

  take_attribute (self, index, name, CUSP_ATTRIBUTE_INT)->v.i = value;
}

void
cusp_interval_set_set_double (CuspIntervalSet *self,
                              guint            index,
                              const char      *name,
                              double           value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->intervals->len);
  g_return_if_fail (name != NULL);

  take_attribute (self, index, name, CUSP_ATTRIBUTE_DOUBLE)->v.d = value;
}

void
cusp_interval_set_set_time (CuspIntervalSet *self,
                            guint            index,
                            const char      *name,
                            CuspTime         value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->intervals->len);
  g_return_if_fail (name != NULL);

  take_attribute (self, index, name, CUSP_ATTRIBUTE_TIME)->v.t = value;
}

const CuspAttribute *
cusp_interval_get_attribute (const CuspInterval *interval,
                             const char         *name)
{
  g_return_val_if_fail (interval != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (interval->attributes == NULL)
    return NULL;

  for (guint i = 0; i < interval->attributes->len; i++)
    {
      const CuspAttribute *a = &g_array_index (interval->attributes, CuspAttribute, i);

      if (g_strcmp0 (a->name, name) == 0)
        return a;
    }

  return NULL;
}

const char *
cusp_interval_get_string (const CuspInterval *interval,
                          const char         *name)
{
  const CuspAttribute *a = cusp_interval_get_attribute (interval, name);

  return a != NULL && a->type == CUSP_ATTRIBUTE_STRING ? a->v.s : NULL;
}

/* First index with start >= t. */
static guint
start_lower_bound (const CuspIntervalSet *self,
                   CuspTime               t)
{
  guint lo = 0, hi = self->intervals->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (cusp_interval_set_get (self, mid)->start < t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* [*first, *last) holds every interval overlapping [start, stop) and starts
 * with one that does; between them may lie short intervals that end before
 * start (covered by a longer one), so callers test each. */
void
cusp_interval_set_overlapping (const CuspIntervalSet *self,
                               CuspTime               start,
                               CuspTime               stop,
                               guint                 *first,
                               guint                 *last)
{
  guint hi, lo = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (first != NULL && last != NULL);

  hi = stop > start ? start_lower_bound (self, stop) : 0;
  while (lo < hi && cusp_interval_set_get (self, lo)->stop <= start)
    lo++;

  *first = lo;
  *last = hi;
}

CuspIntervalSet *
cusp_interval_set_slice (const CuspIntervalSet *self,
                         CuspTime               start,
                         CuspTime               stop)
{
  CuspIntervalSet *slice;
  guint first, last;

  g_return_val_if_fail (self != NULL, NULL);

  slice = cusp_interval_set_new (self->name);
  cusp_interval_set_overlapping (self, start, stop, &first, &last);
  for (guint i = first; i < last; i++)
    {
      const CuspInterval *interval = cusp_interval_set_get (self, i);

      if (interval->stop > start)
        {
          CuspInterval c = copy_interval (interval);
          g_array_append_val (slice->intervals, c);
        }
    }

  return slice;
}

static gboolean
contains_identical (const CuspIntervalSet *self,
                    const CuspInterval    *interval)
{
  guint i = insertion_index (self, interval->start, interval->stop);

  /* Intervals equal in (start, stop) sit just before the insertion index. */
  while (i-- > 0)
    {
      const CuspInterval *other = cusp_interval_set_get (self, i);

      if (other->start != interval->start || other->stop != interval->stop)
        break;
      if (g_strcmp0 (other->id, interval->id) == 0)
        return TRUE;
    }

  return FALSE;
}

CuspIntervalSet *
cusp_interval_set_merge (CuspIntervalSet *const *fragments,
                         guint                   n_fragments)
{
  CuspIntervalSet *merged;

  g_return_val_if_fail (fragments != NULL || n_fragments == 0, NULL);

  merged = cusp_interval_set_new (NULL);
  for (guint f = 0; f < n_fragments; f++)
    {
      const CuspIntervalSet *fragment = fragments[f];

      if (merged->name == NULL)
        merged->name = g_strdup (fragment->name);

      for (guint i = 0; i < fragment->intervals->len; i++)
        {
          const CuspInterval *interval = cusp_interval_set_get (fragment, i);
          CuspInterval c;

          if (contains_identical (merged, interval))
            continue;
          c = copy_interval (interval);
          insert_sorted (merged, &c);
        }
    }

  return merged;
}
