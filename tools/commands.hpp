#pragma once

// The subcommands of the `db-updater` tool, one file pair each. Every
// `add_*_command` registers its subcommand on `app`; the subcommand's
// callback stores the process exit status in `status` (0 success, 1 the
// daemon answered with an error, 2 usage or input error, 3 unreachable).

namespace CLI {
class App;
} // namespace CLI

namespace dbu::tools {

/// `db-updater cron EXPR [--tz ZONE] [--after INSTANT] [--count N]`
void add_cron_command(CLI::App& app, int& status);

/// `db-updater sample UPDATER [--count N] [--seed S]`
void add_sample_command(CLI::App& app, int& status);

/// `db-updater purge (--run ID | --before INSTANT) [--tenant T]
/// [--updater U] [--dry-run]`, through the daemon.
void add_purge_command(CLI::App& app, int& status);

/// The subcommands that talk to a running daemon over its control socket:
/// `status`, `start`, `stop`, `execute`, `test`, `logs`, `metrics`,
/// `health`, `shutdown`, `config get`, `config set`; with the shared
/// options `--endpoint`, `--timeout`, `--json`, `--server-key` and `--key`.
void add_control_commands(CLI::App& app, int& status);

} // namespace dbu::tools
