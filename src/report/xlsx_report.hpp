// The Excel workbook of the report (rapport.xlsx) through libxlsxwriter:
// kronor stored as numbers with number formats, so Excel shows the viewer's
// own decimal comma; frozen header rows, column widths, native charts, the
// sweep's heat map as a colour scale. Deterministic: the same report model
// gives the same bytes (the workbook's creation date is fixed).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "report/report_model.hpp"

namespace hemsim {

/// The workbook's bytes. Sheets: Sammanfattning; Kostnad per år; Betalare och
/// kategori; Kalkyl och brygga; Flöden och köer; Indikatorer (when the model
/// has rules or indicators); Antaganden (every input with its source); Känslighet
/// (the tornado, and the sweep when there is one); then `long_tables`, each
/// (sheet name, CSV text with a header row: yearly.csv, ledger.csv,
/// economics.csv) with numbers stored as numbers. English sheet names with
/// language::en. Throws std::runtime_error when libxlsxwriter fails.
std::string xlsx_report(const report_model& m,
                        const std::vector<std::pair<std::string, std::string>>& long_tables);

}  // namespace hemsim
