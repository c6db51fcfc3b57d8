#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace dbu::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// Nothing listens on port 1 of the loopback: connects are refused at once.
constexpr const char* unreachable_url = "postgresql://dbu_app@127.0.0.1:1/none";

// A loopback port that takes connections but never says a word: a client
// waits for the server's greeting until its own timeout.
class black_hole {
public:
  black_hole() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    listen(fd_, 1);
    socklen_t len = sizeof(addr);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }

  ~black_hole() {
    close(fd_);
  }

  black_hole(const black_hole&) = delete;
  black_hole& operator=(const black_hole&) = delete;

  /// @returns a database URL whose connects hang for ten minutes.
  std::string url() const {
    return "postgresql://dbu_app@127.0.0.1:" + std::to_string(port_)
           + "/none?connect_timeout=600";
  }

private:
  int fd_ = -1;
  int port_ = 0;
};

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

TEST(ControlDatabase, HealthFailsTheDatabaseCheckWhenTheServerNeverAnswers) {
  // Connects hang: every question to a db-writer waits behind one.
  black_hole hole;
  daemon_fixture d{json::object(), hole.url()};
  ASSERT_TRUE(d.ready()) << d.output();
  // The reply comes within the tool's default wait, the database failing.
  auto [rc, out] = d.tool({"health"});
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("unhealthy"), std::string::npos) << out;
  auto health = ask(d.endpoint, "health");
  ASSERT_TRUE(health);
  ASSERT_EQ((*health)["ok"], true) << *health;
  EXPECT_EQ((*health)["result"]["checks"]["database"]["ok"], false)
    << *health;
  EXPECT_EQ((*health)["result"]["checks"]["registry"]["ok"], true)
    << *health;
  EXPECT_EQ((*health)["result"]["checks"]["scheduler"]["ok"], true)
    << *health;
}
