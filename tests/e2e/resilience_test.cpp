#include "e2e/control_support.hpp"
#include "e2e/support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

using namespace dbu::test;
using namespace std::chrono_literals;

namespace {

// A PostgreSQL cluster of the test's own, which the test may stop.
class private_cluster {
public:
  private_cluster() {
    // The folder must be reachable by the server's user when run as root.
    auto base = std::getenv("DBU_TEST_SCRATCH");
    dir_ = (base != nullptr ? std::string{base} : scratch_dir()) + "/pg-"
           + std::to_string(getpid());
    chmod(std::filesystem::path{dir_}.parent_path().c_str(), 0755);
    port_ = std::to_string(free_port());
    start();
    auto [status, out] = run({"/bin/bash", tool("pg-cluster"), "setup",
                              "postgresql://postgres@127.0.0.1:" + port_
                                + "/postgres",
                              "crm", "dbu_app"});
    EXPECT_EQ(status, 0) << out;
  }

  ~private_cluster() {
    stop();
  }

  void start() {
    auto [status, out] = run(
      {"/bin/bash", tool("pg-cluster"), "start", dir_, port_});
    ASSERT_EQ(status, 0) << out;
  }

  void stop() {
    run({"/bin/bash", tool("pg-cluster"), "stop", dir_});
  }

  std::string url() const {
    return "postgresql://dbu_app@127.0.0.1:" + port_ + "/crm";
  }

private:
  static std::string tool(const char* name) {
    return std::string{DBU_SOURCE_DIR} + "/tools/" + name;
  }

  static int free_port() {
    auto fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socklen_t len = sizeof(addr);
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
  }

  std::string dir_;
  std::string port_;
};

int64_t runs(const std::string& url, const std::string& status) {
  return count(url, "SELECT count(*) FROM updater_runs WHERE updater <> "
                    "'seed' AND status = '"
                      + status + "'");
}

} // namespace

TEST(Resilience, KeepsRunningWhileTheDatabaseIsAwayAndResumes) {
  // The daemon writes every second against a server we control.
  private_cluster pg;
  auto dir = scratch_dir();
  auto cfg = config_file(dir, fast_config(dir, "* * * * * *"));
  process daemon{{daemon_bin(), "--config", cfg},
                 {{"DATABASE_URL", pg.url()}},
                 dir + "/daemon.log"};
  ASSERT_TRUE(eventually(30s, [&] { return runs(pg.url(), "succeeded") > 0; }))
    << daemon.output();
  // Stop the server for a while: runs fail, the daemon stays up.
  pg.stop();
  std::this_thread::sleep_for(8s);
  pg.start();
  // Back: failed runs are recorded and new fires succeed again.
  auto before = runs(pg.url(), "succeeded");
  auto recovered = eventually(60s, [&] {
    return runs(pg.url(), "failed") > 0 && runs(pg.url(), "succeeded") > before;
  });
  daemon.signal(SIGTERM);
  auto status = daemon.wait(60s);
  auto out = daemon.output();
  EXPECT_TRUE(recovered) << out;
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("cannot reach the database (attempt"), std::string::npos)
    << out;
  // One line per reconnect attempt, not one per failed call.
  auto lines = [&](const std::string& needle) {
    size_t n = 0;
    for (auto pos = out.find(needle); pos != std::string::npos;
         pos = out.find(needle, pos + 1))
      ++n;
    return n;
  };
  EXPECT_LE(lines("cannot reach the database"), 8u) << out;
}

TEST(Resilience, StartsWhileTheDatabaseIsAwayAndCatchesUp) {
  private_cluster pg;
  pg.stop();
  auto dir = scratch_dir();
  auto cfg = config_file(dir, fast_config(dir, "* * * * * *"));
  process daemon{{daemon_bin(), "--config", cfg},
                 {{"DATABASE_URL", pg.url()}},
                 dir + "/daemon.log"};
  std::this_thread::sleep_for(3s);
  pg.start();
  auto ok = eventually(60s, [&] { return runs(pg.url(), "succeeded") > 0; });
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait(60s), 0) << daemon.output();
  EXPECT_TRUE(ok) << daemon.output();
}

TEST(Resilience, RunOnceMisfirePolicyRunsTheLatestMissedFireOnce) {
  // A yearly schedule whose latest fire is in the past.
  auto url = fresh_database("e2e");
  auto dir = scratch_dir();
  auto json = fast_config(dir, "0 0 1 1 *");
  json["execution"] = {{"misfirePolicy", "run_once"}};
  auto cfg = config_file(dir, json);
  for (int i = 0; i < 2; ++i) {
    process daemon{{daemon_bin(), "--config", cfg},
                   {{"DATABASE_URL", url}},
                   dir + "/daemon-" + std::to_string(i) + ".log"};
    auto done = eventually(30s, [&] {
      return daemon.output().find("finished run") != std::string::npos
             || daemon.output().find("skipped run") != std::string::npos;
    });
    daemon.signal(SIGTERM);
    EXPECT_EQ(daemon.wait(60s), 0) << daemon.output();
    EXPECT_TRUE(done) << daemon.output();
  }
  // Both starts agree on the fire; it was written once.
  EXPECT_EQ(count(url, "SELECT count(*) FROM updater_runs WHERE trigger = "
                       "'schedule' AND fire_time = date_trunc('year', "
                       "now() AT TIME ZONE 'America/New_York') AT TIME ZONE "
                       "'America/New_York'"),
            3);
}

TEST(Resilience, NamesTheFailedRunsItStopsWithoutRecording) {
  // The database never comes: the failed run waits to be recorded until
  // the daemon stops, which says so rather than drop it silently.
  daemon_fixture d{nlohmann::json::object(),
                   "postgresql://nobody@127.0.0.1:1/none"};
  ASSERT_TRUE(d.ready()) << d.output();
  auto reply = ask(d.endpoint, "execute", {{"updater", "business_records"}});
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)["ok"], false) << *reply;
  d.proc->signal(SIGTERM);
  EXPECT_EQ(d.proc->wait(60s), 0) << d.output();
  EXPECT_NE(d.output().find("stops without recording failed run"),
            std::string::npos)
    << d.output();
}
