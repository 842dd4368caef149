/* cusp-metadata.h: source metadata as ordered key/value pairs
 *
 * ISTP attributes, HAPI info fields: kept as strings in insertion order so
 * they can be shown in a tooltip exactly as the source wrote them.
 * Reference counted, immutable once shared between containers.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CUSP_TYPE_METADATA (cusp_metadata_get_type ())

typedef struct _CuspMetadata CuspMetadata;

GType          cusp_metadata_get_type (void) G_GNUC_CONST;
CuspMetadata  *cusp_metadata_new      (void);
CuspMetadata  *cusp_metadata_ref      (CuspMetadata *self);
void           cusp_metadata_unref    (CuspMetadata *self);
/* Replaces an existing key's value in place (keeps its position). */
void           cusp_metadata_set      (CuspMetadata *self,
                                       const char   *key,
                                       const char   *value);
const char    *cusp_metadata_get      (const CuspMetadata *self,
                                       const char         *key);
guint          cusp_metadata_get_size (const CuspMetadata *self);
/* i-th pair in insertion order. */
const char    *cusp_metadata_get_key  (const CuspMetadata *self,
                                       guint               i);
const char    *cusp_metadata_get_value (const CuspMetadata *self,
                                        guint               i);
CuspMetadata  *cusp_metadata_copy     (const CuspMetadata *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspMetadata, cusp_metadata_unref)

G_END_DECLS
