/* cusp-workspace.h: what the plots show, saved as JSON
 *
 * A workspace is a time range and the plot areas of a window, each a list
 * of panels (the products drawn in them, their kind, scales, manual y
 * range, colour map and share of the area's height), and optionally the
 * selection lanes (shown or not, and the selection file each one loaded).
 * The file form is in docs/formats.md, "Workspace": a JSON object with
 * "format": "cusp-workspace" and "version": 1; members a reader does not
 * know are ignored, so later versions can add some without breaking older
 * readers.  Times are ISO 8601 UTC strings ending in Z.
 *
 * Plain structures, filled by the caller or by a read; the GPtrArrays own
 * their elements.
 */
#pragma once

#include <glib.h>

#include "cusp-data.h"
#include "cusp-time.h"

G_BEGIN_DECLS

#define CUSP_WORKSPACE_ERROR (cusp_workspace_error_quark ())
typedef enum
{
  CUSP_WORKSPACE_ERROR_PARSE,     /* not JSON, or not a workspace */
  CUSP_WORKSPACE_ERROR_VERSION,   /* a version this program does not read */
  CUSP_WORKSPACE_ERROR_INVALID,   /* a member missing or of a bad value */
  CUSP_WORKSPACE_ERROR_IO,        /* the file could not be read or written */
} CuspWorkspaceError;

GQuark cusp_workspace_error_quark (void);

/* The version written; reading accepts 1 up to this. */
#define CUSP_WORKSPACE_VERSION 1

typedef struct
{
  GStrv         products;   /* one or more ids; the others overlay the first */
  CuspDataKind  kind;       /* what the inventory says, NONE if unknown */
  gboolean      y_log;
  double        y_min;      /* manual y range; NaN for both: autoscale */
  double        y_max;
  char         *colormap;   /* spectrograms: a cusp_colormap name, or NULL */
  gboolean      z_log;      /* spectrograms: colour scale */
  double        weight;     /* share of the area's height, > 0 (default 1) */
} CuspWorkspacePanel;

typedef struct
{
  char      *name;          /* which area of the window ("plots"), may be NULL */
  gboolean   has_range;     /* FALSE: the workspace's range */
  CuspTime   start;
  CuspTime   stop;
  GPtrArray *panels;        /* CuspWorkspacePanel, top first */
} CuspWorkspaceArea;

typedef struct
{
  char     *name;           /* "ABS", "GLS", "SITL", "BAK" */
  gboolean  visible;
  char     *file;           /* selection file loaded in the lane, or NULL */
} CuspWorkspaceLane;

typedef struct
{
  int        version;       /* of the file read; CUSP_WORKSPACE_VERSION when new */
  CuspTime   start;
  CuspTime   stop;          /* > start */
  GPtrArray *areas;         /* CuspWorkspaceArea */
  GPtrArray *lanes;         /* CuspWorkspaceLane; empty: lanes left as they are */
} CuspWorkspace;

CuspWorkspace      *cusp_workspace_new            (CuspTime              start,
                                                   CuspTime              stop);
void                cusp_workspace_free           (CuspWorkspace        *self);

/* Appends an empty area (name may be NULL). */
CuspWorkspaceArea  *cusp_workspace_add_area       (CuspWorkspace        *self,
                                                   const char           *name);
/* Appends a panel of the given products (at least one) with the default
 * settings: linear y, autoscale, no colour map, linear z, weight 1. */
CuspWorkspacePanel *cusp_workspace_area_add_panel (CuspWorkspaceArea    *area,
                                                   const char * const   *products,
                                                   CuspDataKind          kind);
CuspWorkspaceLane  *cusp_workspace_add_lane       (CuspWorkspace        *self,
                                                   const char           *name,
                                                   gboolean              visible,
                                                   const char           *file);
/* The area called name, or NULL. */
CuspWorkspaceArea  *cusp_workspace_find_area      (CuspWorkspace        *self,
                                                   const char           *name);

/* Same range, areas, panels and lanes (NaN equals NaN in y ranges). */
gboolean            cusp_workspace_equal          (const CuspWorkspace  *a,
                                                   const CuspWorkspace  *b);

/* Reading: errors name the member at fault, as in
 * "areas[0].panels[1].y_range". */
CuspWorkspace      *cusp_workspace_read_data      (const char           *text,
                                                   gssize                length,
                                                   GError              **error);
/* Errors start with the path. */
CuspWorkspace      *cusp_workspace_read_file      (const char           *path,
                                                   GError              **error);

/* Pretty-printed JSON, ending in a newline.  NULL (with error) when the
 * workspace cannot be written: no product in a panel, stop not after
 * start, a y range not finite or empty, a weight not positive. */
char               *cusp_workspace_write_data     (const CuspWorkspace  *self,
                                                   GError              **error);
/* Replaces path atomically. */
gboolean            cusp_workspace_write_file     (const CuspWorkspace  *self,
                                                   const char           *path,
                                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspWorkspace, cusp_workspace_free)

G_END_DECLS
