/* cusp-colormap.h: colour maps for spectrograms and colour bars
 *
 * A colour map is a 256-entry RGB table (static, never freed).  "viridis"
 * (the default: perceptually uniform, readable in grey and by most colour
 * blind readers) is matplotlib's published table; "jet" is MATLAB's
 * jet(256), computed from its piecewise-linear definition.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CUSP_COLORMAP_SIZE 256

typedef struct _CuspColormap CuspColormap;

/* NULL if there is no such map.  Names are lower case. */
const CuspColormap *cusp_colormap_get_by_name  (const char *name);
const CuspColormap *cusp_colormap_get_default  (void);
/* NULL-terminated list of the known names, default first. */
const char *const  *cusp_colormap_list_names   (void);
const char         *cusp_colormap_get_name     (const CuspColormap *self);

/* Entry index (0..255) of the table, components in [0, 1]. */
void                cusp_colormap_get_entry    (const CuspColormap *self,
                                                guint               index,
                                                double              rgb[3]);

/* v → colour, 8 bits per channel, alpha 255.  The position in the range is
 * (v - vmin) / (vmax - vmin), or the same on log10 of each when log is
 * TRUE; it picks entry floor(f·256) clamped to 0..255 (as matplotlib), so
 * values outside the range take the end colours (v <= 0 on a log scale
 * takes the lowest).  NaN is transparent (all four bytes 0).  A range that
 * cannot be used (vmax <= vmin, not finite, or vmin <= 0 on a log scale)
 * gives every finite value the middle colour, entry 128.  Does not
 * allocate; safe from any thread. */
void                cusp_colormap_map          (const CuspColormap *self,
                                                double              v,
                                                double              vmin,
                                                double              vmax,
                                                gboolean            log,
                                                guint8              rgba[4]);

/* Colours of categories, the distinct values of a text band (added):
 * Tableau 10 (Tableau's default qualitative palette, the one of the
 * lines) by the category's index, cycling after ten.  8 bits per
 * channel. */
#define CUSP_CATEGORY_COLOURS 10
void                cusp_colormap_category_colour   (guint        index,
                                                     guint8       rgb[3]);
/* TRUE when black text on rgb has more contrast than white: WCAG 2.x
 * relative luminance L of the sRGB colour, dark text when
 * (L + 0.05) / 0.05 >= 1.05 / (L + 0.05). */
gboolean            cusp_colormap_prefers_dark_text (const guint8 rgb[3]);

G_END_DECLS
