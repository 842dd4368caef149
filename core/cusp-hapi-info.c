#define G_LOG_DOMAIN "cusp-hapi"

#include "config.h"

#include "cusp-hapi-info.h"

#include <glib/gi18n-lib.h>
#include <cJSON.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (cusp-hapi-error-quark, cusp_hapi_error)

/* cJSON wants a NUL-terminated buffer only when len is unknown. */
static cJSON *
parse_json (const char  *json,
            gssize       len,
            GError     **error)
{
  cJSON *root;

  if (len < 0)
    len = strlen (json);
  root = cJSON_ParseWithLength (json, len);
  if (root == NULL || !cJSON_IsObject (root))
    {
      cJSON_Delete (root);
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                   _("The server’s answer is not valid HAPI JSON; check that the address points to a HAPI server"));
      return NULL;
    }
  return root;
}

static char *
dup_string (const cJSON *object,
            const char  *key)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, key);

  return cJSON_IsString (item) ? g_strdup (item->valuestring) : NULL;
}

static void
read_status (const cJSON    *root,
             CuspHapiStatus *out)
{
  const cJSON *status = cJSON_GetObjectItemCaseSensitive (root, "status");
  const cJSON *code;

  out->code = 0;
  out->message = NULL;
  if (!cJSON_IsObject (status))
    return;
  code = cJSON_GetObjectItemCaseSensitive (status, "code");
  if (cJSON_IsNumber (code))
    out->code = code->valueint;
  out->message = dup_string (status, "message");
}

void
cusp_hapi_status_clear (CuspHapiStatus *status)
{
  g_return_if_fail (status != NULL);

  g_clear_pointer (&status->message, g_free);
  status->code = 0;
}

gboolean
cusp_hapi_status_parse (const char     *json,
                        gssize          len,
                        CuspHapiStatus *out)
{
  cJSON *root;

  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  root = parse_json (json, len, NULL);
  if (root == NULL)
    return FALSE;
  read_status (root, out);
  cJSON_Delete (root);
  return out->code != 0;
}

/* A JSON document whose status is not 12xx is a server-side refusal. */
static gboolean
check_status (const CuspHapiStatus *status,
              GError              **error)
{
  if (status->code == 0 || (status->code >= 1200 && status->code < 1300))
    return TRUE;
  g_set_error (error, CUSP_HAPI_ERROR,
               status->code >= 1500 ? CUSP_HAPI_ERROR_SERVER : CUSP_HAPI_ERROR_BAD_REQUEST,
               _("The server answered with HAPI error %d: %s"),
               status->code, status->message ? status->message : "");
  return FALSE;
}

static char **
string_array (const cJSON *array)
{
  GPtrArray *out = g_ptr_array_new ();
  const cJSON *item;

  cJSON_ArrayForEach (item, array)
    g_ptr_array_add (out, g_strdup (cJSON_IsString (item) ? item->valuestring : ""));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* Capabilities */

static void
capabilities_clear (CuspHapiCapabilities *self)
{
  g_free (self->version);
  cusp_hapi_status_clear (&self->status);
  g_strfreev (self->formats);
}

CuspHapiCapabilities *
cusp_hapi_capabilities_parse (const char  *json,
                              gssize       len,
                              GError     **error)
{
  CuspHapiCapabilities *self;
  cJSON *root;

  g_return_val_if_fail (json != NULL, NULL);

  root = parse_json (json, len, error);
  if (root == NULL)
    return NULL;
  self = g_atomic_rc_box_new0 (CuspHapiCapabilities);
  self->version = dup_string (root, "HAPI");
  read_status (root, &self->status);
  self->formats = string_array (cJSON_GetObjectItemCaseSensitive (root, "outputFormats"));
  cJSON_Delete (root);
  if (!check_status (&self->status, error))
    g_clear_pointer (&self, cusp_hapi_capabilities_unref);
  return self;
}

CuspHapiCapabilities *
cusp_hapi_capabilities_ref (CuspHapiCapabilities *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
cusp_hapi_capabilities_unref (CuspHapiCapabilities *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) capabilities_clear);
}

gboolean
cusp_hapi_capabilities_has_format (const CuspHapiCapabilities *self,
                                   const char                 *format)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  return self->formats != NULL && g_strv_contains ((const char *const *) self->formats, format);
}

/* Catalog */

static void
catalog_clear (CuspHapiCatalog *self)
{
  g_free (self->version);
  cusp_hapi_status_clear (&self->status);
  for (guint i = 0; i < self->n_entries; i++)
    {
      g_free (self->entries[i].id);
      g_free (self->entries[i].title);
    }
  g_free (self->entries);
}

