#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

using namespace dbu::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// @returns the result of `health`.
json health_of(const daemon_fixture& d) {
  auto reply = ask(d.endpoint, "health");
  EXPECT_TRUE(reply && (*reply)["ok"] == true) << reply.value_or(json{});
  return reply ? (*reply)["result"] : json{};
}

} // namespace

TEST(ControlHealth, IsDegradedWhileAJobsLastRunFailed) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  // Every job has an actor and a next fire.
  auto health = health_of(d);
  EXPECT_EQ(health["status"], "healthy") << health;
  auto& updaters = health["checks"]["updaters"];
  EXPECT_EQ(updaters["ok"], true) << health;
  EXPECT_EQ(updaters["jobs"], kinds()) << health;
  EXPECT_TRUE(updaters["missing"].empty()) << health;
  EXPECT_TRUE(updaters["unarmed"].empty()) << health;
  // The database refuses new leads: the run fails, the rest is fine.
  {
    pqxx::connection c{d.url};
    pqxx::work tx{c};
    tx.exec("ALTER TABLE business_records ADD CONSTRAINT refuse_all CHECK "
            "(false) NOT VALID");
    tx.commit();
  }
  auto [rc, out] = d.tool({"execute", "business_records"});
  EXPECT_EQ(rc, 1) << out;
  health = health_of(d);
  EXPECT_EQ(health["status"], "degraded") << health;
  EXPECT_EQ(health["checks"]["database"]["ok"], true) << health;
  EXPECT_EQ(health["checks"]["updaters"]["ok"], false) << health;
  EXPECT_EQ(health["checks"]["updaters"]["failing"],
            json::array({std::string{default_tenant} + "/business_records"}))
    << health;
  std::tie(rc, out) = d.tool({"health"});
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("degraded"), std::string::npos) << out;
  EXPECT_NE(out.find("updaters"), std::string::npos) << out;
  // Once the job's run succeeds again, so does health.
  {
    pqxx::connection c{d.url};
    pqxx::work tx{c};
    tx.exec("ALTER TABLE business_records DROP CONSTRAINT refuse_all");
    tx.commit();
  }
  std::tie(rc, out) = d.tool({"execute", "business_records"});
  EXPECT_EQ(rc, 0) << out;
  std::tie(rc, out) = d.tool({"health"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("healthy"), std::string::npos) << out;
}
