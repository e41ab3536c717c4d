// What the charts of report/svg_chart.cpp share (internal to the report
// layer): coordinates as text, the SVG elements, the value scale with its
// ticks, the value axis, the legend and the palette. Every writer appends to
// a std::string, one element a line, so that the same input gives the same bytes.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "report/svg_chart.hpp"

namespace hemsim::chart::draw {

/// The font size of labels, ticks and legends, px.
constexpr double font_px = 11;

/// A coordinate or length as SVG text: at most one decimal, without a
/// trailing ".0", never "-0"; non-finite as "0"; clamped to ±1e7.
std::string num(double v);

/// Estimated width of UTF-8 text at `size_px` in DejaVu Sans, px.
double text_px(const std::string& s, double size_px = font_px);

/// `s` cut to at most `max_px` at `size_px`, ending in "…" when cut (at least
/// one character and the "…" stay).
std::string fit_text(const std::string& s, double max_px, double size_px = font_px);

/// `sv` or `en` by the chart's language.
inline const char* say(language lang, const char* sv, const char* en) {
    return lang == language::sv ? sv : en;
}

/// The frame made drawable: width and height finite and at least 160 × 120 px
/// (at most 10 000), the divisor finite and positive (else 1).
frame sane(const frame& f);

/// v[i] / divisor, NaN when v has no entry i.
double at(const std::vector<double>& v, std::size_t i, double divisor);

/// The i-th colour of the Okabe–Ito palette without black (7 colours, then again).
std::string colour(std::size_t i);

/// Elements appended to `o`; `attrs` is attribute text with a leading space
/// (` fill="#000000"`); `tip`, when not empty, becomes the element's tooltip.
/// A rect with negative width or height is drawn from its other corner.
void rect(std::string& o, double x, double y, double w, double h, std::string_view attrs,
          const std::string& tip = {});
void line(std::string& o, double x1, double y1, double x2, double y2, std::string_view attrs);
void circle(std::string& o, double cx, double cy, double r, std::string_view attrs,
            const std::string& tip = {});
void text(std::string& o, double x, double y, const std::string& s, std::string_view attrs = {});

/// The start of a w × h px chart: the <svg> element, its <title>, a white
/// background, the root group with the font, and the visible title.
std::string begin(const frame& f, double w, double h);
/// `o` with the root group and the <svg> closed.
std::string end(std::string o);

/// A whole chart that says there is nothing to show.
std::string nothing_to_show(const frame& f);

/// Finite values seen, for the axis.
struct range {
    double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
    /// Widens the range to v; ignores NaN and infinity.
    void add(double v);
    bool empty() const { return lo > hi; }
};

/// A linear map of [lo, hi] (the first and last tick) onto pixels [px_lo,
/// px_hi], the ticks and the decimals their step needs.
struct scale {
    std::vector<double> ticks;
    int decimals = 0;
    double lo = 0, hi = 1;
    double px_lo = 0, px_hi = 1;
    double operator()(double v) const { return px_lo + (v - lo) / (hi - lo) * (px_hi - px_lo); }
    /// A tick's text in the document's style (format_doc_number with `decimals`).
    std::string label(double v, language lang, int extra_decimals = 0) const;
};
/// About `target` ticks covering [lo, hi] (nice_ticks' rule), px left to the caller; hi > lo always.
scale make_scale(double lo, double hi, int target);

/// The widest tick label of `s`, px.
double widest_label(const scale& s, language lang);

/// How a legend entry is drawn.
enum class swatch { box, band, line, whisker, dot };
struct legend_item {
    std::string text, colour;
    swatch kind = swatch::box;
};
/// A box in the palette's colours for each of `named` (series or parts), in order.
template <class named_t>
std::vector<legend_item> boxes(const std::vector<named_t>& named) {
    std::vector<legend_item> items;
    for (std::size_t j = 0; j < named.size(); ++j) items.push_back({named[j].name, colour(j), swatch::box});
    return items;
}
/// The number of 16 px rows the legend takes within `width_px` (0 without items).
int legend_rows(const std::vector<legend_item>& items, double width_px);
/// Draws the legend with its first row's top at (x, y), wrapped within `width_px`.
void legend(std::string& o, const std::vector<legend_item>& items, double x, double y, double width_px);

/// The plot area of a chart with a vertical value axis (bars, line, stacked):
/// margins for the title, the unit, the tick labels, the category labels and
/// `rows` legend rows; the chart at least 100 px of plot tall.
struct plot_area {
    double left = 0, top = 0, right = 0, bottom = 0;  // the plot, px
    double width = 0, height = 0;                     // the whole chart, px
    double legend_top = 0;
};
/// The area for `f`, with `ys` mapped onto its height.
plot_area value_plot(const frame& f, scale& ys, const std::vector<legend_item>& items);

/// A chart with a vertical value axis as it is drawn: its scale, its plot
/// area and the SVG so far.
struct value_chart {
    scale ys;
    plot_area p;
    std::string o;
};
/// The start of a value chart over the values `r` (about 5 ticks) with room
/// for the legend `items`: everything up to and with the value axis.
value_chart begin_value_chart(const frame& f, const range& r, const std::vector<legend_item>& items);
/// The chart with its category labels (when any) and its legend, closed.
std::string end_value_chart(value_chart c, const std::vector<std::string>& categories,
                            const std::vector<legend_item>& items);

/// Grid lines at the ticks across the plot, tick labels on the left, the unit above.
void value_axis(std::string& o, const plot_area& p, const scale& ys, const frame& f);
/// A dark horizontal line at 0 across the plot when 0 is on the axis.
void zero_line(std::string& o, const plot_area& p, const scale& ys);
/// Category labels centred under `n` equal groups of the plot.
void category_labels(std::string& o, const plot_area& p, const std::vector<std::string>& categories);

}  // namespace hemsim::chart::draw
