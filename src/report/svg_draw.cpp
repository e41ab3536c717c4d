#include "report/svg_draw.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/text.hpp"

namespace hemsim::chart {

namespace {

constexpr double far_value = 1e300;  // inputs beyond are clamped: every step stays finite
constexpr int max_target = 50;       // so at most about 77 ticks

// k · nice · 10^e; divided for negative e, so that 3 · 1 / 10 is the double
// nearest 0.3 (3 · 0.1 is not); never -0.
double tick_at(double k, double nice, int e) {
    const double v = e >= 0 ? k * nice * std::pow(10.0, e) : k * nice / std::pow(10.0, -e);
    return v == 0 ? 0 : v;
}

}  // namespace

draw::scale draw::make_scale(double lo, double hi, int target) {
    if (!std::isfinite(lo) && !std::isfinite(hi)) {
        lo = 0;
        hi = 1;
    } else if (!std::isfinite(lo)) {
        lo = hi;
    } else if (!std::isfinite(hi)) {
        hi = lo;
    }
    lo = std::clamp(lo, -far_value, far_value);
    hi = std::clamp(hi, -far_value, far_value);
    if (lo > hi) std::swap(lo, hi);
    target = std::clamp(target, 1, max_target);
    // A range too narrow for distinct ticks is one value: from zero to it.
    const double magnitude = std::max(std::fabs(lo), std::fabs(hi));
    if (!(hi - lo > std::max(1e-100, 1e-12 * magnitude))) {
        const double v = lo / 2 + hi / 2;
        lo = std::fabs(v) < 1e-100 ? 0 : std::min(0.0, v);
        hi = std::fabs(v) < 1e-100 ? 1 : std::max(0.0, v);
    }
    const double raw = (hi - lo) / target;
    int e = static_cast<int>(std::floor(std::log10(raw)));
    const double norm = raw / std::pow(10.0, e);
    double nice = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
    if (nice == 10) {
        nice = 1;
        ++e;
    }
    const double step = tick_at(1, nice, e);
    double k0 = std::floor(lo / step), k1 = std::ceil(hi / step);
    // lo / step is rounded: move to the outermost ticks that still cover [lo, hi]
    // (a step or two at most).
    for (int i = 0; i < 4 && tick_at(k0, nice, e) > lo; ++i) k0 -= 1;
    for (int i = 0; i < 4 && tick_at(k0 + 1, nice, e) <= lo; ++i) k0 += 1;
    for (int i = 0; i < 4 && tick_at(k1, nice, e) < hi; ++i) k1 += 1;
    for (int i = 0; i < 4 && tick_at(k1 - 1, nice, e) >= hi; ++i) k1 -= 1;
    scale s;
    const double n = std::min(k1 - k0 + 1, 2.0 * max_target);  // never more, whatever rounding did
    for (double i = 0; i < n; ++i) s.ticks.push_back(tick_at(k0 + i, nice, e));
    if (s.ticks.size() < 2) s.ticks = {lo, hi};
    s.lo = s.ticks.front();
    s.hi = s.ticks.back();
    s.decimals = std::min(e >= 0 ? 0 : -e, 15);
    return s;
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
    return draw::make_scale(lo, hi, target).ticks;
}

std::string xml_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default:
            // Control characters other than tab and line breaks are not XML 1.0.
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
            out += c;
        }
    }
    return out;
}

