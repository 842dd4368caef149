/* cusp-cache.c: on-disk fragment cache of remote data
 *
 * See the header for the file layout and the policies.  The lock guards
 * the in-flight table, the tracked size and the options; disk reads,
 * writes and fetches run without it.
 */
#define G_LOG_DOMAIN "cusp-cache"

#include "config.h"

#include "cusp-cache.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define FRAGMENT_MAGIC   "CUSPFRAG"
#define FORMAT_VERSION   1
#define HEADER_SIZE      56
#define CRC_OFFSET       48
#define FLAG_INCOMPLETE  1u
#define NULL_STRING      G_MAXUINT32
#define KIND_SERIES      1
#define KIND_SPECTROGRAM 2
#define KIND_TEXT        3
#define DEFAULT_MAX_SIZE (G_GUINT64_CONSTANT (2) << 30)
/* More fragments than this in one request is a mistake (years of 1-s data). */
#define MAX_FRAGMENTS    20000

struct _CuspCache
{
  GObject     parent_instance;

  char       *directory;
  GMutex      lock;
  GCond       done;        /* signalled when in-flight fragments land */
  GHashTable *in_flight;   /* fragment path → itself */
  gint64      total_size;  /* bytes on disk, -1 until scanned */
  guint64     max_size;
  gboolean    offline;
};

G_DEFINE_FINAL_TYPE (CuspCache, cusp_cache, G_TYPE_OBJECT)

G_DEFINE_QUARK (cusp-cache-error-quark, cusp_cache_error)

static void
cusp_cache_finalize (GObject *object)
{
  CuspCache *self = CUSP_CACHE (object);

  g_free (self->directory);
  g_hash_table_unref (self->in_flight);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done);

  G_OBJECT_CLASS (cusp_cache_parent_class)->finalize (object);
}

static void
cusp_cache_class_init (CuspCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cusp_cache_finalize;
}

static void
cusp_cache_init (CuspCache *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->done);
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->total_size = -1;
  self->max_size = DEFAULT_MAX_SIZE;
}

CuspCache *
cusp_cache_new (const char *directory)
{
  CuspCache *self = g_object_new (CUSP_TYPE_CACHE, NULL);
  const char *env = g_getenv ("CUSP_CACHE_DIR");

  if (directory != NULL)
    self->directory = g_strdup (directory);
  else if (env != NULL && env[0] != '\0')
    self->directory = g_strdup (env);
  else
    self->directory = g_build_filename (g_get_user_cache_dir (), "cusp", NULL);
  return self;
}

CuspCache *
cusp_cache_get_default (void)
{
  static gsize once = 0;
  static CuspCache *cache;

  if (g_once_init_enter (&once))
    {
      cache = cusp_cache_new (NULL);
      g_once_init_leave (&once, 1);
    }
  return cache;
}

const char *
cusp_cache_get_directory (CuspCache *self)
{
  g_return_val_if_fail (CUSP_IS_CACHE (self), NULL);

  return self->directory;
}

void
cusp_cache_set_offline (CuspCache *self,
                        gboolean   offline)
{
  g_return_if_fail (CUSP_IS_CACHE (self));

  g_mutex_lock (&self->lock);
  self->offline = !!offline;
  g_mutex_unlock (&self->lock);
}

gboolean
cusp_cache_get_offline (CuspCache *self)
{
  gboolean offline;

  g_return_val_if_fail (CUSP_IS_CACHE (self), FALSE);

  g_mutex_lock (&self->lock);
  offline = self->offline;
  g_mutex_unlock (&self->lock);
  return offline;
}

guint64
cusp_cache_get_max_size (CuspCache *self)
{
  guint64 max;

  g_return_val_if_fail (CUSP_IS_CACHE (self), 0);

  g_mutex_lock (&self->lock);
  max = self->max_size;
  g_mutex_unlock (&self->lock);
  return max;
}

/* ---- Fragments ------------------------------------------------------------ */

gint64
cusp_cache_fragment_span (gint64 cadence_ns)
{
  if (cadence_ns <= 0)
    return CUSP_NS_PER_DAY;
  if (cadence_ns < 100 * CUSP_NS_PER_MS)
    return 10 * CUSP_NS_PER_MINUTE;
  if (cadence_ns <= CUSP_NS_PER_SECOND)
    return CUSP_NS_PER_HOUR;
  if (cadence_ns <= CUSP_NS_PER_MINUTE)
    return CUSP_NS_PER_DAY;
  return 30 * CUSP_NS_PER_DAY;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* Unix ns of the fragment boundary at or before t. */
static gint64
fragment_unix_start (CuspTime t,
                     gint64   span_ns)
{
  gint64 u = floor_div (cusp_time_to_unix_ns (t), span_ns) * span_ns;

  /* Inside a leap second the Unix value names the instant after it. */
  if (cusp_time_from_unix_ns (u) > t)
    u -= span_ns;
  return u;
}

CuspTime
cusp_cache_fragment_start (CuspTime t,
                           gint64   span_ns)
{
  g_return_val_if_fail (span_ns > 0, CUSP_TIME_INVALID);
  g_return_val_if_fail (t != CUSP_TIME_INVALID, CUSP_TIME_INVALID);

  return cusp_time_from_unix_ns (fragment_unix_start (t, span_ns));
}

/* Letters, digits, '-', '_' and inner dots are kept, the rest %XX, so any
 * dataset or URL gives one safe path element. */
static char *
escape_name (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (g_ascii_isalnum (c) || c == '-' || c == '_' || (c == '.' && p != name))
        g_string_append_c (s, (char) c);
      else
        g_string_append_printf (s, "%%%02X", c);
    }
  if (s->len == 0)
    g_string_append (s, "%00");
  return g_string_free (s, FALSE);
}

