#define G_LOG_DOMAIN "cusp-dump-command"

#include "config.h"

#include "cusp-dump-command.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cusp-cdf.h"
#include "cusp-cli.h"
#include "cusp-cli-private.h"
#include "cusp-csv-reader.h"
#include "cusp-istp.h"

/* Records read per block, so a long variable never sits whole in memory. */
#define BLOCK_RECORDS 4096

/* Shown above the variable list: what a reader needs to credit and place
 * the file (NASA data policies ask for Acknowledgement and PI_name). */
static const char *const summary_attributes[] = {
  "Logical_source", "Logical_source_description", "Mission_group",
  "PI_name", "PI_affiliation", "Acknowledgement", "Rules_of_use",
};

typedef struct
{
  const char  *path;
  char       **variables;
  gboolean     all_attributes;
  gboolean     has_range;
  CuspTime     start, stop;
} DumpOptions;

/* A variable asked for: one CSV column per component. */
typedef struct
{
  const CuspCdfVariableInfo *info;
  gboolean                   as_time;   /* scalar time variable: ISO text */
  CuspCdfValues             *fixed;     /* non-record-varying: record 0 */
} DumpVariable;

static gboolean
is_csv_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".txt");
}

/* CSV fields with a separator, quote or line break are quoted. */
static void
append_field (GString    *line,
              const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/* Locale-independent, and enough digits to read the stored value back:
 * 9 for single precision, 17 for double. */
static void
append_double (GString *line,
               double   value,
               gboolean single)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (line, g_ascii_formatd (buf, sizeof buf, single ? "%.9g" : "%.17g", value));
}

static void
append_time (GString  *line,
             CuspTime  t)
{
  char buf[48];

  if (t == CUSP_TIME_INVALID)
    {
      g_string_append (line, "NaT");
      return;
    }
  cusp_time_format_iso_buf (t, 9, TRUE, buf);
  g_string_append (line, buf);
}

static void
write_line (GString *line)
{
  g_string_append_c (line, '\n');
  fwrite (line->str, 1, line->len, stdout);
  g_string_truncate (line, 0);
}

static char *
format_dims (guint        n_dims,
             const guint *dims)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < n_dims; i++)
    g_string_append_printf (s, i == 0 ? "%u" : ",%u", dims[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static char *
format_values (const CuspCdfValues *values)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < values->n_values; i++)
    {
      if (i > 0)
        g_string_append_c (s, values->kind == CUSP_CDF_VALUE_STRING ? ' ' : ',');
      if (values->kind == CUSP_CDF_VALUE_STRING)
        g_string_append (s, values->strings[i]);
      else if (values->kind == CUSP_CDF_VALUE_INT64)
        g_string_append_printf (s, "%" G_GINT64_FORMAT, values->ints[i]);
      else
        append_double (s, values->doubles[i], values->type == CUSP_CDF_REAL4
                                              || values->type == CUSP_CDF_FLOAT);
    }
  return g_string_free (s, FALSE);
}

static void
print_attribute (const CuspCdfAttribute *attribute,
                 gboolean                skip_empty)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < attribute->n_entries; i++)
    {
      g_autofree char *text = format_values (attribute->entries[i]);

      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, text);
    }
  g_strdelimit (s->str, "\r\n", ' ');
  if (s->len > 0 || !skip_empty)
    g_print ("# %s: %s\n", attribute->name, s->str);
  g_string_free (s, TRUE);
}

static void
print_cdf_header (CuspCdfFile *file,
                  gboolean     all_attributes)
{
  g_autofree char *base = g_path_get_basename (cusp_cdf_file_get_path (file));
  int version, release, increment;

  cusp_cdf_file_get_version (file, &version, &release, &increment);
  /* Translators: "# File: x.cdf (CDF 3.6.0, column-major, 18 variables)" */
  g_print (_("# File: %s (CDF %d.%d.%d, %s, %u variables)\n"), base,
           version, release, increment,
           cusp_cdf_file_is_row_major (file) ? _("row-major") : _("column-major"),
           cusp_cdf_file_get_n_variables (file));

  if (all_attributes)
    {
      for (guint i = 0; i < cusp_cdf_file_get_n_global_attributes (file); i++)
        print_attribute (cusp_cdf_file_get_global_attribute (file, i), FALSE);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (summary_attributes); i++)
    {
      const CuspCdfAttribute *a = cusp_cdf_file_lookup_global_attribute (file, summary_attributes[i]);

      if (a != NULL)
        print_attribute (a, TRUE);
    }
}

