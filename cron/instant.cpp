#include "cron/instant.hpp"

#include "messages/ec.hpp"

#include <cstdio>
#include <cstdlib>

namespace dbu::cron {

namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::nanoseconds;
using std::chrono::seconds;

/// Reads a text from left to right.
class reader {
public:
  explicit reader(std::string_view text) : text_(text) {
    // nop
  }

  /// Reads exactly `n` decimal digits into `out`.
  bool number(size_t n, int& out) {
    out = 0;
    for (size_t i = 0; i < n; ++i, ++pos_) {
      if (pos_ >= text_.size() || !is_digit(text_[pos_])) return false;
      out = out * 10 + (text_[pos_] - '0');
    }
    return true;
  }

  /// Consumes the next character if it is one of `chars`.
  /// @returns the character, or 0 if there was none of them.
  char accept(std::string_view chars) {
    if (pos_ >= text_.size() || chars.find(text_[pos_]) == chars.npos) return 0;
    return text_[pos_++];
  }

  /// Reads a fraction of a second after its `.`, to nanoseconds.
  bool fraction(nanoseconds& out) {
    auto begin = pos_;
    int64_t scale = 100'000'000;
    out = nanoseconds{0};
    for (; pos_ < text_.size() && is_digit(text_[pos_]); ++pos_, scale /= 10)
      out += nanoseconds{(text_[pos_] - '0') * scale};
    return pos_ > begin;
  }

  bool done() const { return pos_ == text_.size(); }

private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  std::string_view text_;
  size_t pos_ = 0;
};

caf::error invalid_instant(std::string_view text, std::string_view why) {
  auto message = std::string{"invalid instant \""};
  message += text;
  message += "\": ";
  message += why;
  return make_error(ec::bad_request, std::move(message));
}

} // namespace

caf::expected<std::chrono::system_clock::time_point>
parse_instant(std::string_view text) {
  // Read date and time in their fixed layout.
  reader in{text};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  auto ok = in.number(4, year) && in.accept("-") && in.number(2, month) &&
            in.accept("-") && in.number(2, day) && in.accept("Tt") &&
            in.number(2, hour) && in.accept(":") && in.number(2, minute) &&
            in.accept(":") && in.number(2, second);
  // Read the optional fraction of a second.
  auto fraction = nanoseconds{0};
  if (ok && in.accept(".") != 0) ok = in.fraction(fraction);
  // Read the offset: `Z` or a sign, hours and minutes.
  auto offset = seconds{0};
  if (ok && in.accept("Zz") == 0) {
    auto sign = in.accept("+-");
    int offset_hours = 0, offset_minutes = 0;
    ok = sign != 0 && in.number(2, offset_hours) && in.accept(":") &&
         in.number(2, offset_minutes) && offset_hours < 24 &&
         offset_minutes < 60;
    offset = hours{offset_hours} + minutes{offset_minutes};
    if (sign == '-') offset = -offset;
  }
  if (!ok || !in.done())
    return invalid_instant(text, "expected an ISO-8601 instant with a UTC "
                                 "offset such as 2024-03-10T03:00:00-04:00");
  // Check the calendar and the clock.
  auto ymd = date::year{year} / month / day;
  if (!ymd.ok()) return invalid_instant(text, "no such date");
  if (hour > 23 || minute > 59 || second > 59)
    return invalid_instant(text, "no such time of day");
  // Combine the parts and undo the offset.
  auto t = date::sys_days{ymd} + hours{hour} + minutes{minute} +
           seconds{second} - offset;
  // The clock must hold it, its fraction of a second included.
  auto on_clock = to_clock(t);
  if (!on_clock || !to_clock(t + seconds{1}))
    return invalid_instant(text, "outside the years the clock holds "
                                 "(1678 to 2261)");
  return *on_clock + std::chrono::duration_cast<
                         std::chrono::system_clock::duration>(fraction);
}

std::optional<std::chrono::system_clock::time_point>
to_clock(std::chrono::sys_seconds t) {
  // The clock's range in whole seconds, compared before converting.
  using clock = std::chrono::system_clock;
  auto lo = std::chrono::ceil<seconds>(clock::time_point::min());
  auto hi = std::chrono::floor<seconds>(clock::time_point::max());
  if (t < lo || t > hi)
    return std::nullopt;
  return clock::time_point{t};
}

std::string format_instant(std::chrono::sys_seconds t,
                           const date::time_zone* zone) {
  // Find the offset in force at `t` and the wall-clock time it gives.
  auto offset = zone != nullptr ? zone->get_info(t).offset : seconds{0};
  auto local = date::local_seconds{t.time_since_epoch() + offset};
  auto day = date::floor<date::days>(local);
  auto ymd = date::year_month_day{day};
  auto time = date::hh_mm_ss<seconds>{local - day};
  // Write the offset as hours and minutes, with seconds only if it has any,
  // as some historical local mean times do.
  auto magnitude = std::abs(offset.count());
  char buffer[64];
  auto size = std::snprintf(
      buffer, sizeof(buffer), "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d",
      static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
      static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
      static_cast<int>(time.minutes().count()),
      static_cast<int>(time.seconds().count()), offset.count() < 0 ? '-' : '+',
      static_cast<int>(magnitude / 3600),
      static_cast<int>(magnitude / 60 % 60));
  auto result = std::string{buffer, static_cast<size_t>(size)};
  if (magnitude % 60 != 0) {
    result += ':';
    result += std::to_string(100 + magnitude % 60).substr(1);
  }
  return result;
}

} // namespace dbu::cron
