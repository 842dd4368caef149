#define G_LOG_DOMAIN "cusp"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cusp-application.h"
#include "cusp-cli.h"

/* Run from the build tree, nothing is installed under LOCALEDIR yet and the
 * compiled catalogues sit in <build>/po.  French is always shipped
 * (po/LINGUAS), so its catalogue tells whether an installed copy exists. */
static const char *
pick_localedir (void)
{
  g_autofree char *installed = g_build_filename (LOCALEDIR, "fr", "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (installed, G_FILE_TEST_EXISTS) &&
      g_file_test (CUSP_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return CUSP_BUILD_LOCALEDIR;

  return LOCALEDIR;
}

static void
setup_i18n (void)
{
  const char *locale = setlocale (LC_ALL, "");

  /* gettext ignores LANGUAGE in the plain C locale.  C.UTF-8 has the same
   * conventions and lets `LANGUAGE=fr cusp` work on systems without
   * generated locales. */
  if ((locale == NULL || strcmp (locale, "C") == 0) && g_getenv ("LANGUAGE") != NULL)
    setlocale (LC_ALL, "C.UTF-8");

  bindtextdomain (GETTEXT_PACKAGE, pick_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* GApplication's uniqueness needs the D-Bus session bus.  Where there is
 * none (a bare X server, xvfb-run, ssh -X) registering fails with a
 * warning; running as a non-unique instance is then what happens anyway,
 * so ask for it and skip the warning. */
static gboolean
have_session_bus (void)
{
  const char *runtime = g_get_user_runtime_dir ();
  g_autofree char *socket = g_build_filename (runtime, "bus", NULL);

  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL || g_file_test (socket, G_FILE_TEST_EXISTS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CuspApplication) app = NULL;
  g_autofree char *screenshot_path = NULL;
  g_auto(GStrv) open_paths = NULL;
  g_autoptr(GPtrArray) app_argv = g_ptr_array_new ();
  gboolean session_bus = have_session_bus ();
  int status;

  setup_i18n ();

  if (cusp_cli_run_with_files (argc, argv, &screenshot_path, &open_paths, &status))
    return status;

  /* The locale is already set up; GTK must not reset it. */
  gtk_disable_setlocale ();

  app = cusp_application_new ();
  if (screenshot_path != NULL)
    cusp_application_set_screenshot_path (app, screenshot_path);
  /* Without a session bus the accessibility bus (AT-SPI) cannot be
   * reached either; GTK would warn about it at every start. */
  if (!session_bus)
    g_setenv ("GTK_A11Y", "none", FALSE);
  /* A screenshot must come from this process, not an already running one. */
  if (screenshot_path != NULL || !session_bus)
    g_application_set_flags (G_APPLICATION (app),
                             g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);

  /* The command line was parsed above; GApplication only sees the program
   * and the files to open, which it hands to ::open (in this process or
   * in the instance already running). */
  g_ptr_array_add (app_argv, argv[0]);
  for (guint i = 0; open_paths != NULL && open_paths[i] != NULL; i++)
    g_ptr_array_add (app_argv, open_paths[i]);
  g_ptr_array_add (app_argv, NULL);
  status = g_application_run (G_APPLICATION (app), app_argv->len - 1, (char **) app_argv->pdata);
  if (status == 0)
    status = cusp_application_get_exit_status (app);

  return status;
}