/* "line (4)", "spectrogram (32)" or "-": what the inventory would offer. */
static char *
describe_plot (CuspCdfFile *file,
               const char  *variable)
{
  g_autoptr(CuspIstpProduct) product = cusp_istp_describe (file, variable, NULL);

  if (product == NULL)
    return g_strdup ("-");
  return g_strdup_printf ("%s (%u)",
                          product->kind == CUSP_DATA_KIND_SPECTROGRAM ? "spectrogram" : "line",
                          product->n_components);
}

static GPtrArray *
new_table (void)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *headings[7] = {
    _("VARIABLE"), _("TYPE"), _("DIMS"), _("RECORDS"), _("ROLE"), _("PLOT"), NULL,
  };

  g_ptr_array_add (rows, g_strdupv ((char **) headings));
  return rows;
}

/* Columns aligned on the widest cell, counted in characters. */
static void
print_table (GPtrArray *rows)
{
  int width[5] = { 0 };

  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < 5; c++)
      width[c] = MAX (width[c], (int) g_utf8_strlen (((char **) rows->pdata[r])[c], -1));

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < 5; c++)
        {
          g_string_append (line, row[c]);
          for (int pad = g_utf8_strlen (row[c], -1); pad < width[c] + 2; pad++)
            g_string_append_c (line, ' ');
        }
      g_string_append (line, row[5]);
      write_line (line);
    }
}

static char **
new_row (const char *name,
         char       *type,
         char       *dims,
         char       *records,
         const char *role,
         char       *plot)
{
  char **row = g_new0 (char *, 7);

  row[0] = g_strdup (name);
  row[1] = type;
  row[2] = dims;
  row[3] = records;
  row[4] = g_strdup (role);
  row[5] = plot;
  return row;
}

/* Columns: name, type, shape, records, ISTP role, plot.  The cells are
 * file vocabulary (CDF types, VAR_TYPE values) and stay untranslated so
 * scripts can read them in any locale. */
static void
list_cdf (CuspCdfFile *file,
          gboolean     all_attributes)
{
  g_autoptr(GPtrArray) rows = new_table ();

  print_cdf_header (file, all_attributes);
  for (guint i = 0; i < cusp_cdf_file_get_n_variables (file); i++)
    {
      const CuspCdfVariableInfo *v = cusp_cdf_file_get_variable (file, i);
      const char *role = cusp_istp_get_string (file, v->name, "VAR_TYPE");
      const char *type = cusp_cdf_type_name (v->type);

      g_ptr_array_add (rows, new_row (v->name,
                                      cusp_cdf_type_is_string (v->type) && v->num_elems > 1
                                      ? g_strdup_printf ("%s*%u", type, v->num_elems)
                                      : g_strdup (type != NULL ? type : "?"),
                                      format_dims (v->n_dims, v->dims),
                                      g_strdup_printf ("%" G_GINT64_FORMAT "%s", v->n_records,
                                                       v->record_varying ? "" : " NRV"),
                                      role != NULL ? role : "-",
                                      describe_plot (file, v->name)));
    }
  print_table (rows);
}

/* ---- CDF values ---------------------------------------------------------- */

/* The variable holding a variable's times: itself for a time variable,
 * else DEPEND_0; NULL when it has none (support data such as energies). */
static const CuspCdfVariableInfo *
time_axis_of (CuspCdfFile               *file,
              const CuspCdfVariableInfo *v)
{
  const char *depend;

  if (!v->record_varying)
    return NULL;
  if (cusp_cdf_type_is_time (v->type) && v->values_per_record == 1)
    return v;
  depend = cusp_istp_get_string (file, v->name, "DEPEND_0");
  if (depend == NULL)
    return NULL;
  return cusp_cdf_file_lookup_variable (file, depend);
}

