#pragma once

// Days and wall-clock times in a tenant's zone.

#include <date/tz.h>

#include <chrono>
#include <cstdint>

namespace dbu::gen {

/// The bit of a day mask that leaves out the days US offices close:
/// New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving
/// and the Friday after, Christmas Day (those on a weekend moved to the
/// Friday before or the Monday after, as offices observe them).
inline constexpr uint8_t closed_on_holidays = 0b0000'0001;

/// Day mask of the business days: Monday to Friday (bit d for ISO weekday
/// d), holidays left out.
inline constexpr uint8_t weekdays_mask = 0b0011'1110 | closed_on_holidays;

/// Day mask of every day.
inline constexpr uint8_t every_day_mask = 0b1111'1110;

/// @returns whether US offices close on `d` (see `closed_on_holidays`).
bool office_holiday(date::local_days d);

/// @returns `zone`, or UTC when null.
const date::time_zone* zone_or_utc(const date::time_zone* zone);

/// @returns whether `d` is one of the ISO weekdays in `mask`, and no
/// holiday when the mask leaves those out.
inline bool allowed_day(date::local_days d, uint8_t mask) {
  return ((mask >> date::weekday{d}.iso_encoding()) & 1u)
         && !((mask & closed_on_holidays) && office_holiday(d));
}

/// @returns the `n`th day of `mask` after `d` (before it if `n` < 0), or
/// `d` itself for 0. An empty mask counts every day.
date::local_days step_days(date::local_days d, int n, uint8_t mask);

/// @returns the first day of `mask` on or after `d`.
date::local_days first_day_from(date::local_days d, uint8_t mask);

/// @returns the last day of `mask` on or before `d`.
date::local_days last_day_until(date::local_days d, uint8_t mask);

/// @returns the instant of wall time `t` in `zone`; a time skipped by a
/// clock change maps to the change, a repeated one to its first pass.
inline std::chrono::sys_seconds to_sys(const date::time_zone* zone,
                                       date::local_seconds t) {
  return zone->to_sys(t, date::choose::earliest);
}

/// @returns the wall time of `t` in `zone`.
inline date::local_seconds to_local(const date::time_zone* zone,
                                    std::chrono::sys_seconds t) {
  return zone->to_local(t);
}

/// @returns the offset from UTC of `zone` at `t`.
inline std::chrono::seconds utc_offset(const date::time_zone* zone,
                                       std::chrono::sys_seconds t) {
  return zone->get_info(t).offset;
}

} // namespace dbu::gen
