#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

using namespace dbu::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// @returns the object of `updater` of the default tenant in `cfg`.
json updater_of(const json& cfg, const std::string& updater) {
  return cfg["tenants"][default_tenant]["updaters"][updater];
}

// @returns the effective configuration.
json config_of(const daemon_fixture& d) {
  auto reply = ask(d.endpoint, "config.get");
  EXPECT_TRUE(reply && (*reply)["ok"] == true) << reply.value_or(json{});
  return reply ? (*reply)["result"] : json{};
}

} // namespace

TEST(ControlConfig, OverlappingSetsAllTakeEffect) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  // Two patches back to back, the second sent before the first is answered.
  dealer_client c{d.endpoint};
  c.send("a", "config.set",
         {{"patch", updater_patch("business_records",
                                  {{"schedule", "0 0 12 * * *"},
                                   {"perRun", {{"min", 2}, {"max", 2}}}})}});
  c.send("b", "config.set",
         {{"patch", updater_patch("service_tickets",
                                  {{"schedule", "0 0 13 * * *"}})}});
  for (int i = 0; i < 2; ++i) {
    auto reply = c.receive();
    ASSERT_TRUE(reply) << "no reply";
    EXPECT_EQ((*reply)["ok"], true) << *reply;
  }
  // Both are in the effective configuration and in the jobs.
  auto cfg = config_of(d);
  EXPECT_EQ(updater_of(cfg, "business_records")["schedule"], "0 0 12 * * *");
  EXPECT_EQ(updater_of(cfg, "business_records")["perRun"]["max"], 2);
  EXPECT_EQ(updater_of(cfg, "service_tickets")["schedule"], "0 0 13 * * *");
  auto status = ask(d.endpoint, "status");
  std::map<std::string, json> schedules;
  for (auto& job : (*status)["result"]["jobs"])
    schedules[job["updater"].get<std::string>()] = job["schedule"];
  EXPECT_EQ(schedules["business_records"], "0 0 12 * * *");
  EXPECT_EQ(schedules["service_tickets"], "0 0 13 * * *");
}
