#define G_LOG_DOMAIN "cusp-hapi-client"

#include "config.h"

#include "cusp-hapi-client.h"
#include "cusp-hapi-csv.h"
#include "cusp-hapi-binary.h"
#include "cusp-hapi-private.h"

#include <glib/gi18n-lib.h>
#include <curl/curl.h>
#include <string.h>

/* JSON answers (catalogs of big servers) are buffered up to this size. */
#define MAX_JSON_BYTES (64 * 1024 * 1024)

struct _CuspHapiClient
{
  char   *base_url;
  char   *name;
  GMutex  lock;        /* guards version */
  char   *version;
  guint   connect_s;
  guint   low_speed_s;
  guint   max_tries;
  guint   first_delay_ms;
};

typedef struct
{
  CuspHapiClient       *client;
  GCancellable         *cancellable;
  CURL                 *curl;
  gboolean              stream;      /* body goes to a parser */
  gboolean              started;
  gboolean              json_body;   /* body is a JSON document (error/status) */
  long                  http_code;
  GString              *body;
  CuspHapiCsvParser    *csv;
  CuspHapiBinaryParser *binary;
  guint                 expected;    /* size hint for the parsers */
  GError               *parse_error;
  gsize                 received;
  CuspHapiReachedFunc   reached;
  gpointer              reached_data;
  CuspTime              last_reached;
} Transfer;

static void
global_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&done, 1);
    }
}

CuspHapiClient *
cusp_hapi_client_new (const char *base_url)
{
  CuspHapiClient *self;
  g_autoptr (GUri) uri = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  global_init ();
  self = g_atomic_rc_box_new0 (CuspHapiClient);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  self->name = g_strdup (uri && g_uri_get_host (uri) ? g_uri_get_host (uri) : base_url);
  g_mutex_init (&self->lock);
  self->connect_s = 15;
  self->low_speed_s = 60;
  self->max_tries = 3;
  self->first_delay_ms = 500;
  return self;
}

static void
client_clear (CuspHapiClient *self)
{
  g_free (self->base_url);
  g_free (self->name);
  g_free (self->version);
  g_mutex_clear (&self->lock);
}

CuspHapiClient *
cusp_hapi_client_ref (CuspHapiClient *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
cusp_hapi_client_unref (CuspHapiClient *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) client_clear);
}

void
cusp_hapi_client_set_name (CuspHapiClient *self,
                           const char     *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  g_free (self->name);
  self->name = g_strdup (name);
}

const char *
cusp_hapi_client_get_name (CuspHapiClient *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

void
cusp_hapi_client_set_version (CuspHapiClient *self,
                              const char     *version)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  g_free (self->version);
  self->version = g_strdup (version);
  g_mutex_unlock (&self->lock);
}

char *
cusp_hapi_client_dup_version (CuspHapiClient *self)
{
  char *v;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  v = g_strdup (self->version);
  g_mutex_unlock (&self->lock);
  return v;
}

void
cusp_hapi_client_set_timeouts (CuspHapiClient *self,
                               guint           connect_s,
                               guint           low_speed_s)
{
  g_return_if_fail (self != NULL);

  self->connect_s = MAX (connect_s, 1);
  self->low_speed_s = MAX (low_speed_s, 1);
}

void
cusp_hapi_client_set_retries (CuspHapiClient *self,
                              guint           max_tries,
                              guint           first_delay_ms)
{
  g_return_if_fail (self != NULL);

  self->max_tries = CLAMP (max_tries, 1, 10);
  self->first_delay_ms = first_delay_ms;
}

/* Messages */

