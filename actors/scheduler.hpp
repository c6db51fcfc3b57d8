#pragma once

#include "actors/actors.hpp"
#include "config/config.hpp"
#include "cron/schedule.hpp"

#include <caf/typed_response_promise.hpp>

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace date {
class time_zone;
} // namespace date

namespace dbu {

/// A fire or request waiting for a free slot, or for an updater.
struct queued_run {
  uint64_t index;
  run_request request;
  /// Receives the result.
  std::function<void(run_result)> done;
};

/// One job as the scheduler sees it.
struct scheduled_job {
  std::string tenant_id;
  std::string updater;
  cron::schedule schedule;
  const date::time_zone* zone = nullptr;
  bool enabled = true;
  updater_actor actor;
  /// The armed fire; the epoch when none.
  caf::timestamp next_fire;
  /// Tells the current timer from stale ones after a re-arm.
  uint64_t generation = 0;
  /// Whether a run of the job is in flight or waiting in the queue.
  bool busy = false;
  /// The run the updater has; it ends when the updater answers or dies.
  std::optional<queued_run> current;
  /// Numbers the job's runs, so that a late answer or timer of an earlier
  /// run finds it over.
  uint64_t serial = 0;
  /// Whether the updater died and its replacement has not come yet.
  bool down = false;
  /// A run that waits for the replacement of a dead updater.
  std::optional<queued_run> parked;
};

/// @returns the wall clock's time; tests drive one of their own.
using wall_clock = std::function<caf::timestamp()>;

struct scheduler_state {
  static inline const char* name = "scheduler";
  std::vector<scheduled_job> jobs;
  execution_config limits;
  registry_actor registry;
  db_writer_actor db;
  /// Whether fires start runs; `stop` pauses, `start` resumes.
  bool scheduling = true;
  /// Whether every run is a dry run (`--dry-run`).
  bool dry_run = false;
  /// Whether the daemon is stopping: runs not started yet never start.
  bool stopping = false;
  uint64_t in_flight = 0;
  std::deque<queued_run> queue;
  uint64_t skipped_overlap = 0;
  uint64_t rejected = 0;
  /// Answered when the last run in flight ends.
  std::vector<caf::typed_response_promise<uint64_t>> drains;
  wall_clock now;
};

/// @param jobs Every job, with its updater actor.
/// @param limits The concurrency gate and the run timeout.
/// @param scheduling Whether to arm timers now.
/// @param dry_run Whether every run rolls back.
/// @param now The wall clock fires are computed on; the system's when
/// empty.
scheduler_actor::behavior_type
scheduler(scheduler_actor::stateful_pointer<scheduler_state> self,
          std::vector<scheduled_job> jobs, execution_config limits,
          registry_actor registry, db_writer_actor db, bool scheduling,
          bool dry_run, wall_clock now);

} // namespace dbu
