/* cusp-cdf.h: a reader for NASA CDF files (versions 2.4 to 3.9)
 *
 * Our own implementation of the CDF internal format (no CDF library is
 * packaged in Debian): v2 (32-bit offsets, including the pre-2.5 VDR layout)
 * and v3 (64-bit offsets), big- and little-endian IEEE encodings, row- and
 * column-major files, r- and zVariables, nested VXR trees, plain and
 * compressed blocks (gzip, RLE), whole-file compression, sparse records and
 * pad values.  Uncompressed files are memory-mapped and only the blocks a
 * read needs are touched; a whole-file compressed CDF is inflated in memory.
 *
 * Every value is returned in the host's byte order and, for variables with
 * two or more varying dimensions, in row-major (C) order whatever the file's
 * majority.  Bad input gives a CUSP_CDF_ERROR, never a crash.
 *
 * A CuspCdfFile may be read from several threads: reads are serialised.
 */
#pragma once

#include <glib-object.h>

#include "cusp-time.h"

G_BEGIN_DECLS

#define CUSP_CDF_ERROR (cusp_cdf_error_quark ())
typedef enum
{
  CUSP_CDF_ERROR_NOT_CDF,            /* no CDF magic number */
  CUSP_CDF_ERROR_TRUNCATED,          /* the file ends before its declared end */
  CUSP_CDF_ERROR_CORRUPT,            /* inconsistent records, bad compressed data */
  CUSP_CDF_ERROR_UNSUPPORTED,        /* VAX encoding, Huffman, multi-file CDF... */
  CUSP_CDF_ERROR_NO_SUCH_VARIABLE,
  CUSP_CDF_ERROR_NO_SUCH_ATTRIBUTE,
  CUSP_CDF_ERROR_RANGE,              /* records outside [0, n_records) */
  CUSP_CDF_ERROR_WRONG_TYPE,         /* e.g. times asked of a REAL4 variable */
} CuspCdfError;

GQuark cusp_cdf_error_quark (void);

/* The CDF data type codes, as stored in the file. */
typedef enum
{
  CUSP_CDF_INT1        = 1,
  CUSP_CDF_INT2        = 2,
  CUSP_CDF_INT4        = 4,
  CUSP_CDF_INT8        = 8,
  CUSP_CDF_UINT1       = 11,
  CUSP_CDF_UINT2       = 12,
  CUSP_CDF_UINT4       = 14,
  CUSP_CDF_REAL4       = 21,
  CUSP_CDF_REAL8       = 22,
  CUSP_CDF_EPOCH       = 31,
  CUSP_CDF_EPOCH16     = 32,
  CUSP_CDF_TIME_TT2000 = 33,
  CUSP_CDF_BYTE        = 41,
  CUSP_CDF_FLOAT       = 44,
  CUSP_CDF_DOUBLE      = 45,
  CUSP_CDF_CHAR        = 51,
  CUSP_CDF_UCHAR       = 52,
} CuspCdfType;

/* "REAL4", "TT2000", "CHAR"...; NULL for a code that is not a CDF type. */
const char *cusp_cdf_type_name     (CuspCdfType type);
/* Bytes per element (16 for EPOCH16, 1 for CHAR); 0 if unknown. */
gsize       cusp_cdf_type_size     (CuspCdfType type);
gboolean    cusp_cdf_type_is_time  (CuspCdfType type);
gboolean    cusp_cdf_type_is_string (CuspCdfType type);

typedef enum
{
  CUSP_CDF_COMPRESSION_NONE             = 0,
  CUSP_CDF_COMPRESSION_RLE              = 1,
  CUSP_CDF_COMPRESSION_HUFFMAN          = 2,  /* listed, not readable */
  CUSP_CDF_COMPRESSION_ADAPTIVE_HUFFMAN = 3,  /* listed, not readable */
  CUSP_CDF_COMPRESSION_GZIP             = 5,
} CuspCdfCompression;

typedef enum
{
  CUSP_CDF_SPARSE_NONE     = 0,
  CUSP_CDF_SPARSE_PAD      = 1,  /* missing records read as the pad value */
  CUSP_CDF_SPARSE_PREVIOUS = 2,  /* missing records repeat the previous one */
} CuspCdfSparse;

#define CUSP_CDF_MAX_DIMS 10

/* What the file says about one variable.  Owned by the CuspCdfFile. */
typedef struct
{
  const char        *name;
  guint              index;           /* position in cusp_cdf_file_get_variable() */
  gboolean           is_z;            /* zVariable (else rVariable) */
  CuspCdfType        type;
  guint              num_elems;       /* characters per string for CHAR/UCHAR, else 1 */
  /* Effective shape: only the dimensions that vary (DimVarys). */
  guint              n_dims;
  guint              dims[CUSP_CDF_MAX_DIMS];
  /* Shape as declared (for rVariables the GDR's rDimSizes). */
  guint              n_declared_dims;
  guint              declared_dims[CUSP_CDF_MAX_DIMS];
  gboolean           dim_varys[CUSP_CDF_MAX_DIMS];
  gsize              values_per_record;  /* product of dims (1 for scalars) */
  gint64             n_records;          /* MaxRec + 1 (0: no data) */
  gboolean           record_varying;
  CuspCdfCompression compression;
  CuspCdfSparse      sparse;
} CuspCdfVariableInfo;

