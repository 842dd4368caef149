/* cusp-workspace.c: workspaces to and from JSON (cJSON)
 *
 * Readers walk the tree with the dotted path of the member they look at,
 * so every error can say where the file is wrong.
 */
#define G_LOG_DOMAIN "cusp-workspace"

#include "config.h"

#include "cusp-workspace.h"

#include <cjson/cJSON.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cusp-colormap.h"

#define FORMAT_NAME "cusp-workspace"

G_DEFINE_QUARK (cusp-workspace-error-quark, cusp_workspace_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

/* ---- Structures ------------------------------------------------------------ */

static void
panel_free (CuspWorkspacePanel *panel)
{
  g_strfreev (panel->products);
  g_free (panel->colormap);
  g_free (panel);
}

static void
area_free (CuspWorkspaceArea *area)
{
  g_free (area->name);
  g_ptr_array_unref (area->panels);
  g_free (area);
}

static void
lane_free (CuspWorkspaceLane *lane)
{
  g_free (lane->name);
  g_free (lane->file);
  g_free (lane);
}

CuspWorkspace *
cusp_workspace_new (CuspTime start,
                    CuspTime stop)
{
  CuspWorkspace *self = g_new0 (CuspWorkspace, 1);

  self->version = CUSP_WORKSPACE_VERSION;
  self->start = start;
  self->stop = stop;
  self->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) area_free);
  self->lanes = g_ptr_array_new_with_free_func ((GDestroyNotify) lane_free);
  return self;
}

void
cusp_workspace_free (CuspWorkspace *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->areas);
  g_ptr_array_unref (self->lanes);
  g_free (self);
}

CuspWorkspaceArea *
cusp_workspace_add_area (CuspWorkspace *self,
                         const char    *name)
{
  CuspWorkspaceArea *area;

  g_return_val_if_fail (self != NULL, NULL);

  area = g_new0 (CuspWorkspaceArea, 1);
  area->name = g_strdup (name);
  area->start = CUSP_TIME_INVALID;
  area->stop = CUSP_TIME_INVALID;
  area->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) panel_free);
  g_ptr_array_add (self->areas, area);
  return area;
}

CuspWorkspacePanel *
cusp_workspace_area_add_panel (CuspWorkspaceArea  *area,
                               const char * const *products,
                               CuspDataKind        kind)
{
  CuspWorkspacePanel *panel;

  g_return_val_if_fail (area != NULL, NULL);
  g_return_val_if_fail (products != NULL && products[0] != NULL, NULL);

  panel = g_new0 (CuspWorkspacePanel, 1);
  panel->products = g_strdupv ((char **) products);
  panel->kind = kind;
  panel->y_min = NAN;
  panel->y_max = NAN;
  panel->weight = 1;
  g_ptr_array_add (area->panels, panel);
  return panel;
}

CuspWorkspaceLane *
cusp_workspace_add_lane (CuspWorkspace *self,
                         const char    *name,
                         gboolean       visible,
                         const char    *file)
{
  CuspWorkspaceLane *lane;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  lane = g_new0 (CuspWorkspaceLane, 1);
  lane->name = g_strdup (name);
  lane->visible = visible;
  lane->file = g_strdup (file);
  g_ptr_array_add (self->lanes, lane);
  return lane;
}

CuspWorkspaceArea *
cusp_workspace_find_area (CuspWorkspace *self,
                          const char    *name)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->areas->len; i++)
    {
      CuspWorkspaceArea *area = g_ptr_array_index (self->areas, i);

      if (g_strcmp0 (area->name, name) == 0)
        return area;
    }
  return NULL;
}

/* ---- Equality ---------------------------------------------------------------- */

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
panel_equal (const CuspWorkspacePanel *a,
             const CuspWorkspacePanel *b)
{
  return g_strv_equal ((const char * const *) a->products, (const char * const *) b->products)
         && a->kind == b->kind
         && !a->y_log == !b->y_log
         && same_double (a->y_min, b->y_min)
         && same_double (a->y_max, b->y_max)
         && g_strcmp0 (a->colormap, b->colormap) == 0
         && !a->z_log == !b->z_log
         && a->weight == b->weight;
}