char *
cusp_cache_fragment_path (CuspCache  *self,
                          const char *source,
                          const char *dataset,
                          const char *parameter,
                          CuspTime    fragment_start)
{
  g_autofree char *s = NULL, *d = NULL, *p = NULL, *file = NULL;
  CuspCivilTime c;

  g_return_val_if_fail (CUSP_IS_CACHE (self), NULL);
  g_return_val_if_fail (source != NULL && dataset != NULL && parameter != NULL, NULL);

  s = escape_name (source);
  d = escape_name (dataset);
  p = escape_name (parameter);
  cusp_time_to_civil (fragment_start, &c);
  file = g_strdup_printf ("%04d%02d%02dT%02d%02d%02dZ.cfr",
                          c.year, c.month, c.day, c.hour, c.minute, c.second);
  return g_build_filename (self->directory, s, d, p, file, NULL);
}

char *
cusp_cache_metadata_path (CuspCache  *self,
                          const char *source,
                          const char *dataset,
                          const char *file)
{
  g_autofree char *s = NULL, *d = NULL;

  g_return_val_if_fail (CUSP_IS_CACHE (self), NULL);
  g_return_val_if_fail (source != NULL && file != NULL, NULL);

  s = escape_name (source);
  if (dataset == NULL)
    return g_build_filename (self->directory, s, file, NULL);
  d = escape_name (dataset);
  return g_build_filename (self->directory, s, d, file, NULL);
}

/* ---- Serialisation ---------------------------------------------------------- */

static void
put_u32 (GByteArray *b,
         guint32     v)
{
  v = GUINT32_TO_LE (v);
  g_byte_array_append (b, (const guint8 *) &v, 4);
}

static void
put_u64 (GByteArray *b,
         guint64     v)
{
  v = GUINT64_TO_LE (v);
  g_byte_array_append (b, (const guint8 *) &v, 8);
}

static void
put_f64 (GByteArray *b,
         double      v)
{
  guint64 bits;

  memcpy (&bits, &v, 8);
  put_u64 (b, bits);
}

static void
put_str (GByteArray *b,
         const char *s)
{
  if (s == NULL)
    {
      put_u32 (b, NULL_STRING);
      return;
    }
  put_u32 (b, (guint32) strlen (s));
  g_byte_array_append (b, (const guint8 *) s, (guint) strlen (s));
}

/* Arrays of 8-byte numbers (times and doubles) in little-endian order. */
static void
put_array64 (GByteArray *b,
             const void *data,
             gsize       n)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (n > 0)
    g_byte_array_append (b, data, (guint) (n * 8));
#else
  const guint64 *v = data;

  for (gsize i = 0; i < n; i++)
    put_u64 (b, v[i]);
#endif
}

static void
put_metadata (GByteArray         *b,
              const CuspMetadata *m)
{
  guint n = m != NULL ? cusp_metadata_get_size (m) : 0;

  put_u32 (b, n);
  for (guint i = 0; i < n; i++)
    {
      put_str (b, cusp_metadata_get_key (m, i));
      put_str (b, cusp_metadata_get_value (m, i));
    }
}

static void
put_series (GByteArray       *b,
            const CuspSeries *s)
{
  const guint8 kind = KIND_SERIES;

  g_byte_array_append (b, &kind, 1);
  put_u32 (b, s->n_samples);
  put_u32 (b, s->n_components);
  put_str (b, s->name);
  put_str (b, s->unit);
  for (guint c = 0; c < s->n_components; c++)
    put_str (b, s->labels != NULL ? s->labels[c] : NULL);
  put_metadata (b, s->metadata);
  put_array64 (b, s->times, s->n_samples);
  put_array64 (b, s->values, (gsize) s->n_samples * s->n_components);
}

static void
put_spectrogram (GByteArray            *b,
                 const CuspSpectrogram *s)
{
  gsize rows = s->bins_per_record ? s->n_records : 1;
  const guint8 flags[] = { KIND_SPECTROGRAM, s->bins_per_record ? 1 : 0,
                           s->bin_edges != NULL ? 1 : 0, (guint8) s->y_scale,
                           (guint8) s->z_scale };

  g_byte_array_append (b, flags, sizeof flags);
  put_u32 (b, s->n_records);
  put_u32 (b, s->n_bins);
  put_f64 (b, s->z_min);
  put_f64 (b, s->z_max);
  put_str (b, s->name);
  put_str (b, s->unit);
  put_str (b, s->bin_unit);
  put_str (b, s->bin_label);
  put_metadata (b, s->metadata);
  put_array64 (b, s->times, s->n_records);
  put_array64 (b, s->values, (gsize) s->n_records * s->n_bins);
  put_array64 (b, s->bin_centres, rows * s->n_bins);
  if (s->bin_edges != NULL)
    put_array64 (b, s->bin_edges, rows * (s->n_bins + 1));
}

/* Strings as put_str: a length then UTF-8 bytes, NULL_STRING for fill. */
static void
put_text (GByteArray           *b,
          const CuspTextSeries *s)
{
  const guint8 kind = KIND_TEXT;

  g_byte_array_append (b, &kind, 1);
  put_u32 (b, s->n_samples);
  put_u32 (b, s->n_components);
  put_str (b, s->name);
  for (guint c = 0; c < s->n_components; c++)
    put_str (b, s->labels != NULL ? s->labels[c] : NULL);
  put_metadata (b, s->metadata);
  put_array64 (b, s->times, s->n_samples);
  for (gsize i = 0; i < (gsize) s->n_samples * s->n_components; i++)
    put_str (b, s->values[i]);
}

typedef struct
{
  const guint8 *p;
  gsize         left;
  gboolean      ok;
} Reader;

static const guint8 *
take (Reader *r,
      gsize   n)
{
  const guint8 *at = r->p;

  if (!r->ok || n > r->left)
    {
      r->ok = FALSE;
      return NULL;
    }
  r->p += n;
  r->left -= n;
  return at;
}

static guint32
get_u32 (Reader *r)
{
  const guint8 *at = take (r, 4);
  guint32 v = 0;

  if (at != NULL)
    memcpy (&v, at, 4);
  return GUINT32_FROM_LE (v);
}

static guint8
get_u8 (Reader *r)
{
  const guint8 *at = take (r, 1);

  return at != NULL ? *at : 0;
}

