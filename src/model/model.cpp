#include "model/model.hpp"

#include <cmath>
#include <cstdio>

namespace hemsim {

std::string iso(const date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

std::uint32_t staff_pool::slots_at(double fte_value) const {
    if (kind == staff_kind::none) return 0;
    return static_cast<std::uint32_t>(std::floor(fte_value * slots_per_fte + 1e-9));
}

index_t model::find_placement(const std::string& id) const {
    for (index_t i = 0; i < placements.size(); ++i)
        if (placements[i].id == id) return i;
    return no_index;
}

std::size_t scenario::baseline_index() const {
    for (std::size_t i = 0; i < alternatives.size(); ++i)
        if (alternatives[i].baseline) return i;
    return 0;
}

}  // namespace hemsim
