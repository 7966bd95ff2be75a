#pragma once
/// \file
/// The default model: four scenarios of China-Russia military cooperation to about 2033.
///
/// A Bayesian network of the analysis "Future Scenarios of Sino-Russian Military Cooperation"
/// (Warsaw Institute, 4 September 2023): six structural drivers, a scenario node with four
/// mutually exclusive states, the level of military cooperation, and nineteen observable
/// indicators. Every number is an expert judgment as of September 2023; docs/model-card.md
/// gives each table with its rationale.

#include <augury/model/bayesian_network.hpp>

#include <vector>

namespace augury {

/// The default network together with the roles of its nodes.
struct scenario_model {
  /// The network (27 variables, every CPT set).
  bayesian_network network;
  /// The `scenario` node: bipolar_confrontation, us_russia_detente, us_china_cooperation,
  /// multipolar_balancing.
  var_id scenario = 0;
  /// The `military_cooperation` node: alliance, deepening, steady, limited, minimal.
  var_id cooperation = 0;
  /// The structural drivers, in the order polarity, us_china_relations,
  /// us_russia_relations, us_stance_on_multipolarity, power_balance,
  /// china_treats_russia_as_equal.
  std::vector<var_id> drivers;
  /// The nineteen indicators, in the order of docs/model-card.md.
  std::vector<var_id> indicators;
};

/// Builds the default network (named "china_russia_military_cooperation").
/// Variables are added drivers first, then scenario, military_cooperation and the
/// indicators; every conditional distribution sums to 1 within 1e-12.
[[nodiscard]] bayesian_network default_scenario_network();

/// The default network with the ids of its scenario, cooperation, driver and indicator nodes.
[[nodiscard]] scenario_model default_scenario_model();

}  // namespace augury
