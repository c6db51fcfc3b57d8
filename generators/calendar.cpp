#include "generators/calendar.hpp"

namespace dbu::gen {

const date::time_zone* zone_or_utc(const date::time_zone* zone) {
  // Look UTC up once; the database of zones outlives every caller.
  static const date::time_zone* utc = date::locate_zone("UTC");
  return zone ? zone : utc;
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
