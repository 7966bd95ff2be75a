// `augury report [--reports FILE [--mapping FILE]] [--grading FILE] [--format md|json]
// [-o FILE] ...`: the analyst's report on the default model (the shipped real timeline
// unless --reports is given): key judgments in numbers and words of estimative probability,
// credible intervals, trajectory, attribution, indicators to watch, sensitivity, conflict.

#include "commands.hpp"
#include "output.hpp"

#include <augury/error.hpp>
#include <augury/scenario/analyst_report.hpp>
#include <augury/scenario/default_model.hpp>
#include <augury/scenario/grading_io.hpp>
#include <augury/scenario/mapping.hpp>
#include <augury/scenario/report_csv.hpp>

#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>

namespace augury::cli {
namespace {

struct report_options {
  std::string reports_path;
  std::string mapping_path;
  std::string grading_path;
  std::string format = "md";
  std::string output_path;
  std::string vocabulary = "icd203";
  std::size_t samples = 200;
  double level = 0.9;
  double ess = 10.0;
  bool no_bands = false;
  std::uint64_t seed = 20240601;
  std::size_t permutations = 400;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw error("cannot open '" + path + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_report(const report_options& o, std::ostream& out) {
  const scenario_model model = default_scenario_model();
  analyst_report_options ro;
  if (!o.grading_path.empty()) ro.grading = read_grading_table(o.grading_path);
  report_batch batch;
  if (o.reports_path.empty()) {
    if (!o.mapping_path.empty()) throw report_error("--mapping needs --reports (the timeline it maps)");
    ro.reports_description = "the shipped timeline (public events, October 2023 to June 2025)";
    batch = shipped_timeline(ro.grading);
  } else if (o.mapping_path.empty()) {
    ro.reports_description = o.reports_path;
    batch = read_report_csv(o.reports_path, model.network);
  } else {
    ro.reports_description = o.reports_path + " mapped by " + o.mapping_path;
    const auto timeline = parse_reporter_timeline_csv(read_text(o.reports_path), o.reports_path);
    const auto mapping = parse_mapping_csv(read_text(o.mapping_path), o.mapping_path);
    batch = map_timeline(timeline, mapping, model.network, ro.grading);
  }
  ro.vocabulary = o.vocabulary == "alternative" ? estimative_vocabulary::alternative : estimative_vocabulary::icd203;
  ro.uncertainty_samples = o.samples;
  ro.credible_level = o.level;
  ro.default_equivalent_sample_size = o.ess;
  ro.trajectory_bands = !o.no_bands;
  ro.seed = o.seed;
  ro.shapley_permutations = o.permutations;

  const analyst_report report = make_analyst_report(model, batch, ro);
  const std::string text = o.format == "json" ? render_report_json(report) : render_report_markdown(report);
  write_result(out, o.output_path, text);
  return 0;
}

}  // namespace

command_runner add_report_command(CLI::App& app) {
  auto o = std::make_shared<report_options>();
  auto* sub = app.add_subcommand(
      "report",
      "Analyst's report on the four-scenario forecast: key judgments in words of estimative probability "
      "(ICD 203), credible intervals, trajectory, the reports that moved it, indicators to watch, "
      "sensitivity and conflict");
  sub->add_option("-r,--reports", o->reports_path,
                  "Report CSV (date,indicator,state,likelihood,source,grade, optional hit_rate,false_alarm_rate,"
                  "upstream,upstream_grade,copy_fidelity); default: the shipped timeline");
  sub->add_option("-m,--mapping", o->mapping_path,
                  "Read --reports as a reporter's timeline and map it onto the model with this mapping CSV");
  sub->add_option("-g,--grading", o->grading_path,
                  "Grading table (CSV code,weight or JSON) replacing the default grade weights");
  sub->add_option("--format", o->format, "Output: md (Markdown) or json")->check(CLI::IsMember({"md", "json"}));
  sub->add_option("-o,--output", o->output_path, "Write the report to this file (default: standard output)");
  sub->add_option("--vocabulary", o->vocabulary,
                  "Terms of estimative probability: icd203 (almost no chance ... almost certain) or alternative "
                  "(remote ... nearly certain)")
      ->check(CLI::IsMember({"icd203", "alternative"}));
  sub->add_option("--samples", o->samples,
                  "Sampled networks for the credible intervals (0: no intervals); default 200");
  sub->add_option("--level", o->level, "Level of the credible intervals; default 0.9")
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--ess", o->ess,
                  "Equivalent sample size of every table for the intervals; default 10")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--no-bands", o->no_bands, "Skip the credible bands of the trajectory (faster)");
  sub->add_option("--seed", o->seed, "Seed of the samplers; default 20240601");
  sub->add_option("--permutations", o->permutations,
                  "Random orders for the attribution when it is not exact; default 400");
  return [o](std::ostream& out) { return run_report(*o, out); };
}

}  // namespace augury::cli
