/* cusp-fetch-command.c: `cusp fetch` and `cusp inventory --server`
 *
 * Both build a CuspHapiProvider for the server and use the default cache
 * ($CUSP_CACHE_DIR or the user cache folder), so a second fetch of the
 * same range asks the server nothing.
 */
#define G_LOG_DOMAIN "cusp-cli"

#include "config.h"

#include "cusp-fetch-command.h"
#include "cusp-cli.h"
#include "cusp-cli-private.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "cusp-hapi-provider.h"
#include "cusp-server-list.h"

/* A URL, or the slug or name of a server of the list. */
static CuspProvider *
open_server (const char *server)
{
  g_autoptr (CuspServerList) list = cusp_server_list_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  const CuspServer *known;

  known = cusp_server_list_find (list, server);
  if (known != NULL)
    return cusp_hapi_provider_new (known->name, known->url);
  if (strstr (server, "://") == NULL)
    {
      _cusp_cli_print_error (_("unknown server “%s”: give its address (ending in /hapi) or the name of a known server such as cdaweb"),
                             server);
      return NULL;
    }
  url = cusp_server_normalize_url (server, &error);
  if (url == NULL)
    {
      _cusp_cli_print_error ("%s", error->message);
      return NULL;
    }
  return cusp_hapi_provider_new (NULL, url);
}

CuspProvider *
_cusp_fetch_command_open_server (const char *server)
{
  return open_server (server);
}

int
_cusp_fetch_command_print_inventory (const char *server,
                                     const char *dataset)
{
  g_autoptr (CuspProvider) provider = open_server (server);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  CuspHapiProvider *hapi;
  CuspInventoryNode *root;

  if (provider == NULL)
    return CUSP_EXIT_USAGE;
  hapi = CUSP_HAPI_PROVIDER (provider);
  if (!cusp_hapi_provider_load_catalog (hapi, NULL, &error))
    {
      _cusp_cli_print_error ("%s", error->message);
      return CUSP_EXIT_FAILURE;
    }
  root = cusp_provider_get_inventory (provider);
  if (dataset != NULL)
    {
      g_autofree char *id = g_strconcat (cusp_provider_get_id (provider), "/", dataset, NULL);
      CuspInventoryNode *node = cusp_inventory_node_find (root, id);

      if (node == NULL)
        {
          _cusp_cli_print_error (_("%s lists no dataset “%s”; run “cusp inventory --server %s” to see its datasets"),
                                 cusp_provider_get_name (provider), dataset, server);
          return CUSP_EXIT_FAILURE;
        }
      if (!cusp_hapi_provider_load_dataset_info (hapi, node, NULL, &error))
        {
          _cusp_cli_print_error ("%s", error->message);
          return CUSP_EXIT_FAILURE;
        }
    }
  text = cusp_inventory_node_dump (root);
  g_print ("%s", text);
  return 0;
}

/* fetch */

typedef struct
{
  const CuspTime *times;
  guint           n;
  guint           next;
} Cursor;

static guint
n_columns (const CuspData *d)
{
  CuspSeries *s = cusp_data_get_series (d);
  CuspTextSeries *t = cusp_data_get_text (d);

  if (s != NULL)
    return s->n_components;
  return t != NULL ? t->n_components : cusp_data_get_spectrogram (d)->n_bins;
}

static const char *
column_name (const CuspData *d)
{
  CuspSeries *s = cusp_data_get_series (d);
  CuspTextSeries *t = cusp_data_get_text (d);

  if (s != NULL)
    return s->name;
  return t != NULL ? t->name : cusp_data_get_spectrogram (d)->name;
}

static const CuspTime *
times_of (const CuspData *d)
{
  CuspSeries *s = cusp_data_get_series (d);
  CuspTextSeries *t = cusp_data_get_text (d);

  if (s != NULL)
    return s->times;
  return t != NULL ? t->times : cusp_data_get_spectrogram (d)->times;
}

static double
value_at (const CuspData *d,
          guint           record,
          guint           column)
{
  CuspSeries *s = cusp_data_get_series (d);
  CuspSpectrogram *sp;

  if (s != NULL)
    return cusp_series_column (s, column)[record];
  sp = cusp_data_get_spectrogram (d);
  return sp->values[(gsize) record * sp->n_bins + column];
}

static void
append_header (GString   *s,
               GPtrArray *data)
{
  g_string_append (s, "time");
  for (guint p = 0; p < data->len; p++)
    {
      const CuspData *d = g_ptr_array_index (data, p);
      guint nc = n_columns (d);

      for (guint c = 0; c < nc; c++)
        {
          if (nc == 1)
            g_string_append_printf (s, ",%s", column_name (d));
          else
            g_string_append_printf (s, ",%s_%u", column_name (d), c);
        }
    }
  g_string_append_c (s, '\n');
}

static void
append_value (GString *s,
              double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (s, ',');
  if (isnan (v))
    g_string_append (s, "NaN");
  else
    g_string_append (s, g_ascii_dtostr (buf, sizeof buf, v));
}

/* A text value as an RFC 4180 field: quoted, with quotes doubled, when it
 * holds a comma, a quote or a line break; a fill value leaves the field
 * empty. */
