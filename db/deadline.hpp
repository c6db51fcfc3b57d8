#pragma once

// Deadlines of runs: the server cancels a run's statements once its time
// is up. Internal to db/.

#include <caf/error.hpp>
#include <pqxx/except>
#include <pqxx/transaction_base>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dbu::db {

/// A run's deadline; none for no limit.
using deadline = std::optional<std::chrono::system_clock::time_point>;

/// @returns the whole milliseconds left before `at`, at least 1 while any
/// time is left and 0 when none is; none without a deadline.
std::optional<int64_t> millis_left(const deadline& at);

/// Lets the server cancel the statements of `tx` that would outlast `ms`
/// milliseconds, waiting for locks included (`statement_timeout` and
/// `lock_timeout`, for this transaction only).
void limit_time(pqxx::transaction_base& tx, int64_t ms);

/// @returns whether `e` is the server cancelling a statement that ran or
/// waited for a lock too long.
bool is_timeout(const pqxx::sql_error& e);

/// @returns the `timeout` error of `what` (e.g. "run R of U for tenant T"),
/// with the first line of what the server said.
caf::error out_of_time(const std::string& what, std::string_view why);

} // namespace dbu::db