CuspHapiCatalog *
cusp_hapi_catalog_parse (const char  *json,
                         gssize       len,
                         GError     **error)
{
  CuspHapiCatalog *self;
  const cJSON *array, *item;
  cJSON *root;

  g_return_val_if_fail (json != NULL, NULL);

  root = parse_json (json, len, error);
  if (root == NULL)
    return NULL;
  self = g_atomic_rc_box_new0 (CuspHapiCatalog);
  self->version = dup_string (root, "HAPI");
  read_status (root, &self->status);
  array = cJSON_GetObjectItemCaseSensitive (root, "catalog");
  self->entries = g_new0 (CuspHapiCatalogEntry, MAX (cJSON_GetArraySize (array), 1));
  cJSON_ArrayForEach (item, array)
    {
      char *id = dup_string (item, "id");

      if (id == NULL)
        continue;
      self->entries[self->n_entries].id = id;
      self->entries[self->n_entries].title = dup_string (item, "title");
      self->n_entries++;
    }
  cJSON_Delete (root);
  if (!check_status (&self->status, error))
    g_clear_pointer (&self, cusp_hapi_catalog_unref);
  else if (!cJSON_IsArray (array) && self->status.code == 0)
    {
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                   _("The server’s catalog has no “catalog” list; check that the address points to a HAPI server"));
      g_clear_pointer (&self, cusp_hapi_catalog_unref);
    }
  return self;
}

CuspHapiCatalog *
cusp_hapi_catalog_ref (CuspHapiCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
cusp_hapi_catalog_unref (CuspHapiCatalog *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) catalog_clear);
}

/* Info */

static void
bins_clear (CuspHapiBins *bins)
{
  g_free (bins->name);
  g_free (bins->units);
  g_free (bins->label);
  g_free (bins->centers);
  g_free (bins->ranges);
  g_free (bins->centers_parameter);
  g_free (bins->ranges_parameter);
}

static void
parameter_clear (CuspHapiParameter *p)
{
  g_free (p->name);
  g_strfreev (p->units);
  g_free (p->size);
  g_free (p->fill);
  g_free (p->description);
  g_free (p->label);
  g_strfreev (p->labels);
  for (guint i = 0; i < p->n_bins; i++)
    bins_clear (&p->bins[i]);
  g_free (p->bins);
}

static void
info_clear (CuspHapiInfo *self)
{
  g_free (self->version);
  cusp_hapi_status_clear (&self->status);
  for (guint i = 0; i < self->n_parameters; i++)
    parameter_clear (&self->parameters[i]);
  g_free (self->parameters);
  g_free (self->start_date);
  g_free (self->stop_date);
  g_free (self->cadence);
  g_free (self->max_request_duration);
  g_free (self->time_stamp_location);
  g_free (self->modification_date);
  g_free (self->description);
  g_free (self->format);
  g_free (self->resource_url);
  g_free (self->json);
}

/* "$ref" objects point into "definitions"; servers normally resolve them. */
static const cJSON *
resolve_ref (const cJSON *root,
             const cJSON *item)
{
  const cJSON *ref = cJSON_GetObjectItemCaseSensitive (item, "$ref");
  const char *prefix = "#/definitions/";

  if (!cJSON_IsObject (item) || !cJSON_IsString (ref) || !g_str_has_prefix (ref->valuestring, prefix))
    return item;
  return cJSON_GetObjectItemCaseSensitive (cJSON_GetObjectItemCaseSensitive (root, "definitions"),
                                           ref->valuestring + strlen (prefix));
}

static gboolean
number_array (const cJSON  *array,
              double      **out,
              guint        *n_out,
              guint         per_item)
{
  const cJSON *item;
  guint n = 0;

  *out = g_new0 (double, MAX (cJSON_GetArraySize (array), 1) * per_item);
  cJSON_ArrayForEach (item, array)
    {
      if (per_item == 1 && cJSON_IsNumber (item))
        (*out)[n] = item->valuedouble;
      else if (per_item == 2 && cJSON_GetArraySize (item) == 2
               && cJSON_IsNumber (cJSON_GetArrayItem (item, 0))
               && cJSON_IsNumber (cJSON_GetArrayItem (item, 1)))
        {
          (*out)[2 * n] = cJSON_GetArrayItem (item, 0)->valuedouble;
          (*out)[2 * n + 1] = cJSON_GetArrayItem (item, 1)->valuedouble;
        }
      else
        return FALSE;
      n++;
    }
  *n_out = n;
  return TRUE;
}

