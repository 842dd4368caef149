#define G_LOG_DOMAIN "cusp-selection-validate"

#include "config.h"

#include "cusp-selection-validate.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

void
cusp_validation_limits_init (CuspValidationLimits *limits)
{
  static const double category_min[CUSP_N_FOM_CATEGORIES] = { 200, 150, 100, 50, 0 };

  g_return_if_fail (limits != NULL);

  limits->fom_min = 0;
  limits->fom_max = 255;
  limits->fom_gmax = 200;
  limits->seg_min = 1;
  limits->seg_max = 60;
  limits->nominal_min = 2;
  limits->nominal_max = 35;
  limits->buff_max = 1000;
  limits->p1_percent = 33;
  limits->p1_fom_min = 150;
  limits->p1_fom_max = 200;
  limits->new_fom = 40;
  memcpy (limits->category_min, category_min, sizeof category_min);
  limits->category_top = 256;
}

void
cusp_selection_problem_free (CuspSelectionProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray           *problems,
             CuspProblemSeverity  severity,
             int                  segment,
             char                *message)
{
  CuspSelectionProblem *problem = g_new0 (CuspSelectionProblem, 1);

  problem->severity = severity;
  problem->segment = segment;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

/* EVA lists the offending segments by time after its message. */
static void
add_segment_problem (GPtrArray              *problems,
                     CuspProblemSeverity     severity,
                     const CuspBurstSegment *segments,
                     guint                   index,
                     const char             *header)
{
  char when[40];

  cusp_time_format_iso_buf (cusp_time_from_tai_seconds (segments[index].start), 0, FALSE, when);
  when[10] = ' ';
  add_problem (problems, severity, (int) index, g_strconcat (header, when, NULL));
}

static gboolean
fom_out_of_bounds (const CuspBurstSegment     *s,
                   const CuspValidationLimits *l)
{
  return !(s->fom >= l->fom_min && s->fom <= l->fom_max);
}

static gboolean
ordered (const CuspBurstSegment *s)
{
  return s->stop > s->start;
}

static gboolean
length_out_of_bounds (const CuspBurstSegment     *s,
                      const CuspValidationLimits *l)
{
  guint n = cusp_burst_segment_n_buffers (s);

  return ordered (s) && (n < l->seg_min || n > l->seg_max);
}

static gboolean
start_after_stop (const CuspBurstSegment     *s,
                  const CuspValidationLimits *l G_GNUC_UNUSED)
{
  return !ordered (s);
}

static gboolean
above_gmax (const CuspBurstSegment     *s,
            const CuspValidationLimits *l)
{
  return s->fom > l->fom_gmax;
}

static gboolean
outside_nominal (const CuspBurstSegment     *s,
                 const CuspValidationLimits *l)
{
  guint n = cusp_burst_segment_n_buffers (s);

  return ordered (s) && !length_out_of_bounds (s, l)
         && (n < l->nominal_min || n > l->nominal_max);
}

static void
run_check (GPtrArray                  *problems,
           const CuspBurstSegment     *segments,
           guint                       n_segments,
           const CuspValidationLimits *limits,
           CuspProblemSeverity         severity,
           gboolean                  (*test) (const CuspBurstSegment *, const CuspValidationLimits *),
           const char                 *header)
{
  for (guint i = 0; i < n_segments; i++)
    if (test (&segments[i], limits))
      add_segment_problem (problems, severity, segments, i, header);
}

static void
check_totals (GPtrArray                  *problems,
              const CuspBurstSegment     *segments,
              guint                       n_segments,
              const CuspValidationLimits *limits,
              gboolean                    buffers_pass)
{
  guint64 total = 0, p1 = 0;

  for (guint i = 0; i < n_segments; i++)
    {
      guint n = cusp_burst_segment_n_buffers (&segments[i]);

      total += n;
      if (segments[i].fom >= limits->p1_fom_min && segments[i].fom < limits->p1_fom_max)
        p1 += n;
    }

  if (buffers_pass && total > limits->buff_max)
    add_problem (problems, CUSP_PROBLEM_ORANGE, -1,
                 g_strdup_printf (_("Submission needs SuperSITL Approval! Number of buffers exceeds maximum (%u)!"),
                                  limits->buff_max));
  if (!buffers_pass && limits->buff_max > 0
      && (double) p1 / limits->buff_max > limits->p1_percent / 100.0)
    add_problem (problems, CUSP_PROBLEM_YELLOW, -1,
                 g_strdup (_("Warning - number of buffers with priority 1 events larger than nominal. "
                             "Priority 1 events are reserved for the events most likely to be diffusion "
                             "region crossings. This selection requires justification!")));
}

GPtrArray *
cusp_selection_validate (const CuspBurstSegment     *segments,
                         guint                       n_segments,
                         const CuspValidationLimits *limits)
{
  CuspValidationLimits defaults;
  GPtrArray *problems;
  g_autofree char *fom_bounds = NULL;
  g_autofree char *seg_bounds = NULL;
  g_autofree char *gmax = NULL;
  g_autofree char *nominal = NULL;

  g_return_val_if_fail (segments != NULL || n_segments == 0, NULL);

  if (limits == NULL)
    {
      cusp_validation_limits_init (&defaults);
      limits = &defaults;
    }
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) cusp_selection_problem_free);

  fom_bounds = g_strdup_printf (_("ERROR: FOM value at following times out of bounds (%g to %g): "),
                                limits->fom_min, limits->fom_max);
  seg_bounds = g_strdup_printf (_("ERROR: Segment lengths at following times out of bounds (%u to %u): "),
                                limits->seg_min, limits->seg_max);
  gmax = g_strdup_printf (_("Submission needs SuperSITL Approval! FOM value at the following times exceeds "
                            "recommended value (%g) and should be reserved for the highest priority events "
                            "or FPI calibrations: "), limits->fom_gmax);
  nominal = g_strdup_printf (_("Warning - segment lengths outside of nominal bounds (%u to %u) at the following "
                               "time_stamps, requires justification: "),
                             limits->nominal_min, limits->nominal_max);

  run_check (problems, segments, n_segments, limits, CUSP_PROBLEM_ERROR, fom_out_of_bounds, fom_bounds);
  run_check (problems, segments, n_segments, limits, CUSP_PROBLEM_ERROR, length_out_of_bounds, seg_bounds);
  run_check (problems, segments, n_segments, limits, CUSP_PROBLEM_ERROR, start_after_stop,
             _("ERROR: Start time must be less than stop time for following selections: "));
  run_check (problems, segments, n_segments, limits, CUSP_PROBLEM_ORANGE, above_gmax, gmax);
  check_totals (problems, segments, n_segments, limits, TRUE);
  run_check (problems, segments, n_segments, limits, CUSP_PROBLEM_YELLOW, outside_nominal, nominal);
  check_totals (problems, segments, n_segments, limits, FALSE);

  return problems;
}

