/* cusp-cdf.c: CuspCdfFile, a reader for CDF files
 *
 * Layouts follow docs/reference/cdf_data.md §1 (the CDF Internal Format
 * Description).  Internal records are big-endian whatever the data
 * encoding; v3 files use 64-bit offsets, v2 files 32-bit ones.  Every offset
 * and size read from the file is checked against the file's length before
 * use, and every chain is walked with a set of visited offsets so that a
 * loop cannot hang the reader.
 */
#define G_LOG_DOMAIN "cusp-cdf"

#include "config.h"

#include <inttypes.h>

#include "cusp-cdf.h"
#include "cusp-cdf-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (cusp-cdf-error-quark, cusp_cdf_error)

#define MAGIC_V3          0xCDF30001u
#define MAGIC_V26         0xCDF26002u
#define MAGIC_V2_PRE      0x0000FFFFu
#define MAGIC_V1_FLIPPED  0x0F000000u
#define MAGIC2_PLAIN      0x0000FFFFu
#define MAGIC2_COMPRESSED 0xCCCC0001u

enum
{
  REC_CDR = 1,
  REC_GDR = 2,
  REC_RVDR = 3,
  REC_ADR = 4,
  REC_AGREDR = 5,
  REC_VXR = 6,
  REC_VVR = 7,
  REC_ZVDR = 8,
  REC_AZEDR = 9,
  REC_CCR = 10,
  REC_CPR = 11,
  REC_CVVR = 13,
};

#define VDR_RECORD_VARY   0x1
#define VDR_PAD           0x2
#define VDR_COMPRESSED    0x4
#define VDR_SPARSE_ARRAYS 0x8

#define MAX_VXR_DEPTH 32
/* One read must fit in memory; a caller wanting more reads in pieces. */
#define MAX_READ_BYTES ((gint64) 1 << 31)

typedef struct
{
  gint64   first;
  gint64   last;      /* as written in the VXR: may exceed MaxRec */
  gint64   offset;
} CdfBlock;

typedef struct
{
  CuspCdfVariableInfo info;
  char               *name;
  int                 number;
  gint64              max_rec;
  gint64              vxr_head;
  guint32             flags;
  gsize               value_size;   /* one value: type size · num_elems */
  gsize               rec_bytes;
  guint8             *pad;          /* one value, in the file's encoding */
  GArray             *blocks;       /* CdfBlock sorted by first; NULL until read */
  GPtrArray          *attr_names;   /* const char *, owned by the file */
  GPtrArray          *attr_values;  /* CuspCdfValues * */
} CdfVar;

typedef struct
{
  CuspCdfAttribute pub;
  char            *name;
  GPtrArray       *entries;         /* CuspCdfValues * */
} CdfAttr;

typedef struct
{
  const guint8 *p;
  gint64        offset;
  gint64        size;
  int           type;
} CdfRec;

struct _CuspCdfFile
{
  GObject             parent_instance;

  char               *path;
  char               *basename;
  GMappedFile        *mapped;
  guint8             *inflated;     /* whole-file compressed CDFs */
  const guint8       *data;
  gsize               size;

  gboolean            v3;
  gboolean            pre25;        /* v2.4 and older: 128 wasted VDR bytes */
  gboolean            big_endian;
  gboolean            row_major;
  int                 version, release, increment, encoding;
  gint64              declared_eof;
  CuspCdfCompression  compression;

  guint               r_num_dims;
  guint               r_dims[CUSP_CDF_MAX_DIMS];

  GPtrArray          *vars;         /* CdfVar * */
  GHashTable         *var_by_name;
  GHashTable         *zvar_by_num;
  GHashTable         *rvar_by_num;
  GPtrArray          *globals;      /* CdfAttr * */
  GPtrArray          *attr_names;   /* char *, names of variable attributes */

  GMutex              lock;
  /* The last inflated block: binary searches and record-by-record reads
   * probe the same block many times. */
  gint64              cache_offset;
  guint8             *cache;
  gsize               cache_len;
};

G_DEFINE_FINAL_TYPE (CuspCdfFile, cusp_cdf_file, G_TYPE_OBJECT)

/* Field offsets differ between v3 (first) and v2 (second) records. */
#define V(self, off3, off2) ((gsize) ((self)->v3 ? (off3) : (off2)))

/* ------------------------------------------------------------------ */
/* Errors */

static gboolean
fail (CuspCdfFile  *self,
      GError      **error,
      CuspCdfError  code,
      char         *detail)
{
  g_autofree char *owned = detail;

  switch (code)
    {
    case CUSP_CDF_ERROR_TRUNCATED:
      g_set_error (error, CUSP_CDF_ERROR, code,
                   _("“%s” is truncated: %s. Download the file again."),
                   self->basename, detail);
      break;
    case CUSP_CDF_ERROR_CORRUPT:
      g_set_error (error, CUSP_CDF_ERROR, code,
                   _("“%s” is corrupt: %s. Download the file again or check it "
                     "with the NASA CDF tools (cdfvalidate)."),
                   self->basename, detail);
      break;
    case CUSP_CDF_ERROR_UNSUPPORTED:
      g_set_error (error, CUSP_CDF_ERROR, code,
                   _("“%s” uses %s, which Cusp cannot read. Convert it with the "
                     "NASA CDF tool cdfconvert (for example to an uncompressed "
                     "IEEE little-endian single-file CDF)."),
                   self->basename, detail);
      break;
    case CUSP_CDF_ERROR_NOT_CDF:
      g_set_error (error, CUSP_CDF_ERROR, code,
                   _("“%s” is not a CDF file (%s). Check that you chose the "
                     "right file."), self->basename, detail);
      break;
    default:
      g_set_error (error, CUSP_CDF_ERROR, code, "“%s”: %s", self->basename, detail);
      break;
    }
  return FALSE;
}

static gboolean
fail_outside (CuspCdfFile  *self,
              GError      **error,
              gint64        offset)
{
  /* Beyond the end the file declares, data are missing; within it, an
   * offset that points nowhere is damage. */
  if (self->declared_eof == 0 || (gint64) self->size < self->declared_eof)
    return fail (self, error, CUSP_CDF_ERROR_TRUNCATED,
                 g_strdup_printf (_("it ends at byte %zu but data are expected at byte %" PRId64),
                                  self->size, offset));
  return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
               g_strdup_printf (_("a record offset (%" PRId64 ") points "
                                  "outside the file (%zu bytes)"),
                                offset, self->size));
}

/* ------------------------------------------------------------------ */
/* Big-endian record fields */

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static guint64
be64 (const guint8 *p)
{
  return (guint64) be32 (p) << 32 | be32 (p + 4);
}

static gint32
rec_i32 (const CdfRec *rec,
         gsize         pos)
{
  return (gint32) be32 (rec->p + pos);
}

static gint64
rec_off (CuspCdfFile  *self,
         const CdfRec *rec,
         gsize         pos)
{
  return self->v3 ? (gint64) be64 (rec->p + pos) : (gint64) (gint32) be32 (rec->p + pos);
}

static gsize
header_size (CuspCdfFile *self)
{
  return self->v3 ? 12 : 8;
}

/* The internal record at `offset`, checked to lie inside the file, to be of
 * `type` (0: any) and to hold at least `min_size` bytes. */
