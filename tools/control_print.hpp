#pragma once

// How the daemon subcommands of `db-updater` print a result for a person:
// aligned tables and `key  value` lines, times on the job's wall clock with
// how far away they are, verdicts and statuses coloured on a terminal
// unless NO_COLOR is set. `--json` bypasses all of this.

#include <nlohmann/json.hpp>

#include <string>

namespace dbu::tools {

/// @returns `j` as plain text: strings without quotes, null as a dash,
/// Booleans as yes/no.
std::string text(const nlohmann::json& j);

/// Prints an object's fields as aligned `key  value` lines.
void print_fields(const nlohmann::json& obj);

/// Prints the result of `status`: the daemon, then one row per job with its
/// zone, next fire and last run.
void print_status(const nlohmann::json& res);

/// Prints the runs of `execute` or `test`, one row each, and the verdict
/// of `test`.
void print_runs(const nlohmann::json& res);

/// Prints the rows each dry run of `res` would have written, one JSON
/// object a line under the run's id.
void print_previews(const nlohmann::json& res);

/// Prints the result of `metrics`: the process numbers as `key  value`
/// lines, then one row per job.
void print_metrics(const nlohmann::json& res);

/// Prints the verdict of `health` and one line per check.
void print_health(const nlohmann::json& res);

} // namespace dbu::tools