static double
get_f64 (Reader *r)
{
  const guint8 *at = take (r, 8);
  guint64 bits = 0;
  double v;

  if (at != NULL)
    memcpy (&bits, at, 8);
  bits = GUINT64_FROM_LE (bits);
  memcpy (&v, &bits, 8);
  return v;
}

static char *
get_str (Reader *r)
{
  guint32 len = get_u32 (r);
  const guint8 *at;

  if (!r->ok || len == NULL_STRING)
    return NULL;
  at = take (r, len);
  return at != NULL ? g_strndup ((const char *) at, len) : NULL;
}

static void
get_array64 (Reader *r,
             void   *out,
             gsize   n)
{
  const guint8 *at;

  if (n > r->left / 8)
    {
      r->ok = FALSE;
      return;
    }
  at = take (r, n * 8);
  if (at == NULL || n == 0)
    return;
  memcpy (out, at, n * 8);
#if G_BYTE_ORDER != G_LITTLE_ENDIAN
  for (gsize i = 0; i < n; i++)
    ((guint64 *) out)[i] = GUINT64_FROM_LE (((guint64 *) out)[i]);
#endif
}

static CuspMetadata *
get_metadata (Reader *r)
{
  CuspMetadata *m = cusp_metadata_new ();
  guint32 n = get_u32 (r);

  for (guint32 i = 0; r->ok && i < n; i++)
    {
      g_autofree char *key = get_str (r);
      g_autofree char *value = get_str (r);

      if (key != NULL)
        cusp_metadata_set (m, key, value);
    }
  return m;
}

/* Counts are checked against the bytes left before anything is allocated,
 * so a damaged count cannot ask for gigabytes. */
static gboolean
counts_fit (Reader *r,
            guint64 n_values)
{
  return r->ok && n_values <= r->left / 8;
}

static CuspData *
get_series (Reader *r)
{
  guint32 n = get_u32 (r), nc = get_u32 (r);
  g_autoptr (CuspSeries) s = NULL;
  g_autoptr (CuspMetadata) m = NULL;
  g_autofree char *name = NULL, *unit = NULL;

  if (!counts_fit (r, (guint64) n * (nc + 1)) || nc > 1u << 20)
    return NULL;
  s = cusp_series_new (n, nc);
  name = get_str (r);
  unit = get_str (r);
  cusp_series_set_name (s, name);
  cusp_series_set_unit (s, unit);
  for (guint c = 0; r->ok && c < nc; c++)
    {
      g_autofree char *label = get_str (r);

      if (label != NULL)
        cusp_series_set_label (s, c, label);
    }
  m = get_metadata (r);
  cusp_series_set_metadata (s, m);
  get_array64 (r, s->times, n);
  get_array64 (r, s->values, (gsize) n * nc);
  if (!r->ok)
    return NULL;
  return cusp_data_new_series (g_steal_pointer (&s));
}

static CuspData *
get_spectrogram (Reader *r)
{
  guint8 per_record = get_u8 (r), has_edges = get_u8 (r);
  guint8 y_scale = get_u8 (r), z_scale = get_u8 (r);
  guint32 n = get_u32 (r), nb = get_u32 (r);
  g_autoptr (CuspSpectrogram) s = NULL;
  g_autoptr (CuspMetadata) m = NULL;
  g_autofree char *name = NULL, *unit = NULL, *bin_unit = NULL, *bin_label = NULL;
  gsize rows = per_record ? n : 1;

  if (!counts_fit (r, (guint64) n * (nb + 1) + (guint64) rows * nb) || nb > 1u << 20 ||
      y_scale > CUSP_SCALE_LOG || z_scale > CUSP_SCALE_LOG)
    return NULL;
  s = cusp_spectrogram_new (n, nb, per_record);
  s->y_scale = y_scale;
  s->z_scale = z_scale;
  s->z_min = get_f64 (r);
  s->z_max = get_f64 (r);
  name = get_str (r);
  unit = get_str (r);
  bin_unit = get_str (r);
  bin_label = get_str (r);
  cusp_spectrogram_set_name (s, name);
  cusp_spectrogram_set_unit (s, unit);
  cusp_spectrogram_set_bin_unit (s, bin_unit);
  cusp_spectrogram_set_bin_label (s, bin_label);
  m = get_metadata (r);
  cusp_spectrogram_set_metadata (s, m);
  get_array64 (r, s->times, n);
  get_array64 (r, s->values, (gsize) n * nb);
  get_array64 (r, s->bin_centres, rows * nb);
  if (has_edges && counts_fit (r, (guint64) rows * (nb + 1)))
    get_array64 (r, cusp_spectrogram_alloc_edges (s), rows * (nb + 1));
  if (!r->ok)
    return NULL;
  return cusp_data_new_spectrogram (g_steal_pointer (&s));
}

/* The values as one array for cusp_text_series_new_take(); a string that
 * is not UTF-8 marks the fragment damaged. */
static char **
get_text_values (Reader *r,
                 gsize   n)
{
  char **values = g_new0 (char *, MAX (n, 1));

  for (gsize i = 0; r->ok && i < n; i++)
    {
      values[i] = get_str (r);
      if (values[i] != NULL && !g_utf8_validate (values[i], -1, NULL))
        r->ok = FALSE;
    }
  if (!r->ok)
    {
      for (gsize i = 0; i < n; i++)
        g_free (values[i]);
      g_clear_pointer (&values, g_free);
    }
  return values;
}

static CuspData *
get_text (Reader *r)
{
  guint32 n = get_u32 (r), nc = get_u32 (r);
  g_autoptr (CuspTextSeries) s = NULL;
  g_autoptr (CuspMetadata) m = NULL;
  g_autofree char *name = NULL;
  g_autofree CuspTime *times = NULL;
  g_auto (GStrv) labels = NULL;
  char **values;

  /* Each value takes at least its 4-byte length. */
  if (!r->ok || nc == 0 || nc > 1u << 20 ||
      (guint64) n * 8 + (guint64) n * nc * 4 > r->left)
    return NULL;
  name = get_str (r);
  labels = g_new0 (char *, nc + 1);
  for (guint c = 0; r->ok && c < nc; c++)
    labels[c] = get_str (r);
  m = get_metadata (r);
  times = g_new (CuspTime, MAX (n, 1));
  get_array64 (r, times, n);
  values = get_text_values (r, (gsize) n * nc);
  if (values == NULL)
    return NULL;
  s = cusp_text_series_new_take (g_steal_pointer (&times), values, n, nc);
  cusp_text_series_set_name (s, name);
  for (guint c = 0; c < nc; c++)
    if (labels[c] != NULL)
      cusp_text_series_set_label (s, c, labels[c]);
  cusp_text_series_set_metadata (s, m);
  return cusp_data_new_text (g_steal_pointer (&s));
}

