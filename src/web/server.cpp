#include "web/server.hpp"

#include <httplib.h>

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <regex>
#include <stdexcept>

#include "app/run.hpp"
#include "model/diagnostics.hpp"
#include "model/loader.hpp"
#include "model/toml_edit.hpp"
#include "model/values.hpp"
#include "report/files.hpp"
#include "report/inputs_report.hpp"
#include "report/run_files.hpp"
#include "web/cases.hpp"
#include "web/jobs.hpp"
#include "web/page.hpp"

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace hemsim::web {

namespace {

std::string random_hex(std::size_t bytes) {
    std::random_device rd;
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < bytes; ++i) {
        const unsigned v = rd() & 0xffu;
        out += digits[v >> 4];
        out += digits[v & 15];
    }
    return out;
}

// A date as the form writes it: 2009-01-01 (its calendar is checked by the loader).
const std::regex day("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");

bool is_loopback(const std::string& host) {
    return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

// A bad request: the message in words and, when it concerns a field, its path.
struct request_error : std::runtime_error {
    int status;
    std::string path, alternative;
    request_error(int st, const std::string& what, std::string p = "", std::string alt = "")
        : std::runtime_error(what), status(st), path(std::move(p)), alternative(std::move(alt)) {}
};

void send_json(httplib::Response& res, const json& j, int status = 200) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(j.dump(), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, const request_error& e) {
    json j{{"error", e.what()}};
    if (!e.path.empty()) j["path"] = e.path;
    if (!e.alternative.empty()) j["alternative"] = e.alternative;
    send_json(res, j, e.status);
}

// A number typed in a form: a JSON number, or text with a decimal comma or
// point and spaces between thousands ("16 500", "0,45"); finite and not huge.
double form_number(const json& v, const std::string& path) {
    double x = 0;
    if (v.is_number()) {
        x = v.get<double>();
    } else if (v.is_string()) {
        std::string s;
        for (char c : v.get<std::string>()) {
            if (c == ',')
                s += '.';
            else if (c != ' ' && c != '\'')
                s += c;
        }
        // A no-break space (U+00A0) or a thin space between thousands.
        for (const char* sp : {"\u00a0", "\u2009", "\u202f"})
            for (std::size_t at; (at = s.find(sp)) != std::string::npos;) s.erase(at, std::string(sp).size());
        if (s.rfind("\u2212", 0) == 0) s = "-" + s.substr(std::string("\u2212").size());
        char* end = nullptr;
        x = s.empty() ? NAN : std::strtod(s.c_str(), &end);
        if (s.empty() || end != s.c_str() + s.size())
            throw request_error(
                400, "'" + v.get<std::string>() + "' is not a number (write e.g. 0,45 or 16 500)", path);
    } else {
        throw request_error(400, "a number is wanted here", path);
    }
    if (!std::isfinite(x) || std::fabs(x) > 1e12)
        throw request_error(400, "the number is too large for hemsim (at most 10^12)", path);
    return x;
}

}  // namespace

fs::path default_cases_dir() {
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return fs::path(x) / "hemsim" / "cases";
    if (const char* h = std::getenv("HOME"); h && *h)
        return fs::path(h) / ".local" / "share" / "hemsim" / "cases";
    return fs::temp_directory_path() / "hemsim-cases";
}

struct server::impl {
    serve_options o;
    httplib::Server http;
    std::string token = random_hex(16);
    int bound_port = 0;
    job_queue jobs;
    std::atomic<std::uint64_t> next_job{1};

    explicit impl(serve_options opts) : o(std::move(opts)), jobs(o.concurrent_runs, o.max_waiting) {}

    std::string host_port() const { return o.host + ":" + std::to_string(bound_port); }

    // The Host (and Origin, when sent) of a request must be this server's own:
    // a page on another site, or a DNS name rebound to 127.0.0.1, is refused.
    bool own_request(const httplib::Request& req) const {
        const std::string host = req.get_header_value("Host");
        std::vector<std::string> own{host_port()};
        if (is_loopback(o.host))
            for (const char* h : {"127.0.0.1", "localhost", "[::1]"}) {
                std::string hp = h;
                hp += ':';
                hp += std::to_string(bound_port);
                own.push_back(std::move(hp));
            }
        if (std::find(own.begin(), own.end(), host) == own.end()) return false;
        if (req.has_header("Origin")) {
            const std::string origin = req.get_header_value("Origin");
            return std::any_of(own.begin(), own.end(),
                               [&](const std::string& h) { return origin == "http://" + h; });
        }
        return true;
    }

    // A case's file from its id: "shipped/<stem>" or "own/<name>", confined to its folder.
    fs::path case_file(const std::string& id) const {
        static const std::regex form("^(shipped|own)/([A-Za-z0-9][A-Za-z0-9_-]{0,63})$");
        std::smatch m;
        if (!std::regex_match(id, m, form))
            throw request_error(400,
                                "'" + id +
                                    "' is not a case name: shipped/NAME or own/NAME with letters, digits, "
                                    "'-' and '_' only");
        const bool shipped = m[1] == "shipped";
        const fs::path dir = shipped ? o.shipped_dir : o.cases_dir;
        const fs::path f = shipped ? dir / (m[2].str() + ".toml") : dir / m[2].str() / "case.toml";
        std::error_code ec;
        const fs::path real = fs::weakly_canonical(f, ec), root = fs::weakly_canonical(dir, ec);
        const std::string r = root.string() + "/";
        if (ec || real.string().rfind(r, 0) != 0)
            throw request_error(403, "'" + id + "' leads out of the cases folder");
        if (!fs::is_regular_file(real)) throw request_error(404, "there is no case '" + id + "'");
        return real;
    }

    scenario load(const std::string& id) const {
        const fs::path f = case_file(id);
        try {
            return load_scenario(f);
        } catch (const input_error& e) {
            throw request_error(422, e.what());
        }
    }

    // The changes of a form: [{alternative, path, value}].
    static std::vector<form_change> parse_changes(const json& changes) {
        std::vector<form_change> out;
        if (changes.is_null()) return out;
        if (!changes.is_array()) throw request_error(400, "'changes' must be a list");
        if (changes.size() > 10000) throw request_error(413, "too many changes in one request");
        for (const json& c : changes) {
            if (!c.is_object() || !c.contains("alternative") || !c.contains("path") ||
                !(c.contains("value") || c.contains("source")) || !c["alternative"].is_string() ||
                !c["path"].is_string() || (c.contains("source") && !c["source"].is_string()))
                throw request_error(400,
                                    "a change is {\"alternative\": ID, \"path\": PATH, \"value\": NUMBER} or "
                                    "{\"alternative\": ID, \"path\": PATH, \"source\": TEXT}");
            const std::string path = c["path"];
            if (c.contains("value")) {
                out.push_back({c["alternative"], path, form_number(c["value"], path), false, ""});
            } else {
                const std::string src = c["source"];
                if (src.size() > 4000)
                    throw request_error(400, "a source note of at most 4000 characters", path);
                out.push_back({c["alternative"], path, 0, true, src});
            }
        }
        return out;
    }

    // The form's settings: {"start": "2009-01-01", "horizon_months": 36, "discount_rate_percent": "3,5"}.
    case_settings parse_settings(const json& s) const {
        case_settings out;
        if (s.is_null()) return out;
        if (!s.is_object()) throw request_error(400, "'settings' must be an object");
        if (s.contains("start")) {
            if (!s["start"].is_string() || !std::regex_match(s["start"].get<std::string>(), day))
                throw request_error(400, "the start is a date, written as 2009-01-01", "settings.start");
            out.start = s["start"].get<std::string>();
        }
        if (s.contains("shift_dates")) {
            if (!s["shift_dates"].is_boolean())
                throw request_error(400, "'shift_dates' is true or false", "settings.start");
            out.shift_dates = s["shift_dates"];
        }
        if (s.contains("horizon_months")) {
            const double m = form_number(s["horizon_months"], "settings.horizon_months");
            if (m < 1 || m != std::floor(m) || m > o.max_horizon_months)
                throw request_error(400,
                                    "the horizon is a whole number of months from 1 to " +
                                        std::to_string(o.max_horizon_months) + " (this server's limit)",
                                    "settings.horizon_months");
            out.horizon_months = static_cast<int>(m);
        }
        if (s.contains("discount_rate_percent")) {
            const double r = form_number(s["discount_rate_percent"], "settings.discount_rate_percent");
            if (!(r > -100 && r <= 100))
                throw request_error(400,
                                    "the discount rate is a percentage a year above -100 and at most 100 "
                                    "(3,5 for 3,5 %)",
                                    "settings.discount_rate_percent");
            out.discount_rate = std::round(r * 1e8) / 1e10;  // "3,3" % as 0.033, not 0.032999...
        }
        return out;
    }

    // New alternatives, copies of the nollalternativ: [{id, name}].
    static std::vector<added_alternative> parse_added(const json& a) {
        std::vector<added_alternative> out;
        if (a.is_null()) return out;
        if (!a.is_array()) throw request_error(400, "'added' must be a list", "added");
        if (a.size() > 8) throw request_error(400, "at most 8 new alternatives at once", "added");
        static const std::regex id("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$");
        for (const json& x : a) {
            if (!x.is_object() || !x.contains("id") || !x["id"].is_string() || !x.contains("name") ||
                !x["name"].is_string())
                throw request_error(400, "a new alternative is {\"id\": ID, \"name\": NAME}", "added");
            const std::string i = x["id"], n = x["name"];
            if (!std::regex_match(i, id))
                throw request_error(
                    400,
                    "an alternative's id has letters, digits, '-' and '_' only (at most 40): '" + i + "'",
                    "added", i);
            if (n.empty() || n.size() > 200)
                throw request_error(400, "an alternative's name has 1 to 200 characters", "added", i);
            out.push_back({i, n});
        }
        return out;
    }

    // Project lines: [{alternative, line (from 1; 0 for a new one), fields: {key: text}}].
    static std::vector<project_line_edit> parse_project_lines(const json& a) {
        std::vector<project_line_edit> out;
        if (a.is_null()) return out;
        if (!a.is_array()) throw request_error(400, "'project_lines' must be a list");
        if (a.size() > 200) throw request_error(400, "at most 200 project lines at once");
        for (const json& x : a) {
            if (!x.is_object() || !x.contains("alternative") || !x["alternative"].is_string() ||
                !x.contains("line") || !x["line"].is_number_unsigned() || !x.contains("fields") ||
                !x["fields"].is_object())
                throw request_error(400,
                                    "a project line is {\"alternative\": ID, \"line\": N (0 for a new one), "
                                    "\"fields\": {KEY: TEXT}}");
            project_line_edit pl{x["alternative"], x["line"].get<std::size_t>(), {}};
            const std::string row = "project." + pl.alternative + "." + std::to_string(pl.line);
            for (const auto& [key, v] : x["fields"].items()) {
                const std::string path = row + "." + key;
                if (!v.is_string() && !v.is_number())
                    throw request_error(400, "a text or a number is wanted", path);
                const std::string t = v.is_string() ? v.get<std::string>() : "";
                if (v.is_string() && t.empty()) {
                    if (key == "item" || key == "payer")
                        throw request_error(400, "a project line needs its " + key, path);
                    pl.fields.emplace_back(key, "");
                } else if (key == "item" || key == "payer" || key == "staff" || key == "source") {
                    if (t.size() > 400) throw request_error(400, "at most 400 characters", path);
                    pl.fields.emplace_back(key, toml_basic_string(t));
                } else if (key == "start" || key == "end") {
                    if (!std::regex_match(t, day))
                        throw request_error(400, "a date, written as 2009-01-01", path);
                    pl.fields.emplace_back(key, t);
                } else if (key == "per_year" || key == "one_off" || key == "fte") {
                    const double n = form_number(v, path);
                    if (n < 0) throw request_error(400, "the number must be 0 or more", path);
                    pl.fields.emplace_back(key, toml_number_text(n));
                } else {
                    throw request_error(
                        400,
                        "a project line has item, per_year, one_off, start, end, payer, staff, "
                        "fte and source, not '" +
                            key + "'",
                        path);
                }
            }
            // Written in the order of the shipped cases, whatever the order sent.
            static const std::vector<std::string> order{"item",  "per_year", "one_off", "start", "end",
                                                        "payer", "staff",    "fte",     "source"};
            auto rank = [](const std::string& k) {
                return std::find(order.begin(), order.end(), k) - order.begin();
            };
            std::stable_sort(pl.fields.begin(), pl.fields.end(),
                             [&](const auto& x, const auto& y) { return rank(x.first) < rank(y.first); });
            out.push_back(std::move(pl));
        }
        return out;
    }

    // New dated steps: [{alternative, path, from, value}].
    static std::vector<schedule_step> parse_steps(const json& a) {
        std::vector<schedule_step> out;
        if (a.is_null()) return out;
        if (!a.is_array()) throw request_error(400, "'steps' must be a list");
        if (a.size() > 100) throw request_error(400, "at most 100 new steps at once");
        for (const json& x : a) {
            if (!x.is_object() || !x.contains("alternative") || !x["alternative"].is_string() ||
                !x.contains("path") || !x["path"].is_string() || !x.contains("from") ||
                !x["from"].is_string() || !x.contains("value"))
                throw request_error(400,
                                    "a new step is {\"alternative\": ID, \"path\": PATH, \"from\": DATE, "
                                    "\"value\": NUMBER}");
            schedule_step st{x["alternative"], x["path"], x["from"], 0};
            const std::string where = "steps." + st.path + "@" + st.from;
            if (!std::regex_match(st.from, day))
                throw request_error(400, "a step's date is written as 2009-03-01", where, st.alternative);
            st.value = form_number(x["value"], where);
            out.push_back(std::move(st));
        }
        return out;
    }

    case_edit parse_edit(const json& body) const {
        return {parse_settings(body.value("settings", json())), parse_added(body.value("added", json())),
                parse_project_lines(body.value("project_lines", json())),
                parse_steps(body.value("steps", json())), parse_changes(body.value("changes", json()))};
    }

    // The case `id` with the form's edit, loaded: its settings and new alternatives
    // from files written into `keep` (made when needed; it must outlive the run),
    // then its numbers changed in memory.
    scenario load_edited(const std::string& id, const case_edit& form_edit,
                         std::shared_ptr<scratch_folder>& keep) const {
        const case_edit edit =
            form_edit.settings.shift_dates ? with_moved_paths(form_edit, load(id).start) : form_edit;
        scenario sc;
        if (edit.changes_structure()) {
            const fs::path from = case_file(id);
            keep = std::make_shared<scratch_folder>("hemsim-case");
            try {
                sc = structured_case(from, edit, keep->path());
            } catch (const save_error& e) {
                throw request_error(422, e.what(), e.path, e.alternative);
            } catch (const input_error& e) {
                // At the field it concerns when the edit has one place it can be.
                std::string path;
                if (edit.project_lines.size() == 1 && !edit.settings.start)
                    path = "project." + edit.project_lines[0].alternative + "." +
                           std::to_string(edit.project_lines[0].line);
                else if (edit.settings.start && edit.project_lines.empty())
                    path = "settings.start";
                throw request_error(422, e.what(), path);
            }
        } else {
            sc = load(id);
        }
        for (const form_change& c : edit.changes) {
            if (c.source_only) continue;  // a note changes no figure
            try {
                set_value_in(sc, c.alternative, c.path, c.value);
            } catch (const input_error& e) {
                throw request_error(422, e.what(), c.path, c.alternative);
            }
        }
        return sc;
    }

    // This server's limits on one run: its horizon, and the clients of one future (the
    // stock at the start and the arrivals at their highest rates over the horizon),
    // with the place of the largest number, so the page shows it at its field.
    void check_limits(const scenario& sc) const {
        if (sc.horizon_months > o.max_horizon_months)
            throw request_error(400,
                                "the horizon is " + std::to_string(sc.horizon_months) +
                                    " months; this server runs at most " +
                                    std::to_string(o.max_horizon_months),
                                "settings.horizon_months");
        const double years = sc.horizon_months / 12.0;
        for (const alternative& a : sc.alternatives) {
            double clients = 0, largest = -1;
            std::string at;
            for (const model_input& in : a.system.inputs) {
                if (!in.listed) continue;
                double n = 0;
                if (in.ref.field == input_field::initial_count)
                    n = in.dist ? loader::support_of(*in.dist).hi : in.value;
                else if (in.ref.field == input_field::arrival_per_year)
                    n = (in.dist ? loader::support_of(*in.dist).hi : in.value) * years;
                else
                    continue;
                clients += n;
                if (n > largest) {
                    largest = n;
                    at = in.path;
                }
            }
            if (clients > o.max_clients)
                throw request_error(400,
                                    "alternative '" + a.id + "' would have up to " +
                                        std::to_string(static_cast<long long>(clients)) +
                                        " clients in one future; this server runs at most " +
                                        std::to_string(static_cast<long long>(o.max_clients)) +
                                        " (run it with 'hemsim run' instead)",
                                    at, a.id);
        }
    }

    // Saves the case with the form's changes as own/<name>: case.toml and model.toml,
    // written together; an existing case is replaced only when `overwrite` says so.
    json save(const json& body) {
        if (!body.contains("case") || !body["case"].is_string()) throw request_error(400, "'case' is wanted");
        if (!body.contains("name") || !body["name"].is_string())
            throw request_error(400, "'name' is wanted", "name");
        const std::string name = body["name"];
        if (!std::regex_match(name, std::regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")))
            throw request_error(400, "a case's name has letters, digits, '-' and '_' only (at most 64)",
                                "name");
        const fs::path from = case_file(body["case"]);
        const case_edit edit = parse_edit(body);
        {
            std::shared_ptr<scratch_folder> keep;
            load_edited(body["case"], edit, keep);  // the form's own messages first
        }
        const fs::path dest = o.cases_dir / name;
        if (fs::exists(dest) && !body.value("overwrite", false))
            throw request_error(409, "a case called '" + name + "' exists; confirm to replace it", "name");
        case_files files;
        try {
            files = edited_case(from, edit);
        } catch (const save_error& e) {
            throw request_error(422, e.what(), e.path, e.alternative);
        } catch (const input_error& e) {
            throw request_error(422, e.what());
        }
        output_set set(dest);
        set.add("case.toml", files.scenario);
        set.add("model.toml", files.model);
        set.commit();
        return {{"id", "own/" + name}};
    }

    json case_json(const std::string& id, const scenario& sc) const {
        json j{{"id", id},
               {"title", sc.title},
               {"start", iso(sc.start)},
               {"horizon_months", sc.horizon_months},
               {"units", sc.units},
               {"discount_rate", sc.discount_rate.value_or(default_discount_rate)},
               {"replications", sc.replications},
               {"alternatives", json::array()}};
        for (const alternative& a : sc.alternatives) {
            json alt{{"id", a.id},
                     {"name", a.name},
                     {"baseline", a.baseline},
                     {"inputs", json::array()},
                     {"project_costs", json::array()}};
            for (const project_cost& pc : a.project_costs) {
                json l{{"item", pc.item},
                       {"start", pc.start ? iso(*pc.start) : ""},
                       {"end", pc.end ? iso(*pc.end) : ""},
                       {"payer", pc.payer == no_index ? "" : a.system.payers[pc.payer].id},
                       {"staff", pc.staff == no_index ? "" : a.system.staff[pc.staff].id},
                       {"fte", pc.staff == no_index ? json("") : json(pc.fte)},
                       {"one_off", pc.one_off},
                       {"from_pool", pc.per_year_from_pool}};
                alt["project_costs"].push_back(std::move(l));
            }
            for (const model_input& in : a.system.inputs) {
                if (!in.listed) continue;
                json i{{"path", in.path},
                       {"value", in.value},
                       {"unit", in.unit},
                       {"source", in.source},
                       {"note", in.note},
                       {"where", in.where},
                       {"uncertain", in.dist.has_value()}};
                if (in.dist) i["distribution"] = distribution_text(*in.dist, language::sv);
                alt["inputs"].push_back(std::move(i));
            }
            j["alternatives"].push_back(std::move(alt));
        }
        const model& m = sc.alternatives.at(sc.baseline_index()).system;
        j["payers"] = json::array();
        for (const payer& p : m.payers) j["payers"].push_back({{"id", p.id}, {"name", p.name}});
        j["staff"] = json::array();
        for (const staff_pool& sp : m.staff) j["staff"].push_back(sp.id);
        return j;
    }

    json cases_json() const {
        json list = json::array();
        auto add = [&](const std::string& id) {
            try {
                const scenario sc = load_scenario(case_file(id));
                json alts = json::array();
                for (const alternative& a : sc.alternatives) alts.push_back(a.name);
                list.push_back({{"id", id},
                                {"title", sc.title},
                                {"model", fs::path(sc.model_file).filename().string()},
                                {"horizon_months", sc.horizon_months},
                                {"alternatives", alts}});
            } catch (const std::exception& e) {
                list.push_back({{"id", id}, {"error", e.what()}});
            }
        };
        std::vector<std::string> ids;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(o.shipped_dir, ec))
            if (e.path().extension() == ".toml") ids.push_back("shipped/" + e.path().stem().string());
        for (const auto& e : fs::directory_iterator(o.cases_dir, ec))
            if (e.is_directory() && fs::exists(e.path() / "case.toml"))
                ids.push_back("own/" + e.path().filename().string());
        std::sort(ids.begin(), ids.end());
        for (const std::string& id : ids)
            if (std::regex_match(id, std::regex("^(shipped|own)/[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"))) add(id);
        return list;
    }

    json job_json(job& j) const {
        job_state st = j.state;
        if (st == job_state::queued && j.cancel) st = job_state::cancelled;
        json r{{"id", j.id},
               {"state", state_name(st)},
               {"done", j.done.load()},
               {"total", j.total.load()},
               {"waiting_before", jobs.position(j.id)}};
        std::lock_guard lock(j.mutex);
        if (!j.message.empty()) r["message"] = j.message;
        if (st == job_state::done) {
            r["files"] = j.files;
            r["summary"] = json::parse(j.summary_json.empty() ? "{}" : j.summary_json);
        }
        return r;
    }

    json start_run(const json& body) {
        if (!body.contains("case") || !body["case"].is_string()) throw request_error(400, "'case' is wanted");
        const case_edit edit = parse_edit(body);
        std::shared_ptr<scratch_folder> keep;
        scenario sc = load_edited(body["case"], edit, keep);
        std::uint32_t reps = sc.replications;
        if (body.contains("replications")) {
            const double r = form_number(body["replications"], "replications");
            if (r < 1 || r > o.max_replications || r != std::floor(r))
                throw request_error(400,
                                    "replications: a whole number from 1 to " +
                                        std::to_string(o.max_replications) + " (this server's limit)",
                                    "replications");
            reps = static_cast<std::uint32_t>(r);
        }
        if (reps > o.max_replications) reps = o.max_replications;
        check_limits(sc);
        const language lang = body.value("lang", std::string("sv")) == "en" ? language::en : language::sv;
        const bool tornado = body.value("tornado", false);
        const std::string id = std::to_string(next_job++) + "-" + random_hex(4);
        const fs::path out = o.runs_dir / id;
        const std::string command = "hemsim serve: " + body["case"].get<std::string>();
        // The case as run, as files to download: edited as saving would (a change that
        // cannot be written there leaves them out, the run goes on).
        std::optional<case_files> as_files;
        try {
            as_files = edited_case(case_file(body["case"]), edit);
        } catch (const std::exception&) {
        }
        econ_options econ;
        econ.rate = sc.discount_rate.value_or(default_discount_rate);
        auto j = jobs.submit(id, out, [sc, reps, lang, tornado, command, as_files, econ, keep](job& jb) {
            run_options opts;
            opts.replications = reps;
            opts.cancel = &jb.cancel;
            opts.progress = [&jb](std::size_t done, std::size_t total) {
                jb.done = done;
                jb.total = total;
            };
            const scenario_result res = run_case(sc, opts);
            report_plan plan;
            plan.sensitivity = tornado;
            const report_request rq = plan_report(sc, opts, econ, lang, plan, command);
            report_options ro;
            run_files_result rf = run_files(sc, res, econ, command, &rq, &ro);
            if (jb.cancel) throw run_cancelled();
            output_set files(jb.out_dir);
            std::vector<std::string> names;
            for (auto& [name, bytes] : rf.files) {
                names.push_back(name);
                files.add(name, std::move(bytes));
            }
            if (as_files) {
                files.add("case.toml", as_files->scenario);
                files.add("model.toml", as_files->model);
                names.push_back("case.toml");
                names.push_back("model.toml");
            }
            files.commit();
            json summary{{"units", rf.report->unit.name},
                         {"divisor", rf.report->unit.divisor},
                         {"headlines", json::array()},
                         {"skipped", rf.skipped}};
            for (const report_headline& h : rf.report->headlines)
                summary["headlines"].push_back({{"alternative", rf.report->alternatives[h.alternative].name},
                                                {"diff_total", h.diff_total.mean},
                                                {"diff_p05", h.diff_total.p05},
                                                {"diff_p95", h.diff_total.p95},
                                                {"npv", h.npv.mean},
                                                {"p_saving", h.p_saving.mean},
                                                {"payback", h.payback_label}});
            std::lock_guard lock(jb.mutex);
            jb.files = std::move(names);
            jb.summary_json = summary.dump();
        });
        if (!j) throw request_error(503, "too many runs are waiting; try again when one has finished");
        return job_json(*j);
    }

    void routes() {
        http.set_payload_max_length(o.max_body_bytes);
        http.set_read_timeout(10, 0);
        http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            if (!own_request(req)) {
                send_json(res,
                          {{"error",
                            "this server answers only its own page (Host or Origin not "
                            "http://" +
                                host_port() + ")"}},
                          403);
                return httplib::Server::HandlerResponse::Handled;
            }
            if (req.method == "POST" && req.get_header_value("X-Hemsim-Token") != token) {
                send_json(res,
                          {{"error",
                            "a request that changes something must carry the page's token; reload the page"}},
                          403);
                return httplib::Server::HandlerResponse::Handled;
            }
            return httplib::Server::HandlerResponse::Unhandled;
        });
        auto guarded = [](auto f) {
            return [f](const httplib::Request& req, httplib::Response& res) {
                try {
                    f(req, res);
                } catch (const request_error& e) {
                    send_error(res, e);
                } catch (const json::exception& e) {
                    send_error(res, request_error(
                                        400, std::string("the request is not the JSON wanted: ") + e.what()));
                } catch (const std::exception& e) {
                    send_error(res, request_error(500, e.what()));
                }
            };
        };
        auto body_json = [](const httplib::Request& req) {
            json j = json::parse(req.body);
            if (!j.is_object()) throw request_error(400, "the request's body must be a JSON object");
            return j;
        };
        http.Get(
            "/", guarded([this](const httplib::Request&, httplib::Response& res) {
                res.set_header("Content-Security-Policy",
                               "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                               "connect-src 'self'; frame-src 'self'; img-src 'self' data:");
                res.set_header("X-Frame-Options", "SAMEORIGIN");
                res.set_content(page_html(token, o.max_replications, o.max_horizon_months, o.max_clients),
                                "text/html; charset=utf-8");
            }));
        http.Get("/api/cases", guarded([this](const httplib::Request&, httplib::Response& res) {
                     send_json(res, cases_json());
                 }));
        http.Get("/api/case", guarded([this](const httplib::Request& req, httplib::Response& res) {
                     const std::string id = req.get_param_value("id");
                     send_json(res, case_json(id, load(id)));
                 }));
        http.Post("/api/validate",
                  guarded([this, body_json](const httplib::Request& req, httplib::Response& res) {
                      const json b = body_json(req);
                      if (!b.contains("case") || !b["case"].is_string())
                          throw request_error(400, "'case' is wanted");
                      // As the user types: an answer, not an HTTP error, for a value that is wrong.
                      try {
                          std::shared_ptr<scratch_folder> keep;
                          check_limits(load_edited(b["case"], parse_edit(b), keep));
                      } catch (const request_error& e) {
                          json j{{"ok", false}, {"error", e.what()}};
                          if (!e.path.empty()) j["path"] = e.path;
                          if (!e.alternative.empty()) j["alternative"] = e.alternative;
                          send_json(res, j);
                          return;
                      }
                      send_json(res, {{"ok", true}});
                  }));
        http.Post("/api/save",
                  guarded([this, body_json](const httplib::Request& req, httplib::Response& res) {
                      send_json(res, save(body_json(req)));
                  }));
        http.Post("/api/run", guarded([this, body_json](const httplib::Request& req, httplib::Response& res) {
                      send_json(res, start_run(body_json(req)), 202);
                  }));
        http.Get(R"(/api/jobs/([0-9a-f-]{1,40}))",
                 guarded([this](const httplib::Request& req, httplib::Response& res) {
                     auto j = jobs.find(req.matches[1]);
                     if (!j)
                         throw request_error(404, "there is no run '" + std::string(req.matches[1]) + "'");
                     send_json(res, job_json(*j));
                 }));
        http.Post(R"(/api/jobs/([0-9a-f-]{1,40})/cancel)",
                  guarded([this](const httplib::Request& req, httplib::Response& res) {
                      auto j = jobs.find(req.matches[1]);
                      if (!j)
                          throw request_error(404, "there is no run '" + std::string(req.matches[1]) + "'");
                      j->cancel = true;
                      send_json(res, job_json(*j));
                  }));
        http.Get(
            R"(/api/jobs/([0-9a-f-]{1,40})/files/(.+))",
            guarded([this](const httplib::Request& req, httplib::Response& res) {
                auto j = jobs.find(req.matches[1]);
                if (!j) throw request_error(404, "there is no run '" + std::string(req.matches[1]) + "'");
                const std::string name = req.matches[2];
                std::vector<std::string> files;
                {
                    std::lock_guard lock(j->mutex);
                    files = j->files;
                }
                // Only the files the run wrote: no path, no "..", nothing else in the folder.
                if (std::find(files.begin(), files.end(), name) == files.end())
                    throw request_error(404, "the run wrote no file '" + name + "'");
                std::ifstream in(j->out_dir / name, std::ios::binary);
                std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                const std::string ext = fs::path(name).extension().string();
                const std::string type =
                    ext == ".html"   ? "text/html; charset=utf-8"
                    : ext == ".pdf"  ? "application/pdf"
                    : ext == ".csv"  ? "text/csv; charset=utf-8"
                    : ext == ".json" ? "application/json"
                    : ext == ".xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    : ext == ".docx"
                        ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                        : "application/octet-stream";
                if (ext != ".html")
                    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
                res.set_content(bytes, type.c_str());
            }));
    }
};

server::server(serve_options o) : impl_(std::make_unique<impl>(std::move(o))) {
    impl& d = *impl_;
    std::error_code ec;
    fs::create_directories(d.o.cases_dir, ec);
    fs::create_directories(d.o.runs_dir, ec);
    d.routes();
    d.bound_port = d.o.port == 0 ? d.http.bind_to_any_port(d.o.host)
                                 : (d.http.bind_to_port(d.o.host, d.o.port) ? d.o.port : -1);
    if (d.bound_port <= 0)
        throw std::runtime_error("cannot listen on " + d.o.host + ":" + std::to_string(d.o.port) +
                                 " (in use? give another with --port)");
}

server::~server() { stop(); }

int server::port() const { return impl_->bound_port; }
std::string server::url() const { return "http://" + impl_->host_port() + "/"; }
const std::string& server::token() const { return impl_->token; }
void server::run() { impl_->http.listen_after_bind(); }
void server::stop() { impl_->http.stop(); }

}  // namespace hemsim::web
