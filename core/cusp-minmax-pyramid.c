#define G_LOG_DOMAIN "cusp-minmax-pyramid"

#include "config.h"

#include "cusp-minmax-pyramid.h"

#include <math.h>
#include <string.h>

#define BLOCK CUSP_MINMAX_PYRAMID_BLOCK

/* Node layout: the two extremes of the node's finite samples in the order
 * of their first occurrences, 16 bytes.  min = MIN (x, y), max =
 * MAX (x, y), and "min first" is x <= y: when min == max both orders are
 * the same and min_first is TRUE by definition, so the order costs no
 * extra bit.  A node without finite samples holds NaN, NaN.
 *
 * Level l has floor(n / (BLOCK·2^l)) nodes: a partial node is never wholly
 * inside a query range, so it is not stored.  Position gives each node's
 * index range: [j·BLOCK·2^l, (j+1)·BLOCK·2^l).
 *
 * Counts, first/last values and gap flags are not stored per node: one
 * array of cumulative non-finite counts per level-0 block gives the count
 * of any block range, and a column's first and last finite samples are
 * almost always its first and last samples, found by looking at the raw
 * values (whole non-finite blocks are skipped through the same array).
 * Memory: ≈ 2·n/BLOCK nodes × 16 B + n/BLOCK × 4 B = 0.5625 B per sample. */
typedef struct
{
  double x;
  double y;
} Node;

/* Min/max of a range in decoded form; mn is NaN when the range has no
 * finite sample. */
typedef struct
{
  double   mn;
  double   mx;
  gboolean mf;   /* first min no later than first max */
} Ext;

#define MAX_LEVELS 64

struct _CuspMinmaxPyramid
{
  const CuspTime *times;
  const double   *values;
  gsize           n;
  gsize           n_blocks;        /* whole level-0 blocks */
  guint           n_levels;
  gsize           level_offset[MAX_LEVELS];
  Node           *nodes;
  gsize           n_nodes;
  /* nonfinite[k]: non-finite samples in [0, k·BLOCK), k = 0..n_blocks */
  guint32        *nonfinite;
  gpointer        owner;
  GDestroyNotify  owner_destroy;
};

G_DEFINE_BOXED_TYPE (CuspMinmaxPyramid, cusp_minmax_pyramid,
                     cusp_minmax_pyramid_ref, cusp_minmax_pyramid_unref)

static inline void
ext_clear (Ext *e)
{
  e->mn = e->mx = NAN;
  e->mf = FALSE;
}

static inline void
ext_from_node (const Node *node,
               Ext        *e)
{
  gboolean mf = node->x <= node->y;   /* FALSE for NaN, NaN */

  e->mn = mf ? node->x : node->y;
  e->mx = mf ? node->y : node->x;
  e->mf = mf;
}

/* GCC/Clang vector extensions (16 bytes: SSE2 / NEON baseline): the hot
 * loops, which -O2 does not vectorize on its own. */
typedef double VecD __attribute__ ((vector_size (16)));
typedef gint64 VecL __attribute__ ((vector_size (16)));

#define VEC_SELECT(mask, a, b) \
  ((VecD) (((mask) & (VecL) (a)) | (~(mask) & (VecL) (b))))

/* mf ? (mn, mx) : (mx, mn) without a branch: GCC compiles the plain
 * conditional to one, and mf is data (mispredicted every other node). */
static inline void
node_set (double    mn,
          double    mx,
          gboolean  mf,
          Node     *node)
{
  VecL m = { -(gint64) (mf != 0), -(gint64) (mf != 0) };
  VecD r = VEC_SELECT (m, ((VecD) { mn, mx }), ((VecD) { mx, mn }));

  memcpy (node, &r, sizeof r);
}

static inline void
node_from_ext (const Ext *e,
               Node      *node)
{
  node_set (e->mn, e->mx, e->mf, node);
}

/* a followed by b, into a.  Ties keep the left extreme, matching "first
 * occurrence". */
static inline void
ext_append (Ext       *a,
            const Ext *b)
{
  gboolean min_left, max_left;

  if (isnan (b->mn))
    return;
  if (isnan (a->mn))
    {
      *a = *b;
      return;
    }
  /* mf without branches: which side wins is data, not predictable */
  min_left = a->mn <= b->mn;
  max_left = a->mx >= b->mx;
  a->mf = (min_left & max_left & a->mf) | (!min_left & !max_left & b->mf)
          | (min_left & !max_left);
  a->mn = min_left ? a->mn : b->mn;
  a->mx = max_left ? a->mx : b->mx;
}

/* Exact scan of raw samples [a, b): the reference every other path must
 * agree with.  Returns the count of finite samples. */
