// monthly.csv (results/monthly.hpp): the months add up to the years. The last
// month's cumulative cost and difference are the horizon's cost_total and
// diff_vs_baseline of yearly.csv, replication by replication, so their means agree;
// the clients present per month, times the month's days, add up to the person-days,
// and the queues' monthly mean lengths to their mean over the horizon.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"

namespace fs = std::filesystem;
using hemsim::testing::cli;
using hemsim::testing::read_file;

namespace {

/// (alternative, period, metric) -> mean, from a CSV whose first three columns are those.
std::map<std::tuple<std::string, std::string, std::string>, double> means(const std::string& csv) {
    std::map<std::tuple<std::string, std::string, std::string>, double> out;
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);  // the header
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream ss(line);
        for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
        REQUIRE(f.size() == 9);
        out[{f[0], f[1], f[2]}] = std::stod(f[3]);
    }
    return out;
}

/// The days of each month of 2008-01 .. 2010-12 (a leap year first).
double days_of(const std::string& month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
    return days[m - 1] + (m == 2 && y % 4 == 0 ? 1 : 0);
}

}  // namespace

TEST_CASE("monthly.csv adds up to yearly.csv's horizon", "[monthly]") {
    const fs::path out = hemsim::testing::fresh_path("monthly", false);
    const auto r =
        cli({"run", (fs::path(HEMSIM_SOURCE_DIR) / "scenarios/enheten-for-hemlosa-2007.toml").string(), "-r",
             "30", "--out", out.string(), "-q"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto monthly = means(read_file(out / "monthly.csv"));
    const auto yearly = means(read_file(out / "yearly.csv"));
    // Relative agreement of sums taken in another order.
    auto same = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); };
    std::size_t months = 0;
    for (const auto& [key, v] : monthly)
        if (std::get<0>(key) == "projekt" && std::get<2>(key) == "present_total") ++months;
    CHECK(months == 36);
    for (const char* alt : {"nollalternativ", "projekt"}) {
        INFO(alt);
        CHECK(same(monthly.at({alt, "2010-12", "cost_cumulative"}), yearly.at({alt, "total", "cost_total"})));
        CHECK(same(monthly.at({alt, "2010-12", "diff_cumulative"}),
                   yearly.at({alt, "total", "diff_vs_baseline"})));
        // The cumulative cost never falls.
        double last = -1;
        for (const auto& [key, v] : monthly)
            if (std::get<0>(key) == alt && std::get<2>(key) == "cost_cumulative") {
                CHECK(v >= last);
                last = v;
            }
        // Clients present in a placement x the month's days, over the months: its person-days.
        for (const char* p : {"stodboende", "forsok", "harbarge"}) {
            INFO(p);
            double days = 0;
            for (const auto& [key, v] : monthly)
                if (std::get<0>(key) == alt && std::get<2>(key) == std::string("present:") + p)
                    days += v * days_of(std::get<1>(key));
            CHECK(same(days, yearly.at({alt, "total", std::string("person_days:") + p})));
        }
    }
    // A queue's mean length per month, times the month's days, over the horizon's
    // 1 096 days: its time-average length in yearly.csv.
    std::map<std::pair<std::string, std::string>, double> queue_days;
    for (const auto& [key, v] : monthly)
        if (std::get<2>(key).rfind("queue_mean:", 0) == 0)
            queue_days[{std::get<0>(key), std::get<2>(key)}] += v * days_of(std::get<1>(key));
    CHECK(queue_days.size() >= 4);
    for (const auto& [key, d] : queue_days) {
        INFO(key.first << " " << key.second);
        CHECK(same(d / 1096, yearly.at({key.first, "total", key.second})));
    }
    CHECK(monthly.at({"nollalternativ", "2009-06", "diff_cumulative"}) == 0);
    fs::remove_all(out);
}