static gboolean
read_record (CuspCdfFile  *self,
             gint64        offset,
             int           type,
             gsize         min_size,
             CdfRec       *rec,
             GError      **error)
{
  gsize hdr = header_size (self);
  const guint8 *p;
  gint64 rsize;
  int rtype;

  if (offset < 8 || (guint64) offset > self->size || self->size - (gsize) offset < hdr)
    return fail_outside (self, error, offset);
  p = self->data + offset;
  rsize = self->v3 ? (gint64) be64 (p) : (gint64) (gint32) be32 (p);
  rtype = (gint32) be32 (p + hdr - 4);
  if (type != 0 && rtype != type)
    return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                 g_strdup_printf (_("the record at byte %" PRId64
                                    " has type %d where type %d was expected"),
                                  offset, rtype, type));
  if (rsize < (gint64) MAX (hdr, min_size))
    return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                 g_strdup_printf (_("the record at byte %" PRId64
                                    " is too short (%" PRId64 " bytes)"),
                                  offset, rsize));
  if ((guint64) rsize > self->size - (gsize) offset)
    return fail_outside (self, error, offset + rsize);

  rec->p = p;
  rec->offset = offset;
  rec->size = rsize;
  rec->type = rtype;
  return TRUE;
}

/* Offsets already visited in one chain or tree, to stop at loops. */
static gboolean
visit (GHashTable *seen,
       gint64      offset)
{
  gint64 *key;

  if (g_hash_table_contains (seen, &offset))
    return FALSE;
  key = g_new (gint64, 1);
  *key = offset;
  g_hash_table_add (seen, key);
  return TRUE;
}

static GHashTable *
visited_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static gboolean
fail_loop (CuspCdfFile  *self,
           GError      **error,
           const char   *what)
{
  return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
               g_strdup_printf (_("the chain of %s records loops back on itself"), what));
}

static char *
record_name (CuspCdfFile  *self,
             const CdfRec *rec,
             gsize         pos)
{
  return _cusp_cdf_text (rec->p + pos, self->v3 ? 256 : 64);
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
cdf_var_free (CdfVar *var)
{
  g_free (var->name);
  g_free (var->pad);
  g_clear_pointer (&var->blocks, g_array_unref);
  g_ptr_array_unref (var->attr_names);
  g_ptr_array_unref (var->attr_values);
  g_free (var);
}

static void
cdf_attr_free (CdfAttr *attr)
{
  g_free (attr->name);
  g_ptr_array_unref (attr->entries);
  g_free (attr);
}

static void
cusp_cdf_file_finalize (GObject *object)
{
  CuspCdfFile *self = CUSP_CDF_FILE (object);

  g_free (self->path);
  g_free (self->basename);
  g_clear_pointer (&self->mapped, g_mapped_file_unref);
  g_free (self->inflated);
  g_ptr_array_unref (self->vars);
  g_hash_table_unref (self->var_by_name);
  g_hash_table_unref (self->zvar_by_num);
  g_hash_table_unref (self->rvar_by_num);
  g_ptr_array_unref (self->globals);
  g_ptr_array_unref (self->attr_names);
  g_free (self->cache);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cusp_cdf_file_parent_class)->finalize (object);
}

static void
cusp_cdf_file_class_init (CuspCdfFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cusp_cdf_file_finalize;
}

static void
cusp_cdf_file_init (CuspCdfFile *self)
{
  self->vars = g_ptr_array_new_with_free_func ((GDestroyNotify) cdf_var_free);
  self->var_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->zvar_by_num = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->rvar_by_num = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->globals = g_ptr_array_new_with_free_func ((GDestroyNotify) cdf_attr_free);
  self->attr_names = g_ptr_array_new_with_free_func (g_free);
  self->cache_offset = -1;
  g_mutex_init (&self->lock);
}

/* ------------------------------------------------------------------ */
/* Prologue: magic numbers, whole-file compression, CDR, GDR */

static gboolean
inflate_whole_file (CuspCdfFile  *self,
                    guint32       magic1,
                    GError      **error)
{
  CdfRec ccr, cpr;
  gint64 cpr_offset, usize;
  gsize data_pos = V (self, 32, 20), out_len = 0;
  const char *reason = NULL;
  CuspCdfCompression ctype;
  guint8 *buf;
  gboolean ok;

  if (!read_record (self, 8, REC_CCR, data_pos, &ccr, error))
    return FALSE;
  cpr_offset = rec_off (self, &ccr, V (self, 12, 8));
  usize = rec_off (self, &ccr, V (self, 20, 12));
  if (!read_record (self, cpr_offset, REC_CPR, V (self, 24, 20), &cpr, error))
    return FALSE;
  ctype = rec_i32 (&cpr, V (self, 12, 8));
  if (ctype != CUSP_CDF_COMPRESSION_GZIP && ctype != CUSP_CDF_COMPRESSION_RLE)
    return fail (self, error, CUSP_CDF_ERROR_UNSUPPORTED,
                 g_strdup_printf (_("whole-file compression of type %d"), ctype));
  if (usize <= 0
      || (guint64) usize > _cusp_cdf_max_expansion (ctype, ccr.size - data_pos)
      || (guint64) usize > G_MAXSIZE - 8)
    return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                 g_strdup_printf (_("its declared uncompressed size (%" PRId64
                                    " bytes) is impossible"), usize));
  buf = g_try_malloc ((gsize) usize + 8);
  if (buf == NULL)
    return fail (self, error, CUSP_CDF_ERROR_UNSUPPORTED,
                 g_strdup (_("more memory than is available to uncompress it")));
  /* The compressed image omits the magic numbers; its offsets count them. */
  buf[0] = magic1 >> 24; buf[1] = magic1 >> 16; buf[2] = magic1 >> 8; buf[3] = magic1;
  buf[4] = 0; buf[5] = 0; buf[6] = 0xFF; buf[7] = 0xFF;
  if (ctype == CUSP_CDF_COMPRESSION_GZIP)
    ok = _cusp_cdf_inflate (ccr.p + data_pos, ccr.size - data_pos,
                            buf + 8, usize, usize, &out_len, &reason);
  else
    ok = _cusp_cdf_unrle (ccr.p + data_pos, ccr.size - data_pos,
                          buf + 8, usize, usize, &out_len, &reason);
  if (ok && out_len != (gsize) usize)
    {
      ok = FALSE;
      reason = "data are shorter than declared";
    }
  if (!ok)
    {
      g_free (buf);
      return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                   g_strdup_printf (_("its compressed contents cannot be "
                                      "uncompressed (%s)"), reason));
    }
  self->inflated = buf;
  self->data = buf;
  self->size = (gsize) usize + 8;
  self->compression = ctype;
  g_clear_pointer (&self->mapped, g_mapped_file_unref);
  return TRUE;
}

static gboolean
parse_magic (CuspCdfFile  *self,
             GError      **error)
{
  guint32 m1, m2;

  if (self->size < 4)
    return fail (self, error, CUSP_CDF_ERROR_NOT_CDF,
                 g_strdup (_("it is too short to start with a CDF magic number")));
  m1 = be32 (self->data);
  if (m1 == MAGIC_V1_FLIPPED)
    return fail (self, error, CUSP_CDF_ERROR_UNSUPPORTED, g_strdup (_("CDF version 1")));
  if (m1 != MAGIC_V3 && m1 != MAGIC_V26 && m1 != MAGIC_V2_PRE)
    return fail (self, error, CUSP_CDF_ERROR_NOT_CDF,
                 g_strdup (_("its first bytes are not a CDF magic number")));
  self->v3 = m1 == MAGIC_V3;
  if (self->size < 8)
    return fail_outside (self, error, 8);
  m2 = be32 (self->data + 4);
  if (m2 == MAGIC2_COMPRESSED)
    return inflate_whole_file (self, m1, error);
  if (m2 != MAGIC2_PLAIN)
    return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                 g_strdup_printf (_("its second magic number (0x%08X) is unknown"), m2));
  return TRUE;
}

