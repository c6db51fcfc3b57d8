#pragma once

#include "config/problem.hpp"
#include "messages/ec.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dbu {

/// One updater of one tenant: a job.
struct updater_config {
  /// The updater kind, e.g. `service_tickets`.
  std::string name;
  bool enabled = true;
  /// The CRON expression (five or six fields, or a macro).
  std::string schedule;
  /// Generation settings, validated by the updater kind.
  nlohmann::json settings;
};

struct tenant_config {
  /// The tenant's uuid.
  std::string id;
  std::string customer_id;
  /// IANA time zone the tenant's schedules and business hours use.
  std::string timezone;
  /// One entry per updater kind, in the order of `gen::updater_kinds()`.
  std::vector<updater_config> updaters;
};

struct execution_config {
  /// Runs in flight at once; further fires wait in the queue.
  int max_concurrent_executions = 4;
  /// Fires that may wait for a free slot; beyond it they are rejected.
  int queue_capacity = 1000;
  /// A run still going after this long is failed.
  int execution_timeout_seconds = 300;
  /// What happens to fires missed while the daemon was down: `skip` or
  /// `run_once`.
  std::string misfire_policy = "skip";
};

struct logging_config {
  /// trace, debug, info, warn, error or off.
  std::string level = "info";
  /// Folder of the daily files; empty for console only.
  std::string directory = "logs";
  /// Daily files older than this many days are deleted.
  int retention_days = 14;
};

struct control_config {
  std::string endpoint = "tcp://127.0.0.1:5555";
};

struct database_config {
  std::string url;
  int pool_size = 2;
};

/// The effective configuration.
struct config {
  std::vector<tenant_config> tenants;
  execution_config execution;
  logging_config logging;
  control_config control;
  database_config database;
  /// The effective configuration as JSON, in the file's shape.
  nlohmann::json json;
};

/// Run-time switches that only come from the command line.
struct run_options {
  std::optional<std::string> config_file;
  bool dry_run = false;
  bool schedule = true;
  bool once = false;
  bool migrate = true;
  std::optional<uint64_t> seed;
  std::optional<std::string> log_level;
};

/// @returns the built-in defaults in the file's shape, including the default
/// tenant with every updater.
nlohmann::json default_config_json();

/// Checks a complete configuration (defaults already merged in).
/// @returns every problem, each naming its JSON path, the bad value and
/// what is allowed; empty when valid.
problems validate(const nlohmann::json& effective);

/// Merges `user` (the shape of the file, any subset) over the defaults,
/// validates, and decodes. Tenants missing fields get the tenant defaults.
/// @returns the configuration or an `ec::invalid_config` error listing
/// every problem, one per line.
caf::expected<config> make_config(const nlohmann::json& user);

/// Reads a variable of the environment; returns nullopt when unset.
using env_lookup = std::function<std::optional<std::string>(const char*)>;

/// Loads the configuration from its sources, later ones winning: built-in
/// defaults, the file of `opts.config_file`, the environment
/// (`DATABASE_URL`, `DATABASE_UPDATER_LOG_LEVEL`,
/// `DATABASE_UPDATER_TIMEZONE`) and `opts.log_level`.
caf::expected<config> load_config(const run_options& opts,
                                  const env_lookup& env);

/// Applies a JSON merge patch (RFC 7386) to `current`, validated as a
/// whole. @returns the new configuration or an `ec::invalid_config` error
/// listing every problem; `current` is never changed.
caf::expected<config> apply_patch(const config& current,
                                  const nlohmann::json& patch);

/// @returns `c.json` with secrets (the password of the database URL) masked.
nlohmann::json masked(const config& c);

} // namespace dbu
