// The default China-Russia scenario model. Each table is built from the named judgments
// below; docs/model-card.md gives the same numbers with their rationale, in the same order.

#include <augury/scenario/default_model.hpp>

#include <augury/detail/join.hpp>
#include <augury/error.hpp>

#include <cmath>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace augury {
namespace {

using distribution = std::vector<double>;

// Our own rows are held to a far tighter standard than published files.
constexpr double row_tolerance = 1e-12;

/// A (state name, probability) entry of a row written out by name.
struct entry {
  const char* state;
  double p;
};

/// Builds the CPT of one child row by row; rows are addressed by parent state names, and
/// every row must be set before commit().
class table_builder {
 public:
  table_builder(bayesian_network& net, const std::string& child,
                const std::vector<std::string>& parents)
      : net_(net), child_(net.id(child)) {
    std::size_t rows = 1;
    for (const auto& p : parents) {
      parents_.push_back(net.id(p));
      rows *= net.var(parents_.back()).cardinality();
    }
    k_ = net.var(child_).cardinality();
    table_.assign(rows * k_, 0.0);
    set_.assign(rows, false);
  }

  /// P(child | parents = given) spelled out state by state, in the child's state order.
  table_builder& given(const std::vector<std::string>& given_states, const std::vector<entry>& row) {
    const auto& var = net_.var(child_);
    if (row.size() != k_)
      throw model_error("row of '" + var.name() + "' lists " + std::to_string(row.size()) +
                        " states (states: " + detail::join(var.states()) + ")");
    distribution d;
    for (std::size_t j = 0; j < k_; ++j) {
      if (var.state(j) != row[j].state)
        throw model_error("row of '" + var.name() + "' names '" + row[j].state + "' where '" +
                          var.state(j) + "' is expected (states: " + detail::join(var.states()) + ")");
      d.push_back(row[j].p);
    }
    return set(row_index(given_states), d);
  }

  /// P(child | parents = given) as a distribution in the child's state order.
  table_builder& given(const std::vector<std::string>& given_states, const distribution& d) {
    return set(row_index(given_states), d);
  }

  /// Every row from a function of the parent state indices (in parent order).
  table_builder& every_row(const std::function<distribution(const std::vector<std::size_t>&)>& f) {
    const std::size_t rows = set_.size();
    for (std::size_t r = 0; r < rows; ++r) set(r, f(configuration(r)));
    return *this;
  }

  /// Checks that every row is set and hands the table to the network.
  void commit() {
    for (std::size_t r = 0; r < set_.size(); ++r)
      if (!set_[r])
        throw model_error("CPT of '" + net_.var(child_).name() + "' misses the row " +
                          describe(configuration(r)));
    net_.set_cpt(child_, parents_, table_);
  }

 private:
  std::vector<std::size_t> configuration(std::size_t r) const {
    std::vector<std::size_t> states(parents_.size());
    for (std::size_t i = parents_.size(); i-- > 0;) {
      const std::size_t c = net_.var(parents_[i]).cardinality();
      states[i] = r % c;
      r /= c;
    }
    return states;
  }
  std::string describe(const std::vector<std::size_t>& states) const {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < states.size(); ++i)
      parts.push_back(net_.var(parents_[i]).name() + "=" + net_.var(parents_[i]).state(states[i]));
    return parts.empty() ? std::string("(no parents)") : detail::join(parts);
  }
  std::size_t row_index(const std::vector<std::string>& given_states) const {
    if (given_states.size() != parents_.size())
      throw model_error("row of '" + net_.var(child_).name() + "' names " +
                        std::to_string(given_states.size()) + " parent states for " +
                        std::to_string(parents_.size()) + " parents");
    std::size_t r = 0;
    for (std::size_t i = 0; i < parents_.size(); ++i) {
      const auto& pv = net_.var(parents_[i]);
      r = r * pv.cardinality() + pv.state_index(given_states[i]);
    }
    return r;
  }
  table_builder& set(std::size_t r, const distribution& d) {
    const auto& var = net_.var(child_);
    if (d.size() != k_)
      throw model_error("row of '" + var.name() + "' has " + std::to_string(d.size()) +
                        " entries for " + std::to_string(k_) + " states");
    double s = 0.0;
    for (double p : d) s += p;
    if (std::fabs(s - 1.0) > row_tolerance)
      throw model_error("row of '" + var.name() + "' given " + describe(configuration(r)) +
                        " sums to " + detail::format_number(s) + ", not 1");
    if (set_[r])
      throw model_error("row of '" + var.name() + "' given " + describe(configuration(r)) +
                        " is set twice");
    std::copy(d.begin(), d.end(), table_.begin() + static_cast<std::ptrdiff_t>(r * k_));
    set_[r] = true;
    return *this;
  }

