#pragma once

#include "actors/actors.hpp"
#include "actors/db_writer.hpp"
#include "actors/logger.hpp"
#include "actors/updater.hpp"
#include "config/config.hpp"

#include <caf/actor.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dbu {

/// Owns the actor tree: spawns every actor, restarts the ones that die.
using supervisor_actor = caf::typed_actor<
  // Runs every enabled job once, as fired at the given instant; replies
  // with the results.
  caf::replies_to<atom::once, caf::timestamp>::with<std::vector<run_result>>,
  // Runs one updater now (updater, tenant or empty, dry run).
  caf::replies_to<atom::execute, std::string, std::string,
                  bool>::with<std::vector<run_result>>,
  // Replies with every job and its numbers.
  caf::replies_to<atom::status>::with<std::vector<job_info>>,
  // Resumes scheduling; replies whether it was off.
  caf::replies_to<atom::start>::with<bool>,
  // Pauses scheduling (runs in flight finish); replies whether it was on.
  caf::replies_to<atom::stop>::with<bool>,
  // Replies with up to N newest log records at the level or above.
  caf::replies_to<atom::logs, uint64_t,
                  std::string>::with<std::vector<std::string>>,
  // Checks the database; replies with the round trip.
  caf::replies_to<atom::ping>::with<caf::timespan>,
  // Removes what the runs of a filter wrote (dry run: reports only).
  caf::replies_to<atom::purge, db::purge_filter,
                  bool>::with<db::purge_summary>,
  // Replies with the daemon's numbers (scheduler and restarts).
  caf::replies_to<atom::metrics>::with<daemon_numbers>,
  // Gives jobs a new schedule and switch; replies how many changed.
  caf::replies_to<atom::rearm, std::vector<job_info>>::with<uint64_t>,
  // Gives jobs new generation settings, used from their next run on;
  // replies how many changed, or changes none when one does not build.
  caf::replies_to<atom::settings, std::vector<job_settings>>::with<uint64_t>,
  // Stops scheduling, waits for runs in flight, then ends the tree;
  // replies when only the supervisor is left.
  caf::replies_to<atom::shutdown>::with<uint64_t>,
  // Internal: respawns the dead child with this ticket (delayed message).
  caf::reacts_to<atom::restart, uint64_t>>;

/// What the supervisor builds the tree from.
struct supervisor_spec {
  config cfg;
  run_options opts;
  /// Names this daemon in the ledger and in status.
  std::string instance;
  /// Restarts allowed within `restart_window` before the daemon gives up.
  int max_restarts = 5;
  std::chrono::seconds restart_window{60};
  /// Builds the generator of a job at start from its kind and settings;
  /// the kind's own `make` when empty. Tests put failing ones here.
  std::function<std::shared_ptr<const gen::generator>(
    const gen::updater_kind&, const nlohmann::json&)>
    make_generator;
};

/// A supervised actor and how to make it again.
struct child {
  enum kind_t { db_writer, updater, registry, scheduler, logger } kind;
  /// The job (for updaters) or pool slot (for db-writers).
  uint64_t index = 0;
  caf::actor handle;
};

struct supervisor_state {
  static inline const char* name = "supervisor";
  /// After the tree is built its configuration holds no tenants: they
  /// live on in `updaters`, `seeding` and the scheduler's jobs.
  supervisor_spec spec;
  /// What the db-writers seed: the tenants without their updaters.
  std::shared_ptr<const config> seeding;
  std::vector<child> children;
  /// Children that died and wait for their restart, by ticket.
  std::map<uint64_t, child> dead;
  uint64_t next_ticket = 0;
  std::vector<updater_spec> updaters;
  std::vector<db_writer_actor> writers;
  registry_actor registry;
  scheduler_actor scheduler;
  logger_actor logger;
  /// When recent restarts happened, oldest first.
  std::deque<std::chrono::steady_clock::time_point> restarts;
  uint64_t restart_count = 0;
  bool stopping = false;
};

supervisor_actor::behavior_type
supervisor(supervisor_actor::stateful_pointer<supervisor_state> self,
           supervisor_spec spec);

} // namespace dbu