static guint32
scan_raw (const double *v,
          gsize         a,
          gsize         b,
          Ext          *out)
{
  gsize i = a;
  gsize imin, imax;
  double mn, mx;
  guint32 count = 1;

  ext_clear (out);
  while (i < b && !isfinite (v[i]))
    i++;
  if (i == b)
    return 0;

  mn = mx = v[i];
  imin = imax = i;
  for (i++; i < b; i++)
    {
      double x = v[i];

      if (!isfinite (x))
        continue;
      count++;
      if (x < mn)
        {
          mn = x;
          imin = i;
        }
      else if (x > mx)
        {
          mx = x;
          imax = i;
        }
    }

  out->mn = mn;
  out->mx = mx;
  out->mf = imin <= imax;
  return count;
}

/* x < m ? x : m and x > m ? x : m per lane: ties and NaN x keep m.  SSE2
 * MINPD/MAXPD compute exactly this in one instruction instead of four. */
#ifdef __SSE2__
#include <emmintrin.h>
#define VEC_MIN(x, m) ((VecD) _mm_min_pd ((__m128d) (x), (__m128d) (m)))
#define VEC_MAX(x, m) ((VecD) _mm_max_pd ((__m128d) (x), (__m128d) (m)))
#define VEC_MASK(m) ((guint) _mm_movemask_pd ((__m128d) (m)))
#else
#define VEC_MASK(m) ((guint) (((m)[0] & 1) | ((m)[1] & 2)))
#define VEC_MIN(x, m) VEC_SELECT ((x) < (m), x, m)
#define VEC_MAX(x, m) VEC_SELECT ((x) > (m), x, m)
#endif

/* Samples [a, b) when none is NaN/Inf, written for speed: two pairs of
 * lanes of x < m ? x : m and x - x summed to detect NaN/Inf (0 for finite
 * values, NaN otherwise).  Only when every sample is finite are the
 * results trusted; otherwise scan_raw redoes the range. */
static guint32
scan_fast (const double *v,
           gsize         a,
           gsize         b,
           Ext          *out)
{
  VecD mn0 = { INFINITY, INFINITY }, mn1 = mn0;
  VecD mx0 = { -INFINITY, -INFINITY }, mx1 = mx0;
  VecD bad0 = { 0, 0 }, bad1 = bad0;
  double lo, hi, bad;
  gsize i;

  for (i = a; i + 4 <= b; i += 4)
    {
      VecD x0, x1;

      memcpy (&x0, v + i, sizeof x0);
      memcpy (&x1, v + i + 2, sizeof x1);
      bad0 += x0 - x0;
      bad1 += x1 - x1;
      mn0 = VEC_MIN (x0, mn0);
      mn1 = VEC_MIN (x1, mn1);
      mx0 = VEC_MAX (x0, mx0);
      mx1 = VEC_MAX (x1, mx1);
    }

  bad0 += bad1;
  bad = bad0[0] + bad0[1];
  lo = MIN (MIN (mn0[0], mn0[1]), MIN (mn1[0], mn1[1]));
  hi = MAX (MAX (mx0[0], mx0[1]), MAX (mx1[0], mx1[1]));
  for (; i < b; i++)
    {
      bad += v[i] - v[i];
      lo = v[i] < lo ? v[i] : lo;
      hi = v[i] > hi ? v[i] : hi;
    }

  if (bad != 0.0 || a == b)
    return scan_raw (v, a, b, out);

  for (i = a; v[i] != lo && v[i] != hi; i++)
    ;
  out->mn = lo;
  out->mx = hi;
  out->mf = v[i] == lo;
  return b - a;
}

/* a followed by b, in node form, for the build and the middle of a query
 * range: without branches (which side holds an extreme is data, so a
 * branch would miss half the time).  Ties keep a.  Nodes without finite
 * samples take the general path. */
static inline void
node_merge (const Node *a,
            const Node *b,
            Node       *out)
{
  double amn, amx, bmn, bmx, mn, mx;
  gboolean amf, bmf, min_left, max_left, mf;

  if (G_UNLIKELY (isnan (a->x) || isnan (b->x)))
    {
      Ext ea_, eb_;

      ext_from_node (a, &ea_);
      ext_from_node (b, &eb_);
      ext_append (&ea_, &eb_);
      node_from_ext (&ea_, out);
      return;
    }
  amf = a->x <= a->y;
  bmf = b->x <= b->y;
  amn = MIN (a->x, a->y);
  amx = MAX (a->x, a->y);
  bmn = MIN (b->x, b->y);
  bmx = MAX (b->x, b->y);
  min_left = amn <= bmn;
  max_left = amx >= bmx;
  mn = min_left ? amn : bmn;
  mx = max_left ? amx : bmx;
  mf = (min_left & max_left & amf) | (!min_left & !max_left & bmf) | (min_left & !max_left);
  node_set (mn, mx, mf, out);
}