  bayesian_network& net_;
  var_id child_;
  std::vector<var_id> parents_;
  std::size_t k_ = 0;
  distribution table_;
  std::vector<bool> set_;
};

// ---- Canonical forms --------------------------------------------------------------------

/// A binary node whose first state has probability p.
distribution binary(double p) { return {p, 1.0 - p}; }

/// Near-deterministic choice among k states: `match` gets 1 - leak, every other state
/// leak / (k - 1).
distribution leaky_choice(std::size_t k, std::size_t match, double leak) {
  distribution d(k, leak / static_cast<double>(k - 1));
  d[match] = 1.0 - leak;
  return d;
}

/// Leaky noisy-OR for a binary effect whose first state is "present" (Pearl 1988, sec. 4.3.2;
/// Henrion 1989 for the leak): P(absent) = (1 - leak) * prod over active causes (1 - p_cause).
distribution noisy_or(double leak, const std::vector<std::pair<bool, double>>& causes) {
  double absent = 1.0 - leak;
  for (const auto& [active, p] : causes)
    if (active) absent *= 1.0 - p;
  return {1.0 - absent, absent};
}

// Cooperation levels, strongest first.
enum level : std::size_t { alliance, deepening, steady, limited, minimal, level_count };

/// P(military_cooperation | context) for a context the seed reads as level `mode`:
/// `mode` gets 1 - leak; `alliance` gets `alliance_mass` (part of the leak) unless it is
/// the mode; the rest of the leak goes to the remaining levels in proportion to
/// 2^-(distance from the mode), so a misreading lands on the neighbouring level first.
distribution cooperation_row(level mode, double leak, double alliance_mass) {
  distribution d(level_count, 0.0);
  d[mode] = 1.0 - leak;
  double spread = leak;
  if (mode != alliance) {
    d[alliance] = alliance_mass;
    spread -= alliance_mass;
  }
  double total_weight = 0.0;
  for (std::size_t j = 0; j < level_count; ++j)
    if (j != mode && j != alliance)
      total_weight += std::ldexp(1.0, -static_cast<int>(j > mode ? j - mode : mode - j));
  for (std::size_t j = 0; j < level_count; ++j)
    if (j != mode && j != alliance)
      d[j] = spread * std::ldexp(1.0, -static_cast<int>(j > mode ? j - mode : mode - j)) / total_weight;
  return d;
}

// ---- The judgments (rationale: docs/model-card.md) --------------------------------------

// Drivers, September 2023.
constexpr double p_bipolar = 0.65;
constexpr double p_us_china_rivalry = 0.80;
constexpr double p_us_russia_hardline = 0.75;
constexpr double p_us_resists_multipolarity = 0.70;
constexpr double p_china_dominant_if_bipolar = 0.90;
constexpr double p_china_dominant_if_multipolar = 0.40;
constexpr double p_equal_if_china_dominant = 0.50;
constexpr double p_equal_if_parity = 0.85;

// Scenario: the drivers pick one version; the leak is shared equally by the other three.
constexpr double scenario_leak = 0.10;

