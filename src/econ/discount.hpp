// Discounting to present value at a real rate, by calendar year. hemsim's
// costs are in fixed prices (the model's own), so the rate is a real one
// (Sweden's ASEK and the UK Green Book: 3.5 %).
//
// The convention, used everywhere in hemsim: an amount that falls in calendar
// year k is worth (1 + rate)^-(k - base_year) in the price-base year. Whole
// years, no mid-year correction: the base year itself is not discounted, the
// next by 1 / (1 + rate), and years before the base year are compounded up.
#pragma once

#include <vector>

namespace hemsim {

/// (1 + rate)^-(year - base_year). rate > -1; rate = 0 gives exactly 1.
double discount_factor(double rate, int year, int base_year);

/// The discount factor of each calendar year in `years`.
std::vector<double> discount_factors(double rate, const std::vector<int>& years, int base_year);

/// Sum of flows[i] * discount_factor(rate, years[i], base_year): the present
/// value in the price-base year of one amount per calendar year (SEK).
/// Throws std::invalid_argument when the sizes differ.
double present_value(const std::vector<double>& flows, const std::vector<int>& years, double rate,
                     int base_year);

}  // namespace hemsim
