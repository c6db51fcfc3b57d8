#include "tools/daemon.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>

int main(int argc, char** argv) {
  // Flags win over the file and the environment (see README).
  dbu::run_options opts;
  CLI::App app{"db-updaterd: keeps CRM tenants alive with realistic "
               "activity, on CRON schedules"};
  std::string config_file;
  std::string log_level;
  uint64_t seed = 0;
  bool no_schedule = false;
  bool no_migrate = false;
  bool version = false;
  app.add_option("-c,--config", config_file, "configuration file (JSON)")
    ->check(CLI::ExistingFile);
  app.add_flag("--dry-run", opts.dry_run,
               "check every run against the schema and roll it back");
  app.add_option("--log-level", log_level,
                 "trace, debug, info, warn, error or off");
  app.add_flag("--no-schedule", no_schedule,
               "start with scheduling paused (runs only on request)");
  app.add_flag("--once", opts.once,
               "run every enabled updater once, then exit (1 if any failed)");
  app.add_option("--seed", seed,
                 "seed of every run, for reproducible data (default: fresh)");
  app.add_flag("--no-migrate", no_migrate,
               "do not apply database migrations at start");
  app.add_flag("--version", version, "print the version and exit");
  app.footer("Example: db-updaterd --config config/db-updater.json "
             "--log-level debug");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (version) {
    std::printf("db-updaterd %s\n", DBU_VERSION);
    return 0;
  }
  // Fold the parsed values into the options.
  if (!config_file.empty())
    opts.config_file = config_file;
  if (!log_level.empty())
    opts.log_level = log_level;
  if (seed != 0)
    opts.seed = seed;
  opts.schedule = !no_schedule;
  opts.migrate = !no_migrate;
  return dbu::tools::run_daemon(opts);
}