// Cooperation level: the mode the seed reads for each context, with its leak.
constexpr double alliance_if_deepening = 0.05;  // great-power war x pre-emptive strike
constexpr double alliance_floor = 0.005;         // a formal alliance is never ruled out
constexpr double leak_v1 = 0.20;
constexpr double leak_v2 = 0.20;
constexpr double leak_v3 = 0.30;
constexpr double leak_v4_resists = 0.25;
constexpr double leak_v4_accommodates = 0.20;

// us_military_buildup: leaky noisy-OR over two causes.
constexpr double buildup_leak = 0.20;
constexpr double buildup_from_china_rivalry = 0.70;
constexpr double buildup_from_russia_hardline = 0.50;

// partnership_frictions: leaky noisy-OR over two causes.
constexpr double frictions_leak = 0.10;
constexpr double frictions_from_china_dominance = 0.35;
constexpr double frictions_from_unequal_treatment = 0.50;

// anti_us_coalitions: P(forming) by scenario; US stance matters only in the multipolar world.
constexpr double coalitions_v1 = 0.55;
constexpr double coalitions_v2 = 0.20;
constexpr double coalitions_v3 = 0.10;
constexpr double coalitions_v4_resists = 0.85;
constexpr double coalitions_v4_accommodates = 0.15;

// Binary cooperation indicators: P(first state | level), levels alliance..minimal.
constexpr double new_theatres_observed[] = {0.90, 0.75, 0.35, 0.10, 0.03};
constexpr double air_missile_drills_observed[] = {0.90, 0.80, 0.45, 0.12, 0.03};
constexpr double arms_sales_continuing[] = {0.97, 0.92, 0.85, 0.45, 0.15};
constexpr double cyber_observed[] = {0.85, 0.70, 0.55, 0.25, 0.08};

void add_variables(bayesian_network& net) {
  // Drivers.
  net.add_variable("polarity", {"bipolar", "multipolar"});
  net.add_variable("us_china_relations", {"rivalry", "cooperation"});
  net.add_variable("us_russia_relations", {"hardline", "detente"});
  net.add_variable("us_stance_on_multipolarity", {"resists", "accommodates"});
  net.add_variable("power_balance", {"china_dominant", "rough_parity"});
  net.add_variable("china_treats_russia_as_equal", {"yes", "no"});
  // Scenario and cooperation level.
  net.add_variable("scenario", {"bipolar_confrontation", "us_russia_detente",
                                "us_china_cooperation", "multipolar_balancing"});
  net.add_variable("military_cooperation", {"alliance", "deepening", "steady", "limited", "minimal"});
  // Indicators.
  net.add_variable("sanctions_on_russia", {"kept_or_tightened", "eased", "lifted"});
  net.add_variable("nato_ukraine_accession", {"advancing", "stalled", "ruled_out"});
  net.add_variable("us_russia_summitry", {"none", "talks", "agreements"});
  net.add_variable("nato_nondeployment_guarantee", {"given", "not_given"});
  net.add_variable("us_china_trade", {"escalating", "managed", "liberalising"});
  net.add_variable("us_china_cooperation_deals", {"none", "dialogue", "agreements"});
  net.add_variable("us_military_buildup", {"scaling_up", "steady"});
  net.add_variable("russian_economy", {"recovering", "stagnating"});
  net.add_variable("other_powers_weight", {"rising", "flat"});
  net.add_variable("partnership_frictions", {"public", "quiet"});
  net.add_variable("anti_us_coalitions", {"forming", "absent"});
  net.add_variable("joint_exercise_tempo", {"rising", "steady", "falling", "ceased"});
  net.add_variable("exercises_in_new_theatres", {"observed", "not_observed"});
  net.add_variable("joint_air_missile_defence_drills", {"observed", "not_observed"});
  net.add_variable("space_cooperation", {"agreements", "talk_only", "none"});
  net.add_variable("sensitive_technology_transfer", {"confirmed", "alleged", "none"});
  net.add_variable("arms_sales", {"continuing", "halted"});
  net.add_variable("cyber_cooperation", {"observed", "not_observed"});
  net.add_variable("alliance_treaty_language", {"treaty", "alignment_statements", "no_alignment"});
}

