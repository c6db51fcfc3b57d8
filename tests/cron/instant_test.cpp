#include "cron/instant.hpp"
#include "cron/schedule.hpp"
#include "messages/ec.hpp"

#include <gtest/gtest.h>

namespace {

using namespace dbu;
using namespace std::chrono_literals;

/// @returns the instant of an ISO-8601 text that must parse.
std::chrono::system_clock::time_point at(std::string_view text) {
  auto t = cron::parse_instant(text);
  EXPECT_TRUE(t) << text << ": " << render(t.error());
  return t ? *t : std::chrono::system_clock::time_point{};
}

const auto may_15 = std::chrono::system_clock::time_point{
    date::sys_days{date::year{2024} / 5 / 15}};

TEST(CronInstant, ParsesUtcAndOffsets) {
  EXPECT_EQ(at("2024-05-15T10:20:30Z"), may_15 + 10h + 20min + 30s);
  EXPECT_EQ(at("2024-05-15T10:20:30z"), may_15 + 10h + 20min + 30s);
  EXPECT_EQ(at("2024-05-15T06:20:30-04:00"), may_15 + 10h + 20min + 30s);
  EXPECT_EQ(at("2024-05-15T15:50:30+05:30"), may_15 + 10h + 20min + 30s);
  EXPECT_EQ(at("2024-05-15T10:20:30+00:00"), may_15 + 10h + 20min + 30s);
}

TEST(CronInstant, ParsesFractionalSeconds) {
  EXPECT_EQ(at("2024-05-15T10:20:30.5Z"), may_15 + 10h + 20min + 30500ms);
  EXPECT_EQ(at("2024-05-15T10:20:30.123456789Z"),
            may_15 + 10h + 20min + 30s + 123456789ns);
  EXPECT_EQ(at("2024-05-15T10:20:30.1234567891Z"),
            may_15 + 10h + 20min + 30s + 123456789ns);
}

TEST(CronInstant, RejectsMalformedText) {
  for (auto text :
       {"", "yesterday", "2024-05-15", "2024-05-15T10:20:30",
        "2024-05-15 10:20:30Z", "2024-05-15T10:20Z", "2024-05-15T10:20:30.Z",
        "2024-05-15T10:20:30+0400", "2024-05-15T10:20:30+24:00",
        "2024-05-15T10:20:30Zx", "2024-02-30T00:00:00Z", "2024-05-15T24:00:00Z",
        "2024-05-15T10:60:00Z", "2024-05-15T10:20:60Z"}) {
    auto t = cron::parse_instant(text);
    ASSERT_FALSE(t) << text;
    EXPECT_EQ(code_of(t.error()), ec::bad_request);
    EXPECT_NE(render(t.error()).find(text), std::string::npos);
  }
}

TEST(CronInstant, RejectsInstantsTheClockCannotHold) {
  // Nanoseconds from 1970 end in April 2262: later ones would wrap to
  // centuries before.
  EXPECT_EQ(at("2261-12-31T23:59:59Z"),
            std::chrono::system_clock::time_point{
              date::sys_days{date::year{2261} / 12 / 31} + 23h + 59min
              + 59s});
  for (auto text : {"2262-04-12T00:00:00Z", "2611-06-20T07:30:00Z",
                    "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
                    "1677-09-21T00:00:00Z"}) {
    auto t = cron::parse_instant(text);
    ASSERT_FALSE(t) << text;
    EXPECT_EQ(code_of(t.error()), ec::bad_request);
    EXPECT_NE(render(t.error()).find("1678 to 2261"), std::string::npos)
      << render(t.error());
  }
}

TEST(CronInstant, FormatsWithTheZoneOffset) {
  auto new_york = cron::find_zone("America/New_York");
  auto kolkata = cron::find_zone("Asia/Kolkata");
  ASSERT_TRUE(new_york && kolkata);
  auto t = date::sys_days{date::year{2024} / 3 / 10} + 7h;
  EXPECT_EQ(cron::format_instant(t, *new_york), "2024-03-10T03:00:00-04:00");
  EXPECT_EQ(cron::format_instant(t - 1s, *new_york),
            "2024-03-10T01:59:59-05:00");
  EXPECT_EQ(cron::format_instant(t, *kolkata), "2024-03-10T12:30:00+05:30");
  EXPECT_EQ(cron::format_instant(t, nullptr), "2024-03-10T07:00:00+00:00");
}

} // namespace
