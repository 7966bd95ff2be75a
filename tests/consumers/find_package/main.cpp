// Builds a two-variable network through the umbrella header and prints P(WetGrass=yes),
// summed by hand from the two tables: 0.2 * 0.9 + 0.8 * 0.25 = 0.38.
#include <augury/augury.hpp>

#include <cmath>
#include <iostream>

int main() {
  augury::bayesian_network net("consumer");
  const augury::var_id rain = net.add_variable("Rain", {"yes", "no"});
  const augury::var_id grass = net.add_variable("WetGrass", {"yes", "no"});
  net.set_cpt(rain, {}, {0.2, 0.8});
  net.set_cpt(grass, {rain}, {0.9, 0.1,     // Rain = yes
                              0.25, 0.75});  // Rain = no

  const augury::cpt& p_rain = net.cpt_of(rain);
  const augury::cpt& p_grass = net.cpt_of(grass);
  double p_wet = 0.0;
  for (std::size_t r = 0; r < p_rain.columns(); ++r) p_wet += p_rain(0, r) * p_grass(r, 0);

  std::cout << "augury " << augury::version_string << ": P(WetGrass=yes) = " << p_wet << "\n";
  return std::fabs(p_wet - 0.38) < 1e-12 ? 0 : 1;
}
