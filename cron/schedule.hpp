#pragma once

#include <caf/expected.hpp>
#include <date/tz.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace dbu::cron {

/// The values a schedule allows, one bit per value.
struct field_sets {
  /// Seconds 0-59; five-field expressions allow second 0 only.
  uint64_t seconds = 1;
  /// Minutes 0-59.
  uint64_t minutes = 0;
  /// Hours 0-23.
  uint32_t hours = 0;
  /// Days of month 1-31; bit 0 is unused.
  uint32_t days_of_month = 0;
  /// Months 1-12; bit 0 is unused.
  uint16_t months = 0;
  /// Days of week 0-6, Sunday 0 (a 7 in the text is folded into 0).
  uint8_t days_of_week = 0;
  /// Whether a day must match both day fields (the text of either starts
  /// with `*`) rather than either of them.
  bool days_match_both = true;
  /// Whether the text of the second, minute or hour field starts with `*`.
  /// Wildcard jobs fire in both passes of a repeated wall time and not at
  /// all in skipped ones; fixed-time jobs fire once in either case.
  bool wildcard = true;

  friend bool operator==(const field_sets&, const field_sets&) = default;
};

/// A compiled CRON expression. Cheap to copy; keeps its source text.
class schedule {
public:
  /// Constructs the schedule of `* * * * *`, so that a default-constructed
  /// schedule is a valid one.
  schedule();

  /// @returns the text the schedule was parsed from.
  const std::string& text() const noexcept { return *text_; }

  /// @returns the values the schedule allows.
  const field_sets& sets() const noexcept { return sets_; }

  /// @returns whether the job is wildcard rather than fixed-time.
  bool wildcard() const noexcept { return sets_.wildcard; }

  friend bool operator==(const schedule& x, const schedule& y) {
    return x.sets_ == y.sets_ && *x.text_ == *y.text_;
  }

private:
  friend caf::expected<schedule> parse(std::string_view text);

  schedule(field_sets sets, std::string text);

  field_sets sets_;
  std::shared_ptr<const std::string> text_;
};

/// Parses a CRON expression: five fields (`min hour dom mon dow`, second 0),
/// six fields (seconds first), or one of the macros `@yearly @annually
/// @monthly @weekly @daily @midnight @hourly` in any case. Fields are
/// separated by blanks and tabs and hold lists of `*`, `a`, `a-b`, `*/n`
/// and `a-b/n`; `a/n` is rejected. Months and days of week also take the
/// names `jan`-`dec` and `sun`-`sat` in any case; a day-of-week range may
/// end in `sun` (`sat-sun`), meaning 7. Day of week 7 is Sunday.
/// @param text the expression.
/// @returns the schedule, or an `ec::invalid_cron` error whose message names
/// the field and the offending text. A schedule that can never fire (such
/// as `0 0 30 2 *`) is an error too.
caf::expected<schedule> parse(std::string_view text);

/// Computes the next fire of a schedule on the wall clock of a time zone.
/// @param s the schedule.
/// @param zone the zone whose wall clock the schedule follows; `nullptr`
/// stands for UTC.
/// @param after the instant to start from.
/// @returns the first fire strictly after `after`. A fire after the year
/// 2262, beyond a nanosecond `system_clock`, cannot be passed back as
/// `after`.
/// TODO(a toolchain with std::chrono::tzdb): date 3.0.1 reads no rule past
/// the last transition in the system tzdata (2037), so fires after 2037
/// keep the offset in force at the end of 2037.
std::chrono::sys_seconds next_fire(const schedule& s,
                                   const date::time_zone* zone,
                                   std::chrono::system_clock::time_point after);

/// Looks up an IANA time zone such as `Europe/Berlin`.
/// @param name the zone's name.
/// @returns the zone, or an `ec::unknown_timezone` error naming it.
caf::expected<const date::time_zone*> find_zone(std::string_view name);

} // namespace dbu::cron
