// The analyses as written: sweep.csv and sensitivity.csv.
#pragma once

#include <string>
#include <vector>

#include "app/analysis.hpp"
#include "report/text.hpp"

namespace hemsim {

/// sweep.csv: <path per axis>,alternative,measure,mean,ci_low,ci_high,p05,p50,p95
std::string sweep_csv(const sweep_result& sweep);

/// sensitivity.csv: alternative,parameter,mean_value,low_value,high_value,npv_low,npv_low_ci_low,... swing
std::string sensitivity_csv(const std::vector<tornado_row>& rows);

/// The sweep's NPV of the difference at every point, as a printed table.
std::string sweep_table(const sweep_result& sweep, language lang);

/// The tornado as a printed table, ranked by swing.
std::string tornado_table(const std::vector<tornado_row>& rows, language lang);

/// switching.csv: alternative,parameter,lo,hi,switching_value,ci_low,ci_high,runs,note
std::string switching_csv(const switching_result& r);

/// The switching value in a sentence, with its interval and the runs it took.
std::string switching_text(const switching_result& r, language lang);

}  // namespace hemsim
