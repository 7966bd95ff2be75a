// `augury score FORECASTS.csv [--bins N]`: Brier score, log loss, ignorance and calibration of
// a file of categorical probability forecasts (include/augury/analysis/scoring.hpp).

#include "commands.hpp"
#include "scenario/csv.hpp"
#include "calibration_output.hpp"
#include "output.hpp"
#include "text_table.hpp"

#include <augury/analysis/scoring.hpp>
#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/io/format.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace augury::cli {
namespace {

using json = nlohmann::ordered_json;

struct score_options {
  std::string path;
  std::size_t bins = 10;
  std::string format = "text";
  std::string output_path;
};

json number(double x) { return json_number(x); }
std::string fixed(double x, int digits) { return fixed_or_inf(x, digits); }

// Columns `outcome` and one per category (the header names the categories); every row is one
// forecast. Any bad row is an error naming its line and column.
std::vector<analysis::probability_forecast> read_forecasts(const std::string& path,
                                                           std::vector<std::string>& categories) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error("cannot open '" + path + "'");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const auto records = augury::detail::parse_csv(buffer.str(), path);
  if (records.empty()) throw parse_error(path, 1, 0, "empty file: expected a header outcome,CATEGORY,...");
  const augury::detail::csv_header header(records.front(), path);
  header.require({"outcome"}, {});
  std::vector<std::size_t> columns;
  for (std::size_t c = 0; c < records.front().fields.size(); ++c) {
    const std::string name = augury::detail::trim(records.front().fields[c]);
    if (name == "outcome") continue;
    categories.push_back(name);
    columns.push_back(c);
  }
  if (categories.empty())
    throw parse_error(path, records.front().line, 0, "the header names no category column besides 'outcome'");
  const std::size_t outcome_column = header.find("outcome");
  std::vector<analysis::probability_forecast> out;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    if (rec.fields.size() != header.size())
      throw parse_error(path, rec.line, 0,
                        "the row has " + std::to_string(rec.fields.size()) + " fields; the header has " +
                            std::to_string(header.size()));
    analysis::probability_forecast f;
    const std::string outcome = augury::detail::trim(rec.fields[outcome_column]);
    std::size_t k = 0;
    while (k < categories.size() && categories[k] != outcome) ++k;
    if (k == categories.size())
      throw parse_error(path, rec.line, 0,
                        "column 'outcome': '" + outcome + "' is not a category (categories: " +
                            augury::detail::join(categories) + ")");
    f.outcome = k;
    double sum = 0.0;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const std::string text = augury::detail::trim(rec.fields[columns[i]]);
      std::size_t used = 0;
      double x = 0.0;
      try {
        x = std::stod(text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (text.empty() || used != text.size() || !std::isfinite(x) || x < 0.0 || x > 1.0)
        throw parse_error(path, rec.line, 0,
                          "column '" + categories[i] + "': '" + text + "' is not a probability in [0, 1]");
      f.probabilities.push_back(x);
      sum += x;
    }
    if (std::fabs(sum - 1.0) > 1e-6)
      throw parse_error(path, rec.line, 0,
                        "the probabilities sum to " + format_general(sum) + ", not 1 (within 1e-6)");
    out.push_back(std::move(f));
  }
  return out;
}

int run_score(const score_options& o, std::ostream& out) {
  std::vector<std::string> categories;
  const auto forecasts = read_forecasts(o.path, categories);
  const auto s = analysis::score_forecasts(forecasts);
  const auto table = analysis::calibration_table(forecasts, o.bins);

  json j;
  j["file"] = o.path;
  j["categories"] = categories;
  j["count"] = s.count;
  j["brier"] = number(s.brier);
  j["log_loss"] = number(s.log_loss);
  j["ignorance"] = number(s.ignorance);
  j["zero_probability_outcomes"] = s.zero_probability_outcomes;
  std::ostringstream text;
  text << "forecasts: " << o.path << " (" << s.count << " forecasts; categories: "
       << augury::detail::join(categories) << ")\n\n";
  text_table t({"score", "mean", ""}, "lrl");
  t.add_row({"Brier", fixed(s.brier, 6), "(0 best, 2 worst)"});
  t.add_row({"log loss", fixed(s.log_loss, 6), "nats"});
  t.add_row({"ignorance", fixed(s.ignorance, 6), "bits"});
  t.print(text);
  if (s.zero_probability_outcomes > 0)
    text << "(" << s.zero_probability_outcomes << " outcomes had forecast probability 0: infinite log loss)\n";

  write_calibration(table, "Calibration (every category's probability is one binary forecast)", j, text);

  const std::string result = o.format == "json" ? j.dump(1) + "\n" : text.str();
  write_result(out, o.output_path, result);
  return 0;
}

}  // namespace

command_runner add_score_command(CLI::App& app) {
  auto o = std::make_shared<score_options>();
  auto* sub = app.add_subcommand("score", "Brier score, log loss, ignorance and calibration of probability forecasts");
  sub->add_option("forecasts", o->path,
                  "CSV with a column 'outcome' and one column of probabilities per category (header: category names)")
      ->required();
  sub->add_option("--bins", o->bins, "Bins of the calibration table")->check(CLI::PositiveNumber);
  sub->add_option("--format", o->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("-o,--output", o->output_path, "Write the output to this file (default: standard output)");
  return [o](std::ostream& out) { return run_score(*o, out); };
}

}  // namespace augury::cli
