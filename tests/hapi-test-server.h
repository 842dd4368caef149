/* hapi-test-server.h: start tests/hapi-server.py and read its counters
 *
 * Shared by the cache, provider, remote CLI tests and the HAPI benchmark.
 * GIO only (the CLI test does not link libcurl).  The server exits when
 * its stdin closes, so a crashed test never leaves it behind.
 */
#pragma once

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  GSubprocess *proc;
  guint16      port;
  char        *root;     /* http://127.0.0.1:port */
} HapiTestServer;

static inline void
hapi_test_server_start (HapiTestServer *s)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "hapi-server.py", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  const char *fixtures = g_getenv ("CUSP_FIXTURES");

  s->proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              "python3", script, fixtures != NULL ? fixtures : ".", "300", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s->proc));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_cmpint (atoi (line), >, 0);
  s->port = (guint16) atoi (line);
  s->root = g_strdup_printf ("http://127.0.0.1:%s", line);
}

static inline void
hapi_test_server_stop (HapiTestServer *s)
{
  g_subprocess_force_exit (s->proc);
  g_subprocess_wait (s->proc, NULL, NULL);
  g_clear_object (&s->proc);
  g_clear_pointer (&s->root, g_free);
}

/* The server's request count for key (a path, "data:<dataset>"...). */
static inline int
hapi_test_server_count (HapiTestServer *s,
                        const char     *key)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) conn = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GByteArray) body = g_byte_array_new ();
  g_autofree char *pattern = g_strdup_printf ("\"%s\": ", key);
  const char *request = "GET /counts HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  char buf[4096];
  gssize n;
  const char *hit;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", s->port, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                                            request, strlen (request), NULL, NULL, &error));
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)),
                                   buf, sizeof buf, NULL, &error)) > 0)
    g_byte_array_append (body, (const guint8 *) buf, (guint) n);
  g_assert_no_error (error);
  g_byte_array_append (body, (const guint8 *) "", 1);
  hit = strstr ((const char *) body->data, pattern);
  return hit ? atoi (hit + strlen (pattern)) : 0;
}
