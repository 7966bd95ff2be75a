// The default scenario model: structure exactly as designed (docs/model-card.md), every
// conditional distribution a distribution, and the canonical forms doing what the model
// card says.

#include <augury/scenario/default_model.hpp>

#include "scenario/brute_force.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace augury {
namespace {

struct node_spec {
  std::string name;
  std::vector<std::string> states;
  std::vector<std::string> parents;
};

// Written out from the design document, independently of the model code.
const std::vector<node_spec>& design() {
  static const std::vector<node_spec> nodes = {
      {"polarity", {"bipolar", "multipolar"}, {}},
      {"us_china_relations", {"rivalry", "cooperation"}, {}},
      {"us_russia_relations", {"hardline", "detente"}, {}},
      {"us_stance_on_multipolarity", {"resists", "accommodates"}, {}},
      {"power_balance", {"china_dominant", "rough_parity"}, {"polarity"}},
      {"china_treats_russia_as_equal", {"yes", "no"}, {"power_balance"}},
      {"scenario",
       {"bipolar_confrontation", "us_russia_detente", "us_china_cooperation", "multipolar_balancing"},
       {"polarity", "us_china_relations", "us_russia_relations"}},
      {"military_cooperation",
       {"alliance", "deepening", "steady", "limited", "minimal"},
       {"scenario", "us_stance_on_multipolarity", "china_treats_russia_as_equal"}},
      {"sanctions_on_russia", {"kept_or_tightened", "eased", "lifted"}, {"us_russia_relations"}},
      {"nato_ukraine_accession", {"advancing", "stalled", "ruled_out"}, {"us_russia_relations"}},
      {"us_russia_summitry", {"none", "talks", "agreements"}, {"us_russia_relations"}},
      {"nato_nondeployment_guarantee", {"given", "not_given"}, {"us_russia_relations"}},
      {"us_china_trade", {"escalating", "managed", "liberalising"}, {"us_china_relations"}},
      {"us_china_cooperation_deals", {"none", "dialogue", "agreements"}, {"us_china_relations"}},
      {"us_military_buildup", {"scaling_up", "steady"}, {"us_china_relations", "us_russia_relations"}},
      {"russian_economy", {"recovering", "stagnating"}, {"us_russia_relations"}},
      {"other_powers_weight", {"rising", "flat"}, {"polarity"}},
      {"partnership_frictions", {"public", "quiet"}, {"power_balance", "china_treats_russia_as_equal"}},
      {"anti_us_coalitions", {"forming", "absent"}, {"scenario", "us_stance_on_multipolarity"}},
      {"joint_exercise_tempo", {"rising", "steady", "falling", "ceased"}, {"military_cooperation"}},
      {"exercises_in_new_theatres", {"observed", "not_observed"}, {"military_cooperation"}},
      {"joint_air_missile_defence_drills", {"observed", "not_observed"}, {"military_cooperation"}},
      {"space_cooperation", {"agreements", "talk_only", "none"}, {"military_cooperation"}},
      {"sensitive_technology_transfer", {"confirmed", "alleged", "none"}, {"military_cooperation"}},
      {"arms_sales", {"continuing", "halted"}, {"military_cooperation"}},
      {"cyber_cooperation", {"observed", "not_observed"}, {"military_cooperation"}},
      {"alliance_treaty_language", {"treaty", "alignment_statements", "no_alignment"},
       {"military_cooperation"}},
  };
  return nodes;
}

TEST(default_scenario_model, structure_is_exactly_the_design) {
  const bayesian_network net = default_scenario_network();
  ASSERT_EQ(net.size(), design().size());
  for (const auto& spec : design()) {
    SCOPED_TRACE(spec.name);
    const auto v = net.find(spec.name);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(net.var(*v).states(), spec.states);
    std::vector<std::string> parents;
    for (var_id p : net.parents(*v)) parents.push_back(net.var(p).name());
    EXPECT_EQ(parents, spec.parents);
  }
  EXPECT_NO_THROW(net.validate());
}

TEST(default_scenario_model, every_row_is_a_distribution_with_no_zero) {
  const bayesian_network net = default_scenario_network();
  for (var_id v = 0; v < net.size(); ++v) {
    const cpt& t = net.cpt_of(v);
    for (std::size_t r = 0; r < t.rows(); ++r) {
      double s = 0.0;
      for (std::size_t c = 0; c < t.columns(); ++c) {
        // Strictly positive: no combination of reports can be impossible evidence.
        EXPECT_GT(t(r, c), 0.0) << net.var(v).name() << " row " << r << " column " << c;
        s += t(r, c);
      }
      EXPECT_NEAR(s, 1.0, 1e-12) << net.var(v).name() << " row " << r;
    }
  }
}

TEST(default_scenario_model, roles_name_the_right_nodes) {
  const scenario_model m = default_scenario_model();
  EXPECT_EQ(m.network.var(m.scenario).name(), "scenario");
  EXPECT_EQ(m.network.var(m.cooperation).name(), "military_cooperation");
  ASSERT_EQ(m.drivers.size(), 6u);
  EXPECT_EQ(m.network.var(m.drivers[0]).name(), "polarity");
  EXPECT_EQ(m.network.var(m.drivers[5]).name(), "china_treats_russia_as_equal");
  ASSERT_EQ(m.indicators.size(), 19u);
  // The indicators are exactly the design's nodes after military_cooperation.
  for (std::size_t i = 0; i < m.indicators.size(); ++i)
    EXPECT_EQ(m.network.var(m.indicators[i]).name(), design()[8 + i].name);
}

TEST(default_scenario_model, scenario_table_is_near_deterministic_with_equal_leak) {
  const bayesian_network net = default_scenario_network();
  const cpt& t = net.cpt_of(net.id("scenario"));
  // Rows: polarity x us_china x us_russia (last fastest); the version each row matches.
  const std::size_t match[8] = {0, 1, 2, 2, 3, 3, 3, 3};
  for (std::size_t r = 0; r < 8; ++r)
    for (std::size_t s = 0; s < 4; ++s)
      EXPECT_NEAR(t(r, s), s == match[r] ? 0.9 : 0.1 / 3.0, 1e-15) << "row " << r;
}

TEST(default_scenario_model, cooperation_follows_the_seed) {
  const bayesian_network net = default_scenario_network();
  const cpt& t = net.cpt_of(net.id("military_cooperation"));
  // Row index = scenario * 4 + stance * 2 + equal (stance 0 resists, equal 0 yes).
  auto mode = [&](std::size_t row) {
    std::size_t best = 0;
    for (std::size_t c = 1; c < t.columns(); ++c)
      if (t(row, c) > t(row, best)) best = c;
    return best;
  };
  enum { alliance, deepening, steady, limited, minimal };
  for (std::size_t stance = 0; stance < 2; ++stance)
    for (std::size_t equal = 0; equal < 2; ++equal) {
      EXPECT_EQ(mode(0 * 4 + stance * 2 + equal), std::size_t(deepening));
      EXPECT_EQ(mode(1 * 4 + stance * 2 + equal), std::size_t(equal == 0 ? steady : limited));
      EXPECT_EQ(mode(2 * 4 + stance * 2 + equal), std::size_t(minimal));
      EXPECT_EQ(mode(3 * 4 + stance * 2 + equal), std::size_t(stance == 0 ? deepening : steady));
    }
  // Version 1: alliance only after a pre-emptive strike, 5%; deepening keeps 80%.
  EXPECT_NEAR(t(0, alliance), 0.05, 1e-15);
  EXPECT_NEAR(t(0, deepening), 0.80, 1e-15);
  // The leak of 0.15 that is not alliance halves with each step away from deepening.
  EXPECT_NEAR(t(0, steady), 0.15 * 4.0 / 7.0, 1e-15);
  EXPECT_NEAR(t(0, limited), 0.15 * 2.0 / 7.0, 1e-15);
  EXPECT_NEAR(t(0, minimal), 0.15 * 1.0 / 7.0, 1e-15);
}

TEST(default_scenario_model, noisy_or_rows) {
  const bayesian_network net = default_scenario_network();
  const cpt& b = net.cpt_of(net.id("us_military_buildup"));
  // Parents: us_china_relations (rivalry, cooperation), us_russia_relations (hardline, detente).
  EXPECT_NEAR(b(0, 0), 1.0 - 0.8 * 0.3 * 0.5, 1e-15);
  EXPECT_NEAR(b(1, 0), 1.0 - 0.8 * 0.3, 1e-15);
  EXPECT_NEAR(b(2, 0), 1.0 - 0.8 * 0.5, 1e-15);
  EXPECT_NEAR(b(3, 0), 0.2, 1e-15);
  const cpt& f = net.cpt_of(net.id("partnership_frictions"));
  // Parents: power_balance (china_dominant, rough_parity), equal (yes, no).
  EXPECT_NEAR(f(0, 0), 1.0 - 0.9 * 0.65, 1e-15);
  EXPECT_NEAR(f(1, 0), 1.0 - 0.9 * 0.65 * 0.5, 1e-15);
  EXPECT_NEAR(f(2, 0), 0.1, 1e-15);
  EXPECT_NEAR(f(3, 0), 1.0 - 0.9 * 0.5, 1e-15);
}

TEST(default_scenario_model, prior_scenario_by_enumeration) {
  // The scenario prior from the driver priors by hand: P(matching drivers) * 0.9 plus the
  // leak of the others.
  const double bip = 0.65, riv = 0.8, hard = 0.75;
  const double m[4] = {bip * riv * hard, bip * riv * (1 - hard), bip * (1 - riv), 1 - bip};
  const bayesian_network net = default_scenario_network();
  const auto p = test::brute_force_posterior(net, net.id("scenario"), {});
  for (std::size_t s = 0; s < 4; ++s)
    EXPECT_NEAR(p[s], 0.9 * m[s] + (0.1 / 3.0) * (1.0 - m[s]), 1e-12);
  // Version 1 is the likeliest future as of September 2023.
  EXPECT_EQ(std::max_element(p.begin(), p.end()) - p.begin(), 0);
}

}  // namespace
}  // namespace augury
