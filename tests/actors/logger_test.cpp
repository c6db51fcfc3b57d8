#include "actors/logger.hpp"

#include <caf/scheduler/test_coordinator.hpp>
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>

using namespace dbu;
using namespace std::chrono_literals;

namespace fs = std::filesystem;

namespace {

using std::chrono::sys_days;

/// @returns a fresh folder for one test.
std::string scratch() {
  char tmpl[] = "/tmp/dbu-logs-XXXXXX";
  return mkdtemp(tmpl);
}

/// @returns the name of the daily file of `day`.
std::string daily(sys_days day) {
  std::chrono::year_month_day ymd{day};
  char buf[32];
  std::snprintf(buf, sizeof(buf), "db-updater-%04d-%02u-%02u.log",
                int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buf;
}

/// @returns the local date, which names today's daily file.
sys_days today() {
  auto now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return sys_days{std::chrono::year{tm.tm_year + 1900}
                  / std::chrono::month(unsigned(tm.tm_mon + 1))
                  / std::chrono::day(unsigned(tm.tm_mday))};
}

void touch(const std::string& dir, const std::string& name) {
  std::ofstream{dir + "/" + name} << "a line\n";
}

std::set<std::string> files(const std::string& dir) {
  std::set<std::string> out;
  for (auto& entry : fs::directory_iterator{dir})
    out.insert(entry.path().filename().string());
  return out;
}

constexpr sys_days march_20 = sys_days{std::chrono::year{2024} / 3 / 20};

} // namespace

TEST(LogRetention, DeletesDailyFilesOlderThanTheRetentionInDays) {
  // Files of a few days with gaps between them, and files of other names.
  auto dir = scratch();
  for (auto back : {0, 1, 4, 5, 19, 80})
    touch(dir, daily(march_20 - std::chrono::days{back}));
  for (auto name : {"other.log", "db-updater-2024-01-01.log.1",
                    "db-updater-2024-02-30.log", "db-updater-current.log",
                    "db-updater-24-01-01.log"})
    touch(dir, name);
  fs::create_directory(dir + "/db-updater-2024-01-02.log");
  // Five days kept: 16 to 20 March, whatever lies between them.
  auto removed = prune_logs(dir, 5, march_20);
  EXPECT_EQ(std::set<std::string>(removed.begin(), removed.end()),
            (std::set<std::string>{"db-updater-2024-03-15.log",
                                   "db-updater-2024-03-01.log",
                                   "db-updater-2023-12-31.log"}));
  EXPECT_EQ(files(dir),
            (std::set<std::string>{
              "db-updater-2024-03-20.log", "db-updater-2024-03-19.log",
              "db-updater-2024-03-16.log", "other.log",
              "db-updater-2024-01-01.log.1", "db-updater-2024-02-30.log",
              "db-updater-current.log", "db-updater-24-01-01.log",
              "db-updater-2024-01-02.log"}));
  fs::remove_all(dir);
}

TEST(LogRetention, OneDayKeepsOnlyTodaysFile) {
  auto dir = scratch();
  touch(dir, daily(march_20));
  touch(dir, daily(march_20 - std::chrono::days{1}));
  prune_logs(dir, 1, march_20);
  EXPECT_EQ(files(dir), (std::set<std::string>{daily(march_20)}));
  fs::remove_all(dir);
}

TEST(LogRetention, LoggerDeletesOldFilesAtStartAndThenOnceADay) {
  // An actor system whose clock the test moves.
  caf::actor_system_config cfg;
  register_messages(cfg);
  cfg.set("scheduler.policy", caf::atom("testing"));
  caf::actor_system sys{cfg};
  auto& sched = dynamic_cast<caf::scheduler::test_coordinator&>(
    sys.scheduler());
  // At start: the file of 20 days ago goes, yesterday's stays.
  auto dir = scratch();
  auto now = today();
  touch(dir, daily(now - std::chrono::days{20}));
  touch(dir, daily(now - std::chrono::days{1}));
  logging_config log;
  log.directory = dir;
  log.retention_days = 7;
  auto actor = sys.spawn(logger, log);
  sched.run();
  EXPECT_EQ(files(dir),
            (std::set<std::string>{daily(now - std::chrono::days{1})}));
  // A file past the retention that shows up later goes a day later.
  touch(dir, daily(now - std::chrono::days{8}));
  sched.clock().advance_time(23h);
  sched.run();
  EXPECT_EQ(files(dir).size(), 2u);
  sched.clock().advance_time(1h);
  sched.run();
  EXPECT_EQ(files(dir),
            (std::set<std::string>{daily(now - std::chrono::days{1})}));
  caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
  sched.run();
  fs::remove_all(dir);
}
