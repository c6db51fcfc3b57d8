#include "e2e/support.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace dbu::test;
using namespace std::chrono_literals;

namespace {

// Rows of the three tables that scheduled runs wrote.
int64_t scheduled_rows(const std::string& url, const std::string& table) {
  return count(url, "SELECT count(*) FROM " + table
                      + " t JOIN updater_runs r USING (tenant_id, run_id)"
                        " WHERE r.trigger = 'schedule'");
}

} // namespace

TEST(Daemon, FillsAllThreeTablesOnSchedule) {
  // Start the daemon with schedules every two seconds.
  auto url = fresh_database("e2e");
  auto dir = scratch_dir();
  auto cfg = config_file(dir, fast_config(dir, "*/2 * * * * *"));
  process daemon{{daemon_bin(), "--config", cfg},
                 {{"DATABASE_URL", url}},
                 dir + "/daemon.log"};
  // Rows arrive in every table.
  auto filled = eventually(40s, [&] {
    return scheduled_rows(url, "business_records") > 0
           && scheduled_rows(url, "business_record_activities") > 0
           && scheduled_rows(url, "service_tickets") > 0;
  });
  daemon.signal(SIGTERM);
  auto status = daemon.wait(60s);
  auto out = daemon.output();
  ASSERT_TRUE(filled) << out;
  EXPECT_EQ(status, 0) << out;
  // Its control socket is its own, not the default one of every daemon.
  EXPECT_NE(out.find("control listening on ipc:///tmp/dbu-e2e-"),
            std::string::npos)
    << out;
  // The new tenant's starting data is announced, its run names the daemon.
  EXPECT_NE(out.find("db-writer seeded 1 tenant(s)"), std::string::npos)
    << out;
  EXPECT_EQ(count(url, "SELECT count(*) FROM updater_runs WHERE updater ="
                       " 'seed' AND instance LIKE '%:%'"),
            1);
  // Each run's ledger entry counts exactly the rows that carry its id.
  auto mismatches = count(url, R"(
    SELECT count(*) FROM updater_runs r
    WHERE r.status = 'succeeded' AND r.updater <> 'seed' AND
      coalesce((r.rows_written ->> r.updater)::bigint, 0) <>
      CASE r.updater
        WHEN 'business_records' THEN (SELECT count(*) FROM business_records b
          WHERE b.tenant_id = r.tenant_id AND b.run_id = r.run_id)
        WHEN 'business_record_activities' THEN (SELECT count(*)
          FROM business_record_activities a
          WHERE a.tenant_id = r.tenant_id AND a.run_id = r.run_id)
        ELSE (SELECT count(*) FROM service_tickets s
          WHERE s.tenant_id = r.tenant_id AND s.run_id = r.run_id)
      END)");
  EXPECT_EQ(mismatches, 0);
  // Runs two seconds apart: ticket numbers still follow creation.
  EXPECT_EQ(count(url, "SELECT count(*) FROM service_tickets a"
                       " JOIN service_tickets b ON a.tenant_id = b.tenant_id"
                       " AND a.ticket_number < b.ticket_number"
                       " AND a.created_at > b.created_at"),
            0);
  // Every row was written by a recorded run.
  EXPECT_EQ(count(url, "SELECT count(*) FROM service_tickets s WHERE NOT "
                       "EXISTS (SELECT 1 FROM updater_runs r WHERE "
                       "r.run_id = s.run_id)"),
            0);
  // The daily log file names updater, tenant and run id on run lines.
  auto found = false;
  for (auto& entry : std::filesystem::directory_iterator{dir + "/logs"}) {
    auto name = entry.path().filename().string();
    EXPECT_EQ(name.rfind("db-updater-", 0), 0u) << name;
    std::ifstream in{entry.path()};
    std::string line;
    while (std::getline(in, line))
      found |= line.find("finished run") != std::string::npos
               && line.find(default_tenant) != std::string::npos
               && line.find("service_tickets") != std::string::npos;
  }
  EXPECT_TRUE(found) << "no run line in the daily log";
}

