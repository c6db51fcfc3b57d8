#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

using namespace dbu::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// A second tenant, so that removing one leaves a valid configuration.
constexpr const char* other_tenant = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";

// Runs `updater` now. @returns the one run's result.
json execute(const daemon_fixture& d, const std::string& updater) {
  auto reply = ask(d.endpoint, "execute", {{"updater", updater},
                                           {"tenant", default_tenant}});
  EXPECT_TRUE(reply && (*reply)["ok"] == true) << reply.value_or(json{});
  return reply ? (*reply)["result"]["runs"][0] : json{};
}

} // namespace

TEST(ControlSettings, ConfigSetAppliesGenerationSettingsFromTheNextRun) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  // One lead per run by default.
  EXPECT_EQ(execute(d, "business_records")["rows"]["business_records"], 1);
  // Three per run from now on; the schedule stays as it was.
  auto reply = ask(d.endpoint, "config.set",
                   {{"patch", updater_patch("business_records",
                                            {{"perRun",
                                              {{"min", 3}, {"max", 3}}}})}});
  ASSERT_TRUE(reply);
  ASSERT_EQ((*reply)["ok"], true) << *reply;
  EXPECT_EQ((*reply)["result"]["changedSettings"], 1);
  EXPECT_EQ((*reply)["result"]["changedJobs"], 0);
  // The next run writes three rows, and the database has them.
  auto run = execute(d, "business_records");
  EXPECT_EQ(run["status"], "succeeded") << run;
  EXPECT_EQ(run["rows"]["business_records"], 3) << run;
  EXPECT_EQ(count(d.url, "SELECT count(*) FROM business_records WHERE "
                         "run_id = '"
                           + run.value("runId", std::string{}) + "'"),
            3);
  // The effective configuration says so too.
  auto cfg = ask(d.endpoint, "config.get");
  EXPECT_EQ((*cfg)["result"]["tenants"][default_tenant]["updaters"]
                ["business_records"]["perRun"]["max"],
            3);
}

TEST(ControlSettings, RefusesWhatNeedsARestartNamingThePath) {
  json two{{"tenants", {{other_tenant, {{"timezone", "Europe/Berlin"}}}}}};
  daemon_fixture d{two};
  ASSERT_TRUE(d.ready()) << d.output();
  auto before = ask(d.endpoint, "config.get");
  // Each change names its path; none takes effect.
  std::vector<std::pair<json, std::string>> cases{
    {{{"database", {{"url", "postgresql://elsewhere/db"}}}},
     "Changing /database/url needs a restart"},
    {{{"database", {{"poolSize", 5}}}},
     "Changing /database/poolSize needs a restart"},
    {{{"control", {{"endpoint", "ipc:///tmp/elsewhere.sock"}}}},
     "Changing /control/endpoint needs a restart"},
    {{{"tenants", {{default_tenant, {{"timezone", "Asia/Tokyo"}}}}}},
     std::string{"Changing /tenants/"} + default_tenant
       + "/timezone needs a restart"},
    {{{"tenants",
       {{"00000000-0000-4000-8000-000000000001", json::object()}}}},
     "Adding /tenants/00000000-0000-4000-8000-000000000001 needs a "
     "restart"},
    {{{"tenants", {{other_tenant, nullptr}}}},
     std::string{"Removing /tenants/"} + other_tenant + " needs a restart"},
    // With a restart-needing change, a settings change is refused too.
    {{{"database", {{"poolSize", 3}}},
      {"tenants",
       {{default_tenant,
         {{"updaters",
           {{"business_records", {{"perRun", {{"min", 2}, {"max", 2}}}}}}}}}}}},
     "Changing /database/poolSize needs a restart"},
  };
  for (auto& [patch, message] : cases) {
    auto reply = ask(d.endpoint, "config.set", {{"patch", patch}});
    expect_error(reply, "invalid_config", patch.dump());
    EXPECT_NE((*reply)["error"]["message"].get<std::string>().find(message),
              std::string::npos)
      << *reply;
  }
  // Several such changes in one patch are each named.
  auto reply = ask(d.endpoint, "config.set",
                   {{"patch",
                     {{"database", {{"poolSize", 4}}},
                      {"execution", {{"queueCapacity", 7}}}}}});
  expect_error(reply, "invalid_config", "two restart-needing changes");
  auto message = (*reply)["error"]["message"].get<std::string>();
  EXPECT_NE(message.find("/database/poolSize"), std::string::npos) << message;
  EXPECT_NE(message.find("/execution/queueCapacity"), std::string::npos)
    << message;
  EXPECT_NE(message.find("need a restart"), std::string::npos) << message;
  // An updater that no kind has is invalid and names its path.
  reply = ask(d.endpoint, "config.set",
              {{"patch", updater_patch("phone_calls", json::object())}});
  expect_error(reply, "invalid_config", "unknown updater");
  EXPECT_NE((*reply)["error"]["message"].get<std::string>().find(
              "phone_calls"),
            std::string::npos)
    << *reply;
  EXPECT_EQ(ask(d.endpoint, "config.get"), before);
  EXPECT_EQ(execute(d, "business_records")["rows"]["business_records"], 1);
}
