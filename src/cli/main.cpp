// The `augury` command-line program: forecasts with the default scenario model and queries
// any Bayesian network file.

#include "commands.hpp"

#include <augury/error.hpp>
#include <augury/version.hpp>

#include <CLI/CLI.hpp>

#include <iostream>
#include <vector>

int main(int argc, char** argv) {
  CLI::App app{"augury: Bayesian scenario forecasting and exact Bayesian-network inference"};
  app.set_version_flag("--version", std::string("augury ") + AUGURY_VERSION_STRING);
  app.require_subcommand(1);

  std::vector<std::pair<CLI::App*, augury::cli::command_runner>> commands;
  const auto add = [&](augury::cli::command_runner (*make)(CLI::App&)) {
    const std::size_t before = app.get_subcommands({}).size();
    auto runner = make(app);
    commands.emplace_back(app.get_subcommands({})[before], std::move(runner));
  };
  add(augury::cli::add_forecast_command);
  add(augury::cli::add_report_command);
  add(augury::cli::add_query_command);
  add(augury::cli::add_analyze_command);
  add(augury::cli::add_backtest_command);
  add(augury::cli::add_score_command);
  add(augury::cli::add_export_command);
  add(augury::cli::add_info_command);
  add(augury::cli::add_convert_command);
  add(augury::cli::add_uai_command);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    for (auto& [sub, run] : commands)
      if (sub->parsed()) return run(std::cout);
  } catch (const augury::error& e) {
    std::cerr << "augury: error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "augury: internal error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
