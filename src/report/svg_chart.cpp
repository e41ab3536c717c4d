#include "report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/svg_draw.hpp"
#include "report/text.hpp"

namespace hemsim::chart {

using draw::num;

namespace {

bool finite(double v) { return std::isfinite(v); }

// A value with its unit for a tooltip: one more decimal than the axis shows.
std::string value_text(double v, const draw::scale& s, const frame& f) {
    return s.label(v, f.lang, 1) + (f.unit.empty() ? "" : " " + f.unit);
}

std::string spread_label() { return "p05–p95"; }

}  // namespace

std::string bars_svg(const frame& f0, const std::vector<std::string>& categories,
                     const std::vector<series>& s) {
    const frame f = draw::sane(f0);
    const double d = f.divisor;
    draw::range r;
    r.add(0);  // bars start at zero
    bool any_bar = false, any_band = false, any_ci = false;
    for (std::size_t i = 0; i < categories.size(); ++i)
        for (const auto& x : s) {
            if (!finite(draw::at(x.mean, i, d))) continue;
            any_bar = true;
            for (const auto* v : {&x.mean, &x.ci_low, &x.ci_high, &x.p05, &x.p95}) r.add(draw::at(*v, i, d));
            any_band = any_band || (finite(draw::at(x.p05, i, d)) && finite(draw::at(x.p95, i, d)));
            any_ci = any_ci || (finite(draw::at(x.ci_low, i, d)) && finite(draw::at(x.ci_high, i, d)));
        }
    if (!any_bar) return draw::nothing_to_show(f);

    std::vector<draw::legend_item> items = draw::boxes(s);
    if (any_band) items.push_back({spread_label(), "#777777", draw::swatch::band});
    if (any_ci)
        items.push_back({draw::say(f.lang, "95\u00a0% KI", "95% CI"), "#000000", draw::swatch::whisker});

    draw::value_chart c = draw::begin_value_chart(f, r, items);
    const draw::scale& ys = c.ys;
    const draw::plot_area& p = c.p;
    std::string& o = c.o;

    // A group per category, 80 % of its width shared by the series' slots: in
    // each slot the p05–p95 band (90 %), the bar (60 %) and the whisker.
    const double group = (p.right - p.left) / static_cast<double>(categories.size());
    const double slot = group * 0.8 / static_cast<double>(s.size());
    for (std::size_t i = 0; i < categories.size(); ++i)
        for (std::size_t j = 0; j < s.size(); ++j) {
            const double mean = draw::at(s[j].mean, i, d);
            if (!finite(mean)) continue;
            const double x0 =
                p.left + static_cast<double>(i) * group + group * 0.1 + static_cast<double>(j) * slot;
            const double xc = x0 + slot / 2;
            const std::string fill = " fill=\"" + draw::colour(j) + "\"";
            const double lo95 = draw::at(s[j].p05, i, d), hi95 = draw::at(s[j].p95, i, d);
            if (finite(lo95) && finite(hi95))
                draw::rect(o, x0 + slot * 0.05, ys(hi95), slot * 0.9, ys(lo95) - ys(hi95),
                           fill + " fill-opacity=\"0.25\" class=\"hemsim-band\"");
            draw::rect(o, xc - slot * 0.3, ys(mean), slot * 0.6, ys(0) - ys(mean),
                       fill + " class=\"hemsim-bar\"",
                       s[j].name + ", " + categories[i] + ": " + value_text(mean, ys, f));
            const double lo = draw::at(s[j].ci_low, i, d), hi = draw::at(s[j].ci_high, i, d);
            if (finite(lo) && finite(hi)) {
                const std::string ink = " stroke=\"#000000\" stroke-width=\"1\" class=\"hemsim-whisker\"";
                draw::line(o, xc, ys(lo), xc, ys(hi), ink);
                draw::line(o, xc - slot * 0.12, ys(lo), xc + slot * 0.12, ys(lo), ink);
                draw::line(o, xc - slot * 0.12, ys(hi), xc + slot * 0.12, ys(hi), ink);
            }
        }
    draw::zero_line(o, p, ys);
    return draw::end_value_chart(std::move(c), categories, items);
}

std::string line_svg(const frame& f, const std::vector<std::string>& x_labels, const series& s,
                     std::size_t label_every, const std::optional<marker>& m) {
    return fan_svg(f, x_labels, {s}, label_every, m);
}

std::string fan_svg(const frame& f0, const std::vector<std::string>& x_labels, const std::vector<series>& ss,
                    std::size_t label_every, const std::optional<marker>& m) {
    const frame f = draw::sane(f0);
    const double d = f.divisor;
    std::size_t n = 0;
    for (const series& s : ss) n = std::max(n, s.mean.size());
    draw::range r;
    r.add(0);  // the zero line is always on the axis
    bool any_mean = false, any_band = false, any_ci = false, any_median = false;
    auto pair_known = [&](const std::vector<double>& lo, const std::vector<double>& hi, std::size_t k) {
        return finite(draw::at(lo, k, d)) && finite(draw::at(hi, k, d));
    };
    for (const series& s : ss)
        for (std::size_t i = 0; i < n; ++i) {
            any_mean = any_mean || finite(draw::at(s.mean, i, d));
            any_band = any_band || pair_known(s.p05, s.p95, i);
            any_ci = any_ci || pair_known(s.ci_low, s.ci_high, i);
            any_median = any_median || finite(draw::at(s.p50, i, d));
            for (const auto* v : {&s.mean, &s.p05, &s.p95, &s.ci_low, &s.ci_high, &s.p50})
                r.add(draw::at(*v, i, d));
        }
    if (!any_mean) return draw::nothing_to_show(f);

    // One series keeps its colour in the legend's band items; several share grey ones.
    const std::string key = ss.size() == 1 ? draw::colour(0) : "#777777";
    std::vector<draw::legend_item> items;
    for (std::size_t j = 0; j < ss.size(); ++j)
        items.push_back({ss[j].name, draw::colour(j), draw::swatch::line});
    if (any_median) items.push_back({draw::say(f.lang, "median", "median"), key, draw::swatch::whisker});
    if (any_ci) items.push_back({draw::say(f.lang, "95\u00a0% KI", "95% CI"), key, draw::swatch::box});
    if (any_band) items.push_back({spread_label(), key, draw::swatch::band});
    draw::value_chart c = draw::begin_value_chart(f, r, items);
    const draw::scale& ys = c.ys;
    const draw::plot_area& p = c.p;
    std::string& o = c.o;
    const double dx = n > 1 ? (p.right - p.left) / static_cast<double>(n - 1) : 0;
    auto x = [&](std::size_t i) {
        return n > 1 ? p.left + static_cast<double>(i) * dx : (p.left + p.right) / 2;
    };

    // A band: a closed outline per run of points where both edges are known.
    auto band = [&](const std::vector<double>& lo, const std::vector<double>& hi, const std::string& colour,
                    const char* opacity, const char* cls) {
        std::string b;
        for (std::size_t i = 0; i < n;) {
            if (!pair_known(lo, hi, i)) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < n && pair_known(lo, hi, j)) ++j;
            for (std::size_t k = i; k < j; ++k)
                b += (k == i ? "M" : " L") + num(x(k)) + " " + num(ys(draw::at(hi, k, d)));
            for (std::size_t k = j; k-- > i;) b += " L" + num(x(k)) + " " + num(ys(draw::at(lo, k, d)));
            b += " Z ";
            i = j;
        }
        if (b.empty()) return;
        b.pop_back();
        o += "<path d=\"" + b + "\" fill=\"" + colour + "\" fill-opacity=\"" + opacity +
             "\" stroke=\"none\" class=\"" + cls + "\"/>\n";
    };
    // A line, broken where it is unknown; a lone point as a dot.
    auto line = [&](const std::vector<double>& v, const std::string& colour, const char* extra,
                    const char* cls) {
        std::string path;
        for (std::size_t i = 0; i < n; ++i) {
            const double y = draw::at(v, i, d);
            if (!finite(y)) continue;
            const bool joined = i > 0 && finite(draw::at(v, i - 1, d));
            if (!path.empty()) path += ' ';
            path += joined ? 'L' : 'M';
            path += num(x(i)) + " " + num(ys(y));
            if (!joined && !(i + 1 < n && finite(draw::at(v, i + 1, d))))
                draw::circle(o, x(i), ys(y), 2, " fill=\"" + colour + "\"");
        }
        if (path.empty()) return;
        o += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\"" + extra +
             " stroke-linejoin=\"round\" class=\"" + cls + "\"/>\n";
    };
    // The spreads first, lighter, under every line; then the intervals; then the lines.
    const bool several = ss.size() > 1;
    for (std::size_t j = 0; j < ss.size(); ++j)
        band(ss[j].p05, ss[j].p95, draw::colour(j), several ? "0.15" : "0.25", "hemsim-band");
    for (std::size_t j = 0; j < ss.size(); ++j)
        band(ss[j].ci_low, ss[j].ci_high, draw::colour(j), "0.35", "hemsim-ci");
    draw::zero_line(o, p, ys);
    for (std::size_t j = 0; j < ss.size(); ++j) {
        line(ss[j].p50, draw::colour(j), " stroke-width=\"1.5\" stroke-dasharray=\"5 3\"", "hemsim-median");
        line(ss[j].mean, draw::colour(j), " stroke-width=\"2\"", "hemsim-line");
    }
    // Labels every `label_every` points; 0 means as many as fit, about 70 px apart.
    std::size_t every = label_every;
    if (every == 0) every = n > 1 ? static_cast<std::size_t>(std::ceil(70 / std::max(dx, 1e-9))) : 1;
    every = std::max<std::size_t>(every, 1);
    const double room = n > 1 ? std::max(dx * static_cast<double>(every) - 4, 20.0) : p.right - p.left;
    for (std::size_t i = 0; i < n; i += every) {
        draw::line(o, x(i), p.bottom, x(i), p.bottom + 4, " stroke=\"#333333\" stroke-width=\"1\"");
        if (i >= x_labels.size()) continue;
        // Centred under its point, but kept inside the chart at the ends.
        const std::string label = draw::fit_text(x_labels[i], room);
        const double half = draw::text_px(label) / 2;
        draw::text(o, std::clamp(x(i), half + 2, std::max(half + 2, p.width - 2 - half)), p.bottom + 16,
                   label, " text-anchor=\"middle\"");
    }
    if (m && m->point < n) {
        const double xm = x(m->point);
        draw::line(o, xm, p.top, xm, p.bottom,
                   " stroke=\"#444444\" stroke-width=\"1\" stroke-dasharray=\"4 3\" class=\"hemsim-marker\"");
        const bool right_half = xm > (p.left + p.right) / 2;
        const double room_label = right_half ? xm - p.left - 4 : p.right - xm - 4;
        draw::text(o, right_half ? xm - 4 : xm + 4, p.top + 12, draw::fit_text(m->label, room_label),
                   right_half ? " text-anchor=\"end\"" : "");
    }
    return draw::end_value_chart(std::move(c), {}, items);
}

