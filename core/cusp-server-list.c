/* cusp-server-list.c: built-in and user-added HAPI servers
 *
 * The key file has one group per user server, "Server <n>", with keys
 * Name, URL and Description; it is rewritten whole (atomically, by
 * g_key_file_save_to_file) after every change.
 */
#define G_LOG_DOMAIN "cusp-server-list"

#include "config.h"

#include "cusp-server-list.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>

struct _CuspServerList
{
  GObject    parent_instance;

  char      *path;
  GPtrArray *servers;   /* CuspServer, built-in first */
};

G_DEFINE_FINAL_TYPE (CuspServerList, cusp_server_list, G_TYPE_OBJECT)

G_DEFINE_QUARK (cusp-server-list-error-quark, cusp_server_list_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Addresses as listed in docs/reference/hapi.md §2.4 (hapi-server/servers). */
static const struct
{
  const char *name;
  const char *url;
  const char *description;   /* N_() */
} builtin_servers[] = {
  { "CDAWeb", "https://cdaweb.gsfc.nasa.gov/hapi",
    N_("NASA Coordinated Data Analysis Web: most NASA heliophysics missions (MMS, THEMIS, ACE, Wind…)") },
  { "AMDA", "https://amda.irap.omp.eu/service/hapi",
    N_("CDPP Automated Multi-Dataset Analysis (IRAP, Toulouse): planetary and heliospheric missions") },
  { "CSA", "https://csatools.esac.esa.int/HapiServer/hapi",
    N_("ESA Cluster Science Archive") },
  { "SSCWeb", "http://hapi-server.org/servers/SSCWeb/hapi",
    N_("NASA Satellite Situation Center: spacecraft positions") },
  { "CCMC iSWA", "https://iswa.gsfc.nasa.gov/hapi",
    N_("CCMC Integrated Space Weather Analysis: space-weather indices and models") },
  { "INTERMAGNET", "https://imag-data.bgs.ac.uk/GIN_V1/hapi",
    N_("INTERMAGNET ground magnetometer observatories (BGS)") },
};

static void
server_free (CuspServer *s)
{
  g_free (s->slug);
  g_free (s->name);
  g_free (s->url);
  g_free (s->description);
  g_free (s);
}

static void
cusp_server_list_finalize (GObject *object)
{
  CuspServerList *self = CUSP_SERVER_LIST (object);

  g_free (self->path);
  g_ptr_array_unref (self->servers);

  G_OBJECT_CLASS (cusp_server_list_parent_class)->finalize (object);
}

static void
cusp_server_list_class_init (CuspServerListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cusp_server_list_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cusp_server_list_init (CuspServerList *self)
{
  self->servers = g_ptr_array_new_with_free_func ((GDestroyNotify) server_free);
}

char *
cusp_server_make_slug (const char *name)
{
  GString *s = g_string_new (NULL);
  gboolean dash = FALSE;

  g_return_val_if_fail (name != NULL, NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && s->len > 0)
            g_string_append_c (s, '-');
          g_string_append_c (s, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  if (s->len == 0)
    g_string_append (s, "server");
  return g_string_free (s, FALSE);
}

static void
set_invalid (GError    **error,
             const char *url,
             const char *reason)
{
  /* Translators: the second %s says what is wrong with the address. */
  g_set_error (error, CUSP_SERVER_LIST_ERROR, CUSP_SERVER_LIST_ERROR_INVALID_URL,
               _("“%s” is not a HAPI server address: %s. Give one such as https://cdaweb.gsfc.nasa.gov/hapi"),
               url, reason);
}

char *
cusp_server_normalize_url (const char  *url,
                           GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GUri) uri = NULL;
  const char *scheme;
  gsize len;

  g_return_val_if_fail (url != NULL, NULL);

  text = g_strstrip (g_strdup (url));
  len = strlen (text);
  while (len > 0 && text[len - 1] == '/')
    text[--len] = '\0';
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      set_invalid (error, url, _("it is not a valid URL"));
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      set_invalid (error, url, _("it must start with http:// or https://"));
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      set_invalid (error, url, _("it has no host name"));
      return NULL;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      set_invalid (error, url, _("it must not contain “?” or “#”"));
      return NULL;
    }
  if (!g_str_has_suffix (g_uri_get_path (uri), "/hapi"))
    {
      set_invalid (error, url, _("the address of a HAPI server ends in /hapi"));
      return NULL;
    }
  return g_steal_pointer (&text);
}

static gboolean
slug_taken (CuspServerList *self,
            const char     *slug)
{
  for (guint i = 0; i < self->servers->len; i++)
    {
      const CuspServer *s = g_ptr_array_index (self->servers, i);

      if (g_strcmp0 (s->slug, slug) == 0)
        return TRUE;
    }
  return FALSE;
}

static CuspServer *
append_server (CuspServerList *self,
               const char     *url,
               const char     *name,
               const char     *description,
               gboolean        builtin)
{
  CuspServer *s = g_new0 (CuspServer, 1);
  g_autofree char *base = cusp_server_make_slug (name);

  s->slug = g_strdup (base);
  for (guint n = 2; slug_taken (self, s->slug); n++)
    {
      g_free (s->slug);
      s->slug = g_strdup_printf ("%s-%u", base, n);
    }
  s->name = g_strdup (name);
  s->url = g_strdup (url);
  s->description = g_strdup (description);
  s->builtin = builtin;
  g_ptr_array_add (self->servers, s);
  return s;
}

static const CuspServer *
find_url (CuspServerList *self,
          const char     *url)
{
  for (guint i = 0; i < self->servers->len; i++)
    {
      const CuspServer *s = g_ptr_array_index (self->servers, i);

      if (g_ascii_strcasecmp (s->url, url) == 0)
        return s;
    }
  return NULL;
}

static void
load_file (CuspServerList *self)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) groups = NULL;

  if (!g_key_file_load_from_file (file, self->path, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_message ("Ignoring the server list %s: %s", self->path, error->message);
      return;
    }
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *raw = g_key_file_get_string (file, groups[i], "URL", NULL);
      g_autofree char *name = g_key_file_get_string (file, groups[i], "Name", NULL);
      g_autofree char *description = g_key_file_get_string (file, groups[i], "Description", NULL);
      g_autofree char *url = raw != NULL ? cusp_server_normalize_url (raw, NULL) : NULL;

      if (url == NULL || find_url (self, url) != NULL)
        continue;
      if (name == NULL || name[0] == '\0')
        {
          g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

          g_free (name);
          name = g_strdup (g_uri_get_host (uri));
        }
      append_server (self, url, name, description, FALSE);
    }
}