static gboolean
area_equal (const CuspWorkspaceArea *a,
            const CuspWorkspaceArea *b)
{
  if (g_strcmp0 (a->name, b->name) != 0 || !a->has_range != !b->has_range)
    return FALSE;
  if (a->has_range && (a->start != b->start || a->stop != b->stop))
    return FALSE;
  if (a->panels->len != b->panels->len)
    return FALSE;
  for (guint i = 0; i < a->panels->len; i++)
    if (!panel_equal (g_ptr_array_index (a->panels, i), g_ptr_array_index (b->panels, i)))
      return FALSE;
  return TRUE;
}

static gboolean
lane_equal (const CuspWorkspaceLane *a,
            const CuspWorkspaceLane *b)
{
  return g_strcmp0 (a->name, b->name) == 0 && !a->visible == !b->visible
         && g_strcmp0 (a->file, b->file) == 0;
}

gboolean
cusp_workspace_equal (const CuspWorkspace *a,
                      const CuspWorkspace *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->start != b->start || a->stop != b->stop
      || a->areas->len != b->areas->len || a->lanes->len != b->lanes->len)
    return FALSE;
  for (guint i = 0; i < a->areas->len; i++)
    if (!area_equal (g_ptr_array_index (a->areas, i), g_ptr_array_index (b->areas, i)))
      return FALSE;
  for (guint i = 0; i < a->lanes->len; i++)
    if (!lane_equal (g_ptr_array_index (a->lanes, i), g_ptr_array_index (b->lanes, i)))
      return FALSE;
  return TRUE;
}

/* ---- Reading ----------------------------------------------------------------- */

static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (CUSP_WORKSPACE_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

static char *
member_path (const char *parent,
             const char *name)
{
  return parent != NULL ? g_strconcat (parent, ".", name, NULL) : g_strdup (name);
}

/* The member name of object, or NULL with an error naming it when it is
 * missing and required. */
static const cJSON *
get_member (const cJSON  *object,
            const char   *parent,
            const char   *name,
            gboolean      required,
            GError      **error)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);

  if (item == NULL && required)
    {
      g_autofree char *path = member_path (parent, name);

      fail (error, CUSP_WORKSPACE_ERROR_INVALID,
            _("“%s” is missing; a workspace needs it (see “Workspace” in docs/formats.md)."), path);
    }
  return item;
}

static gboolean
read_string (const cJSON  *object,
             const char   *parent,
             const char   *name,
             gboolean      required,
             const char  **out,
             GError      **error)
{
  const cJSON *item = get_member (object, parent, name, required, error);
  g_autofree char *path = NULL;

  *out = NULL;
  if (item == NULL)
    return !required;
  if (cJSON_IsNull (item) && !required)
    return TRUE;
  if (cJSON_IsString (item))
    {
      *out = item->valuestring;
      return TRUE;
    }
  path = member_path (parent, name);
  return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s” must be a string."), path);
}

static gboolean
read_bool (const cJSON  *object,
           const char   *parent,
           const char   *name,
           gboolean     *out,
           GError      **error)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, name);
  g_autofree char *path = NULL;

  if (item == NULL)
    return TRUE;
  if (cJSON_IsBool (item))
    {
      *out = cJSON_IsTrue (item);
      return TRUE;
    }
  path = member_path (parent, name);
  return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s” must be true or false."), path);
}