/* One bit per lane: bits 0–7 the lanes of a, b, c, d (in that order)
 * equal to t, bits 8–15 those of e, f, g, h equal to u.  SSE2 packs the
 * eight comparisons into one mask: a mask and a shift per vector cost
 * twice as many instructions, once per block. */
static inline guint
mask_eq8 (VecD a,
          VecD b,
          VecD c,
          VecD d,
          VecD t,
          VecD e,
          VecD f,
          VecD g,
          VecD h,
          VecD u)
{
#ifdef __SSE2__
  __m128i abcd = _mm_packs_epi16 (_mm_packs_epi32 ((__m128i) (a == t), (__m128i) (b == t)),
                                  _mm_packs_epi32 ((__m128i) (c == t), (__m128i) (d == t)));
  __m128i efgh = _mm_packs_epi16 (_mm_packs_epi32 ((__m128i) (e == u), (__m128i) (f == u)),
                                  _mm_packs_epi32 ((__m128i) (g == u), (__m128i) (h == u)));

  /* each lane is two equal bytes, so one more signed pack halves it */
  return (guint) _mm_movemask_epi8 (_mm_packs_epi16 (abcd, efgh));
#else
  return VEC_MASK (a == t) | VEC_MASK (b == t) << 2 | VEC_MASK (c == t) << 4
         | VEC_MASK (d == t) << 6 | VEC_MASK (e == u) << 8 | VEC_MASK (f == u) << 10
         | VEC_MASK (g == u) << 12 | VEC_MASK (h == u) << 14;
#endif
}

/* Whether the first lo in the 16 samples at q comes no later than the
 * first hi (both occur there), without a loop: a search loop ends at a
 * random place, one mispredicted branch per block. */
static inline gboolean
quarter_min_first (const double *q,
                   double        lo,
                   double        hi)
{
  VecD y[8];
  VecD vlo = { lo, lo }, vhi = { hi, hi };
  guint m0, m1;

  memcpy (y, q, sizeof y);
  m0 = mask_eq8 (y[0], y[1], y[2], y[3], vlo, y[0], y[1], y[2], y[3], vhi);
  m1 = mask_eq8 (y[4], y[5], y[6], y[7], vlo, y[4], y[5], y[6], y[7], vhi);
  /* bits 0–15: samples equal to lo, 16–31: equal to hi */
  m0 = (m0 & 0xff) | (m1 & 0xff) << 8 | (m0 & 0xff00) << 8 | (m1 & 0xff00) << 16;
  return __builtin_ctz (m0 & 0xffff) <= __builtin_ctz (m0 >> 16);
}

/* One whole level-0 block, TRUE if all its samples are finite (else the
 * caller rescans it exactly).  Four accumulators, one per quarter of the
 * block, so the quarters holding the first min and the first max are
 * known without a search; only when both lie in the same quarter is that
 * quarter searched.  NaN/Inf: the plain sum of the samples is then NaN or
 * ±Inf; a finite sum that overflows only sends the block to the exact
 * scan. */
#define QUARTER (BLOCK / 4)

static inline gboolean
block_fast (const double *v,
            Ext          *out)
{
  VecD mn0 = { INFINITY, INFINITY }, mn1 = mn0, mn2 = mn0, mn3 = mn0;
  VecD mx0 = { -INFINITY, -INFINITY }, mx1 = mx0, mx2 = mx0, mx3 = mx0;
  VecD bad = { 0, 0 };
  VecD l, h, vlo, vhi;
  double lo, hi;
  guint m, qlo, qhi, i;

  /* not unrolled further: the 8 accumulators, the sum and the 4 loads
   * fill the 16 SSE registers, a full unroll spills them */
#pragma GCC unroll 2
  for (i = 0; i < QUARTER; i += 2)
    {
      VecD x0, x1, x2, x3;

      memcpy (&x0, v + i, sizeof x0);
      memcpy (&x1, v + QUARTER + i, sizeof x1);
      memcpy (&x2, v + 2 * QUARTER + i, sizeof x2);
      memcpy (&x3, v + 3 * QUARTER + i, sizeof x3);
      bad += (x0 + x1) + (x2 + x3);
      mn0 = VEC_MIN (x0, mn0);
      mn1 = VEC_MIN (x1, mn1);
      mn2 = VEC_MIN (x2, mn2);
      mn3 = VEC_MIN (x3, mn3);
      mx0 = VEC_MAX (x0, mx0);
      mx1 = VEC_MAX (x1, mx1);
      mx2 = VEC_MAX (x2, mx2);
      mx3 = VEC_MAX (x3, mx3);
    }
  if (!isfinite (bad[0] + bad[1]))
    return FALSE;

  l = VEC_MIN (VEC_MIN (mn0, mn1), VEC_MIN (mn2, mn3));
  h = VEC_MAX (VEC_MAX (mx0, mx1), VEC_MAX (mx2, mx3));
  lo = MIN (l[0], l[1]);
  hi = MAX (h[0], h[1]);
  vlo = (VecD) { lo, lo };
  vhi = (VecD) { hi, hi };
  /* the first quarter holding each extreme: two bits per quarter */
  m = mask_eq8 (mn0, mn1, mn2, mn3, vlo, mx0, mx1, mx2, mx3, vhi);
  qlo = (guint) __builtin_ctz (m & 0xff) / 2;
  qhi = (guint) __builtin_ctz (m >> 8) / 2;
  out->mn = lo;
  out->mx = hi;
  if (qlo != qhi)
    out->mf = qlo < qhi;
  else
    out->mf = quarter_min_first (v + qlo * QUARTER, lo, hi);
  return TRUE;
}