static gboolean
check_encoding (CuspCdfFile  *self,
                GError      **error)
{
  switch (self->encoding)
    {
    case 1: case 2: case 5: case 7: case 9: case 11: case 12: case 18:
      self->big_endian = TRUE;
      return TRUE;
    case 4: case 6: case 13: case 16: case 17: case 19:
      self->big_endian = FALSE;
      return TRUE;
    case 3: case 14: case 15: case 20: case 21:
      return fail (self, error, CUSP_CDF_ERROR_UNSUPPORTED,
                   g_strdup_printf (_("VAX floating-point numbers (encoding %d)"),
                                    self->encoding));
    default:
      return fail (self, error, CUSP_CDF_ERROR_UNSUPPORTED,
                   g_strdup_printf (_("an unknown data encoding (%d)"), self->encoding));
    }
}

static gboolean
parse_cdr (CuspCdfFile  *self,
           gint64       *gdr_offset,
           GError      **error)
{
  CdfRec cdr;
  guint32 flags;

  if (!read_record (self, 8, REC_CDR, V (self, 52, 44), &cdr, error))
    return FALSE;
  *gdr_offset = rec_off (self, &cdr, V (self, 12, 8));
  self->version = rec_i32 (&cdr, V (self, 20, 12));
  self->release = rec_i32 (&cdr, V (self, 24, 16));
  self->encoding = rec_i32 (&cdr, V (self, 28, 20));
  flags = (guint32) rec_i32 (&cdr, V (self, 32, 24));
  self->increment = rec_i32 (&cdr, V (self, 44, 36));
  self->pre25 = !self->v3 && (self->version < 2 || (self->version == 2 && self->release < 5));
  self->row_major = (flags & 1) != 0;
  if ((flags & 2) == 0)
    return fail (self, error, CUSP_CDF_ERROR_UNSUPPORTED,
                 g_strdup (_("the multi-file layout (one file per variable)")));
  return check_encoding (self, error);
}

typedef struct
{
  gint64 rvdr_head, zvdr_head, adr_head;
  gint32 n_rvars, n_zvars, n_attrs;
} GdrInfo;

static gboolean
parse_gdr (CuspCdfFile  *self,
           gint64        offset,
           GdrInfo      *gdr,
           GError      **error)
{
  gsize dims_pos = V (self, 84, 60);
  CdfRec rec;
  gint32 n_dims;

  if (!read_record (self, offset, REC_GDR, dims_pos, &rec, error))
    return FALSE;
  gdr->rvdr_head = rec_off (self, &rec, V (self, 12, 8));
  gdr->zvdr_head = rec_off (self, &rec, V (self, 20, 12));
  gdr->adr_head = rec_off (self, &rec, V (self, 28, 16));
  self->declared_eof = rec_off (self, &rec, V (self, 36, 20));
  gdr->n_rvars = rec_i32 (&rec, V (self, 44, 24));
  gdr->n_attrs = rec_i32 (&rec, V (self, 48, 28));
  n_dims = rec_i32 (&rec, V (self, 56, 36));
  gdr->n_zvars = rec_i32 (&rec, V (self, 60, 40));
  if (gdr->n_rvars < 0 || gdr->n_zvars < 0 || gdr->n_attrs < 0
      || n_dims < 0 || n_dims > CUSP_CDF_MAX_DIMS
      || rec.size < (gint64) (dims_pos + 4 * (gsize) n_dims))
    return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                 g_strdup (_("its global descriptor record has impossible counts")));
  self->r_num_dims = n_dims;
  for (gint32 i = 0; i < n_dims; i++)
    {
      gint32 d = rec_i32 (&rec, dims_pos + 4 * i);

      if (d <= 0)
        return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                     g_strdup (_("an rVariable dimension size is not positive")));
      self->r_dims[i] = d;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Variables */

static void
put_value (guint8  *dst,
           guint64  bits,
           gsize    size,
           gboolean big_endian)
{
  for (gsize i = 0; i < size; i++)
    {
      guint8 byte = (guint8) (bits >> (8 * i));

      dst[big_endian ? size - 1 - i : i] = byte;
    }
}

/* The NASA library's default pad for each type, in the file's encoding. */
static void
default_pad (CuspCdfFile *self,
             CdfVar      *var)
{
  union { float f; guint32 u; } r4 = { .f = -1.0e30f };
  union { double d; guint64 u; } r8 = { .d = -1.0e30 };
  gsize size = cusp_cdf_type_size (var->info.type);
  guint64 bits = 0;

  switch (var->info.type)
    {
    case CUSP_CDF_INT1: case CUSP_CDF_BYTE: bits = (guint8) -127; break;
    case CUSP_CDF_UINT1: bits = 254; break;
    case CUSP_CDF_INT2: bits = (guint16) -32767; break;
    case CUSP_CDF_UINT2: bits = 65534; break;
    case CUSP_CDF_INT4: bits = (guint32) -2147483647; break;
    case CUSP_CDF_UINT4: bits = 4294967294u; break;
    case CUSP_CDF_INT8: case CUSP_CDF_TIME_TT2000:
      bits = (guint64) (G_MININT64 + 1);
      break;
    case CUSP_CDF_REAL4: case CUSP_CDF_FLOAT: bits = r4.u; break;
    case CUSP_CDF_REAL8: case CUSP_CDF_DOUBLE: bits = r8.u; break;
    case CUSP_CDF_CHAR: case CUSP_CDF_UCHAR:
      memset (var->pad, ' ', var->value_size);
      return;
    default:  /* EPOCH and EPOCH16: zeros */
      memset (var->pad, 0, var->value_size);
      return;
    }
  put_value (var->pad, bits, size, self->big_endian);
}

typedef struct
{
  gsize type, max_rec, vxr_head, flags, s_records, num_elems, num, cpr, name, dims;
} VdrLayout;

static VdrLayout
vdr_layout (CuspCdfFile *self)
{
  /* Pre-2.5 VDRs waste 128 bytes before NumElems. */
  gsize w = self->pre25 ? 128 : 0;

  if (self->v3)
    return (VdrLayout) { 20, 24, 28, 44, 48, 64, 68, 72, 84, 340 };
  return (VdrLayout) { 12, 16, 20, 28, 32, 48 + w, 52 + w, 56 + w, 64 + w, 128 + w };
}

static gboolean
vdr_fail (CuspCdfFile  *self,
          GError      **error,
          const char   *name,
          const char   *problem)
{
  return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
               g_strdup_printf (_("the descriptor of variable “%s” is invalid (%s)"),
                                name, problem));
}

