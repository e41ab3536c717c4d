// The report of a case as data: every figure, table and sentence of the
// application-ready report (`hemsim report`), built once from a run and read
// by each writer (HTML, Markdown for Word, the Excel workbook). Amounts are
// SEK as double kronor, never rounded here; sentences are in the report's
// language, with numbers already written as the document writes them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "report/text.hpp"

namespace hemsim {

/// A figure over the simulated futures: the mean, the 95 % interval of the
/// mean, and the spread (p05–p95: 90 % of the futures lie between).
struct figure {
    double mean = 0, ci_low = 0, ci_high = 0, p05 = 0, p95 = 0;
};

/// The case's money unit as its seed writes it ("tkr" or "mkr") and its divisor.
struct money_unit {
    std::string name = "tkr";
    double divisor = 1e3;
};

struct report_alternative {
    std::string id, name;
    bool baseline = false;
};

/// One alternative against the nollalternativ (section 1).
struct report_headline {
    std::size_t alternative = 0;    // into report_model::alternatives
    std::vector<figure> diff_year;  // per year: alternative minus nollalternativ, SEK (negative = saving)
    figure diff_total;              // over the horizon
    figure npv;                     // net present value of the difference at the rate
    figure p_saving;                // probability of costing less over the horizon (Wilson interval)
    std::optional<std::size_t> payback_month;  // 1-based month by which half the futures have paid back
    std::string payback_label;                 // "2009-03", or "" when none
    double p_payback_horizon = 0;              // share of futures that pay back within the horizon
    std::optional<figure> savings_per_krona;   // present savings ÷ present project cost, when it has one
    std::string paragraph;                     // the summary in plain words
    std::vector<std::string> warnings;         // the warnings that apply, in plain words
};

/// A line of the bridge from the application's own sum to the simulated
/// nollalternativ (section 2), SEK a year rounded to whole kronor so that the
/// lines add up exactly to the last.
struct bridge_line {
    std::string label;
    double amount_sek = 0;
};
struct report_bridge {
    bool available = false;          // the nollalternativ has a sum of its own
    std::string basis;               // what a year means ("medel per år över 2008–2010")
    std::vector<bridge_line> lines;  // lines.front(): calc's total; the rest: the steps
    double simulated_sek = 0;        // = the sum of every line
};

/// Cost per year of every alternative (section 3); `year_labels` name the columns.
struct report_costs {
    std::vector<std::vector<figure>> cost;  // [alternative][year]
    std::vector<figure> total;              // [alternative]: over the horizon
};

/// A cumulative series month by month of one alternative, as monthly.csv has
/// it: its cost (section 3) or its difference against the nollalternativ
/// (section 4); NaN where monthly.csv has no row.
struct report_cumulative {
    std::size_t alternative = 0;
    std::vector<std::string> month_labels;                     // "2008-01", ...
    std::vector<double> mean, ci_low, ci_high, p05, p50, p95;  // SEK, cumulative
};

/// Who saves and who pays (section 5): the difference per year by payer and by
/// category, for one alternative against the nollalternativ.
struct report_split_row {
    std::string label;         // the payer or category as the model names it
    std::vector<double> year;  // mean difference per year, SEK
    double total = 0;          // over the horizon
};
struct report_split {
    std::size_t alternative = 0;
    std::vector<report_split_row> by_payer, by_category;
};

/// Flows of one alternative (section 6).
struct report_flow_edge {
    std::string from, to;       // placement ids
    double moves_per_year = 0;  // mean over the futures and the horizon
};
struct report_flow_row {
    std::string label;  // "Dygn i Stödboende", "Väntan på skuldrådgivning (dagar)"
    std::string unit;   // "dygn", "klienter", "dagar"
    std::vector<figure> year;
};
struct report_flows {
    std::size_t alternative = 0;
    std::vector<std::pair<std::string, std::string>> placements;  // (id, name), terminal ones too
    std::vector<std::string> terminal;                            // ids of exits
    std::vector<report_flow_edge> edges;
    std::vector<report_flow_row> rows;  // person-days, exits, waits, queue lengths per year
    std::string dot;                    // the Graphviz source of the diagram
    std::string svg;                    // the diagram from `dot -Tsvg`, or "" when dot is missing
};

/// An input of the model or the case (sections 7 and 9).
struct report_input {
    std::string element;       // "Stödboende (placement.stodboende)"
    std::string what;          // "pris per månad"
    std::string path;          // "placement.stodboende.price_per_month"
    std::string value;         // as the document writes it: "16 500 kr", or the distribution in words
    std::string alternatives;  // where it applies ("alla", or names)
    std::string source;        // the source note, "" when none
    bool uncertain = false;
};

/// One bar of the tornado (section 7).
struct report_tornado_row {
    std::string label, path;
    double low_value = 0, high_value = 0;  // the parameter's 10th and 90th percentile
    double npv_low = 0, npv_high = 0;      // the NPV of the difference there, SEK
    double swing = 0;
};

/// A switching value (section 7, when asked): where the NPV of the difference is zero.
struct report_switching {
    std::string label, path, alternative;  // alternative: its name
    double lo = 0, hi = 0;                 // the range searched
    std::optional<double> value, ci_low, ci_high;
    std::string note;  // why a value is missing
};

/// A sweep over one or two model values (section 7, when asked).
struct report_sweep {
    std::string x_path, y_path;  // y_path "" with one axis
    std::vector<double> x_values, y_values;
    std::vector<std::vector<double>> npv;  // [y][x]: the mean NPV of the difference, SEK
};

/// The programme's rules and indicators per year (section 8).
struct report_rule_row {
    std::string label;
    std::vector<figure> year;
};

/// The value of knowing more before deciding (economics.csv's evpi and evppi rows).
struct report_information {
    std::size_t alternative = 0;
    double all = 0;                                        // evpi, SEK
    std::vector<std::pair<std::string, double>> by_input;  // (label, evppi SEK), largest first
};

/// What makes the run reproducible (section 10).
struct report_provenance {
    std::string version, commit, command_line, generated;  // generated: the run's date, ISO
    std::uint64_t seed = 0;
    std::uint32_t futures = 0;                                       // replications
    std::vector<std::pair<std::string, std::string>> inputs_sha256;  // (file, sha256)
};

struct report_model {
    language lang = language::sv;
    std::string title, case_file, start_date, horizon_text;
    money_unit unit;
    double rate = 0.035;
    std::vector<report_alternative> alternatives;  // the nollalternativ among them
    std::vector<int> years;                        // calendar years of the horizon
    std::vector<report_headline> headlines;        // per alternative but the nollalternativ
    report_bridge bridge;
    std::vector<std::pair<std::string, double>> calc_totals;  // (alternative name, its static sum a year)
    report_costs costs;
    std::vector<report_cumulative> cost_cumulative;  // every alternative: cost_cumulative of monthly.csv
    std::vector<report_cumulative> cumulative;  // per alternative but the nollalternativ: diff_cumulative
    std::vector<report_split> splits;           // likewise
    std::vector<report_flows> flows;            // every alternative
    std::vector<report_input> inputs;           // uncertain first, then fixed, grouped by element
    std::vector<report_tornado_row> tornado;    // the first project alternative's, largest swing first
    std::optional<report_sweep> sweep;
    std::vector<report_switching> switching;
    std::vector<report_information> information;      // per alternative with evpi rows
    std::vector<std::vector<report_rule_row>> rules;  // per alternative; empty when the model has none
    std::vector<std::string> warnings;                // every warning in plain words
    report_provenance provenance;
};

}  // namespace hemsim
