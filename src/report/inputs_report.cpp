#include "report/inputs_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "report/messages.hpp"

namespace hemsim {

namespace {

// A number with as few decimals as it needs (at most 4): 13,34; 0,85; 500 000.
std::string short_number(double x, language lang) {
    int d = 0;
    while (d < 4 && std::fabs(std::round(x * std::pow(10.0, d)) / std::pow(10.0, d) - x) >
                        1e-9 * std::max(1.0, std::fabs(x)))
        ++d;
    return format_number(x, d, lang);
}

std::string with_unit(double x, const std::string& unit, language lang) {
    return short_number(x, lang) + (unit.empty() ? "" : " " + unit);
}

// "placement.stodboende" of "placement.stodboende.price_per_month"; the group
// entries keep their entry ("group.hemlosa.initial.redo").
std::pair<std::string, std::string> element_and_field(const std::string& path) {
    std::size_t dots = 2;
    if (path.rfind("group.", 0) == 0 &&
        (path.find(".initial.") != std::string::npos || path.find(".arrivals.") != std::string::npos))
        dots = 4;
    if (path.rfind("alternative.", 0) == 0) dots = 4;  // alternative.<id>.project_cost.<n>
    std::size_t pos = 0;
    for (std::size_t i = 0; i < dots && pos != std::string::npos; ++i)
        pos = path.find('.', pos + (i ? 1 : 0));
    if (pos == std::string::npos) return {path, ""};
    return {path.substr(0, pos), path.substr(pos + 1)};
}

}  // namespace

std::string distribution_text(const param_distribution& d, language lang) {
    auto n = [&](double x) { return short_number(x, lang); };
    switch (d.kind) {
    case param_kind::uniform: return text(msg::dist_uniform, lang, n(d.a), n(d.b));
    case param_kind::triangular: return text(msg::dist_triangular, lang, n(d.a), n(d.c), n(d.b));
    case param_kind::normal: return text(msg::dist_normal, lang, n(d.a), n(d.b));
    case param_kind::lognormal: return text(msg::dist_lognormal, lang, n(d.a), n(d.b));
    case param_kind::gamma: return text(msg::dist_gamma, lang, n(d.a), n(d.b));
    case param_kind::beta: return text(msg::dist_beta, lang, n(d.a), n(d.b));
    }
    return "";
}

std::string inputs_listing(const scenario& sc, language lang) {
    std::string out;

    // Uncertain inputs: by path, with the alternatives where each is uncertain.
    struct entry {
        const model_input* in;
        std::vector<std::string> alts;
    };
    std::vector<std::pair<std::string, entry>> uncertain;
    for (const alternative& a : sc.alternatives)
        for (const model_input& in : a.system.inputs) {
            if (!in.dist) continue;
            auto it = std::find_if(uncertain.begin(), uncertain.end(),
                                   [&](const auto& e) { return e.first == in.path; });
            if (it == uncertain.end())
                uncertain.push_back({in.path, entry{&in, {}}}), it = uncertain.end() - 1;
            it->second.alts.push_back(a.name.empty() ? a.id : a.name);
        }
    if (uncertain.empty()) {
        out += text(msg::inputs_uncertain_none, lang) + "\n";
    } else {
        out += text(msg::inputs_uncertain_head, lang) + "\n";
        for (const auto& [path, e] : uncertain) {
            const model_input& in = *e.in;
            std::string where =
                e.alts.size() == sc.alternatives.size() ? text(msg::inputs_every_alternative, lang) : "";
            if (where.empty())
                for (std::size_t i = 0; i < e.alts.size(); ++i) where += (i ? ", " : "") + e.alts[i];
            const bool shows_mean =
                in.dist->kind != param_kind::uniform && in.dist->kind != param_kind::triangular;
            const std::string dist =
                distribution_text(*in.dist, lang) + (in.unit.empty() ? "" : " " + in.unit);
            out += "  " +
                   (shows_mean ? text(msg::inputs_uncertain, lang, path, dist, where)
                               : text(msg::inputs_uncertain_mean, lang, path, dist,
                                      short_number(in.value, lang), where)) +
                   "\n";
            const std::string src = !in.source.empty() ? in.source : in.note;
            out += "      " + (src.empty() ? text(msg::inputs_no_source, lang) : src) + "\n";
        }
    }

    // The nollalternativ's fixed inputs, one line per element.
    const alternative& base = sc.alternatives[sc.baseline_index()];
    std::vector<std::pair<std::string, std::string>> lines;  // element, "field value, ..."
    std::size_t fixed = 0;
    for (const model_input& in : base.system.inputs) {
        if (!in.listed || in.dist) continue;
        ++fixed;
        auto [el, fld] = element_and_field(in.path);
        std::string item = fld + " " + with_unit(in.value, in.unit, lang);
        if (!lines.empty() && lines.back().first == el)
            lines.back().second += "; " + item;
        else
            lines.push_back({el, item});
    }
    out += text(msg::inputs_fixed_head, lang, base.name.empty() ? base.id : base.name, fixed) + "\n";
    for (const auto& [el, items] : lines) out += "  " + el + ": " + items + "\n";

    // What every other alternative changes, field by field (a schedule's steps together).
    auto fields = [&](const alternative& a) {
        std::vector<std::pair<std::string, std::string>> out;  // field path, its value(s) in words
        for (const model_input& in : a.system.inputs) {
            if (!in.listed || in.ref.field == input_field::project_per_year ||
                in.ref.field == input_field::project_one_off)
                continue;
            const std::size_t at = in.path.find('@');
            const std::string field = in.path.substr(0, at);
            std::string v = in.dist
                                ? distribution_text(*in.dist, lang) + (in.unit.empty() ? "" : " " + in.unit)
                                : with_unit(in.value, in.unit, lang);
            if (at != std::string::npos && in.path.substr(at + 1) != "start")
                v = text(msg::inputs_from, lang, v, in.path.substr(at + 1));
            if (!out.empty() && out.back().first == field)
                out.back().second += ", " + v;
            else
                out.push_back({field, v});
        }
        return out;
    };
    const auto base_fields = fields(base);
    for (const alternative& a : sc.alternatives) {
        if (a.baseline) continue;
        std::vector<std::string> changes;
        for (const auto& [field, v] : fields(a)) {
            auto it = std::find_if(base_fields.begin(), base_fields.end(),
                                   [&field = field](const auto& f) { return f.first == field; });
            if (it != base_fields.end() && it->second == v) continue;
            changes.push_back(it == base_fields.end() ? text(msg::inputs_change_new, lang, field, v)
                                                      : text(msg::inputs_change, lang, field, v, it->second));
        }
        for (const project_cost& pc : a.project_costs) {
            const std::string amount =
                pc.one_off ? text(msg::inputs_one_off, lang, short_number(pc.one_off_sek, lang))
                           : text(msg::inputs_per_year, lang, short_number(pc.per_year_sek, lang));
            std::string line = text(msg::inputs_project_cost, lang, pc.item, amount);
            if (pc.start) line = text(msg::inputs_from, lang, line, iso(*pc.start));
            if (pc.end) line = text(msg::inputs_to, lang, line, iso(*pc.end));
            changes.push_back(line);
        }
        const std::string name = a.name.empty() ? a.id : a.name;
        out += text(changes.empty() ? msg::inputs_no_changes : msg::inputs_changes_head, lang, name) + "\n";
        for (const std::string& c : changes) out += "  " + c + "\n";
    }
    return out;
}

}  // namespace hemsim