static char *
first_label (const cJSON *label)
{
  if (cJSON_IsString (label))
    return g_strdup (label->valuestring);
  if (cJSON_IsArray (label) && cJSON_IsString (cJSON_GetArrayItem (label, 0)))
    return g_strdup (cJSON_GetArrayItem (label, 0)->valuestring);
  return NULL;
}

/* Every label of an array (one per component), NULL otherwise. */
static char **
all_labels (const cJSON *label)
{
  GPtrArray *out;
  const cJSON *item;

  if (!cJSON_IsArray (label) || cJSON_GetArraySize (label) == 0)
    return NULL;
  out = g_ptr_array_new ();
  cJSON_ArrayForEach (item, label)
    g_ptr_array_add (out, g_strdup (cJSON_IsString (item) ? item->valuestring : ""));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static gboolean
parse_bins (const cJSON  *root,
            const cJSON  *json,
            CuspHapiBins *bins,
            GError      **error)
{
  const cJSON *centers, *ranges;

  json = resolve_ref (root, json);
  bins->name = dup_string (json, "name");
  bins->units = dup_string (json, "units");
  bins->label = first_label (cJSON_GetObjectItemCaseSensitive (json, "label"));
  centers = resolve_ref (root, cJSON_GetObjectItemCaseSensitive (json, "centers"));
  ranges = resolve_ref (root, cJSON_GetObjectItemCaseSensitive (json, "ranges"));
  if (cJSON_IsString (centers))
    bins->centers_parameter = g_strdup (centers->valuestring);
  else if (cJSON_IsArray (centers) && !number_array (centers, &bins->centers, &bins->n_centers, 1))
    goto bad;
  if (cJSON_IsString (ranges))
    bins->ranges_parameter = g_strdup (ranges->valuestring);
  else if (cJSON_IsArray (ranges) && !number_array (ranges, &bins->ranges, &bins->n_ranges, 2))
    goto bad;
  return TRUE;

bad:
  g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
               _("The bins “%s” of the dataset description are not a list of numbers"),
               bins->name ? bins->name : "?");
  return FALSE;
}

static gboolean
parse_type (const char   *text,
            CuspHapiType *out)
{
  static const char *names[] = { "double", "integer", "string", "isotime" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (text, names[i]))
      {
        *out = (CuspHapiType) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_parameter (const cJSON       *root,
                 const cJSON       *json,
                 CuspHapiParameter *p,
                 GError           **error)
{
  const cJSON *item;
  g_autofree char *type = NULL;

  json = resolve_ref (root, json);
  p->name = dup_string (json, "name");
  type = dup_string (json, "type");
  if (p->name == NULL || !parse_type (type, &p->type))
    {
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                   _("The parameter “%s” of the dataset description has no valid name or type (“%s”)"),
                   p->name ? p->name : "?", type ? type : "");
      return FALSE;
    }
  item = cJSON_GetObjectItemCaseSensitive (json, "length");
  p->length = cJSON_IsNumber (item) ? item->valueint : 0;
  item = resolve_ref (root, cJSON_GetObjectItemCaseSensitive (json, "units"));
  if (cJSON_IsString (item))
    p->units = g_strdupv ((char *[]) { item->valuestring, NULL });
  else if (cJSON_IsArray (item))
    p->units = string_array (item);
  item = cJSON_GetObjectItemCaseSensitive (json, "size");
  if (cJSON_IsArray (item) && cJSON_GetArraySize (item) > 0)
    {
      const cJSON *dim;

      p->size = g_new0 (guint, cJSON_GetArraySize (item));
      cJSON_ArrayForEach (dim, item)
        {
          if (!cJSON_IsNumber (dim) || dim->valuedouble < 1 || dim->valuedouble > 1e6)
            {
              g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                           _("The parameter “%s” has an invalid size"), p->name);
              return FALSE;
            }
          p->size[p->n_size++] = dim->valueint;
        }
    }
  p->fill = dup_string (json, "fill");
  p->fill_value = NAN;
  if (p->fill != NULL && p->type != CUSP_HAPI_TYPE_STRING && p->type != CUSP_HAPI_TYPE_ISOTIME)
    {
      char *end;
      double v = g_ascii_strtod (p->fill, &end);

      if (end != p->fill && *end == '\0')
        p->fill_value = v;
    }
  p->description = dup_string (json, "description");
  p->label = first_label (cJSON_GetObjectItemCaseSensitive (json, "label"));
  p->labels = all_labels (cJSON_GetObjectItemCaseSensitive (json, "label"));
  item = cJSON_GetObjectItemCaseSensitive (json, "bins");
  if (cJSON_IsArray (item) && cJSON_GetArraySize (item) > 0)
    {
      const cJSON *b;

      p->bins = g_new0 (CuspHapiBins, cJSON_GetArraySize (item));
      cJSON_ArrayForEach (b, item)
        if (!parse_bins (root, b, &p->bins[p->n_bins++], error))
          return FALSE;
    }
  return TRUE;
}

