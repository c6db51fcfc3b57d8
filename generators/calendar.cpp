#include "generators/calendar.hpp"

namespace dbu::gen {

const date::time_zone* zone_or_utc(const date::time_zone* zone) {
  // Look UTC up once; the database of zones outlives every caller.
  static const date::time_zone* utc = date::locate_zone("UTC");
  return zone ? zone : utc;
}

namespace {

// @returns the `n`th `wd` of month `ym` (the last one for n = 0).
date::local_days nth_weekday(date::year_month ym, date::weekday wd,
                             unsigned n) {
  if (n == 0)
    return date::local_days{ym / wd[date::last]};
  return date::local_days{ym / wd[n]};
}

// @returns the day a fixed-date holiday of `y` is observed: a Saturday's
// on the Friday before, a Sunday's on the Monday after.
date::local_days observed(date::year_month_day ymd) {
  auto d = date::local_days{ymd};
  auto wd = date::weekday{d};
  if (wd == date::Saturday)
    return d - date::days{1};
  if (wd == date::Sunday)
    return d + date::days{1};
  return d;
}

} // namespace

bool office_holiday(date::local_days d) {
  // The fixed dates as observed; January 1st of next year may fall on
  // this year's December 31st.
  auto ymd = date::year_month_day{d};
  auto y = ymd.year();
  auto m = ymd.month();
  if (m == date::January)
    return observed(y / date::January / 1) == d;
  if (m == date::July)
    return observed(y / date::July / 4) == d;
  if (m == date::December)
    return observed(y / date::December / 25) == d
           || observed((y + date::years{1}) / date::January / 1) == d;
  // The floating ones, in their months only.
  auto ym = y / m;
  if (m == date::May)
    return d == nth_weekday(ym, date::Monday, 0);
  if (m == date::September)
    return d == nth_weekday(ym, date::Monday, 1);
  if (m == date::November) {
    auto thanksgiving = nth_weekday(ym, date::Thursday, 4);
    return d == thanksgiving || d == thanksgiving + date::days{1};
  }
  return false;
}

date::local_days step_days(date::local_days d, int n, uint8_t mask) {
  // Walk day by day, counting only the days of the mask.
  if ((mask & every_day_mask) == 0)
    mask = every_day_mask;
  auto step = date::days{n < 0 ? -1 : 1};
  for (int left = n < 0 ? -n : n; left > 0;) {
    d += step;
    if (allowed_day(d, mask))
      --left;
  }
  return d;
}

date::local_days first_day_from(date::local_days d, uint8_t mask) {
  if ((mask & every_day_mask) == 0)
    mask = every_day_mask;
  while (!allowed_day(d, mask))
    d += date::days{1};
  return d;
}

date::local_days last_day_until(date::local_days d, uint8_t mask) {
  if ((mask & every_day_mask) == 0)
    mask = every_day_mask;
  while (!allowed_day(d, mask))
    d -= date::days{1};
  return d;
}

} // namespace dbu::gen
