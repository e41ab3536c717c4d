#include "results/partial.hpp"

#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "results/recorder.hpp"

namespace hemsim {

namespace {

constexpr char magic[8] = {'H', 'E', 'M', 'S',
                           'I', 'M', 'P', '7'};  // 5: moves_month; 6: queue_days_month; 7: gave_up

// Little helpers for a flat binary format in the machine's byte order (the
// shards of a run are merged on machines of one kind).
struct writer {
    std::string out;
    template <class T>
    void pod(const T& v) {
        out.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void str(const std::string& s) {
        pod<std::uint64_t>(s.size());
        out += s;
    }
    void vec(const std::vector<double>& v) {
        pod<std::uint64_t>(v.size());
        if (!v.empty()) out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
    }
};

struct reader {
    std::string data;
    std::size_t pos = 0;
    std::string file;
    void need(std::size_t n) {
        if (pos + n > data.size()) throw std::runtime_error(file + ": truncated partial result file");
    }
    template <class T>
    T pod() {
        need(sizeof(T));
        T v;
        std::memcpy(&v, data.data() + pos, sizeof v);
        pos += sizeof v;
        return v;
    }
    std::string str() {
        auto n = pod<std::uint64_t>();
        need(n);
        std::string s = data.substr(pos, n);
        pos += n;
        return s;
    }
    std::vector<double> vec() {
        auto n = pod<std::uint64_t>();
        need(n * sizeof(double));
        std::vector<double> v(n);
        if (n > 0) std::memcpy(v.data(), data.data() + pos, n * sizeof(double));  // no null pointer to memcpy
        pos += n * sizeof(double);
        return v;
    }
};

void put_identity(writer& w, const run_identity& id) {
    w.out.append(magic, sizeof magic);
    w.str(id.case_file);
    w.str(id.inputs_sha256);
    w.pod(id.seed);
    w.pod(id.replications);
    w.pod(id.shard_k);
    w.pod(id.shard_n);
    w.pod<std::uint8_t>(id.fixed_parameters ? 1 : 0);
}

reader open_partial(const std::filesystem::path& file, run_identity& id) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string() + " (no partial result there?)");
    std::stringstream ss;
    ss << in.rdbuf();
    reader r{ss.str(), 0, file.string()};
    r.need(sizeof magic);
    if (std::memcmp(r.data.data(), magic, sizeof magic) != 0)
        throw std::runtime_error(file.string() + " is not a hemsim partial result (written by run --shard)");
    r.pos = sizeof magic;
    id.case_file = r.str();
    id.inputs_sha256 = r.str();
    id.seed = r.pod<std::uint64_t>();
    id.replications = r.pod<std::uint32_t>();
    id.shard_k = r.pod<std::uint32_t>();
    id.shard_n = r.pod<std::uint32_t>();
    id.fixed_parameters = r.pod<std::uint8_t>() != 0;
    return r;
}

}  // namespace

std::string encode_partial(const run_identity& id, const scenario_result& res) {
    writer w;
    put_identity(w, id);
    w.pod<std::uint64_t>(res.alts.size());
    w.pod<std::uint64_t>(res.rep_ids.size());
    for (std::uint32_t r : res.rep_ids) w.pod(r);
    for (const alternative_result& a : res.alts)
        for (const replication_result& r : a.reps) {
            for (const auto* v : r.tables()) w.vec(*v);
            w.pod(r.flows);
        }
    return w.out;
}

run_identity read_partial_identity(const std::filesystem::path& file) {
    run_identity id;
    open_partial(file, id);
    return id;
}

scenario_result merge_partials(const scenario& sc, const std::vector<std::filesystem::path>& files,
                               run_identity& id) {
    if (files.empty()) throw std::runtime_error("nothing to merge: give the folders the shards wrote");
    scenario_result out;
    std::map<std::uint32_t, std::filesystem::path> shards;
    std::vector<std::vector<replication_result>> by_rep;  // [replication][alternative]
    for (std::size_t f = 0; f < files.size(); ++f) {
        run_identity here;
        reader r = open_partial(files[f], here);
        if (f == 0) {
            id = here;
            by_rep.assign(id.replications, {});
        } else if (here.case_file != id.case_file || here.inputs_sha256 != id.inputs_sha256 ||
                   here.seed != id.seed || here.replications != id.replications ||
                   here.shard_n != id.shard_n || here.fixed_parameters != id.fixed_parameters) {
            throw std::runtime_error(files[f].string() + " is from another run than " + files[0].string() +
                                     " (case, inputs, seed, replications or shard count differ)");
        }
        if (auto [it, fresh] = shards.emplace(here.shard_k, files[f]); !fresh)
            throw std::runtime_error("shard " + std::to_string(here.shard_k) +
                                     " is given twice: " + it->second.string() + " and " + files[f].string());
        auto A = r.pod<std::uint64_t>();
        auto n = r.pod<std::uint64_t>();
        if (A != sc.alternatives.size())
            throw std::runtime_error(files[f].string() + " has " + std::to_string(A) +
                                     " alternatives, the case " + std::to_string(sc.alternatives.size()));
        std::vector<std::uint32_t> ids(n);
        for (auto& i : ids) i = r.pod<std::uint32_t>();
        for (std::uint32_t i : ids)
            if (i >= id.replications)
                throw std::runtime_error(files[f].string() + ": replication out of range");
        std::vector<std::vector<replication_result>> reps(A, std::vector<replication_result>(n));
        for (std::size_t a = 0; a < A; ++a)
            for (std::size_t k = 0; k < n; ++k) {
                replication_result& rr = reps[a][k];
                for (auto* v : rr.tables()) *v = r.vec();
                rr.flows = r.pod<flow_counts>();
            }
        for (std::size_t k = 0; k < n; ++k) {
            by_rep[ids[k]].resize(A);
            for (std::size_t a = 0; a < A; ++a) by_rep[ids[k]][a] = std::move(reps[a][k]);
        }
    }
    for (std::uint32_t k = 0; k < id.shard_n; ++k)
        if (!shards.count(k))
            throw std::runtime_error("shard " + std::to_string(k) + " of " + std::to_string(id.shard_n) +
                                     " is missing; merge needs every shard of the run");
    out.cal = make_calendar(sc);
    out.seed = id.seed;
    out.replications = id.replications;
    out.fixed_parameters = id.fixed_parameters;
    out.alts.resize(sc.alternatives.size());
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        out.alts[a] = empty_result(sc, a, out.cal);
        for (std::uint32_t r = 0; r < id.replications; ++r)
            out.alts[a].reps.push_back(std::move(by_rep[r][a]));
    }
    for (std::uint32_t r = 0; r < id.replications; ++r) out.rep_ids.push_back(r);
    return out;
}

}  // namespace hemsim
