#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <thread>

using namespace dbu::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// A second tenant.
constexpr const char* other_tenant = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";

// Makes the database refuse new leads of `tenant`: a check that rows
// already there need not pass.
void refuse_leads_of(const std::string& url, const std::string& tenant) {
  pqxx::connection c{url};
  pqxx::work tx{c};
  tx.exec("ALTER TABLE business_records ADD CONSTRAINT refuse_tenant CHECK "
          "(tenant_id <> "
          + tx.quote(tenant) + ") NOT VALID");
  tx.commit();
}

} // namespace

TEST(ControlRuns, ExecuteWithoutATenantRunsEveryTenantAndFailsWhenOneFails) {
  daemon_fixture d{{{"tenants", {{other_tenant, json::object()}}}}};
  ASSERT_TRUE(d.ready()) << d.output();
  // Both tenants run.
  auto reply = ask(d.endpoint, "execute", {{"updater", "business_records"}});
  ASSERT_EQ((*reply)["ok"], true) << *reply;
  auto& runs = (*reply)["result"]["runs"];
  ASSERT_EQ(runs.size(), 2u) << *reply;
  std::set<std::string> tenants;
  for (auto& run : runs) {
    EXPECT_EQ(run["status"], "succeeded") << run;
    tenants.insert(run["tenant"].get<std::string>());
  }
  EXPECT_EQ(tenants, (std::set<std::string>{default_tenant, other_tenant}));
  auto [rc, out] = d.tool({"execute", "business_records"});
  EXPECT_EQ(rc, 0) << out;
  // One tenant's run fails: the reply is still the runs, but the tool
  // exits 1 and names the failed run.
  refuse_leads_of(d.url, other_tenant);
  std::tie(rc, out) = d.tool({"--json", "execute", "business_records"});
  EXPECT_EQ(rc, 1) << out;
  std::tie(rc, out) = d.tool({"execute", "business_records"});
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find(std::string{"for tenant "} + other_tenant + " failed"),
            std::string::npos)
    << out;
  EXPECT_EQ(out.find(std::string{"for tenant "} + default_tenant
                     + " failed"),
            std::string::npos)
    << out;
  // A run of one tenant alone is as before.
  std::tie(rc, out) = d.tool({"execute", "business_records", "--tenant",
                              default_tenant});
  EXPECT_EQ(rc, 0) << out;
}

namespace {

// An exclusive lock on the leads table, held in an open transaction of the
// test's own: every run that reads or writes leads waits for it.
struct leads_lock {
  pqxx::connection c;
  pqxx::work tx;

  explicit leads_lock(const std::string& url) : c{url}, tx{c} {
    tx.exec("LOCK TABLE business_records IN ACCESS EXCLUSIVE MODE");
  }

  void release() {
    tx.abort();
  }
};

// @returns the process numbers of `metrics`.
json process_numbers(const daemon_fixture& d) {
  auto reply = ask(d.endpoint, "metrics");
  EXPECT_TRUE(reply && (*reply)["ok"] == true) << reply.value_or(json{});
  return reply ? (*reply)["result"]["process"] : json{};
}

} // namespace

TEST(ControlRuns, RefusesARunAsBusyWhileTheGateIsFull) {
  // One slot, no queue.
  daemon_fixture d{{{"execution",
                     {{"maxConcurrentExecutions", 1}, {"queueCapacity", 0}}}}};
  ASSERT_TRUE(d.ready()) << d.output();
  auto reply = ask(d.endpoint, "execute", {{"updater", "business_records"}});
  ASSERT_EQ((*reply)["ok"], true) << *reply;
  // A run of leads takes the slot and waits for the lock.
  leads_lock lock{d.url};
  dealer_client slow{d.endpoint};
  slow.send("slow", "execute", {{"updater", "business_records"}});
  ASSERT_TRUE(eventually(30s, [&] {
    return process_numbers(d)["runsInFlight"] == 1;
  }));
  // A run of another updater finds no slot and no room to wait.
  reply = ask(d.endpoint, "execute", {{"updater", "service_tickets"}});
  expect_error(reply, "busy", "a run beyond a full gate");
  auto [rc, out] = d.tool({"execute", "service_tickets"});
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("busy"), std::string::npos) << out;
  EXPECT_GE(process_numbers(d)["rejected"], 2) << process_numbers(d);
  // The waiting run finishes once the lock goes.
  lock.release();
  auto done = slow.receive();
  ASSERT_TRUE(done) << "no reply to the waiting run";
  EXPECT_EQ((*done)["id"], "slow");
  ASSERT_EQ((*done)["ok"], true) << *done;
  EXPECT_EQ((*done)["result"]["runs"][0]["status"], "succeeded") << *done;
  // Refused runs degrade health for a while: the gate did not keep up.
  auto health = ask(d.endpoint, "health");
  ASSERT_TRUE(health);
  EXPECT_EQ((*health)["result"]["status"], "degraded") << *health;
  EXPECT_EQ((*health)["result"]["checks"]["queue"]["ok"], false) << *health;
}

