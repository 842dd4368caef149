/* cusp-server-list.h: the HAPI servers Cusp knows
 *
 * Public servers are built in (addresses from the HAPI server registry,
 * hapi-server/servers all.txt); servers the user adds are kept in a key
 * file, <config>/servers.ini where <config> is $CUSP_CONFIG_DIR or
 * g_get_user_config_dir()/cusp.  Each server has a slug ("cdaweb") that
 * makes its provider id ("hapi-cdaweb").  Not thread-safe: use it from
 * the main thread.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CUSP_SERVER_LIST_ERROR (cusp_server_list_error_quark ())
typedef enum
{
  CUSP_SERVER_LIST_ERROR_INVALID_URL,
  CUSP_SERVER_LIST_ERROR_DUPLICATE,
  CUSP_SERVER_LIST_ERROR_NOT_FOUND,
  CUSP_SERVER_LIST_ERROR_BUILTIN,
  CUSP_SERVER_LIST_ERROR_IO,
} CuspServerListError;

GQuark cusp_server_list_error_quark (void);

typedef struct
{
  char     *slug;          /* lower-case id, unique in the list */
  char     *name;          /* "CDAWeb" */
  char     *url;           /* base URL ending in /hapi, no trailing slash */
  char     *description;   /* may be NULL */
  gboolean  builtin;
} CuspServer;

#define CUSP_TYPE_SERVER_LIST (cusp_server_list_get_type ())
G_DECLARE_FINAL_TYPE (CuspServerList, cusp_server_list, CUSP, SERVER_LIST, GObject)

/* Loads the built-in servers and the user's file (a missing or unreadable
 * file only leaves the built-in ones).  "changed" is emitted after every
 * add or remove. */
CuspServerList   *cusp_server_list_new          (void);
CuspServerList   *cusp_server_list_new_for_path (const char      *path);
const char       *cusp_server_list_get_path     (CuspServerList  *self);
guint             cusp_server_list_get_n_servers (CuspServerList *self);
const CuspServer *cusp_server_list_get_server   (CuspServerList  *self,
                                                 guint            i);
/* By URL (trailing slashes ignored), slug or name (case-insensitive). */
const CuspServer *cusp_server_list_find         (CuspServerList  *self,
                                                 const char      *url_or_name);
/* Adds a user server and saves the file.  name NULL: the URL's host.
 * The URL must be http(s), have a host, no query and end in /hapi. */
const CuspServer *cusp_server_list_add          (CuspServerList  *self,
                                                 const char      *url,
                                                 const char      *name,
                                                 const char      *description,
                                                 GError         **error);
/* Removes a user server (built-in ones cannot be) and saves the file. */
gboolean          cusp_server_list_remove       (CuspServerList  *self,
                                                 const char      *url,
                                                 GError         **error);

/* The URL in canonical form (no trailing slash), or NULL with an error
 * that says what is wrong. */
char             *cusp_server_normalize_url     (const char      *url,
                                                 GError         **error);
/* "CCMC iSWA" → "ccmc-iswa". */
char             *cusp_server_make_slug         (const char      *name);

G_END_DECLS