/* ---- Files ------------------------------------------------------------------- */

/* Per-process strictly increasing stamp (µs) so that the LRU order is
 * exact even when the file system's clock is coarse. */
static gint64
next_stamp (void)
{
  static GMutex lock;
  static gint64 last;
  gint64 now = g_get_real_time (), stamp;

  g_mutex_lock (&lock);
  stamp = last = MAX (now, last + 1);
  g_mutex_unlock (&lock);
  return stamp;
}

static void
touch (const char *path)
{
  gint64 stamp = next_stamp ();
  struct timespec times[2];

  times[0].tv_sec = stamp / G_USEC_PER_SEC;
  times[0].tv_nsec = (stamp % G_USEC_PER_SEC) * 1000;
  times[1] = times[0];
  utimensat (AT_FDCWD, path, times, 0);
}

typedef struct
{
  CuspData *data;
  guint32   flags;
  char     *version;
} Fragment;

static void
fragment_clear (Fragment *f)
{
  g_clear_pointer (&f->data, cusp_data_unref);
  g_clear_pointer (&f->version, g_free);
}

/* The whole file: header, strings, payload; CRC over all but its field. */
static GByteArray *
encode (const char     *dataset,
        const char     *parameter,
        const char     *version,
        CuspTime        start,
        CuspTime        stop,
        guint32         flags,
        const CuspData *data)
{
  GByteArray *b = g_byte_array_sized_new (HEADER_SIZE + 256);
  guint32 strings_at, payload_at, crc;

  g_byte_array_append (b, (const guint8 *) FRAGMENT_MAGIC, 8);
  put_u32 (b, FORMAT_VERSION);
  put_u32 (b, flags);
  put_u64 (b, (guint64) start);
  put_u64 (b, (guint64) stop);
  put_u32 (b, 0);   /* strings length, patched below */
  put_u32 (b, 0);
  put_u64 (b, 0);   /* payload length, patched below */
  put_u32 (b, 0);   /* CRC */
  put_u32 (b, 0);
  strings_at = b->len;
  put_str (b, dataset);
  put_str (b, parameter);
  put_str (b, version);
  payload_at = b->len;
  if (cusp_data_get_kind (data) == CUSP_DATA_KIND_SERIES)
    put_series (b, cusp_data_get_series (data));
  else if (cusp_data_get_kind (data) == CUSP_DATA_KIND_TEXT)
    put_text (b, cusp_data_get_text (data));
  else
    put_spectrogram (b, cusp_data_get_spectrogram (data));

  {
    guint32 strings_len = GUINT32_TO_LE (payload_at - strings_at);
    guint64 payload_len = GUINT64_TO_LE ((guint64) (b->len - payload_at));

    memcpy (b->data + 32, &strings_len, 4);
    memcpy (b->data + 40, &payload_len, 8);
  }
  crc = crc32 (0, b->data, CRC_OFFSET);
  crc = crc32 (crc, b->data + HEADER_SIZE, b->len - HEADER_SIZE);
  crc = GUINT32_TO_LE (crc);
  memcpy (b->data + CRC_OFFSET, &crc, 4);
  return b;
}

/* FALSE for anything but an intact fragment of this dataset and parameter;
 * fills out (data, flags, stored version). */
static gboolean
decode (const guint8 *bytes,
        gsize         len,
        const char   *dataset,
        const char   *parameter,
        Fragment     *out)
{
  Reader r = { bytes, len, TRUE };
  guint32 version, strings_len, crc, stored_crc;
  guint64 payload_len;
  g_autofree char *d = NULL, *p = NULL;
  guint8 kind;

  if (len < HEADER_SIZE || memcmp (bytes, FRAGMENT_MAGIC, 8) != 0)
    return FALSE;
  take (&r, 8);
  version = get_u32 (&r);
  out->flags = get_u32 (&r);
  memcpy (&strings_len, bytes + 32, 4);
  memcpy (&payload_len, bytes + 40, 8);
  memcpy (&stored_crc, bytes + CRC_OFFSET, 4);
  strings_len = GUINT32_FROM_LE (strings_len);
  payload_len = GUINT64_FROM_LE (payload_len);
  if (version != FORMAT_VERSION ||
      (guint64) HEADER_SIZE + strings_len + payload_len != len)
    return FALSE;
  crc = crc32 (0, bytes, CRC_OFFSET);
  crc = crc32 (crc, bytes + HEADER_SIZE, len - HEADER_SIZE);
  if (crc != GUINT32_FROM_LE (stored_crc))
    return FALSE;

  r.p = bytes + HEADER_SIZE;
  r.left = len - HEADER_SIZE;
  d = get_str (&r);
  p = get_str (&r);
  out->version = get_str (&r);
  if (!r.ok || g_strcmp0 (d, dataset) != 0 || g_strcmp0 (p, parameter) != 0)
    return FALSE;
  kind = get_u8 (&r);
  if (kind == KIND_SERIES)
    out->data = get_series (&r);
  else if (kind == KIND_SPECTROGRAM)
    out->data = get_spectrogram (&r);
  else if (kind == KIND_TEXT)
    out->data = get_text (&r);
  return out->data != NULL && r.left == 0;
}

static void
add_size (CuspCache *self,
          gint64     delta)
{
  g_mutex_lock (&self->lock);
  if (self->total_size >= 0)
    self->total_size = MAX (0, self->total_size + delta);
  g_mutex_unlock (&self->lock);
}

static void
delete_file (CuspCache  *self,
             const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && g_unlink (path) == 0)
    add_size (self, -(gint64) st.st_size);
}

