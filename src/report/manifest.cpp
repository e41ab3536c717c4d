#include "report/manifest.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "hemsim_version.hpp"
#include "model/calendar.hpp"
#include "report/warnings_report.hpp"

namespace hemsim {

std::string sha256_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("sha256 unavailable");
    std::array<char, 65536> buf;
    while (in) {
        in.read(buf.data(), buf.size());
        if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), md, &len);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 15];
    }
    return out;
}

std::string manifest_json(const scenario& sc, const run_outputs& run, const std::string& command,
                          const std::vector<std::string>& files_written) {
    const scenario_result& res = run.shape;
    nlohmann::ordered_json j;
    j["tool"] = "hemsim";
    j["version"] = version;
    j["git_commit"] = std::string(git_commit).empty() ? nlohmann::ordered_json(nullptr)
                                                      : nlohmann::ordered_json(git_commit);
    j["command"] = command;
    j["scenario"] = sc.title;
    j["start"] = iso(sc.start);
    j["horizon_months"] = sc.horizon_months;
    j["horizon_end"] = iso(add_months(sc.start, sc.horizon_months));
    j["warmup_days"] = sc.warmup_days;
    j["seed"] = res.seed;
    j["replications"] = res.replications;
    j["threads"] = res.threads;
    j["events"] = run.totals.events;
    j["peak_clients_present"] = run.totals.peak_present;
    j["simulation_wall_seconds"] = res.wall_seconds;
    j["random_streams"] = "Philox4x64-10 keyed by (seed, replication); counters by entity and purpose";
    nlohmann::ordered_json alts = nlohmann::ordered_json::array();
    for (const alternative& a : sc.alternatives)
        alts.push_back({{"id", a.id}, {"name", a.name}, {"baseline", a.baseline}});
    j["alternatives"] = alts;
    nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
    for (const std::string& f : sc.input_files) inputs.push_back({{"file", f}, {"sha256", sha256_file(f)}});
    j["inputs"] = inputs;
    j["fixed_parameters"] = res.fixed_parameters;
    // The uncertain parameters and each replication's drawn value.
    nlohmann::ordered_json params = nlohmann::ordered_json::array();
    static const char* kinds[] = {"uniform", "triangular", "normal", "lognormal", "gamma", "beta"};
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        const auto& unc = sc.alternatives[a].system.uncertain;
        for (std::size_t i = 0; i < unc.size(); ++i) {
            nlohmann::ordered_json draws = nlohmann::ordered_json::array();
            for (double v : run.totals.draws[a][i]) draws.push_back(v);
            const param_distribution& d = unc[i].dist;
            params.push_back({{"alternative", sc.alternatives[a].id},
                              {"path", unc[i].path},
                              {"distribution", kinds[static_cast<int>(d.kind)]},
                              {"parameters", d.kind == param_kind::triangular
                                                 ? nlohmann::ordered_json::array({d.a, d.c, d.b})
                                                 : nlohmann::ordered_json::array({d.a, d.b})},
                              {"mean", unc[i].mean},
                              {"source", unc[i].source},
                              {"note", unc[i].note},
                              {"draws", draws}});
        }
    }
    j["parameters"] = params;
    // Every number each alternative reads, with its source.
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const alternative& a : sc.alternatives)
        for (const model_input& in : a.system.inputs) {
            if (!in.listed) continue;
            all.push_back({{"alternative", a.id},
                           {"path", in.path},
                           {"value", in.value},
                           {"unit", in.unit},
                           {"uncertain", in.dist.has_value()},
                           {"source", in.source},
                           {"note", in.note},
                           {"where", in.where}});
        }
    j["model_inputs"] = all;
    nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
    for (const run_warning& w : run.warnings)
        warnings.push_back({{"kind", warning_id(w.kind)},
                            {"alternative", w.alternative},
                            {"subject", w.subject},
                            {"value", w.value},
                            {"text", warning_text(w, sc, language::en)},
                            {"text_sv", warning_text(w, sc, language::sv)}});
    j["warnings"] = warnings;
    j["outputs"] = files_written;
    return j.dump(2) + "\n";
}

}  // namespace hemsim
