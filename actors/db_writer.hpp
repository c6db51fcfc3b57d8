#pragma once

#include "actors/actors.hpp"
#include "config/config.hpp"
#include "db/store.hpp"

#include <caf/timespan.hpp>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace dbu {

/// What a db-writer does each time it (re)connects, before any run.
struct db_prepare {
  /// Apply the migrations of `migrations_dir`.
  bool migrate = true;
  std::string migrations_dir;
  /// Create the configured tenants, customers and fleets when missing.
  bool seed_tenants = true;
  /// The tenants to seed, shared by every db-writer.
  std::shared_ptr<const config> cfg;
  uint64_t seed = 0;
  /// The daemon's instance id, recorded on the seed runs.
  std::string instance = "seed";
  /// The instant the seed rows are drawn for (`--once --at`); now when
  /// none, so that a run back in time finds a tenant as it was then.
  std::optional<std::chrono::sys_seconds> as_of;
};

struct db_writer_state {
  static inline const char* name = "db-writer";
  std::unique_ptr<db::store> store;
  /// Failed runs waiting for the database to come back.
  std::deque<std::pair<db::run_entry, std::string>> pending;
  db_prepare prepare;
  /// Whether the last call reached the server and the schema is ready.
  bool up = false;
  /// What keeps a reachable database from being ready (a migration or the
  /// seeding that failed); empty when it is ready or unreachable.
  std::string not_ready;
  /// Whether a reconnect attempt is scheduled.
  bool reconnecting = false;
  /// Reconnect attempts since the database went away.
  int attempts = 0;
  /// The delay before the next reconnect attempt.
  caf::timespan backoff{0};

  db_writer_state() = default;
  db_writer_state(const db_writer_state&) = delete;
  db_writer_state& operator=(const db_writer_state&) = delete;
  /// Names the failed runs that the ledger never got.
  ~db_writer_state();
};

/// Spawn detached: the database calls block.
/// @param url The libpq connection string.
/// @param prepare Migrations and seeding to run on every connect.
db_writer_actor::behavior_type
db_writer(db_writer_actor::stateful_pointer<db_writer_state> self,
          std::string url, db_prepare prepare);

} // namespace dbu
