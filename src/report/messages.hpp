// The message catalogue: every sentence, label and column head that hemsim
// prints in Swedish or English, keyed by message. report/messages.cpp holds
// the two languages of each message side by side, with where it is used;
// text() fills in a message's arguments ({fmt}'s placeholders, {fmt} only there).
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "report/text.hpp"

namespace hemsim {

/// Every printed message, in the order of the catalogue (report/messages.cpp).
enum class msg {
    // report/table.cpp: the run summary
    run_header,
    run_explanation,
    run_col_alternative,
    run_col_year,
    run_col_cost,
    run_col_ci,
    run_col_difference,
    run_col_spread,
    run_year_total,
    baseline_name,

    // report/calc_report.cpp: the application's own sum (calc) and the sum beside a run
    calc_one_off,
    calc_per_year,
    calc_fte_per_year,
    calc_persons_months,
    calc_persons_days,
    calc_title,
    calc_subtitle,
    total_label,
    calc_no_sum,
    calc_difference_head,
    calc_no_difference_baseline,
    calc_no_difference_lines,
    calc_switching,
    beside_head,
    beside_sum,
    beside_no_sum,
    beside_difference,
    beside_cost,
    beside_cost_difference,
    beside_why,

    // report/economics_report.cpp: the economics at the end of run
    econ_amount_spread,
    econ_share_interval,
    econ_npv,
    econ_payback,
    econ_payback_half,
    econ_payback_not_half,
    econ_payback_mandate,
    econ_payback_mandate_unknown,
    econ_p_saving,
    econ_per_krona,
    econ_per_krona_none,
    econ_per_krona_value,
    econ_net_saving_per_exit,
    econ_net_cost_per_exit,
    econ_head,
    econ_against,
    econ_with_deadweight_optimism,
    econ_with_deadweight,
    econ_with_optimism,

    // report/analysis_report.cpp: sweep, sensitivity and switching values
    analysis_col_alternative,
    sweep_col_npv,
    tornado_col_parameter,
    tornado_col_low,
    tornado_col_high,
    tornado_col_npv_low,
    tornado_col_npv_high,
    tornado_col_swing,
    tornado_head,
    switching_value,
    switching_value_ci,
    switching_runs,

    // report/analytic_report.cpp: the analytic chain and the simulation beside it (analyze)
    analytic_head,
    analytic_head_alternative,
    note_line,
    analytic_entry,
    col_placement,
    analytic_col_visits,
    analytic_col_days,
    analytic_col_cost,
    analytic_col_exit,
    analytic_col_probability,
    analytic_never,
    comparison_head,
    comparison_col_analytic,
    comparison_col_simulated,
    comparison_col_ci,
    comparison_col_departure,
    comparison_no_steady_state,
    comparison_within_ci,
    comparison_above,
    comparison_below,

    // report/inputs_report.cpp: the inputs listed by run
    dist_uniform,
    dist_triangular,
    dist_normal,
    dist_lognormal,
    dist_gamma,
    dist_beta,
    inputs_uncertain_none,
    inputs_uncertain_head,
    inputs_uncertain,
    inputs_uncertain_mean,
    inputs_every_alternative,
    inputs_no_source,
    inputs_fixed_head,
    inputs_from,
    inputs_to,
    inputs_change_new,
    inputs_change,
    inputs_project_cost,
    inputs_one_off,
    inputs_per_year,
    inputs_changes_head,
    inputs_no_changes,

    // report/xlsx_report.cpp, xlsx_sheets.cpp: the workbook (rapport.xlsx)
    xlsx_sheet_summary,
    xlsx_sheet_costs,
    xlsx_sheet_split,
    xlsx_sheet_bridge,
    xlsx_sheet_flows,
    xlsx_sheet_rules,
    xlsx_sheet_inputs,
    xlsx_sheet_sensitivity,
    xlsx_case_file,
    xlsx_start,
    xlsx_horizon,
    xlsx_rate,
    xlsx_unit,
    xlsx_futures,
    xlsx_seed,
    xlsx_version,
    xlsx_generated,
    xlsx_col_alternative,
    xlsx_col_measure,
    xlsx_col_mean,
    xlsx_col_ci_low,
    xlsx_col_ci_high,
    xlsx_col_total,
    xlsx_diff_year,
    xlsx_diff_total,
    xlsx_npv,
    xlsx_p_saving,
    xlsx_payback,
    xlsx_payback_none,
    xlsx_p_payback,
    xlsx_per_krona,
    xlsx_in_words,
    xlsx_warnings,
    xlsx_no_warnings,
    xlsx_cost_chart,
    xlsx_split_by,
    xlsx_split_payer,
    xlsx_split_category,
    xlsx_split_name,
    xlsx_bridge_item,
    xlsx_bridge_amount,
    xlsx_calc_head,
    xlsx_bridge_head,
    xlsx_bridge_basis,
    xlsx_bridge_simulated,
    xlsx_bridge_none,
    xlsx_flow_from,
    xlsx_flow_to,
    xlsx_flow_moves,
    xlsx_flow_unit,
    xlsx_rule,
    xlsx_input_element,
    xlsx_input_what,
    xlsx_input_path,
    xlsx_input_value,
    xlsx_input_alternatives,
    xlsx_input_source,
    xlsx_input_uncertain,
    xlsx_yes,
    xlsx_no,
    xlsx_tornado_parameter,
    xlsx_tornado_path,
    xlsx_tornado_low,
    xlsx_tornado_high,
    xlsx_tornado_npv_low,
    xlsx_tornado_npv_high,
    xlsx_tornado_swing,
    xlsx_tornado_chart,
    xlsx_tornado_none,
    xlsx_sweep_head,