TEST(Daemon, TwoDaemonsWriteEachFireOnce) {
  // Two daemons on one database, every updater firing every second.
  auto url = fresh_database("e2e");
  auto dir = scratch_dir();
  auto cfg = config_file(dir, fast_config(dir, "* * * * * *"));
  process first{{daemon_bin(), "--config", cfg},
                {{"DATABASE_URL", url}},
                dir + "/first.log"};
  process second{{daemon_bin(), "--config", cfg},
                 {{"DATABASE_URL", url}},
                 dir + "/second.log"};
  // Both took part: each wrote fires or found them written, and at least
  // once one found a fire that the other wrote.
  auto ran = [](const process& p) {
    auto out = p.output();
    return out.find("finished run") != std::string::npos
           || out.find("skipped run") != std::string::npos;
  };
  auto met = [&] {
    return first.output().find("skipped run") != std::string::npos
           || second.output().find("skipped run") != std::string::npos;
  };
  auto enough = eventually(40s, [&] {
    return count(url, "SELECT count(DISTINCT fire_time) FROM updater_runs "
                      "WHERE trigger = 'schedule'")
             >= 6
           && ran(first) && ran(second) && met();
  });
  first.signal(SIGTERM);
  second.signal(SIGTERM);
  EXPECT_EQ(first.wait(60s), 0) << first.output();
  EXPECT_EQ(second.wait(60s), 0) << second.output();
  ASSERT_TRUE(enough) << first.output() << second.output();
  EXPECT_TRUE(ran(first)) << first.output();
  EXPECT_TRUE(ran(second)) << second.output();
  EXPECT_TRUE(met()) << first.output() << second.output();
  // One ledger entry per fire, and rows only from those entries.
  EXPECT_EQ(count(url, "SELECT count(*) FROM (SELECT 1 FROM updater_runs "
                       "WHERE trigger = 'schedule' GROUP BY updater, "
                       "fire_time HAVING count(*) > 1) d"),
            0);
  EXPECT_EQ(count(url, "SELECT count(DISTINCT run_id) FROM business_records "
                       "WHERE run_id IN (SELECT run_id FROM updater_runs "
                       "WHERE trigger = 'schedule')"),
            count(url, "SELECT count(*) FROM updater_runs WHERE trigger = "
                       "'schedule' AND status = 'succeeded' AND updater = "
                       "'business_records'"));
}

TEST(Daemon, OnceRunsEveryEnabledUpdaterAndExitsZero) {
  auto url = fresh_database("e2e");
  auto dir = scratch_dir();
  auto cfg = config_file(dir, fast_config(dir, "0 0 1 1 *"));
  auto [status, out] = run({daemon_bin(), "--config", cfg, "--once"},
                           {{"DATABASE_URL", url}});
  EXPECT_EQ(status, 0) << out;
  EXPECT_EQ(count(url, "SELECT count(*) FROM updater_runs WHERE trigger = "
                       "'manual' AND status = 'succeeded'"),
            int64_t(kinds()))
    << out;
}

TEST(Daemon, OnceRunsMoreJobsThanTheGateHoldsInTurn) {
  // Three tenants of four jobs, one slot and no queue: each run waits for
  // the one before instead of being refused.
  auto url = fresh_database("e2e");
  auto dir = scratch_dir();
  auto cfg = fast_config(dir, "0 0 1 1 *");
  for (auto id : {"00000000-0000-4000-8000-000000000001",
                  "00000000-0000-4000-8000-000000000002"})
    cfg["tenants"][id] = nlohmann::json::object();
  cfg["execution"] = {{"maxConcurrentExecutions", 1}, {"queueCapacity", 0}};
  auto [status, out] = run({daemon_bin(), "--config", config_file(dir, cfg),
                            "--once"},
                           {{"DATABASE_URL", url}});
  EXPECT_EQ(status, 0) << out;
  EXPECT_EQ(count(url, "SELECT count(*) FROM updater_runs WHERE trigger = "
                       "'manual' AND status = 'succeeded'"),
            int64_t(kinds()))
    << out;
  EXPECT_NE(out.find("--once: " + std::to_string(3 * kinds()) + " run(s), 0 "
                     "failed"),
            std::string::npos)
    << out;
}