static gboolean
read_time (const cJSON  *object,
           const char   *parent,
           const char   *name,
           CuspTime     *out,
           GError      **error)
{
  const char *text;
  g_autoptr (GError) local = NULL;
  g_autofree char *path = NULL;

  if (!read_string (object, parent, name, TRUE, &text, error))
    return FALSE;
  if (cusp_time_parse_iso (text, out, &local))
    return TRUE;
  path = member_path (parent, name);
  return fail (error, CUSP_WORKSPACE_ERROR_INVALID,
               _("“%s”: %s Give a UTC time such as 2015-10-16T13:00:00Z."), path, local->message);
}

/* "time_range": {"start": …, "stop": …} with stop after start. */
static gboolean
read_range (const cJSON  *range,
            const char   *path,
            CuspTime     *start,
            CuspTime     *stop,
            GError      **error)
{
  if (!cJSON_IsObject (range))
    return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s” must be an object with “start” and “stop”."), path);
  if (!read_time (range, path, "start", start, error) || !read_time (range, path, "stop", stop, error))
    return FALSE;
  if (*stop <= *start)
    return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s”: “stop” must be after “start”."), path);
  return TRUE;
}

static gboolean
read_scale (const cJSON  *object,
            const char   *parent,
            const char   *name,
            gboolean     *log,
            GError      **error)
{
  const char *text;
  g_autofree char *path = NULL;

  if (!read_string (object, parent, name, FALSE, &text, error))
    return FALSE;
  if (text == NULL || strcmp (text, "linear") == 0)
    {
      *log = FALSE;
      return TRUE;
    }
  if (strcmp (text, "log") == 0)
    {
      *log = TRUE;
      return TRUE;
    }
  path = member_path (parent, name);
  return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s” must be “linear” or “log”, not “%s”."),
               path, text);
}

/* A kind this version does not know is only a hint lost: the window
 * asks the inventory anyway. */
static CuspDataKind
kind_from_string (const char *text)
{
  static const CuspDataKind kinds[] = {
    CUSP_DATA_KIND_SERIES, CUSP_DATA_KIND_SPECTROGRAM, CUSP_DATA_KIND_INTERVALS, CUSP_DATA_KIND_REGIONS,
    CUSP_DATA_KIND_TEXT,
  };

  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (text, cusp_data_kind_to_string (kinds[i])) == 0)
      return kinds[i];
  return CUSP_DATA_KIND_NONE;
}