static void
append_headers (GString                   *line,
                CuspCdfFile               *file,
                const CuspCdfVariableInfo *v)
{
  const char *label_var = cusp_istp_get_string (file, v->name, "LABL_PTR_1");
  g_autoptr(CuspCdfValues) labels = NULL;

  if (v->values_per_record == 1)
    {
      g_string_append_c (line, ',');
      append_field (line, v->name);
      return;
    }
  if (label_var != NULL)
    labels = cusp_cdf_file_read (file, label_var, 0, 0, NULL);
  if (labels != NULL && (labels->kind != CUSP_CDF_VALUE_STRING
                         || labels->n_values != v->values_per_record))
    g_clear_pointer (&labels, cusp_cdf_values_free);

  for (gsize k = 0; k < v->values_per_record; k++)
    {
      g_autofree char *name = labels != NULL && labels->strings[k][0] != '\0'
                              ? g_strdup (labels->strings[k])
                              : g_strdup_printf ("%s[%" G_GSIZE_FORMAT "]", v->name, k);

      g_string_append_c (line, ',');
      append_field (line, name);
    }
}

static void
append_value (GString             *line,
              const CuspCdfValues *values,
              gsize                index)
{
  g_string_append_c (line, ',');
  switch (values->kind)
    {
    case CUSP_CDF_VALUE_STRING:
      append_field (line, values->strings[index]);
      break;
    case CUSP_CDF_VALUE_INT64:
      g_string_append_printf (line, "%" G_GINT64_FORMAT, values->ints[index]);
      break;
    case CUSP_CDF_VALUE_DOUBLE:
    default:
      append_double (line, values->doubles[index],
                     values->type == CUSP_CDF_REAL4 || values->type == CUSP_CDF_FLOAT);
      break;
    }
}

static gboolean
check_variables (CuspCdfFile                *file,
                 const DumpOptions          *options,
                 GArray                     *columns,
                 const CuspCdfVariableInfo **axis)
{
  *axis = NULL;
  for (guint i = 0; options->variables[i] != NULL; i++)
    {
      const char *name = options->variables[i];
      DumpVariable d = { 0 };
      const CuspCdfVariableInfo *t;

      d.info = cusp_cdf_file_lookup_variable (file, name);
      if (d.info == NULL)
        {
          _cusp_cli_print_error (_("%s has no variable “%s”; run “cusp dump %s” to list them"),
                                 options->path, name, options->path);
          return FALSE;
        }
      d.as_time = cusp_cdf_type_is_time (d.info->type) && d.info->values_per_record == 1;
      g_array_append_val (columns, d);
      t = time_axis_of (file, d.info);
      if (t == NULL)
        continue;
      if (*axis != NULL && *axis != t)
        {
          _cusp_cli_print_error (_("“%s” is on the time axis %s, not %s like the variables before it; "
                                   "dump them in separate commands"),
                                 name, t->name, (*axis)->name);
          return FALSE;
        }
      *axis = t;
    }
  if (*axis == NULL && options->has_range)
    {
      _cusp_cli_print_error (_("--start and --stop need a variable with a time axis (DEPEND_0); "
                               "drop them to print every record"));
      return FALSE;
    }
  return TRUE;
}

/* Reads records [first, last] of every column; a non-record-varying
 * variable repeats its single record. */
static gboolean
dump_block (CuspCdfFile               *file,
            const CuspCdfVariableInfo *axis,
            GArray                    *columns,
            gint64                     first,
            gint64                     last,
            GString                   *line,
            GError                   **error)
{
  g_autofree CuspTime *times = NULL;
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_cdf_values_free);
  gsize n_times = 0;

  if (axis != NULL)
    {
      times = cusp_cdf_file_read_times (file, axis->name, first, last, &n_times, error);
      if (times == NULL)
        return FALSE;
    }
  for (guint c = 0; c < columns->len; c++)
    {
      const DumpVariable *d = &g_array_index (columns, DumpVariable, c);
      CuspCdfValues *values = NULL;

      if (d->info->record_varying && !d->as_time && first < d->info->n_records)
        {
          values = cusp_cdf_file_read (file, d->info->name, first,
                                       MIN (last, d->info->n_records - 1), error);
          if (values == NULL)
            return FALSE;
        }
      g_ptr_array_add (blocks, values);
    }

  for (gint64 r = first; r <= last; r++)
    {
      if (times != NULL)
        append_time (line, times[r - first]);
      else
        g_string_append_printf (line, "%" G_GINT64_FORMAT, r);

      for (guint c = 0; c < columns->len; c++)
        {
          const DumpVariable *d = &g_array_index (columns, DumpVariable, c);
          const CuspCdfValues *values = blocks->pdata[c];
          gsize vpr = d->info->values_per_record;

          if (d->as_time && times != NULL)
            {
              g_string_append_c (line, ',');
              append_time (line, times[r - first]);
            }
          else if (values == NULL && d->fixed != NULL)
            for (gsize k = 0; k < vpr; k++)
              append_value (line, d->fixed, k);
          else if (values != NULL && r - first < (gint64) (values->n_values / MAX (vpr, 1)))
            for (gsize k = 0; k < vpr; k++)
              append_value (line, values, (gsize) (r - first) * vpr + k);
          else
            for (gsize k = 0; k < vpr; k++)
              g_string_append_c (line, ',');
        }
      write_line (line);
    }
  return TRUE;
}

