// `augury forecast [--reports FILE [--mapping FILE]] [--format text|json] [--trajectory]`:
// the default four-scenario model, prior and after a timeline of dated reports (the shipped
// real timeline unless --reports is given).

#include "commands.hpp"
#include "text_table.hpp"

#include <augury/error.hpp>
#include <augury/scenario/default_model.hpp>
#include <augury/scenario/forecast.hpp>
#include <augury/scenario/mapping.hpp>
#include <augury/scenario/report_csv.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

namespace augury::cli {
namespace {

struct forecast_options {
  std::string reports_path;
  std::string mapping_path;
  std::string format = "text";
  bool trajectory = false;
};

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error("cannot open '" + path + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The reports to forecast: the shipped timeline, a report CSV in the model's vocabulary,
// or a reporter's timeline mapped through --mapping.
report_batch load_reports(const forecast_options& o, const scenario_model& model,
                          std::string& description) {
  if (o.reports_path.empty()) {
    if (!o.mapping_path.empty())
      throw report_error("--mapping needs --reports (the timeline it maps)");
    description = "the shipped timeline (30 public events, October 2023 to June 2025)";
    return shipped_timeline();
  }
  description = o.reports_path;
  if (o.mapping_path.empty()) return read_report_csv(o.reports_path, model.network);
  const auto timeline = parse_reporter_timeline_csv(read_text_file(o.reports_path), o.reports_path);
  const auto mapping = parse_mapping_csv(read_text_file(o.mapping_path), o.mapping_path);
  return map_timeline(timeline, mapping, model.network);
}

nlohmann::ordered_json distribution(const std::vector<std::string>& states, const std::vector<double>& p) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < states.size(); ++i) j[states[i]] = p[i];
  return j;
}

nlohmann::ordered_json to_json(const forecast_result& f, const std::string& description) {
  nlohmann::ordered_json j;
  j["model"] = "china_russia_military_cooperation";
  j["reports"] = description;
  j["prior"] = {{"scenario", distribution(f.scenario_states, f.prior_scenario)},
                {"military_cooperation", distribution(f.cooperation_states, f.prior_cooperation)}};
  j["steps"] = nlohmann::ordered_json::array();
  for (const auto& s : f.steps) {
    nlohmann::ordered_json step;
    step["date"] = s.date;
    step["reports"] = nlohmann::ordered_json::array();
    for (const auto& r : s.reports) {
      nlohmann::ordered_json rj{{"indicator", r.indicator}, {"grade", r.grade}, {"source", r.source}, {"line", r.line}};
      if (!r.state.empty()) rj["state"] = r.state;
      else rj["likelihood"] = r.likelihood;
      step["reports"].push_back(rj);
    }
    step["scenario"] = distribution(f.scenario_states, s.scenario);
    step["military_cooperation"] = distribution(f.cooperation_states, s.cooperation);
    j["steps"].push_back(step);
  }
  const auto& last_s = f.steps.empty() ? f.prior_scenario : f.steps.back().scenario;
  const auto& last_c = f.steps.empty() ? f.prior_cooperation : f.steps.back().cooperation;
  j["final"] = {{"scenario", distribution(f.scenario_states, last_s)},
                {"military_cooperation", distribution(f.cooperation_states, last_c)}};
  j["rejected"] = nlohmann::ordered_json::array();
  for (const auto& r : f.rejected) j["rejected"].push_back({{"line", r.line}, {"reason", r.reason}});
  return j;
}

std::string percent(double p) { return format_fixed(100.0 * p, 1) + "%"; }

std::size_t count_reports(const forecast_result& f) {
  std::size_t n = 0;
  for (const auto& s : f.steps) n += s.reports.size();
  return n;
}

void print_text(std::ostream& out, const forecast_result& f, const std::string& description,
                bool trajectory) {
  const auto& last_s = f.steps.empty() ? f.prior_scenario : f.steps.back().scenario;
  const auto& last_c = f.steps.empty() ? f.prior_cooperation : f.steps.back().cooperation;
  const std::string after = f.steps.empty() ? "after (no reports)" : "after " + f.steps.back().date;

  out << "China-Russia military cooperation to about 2033: four scenarios\n";
  out << "Reports: " << description << "; " << count_reports(f) << " applied over " << f.steps.size()
      << " dates, " << f.rejected.size() << " rejected\n\n";
  text_table scenarios({"scenario", "prior", after, "change"}, "lrrr");
  for (std::size_t i = 0; i < f.scenario_states.size(); ++i) {
    const double d = 100.0 * (last_s[i] - f.prior_scenario[i]);
    scenarios.add_row({f.scenario_states[i], percent(f.prior_scenario[i]), percent(last_s[i]),
                       (d >= 0 ? "+" : "") + format_fixed(d, 1)});
  }
  scenarios.print(out);
  out << "\n";
  text_table cooperation({"military cooperation", "prior", after, "change"}, "lrrr");
  for (std::size_t i = 0; i < f.cooperation_states.size(); ++i) {
    const double d = 100.0 * (last_c[i] - f.prior_cooperation[i]);
    cooperation.add_row({f.cooperation_states[i], percent(f.prior_cooperation[i]), percent(last_c[i]),
                         (d >= 0 ? "+" : "") + format_fixed(d, 1)});
  }
  cooperation.print(out);

  if (trajectory && !f.steps.empty()) {
    out << "\nTrajectory (scenario probabilities after each date's reports)\n";
    std::vector<std::string> header{"date", "reports"};
    std::string align = "lr";
    for (const auto& s : f.scenario_states) {
      header.push_back(s);
      align += 'r';
    }
    header.push_back("leading cooperation level");
    align += 'l';
    text_table table(header, align);
    std::vector<std::string> prior_row{"prior", "0"};
    for (double p : f.prior_scenario) prior_row.push_back(percent(p));
    prior_row.push_back("");
    table.add_row(prior_row);
    for (const auto& s : f.steps) {
      std::vector<std::string> row{s.date, std::to_string(s.reports.size())};
      for (double p : s.scenario) row.push_back(percent(p));
      std::size_t best = 0;
      for (std::size_t i = 1; i < s.cooperation.size(); ++i)
        if (s.cooperation[i] > s.cooperation[best]) best = i;
      row.push_back(f.cooperation_states[best] + " (" + percent(s.cooperation[best]) + ")");
      table.add_row(row);
    }
    table.print(out);
  }
  if (!f.rejected.empty()) {
    out << "\nRejected rows (not applied):\n";
    for (const auto& r : f.rejected) out << "  line " << r.line << ": " << r.reason << "\n";
  }
}

int run_forecast(const forecast_options& o, std::ostream& out) {
  const scenario_model model = default_scenario_model();
  std::string description;
  const report_batch batch = load_reports(o, model, description);
  const forecast_result result = forecast(model, batch);
  if (o.format == "json") {
    out << to_json(result, description).dump(1) << "\n";
  } else {
    print_text(out, result, description, o.trajectory || !o.reports_path.empty());
  }
  return 0;
}

}  // namespace

command_runner add_forecast_command(CLI::App& app) {
  auto o = std::make_shared<forecast_options>();
  auto* sub = app.add_subcommand(
      "forecast", "Four-scenario forecast of China-Russia military cooperation over a timeline of reports");
  sub->add_option("-r,--reports", o->reports_path,
                  "Report CSV (date,indicator,state,likelihood,source,grade,summary); default: the shipped timeline");
  sub->add_option("-m,--mapping", o->mapping_path,
                  "Read --reports as a reporter's timeline and map it onto the model with this mapping CSV");
  sub->add_option("--format", o->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_flag("--trajectory", o->trajectory, "Also print the scenario probabilities after each date");
  return [o](std::ostream& out) { return run_forecast(*o, out); };
}

}  // namespace augury::cli
