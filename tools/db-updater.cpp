#include "tools/commands.hpp"
#include "tools/control_client.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

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
    // A word that names no command reads better than "a subcommand is
    // required"; it is looked for below the deepest command given.
    CLI::App* at = &app;
    std::string path = "db-updater";
    while (!at->get_subcommands().empty()) {
      at = at->get_subcommands().front();
      path += " " + at->get_name();
    }
    auto rest = app.remaining(true);
    auto commands = at->get_subcommands({});
    std::string names;
    for (auto* sub : commands)
      names.append(names.empty() ? "" : ", ").append(sub->get_name());
    if (!commands.empty() && rest.empty()
        && dynamic_cast<const CLI::RequiredError*>(&e)) {
      std::fprintf(stderr,
                   "%s: a command is needed, one of %s\nRun with --help "
                   "for more information.\n",
                   path.c_str(), names.c_str());
      return 2;
    }
    if (!commands.empty() && !rest.empty()
        && rest.front().rfind('-', 0) != 0) {
      std::fprintf(stderr,
                   "%s: unknown command '%s'; the commands are %s\nRun "
                   "with --help for more information.\n",
                   path.c_str(), rest.front().c_str(), names.c_str());
      return 2;
    }
    if (!commands.empty() && !rest.empty()) {
      std::fprintf(stderr, "%s: unknown option '%s'\nRun with --help "
                           "for more information.\n",
                   path.c_str(), rest.front().c_str());
      return 2;
    }
    auto rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return status;
}
