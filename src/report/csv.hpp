// CSV text: RFC 4180 quoting, dot decimals, numbers in their shortest
// round-trip form (so equal doubles always print the same bytes).
#pragma once

#include <string>
#include <vector>

#include "results/summary.hpp"
#include "results/text.hpp"

namespace hemsim {

/// yearly.csv: alternative,year,metric,mean,ci_low,ci_high,p05,p50,p95
std::string yearly_csv(const std::vector<metric_row>& rows);

/// ledger.csv: alternative,year,category,payer,placement,mean,ci_low,ci_high,p05,p50,p95
std::string ledger_csv(const std::vector<ledger_row>& rows);

}  // namespace hemsim
