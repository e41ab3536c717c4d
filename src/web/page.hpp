// The web page of `hemsim serve`: one HTML file with its styles and a little
// script of the project's own (no framework, nothing fetched from elsewhere).
// Swedish, with a switch to English. Private to src/web.
#pragma once

#include <cstdint>
#include <string>

namespace hemsim::web {

/// The page, carrying the per-start token and the server's limits.
std::string page_html(const std::string& token, std::uint32_t max_replications, int max_horizon_months,
                      double max_clients);

}  // namespace hemsim::web