void add_drivers(bayesian_network& net) {
  table_builder(net, "polarity", {}).given({}, binary(p_bipolar)).commit();
  table_builder(net, "us_china_relations", {}).given({}, binary(p_us_china_rivalry)).commit();
  table_builder(net, "us_russia_relations", {}).given({}, binary(p_us_russia_hardline)).commit();
  table_builder(net, "us_stance_on_multipolarity", {})
      .given({}, binary(p_us_resists_multipolarity))
      .commit();
  table_builder(net, "power_balance", {"polarity"})
      .given({"bipolar"}, binary(p_china_dominant_if_bipolar))
      .given({"multipolar"}, binary(p_china_dominant_if_multipolar))
      .commit();
  table_builder(net, "china_treats_russia_as_equal", {"power_balance"})
      .given({"china_dominant"}, binary(p_equal_if_china_dominant))
      .given({"rough_parity"}, binary(p_equal_if_parity))
      .commit();
}

void add_scenario_and_cooperation(bayesian_network& net) {
  enum { v1, v2, v3, v4 };
  // Parent states: polarity (0 bipolar), us_china_relations (0 rivalry),
  // us_russia_relations (0 hardline).
  table_builder(net, "scenario", {"polarity", "us_china_relations", "us_russia_relations"})
      .every_row([](const std::vector<std::size_t>& s) {
        const bool bipolar = s[0] == 0, rivalry = s[1] == 0, hardline = s[2] == 0;
        const std::size_t match = !bipolar ? v4 : !rivalry ? v3 : hardline ? v1 : v2;
        return leaky_choice(4, match, scenario_leak);
      })
      .commit();

  // Parent states: scenario (v1..v4), us_stance_on_multipolarity (0 resists),
  // china_treats_russia_as_equal (0 yes).
  table_builder(net, "military_cooperation",
                {"scenario", "us_stance_on_multipolarity", "china_treats_russia_as_equal"})
      .every_row([](const std::vector<std::size_t>& s) {
        const bool resists = s[1] == 0, equal = s[2] == 0;
        switch (s[0]) {
          case v1: return cooperation_row(deepening, leak_v1, alliance_if_deepening);
          case v2: return equal ? cooperation_row(steady, leak_v2, alliance_floor)
                                : cooperation_row(limited, leak_v2, alliance_floor);
          case v3: return cooperation_row(minimal, leak_v3, alliance_floor);
          default:
            return resists ? cooperation_row(deepening, leak_v4_resists, alliance_if_deepening)
                           : cooperation_row(steady, leak_v4_accommodates, alliance_floor);
        }
      })
      .commit();
}

