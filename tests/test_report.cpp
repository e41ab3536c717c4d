// Writers: CSV quoting and numbers, Swedish number format, atomic files.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_helpers.hpp"
#include "report/csv.hpp"
#include "report/files.hpp"
#include "report/manifest.hpp"
#include "report/table.hpp"

using namespace hemsim;
namespace fs = std::filesystem;

TEST_CASE("CSV fields are quoted only when needed", "[report][csv]") {
    CHECK(csv_field("stodboende") == "stodboende");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hej\"") == "\"say \"\"hej\"\"\"");
    CHECK(csv_field("två\nrader") == "\"två\nrader\"");
    CHECK(csv_field("Försöksläg") == "Försöksläg");
}

TEST_CASE("CSV numbers use dot decimals and round-trip", "[report][csv]") {
    CHECK(csv_number(9'900'000.0) == "9900000");
    CHECK(csv_number(0.1) == "0.1");
    CHECK(csv_number(-2.5) == "-2.5");
    CHECK(csv_number(-0.0) == "0");
    CHECK(csv_number(std::nan("")) == "");
    double x = 16500.0 * 12 / 365;
    CHECK(std::stod(csv_number(x)) == x);
}

TEST_CASE("yearly.csv has exactly the agreed columns", "[report][csv]") {
    metric_row r{0, 0, metric::cost_total, no_index, {}};
    r.s.mean = 1.5;
    r.s.ci_low = 1;
    r.s.ci_high = 2;
    r.s.p05 = 1;
    r.s.p50 = 1.5;
    r.s.p95 = 2;
    result_names names;
    names.alternatives = {"projekt"};
    names.years = {2008};
    names.layouts.resize(1);
    CHECK(
        yearly_csv(result_table(names, {r})) ==
        "alternative,year,metric,mean,ci_low,ci_high,p05,p50,p95\nprojekt,2008,cost_total,1.5,1,2,1,1.5,2\n");
}

TEST_CASE("numbers in Swedish and English", "[report][format]") {
    CHECK(format_number(9'900'000, 0, language::sv) == "9 900 000");
    CHECK(format_number(9.9, 1, language::sv) == "9,9");
    CHECK(format_number(1239.26, 1, language::sv) == "1 239,3");
    CHECK(format_number(-4100.4, 0, language::sv) == "-4 100");
    CHECK(format_number(-0.2, 0, language::sv) == "0");
    CHECK(format_number(1234567.891, 2, language::en) == "1,234,567.89");
    CHECK(format_number(999, 0, language::sv) == "999");
}

TEST_CASE("files are written atomically and replace earlier ones whole", "[report][files]") {
    fs::path dir = hemsim::testing::temp_path("files");
    fs::remove_all(dir);
    output_set first(dir);
    first.add("a.csv", "one\n");
    first.add("b.json", "{}\n");
    first.commit();
    auto read = [](const fs::path& p) {
        std::ifstream in(p);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    };
    CHECK(read(dir / "a.csv") == "one\n");
    output_set second(dir);
    second.add("a.csv", "two\n");
    second.commit();
    CHECK(read(dir / "a.csv") == "two\n");
    CHECK(read(dir / "b.json") == "{}\n");
    // No temporary files are left behind.
    for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().front() != '.');

    SECTION("a failed write leaves the earlier files as they were") {
        output_set bad(dir / "a.csv" / "sub");  // a file where a folder should be
        bad.add("a.csv", "three\n");
        CHECK_THROWS(bad.commit());
        CHECK(read(dir / "a.csv") == "two\n");
    }
    fs::remove_all(dir);
}

TEST_CASE("sha256 of a file", "[report][manifest]") {
    fs::path f = hemsim::testing::temp_path("sha.txt");
    {
        std::ofstream out(f, std::ios::binary);
        out << "abc";
    }
    CHECK(sha256_file(f) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    fs::remove(f);
}
