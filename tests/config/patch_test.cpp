#include "config/config.hpp"
#include "generators/updater.hpp"

#include "helpers.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using nlohmann::json;
using testing::HasSubstr;
using namespace dbu::test;

namespace {

// The id of a second tenant.
const std::string other_id = "11111111-2222-3333-4444-555555555555";

// @returns a valid configuration of the default tenant and `other_id`.
dbu::config two_tenants() {
  auto c = dbu::make_config(
    {{"tenants", {{tenant_id, json::object()}, {other_id, json::object()}}}});
  EXPECT_TRUE(c) << dbu::render(c.error());
  return *c;
}

} // namespace

TEST(ConfigPatch, ChangesOneTenantsSchedule) {
  auto current = two_tenants();
  auto patch = json{{"tenants", {{other_id, {{"updaters",
    {{"service_tickets", {{"schedule", "@hourly"}}}}}}}}}};
  auto c = dbu::apply_patch(current, patch);
  ASSERT_TRUE(c) << dbu::render(c.error());
  ASSERT_EQ(c->tenants.size(), 2u);
  EXPECT_EQ(c->tenants[0].id, other_id);
  EXPECT_EQ(c->tenants[0].updaters[1].schedule, "@hourly");
  EXPECT_EQ(c->tenants[1].updaters[1].schedule, "0 0 */6 * * *");
  EXPECT_EQ(c->json["tenants"][other_id]["updaters"]["service_tickets"]
                   ["schedule"],
            "@hourly");
}

TEST(ConfigPatch, RemovesATenantSetToNull) {
  auto c = dbu::apply_patch(two_tenants(),
                            {{"tenants", {{other_id, nullptr}}}});
  ASSERT_TRUE(c) << dbu::render(c.error());
  ASSERT_EQ(c->tenants.size(), 1u);
  EXPECT_EQ(c->tenants[0].id, tenant_id);
}

TEST(ConfigPatch, AddsATenantWithTheTenantDefaults) {
  auto current = dbu::make_config(json::object());
  ASSERT_TRUE(current);
  auto c = dbu::apply_patch(*current,
                            {{"tenants", {{other_id, json::object()}}}});
  ASSERT_TRUE(c) << dbu::render(c.error());
  ASSERT_EQ(c->tenants.size(), 2u);
  EXPECT_EQ(c->tenants[0].customer_id, "cust-1");
  // The new tenant has every updater kind.
  EXPECT_EQ(c->tenants[0].id, other_id);
  EXPECT_EQ(c->tenants[0].updaters.size(), dbu::gen::updater_kinds().size());
}

TEST(ConfigPatch, RefusesToRemoveTheLastTenant) {
  auto current = dbu::make_config(json::object());
  ASSERT_TRUE(current);
  auto c = dbu::apply_patch(*current, {{"tenants", {{tenant_id, nullptr}}}});
  ASSERT_FALSE(c);
  EXPECT_THAT(dbu::render(c.error()), HasSubstr("/tenants: {} — no tenant"));
}

TEST(ConfigPatch, SaysADistributionMergesWhenItsSumIsOff) {
  auto current = dbu::make_config(json::object());
  ASSERT_TRUE(current);
  auto c = dbu::apply_patch(*current, {{"tenants", {{tenant_id, {{"updaters",
    {{"service_tickets", {{"issueDistribution", {{"paper_jam", 1}}}}}}}}}}}});
  ASSERT_FALSE(c);
  EXPECT_THAT(dbu::render(c.error()),
              HasSubstr("merges into the weights in force"));
}

TEST(ConfigPatch, RefusesToDropEveryTenantAtOnce) {
  // Without the tenants the default tenant would come back in their place.
  auto c = dbu::apply_patch(two_tenants(), {{"tenants", nullptr}});
  ASSERT_FALSE(c);
  EXPECT_EQ(dbu::code_of(c.error()), dbu::ec::invalid_config);
  EXPECT_THAT(dbu::render(c.error()),
              HasSubstr("/tenants: null — would drop every tenant"));
}

TEST(ConfigPatch, InvalidPatchLeavesTheConfigurationUntouched) {
  auto current = two_tenants();
  auto before = current.json;
  auto patch = json{{"execution", {{"maxConcurrentExecutions", 8}}},
                    {"logging", {{"level", "chatty"}}},
                    {"tenants", {{other_id, nullptr}}}};
  auto c = dbu::apply_patch(current, patch);
  ASSERT_FALSE(c);
  EXPECT_EQ(dbu::code_of(c.error()), dbu::ec::invalid_config);
  EXPECT_THAT(dbu::render(c.error()), HasSubstr("/logging/level: \"chatty\""));
  EXPECT_EQ(current.json, before);
  EXPECT_EQ(current.tenants.size(), 2u);
  EXPECT_EQ(current.execution.max_concurrent_executions, 4);
}

TEST(ConfigPatch, NullResetsAnOptionToItsDefault) {
  auto current = dbu::make_config({{"logging", {{"level", "debug"}}}});
  ASSERT_TRUE(current);
  auto c = dbu::apply_patch(*current, {{"logging", {{"level", nullptr}}}});
  ASSERT_TRUE(c) << dbu::render(c.error());
  EXPECT_EQ(c->logging.level, "info");
}

TEST(ConfigPatch, RemovedDistributionCategoryStaysRemoved) {
  auto current = dbu::make_config(json::object());
  ASSERT_TRUE(current);
  auto patch = json{{"tenants", {{tenant_id, {{"updaters",
    {{"business_record_activities",
      {{"typeDistribution", {{"note", nullptr}, {"call", 0.40}}}}}}}}}}}};
  auto c = dbu::apply_patch(*current, patch);
  ASSERT_TRUE(c) << dbu::render(c.error());
  auto& weights = c->tenants[0].updaters[0].settings["typeDistribution"];
  EXPECT_FALSE(weights.contains("note"));
  EXPECT_EQ(weights["call"], 0.40);
}

TEST(ConfigPatch, UnknownKeyInPatchIsRefused) {
  auto current = dbu::make_config(json::object());
  ASSERT_TRUE(current);
  auto c = dbu::apply_patch(*current, {{"loging", {{"level", "debug"}}}});
  ASSERT_FALSE(c);
  EXPECT_THAT(dbu::render(c.error()), HasSubstr("/loging: \"loging\" — "
                                                "unknown key"));
}
