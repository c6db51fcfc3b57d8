#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

using namespace dbu::test;
using nlohmann::json;

namespace {

// Runs `updater` now for the default tenant. @returns the run id.
std::string execute(const daemon_fixture& d, const std::string& updater) {
  auto reply = ask(d.endpoint, "execute", {{"updater", updater},
                                           {"tenant", default_tenant}});
  EXPECT_TRUE(reply && (*reply)["ok"] == true) << reply.value_or(json{});
  return reply ? (*reply)["result"]["runs"][0].value("runId", "") : "";
}

// @returns the rows of `table` that run `id` wrote.
int64_t rows_of(const daemon_fixture& d, const std::string& table,
                const std::string& id) {
  return count(d.url, "SELECT count(*) FROM " + table + " WHERE run_id = '"
                        + id + "'");
}

} // namespace

TEST(ControlPurge, RemovesWhatARunWroteAfterADryRunPreview) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  auto tickets = execute(d, "service_tickets");
  auto leads = execute(d, "business_records");
  ASSERT_GT(rows_of(d, "service_tickets", tickets), 0);
  // The preview names the run and its rows, and removes nothing.
  auto [rc, out] = d.tool({"purge", "--run", tickets, "--dry-run"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("would purge 1 run(s); rows: service_tickets"),
            std::string::npos)
    << out;
  EXPECT_GT(rows_of(d, "service_tickets", tickets), 0);
  // The purge removes the run's rows, and only those.
  std::tie(rc, out) = d.tool({"--json", "purge", "--run", tickets});
  ASSERT_EQ(rc, 0) << out;
  auto res = json::parse(out);
  EXPECT_EQ(res["runCount"], 1);
  EXPECT_GT(res["rows"]["service_tickets"], 0);
  EXPECT_EQ(rows_of(d, "service_tickets", tickets), 0);
  EXPECT_EQ(rows_of(d, "business_records", leads), 1);
  EXPECT_EQ(count(d.url, "SELECT count(*) FROM updater_runs WHERE run_id = '"
                           + tickets + "' AND purged_at IS NOT NULL"),
            1);
  // A second purge of the run says it went before.
  std::tie(rc, out) = d.tool({"purge", "--run", tickets});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("1 of these runs was purged before: nothing of it is "
                     "left to remove"),
            std::string::npos)
    << out;
}

TEST(ControlPurge, RefusesBadFiltersAndRowsOthersReferTo) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  // A purge must name runs; filters are checked.
  expect_error(ask(d.endpoint, "purge"), "bad_request", "no filter");
  expect_error(ask(d.endpoint, "purge", {{"run", "42"}}), "bad_request",
               "a run id that is no uuid");
  expect_error(ask(d.endpoint, "purge", {{"before", "yesterday"}}),
               "bad_request", "an instant that does not parse");
  // An instant past what the clock holds would wrap to centuries before
  // and select no run, or only the oldest ones.
  expect_error(ask(d.endpoint, "purge", {{"before", "9999-12-31T23:59:59Z"},
                                         {"dryRun", true}}),
               "bad_request", "an instant the clock cannot hold");
  expect_error(ask(d.endpoint, "purge",
                   {{"before", "2024-01-01T00:00:00Z"},
                    {"tenant", "6ba7b810-9dad-41d1-80b4-00c04fd430c8"}}),
               "unknown_tenant", "a tenant that is not configured");
  expect_error(ask(d.endpoint, "purge",
                   {{"before", "2024-01-01T00:00:00Z"}, {"updater", "x"}}),
               "unknown_updater", "an unknown updater");
  auto [rc, out] = d.tool({"purge"});
  EXPECT_EQ(rc, 2) << out;
  // The seed run's fleet carries tickets of a later run: the seed run
  // alone cannot go, and nothing goes.
  execute(d, "service_tickets");
  auto seed = count(d.url, "SELECT count(*) FROM equipment");
  auto seed_run = [&] {
    pqxx::connection c{d.url};
    pqxx::work tx{c};
    tx.exec("SELECT set_config('app.tenant_id', '"
            + std::string{default_tenant} + "', true)");
    return tx.exec1("SELECT run_id::text FROM updater_runs"
                    " WHERE updater = 'seed'")[0]
      .as<std::string>();
  }();
  expect_error(ask(d.endpoint, "purge", {{"run", seed_run}}), "bad_request",
               "rows of other runs refer to the seed run's rows");
  EXPECT_EQ(count(d.url, "SELECT count(*) FROM equipment"), seed);
  // Its preview fails as the purge would, and names the tickets' run.
  auto [preview_rc, preview] = d.tool({"purge", "--run", seed_run,
                                       "--dry-run"});
  EXPECT_EQ(preview_rc, 1) << preview;
  EXPECT_NE(preview.find("blocked: "), std::string::npos) << preview;
  EXPECT_NE(preview.find("selected 1 run(s)"), std::string::npos) << preview;
  EXPECT_EQ(preview.find("would purge"), std::string::npos) << preview;
  EXPECT_NE(preview.find("written by:"), std::string::npos) << preview;
}

TEST(ControlPurge, TakesARunIdInAnyCaseAndNamesOneNoTenantHas) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  auto run = execute(d, "business_records");
  auto upper = run;
  for (auto& c : upper)
    c = char(std::toupper(static_cast<unsigned char>(c)));
  auto reply = ask(d.endpoint, "purge", {{"run", upper}, {"dryRun", true}});
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)["result"]["runCount"], 1) << *reply;
  expect_error(ask(d.endpoint, "purge",
                   {{"run", "00000000-0000-4000-8000-000000000000"}}),
               "bad_request", "a run no tenant has");
  // A run the updater named leaves out is named with that updater.
  auto reply2 = ask(d.endpoint, "purge", {{"run", run},
                                          {"updater", "service_tickets"},
                                          {"dryRun", true}});
  ASSERT_TRUE(reply2);
  auto message = (*reply2)["error"].value("message", "");
  EXPECT_NE(message.find("of updater service_tickets"), std::string::npos)
    << *reply2;
  auto reply3 = ask(d.endpoint, "purge", {{"run", run},
                                          {"tenant", default_tenant},
                                          {"updater", "service_tickets"},
                                          {"dryRun", true}});
  ASSERT_TRUE(reply3);
  EXPECT_EQ((*reply3)["error"].value("message", ""),
            "The tenant " + std::string{default_tenant} + " has no run " + run
              + " of updater service_tickets.")
    << *reply3;
}

TEST(ControlPurge, TakesAnInstantWithAFractionOfASecondAndAnOffset) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  execute(d, "business_records");
  auto reply = ask(d.endpoint, "purge",
                   {{"before", "2200-01-01T00:00:00.250+02:00"},
                    {"dryRun", true}});
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)["result"]["runCount"], 1) << *reply;
  // What is wrong with one that does not parse is said.
  reply = ask(d.endpoint, "purge", {{"before", "2024-02-30T00:00:00Z"}});
  ASSERT_TRUE(reply);
  EXPECT_NE((*reply)["error"].value("message", "").find("no such date"),
            std::string::npos)
    << *reply;
}