/* Reads one fragment; a damaged file is deleted (and reported missing). */
static gboolean
read_fragment (CuspCache  *self,
               const char *path,
               const char *dataset,
               const char *parameter,
               Fragment   *out)
{
  g_autofree char *bytes = NULL;
  gsize len;

  if (!g_file_get_contents (path, &bytes, &len, NULL))
    return FALSE;
  if (!decode ((const guint8 *) bytes, len, dataset, parameter, out))
    {
      g_message ("Cache file %s is damaged; it is deleted and fetched again", path);
      fragment_clear (out);
      delete_file (self, path);
      return FALSE;
    }
  touch (path);
  return TRUE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Temporary file, fsync, rename: a crash leaves the old file or the new
 * one, never half of one.  Failures only cost a refetch later. */
static gboolean
write_fragment (CuspCache  *self,
                const char *path,
                GByteArray *bytes)
{
  static gint counter;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strdup_printf ("%s.%d-%d.tmp", path, (int) getpid (),
                                          g_atomic_int_add (&counter, 1));
  GStatBuf old;
  gint64 old_size = 0;
  int fd;
  gboolean ok;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return FALSE;
  fd = g_open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return FALSE;
  ok = write_all (fd, bytes->data, bytes->len) && fsync (fd) == 0;
  ok = close (fd) == 0 && ok;
  if (ok && g_stat (path, &old) == 0)
    old_size = old.st_size;
  if (!ok || g_rename (tmp, path) != 0)
    {
      g_unlink (tmp);
      g_debug ("Cannot write cache file %s: %s", path, g_strerror (errno));
      return FALSE;
    }
  touch (path);
  add_size (self, (gint64) bytes->len - old_size);
  return TRUE;
}

/* ---- Size and eviction --------------------------------------------------------- */

typedef struct
{
  char   *path;
  gint64  mtime_ns;
  gint64  size;
} FileEntry;

static void
file_entry_clear (FileEntry *e)
{
  g_free (e->path);
}

static void
scan_dir (const char *dir,
          GArray     *entries)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      struct stat st;

      if (lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        scan_dir (path, entries);
      else if (S_ISREG (st.st_mode) && g_str_has_suffix (name, ".cfr"))
        {
          FileEntry e = { g_steal_pointer (&path),
                          (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec,
                          (gint64) st.st_size };

          g_array_append_val (entries, e);
        }
    }
}

static GArray *
list_files (CuspCache *self)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (FileEntry));

  g_array_set_clear_func (entries, (GDestroyNotify) file_entry_clear);
  scan_dir (self->directory, entries);
  return entries;
}

guint64
cusp_cache_get_size (CuspCache *self)
{
  g_autoptr (GArray) entries = NULL;
  gint64 total = 0;

  g_return_val_if_fail (CUSP_IS_CACHE (self), 0);

  entries = list_files (self);
  for (guint i = 0; i < entries->len; i++)
    total += g_array_index (entries, FileEntry, i).size;
  g_mutex_lock (&self->lock);
  self->total_size = total;
  g_mutex_unlock (&self->lock);
  return (guint64) total;
}

static int
compare_mtime (gconstpointer a,
               gconstpointer b)
{
  const FileEntry *x = a, *y = b;

  return (x->mtime_ns > y->mtime_ns) - (x->mtime_ns < y->mtime_ns);
}

static void
evict (CuspCache *self)
{
  g_autoptr (GArray) entries = list_files (self);
  gint64 total = 0;
  guint64 max;

  for (guint i = 0; i < entries->len; i++)
    total += g_array_index (entries, FileEntry, i).size;
  g_array_sort (entries, compare_mtime);
  max = cusp_cache_get_max_size (self);
  for (guint i = 0; i < entries->len && (guint64) total > max; i++)
    {
      FileEntry *e = &g_array_index (entries, FileEntry, i);

      if (g_unlink (e->path) == 0)
        total -= e->size;
    }
  g_mutex_lock (&self->lock);
  self->total_size = total;
  g_mutex_unlock (&self->lock);
}

static void
evict_if_needed (CuspCache *self)
{
  gboolean over;

  g_mutex_lock (&self->lock);
  over = self->total_size < 0 || (guint64) self->total_size > self->max_size;
  g_mutex_unlock (&self->lock);
  if (over)
    evict (self);
}

void
cusp_cache_set_max_size (CuspCache *self,
                         guint64    bytes)
{
  g_return_if_fail (CUSP_IS_CACHE (self));

  g_mutex_lock (&self->lock);
  self->max_size = bytes;
  g_mutex_unlock (&self->lock);
  evict_if_needed (self);
}

static gboolean
remove_tree (const char  *dir,
             GError     **error)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  gboolean ok = TRUE;

  if (d == NULL)
    return TRUE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      struct stat st;

      if (lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        {
          ok = remove_tree (path, error) && ok;
          g_rmdir (path);
        }
      else if ((g_str_has_suffix (name, ".cfr") || g_str_has_suffix (name, ".tmp") ||
                g_str_has_suffix (name, ".json")) &&
               g_unlink (path) != 0 && ok)
        {
          int saved = errno;

          g_set_error (error, CUSP_CACHE_ERROR, CUSP_CACHE_ERROR_IO,
                       _("Cannot delete the cache file “%s” (%s); check the permissions of the cache folder"),
                       path, g_strerror (saved));
          ok = FALSE;
        }
    }
  return ok;
}

