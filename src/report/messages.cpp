#include "report/messages.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <functional>

namespace hemsim {

namespace {

// One message in both languages, side by side for a translator. Placeholders:
// {0}, {1}, ... (each language may put them in its own order); numbers come in
// already formatted for the language.
struct message {
    msg id;
    std::string_view sv, en;
};

// Sections follow the files that print the messages; a comment says where each is used.
// Swedish above English, or beside it when both fit on one line.
// clang-format off
constexpr std::array<message, message_count> catalogue{{
    // ---- report/table.cpp, run_table: the run summary

    // The line under the case's title: {0} start date, {1} months, {2} replications, {3} seed.
    {msg::run_header,
     "Start {0}, {1} månader, {2} simulerade utfall (replikeringar), seed {3}",
     "Start {0}, {1} months, {2} simulated futures (replications), seed {3}"},
    // What the table's columns mean, above it.
    {msg::run_explanation,
     "Kostnad i tkr. Medelvärde över de simulerade utfallen, medelvärdets 95 % konfidensintervall (KI) och "
     "spridningen: i 90 % av utfallen ligger skillnaden mellan de två talen (5:e–95:e percentilen). "
     "Skillnaden mot nollalternativet är parad per utfall (samma klienter).",
     "Cost in tkr (thousand SEK). The mean over the simulated futures, the 95 % confidence interval (CI) of "
     "the mean, and the spread: in 90 % of the futures the difference lies between the two figures (5th–95th "
     "percentile). The difference against the nollalternativ is paired by future (the same clients)."},
    // The column heads; run_col_ci heads both the cost's and the difference's interval.
    {msg::run_col_alternative, "Alternativ", "Alternative"},
    {msg::run_col_year, "År", "Year"},
    {msg::run_col_cost, "Kostnad", "Cost"},
    {msg::run_col_ci, "medelvärdets 95 % KI", "95 % CI of the mean"},
    {msg::run_col_difference, "Skillnad", "Difference"},
    {msg::run_col_spread, "90 % av utfallen", "90 % of futures"},
    // The year column's label of the whole horizon.
    {msg::run_year_total, "totalt", "total"},
    // display_name: the nollalternativ's name as printed, {0} its name (when it does not say so itself).
    {msg::baseline_name, "{0} (nollalternativ)", "{0} (nollalternativ, the baseline)"},

    // ---- report/calc_report.cpp: the application's own sum (calc) and the sum beside a run

    // The formula of a line of the sum: a one-off project cost, a project cost a year.
    {msg::calc_one_off, "engångskostnad", "one-off"},
    {msg::calc_per_year, "per år", "per year"},
    // The formula of a staff line (or a project line with a count): {0} FTE, {1} kr a year.
    {msg::calc_fte_per_year, "{0} åa × {1} kr/år", "{0} FTE × {1} kr/year"},
    // The formula of a stock line priced per month: {0} persons, {1} kr a month, {2} months.
    {msg::calc_persons_months,
     "{0} personer × {1} kr/mån × {2} mån",
     "{0} persons × {1} kr/month × {2} months"},
    // The formula of a stock line priced per dygn: {0} persons, {1} kr a dygn, {2} dygn.
    {msg::calc_persons_days,
     "{0} personer × {1} kr/dygn × {2} dygn",
     "{0} persons × {1} kr/dygn × {2} dygn"},
    // The first line of calc's table, {0} the case's title; the line under it.
    {msg::calc_title, "Ansökans egen kalkyl per år: {0}", "The application's own sum per year: {0}"},
    {msg::calc_subtitle,
     "(antal × pris × perioder, som i ansökan; projektkostnader med sitt årsbelopp)",
     "(count × price × periods, as in the application; project costs at their annual amount)"},
    // The label of a total row: an alternative's sum in calc, the total in the analytic comparison.
    {msg::total_label, "Summa", "Total"},
    // In place of the sum of an alternative without calc lines of its own.
    {msg::calc_no_sum,
     "Ingen kalkyl: alternativet har inga egna kalkylrader ([[alternative.calc]]), så ansökans summa och "
     "skillnad visas inte (projektraderna ensamma är inte en kalkyl).",
     "No sum: the alternative has no calc lines of its own ([[alternative.calc]]), so no total or "
     "difference is shown (its project lines alone are not the application's sum)."},
    // The head of the differences.
    {msg::calc_difference_head,
     "Skillnad mot nollalternativet per år (negativt: alternativet kostar mindre)",
     "Difference against the nollalternativ per year (negative: the alternative costs less)"},
    // An alternative ({0}) without a difference: the nollalternativ has no sum; it has no calc lines itself.
    {msg::calc_no_difference_baseline,
     "{0}: ingen (nollalternativet har ingen kalkyl)",
     "{0}: none (the nollalternativ has no sum)"},
    {msg::calc_no_difference_lines, "{0}: ingen (inga kalkylrader)", "{0}: none (no calc lines)"},
    // Under a difference: {0} the alternative, {1} placement days a year, {2} the average price
    // per dygn, {3} those days as places taken all year.
    {msg::calc_switching,
     "Brytpunkt: {0} betalar sig om {1} placeringsdygn per år försvinner (vid nollalternativets "
     "genomsnittspris {2} kr/dygn; {3} platser året runt).",
     "Switching value: {0} pays for itself if {1} placement days a year disappear (at the "
     "nollalternativ's average price {2} kr/dygn; {3} places all year)."},
    // calc_beside_run, printed by run: the head.
    {msg::beside_head,
     "Simulerat per år mot ansökans egen kalkyl (antal × pris för kalkylens rader, samma summa varje år, "
     "som i 'hemsim calc')",
     "Simulated per year against the application's own sum (count × price of its lines, the same figure "
     "every year, as in 'hemsim calc')"},
    // After an alternative's name: its sum ({0} the amount), or none; then its difference ({0}).
    {msg::beside_sum, "kalkyl {0} per år", "sum {0} a year"},
    {msg::beside_no_sum, "ingen kalkyl (inga kalkylrader)", "no sum (no calc lines)"},
    {msg::beside_difference, "skillnad {0}", "difference {0}"},
    // The simulated means, {0} "<year> <amount>" for each year, comma-separated.
    {msg::beside_cost, "simulerad kostnad: {0}", "simulated cost: {0}"},
    {msg::beside_cost_difference,
     "simulerad skillnad mot nollalternativet: {0}",
     "simulated difference: {0}"},
    // The last line: why the sum and the simulation differ.
    {msg::beside_why,
     "Varför de skiljer: kalkylen sätter hela beståndet i sitt boende hela året och räknar bara sina rader; "
     "simuleringen har flyttar över tid, köer och kapaciteter, nya klienter och all personal i modellen.",
     "Why they differ: the sum puts the whole stock in its placement all year and counts only its lines; "
     "the simulation has moves over time, queues and capacities, new clients and all the model's staff."},

    // ---- report/economics_report.cpp: the economics at the end of run

    // An amount with its spread: {0} the mean, {1} the unit (tkr or mkr), {2}–{3} the 95 % CI of
    // the mean, {4}–{5} the 5th and 95th percentiles over the futures.
    {msg::econ_amount_spread,
     "{0} {1}; medelvärdets 95 % konfidensintervall {2} till {3} {1}; i 90 % av de simulerade utfallen "
     "mellan {4} och {5} {1}",
     "{0} {1}; 95 % confidence interval of the mean {2} to {3} {1}; in 90 % of the simulated futures "
     "between {4} and {5} {1}"},
    // A share ({0}, with its per cent sign) with its Wilson interval {1}–{2} (only {2} with the sign).
    {msg::econ_share_interval, "{0} (95 % KI {1}–{2})", "{0} (95 % CI {1}–{2})"},
    // The NPV of the difference, {0} an econ_amount_spread.
    {msg::econ_npv,
     "Nuvärde av skillnaden: {0} (negativt = billigare än nollalternativet)",
     "NPV of the difference: {0} (negative = cheaper than the nollalternativ)"},
    // The payback line: {0} econ_payback_half or econ_payback_not_half, {1} the share that pays back
    // within the horizon, {2} the horizon in months, {3} econ_payback_mandate or _mandate_unknown.
    {msg::econ_payback,
     "Återbetalningstid: {0}; {1} betalar tillbaka inom horisonten ({2} mån); {3}",
     "Payback: {0}; {1} pay back within the horizon ({2} months); {3}"},
    // {0} the month by which half the futures have paid back, {1} its date.
    {msg::econ_payback_half,
     "månad {0} ({1}) i hälften av de simulerade utfallen",
     "month {0} ({1}) in half the simulated futures"},
    {msg::econ_payback_not_half,
     "inte inom horisonten i hälften av de simulerade utfallen",
     "not within the horizon in half the simulated futures"},
    // {0} the share that pays back within a mandate period of {1} months; or it cannot be judged.
    {msg::econ_payback_mandate, "{0} inom {1} mån", "{0} within {1} months"},
    {msg::econ_payback_mandate_unknown,
     "inom en mandatperiod ({0} mån) kan det inte bedömas: horisonten är kortare",
     "within a mandate period ({0} months) it cannot be judged: the horizon is shorter"},
    // {0} the share of futures that cost less, {1} in present value (econ_share_interval each).
    {msg::econ_p_saving,
     "Sannolikhet att kosta mindre än nollalternativet över horisonten: {0}; i nuvärde: {1}",
     "Probability of costing less than the nollalternativ over the horizon: {0}; in present value: {1}"},
    // Savings per krona invested: {0} econ_per_krona_value or econ_per_krona_none.
    {msg::econ_per_krona,
     "Besparing per satsad krona (nytta/kostnad, i nuvärde): {0}",
     "Savings per krona invested (benefit-cost ratio, in present value): {0}"},
    {msg::econ_per_krona_none, "– (ingen projektkostnad)", "– (no project cost)"},
    // {0} the mean in kr, {1}–{2} the 95 % CI of the mean.
    {msg::econ_per_krona_value,
     "{0} kr (medelvärdets 95 % KI {1} till {2}); 1 kr betalar precis projektet",
     "{0} kr (95 % CI of the mean {1} to {2}); 1 kr just pays for the project"},
    // {0} kr saved (or spent) per extra exit, {1} the futures with more exits.
    {msg::econ_net_saving_per_exit,
     "Nettobesparing per extra utflytt (klient som lämnar systemet): {0} kr (i nuvärde, i de {1} utfall "
     "med fler utflyttar)",
     "Net saving per extra exit (a client leaving the system): {0} kr (in present value, in the {1} "
     "futures with more exits)"},
    {msg::econ_net_cost_per_exit,
     "Nettokostnad per extra utflytt (klient som lämnar systemet): {0} kr (i nuvärde, i de {1} utfall "
     "med fler utflyttar)",
     "Net cost per extra exit (a client leaving the system): {0} kr (in present value, in the {1} "
     "futures with more exits)"},
    // The head: {0} the discount rate, {1} the price base year.
    {msg::econ_head,
     "Ekonomi vid realränta {0} och prisbasår {1} (diskontering per kalenderår):",
     "Economics at a real discount rate of {0} and price base year {1} (discounted by calendar year):"},
    // Over each alternative's lines: {0} the alternative, {1} the nollalternativ.
    {msg::econ_against, "{0} mot {1}:", "{0} against {1}:"},
    // Over the lines adjusted for deadweight ({0}) and optimism bias ({1}), or for one of them ({0}).
    {msg::econ_with_deadweight_optimism,
     "Med dödvikt {0} och optimismtillägg {1} på projektkostnaden:",
     "With deadweight {0} and optimism bias {1} on project costs:"},
    {msg::econ_with_deadweight, "Med dödvikt {0}:", "With deadweight {0}:"},
    {msg::econ_with_optimism,
     "Med optimismtillägg {0} på projektkostnaden:",
     "With optimism bias {0} on project costs:"},

    // ---- report/analysis_report.cpp: sweep, sensitivity and switching values

    // The column heads of the sweep's table (after one per axis) and of the tornado's table.
    {msg::analysis_col_alternative, "alternativ", "alternative"},
    {msg::sweep_col_npv, "nuvärde av skillnaden, tkr [95 % KI]", "NPV of the difference, tkr [95 % CI]"},
    {msg::tornado_col_parameter, "parameter", "parameter"},
    {msg::tornado_col_low, "låg", "low"},
    {msg::tornado_col_high, "hög", "high"},
    {msg::tornado_col_npv_low, "NPV vid låg, tkr", "NPV at low, tkr"},
    {msg::tornado_col_npv_high, "NPV vid hög, tkr", "NPV at high, tkr"},
    {msg::tornado_col_swing, "utslag, tkr", "swing, tkr"},
    // Above the tornado's table.
    {msg::tornado_head,
     "Envägs känslighetsanalys (10:e och 90:e percentilen; övriga parametrar i medelvärdet), sorterad "
     "efter utslag i nuvärdet av skillnaden:",
     "One-way sensitivity (10th and 90th percentiles; other parameters at their means), ranked by the "
     "swing in the NPV of the difference:"},
    // The switching value: {0} the alternative, {1} the path, {2} the value; with its 95 % CI {3}–{4}.
    {msg::switching_value,
     "Brytpunkt för {0}: {1} = {2}: där är nuvärdet av skillnaden mot nollalternativet noll.",
     "Switching value for {0}: {1} = {2}: there the NPV of the difference against the nollalternativ is zero."},
    {msg::switching_value_ci,
     "Brytpunkt för {0}: {1} = {2} (95 % KI {3} – {4}): där är nuvärdet av skillnaden mot nollalternativet "
     "noll.",
     "Switching value for {0}: {1} = {2} (95 % CI {3} – {4}): there the NPV of the difference against the "
     "nollalternativ is zero."},
    // Under it: {0} the runs of the case it took.
    {msg::switching_runs, "({0} körningar av fallet)", "({0} runs of the case)"},

    // ---- report/analytic_report.cpp: the analytic chain and the simulation beside it (analyze)

    // The head of a chain: {0} the group, {1} the states; or {0} the group, {1} the alternative, {2} the states.
    {msg::analytic_head,
     "Analytisk kedja (absorberande semi-Markovkedja), grupp {0}: {1} tillstånd",
     "Analytic chain (absorbing semi-Markov chain), group {0}: {1} states"},
    {msg::analytic_head_alternative,
     "Analytisk kedja (absorberande semi-Markovkedja), grupp {0}, alternativ {1}: {2} tillstånd",
     "Analytic chain (absorbing semi-Markov chain), group {0}, alternative {1}: {2} states"},
    // An assumption or warning of the chain or the comparison, {0} the note's own sentence
    // (src/analytic writes it in both languages).
    {msg::note_line, "Obs: {0}.", "Note: {0}."},
    // Over an entry's table: {0} the placement entered, {1} days to exit, {2} kr per client.
    {msg::analytic_entry,
     "Inträde i {0}: {1} dygn till utträde, {2} kr per klient",
     "Entering {0}: {1} days to exit, {2} SEK per client"},
    // The column heads of an entry's table (col_placement also heads the comparison's).
    {msg::col_placement, "Boendeform", "Placement"},
    {msg::analytic_col_visits, "Besök", "Visits"},
    {msg::analytic_col_days, "Dygn", "Days"},
    {msg::analytic_col_cost, "Kostnad (kr)", "Cost (SEK)"},
    // The column heads of the exits, and the row of clients who never leave.
    {msg::analytic_col_exit, "Utträde", "Exit"},
    {msg::analytic_col_probability, "Sannolikhet", "Probability"},
    {msg::analytic_never, "(aldrig)", "(never)"},
    // comparison_table: the head, {0} the alternative, {1} the year.
    {msg::comparison_head,
     "Simuleringen mot den analytiska kedjan, alternativ {0}, år {1} (persondygn per år i jämvikt, "
     "Littles lag)",
     "The simulation against the analytic chain, alternative {0}, year {1} (person-days a year in steady "
     "state, Little's law)"},
    // Its column heads after col_placement.
    {msg::comparison_col_analytic, "Analytiskt", "Analytic"},
    {msg::comparison_col_simulated, "Simulerat", "Simulated"},
    {msg::comparison_col_ci, "95 % KI", "95 % CI"},
    {msg::comparison_col_departure, "Avvikelse", "Departure"},
    // The sentence under it: no steady state; the analytic figure within the CI ({0} the
    // difference's CI in kr); the simulation above or below it ({0} per cent, {1} person-days,
    // {2} kr and {3} its CI).
    {msg::comparison_no_steady_state,
     "Den analytiska kedjan har inget jämviktsläge (klienter som aldrig lämnar systemet); ingen jämförelse.",
     "The analytic chain has no steady state (clients who never leave); no comparison."},
    {msg::comparison_within_ci,
     "Den analytiska nivån ligger inom simuleringens 95 % KI: köer och kapaciteter kostar inget mätbart "
     "(skillnad {0} kr per år).",
     "The analytic figure lies within the simulation's 95 % CI: queues and capacities cost nothing "
     "measurable (difference {0} SEK a year)."},
    {msg::comparison_above,
     "Simuleringen ligger {0} % över den analytiska nivån: {1} persondygn och {2} kr {3} mer per år. "
     "Skillnaden är kostnaden för köer och kapaciteter (väntan på tjänster, lägenheter, personal och "
     "platser), som den analytiska kedjan bortser från.",
     "The simulation lies {0} % above the analytic figure: {1} person-days and {2} SEK {3} more a year. "
     "The difference is the cost of queues and capacities (waits for services, apartments, staff and "
     "room), which the analytic chain ignores."},
    {msg::comparison_below,
     "Simuleringen ligger {0} % under den analytiska nivån: {1} persondygn och {2} kr {3} mindre per år. "
     "Köer och kapaciteter håller klienter utanför kedjan, eller så har simuleringen inte nått jämvikt.",
     "The simulation lies {0} % below the analytic figure: {1} person-days and {2} SEK {3} less a year. "
     "Queues and capacities keep clients out of the chain, or the simulation has not reached its "
     "steady state."},

    // ---- report/inputs_report.cpp: the inputs listed by run

    // distribution_text: a distribution in words, {0} and {1} its parameters (triangular: {0} min,
    // {1} mode, {2} max; the others: {0} mean, {1} sd).
    {msg::dist_uniform, "likformig {0}–{1}", "uniform {0}–{1}"},
    {msg::dist_triangular,
     "triangulär {0} / {1} / {2} (min / typvärde / max)",
     "triangular {0} / {1} / {2} (min / mode / max)"},
    {msg::dist_normal, "normal, medel {0}, sd {1}", "normal, mean {0}, sd {1}"},
    {msg::dist_lognormal, "lognormal, medel {0}, sd {1}", "lognormal, mean {0}, sd {1}"},
    {msg::dist_gamma, "gamma, medel {0}, sd {1}", "gamma, mean {0}, sd {1}"},
    {msg::dist_beta, "beta, medel {0}, sd {1}", "beta, mean {0}, sd {1}"},
    // The uncertain inputs: none, or the head over them.
    {msg::inputs_uncertain_none,
     "Osäkra indata: inga (alla tal är fasta; ge ett tal en fördelning för att pröva osäkerheten)",
     "Uncertain inputs: none (every number is fixed; give a number a distribution to try its uncertainty)"},
    {msg::inputs_uncertain_head,
     "Osäkra indata (dras en gång per simulerat utfall, samma dragning i alla alternativ där de gäller):",
     "Uncertain inputs (drawn once per simulated future, the same draw in every alternative where they "
     "apply):"},
    // An uncertain input: {0} its path, {1} its distribution, ({2} its mean,) then where it is
    // uncertain: the alternatives' names or inputs_every_alternative.
    {msg::inputs_uncertain, "{0}: {1}; i {2}", "{0}: {1}; in {2}"},
    {msg::inputs_uncertain_mean, "{0}: {1}, medel {2}; i {3}", "{0}: {1}, mean {2}; in {3}"},
    {msg::inputs_every_alternative, "alla alternativ", "every alternative"},
    // Under an uncertain input without a source or note.
    {msg::inputs_no_source, "(ingen källa angiven)", "(no source given)"},
    // The head of the fixed inputs: {0} the nollalternativ, {1} how many numbers.
    {msg::inputs_fixed_head,
     "Fasta indata i {0} ({1} tal; källorna står i manifest.json):",
     "Fixed inputs of {0} ({1} numbers; their sources are in manifest.json):"},
    // A schedule's step or a project cost ({0}) with the date {1} it starts, or the date {1} it ends.
    {msg::inputs_from, "{0} från {1}", "{0} from {1}"},
    {msg::inputs_to, "{0} till {1}", "{0} to {1}"},
    // What an alternative changes: {0} the field, {1} its value; {2} the nollalternativ's value.
    {msg::inputs_change_new, "{0}: {1} (finns inte i nollalternativet)", "{0}: {1} (not in the nollalternativ)"},
    {msg::inputs_change, "{0}: {1} (nollalternativet: {2})", "{0}: {1} (nollalternativ: {2})"},
    // A project cost: {0} its item, {1} inputs_one_off or inputs_per_year ({0} the amount in kr).
    {msg::inputs_project_cost, "projektkostnad {0}: {1}", "project cost {0}: {1}"},
    {msg::inputs_one_off, "{0} kr engångs", "{0} kr one-off"},
    {msg::inputs_per_year, "{0} kr/år", "{0} kr a year"},
    // The head of an alternative's changes ({0} its name), or the line saying it has none.
    {msg::inputs_changes_head, "{0} ändrar mot nollalternativet:", "{0} changes against the nollalternativ:"},
    {msg::inputs_no_changes,
     "{0} ändrar mot nollalternativet: inga tal",
     "{0} changes against the nollalternativ: no numbers"},

    // ---- report/xlsx_report.cpp, xlsx_sheets.cpp: the workbook (rapport.xlsx)

    // The sheets' names: at most 31 characters, none of []:*?/\ (Excel's rule).
    {msg::xlsx_sheet_summary, "Sammanfattning", "Summary"},
    {msg::xlsx_sheet_costs, "Kostnad per år", "Cost per year"},
    {msg::xlsx_sheet_split, "Betalare och kategori", "Payers and categories"},
    {msg::xlsx_sheet_bridge, "Kalkyl och brygga", "Static sum and bridge"},
    {msg::xlsx_sheet_flows, "Flöden och köer", "Flows and queues"},
    {msg::xlsx_sheet_rules, "Indikatorer", "Indicators"},
    {msg::xlsx_sheet_inputs, "Antaganden", "Assumptions"},
    {msg::xlsx_sheet_sensitivity, "Känslighet", "Sensitivity"},
    // The summary's facts about the case, each beside its value.
    {msg::xlsx_case_file, "Ärendefil", "Case file"},
    {msg::xlsx_start, "Start", "Start"},
    {msg::xlsx_horizon, "Horisont", "Horizon"},
    {msg::xlsx_rate, "Diskonteringsränta", "Discount rate"},
    {msg::xlsx_unit, "Belopp visas i", "Amounts shown in"},
    {msg::xlsx_futures, "Simulerade utfall (replikeringar)", "Simulated futures (replications)"},
    {msg::xlsx_seed, "Seed", "Seed"},
    {msg::xlsx_version, "hemsim-version", "hemsim version"},
    {msg::xlsx_generated, "Körd", "Run on"},
    // Column heads shared by the sheets.
    {msg::xlsx_col_alternative, "Alternativ", "Alternative"},
    {msg::xlsx_col_measure, "Mått", "Measure"},
    {msg::xlsx_col_mean, "Medelvärde", "Mean"},
    {msg::xlsx_col_ci_low, "95 % KI, nedre", "95 % CI, lower"},
    {msg::xlsx_col_ci_high, "95 % KI, övre", "95 % CI, upper"},
    {msg::xlsx_col_total, "Totalt", "Total"},
    // The summary's measures per project alternative, against the nollalternativ.
    {msg::xlsx_diff_year, "Skillnad {0} (negativ = besparing)", "Difference {0} (negative = saving)"},
    {msg::xlsx_diff_total,
     "Skillnad över horisonten (negativ = besparing)",
     "Difference over the horizon (negative = saving)"},
    {msg::xlsx_npv, "Nuvärde av skillnaden (NPV)", "Net present value of the difference (NPV)"},
    {msg::xlsx_p_saving, "Sannolikhet att kosta mindre", "Probability of costing less"},
    {msg::xlsx_payback, "Återbetald (hälften av utfallen)", "Paid back (half of the futures)"},
    {msg::xlsx_payback_none, "inte inom horisonten", "not within the horizon"},
    {msg::xlsx_p_payback, "Andel utfall återbetalda inom horisonten", "Share of futures paid back in the horizon"},
    {msg::xlsx_per_krona, "Besparing per satsad krona (nuvärde)", "Savings per krona invested (present value)"},
    {msg::xlsx_in_words, "Sammanfattning i ord", "In plain words"},
    {msg::xlsx_warnings, "Varningar", "Warnings"},
    {msg::xlsx_no_warnings, "inga", "none"},
    // The title of the chart of cost per year, {0} the money unit ("tkr").
    {msg::xlsx_cost_chart, "Kostnad per år och alternativ, {0}", "Cost per year by alternative, {0}"},
    // Who saves and who pays: the difference against the nollalternativ by payer and by category.
    {msg::xlsx_split_by, "Indelning", "Split by"},
    {msg::xlsx_split_payer, "Betalare", "Payer"},
    {msg::xlsx_split_category, "Kategori", "Category"},
    {msg::xlsx_split_name,
     "Betalare eller kategori (skillnad mot nollalternativet)",
     "Payer or category (difference against the nollalternativ)"},
    // The application's own sum and the bridge to the simulated nollalternativ.
    {msg::xlsx_bridge_item, "Post", "Item"},
    {msg::xlsx_bridge_amount, "Belopp per år", "Amount a year"},
    {msg::xlsx_calc_head,
     "Ansökans egen kalkyl: statisk summa per år och alternativ",
     "The application's own sum: static, a year, per alternative"},
    {msg::xlsx_bridge_head,
     "Bryggan från kalkylen till det simulerade nollalternativet",
     "The bridge from the sum to the simulated nollalternativ"},
    {msg::xlsx_bridge_basis, "Ett år avser", "A year means"},
    {msg::xlsx_bridge_simulated,
     "Simulerat nollalternativ (summan av raderna)",
     "Simulated nollalternativ (the sum of the lines)"},
    {msg::xlsx_bridge_none,
     "Ingen brygga: nollalternativet har ingen egen kalkyl.",
     "No bridge: the nollalternativ has no sum of its own."},
    // Flows: moves between placements, and days, exits, waits and queues per year.
    {msg::xlsx_flow_from, "Från", "From"},
    {msg::xlsx_flow_to, "Till", "To"},
    {msg::xlsx_flow_moves, "Förflyttningar per år", "Moves per year"},
    {msg::xlsx_flow_unit, "Enhet", "Unit"},
    {msg::xlsx_rule, "Regel eller indikator (medelvärde)", "Rule or indicator (mean)"},
    // The inputs, each with its source.
    {msg::xlsx_input_element, "Element", "Element"},
    {msg::xlsx_input_what, "Vad", "What"},
    {msg::xlsx_input_path, "Sökväg", "Path"},
    {msg::xlsx_input_value, "Värde", "Value"},
    {msg::xlsx_input_alternatives, "Gäller", "Applies to"},
    {msg::xlsx_input_source, "Källa", "Source"},
    {msg::xlsx_input_uncertain, "Osäker", "Uncertain"},
    {msg::xlsx_yes, "ja", "yes"},
    {msg::xlsx_no, "nej", "no"},
    // The tornado: the NPV of the difference at each parameter's 10th and 90th percentile.
    {msg::xlsx_tornado_parameter, "Parameter", "Parameter"},
    {msg::xlsx_tornado_path, "Sökväg", "Path"},
    {msg::xlsx_tornado_low, "Lågt värde (p10)", "Low value (p10)"},
    {msg::xlsx_tornado_high, "Högt värde (p90)", "High value (p90)"},
    {msg::xlsx_tornado_npv_low, "NPV vid lågt värde", "NPV at the low value"},
    {msg::xlsx_tornado_npv_high, "NPV vid högt värde", "NPV at the high value"},
    {msg::xlsx_tornado_swing, "Utslag", "Swing"},
    // The tornado chart's title, {0} the money unit.
    {msg::xlsx_tornado_chart,
     "Nuvärde av skillnaden vid lågt och högt värde, {0}",
     "NPV of the difference at the low and the high value, {0}"},
    {msg::xlsx_tornado_none, "Ingen känslighetsanalys (tornado) i körningen.", "No sensitivity run (tornado)."},
    // Over the sweep's grid: {0} the value across, {1} the value down ("" with one axis).
    {msg::xlsx_sweep_head,
     "Svep: nuvärde av skillnaden (medel); {0} över, {1} nedåt",
     "Sweep: NPV of the difference (mean); {0} across, {1} down"},

    // ---- report/warnings_report.cpp: the warnings of a run (printed by run, kept in manifest.json)

    // Why a waiting list can never move on, {0} the supply, staff pool or placement that blocks it.
    {msg::warning_blocked_supply,
     "tillgången '{0}' ger 0 per år vid horisonten",
     "supply '{0}' gives 0 a year at the horizon"},
    {msg::warning_blocked_staff,
     "personalen '{0}' har inga platser vid horisonten",
     "staff pool '{0}' has no slots at the horizon"},
    {msg::warning_blocked_room,
     "boendet '{0}' är fullt och ingen flyttar därifrån",
     "placement '{0}' is full and nobody ever leaves it"},
    // {0} the alternative, {1} the waiting list, {2} clients waiting at the horizon, {3} why (above).
    {msg::warning_queue_never_served,
     "{0}: i kön '{1}' står i genomsnitt {2} klienter vid horisonten som aldrig kan komma vidare: {3}.",
     "{0}: {2} clients on average stand in waiting list '{1}' at the horizon and can never move on: {3}."},
    // A nollalternativ that grows or shrinks: {0} the alternative, {1} clients a year, {2} the
    // clients present in the first month, {3} in the last.
    {msg::warning_clients_grow,
     "{0}: antalet klienter i systemet växer stadigt, med {1} per år (från {2} till {3} över horisonten). "
     "Stämmer det med ansökans beskrivning av nollalternativet?",
     "{0}: the clients in the system grow steadily, by {1} a year (from {2} to {3} over the horizon). "
     "Is that what the application describes as the nollalternativ?"},
    {msg::warning_clients_shrink,
     "{0}: antalet klienter i systemet minskar stadigt, med {1} per år (från {2} till {3} över horisonten). "
     "Stämmer det med ansökans beskrivning av nollalternativet?",
     "{0}: the clients in the system shrink steadily, by {1} a year (from {2} to {3} over the horizon). "
     "Is that what the application describes as the nollalternativ?"},
    // {0} the alternative, {1} the share of offers lost, {2} the supply, {3} offers lost of {4}
    // made a year, {5} the limit for the warning.
    {msg::warning_offers_lost,
     "{0}: {1} av erbjudandena från '{2}' ({3} av {4} per år) går förlorade: ingen som kan ta dem väntar. "
     "Gränsen för en varning är {5}.",
     "{0}: {1} of the offers of '{2}' ({3} of {4} a year) are lost: nobody who can take them is waiting. "
     "The limit for a warning is {5}."},
    // {0} the alternative, {1} the last year, {2} its difference, {3} the difference over the
    // horizon, {4} the last year's share.
    {msg::warning_last_year,
     "{0}: det sista året ({1}) står för {2} av skillnaden {3} mot nollalternativet över horisonten ({4}); "
     "resultatet vilar på det sista året, och en längre horisont kan ändra bilden.",
     "{0}: the last year ({1}) gives {2} of the {3} difference against the nollalternativ over the "
     "horizon ({4}); the result rests on the last year, and a longer horizon may change the picture."},

    // ---- src/cli: what the commands print around the report's tables

    // cli/run.cpp: over the warnings of a run (printed even with --quiet).
    {msg::warnings_head, "Varningar:", "Warnings:"},
    // cli/common.cpp, print_written: a file written, {0} its path.
    {msg::written, "skrev {0}", "wrote {0}"},
    // cli/run.cpp, run --target-ci: {0} the headline measured, {1} its CI half-width in per cent of
    // the mean, {2} the replications it took, {3} target_ci_met or target_ci_cap.
    {msg::target_ci,
     "Mål för konfidensintervallet: {0}: {1} % av medelvärdet med {2} replikeringar; {3}",
     "Target for the confidence interval: {0}: {1} % of the mean with {2} replications; {3}"},
    // {0} the target in per cent.
    {msg::target_ci_met, "målet {0} % är nått.", "the target {0} % is met."},
    {msg::target_ci_cap,
     "taket --max-replications är nått före målet.",
     "the --max-replications cap was reached before the target."},
#include "report/messages_report.inc"
}};
// clang-format on

// Every message once, in the order of enum class msg: catalogue[i] is message i.
constexpr bool keyed_in_order() {
    for (std::size_t i = 0; i < catalogue.size(); ++i)
        if (catalogue[i].id != static_cast<msg>(i)) return false;
    return true;
}
static_assert(keyed_in_order(), "list every message of enum class msg once, in its order");

}  // namespace

std::string_view message_pattern(msg m, language lang) {
    const message& e = catalogue.at(static_cast<std::size_t>(m));
    return lang == language::sv ? e.sv : e.en;
}

std::size_t arguments_of(std::string_view pattern) {
    std::size_t n = 0, automatic = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '}' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
            ++i;
            continue;
        }
        if (pattern[i] != '{') continue;
        if (i + 1 < pattern.size() && pattern[i + 1] == '{') {
            ++i;
            continue;
        }
        std::size_t j = i + 1, index = 0;
        bool digits = false;
        for (; j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9'; ++j) {
            index = index * 10 + static_cast<std::size_t>(pattern[j] - '0');
            digits = true;
        }
        // "{}" or "{:...}" takes the next argument, as {fmt} counts.
        n = std::max(n, digits ? index + 1 : ++automatic);
        i = j;
    }
    return n;
}

std::string text_of(msg m, language lang, std::span<const std::string> args) {
    const std::string_view pattern = message_pattern(m, lang);
    assert(args.size() == arguments_of(pattern) && "text(): as many arguments as the message's placeholders");
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    store.reserve(args.size(), 0);
    for (const std::string& a : args) store.push_back(std::cref(a));
    return fmt::vformat(fmt::string_view(pattern.data(), pattern.size()), store);
}

}  // namespace hemsim
