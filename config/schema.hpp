#pragma once

// The names, limits and allowed values of the configuration's options,
// shared by the defaults, the validation and the decoding. Internal to
// `config/`.

#include "config/config.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbu::cfg {

/// An inclusive range of an integer option.
struct int_range {
  int64_t min;
  int64_t max;
};

/// The allowed `execution.maxConcurrentExecutions`.
inline constexpr int_range max_concurrent_range{1, 1000};

/// The allowed `execution.queueCapacity`; 0 rejects every fire that finds
/// no free slot.
inline constexpr int_range queue_capacity_range{0, 1'000'000};

/// The allowed `execution.executionTimeoutSeconds`: up to one day.
inline constexpr int_range timeout_range{1, 86'400};

/// The allowed `logging.retentionDays`: up to ten years.
inline constexpr int_range retention_range{1, 3650};

/// The allowed `database.poolSize`.
inline constexpr int_range pool_size_range{1, 100};

/// The allowed `execution.misfirePolicy`.
inline constexpr std::array<std::string_view, 2> misfire_policies{
  "skip", "run_once"};

/// The allowed `logging.level`.
inline constexpr std::array<std::string_view, 6> log_levels{
  "trace", "debug", "info", "warn", "error", "off"};

/// The prefixes of a PostgreSQL URL.
inline constexpr std::array<std::string_view, 2> database_schemes{
  "postgresql://", "postgres://"};

/// The keys of an updater that are not generation settings.
inline constexpr std::array<std::string_view, 2> job_keys{"enabled",
                                                          "schedule"};

/// The key suffix of a distribution: a settings object of weights that a
/// user value replaces as a whole instead of merging into.
inline constexpr std::string_view distribution_suffix = "Distribution";

/// One `key=value` pair of a libpq connection string.
struct conninfo_pair {
  std::string_view key;
  /// Offsets of the value in the text, quotes included.
  size_t value_begin;
  size_t value_end;
};

/// @returns whether `url` starts with one of `database_schemes`.
bool is_database_url(std::string_view url);

/// @returns the pairs of a libpq `key=value` string, or nullopt when `text`
/// is not one (no pair, a key without `=`, an unclosed quote).
std::optional<std::vector<conninfo_pair>> parse_conninfo(std::string_view text);

/// @returns why libpq cannot read the connection string `text`, in words
/// that quote none of it (its password stays out), or empty when it can.
std::string libpq_problem(const std::string& text);

/// @returns the JSON pointer of `key` below `parent`, escaping `~` and `/`.
std::string pointer(std::string_view parent, std::string_view key);

/// @returns `v` as short JSON text for messages.
std::string show(const nlohmann::json& v);

/// @returns the updater object of the default schedule and settings of the
/// kind called `name`, or null for an unknown kind.
nlohmann::json updater_defaults(std::string_view name);

/// @returns a tenant of the defaults: the default customer, time zone
/// `zone` and every updater kind with its default schedule and settings.
nlohmann::json tenant_defaults(const std::string& zone);

/// @returns `tenant` merged over `defaults` (see `tenant_defaults`);
/// anything but an object is returned as is.
nlohmann::json complete_tenant(const nlohmann::json& tenant,
                               const nlohmann::json& defaults);

/// @returns the configuration of valid, complete JSON, which it keeps.
config decode(nlohmann::json effective);

/// @returns `c` in the file's shape.
nlohmann::json encode(const config& c);

} // namespace dbu::cfg