gboolean
cusp_cache_clear (CuspCache  *self,
                  GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (CUSP_IS_CACHE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = remove_tree (self->directory, error);
  g_mutex_lock (&self->lock);
  self->total_size = -1;
  g_mutex_unlock (&self->lock);
  return ok;
}

/* ---- Getting a range ------------------------------------------------------------ */

typedef enum
{
  SLOT_MISSING,
  SLOT_DONE,
  SLOT_CLAIMED,
  SLOT_WAITING,
} SlotState;

typedef struct
{
  CuspTime  start, stop;
  gboolean  outside;     /* entirely outside the coverage: nothing to fetch */
  gboolean  incomplete;  /* holds now or the stop date */
} Span;

typedef struct
{
  SlotState  state;
  char      *path;
  CuspData  *data;       /* NULL when done without data (outside coverage) */
} Slot;

typedef struct
{
  CuspCache              *cache;
  const CuspCacheRequest *req;
  guint                   n_spans;
  guint                   n_params;
  Span                   *spans;
  Slot                   *slots;   /* n_spans * n_params, span-major */
  gboolean                online;
  CuspTime                start, stop;
  double                  reported;
} Job;

static Slot *
slot_at (Job   *job,
         guint  span,
         guint  param)
{
  return &job->slots[(gsize) span * job->n_params + param];
}

static void
job_clear (Job *job)
{
  for (gsize i = 0; i < (gsize) job->n_spans * job->n_params; i++)
    {
      g_free (job->slots[i].path);
      g_clear_pointer (&job->slots[i].data, cusp_data_unref);
    }
  g_free (job->slots);
  g_free (job->spans);
}

static gboolean
contains (const Span *s,
          CuspTime    t)
{
  return t != CUSP_TIME_INVALID && s->start <= t && t < s->stop;
}

static gboolean
job_init (Job                    *job,
          CuspCache              *cache,
          const CuspCacheRequest *req,
          CuspTime                start,
          CuspTime                stop,
          GError                **error)
{
  gint64 span = cusp_cache_fragment_span (req->cadence_ns);
  gint64 u0 = fragment_unix_start (start, span), u;
  CuspTime now = cusp_time_from_unix_ns (g_get_real_time () * 1000);
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));

  for (u = u0; cusp_time_from_unix_ns (u) < stop; u += span)
    {
      Span s = { cusp_time_from_unix_ns (u), cusp_time_from_unix_ns (u + span), FALSE, FALSE };

      if (spans->len >= MAX_FRAGMENTS)
        {
          g_autofree char *length = cusp_duration_format (stop - start);

          g_array_unref (spans);
          g_set_error (error, CUSP_CACHE_ERROR, CUSP_CACHE_ERROR_NO_DATA,
                       _("The range of %s is too long for “%s” at its cadence; choose a shorter range"),
                       length, req->dataset);
          return FALSE;
        }
      s.outside = (req->coverage_stop != CUSP_TIME_INVALID && s.start >= req->coverage_stop) ||
                  (req->coverage_start != CUSP_TIME_INVALID && s.stop <= req->coverage_start);
      s.incomplete = contains (&s, now) || contains (&s, req->coverage_stop);
      g_array_append_val (spans, s);
    }

  memset (job, 0, sizeof *job);
  job->cache = cache;
  job->req = req;
  job->n_params = g_strv_length ((char **) req->parameters);
  job->n_spans = spans->len;
  job->spans = (Span *) g_array_free (spans, FALSE);
  job->slots = g_new0 (Slot, (gsize) job->n_spans * job->n_params);
  job->online = !cusp_cache_get_offline (cache);
  job->start = start;
  job->stop = stop;
  job->reported = -1.0;
  for (guint f = 0; f < job->n_spans; f++)
    for (guint p = 0; p < job->n_params; p++)
      {
        Slot *slot = slot_at (job, f, p);

        slot->path = cusp_cache_fragment_path (cache, req->source, req->dataset,
                                               req->parameters[p], job->spans[f].start);
        if (job->spans[f].outside)
          slot->state = SLOT_DONE;
      }
  return TRUE;
}

/* A stored fragment is usable unless it must be refreshed: online, the
 * last fragment is always refetched, and a server version change makes
 * every older fragment stale.  Offline, anything intact is served. */
static gboolean
load_slot (Job   *job,
           guint  f,
           guint  p)
{
  Slot *slot = slot_at (job, f, p);
  Fragment frag = { 0 };

  if (job->online && job->spans[f].incomplete)
    return FALSE;
  if (!read_fragment (job->cache, slot->path, job->req->dataset, job->req->parameters[p], &frag))
    return FALSE;
  if (job->online && job->req->version != NULL && g_strcmp0 (frag.version, job->req->version) != 0)
    {
      fragment_clear (&frag);
      return FALSE;
    }
  slot->data = g_steal_pointer (&frag.data);
  slot->state = SLOT_DONE;
  fragment_clear (&frag);
  return TRUE;
}

static CuspTime
overlap (CuspTime a0,
         CuspTime a1,
         CuspTime b0,
         CuspTime b1)
{
  return MAX (0, MIN (a1, b1) - MAX (a0, b0));
}

/* Fraction of the asked range in finished fragments, plus partial: the
 * part of a fetch in progress. */
static void
job_progress (Job      *job,
              CuspTime  partial)
{
  CuspTime covered = partial;
  double fraction;

  if (job->req->progress == NULL)
    return;
  for (guint f = 0; f < job->n_spans; f++)
    {
      gboolean done = TRUE;

      for (guint p = 0; p < job->n_params && done; p++)
        done = slot_at (job, f, p)->state == SLOT_DONE;
      if (done)
        covered += overlap (job->spans[f].start, job->spans[f].stop, job->start, job->stop);
    }
  fraction = MIN (1.0, (double) covered / (double) (job->stop - job->start));
  if (fraction <= job->reported)
    return;
  job->reported = fraction;
  job->req->progress (fraction, job->req->progress_data);
}

typedef struct
{
  Job      *job;
  CuspTime  t0;
  CuspTime  t1;
} RunReport;

static void
run_report (CuspTime  reached,
            gpointer  user_data)
{
  RunReport *r = user_data;

  job_progress (r->job, overlap (r->t0, MIN (reached, r->t1), r->job->start, r->job->stop));
}

static const char *
data_name (const CuspData *d)
{
  switch (cusp_data_get_kind (d))
    {
    case CUSP_DATA_KIND_SERIES:
      return cusp_data_get_series (d)->name;
    case CUSP_DATA_KIND_SPECTROGRAM:
      return cusp_data_get_spectrogram (d)->name;
    case CUSP_DATA_KIND_TEXT:
      return cusp_data_get_text (d)->name;
    case CUSP_DATA_KIND_NONE:
    case CUSP_DATA_KIND_INTERVALS:
    case CUSP_DATA_KIND_REGIONS:
    default:
      return NULL;
    }
}

