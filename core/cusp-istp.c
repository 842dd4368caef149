/* cusp-istp.c: from an ISTP CDF variable to what is plotted
 *
 * Rules from docs/reference/cdf_data.md §3 and the §1.9 pitfalls; the
 * loaders they follow (PyISTP, speasy, spacepy, Autoplot) are named there.
 */
#define G_LOG_DOMAIN "cusp-istp"

#include "config.h"

#include "cusp-istp.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (cusp-istp-error-quark, cusp_istp_error)

/* ---- Attributes ------------------------------------------------------------ */

static const CuspCdfValues *
lookup_attribute (CuspCdfFile *file,
                  const char  *variable,
                  const char  *attribute)
{
  const CuspCdfValues *value = cusp_cdf_file_lookup_variable_attribute (file, variable, attribute);
  guint n;

  if (value != NULL)
    return value;
  /* Some writers use other capitalisations ("Units", "Var_type"). */
  n = cusp_cdf_file_get_n_variable_attributes (file, variable);
  for (guint i = 0; i < n; i++)
    {
      const CuspCdfValues *v;
      const char *name = cusp_cdf_file_get_variable_attribute (file, variable, i, &v);

      if (name != NULL && g_ascii_strcasecmp (name, attribute) == 0)
        return v;
    }
  return NULL;
}

const char *
cusp_istp_get_string (CuspCdfFile *file,
                      const char  *variable,
                      const char  *attribute)
{
  const CuspCdfValues *v;

  g_return_val_if_fail (CUSP_IS_CDF_FILE (file), NULL);
  g_return_val_if_fail (variable != NULL && attribute != NULL, NULL);

  v = lookup_attribute (file, variable, attribute);
  if (v == NULL || v->kind != CUSP_CDF_VALUE_STRING || v->n_values == 0)
    return NULL;
  return v->strings[0];
}

/* A non-blank text attribute, or NULL. */
static const char *
get_text (CuspCdfFile *file,
          const char  *variable,
          const char  *attribute)
{
  const char *s = cusp_istp_get_string (file, variable, attribute);

  while (s != NULL && g_ascii_isspace (*s))
    s++;
  return s != NULL && *s != '\0' ? s : NULL;
}

/* Value i of a numeric attribute (the last one if there are fewer), NaN
 * when absent; text numbers are read too (pitfall 7: FILLVAL as CDF_CHAR). */
static double
get_number (CuspCdfFile *file,
            const char  *variable,
            const char  *attribute,
            gsize        i)
{
  const CuspCdfValues *v = lookup_attribute (file, variable, attribute);
  char *end;
  double d;

  if (v == NULL || v->n_values == 0)
    return NAN;
  i = MIN (i, v->n_values - 1);
  switch (v->kind)
    {
    case CUSP_CDF_VALUE_DOUBLE:
      return v->type == CUSP_CDF_EPOCH16 ? NAN : v->doubles[i];
    case CUSP_CDF_VALUE_INT64:
      return (double) v->ints[i];
    case CUSP_CDF_VALUE_STRING:
      d = g_ascii_strtod (v->strings[0], &end);
      return end != v->strings[0] && *end == '\0' ? d : NAN;
    default:
      return NAN;
    }
}

static char *
values_to_string (const CuspCdfValues *v)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < v->n_values; i++)
    {
      if (i > 0)
        g_string_append_c (s, v->kind == CUSP_CDF_VALUE_STRING ? '\n' : ' ');
      if (v->kind == CUSP_CDF_VALUE_STRING)
        g_string_append (s, v->strings[i]);
      else if (v->kind == CUSP_CDF_VALUE_INT64)
        g_string_append_printf (s, "%" G_GINT64_FORMAT, v->ints[i]);
      else if (v->type == CUSP_CDF_REAL4 || v->type == CUSP_CDF_FLOAT)
        g_string_append_printf (s, "%.9g", v->doubles[i]);
      else
        g_string_append_printf (s, "%.17g", v->doubles[i]);
    }
  return g_string_free (s, FALSE);
}

