#include "generators/updater.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using nlohmann::json;

namespace {

// @returns the problems `validate` finds in the defaults patched by `patch`.
dbu::problems problems_of(std::string_view kind, const json& patch) {
  auto k = dbu::gen::find_updater_kind(kind);
  EXPECT_NE(k, nullptr);
  auto settings = k->defaults();
  settings.merge_patch(patch);
  dbu::problems out;
  k->validate(settings, "/u", out);
  return out;
}

// @returns whether some problem has path `path`.
bool has_path(const dbu::problems& ps, std::string_view path) {
  return std::any_of(ps.begin(), ps.end(),
                     [&](auto& p) { return p.path == path; });
}

} // namespace

TEST(UpdaterKinds, ListTheDesignsThreeKindsWithTheirSchedules) {
  // Further kinds may follow the three of the design, never replace them.
  auto& kinds = dbu::gen::updater_kinds();
  ASSERT_GE(kinds.size(), 3u);
  EXPECT_EQ(kinds[0].name, "business_record_activities");
  EXPECT_EQ(kinds[1].name, "service_tickets");
  EXPECT_EQ(kinds[2].name, "business_records");
  auto a = dbu::gen::find_updater_kind("business_record_activities");
  auto t = dbu::gen::find_updater_kind("service_tickets");
  auto l = dbu::gen::find_updater_kind("business_records");
  ASSERT_TRUE(a && t && l);
  EXPECT_EQ(a->default_schedule, "0 0 9-17/2 * * 1-5");
  EXPECT_TRUE(a->needs_records);
  EXPECT_EQ(t->default_schedule, "0 0 */6 * * *");
  EXPECT_TRUE(t->needs_equipment);
  EXPECT_EQ(l->default_schedule, "0 0 10 * * 1-5");
  EXPECT_EQ(dbu::gen::find_updater_kind("business_recordz"), nullptr);
}

TEST(UpdaterKinds, DefaultsAreValidAndMakeGenerators) {
  for (auto& k : dbu::gen::updater_kinds()) {
    dbu::problems out;
    k.validate(k.defaults(), "/u", out);
    EXPECT_TRUE(out.empty()) << k.name << ": " << out.front().message;
    EXPECT_NE(k.make(k.defaults()), nullptr) << k.name;
  }
}

TEST(UpdaterKinds, RejectsUnknownKeys) {
  auto ps = problems_of("service_tickets", {{"perRnu", {{"min", 1}}}});
  ASSERT_TRUE(has_path(ps, "/u/perRnu"));
  ps = problems_of("business_records", {{"perRun", {{"maximum", 3}}}});
  EXPECT_TRUE(has_path(ps, "/u/perRun/maximum"));
  ps = problems_of("business_record_activities",
                   {{"businessHours", {{"stat", "08:00"}}}});
  EXPECT_TRUE(has_path(ps, "/u/businessHours/stat"));
}

TEST(UpdaterKinds, RejectsBadRanges) {
  auto ps = problems_of("business_records",
                        {{"perRun", {{"min", 5}, {"max", 3}}}});
  EXPECT_TRUE(has_path(ps, "/u/perRun/min"));
  ps = problems_of("business_records", {{"perRun", {{"min", -1}}}});
  EXPECT_TRUE(has_path(ps, "/u/perRun/min"));
  ps = problems_of("business_records", {{"perRun", {{"max", 1000000}}}});
  EXPECT_TRUE(has_path(ps, "/u/perRun/max"));
  ps = problems_of("business_records", {{"perRun", {{"max", "3"}}}});
  EXPECT_TRUE(has_path(ps, "/u/perRun/max"));
  ps = problems_of("business_records", {{"perRun", {{"max", 2.5}}}});
  EXPECT_TRUE(has_path(ps, "/u/perRun/max"));
  ps = problems_of("business_record_activities",
                   {{"durationMinutes", {{"min", 0}}}});
  EXPECT_TRUE(has_path(ps, "/u/durationMinutes/min"));
  ps = problems_of("business_records", {{"perRun", 3}});
  EXPECT_TRUE(has_path(ps, "/u/perRun"));
}

TEST(UpdaterKinds, RejectsBadDistributions) {
  // A weight sum off by more than the tolerance names the sum.
  auto ps = problems_of("business_record_activities",
                        {{"typeDistribution", {{"call", 0.25}}}});
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].path, "/u/typeDistribution");
  EXPECT_EQ(ps[0].message,
            "\"0.9\" — the weights sum to 0.9; they must sum to 1");
  // Unknown categories, negative and non-numeric weights.
  ps = problems_of("service_tickets",
                   {{"issueDistribution", {{"papr_jam", 0.0}}}});
  EXPECT_TRUE(has_path(ps, "/u/issueDistribution/papr_jam"));
  ps = problems_of("business_records",
                   {{"industryDistribution", {{"legal", -0.15}}}});
  EXPECT_TRUE(has_path(ps, "/u/industryDistribution/legal"));
  ps = problems_of("business_records",
                   {{"sourceDistribution", {{"website", "0.3"}}}});
  EXPECT_TRUE(has_path(ps, "/u/sourceDistribution/website"));
  // Within the tolerance passes; a missing category weighs nothing.
  ps = problems_of("business_records",
                   {{"sourceDistribution",
                     {{"website", 0.3000000001}, {"advertising", nullptr},
                      {"referral", 0.35}}}});
  EXPECT_TRUE(ps.empty()) << ps.front().path << ps.front().message;
}

TEST(UpdaterKinds, RejectsBadBusinessHours) {
  auto bad = [](const json& hours) {
    return problems_of("business_record_activities",
                       {{"businessHours", hours}});
  };
  EXPECT_TRUE(has_path(bad({{"start", "9:00"}}), "/u/businessHours/start"));
  EXPECT_TRUE(has_path(bad({{"start", "24:00"}}), "/u/businessHours/start"));
  EXPECT_TRUE(has_path(bad({{"end", "17:60"}}), "/u/businessHours/end"));
  EXPECT_TRUE(has_path(bad({{"start", "18:00"}}), "/u/businessHours/end"));
  EXPECT_TRUE(has_path(bad({{"days", {0, 1}}}), "/u/businessHours/days/0"));
  EXPECT_TRUE(has_path(bad({{"days", {1, 8}}}), "/u/businessHours/days/1"));
  EXPECT_TRUE(has_path(bad({{"days", json::array()}}),
                       "/u/businessHours/days"));
  EXPECT_TRUE(has_path(bad({{"enabled", 1}}), "/u/businessHours/enabled"));
  EXPECT_TRUE(bad({{"end", "24:00"}, {"days", {6, 7}}}).empty());
  // The shortest activity must fit into the day.
  auto ps = problems_of(
    "business_record_activities",
    {{"businessHours", {{"start", "09:00"}, {"end", "09:30"}}},
     {"durationMinutes", {{"min", 45}, {"max", 60}}}});
  EXPECT_TRUE(has_path(ps, "/u/durationMinutes/min"));
}

TEST(UpdaterKinds, MakesNoGeneratorFromInvalidSettings) {
  auto k = dbu::gen::find_updater_kind("service_tickets");
  auto s = k->defaults();
  s["perRun"]["min"] = 7;
  EXPECT_EQ(k->make(s), nullptr);
}
