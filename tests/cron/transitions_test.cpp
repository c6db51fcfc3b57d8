// Compares next_fire around real time-zone shifts with a scan that applies
// the rules of DESIGN.md to one wall-clock minute at a time.

#include "cron/instant.hpp"
#include "cron/schedule.hpp"
#include "messages/ec.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace dbu;
using namespace std::chrono_literals;
using std::chrono::minutes;
using std::chrono::seconds;

/// Zones with shifts forward and back, by an hour, half an hour and a day,
/// at midnight and in the small hours.
constexpr std::array<const char*, 10> zone_names = {
    "America/New_York",    "Europe/Berlin", "Australia/Sydney",
    "Australia/Lord_Howe", "Africa/Cairo",  "America/Santiago",
    "Europe/London",       "Pacific/Apia",  "America/Havana",
    "Asia/Tehran",
};

/// @returns the instants from 2010 to 2030 at which `zone` shifted.
std::vector<date::sys_seconds> shifts_of(const date::time_zone* zone) {
  // Walk the zone's periods and keep the beginnings that change the offset.
  std::vector<date::sys_seconds> result;
  auto t = date::sys_seconds{date::sys_days{date::year{2010} / 1 / 1}};
  auto end = date::sys_seconds{date::sys_days{date::year{2030} / 1 / 1}};
  while (t < end) {
    auto info = zone->get_info(t);
    auto before = zone->get_info(info.begin - 1s);
    if (info.begin > date::sys_days{date::year{2010} / 1 / 1} &&
        before.offset != info.offset)
      result.push_back(info.begin);
    t = info.end;
  }
  return result;
}

/// @returns random text for a minute or hour field.
std::string random_field(std::mt19937& rng, unsigned high) {
  // Pick a form, then its numbers.
  auto pick = [&](unsigned lo, unsigned hi) {
    return std::uniform_int_distribution<unsigned>{lo, hi}(rng);
  };
  auto a = pick(0, high);
  auto b = pick(a, high);
  auto n = pick(2, high / 2);
  switch (pick(0, 5)) {
  case 0:
    return "*";
  case 1:
    return "*/" + std::to_string(n);
  case 2:
    return std::to_string(a);
  case 3:
    return std::to_string(a) + "-" + std::to_string(b);
  case 4:
    return std::to_string(a) + "-" + std::to_string(b) + "/" +
           std::to_string(n);
  default:
    return std::to_string(a) + "," + std::to_string(pick(0, high));
  }
}

/// @returns whether a wall-clock time matches, checked field by field.
bool wall_matches(const cron::field_sets& f, date::local_seconds t) {
  auto day = date::floor<date::days>(t);
  auto ymd = date::year_month_day{day};
  auto time = date::hh_mm_ss<seconds>{t - day};
  auto has = [](uint64_t bits, auto value) {
    return (bits >> static_cast<unsigned>(value) & 1) != 0;
  };
  auto dom = has(f.days_of_month, ymd.day());
  auto dow = has(f.days_of_week, date::weekday{day}.c_encoding());
  auto day_ok = f.days_match_both ? dom && dow : dom || dow;
  return day_ok && has(f.months, ymd.month()) &&
         has(f.hours, time.hours().count()) &&
         has(f.minutes, time.minutes().count()) &&
         has(f.seconds, time.seconds().count());
}

/// @returns the first fire after `after` found by scanning wall-clock
/// minutes (plus `second`) for four days around it.
std::optional<date::sys_seconds> scan(const cron::schedule& s,
                                      const date::time_zone* zone,
                                      date::sys_seconds after,
                                      unsigned second) {
  // Start a day before the wall-clock time of `after`.
  auto local = zone->to_local(after);
  auto start = date::floor<minutes>(local) - 26h + seconds{second};
  std::optional<date::sys_seconds> best;
  auto consider = [&](date::sys_seconds t) {
    if (t > after && (!best || t < *best)) best = t;
  };
  // Map each matching wall-clock time to its instants by the rules.
  for (auto t = start; t < start + date::days{4}; t += 1min) {
    if (!wall_matches(s.sets(), t)) continue;
    auto info = zone->get_info(t);
    auto instant = [&](const date::sys_info& period) {
      return date::sys_seconds{t.time_since_epoch() - period.offset};
    };
    if (info.result == date::local_info::unique) consider(instant(info.first));
    if (info.result == date::local_info::ambiguous) {
      consider(instant(info.first));
      if (s.wildcard()) consider(instant(info.second));
    }
    if (info.result == date::local_info::nonexistent && !s.wildcard())
      consider(info.second.begin);
  }
  return best;
}

TEST(CronTransitions, AgreesWithMinuteScanAroundEveryShift) {
  // Try random expressions at random instants near each shift of each zone.
  std::mt19937 rng{20240331};
  int compared = 0;
  for (const auto* name : zone_names) {
    auto zone = cron::find_zone(name);
    ASSERT_TRUE(zone) << name;
    for (auto shift : shifts_of(*zone)) {
      auto second = std::uniform_int_distribution<unsigned>{0, 59}(rng);
      auto text = (second % 2 == 0 ? std::to_string(second) + " " : "") +
                  random_field(rng, 59) + " " + random_field(rng, 23) +
                  " * * *";
      if (second % 2 != 0) second = 0;
      auto s = cron::parse(text);
      ASSERT_TRUE(s) << text << ": " << render(s.error());
      auto offset =
          std::uniform_int_distribution<int>{-30 * 3600, 30 * 3600}(rng);
      auto after = shift + seconds{offset};
      // Follow a few fires in a row through the shift.
      for (int i = 0; i < 4; ++i) {
        auto expected = scan(*s, *zone, after, second);
        ASSERT_TRUE(expected) << text << " in " << name;
        auto fire = cron::next_fire(*s, *zone, after);
        ASSERT_EQ(fire, *expected)
            << "\"" << text << "\" in " << name << " after "
            << cron::format_instant(after, *zone) << ": got "
            << cron::format_instant(fire, *zone) << ", scan found "
            << cron::format_instant(*expected, *zone);
        after = fire;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 1000);
}

TEST(CronTransitions, FiresDailyFixedTimeJobOncePerDay) {
  // Whatever the shifts, a daily fixed-time job fires once per local date.
  auto s = cron::parse("30 2 * * *");
  ASSERT_TRUE(s);
  for (const auto* name : {"America/New_York", "Europe/Berlin",
                           "Australia/Lord_Howe", "America/Santiago"}) {
    auto zone = cron::find_zone(name);
    ASSERT_TRUE(zone) << name;
    auto t =
        cron::next_fire(*s, *zone, date::sys_days{date::year{2015} / 1 / 1});
    auto previous = date::floor<date::days>((*zone)->to_local(t));
    for (int i = 0; i < 365 * 5; ++i) {
      t = cron::next_fire(*s, *zone, t);
      auto day = date::floor<date::days>((*zone)->to_local(t));
      ASSERT_EQ(day - previous, date::days{1})
          << name << " at " << cron::format_instant(t, *zone);
      previous = day;
    }
  }
}

} // namespace