static gboolean
parse_vdr_shape (CuspCdfFile  *self,
                 CdfVar       *var,
                 const CdfRec *rec,
                 gsize         dims_pos,
                 gsize        *pad_pos,
                 GError      **error)
{
  CuspCdfVariableInfo *info = &var->info;
  gsize varys_pos;
  guint64 n_values = 1;

  if (info->is_z)
    {
      gint32 n;

      if (rec->size < (gint64) dims_pos + 4)
        return vdr_fail (self, error, var->name, "short record");
      n = rec_i32 (rec, dims_pos);
      if (n < 0 || n > CUSP_CDF_MAX_DIMS || rec->size < (gint64) (dims_pos + 4 + 8 * (gsize) n))
        return vdr_fail (self, error, var->name, "number of dimensions");
      info->n_declared_dims = n;
      for (gint32 i = 0; i < n; i++)
        {
          gint32 d = rec_i32 (rec, dims_pos + 4 + 4 * i);

          if (d <= 0)
            return vdr_fail (self, error, var->name, "dimension size");
          info->declared_dims[i] = d;
        }
      varys_pos = dims_pos + 4 + 4 * (gsize) n;
    }
  else
    {
      info->n_declared_dims = self->r_num_dims;
      memcpy (info->declared_dims, self->r_dims, sizeof self->r_dims);
      varys_pos = dims_pos;
      if (rec->size < (gint64) (varys_pos + 4 * (gsize) info->n_declared_dims))
        return vdr_fail (self, error, var->name, "short record");
    }

  for (guint i = 0; i < info->n_declared_dims; i++)
    {
      info->dim_varys[i] = rec_i32 (rec, varys_pos + 4 * i) != 0;
      if (!info->dim_varys[i])
        continue;
      info->dims[info->n_dims++] = info->declared_dims[i];
      n_values *= info->declared_dims[i];
    }
  if (n_values * var->value_size > (guint64) MAX_READ_BYTES)
    return vdr_fail (self, error, var->name, "records too large");
  info->values_per_record = n_values;
  var->rec_bytes = n_values * var->value_size;
  *pad_pos = varys_pos + 4 * (gsize) info->n_declared_dims;
  return TRUE;
}

static gboolean
parse_vdr_compression (CuspCdfFile  *self,
                       CdfVar       *var,
                       const CdfRec *rec,
                       gsize         cpr_pos,
                       GError      **error)
{
  CdfRec cpr;

  if ((var->flags & VDR_COMPRESSED) == 0)
    return TRUE;
  if (!read_record (self, rec_off (self, rec, cpr_pos), REC_CPR, V (self, 24, 20),
                    &cpr, error))
    return FALSE;
  var->info.compression = rec_i32 (&cpr, V (self, 12, 8));
  return TRUE;
}

static gboolean
parse_vdr (CuspCdfFile  *self,
           gint64        offset,
           gboolean      is_z,
           gint64       *next,
           GError      **error)
{
  VdrLayout l = vdr_layout (self);
  gsize name_len = self->v3 ? 256 : 64, pad_pos = 0;
  CuspCdfVariableInfo *info;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) cdf_var_free);
  CdfVar *var;
  CdfRec rec;
  gint32 num_elems, s_records;

  if (!read_record (self, offset, is_z ? REC_ZVDR : REC_RVDR, l.name + name_len, &rec, error))
    return FALSE;
  var = g_new0 (CdfVar, 1);
  g_ptr_array_add (keep, var);
  var->attr_names = g_ptr_array_new ();
  var->attr_values = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_cdf_values_free);
  var->name = record_name (self, &rec, l.name);
  info = &var->info;
  info->name = var->name;
  info->is_z = is_z;
  *next = rec_off (self, &rec, V (self, 12, 8));
  info->type = rec_i32 (&rec, l.type);
  var->max_rec = rec_i32 (&rec, l.max_rec);
  var->vxr_head = rec_off (self, &rec, l.vxr_head);
  var->flags = (guint32) rec_i32 (&rec, l.flags);
  s_records = rec_i32 (&rec, l.s_records);
  num_elems = rec_i32 (&rec, l.num_elems);
  var->number = rec_i32 (&rec, l.num);

  if (cusp_cdf_type_size (info->type) == 0)
    return vdr_fail (self, error, var->name, "unknown data type");
  if (num_elems < 1 || (!cusp_cdf_type_is_string (info->type) && num_elems != 1))
    return vdr_fail (self, error, var->name, "number of elements");
  if (var->max_rec < -1 || s_records < 0 || s_records > 2)
    return vdr_fail (self, error, var->name, "record count");
  info->num_elems = num_elems;
  info->sparse = s_records;
  info->record_varying = (var->flags & VDR_RECORD_VARY) != 0;
  info->n_records = var->max_rec + 1;
  if (!info->record_varying && info->n_records > 1)
    info->n_records = 1;
  var->value_size = cusp_cdf_type_size (info->type) * (gsize) num_elems;

  if (!parse_vdr_shape (self, var, &rec, l.dims, &pad_pos, error))
    return FALSE;
  var->pad = g_malloc (var->value_size);
  if (var->flags & VDR_PAD)
    {
      if (rec.size < (gint64) (pad_pos + var->value_size))
        return vdr_fail (self, error, var->name, "pad value outside the record");
      memcpy (var->pad, rec.p + pad_pos, var->value_size);
    }
  else
    default_pad (self, var);
  if (!parse_vdr_compression (self, var, &rec, l.cpr, error))
    return FALSE;

  info->index = self->vars->len;
  g_ptr_array_add (self->vars, g_ptr_array_steal_index (keep, 0));
  g_hash_table_insert (is_z ? self->zvar_by_num : self->rvar_by_num,
                       GINT_TO_POINTER (var->number), var);
  if (!g_hash_table_contains (self->var_by_name, var->name))
    g_hash_table_insert (self->var_by_name, var->name, var);
  return TRUE;
}

static gboolean
parse_vdr_chain (CuspCdfFile  *self,
                 gint64        head,
                 gint32        count,
                 gboolean      is_z,
                 GError      **error)
{
  g_autoptr(GHashTable) seen = visited_set_new ();
  gint64 offset = head;

  for (gint32 i = 0; i < count; i++)
    {
      if (!visit (seen, offset))
        return fail_loop (self, error, "variable descriptor");
      if (!parse_vdr (self, offset, is_z, &offset, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Attributes */

static CuspCdfValues *
parse_aedr_value (CuspCdfFile  *self,
                  const CdfRec *rec,
                  GError      **error)
{
  gsize value_pos = V (self, 56, 48);
  CuspCdfType type = rec_i32 (rec, V (self, 24, 16));
  gint32 num_elems = rec_i32 (rec, V (self, 32, 24));
  gint32 num_strings = rec_i32 (rec, V (self, 36, 28));
  gsize size = cusp_cdf_type_size (type);

  if (size == 0 || num_elems < 0
      || (guint64) num_elems * size > (guint64) (rec->size - (gint64) value_pos))
    {
      fail (self, error, CUSP_CDF_ERROR_CORRUPT,
            g_strdup_printf (_("an attribute entry at byte %" PRId64
                               " has an invalid type or size"), rec->offset));
      return NULL;
    }
  if (cusp_cdf_type_is_string (type))
    {
      CuspCdfValues *values = _cusp_cdf_values_decode_strings (rec->p + value_pos,
                                                               num_elems, num_strings);
      values->type = type;
      return values;
    }
  return _cusp_cdf_values_decode (type, 1, rec->p + value_pos, num_elems,
                                  self->big_endian);
}

typedef struct
{
  int            num;
  CuspCdfValues *values;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  return (ea->num > eb->num) - (ea->num < eb->num);
}

static void
clear_entry (gpointer data)
{
  cusp_cdf_values_free (((Entry *) data)->values);
}

/* Every entry of one AEDR chain, in chain order. */
static gboolean
parse_aedr_chain (CuspCdfFile  *self,
                  gint64        head,
                  gint32        count,
                  int           type,
                  GArray       *entries,
                  GError      **error)
{
  g_autoptr(GHashTable) seen = visited_set_new ();
  gint64 offset = head;

  if (count < 0)
    return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                 g_strdup (_("an attribute has a negative number of entries")));
  for (gint32 i = 0; i < count; i++)
    {
      CdfRec rec;
      Entry entry;

      if (!visit (seen, offset))
        return fail_loop (self, error, "attribute entry");
      if (!read_record (self, offset, type, V (self, 56, 48), &rec, error))
        return FALSE;
      entry.num = rec_i32 (&rec, V (self, 28, 20));
      entry.values = parse_aedr_value (self, &rec, error);
      if (entry.values == NULL)
        return FALSE;
      g_array_append_val (entries, entry);
      offset = rec_off (self, &rec, V (self, 12, 8));
    }
  return TRUE;
}

static void
add_global (CuspCdfFile *self,
            char        *name,
            GArray      *entries)
{
  CdfAttr *attr = g_new0 (CdfAttr, 1);

  attr->name = name;
  attr->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_cdf_values_free);
  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (attr->entries, g_steal_pointer (&g_array_index (entries, Entry, i).values));
  attr->pub.name = attr->name;
  attr->pub.n_entries = attr->entries->len;
  attr->pub.entries = (CuspCdfValues *const *) attr->entries->pdata;
  g_ptr_array_add (self->globals, attr);
}

static void
attach_entries (CuspCdfFile *self,
                const char  *name,
                GArray      *entries,
                GHashTable  *by_num)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      CdfVar *var = g_hash_table_lookup (by_num, GINT_TO_POINTER (entry->num));

      if (var == NULL)
        continue;
      g_ptr_array_add (var->attr_names, (gpointer) name);
      g_ptr_array_add (var->attr_values, g_steal_pointer (&entry->values));
    }
}

