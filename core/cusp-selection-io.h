/* cusp-selection-io.h: reading and writing MMS burst-selection files
 *
 * Formats (docs/FORMATS.md, docs/reference/eva_sitl.md §2):
 *  - SDC burst-segment CSV (LaTiS mms_burst_data_segment): header row,
 *    names possibly with unit suffixes; TAIENDTIME is the start of the last
 *    buffer, so the segment ends 10 s later;
 *  - SDC public burst-segment export `id,time,end,type,sc_id,source,orbit,
 *    description,discussion,tag` ("2015-11-30 03:43:24 UTC", end exclusive;
 *    the SITL text in `description` becomes the discussion; no FOM: NaN);
 *  - GLS v1: no header, `start,stop,fom,description...` in TAI calendar time;
 *  - GLS 3 columns: no header, `start,stop,description...` in UTC, FOM 150
 *    (EVA's GLS placeholder);
 *  - pymms CSV = GLS v2: header `start_time,stop_time,fom,sourceid,
 *    discussion,createtime`, UTC;
 *  - EVA text: `date, HH:MM:SS, HH:MM:SS, FOM, discussion` UTC, a stop
 *    before the start is on the next day.
 * Times with a fraction of a second are widened to whole seconds (start
 * down, stop up).  A zero-length GLS segment gets one buffer (pymms).
 * Reading is all or nothing: any bad line fails the whole file with an
 * error naming the file and the line.
 */
#pragma once

#include <gio/gio.h>
#include "cusp-burst-segment.h"

G_BEGIN_DECLS

typedef enum
{
  CUSP_SELECTION_FORMAT_AUTO,        /* detect (reading only) */
  CUSP_SELECTION_FORMAT_SDC_CSV,
  CUSP_SELECTION_FORMAT_SDC_PUBLIC,
  CUSP_SELECTION_FORMAT_GLS_V1,
  CUSP_SELECTION_FORMAT_GLS_3COL,
  CUSP_SELECTION_FORMAT_PYMMS_CSV,   /* also GLS v2 */
  CUSP_SELECTION_FORMAT_EVA_TEXT,
  CUSP_SELECTION_FORMAT_UNKNOWN,     /* what detection returns for anything else */
} CuspSelectionFormat;

typedef struct
{
  CuspSelectionFormat format;          /* AUTO to detect */
  gboolean            combine;         /* pymms combine_segments */
  gint64              combine_gap;     /* seconds between contiguous segments; 0 */
  gboolean            remove_duplicates; /* pymms remove_duplicate_segments */
} CuspSelectionReadOptions;

/* format AUTO, no combine (gap 0), no duplicate removal. */
void                cusp_selection_read_options_init (CuspSelectionReadOptions *options);

/* From the first non-blank line (and the second for headerless files). */
CuspSelectionFormat cusp_selection_format_detect     (const char *contents,
                                                      gssize      length);
const char         *cusp_selection_format_name       (CuspSelectionFormat format);

/* A GArray of CuspBurstSegment sorted by start (see
 * cusp_burst_segment_array_new), or NULL with CUSP_SELECTION_ERROR_PARSE /
 * _UNKNOWN_FORMAT (or a G_IO_ERROR from reading the file).  name is used
 * in messages.  options NULL means the defaults; detected may be NULL. */
GArray             *cusp_selection_read_data         (const char                     *contents,
                                                      gssize                          length,
                                                      const char                     *name,
                                                      const CuspSelectionReadOptions *options,
                                                      CuspSelectionFormat            *detected,
                                                      GError                        **error);
GArray             *cusp_selection_read_file         (GFile                          *file,
                                                      const CuspSelectionReadOptions *options,
                                                      CuspSelectionFormat            *detected,
                                                      GError                        **error);

/* Writers for PYMMS_CSV (UTC), SDC_CSV (TAI seconds) and EVA_TEXT.
 * CUSP_SELECTION_ERROR_UNREPRESENTABLE for a segment the format cannot hold
 * (SDC: shorter than one buffer; EVA text: 24 h or longer). */
char               *cusp_selection_write_data        (const CuspBurstSegment *segments,
                                                      guint                   n_segments,
                                                      CuspSelectionFormat     format,
                                                      GError                **error);
gboolean            cusp_selection_write_file        (GFile                  *file,
                                                      const CuspBurstSegment *segments,
                                                      guint                   n_segments,
                                                      CuspSelectionFormat     format,
                                                      GError                **error);

/* pymms combine_segments on sorted segments: a segment starting gap
 * seconds after the end of the run before it, with the FOM and discussion
 * of the run's first segment, extends that run. */
void                cusp_selection_combine           (GArray *segments,
                                                      gint64  gap);
/* pymms remove_duplicate_segments on sorted segments: of two overlapping
 * segments the one with the older create time goes (unknown counts as
 * oldest; on a tie the earlier row goes). */
void                cusp_selection_remove_duplicates (GArray *segments);

G_END_DECLS
