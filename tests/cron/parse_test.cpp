#include "cron/schedule.hpp"
#include "messages/ec.hpp"

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>

namespace {

using namespace dbu;

/// @returns the error message of parsing `text`, or "accepted".
std::string error_of(std::string_view text) {
  auto parsed = cron::parse(text);
  if (parsed) return "accepted";
  EXPECT_EQ(code_of(parsed.error()), ec::invalid_cron);
  return render(parsed.error());
}

/// @returns the sets of an expression that must parse.
cron::field_sets sets_of(std::string_view text) {
  auto parsed = cron::parse(text);
  EXPECT_TRUE(parsed) << text << ": " << render(parsed.error());
  return parsed ? parsed->sets() : cron::field_sets{};
}

uint64_t bits(std::initializer_list<unsigned> values) {
  uint64_t result = 0;
  for (auto value : values)
    result |= uint64_t{1} << value;
  return result;
}

TEST(CronParse, ReadsFiveFieldsWithSecondZero) {
  auto sets = sets_of("5 4 3 2 1");
  EXPECT_EQ(sets.seconds, bits({0}));
  EXPECT_EQ(sets.minutes, bits({5}));
  EXPECT_EQ(sets.hours, bits({4}));
  EXPECT_EQ(sets.days_of_month, bits({3}));
  EXPECT_EQ(sets.months, bits({2}));
  EXPECT_EQ(sets.days_of_week, bits({1}));
}

TEST(CronParse, ReadsSixFieldsWithSecondsFirst) {
  auto sets = sets_of("7 5 4 3 2 1");
  EXPECT_EQ(sets.seconds, bits({7}));
  EXPECT_EQ(sets.minutes, bits({5}));
  EXPECT_EQ(sets.days_of_week, bits({1}));
}

TEST(CronParse, SeparatesFieldsByBlanksAndTabs) {
  EXPECT_EQ(sets_of("\t0 \t12\t*  * *  "), sets_of("0 12 * * *"));
}

TEST(CronParse, KeepsItsSourceText) {
  auto parsed = cron::parse(" 0 12 * * * ");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->text(), " 0 12 * * * ");
  auto copy = *parsed;
  EXPECT_EQ(copy, *parsed);
  EXPECT_EQ(cron::schedule{}.text(), "* * * * *");
}

TEST(CronParse, ExpandsRangesStepsAndLists) {
  EXPECT_EQ(sets_of("*/15 * * * *").minutes, bits({0, 15, 30, 45}));
  EXPECT_EQ(sets_of("10-20/5 * * * *").minutes, bits({10, 15, 20}));
  EXPECT_EQ(sets_of("1,3-4,50-59/8 * * * *").minutes, bits({1, 3, 4, 50, 58}));
  EXPECT_EQ(sets_of("* 9-17/2 * * *").hours, bits({9, 11, 13, 15, 17}));
  EXPECT_EQ(sets_of("* * */10 * *").days_of_month, bits({1, 11, 21, 31}));
  EXPECT_EQ(sets_of("* * * */3 *").months, bits({1, 4, 7, 10}));
}

TEST(CronParse, AcceptsNamesInAnyCase) {
  EXPECT_EQ(sets_of("0 0 * JAN,mar,Dec *").months, bits({1, 3, 12}));
  EXPECT_EQ(sets_of("0 0 * feb-APR *").months, bits({2, 3, 4}));
  EXPECT_EQ(sets_of("0 0 * * mon-FRI").days_of_week, bits({1, 2, 3, 4, 5}));
  EXPECT_EQ(sets_of("0 0 * * Sun,sat").days_of_week, bits({0, 6}));
}

TEST(CronParse, TreatsSevenAsSunday) {
  EXPECT_EQ(sets_of("0 0 * * 7").days_of_week, bits({0}));
  EXPECT_EQ(sets_of("0 0 * * 5-7").days_of_week, bits({0, 5, 6}));
  EXPECT_EQ(sets_of("0 0 * * 0-7").days_of_week, 0x7f);
}

TEST(CronParse, ReadsRangeEndingInSundayAsSeven) {
  EXPECT_EQ(sets_of("0 0 * * sat-sun").days_of_week, bits({0, 6}));
  EXPECT_EQ(sets_of("0 0 * * fri-sun").days_of_week, bits({0, 5, 6}));
  EXPECT_EQ(sets_of("0 0 * * sun-sun").days_of_week, bits({0}));
  EXPECT_NE(error_of("0 0 * * 6-0"), "accepted");
}