std::string tornado_svg(const frame& f0, double base, const std::vector<tornado_bar>& rows) {
    const frame f = draw::sane(f0);
    const double d = f.divisor;
    const double b = base / d;
    draw::range r;
    r.add(b);
    bool any = false;
    double label_w = 0, end_w = 0;
    for (const auto& row : rows) {
        any = any || finite(row.low / d) || finite(row.high / d);
        r.add(row.low / d);
        r.add(row.high / d);
        label_w = std::max(label_w, draw::text_px(row.label));
        end_w = std::max({end_w, draw::text_px(row.low_text), draw::text_px(row.high_text)});
    }
    // Without the value at the means there is no centre to swing around.
    if (!any || !finite(b)) return draw::nothing_to_show(f);

    const std::vector<draw::legend_item> items{
        {draw::say(f.lang, "Lågt värde", "Low value"), draw::colour(0), draw::swatch::box},
        {draw::say(f.lang, "Högt värde", "High value"), draw::colour(1), draw::swatch::box}};
    draw::scale xs = draw::make_scale(r.lo, r.hi, 5);
    // Labels take at most 35 % of the width (longer ones end in "…"); the end
    // texts get room beside the outermost ticks; the chart widens to keep
    // 120 px of plot, and grows taller to keep 18 px a row.
    label_w = std::min(label_w, f.width * 0.35);
    end_w = std::min(end_w, 80.0) + 6;
    const double plot_left = 8 + label_w + 8;
    const double width = std::max(f.width, plot_left + 2 * end_w + 120 + 12);
    const double top = 44;
    const double below = 40 + 16.0 * draw::legend_rows(items, width - 16) + 6;
    const double n = static_cast<double>(rows.size());
    const double height = std::max(f.height, top + 18 * n + below);
    const double bottom = height - below;
    const double row_h = (bottom - top) / n;
    const double bar_h = std::min(row_h * 0.6, 24.0);
    xs.px_lo = plot_left + end_w;
    xs.px_hi = width - 12 - end_w;

    std::string o = draw::begin(f, width, height);
    for (double t : xs.ticks) {
        draw::line(o, xs(t), top, xs(t), bottom, " stroke=\"#e3e3e3\" stroke-width=\"1\"");
        draw::line(o, xs(t), bottom, xs(t), bottom + 4, " stroke=\"#333333\" stroke-width=\"1\"");
        draw::text(o, xs(t), bottom + 16, xs.label(t, f.lang),
                   " text-anchor=\"middle\" class=\"hemsim-tick\"");
    }
    draw::line(o, xs.px_lo, bottom, xs.px_hi, bottom, " stroke=\"#333333\" stroke-width=\"1\"");
    if (!f.unit.empty())
        draw::text(o, (xs.px_lo + xs.px_hi) / 2, bottom + 32, f.unit,
                   " text-anchor=\"middle\" class=\"hemsim-unit\"");
    const double xb = xs(b);
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& row = rows[k];
        const double yc = top + (static_cast<double>(k) + 0.5) * row_h;
        draw::text(o, plot_left - 8, yc + 4, draw::fit_text(row.label, label_w), " text-anchor=\"end\"");
        // Each end: its part of the bar from the base, and the parameter's value
        // beyond it. With both ends on one side of the base (an effect that is not
        // monotone) each end takes half the height, the low end above, so that
        // neither hides the other.
        const double low = row.low / d, high = row.high / d;
        const bool one_side = finite(low) && finite(high) && (low - b) * (high - b) > 0;
        const double h = one_side ? bar_h / 2 : bar_h;
        auto end_part = [&](double v, const std::string& what, std::size_t c, const char* cls, double y_mid) {
            if (!finite(v)) return;
            const double xv = xs(v);
            draw::rect(o, xb, y_mid - h / 2, xv - xb, h,
                       " fill=\"" + draw::colour(c) + "\" class=\"" + cls + "\"",
                       row.label + " " + what + ": " + value_text(v, xs, f));
            const bool left_side = xv < xb || (xv == xb && c == 0);
            draw::text(o, left_side ? xv - 4 : xv + 4, y_mid + 4, draw::fit_text(what, end_w - 6),
                       left_side ? " text-anchor=\"end\"" : "");
        };
        end_part(low, row.low_text, 0, "hemsim-bar-low", one_side ? yc - h / 2 : yc);
        end_part(high, row.high_text, 1, "hemsim-bar-high", one_side ? yc + h / 2 : yc);
    }
    draw::line(o, xb, top - 4, xb, bottom, " stroke=\"#000000\" stroke-width=\"1.5\" class=\"hemsim-base\"");
    draw::text(o, xb, top - 8, xs.label(b, f.lang, 1), " text-anchor=\"middle\" font-weight=\"bold\"");
    draw::legend(o, items, 8, bottom + 40, width - 16);
    return draw::end(std::move(o));
}