static CuspTime
parse_date (const char *text)
{
  CuspTime t;

  if (text == NULL || !cusp_time_parse (text, &t, NULL))
    return CUSP_TIME_INVALID;
  return t;
}

static gboolean
fill_info (CuspHapiInfo *self,
           const cJSON  *root,
           GError      **error)
{
  const cJSON *params, *item;

  self->version = dup_string (root, "HAPI");
  read_status (root, &self->status);
  if (!check_status (&self->status, error))
    return FALSE;
  params = cJSON_GetObjectItemCaseSensitive (root, "parameters");
  if (!cJSON_IsArray (params) || cJSON_GetArraySize (params) == 0)
    {
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                   _("The dataset description has no parameters; the server may not be a HAPI server"));
      return FALSE;
    }
  self->parameters = g_new0 (CuspHapiParameter, cJSON_GetArraySize (params));
  cJSON_ArrayForEach (item, params)
    if (!parse_parameter (root, item, &self->parameters[self->n_parameters++], error))
      return FALSE;
  if (self->parameters[0].type != CUSP_HAPI_TYPE_ISOTIME)
    {
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                   _("The first parameter of the dataset, “%s”, is not a time: HAPI requires it"),
                   self->parameters[0].name);
      return FALSE;
    }
  self->start_date = dup_string (root, "startDate");
  self->stop_date = dup_string (root, "stopDate");
  self->start = parse_date (self->start_date);
  self->stop = parse_date (self->stop_date);
  self->cadence = dup_string (root, "cadence");
  self->max_request_duration = dup_string (root, "maxRequestDuration");
  self->time_stamp_location = dup_string (root, "timeStampLocation");
  if (self->time_stamp_location == NULL)
    self->time_stamp_location = g_strdup ("center");
  else
    {
      char *lower = g_ascii_strdown (self->time_stamp_location, -1);

      g_free (self->time_stamp_location);
      self->time_stamp_location = lower;
    }
  self->modification_date = dup_string (root, "modificationDate");
  self->description = dup_string (root, "description");
  self->format = dup_string (root, "format");
  self->resource_url = dup_string (root, "resourceURL");
  return TRUE;
}

CuspHapiInfo *
cusp_hapi_info_parse (const char  *json,
                      gssize       len,
                      GError     **error)
{
  CuspHapiInfo *self;
  cJSON *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (len < 0)
    len = strlen (json);
  root = parse_json (json, len, error);
  if (root == NULL)
    return NULL;
  self = g_atomic_rc_box_new0 (CuspHapiInfo);
  self->json = g_strndup (json, len);
  if (!fill_info (self, root, error))
    g_clear_pointer (&self, cusp_hapi_info_unref);
  cJSON_Delete (root);
  return self;
}

CuspHapiInfo *
cusp_hapi_info_ref (CuspHapiInfo *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
cusp_hapi_info_unref (CuspHapiInfo *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) info_clear);
}

int
cusp_hapi_info_find (const CuspHapiInfo *self,
                     const char         *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->n_parameters; i++)
    if (g_str_equal (self->parameters[i].name, name))
      return i;
  return -1;
}

guint
cusp_hapi_parameter_n_components (const CuspHapiParameter *parameter)
{
  guint n = 1;

  g_return_val_if_fail (parameter != NULL, 0);

  for (guint i = 0; i < parameter->n_size; i++)
    n *= parameter->size[i];
  return n;
}

static void
copy_bins (CuspHapiBins       *dst,
           const CuspHapiBins *src)
{
  dst->name = g_strdup (src->name);
  dst->units = g_strdup (src->units);
  dst->label = g_strdup (src->label);
  dst->centers = g_memdup2 (src->centers, sizeof (double) * src->n_centers);
  dst->n_centers = src->n_centers;
  dst->ranges = g_memdup2 (src->ranges, sizeof (double) * 2 * src->n_ranges);
  dst->n_ranges = src->n_ranges;
  dst->centers_parameter = g_strdup (src->centers_parameter);
  dst->ranges_parameter = g_strdup (src->ranges_parameter);
}

