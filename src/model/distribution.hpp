// The arithmetic of the model's distributions (no random numbers): means,
// variances and quantiles, shared by the engine, the analytic chain and the
// analyses. Sampling is the engine's (engine/random.hpp).
#pragma once

#include "model/model.hpp"

namespace hemsim {

/// The q-quantile of an uncertain parameter's distribution (q in (0, 1)).
double param_quantile(const param_distribution& d, double q);

/// Theoretical mean and variance of a duration distribution as sampled (incl. the normal's truncation at 0).
double mean_of(const distribution& d);
double variance_of(const distribution& d);

/// The log's parameters of a lognormal with this mean and sd: sigma^2 = log(1 + sd^2 / m^2), mu = log m -
/// sigma^2 / 2.
void lognormal_params(double mean, double sd, double& mu, double& sigma);

}  // namespace hemsim
