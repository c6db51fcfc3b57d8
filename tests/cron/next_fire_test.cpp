#include "cron/instant.hpp"
#include "cron/schedule.hpp"
#include "cron/search.hpp"
#include "messages/ec.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace dbu;
using namespace std::chrono_literals;

/// @returns the next `n` fires of `expr` in `zone` after `after`, formatted.
std::vector<std::string> fires(std::string_view expr, std::string_view zone,
                               std::string_view after, int n = 5) {
  // Compile, look up and parse; fail the test on any error.
  auto s = cron::parse(expr);
  EXPECT_TRUE(s) << render(s.error());
  auto z = cron::find_zone(zone);
  EXPECT_TRUE(z) << render(z.error());
  auto t = cron::parse_instant(after);
  EXPECT_TRUE(t) << render(t.error());
  if (!s || !z || !t) return {};
  // Step from fire to fire.
  std::vector<std::string> result;
  auto at = *t;
  for (int i = 0; i < n; ++i) {
    auto fire = cron::next_fire(*s, *z, at);
    result.push_back(cron::format_instant(fire, *z));
    at = fire;
  }
  return result;
}

using strings = std::vector<std::string>;

TEST(CronNextFire, FiresFixedTimeJobOnceAsBerlinGapEnds) {
  EXPECT_EQ(
      fires("30 2 * * *", "Europe/Berlin", "2024-03-30T12:00:00Z", 2),
      (strings{"2024-03-31T03:00:00+02:00", "2024-04-01T02:30:00+02:00"}));
  EXPECT_EQ(
      fires("0,15,30 2 * * *", "Europe/Berlin", "2024-03-31T00:00:00+01:00", 2),
      (strings{"2024-03-31T03:00:00+02:00", "2024-04-01T02:00:00+02:00"}));
  EXPECT_EQ(
      fires("0 2,3 * * *", "Europe/Berlin", "2024-03-31T00:00:00+01:00", 2),
      (strings{"2024-03-31T03:00:00+02:00", "2024-04-01T02:00:00+02:00"}));
}

TEST(CronNextFire, SkipsBerlinGapForWildcardJob) {
  EXPECT_EQ(
      fires("*/30 2 * * *", "Europe/Berlin", "2024-03-31T00:00:00+01:00", 2),
      (strings{"2024-04-01T02:00:00+02:00", "2024-04-01T02:30:00+02:00"}));
  EXPECT_EQ(
      fires("0 * * * *", "Europe/Berlin", "2024-03-31T01:00:00+01:00", 2),
      (strings{"2024-03-31T03:00:00+02:00", "2024-03-31T04:00:00+02:00"}));
}

TEST(CronNextFire, FiresFixedTimeJobOnlyInFirstBerlinPass) {
  EXPECT_EQ(
      fires("30 2 * * *", "Europe/Berlin", "2024-10-26T12:00:00Z", 2),
      (strings{"2024-10-27T02:30:00+02:00", "2024-10-28T02:30:00+01:00"}));
  EXPECT_EQ(fires("0 2 * * *", "Europe/Berlin", "2024-10-27T02:30:00+02:00", 1),
            (strings{"2024-10-28T02:00:00+01:00"}));
  EXPECT_EQ(fires("0 2 * * *", "Europe/Berlin", "2024-10-27T02:00:00+01:00", 1),
            (strings{"2024-10-28T02:00:00+01:00"}));
}

TEST(CronNextFire, FiresWildcardJobInBothBerlinPasses) {
  EXPECT_EQ(fires("*/30 2 * * *", "Europe/Berlin", "2024-10-27T00:00:00+02:00"),
            (strings{"2024-10-27T02:00:00+02:00", "2024-10-27T02:30:00+02:00",
                     "2024-10-27T02:00:00+01:00", "2024-10-27T02:30:00+01:00",
                     "2024-10-28T02:00:00+01:00"}));
  EXPECT_EQ(
      fires("* * * * * *", "Europe/Berlin", "2024-10-27T02:59:59+02:00", 2),
      (strings{"2024-10-27T02:00:00+01:00", "2024-10-27T02:00:01+01:00"}));
  EXPECT_EQ(
      fires("*/30 0 2 * * *", "Europe/Berlin", "2024-10-27T02:00:00+02:00", 3),
      (strings{"2024-10-27T02:00:30+02:00", "2024-10-27T02:00:00+01:00",
               "2024-10-27T02:00:30+01:00"}));
}

TEST(CronNextFire, HandlesHalfHourShiftOfLordHowe) {
  EXPECT_EQ(
      fires("15 2 * * *", "Australia/Lord_Howe", "2024-10-06T00:00:00+10:30",
            2),
      (strings{"2024-10-06T02:30:00+11:00", "2024-10-07T02:15:00+11:00"}));
  EXPECT_EQ(
      fires("45 1 * * *", "Australia/Lord_Howe", "2024-04-07T00:00:00+11:00",
            2),
      (strings{"2024-04-07T01:45:00+11:00", "2024-04-08T01:45:00+10:30"}));
  EXPECT_EQ(
      fires("*/30 1 * * *", "Australia/Lord_Howe", "2024-04-07T00:00:00+11:00",
            4),
      (strings{"2024-04-07T01:00:00+11:00", "2024-04-07T01:30:00+11:00",
               "2024-04-07T01:30:00+10:30", "2024-04-08T01:00:00+10:30"}));
}