static void
copy_parameter (CuspHapiParameter       *dst,
                const CuspHapiParameter *src)
{
  *dst = *src;
  dst->name = g_strdup (src->name);
  dst->units = g_strdupv (src->units);
  dst->size = g_memdup2 (src->size, sizeof (guint) * src->n_size);
  dst->fill = g_strdup (src->fill);
  dst->description = g_strdup (src->description);
  dst->label = g_strdup (src->label);
  dst->labels = g_strdupv (src->labels);
  dst->bins = src->n_bins ? g_new0 (CuspHapiBins, src->n_bins) : NULL;
  for (guint i = 0; i < src->n_bins; i++)
    copy_bins (&dst->bins[i], &src->bins[i]);
}

static void
mark_parameter (const CuspHapiInfo *self,
                gboolean           *keep,
                int                 index)
{
  const CuspHapiParameter *p = &self->parameters[index];

  keep[index] = TRUE;
  for (guint b = 0; b < p->n_bins; b++)
    {
      const char *refs[] = { p->bins[b].centers_parameter, p->bins[b].ranges_parameter };

      for (guint r = 0; r < G_N_ELEMENTS (refs); r++)
        {
          int j = refs[r] ? cusp_hapi_info_find (self, refs[r]) : -1;

          if (j > 0)
            keep[j] = TRUE;
        }
    }
}

CuspHapiInfo *
cusp_hapi_info_select (const CuspHapiInfo *self,
                       const char *const  *names,
                       GError            **error)
{
  g_autofree gboolean *keep = NULL;
  CuspHapiInfo *out;

  g_return_val_if_fail (self != NULL, NULL);

  keep = g_new0 (gboolean, self->n_parameters);
  keep[0] = TRUE;
  for (guint i = 1; i < self->n_parameters; i++)
    keep[i] = names == NULL || names[0] == NULL;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      int j = cusp_hapi_info_find (self, names[i]);

      if (j < 0)
        {
          g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_UNKNOWN_PARAMETER,
                       _("The dataset has no parameter “%s”; check the name in its description"),
                       names[i]);
          return NULL;
        }
      mark_parameter (self, keep, j);
    }

  out = g_atomic_rc_box_new0 (CuspHapiInfo);
  *out = *self;
  out->version = g_strdup (self->version);
  out->status.message = g_strdup (self->status.message);
  out->start_date = g_strdup (self->start_date);
  out->stop_date = g_strdup (self->stop_date);
  out->cadence = g_strdup (self->cadence);
  out->max_request_duration = g_strdup (self->max_request_duration);
  out->time_stamp_location = g_strdup (self->time_stamp_location);
  out->modification_date = g_strdup (self->modification_date);
  out->description = g_strdup (self->description);
  out->format = g_strdup (self->format);
  out->resource_url = g_strdup (self->resource_url);
  out->json = g_strdup (self->json);
  out->parameters = g_new0 (CuspHapiParameter, self->n_parameters);
  out->n_parameters = 0;
  for (guint i = 0; i < self->n_parameters; i++)
    if (keep[i])
      copy_parameter (&out->parameters[out->n_parameters++], &self->parameters[i]);
  return out;
}

/* Durations */

gboolean
cusp_hapi_parse_duration (const char *text,
                          gint64     *out_ns)
{
  gboolean in_time = FALSE, any = FALSE;
  double total = 0;
  const char *p;

  g_return_val_if_fail (out_ns != NULL, FALSE);

  if (text == NULL || text[0] != 'P')
    return FALSE;
  for (p = text + 1; *p != '\0';)
    {
      char *end;
      double v, unit;

      if (*p == 'T' && !in_time)
        {
          in_time = TRUE;
          p++;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        return FALSE;
      v = g_ascii_strtod (p, &end);
      switch (*end)
        {
        case 'Y': unit = in_time ? 0 : 365 * 86400.0; break;
        case 'M': unit = in_time ? 60.0 : 28 * 86400.0; break;
        case 'W': unit = in_time ? 0 : 7 * 86400.0; break;
        case 'D': unit = in_time ? 0 : 86400.0; break;
        case 'H': unit = in_time ? 3600.0 : 0; break;
        case 'S': unit = in_time ? 1.0 : 0; break;
        default: unit = 0; break;
        }
      if (unit == 0)
        return FALSE;
      total += v * unit;
      any = TRUE;
      p = end + 1;
    }
  if (!any || total > 9e9)
    return FALSE;
  *out_ns = (gint64) llround (total * 1e9);
  return TRUE;
}