static gboolean
parse_adr (CuspCdfFile  *self,
           gint64        offset,
           gint64       *next,
           GError      **error)
{
  g_autoptr(GArray) gr = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) z = g_array_new (FALSE, FALSE, sizeof (Entry));
  gsize name_pos = V (self, 68, 52);
  char *name;
  CdfRec rec;
  gint32 scope;

  g_array_set_clear_func (gr, clear_entry);
  g_array_set_clear_func (z, clear_entry);
  if (!read_record (self, offset, REC_ADR, name_pos + (self->v3 ? 256 : 64), &rec, error))
    return FALSE;
  *next = rec_off (self, &rec, V (self, 12, 8));
  scope = rec_i32 (&rec, V (self, 28, 16));
  if (!parse_aedr_chain (self, rec_off (self, &rec, V (self, 20, 12)),
                         rec_i32 (&rec, V (self, 36, 24)), REC_AGREDR, gr, error))
    return FALSE;
  if (!parse_aedr_chain (self, rec_off (self, &rec, V (self, 48, 36)),
                         rec_i32 (&rec, V (self, 56, 40)), REC_AZEDR, z, error))
    return FALSE;

  name = record_name (self, &rec, name_pos);
  if (scope == 1 || scope == 3)
    {
      add_global (self, name, gr);
      return TRUE;
    }
  g_ptr_array_add (self->attr_names, name);
  attach_entries (self, name, gr, self->rvar_by_num);
  attach_entries (self, name, z, self->zvar_by_num);
  return TRUE;
}

static gboolean
parse_attributes (CuspCdfFile  *self,
                  gint64        head,
                  gint32        count,
                  GError      **error)
{
  g_autoptr(GHashTable) seen = visited_set_new ();
  gint64 offset = head;

  for (gint32 i = 0; i < count; i++)
    {
      if (!visit (seen, offset))
        return fail_loop (self, error, "attribute descriptor");
      if (!parse_adr (self, offset, &offset, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Opening */

CuspCdfFile *
cusp_cdf_file_open (const char  *path,
                    GError     **error)
{
  g_autoptr(CuspCdfFile) self = NULL;
  gint64 gdr_offset = 0;
  GdrInfo gdr;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CUSP_TYPE_CDF_FILE, NULL);
  self->path = g_strdup (path);
  self->basename = g_path_get_basename (path);
  self->mapped = g_mapped_file_new (path, FALSE, error);
  if (self->mapped == NULL)
    return NULL;
  self->data = (const guint8 *) g_mapped_file_get_contents (self->mapped);
  self->size = g_mapped_file_get_length (self->mapped);

  if (!parse_magic (self, error)
      || !parse_cdr (self, &gdr_offset, error)
      || !parse_gdr (self, gdr_offset, &gdr, error)
      || !parse_vdr_chain (self, gdr.zvdr_head, gdr.n_zvars, TRUE, error)
      || !parse_vdr_chain (self, gdr.rvdr_head, gdr.n_rvars, FALSE, error)
      || !parse_attributes (self, gdr.adr_head, gdr.n_attrs, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------ */
/* Accessors */

const char *
cusp_cdf_file_get_path (CuspCdfFile *self)
{
  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), NULL);
  return self->path;
}

void
cusp_cdf_file_get_version (CuspCdfFile *self,
                           int         *version,
                           int         *release,
                           int         *increment)
{
  g_return_if_fail (CUSP_IS_CDF_FILE (self));
  if (version)
    *version = self->version;
  if (release)
    *release = self->release;
  if (increment)
    *increment = self->increment;
}

int
cusp_cdf_file_get_encoding (CuspCdfFile *self)
{
  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), 0);
  return self->encoding;
}

gboolean
cusp_cdf_file_is_row_major (CuspCdfFile *self)
{
  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), FALSE);
  return self->row_major;
}

CuspCdfCompression
cusp_cdf_file_get_compression (CuspCdfFile *self)
{
  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), CUSP_CDF_COMPRESSION_NONE);
  return self->compression;
}

guint
cusp_cdf_file_get_n_variables (CuspCdfFile *self)
{
  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), 0);
  return self->vars->len;
}

const CuspCdfVariableInfo *
cusp_cdf_file_get_variable (CuspCdfFile *self,
                            guint        index)
{
  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), NULL);
  if (index >= self->vars->len)
    return NULL;
  return &((CdfVar *) g_ptr_array_index (self->vars, index))->info;
}

const CuspCdfVariableInfo *
cusp_cdf_file_lookup_variable (CuspCdfFile *self,
                               const char  *name)
{
  CdfVar *var;

  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  var = g_hash_table_lookup (self->var_by_name, name);
  return var != NULL ? &var->info : NULL;
}

guint
cusp_cdf_file_get_n_global_attributes (CuspCdfFile *self)
{
  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), 0);
  return self->globals->len;
}

const CuspCdfAttribute *
cusp_cdf_file_get_global_attribute (CuspCdfFile *self,
                                    guint        index)
{
  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), NULL);
  if (index >= self->globals->len)
    return NULL;
  return &((CdfAttr *) g_ptr_array_index (self->globals, index))->pub;
}

const CuspCdfAttribute *
cusp_cdf_file_lookup_global_attribute (CuspCdfFile *self,
                                       const char  *name)
{
  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  for (guint i = 0; i < self->globals->len; i++)
    {
      CdfAttr *attr = g_ptr_array_index (self->globals, i);

      if (g_strcmp0 (attr->name, name) == 0)
        return &attr->pub;
    }
  return NULL;
}

