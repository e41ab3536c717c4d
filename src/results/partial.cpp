#include "results/partial.hpp"

#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

#include "results/recorder.hpp"

namespace hemsim {

namespace {

constexpr char magic[8] = {'H', 'E', 'M', 'S', 'I', 'M', 'P', '8'};
// 5: moves_month; 6: queue_days_month; 7: gave_up; 8: replication by replication (every alternative's
// tables of one replication together, so that a merge reads the shards as streams)

// A flat binary format in the machine's byte order (the shards of a run are
// merged on machines of one kind).
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

}  // namespace

// Reads a partial file front to back without holding it.
class partial_stream::reader {
public:
    explicit reader(const std::filesystem::path& file) : in_(file, std::ios::binary), file_(file.string()) {
        if (!in_) throw std::runtime_error("cannot read " + file_ + " (no partial result there?)");
        in_.seekg(0, std::ios::end);
        left_ = static_cast<std::uint64_t>(in_.tellg());
        in_.seekg(0);
    }
    void bytes(void* to, std::uint64_t n) {
        if (n > left_) throw std::runtime_error(file_ + ": truncated partial result file");
        in_.read(static_cast<char*>(to), static_cast<std::streamsize>(n));
        if (!in_) throw std::runtime_error(file_ + ": truncated partial result file");
        left_ -= n;
    }
    template <class T>
    T pod() {
        T v;
        bytes(&v, sizeof v);
        return v;
    }
    std::string str() {
        const auto n = pod<std::uint64_t>();
        if (n > left_) throw std::runtime_error(file_ + ": truncated partial result file");
        std::string s(n, '\0');
        bytes(s.data(), n);
        return s;
    }
    void vec(std::vector<double>& v) {
        const auto n = pod<std::uint64_t>();
        if (n > left_ / sizeof(double)) throw std::runtime_error(file_ + ": truncated partial result file");
        v.resize(n);
        if (n > 0) bytes(v.data(), n * sizeof(double));
    }
    run_identity identity() {
        char m[sizeof magic];
        if (left_ < sizeof magic) throw not_partial();
        bytes(m, sizeof m);
        if (std::memcmp(m, magic, sizeof magic) != 0) throw not_partial();
        run_identity id;
        id.case_file = str();
        id.inputs_sha256 = str();
        id.seed = pod<std::uint64_t>();
        id.replications = pod<std::uint32_t>();
        id.shard_k = pod<std::uint32_t>();
        id.shard_n = pod<std::uint32_t>();
        id.fixed_parameters = pod<std::uint8_t>() != 0;
        return id;
    }
    const std::string& file() const { return file_; }

private:
    std::runtime_error not_partial() const {
        return std::runtime_error(file_ +
                                  " is not a hemsim partial result of this version (written by run --shard)");
    }
    std::ifstream in_;
    std::string file_;
    std::uint64_t left_ = 0;
};

namespace {

// The header: identity, alternatives, the shard's replication numbers.
void put_header(writer& w, const run_identity& id, const scenario_result& shape) {
    put_identity(w, id);
    w.pod<std::uint64_t>(shape.alts.size());
    w.pod<std::uint64_t>(shape.rep_ids.size());
    for (std::uint32_t r : shape.rep_ids) w.pod(r);
}

void put_replication(writer& w, const replication_result& r) {
    for (const auto* v : r.tables()) w.vec(*v);
    w.pod(r.flows);
}

}  // namespace

partial_writer::partial_writer(const std::filesystem::path& file, const run_identity& id,
                               const scenario_result& shape)
    : file_(file), out_(file, std::ios::binary | std::ios::trunc) {
    writer w;
    put_header(w, id, shape);
    out_.write(w.out.data(), static_cast<std::streamsize>(w.out.size()));
    if (!out_) throw std::runtime_error("cannot write " + file_.string());
}

void partial_writer::add(const std::vector<const replication_result*>& rep) {
    writer w;
    for (const replication_result* r : rep) put_replication(w, *r);
    out_.write(w.out.data(), static_cast<std::streamsize>(w.out.size()));
    if (!out_) throw std::runtime_error("cannot write " + file_.string() + " (disk full?)");
}

void partial_writer::close() {
    out_.close();
    if (!out_) throw std::runtime_error("cannot write " + file_.string() + " (disk full?)");
}

run_identity read_partial_identity(const std::filesystem::path& file) {
    return partial_stream::reader(file).identity();
}

partial_stream::partial_stream(const scenario& sc, const std::vector<std::filesystem::path>& files) {
    if (files.empty()) throw std::runtime_error("nothing to merge: give the folders the shards wrote");
    std::map<std::uint32_t, std::filesystem::path> shards;
    for (std::size_t f = 0; f < files.size(); ++f) {
        auto r = std::make_unique<reader>(files[f]);
        const run_identity here = r->identity();
        if (f == 0) {
            id_ = here;
            owner_.assign(id_.replications, no_shard);
        } else if (here.case_file != id_.case_file || here.inputs_sha256 != id_.inputs_sha256 ||
                   here.seed != id_.seed || here.replications != id_.replications ||
                   here.shard_n != id_.shard_n || here.fixed_parameters != id_.fixed_parameters) {
            throw std::runtime_error(files[f].string() + " is from another run than " + files[0].string() +
                                     " (case, inputs, seed, replications or shard count differ)");
        }
        if (auto [it, fresh] = shards.emplace(here.shard_k, files[f]); !fresh)
            throw std::runtime_error("shard " + std::to_string(here.shard_k) +
                                     " is given twice: " + it->second.string() + " and " + files[f].string());
        const auto A = r->pod<std::uint64_t>();
        const auto n = r->pod<std::uint64_t>();
        if (A != sc.alternatives.size())
            throw std::runtime_error(files[f].string() + " has " + std::to_string(A) +
                                     " alternatives, the case " + std::to_string(sc.alternatives.size()));
        if (n > id_.replications) throw std::runtime_error(files[f].string() + ": replication out of range");
        std::uint32_t previous = 0;
        for (std::uint64_t k = 0; k < n; ++k) {
            const auto i = r->pod<std::uint32_t>();
            if (i >= id_.replications || (k > 0 && i <= previous) || owner_[i] != no_shard)
                throw std::runtime_error(files[f].string() + ": replication out of range");
            owner_[i] = static_cast<std::uint32_t>(readers_.size());
            previous = i;
        }
        readers_.push_back(std::move(r));
    }
    for (std::uint32_t k = 0; k < id_.shard_n; ++k)
        if (!shards.count(k))
            throw std::runtime_error("shard " + std::to_string(k) + " of " + std::to_string(id_.shard_n) +
                                     " is missing; merge needs every shard of the run");
    for (std::uint32_t i = 0; i < id_.replications; ++i)
        if (owner_[i] == no_shard)
            throw std::runtime_error("replication " + std::to_string(i) + " is in no shard given");
    shape_.cal = make_calendar(sc);
    shape_.seed = id_.seed;
    shape_.replications = id_.replications;
    shape_.fixed_parameters = id_.fixed_parameters;
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a)
        shape_.alts.push_back(empty_result(sc, a, shape_.cal));
    for (std::uint32_t r = 0; r < id_.replications; ++r) shape_.rep_ids.push_back(r);
}

partial_stream::~partial_stream() = default;

bool partial_stream::next(std::vector<replication_result>& rep) {
    if (next_ >= id_.replications) return false;
    reader& r = *readers_[owner_[next_++]];
    rep.resize(shape_.alts.size());
    for (replication_result& rr : rep) {
        for (auto* v : rr.tables()) r.vec(*v);
        rr.flows = r.pod<flow_counts>();
    }
    return true;
}

}  // namespace hemsim