static void
set_hapi_error (CuspHapiClient *self,
                int             code,
                const char     *server_message,
                const char     *dataset,
                GError        **error)
{
  const char *name = self->name, *ds = dataset ? dataset : "";
  g_autofree char *text = NULL;
  CuspHapiError kind = CUSP_HAPI_ERROR_BAD_REQUEST;

  switch (code)
    {
    case 1401:
      text = g_strdup_printf (_("%s says: a request parameter is unknown (HAPI 1401); the server may speak another HAPI version than it announces"), name);
      break;
    case 1402:
      kind = CUSP_HAPI_ERROR_BAD_TIME;
      text = g_strdup_printf (_("%s says: the start time is not valid (HAPI 1402)"), name);
      break;
    case 1403:
      kind = CUSP_HAPI_ERROR_BAD_TIME;
      text = g_strdup_printf (_("%s says: the stop time is not valid (HAPI 1403)"), name);
      break;
    case 1404:
      kind = CUSP_HAPI_ERROR_BAD_TIME;
      text = g_strdup_printf (_("%s says: the start time is not before the stop time (HAPI 1404)"), name);
      break;
    case 1405:
      kind = CUSP_HAPI_ERROR_BAD_TIME;
      text = g_strdup_printf (_("%s says: the time range is outside the dates where “%s” has data (HAPI 1405); choose a range between its start and stop dates"), name, ds);
      break;
    case 1406:
      kind = CUSP_HAPI_ERROR_UNKNOWN_DATASET;
      text = g_strdup_printf (_("%s says: unknown dataset “%s” (HAPI 1406); check the name in the server’s catalog"), name, ds);
      break;
    case 1407:
      kind = CUSP_HAPI_ERROR_UNKNOWN_PARAMETER;
      text = g_strdup_printf (_("%s says: unknown parameter in dataset “%s” (HAPI 1407); check the names in its description"), name, ds);
      break;
    case 1408:
      kind = CUSP_HAPI_ERROR_TOO_MUCH_DATA;
      text = g_strdup_printf (_("%s says: too much time or data requested (HAPI 1408); choose a shorter time range"), name);
      break;
    case 1409:
      text = g_strdup_printf (_("%s says: it does not support this output format (HAPI 1409)"), name);
      break;
    case 1410:
      text = g_strdup_printf (_("%s says: it does not support sending the header (HAPI 1410)"), name);
      break;
    case 1411:
      text = g_strdup_printf (_("%s says: the parameters are out of order or repeated (HAPI 1411)"), name);
      break;
    case 1412:
    case 1413:
      text = g_strdup_printf (_("%s says: it does not support an option of the request (HAPI %d)"), name, code);
      break;
    case 1501:
      kind = CUSP_HAPI_ERROR_SERVER;
      text = g_strdup_printf (_("%s says: it could not get the data from its own source (HAPI 1501); try again later"), name);
      break;
    default:
      if (code >= 1500)
        {
          kind = CUSP_HAPI_ERROR_SERVER;
          text = g_strdup_printf (_("%s says: internal server error (HAPI %d); try again later"), name, code);
        }
      else
        text = g_strdup_printf (_("%s says: the request is not valid (HAPI %d)"), name, code);
      break;
    }
  if (server_message != NULL && server_message[0] != '\0')
    g_set_error (error, CUSP_HAPI_ERROR, kind, _("%s. Server message: “%s”"), text, server_message);
  else
    g_set_error_literal (error, CUSP_HAPI_ERROR, kind, text);
}

static void
set_http_error (CuspHapiClient *self,
                long            http_code,
                GError        **error)
{
  if (http_code >= 500)
    g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_SERVER,
                 _("%s had an internal error (HTTP %ld); try again later"), self->name, http_code);
  else if (http_code == 404)
    g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_HTTP,
                 _("%s has no such page (HTTP 404); check the server address"), self->name);
  else if (http_code == 401 || http_code == 403)
    g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_HTTP,
                 _("%s refuses access (HTTP %ld)"), self->name, http_code);
  else
    g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_HTTP,
                 _("%s answered with HTTP error %ld"), self->name, http_code);
}

