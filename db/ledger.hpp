#pragma once

// The run ledger (`updater_runs`) and the tenant setting every transaction
// on tenant tables starts with. Internal to db/: callers catch what these
// throw.

#include "db/store.hpp"

#include <pqxx/transaction_base>

#include <chrono>
#include <map>
#include <string>

namespace dbu::db {

/// The unique index that lets each scheduled fire write once.
constexpr const char* ledger_fire_index = "updater_runs_one_per_fire";

/// Binds the transaction to one tenant for row-level security, like
/// `SET LOCAL app.tenant_id`.
void set_tenant(pqxx::transaction_base& tx, const std::string& tenant_id);

/// @returns `t` as an ISO-8601 UTC timestamp with microseconds.
std::string iso_utc(std::chrono::system_clock::time_point t);

/// @returns the fire time of `run` in ISO-8601 UTC, or "" when it has none.
std::string fire_text(const run_entry& run);

/// Inserts the ledger row of `run` with status `running`.
/// @returns false, writing nothing, when `run` is a scheduled fire that
/// already has a row, or a run whose own row is there (an earlier attempt
/// committed, though its connection was lost before it heard so); waits
/// for a concurrent writer of the same fire to finish before deciding.
bool insert_running(pqxx::transaction_base& tx, const run_entry& run);

/// Marks the ledger row of `run` finished with `status` and `rows`.
void finish_run(pqxx::transaction_base& tx, const run_entry& run,
                const std::string& status,
                const std::map<std::string, int64_t>& rows,
                std::chrono::system_clock::time_point finished_at);

/// Inserts a `failed` ledger row for `run`; a scheduled fire that already
/// has a row keeps it.
void insert_failed(pqxx::transaction_base& tx, const run_entry& run,
                   const std::string& error,
                   std::chrono::system_clock::time_point finished_at);

/// @returns the tenant's newest `limit` ledger rows, newest first.
std::vector<run_record> select_runs(pqxx::transaction_base& tx,
                                    const std::string& tenant_id,
                                    size_t limit);

} // namespace dbu::db
