// Calendar years, schedules in simulation time, cumulative rates.
#include <catch2/catch.hpp>

#include "engine/rate.hpp"
#include "model/calendar.hpp"

using namespace hemsim;
using namespace std::chrono;

TEST_CASE("calendar years split the horizon at 1 January", "[calendar]") {
    SECTION("a start on 1 January, three years") {
        calendar c(date{year{2008}, January, day{1}}, 36);
        REQUIRE(c.years() == 3);
        CHECK(c.year_numbers == std::vector<int>{2008, 2009, 2010});
        CHECK(c.bounds == std::vector<double>{0, 366, 731, 1096});  // 2008 is a leap year
        CHECK(c.horizon_days == 1096);
    }
    SECTION("a start mid-year gives a partial first and last year") {
        calendar c(date{year{2017}, July, day{1}}, 18);
        CHECK(c.year_numbers == std::vector<int>{2017, 2018});
        CHECK(c.bounds == std::vector<double>{0, 184, 549});
        CHECK(c.year_of(0) == 0);
        CHECK(c.year_of(183.999) == 0);
        CHECK(c.year_of(184) == 1);
        CHECK(c.year_of(548.5) == 1);
    }
    SECTION("seven months from 1 January") {
        calendar c(date{year{2017}, January, day{1}}, 7);
        CHECK(c.horizon_days == 212);  // to 2017-08-01
        CHECK(c.years() == 1);
    }
    SECTION("add_months clamps to the month's end") {
        CHECK(add_months(date{year{2008}, January, day{31}}, 1) == date{year{2008}, February, day{29}});
        CHECK(iso(add_months(date{year{2008}, November, day{15}}, 3)) == "2009-02-15");
    }
}

TEST_CASE("a schedule becomes a timeline in simulation time", "[calendar]") {
    calendar c(date{year{2008}, January, day{1}}, 24);
    schedule s;
    s.initial = 6;
    s.steps = {{date{year{2008}, April, day{1}}, 9}, {date{year{2009}, January, day{1}}, 7}};
    timeline t(s, c);
    CHECK(t.at(0) == 6);
    CHECK(t.at(90.9) == 6);
    CHECK(t.at(91) == 9);  // 2008-04-01 is day 91
    CHECK(t.at(366) == 7);
    CHECK(t.integral(0, 366) == Approx(6 * 91 + 9 * 275));
    CHECK(t.integral(50, 100) == Approx(6 * 41 + 9 * 9));

    SECTION("a step on or before the start is in force from the start") {
        schedule s2;
        s2.initial = 0;
        s2.steps = {{date{year{2007}, June, day{1}}, 5}};
        CHECK(timeline(s2, c).at(0) == 5);
        CHECK(timeline(s2, c).constant());
    }
}

TEST_CASE("the inverse of a cumulative rate places events", "[calendar]") {
    timeline rate;
    rate.initial = 0.1;  // per day
    rate.times = {100, 200};
    rate.values = {0.0, 0.5};
    cumulative_rate cr(rate);
    CHECK(cr.inverse(5) == Approx(50));
    CHECK(cr.inverse(10) == Approx(100));
    CHECK(cr.inverse(10.5) == Approx(201));  // skips the zero-rate segment
    CHECK(cr.inverse(20) == Approx(220));
    // Λ itself: the expected number of events before a time, and the inverse's inverse.
    CHECK(cr.at(0) == 0);
    CHECK(cr.at(50) == Approx(5));
    CHECK(cr.at(100) == Approx(10));
    CHECK(cr.at(150) == Approx(10));  // no events while the rate is 0
    CHECK(cr.at(220) == Approx(20));
    for (double x : {30.0, 99.0, 201.0, 500.0}) CHECK(cr.inverse(cr.at(x)) == Approx(x));

    timeline zero;
    zero.initial = 0;
    CHECK(std::isinf(cumulative_rate(zero).inverse(1)));
}

TEST_CASE("months nest in years", "[calendar]") {
    calendar c(date{year{2017}, July, day{15}}, 7);
    // 15 July, then 1 Aug ... 1 Feb, to 15 February.
    REQUIRE(c.months() == 8);
    CHECK(c.month_bounds.front() == 0);
    CHECK(c.month_bounds[1] == 17);  // 1 August
    CHECK(c.month_bounds.back() == c.horizon_days);
    CHECK(c.month_year == std::vector<std::size_t>{0, 0, 0, 0, 0, 0, 1, 1});
    CHECK(c.month_of(16.9) == 0);
    CHECK(c.month_of(17) == 1);
}

TEST_CASE("365-day years for reference models", "[calendar]") {
    calendar c(date{year{2004}, January, day{1}}, 120, true);
    REQUIRE(c.years() == 10);
    CHECK(c.horizon_days == 3650);
    CHECK(c.bounds[4] == 1460);
    CHECK(c.year_days[0] == 365);  // even 2004, a leap year
    CHECK(c.months() == 120);
    CHECK(c.month_bounds[12] == 365);
    CHECK(c.month_year[119] == 9);
}
