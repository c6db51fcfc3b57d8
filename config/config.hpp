#pragma once

#include "config/problem.hpp"
#include "messages/ec.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbu {

/// The tenant configured when the configuration names none.
inline constexpr std::string_view default_tenant_id
  = "550e8400-e29b-41d4-a716-446655440000";

/// The customer of a tenant that names none.
inline constexpr std::string_view default_customer_id = "cust-1";

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
  /// Where most of the tenant's leads and its customer are (see
  /// `gen::validate_region`); null for anywhere in the country.
  nlohmann::json home_region;
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
  /// The ZeroMQ endpoint of the control socket, `tcp://...` or `ipc://...`.
  std::string endpoint = "tcp://127.0.0.1:5555";
  /// A folder of CurveZMQ keys: `server.key` (the server's secret key,
  /// Z85) and client public keys `admin/*.pub` (every command) and
  /// `read/*.pub` (status, metrics, health, logs, config.get); empty for
  /// no encryption and no client authentication.
  std::string keys_directory;
};

struct database_config {
  /// A `postgresql://` URL or a libpq `key=value` connection string.
  std::string url = "postgresql://localhost:5432/db_updater";
  /// Connections kept open to PostgreSQL.
  int pool_size = 2;
};

/// The effective configuration.
struct config {
  /// IANA time zone of the tenants that do not name theirs.
  std::string timezone = "UTC";
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
  /// The seed of every run and of the tenants' starting data; none draws
  /// fresh ones.
  std::optional<uint64_t> seed;
  /// The fire time of the `--once` runs; none for the time they start.
  std::optional<std::chrono::sys_seconds> at;
  std::optional<std::string> log_level;
};

/// @returns the built-in defaults in the file's shape, including the default
/// tenant with every updater.
nlohmann::json default_config_json();

/// Merges `user` (the shape of the file, any subset) over the defaults:
/// objects merge key by key, any other value replaces the default; a
/// distribution (a settings key ending in `Distribution`) replaces the
/// default as a whole, so categories it leaves out weigh nothing. When
/// `user` has `tenants`, those are the tenants; each is completed with the
/// tenant defaults (customer, the top-level time zone, every updater kind
/// with its default schedule and settings). Wrong types and unknown keys
/// are kept for `validate` to report.
/// @returns the complete configuration in the file's shape.
nlohmann::json normalize(const nlohmann::json& user);

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

/// @returns a lookup of the process environment.
env_lookup system_env();

/// Loads the configuration from its sources, later ones winning: built-in
/// defaults, the file of `opts.config_file`, the environment
/// (`DATABASE_URL`, `DATABASE_UPDATER_LOG_LEVEL`,
/// `DATABASE_UPDATER_TIMEZONE`) and `opts.log_level`. Empty variables count
/// as unset. @returns the configuration, an `ec::io_error` when the file
/// cannot be read, or an `ec::invalid_config` error listing every problem,
/// one per line; a problem with a value from the environment or a flag
/// names its source.
caf::expected<config> load_config(const run_options& opts,
                                  const env_lookup& env);

/// Applies a JSON merge patch (RFC 7386) to `current.json`, then completes
/// the result like a file (`normalize`) and validates it as a whole: `null`
/// removes a tenant or a distribution's category and resets an option to
/// its default. @returns the new configuration or an `ec::invalid_config`
/// error listing every problem; `current` is never changed.
caf::expected<config> apply_patch(const config& current,
                                  const nlohmann::json& patch);

/// @returns one line `PATH: MESSAGE` per problem, joined by newlines.
std::string describe(const problems& ps);

/// @returns the deepest nesting of arrays and objects in JSON `text` (1
/// for `{}`), counted without parsing; brackets inside strings do not
/// count. For text that is no JSON the count means nothing.
int json_nesting(std::string_view text);

/// Reads and parses a configuration file.
/// @returns its JSON object, an `ec::io_error` naming the file when it
/// cannot be read, or an `ec::invalid_config` error naming the file, line
/// and column when it is not a JSON object.
caf::expected<nlohmann::json> read_config_file(const std::string& path);

/// @returns `url` with its password replaced by `***`, for the URL form
/// (`postgresql://user:***@host/db`, `?password=***`) and the `key=value`
/// form (`password=***`).
std::string masked_url(std::string_view url);

/// @returns `c.json` with secrets (the password of the database URL) masked.
nlohmann::json masked(const config& c);

} // namespace dbu