TEST(Daemon, SeedAndFireTimeFixTheRowsOfEveryRun) {
  // Two fresh databases, the same seed (0 is a seed like any other) and
  // the same fire time.
  std::vector<std::string> leads;
  for (int i = 0; i < 2; ++i) {
    auto url = fresh_database("e2e");
    auto dir = scratch_dir();
    auto cfg = config_file(dir, fast_config(dir, "0 0 1 1 *"));
    auto [status, out] = run({daemon_bin(), "--config", cfg, "--once",
                              "--seed", "0", "--at", "2024-03-05T15:00:00Z"},
                             {{"DATABASE_URL", url}});
    ASSERT_EQ(status, 0) << out;
    // Every run, the seeding one included, has the seed.
    EXPECT_EQ(text(url, "SELECT string_agg(DISTINCT seed::text, ',') FROM "
                        "updater_runs"),
              "0");
    EXPECT_EQ(count(url, "SELECT count(*) FROM updater_runs WHERE updater "
                         "<> 'seed' AND status = 'succeeded'"),
              int64_t(kinds()))
      << out;
    leads.push_back(text(url, R"(
      SELECT string_agg(b.company_name || ' ' || b.contact_email, ','
                        ORDER BY b.company_name)
      FROM business_records b JOIN updater_runs r USING (tenant_id, run_id)
      WHERE r.updater = 'business_records')"));
  }
  // The new leads agree.
  EXPECT_FALSE(leads[0].empty());
  EXPECT_EQ(leads[0], leads[1]);
}

TEST(Daemon, OnceBackInTimeWritesOnlyAboutWhatExistedThen) {
  // A fresh database is seeded as of the run's instant; a database with
  // later rows gives a run back in time only what existed by then.
  auto url = fresh_database("e2e");
  auto dir = scratch_dir();
  auto cfg = config_file(dir, fast_config(dir, "0 0 1 1 *"));
  auto once = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{daemon_bin(), "--config", cfg, "--once",
                                  "--seed", "3"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto [status, out] = run(args, {{"DATABASE_URL", url}});
    EXPECT_EQ(status, 0) << out;
  };
  once({"--at", "2024-03-05T15:00:00Z"});
  EXPECT_EQ(count(url, "SELECT count(*) FROM business_records"
                       " WHERE created_at > '2024-03-05T15:00:00Z'"),
            0);
  EXPECT_EQ(count(url, "SELECT count(*) FROM equipment"
                       " WHERE install_date > '2024-03-05'"),
            0);
  EXPECT_GT(count(url, "SELECT count(*) FROM business_record_activities"), 0);
  once({});
  once({"--at", "2024-03-06T15:00:00Z"});
  EXPECT_EQ(count(url, "SELECT count(*) FROM business_record_activities a"
                       " JOIN business_records r USING (tenant_id, record_id)"
                       " WHERE r.created_at > a.created_at"),
            0);
  EXPECT_EQ(count(url, "SELECT count(*) FROM service_tickets t"
                       " JOIN equipment e USING (tenant_id, equipment_id)"
                       " WHERE e.install_date > t.created_at::date"),
            0);
  EXPECT_EQ(count(url, "SELECT count(*) FROM equipment_meter_readings m"
                       " JOIN equipment e USING (tenant_id, equipment_id)"
                       " WHERE e.install_date > m.read_at::date"),
            0);
}

TEST(Daemon, RefusesAtWithoutOnce) {
  auto [status, out] = run({daemon_bin(), "--at", "2024-03-05T15:00:00Z"});
  EXPECT_EQ(status, 2) << out;
  EXPECT_NE(out.find("--once"), std::string::npos) << out;
}

TEST(Daemon, OnceExitsNonZeroWhenTheDatabaseIsAway) {
  auto dir = scratch_dir();
  auto cfg = config_file(dir, fast_config(dir, "0 0 1 1 *"));
  auto [status, out] = run(
    {daemon_bin(), "--config", cfg, "--once"},
    {{"DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none"}});
  EXPECT_EQ(status, 1) << out;
  EXPECT_NE(out.find("cannot reach the database"), std::string::npos) << out;
}

TEST(Daemon, DryRunLeavesTheDatabaseUnchanged) {
  // A first real run creates the schema and some rows.
  auto url = fresh_database("e2e");
  auto dir = scratch_dir();
  auto cfg = config_file(dir, fast_config(dir, "0 0 1 1 *"));
  auto [first, out1] = run({daemon_bin(), "--config", cfg, "--once"},
                           {{"DATABASE_URL", url}});
  ASSERT_EQ(first, 0) << out1;
  auto snapshot = [&] {
    std::string s;
    for (auto t : {"updater_runs", "business_records",
                   "business_record_activities", "service_tickets",
                   "ticket_counters", "equipment", "customers"})
      s += std::to_string(count(url, std::string{"SELECT count(*) FROM "} + t))
           + " ";
    s += std::to_string(count(url, "SELECT coalesce(max(last_number), 0) "
                                   "FROM ticket_counters"));
    return s;
  };
  auto before = snapshot();
  // The dry run checks every updater and writes nothing.
  auto [second, out2] = run(
    {daemon_bin(), "--config", cfg, "--once", "--dry-run"},
    {{"DATABASE_URL", url}});
  EXPECT_EQ(second, 0) << out2;
  EXPECT_EQ(snapshot(), before);
  EXPECT_NE(out2.find("would write"), std::string::npos) << out2;
}

TEST(Daemon, RefusesAnInvalidConfigurationListingEveryProblem) {
  auto dir = scratch_dir();
  auto cfg = fast_config(dir, "0 0 1 1 *");
  cfg["tenants"][default_tenant]["updaters"]["service_tickets"]["schedule"]
    = "61 * * * *";
  cfg["execution"] = {{"maxConcurrentExecutions", 0}};
  cfg["loging"] = {{"level", "info"}};
  auto [status, out] = run({daemon_bin(), "--config", config_file(dir, cfg)});
  EXPECT_EQ(status, 2) << out;
  EXPECT_NE(out.find("/updaters/service_tickets/schedule"), std::string::npos)
    << out;
  EXPECT_NE(out.find("/execution/maxConcurrentExecutions"), std::string::npos)
    << out;
  EXPECT_NE(out.find("/loging"), std::string::npos) << out;
}