void add_driver_indicators(bayesian_network& net) {
  table_builder(net, "sanctions_on_russia", {"us_russia_relations"})
      .given({"hardline"}, {{"kept_or_tightened", 0.90}, {"eased", 0.08}, {"lifted", 0.02}})
      .given({"detente"}, {{"kept_or_tightened", 0.25}, {"eased", 0.50}, {"lifted", 0.25}})
      .commit();
  table_builder(net, "nato_ukraine_accession", {"us_russia_relations"})
      .given({"hardline"}, {{"advancing", 0.55}, {"stalled", 0.40}, {"ruled_out", 0.05}})
      .given({"detente"}, {{"advancing", 0.10}, {"stalled", 0.40}, {"ruled_out", 0.50}})
      .commit();
  table_builder(net, "us_russia_summitry", {"us_russia_relations"})
      .given({"hardline"}, {{"none", 0.70}, {"talks", 0.25}, {"agreements", 0.05}})
      .given({"detente"}, {{"none", 0.05}, {"talks", 0.45}, {"agreements", 0.50}})
      .commit();
  table_builder(net, "nato_nondeployment_guarantee", {"us_russia_relations"})
      .given({"hardline"}, {{"given", 0.02}, {"not_given", 0.98}})
      .given({"detente"}, {{"given", 0.40}, {"not_given", 0.60}})
      .commit();
  table_builder(net, "us_china_trade", {"us_china_relations"})
      .given({"rivalry"}, {{"escalating", 0.60}, {"managed", 0.35}, {"liberalising", 0.05}})
      .given({"cooperation"}, {{"escalating", 0.05}, {"managed", 0.45}, {"liberalising", 0.50}})
      .commit();
  table_builder(net, "us_china_cooperation_deals", {"us_china_relations"})
      .given({"rivalry"}, {{"none", 0.30}, {"dialogue", 0.50}, {"agreements", 0.20}})
      .given({"cooperation"}, {{"none", 0.02}, {"dialogue", 0.28}, {"agreements", 0.70}})
      .commit();
  // Parent states: us_china_relations (0 rivalry), us_russia_relations (0 hardline).
  table_builder(net, "us_military_buildup", {"us_china_relations", "us_russia_relations"})
      .every_row([](const std::vector<std::size_t>& s) {
        return noisy_or(buildup_leak, {{s[0] == 0, buildup_from_china_rivalry},
                                       {s[1] == 0, buildup_from_russia_hardline}});
      })
      .commit();
  table_builder(net, "russian_economy", {"us_russia_relations"})
      .given({"hardline"}, {{"recovering", 0.25}, {"stagnating", 0.75}})
      .given({"detente"}, {{"recovering", 0.70}, {"stagnating", 0.30}})
      .commit();
  table_builder(net, "other_powers_weight", {"polarity"})
      .given({"bipolar"}, {{"rising", 0.35}, {"flat", 0.65}})
      .given({"multipolar"}, {{"rising", 0.85}, {"flat", 0.15}})
      .commit();
  // Parent states: power_balance (0 china_dominant), china_treats_russia_as_equal (1 no).
  table_builder(net, "partnership_frictions", {"power_balance", "china_treats_russia_as_equal"})
      .every_row([](const std::vector<std::size_t>& s) {
        return noisy_or(frictions_leak, {{s[0] == 0, frictions_from_china_dominance},
                                         {s[1] == 1, frictions_from_unequal_treatment}});
      })
      .commit();
}

void add_scenario_indicators(bayesian_network& net) {
  // Parent states: scenario (0..3 = versions 1..4), us_stance_on_multipolarity (0 resists).
  table_builder(net, "anti_us_coalitions", {"scenario", "us_stance_on_multipolarity"})
      .every_row([](const std::vector<std::size_t>& s) {
        const bool resists = s[1] == 0;
        switch (s[0]) {
          case 0: return binary(coalitions_v1);
          case 1: return binary(coalitions_v2);
          case 2: return binary(coalitions_v3);
          default: return binary(resists ? coalitions_v4_resists : coalitions_v4_accommodates);
        }
      })
      .commit();
}