std::string stacked_svg(const frame& f0, const std::vector<std::string>& categories,
                        const std::vector<part>& parts) {
    const frame f = draw::sane(f0);
    const double d = f.divisor;
    draw::range r;
    r.add(0);
    bool any = false;
    for (std::size_t i = 0; i < categories.size(); ++i) {
        double up = 0, down = 0, net = 0;
        for (const auto& pt : parts) {
            const double v = draw::at(pt.values, i, d);
            if (!finite(v)) continue;
            any = true;
            (v >= 0 ? up : down) += v;
            net += v;
        }
        r.add(up);
        r.add(down);
        r.add(net);
    }
    if (!any) return draw::nothing_to_show(f);

    std::vector<draw::legend_item> items = draw::boxes(parts);
    items.push_back({draw::say(f.lang, "Netto", "Net"), "#000000", draw::swatch::dot});
    draw::value_chart c = draw::begin_value_chart(f, r, items);
    const draw::scale& ys = c.ys;
    const draw::plot_area& p = c.p;
    std::string& o = c.o;

    const double group = (p.right - p.left) / static_cast<double>(categories.size());
    std::string dots;  // drawn last, over every stack
    for (std::size_t i = 0; i < categories.size(); ++i) {
        const double x0 = p.left + (static_cast<double>(i) + 0.2) * group;
        double up = 0, down = 0, net = 0;
        bool known = false;
        for (std::size_t j = 0; j < parts.size(); ++j) {
            const double v = draw::at(parts[j].values, i, d);
            if (!finite(v)) continue;
            known = true;
            net += v;
            if (v == 0) continue;
            double& edge = v > 0 ? up : down;
            draw::rect(o, x0, ys(edge), group * 0.6, ys(edge + v) - ys(edge),
                       " fill=\"" + draw::colour(j) +
                           "\" stroke=\"#ffffff\" stroke-width=\"0.5\" class=\"hemsim-segment\"",
                       parts[j].name + ", " + categories[i] + ": " + value_text(v, ys, f));
            edge += v;
        }
        if (known)
            draw::circle(
                dots, x0 + group * 0.3, ys(net), 4,
                " fill=\"#000000\" stroke=\"#ffffff\" stroke-width=\"1\" class=\"hemsim-net\"",
                draw::say(f.lang, "Netto, ", "Net, ") + categories[i] + ": " + value_text(net, ys, f));
    }
    draw::zero_line(o, p, ys);
    o += dots;
    return draw::end_value_chart(std::move(c), categories, items);
}

