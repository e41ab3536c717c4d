// The rows of a run's yearly table by their names in yearly.csv, for tests
// that check a metric the way a reader of the file finds it.
#pragma once

#include <string>
#include <vector>

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
        out.push_back({t.names().alternatives[r.alternative], t.names().year_label(r.year), t.metric_name(r), r.s});
    return out;
}

}  // namespace hemsim::testing