const char *
cusp_cdf_file_get_global_string (CuspCdfFile *self,
                                 const char  *name)
{
  const CuspCdfAttribute *attr = cusp_cdf_file_lookup_global_attribute (self, name);

  if (attr == NULL || attr->n_entries == 0
      || attr->entries[0]->kind != CUSP_CDF_VALUE_STRING
      || attr->entries[0]->n_values == 0)
    return NULL;
  return attr->entries[0]->strings[0];
}

guint
cusp_cdf_file_get_n_variable_attributes (CuspCdfFile *self,
                                         const char  *variable)
{
  CdfVar *var;

  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), 0);
  g_return_val_if_fail (variable != NULL, 0);
  var = g_hash_table_lookup (self->var_by_name, variable);
  return var != NULL ? var->attr_names->len : 0;
}

const char *
cusp_cdf_file_get_variable_attribute (CuspCdfFile          *self,
                                      const char           *variable,
                                      guint                 index,
                                      const CuspCdfValues **value)
{
  CdfVar *var;

  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), NULL);
  g_return_val_if_fail (variable != NULL, NULL);
  var = g_hash_table_lookup (self->var_by_name, variable);
  if (var == NULL || index >= var->attr_names->len)
    return NULL;
  if (value != NULL)
    *value = g_ptr_array_index (var->attr_values, index);
  return g_ptr_array_index (var->attr_names, index);
}

const CuspCdfValues *
cusp_cdf_file_lookup_variable_attribute (CuspCdfFile *self,
                                         const char  *variable,
                                         const char  *attribute)
{
  CdfVar *var;

  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), NULL);
  g_return_val_if_fail (variable != NULL && attribute != NULL, NULL);
  var = g_hash_table_lookup (self->var_by_name, variable);
  if (var == NULL)
    return NULL;
  for (guint i = 0; i < var->attr_names->len; i++)
    if (strcmp (g_ptr_array_index (var->attr_names, i), attribute) == 0)
      return g_ptr_array_index (var->attr_values, i);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Block index: the leaves of a variable's VXR tree */

static gboolean
walk_vxr (CuspCdfFile  *self,
          CdfVar       *var,
          gint64        offset,
          guint         depth,
          GHashTable   *seen,
          GArray       *blocks,
          GError      **error);

static gboolean
add_vxr_entry (CuspCdfFile  *self,
               CdfVar       *var,
               gint64        first,
               gint64        last,
               gint64        child,
               guint         depth,
               GHashTable   *seen,
               GArray       *blocks,
               GError      **error)
{
  CdfRec leaf = { 0 };
  CdfBlock block = { first, last, child };

  if (!read_record (self, child, 0, 0, &leaf, error))
    return FALSE;
  if (leaf.type == REC_VXR)
    return walk_vxr (self, var, child, depth + 1, seen, blocks, error);
  if ((leaf.type != REC_VVR && leaf.type != REC_CVVR) || first < 0 || last < first)
    return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                 g_strdup_printf (_("the index of variable “%s” has an invalid "
                                    "entry at byte %" PRId64),
                                  var->name, child));
  if (first <= var->max_rec)
    g_array_append_val (blocks, block);
  return TRUE;
}

static gboolean
walk_vxr (CuspCdfFile  *self,
          CdfVar       *var,
          gint64        offset,
          guint         depth,
          GHashTable   *seen,
          GArray       *blocks,
          GError      **error)
{
  gsize entries_pos = V (self, 28, 20), off_size = self->v3 ? 8 : 4;

  if (depth > MAX_VXR_DEPTH)
    return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                 g_strdup_printf (_("the index of variable “%s” is nested too deeply"),
                                  var->name));
  while (offset != 0)
    {
      CdfRec rec;
      gint32 n, n_used;

      if (!visit (seen, offset))
        return fail_loop (self, error, "variable index");
      if (!read_record (self, offset, REC_VXR, entries_pos, &rec, error))
        return FALSE;
      n = rec_i32 (&rec, V (self, 20, 12));
      n_used = rec_i32 (&rec, V (self, 24, 16));
      if (n < 0 || n_used < 0 || n_used > n
          || (guint64) rec.size < entries_pos + (guint64) n * (8 + off_size))
        return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                     g_strdup_printf (_("an index record of variable “%s” has "
                                        "impossible counts"), var->name));
      for (gint32 i = 0; i < n_used; i++)
        {
          gint64 first = rec_i32 (&rec, entries_pos + 4 * (gsize) i);
          gint64 last = rec_i32 (&rec, entries_pos + 4 * ((gsize) n + i));
          gint64 child = rec_off (self, &rec, entries_pos + 8 * (gsize) n + off_size * i);

          if (!add_vxr_entry (self, var, first, last, child, depth, seen, blocks, error))
            return FALSE;
        }
      offset = rec_off (self, &rec, V (self, 12, 8));
    }
  return TRUE;
}

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  const CdfBlock *ba = a, *bb = b;

  return (ba->first > bb->first) - (ba->first < bb->first);
}

static gboolean
ensure_blocks (CuspCdfFile  *self,
               CdfVar       *var,
               GError      **error)
{
  g_autoptr(GArray) blocks = NULL;
  g_autoptr(GHashTable) seen = NULL;

  if (var->blocks != NULL)
    return TRUE;
  blocks = g_array_new (FALSE, FALSE, sizeof (CdfBlock));
  seen = visited_set_new ();
  if (var->max_rec >= 0 && var->vxr_head != 0
      && !walk_vxr (self, var, var->vxr_head, 0, seen, blocks, error))
    return FALSE;
  g_array_sort (blocks, compare_blocks);
  var->blocks = g_steal_pointer (&blocks);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Reading blocks */

static gboolean
inflate_block (CuspCdfFile   *self,
               CdfVar        *var,
               const CdfRec  *rec,
               gsize          full,
               gsize          need,
               GError       **error)
{
  gsize data_pos = V (self, 24, 16), out_len = 0, limit;
  gint64 csize = rec_off (self, rec, V (self, 16, 12));
  const char *reason = NULL;
  g_autofree guint8 *buf = NULL;
  gboolean ok;

  if (csize <= 0 || csize > rec->size - (gint64) data_pos)
    return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                 g_strdup_printf (_("a compressed block of variable “%s” has an "
                                    "invalid size"), var->name));
  /* Only the records up to MaxRec are kept; the rest of the block (often
   * preallocated pad) is inflated to check the stream, then dropped. */
  limit = MIN (full, _cusp_cdf_max_expansion (var->info.compression, csize));
  if (need > limit || (buf = g_try_malloc (MAX (need, 1))) == NULL)
    return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                 g_strdup_printf (_("a compressed block of variable “%s” cannot "
                                    "hold the records it indexes"), var->name));
  switch (var->info.compression)
    {
    case CUSP_CDF_COMPRESSION_GZIP:
      ok = _cusp_cdf_inflate (rec->p + data_pos, csize, buf, need, limit, &out_len, &reason);
      break;
    case CUSP_CDF_COMPRESSION_RLE:
      ok = _cusp_cdf_unrle (rec->p + data_pos, csize, buf, need, limit, &out_len, &reason);
      break;
    default:
      return fail (self, error, CUSP_CDF_ERROR_UNSUPPORTED,
                   g_strdup_printf (_("compression of type %d (variable “%s”)"),
                                    var->info.compression, var->name));
    }
  if (ok && out_len < need)
    {
      ok = FALSE;
      reason = "data are shorter than the records they index";
    }
  if (!ok)
    return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                 g_strdup_printf (_("a compressed block of variable “%s” is "
                                    "damaged (%s)"), var->name, reason));
  g_free (self->cache);
  self->cache = g_steal_pointer (&buf);
  self->cache_len = need;
  self->cache_offset = rec->offset;
  return TRUE;
}