static CuspData *
find_named (GPtrArray  *data,
            const char *name)
{
  for (guint i = 0; i < data->len; i++)
    {
      if (g_strcmp0 (data_name (g_ptr_array_index (data, i)), name) == 0)
        return g_ptr_array_index (data, i);
    }
  return NULL;
}

static gboolean
same_claims (Job   *job,
             guint  a,
             guint  b)
{
  for (guint p = 0; p < job->n_params; p++)
    if ((slot_at (job, a, p)->state == SLOT_CLAIMED) != (slot_at (job, b, p)->state == SLOT_CLAIMED))
      return FALSE;
  return TRUE;
}

static gboolean
has_claims (Job   *job,
            guint  f)
{
  for (guint p = 0; p < job->n_params; p++)
    if (slot_at (job, f, p)->state == SLOT_CLAIMED)
      return TRUE;
  return FALSE;
}

/* Stores the fetched data of fragments [a, b) and marks them done. */
static gboolean
store_run (Job        *job,
           guint       a,
           guint       b,
           GPtrArray  *fetched,
           GError    **error)
{
  const CuspCacheRequest *req = job->req;

  for (guint p = 0; p < job->n_params; p++)
    {
      CuspData *all;

      if (slot_at (job, a, p)->state != SLOT_CLAIMED)
        continue;
      all = find_named (fetched, req->parameters[p]);
      if (all == NULL)
        {
          g_set_error (error, CUSP_CACHE_ERROR, CUSP_CACHE_ERROR_MISSING,
                       _("The server sent no values for “%s” of “%s”; it may not be a numeric parameter"),
                       req->parameters[p], req->dataset);
          return FALSE;
        }
      for (guint f = a; f < b; f++)
        {
          Slot *slot = slot_at (job, f, p);
          const Span *s = &job->spans[f];
          g_autoptr (GByteArray) bytes = NULL;

          slot->data = cusp_data_slice (all, s->start, s->stop);
          bytes = encode (req->dataset, req->parameters[p], req->version, s->start, s->stop,
                          s->incomplete ? FLAG_INCOMPLETE : 0, slot->data);
          write_fragment (job->cache, slot->path, bytes);
          slot->state = SLOT_DONE;
        }
    }
  return TRUE;
}

static gboolean
fetch_run (Job           *job,
           guint          a,
           guint          b,
           GCancellable  *cancellable,
           GError       **error)
{
  const CuspCacheRequest *req = job->req;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) fetched = NULL;
  CuspTime t0 = job->spans[a].start, t1 = job->spans[b - 1].stop;

  if (req->coverage_start != CUSP_TIME_INVALID)
    t0 = MAX (t0, req->coverage_start);
  if (req->coverage_stop != CUSP_TIME_INVALID)
    t1 = MIN (t1, req->coverage_stop);
  for (guint p = 0; p < job->n_params; p++)
    if (slot_at (job, a, p)->state == SLOT_CLAIMED)
      g_ptr_array_add (names, (gpointer) req->parameters[p]);
  g_ptr_array_add (names, NULL);

  if (req->fetch_progress != NULL)
    {
      RunReport report = { job, t0, t1 };

      fetched = req->fetch_progress ((const char *const *) names->pdata, t0, t1, run_report,
                                     &report, req->fetch_data, cancellable, error);
    }
  else
    fetched = req->fetch ((const char *const *) names->pdata, t0, t1, req->fetch_data,
                          cancellable, error);
  if (fetched == NULL || !store_run (job, a, b, fetched, error))
    return FALSE;
  job_progress (job, 0);
  return TRUE;
}

static gboolean
fetch_claimed (Job           *job,
               GCancellable  *cancellable,
               GError       **error)
{
  guint f = 0;

  while (f < job->n_spans)
    {
      guint end = f + 1;

      if (!has_claims (job, f))
        {
          f++;
          continue;
        }
      while (end < job->n_spans && !job->spans[end].outside && same_claims (job, f, end))
        end++;
      if (!fetch_run (job, f, end, cancellable, error))
        return FALSE;
      f = end;
    }
  return TRUE;
}

/* Claims every missing slot nobody is fetching; the others wait. */
static void
claim (Job *job)
{
  CuspCache *cache = job->cache;

  g_mutex_lock (&cache->lock);
  for (gsize i = 0; i < (gsize) job->n_spans * job->n_params; i++)
    {
      Slot *slot = &job->slots[i];

      if (slot->state != SLOT_MISSING)
        continue;
      if (g_hash_table_contains (cache->in_flight, slot->path))
        slot->state = SLOT_WAITING;
      else
        {
          g_hash_table_add (cache->in_flight, g_strdup (slot->path));
          slot->state = SLOT_CLAIMED;
        }
    }
  g_mutex_unlock (&cache->lock);
}

/* Drops this job's claims (fetched or not) and wakes the waiters.  Slots
 * still claimed after a failure go back to missing. */
static void
release (Job   *job,
         GList *paths)
{
  CuspCache *cache = job->cache;

  g_mutex_lock (&cache->lock);
  for (GList *l = paths; l != NULL; l = l->next)
    g_hash_table_remove (cache->in_flight, l->data);
  g_cond_broadcast (&cache->done);
  g_mutex_unlock (&cache->lock);
  for (gsize i = 0; i < (gsize) job->n_spans * job->n_params; i++)
    if (job->slots[i].state == SLOT_CLAIMED)
      job->slots[i].state = SLOT_MISSING;
}