TEST(CronParse, ExpandsEveryMacro) {
  EXPECT_EQ(sets_of("@yearly"), sets_of("0 0 1 1 *"));
  EXPECT_EQ(sets_of("@annually"), sets_of("0 0 1 1 *"));
  EXPECT_EQ(sets_of("@monthly"), sets_of("0 0 1 * *"));
  EXPECT_EQ(sets_of("@weekly"), sets_of("0 0 * * 0"));
  EXPECT_EQ(sets_of("@daily"), sets_of("0 0 * * *"));
  EXPECT_EQ(sets_of("@midnight"), sets_of("0 0 * * *"));
  EXPECT_EQ(sets_of(" @HOURLY "), sets_of("0 * * * *"));
}

TEST(CronParse, CombinesDaysByBothWhenEitherStartsWithStar) {
  EXPECT_TRUE(sets_of("0 0 * * 1").days_match_both);
  EXPECT_TRUE(sets_of("0 0 1 * *").days_match_both);
  EXPECT_TRUE(sets_of("0 0 */2 * 1").days_match_both);
  EXPECT_TRUE(sets_of("0 0 1 * */2").days_match_both);
  EXPECT_FALSE(sets_of("0 0 1 * 1").days_match_both);
  EXPECT_FALSE(sets_of("0 0 1-31 * 0-7").days_match_both);
}

TEST(CronParse, ClassifiesWildcardJobsByTheirFirstCharacter) {
  EXPECT_FALSE(sets_of("30 2 * * *").wildcard);
  EXPECT_FALSE(sets_of("0 30 2 * * *").wildcard);
  EXPECT_FALSE(sets_of("0-59 0-23 * * *").wildcard);
  EXPECT_FALSE(sets_of("@daily").wildcard);
  EXPECT_TRUE(sets_of("*/15 2 * * *").wildcard);
  EXPECT_TRUE(sets_of("0 * * * *").wildcard);
  EXPECT_TRUE(sets_of("* 0 2 * * *").wildcard);
  EXPECT_TRUE(sets_of("@hourly").wildcard);
}

TEST(CronParse, NamesFieldAndTextOfValueOutOfRange) {
  EXPECT_EQ(error_of("* 0-24 * * *"),
            "hour field: value 24 in \"0-24\" is out of range 0-23");
  EXPECT_EQ(error_of("60 * * * * *"),
            "second field: value 60 in \"60\" is out of range 0-59");
  EXPECT_EQ(error_of("* * 0 * *"),
            "day-of-month field: value 0 in \"0\" is out of range 1-31");
  EXPECT_EQ(error_of("* * * 13 *"),
            "month field: value 13 in \"13\" is out of range 1-12");
  EXPECT_EQ(error_of("* * * * 7-8"),
            "day-of-week field: value 8 in \"7-8\" is out of range 0-7");
}

TEST(CronParse, RejectsHugeNumbersWithoutOverflow) {
  EXPECT_EQ(error_of("99999999999999999999 * * * *"),
            "minute field: value 99999999999999999999 in "
            "\"99999999999999999999\" is out of range 0-59");
  EXPECT_EQ(error_of("4294967296 * * * *"),
            "minute field: value 4294967296 in \"4294967296\" is out of "
            "range 0-59");
  EXPECT_EQ(error_of("*/99999999999999999999 * * * *"),
            "minute field: step 99999999999999999999 in "
            "\"*/99999999999999999999\" is out of range 1-60");
}

TEST(CronParse, RejectsReversedRange) {
  EXPECT_EQ(error_of("* 17-9 * * *"), "hour field: range \"17-9\" is reversed");
  EXPECT_EQ(error_of("* 17-9/2 * * *"),
            "hour field: range \"17-9\" in \"17-9/2\" is reversed");
}

TEST(CronParse, RejectsStepZero) {
  EXPECT_EQ(error_of("* * * * 1-7/0"),
            "day-of-week field: step 0 in \"1-7/0\" is out of range 1-8");
}

TEST(CronParse, RejectsStepAfterSingleValue) {
  EXPECT_EQ(error_of("5/15 * * * *"),
            "minute field: step in \"5/15\" needs a range or \"*\" before "
            "\"/\"");
}

TEST(CronParse, RejectsMalformedItems) {
  EXPECT_EQ(error_of("1- * * * *"),
            "minute field: missing value after \"-\" in \"1-\"");
  EXPECT_EQ(error_of("-1 * * * *"),
            "minute field: missing value before \"-\" in \"-1\"");
  EXPECT_EQ(error_of("/5 * * * *"),
            "minute field: missing value before \"/\" in \"/5\"");
  EXPECT_EQ(error_of("*/x * * * *"),
            "minute field: step \"x\" in \"*/x\" is not a number");
  EXPECT_EQ(error_of("1-2-3 * * * *"),
            "minute field: unexpected \"2-3\" in \"1-2-3\"");
  EXPECT_EQ(error_of("*-5 * * * *"),
            "minute field: unexpected \"*\" in \"*-5\"");
  EXPECT_EQ(error_of("abc * * * *"),
            "minute field: \"abc\" in \"abc\" is not a number");
}