static void
build_levels (CuspMinmaxPyramid *self)
{
  gsize len = self->n / BLOCK;
  gsize total = 0;
  guint32 nonfinite = 0;
  Node *level1;
  Ext left = { NAN, NAN, FALSE };
  guint l;

  self->n_blocks = len;
  self->nonfinite = g_new (guint32, len + 1);
  self->nonfinite[0] = 0;
  for (l = 0; len > 0 && l < MAX_LEVELS; l++, len /= 2)
    {
      self->level_offset[l] = total;
      total += len;
    }
  self->n_levels = l;
  self->n_nodes = total;
  if (total == 0)
    return;

  self->nodes = g_new (Node, total);
  len = self->n_blocks;
  /* level 1 from the blocks' extremes while they are in registers: half
   * of all merges, without decoding two nodes each */
  level1 = self->n_levels > 1 ? self->nodes + self->level_offset[1] : NULL;
  for (gsize j = 0; j < len; j++)
    {
      Ext e;

      if (!block_fast (self->values + j * BLOCK, &e))
        nonfinite += BLOCK - scan_raw (self->values, j * BLOCK, (j + 1) * BLOCK, &e);
      self->nonfinite[j + 1] = nonfinite;
      node_from_ext (&e, &self->nodes[j]);
      if ((j & 1) == 0)
        left = e;
      else if (level1 != NULL)
        {
          ext_append (&left, &e);
          node_from_ext (&left, &level1[j / 2]);
        }
    }

  len /= 2;
  for (l = 2; l < self->n_levels; l++)
    {
      const Node *below = self->nodes + self->level_offset[l - 1];
      Node *level = self->nodes + self->level_offset[l];

      len /= 2;
      for (gsize j = 0; j < len; j++)
        node_merge (&below[2 * j], &below[2 * j + 1], &level[j]);
    }
}

CuspMinmaxPyramid *
cusp_minmax_pyramid_new_full (const CuspTime *times,
                              const double   *values,
                              gsize           n,
                              gpointer        owner,
                              GDestroyNotify  owner_destroy)
{
  CuspMinmaxPyramid *self;

  g_return_val_if_fail (n == 0 || (times != NULL && values != NULL), NULL);
  g_return_val_if_fail (n <= G_MAXUINT32, NULL);

  self = g_atomic_rc_box_new0 (CuspMinmaxPyramid);
  self->times = times;
  self->values = values;
  self->n = n;
  self->owner = owner;
  self->owner_destroy = owner_destroy;
  build_levels (self);

  return self;
}

CuspMinmaxPyramid *
cusp_minmax_pyramid_new (const CuspTime *times,
                         const double   *values,
                         gsize           n)
{
  return cusp_minmax_pyramid_new_full (times, values, n, NULL, NULL);
}

CuspMinmaxPyramid *
cusp_minmax_pyramid_ref (CuspMinmaxPyramid *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
cusp_minmax_pyramid_clear (gpointer data)
{
  CuspMinmaxPyramid *self = data;

  g_free (self->nodes);
  g_free (self->nonfinite);
  if (self->owner_destroy != NULL)
    self->owner_destroy (self->owner);
}

void
cusp_minmax_pyramid_unref (CuspMinmaxPyramid *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, cusp_minmax_pyramid_clear);
}

gsize
cusp_minmax_pyramid_get_n_samples (const CuspMinmaxPyramid *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n;
}

gsize
cusp_minmax_pyramid_get_memory_size (const CuspMinmaxPyramid *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return sizeof *self + self->n_nodes * sizeof (Node)
         + (self->n_blocks + 1) * sizeof (guint32);
}

/* Finite samples in whole blocks [k0, k1). */
static inline gsize
blocks_finite (const CuspMinmaxPyramid *self,
               gsize                    k0,
               gsize                    k1)
{
  return (k1 - k0) * BLOCK - (self->nonfinite[k1] - self->nonfinite[k0]);
}

/* Min and max of the finite samples of raw [a, b), +Inf and -Inf if
 * none; returns their count.  No order: see range_ext. */
