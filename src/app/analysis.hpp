// Analyses made of many runs of one case: a grid over one or two model values
// (sweep), one-way sensitivity over the uncertain parameters (the data of a
// tornado chart), and switching values found by root-finding on the simulated
// (common random numbers) difference. Each run is an ordinary run of the case
// held in memory with model values set by path (model.hpp's set_value); every
// figure carries its 95 % CI over replications.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "econ/economics.hpp"
#include "results/runner.hpp"
#include "results/statistics.hpp"

namespace hemsim {

/// One axis of a sweep: a model value by its `set` path and the values it takes.
struct sweep_axis {
    std::string path;
    std::vector<double> values;
    bool baseline_too = false;  // also in the nollalternativ (a context value such as apartment supply)
};

/// "3:12:1" -> 3, 4, ..., 12 (an inclusive grid; the step must be > 0).
std::vector<double> parse_grid(const std::string& text);

/// The headline of the case at one point of the grid.
struct sweep_row {
    std::vector<double> point;  // a value per axis
    econ_row row;               // a headline measure (headline_rows)
};

struct sweep_result {
    std::vector<sweep_axis> axes;
    std::vector<std::string> alternatives;  // ids, for econ_row::alternative
    std::vector<sweep_row> rows;
};

/// Runs the case at every grid point (one or two axes).
sweep_result run_sweep(const scenario& sc, const std::vector<sweep_axis>& axes, const run_options& opts,
                       const econ_options& econ);

/// One uncertain parameter's low and high value and the NPV of the difference there.
struct tornado_row {
    std::string alternative, path;
    double low_value = 0, high_value = 0, mean_value = 0;
    sample_summary npv_low, npv_high;
    double swing = 0;  // |npv_high - npv_low|
};

/// One-way sensitivity: every uncertain parameter at its `q_low` and `q_high`
/// quantiles, the others at their means (a --fixed-parameters run), ranked by
/// the swing in the NPV of the difference. A parameter moves only in the
/// alternatives whose model gives it as a distribution (each to its own
/// quantile); an alternative's row lists the parameters uncertain in it or in
/// the nollalternativ.
std::vector<tornado_row> one_way_sensitivity(const scenario& sc, const run_options& opts,
                                             const econ_options& econ, double q_low = 0.1,
                                             double q_high = 0.9);

/// The value of a model value at which the NPV of an alternative's difference is zero.
struct switching_result {
    std::string alternative, path;
    double lo = 0, hi = 0;
    std::optional<double> value;            // the root of the mean NPV
    std::optional<double> ci_low, ci_high;  // where the 95 % CI bounds of the NPV cross zero
    std::string note;                       // why a value is missing
    int runs = 0;                           // runs of the case it took
};

/// Root-finding (TOMS 748) on the simulated NPV of the difference as a function
/// of the value at `path` in [lo, hi], in every alternative but the
/// nollalternativ unless `baseline_too`.
switching_result switching_value(const scenario& sc, const std::string& path, double lo, double hi,
                                 bool baseline_too, const std::string& alternative, const run_options& opts,
                                 const econ_options& econ);

}  // namespace hemsim
