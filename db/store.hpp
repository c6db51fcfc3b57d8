#pragma once

#include "config/config.hpp"
#include "generators/context.hpp"
#include "generators/rows.hpp"
#include "generators/updater.hpp"
#include "messages/ec.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// libpqxx 6.4 declares its connection as an alias of a template.
namespace pqxx {
class connect_direct;
template <typename ConnectPolicy>
class basic_connection_base;
using connection = basic_connection_base<connect_direct>;
} // namespace pqxx

namespace dbu::db {

/// How a run was started; the `trigger` column of `updater_runs`.
enum class trigger { schedule, manual, test, backfill };

/// @returns the column text of `x`.
const char* to_string(trigger x);

/// The ledger entry of one run, as known before it writes.
struct run_entry {
  /// The run's uuid; every row it writes carries it.
  std::string run_id;
  std::string tenant_id;
  std::string updater;
  trigger how = trigger::manual;
  /// The instant the run's rows are drawn from: the scheduled fire (always
  /// set for `trigger::schedule`), or when another run was asked for.
  std::optional<std::chrono::sys_seconds> fire_time;
  /// The daemon instance that runs it.
  std::string instance;
  uint64_t seed = 0;
  std::chrono::system_clock::time_point started_at;
  /// The server cancels the run's writing past this instant, which then
  /// fails with `ec::timeout`; none for no limit.
  std::optional<std::chrono::system_clock::time_point> deadline;
};

/// What a committed (or, in a dry run, rolled back) run wrote.
struct write_result {
  /// Rows per table.
  std::map<std::string, int64_t> rows;
  std::chrono::system_clock::time_point finished_at;
};

/// A ledger row as read back from `updater_runs`.
struct run_record {
  std::string run_id;
  std::string updater;
  trigger how = trigger::manual;
  std::optional<std::chrono::sys_seconds> fire_time;
  std::string instance;
  /// `running`, `succeeded`, `failed` or `dry_run`.
  std::string status;
  /// Rows per table, from `rows_written`.
  std::map<std::string, int64_t> rows;
  std::optional<std::string> error;
  std::chrono::system_clock::time_point started_at;
  std::optional<std::chrono::system_clock::time_point> finished_at;
};

/// Which runs `store::purge` removes the rows of: one run by id, or the
/// runs that started before an instant, narrowed by updater; always within
/// `tenants` (row-level security shows one tenant at a time).
struct purge_filter {
  /// The tenants to look in.
  std::vector<std::string> tenants;
  /// One run; the only way to name a run of updater `seed`, whose rows
  /// (customer, fleet, first records) everything else rests on.
  std::optional<std::string> run_id;
  /// Runs that started before this instant.
  std::optional<std::chrono::system_clock::time_point> before;
  /// Only runs of this updater.
  std::optional<std::string> updater;
};

/// What a purge removed (or, in a dry run, would remove).
struct purge_summary {
  /// The runs whose rows went, as (tenant, run id), oldest first.
  std::vector<std::pair<std::string, std::string>> runs;
  /// Rows removed per table.
  std::map<std::string, int64_t> rows;
  /// Rows of other runs that refer to rows of these, per table: a purge
  /// that finds any removes nothing.
  std::map<std::string, int64_t> blocking;
  /// The runs that wrote the blocking rows, oldest first, at most ten.
  std::vector<std::string> blocking_runs;
  /// How many runs wrote the blocking rows, the ones not listed included.
  size_t blocking_run_count = 0;
  /// The runs among `runs` that an earlier purge emptied already.
  size_t purged_before = 0;
};

/// One PostgreSQL connection that reconnects on demand. Every call catches
/// libpqxx exceptions and returns them as `ec` errors: `db_unavailable`
/// when the server cannot be reached or the connection broke (the next
/// call reconnects), `duplicate_fire` when a scheduled fire was already
/// written, `db_error` for anything the server refused.
class store {
public:
  explicit store(std::string url);
  ~store();
  store(const store&) = delete;
  store& operator=(const store&) = delete;

