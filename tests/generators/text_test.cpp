#include "generators/random.hpp"
#include "generators/text.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

using namespace dbu::gen;
using std::chrono::hours;
using std::chrono::sys_seconds;

TEST(Text, UuidsAreCanonicalVersion4) {
  static const std::regex v4{
    "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"};
  rng r{1, 2};
  std::set<std::string> seen;
  for (int i = 0; i < 10'000; ++i) {
    auto id = uuid_v4(r);
    EXPECT_TRUE(std::regex_match(id, v4)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 10'000u);
}

TEST(Text, TimestampsCarryTheirOffset) {
  auto t = parse_timestamp("2024-03-10T07:30:00Z").value();
  EXPECT_EQ(timestamp(t), "2024-03-10T07:30:00+00:00");
  EXPECT_EQ(timestamp(t, -hours{5}), "2024-03-10T02:30:00-05:00");
  EXPECT_EQ(timestamp(t, std::chrono::minutes{330}),
            "2024-03-10T13:00:00+05:30");
  EXPECT_EQ(parse_timestamp("2024-03-10T02:30:00-05:00"), t);
  EXPECT_EQ(parse_timestamp("2024-03-10T13:00+05:30"), t);
  EXPECT_FALSE(parse_timestamp("2024-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2024-03-10T07:30:00"));
  EXPECT_FALSE(parse_timestamp("yesterday"));
  EXPECT_EQ(iso_date(date::year{2024} / 3 / 5), "2024-03-05");
}

TEST(Text, FillsPatterns) {
  EXPECT_EQ(fill("{0} & {1} LLP", {"Garcia", "Chen"}), "Garcia & Chen LLP");
  EXPECT_EQ(fill("{1}{0}{1}", {"a", "b"}), "bab");
  EXPECT_EQ(fill("no {placeholder} {9}", {"x"}), "no {placeholder} {9}");
  EXPECT_EQ(phone_number(303, 7), "(303) 555-0107");
}

TEST(Random, WeightedChoiceNeverPicksZeroWeights) {
  weighted_choice<4> pick{std::array<double, 4>{0, 0.5, 0, 0.5}};
  rng r{3, 4};
  for (int i = 0; i < 100'000; ++i) {
    auto k = pick(r);
    ASSERT_TRUE(k == 1 || k == 3) << k;
  }
}

TEST(Random, SameSeedGivesTheSameNumbers) {
  rng a{11, 1'700'000'000}, b{11, 1'700'000'000}, c{12, 1'700'000'000};
  for (int i = 0; i < 100; ++i) {
    auto x = a.next();
    EXPECT_EQ(x, b.next());
    EXPECT_NE(x, c.next());
  }
}

TEST(Text, MendsPossessivesOfWordsEndingInS) {
  std::string s = "Harris & Associates's fleet, Mass's office, Suss's";
  mend_possessives(s);
  EXPECT_EQ(s, "Harris & Associates' fleet, Mass' office, Suss'");
  std::string t = "the boss's sister";
  mend_possessives(t);
  EXPECT_EQ(t, "the boss' sister");
  std::string u = "it's Chris'sake";
  mend_possessives(u);
  EXPECT_EQ(u, "it's Chris'sake");
}

TEST(Text, EndsASentenceOnAnAbbreviationWithOneStop) {
  std::string s = "Demo for Fox Hollow Plastics Inc.. Sent to Reyes Co.";
  mend_stops(s);
  EXPECT_EQ(s, "Demo for Fox Hollow Plastics Inc. Sent to Reyes Co.");
}
