// CSV text: RFC 4180 quoting, dot decimals, numbers in their shortest
// round-trip form (so equal doubles always print the same bytes).
#pragma once

#include <string>
#include <vector>

#include "report/text.hpp"
#include "results/monthly.hpp"
#include "results/summary.hpp"

namespace hemsim {

/// yearly.csv: alternative,year,metric,mean,ci_low,ci_high,p05,p50,p95
std::string yearly_csv(const result_table& table);

/// ledger.csv: alternative,year,category,payer,placement,mean,ci_low,ci_high,p05,p50,p95
/// (placement empty for staff and project costs).
std::string ledger_csv(const ledger_table& table);

/// monthly.csv: alternative,month,metric,mean,ci_low,ci_high,p05,p50,p95
std::string monthly_csv(const monthly_table& table);

}  // namespace hemsim