static CuspMetadata *
variable_metadata (CuspCdfFile *file,
                   const char  *variable)
{
  CuspMetadata *md = cusp_metadata_new ();
  guint n = cusp_cdf_file_get_n_variable_attributes (file, variable);

  cusp_metadata_set (md, "VARIABLE", variable);
  for (guint i = 0; i < n; i++)
    {
      const CuspCdfValues *v;
      const char *name = cusp_cdf_file_get_variable_attribute (file, variable, i, &v);
      g_autofree char *text = NULL;

      if (name == NULL || v == NULL)
        continue;
      text = values_to_string (v);
      cusp_metadata_set (md, name, text);
    }
  return md;
}

/* ---- Which variables, which kind ------------------------------------------- */

void
cusp_istp_product_free (CuspIstpProduct *product)
{
  if (product == NULL)
    return;
  g_free (product->name);
  g_free (product->units);
  g_free (product->description);
  g_free (product->time_variable);
  g_strfreev (product->labels);
  g_free (product->title);
  g_free (product);
}

static gboolean G_GNUC_PRINTF (3, 4)
not_plottable (GError     **error,
               const char  *variable,
               const char  *format,
               ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CUSP_ISTP_ERROR, CUSP_ISTP_ERROR_NOT_PLOTTABLE,
               _("The variable “%s” cannot be plotted: %s."), variable, why);
  return FALSE;
}

/* The time axis (pitfalls 4 and 5): DEPEND_0 when it is a time variable
 * with the data's record count, else a REAL8 DEPEND_TIME of Unix seconds. */
static gboolean
find_time_axis (CuspCdfFile               *file,
                const CuspCdfVariableInfo *info,
                CuspIstpProduct           *product,
                GError                   **error)
{
  const char *dep0 = get_text (file, info->name, "DEPEND_0");
  const char *dept = get_text (file, info->name, "DEPEND_TIME");
  const CuspCdfVariableInfo *t;

  t = dep0 != NULL ? cusp_cdf_file_lookup_variable (file, dep0) : NULL;
  if (t != NULL && cusp_cdf_type_is_time (t->type) && t->n_records == info->n_records)
    {
      product->time_variable = g_strdup (t->name);
      return TRUE;
    }
  t = dept != NULL ? cusp_cdf_file_lookup_variable (file, dept) : NULL;
  if (t != NULL && !cusp_cdf_type_is_time (t->type) && !cusp_cdf_type_is_string (t->type)
      && t->n_records == info->n_records)
    {
      product->time_variable = g_strdup (t->name);
      product->unix_time = TRUE;
      return TRUE;
    }
  return not_plottable (error, info->name, _("it has no time variable with one time per record "
                                             "(DEPEND_0 or DEPEND_TIME)"));
}

/* A numeric DEPEND_1 with one value per bin, fixed or one row per record. */
static const CuspCdfVariableInfo *
numeric_bins (CuspCdfFile               *file,
              const CuspCdfVariableInfo *info)
{
  const char *dep1 = get_text (file, info->name, "DEPEND_1");
  const CuspCdfVariableInfo *b = dep1 != NULL ? cusp_cdf_file_lookup_variable (file, dep1) : NULL;

  if (b == NULL || cusp_cdf_type_is_string (b->type) || cusp_cdf_type_is_time (b->type)
      || b->values_per_record != info->values_per_record || b->n_records < 1)
    return NULL;
  if (b->record_varying && b->n_records != info->n_records && b->n_records != 1)
    return NULL;
  return b;
}

/* DISPLAY_TYPE lower-cased and cut at '>' ("spectrogram>y=Center_Scan"). */
static char *
display_type (CuspCdfFile *file,
              const char  *variable)
{
  const char *s = get_text (file, variable, "DISPLAY_TYPE");
  const char *gt;

  if (s == NULL)
    return NULL;
  gt = strchr (s, '>');
  return g_strstrip (g_ascii_strdown (s, gt != NULL ? gt - s : -1));
}

static CuspDataKind
choose_kind (CuspCdfFile               *file,
             const CuspCdfVariableInfo *info)
{
  g_autofree char *display = display_type (file, info->name);
  gboolean has_bins = numeric_bins (file, info) != NULL;

  if (info->n_dims == 0)
    return CUSP_DATA_KIND_SERIES;
  if (display != NULL && (strcmp (display, "spectrogram") == 0 || strcmp (display, "plasmagram") == 0))
    return CUSP_DATA_KIND_SPECTROGRAM;
  if (display != NULL && (strcmp (display, "time_series") == 0 || strcmp (display, "stack_plot") == 0))
    return CUSP_DATA_KIND_SERIES;
  return has_bins && info->dims[0] > CUSP_ISTP_MAX_LINES
         ? CUSP_DATA_KIND_SPECTROGRAM : CUSP_DATA_KIND_SERIES;
}