static void
append_text (GString    *s,
             const char *v)
{
  g_string_append_c (s, ',');
  if (v == NULL)
    return;
  if (strpbrk (v, ",\"\r\n") == NULL)
    {
      g_string_append (s, v);
      return;
    }
  g_string_append_c (s, '"');
  for (const char *p = v; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

static void
append_cell (GString        *s,
             const CuspData *d,
             guint           record,
             guint           column)
{
  CuspTextSeries *t = cusp_data_get_text (d);

  if (t != NULL)
    append_text (s, cusp_text_series_get_value (t, column, record));
  else
    append_value (s, value_at (d, record, column));
}

/* Rows by time over all parameters; a parameter without a record at a
 * row's time leaves its columns empty. */
static gboolean
write_rows (GOutputStream  *out,
            GPtrArray      *data,
            GError        **error)
{
  g_autofree Cursor *cur = g_new0 (Cursor, data->len);
  g_autoptr (GString) s = g_string_sized_new (1 << 20);

  for (guint p = 0; p < data->len; p++)
    {
      CuspData *d = g_ptr_array_index (data, p);

      cur[p].times = times_of (d);
      cur[p].n = cusp_data_get_length (d);
    }
  append_header (s, data);
  for (;;)
    {
      CuspTime t = G_MAXINT64;
      char buf[48];

      for (guint p = 0; p < data->len; p++)
        if (cur[p].next < cur[p].n)
          t = MIN (t, cur[p].times[cur[p].next]);
      if (t == G_MAXINT64)
        break;
      cusp_time_format_iso_buf (t, 9, TRUE, buf);
      g_string_append (s, buf);
      for (guint p = 0; p < data->len; p++)
        {
          const CuspData *d = g_ptr_array_index (data, p);
          gboolean here = cur[p].next < cur[p].n && cur[p].times[cur[p].next] == t;

          for (guint c = 0; c < n_columns (d); c++)
            {
              if (here)
                append_cell (s, d, cur[p].next, c);
              else
                g_string_append_c (s, ',');
            }
          if (here)
            cur[p].next++;
        }
      g_string_append_c (s, '\n');
      if (s->len > (1 << 20) - 4096)
        {
          if (!g_output_stream_write_all (out, s->str, s->len, NULL, NULL, error))
            return FALSE;
          g_string_truncate (s, 0);
        }
    }
  return g_output_stream_write_all (out, s->str, s->len, NULL, NULL, error);
}

/* Written under a temporary name and renamed on close (g_file_replace),
 * so a failed fetch leaves no half-written file. */
static gboolean
write_csv (const char  *path,
           GPtrArray   *data,
           GError     **error)
{
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GCancellable) discard = NULL;

  if (path == NULL || strcmp (path, "-") == 0)
    out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  else
    {
      file = g_file_new_for_commandline_arg (path);
      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error));
      if (out == NULL)
        return FALSE;
    }
  if (write_rows (out, data, error) && g_output_stream_close (out, NULL, error))
    return TRUE;
  discard = g_cancellable_new ();
  g_cancellable_cancel (discard);
  g_output_stream_close (out, discard, NULL);
  return FALSE;
}

int
_cusp_fetch_command_run (char **args)
{
  g_autofree char *server = NULL, *dataset = NULL, *parameters = NULL;
  g_autofree char *start_text = NULL, *stop_text = NULL, *out_path = NULL;
  gboolean offline = FALSE;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("HAPI server: its address (ending in /hapi) or a known name such as cdaweb"), N_("URL") },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &dataset,
      N_("Dataset id, as listed by “cusp inventory --server”"), N_("ID") },
    { "parameters", 0, 0, G_OPTION_ARG_STRING, &parameters,
      N_("Comma-separated parameter names (default: every numeric or text parameter)"), N_("A,B") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text,
      N_("Start of the range, UTC (e.g. 2015-10-16T13:00:00Z)"), N_("TIME") },
    { "stop", 0, 0, G_OPTION_ARG_STRING, &stop_text,
      N_("End of the range, UTC; must be after --start"), N_("TIME") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path,
      N_("CSV file to write, or - for standard output (default)"), N_("FILE") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline,
      N_("Use only the cache, never the network"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (CuspProvider) provider = NULL;
  g_autoptr (GPtrArray) data = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;
  CuspTime start, stop;

  if (!_cusp_cli_parse_options ("fetch",
                                _("Download parameters of a HAPI dataset (through the cache) as CSV."),
                                entries, args))
    return CUSP_EXIT_USAGE;
  if (server == NULL || dataset == NULL)
    {
      _cusp_cli_print_error (_("--server and --dataset are required: run “cusp inventory --server URL” to list the datasets of a server"));
      return CUSP_EXIT_USAGE;
    }
  if (!_cusp_cli_parse_range (start_text, stop_text, &start, &stop))
    return CUSP_EXIT_USAGE;
  if (parameters != NULL)
    {
      names = g_strsplit (parameters, ",", -1);
      for (guint i = 0; names[i] != NULL; i++)
        g_strstrip (names[i]);
    }

  provider = open_server (server);
  if (provider == NULL)
    return CUSP_EXIT_USAGE;
  if (offline)
    cusp_cache_set_offline (cusp_hapi_provider_get_cache (CUSP_HAPI_PROVIDER (provider)), TRUE);
  data = cusp_hapi_provider_get_dataset_data (CUSP_HAPI_PROVIDER (provider), dataset,
                                              (const char *const *) names, start, stop, NULL, &error);
  if (data == NULL)
    {
      _cusp_cli_print_error ("%s", error->message);
      return CUSP_EXIT_FAILURE;
    }
  if (!write_csv (out_path, data, &error))
    {
      _cusp_cli_print_error (_("cannot write “%s” (%s): choose a writable file for --out"),
                             out_path != NULL ? out_path : "-", error->message);
      return CUSP_EXIT_FAILURE;
    }
  return 0;
}
