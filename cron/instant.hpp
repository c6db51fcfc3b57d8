#pragma once

#include <caf/expected.hpp>
#include <date/tz.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dbu::cron {

/// Parses an ISO-8601 instant with a UTC offset, such as
/// `2024-03-10T03:00:00-04:00` or `2024-05-15T10:20:30.5Z`: a date, `T`,
/// a time with optional fractional seconds (up to nanoseconds), and `Z` or
/// `+hh:mm` / `-hh:mm`.
/// @param text the instant.
/// @returns the instant, or an `ec::bad_request` error saying what is wrong.
caf::expected<std::chrono::system_clock::time_point>
parse_instant(std::string_view text);

/// @returns `t` as a time point of the system clock, or nothing when the
/// clock (nanoseconds from 1970: from late 1677 to early 2262) cannot hold
/// it, rather than an instant centuries away.
std::optional<std::chrono::system_clock::time_point>
to_clock(std::chrono::sys_seconds t);

/// Formats an instant on the wall clock of a zone with its UTC offset, such
/// as `2024-03-10T03:00:00-04:00` (`+00:00` for UTC).
/// @param t the instant.
/// @param zone the zone; `nullptr` stands for UTC.
/// @returns the ISO-8601 text.
std::string format_instant(std::chrono::sys_seconds t,
                           const date::time_zone* zone);

} // namespace dbu::cron
