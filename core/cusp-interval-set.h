/* cusp-interval-set.h: sorted intervals with typed attributes
 *
 * Burst selections and catalog events are both interval sets.  Intervals are
 * kept sorted by (start, stop).  Each interval carries a FOM, a status and
 * free-form typed attributes (string, integer, double, time) so formats with
 * extra columns (AMDA catalogs, SDC back-structure) keep everything.
 */
#pragma once

#include <glib-object.h>
#include "cusp-time.h"

G_BEGIN_DECLS

#define CUSP_TYPE_INTERVAL_SET (cusp_interval_set_get_type ())

typedef enum
{
  CUSP_ATTRIBUTE_STRING,
  CUSP_ATTRIBUTE_INT,
  CUSP_ATTRIBUTE_DOUBLE,
  CUSP_ATTRIBUTE_TIME,
} CuspAttributeType;

typedef struct
{
  char              *name;
  CuspAttributeType  type;
  union {
    char     *s;
    gint64    i;
    double    d;
    CuspTime  t;
  } v;
} CuspAttribute;

typedef struct
{
  CuspTime   start;
  CuspTime   stop;        /* exclusive end: stop > start */
  double     fom;         /* NaN when the source has none */
  char      *id;          /* uuid, data-segment id...; may be NULL */
  GArray    *attributes;  /* of CuspAttribute; NULL when none */
} CuspInterval;

typedef struct _CuspIntervalSet CuspIntervalSet;

struct _CuspIntervalSet
{
  /*< public, read-only >*/
  char   *name;
  GArray *intervals;      /* of CuspInterval, sorted by (start, stop) */
};

#define cusp_interval_set_get(set, i) (&g_array_index ((set)->intervals, CuspInterval, (i)))
#define cusp_interval_set_size(set) ((set)->intervals->len)

GType             cusp_interval_set_get_type     (void) G_GNUC_CONST;
CuspIntervalSet  *cusp_interval_set_new          (const char *name);
CuspIntervalSet  *cusp_interval_set_ref          (CuspIntervalSet *self);
void              cusp_interval_set_unref        (CuspIntervalSet *self);
CuspIntervalSet  *cusp_interval_set_copy         (const CuspIntervalSet *self);

/* Inserts in order and returns the index; FALSE-like G_MAXUINT with an
 * error if stop <= start. */
guint             cusp_interval_set_add          (CuspIntervalSet *self,
                                                  CuspTime         start,
                                                  CuspTime         stop,
                                                  double           fom,
                                                  const char      *id,
                                                  GError         **error);
/* Changes an interval's times keeping its FOM, id and attributes; returns
 * its new index, or G_MAXUINT with an error if stop <= start.  Added. */
guint             cusp_interval_set_move         (CuspIntervalSet *self,
                                                  guint            index,
                                                  CuspTime         start,
                                                  CuspTime         stop,
                                                  GError         **error);
void              cusp_interval_set_remove       (CuspIntervalSet *self,
                                                  guint            index);
void              cusp_interval_set_clear        (CuspIntervalSet *self);

void              cusp_interval_set_set_string   (CuspIntervalSet *self,
                                                  guint            index,
                                                  const char      *name,
                                                  const char      *value);
void              cusp_interval_set_set_int      (CuspIntervalSet *self,
                                                  guint            index,
                                                  const char      *name,
                                                  gint64           value);
void              cusp_interval_set_set_double   (CuspIntervalSet *self,
                                                  guint            index,
                                                  const char      *name,
                                                  double           value);
void              cusp_interval_set_set_time     (CuspIntervalSet *self,
                                                  guint            index,
                                                  const char      *name,
                                                  CuspTime         value);
/* NULL when the interval has no such attribute. */
const CuspAttribute *cusp_interval_get_attribute (const CuspInterval *interval,
                                                  const char         *name);
const char       *cusp_interval_get_string       (const CuspInterval *interval,
                                                  const char         *name);

/* Index range [*first, *last) of intervals overlapping [start, stop).
 * *first overlaps; intervals inside the range that end before start (short
 * ones under a long one) may be present, so test each.  Empty when none. */
void              cusp_interval_set_overlapping  (const CuspIntervalSet *self,
                                                  CuspTime               start,
                                                  CuspTime               stop,
                                                  guint                 *first,
                                                  guint                 *last);
CuspIntervalSet  *cusp_interval_set_slice        (const CuspIntervalSet *self,
                                                  CuspTime               start,
                                                  CuspTime               stop);
/* Union of several sets keeping every interval (for fragments of one source:
 * intervals identical in start, stop and id are kept once). */
CuspIntervalSet  *cusp_interval_set_merge        (CuspIntervalSet *const *fragments,
                                                  guint                   n_fragments);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspIntervalSet, cusp_interval_set_unref)

G_END_DECLS
