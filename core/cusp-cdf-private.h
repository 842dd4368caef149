/* cusp-cdf-private.h: helpers shared by the cusp-cdf*.c files */
#pragma once

#include "cusp-cdf.h"

G_BEGIN_DECLS

/* Decompressors keep the first out_cap bytes of the output in `out`, check
 * the rest of the stream without keeping it, and set *total to the full
 * output size.  They return FALSE with a short untranslated reason (for the
 * caller's message) when the data are not valid, end early, or expand
 * beyond `limit` bytes. */
gboolean _cusp_cdf_inflate (const guint8  *in,
                            gsize          in_len,
                            guint8        *out,
                            gsize          out_cap,
                            gsize          limit,
                            gsize         *total,
                            const char   **reason);
gboolean _cusp_cdf_unrle   (const guint8  *in,
                            gsize          in_len,
                            guint8        *out,
                            gsize          out_cap,
                            gsize          limit,
                            gsize         *total,
                            const char   **reason);

/* The largest output `in_len` compressed bytes can honestly produce. */
gsize    _cusp_cdf_max_expansion (CuspCdfCompression compression,
                                  gsize              in_len);

/* Values from raw bytes in the file's encoding.  `n_values` elements of
 * `num_elems` characters (strings) or one element each (numbers). */
CuspCdfValues *_cusp_cdf_values_decode (CuspCdfType   type,
                                        guint         num_elems,
                                        const guint8 *raw,
                                        gsize         n_values,
                                        gboolean      big_endian);
/* A CHAR attribute entry holding n_strings strings separated by "\N ". */
CuspCdfValues *_cusp_cdf_values_decode_strings (const guint8 *raw,
                                                gsize         len,
                                                guint         n_strings);
char          *_cusp_cdf_text (const guint8 *raw,
                               gsize         len);

G_END_DECLS