TEST(ControlRuns, AnswersTimeoutWhenARunOutlastsExecutionTimeoutSeconds) {
  daemon_fixture d{{{"execution", {{"executionTimeoutSeconds", 1}}}}};
  ASSERT_TRUE(d.ready()) << d.output();
  auto reply = ask(d.endpoint, "execute", {{"updater", "business_records"}});
  ASSERT_EQ((*reply)["ok"], true) << *reply;
  // The run waits for the lock until the scheduler gives up on it.
  leads_lock lock{d.url};
  reply = ask(d.endpoint, "execute", {{"updater", "business_records"}});
  expect_error(reply, "timeout", "a run held up by a lock");
  EXPECT_NE((*reply)["error"]["message"].get<std::string>().find("1 s"),
            std::string::npos)
    << *reply;
  lock.release();
}

TEST(ControlRuns, WaitsForEveryWaveOfRunsOfAnExecuteAcrossTenants) {
  // Ten tenants and one slot: the runs go one after another, longer than
  // one run's timeout and margin together. The reply waits for them all.
  json tenants = json::object();
  for (int i = 0; i < 10; ++i)
    tenants["00000000-0000-4000-8000-00000000000" + std::to_string(i)]
      = json::object();
  daemon_fixture d{{{"tenants", tenants},
                    {"execution",
                     {{"maxConcurrentExecutions", 1},
                      {"executionTimeoutSeconds", 1}}}}};
  ASSERT_TRUE(d.ready()) << d.output();
  std::optional<json> reply;
  {
    leads_lock lock{d.url};
    std::thread asker{[&] {
      reply = ask(d.endpoint, "execute", {{"updater", "business_records"}});
    }};
    std::this_thread::sleep_for(7s);
    lock.release();
    asker.join();
  }
  ASSERT_TRUE(reply);
  ASSERT_EQ((*reply)["ok"], true) << *reply;
  auto& runs = (*reply)["result"]["runs"];
  EXPECT_GE(runs.size(), 10u) << *reply;
  auto succeeded = 0;
  for (auto& run : runs)
    succeeded += run["status"] == "succeeded";
  EXPECT_GT(succeeded, 0) << *reply;
}

TEST(ControlRuns, StartsNoMoreRunsOfAnExecuteOnceTheDaemonStops) {
  // Ten tenants, one slot and room for two to wait, the first run held up
  // by a lock: a shutdown lets that run end and starts none of the others,
  // neither those that wait nor those still to come.
  json tenants = json::object();
  std::vector<std::string> ids{default_tenant};
  for (int i = 0; i < 9; ++i) {
    ids.push_back("00000000-0000-4000-8000-00000000001" + std::to_string(i));
    tenants[ids.back()] = json::object();
  }
  daemon_fixture d{{{"tenants", tenants},
                    {"execution", {{"maxConcurrentExecutions", 1},
                                   {"queueCapacity", 2}}}}};
  ASSERT_TRUE(d.ready()) << d.output();
  leads_lock lock{d.url};
  dealer_client c{d.endpoint};
  c.send("all", "execute", {{"updater", "business_records"}});
  ASSERT_TRUE(eventually(30s, [&] {
    return process_numbers(d)["runsInFlight"] == 1;
  }));
  ASSERT_TRUE(ask(d.endpoint, "shutdown"));
  lock.release();
  EXPECT_EQ(d.proc->wait(60s), 0) << d.output();
  int64_t manual = 0;
  for (auto& id : ids)
    manual += count(d.url, "SELECT count(*) FROM updater_runs WHERE trigger"
                           " = 'manual'", id);
  EXPECT_LE(manual, 1) << d.output();
}
