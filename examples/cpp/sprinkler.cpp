// Builds the classic sprinkler network in code, enters evidence and reads exact posteriors
// from a junction tree. Run: ./example_sprinkler

#include <augury/augury.hpp>

#include <cstdio>

int main() {
  augury::bayesian_network net("sprinkler");
  const auto cloudy = net.add_variable("Cloudy", {"yes", "no"});
  const auto sprinkler = net.add_variable("Sprinkler", {"on", "off"});
  const auto rain = net.add_variable("Rain", {"yes", "no"});
  const auto wet = net.add_variable("WetGrass", {"wet", "dry"});

  // Tables are row-major over (parents..., child): one row per parent configuration.
  net.set_cpt(cloudy, {}, {0.4, 0.6});
  net.set_cpt(sprinkler, {cloudy}, {0.2, 0.8,    // Cloudy = yes
                                    0.6, 0.4});  // Cloudy = no
  net.set_cpt(rain, {cloudy}, {0.85, 0.15, 0.25, 0.75});
  net.set_cpt(wet, {sprinkler, rain}, {0.98, 0.02,   // on, yes
                                       0.85, 0.15,   // on, no
                                       0.88, 0.12,   // off, yes
                                       0.02, 0.98}); // off, no

  augury::junction_tree tree(net);
  std::printf("P(WetGrass = wet) = %.5f\n", tree.posterior(wet)[0]);

  tree.set_hard(wet, 0);  // the grass is wet
  const auto p_rain = tree.posterior(rain);
  std::printf("P(Rain = yes | wet) = %.10f\n", p_rain[0]);
  std::printf("log10 P(wet) = %.6f\n", tree.log10_evidence_probability());

  // A likelihood (virtual) finding: a neighbour's report that it rained, twice as likely
  // to be made if it did rain as if it did not.
  tree.set_likelihood(rain, {2.0, 1.0});
  std::printf("P(Cloudy = yes | wet, report of rain) = %.6f\n", tree.posterior(cloudy)[0]);

  tree.clear_evidence();
  std::printf("P(Rain = yes) after retracting everything = %.4f\n", tree.posterior(rain)[0]);
  return 0;
}