/* LABL_PTR_1 (a CHAR variable of fixed-width strings, pitfall 9, or
 * literal text), else LABLAXIS, else "component i". */
static char **
component_labels (CuspCdfFile               *file,
                  const CuspCdfVariableInfo *info,
                  guint                      n)
{
  const char *ptr = get_text (file, info->name, "LABL_PTR_1");
  const char *axis = get_text (file, info->name, "LABLAXIS");
  const CuspCdfVariableInfo *lv = ptr != NULL ? cusp_cdf_file_lookup_variable (file, ptr) : NULL;
  g_autoptr (CuspCdfValues) strings = NULL;
  char **labels = g_new0 (char *, n + 1);

  if (lv != NULL && cusp_cdf_type_is_string (lv->type) && lv->n_records > 0)
    strings = cusp_cdf_file_read (file, lv->name, 0, 0, NULL);
  for (guint c = 0; c < n; c++)
    {
      if (strings != NULL && c < strings->n_values)
        labels[c] = g_strstrip (g_strdup (strings->strings[c]));
      else if (ptr != NULL && lv == NULL && n == 1)
        labels[c] = g_strdup (ptr);
      else if (axis != NULL)
        labels[c] = n == 1 ? g_strdup (axis) : g_strdup_printf ("%s[%u]", axis, c);
      else
        labels[c] = g_strdup_printf (_("component %u"), c);
    }
  return labels;
}

static char *
axis_title (CuspCdfFile  *file,
            const char   *variable,
            CuspDataKind  kind)
{
  const char *lablaxis = get_text (file, variable, "LABLAXIS");
  const char *fieldnam = get_text (file, variable, "FIELDNAM");
  const char *title;

  if (kind == CUSP_DATA_KIND_SPECTROGRAM)
    title = fieldnam != NULL ? fieldnam : lablaxis;
  else
    title = lablaxis != NULL ? lablaxis : fieldnam;
  return g_strdup (title != NULL ? title : variable);
}

CuspIstpProduct *
cusp_istp_describe (CuspCdfFile  *file,
                    const char   *variable,
                    GError      **error)
{
  g_autoptr (CuspIstpProduct) p = NULL;
  const CuspCdfVariableInfo *info;
  const char *var_type, *desc;

  g_return_val_if_fail (CUSP_IS_CDF_FILE (file), NULL);
  g_return_val_if_fail (variable != NULL, NULL);

  info = cusp_cdf_file_lookup_variable (file, variable);
  if (info == NULL)
    {
      g_set_error (error, CUSP_CDF_ERROR, CUSP_CDF_ERROR_NO_SUCH_VARIABLE,
                   _("The file “%s” has no variable “%s”."), cusp_cdf_file_get_path (file), variable);
      return NULL;
    }
  var_type = get_text (file, variable, "VAR_TYPE");
  if (var_type == NULL || g_ascii_strcasecmp (var_type, "data") != 0)
    return not_plottable (error, variable, _("its VAR_TYPE is not “data”")), NULL;
  if (cusp_cdf_type_is_string (info->type) || cusp_cdf_type_is_time (info->type))
    return not_plottable (error, variable, _("it holds text or times")), NULL;
  if (!info->record_varying || info->n_records == 0 || info->n_dims > 1)
    return not_plottable (error, variable, _("it is not a record-varying scalar or vector")), NULL;

  p = g_new0 (CuspIstpProduct, 1);
  p->name = g_strdup (variable);
  if (!find_time_axis (file, info, p, error))
    return NULL;
  p->kind = choose_kind (file, info);
  p->n_components = info->n_dims == 0 ? 1 : info->dims[0];
  p->units = g_strdup (get_text (file, variable, "UNITS"));
  desc = get_text (file, variable, "CATDESC");
  if (desc == NULL)
    desc = get_text (file, variable, "FIELDNAM");
  p->description = g_strdup (desc != NULL ? desc : variable);
  if (p->kind == CUSP_DATA_KIND_SERIES)
    p->labels = component_labels (file, info, p->n_components);
  p->title = axis_title (file, variable, p->kind);
  return g_steal_pointer (&p);
}

