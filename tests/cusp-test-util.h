/* cusp-test-util.h: helpers shared by the tests that need no GTK
 *
 * Running the built `cusp` program with its output captured, and
 * temporary directories.  Link with the `cusp_test_util_dep` dependency of
 * tests/meson.build, which also compiles in the program's path (CUSP_BIN).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *out;
  char *err;
  int   status;   /* exit status, or -1 when killed by a signal */
} CuspTestResult;

void         cusp_test_result_clear (CuspTestResult *r);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CuspTestResult, cusp_test_result_clear)

/* The program under test: $CUSP_BIN if set, else the one just built. */
const char  *cusp_test_bin          (void);

/* Runs cusp with args (NULL-terminated) and extra environment assignments
 * ("NAME=value", NULL-terminated, or NULL); fills r, asserting the program
 * could be started. */
void         cusp_test_run_cusp     (CuspTestResult     *r,
                                     const char * const *env_extra,
                                     const char * const *args);

#define CUSP_TEST_RUN(r, ...) \
  cusp_test_run_cusp ((r), NULL, (const char * const[]) { __VA_ARGS__, NULL })

guint        cusp_test_count_lines  (const char *text);

/* A new directory under the system's temporary directory; asserts. */
char        *cusp_test_make_tmp_dir (const char *tmpl);

/* Removes dir and everything under it. */
void         cusp_test_remove_tree  (const char *dir);

/* Writes contents to dir/name, asserting success; returns the path. */
char        *cusp_test_write_file   (const char *dir,
                                     const char *name,
                                     const char *contents);

G_END_DECLS
