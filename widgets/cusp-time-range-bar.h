/* cusp-time-range-bar.h: the time range above the plot stack, as text
 *
 * Start and stop entries (any form cusp_time_parse() takes; Enter
 * applies), step buttons that move by one range width, and duration
 * buttons (1 min … 7 d) that keep the centre.  The bar only asks: every
 * change the user makes is emitted as ::range-requested, and the owner
 * answers with cusp_time_range_bar_set_range() once the range is applied.
 * A bad entry keeps the range, turns red (CSS class "error") and says what
 * is wrong in its tooltip.
 */
#pragma once

#include <gtk/gtk.h>

#include "cusp-time.h"

G_BEGIN_DECLS

#define CUSP_TYPE_TIME_RANGE_BAR (cusp_time_range_bar_get_type ())
G_DECLARE_FINAL_TYPE (CuspTimeRangeBar, cusp_time_range_bar, CUSP, TIME_RANGE_BAR, GtkWidget)

GtkWidget *cusp_time_range_bar_new             (void);
/* Shows a range (emits nothing). */
void       cusp_time_range_bar_set_range       (CuspTimeRangeBar *self,
                                                CuspTime          start,
                                                CuspTime          stop);
void       cusp_time_range_bar_get_range       (CuspTimeRangeBar *self,
                                                CuspTime         *start,
                                                CuspTime         *stop);
/* What the buttons and entries do; each may emit ::range-requested. */
void       cusp_time_range_bar_set_duration    (CuspTimeRangeBar *self,
                                                CuspTime          duration);
void       cusp_time_range_bar_step            (CuspTimeRangeBar *self,
                                                int               direction);
/* Parses both entries; FALSE (range kept, error shown) if one is bad. */
gboolean   cusp_time_range_bar_apply_entries   (CuspTimeRangeBar *self);
GtkWidget *cusp_time_range_bar_get_start_entry (CuspTimeRangeBar *self);
GtkWidget *cusp_time_range_bar_get_stop_entry  (CuspTimeRangeBar *self);

G_END_DECLS