GPtrArray *
cusp_istp_list_products (CuspCdfFile *file)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_istp_product_free);
  guint n;

  g_return_val_if_fail (CUSP_IS_CDF_FILE (file), out);

  n = cusp_cdf_file_get_n_variables (file);
  for (guint i = 0; i < n; i++)
    {
      CuspIstpProduct *p = cusp_istp_describe (file, cusp_cdf_file_get_variable (file, i)->name, NULL);

      if (p != NULL)
        g_ptr_array_add (out, p);
    }
  return out;
}

/* ---- Times ----------------------------------------------------------------- */

static CuspTime *
read_times (CuspCdfFile            *file,
            const CuspIstpProduct  *p,
            gint64                  first,
            gint64                  last,
            GError                **error)
{
  g_autoptr (CuspCdfValues) v = NULL;
  CuspTime *times;
  gsize n;

  if (!p->unix_time)
    return cusp_cdf_file_read_times (file, p->time_variable, first, last, &n, error);
  v = cusp_cdf_file_read (file, p->time_variable, first, last, error);
  if (v == NULL)
    return NULL;
  times = g_new (CuspTime, v->n_values);
  for (gsize i = 0; i < v->n_values; i++)
    times[i] = v->kind == CUSP_CDF_VALUE_DOUBLE ? cusp_time_from_unix_seconds (v->doubles[i])
                                                : cusp_time_from_unix_seconds ((double) v->ints[i]);
  return times;
}

/* Records with start <= t < stop; DEPEND_TIME is not a CDF time type, so
 * it is searched here (its files are small: one day of THEMIS state). */
static gboolean
find_records (CuspCdfFile           *file,
              const CuspIstpProduct *p,
              CuspTime               start,
              CuspTime               stop,
              gint64                *first,
              gint64                *last,
              GError               **error)
{
  const CuspCdfVariableInfo *t = cusp_cdf_file_lookup_variable (file, p->time_variable);
  g_autofree CuspTime *times = NULL;

  if (!p->unix_time)
    return cusp_cdf_file_find_records (file, p->time_variable, start, stop, first, last, error);
  times = read_times (file, p, 0, t->n_records - 1, error);
  if (times == NULL)
    return FALSE;
  *first = 0;
  while (*first < t->n_records && (times[*first] == CUSP_TIME_INVALID || times[*first] < start))
    (*first)++;
  *last = t->n_records - 1;
  while (*last >= *first && (times[*last] == CUSP_TIME_INVALID || times[*last] >= stop))
    (*last)--;
  return TRUE;
}

gboolean
cusp_istp_time_span (CuspCdfFile           *file,
                     const CuspIstpProduct *product,
                     CuspTime              *first,
                     CuspTime              *last,
                     GError               **error)
{
  gint64 r0, r1;

  g_return_val_if_fail (CUSP_IS_CDF_FILE (file), FALSE);
  g_return_val_if_fail (product != NULL, FALSE);

  if (!find_records (file, product, CUSP_TIME_MIN, CUSP_TIME_MAX, &r0, &r1, error))
    return FALSE;
  if (r0 <= r1)
    {
      g_autofree CuspTime *a = read_times (file, product, r0, r0, error);
      g_autofree CuspTime *b = a != NULL ? read_times (file, product, r1, r1, error) : NULL;

      if (b == NULL)
        return FALSE;
      *first = a[0];
      *last = b[0];
      if (*first != CUSP_TIME_INVALID && *last != CUSP_TIME_INVALID)
        return TRUE;
    }
  g_set_error (error, CUSP_ISTP_ERROR, CUSP_ISTP_ERROR_NOT_PLOTTABLE,
               _("The time variable “%s” holds no valid time."), product->time_variable);
  return FALSE;
}

/* ---- Values ---------------------------------------------------------------- */

typedef struct
{
  CuspCdfType type;
  double      fill;
  double     *vmin, *vmax;   /* per component */
} Validity;