TEST(CronParse, RejectsEmptyListItems) {
  EXPECT_EQ(error_of("1,2,3, * * * *"),
            "minute field: empty item in list \"1,2,3,\"");
  EXPECT_EQ(error_of("* ,1 * * *"), "hour field: empty item in list \",1\"");
  EXPECT_EQ(error_of("* 1,,2 * * *"),
            "hour field: empty item in list \"1,,2\"");
}

TEST(CronParse, RejectsUnknownNames) {
  EXPECT_EQ(error_of("* * * JAN-FOO *"),
            "month field: unknown name \"FOO\" in \"JAN-FOO\"");
  EXPECT_EQ(error_of("* * * * monday"),
            "day-of-week field: unknown name \"monday\" in \"monday\"");
  EXPECT_EQ(error_of("* * * mon *"),
            "month field: unknown name \"mon\" in \"mon\"");
}

TEST(CronParse, RejectsWrongFieldCount) {
  EXPECT_EQ(error_of("* * * * * * *"),
            "the CRON expression \"* * * * * * *\" has 7 fields; expected 5 "
            "(minute hour day-of-month month day-of-week) or 6 (second "
            "first)");
  EXPECT_NE(error_of("* * * *").find("has 4 fields"), std::string::npos);
}

TEST(CronParse, RejectsEmptyAndBlankText) {
  auto expected = "the CRON expression is empty; expected 5 fields, 6 fields "
                  "or a macro such as @daily";
  EXPECT_EQ(error_of(""), expected);
  EXPECT_EQ(error_of(" \t "), expected);
}

TEST(CronParse, RejectsUnknownMacroAndMacroWithFields) {
  EXPECT_NE(error_of("@fortnightly").find("unknown macro \"@fortnightly\""),
            std::string::npos);
  EXPECT_NE(error_of("@reboot").find("unknown macro"), std::string::npos);
  EXPECT_EQ(error_of("@daily *"),
            "macro \"@daily\" takes no further fields, found \"*\"");
}

TEST(CronParse, RejectsTimeZonePrefix) {
  EXPECT_NE(error_of("CRON_TZ=UTC 0 * * * *").find("time zone prefix"),
            std::string::npos);
}

TEST(CronParse, RejectsScheduleThatCanNeverFire) {
  EXPECT_EQ(error_of("0 0 31 4,6,9,11 *"),
            "day-of-month field: \"31\" never falls in month \"4,6,9,11\", "
            "so the schedule can never fire");
  EXPECT_NE(error_of("0 0 30 2 *"), "accepted");
  EXPECT_NE(error_of("0 0 30-31 feb *"), "accepted");
  EXPECT_NE(error_of("0 0 30 2 */2"), "accepted");
}

TEST(CronParse, AcceptsRareButPossibleDays) {
  EXPECT_EQ(error_of("0 0 29 2 *"), "accepted");
  EXPECT_EQ(error_of("0 0 31 2,3 *"), "accepted");
  // Either day field may match, and every February has Mondays.
  EXPECT_EQ(error_of("0 0 30 2 1"), "accepted");
  EXPECT_EQ(error_of("0 0 29 2 1"), "accepted");
}

TEST(CronParse, SurvivesRandomTextAndEveryAcceptedScheduleFires) {
  // Whatever the text, parsing returns; whatever it accepts fires later.
  constexpr std::array<std::string_view, 16> values = {
      "0",  "1",  "2",  "5",  "7",   "12",  "23",  "29",
      "30", "31", "59", "60", "jan", "SUN", "Feb", "x"};
  constexpr std::array<std::string_view, 8> joints = {"-", "-", "/", "/",
                                                      ",", ",", "",  "--"};
  std::mt19937 rng{7};
  auto pick = [&](const auto& pool) { return pool[rng() % pool.size()]; };
  auto after = std::chrono::system_clock::time_point{
      date::sys_days{date::year{2024} / 1 / 1}};
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    // Join values and `*` by range, step and list marks, field by field.
    std::string text;
    for (auto fields = 4 + rng() % 4; fields > 0; --fields) {
      text += rng() % 8 == 0 ? "\t" : " ";
      text += rng() % 2 == 0 ? std::string_view{"*"} : pick(values);
      for (auto n = rng() % 3 == 0 ? 1 + rng() % 2 : 0; n > 0; --n) {
        text += pick(joints);
        text += pick(values);
      }
    }
    auto parsed = cron::parse(text);
    if (!parsed) {
      EXPECT_FALSE(render(parsed.error()).empty()) << text;
      continue;
    }
    ++accepted;
    EXPECT_GT(cron::next_fire(*parsed, nullptr, after), after) << text;
  }
  EXPECT_GT(accepted, 100);
}

} // namespace
