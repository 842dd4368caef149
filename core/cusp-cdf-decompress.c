/* cusp-cdf-decompress.c: the two compressions real CDF files use
 *
 * GZIP (CDF cType 5) blocks are RFC 1952 gzip streams; RLE (cType 1) only
 * encodes runs of zero bytes: 0x00 then a count c stands for c + 1 zeros.
 */
#define G_LOG_DOMAIN "cusp-cdf"

#include "config.h"

#include "cusp-cdf-private.h"

#include <string.h>
#include <zlib.h>

gsize
_cusp_cdf_max_expansion (CuspCdfCompression compression,
                         gsize              in_len)
{
  /* deflate cannot exceed 1032:1; RLE's best is 2 bytes for 256 zeros. */
  gsize ratio = compression == CUSP_CDF_COMPRESSION_RLE ? 128 : 1032;

  if (in_len > G_MAXSIZE / ratio - 1024)
    return G_MAXSIZE;
  return in_len * ratio + 1024;
}

/* Keeps the first out_cap bytes in `out` and inflates the rest into a
 * scratch buffer, so that the whole stream (and its CRC) is checked
 * without holding more than the caller needs. */
gboolean
_cusp_cdf_inflate (const guint8  *in,
                   gsize          in_len,
                   guint8        *out,
                   gsize          out_cap,
                   gsize          limit,
                   gsize         *total,
                   const char   **reason)
{
  z_stream zs = { 0 };
  guint8 scratch[16384];
  int ret = Z_OK;

  *total = 0;
  if (in_len > G_MAXUINT || out_cap > G_MAXUINT)
    {
      *reason = "block too large";
      return FALSE;
    }
  /* 32 + MAX_WBITS: accept the gzip header (and zlib, harmlessly). */
  if (inflateInit2 (&zs, 32 + MAX_WBITS) != Z_OK)
    {
      *reason = "zlib could not start";
      return FALSE;
    }
  zs.next_in = (Bytef *) in;
  zs.avail_in = (uInt) in_len;
  zs.next_out = out;
  zs.avail_out = (uInt) out_cap;
  while (ret == Z_OK)
    {
      if (zs.avail_out == 0)
        {
          if (zs.total_out > limit)
            break;
          zs.next_out = scratch;
          zs.avail_out = sizeof scratch;
        }
      ret = inflate (&zs, Z_NO_FLUSH);
      if (ret == Z_BUF_ERROR && zs.avail_out == 0)
        ret = Z_OK;
    }
  *total = zs.total_out;
  inflateEnd (&zs);

  if (ret == Z_STREAM_END && *total <= limit)
    return TRUE;
  if (ret == Z_OK || ret == Z_STREAM_END)
    *reason = "data inflate beyond their declared size";
  else if (ret == Z_BUF_ERROR)
    *reason = "compressed data end early";
  else if (ret == Z_DATA_ERROR)
    *reason = zs.msg != NULL ? zs.msg : "invalid gzip data";
  else
    *reason = "gzip data cannot be inflated";
  return FALSE;
}

gboolean
_cusp_cdf_unrle (const guint8  *in,
                 gsize          in_len,
                 guint8        *out,
                 gsize          out_cap,
                 gsize          limit,
                 gsize         *total,
                 const char   **reason)
{
  gsize i = 0, o = 0;

  while (i < in_len && o <= limit)
    {
      gsize run = 1;

      if (in[i] == 0)
        {
          if (i + 1 >= in_len)
            {
              *total = o;
              *reason = "RLE data end inside a run of zeros";
              return FALSE;
            }
          run = (gsize) in[i + 1] + 1;
        }
      for (gsize k = 0; k < run && o + k < out_cap; k++)
        out[o + k] = in[i];
      o += run;
      i += in[i] == 0 ? 2 : 1;
    }
  *total = o;
  if (o > limit)
    {
      *reason = "RLE data expand beyond their declared size";
      return FALSE;
    }
  return TRUE;
}