static void
validity_init (Validity    *v,
               CuspCdfFile *file,
               const char  *variable,
               guint        n)
{
  const CuspCdfVariableInfo *info = cusp_cdf_file_lookup_variable (file, variable);

  v->type = info->type;
  v->fill = get_number (file, variable, "FILLVAL", 0);
  v->vmin = g_new (double, n);
  v->vmax = g_new (double, n);
  for (guint c = 0; c < n; c++)
    {
      v->vmin[c] = get_number (file, variable, "VALIDMIN", c);
      v->vmax[c] = get_number (file, variable, "VALIDMAX", c);
    }
}

static void
validity_clear (Validity *v)
{
  g_free (v->vmin);
  g_free (v->vmax);
}

gboolean
cusp_istp_is_fill (CuspCdfType type,
                   double      fill,
                   double      value)
{
  if (isnan (fill))
    return FALSE;
  if (type == CUSP_CDF_REAL4 || type == CUSP_CDF_FLOAT)
    return (float) value == (float) fill;
  return value == fill;
}

static inline gboolean
is_fill (const Validity *v,
         double          x)
{
  return cusp_istp_is_fill (v->type, v->fill, x);
}

static inline double
clean (const Validity *v,
       guint           c,
       double          x)
{
  if (isnan (x) || is_fill (v, x))
    return NAN;
  if (v->vmin[c] < v->vmax[c] && (x < v->vmin[c] || x > v->vmax[c]))
    return NAN;
  return x;
}

static double *
read_doubles (CuspCdfFile  *file,
              const char   *variable,
              gint64        first,
              gint64        last,
              GError      **error)
{
  g_autoptr (CuspCdfValues) v = cusp_cdf_file_read (file, variable, first, last, error);
  double *out;

  if (v == NULL)
    return NULL;
  if (v->kind == CUSP_CDF_VALUE_DOUBLE)
    return g_steal_pointer (&v->doubles);
  out = g_new (double, MAX (v->n_values, 1));
  for (gsize i = 0; i < v->n_values; i++)
    out[i] = v->kind == CUSP_CDF_VALUE_INT64 ? (double) v->ints[i] : NAN;
  return out;
}

static CuspScale
scale_of (CuspCdfFile *file,
          const char  *variable,
          CuspScale    fallback)
{
  const char *s = variable != NULL ? get_text (file, variable, "SCALETYP") : NULL;

  if (s == NULL)
    return fallback;
  return g_ascii_strncasecmp (s, "log", 3) == 0 ? CUSP_SCALE_LOG : CUSP_SCALE_LINEAR;
}

static CuspData *
make_series (CuspCdfFile           *file,
             const CuspIstpProduct *p,
             const CuspTime        *times,
             const double          *raw,
             gsize                  n,
             CuspMetadata          *md)
{
  guint nc = p->n_components;
  g_autoptr (CuspSeries) s = NULL;
  Validity v;
  gsize k = 0;

  for (gsize i = 0; i < n; i++)
    k += times[i] != CUSP_TIME_INVALID;
  s = cusp_series_new ((guint) k, nc);
  validity_init (&v, file, p->name, nc);
  k = 0;
  for (gsize i = 0; i < n; i++)
    {
      if (times[i] == CUSP_TIME_INVALID)
        continue;
      s->times[k] = times[i];
      for (guint c = 0; c < nc; c++)
        s->values[(gsize) c * s->n_samples + k] = clean (&v, c, raw[i * nc + c]);
      k++;
    }
  validity_clear (&v);
  cusp_series_set_name (s, p->title);
  cusp_series_set_unit (s, p->units);
  for (guint c = 0; c < nc; c++)
    cusp_series_set_label (s, c, p->labels[c]);
  cusp_series_set_metadata (s, md);
  cusp_series_sort (s);
  return cusp_data_new_series (g_steal_pointer (&s));
}

/* Bin centres: one row when DEPEND_1 is fixed, else one per record. */
static double *
read_bins (CuspCdfFile               *file,
           const CuspCdfVariableInfo *bins,
           gint64                     first,
           gint64                     last,
           gboolean                  *per_record,
           GError                   **error)
{
  *per_record = bins->record_varying && bins->n_records > 1;
  if (*per_record)
    return read_doubles (file, bins->name, first, last, error);
  return read_doubles (file, bins->name, 0, 0, error);
}