/* The bytes of records block->first .. min(block->last, MaxRec). */
static gboolean
block_data (CuspCdfFile     *self,
            CdfVar          *var,
            const CdfBlock  *block,
            const guint8   **data,
            GError         **error)
{
  gint64 last = MIN (block->last, var->max_rec);
  gsize need = (gsize) (last - block->first + 1) * var->rec_bytes;
  gsize full = (gsize) (block->last - block->first + 1) * var->rec_bytes;
  CdfRec rec;

  if (self->cache_offset == block->offset && self->cache_len >= need)
    {
      *data = self->cache;
      return TRUE;
    }
  if (!read_record (self, block->offset, 0, 0, &rec, error))
    return FALSE;
  if (rec.type == REC_VVR)
    {
      if ((guint64) rec.size - header_size (self) < need)
        return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                     g_strdup_printf (_("a data block of variable “%s” is shorter "
                                        "than the records it indexes"), var->name));
      *data = rec.p + header_size (self);
      return TRUE;
    }
  if (!read_record (self, block->offset, REC_CVVR, V (self, 24, 16), &rec, error))
    return FALSE;
  if ((var->flags & VDR_COMPRESSED) == 0)
    return fail (self, error, CUSP_CDF_ERROR_CORRUPT,
                 g_strdup_printf (_("variable “%s” has a compressed block but no "
                                    "compression parameters"), var->name));
  if (!inflate_block (self, var, &rec, full, need, error))
    return FALSE;
  *data = self->cache;
  return TRUE;
}

/* Index of the first block that may hold a record >= first. */
static guint
first_block (GArray *blocks,
             gint64  first)
{
  guint lo = 0, hi = blocks->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (blocks, CdfBlock, mid).first <= first)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? lo - 1 : 0;
}

static gboolean read_raw (CuspCdfFile *self, CdfVar *var, gint64 first, gint64 last,
                          guint8 *out, GError **error);

/* SPARSE_PREVIOUS: records missing from the file repeat the last one
 * present before them, even if it lies before `first`. */
static gboolean
fill_previous (CuspCdfFile   *self,
               CdfVar        *var,
               gint64         first,
               gint64         n,
               const guint8  *covered,
               guint8        *out,
               GError       **error)
{
  gsize rb = var->rec_bytes;
  const guint8 *prev = NULL;
  g_autofree guint8 *before = NULL;
  gint64 before_index = -1;

  for (guint i = 0; i < var->blocks->len; i++)
    {
      const CdfBlock *b = &g_array_index (var->blocks, CdfBlock, i);

      if (b->first < first)
        before_index = MAX (before_index, MIN (MIN (b->last, var->max_rec), first - 1));
    }
  if (!covered[0] && before_index >= 0)
    {
      before = g_malloc (rb);
      if (!read_raw (self, var, before_index, before_index, before, error))
        return FALSE;
      prev = before;
    }
  for (gint64 r = 0; r < n; r++)
    {
      if (covered[r])
        prev = out + r * rb;
      else if (prev != NULL)
        memcpy (out + r * rb, prev, rb);
    }
  return TRUE;
}

/* Records first..last in file order and encoding: pad first, then whatever
 * the blocks hold. */
static gboolean
read_raw (CuspCdfFile  *self,
          CdfVar       *var,
          gint64        first,
          gint64        last,
          guint8       *out,
          GError      **error)
{
  gsize rb = var->rec_bytes;
  gint64 n = last - first + 1;
  g_autofree guint8 *covered = NULL;

  if (var->flags & VDR_SPARSE_ARRAYS)
    return fail (self, error, CUSP_CDF_ERROR_UNSUPPORTED,
                 g_strdup_printf (_("sparse arrays (variable “%s”)"), var->name));
  if (!ensure_blocks (self, var, error))
    return FALSE;
  for (gsize v = 0; v < (gsize) n * var->info.values_per_record; v++)
    memcpy (out + v * var->value_size, var->pad, var->value_size);
  covered = g_malloc0 (MAX (n, 1));

  for (guint i = first_block (var->blocks, first); i < var->blocks->len; i++)
    {
      const CdfBlock *b = &g_array_index (var->blocks, CdfBlock, i);
      gint64 lo = MAX (first, b->first), hi = MIN (MIN (last, b->last), var->max_rec);
      const guint8 *data;

      if (b->first > last)
        break;
      if (lo > hi)
        continue;
      if (!block_data (self, var, b, &data, error))
        return FALSE;
      memcpy (out + (lo - first) * rb, data + (lo - b->first) * rb, (hi - lo + 1) * rb);
      memset (covered + (lo - first), 1, hi - lo + 1);
    }
  if (var->info.sparse == CUSP_CDF_SPARSE_PREVIOUS)
    return fill_previous (self, var, first, n, covered, out, error);
  return TRUE;
}

/* Column-major records to row-major: element [i0, i1, ...] is stored at
 * i0 + d0·(i1 + d1·(i2 + ...)). */
static void
transpose_records (CdfVar *var,
                   guint8 *data,
                   gint64  n_records)
{
  const CuspCdfVariableInfo *info = &var->info;
  gsize vs = var->value_size, stride[CUSP_CDF_MAX_DIMS];
  g_autofree guint8 *tmp = g_malloc (var->rec_bytes);

  stride[0] = 1;
  for (guint j = 1; j < info->n_dims; j++)
    stride[j] = stride[j - 1] * info->dims[j - 1];
  for (gint64 r = 0; r < n_records; r++)
    {
      guint8 *rec = data + r * var->rec_bytes;
      guint idx[CUSP_CDF_MAX_DIMS] = { 0 };

      memcpy (tmp, rec, var->rec_bytes);
      for (gsize k = 0; k < info->values_per_record; k++)
        {
          gsize src = 0;

          for (guint j = 0; j < info->n_dims; j++)
            src += idx[j] * stride[j];
          memcpy (rec + k * vs, tmp + src * vs, vs);
          for (guint j = info->n_dims; j-- > 0;)
            {
              if (++idx[j] < info->dims[j])
                break;
              idx[j] = 0;
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Public reads */

static CdfVar *
lookup_var (CuspCdfFile  *self,
            const char   *name,
            GError      **error)
{
  CdfVar *var = g_hash_table_lookup (self->var_by_name, name);

  if (var == NULL)
    g_set_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_NO_SUCH_VARIABLE,
                 _("“%s” has no variable named “%s”. Choose one of the "
                   "variables the file lists."), self->basename, name);
  return var;
}

static gboolean
check_range (CuspCdfFile  *self,
             CdfVar       *var,
             gint64        first,
             gint64        last,
             GError      **error)
{
  if (first >= 0 && last >= first - 1 && last < var->info.n_records
      && (last - first + 1) * (gint64) var->rec_bytes <= MAX_READ_BYTES)
    return TRUE;
  g_set_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_RANGE,
               _("Cannot read records %" PRId64 " to %" PRId64
                 " of variable “%s” in “%s”: it has %" PRId64 " records "
                 "(numbered from 0) and at most 2 GiB can be read at once. "
                 "Ask for fewer records."),
               first, last, var->name, self->basename, var->info.n_records);
  return FALSE;
}

/* Records first..last, row-major, still in the file's encoding. */
static guint8 *
read_records (CuspCdfFile  *self,
              CdfVar       *var,
              gint64        first,
              gint64        last,
              GError      **error)
{
  gint64 n = last - first + 1;
  g_autofree guint8 *raw = g_try_malloc (MAX ((gsize) n * var->rec_bytes, 1));
  gboolean ok;

  if (raw == NULL)
    {
      g_set_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_RANGE,
                   _("Not enough memory to read %" PRId64 " records of “%s”. "
                     "Ask for fewer records."), n, var->name);
      return NULL;
    }
  if (n == 0)
    return g_steal_pointer (&raw);
  g_mutex_lock (&self->lock);
  ok = read_raw (self, var, first, last, raw, error);
  g_mutex_unlock (&self->lock);
  if (!ok)
    return NULL;
  if (!self->row_major && var->info.n_dims >= 2)
    transpose_records (var, raw, n);
  return g_steal_pointer (&raw);
}

CuspCdfValues *
cusp_cdf_file_read (CuspCdfFile  *self,
                    const char   *variable,
                    gint64        first,
                    gint64        last,
                    GError      **error)
{
  g_autofree guint8 *raw = NULL;
  CdfVar *var;

  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), NULL);
  g_return_val_if_fail (variable != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((var = lookup_var (self, variable, error)) == NULL
      || !check_range (self, var, first, last, error)
      || (raw = read_records (self, var, first, last, error)) == NULL)
    return NULL;
  return _cusp_cdf_values_decode (var->info.type, var->info.num_elems, raw,
                                  (gsize) (last - first + 1) * var->info.values_per_record,
                                  self->big_endian);
}

