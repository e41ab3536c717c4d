// The value of knowing more before deciding (EVPI, EVPPI), from the PSA sample
// of a paired comparison, as health economists' tools give it (BCEA, hesim),
// on cost: per replication r, d_r is the alternative's NPV minus the
// nollalternativ's (negative: the alternative saves). Deciding now on the
// expected difference loses, in replication r,
//   min(0, mean d) - min(0, g_r)  kr  (>= 0 on average; computed as max(0, +-g_r)),
// where g_r is what would be known. The mean loss over the replications is the
// expected value of that information.
//
// A replication's d_r is one future: it holds the chance of that future (who
// arrives, how long each stays) besides its inputs, and no study can remove
// chance. So what is known is E[d | inputs], estimated by regression on the
// sample (the method is named in evppi_method): all the uncertain inputs
// together for EVPI, one input alone for EVPPI.
#pragma once

#include <vector>

namespace hemsim {

/// The method that estimates E[d | inputs], as the files name it.
inline constexpr const char* evppi_method =
    "least-squares regression of the NPV difference on a cubic polynomial in each input (with their pairwise "
    "products for EVPI)";

/// Per replication, the loss of deciding on the mean difference rather than on
/// `known` (E[d | what would be known] in that replication; `known` must average
/// to `mean_diff`): max(0, known_r) when the mean favours the alternative, else max(0, -known_r).
std::vector<double> decision_losses(double mean_diff, const std::vector<double>& known);

/// Per replication, the loss of deciding on the mean rather than on d_r itself
/// (every future known exactly: an upper bound that includes chance).
std::vector<double> perfect_losses(const std::vector<double>& diff);

/// E[d | inputs] at each replication: least squares on 1, z, z^2, z^3 of each
/// input (standardised; lower powers when an input takes fewer distinct values,
/// none when it is constant) and, with `interactions`, the products of pairs,
/// as long as the columns stay below a tenth of the replications (interactions
/// dropped first, then powers). `inputs[i][r]`: input i in replication r.
std::vector<double> known_difference(const std::vector<double>& diff,
                                     const std::vector<std::vector<double>>& inputs, bool interactions);

/// EVPI's losses: E[d | every input] known.
std::vector<double> evpi_losses(const std::vector<double>& diff,
                                const std::vector<std::vector<double>>& inputs);

/// EVPPI's losses: E[d | one input] known.
std::vector<double> evppi_losses(const std::vector<double>& diff, const std::vector<double>& input);

}  // namespace hemsim
