/* cusp-burst-segment.h: one MMS burst segment (SITL / ABS / GLS selection)
 *
 * Times are TAI seconds since 1958-01-01 (leap seconds included), the unit
 * of every MMS selection file.  start is the start of the first 10-s burst
 * buffer; stop is exclusive (start of the last buffer + 10 s), so a segment
 * of n buffers has stop - start = 10 n.  Files in SDC form store the start
 * of the last buffer instead: the readers add the 10 s.
 */
#pragma once

#include <glib.h>
#include "cusp-time.h"

G_BEGIN_DECLS

#define CUSP_BURST_BUFFER_SECONDS 10
/* OBSSET bitmask: bit 0 = MMS1 ... bit 3 = MMS4. */
#define CUSP_BURST_OBSSET_ALL     15

typedef struct
{
  gint64    start;            /* TAI s, first buffer */
  gint64    stop;             /* TAI s, exclusive */
  double    fom;              /* NaN when the source has none */
  char     *discussion;       /* may be NULL */
  char     *source_id;        /* "jdoe(EVA)", "GLS:mp-dl-unh"...; may be NULL */
  guint8    obsset;           /* MMS1..4 bitmask, CUSP_BURST_OBSSET_ALL by default */
  char     *status;           /* SDC status ("COMPLETE+FINISHED"...); may be NULL */
  CuspTime  create_time;      /* CUSP_TIME_INVALID when unknown */
  gint64    data_segment_id;  /* SDC DATASEGMENTID; -1 when none */
} CuspBurstSegment;

/* Defaults: NaN FOM, no strings, obsset 15, no create time, id -1. */
void      cusp_burst_segment_init       (CuspBurstSegment       *segment);
void      cusp_burst_segment_clear      (CuspBurstSegment       *segment);
/* Deep copy into an uninitialised (or cleared) dest. */
void      cusp_burst_segment_copy       (const CuspBurstSegment *src,
                                         CuspBurstSegment       *dest);
/* All fields equal (NaN FOMs compare equal, NULL strings equal NULL). */
gboolean  cusp_burst_segment_equal      (const CuspBurstSegment *a,
                                         const CuspBurstSegment *b);
/* Whole buffers covered: (stop - start) / 10, rounded up. */
guint     cusp_burst_segment_n_buffers  (const CuspBurstSegment *segment);

/* A GArray of CuspBurstSegment whose clear func frees the strings. */
GArray   *cusp_burst_segment_array_new  (void);
GArray   *cusp_burst_segment_array_copy (const GArray *segments);
/* Stable sort by (start, stop). */
void      cusp_burst_segment_array_sort (GArray *segments);

G_END_DECLS
