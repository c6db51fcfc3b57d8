#pragma once

#include "actors/actors.hpp"
#include "generators/updater.hpp"

#include <caf/timespan.hpp>

#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>

namespace date {
class time_zone;
} // namespace date

namespace dbu {

/// What an updater actor is built from; kept by the supervisor so that a
/// restarted actor gets the same.
struct updater_spec {
  std::string tenant_id;
  std::string customer_id;
  const date::time_zone* zone = nullptr;
  /// Where the tenant's leads mostly are; anywhere when null.
  std::shared_ptr<const gen::home_region> region;
  const gen::updater_kind* kind = nullptr;
  std::shared_ptr<const gen::generator> generator;
  /// Names this daemon in the ledger.
  std::string instance;
  /// The seed of every run (`--seed`); none draws a fresh one per run.
  std::optional<uint64_t> seed;
  /// A run still going after this long fails (`executionTimeoutSeconds`):
  /// the database cancels its writing, and no retry starts past it.
  caf::timespan timeout = std::chrono::seconds{300};
  /// Attempts of a run that meets an unreachable database.
  int attempts = 3;
  /// The delay before the first retry; doubles with every further one.
  caf::timespan retry_delay = std::chrono::seconds{1};
};

/// A run in progress; see updater.cpp.
struct run_job;

struct updater_state {
  static inline const char* name = "updater";
  updater_spec spec;
  /// Runs waiting for a retry, by run id.
  std::map<std::string, std::shared_ptr<run_job>> waiting;
  db_writer_actor db;
};

/// @param spec What to generate for whom.
/// @param db The db-writer that loads context and writes.
updater_actor::behavior_type
updater(updater_actor::stateful_pointer<updater_state> self, updater_spec spec,
        db_writer_actor db);

/// @returns this thread's random engine for run ids and fresh seeds,
/// seeded from the system's entropy.
std::mt19937_64& thread_rng();

/// @returns a random uuid (version 4) in canonical form.
std::string make_uuid(std::mt19937_64& rng);

} // namespace dbu
