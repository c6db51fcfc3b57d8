#include "tools/commands.hpp"
#include "tools/control_client.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"db-updater: control and inspect the db-updater daemon"};
  app.require_subcommand(1);
  int status = 0;
  dbu::tools::add_cron_command(app, status);
  dbu::tools::add_sample_command(app, status);
  dbu::tools::add_control_commands(app, status);
  dbu::tools::add_purge_command(app, status);
  dbu::tools::add_keygen_command(app, status);
  // Set last: subcommands made after it would inherit it.
  app.footer("Examples:\n"
             "  db-updater status\n"
             "  db-updater execute service_tickets --dry-run --json\n"
             "  db-updater cron '0 0 9-17/2 * * 1-5' --count 3\n\n"
             "db-updater COMMAND --help shows a command's arguments.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    auto rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return status;
}
