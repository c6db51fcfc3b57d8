#include "tools/commands.hpp"

#include <CLI/CLI.hpp>

namespace dbu::tools {

void add_cron_command(CLI::App& app, int& status) {
  app.add_subcommand("cron", "print the next fire times of a CRON expression")
    ->callback([&status] { status = 2; });
}

} // namespace dbu::tools
