#pragma once

// Writes generated rows. Every table's rows go through here, so that the
// way values become SQL stays in one place.
// Bulk loading of history will need a COPY path (pqxx::tablewriter) beside
// the multi-row INSERT; it belongs here when backfill is built.

#include "generators/rows.hpp"
#include "messages/ec.hpp"

#include <pqxx/transaction_base>

#include <cstdint>
#include <map>
#include <string>

namespace dbu::db {

/// Checks that every table of `rows` has a name, columns, rows as wide as
/// its columns, and no `run_id` column of its own.
/// @returns an `ec::internal` error naming the first offence, or none.
caf::error check_batch(const gen::batch& rows);

/// @returns `v` as an SQL literal, escaped by `tx`'s connection.
std::string sql_literal(pqxx::transaction_base& tx, const gen::value& v);

/// Inserts every row of `rows` with a `run_id` column set to `run_id`, as
/// multi-row INSERT statements.
/// @returns rows inserted per table.
std::map<std::string, int64_t> insert_rows(pqxx::transaction_base& tx,
                                           const gen::batch& rows,
                                           const std::string& run_id);

} // namespace dbu::db
