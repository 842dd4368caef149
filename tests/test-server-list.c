/* test-server-list.c: built-in HAPI servers and the user's list
 *
 * The built-in addresses are those of docs/reference/hapi.md §2.4,
 * written here by hand.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cusp-server-list.h"

static char *
temp_path (char **dir)
{
  *dir = g_dir_make_tmp ("cusp-servers-XXXXXX", NULL);
  g_assert_nonnull (*dir);
  return g_build_filename (*dir, "sub", "servers.ini", NULL);
}

static void
cleanup (const char *dir,
         const char *path)
{
  g_autofree char *sub = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_defaults (void)
{
  static const struct { const char *name, *url, *slug; } expected[] = {
    { "CDAWeb", "https://cdaweb.gsfc.nasa.gov/hapi", "cdaweb" },
    { "AMDA", "https://amda.irap.omp.eu/service/hapi", "amda" },
    { "CSA", "https://csatools.esac.esa.int/HapiServer/hapi", "csa" },
    { "SSCWeb", "http://hapi-server.org/servers/SSCWeb/hapi", "sscweb" },
    { "CCMC iSWA", "https://iswa.gsfc.nasa.gov/hapi", "ccmc-iswa" },
    { "INTERMAGNET", "https://imag-data.bgs.ac.uk/GIN_V1/hapi", "intermagnet" },
  };
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir);
  g_autoptr (CuspServerList) list = cusp_server_list_new_for_path (path);

  g_assert_cmpuint (cusp_server_list_get_n_servers (list), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CuspServer *s = cusp_server_list_get_server (list, i);

      g_assert_cmpstr (s->name, ==, expected[i].name);
      g_assert_cmpstr (s->url, ==, expected[i].url);
      g_assert_cmpstr (s->slug, ==, expected[i].slug);
      g_assert_true (s->builtin);
      g_assert_nonnull (s->description);
    }
  g_assert_true (cusp_server_list_find (list, "cdaweb") == cusp_server_list_get_server (list, 0));
  g_assert_true (cusp_server_list_find (list, "https://cdaweb.gsfc.nasa.gov/hapi/") ==
                 cusp_server_list_get_server (list, 0));
  g_assert_true (cusp_server_list_find (list, "ccmc iswa") == cusp_server_list_get_server (list, 4));
  g_assert_null (cusp_server_list_find (list, "nowhere"));
  /* Loading wrote nothing. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  cleanup (dir, path);
}

static void
on_changed (CuspServerList *list,
            int            *count)
{
  (*count)++;
}

static void
test_add_remove_persist (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir);
  g_autoptr (CuspServerList) list = cusp_server_list_new_for_path (path);
  g_autoptr (CuspServerList) reloaded = NULL;
  g_autoptr (CuspServerList) again = NULL;
  g_autoptr (GError) error = NULL;
  const CuspServer *s;
  int changed = 0;

  g_signal_connect (list, "changed", G_CALLBACK (on_changed), &changed);
  s = cusp_server_list_add (list, "  http://127.0.0.1:8999/v3/hapi/ ", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->url, ==, "http://127.0.0.1:8999/v3/hapi");
  g_assert_cmpstr (s->name, ==, "127.0.0.1");
  g_assert_cmpstr (s->slug, ==, "127-0-0-1");
  g_assert_false (s->builtin);
  s = cusp_server_list_add (list, "https://example.org/lab/hapi", "My lab", "Lab data", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->slug, ==, "my-lab");
  g_assert_cmpint (changed, ==, 2);

  /* Same URL twice. */
  g_assert_null (cusp_server_list_add (list, "https://example.org/lab/hapi/", NULL, NULL, &error));
  g_assert_error (error, CUSP_SERVER_LIST_ERROR, CUSP_SERVER_LIST_ERROR_DUPLICATE);
  g_clear_error (&error);

  reloaded = cusp_server_list_new_for_path (path);
  g_assert_cmpuint (cusp_server_list_get_n_servers (reloaded), ==, 8);
  s = cusp_server_list_get_server (reloaded, 7);
  g_assert_cmpstr (s->name, ==, "My lab");
  g_assert_cmpstr (s->url, ==, "https://example.org/lab/hapi");
  g_assert_cmpstr (s->description, ==, "Lab data");
  g_assert_false (s->builtin);

  g_assert_true (cusp_server_list_remove (reloaded, "http://127.0.0.1:8999/v3/hapi", &error));
  g_assert_no_error (error);
  g_assert_false (cusp_server_list_remove (reloaded, "https://cdaweb.gsfc.nasa.gov/hapi", &error));
  g_assert_error (error, CUSP_SERVER_LIST_ERROR, CUSP_SERVER_LIST_ERROR_BUILTIN);
  g_clear_error (&error);
  g_assert_false (cusp_server_list_remove (reloaded, "https://example.org/other/hapi", &error));
  g_assert_error (error, CUSP_SERVER_LIST_ERROR, CUSP_SERVER_LIST_ERROR_NOT_FOUND);
  g_clear_error (&error);

  again = cusp_server_list_new_for_path (path);
  g_assert_cmpuint (cusp_server_list_get_n_servers (again), ==, 7);
  g_assert_cmpstr (cusp_server_list_get_server (again, 6)->name, ==, "My lab");
  g_assert_null (cusp_server_list_find (again, "http://127.0.0.1:8999/v3/hapi"));
  cleanup (dir, path);
}