typedef enum
{
  CUSP_CDF_VALUE_DOUBLE,   /* every numeric type but INT8 and TT2000 */
  CUSP_CDF_VALUE_INT64,    /* INT8, TIME_TT2000 */
  CUSP_CDF_VALUE_STRING,   /* CHAR, UCHAR */
} CuspCdfValueKind;

/* Typed values: record data or one attribute entry.  Only the array of the
 * kind is set.  EPOCH values are ms (as stored); EPOCH16 values take two
 * doubles each (seconds, picoseconds), so `doubles` has 2·n_values items.
 * Strings are UTF-8 (ISO-8859-1 text is converted), trailing blanks and NULs
 * removed, and NULL-terminated. */
typedef struct
{
  CuspCdfType      type;
  CuspCdfValueKind kind;
  gsize            n_values;
  double          *doubles;
  gint64          *ints;
  char           **strings;
} CuspCdfValues;

void  cusp_cdf_values_free (CuspCdfValues *values);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CuspCdfValues, cusp_cdf_values_free)

/* One attribute with its entries, in entry-number order (global attributes
 * may skip entry numbers; the missing ones are not listed). */
typedef struct
{
  const char           *name;
  guint                 n_entries;
  CuspCdfValues *const *entries;
} CuspCdfAttribute;

#define CUSP_TYPE_CDF_FILE (cusp_cdf_file_get_type ())
G_DECLARE_FINAL_TYPE (CuspCdfFile, cusp_cdf_file, CUSP, CDF_FILE, GObject)

CuspCdfFile  *cusp_cdf_file_open               (const char   *path,
                                                GError      **error);

const char   *cusp_cdf_file_get_path           (CuspCdfFile  *self);
/* e.g. 3, 9, 0 */
void          cusp_cdf_file_get_version        (CuspCdfFile  *self,
                                                int          *version,
                                                int          *release,
                                                int          *increment);
int           cusp_cdf_file_get_encoding       (CuspCdfFile  *self);
gboolean      cusp_cdf_file_is_row_major       (CuspCdfFile  *self);
/* Compression of the whole file (CCR), NONE for most files. */
CuspCdfCompression cusp_cdf_file_get_compression (CuspCdfFile *self);

/* Variables: zVariables first, then rVariables, each in file order. */
guint                      cusp_cdf_file_get_n_variables   (CuspCdfFile *self);
const CuspCdfVariableInfo *cusp_cdf_file_get_variable      (CuspCdfFile *self,
                                                            guint        index);
/* NULL if there is no such variable. */
const CuspCdfVariableInfo *cusp_cdf_file_lookup_variable   (CuspCdfFile *self,
                                                            const char  *name);

/* Global attributes, in file order. */
guint                   cusp_cdf_file_get_n_global_attributes (CuspCdfFile *self);
const CuspCdfAttribute *cusp_cdf_file_get_global_attribute    (CuspCdfFile *self,
                                                               guint        index);
const CuspCdfAttribute *cusp_cdf_file_lookup_global_attribute (CuspCdfFile *self,
                                                               const char  *name);
/* The first string of a text global attribute (e.g. "Logical_source"), or
 * NULL if absent or not text. */
const char             *cusp_cdf_file_get_global_string       (CuspCdfFile *self,
                                                               const char  *name);

/* Variable attributes (one entry each), in attribute order. */
guint                 cusp_cdf_file_get_n_variable_attributes (CuspCdfFile          *self,
                                                               const char           *variable);
/* Returns the attribute's name and sets *value; NULL if out of range. */
const char           *cusp_cdf_file_get_variable_attribute    (CuspCdfFile          *self,
                                                               const char           *variable,
                                                               guint                 index,
                                                               const CuspCdfValues **value);
/* NULL if the variable or the attribute does not exist. */
const CuspCdfValues  *cusp_cdf_file_lookup_variable_attribute (CuspCdfFile          *self,
                                                               const char           *variable,
                                                               const char           *attribute);

/* Records first..last (inclusive) of a variable, (last - first + 1) ·
 * values_per_record values.  Records the file does not hold read as the
 * pad value (or as the previous record for SPARSE_PREVIOUS). */
CuspCdfValues *cusp_cdf_file_read             (CuspCdfFile  *self,
                                               const char   *variable,
                                               gint64        first,
                                               gint64        last,
                                               GError      **error);

/* The first value of each record of an EPOCH, EPOCH16 or TT2000 variable as
 * CuspTime; fill and pad values (EPOCH 0 or -1e31, EPOCH16 (0,0) or
 * (-1e31,-1e31), TT2000 -2^63 or -2^63+1) give CUSP_TIME_INVALID. */
CuspTime      *cusp_cdf_file_read_times       (CuspCdfFile  *self,
                                               const char   *variable,
                                               gint64        first,
                                               gint64        last,
                                               gsize        *n_times,
                                               GError      **error);

/* The records of time variable `time_var` with start <= t < stop, found by
 * binary search (reading only the blocks it probes).  The times must be
 * sorted; invalid (fill) times are skipped over.  When no record falls in
 * the range, *first = *last + 1 (the insertion point).  Returns FALSE and
 * sets error only on a read error or a variable that is not a time. */
gboolean       cusp_cdf_file_find_records     (CuspCdfFile  *self,
                                               const char   *time_var,
                                               CuspTime      start,
                                               CuspTime      stop,
                                               gint64       *first,
                                               gint64       *last,
                                               GError      **error);

G_END_DECLS