void add_cooperation_indicators(bayesian_network& net) {
  const std::vector<std::string> parent{"military_cooperation"};
  auto ladder = [&](const char* node, const double (&p_first)[level_count]) {
    table_builder(net, node, parent)
        .every_row([&](const std::vector<std::size_t>& s) { return binary(p_first[s[0]]); })
        .commit();
  };

  table_builder(net, "joint_exercise_tempo", parent)
      .given({"alliance"}, {{"rising", 0.75}, {"steady", 0.22}, {"falling", 0.02}, {"ceased", 0.01}})
      .given({"deepening"}, {{"rising", 0.60}, {"steady", 0.33}, {"falling", 0.05}, {"ceased", 0.02}})
      .given({"steady"}, {{"rising", 0.15}, {"steady", 0.70}, {"falling", 0.12}, {"ceased", 0.03}})
      .given({"limited"}, {{"rising", 0.03}, {"steady", 0.22}, {"falling", 0.55}, {"ceased", 0.20}})
      .given({"minimal"}, {{"rising", 0.01}, {"steady", 0.04}, {"falling", 0.25}, {"ceased", 0.70}})
      .commit();
  ladder("exercises_in_new_theatres", new_theatres_observed);
  ladder("joint_air_missile_defence_drills", air_missile_drills_observed);
  table_builder(net, "space_cooperation", parent)
      .given({"alliance"}, {{"agreements", 0.85}, {"talk_only", 0.13}, {"none", 0.02}})
      .given({"deepening"}, {{"agreements", 0.70}, {"talk_only", 0.25}, {"none", 0.05}})
      .given({"steady"}, {{"agreements", 0.30}, {"talk_only", 0.50}, {"none", 0.20}})
      .given({"limited"}, {{"agreements", 0.10}, {"talk_only", 0.40}, {"none", 0.50}})
      .given({"minimal"}, {{"agreements", 0.03}, {"talk_only", 0.22}, {"none", 0.75}})
      .commit();
  table_builder(net, "sensitive_technology_transfer", parent)
      .given({"alliance"}, {{"confirmed", 0.60}, {"alleged", 0.35}, {"none", 0.05}})
      .given({"deepening"}, {{"confirmed", 0.35}, {"alleged", 0.50}, {"none", 0.15}})
      .given({"steady"}, {{"confirmed", 0.05}, {"alleged", 0.35}, {"none", 0.60}})
      .given({"limited"}, {{"confirmed", 0.02}, {"alleged", 0.18}, {"none", 0.80}})
      .given({"minimal"}, {{"confirmed", 0.01}, {"alleged", 0.09}, {"none", 0.90}})
      .commit();
  ladder("arms_sales", arms_sales_continuing);
  ladder("cyber_cooperation", cyber_observed);
  table_builder(net, "alliance_treaty_language", parent)
      .given({"alliance"}, {{"treaty", 0.80}, {"alignment_statements", 0.19}, {"no_alignment", 0.01}})
      .given({"deepening"}, {{"treaty", 0.05}, {"alignment_statements", 0.85}, {"no_alignment", 0.10}})
      .given({"steady"}, {{"treaty", 0.01}, {"alignment_statements", 0.64}, {"no_alignment", 0.35}})
      .given({"limited"}, {{"treaty", 0.005}, {"alignment_statements", 0.295}, {"no_alignment", 0.70}})
      .given({"minimal"}, {{"treaty", 0.002}, {"alignment_statements", 0.098}, {"no_alignment", 0.90}})
      .commit();
}

}  // namespace

bayesian_network default_scenario_network() {
  bayesian_network net("china_russia_military_cooperation");
  net.properties()["source"] =
      "Future Scenarios of Sino-Russian Military Cooperation, Warsaw Institute, 4 September 2023";
  net.properties()["as_of"] = "2023-09";
  net.properties()["horizon"] = "about 2033";
  add_variables(net);
  add_drivers(net);
  add_scenario_and_cooperation(net);
  add_driver_indicators(net);
  add_scenario_indicators(net);
  add_cooperation_indicators(net);
  net.validate();
  return net;
}

scenario_model default_scenario_model() {
  scenario_model m;
  m.network = default_scenario_network();
  const auto& net = m.network;
  m.scenario = net.id("scenario");
  m.cooperation = net.id("military_cooperation");
  for (const char* name : {"polarity", "us_china_relations", "us_russia_relations",
                           "us_stance_on_multipolarity", "power_balance",
                           "china_treats_russia_as_equal"})
    m.drivers.push_back(net.id(name));
  for (const char* name :
       {"sanctions_on_russia", "nato_ukraine_accession", "us_russia_summitry",
        "nato_nondeployment_guarantee", "us_china_trade", "us_china_cooperation_deals",
        "us_military_buildup", "russian_economy", "other_powers_weight", "partnership_frictions",
        "anti_us_coalitions", "joint_exercise_tempo", "exercises_in_new_theatres",
        "joint_air_missile_defence_drills", "space_cooperation", "sensitive_technology_transfer",
        "arms_sales", "cyber_cooperation", "alliance_treaty_language"})
    m.indicators.push_back(net.id(name));
  return m;
}

}  // namespace augury