static guint32
scan_minmax (const double *v,
             gsize         a,
             gsize         b,
             double       *out_mn,
             double       *out_mx)
{
  VecD mn0 = { INFINITY, INFINITY }, mn1 = mn0;
  VecD mx0 = { -INFINITY, -INFINITY }, mx1 = mx0;
  VecD bad0 = { 0, 0 }, bad1 = bad0;
  double lo, hi, bad;
  guint32 count = 0;
  gsize i;

  for (i = a; i + 4 <= b; i += 4)
    {
      VecD x0, x1;

      memcpy (&x0, v + i, sizeof x0);
      memcpy (&x1, v + i + 2, sizeof x1);
      bad0 += x0 - x0;
      bad1 += x1 - x1;
      mn0 = VEC_MIN (x0, mn0);
      mn1 = VEC_MIN (x1, mn1);
      mx0 = VEC_MAX (x0, mx0);
      mx1 = VEC_MAX (x1, mx1);
    }
  bad0 += bad1;
  bad = bad0[0] + bad0[1];
  mn0 = VEC_MIN (mn0, mn1);
  mx0 = VEC_MAX (mx0, mx1);
  lo = MIN (mn0[0], mn0[1]);
  hi = MAX (mx0[0], mx0[1]);
  for (; i < b; i++)
    {
      bad += v[i] - v[i];
      lo = v[i] < lo ? v[i] : lo;
      hi = v[i] > hi ? v[i] : hi;
    }
  if (G_LIKELY (bad == 0.0))
    {
      *out_mn = lo;
      *out_mx = hi;
      return b - a;
    }

  lo = INFINITY;
  hi = -INFINITY;
  for (i = a; i < b; i++)
    if (isfinite (v[i]))
      {
        lo = v[i] < lo ? v[i] : lo;
        hi = v[i] > hi ? v[i] : hi;
        count++;
      }
  *out_mn = lo;
  *out_mx = hi;
  return count;
}

/* Whether the first mn in raw [a, b) comes no later than the first mx
 * (both occur there). */
static gboolean
raw_min_first (const double *v,
               gsize         a,
               double        mn,
               double        mx)
{
  gsize i;

  for (i = a; v[i] != mn && v[i] != mx; i++)
    ;
  return v[i] == mn;
}

/* Whole nodes for the aligned middle M, raw scans for the ragged ends L
 * and R; the middle bottom-up like an iterative segment tree, keeping its
 * left and right halves apart because the merge is ordered.  The order
 * of a ragged end matters only when it holds both extremes of the range,
 * which is rare once a range spans many blocks, so it is searched only
 * then.  Returns the count of finite samples. */
static gsize
range_ext (const CuspMinmaxPyramid *self,
           gsize                    a,
           gsize                    b,
           Ext                     *out)
{
  const double *v = self->values;
  gsize lo, hi, l_end, r_start, count, k_left, k_right;
  double lmn, lmx, rmn, rmx, mmn, mmx;
  Node ml = { NAN, NAN }, mr = ml, m;
  gboolean have_ml = FALSE, have_mr = FALSE;
  Ext em;
  guint smin, smax;
  guint level;

  if (b - a < 2 * BLOCK)
    return scan_fast (v, a, b, out);

  lo = (a + BLOCK - 1) / BLOCK;
  hi = b / BLOCK;
  l_end = lo * BLOCK;
  r_start = hi * BLOCK;
  count = blocks_finite (self, lo, hi);
  k_left = lo - 1;
  k_right = hi;

  for (level = 0; lo < hi; level++, lo /= 2, hi /= 2)
    {
      const Node *nodes = self->nodes + self->level_offset[level];

      if (lo & 1)
        {
          if (have_ml)
            node_merge (&ml, &nodes[lo], &ml);
          else
            ml = nodes[lo];
          have_ml = TRUE;
          lo++;
        }
      if (hi & 1)
        {
          hi--;
          if (have_mr)
            node_merge (&nodes[hi], &mr, &mr);
          else
            mr = nodes[hi];
          have_mr = TRUE;
        }
    }
  if (have_ml && have_mr)
    node_merge (&ml, &mr, &m);
  else
    m = have_ml ? ml : mr;
  ext_from_node (&m, &em);
  mmn = isnan (em.mn) ? INFINITY : em.mn;
  mmx = isnan (em.mx) ? -INFINITY : em.mx;

  /* The ragged ends lie in whole level-0 blocks whose nodes bound them:
   * an end whose block cannot beat the middle's extremes (ties go to the
   * earlier part) is not read, only counted when the block is all
   * finite.  Over many blocks per column that skips most raw scans. */
  lmn = rmn = INFINITY;
  lmx = rmx = -INFINITY;
  if (a < l_end)
    {
      Ext eb;

      ext_from_node (&self->nodes[k_left], &eb);
      if (eb.mn > mmn && eb.mx < mmx && blocks_finite (self, k_left, k_left + 1) == BLOCK)
        count += l_end - a;
      else
        count += scan_minmax (v, a, l_end, &lmn, &lmx);
    }
  if (r_start < b)
    {
      Ext eb;

      if (k_right < self->n_blocks)
        ext_from_node (&self->nodes[k_right], &eb);
      if (k_right < self->n_blocks && eb.mn >= mmn && eb.mx <= mmx
          && blocks_finite (self, k_right, k_right + 1) == BLOCK)
        count += b - r_start;
      else
        count += scan_minmax (v, r_start, b, &rmn, &rmx);
    }
  if (count == 0)
    {
      ext_clear (out);
      return 0;
    }

  /* where the extremes are (0 L, 1 M, 2 R); ties keep the earlier part */
  smin = lmn <= mmn ? (lmn <= rmn ? 0 : 2) : (mmn <= rmn ? 1 : 2);
  smax = lmx >= mmx ? (lmx >= rmx ? 0 : 2) : (mmx >= rmx ? 1 : 2);
  out->mn = smin == 0 ? lmn : smin == 1 ? mmn : rmn;
  out->mx = smax == 0 ? lmx : smax == 1 ? mmx : rmx;
  if (smin != smax)
    out->mf = smin < smax;
  else if (smin == 1)
    out->mf = em.mf;
  else
    out->mf = raw_min_first (v, smin == 0 ? a : r_start, out->mn, out->mx);
  return count;
}