namespace draw {

std::string num(double v) {
    if (!std::isfinite(v)) return "0";
    char buf[32];
    // The C locale is never changed in hemsim, so "%.1f" writes a dot.
    std::snprintf(buf, sizeof buf, "%.1f", std::clamp(v, -1e7, 1e7));
    std::string s(buf);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s == "-0" ? "0" : s;
}

double text_px(const std::string& s, double size_px) {
    return static_cast<double>(text_width(s)) * 0.62 * size_px;
}

std::string fit_text(const std::string& s, double max_px, double size_px) {
    if (text_px(s, size_px) <= max_px) return s;
    const auto chars = static_cast<std::size_t>(std::max(1.0, max_px / (0.62 * size_px) - 1));
    std::string out;
    std::size_t n = 0;
    for (unsigned char c : s) {
        const bool starts = (c & 0xC0) != 0x80;
        if (starts && n++ == chars) break;
        out += static_cast<char>(c);
    }
    return out + "…";
}

frame sane(const frame& f) {
    frame g = f;
    g.width = std::isfinite(f.width) ? std::clamp(f.width, 160.0, 10000.0) : 640;
    g.height = std::isfinite(f.height) ? std::clamp(f.height, 120.0, 10000.0) : 320;
    if (!(std::isfinite(f.divisor) && f.divisor > 0)) g.divisor = 1;
    return g;
}

double at(const std::vector<double>& v, std::size_t i, double divisor) {
    return i < v.size() ? v[i] / divisor : std::numeric_limits<double>::quiet_NaN();
}

std::string colour(std::size_t i) {
    // Okabe & Ito (2008), told apart with every common colour-vision deficiency;
    // yellow last, as it is faint on white.
    static const char* const palette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                          "#56B4E9", "#D55E00", "#F0E442"};
    return palette[i % 7];
}

void rect(std::string& o, double x, double y, double w, double h, std::string_view attrs,
          const std::string& tip) {
    if (w < 0) x += w, w = -w;
    if (h < 0) y += h, h = -h;
    o += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\"";
    o += attrs;
    o += tip.empty() ? "/>\n" : "><title>" + xml_escape(tip) + "</title></rect>\n";
}

void line(std::string& o, double x1, double y1, double x2, double y2, std::string_view attrs) {
    o += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) + "\"";
    o += attrs;
    o += "/>\n";
}

void circle(std::string& o, double cx, double cy, double r, std::string_view attrs, const std::string& tip) {
    o += "<circle cx=\"" + num(cx) + "\" cy=\"" + num(cy) + "\" r=\"" + num(r) + "\"";
    o += attrs;
    o += tip.empty() ? "/>\n" : "><title>" + xml_escape(tip) + "</title></circle>\n";
}

void text(std::string& o, double x, double y, const std::string& s, std::string_view attrs) {
    o += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\"";
    o += attrs;
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on ">" + string.
    o += '>';
    o += xml_escape(s);
    o += "</text>\n";
}

std::string begin(const frame& f, double w, double h) {
    std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + num(w) +
                    "\" height=\"" + num(h) + "\" viewBox=\"0 0 " + num(w) + " " + num(h) +
                    "\" role=\"img\" xml:lang=\"" + say(f.lang, "sv", "en") + "\">\n";
    o += "<title>" + xml_escape(f.title) + "</title>\n";
    rect(o, 0, 0, w, h, " fill=\"#ffffff\"");
    o += "<g font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"" + num(font_px) +
         "\" fill=\"#222222\">\n";
    if (!f.title.empty())
        text(o, 8, 20, fit_text(f.title, w - 16, 14 * 1.07), " font-size=\"14\" font-weight=\"bold\"");
    return o;
}

std::string end(std::string o) {
    o += "</g>\n</svg>\n";
    return o;
}

std::string nothing_to_show(const frame& f0) {
    const frame f = sane(f0);
    std::string o = begin(f, f.width, f.height);
    text(o, f.width / 2, f.height / 2, say(f.lang, "Inget att visa", "Nothing to show"),
         " text-anchor=\"middle\" fill=\"#666666\" class=\"hemsim-empty\"");
    return end(std::move(o));
}

