// Runs that take long, made so by a lock the test holds on a table they
// write: timeouts, and stopping with a run in flight.

#include "e2e/support.hpp"

#include <gtest/gtest.h>

#include <string_view>

using namespace dbu::test;
using namespace std::chrono_literals;

namespace {

// A configuration in which only `updater` is enabled, on `schedule`.
nlohmann::json only(const std::string& dir, std::string_view updater,
                    const std::string& schedule) {
  auto cfg = fast_config(dir, schedule);
  auto& updaters = cfg["tenants"][default_tenant]["updaters"];
  for (auto& kind : dbu::gen::updater_kinds())
    updaters[std::string{kind.name}]["enabled"] = kind.name == updater;
  return cfg;
}

// Creates the schema and the tenant's starting data at `url`.
void prepare(const std::string& url) {
  auto dir = scratch_dir();
  auto cfg = config_file(dir, only(dir, "", "0 0 1 1 *"));
  auto [status, out] = run({daemon_bin(), "--config", cfg, "--once"},
                           {{"DATABASE_URL", url}});
  ASSERT_EQ(status, 0) << out;
}

// @returns how many runs of `updater` by `trigger` ended with `status`.
int64_t runs(const std::string& url, const std::string& updater,
             const std::string& trigger, const std::string& status) {
  return count(url, "SELECT count(*) FROM updater_runs WHERE updater = '"
                      + updater + "' AND trigger = '" + trigger
                      + "' AND status = '" + status + "'");
}

// Waits until the output of `p` has `needle`.
bool says(const process& p, const std::string& needle) {
  return eventually(30s, [&] {
    return p.output().find(needle) != std::string::npos;
  });
}

// Stops a daemon with `sig` while its scheduled run waits for a lock,
// then lets the run go on.
void stop_during_a_run(int sig, const std::string& name) {
  // One job fires every second; its first run waits for the lock.
  auto url = fresh_database("e2e");
  prepare(url);
  auto dir = scratch_dir();
  auto cfg = config_file(dir, only(dir, "business_records", "* * * * * *"));
  table_lock lock{url, "business_records"};
  process daemon{{daemon_bin(), "--config", cfg},
                 {{"DATABASE_URL", url}},
                 dir + "/daemon.log"};
  ASSERT_TRUE(eventually(30s, [&] {
    return someone_waits_for(url, "business_records");
  })) << daemon.output();
  // The signal arrives while the run waits; then the lock goes.
  daemon.signal(sig);
  ASSERT_TRUE(says(daemon, "daemon received " + name)) << daemon.output();
  lock.release();
  // The run committed before the daemon exited 0.
  EXPECT_EQ(daemon.wait(60s), 0) << daemon.output();
  auto out = daemon.output();
  EXPECT_EQ(runs(url, "business_records", "schedule", "succeeded"), 1)
    << out;
  EXPECT_EQ(count(url, "SELECT count(*) FROM business_records b JOIN "
                       "updater_runs r USING (tenant_id, run_id) WHERE "
                       "r.trigger = 'schedule'"),
            1);
  EXPECT_LT(out.find("finished run"), out.find("daemon stopped")) << out;
}

} // namespace

TEST(RunTimeout, SlowWriteIsCancelledRolledBackAndRecordedAsFailed) {
  // A run with a second to write a table the test holds locked.
  auto url = fresh_database("e2e");
  prepare(url);
  auto leads = "SELECT count(*) FROM business_records";
  auto before = count(url, leads);
  auto dir = scratch_dir();
  auto json = only(dir, "business_records", "0 0 1 1 *");
  json["execution"] = {{"executionTimeoutSeconds", 1}};
  auto cfg = config_file(dir, json);
  table_lock lock{url, "business_records"};
  auto [status, out] = run({daemon_bin(), "--config", cfg, "--once"},
                           {{"DATABASE_URL", url}});
  // The server cancelled it: the run failed and says why.
  lock.release();
  EXPECT_EQ(status, 1) << out;
  EXPECT_NE(out.find("ran out of time (executionTimeoutSeconds)"),
            std::string::npos)
    << out;
  // Nothing written; the ledger has the failure.
  EXPECT_EQ(count(url, leads), before);
  EXPECT_EQ(count(url, "SELECT count(*) FROM updater_runs WHERE updater = "
                       "'business_records' AND status = 'failed' AND error "
                       "LIKE '%ran out of time%'"),
            1)
    << out;
}

TEST(Stop, SigtermLetsTheRunInFlightCommitBeforeTheExit) {
  stop_during_a_run(SIGTERM, "SIGTERM");
}

TEST(Stop, SigintLetsTheRunInFlightCommitBeforeTheExit) {
  stop_during_a_run(SIGINT, "SIGINT");
}

TEST(Stop, SigintDuringOnceFinishesTheRunInFlightAndStartsNoOther) {
  // One slot: the first job's run waits for the lock, the others queue.
  auto url = fresh_database("e2e");
  prepare(url);
  auto dir = scratch_dir();
  auto json = fast_config(dir, "0 0 1 1 *");
  json["execution"] = {{"maxConcurrentExecutions", 1}};
  auto cfg = config_file(dir, json);
  table_lock lock{url, "business_record_activities"};
  process daemon{{daemon_bin(), "--config", cfg, "--once"},
                 {{"DATABASE_URL", url}},
                 dir + "/daemon.log"};
  ASSERT_TRUE(eventually(30s, [&] {
    return someone_waits_for(url, "business_record_activities");
  })) << daemon.output();
  // Ctrl-C stops it, once the run in flight ended.
  daemon.signal(SIGINT);
  ASSERT_TRUE(says(daemon, "daemon received SIGINT")) << daemon.output();
  lock.release();
  EXPECT_EQ(daemon.wait(60s), 1) << daemon.output();
  auto out = daemon.output();
  // The run in flight committed; the waiting ones never started.
  EXPECT_EQ(runs(url, "business_record_activities", "manual", "succeeded"),
            1)
    << out;
  EXPECT_EQ(count(url, "SELECT count(*) FROM updater_runs WHERE updater NOT "
                       "IN ('seed', 'business_record_activities')"),
            0)
    << out;
  EXPECT_NE(out.find("the run did not start"), std::string::npos) << out;
}