static gboolean
record_range (CuspCdfFile               *file,
              const CuspCdfVariableInfo *axis,
              GArray                    *columns,
              const DumpOptions         *options,
              gint64                    *first,
              gint64                    *last,
              GError                   **error)
{
  *first = 0;
  *last = -1;
  if (axis != NULL)
    *last = axis->n_records - 1;
  else
    for (guint c = 0; c < columns->len; c++)
      *last = MAX (*last, g_array_index (columns, DumpVariable, c).info->n_records - 1);

  if (axis == NULL || !options->has_range)
    return TRUE;
  return cusp_cdf_file_find_records (file, axis->name, options->start, options->stop,
                                     first, last, error);
}

static void
dump_variable_clear (DumpVariable *d)
{
  g_clear_pointer (&d->fixed, cusp_cdf_values_free);
}

static int
dump_cdf (CuspCdfFile       *file,
          const DumpOptions *options)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (DumpVariable));
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const CuspCdfVariableInfo *axis;
  gint64 first, last;

  g_array_set_clear_func (columns, (GDestroyNotify) dump_variable_clear);
  if (!check_variables (file, options, columns, &axis))
    return CUSP_EXIT_USAGE;

  for (guint c = 0; c < columns->len; c++)
    {
      DumpVariable *d = &g_array_index (columns, DumpVariable, c);

      if (d->info->record_varying || d->info->n_records == 0)
        continue;
      d->fixed = cusp_cdf_file_read (file, d->info->name, 0, 0, &error);
      if (d->fixed == NULL)
        goto failed;
    }

  if (!record_range (file, axis, columns, options, &first, &last, &error))
    goto failed;

  g_string_append (line, axis != NULL ? axis->name : "record");
  for (guint c = 0; c < columns->len; c++)
    append_headers (line, file, g_array_index (columns, DumpVariable, c).info);
  write_line (line);

  for (gint64 block = first; block <= last; block += BLOCK_RECORDS)
    if (!dump_block (file, axis, columns, block, MIN (last, block + BLOCK_RECORDS - 1), line, &error))
      goto failed;
  return 0;

failed:
  _cusp_cli_print_error (_("cannot read %s: %s"), options->path, error->message);
  return CUSP_EXIT_FAILURE;
}

/* ---- CSV files ------------------------------------------------------------ */

static void
list_csv (const char *path,
          CuspSeries *series)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GPtrArray) rows = new_table ();

  g_print (_("# File: %s (CSV, %u value columns)\n"), base, series->n_components);
  g_ptr_array_add (rows, new_row ("time", g_strdup ("time"), g_strdup ("[]"),
                                  g_strdup_printf ("%u", series->n_samples),
                                  "support_data", g_strdup ("-")));
  for (guint c = 0; c < series->n_components; c++)
    g_ptr_array_add (rows, new_row (series->labels[c], g_strdup ("double"), g_strdup ("[]"),
                                    g_strdup_printf ("%u", series->n_samples),
                                    "data", g_strdup ("line (1)")));
  print_table (rows);
}

static gboolean
find_csv_column (CuspSeries *series,
                 const char *name,
                 guint      *column)
{
  for (guint c = 0; c < series->n_components; c++)
    {
      if (g_strcmp0 (series->labels[c], name) == 0)
        {
          *column = c;
          return TRUE;
        }
    }
  return FALSE;
}

