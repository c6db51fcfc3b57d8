#include "tools/commands.hpp"

#include <CLI/CLI.hpp>

namespace dbu::tools {

void add_sample_command(CLI::App& app, int& status) {
  app.add_subcommand("sample", "print generated rows as JSON lines")
    ->callback([&status] { status = 2; });
}

} // namespace dbu::tools
