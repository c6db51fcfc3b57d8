#include "config/config.hpp"

#include "generators/updater.hpp"

#include <gtest/gtest.h>

#include <fstream>

using nlohmann::json;

namespace {

// @returns the example configuration shipped beside the code.
json shipped_example() {
  std::ifstream in{DBU_SOURCE_DIR "/config/db-updater.json"};
  return json::parse(in);
}

} // namespace

TEST(ConfigDefaults, AreValid) {
  EXPECT_EQ(dbu::describe(dbu::validate(dbu::default_config_json())), "");
}

TEST(ConfigDefaults, ShippedExampleListsEveryDefault) {
  // The example and the code must never drift apart. Only the tenant's
  // zone is left out, so that the top-level one (and with it
  // DATABASE_UPDATER_TIMEZONE) applies to the tenant.
  auto expected = dbu::default_config_json();
  auto id = std::string{dbu::default_tenant_id};
  expected["tenants"][id].erase("timezone");
  EXPECT_EQ(shipped_example(), expected);
}

TEST(ConfigDefaults, ShippedExampleTakesTheZoneOfTheEnvironment) {
  // As `tools/run` starts it, with DATABASE_UPDATER_TIMEZONE set.
  dbu::run_options opts;
  opts.config_file = DBU_SOURCE_DIR "/config/db-updater.json";
  auto env = [](const char* name) -> std::optional<std::string> {
    if (std::string_view{name} == "DATABASE_UPDATER_TIMEZONE")
      return "Europe/Berlin";
    return std::nullopt;
  };
  auto c = dbu::load_config(opts, env);
  ASSERT_TRUE(c) << dbu::render(c.error());
  EXPECT_EQ(c->timezone, "Europe/Berlin");
  ASSERT_EQ(c->tenants.size(), 1u);
  EXPECT_EQ(c->tenants[0].timezone, "Europe/Berlin");
}

TEST(ConfigDefaults, ShippedExampleLoadsAsIs) {
  auto c = dbu::make_config(shipped_example());
  ASSERT_TRUE(c) << dbu::render(c.error());
  EXPECT_EQ(c->json, dbu::default_config_json());
}

TEST(ConfigDefaults, EmptyConfigurationIsTheDefaults) {
  auto c = dbu::make_config(json::object());
  ASSERT_TRUE(c) << dbu::render(c.error());
  EXPECT_EQ(c->json, dbu::default_config_json());
  EXPECT_EQ(c->timezone, "UTC");
  EXPECT_EQ(c->execution.max_concurrent_executions, 4);
  EXPECT_EQ(c->execution.queue_capacity, 1000);
  EXPECT_EQ(c->execution.execution_timeout_seconds, 300);
  EXPECT_EQ(c->execution.misfire_policy, "skip");
  EXPECT_EQ(c->logging.level, "info");
  EXPECT_EQ(c->logging.directory, "logs");
  EXPECT_EQ(c->logging.retention_days, 14);
  EXPECT_EQ(c->control.endpoint, "tcp://127.0.0.1:5555");
  EXPECT_EQ(c->database.url, "postgresql://localhost:5432/db_updater");
  EXPECT_EQ(c->database.pool_size, 2);
}

TEST(ConfigDefaults, HaveTheDefaultTenantWithEveryUpdaterEnabled) {
  auto c = dbu::make_config(json::object());
  ASSERT_TRUE(c) << dbu::render(c.error());
  ASSERT_EQ(c->tenants.size(), 1u);
  auto& t = c->tenants[0];
  EXPECT_EQ(t.id, "550e8400-e29b-41d4-a716-446655440000");
  EXPECT_EQ(t.customer_id, "cust-1");
  EXPECT_EQ(t.timezone, "UTC");
  auto& kinds = dbu::gen::updater_kinds();
  ASSERT_EQ(t.updaters.size(), kinds.size());
  for (size_t i = 0; i < kinds.size(); ++i) {
    EXPECT_EQ(t.updaters[i].name, kinds[i].name);
    EXPECT_TRUE(t.updaters[i].enabled);
    EXPECT_EQ(t.updaters[i].schedule, kinds[i].default_schedule);
    EXPECT_EQ(t.updaters[i].settings, kinds[i].defaults());
  }
}

TEST(ConfigNormalize, UserTenantsReplaceTheDefaultTenant) {
  auto id = "11111111-2222-3333-4444-555555555555";
  auto c = dbu::make_config({{"tenants", {{id, json::object()}}}});
  ASSERT_TRUE(c) << dbu::render(c.error());
  ASSERT_EQ(c->tenants.size(), 1u);
  EXPECT_EQ(c->tenants[0].id, id);
}

TEST(ConfigNormalize, TenantMissingFieldsGetTheTenantDefaults) {
  auto id = "11111111-2222-3333-4444-555555555555";
  auto user = json{{"timezone", "Europe/Berlin"},
                   {"tenants", {{id, {{"customerId", "cust-9"}}}}}};
  auto c = dbu::make_config(user);
  ASSERT_TRUE(c) << dbu::render(c.error());
  auto& t = c->tenants.at(0);
  EXPECT_EQ(t.customer_id, "cust-9");
  EXPECT_EQ(t.timezone, "Europe/Berlin");
  EXPECT_EQ(t.updaters.size(), dbu::gen::updater_kinds().size());
}

TEST(ConfigNormalize, TenantKeepsItsOwnTimezone) {
  auto id = "11111111-2222-3333-4444-555555555555";
  auto user = json{{"timezone", "Europe/Berlin"},
                   {"tenants", {{id, {{"timezone", "America/Chicago"}}}}}};
  auto c = dbu::make_config(user);
  ASSERT_TRUE(c) << dbu::render(c.error());
  EXPECT_EQ(c->tenants.at(0).timezone, "America/Chicago");
  EXPECT_EQ(c->timezone, "Europe/Berlin");
}

TEST(ConfigNormalize, PartialSettingsMergeOverTheKindDefaults) {
  auto id = std::string{dbu::default_tenant_id};
  auto user = json::parse(R"({"tenants": {")" + id + R"(": {"updaters": {
    "service_tickets": {"enabled": false, "perRun": {"max": 5}}}}}})");
  auto c = dbu::make_config(user);
  ASSERT_TRUE(c) << dbu::render(c.error());
  auto& tickets = c->tenants.at(0).updaters.at(1);
  ASSERT_EQ(tickets.name, "service_tickets");
  EXPECT_FALSE(tickets.enabled);
  EXPECT_EQ(tickets.schedule, "0 0 */6 * * *");
  EXPECT_EQ(tickets.settings["perRun"], (json{{"min", 1}, {"max", 5}}));
  EXPECT_FALSE(tickets.settings.contains("enabled"));
  EXPECT_FALSE(tickets.settings.contains("schedule"));
  EXPECT_TRUE(tickets.settings.contains("issueDistribution"));
}

TEST(ConfigNormalize, DistributionReplacesTheDefaultAsAWhole) {
  auto id = std::string{dbu::default_tenant_id};
  auto user = json::parse(R"({"tenants": {")" + id + R"(": {"updaters": {
    "business_records": {"industryDistribution":
      {"legal": 0.5, "finance": 0.5}}}}}})");
  auto c = dbu::make_config(user);
  ASSERT_TRUE(c) << dbu::render(c.error());
  auto& leads = c->tenants.at(0).updaters.at(2);
  ASSERT_EQ(leads.name, "business_records");
  EXPECT_EQ(leads.settings["industryDistribution"],
            (json{{"legal", 0.5}, {"finance", 0.5}}));
}