static CuspData *
make_spectrogram (CuspCdfFile            *file,
                  const CuspIstpProduct  *p,
                  const CuspTime         *times,
                  const double           *raw,
                  gint64                  first,
                  gsize                   n,
                  CuspMetadata           *md,
                  GError                **error)
{
  const CuspCdfVariableInfo *info = cusp_cdf_file_lookup_variable (file, p->name);
  const CuspCdfVariableInfo *bins = numeric_bins (file, info);
  guint nb = p->n_components;
  g_autofree double *centres = NULL;
  g_autoptr (CuspSpectrogram) s = NULL;
  gboolean per_record = FALSE;
  Validity v, vb = { 0 };
  gsize k = 0;

  if (bins != NULL && n > 0)
    {
      centres = read_bins (file, bins, first, first + (gint64) n - 1, &per_record, error);
      if (centres == NULL)
        return NULL;
    }
  for (gsize i = 0; i < n; i++)
    k += times[i] != CUSP_TIME_INVALID;
  s = cusp_spectrogram_new ((guint) k, nb, per_record);
  validity_init (&v, file, p->name, nb);
  if (bins != NULL)
    validity_init (&vb, file, bins->name, nb);
  k = 0;
  for (gsize i = 0; i < n; i++)
    {
      if (times[i] == CUSP_TIME_INVALID)
        continue;
      s->times[k] = times[i];
      for (guint j = 0; j < nb; j++)
        s->values[k * nb + j] = clean (&v, j, raw[i * nb + j]);
      if (per_record)
        for (guint j = 0; j < nb; j++)
          s->bin_centres[k * nb + j] = clean (&vb, j, centres[i * nb + j]);
      k++;
    }
  if (!per_record)
    for (guint j = 0; j < nb; j++)
      s->bin_centres[j] = centres != NULL ? clean (&vb, j, centres[j]) : j;
  validity_clear (&v);
  if (bins != NULL)
    validity_clear (&vb);

  cusp_spectrogram_set_name (s, p->title);
  cusp_spectrogram_set_unit (s, p->units);
  if (bins != NULL)
    {
      cusp_spectrogram_set_bin_unit (s, get_text (file, bins->name, "UNITS"));
      cusp_spectrogram_set_bin_label (s, get_text (file, bins->name, "LABLAXIS"));
    }
  /* speasy's defaults: log y and log z unless SCALETYP says otherwise. */
  s->y_scale = scale_of (file, bins != NULL ? bins->name : NULL, bins != NULL ? CUSP_SCALE_LOG
                                                                             : CUSP_SCALE_LINEAR);
  s->z_scale = scale_of (file, p->name, CUSP_SCALE_LOG);
  s->z_min = get_number (file, p->name, "SCALEMIN", 0);
  s->z_max = get_number (file, p->name, "SCALEMAX", 0);
  cusp_spectrogram_set_metadata (s, md);
  cusp_spectrogram_sort (s);
  return cusp_data_new_spectrogram (g_steal_pointer (&s));
}

CuspData *
cusp_istp_load (CuspCdfFile  *file,
                const char   *variable,
                CuspTime      start,
                CuspTime      stop,
                GError      **error)
{
  g_autoptr (CuspIstpProduct) p = NULL;
  g_autoptr (CuspMetadata) md = NULL;
  g_autofree CuspTime *times = NULL;
  g_autofree double *raw = NULL;
  gint64 first, last;
  gsize n;

  g_return_val_if_fail (CUSP_IS_CDF_FILE (file), NULL);
  g_return_val_if_fail (variable != NULL, NULL);

  p = cusp_istp_describe (file, variable, error);
  if (p == NULL || !find_records (file, p, start, stop, &first, &last, error))
    return NULL;
  n = last >= first ? (gsize) (last - first + 1) : 0;
  if (n > 0)
    {
      times = read_times (file, p, first, last, error);
      raw = times != NULL ? read_doubles (file, variable, first, last, error) : NULL;
      if (raw == NULL)
        return NULL;
    }
  md = variable_metadata (file, variable);
  if (p->kind == CUSP_DATA_KIND_SPECTROGRAM)
    return make_spectrogram (file, p, times, raw, first, n, md, error);
  return make_series (file, p, times, raw, n, md);
}
