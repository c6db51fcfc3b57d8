#include "cron/schedule.hpp"
#include "cron/search.hpp"

#include <bit>
#include <optional>

namespace dbu::cron {

namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

/// Wall-clock shifts are below two days (Samoa skipped one day in 2011), so
/// only the first two days of a period can repeat or skip wall times.
constexpr seconds longest_shift = hours{48};

/// @returns the lowest set bit of `bits` at or above `from`, or 64.
unsigned next_bit(uint64_t bits, unsigned from) {
  // Shift the lower bits out and count the zeros above them.
  if (from >= 64) return 64;
  auto rest = bits >> from;
  return rest == 0 ? 64 : from + static_cast<unsigned>(std::countr_zero(rest));
}

/// @returns the first allowed time of day at or after `h:m:s`, if any.
std::optional<seconds> next_time_of_day(const field_sets& sets, unsigned h,
                                        unsigned m, unsigned s) {
  // Try the allowed hours in order; a later hour starts at its minute 0.
  for (auto hour = next_bit(sets.hours, h); hour < 24;
       hour = next_bit(sets.hours, hour + 1)) {
    auto first_minute = hour == h ? m : 0;
    // Try the allowed minutes; a later minute starts at its second 0.
    for (auto minute = next_bit(sets.minutes, first_minute); minute < 60;
         minute = next_bit(sets.minutes, minute + 1)) {
      auto first_second = hour == h && minute == m ? s : 0;
      auto second = next_bit(sets.seconds, first_second);
      if (second < 60) return hours{hour} + minutes{minute} + seconds{second};
    }
  }
  return std::nullopt;
}

/// @returns whether a calendar day matches the day fields.
bool day_matches(const field_sets& sets, date::local_days day) {
  // Look the date up in both day fields and combine as cron does.
  auto ymd = date::year_month_day{day};
  auto weekday = date::weekday{day}.c_encoding();
  auto dom = (sets.days_of_month >> static_cast<unsigned>(ymd.day()) & 1) != 0;
  auto dow = (sets.days_of_week >> weekday & 1) != 0;
  return sets.days_match_both ? dom && dow : dom || dow;
}

/// @returns the first day of the next allowed month after that of `day`.
date::local_days next_month(const field_sets& sets, date::local_days day) {
  // Take a later month of the same year, or the first one of the next.
  auto ymd = date::year_month_day{day};
  auto month = next_bit(sets.months, static_cast<unsigned>(ymd.month()) + 1);
  auto year = ymd.year();
  if (month > 12) {
    month = next_bit(sets.months, 1);
    year += date::years{1};
  }
  return date::local_days{year / date::month{month} / 1};
}

/// @returns the next day after `day` that may match the day fields.
date::local_days next_day(const field_sets& sets, date::local_days day) {
  // When either field may match, any day may.
  if (!sets.days_match_both) return day + date::days{1};
  // Otherwise skip to the next allowed day of month, or past the month.
  auto ymd = date::year_month_day{day};
  auto last = (ymd.year() / ymd.month() / date::last).day();
  auto next =
      next_bit(sets.days_of_month, static_cast<unsigned>(ymd.day()) + 1);
  if (next > static_cast<unsigned>(last))
    return date::local_days{ymd.year() / ymd.month() / last} + date::days{1};
  return date::local_days{ymd.year() / ymd.month() / date::day{next}};
}

/// @returns the period of constant UTC offset around `t`; UTC for no zone.
date::sys_info period_at(const date::time_zone* zone, date::sys_seconds t) {
  // Without a zone, one period at offset 0 spans all time.
  if (zone != nullptr) return zone->get_info(t);
  date::sys_info utc;
  utc.begin = date::sys_days{date::year::min() / 1 / 1};
  utc.end = date::sys_days{date::year::max() / 12 / 31};
  utc.offset = seconds{0};
  utc.save = minutes{0};
  utc.abbrev = "UTC";
  return utc;
}

/// @returns the first fire in the period `info` at or after `t`, if any.
std::optional<date::sys_seconds> fire_in_period(const field_sets& sets,
                                                const date::time_zone* zone,
                                                const date::sys_info& info,
                                                date::sys_seconds t) {
  // Map the rest of the period onto the wall clock.
  auto wall = [&](date::sys_seconds x, seconds offset) {
    return date::local_seconds{x.time_since_epoch() + offset};
  };
  auto from = wall(t, info.offset);
  auto limit = wall(info.end, info.offset);
  // Fixed-time jobs look at the shift that opened the period.
  if (!sets.wildcard && t - info.begin < longest_shift) {
    auto before = period_at(zone, info.begin - seconds{1}).offset;
    // After a fall back, the repeated wall times already had their fire.
    if (before > info.offset) from = std::max(from, wall(info.begin, before));
    // After a spring forward, a fire due in the gap happens as it ends.
    if (before < info.offset && t == info.begin &&
        detail::next_match(sets, wall(info.begin, before),
                           wall(info.begin, info.offset)))
      return info.begin;
  }
  // Search the wall clock and map a match back to its instant.
  auto match = detail::next_match(sets, from, limit);
  if (!match) return std::nullopt;
  return date::sys_seconds{match->time_since_epoch() - info.offset};
}

} // namespace

namespace detail {

std::optional<date::local_seconds> next_match(const field_sets& sets,
                                              date::local_seconds from,
                                              date::local_seconds limit,
                                              std::size_t* days_visited) {
  // Split the start into its day and its time of day.
  auto day = date::floor<date::days>(from);
  auto time = date::hh_mm_ss<seconds>{from - day};
  auto h = static_cast<unsigned>(time.hours().count());
  auto m = static_cast<unsigned>(time.minutes().count());
  auto s = static_cast<unsigned>(time.seconds().count());
  // Visit candidate days; each day after the first starts at midnight.
  for (; day < limit; h = m = s = 0) {
    if (days_visited != nullptr) ++*days_visited;
    auto month = static_cast<unsigned>(date::year_month_day{day}.month());
    if ((sets.months >> month & 1) == 0) {
      day = next_month(sets, day);
      continue;
    }
    auto offset =
        day_matches(sets, day) ? next_time_of_day(sets, h, m, s) : std::nullopt;
    if (offset && day + *offset < limit) return day + *offset;
    if (offset) return std::nullopt;
    day = next_day(sets, day);
  }
  return std::nullopt;
}

} // namespace detail

std::chrono::sys_seconds
next_fire(const schedule& s, const date::time_zone* zone,
          std::chrono::system_clock::time_point after) {
  // Start at the first whole second strictly after `after`.
  auto t = date::floor<seconds>(after) + seconds{1};
  // Walk periods of constant offset; parsing ensured that one will fire.
  for (;;) {
    auto info = period_at(zone, t);
    if (auto fire = fire_in_period(s.sets(), zone, info, t)) return *fire;
    t = std::max(info.end, t + seconds{1});
  }
}

} // namespace dbu::cron
