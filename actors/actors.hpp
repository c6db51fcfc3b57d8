#pragma once

// Every actor interface of db-updater. Each actor has one header and one
// source beside this file: a `<role>_state` and a behaviour function.

#include "db/store.hpp"
#include "generators/context.hpp"
#include "generators/rows.hpp"
#include "generators/updater.hpp"
#include "messages/messages.hpp"

#include <caf/all.hpp>

#include <memory>
#include <string>
#include <vector>

// Local-only payloads between the updaters and the db-writers.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(dbu::gen::batch)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(dbu::gen::context)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(dbu::db::run_entry)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(dbu::db::write_result)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(dbu::db::purge_filter)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(dbu::db::purge_summary)
// A generator is built once and shared; only the local tree passes it.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<const dbu::gen::generator>)

namespace dbu {

/// Owns one PostgreSQL connection: loads generator context, writes runs,
/// records failures, reconnects with backoff while the server is away.
using db_writer_actor = caf::typed_actor<
  // Loads what the generator of an updater (the third string) reads for a
  // tenant and its customer, cancelled past the run's deadline (the epoch
  // for none).
  caf::replies_to<atom::context, std::string, std::string, std::string,
                  caf::timestamp>::with<gen::context>,
  // Writes rows and ledger entry of a run in one transaction (or checks
  // and rolls back when the flag says dry run); replies what was written.
  caf::replies_to<atom::write, db::run_entry, gen::batch,
                  bool>::with<db::write_result>,
  // Records a failed run; kept and retried while the database is away.
  caf::reacts_to<atom::failure, db::run_entry, std::string>,
  // Checks the database; replies with the round trip.
  caf::replies_to<atom::ping>::with<caf::timespan>,
  // Removes what the runs of a filter wrote, in one transaction (or
  // reports and rolls back when the flag says dry run).
  caf::replies_to<atom::purge, db::purge_filter,
                  bool>::with<db::purge_summary>,
  // Internal: tries to reconnect (delayed message to self).
  caf::reacts_to<atom::reconnect>>;

/// Runs one updater kind for one tenant: context, generation, write.
using updater_actor = caf::typed_actor<
  // Runs once; replies with the run's result (failed runs included).
  caf::replies_to<atom::execute, run_request>::with<run_result>,
  // Replaces the db-writer after the supervisor restarted it.
  caf::reacts_to<atom::updater, db_writer_actor>,
  // Takes a generator built from new settings; runs that start from now on
  // use it, runs in flight keep theirs.
  caf::reacts_to<atom::settings, std::shared_ptr<const gen::generator>>,
  // Internal: tries the run with this id again (delayed message to self).
  caf::reacts_to<atom::retry, std::string>>;

/// Knows every job and its numbers; reads for status and metrics.
using registry_actor = caf::typed_actor<
  // Records a job's next fire.
  caf::reacts_to<atom::next_fire, std::string, std::string, caf::timestamp>,
  // Records that a job's run started.
  caf::reacts_to<atom::start, std::string, std::string>,
  // Records a finished run.
  caf::reacts_to<atom::done, run_result>,
  // Counts a fire skipped because the job's previous run still went on.
  caf::reacts_to<atom::skipped, std::string, std::string>,
  // Replies with every job.
  caf::replies_to<atom::status>::with<std::vector<job_info>>,
  // Takes a job's new schedule and switch (from the job's `schedule` and
  // `enabled`).
  caf::reacts_to<atom::rearm, job_info>>;

/// Arms one timer per job and dispatches fires through the concurrency
/// gate: at most `maxConcurrentExecutions` runs, a bounded wait queue, no
/// overlap of a job with itself.
using scheduler_actor = caf::typed_actor<
  // Internal: the timer of job `index`, armed as generation `gen`.
  caf::reacts_to<atom::fire, uint64_t, uint64_t>,
  // Internal: the backstop timer of run `serial` of job `index`, which
  // warns when the run goes on past its timeout.
  caf::reacts_to<atom::overdue, uint64_t, uint64_t>,
  // Resumes scheduling; replies whether it was off.
  caf::replies_to<atom::start>::with<bool>,
  // Pauses scheduling (runs in flight finish); replies whether it was on.
  caf::replies_to<atom::stop>::with<bool>,
  // Runs one updater for every tenant that has it (or the given tenant,
  // when not empty) now, through the gate; replies with the results.
  caf::replies_to<atom::execute, std::string, std::string,
                  bool>::with<std::vector<run_result>>,
  // Runs every enabled job once, now, as fired at the given instant;
  // replies with the results.
  caf::replies_to<atom::once, caf::timestamp>::with<std::vector<run_result>>,
  // Replies with the gate's numbers and whether scheduling is on.
  caf::replies_to<atom::metrics>::with<daemon_numbers>,
  // Gives the named jobs a new schedule and switch and arms them afresh;
  // replies how many jobs it changed.
  caf::replies_to<atom::rearm, std::vector<job_info>>::with<uint64_t>,
  // Stops scheduling, drops the runs that wait (a request among them is
  // answered that its run did not start) and replies once no run is in
  // flight.
  caf::replies_to<atom::drain>::with<uint64_t>,
  // Replaces the updater of job `index` after a restart and starts the
  // run held for it while it was dead.
  caf::reacts_to<atom::updater, uint64_t, updater_actor>,
  // Replaces the db-writer after a restart.
  caf::reacts_to<atom::updater, db_writer_actor>>;

} // namespace dbu