static void
test_invalid_urls (void)
{
  static const struct { const char *url, *says; } bad[] = {
    { "not a url", "not a valid URL" },
    { "", "not a valid URL" },
    { "ftp://example.org/hapi", "http:// or https://" },
    { "https://example.org/hapi?x=1", "“?” or “#”" },
    { "https://example.org/data", "ends in /hapi" },
    { "https://example.org/", "ends in /hapi" },
    { "file:///tmp/hapi", "http:// or https://" },
  };
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir);
  g_autoptr (CuspServerList) list = cusp_server_list_new_for_path (path);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (cusp_server_list_add (list, bad[i].url, NULL, NULL, &error));
      g_assert_error (error, CUSP_SERVER_LIST_ERROR, CUSP_SERVER_LIST_ERROR_INVALID_URL);
      g_assert_nonnull (strstr (error->message, bad[i].says));
      g_assert_nonnull (strstr (error->message, "https://cdaweb.gsfc.nasa.gov/hapi"));
    }
  g_assert_cmpuint (cusp_server_list_get_n_servers (list), ==, 6);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  cleanup (dir, path);
}

static void
test_config_dir_and_bad_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cusp-servers-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "servers.ini", NULL);
  g_autoptr (CuspServerList) list = NULL;
  const char *content =
    "[Server 1]\nName=Good\nURL=https://good.example/hapi\n"
    "[Server 2]\nName=Bad\nURL=gopher://bad.example/hapi\n"
    "[Server 3]\nURL=https://cdaweb.gsfc.nasa.gov/hapi\n"
    "[Server 4]\nName=NoUrl\n";

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  g_setenv ("CUSP_CONFIG_DIR", dir, TRUE);
  list = cusp_server_list_new ();
  g_unsetenv ("CUSP_CONFIG_DIR");
  g_assert_cmpstr (cusp_server_list_get_path (list), ==, path);
  /* Only the valid, new entry is kept. */
  g_assert_cmpuint (cusp_server_list_get_n_servers (list), ==, 7);
  g_assert_cmpstr (cusp_server_list_get_server (list, 6)->name, ==, "Good");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_slug (void)
{
  static const char *cases[][2] = {
    { "CDAWeb", "cdaweb" }, { "CCMC iSWA", "ccmc-iswa" }, { "  --x--  ", "x" },
    { "a__b", "a-b" }, { "***", "server" }, { "Été", "t" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = cusp_server_make_slug (cases[i][0]);

      g_assert_cmpstr (slug, ==, cases[i][1]);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cusp/server-list/defaults", test_defaults);
  g_test_add_func ("/cusp/server-list/add-remove-persist", test_add_remove_persist);
  g_test_add_func ("/cusp/server-list/invalid-urls", test_invalid_urls);
  g_test_add_func ("/cusp/server-list/config-dir-and-bad-file", test_config_dir_and_bad_file);
  g_test_add_func ("/cusp/server-list/slug", test_slug);
  return g_test_run ();
}