static CuspTime
value_time (const CuspCdfValues *values,
            gsize                i)
{
  double d, ps;

  switch (values->type)
    {
    case CUSP_CDF_TIME_TT2000:
      if (values->ints[i] == G_MININT64 || values->ints[i] == G_MININT64 + 1)
        return CUSP_TIME_INVALID;
      return values->ints[i];
    case CUSP_CDF_EPOCH:
      d = values->doubles[i];
      if (d == 0.0 || d <= -1.0e31 || !isfinite (d))
        return CUSP_TIME_INVALID;
      return cusp_time_from_cdf_epoch (d);
    default:
      d = values->doubles[2 * i];
      ps = values->doubles[2 * i + 1];
      if ((d == 0.0 && ps == 0.0) || d <= -1.0e31 || !isfinite (d) || !isfinite (ps))
        return CUSP_TIME_INVALID;
      return cusp_time_from_cdf_epoch16 (d, ps);
    }
}

static CdfVar *
lookup_time_var (CuspCdfFile  *self,
                 const char   *name,
                 GError      **error)
{
  CdfVar *var = lookup_var (self, name, error);

  if (var != NULL && !cusp_cdf_type_is_time (var->info.type))
    {
      g_set_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_WRONG_TYPE,
                   _("Variable “%s” of “%s” holds %s values, not times. Choose an "
                     "EPOCH, EPOCH16 or TT2000 variable."),
                   name, self->basename, cusp_cdf_type_name (var->info.type));
      return NULL;
    }
  return var;
}

CuspTime *
cusp_cdf_file_read_times (CuspCdfFile  *self,
                          const char   *variable,
                          gint64        first,
                          gint64        last,
                          gsize        *n_times,
                          GError      **error)
{
  g_autoptr(CuspCdfValues) values = NULL;
  CuspTime *times;
  CdfVar *var;
  gsize n, vpr;

  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), NULL);
  g_return_val_if_fail (variable != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_times != NULL)
    *n_times = 0;
  if ((var = lookup_time_var (self, variable, error)) == NULL
      || (values = cusp_cdf_file_read (self, variable, first, last, error)) == NULL)
    return NULL;
  n = (gsize) (last - first + 1);
  vpr = var->info.values_per_record;
  times = g_new (CuspTime, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    times[i] = value_time (values, i * vpr);
  if (n_times != NULL)
    *n_times = n;
  return times;
}

/* ------------------------------------------------------------------ */
/* Time search */

typedef struct
{
  CuspCdfFile *self;
  CdfVar      *var;
  guint8      *raw;     /* one record */
  GError     **error;
  gboolean     failed;
} Probe;

static CuspTime
probe_time (Probe  *probe,
            gint64  index)
{
  g_autoptr(CuspCdfValues) values = NULL;

  if (probe->failed)
    return CUSP_TIME_INVALID;
  if (!read_raw (probe->self, probe->var, index, index, probe->raw, probe->error))
    {
      probe->failed = TRUE;
      return CUSP_TIME_INVALID;
    }
  values = _cusp_cdf_values_decode (probe->var->info.type, 1, probe->raw, 1,
                                    probe->self->big_endian);
  return value_time (values, 0);
}

/* The time of `index`, or of the nearest valid record before it (>= lo,
 * which is valid): this keeps fill values from breaking the ordering. */
static CuspTime
probe_key (Probe  *probe,
           gint64  index,
           gint64  lo)
{
  for (gint64 i = index; i >= lo && !probe->failed; i--)
    {
      CuspTime t = probe_time (probe, i);

      if (t != CUSP_TIME_INVALID)
        return t;
    }
  return CUSP_TIME_INVALID;
}

/* First index in [lo, hi] whose key is >= t, or hi + 1. */
static gint64
lower_bound (Probe    *probe,
             gint64    lo,
             gint64    hi,
             CuspTime  t)
{
  gint64 a = lo, b = hi + 1;

  while (a < b && !probe->failed)
    {
      gint64 mid = a + (b - a) / 2;

      if (probe_key (probe, mid, lo) < t)
        a = mid + 1;
      else
        b = mid;
    }
  return a;
}

static gboolean
find_locked (Probe    *probe,
             CuspTime  start,
             CuspTime  stop,
             gint64   *first,
             gint64   *last)
{
  gint64 n = probe->var->info.n_records, lo = 0, hi = n - 1;

  *first = 0;
  *last = -1;
  while (lo < n && probe_time (probe, lo) == CUSP_TIME_INVALID && !probe->failed)
    lo++;
  if (lo == n || probe->failed)
    return !probe->failed;
  while (hi > lo && probe_time (probe, hi) == CUSP_TIME_INVALID && !probe->failed)
    hi--;
  *first = lower_bound (probe, lo, hi, start);
  *last = lower_bound (probe, *first, hi, stop) - 1;
  if (*last < *first)
    *last = *first - 1;
  return !probe->failed;
}

gboolean
cusp_cdf_file_find_records (CuspCdfFile  *self,
                            const char   *time_var,
                            CuspTime      start,
                            CuspTime      stop,
                            gint64       *first,
                            gint64       *last,
                            GError      **error)
{
  g_autofree guint8 *raw = NULL;
  gint64 f = 0, l = -1;
  Probe probe = { self, NULL, NULL, error, FALSE };
  gboolean ok;

  g_return_val_if_fail (CUSP_IS_CDF_FILE (self), FALSE);
  g_return_val_if_fail (time_var != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((probe.var = lookup_time_var (self, time_var, error)) == NULL)
    return FALSE;
  raw = g_malloc (MAX (probe.var->rec_bytes, 1));
  probe.raw = raw;
  g_mutex_lock (&self->lock);
  ok = find_locked (&probe, start, stop, &f, &l);
  g_mutex_unlock (&self->lock);
  if (first != NULL)
    *first = f;
  if (last != NULL)
    *last = l;
  return ok;
}