    // report/warnings_report.cpp: the warnings of a run (printed by run, kept in manifest.json)
    warning_blocked_supply,
    warning_blocked_staff,
    warning_blocked_room,
    warning_queue_never_served,
    warning_clients_grow,
    warning_clients_shrink,
    warning_offers_lost,
    warning_last_year,

    // src/cli: what the commands print around the report's tables
    warnings_head,
    written,
    target_ci,
    target_ci_met,
    target_ci_cap,

    // report/report_*.cpp: the report (messages_report.inc)
    rep_subtitle,
    rep_horizon,
    rep_sec_summary,
    rep_summary_intro,
    rep_against,
    rep_head_saving,
    rep_head_cost,
    rep_head_spread,
    rep_head_p_saving,
    rep_head_payback,
    rep_head_no_payback,
    rep_head_npv,
    rep_head_per_krona,
    rep_col_year,
    rep_col_total,
    rep_col_diff,
    rep_col_ci,
    rep_col_spread,
    rep_range,
    rep_diff_note,
    rep_col_measure,
    rep_col_value,
    rep_key_npv,
    rep_key_p_saving,
    rep_share_ci,
    rep_key_payback,
    rep_payback_value,
    rep_payback_none,
    rep_key_payback_share,
    rep_key_per_krona,
    rep_no_project,
    rep_sec_bridge,
    rep_bridge_intro,
    rep_col_alternative,
    rep_col_calc_year,
    rep_bridge_none,
    rep_col_line,
    rep_col_kr_year,
    rep_bridge_simulated,
    rep_bridge_basis,
    rep_bridge_sum,
    rep_bridge_placement,
    rep_bridge_placement_left_out,
    rep_bridge_other,
    rep_bridge_staff,
    rep_bridge_project,
    rep_sec_costs,
    rep_costs_intro,
    rep_fig_costs,
    rep_row_spread,
    rep_costs_note,
    rep_sec_cumulative,
    rep_cumulative_intro,
    rep_fig_cumulative,
    rep_cumulative_end,
    rep_payback_value_sentence,
    rep_payback_none_sentence,
    rep_marker_payback,
    rep_sec_payers,
    rep_payers_intro,
    rep_fig_payers,
    rep_col_payer,
    rep_col_category,
    rep_payers_note,
    rep_cat_placements,
    rep_cat_social_assistance,
    rep_cat_staff,
    rep_cat_project,
    rep_sec_flows,
    rep_flows_intro,
    rep_fig_flows,
    rep_flow_days,
    rep_flow_exits,
    rep_flow_wait,
    rep_flow_queue,
    rep_flows_note,
    rep_sec_uncertainty,
    rep_uncertainty_intro,
    rep_col_input,
    rep_col_distribution,
    rep_col_applies,
    rep_col_source,
    rep_no_uncertain,
    rep_fixed_count,
    rep_tornado_head,
    rep_tornado_intro,
    rep_fig_tornado,
    rep_col_low,
    rep_col_high,
    rep_col_npv_low,
    rep_col_npv_high,
    rep_col_swing,
    rep_sweep_head,
    rep_sweep_intro,
    rep_sweep_and,
    rep_fig_sweep,
    rep_sec_rules,
    rep_rules_intro,
    rep_rule_moves,
    rep_rule_breaches,
    rep_indicator,
    rep_sec_assumptions,
    rep_assumptions_intro,
    rep_col_element,
    rep_col_what,
    rep_no_source,
    rep_assumptions_note,
    rep_input_element_note,
    rep_every_alternative,
    rep_sec_provenance,
    rep_prov_version,
    rep_prov_no_commit,
    rep_prov_run,
    rep_prov_command,
    rep_prov_input,
    rep_warning_label,
    rep_skipped,
    rep_tool_missing,
    rep_tool_failed,
    rep_progress,
    rep_chart_costs,
    rep_chart_cumulative,
    rep_chart_payers,
    rep_chart_tornado,
    rep_chart_sweep,
    rep_replaced_by_case,
    progress_run,
    rep_flow_diagrams,
    rep_docx_charts,

    count_  // not a message: the number of messages
};

/// The number of messages in the catalogue.
inline constexpr std::size_t message_count = static_cast<std::size_t>(msg::count_);

/// A message's pattern in a language: its text with {0}, {1}, ... where its
/// arguments go ({fmt}'s syntax; "{{" and "}}" stand for braces).
std::string_view message_pattern(msg m, language lang);

/// The number of arguments a pattern takes: its highest placeholder index + 1.
std::size_t arguments_of(std::string_view pattern);

/// The message in the language with args[i] put where {i} stands; as many
/// arguments as its pattern takes (asserted). What text() calls.
std::string text_of(msg m, language lang, std::span<const std::string> args);

/// An argument as text: strings as they are, whole numbers in plain digits (as
/// std::to_string writes them). Other numbers the caller formats (format_number),
/// since their decimals and separators depend on the language.
inline std::string message_arg(std::string s) { return s; }
inline std::string message_arg(std::string_view s) { return std::string(s); }
inline std::string message_arg(const char* s) { return s; }
/// A whole number as an argument (not bool or char, which would print as digits by mistake).
template <typename T>
concept whole_number = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char>;
template <whole_number T>
std::string message_arg(T n) {
    return std::to_string(n);
}
std::string message_arg(double) = delete;  // format it with format_number first

/// The message in the language with its arguments filled in:
/// text(msg::written, lang, path) is "skrev <path>" or "wrote <path>".
template <typename... Args>
std::string text(msg m, language lang, const Args&... args) {
    const std::array<std::string, sizeof...(Args)> list{message_arg(args)...};
    return text_of(m, lang, list);
}

}  // namespace hemsim
