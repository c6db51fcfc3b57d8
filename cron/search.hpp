#pragma once

// The wall-clock search behind `next_fire`, declared apart so that tests can
// check how much work it does.

#include "cron/schedule.hpp"

#include <date/date.h>

#include <cstddef>
#include <optional>

namespace dbu::cron::detail {

/// Finds the first wall-clock time in `[from, limit)` that matches `sets`.
/// Skips months that do not match and, within a day, hours and minutes that
/// do not match, so that it visits each candidate day once at most.
/// @param sets the allowed values.
/// @param from the first wall-clock time to consider.
/// @param limit the end of the search, excluded.
/// @param days_visited if not null, incremented for each day looked at.
/// @returns the match, or nothing when there is none before `limit`.
std::optional<date::local_seconds>
next_match(const field_sets& sets, date::local_seconds from,
           date::local_seconds limit, std::size_t* days_visited = nullptr);

} // namespace dbu::cron::detail
