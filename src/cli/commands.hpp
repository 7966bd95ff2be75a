#pragma once
// The subcommands of the `augury` program. Each registers its options on a CLI11 app and
// returns the exit code when run; all output goes to the given stream.

#include <CLI/CLI.hpp>

#include <functional>
#include <iosfwd>

namespace augury::cli {

/// A registered subcommand: call it after parsing to run it.
using command_runner = std::function<int(std::ostream& out)>;

command_runner add_query_command(CLI::App& app);
command_runner add_forecast_command(CLI::App& app);
command_runner add_report_command(CLI::App& app);
command_runner add_export_command(CLI::App& app);
command_runner add_info_command(CLI::App& app);
command_runner add_convert_command(CLI::App& app);
command_runner add_uai_command(CLI::App& app);
command_runner add_analyze_command(CLI::App& app);
command_runner add_backtest_command(CLI::App& app);
command_runner add_score_command(CLI::App& app);

}  // namespace augury::cli