TEST(CronNextFire, FiresFixedTimeJobOfSkippedSamoanDayAtItsEnd) {
  // Samoa skipped 30 December 2011 by moving from UTC-10 to UTC+14.
  EXPECT_EQ(
      fires("0 12 * * *", "Pacific/Apia", "2011-12-29T13:00:00-10:00", 2),
      (strings{"2011-12-31T00:00:00+14:00", "2011-12-31T12:00:00+14:00"}));
  EXPECT_EQ(
      fires("0 * * * *", "Pacific/Apia", "2011-12-29T22:30:00-10:00", 2),
      (strings{"2011-12-29T23:00:00-10:00", "2011-12-31T00:00:00+14:00"}));
}

TEST(CronNextFire, IsStrictlyAfterTheInstantAsked) {
  auto s = cron::parse("0 0 12 * * *");
  ASSERT_TRUE(s);
  auto noon = date::sys_days{date::year{2024} / 5 / 15} + 12h;
  EXPECT_EQ(cron::next_fire(*s, nullptr, noon - 1ns), noon);
  EXPECT_EQ(cron::next_fire(*s, nullptr, noon), noon + date::days{1});
  EXPECT_EQ(cron::next_fire(*s, nullptr, noon + 1ns), noon + date::days{1});
}

TEST(CronNextFire, TreatsNoZoneAsUtc) {
  auto s = cron::parse("0 30 1 * * *");
  auto utc = cron::find_zone("UTC");
  ASSERT_TRUE(s && utc);
  auto t = date::sys_days{date::year{2024} / 11 / 3} + 0h;
  EXPECT_EQ(cron::next_fire(*s, nullptr, t), cron::next_fire(*s, *utc, t));
  EXPECT_EQ(cron::next_fire(*s, nullptr, t), t + 1h + 30min);
}

TEST(CronNextFire, FindsFebruary29AfterTheSkippedLeapDayOf2100) {
  EXPECT_EQ(
      fires("0 0 29 2 *", "UTC", "2096-03-01T00:00:00Z", 2),
      (strings{"2104-02-29T00:00:00+00:00", "2108-02-29T00:00:00+00:00"}));
}

TEST(CronNextFire, FindsWeekdayOfLeapDayDecadesAhead) {
  // 29 February falls on a Sunday in 2004, 2032 and 2060.
  EXPECT_EQ(
      fires("0 0 29 2 */7", "UTC", "2004-03-01T00:00:00Z", 2),
      (strings{"2032-02-29T00:00:00+00:00", "2060-02-29T00:00:00+00:00"}));
}

TEST(CronFindZone, NamesUnknownZone) {
  auto zone = cron::find_zone("Mars/Olympus_Mons");
  ASSERT_FALSE(zone);
  EXPECT_EQ(code_of(zone.error()), ec::unknown_timezone);
  EXPECT_NE(render(zone.error()).find("\"Mars/Olympus_Mons\""),
            std::string::npos);
  EXPECT_FALSE(cron::find_zone(""));
  EXPECT_TRUE(cron::find_zone("Europe/Berlin"));
}

TEST(CronSearch, VisitsOneDayForFrequentSchedule) {
  // Performance is checked by counting the work, not by timing it.
  auto s = cron::parse("* * * * * *");
  ASSERT_TRUE(s);
  std::size_t days = 0;
  auto from = date::local_days{date::year{2024} / 5 / 15} + 10h;
  auto match =
      cron::detail::next_match(s->sets(), from, from + date::days{365}, &days);
  ASSERT_TRUE(match);
  EXPECT_EQ(*match, from);
  EXPECT_EQ(days, 1u);
}

TEST(CronSearch, SkipsWholeMonthsForRareSchedule) {
  // Eight years to the next 29 February: a few days a year, not every day.
  auto s = cron::parse("0 0 29 2 *");
  ASSERT_TRUE(s);
  std::size_t days = 0;
  auto from = date::local_days{date::year{2096} / 3 / 1} + 0s;
  auto match = cron::detail::next_match(s->sets(), from,
                                        from + date::days{365 * 20}, &days);
  ASSERT_TRUE(match);
  EXPECT_EQ(*match, date::local_days{date::year{2104} / 2 / 29} + 0s);
  EXPECT_LE(days, 8u * 3 + 1);
}

TEST(CronSearch, StopsAtItsLimit) {
  auto s = cron::parse("0 0 29 2 *");
  ASSERT_TRUE(s);
  std::size_t days = 0;
  auto from = date::local_days{date::year{2024} / 3 / 1} + 0s;
  auto limit = from + date::days{200};
  EXPECT_FALSE(cron::detail::next_match(s->sets(), from, limit, &days));
  EXPECT_LE(days, 2u);
}

} // namespace
