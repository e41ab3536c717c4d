// Charts of the report as SVG written by the project: deterministic (the same
// input gives the same bytes), self-contained (no script, no external font or
// asset; inline styles), readable without JavaScript, with round axis ticks,
// a legend and numbers as the document's language writes them
// (format_doc_number: decimal comma, no-break space, real minus sign in
// Swedish). The same SVG goes into the HTML (inline), the PDF and Word (as a
// file, with a PNG made by rsvg-convert beside it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/text.hpp"

namespace hemsim::chart {

/// What every chart has: a title, the unit of its value axis ("mkr", "tkr",
/// "klienter"), the values' scale (a value v is drawn as v / divisor: 1e6 for
/// mkr) and the language of its numbers and legend. A chart grows beyond
/// width × height when its rows, legend or labels need the room; a divisor
/// that is not finite and positive counts as 1.
///
/// Every chart skips NaN and infinite values; with nothing left to draw (no
/// categories, rows or known values) it is a valid SVG saying so ("Inget att
/// visa"). Elements carry a class for tests and page styles ("hemsim-bar",
/// "hemsim-cell", ...); nothing depends on it.
struct frame {
    std::string title;
    std::string unit;
    double divisor = 1;
    language lang = language::sv;
    double width = 640, height = 320;  // px
};

/// One series of a bar or line chart: a value per category with the 95 %
/// interval of its mean and the p05–p95 spread (NaN where not shown).
struct series {
    std::string name;
    std::vector<double> mean, ci_low, ci_high, p05, p95;
    std::vector<double> p50 = {};  // the median; drawn by fan_svg only (empty: none)
};

/// Grouped vertical bars (a group per category, a bar per series) with the
/// interval of the mean as a whisker and the p05–p95 spread as a lighter
/// band behind each bar; a zero line when values are negative.
std::string bars_svg(const frame& f, const std::vector<std::string>& categories,
                     const std::vector<series>& s);

/// A line over points 1..N (months) with the p05–p95 spread as a band, a zero
/// line, x labels every `label_every` points (`x_labels[i]` of point i, e.g.
/// "2009-03"; label_every 0: as many as fit), and optionally a vertical marker
/// at a point with a label ("Återbetald 2009-03"; none when beyond the points).
struct marker {
    std::size_t point = 0;  // 0-based
    std::string label;
};
std::string line_svg(const frame& f, const std::vector<std::string>& x_labels, const series& s,
                     std::size_t label_every, const std::optional<marker>& m);

/// A fan chart: line_svg for several series over the same points, each in its
/// colour with its p05–p95 spread as a light band ("hemsim-band"), the 95 %
/// interval of its mean as a darker one ("hemsim-ci"), the mean as a solid
/// line ("hemsim-line") and the median dashed ("hemsim-median"); a vector left
/// empty is not drawn. Bands lie under every line; one legend for all.
std::string fan_svg(const frame& f, const std::vector<std::string>& x_labels, const std::vector<series>& s,
                    std::size_t label_every, const std::optional<marker>& m);

/// A tornado: one horizontal bar per row from `low` to `high` around `base`
/// (the value at the means), rows in the given order (largest swing first),
/// each labelled on the left (cut with "…" beyond 35 % of the width) and with
/// its two end values; at least 18 px a row. Nothing to show when `base` is
/// not finite.
struct tornado_bar {
    std::string label;
    double low = 0, high = 0;         // the chart's value at the parameter's low and high value
    std::string low_text, high_text;  // the parameter's values, as shown beside the ends ("30", "75")
};
std::string tornado_svg(const frame& f, double base, const std::vector<tornado_bar>& rows);

/// Stacked vertical bars: a stack per category (year), a segment per part
/// (payer or cost category); positive parts stack up from zero, negative
/// ones down; a legend of the parts; a dot for each category's net total.
struct part {
    std::string name;
    std::vector<double> values;  // per category
};
std::string stacked_svg(const frame& f, const std::vector<std::string>& categories,
                        const std::vector<part>& parts);

/// A heat map of z[y][x] over two axes (a sweep over two model values), a
/// diverging colour scale centred on zero (savings one colour, costs
/// another), each cell with its value as text, axis titles and a colour key.
/// With one axis, y_labels has one empty entry. Row 0 is at the top, as in the
/// tables; unknown cells are grey; cells are 20–40 px tall and the chart as
/// tall as they need.
std::string heat_map_svg(const frame& f, const std::string& x_title, const std::vector<std::string>& x_labels,
                         const std::string& y_title, const std::vector<std::string>& y_labels,
                         const std::vector<std::vector<double>>& z);

/// Round ticks for an axis over [lo, hi]: 1, 2 or 5 times a power of ten
/// apart, about `target` (1–50) of them, covering the range (what every chart
/// uses); 0 among them when the range spans it, never more than 100. One value
/// (lo == hi) gives ticks from 0 to it; a non-finite end takes the other's
/// value (both: [0, 1]); values beyond ±1e300 are clamped.
std::vector<double> nice_ticks(double lo, double hi, int target = 5);

/// Text for XML: & < > " escaped; control characters other than tab, CR and
/// LF (not allowed in XML 1.0) dropped.
std::string xml_escape(const std::string& s);

}  // namespace hemsim::chart