guint
cusp_selection_count_problems (GPtrArray           *problems,
                               CuspProblemSeverity  severity)
{
  guint count = 0;

  g_return_val_if_fail (problems != NULL, 0);

  for (guint i = 0; i < problems->len; i++)
    if (((CuspSelectionProblem *) g_ptr_array_index (problems, i))->severity == severity)
      count++;
  return count;
}

int
cusp_fom_category (double                      fom,
                   const CuspValidationLimits *limits)
{
  CuspValidationLimits defaults;
  double top;

  if (limits == NULL)
    {
      cusp_validation_limits_init (&defaults);
      limits = &defaults;
    }

  top = limits->category_top;
  for (int c = 0; c < CUSP_N_FOM_CATEGORIES; c++)
    {
      if (fom >= limits->category_min[c] && fom < top)
        return c;
      top = limits->category_min[c];
    }
  return -1;
}

void
cusp_selection_category_stats (const CuspBurstSegment     *segments,
                               guint                       n_segments,
                               const CuspValidationLimits *limits,
                               CuspCategoryStats           stats[CUSP_N_FOM_CATEGORIES + 1])
{
  CuspCategoryStats *total = &stats[CUSP_N_FOM_CATEGORIES];

  g_return_if_fail (segments != NULL || n_segments == 0);
  g_return_if_fail (stats != NULL);

  memset (stats, 0, sizeof (CuspCategoryStats) * (CUSP_N_FOM_CATEGORIES + 1));
  for (guint i = 0; i < n_segments; i++)
    {
      int c = cusp_fom_category (segments[i].fom, limits);
      guint n = cusp_burst_segment_n_buffers (&segments[i]);

      if (c < 0)
        continue;
      stats[c].n_segments++;
      stats[c].n_buffers += n;
      total->n_segments++;
      total->n_buffers += n;
    }

  for (int c = 0; c <= CUSP_N_FOM_CATEGORIES; c++)
    {
      /* IDL round(): halves away from zero. */
      stats[c].minutes = (guint) floor (stats[c].n_buffers * 10.0 / 60.0 + 0.5);
      stats[c].percent = total->n_buffers > 0 ? 100.0 * stats[c].n_buffers / total->n_buffers : 0.0;
    }
}