CuspServerList *
cusp_server_list_new_for_path (const char *path)
{
  CuspServerList *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CUSP_TYPE_SERVER_LIST, NULL);
  self->path = g_strdup (path);
  for (guint i = 0; i < G_N_ELEMENTS (builtin_servers); i++)
    append_server (self, builtin_servers[i].url, builtin_servers[i].name,
                   _(builtin_servers[i].description), TRUE);
  load_file (self);
  return self;
}

CuspServerList *
cusp_server_list_new (void)
{
  const char *env = g_getenv ("CUSP_CONFIG_DIR");
  g_autofree char *path = NULL;

  if (env != NULL && env[0] != '\0')
    path = g_build_filename (env, "servers.ini", NULL);
  else
    path = g_build_filename (g_get_user_config_dir (), "cusp", "servers.ini", NULL);
  return cusp_server_list_new_for_path (path);
}

const char *
cusp_server_list_get_path (CuspServerList *self)
{
  g_return_val_if_fail (CUSP_IS_SERVER_LIST (self), NULL);

  return self->path;
}

guint
cusp_server_list_get_n_servers (CuspServerList *self)
{
  g_return_val_if_fail (CUSP_IS_SERVER_LIST (self), 0);

  return self->servers->len;
}

const CuspServer *
cusp_server_list_get_server (CuspServerList *self,
                             guint           i)
{
  g_return_val_if_fail (CUSP_IS_SERVER_LIST (self), NULL);
  g_return_val_if_fail (i < self->servers->len, NULL);

  return g_ptr_array_index (self->servers, i);
}

