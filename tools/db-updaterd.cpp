#include "tools/daemon.hpp"

#include "cron/instant.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdio>
#include <limits>

int main(int argc, char** argv) {
  // Flags win over the file and the environment (see README).
  dbu::run_options opts;
  CLI::App app{"db-updaterd: keeps CRM tenants alive with realistic "
               "activity, on CRON schedules"};
  std::string config_file;
  std::string log_level;
  uint64_t seed = 0;
  std::string at;
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
  auto once = app.add_flag(
    "--once", opts.once,
    "run every enabled updater once, then exit (1 if any failed)");
  // The ledger keeps a seed as a signed 64-bit number.
  auto seed_option
    = app
        .add_option("--seed", seed,
                    "seed of every run and of the tenants' starting data, "
                    "for reproducible data (default: fresh ones)")
        ->check(CLI::Range(uint64_t{0},
                           uint64_t{std::numeric_limits<int64_t>::max()}));
  app.add_option("--at", at,
                 "fire time of the --once runs, ISO-8601 with offset "
                 "(default: now)")
    ->needs(once);
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
  if (seed_option->count() > 0)
    opts.seed = seed;
  if (!at.empty()) {
    auto instant = dbu::cron::parse_instant(at);
    if (!instant) {
      std::fprintf(stderr, "db-updaterd: --at: %s\n",
                   dbu::render(instant.error()).c_str());
      return 2;
    }
    opts.at = std::chrono::floor<std::chrono::seconds>(*instant);
  }
  opts.schedule = !no_schedule;
  opts.migrate = !no_migrate;
  return dbu::tools::run_daemon(opts);
}
