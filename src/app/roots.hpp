// Root finding for switching values (the value of an input at which the
// project's NPV difference turns zero): a thin, checked wrapper around
// Boost.Math's TOMS 748 bracketing solver (header-only).
#pragma once

#include <boost/math/tools/toms748_solve.hpp>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

namespace hemsim {

/// A root of the continuous function `f` in [lo, hi], to within `tol` in x
/// (absolute): the midpoint of the final bracket, or lo / hi when f is exactly
/// zero there. f(lo) and f(hi) must have opposite signs. Throws
/// std::invalid_argument for a bad bracket or tolerance, std::domain_error
/// (naming f(lo) and f(hi)) when the bracket has no sign change, and
/// std::runtime_error when f gives NaN or `max_iter` evaluations do not suffice.
template <class F>
double find_root(F f, double lo, double hi, double tol = 1e-9, std::uintmax_t max_iter = 200) {
    auto text = [](double x) {
        std::ostringstream os;
        os.precision(10);
        os << x;
        return os.str();
    };
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi))
        throw std::invalid_argument("find_root: the bracket must be finite with lo < hi, got [" + text(lo) +
                                    ", " + text(hi) + "]");
    if (!(tol > 0)) throw std::invalid_argument("find_root: the tolerance must be > 0, got " + text(tol));
    auto g = [&](double x) {
        double y = f(x);
        if (std::isnan(y)) throw std::runtime_error("find_root: the function is NaN at x = " + text(x));
        return y;
    };
    const double flo = g(lo), fhi = g(hi);
    if (flo == 0) return lo;
    if (fhi == 0) return hi;
    if ((flo < 0) == (fhi < 0))
        throw std::domain_error(
            "find_root: no sign change in [" + text(lo) + ", " + text(hi) + "]: f(lo) = " + text(flo) +
            " and f(hi) = " + text(fhi) +
            " have the same sign; widen the bracket or check that a switching value exists");
    auto close = [tol](double a, double b) { return std::fabs(b - a) <= tol; };
    std::uintmax_t iterations = max_iter;
    std::pair<double, double> r = boost::math::tools::toms748_solve(g, lo, hi, flo, fhi, close, iterations);
    if (!close(r.first, r.second))
        throw std::runtime_error("find_root: no convergence to " + text(tol) + " in " +
                                 std::to_string(max_iter) + " iterations; last bracket [" + text(r.first) +
                                 ", " + text(r.second) + "]");
    return r.first + (r.second - r.first) / 2;
}

}  // namespace hemsim
