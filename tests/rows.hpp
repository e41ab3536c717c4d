// The rows of a run's yearly table by their names in yearly.csv, for tests
// that check a metric the way a reader of the file finds it.
#pragma once

#include <string>
#include <vector>

#include "econ/economics.hpp"
#include "results/summary.hpp"

namespace hemsim::testing {

struct named_row {
    std::string alternative, year, metric;
    sample_summary s;
};

inline std::vector<named_row> yearly_rows(const scenario& sc, const scenario_result& res) {
    const result_table t = yearly_table(sc, res);
    std::vector<named_row> out;
    for (const metric_row& r : t.rows())
        out.push_back(
            {t.names().alternatives[r.alternative], t.names().year_label(r.year), t.metric_name(r), r.s});
    return out;
}

struct named_econ_row {
    std::string alternative, payer, year, measure;
    sample_summary s;
};

/// The rows of economics.csv by their names.
inline std::vector<named_econ_row> named(const econ_table& t) {
    std::vector<named_econ_row> out;
    for (const econ_row& r : t.rows)
        out.push_back(
            {t.alternatives[r.alternative], t.payer_label(r), t.year_label(r), t.measure_name(r), r.s});
    return out;
}

inline std::vector<named_econ_row> economics_named(const scenario& sc, const scenario_result& res,
                                                   const econ_options& o) {
    return named(economics_rows(sc, res, o));
}

}  // namespace hemsim::testing
