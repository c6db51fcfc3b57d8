#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

using namespace dbu::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// Nothing listens on port 1 of the loopback: connects are refused at once.
constexpr const char* unreachable_url = "postgresql://dbu_app@127.0.0.1:1/none";

} // namespace

TEST(ControlDatabase, ReportsAnUnreachableDatabaseAsDbUnavailable) {
  // The daemon starts and serves its socket without a database.
  daemon_fixture d{json::object(), unreachable_url};
  ASSERT_TRUE(d.ready()) << d.output();
  // Health: unhealthy, the database check failing with the code.
  auto health = ask(d.endpoint, "health");
  ASSERT_TRUE(health);
  ASSERT_EQ((*health)["ok"], true) << *health;
  EXPECT_EQ((*health)["result"]["status"], "unhealthy") << *health;
  auto& db = (*health)["result"]["checks"]["database"];
  EXPECT_EQ(db["ok"], false) << db;
  EXPECT_EQ(db["code"], "db_unavailable") << db;
  auto [rc, out] = d.tool({"health"});
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("unhealthy"), std::string::npos) << out;
  EXPECT_NE(out.find("db_unavailable"), std::string::npos) << out;
  // Execute: the run retries, then the reply is the error.
  auto exec = ask(d.endpoint, "execute", {{"updater", "business_records"}});
  expect_error(exec, "db_unavailable", "execute without a database");
  std::tie(rc, out) = d.tool({"execute", "service_tickets"});
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("db_unavailable"), std::string::npos) << out;
  // The failures show in the numbers, with the last error.
  std::tie(rc, out) = d.tool({"metrics"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("0.0%"), std::string::npos) << out;
  EXPECT_NE(out.find("the database is unreachable"), std::string::npos)
    << out;
  // A dry run needs the database as much.
  exec = ask(d.endpoint, "execute",
             {{"updater", "business_records"}, {"dryRun", true}});
  expect_error(exec, "db_unavailable", "dry run without a database");
}