namespace {

// The diverging scale: white at 0, the Okabe–Ito blue at -1 (savings), their
// vermillion at +1 (costs); t outside [-1, 1] is clamped.
std::string diverging(double t) {
    t = std::clamp(t, -1.0, 1.0);
    const double to[3] = {t < 0 ? 0.0 : 213.0, t < 0 ? 114.0 : 94.0, t < 0 ? 178.0 : 0.0};
    const double a = std::fabs(t);
    int c[3];
    for (int k = 0; k < 3; ++k) c[k] = static_cast<int>(std::lround(255 + (to[k] - 255) * a));
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X", c[0], c[1], c[2]);
    return buf;
}

}  // namespace

std::string heat_map_svg(const frame& f0, const std::string& x_title,
                         const std::vector<std::string>& x_labels, const std::string& y_title,
                         const std::vector<std::string>& y_labels,
                         const std::vector<std::vector<double>>& z) {
    const frame f = draw::sane(f0);
    const double d = f.divisor;
    std::size_t nx = x_labels.size();
    const std::size_t ny = std::max(y_labels.size(), z.size());
    for (const auto& row : z) nx = std::max(nx, row.size());
    double max_abs = 0, text_w = 0;
    bool any = false;
    for (const auto& row : z)
        for (double v : row) {
            if (!finite(v / d)) continue;
            any = true;
            max_abs = std::max(max_abs, std::fabs(v / d));
            text_w = std::max(text_w, draw::text_px(format_doc_number(v / d, 1, f.lang), 10));
        }
    if (!any || nx == 0 || ny == 0) return draw::nothing_to_show(f);

    // Cells wide enough for their value and their x label, 20–40 px tall; the
    // chart widens for them and is as tall as its rows need.
    double x_label_w = 0, y_label_w = 0;
    for (const auto& l : x_labels) x_label_w = std::max(x_label_w, draw::text_px(l));
    for (const auto& l : y_labels) y_label_w = std::min(std::max(y_label_w, draw::text_px(l)), f.width * 0.3);
    const double left = 8 + (y_title.empty() ? 0 : 18) + (y_label_w > 0 ? y_label_w + 8 : 0);
    const double cell_w_min = std::max({28.0, text_w + 8, std::min(x_label_w, 120.0) + 6});
    const double width = std::max(f.width, left + static_cast<double>(nx) * cell_w_min + 16);
    const double cell_w = (width - 16 - left) / static_cast<double>(nx);
    const double top = 44, below = 16 + (x_title.empty() ? 0 : 18) + 30;
    const double cell_h = std::clamp((f.height - top - below) / static_cast<double>(ny), 20.0, 40.0);
    const double bottom = top + static_cast<double>(ny) * cell_h;
    const double height = bottom + below;

    std::string o = draw::begin(f, width, height);
    // Grey where a cell is unknown, so that it differs from a white zero.
    draw::rect(o, left, top, cell_w * static_cast<double>(nx), bottom - top,
               " fill=\"#eeeeee\" class=\"hemsim-grid\"");
    for (std::size_t yi = 0; yi < ny; ++yi) {
        const double y = top + static_cast<double>(yi) * cell_h;
        const std::string& yl = yi < y_labels.size() ? y_labels[yi] : std::string();
        if (!yl.empty())
            draw::text(o, left - 6, y + cell_h / 2 + 4, draw::fit_text(yl, y_label_w),
                       " text-anchor=\"end\"");
        for (std::size_t xi = 0; yi < z.size() && xi < z[yi].size(); ++xi) {
            const double v = z[yi][xi] / d;
            if (!finite(v)) continue;
            const double t = max_abs > 0 ? v / max_abs : 0;
            const double x = left + static_cast<double>(xi) * cell_w;
            const std::string value = format_doc_number(v, 1, f.lang);
            std::string tip = xi < x_labels.size() ? x_title + " " + x_labels[xi] : x_title;
            if (!yl.empty()) tip += ", " + y_title + " " + yl;
            draw::rect(
                o, x, y, cell_w, cell_h,
                " fill=\"" + diverging(t) + "\" stroke=\"#ffffff\" stroke-width=\"1\" class=\"hemsim-cell\"",
                tip + ": " + value + (f.unit.empty() ? "" : " " + f.unit));
            draw::text(o, x + cell_w / 2, y + cell_h / 2 + 3.5, value,
                       std::string(" text-anchor=\"middle\" font-size=\"10\" fill=\"") +
                           (std::fabs(t) > 0.55 ? "#ffffff" : "#000000") + "\"");
        }
    }
    for (std::size_t xi = 0; xi < x_labels.size(); ++xi)
        draw::text(o, left + (static_cast<double>(xi) + 0.5) * cell_w, bottom + 14,
                   draw::fit_text(x_labels[xi], cell_w - 2), " text-anchor=\"middle\"");
    const double mid_x = (left + width - 16) / 2;
    if (!x_title.empty())
        draw::text(o, mid_x, bottom + 30, draw::fit_text(x_title, width - 16),
                   " text-anchor=\"middle\" font-weight=\"bold\"");
    if (!y_title.empty()) {
        const double yx = 18, yy = (top + bottom) / 2;
        draw::text(o, yx, yy, draw::fit_text(y_title, std::max(bottom - top, 60.0)),
                   " text-anchor=\"middle\" font-weight=\"bold\" transform=\"rotate(-90 " + num(yx) + " " +
                       num(yy) + ")\"");
    }
    // The key: seven steps from -max to +max, the ends labelled.
    const double key_y = height - 22;
    const std::string lo_text = format_doc_number(-max_abs, 1, f.lang);
    const double key_x = 8 + draw::text_px(lo_text) + 4;
    draw::text(o, key_x - 4, key_y + 9, lo_text, " text-anchor=\"end\"");
    for (int k = 0; k < 7; ++k)
        draw::rect(o, key_x + 14.0 * k, key_y, 14, 12,
                   " fill=\"" + diverging((k - 3) / 3.0) +
                       "\" stroke=\"#999999\" stroke-width=\"0.5\" class=\"hemsim-key\"");
    draw::text(o, key_x + 14 * 7 + 4, key_y + 9,
               format_doc_number(max_abs, 1, f.lang) + (f.unit.empty() ? "" : " " + f.unit));
    return draw::end(std::move(o));
}

}  // namespace hemsim::chart
