// UAI result files: MAR and PR readers; what they accept is finite (MAR) or at most minus
// infinity (PR), and what is written reads back the same.
#include "fuzz_target.hpp"

#include <augury/io/uai.hpp>

#include <limits>

AUGURY_FUZZ_TARGET(uai_results) {
  using namespace augury;
  const std::string_view text = fuzz::as_text(data, size);
  std::vector<std::vector<double>> mar;
  if (fuzz::expect_only_augury_errors("parse_uai_mar", [&] { mar = io::parse_uai_mar(text); })) {
    for (const auto& m : mar) fuzz::check_finite(m, "a MAR marginal");
    std::string written;
    if (fuzz::expect_only_augury_errors("to_uai_mar", [&] { written = io::to_uai_mar(mar); })) {
      std::vector<std::vector<double>> back;
      try {
        back = io::parse_uai_mar(written);
      } catch (const error& e) {
        fuzz::fail(std::string("written MAR does not read back: ") + e.what());
      }
      if (back != mar) fuzz::fail("MAR round trip changed the marginals\n" + written);
    }
  }
  double pr = 0.0;
  if (fuzz::expect_only_augury_errors("parse_uai_pr", [&] { pr = io::parse_uai_pr(text); })) {
    if (std::isnan(pr) || pr == std::numeric_limits<double>::infinity())
      fuzz::fail("parse_uai_pr accepted NaN or +infinity");
    if (std::isfinite(pr)) {
      const std::string written = io::to_uai_pr(pr);
      double back = 0.0;
      try {
        back = io::parse_uai_pr(written);
      } catch (const error& e) {
        fuzz::fail(std::string("written PR does not read back: ") + e.what());
      }
      if (back != pr) fuzz::fail("PR round trip changed the value\n" + written);
    }
  }
}
