// `augury backtest NETWORK TIMELINE.csv [evidence] [--bins N]`: replays a dated timeline of
// observations through the network and scores the model's forecast of each observed state
// (include/augury/analysis/scoring.hpp).

#include "commands.hpp"
#include "evidence_options.hpp"
#include "scenario/csv.hpp"
#include "calibration_output.hpp"
#include "output.hpp"
#include "text_table.hpp"

#include <augury/analysis/scoring.hpp>
#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/io/format.hpp>
#include <augury/scenario/default_model.hpp>
#include <augury/scenario/mapping.hpp>
#include <augury/scenario/report.hpp>

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

struct backtest_command_options {
  std::string network_path;
  std::string timeline_path;
  std::vector<std::string> evidence;
  std::vector<std::string> likelihoods;
  std::size_t bins = 10;
  std::string format = "text";
  std::string output_path;
  double sum_tolerance = bayesian_network::default_sum_tolerance;
};

json number(double x) { return json_number(x); }
std::string fixed(double x, int digits) { return fixed_or_inf(x, digits); }

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error("cannot open '" + path + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> variable_names(const bayesian_network& net) {
  std::vector<std::string> names;
  for (var_id v = 0; v < net.size(); ++v) names.push_back(net.var(v).name());
  return names;
}

// The timeline file: `date,variable,state[,likelihood]`, one observation a row. Every bad
// row is an error naming its line and column; nothing is skipped.
std::vector<analysis::timeline_entry> read_timeline(const bayesian_network& net, const std::string& path,
                                                    std::vector<std::size_t>& lines) {
  const auto records = augury::detail::parse_csv(read_text(path), path);
  if (records.empty()) throw parse_error(path, 1, 0, "empty timeline: expected a header date,variable,state");
  const augury::detail::csv_header header(records.front(), path);
  header.require({"date", "variable", "state"}, {"likelihood"});
  const bool has_likelihood = header.find("likelihood") != augury::detail::csv_header::npos;
  std::vector<analysis::timeline_entry> out;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    const auto fail = [&](const std::string& column, const std::string& what) {
      throw parse_error(path, rec.line, 0, "column '" + column + "': " + what);
    };
    if (rec.fields.size() != header.size())
      throw parse_error(path, rec.line, 0,
                        "the row has " + std::to_string(rec.fields.size()) + " fields; the header has " +
                            std::to_string(header.size()));
    analysis::timeline_entry e;
    e.date = augury::detail::trim(header.field(rec, "date"));
    if (!is_iso_date(e.date)) fail("date", "'" + e.date + "' is not a calendar date YYYY-MM-DD");
    const std::string name = augury::detail::trim(header.field(rec, "variable"));
    const auto v = net.find(name);
    if (!v)
      fail("variable", "no variable '" + name + "' (variables: " + augury::detail::join(variable_names(net)) + ")");
    e.variable = *v;
    const variable& var = net.var(*v);
    const std::string state = augury::detail::trim(header.field(rec, "state"));
    if (!state.empty()) {
      const auto s = var.find_state(state);
      if (!s)
        fail("state", "variable '" + var.name() + "' has no state '" + state +
                          "' (states: " + augury::detail::join(var.states()) + ")");
      e.state = *s;
    }
    const std::string lik = has_likelihood ? augury::detail::trim(header.field(rec, "likelihood")) : "";
    if (!lik.empty()) {
      std::vector<std::string> parts;
      std::size_t start = 0;
      while (true) {
        const auto semi = lik.find(';', start);
        parts.push_back(augury::detail::trim(lik.substr(start, semi == std::string::npos ? semi : semi - start)));
        if (semi == std::string::npos) break;
        start = semi + 1;
      }
      if (parts.size() != var.cardinality())
        fail("likelihood", "'" + lik + "' has " + std::to_string(parts.size()) + " values; '" + var.name() +
                               "' has " + std::to_string(var.cardinality()) + " states (" +
                               augury::detail::join(var.states()) + "), separated by ';'");
      bool positive = false;
      for (const auto& p : parts) {
        std::size_t used = 0;
        double x = 0.0;
        try {
          x = std::stod(p, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (p.empty() || used != p.size() || !std::isfinite(x) || x < 0.0)
          fail("likelihood", "'" + p + "' is not a finite non-negative number");
        positive = positive || x > 0.0;
        e.likelihood.push_back(x);
      }
      if (!positive) fail("likelihood", "all values are zero: the finding would be impossible");
    }
    if (!e.state && e.likelihood.empty())
      fail("state", "empty state and no likelihood: the row neither observes nor applies anything (states of '" +
                        var.name() + "': " + augury::detail::join(var.states()) + ")");
    e.label = "line " + std::to_string(rec.line) + ": " + var.name() +
              (e.state ? "=" + var.state(*e.state) : std::string(" (likelihood)"));
    out.push_back(std::move(e));
    lines.push_back(rec.line);
  }
  return out;
}

// The shipped timeline as back-test entries on the default model: each report is applied
// through its graded likelihood and scored against the indicator state it names.
// Rows the timeline reader rejected are listed in the output, as `augury forecast` does.
std::vector<analysis::timeline_entry> shipped_entries(const bayesian_network& net, std::vector<std::size_t>& lines,
                                                      std::vector<rejected_row>& rejected) {
  const report_batch batch = shipped_timeline();
  rejected = batch.rejected;
  std::vector<analysis::timeline_entry> out;
  for (const auto& r : batch.reports) {
    analysis::timeline_entry e;
    e.date = r.date;
    e.variable = net.id(r.indicator);
    if (!r.state.empty()) e.state = net.var(e.variable).state_index(r.state);
    e.likelihood = report_likelihood(net, r);
    e.label = r.indicator + (r.state.empty() ? std::string(" (likelihood)") : "=" + r.state) +
              (r.source.empty() ? "" : " (" + r.source + ")");
    out.push_back(std::move(e));
    lines.push_back(r.line);
  }
  return out;
}

int run_backtest(const backtest_command_options& o, std::ostream& out) {
  if (o.network_path.empty() != o.timeline_path.empty())
    throw error("give both NETWORK and TIMELINE.csv, or neither (the default model on the shipped timeline)");
  const bool shipped = o.network_path.empty();
  io::read_options read;
  read.sum_tolerance = o.sum_tolerance;
  const bayesian_network net = shipped ? default_scenario_network() : io::read_model(o.network_path, read);
  net.validate();
  const std::string timeline_name = shipped ? "the shipped timeline" : o.timeline_path;
  analysis::backtest_options bo;
  add_hard_evidence(net, o.evidence, bo.background);
  for (const auto& item : o.likelihoods) add_likelihood_evidence(net, item, bo.background);
  bo.bins = o.bins;
  std::vector<std::size_t> lines;
  std::vector<rejected_row> rejected;
  const auto timeline = shipped ? shipped_entries(net, lines, rejected) : read_timeline(net, o.timeline_path, lines);
  const auto r = analysis::backtest(net, timeline, bo);

  json j;
  j["network"] = net.name();
  j["timeline"] = timeline_name;
  j["background"] = bo.background.describe(net);
  j["entries"] = timeline.size();
  j["scored"] = json::array();
  std::ostringstream text;
  text << "network: " << (net.name().empty() ? o.network_path : net.name()) << " (" << net.size()
       << " variables)\n";
  text << "timeline: " << timeline_name << " (" << timeline.size() << " entries, " << r.scored.size()
       << " scored)\n";
  text << "background evidence: " << bo.background.describe(net) << "\n";
  if (shipped) {
    j["rejected"] = json::array();
    for (const auto& r : rejected) j["rejected"].push_back({{"line", r.line}, {"reason", r.reason}});
    if (!rejected.empty()) {
      text << "rejected rows of the shipped timeline (not used):\n";
      for (const auto& r : rejected) text << "  line " << r.line << ": " << r.reason << "\n";
    }
  }
  text << "\n";
  text_table t({"date", "variable", "observed", "forecast", "Brier", "log loss"}, "lllrrr");
  for (const auto& s : r.scored) {
    const variable& var = net.var(s.variable);
    json js;
    js["line"] = lines[s.entry];
    js["date"] = s.date;
    js["variable"] = var.name();
    js["state"] = var.state(s.outcome);
    json f = json::object();
    for (std::size_t k = 0; k < s.forecast.size(); ++k) f[var.state(k)] = number(s.forecast[k]);
    js["forecast"] = f;
    js["forecast_of_outcome"] = number(s.forecast[s.outcome]);
    js["brier"] = number(s.brier);
    js["log_loss"] = number(s.log_loss);
    js["ignorance"] = number(s.ignorance);
    j["scored"].push_back(js);
    t.add_row({s.date, var.name(), var.state(s.outcome), fixed(s.forecast[s.outcome], 6), fixed(s.brier, 6),
               fixed(s.log_loss, 6)});
  }
  if (r.scored.empty()) text << "(no entry names an observed state: nothing to score)\n";
  else t.print(text);

  json& jsum = j["summary"];
  jsum["count"] = r.summary.count;
  jsum["brier"] = number(r.summary.brier);
  jsum["log_loss"] = number(r.summary.log_loss);
  jsum["ignorance"] = number(r.summary.ignorance);
  jsum["zero_probability_outcomes"] = r.summary.zero_probability_outcomes;
  text << "\nmean over " << r.summary.count << " forecasts: Brier " << fixed(r.summary.brier, 6) << ", log loss "
       << fixed(r.summary.log_loss, 6) << " nats, ignorance " << fixed(r.summary.ignorance, 6) << " bits\n";
  if (r.summary.zero_probability_outcomes > 0)
    text << "(" << r.summary.zero_probability_outcomes
         << " observed states had forecast probability 0: infinite log loss)\n";

  write_calibration(r.calibration, "Calibration (every state's forecast is one binary forecast)", j, text);

  const std::string result = o.format == "json" ? j.dump(1) + "\n" : text.str();
  write_result(out, o.output_path, result);
  return 0;
}

}  // namespace

command_runner add_backtest_command(CLI::App& app) {
  auto o = std::make_shared<backtest_command_options>();
  auto* sub = app.add_subcommand(
      "backtest", "Score a network's forecasts against a dated timeline of observations (Brier, log loss)");
  sub->add_option("network", o->network_path,
                  "Network file (" + io::supported_model_extensions() +
                      "); without NETWORK and TIMELINE.csv: the default model on the shipped timeline");
  sub->add_option("timeline", o->timeline_path,
                  "CSV with columns date,variable,state and optionally likelihood (';'-separated, state order)");
  sub->add_option("-e,--evidence", o->evidence, "Background hard evidence VAR=STATE, comma-separated (repeatable)");
  sub->add_option("-l,--likelihood", o->likelihoods,
                  "Background likelihood evidence VAR=l1,l2,... in state order (repeatable)");
  sub->add_option("--bins", o->bins, "Bins of the calibration table")->check(CLI::PositiveNumber);
  sub->add_option("--format", o->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("-o,--output", o->output_path, "Write the output to this file (default: standard output)");
  sub->add_option("--sum-tolerance", o->sum_tolerance,
                  "Largest |sum - 1| accepted for a conditional distribution of the network file")
      ->check(CLI::NonNegativeNumber);
  return [o](std::ostream& out) { return run_backtest(*o, out); };
}

}  // namespace augury::cli