const CuspServer *
cusp_server_list_find (CuspServerList *self,
                       const char     *url_or_name)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (CUSP_IS_SERVER_LIST (self), NULL);
  g_return_val_if_fail (url_or_name != NULL, NULL);

  url = cusp_server_normalize_url (url_or_name, NULL);
  if (url != NULL)
    return find_url (self, url);
  for (guint i = 0; i < self->servers->len; i++)
    {
      const CuspServer *s = g_ptr_array_index (self->servers, i);

      if (g_ascii_strcasecmp (s->slug, url_or_name) == 0 ||
          g_ascii_strcasecmp (s->name, url_or_name) == 0)
        return s;
    }
  return NULL;
}

static gboolean
save (CuspServerList  *self,
      GError         **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *dir = g_path_get_dirname (self->path);
  guint n = 0;

  for (guint i = 0; i < self->servers->len; i++)
    {
      const CuspServer *s = g_ptr_array_index (self->servers, i);
      g_autofree char *group = NULL;

      if (s->builtin)
        continue;
      group = g_strdup_printf ("Server %u", ++n);
      g_key_file_set_string (file, group, "Name", s->name);
      g_key_file_set_string (file, group, "URL", s->url);
      if (s->description != NULL)
        g_key_file_set_string (file, group, "Description", s->description);
    }
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_key_file_save_to_file (file, self->path, &local))
    {
      g_set_error (error, CUSP_SERVER_LIST_ERROR, CUSP_SERVER_LIST_ERROR_IO,
                   _("Cannot save the server list to “%s” (%s); check that the folder is writable"),
                   self->path, local != NULL ? local->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

const CuspServer *
cusp_server_list_add (CuspServerList  *self,
                      const char      *url,
                      const char      *name,
                      const char      *description,
                      GError         **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *host = NULL;
  const CuspServer *existing;
  CuspServer *s;

  g_return_val_if_fail (CUSP_IS_SERVER_LIST (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  canonical = cusp_server_normalize_url (url, error);
  if (canonical == NULL)
    return NULL;
  existing = find_url (self, canonical);
  if (existing != NULL)
    {
      g_set_error (error, CUSP_SERVER_LIST_ERROR, CUSP_SERVER_LIST_ERROR_DUPLICATE,
                   _("“%s” is already in the list as “%s”"), canonical, existing->name);
      return NULL;
    }
  if (name == NULL || name[0] == '\0')
    {
      g_autoptr (GUri) uri = g_uri_parse (canonical, G_URI_FLAGS_NONE, NULL);

      host = g_strdup (g_uri_get_host (uri));
      name = host;
    }
  s = append_server (self, canonical, name, description, FALSE);
  if (!save (self, error))
    {
      g_ptr_array_remove (self->servers, s);
      return NULL;
    }
  g_signal_emit (self, signals[CHANGED], 0);
  return s;
}

gboolean
cusp_server_list_remove (CuspServerList  *self,
                         const char      *url,
                         GError         **error)
{
  g_autofree char *canonical = NULL;
  const CuspServer *s;
  guint index;

  g_return_val_if_fail (CUSP_IS_SERVER_LIST (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  canonical = cusp_server_normalize_url (url, error);
  if (canonical == NULL)
    return FALSE;
  s = find_url (self, canonical);
  if (s == NULL)
    {
      g_set_error (error, CUSP_SERVER_LIST_ERROR, CUSP_SERVER_LIST_ERROR_NOT_FOUND,
                   _("“%s” is not in the server list"), canonical);
      return FALSE;
    }
  if (s->builtin)
    {
      g_set_error (error, CUSP_SERVER_LIST_ERROR, CUSP_SERVER_LIST_ERROR_BUILTIN,
                   _("“%s” is built in and cannot be removed"), s->name);
      return FALSE;
    }
  g_ptr_array_find (self->servers, s, &index);
  g_ptr_array_remove_index (self->servers, index);
  if (!save (self, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}
