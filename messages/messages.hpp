#pragma once

#include "messages/ec.hpp"

#include <caf/meta/type_name.hpp>
#include <caf/timestamp.hpp>
#include <caf/type_id.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace caf {
class actor_system_config;
} // namespace caf

// -- atoms --------------------------------------------------------------------

CAF_BEGIN_TYPE_ID_BLOCK(db_updater, caf::first_custom_type_id)

  CAF_ADD_ATOM(db_updater, dbu::atom, context, "context")
  CAF_ADD_ATOM(db_updater, dbu::atom, done, "done")
  CAF_ADD_ATOM(db_updater, dbu::atom, drain, "drain")
  CAF_ADD_ATOM(db_updater, dbu::atom, execute, "execute")
  CAF_ADD_ATOM(db_updater, dbu::atom, failure, "failure")
  CAF_ADD_ATOM(db_updater, dbu::atom, fire, "fire")
  CAF_ADD_ATOM(db_updater, dbu::atom, logs, "logs")
  CAF_ADD_ATOM(db_updater, dbu::atom, metrics, "metrics")
  CAF_ADD_ATOM(db_updater, dbu::atom, next_fire, "next_fire")
  CAF_ADD_ATOM(db_updater, dbu::atom, once, "once")
  CAF_ADD_ATOM(db_updater, dbu::atom, overdue, "overdue")
  CAF_ADD_ATOM(db_updater, dbu::atom, ping, "ping")
  CAF_ADD_ATOM(db_updater, dbu::atom, purge, "purge")
  CAF_ADD_ATOM(db_updater, dbu::atom, rearm, "rearm")
  CAF_ADD_ATOM(db_updater, dbu::atom, reconnect, "reconnect")
  CAF_ADD_ATOM(db_updater, dbu::atom, restart, "restart")
  CAF_ADD_ATOM(db_updater, dbu::atom, retention, "retention")
  CAF_ADD_ATOM(db_updater, dbu::atom, retry, "retry")
  CAF_ADD_ATOM(db_updater, dbu::atom, settings, "settings")
  CAF_ADD_ATOM(db_updater, dbu::atom, shutdown, "shutdown")
  CAF_ADD_ATOM(db_updater, dbu::atom, skipped, "skipped")
  CAF_ADD_ATOM(db_updater, dbu::atom, start, "start")
  CAF_ADD_ATOM(db_updater, dbu::atom, status, "status")
  CAF_ADD_ATOM(db_updater, dbu::atom, stop, "stop")
  CAF_ADD_ATOM(db_updater, dbu::atom, updater, "updater")
  CAF_ADD_ATOM(db_updater, dbu::atom, write, "write")

CAF_END_TYPE_ID_BLOCK(db_updater)

namespace dbu {

// -- runs ---------------------------------------------------------------------

/// How a run was started.
enum class run_trigger : uint8_t { schedule, manual, test, backfill };

/// @returns the ledger text of `x`.
const char* to_string(run_trigger x);

/// Where a run is, or how it ended.
enum class run_status : uint8_t {
  /// Generated and written; committed.
  succeeded,
  /// Generation or writing failed; nothing of the run was committed.
  failed,
  /// Checked against the schema and rolled back.
  dry_run,
  /// The fire was already written by this or another instance.
  duplicate,
};

/// @returns the snake_case text of `x`.
const char* to_string(run_status x);

/// Asks an updater to run once.
struct run_request {
  std::string tenant_id;
  std::string updater;
  run_trigger trigger = run_trigger::manual;
  /// The scheduled instant (for `schedule`) or the time the request came.
  caf::timestamp fire_time;
  bool dry_run = false;
  /// Fixed seed; 0 draws a fresh one.
  uint64_t seed = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, run_request& x) {
  return f(caf::meta::type_name("run_request"), x.tenant_id, x.updater,
           x.trigger, x.fire_time, x.dry_run, x.seed);
}

/// What a run did.
struct run_result {
  std::string run_id;
  std::string tenant_id;
  std::string updater;
  run_trigger trigger = run_trigger::manual;
  run_status status = run_status::failed;
  caf::timestamp fire_time;
  caf::timestamp started_at;
  caf::timespan duration{0};
  uint64_t seed = 0;
  /// Rows written (or, in a dry run, that would have been) per table.
  std::map<std::string, int64_t> rows;
  /// Why the run failed; empty otherwise.
  std::string error;
  /// The kind of failure, e.g. `db_unavailable`; `none` otherwise.
  ec code = ec::none;
  /// In a dry run: the rows as JSON lines.
  std::string preview;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, run_result& x) {
  return f(caf::meta::type_name("run_result"), x.run_id, x.tenant_id,
           x.updater, x.trigger, x.status, x.fire_time, x.started_at,
           x.duration, x.seed, x.rows, x.error, x.code, x.preview);
}

// -- jobs ---------------------------------------------------------------------

/// What the registry knows of one job (an updater for one tenant).
struct job_info {
  std::string tenant_id;
  std::string updater;
  std::string schedule;
  std::string timezone;
  bool enabled = true;
  bool running = false;
  /// The next fire; the epoch when none is armed.
  caf::timestamp next_fire;
  uint64_t runs = 0;
  uint64_t successes = 0;
  uint64_t failures = 0;
  /// Fires skipped because the previous run was still going.
  uint64_t skipped_overlap = 0;
  int64_t rows_written = 0;
  caf::timespan total_duration{0};
  /// The latest run; `run_id` is empty before the first.
  run_result last;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, job_info& x) {
  return f(caf::meta::type_name("job_info"), x.tenant_id, x.updater,
           x.schedule, x.timezone, x.enabled, x.running, x.next_fire, x.runs,
           x.successes, x.failures, x.skipped_overlap, x.rows_written,
           x.total_duration, x.last);
}

/// New generation settings of one job, from `config.set`.
struct job_settings {
  std::string tenant_id;
  std::string updater;
  /// The validated object under `updaters.<name>` without `enabled` and
  /// `schedule`, as JSON text.
  std::string settings;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, job_settings& x) {
  return f(caf::meta::type_name("job_settings"), x.tenant_id, x.updater,
           x.settings);
}

// -- the daemon ---------------------------------------------------------------

/// The daemon's own numbers, for `status` and `metrics`.
struct daemon_numbers {
  /// Whether fires start runs.
  bool scheduling = false;
  /// Children the supervisor restarted.
  uint64_t restarts = 0;
  uint64_t in_flight = 0;
  /// Runs waiting for a free slot.
  uint64_t queued = 0;
  /// Fires skipped because the job's previous run still went on.
  uint64_t skipped_overlap = 0;
  /// Runs refused because the wait queue was full.
  uint64_t rejected = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, daemon_numbers& x) {
  return f(caf::meta::type_name("daemon_numbers"), x.scheduling, x.restarts,
           x.in_flight, x.queued, x.skipped_overlap, x.rejected);
}

/// Registers every message type of db-updater with `cfg`.
void register_messages(caf::actor_system_config& cfg);

} // namespace dbu