/* The first block in [k0, k1) holding a finite sample, k1 if none. */
static gsize
first_finite_block (const CuspMinmaxPyramid *self,
                    gsize                    k0,
                    gsize                    k1)
{
  gsize lo, hi;

  if (blocks_finite (self, k0, k0 + 1) > 0)
    return k0;
  /* blocks_finite (k0, m) is non-decreasing in m: the smallest m with a
   * finite sample in [k0, m), minus one. */
  lo = k0 + 2;
  hi = k1 + 1;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (blocks_finite (self, k0, mid) > 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo - 1;
}

/* One past the last block in [k0, k1) holding a finite sample, k0 if
 * none. */
static gsize
last_finite_block_end (const CuspMinmaxPyramid *self,
                       gsize                    k0,
                       gsize                    k1)
{
  gsize lo, hi;

  if (blocks_finite (self, k1 - 1, k1) > 0)
    return k1;
  /* the largest m with a finite sample in [m - 1, k1) */
  lo = k0;
  hi = k1 - 1;
  while (lo < hi)
    {
      gsize mid = hi - (hi - lo) / 2;

      if (blocks_finite (self, mid - 1, k1) > 0)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

/* The first finite sample in [i, end), end if none. */
static gsize
first_finite (const CuspMinmaxPyramid *self,
              gsize                    i,
              gsize                    end)
{
  const double *v = self->values;
  gsize k0, k1;

  for (; i < end && (i % BLOCK != 0 || i + BLOCK > end); i++)
    if (isfinite (v[i]))
      return i;
  if (i == end)
    return end;
  /* aligned, with whole blocks ahead: skip the non-finite ones */
  k0 = i / BLOCK;
  k1 = MIN (end / BLOCK, self->n_blocks);
  if (k0 < k1)
    i = first_finite_block (self, k0, k1) * BLOCK;
  for (; i < end; i++)
    if (isfinite (v[i]))
      return i;
  return end;
}

/* One past the last finite sample in [start, i), start if none. */
static gsize
last_finite_end (const CuspMinmaxPyramid *self,
                 gsize                    start,
                 gsize                    i)
{
  const double *v = self->values;
  gsize k0, k1;

  for (; i > start && (i % BLOCK != 0 || i < start + BLOCK); i--)
    if (isfinite (v[i - 1]))
      return i;
  if (i == start)
    return start;
  k1 = i / BLOCK;
  k0 = (start + BLOCK - 1) / BLOCK;
  if (k0 < k1)
    i = last_finite_block_end (self, k0, k1) * BLOCK;
  for (; i > start; i--)
    if (isfinite (v[i - 1]))
      return i;
  return start;
}

static void
range_stats (const CuspMinmaxPyramid *self,
             gsize                    a,
             gsize                    b,
             CuspColumnStats         *out)
{
  Ext e;
  gsize count = range_ext (self, a, b, &e);
  gsize first, last_end;

  out->min = e.mn;
  out->max = e.mx;
  out->count = count;
  out->min_first = e.mf;
  if (count == 0)
    {
      out->first = out->last = NAN;
      out->gap_before = out->gap_after = b > a;
      return;
    }
  first = isfinite (self->values[a]) ? a : first_finite (self, a, b);
  last_end = isfinite (self->values[b - 1]) ? b : last_finite_end (self, a, b);
  out->first = self->values[first];
  out->last = self->values[last_end - 1];
  out->gap_before = first > a;
  out->gap_after = last_end < b;
}

void
cusp_minmax_pyramid_range_stats (const CuspMinmaxPyramid *self,
                                 gsize                    start,
                                 gsize                    end,
                                 CuspColumnStats         *out)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  end = MIN (end, self->n);
  start = MIN (start, end);
  range_stats (self, start, end, out);
}

/* Edge e splits one level-0 block between two columns: both ragged scans
 * read that block, and on each level the two columns take the nodes next
 * to e's ancestor.  Knowing the edges ahead, those lines can be fetched
 * while earlier columns are computed, instead of one miss after the
 * other. */
#define PREFETCH_AHEAD 4

/* GCC deletes a loop of __builtin_prefetch as a loop without side
 * effects; the asm form stays. */
#if defined(__x86_64__) || defined(__i386__)
#define PREFETCH(p) __asm__ volatile ("prefetcht0 %0" : : "m" (*(const char *) (p)))
#else
#define PREFETCH(p) __builtin_prefetch (p)
#endif

/* First index >= from whose time is >= t (n if none), galloping from
 * `from` because consecutive column edges are close together. */
static gsize
lower_bound_from (const CuspTime *times,
                  gsize           n,
                  gsize           from,
                  CuspTime        t)
{
  gsize lo = from, hi, step = 1;

  if (lo >= n || times[lo] >= t)
    return lo;
  /* invariant: times[lo] < t */
  while (lo + step < n && times[lo + step] < t)
    {
      lo += step;
      step *= 2;
    }
  hi = MIN (lo + step, n);
  lo++;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (times[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Same result as lower_bound_from, searched outwards from guess (clamped
 * to [from, n]).  With a steady cadence the previous column's sample count
 * is a near-exact guess, so a column edge costs one or two cache lines
 * instead of the ~20 dependent misses of a gallop over thousands of
 * samples. */
static gsize
lower_bound_guess (const CuspTime *times,
                   gsize           n,
                   gsize           from,
                   gsize           guess,
                   CuspTime        t)
{
  gsize lo, hi, step = 1;

  guess = CLAMP (guess, from, n);
  if (guess < n && times[guess] < t)
    return lower_bound_from (times, n, guess, t);
  /* times[guess] >= t (or guess == n): the answer is in [from, guess]. */
  hi = guess;
  while (hi > from && times[hi - 1] >= t)
    {
      lo = hi > from + step ? hi - step : from;
      if (times[lo] >= t)
        {
          hi = lo;
          step *= 2;
          continue;
        }
      /* times[lo] < t <= times[hi - 1]: binary search in (lo, hi). */
      lo++;
      while (lo < hi)
        {
          gsize mid = lo + (hi - lo) / 2;

          if (times[mid] < t)
            lo = mid + 1;
          else
            hi = mid;
        }
      return hi;
    }
  return hi;
}

/* Walks the column edges of [t0, t1) over width columns, calling
 * per_column (c, start, end) in order; shared by the query and the bounds
 * so both use exactly the same rule. */
typedef struct
{
  guint64 q;
  guint64 r;
  gsize   edge;
  gsize   prev_count;
} EdgeWalk;

static void
edge_walk_init (EdgeWalk       *w,
                const CuspTime *times,
                gsize           n,
                CuspTime        t0,
                CuspTime        t1,
                guint           width)
{
  /* Unsigned arithmetic: t1 - t0 may exceed G_MAXINT64, and
   * c·q <= span, c·r < width² both fit in 64 bits. */
  guint64 span = (guint64) t1 - (guint64) t0;

  w->q = span / width;
  w->r = span % width;
  w->edge = lower_bound_from (times, n, 0, t0);
  w->prev_count = 0;
}

/* The end index of column c (its start is w->edge); advances w. */
static inline gsize
edge_walk_next (EdgeWalk       *w,
                const CuspTime *times,
                gsize           n,
                CuspTime        t0,
                guint           width,
                guint           c)
{
  guint64 off = (c + 1) * w->q + ((guint64) (c + 1) * w->r) / width;
  CuspTime bound = (CuspTime) ((guint64) t0 + off);
  gsize next = lower_bound_guess (times, n, w->edge, w->edge + w->prev_count, bound);

  w->prev_count = next - w->edge;
  w->edge = next;
  return next;
}

void
cusp_minmax_pyramid_column_bounds (const CuspTime *times,
                                   gsize           n,
                                   CuspTime        t0,
                                   CuspTime        t1,
                                   guint           width,
                                   gsize          *bounds)
{
  EdgeWalk w;

  g_return_if_fail (n == 0 || times != NULL);
  g_return_if_fail (bounds != NULL);

  if (width == 0 || t1 <= t0)
    {
      gsize start = lower_bound_from (times, n, 0, t0);

      for (guint c = 0; c <= width; c++)
        bounds[c] = start;
      return;
    }

  edge_walk_init (&w, times, n, t0, t1, width);
  bounds[0] = w.edge;
  for (guint c = 0; c < width; c++)
    {
      gsize ahead;

      bounds[c + 1] = edge_walk_next (&w, times, n, t0, width, c);
      /* the edge searched a few columns later, if the cadence holds */
      ahead = w.edge + PREFETCH_AHEAD * w.prev_count;
      if (ahead < n)
        PREFETCH (times + ahead);
    }
}

static inline void
prefetch_edge (const CuspMinmaxPyramid *self,
               gsize                    e,
               guint                    n_levels)
{
  gsize k = e / BLOCK;

  if (e >= self->n)
    return;
  /* the whole block, not only the edge samples: at ~10 blocks per
   * column the ragged ends are often scanned */
  for (guint i = 0; i < BLOCK; i += 64 / sizeof (double))
    PREFETCH (self->values + k * BLOCK + i);
  PREFETCH (self->nonfinite + k);
  for (guint l = 0; l < n_levels; l++, k /= 2)
    {
      const Node *node = self->nodes + self->level_offset[l] + k;

      /* the nodes left and right of the edge's ancestor; k may be one
       * past the end of a level, still inside the array or its end */
      if (k > 0)
        PREFETCH (node - 1);
      PREFETCH (node);
    }
}

void
cusp_minmax_pyramid_query_bounds (const CuspMinmaxPyramid *self,
                                  const gsize             *bounds,
                                  guint                    width,
                                  CuspColumnStats         *out)
{
  guint levels = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (width == 0 || (bounds != NULL && out != NULL));

  /* the levels a column of the typical width reaches */
  if (width > 0 && self->n_levels > 0)
    {
      gsize per_column = (MIN (bounds[width], self->n) - MIN (bounds[0], self->n)) / width;

      while (levels < self->n_levels && ((gsize) BLOCK << levels) <= 2 * per_column)
        levels++;
    }

  for (guint c = 0; c < width; c++)
    {
      gsize b = MIN (bounds[c + 1], self->n);
      gsize a = MIN (bounds[c], b);

      if (levels > 0 && c + PREFETCH_AHEAD <= width)
        prefetch_edge (self, bounds[c + PREFETCH_AHEAD], levels);
      range_stats (self, a, b, &out[c]);
    }
}

void
cusp_minmax_pyramid_query (const CuspMinmaxPyramid *self,
                           CuspTime                 t0,
                           CuspTime                 t1,
                           guint                    width,
                           CuspColumnStats         *out)
{
  EdgeWalk w;

  g_return_if_fail (self != NULL);
  g_return_if_fail (width == 0 || out != NULL);

  if (t1 <= t0)
    {
      for (guint c = 0; c < width; c++)
        range_stats (self, 0, 0, &out[c]);
      return;
    }

  edge_walk_init (&w, self->times, self->n, t0, t1, width);
  for (guint c = 0; c < width; c++)
    {
      gsize a = w.edge;
      gsize b = edge_walk_next (&w, self->times, self->n, t0, width, c);

      range_stats (self, a, b, &out[c]);
    }
}

static inline guint
emit (double *xs,
      double *ys,
      guint   k,
      double  x,
      double  y)
{
  xs[k] = x;
  ys[k] = y;
  return k + 1;
}

guint
cusp_minmax_pyramid_to_polyline (const CuspColumnStats *cols,
                                 guint                  width,
                                 double                *xs,
                                 double                *ys)
{
  gboolean pending_gap = FALSE;
  guint k = 0;

  g_return_val_if_fail (width == 0 || (cols != NULL && xs != NULL && ys != NULL), 0);

  for (guint c = 0; c < width; c++)
    {
      const CuspColumnStats *col = &cols[c];
      double e1, e2;

      if (col->count == 0)
        {
          pending_gap |= col->gap_before;
          continue;
        }

      if (k > 0 && (pending_gap || col->gap_before))
        k = emit (xs, ys, k, NAN, NAN);
      pending_gap = col->gap_after;

      if (col->count == 1)
        {
          k = emit (xs, ys, k, c + 0.5, col->first);
          continue;
        }

      e1 = col->min_first ? col->min : col->max;
      e2 = col->min_first ? col->max : col->min;
      k = emit (xs, ys, k, c + 0.25, col->first);
      if (e1 != ys[k - 1])
        k = emit (xs, ys, k, c + 0.5, e1);
      if (e2 != ys[k - 1])
        k = emit (xs, ys, k, c + 0.5, e2);
      k = emit (xs, ys, k, c + 0.75, col->last);
    }

  return k;
}