static gboolean
read_products (const cJSON         *object,
               const char          *parent,
               GStrv               *out,
               GError             **error)
{
  const cJSON *array = get_member (object, parent, "products", TRUE, error);
  g_autofree char *path = member_path (parent, "products");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const cJSON *item;
  int i = 0;

  if (array == NULL)
    return FALSE;
  if (!cJSON_IsArray (array) || cJSON_GetArraySize (array) == 0)
    return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s” must list at least one product id."), path);
  cJSON_ArrayForEach (item, array)
    {
      if (!cJSON_IsString (item) || item->valuestring[0] == '\0')
        return fail (error, CUSP_WORKSPACE_ERROR_INVALID,
                     _("“%s[%d]” must be a product id such as sim/mms1/fgm/srvy/b_gse."), path, i);
      g_strv_builder_add (builder, item->valuestring);
      i++;
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_y_range (const cJSON         *object,
              const char          *parent,
              CuspWorkspacePanel  *panel,
              GError             **error)
{
  const cJSON *range = cJSON_GetObjectItemCaseSensitive (object, "y_range");
  g_autofree char *path = member_path (parent, "y_range");
  const cJSON *lo, *hi;

  if (range == NULL || cJSON_IsNull (range))
    return TRUE;
  lo = cJSON_GetArrayItem (range, 0);
  hi = cJSON_GetArrayItem (range, 1);
  if (!cJSON_IsArray (range) || cJSON_GetArraySize (range) != 2 || !cJSON_IsNumber (lo) || !cJSON_IsNumber (hi)
      || !isfinite (lo->valuedouble) || !isfinite (hi->valuedouble) || !(lo->valuedouble < hi->valuedouble))
    return fail (error, CUSP_WORKSPACE_ERROR_INVALID,
                 _("“%s” must be null (autoscale) or two numbers, the smaller first, such as [-20, 20]."), path);
  panel->y_min = lo->valuedouble;
  panel->y_max = hi->valuedouble;
  return TRUE;
}

static gboolean
read_colormap (const cJSON         *object,
               const char          *parent,
               CuspWorkspacePanel  *panel,
               GError             **error)
{
  const char *name;
  g_autofree char *path = NULL;
  g_autofree char *known = NULL;

  if (!read_string (object, parent, "colormap", FALSE, &name, error))
    return FALSE;
  if (name == NULL || cusp_colormap_get_by_name (name) != NULL)
    {
      panel->colormap = g_strdup (name);
      return TRUE;
    }
  path = member_path (parent, "colormap");
  known = g_strjoinv (", ", (char **) cusp_colormap_list_names ());
  return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s”: no colour map is called “%s”; use one of %s."),
               path, name, known);
}

static gboolean
read_weight (const cJSON         *object,
             const char          *parent,
             CuspWorkspacePanel  *panel,
             GError             **error)
{
  const cJSON *item = cJSON_GetObjectItemCaseSensitive (object, "height_weight");
  g_autofree char *path = NULL;

  if (item == NULL)
    return TRUE;
  if (cJSON_IsNumber (item) && isfinite (item->valuedouble) && item->valuedouble > 0)
    {
      panel->weight = item->valuedouble;
      return TRUE;
    }
  path = member_path (parent, "height_weight");
  return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s” must be a number above 0, such as 1."), path);
}

static gboolean
read_panel (const cJSON        *object,
            const char         *path,
            CuspWorkspaceArea  *area,
            GError            **error)
{
  g_auto (GStrv) products = NULL;
  const char *kind;
  CuspWorkspacePanel *panel;

  if (!cJSON_IsObject (object))
    return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s” must be an object with “products”."), path);
  if (!read_products (object, path, &products, error)
      || !read_string (object, path, "kind", FALSE, &kind, error))
    return FALSE;
  panel = cusp_workspace_area_add_panel (area, (const char * const *) products, kind_from_string (kind));
  return read_scale (object, path, "y_scale", &panel->y_log, error)
         && read_y_range (object, path, panel, error)
         && read_colormap (object, path, panel, error)
         && read_scale (object, path, "z_scale", &panel->z_log, error)
         && read_weight (object, path, panel, error);
}

static gboolean
read_area (const cJSON    *object,
           const char     *path,
           CuspWorkspace  *workspace,
           GError        **error)
{
  const char *name;
  const cJSON *range, *panels, *item;
  CuspWorkspaceArea *area;
  int i = 0;

  if (!cJSON_IsObject (object))
    return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s” must be an object with “panels”."), path);
  if (!read_string (object, path, "name", FALSE, &name, error))
    return FALSE;
  area = cusp_workspace_add_area (workspace, name);
  range = cJSON_GetObjectItemCaseSensitive (object, "time_range");
  if (range != NULL && !cJSON_IsNull (range))
    {
      g_autofree char *range_path = member_path (path, "time_range");

      if (!read_range (range, range_path, &area->start, &area->stop, error))
        return FALSE;
      area->has_range = TRUE;
    }
  panels = get_member (object, path, "panels", TRUE, error);
  if (panels == NULL)
    return FALSE;
  if (!cJSON_IsArray (panels))
    {
      g_autofree char *panels_path = member_path (path, "panels");

      return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s” must be an array."), panels_path);
    }
  cJSON_ArrayForEach (item, panels)
    {
      g_autofree char *panel_path = g_strdup_printf ("%s.panels[%d]", path, i++);

      if (!read_panel (item, panel_path, area, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_lane (const cJSON    *object,
           const char     *path,
           CuspWorkspace  *workspace,
           GError        **error)
{
  const char *name, *file;
  gboolean visible = TRUE;

  if (!cJSON_IsObject (object))
    return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s” must be an object with “name”."), path);
  if (!read_string (object, path, "name", TRUE, &name, error)
      || !read_bool (object, path, "visible", &visible, error)
      || !read_string (object, path, "file", FALSE, &file, error))
    return FALSE;
  cusp_workspace_add_lane (workspace, name, visible, file);
  return TRUE;
}

/* Reads every element of the array member name with read_one. */
static gboolean
read_array (const cJSON    *root,
            const char     *name,
            gboolean        required,
            gboolean      (*read_one) (const cJSON *, const char *, CuspWorkspace *, GError **),
            CuspWorkspace  *workspace,
            GError        **error)
{
  const cJSON *array = get_member (root, NULL, name, required, error);
  const cJSON *item;
  int i = 0;

  if (array == NULL)
    return !required;
  if (!cJSON_IsArray (array))
    return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s” must be an array."), name);
  cJSON_ArrayForEach (item, array)
    {
      g_autofree char *path = g_strdup_printf ("%s[%d]", name, i++);

      if (!read_one (item, path, workspace, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_header (const cJSON  *root,
             int          *version,
             GError      **error)
{
  const cJSON *format = cJSON_GetObjectItemCaseSensitive (root, "format");
  const cJSON *item;

  if (!cJSON_IsObject (root) || !cJSON_IsString (format) || strcmp (format->valuestring, FORMAT_NAME) != 0)
    return fail (error, CUSP_WORKSPACE_ERROR_PARSE,
                 _("This JSON is not a Cusp workspace: it needs “format”: “cusp-workspace”."));
  item = get_member (root, NULL, "version", TRUE, error);
  if (item == NULL)
    return FALSE;
  if (!cJSON_IsNumber (item) || item->valuedouble != floor (item->valuedouble))
    return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“version” must be a whole number such as 1."));
  if (item->valuedouble < 1 || item->valuedouble > CUSP_WORKSPACE_VERSION)
    return fail (error, CUSP_WORKSPACE_ERROR_VERSION,
                 _("This workspace is version %g; this Cusp reads versions 1 to %d. Open it with a newer Cusp."),
                 item->valuedouble, CUSP_WORKSPACE_VERSION);
  *version = item->valueint;
  return TRUE;
}

static int
line_of (const char *text,
         const char *end)
{
  int line = 1;

  for (const char *p = text; p < end; p++)
    line += *p == '\n';
  return line;
}

CuspWorkspace *
cusp_workspace_read_data (const char  *text,
                          gssize       length,
                          GError     **error)
{
  g_autoptr (cJSON) root = NULL;
  g_autoptr (CuspWorkspace) workspace = NULL;
  const char *end = NULL;
  const cJSON *range;
  int version = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);
  root = cJSON_ParseWithLengthOpts (text, length, &end, FALSE);
  if (root == NULL)
    {
      fail (error, CUSP_WORKSPACE_ERROR_PARSE, _("This is not valid JSON (error on line %d)."),
            line_of (text, end != NULL ? end : text + length));
      return NULL;
    }
  if (!read_header (root, &version, error))
    return NULL;
  workspace = cusp_workspace_new (CUSP_TIME_INVALID, CUSP_TIME_INVALID);
  workspace->version = version;
  range = get_member (root, NULL, "time_range", TRUE, error);
  if (range == NULL
      || !read_range (range, "time_range", &workspace->start, &workspace->stop, error)
      || !read_array (root, "areas", TRUE, read_area, workspace, error)
      || !read_array (root, "lanes", FALSE, read_lane, workspace, error))
    return NULL;
  return g_steal_pointer (&workspace);
}

static void
prefix_error (GError     *error,
              const char *path)
{
  char *message = g_strdup_printf ("%s: %s", path, error->message);

  g_free (error->message);
  error->message = message;
}

CuspWorkspace *
cusp_workspace_read_file (const char  *path,
                          GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr (GError) local = NULL;
  CuspWorkspace *workspace;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &text, &length, &local))
    {
      g_set_error (error, CUSP_WORKSPACE_ERROR, CUSP_WORKSPACE_ERROR_IO, "%s", local->message);
      return NULL;
    }
  workspace = cusp_workspace_read_data (text, length, &local);
  if (workspace == NULL)
    {
      prefix_error (local, path);
      g_propagate_error (error, g_steal_pointer (&local));
    }
  return workspace;
}

/* ---- Writing ----------------------------------------------------------------- */

/* Whole seconds print without a fraction, milliseconds with three
 * digits: the shortest of 0, 3, 6, 9 digits that keeps the instant. */
static char *
format_time (CuspTime t)
{
  char *text = cusp_time_format_iso (t, 9);
  char *dot = strchr (text, '.');
  gsize digits = 9;

  if (dot == NULL)
    return text;
  while (digits > 0 && strncmp (dot + 1 + digits - 3, "000", 3) == 0)
    digits -= 3;
  if (digits == 0)
    memmove (dot, dot + 10, strlen (dot + 10) + 1);
  else
    memmove (dot + 1 + digits, dot + 10, strlen (dot + 10) + 1);
  return text;
}

/* cJSON prints 15 digits whenever they come back within an epsilon, so
 * 0.1 + 0.2 would read back as 0.3: numbers go in as the shortest text
 * that reads back exactly (and with a point whatever the locale). */
static cJSON *
number_to_json (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", digits);

      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return cJSON_CreateRaw (buf);
}

static cJSON *
range_to_json (CuspTime start,
               CuspTime stop)
{
  cJSON *range = cJSON_CreateObject ();
  g_autofree char *a = format_time (start);
  g_autofree char *b = format_time (stop);

  cJSON_AddStringToObject (range, "start", a);
  cJSON_AddStringToObject (range, "stop", b);
  return range;
}

static gboolean
check_panel (const CuspWorkspacePanel  *panel,
             const char                *path,
             GError                   **error)
{
  if (panel->products == NULL || panel->products[0] == NULL)
    return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s.products” must list at least one product id."), path);
  if (isnan (panel->y_min) != isnan (panel->y_max)
      || (!isnan (panel->y_min) && !(isfinite (panel->y_min) && isfinite (panel->y_max) && panel->y_min < panel->y_max)))
    return fail (error, CUSP_WORKSPACE_ERROR_INVALID,
                 _("“%s.y_range” must be null (autoscale) or two numbers, the smaller first, such as [-20, 20]."), path);
  if (!(isfinite (panel->weight) && panel->weight > 0))
    return fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s.height_weight” must be a number above 0, such as 1."),
                 path);
  return TRUE;
}

static cJSON *
panel_to_json (const CuspWorkspacePanel  *panel,
               const char                *path,
               GError                   **error)
{
  cJSON *object;

  if (!check_panel (panel, path, error))
    return NULL;
  object = cJSON_CreateObject ();
  cJSON_AddItemToObject (object, "products",
                         cJSON_CreateStringArray ((const char * const *) panel->products,
                                                  g_strv_length (panel->products)));
  cJSON_AddStringToObject (object, "kind", cusp_data_kind_to_string (panel->kind));
  cJSON_AddStringToObject (object, "y_scale", panel->y_log ? "log" : "linear");
  if (isnan (panel->y_min))
    cJSON_AddNullToObject (object, "y_range");
  else
    {
      cJSON *range = cJSON_AddArrayToObject (object, "y_range");

      cJSON_AddItemToArray (range, number_to_json (panel->y_min));
      cJSON_AddItemToArray (range, number_to_json (panel->y_max));
    }
  if (panel->colormap != NULL)
    cJSON_AddStringToObject (object, "colormap", panel->colormap);
  else
    cJSON_AddNullToObject (object, "colormap");
  cJSON_AddStringToObject (object, "z_scale", panel->z_log ? "log" : "linear");
  cJSON_AddItemToObject (object, "height_weight", number_to_json (panel->weight));
  return object;
}

static cJSON *
area_to_json (const CuspWorkspaceArea  *area,
              const char               *path,
              GError                  **error)
{
  g_autoptr (cJSON) object = cJSON_CreateObject ();
  cJSON *panels = cJSON_CreateArray ();

  if (area->name != NULL)
    cJSON_AddStringToObject (object, "name", area->name);
  if (area->has_range)
    {
      if (area->stop <= area->start)
        {
          fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“%s.time_range”: “stop” must be after “start”."), path);
          cJSON_Delete (panels);
          return NULL;
        }
      cJSON_AddItemToObject (object, "time_range", range_to_json (area->start, area->stop));
    }
  cJSON_AddItemToObject (object, "panels", panels);
  for (guint i = 0; i < area->panels->len; i++)
    {
      g_autofree char *panel_path = g_strdup_printf ("%s.panels[%u]", path, i);
      cJSON *panel = panel_to_json (g_ptr_array_index (area->panels, i), panel_path, error);

      if (panel == NULL)
        return NULL;
      cJSON_AddItemToArray (panels, panel);
    }
  return g_steal_pointer (&object);
}

static cJSON *
lane_to_json (const CuspWorkspaceLane *lane)
{
  cJSON *object = cJSON_CreateObject ();

  cJSON_AddStringToObject (object, "name", lane->name);
  cJSON_AddBoolToObject (object, "visible", lane->visible);
  if (lane->file != NULL)
    cJSON_AddStringToObject (object, "file", lane->file);
  else
    cJSON_AddNullToObject (object, "file");
  return object;
}

/* cJSON indents with tabs and puts one after each colon; two spaces and
 * one space read better.  Tabs inside strings are escaped, so every raw
 * tab is layout. */
static char *
respace (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 64);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '\t')
        g_string_append_c (out, *p);
      else if (p > text && p[-1] == ':')
        g_string_append_c (out, ' ');
      else
        g_string_append (out, "  ");
    }
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

char *
cusp_workspace_write_data (const CuspWorkspace  *self,
                           GError              **error)
{
  g_autoptr (cJSON) root = NULL;
  cJSON *areas, *lanes;
  char *printed, *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->stop <= self->start)
    {
      fail (error, CUSP_WORKSPACE_ERROR_INVALID, _("“time_range”: “stop” must be after “start”."));
      return NULL;
    }
  root = cJSON_CreateObject ();
  cJSON_AddStringToObject (root, "format", FORMAT_NAME);
  cJSON_AddNumberToObject (root, "version", CUSP_WORKSPACE_VERSION);
  cJSON_AddItemToObject (root, "time_range", range_to_json (self->start, self->stop));
  areas = cJSON_AddArrayToObject (root, "areas");
  for (guint i = 0; i < self->areas->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("areas[%u]", i);
      cJSON *area = area_to_json (g_ptr_array_index (self->areas, i), path, error);

      if (area == NULL)
        return NULL;
      cJSON_AddItemToArray (areas, area);
    }
  lanes = cJSON_AddArrayToObject (root, "lanes");
  for (guint i = 0; i < self->lanes->len; i++)
    cJSON_AddItemToArray (lanes, lane_to_json (g_ptr_array_index (self->lanes, i)));

  printed = cJSON_Print (root);
  text = respace (printed);
  cJSON_free (printed);
  return text;
}

gboolean
cusp_workspace_write_file (const CuspWorkspace  *self,
                           const char           *path,
                           GError              **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = cusp_workspace_write_data (self, error);
  if (text == NULL)
    return FALSE;
  if (!g_file_set_contents (path, text, -1, &local))
    return fail (error, CUSP_WORKSPACE_ERROR_IO, _("The workspace could not be saved: %s"), local->message);
  return TRUE;
}