static gboolean
wait_others (Job           *job,
             GCancellable  *cancellable,
             GError       **error)
{
  CuspCache *cache = job->cache;
  gboolean busy = TRUE;

  g_mutex_lock (&cache->lock);
  while (busy)
    {
      busy = FALSE;
      for (gsize i = 0; i < (gsize) job->n_spans * job->n_params && !busy; i++)
        busy = job->slots[i].state == SLOT_WAITING &&
               g_hash_table_contains (cache->in_flight, job->slots[i].path);
      if (busy)
        {
          /* Wake up now and then to notice a cancellation. */
          g_cond_wait_until (&cache->done, &cache->lock,
                             g_get_monotonic_time () + 100 * G_TIME_SPAN_MILLISECOND);
          if (g_cancellable_is_cancelled (cancellable))
            break;
        }
    }
  g_mutex_unlock (&cache->lock);
  for (gsize i = 0; i < (gsize) job->n_spans * job->n_params; i++)
    if (job->slots[i].state == SLOT_WAITING)
      job->slots[i].state = SLOT_MISSING;
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean all_done (Job *job);

/* Loads what is on disk; TRUE when nothing is left to fetch. */
static gboolean
load_missing (Job *job)
{
  for (guint f = 0; f < job->n_spans; f++)
    for (guint p = 0; p < job->n_params; p++)
      {
        SlotState state = slot_at (job, f, p)->state;

        if (state == SLOT_MISSING || state == SLOT_CLAIMED)
          load_slot (job, f, p);
      }
  return all_done (job);
}

static void
set_offline_error (Job     *job,
                   GError **error)
{
  for (guint f = 0; f < job->n_spans; f++)
    for (guint p = 0; p < job->n_params; p++)
      if (slot_at (job, f, p)->state != SLOT_DONE)
        {
          g_autofree char *t0 = cusp_time_format_iso (job->spans[f].start, 0);
          g_autofree char *t1 = cusp_time_format_iso (job->spans[f].stop, 0);

          g_set_error (error, CUSP_CACHE_ERROR, CUSP_CACHE_ERROR_OFFLINE,
                       _("offline: “%s” of “%s” from %s to %s is not in the cache; go online to download it"),
                       job->req->parameters[p], job->req->dataset, t0, t1);
          return;
        }
}

/* One round: claim, fetch what was claimed, wait for the rest. */
static gboolean
fetch_round (Job           *job,
             GCancellable  *cancellable,
             GError       **error)
{
  GList *claimed = NULL;
  gboolean ok;

  claim (job);
  for (gsize i = 0; i < (gsize) job->n_spans * job->n_params; i++)
    if (job->slots[i].state == SLOT_CLAIMED)
      claimed = g_list_prepend (claimed, job->slots[i].path);
  /* Another thread may have stored some between our read and our claim. */
  load_missing (job);
  ok = fetch_claimed (job, cancellable, error);
  release (job, claimed);
  g_list_free (claimed);
  return ok && wait_others (job, cancellable, error);
}

static gboolean
all_done (Job *job)
{
  for (gsize i = 0; i < (gsize) job->n_spans * job->n_params; i++)
    if (job->slots[i].state != SLOT_DONE)
      return FALSE;
  return TRUE;
}

static char *
format_bound (CuspTime t)
{
  return t == CUSP_TIME_INVALID ? g_strdup ("…") : cusp_time_format_iso (t, 0);
}

static CuspData *
assemble (Job       *job,
          guint      p,
          CuspTime   start,
          CuspTime   stop,
          GError   **error)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_data_unref);

  for (guint f = 0; f < job->n_spans; f++)
    {
      CuspData *d = slot_at (job, f, p)->data;

      if (d == NULL)
        continue;
      if (job->spans[f].start < start || job->spans[f].stop > stop)
        g_ptr_array_add (parts, cusp_data_slice (d, start, stop));
      else
        g_ptr_array_add (parts, cusp_data_ref (d));
    }
  if (parts->len == 0)
    {
      g_autofree char *t0 = format_bound (job->req->coverage_start);
      g_autofree char *t1 = format_bound (job->req->coverage_stop);

      g_set_error (error, CUSP_CACHE_ERROR, CUSP_CACHE_ERROR_NO_DATA,
                   _("“%s” has no data in this range: it covers %s to %s; choose a range inside it"),
                   job->req->dataset, t0, t1);
      return NULL;
    }
  if (parts->len == 1)
    return cusp_data_ref (g_ptr_array_index (parts, 0));
  return cusp_data_merge ((CuspData *const *) parts->pdata, parts->len, error);
}

GPtrArray *
cusp_cache_get (CuspCache              *self,
                const CuspCacheRequest *request,
                CuspTime                start,
                CuspTime                stop,
                GCancellable           *cancellable,
                GError                **error)
{
  g_autoptr (GPtrArray) out = NULL;
  Job job;
  gboolean ok = TRUE;

  g_return_val_if_fail (CUSP_IS_CACHE (self), NULL);
  g_return_val_if_fail (request != NULL && request->source != NULL && request->dataset != NULL, NULL);
  g_return_val_if_fail (request->parameters != NULL && request->parameters[0] != NULL, NULL);
  g_return_val_if_fail (request->fetch != NULL || request->fetch_progress != NULL, NULL);
  g_return_val_if_fail (start != CUSP_TIME_INVALID && start < stop, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!job_init (&job, self, request, start, stop, error))
    return NULL;

  /* Each round either completes slots or fetches them itself, so a few
   * rounds always suffice; the bound only guards against a livelock. */
  for (guint round = 0; ok && round < 8; round++)
    {
      gboolean complete = load_missing (&job);

      job_progress (&job, 0);
      if (complete)
        break;
      if (!job.online)
        {
          set_offline_error (&job, error);
          ok = FALSE;
          break;
        }
      ok = fetch_round (&job, cancellable, error);
    }
  if (ok && !all_done (&job))
    {
      g_set_error (error, CUSP_CACHE_ERROR, CUSP_CACHE_ERROR_IO,
                   _("The data of “%s” could not be stored in or read from the cache; try again"),
                   request->dataset);
      ok = FALSE;
    }
  if (ok)
    {
      out = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_data_unref);
      for (guint p = 0; ok && p < job.n_params; p++)
        {
          CuspData *d = assemble (&job, p, start, stop, error);

          if (d == NULL)
            ok = FALSE;
          else
            g_ptr_array_add (out, d);
        }
    }
  job_clear (&job);
  evict_if_needed (self);
  return ok ? g_steal_pointer (&out) : NULL;
}