  /// Connects if not connected and checks the server answers.
  /// @returns the round trip of a trivial query.
  caf::expected<std::chrono::microseconds> ping();

  /// Drops the connection (the next call reconnects).
  void disconnect();

  /// Tells whether row-level security binds the connecting role.
  /// @returns false for a superuser or a role with BYPASSRLS, which see and
  /// write every tenant's rows.
  caf::expected<bool> rls_applies();

  /// Applies the migrations of `dir` (`NNN_name.sql`) not yet recorded in
  /// `schema_migrations`, in order, each in its own transaction.
  /// @returns the names applied now.
  caf::expected<std::vector<std::string>> migrate(const std::string& dir);

  /// Creates each configured tenant, its customer and a small equipment
  /// fleet (plus a few leads) when missing; leaves existing ones alone.
  /// The rows are written as one `backfill` run of updater `seed` per
  /// tenant, recorded as started by `instance`, and drawn for `as_of`
  /// (`--once --at`), or for now when none.
  /// @returns the number of tenants seeded now.
  caf::expected<size_t>
  seed(const config& cfg, uint64_t seed, const std::string& instance = "seed",
       std::optional<std::chrono::sys_seconds> as_of = std::nullopt);

  /// Loads what a generator reads: the tenant's newest records, the
  /// customer's devices and the facts of `facts_query` (see
  /// `gen::updater_kind::facts_query`), as far as asked for. With a
  /// `deadline` (a run's), the server cancels the reading past it, which
  /// then fails with `timeout`.
  caf::expected<gen::context>
  load_context(const std::string& tenant_id, const std::string& customer_id,
               bool records, bool equipment, std::string_view facts_query = {},
               std::optional<std::chrono::system_clock::time_point> deadline
               = std::nullopt);

  /// Loads what a generator of `kind` reads, by `deadline` when given.
  caf::expected<gen::context>
  load_context(const std::string& tenant_id, const std::string& customer_id,
               const gen::updater_kind& kind,
               std::optional<std::chrono::system_clock::time_point> deadline
               = std::nullopt);

  /// Writes a run's rows and its ledger entry in one transaction. A
  /// scheduled fire that was already written fails with `duplicate_fire`
  /// and writes nothing. With `dry_run`, everything is checked against the
  /// real schema, then rolled back. A run with a deadline sets the
  /// transaction's `statement_timeout` and `lock_timeout` to the time left;
  /// a run out of time is rolled back and fails with `timeout`.
  caf::expected<write_result> write_run(const run_entry& run,
                                        const gen::batch& rows, bool dry_run);

  /// Records a run that failed before or while writing, with its error. A
  /// scheduled fire already in the ledger is left as it is.
  caf::expected<void> record_failure(const run_entry& run,
                                     const std::string& error);

  /// Removes every row the runs of `filter` wrote, in one transaction, and
  /// marks their ledger rows purged (the ledger keeps them). Fails with
  /// `bad_request`, removing nothing, when rows of other runs refer to
  /// rows it would remove. With `dry_run`, reports (blocking rows too)
  /// and rolls back.
  caf::expected<purge_summary> purge(const purge_filter& filter,
                                     bool dry_run);

  /// @returns the tenant's newest `limit` ledger rows, newest first.
  caf::expected<std::vector<run_record>>
  recent_runs(const std::string& tenant_id, size_t limit = 20);

private:
  caf::expected<pqxx::connection*> connection();

  /// Runs `step` on the connection (connecting first when needed) and turns
  /// every exception it throws into an `ec` error about `what`.
  caf::error attempt(std::string_view what,
                     const std::function<void(pqxx::connection&)>& step);

  std::string url_;
  std::unique_ptr<pqxx::connection> conn_;
};

} // namespace dbu::db