static void
set_curl_error (CuspHapiClient *self,
                CURLcode        code,
                const char     *detail,
                GError        **error)
{
  switch (code)
    {
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_TIMEOUT,
                   _("%s did not answer in time (%s); the server may be overloaded: try again later"),
                   self->name, detail);
      break;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_TRUNCATED,
                   _("%s closed the connection before sending all the data (%s); try again later"),
                   self->name, detail);
      break;
    default:
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_NETWORK,
                   _("Cannot reach %s (%s); check the network connection and the server address"),
                   self->name, detail);
      break;
    }
}

/* Transfer */

static gboolean
feed_parser (Transfer   *t,
             const char *data,
             gsize       len)
{
  gboolean ok;
  CuspTime last;

  if (t->csv != NULL)
    ok = cusp_hapi_csv_parser_feed (t->csv, data, len, &t->parse_error);
  else
    ok = cusp_hapi_binary_parser_feed (t->binary, data, len, &t->parse_error);
  if (!ok || t->reached == NULL)
    return ok;
  last = t->csv != NULL ? cusp_hapi_csv_parser_get_last_time (t->csv)
                        : cusp_hapi_binary_parser_get_last_time (t->binary);
  if (last != CUSP_TIME_INVALID && last != t->last_reached)
    {
      t->last_reached = last;
      t->reached (last, t->reached_data);
    }
  return TRUE;
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  Transfer *t = user_data;
  gsize len = size * nmemb;

  if (!t->started)
    {
      gsize i = 0;

      curl_easy_getinfo (t->curl, CURLINFO_RESPONSE_CODE, &t->http_code);
      while (i < len && g_ascii_isspace (data[i]))
        i++;
      if (i == len)
        return len;   /* decide on the first non-blank byte */
      t->started = TRUE;
      /* Error bodies, and HAPI status documents in place of CSV. */
      t->json_body = !t->stream || t->http_code >= 300 || data[i] == '{';
    }
  t->received += len;
  if (t->json_body)
    {
      if (t->body->len + len > MAX_JSON_BYTES)
        return 0;
      g_string_append_len (t->body, data, len);
      return len;
    }
  return feed_parser (t, data, len) ? len : 0;
}

static int
progress_cb (void       *user_data,
             curl_off_t  dltotal G_GNUC_UNUSED,
             curl_off_t  dlnow G_GNUC_UNUSED,
             curl_off_t  ultotal G_GNUC_UNUSED,
             curl_off_t  ulnow G_GNUC_UNUSED)
{
  Transfer *t = user_data;

  return g_cancellable_is_cancelled (t->cancellable) ? 1 : 0;
}

/* Runs the transfer with the multi interface so that a stalled server
 * cannot delay cancellation by more than one poll period. */
static CURLcode
run_transfer (Transfer *t)
{
  CURLM *multi = curl_multi_init ();
  CURLcode result = CURLE_OK;
  int running = 1;

  curl_multi_add_handle (multi, t->curl);
  while (running)
    {
      CURLMsg *msg;
      int n_msgs;

      if (curl_multi_perform (multi, &running) != CURLM_OK)
        {
          result = CURLE_FAILED_INIT;
          break;
        }
      while ((msg = curl_multi_info_read (multi, &n_msgs)) != NULL)
        if (msg->msg == CURLMSG_DONE)
          result = msg->data.result;
      if (!running)
        break;
      if (g_cancellable_is_cancelled (t->cancellable))
        {
          result = CURLE_ABORTED_BY_CALLBACK;
          break;
        }
      curl_multi_poll (multi, NULL, 0, 100, NULL);
    }
  curl_multi_remove_handle (multi, t->curl);
  curl_multi_cleanup (multi);
  return result;
}

