// Runs every worked case of tests/cron/cases/cron.json, a copy of the
// project's shared cases (shared/cases/cron.json beside the repository, or
// cases/cron.json in the folder DBU_SHARED_DIR names); a test keeps the
// copy equal to the shared file wherever that is at hand. A clone on its
// own (as CI makes one) has only the copy, which is what the cases run.

#include "cron/instant.hpp"
#include "cron/schedule.hpp"
#include "messages/ec.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

namespace {

using namespace dbu;

constexpr auto cases_path = DBU_SOURCE_DIR "/tests/cron/cases/cron.json";

/// @returns where the shared cases are.
std::string shared_path() {
  auto dir = std::getenv("DBU_SHARED_DIR");
  if (dir != nullptr && *dir != '\0')
    return std::string{dir} + "/cases/cron.json";
  return DBU_SOURCE_DIR "/../shared/cases/cron.json";
}

struct cron_case {
  std::string id;
  std::string expr;
  std::string tz;
  std::string after;
  std::vector<std::string> expected;
  bool expect_error = false;
  std::string tier;
};

void PrintTo(const cron_case& x, std::ostream* out) {
  *out << x.id << " \"" << x.expr << "\" (" << x.tier << ")";
}

std::vector<cron_case> load_cases() {
  // Read the file; a missing file yields no cases, which a test reports.
  std::ifstream in{cases_path};
  if (!in) return {};
  auto json = nlohmann::json::parse(in, nullptr, false);
  if (!json.is_array()) return {};
  // Convert each entry, leaving out what an invalid case does not have.
  std::vector<cron_case> result;
  for (const auto& entry : json) {
    cron_case x;
    x.id = entry.value("id", "");
    x.expr = entry.value("expr", "");
    x.tz = entry.value("tz", "UTC");
    x.after = entry.value("after", "");
    x.expected = entry.value("expected", std::vector<std::string>{});
    x.expect_error = entry.value("expect_error", false);
    x.tier = entry.value("tier", "");
    result.push_back(std::move(x));
  }
  return result;
}

const std::vector<cron_case>& all_cases() {
  static const auto cases = load_cases();
  return cases;
}

TEST(CronCases, FileHoldsCasesOfEveryTier) {
  // Guard against a missing or unreadable file silently running nothing.
  const auto& cases = all_cases();
  ASSERT_FALSE(cases.empty()) << "cannot read " << cases_path;
  for (const auto* tier : {"core", "vixie", "lenient"})
    EXPECT_TRUE(std::ranges::any_of(cases, [&](const cron_case& x) {
      return x.tier == tier;
    })) << tier;
}

class CronCase : public testing::TestWithParam<cron_case> {};

TEST_P(CronCase, MatchesWorkedAnswer) {
  // Parse; a lenient case may instead be rejected with a clear error.
  const auto& c = GetParam();
  auto parsed = cron::parse(c.expr);
  if (c.expect_error || (!parsed && c.tier == "lenient")) {
    if (!parsed) {
      auto message = render(parsed.error());
      EXPECT_EQ(code_of(parsed.error()), ec::invalid_cron);
      EXPECT_FALSE(message.empty());
      if (c.tier != "lenient") {
        EXPECT_TRUE(message.find("field") != std::string::npos ||
                    message.find("macro") != std::string::npos)
            << message;
      }
    } else {
      EXPECT_EQ(c.tier, "lenient") << "accepted " << c.expr;
    }
    return;
  }
  ASSERT_TRUE(parsed) << render(parsed.error());
  // Walk the next five fires and compare them as instants.
  auto zone = cron::find_zone(c.tz);
  ASSERT_TRUE(zone) << render(zone.error());
  auto after = cron::parse_instant(c.after);
  ASSERT_TRUE(after) << render(after.error());
  ASSERT_EQ(c.expected.size(), 5u);
  auto t = *after;
  for (const auto& text : c.expected) {
    auto expected = cron::parse_instant(text);
    ASSERT_TRUE(expected) << render(expected.error());
    auto fire = cron::next_fire(*parsed, *zone, t);
    EXPECT_EQ(fire, *expected)
        << "got " << cron::format_instant(fire, *zone) << ", expected " << text;
    t = fire;
  }
}

INSTANTIATE_TEST_SUITE_P(Shared, CronCase, testing::ValuesIn(all_cases()),
                         [](const testing::TestParamInfo<cron_case>& info) {
                           return info.param.id;
                         });

TEST(CronCases, FormatRoundTripsEveryExpectedInstant) {
  // Each expected instant is written in its case's zone, as we write them.
  for (const auto& c : all_cases()) {
    auto zone = cron::find_zone(c.tz);
    ASSERT_TRUE(zone) << c.id;
    for (const auto& text : c.expected) {
      auto t = cron::parse_instant(text);
      ASSERT_TRUE(t) << c.id;
      auto seconds = std::chrono::floor<std::chrono::seconds>(*t);
      EXPECT_EQ(cron::format_instant(seconds, *zone), text) << c.id;
    }
  }
}

} // namespace

TEST(CronCases, CopyMatchesTheSharedCases) {
  // Outside the project's workspace there is no shared folder to compare.
  std::ifstream shared{shared_path()};
  if (!shared)
    GTEST_SKIP() << "no " << shared_path()
                 << "; set DBU_SHARED_DIR to the folder of the shared cases";
  std::ifstream copy{cases_path};
  ASSERT_TRUE(copy) << "cannot read " << cases_path;
  EXPECT_EQ(nlohmann::json::parse(shared), nlohmann::json::parse(copy))
    << "update " << cases_path << " from " << shared_path();
}