void range::add(double v) {
    if (!std::isfinite(v)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
}

std::string scale::label(double v, language lang, int extra_decimals) const {
    return format_doc_number(v, decimals + extra_decimals, lang);
}

double widest_label(const scale& s, language lang) {
    double w = 0;
    for (double t : s.ticks) w = std::max(w, text_px(s.label(t, lang)));
    return w;
}

namespace {

struct placed {
    double x = 0;
    int row = 0;
};

// Where each legend item goes, left to right, wrapped within width_px.
std::vector<placed> legend_layout(const std::vector<legend_item>& items, double width_px) {
    std::vector<placed> at;
    double x = 0;
    int row = 0;
    for (const auto& item : items) {
        const double w = 18 + std::min(text_px(item.text), width_px - 18) + 14;
        if (x > 0 && x + w > width_px) x = 0, ++row;
        at.push_back({x, row});
        x += w;
    }
    return at;
}

}  // namespace

int legend_rows(const std::vector<legend_item>& items, double width_px) {
    return items.empty() ? 0 : legend_layout(items, width_px).back().row + 1;
}

void legend(std::string& o, const std::vector<legend_item>& items, double x0, double y0, double width_px) {
    const auto where = legend_layout(items, width_px);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        const double x = x0 + where[i].x, y = y0 + 16.0 * where[i].row + 8;  // the row's middle
        const std::string paint = " fill=\"" + item.colour + "\" class=\"hemsim-legend\"";
        const std::string stroke = " stroke=\"" + item.colour + "\" class=\"hemsim-legend\"";
        switch (item.kind) {
        case swatch::box: rect(o, x, y - 5, 10, 10, paint); break;
        case swatch::band: rect(o, x, y - 5, 10, 10, paint + " fill-opacity=\"0.25\""); break;
        case swatch::line: line(o, x - 1, y, x + 11, y, stroke + " stroke-width=\"2\""); break;
        case swatch::whisker:
            line(o, x + 5, y - 6, x + 5, y + 6, stroke);
            line(o, x + 2, y - 6, x + 8, y - 6, stroke);
            line(o, x + 2, y + 6, x + 8, y + 6, stroke);
            break;
        case swatch::dot: circle(o, x + 5, y, 4, paint); break;
        }
        text(o, x + 16, y + 4, fit_text(item.text, width_px - 18));
    }
}

plot_area value_plot(const frame& f, scale& ys, const std::vector<legend_item>& items) {
    plot_area p;
    p.width = f.width;
    p.left = std::max(40.0, widest_label(ys, f.lang) + 14);
    p.right = f.width - 16;
    p.top = 48;  // the title, then the unit above the axis
    const double below = 26 + 16.0 * legend_rows(items, p.right - p.left) + 6;
    p.height = std::max(f.height, p.top + 100 + below);
    p.bottom = p.height - below;
    p.legend_top = p.bottom + 26;
    ys.px_lo = p.bottom;
    ys.px_hi = p.top;
    return p;
}

value_chart begin_value_chart(const frame& f, const range& r, const std::vector<legend_item>& items) {
    value_chart c;
    c.ys = make_scale(r.lo, r.hi, 5);
    c.p = value_plot(f, c.ys, items);
    c.o = begin(f, c.p.width, c.p.height);
    value_axis(c.o, c.p, c.ys, f);
    return c;
}

std::string end_value_chart(value_chart c, const std::vector<std::string>& categories,
                            const std::vector<legend_item>& items) {
    if (!categories.empty()) category_labels(c.o, c.p, categories);
    legend(c.o, items, c.p.left, c.p.legend_top, c.p.right - c.p.left);
    return end(std::move(c.o));
}

void value_axis(std::string& o, const plot_area& p, const scale& ys, const frame& f) {
    for (double t : ys.ticks) {
        line(o, p.left, ys(t), p.right, ys(t), " stroke=\"#e3e3e3\" stroke-width=\"1\"");
        text(o, p.left - 6, ys(t) + 4, ys.label(t, f.lang), " text-anchor=\"end\" class=\"hemsim-tick\"");
    }
    if (!f.unit.empty()) text(o, 8, p.top - 12, fit_text(f.unit, p.right - 8), " class=\"hemsim-unit\"");
}

void zero_line(std::string& o, const plot_area& p, const scale& ys) {
    if (ys.lo <= 0 && ys.hi >= 0)
        line(o, p.left, ys(0), p.right, ys(0),
             " stroke=\"#333333\" stroke-width=\"1\" class=\"hemsim-zero\"");
}

void category_labels(std::string& o, const plot_area& p, const std::vector<std::string>& categories) {
    const double group = (p.right - p.left) / static_cast<double>(categories.size());
    for (std::size_t i = 0; i < categories.size(); ++i)
        text(o, p.left + (static_cast<double>(i) + 0.5) * group, p.bottom + 16,
             fit_text(categories[i], group - 2), " text-anchor=\"middle\"");
}

}  // namespace draw

}  // namespace hemsim::chart