static void
setup_curl (Transfer   *t,
            const char *url,
            char       *errbuf)
{
  CuspHapiClient *c = t->client;

  curl_easy_setopt (t->curl, CURLOPT_URL, url);
  curl_easy_setopt (t->curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (t->curl, CURLOPT_WRITEDATA, t);
  curl_easy_setopt (t->curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
  curl_easy_setopt (t->curl, CURLOPT_XFERINFODATA, t);
  curl_easy_setopt (t->curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (t->curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt (t->curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt (t->curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt (t->curl, CURLOPT_CONNECTTIMEOUT, (long) c->connect_s);
  curl_easy_setopt (t->curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (t->curl, CURLOPT_LOW_SPEED_TIME, (long) c->low_speed_s);
  curl_easy_setopt (t->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (t->curl, CURLOPT_USERAGENT, "Cusp/" PACKAGE_VERSION " (HAPI client)");
  curl_easy_setopt (t->curl, CURLOPT_ERRORBUFFER, errbuf);
}

typedef enum
{
  OUTCOME_OK,
  OUTCOME_RETRY,
  OUTCOME_FAIL,
} Outcome;

/* The body of a failed or JSON answer: a HAPI status if there is one. */
static Outcome
check_answer (Transfer   *t,
              const char *dataset,
              GError    **error)
{
  CuspHapiStatus status = { 0, NULL };
  gboolean has_status = FALSE;
  Outcome outcome;

  if (t->json_body)
    has_status = cusp_hapi_status_parse (t->body->str, t->body->len, &status);
  if (has_status && status.code >= 1400)
    {
      set_hapi_error (t->client, status.code, status.message, dataset, error);
      outcome = status.code >= 1500 ? OUTCOME_RETRY : OUTCOME_FAIL;
    }
  else if (t->http_code >= 400)
    {
      set_http_error (t->client, t->http_code, error);
      outcome = t->http_code >= 500 ? OUTCOME_RETRY : OUTCOME_FAIL;
    }
  else
    outcome = OUTCOME_OK;
  cusp_hapi_status_clear (&status);
  return outcome;
}

static Outcome
perform_once (Transfer   *t,
              const char *url,
              const char *dataset,
              GError    **error)
{
  char errbuf[CURL_ERROR_SIZE] = "";
  CURLcode code;

  t->curl = curl_easy_init ();
  setup_curl (t, url, errbuf);
  code = run_transfer (t);
  if (t->http_code == 0)
    curl_easy_getinfo (t->curl, CURLINFO_RESPONSE_CODE, &t->http_code);
  g_clear_pointer (&t->curl, curl_easy_cleanup);

  if (g_cancellable_set_error_if_cancelled (t->cancellable, error))
    return OUTCOME_FAIL;
  if (t->parse_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&t->parse_error));
      return OUTCOME_FAIL;
    }
  if (code == CURLE_WRITE_ERROR && t->json_body)
    {
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_INVALID_RESPONSE,
                   _("%s sent an answer larger than %d MB; it is not a HAPI description"),
                   t->client->name, MAX_JSON_BYTES >> 20);
      return OUTCOME_FAIL;
    }
  if (code != CURLE_OK)
    {
      /* A body already parsed up to the failure cannot be resumed. */
      set_curl_error (t->client, code, errbuf[0] ? errbuf : curl_easy_strerror (code), error);
      return OUTCOME_RETRY;
    }
  return check_answer (t, dataset, error);
}

static gboolean
backoff (CuspHapiClient *self,
         guint           attempt,
         GCancellable   *cancellable)
{
  gint64 end = g_get_monotonic_time () + (gint64) self->first_delay_ms * 1000 * (1 << MIN (attempt, 10));

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (MIN (10000, MAX (end - g_get_monotonic_time (), 0)));
    }
  return TRUE;
}

/* One logical request with retries; setup gives each attempt a fresh sink. */
static gboolean
request (CuspHapiClient *self,
         const char     *url,
         const char     *dataset,
         Transfer       *t,
         GCancellable   *cancellable,
         GError        **error)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr (GError) local = NULL;
      Outcome outcome;

      t->client = self;
      t->cancellable = cancellable;
      t->started = FALSE;
      t->json_body = FALSE;
      t->http_code = 0;
      t->received = 0;
      g_string_truncate (t->body, 0);
      if (t->stream)
        {
          CuspHapiInfo *info = t->csv ? cusp_hapi_csv_parser_get_info (t->csv)
                                      : cusp_hapi_binary_parser_get_info (t->binary);
          g_autoptr (CuspHapiInfo) keep = info ? cusp_hapi_info_ref (info) : NULL;

          if (t->csv != NULL)
            {
              cusp_hapi_csv_parser_free (t->csv);
              t->csv = cusp_hapi_csv_parser_new (keep);
              cusp_hapi_csv_parser_expect (t->csv, t->expected);
            }
          else
            {
              cusp_hapi_binary_parser_free (t->binary);
              t->binary = cusp_hapi_binary_parser_new (keep);
              cusp_hapi_binary_parser_expect (t->binary, t->expected);
            }
        }
      g_debug ("GET %s (try %u)", url, attempt + 1);
      outcome = perform_once (t, url, dataset, &local);
      if (outcome == OUTCOME_OK)
        return TRUE;
      if (outcome == OUTCOME_FAIL || attempt + 1 >= self->max_tries
          || !backoff (self, attempt, cancellable))
        {
          if (outcome != OUTCOME_FAIL && g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_debug ("retrying after: %s", local->message);
    }
}

static void
transfer_clear (Transfer *t)
{
  g_string_free (t->body, TRUE);
  g_clear_pointer (&t->csv, cusp_hapi_csv_parser_free);
  g_clear_pointer (&t->binary, cusp_hapi_binary_parser_free);
  g_clear_error (&t->parse_error);
}

/* A JSON endpoint: the whole (small) document. */
static GString *
get_json (CuspHapiClient *self,
          const char     *url,
          const char     *dataset,
          GCancellable   *cancellable,
          GError        **error)
{
  Transfer t = { 0 };
  GString *out;

  t.body = g_string_new (NULL);
  if (!request (self, url, dataset, &t, cancellable, error))
    {
      transfer_clear (&t);
      return NULL;
    }
  out = g_steal_pointer (&t.body);
  t.body = g_string_new (NULL);
  transfer_clear (&t);
  return out;
}

static gboolean
is_version_2 (const char *version)
{
  return version != NULL && g_str_has_prefix (version, "2.");
}

static void
append_param (GString    *url,
              const char *key,
              const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, ":,", FALSE);

  g_string_append_printf (url, "%c%s=%s", strchr (url->str, '?') ? '&' : '?', key, escaped);
}

static gboolean
ensure_version (CuspHapiClient *self,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autofree char *version = cusp_hapi_client_dup_version (self);
  g_autoptr (CuspHapiCapabilities) caps = NULL;

  if (version != NULL)
    return TRUE;
  caps = cusp_hapi_client_get_capabilities (self, cancellable, error);
  return caps != NULL;
}

CuspHapiCapabilities *
cusp_hapi_client_get_capabilities (CuspHapiClient *self,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  g_autofree char *url = NULL;
  g_autoptr (GString) body = NULL;
  CuspHapiCapabilities *caps;

  g_return_val_if_fail (self != NULL, NULL);

  url = g_strconcat (self->base_url, "/capabilities", NULL);
  body = get_json (self, url, NULL, cancellable, error);
  if (body == NULL)
    return NULL;
  caps = cusp_hapi_capabilities_parse (body->str, body->len, error);
  if (caps != NULL && caps->version != NULL)
    {
      g_autofree char *known = cusp_hapi_client_dup_version (self);

      if (known == NULL)
        cusp_hapi_client_set_version (self, caps->version);
    }
  return caps;
}

CuspHapiCatalog *
cusp_hapi_client_get_catalog (CuspHapiClient *self,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autofree char *url = NULL;
  g_autoptr (GString) body = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  url = g_strconcat (self->base_url, "/catalog", NULL);
  body = get_json (self, url, NULL, cancellable, error);
  return body ? cusp_hapi_catalog_parse (body->str, body->len, error) : NULL;
}

CuspHapiInfo *
cusp_hapi_client_get_info (CuspHapiClient *self,
                           const char     *dataset,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autofree char *version = NULL;
  g_autoptr (GString) url = NULL;
  g_autoptr (GString) body = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);

  if (!ensure_version (self, cancellable, error))
    return NULL;
  version = cusp_hapi_client_dup_version (self);
  url = g_string_new (self->base_url);
  g_string_append (url, "/info");
  append_param (url, is_version_2 (version) ? "id" : "dataset", dataset);
  body = get_json (self, url->str, dataset, cancellable, error);
  return body ? cusp_hapi_info_parse (body->str, body->len, error) : NULL;
}

/* Whole UTC seconds are written without a fraction, as people write them. */
static char *
format_time (CuspTime t)
{
  CuspCivilTime civil;

  cusp_time_to_civil (t, &civil);
  return cusp_time_format_iso (t, civil.nanosecond == 0 ? 0 : 9);
}

char *
cusp_hapi_client_build_data_url (CuspHapiClient     *self,
                                 const char         *dataset,
                                 const char *const  *parameters,
                                 CuspTime            start,
                                 CuspTime            stop,
                                 CuspHapiFormat      format,
                                 gboolean            include_header)
{
  g_autofree char *version = NULL, *t0 = NULL, *t1 = NULL;
  GString *url;
  gboolean v2;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);

  version = cusp_hapi_client_dup_version (self);
  v2 = is_version_2 (version);
  t0 = format_time (start);
  t1 = format_time (stop);
  url = g_string_new (self->base_url);
  g_string_append (url, "/data");
  append_param (url, v2 ? "id" : "dataset", dataset);
  append_param (url, v2 ? "time.min" : "start", t0);
  append_param (url, v2 ? "time.max" : "stop", t1);
  if (parameters != NULL && parameters[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (",", (char **) parameters);

      append_param (url, "parameters", list);
    }
  if (format == CUSP_HAPI_FORMAT_BINARY)
    append_param (url, "format", "binary");
  if (include_header)
    append_param (url, "include", "header");
  return g_string_free (url, FALSE);
}

/* Records a request of [start, stop) should bring at the dataset's
 * cadence, for the parsers' size hint; 0 when the cadence is unknown or
 * not a fixed duration. */
static guint
expected_records (CuspHapiInfo *info,
                  CuspTime      start,
                  CuspTime      stop)
{
  gint64 cadence;

  if (info == NULL || info->cadence == NULL || stop <= start ||
      !cusp_duration_parse (info->cadence, &cadence, NULL) || cadence <= 0)
    return 0;
  return (guint) MIN ((stop - start + cadence - 1) / cadence, (gint64) CUSP_HAPI_MAX_EXPECTED);
}

/* One request of [start, stop) into parsed containers. */
static GPtrArray *
get_chunk (CuspHapiClient     *self,
           const char         *dataset,
           CuspHapiInfo       *selected,
           const char *const  *names,
           CuspTime            start,
           CuspTime            stop,
           CuspHapiFormat      format,
           gboolean            include_header,
           CuspHapiReachedFunc reached,
           gpointer            reached_data,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autofree char *url = cusp_hapi_client_build_data_url (self, dataset, names, start, stop,
                                                          format, include_header);
  Transfer t = { 0 };
  GPtrArray *out = NULL;
  gboolean ok;

  t.body = g_string_new (NULL);
  t.stream = TRUE;
  t.reached = reached;
  t.reached_data = reached_data;
  t.last_reached = CUSP_TIME_INVALID;
  t.expected = expected_records (selected, start, stop);
  if (format == CUSP_HAPI_FORMAT_CSV)
    {
      t.csv = cusp_hapi_csv_parser_new (selected);
      cusp_hapi_csv_parser_expect (t.csv, t.expected);
    }
  else
    {
      t.binary = cusp_hapi_binary_parser_new (selected);
      cusp_hapi_binary_parser_expect (t.binary, t.expected);
    }
  ok = request (self, url, dataset, &t, cancellable, error);
  if (ok && t.csv != NULL && cusp_hapi_csv_parser_finish (t.csv, error))
    out = cusp_hapi_csv_parser_take_data (t.csv, error);
  else if (ok && t.binary != NULL && cusp_hapi_binary_parser_finish (t.binary, error))
    out = cusp_hapi_binary_parser_take_data (t.binary, error);
  transfer_clear (&t);
  return out;
}

static GPtrArray *
merge_chunks (GPtrArray  *chunks,
              GError    **error)
{
  GPtrArray *first = g_ptr_array_index (chunks, 0);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_data_unref);
  g_autofree CuspData **parts = g_new0 (CuspData *, chunks->len);

  if (chunks->len == 1)
    return g_ptr_array_ref (first);
  for (guint k = 0; k < first->len; k++)
    {
      CuspData *merged;

      for (guint c = 0; c < chunks->len; c++)
        parts[c] = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (chunks, c), k);
      merged = cusp_data_merge (parts, chunks->len, error);
      if (merged == NULL)
        return NULL;
      g_ptr_array_add (out, merged);
    }
  return g_steal_pointer (&out);
}