static int
dump_csv (CuspSeries        *series,
          const DumpOptions *options)
{
  g_autoptr(GArray) picked = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) line = g_string_new ("time");
  guint first = 0, end = series->n_samples;

  for (guint i = 0; options->variables[i] != NULL; i++)
    {
      guint c;

      if (!find_csv_column (series, options->variables[i], &c))
        {
          _cusp_cli_print_error (_("%s has no column “%s”; run “cusp dump %s” to list them"),
                                 options->path, options->variables[i], options->path);
          return CUSP_EXIT_USAGE;
        }
      g_array_append_val (picked, c);
      g_string_append_c (line, ',');
      append_field (line, series->labels[c]);
    }
  write_line (line);

  if (options->has_range)
    {
      first = cusp_series_lower_bound (series, options->start);
      end = cusp_series_lower_bound (series, options->stop);
    }
  for (guint i = first; i < end; i++)
    {
      append_time (line, series->times[i]);
      for (guint k = 0; k < picked->len; k++)
        {
          g_string_append_c (line, ',');
          append_double (line, cusp_series_column (series, g_array_index (picked, guint, k))[i], FALSE);
        }
      write_line (line);
    }
  return 0;
}

/* ---- Command ------------------------------------------------------------- */

static gboolean
parse_range (const char  *start_text,
             const char  *stop_text,
             DumpOptions *options)
{
  const char *texts[2] = { start_text, stop_text };
  const char *names[2] = { "--start", "--stop" };
  CuspTime *outs[2] = { &options->start, &options->stop };

  options->start = CUSP_TIME_MIN;
  options->stop = CUSP_TIME_MAX;
  options->has_range = start_text != NULL || stop_text != NULL;
  for (guint i = 0; i < 2; i++)
    if (texts[i] != NULL && !_cusp_cli_parse_time (names[i], texts[i], outs[i]))
      return FALSE;
  if (options->stop <= options->start)
    {
      _cusp_cli_print_error (_("--stop (%s) must be after --start (%s)"), stop_text, start_text);
      return FALSE;
    }
  return TRUE;
}

static int
run_on_file (const DumpOptions *options)
{
  g_autoptr(GError) error = NULL;

  if (is_csv_path (options->path))
    {
      g_autoptr(CuspSeries) series = cusp_csv_read_file (options->path, &error);

      if (series == NULL)
        {
          _cusp_cli_print_error (_("cannot read %s: %s"), options->path, error->message);
          return CUSP_EXIT_FAILURE;
        }
      if (options->variables[0] == NULL)
        return list_csv (options->path, series), 0;
      return dump_csv (series, options);
    }
  else
    {
      g_autoptr(CuspCdfFile) file = cusp_cdf_file_open (options->path, &error);

      if (file == NULL)
        {
          _cusp_cli_print_error (_("cannot read %s: %s"), options->path, error->message);
          return CUSP_EXIT_FAILURE;
        }
      if (options->variables[0] == NULL)
        return list_cdf (file, options->all_attributes), 0;
      return dump_cdf (file, options);
    }
}

int
_cusp_dump_command_run (char **args)
{
  g_autofree char *start_text = NULL, *stop_text = NULL;
  g_auto(GStrv) remaining = NULL;
  gboolean all_attributes = FALSE;
  GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text,
      N_("Print only records at or after this UTC time (e.g. 2015-10-17T13:00:00Z)"), N_("TIME") },
    { "stop", 0, 0, G_OPTION_ARG_STRING, &stop_text,
      N_("Print only records before this UTC time; must be after --start"), N_("TIME") },
    { "attributes", 0, 0, G_OPTION_ARG_NONE, &all_attributes,
      N_("With the variable list, print every global attribute of a CDF file"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL,
      N_("FILE [VARIABLE…]") },
    G_OPTION_ENTRY_NULL
  };
  DumpOptions options = { 0 };
  char *no_variables[] = { NULL };

  if (!_cusp_cli_parse_options ("dump",
                                _("List the variables of a CDF or CSV file, or print the values "
                                  "of some of them as CSV (time first, UTC)."),
                                entries, args))
    return CUSP_EXIT_USAGE;
  if (remaining == NULL || remaining[0] == NULL)
    {
      _cusp_cli_print_error (_("no file given: run “cusp dump FILE” to list its variables"));
      return CUSP_EXIT_USAGE;
    }
  if (!parse_range (start_text, stop_text, &options))
    return CUSP_EXIT_USAGE;

  options.path = remaining[0];
  options.variables = remaining[1] != NULL ? remaining + 1 : no_variables;
  options.all_attributes = all_attributes;
  return run_on_file (&options);
}