/* The non-time parameter names of the selection, for parameters=. */
static char **
selected_names (const CuspHapiInfo *selected,
                const char *const  *parameters)
{
  GPtrArray *names;

  if (parameters == NULL || parameters[0] == NULL)
    return NULL;
  names = g_ptr_array_new ();
  for (guint i = 1; i < selected->n_parameters; i++)
    g_ptr_array_add (names, g_strdup (selected->parameters[i].name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

GPtrArray *
cusp_hapi_client_get_data (CuspHapiClient     *self,
                           const char         *dataset,
                           CuspHapiInfo       *info,
                           const char *const  *parameters,
                           CuspTime            start,
                           CuspTime            stop,
                           CuspHapiFormat      format,
                           gboolean            include_header,
                           GCancellable       *cancellable,
                           GError            **error)
{
  return cusp_hapi_client_get_data_with_progress (self, dataset, info, parameters, start, stop,
                                                  format, include_header, NULL, NULL,
                                                  cancellable, error);
}

GPtrArray *
cusp_hapi_client_get_data_with_progress (CuspHapiClient      *self,
                                         const char          *dataset,
                                         CuspHapiInfo        *info,
                                         const char *const   *parameters,
                                         CuspTime             start,
                                         CuspTime             stop,
                                         CuspHapiFormat       format,
                                         gboolean             include_header,
                                         CuspHapiReachedFunc  reached,
                                         gpointer             reached_data,
                                         GCancellable        *cancellable,
                                         GError             **error)
{
  g_autoptr (CuspHapiInfo) full = NULL;
  g_autoptr (CuspHapiInfo) selected = NULL;
  g_autoptr (GPtrArray) chunks = NULL;
  g_auto (GStrv) names = NULL;
  gint64 max_ns = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);

  if (stop <= start)
    {
      g_set_error (error, CUSP_HAPI_ERROR, CUSP_HAPI_ERROR_BAD_TIME,
                   _("The start time is not before the stop time; choose a longer range"));
      return NULL;
    }
  full = info ? cusp_hapi_info_ref (info) : cusp_hapi_client_get_info (self, dataset, cancellable, error);
  if (full == NULL || !ensure_version (self, cancellable, error))
    return NULL;
  selected = cusp_hapi_info_select (full, parameters, error);
  if (selected == NULL)
    return NULL;
  names = selected_names (selected, parameters);
  if (!cusp_hapi_parse_duration (full->max_request_duration, &max_ns) || max_ns <= 0)
    max_ns = stop - start;

  chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (CuspTime t0 = start; t0 < stop; t0 += max_ns)
    {
      CuspTime t1 = stop - t0 > max_ns ? t0 + max_ns : stop;
      GPtrArray *chunk = get_chunk (self, dataset, selected, (const char *const *) names,
                                    t0, t1, format, include_header, reached, reached_data,
                                    cancellable, error);

      if (chunk == NULL)
        return NULL;
      g_ptr_array_add (chunks, chunk);
    }
  return merge_chunks (chunks, error);
}
