#include "db/support.hpp"

#include "db/ledger.hpp"
#include "db/rows_writer.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace dbu;
using namespace dbu::test;

namespace {

// @returns a filter for one run of `tenant`.
db::purge_filter one_run(const std::string& tenant, const std::string& id) {
  db::purge_filter f;
  f.tenants = {tenant};
  f.run_id = id;
  return f;
}

// Writes `rows` as a new run of `updater` for `tenant`. @returns the run.
db::run_entry write(db::store& st, const std::string& tenant,
                    const std::string& updater, gen::batch rows) {
  auto run = make_run(tenant, updater);
  auto res = st.write_run(run, rows, false);
  EXPECT_TRUE(res) << render(res.error());
  return run;
}

} // namespace

TEST(StorePurge, RemovesExactlyTheRowsOfARunAndKeepsItsLedgerRow) {
  // Two runs of leads; purge the first.
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto first = write(st, tenant_a, "business_records",
                     {record_rows(tenant_a, {new_uuid(), new_uuid()})});
  auto second = write(st, tenant_a, "business_records",
                      {record_rows(tenant_a, {new_uuid()})});
  auto res = st.purge(one_run(tenant_a, first.run_id), false);
  ASSERT_TRUE(res) << render(res.error());
  ASSERT_EQ(res->runs.size(), 1u);
  EXPECT_EQ(res->runs[0].second, first.run_id);
  EXPECT_EQ(res->rows.at("business_records"), 2);
  EXPECT_TRUE(res->blocking.empty());
  // The second run's row stays; the first run's ledger row says purged and
  // still tells what it wrote.
  EXPECT_EQ(count_rows(url, "business_records"), 1);
  EXPECT_EQ(count_rows(url, "business_records",
                       "run_id = '" + second.run_id + "'"),
            1);
  EXPECT_EQ(count_rows(url, "updater_runs",
                       "run_id = '" + first.run_id
                         + "' AND purged_at IS NOT NULL"
                           " AND rows_written->>'business_records' = '2'"),
            1);
}

TEST(StorePurge, DryRunReportsAndChangesNothing) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto run = write(st, tenant_a, "business_records",
                   {record_rows(tenant_a, {new_uuid(), new_uuid()})});
  auto res = st.purge(one_run(tenant_a, run.run_id), true);
  ASSERT_TRUE(res) << render(res.error());
  EXPECT_EQ(res->rows.at("business_records"), 2);
  EXPECT_EQ(count_rows(url, "business_records"), 2);
  EXPECT_EQ(count_rows(url, "updater_runs", "purged_at IS NOT NULL"), 0);
}

TEST(StorePurge, RefusesWhileRowsOfOtherRunsReferToTheRows) {
  // Leads, then activities of a later run on one of them.
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto record = new_uuid();
  auto leads = write(st, tenant_a, "business_records",
                     {record_rows(tenant_a, {record})});
  auto activities = write(st, tenant_a, "business_record_activities",
                          {activity_rows(tenant_a, record, 3)});
  // The leads alone cannot go: the error names what refers to them and the
  // run that wrote it, the dry run shows it, and nothing was removed.
  auto res = st.purge(one_run(tenant_a, leads.run_id), false);
  ASSERT_FALSE(res);
  EXPECT_EQ(code_of(res.error()), ec::bad_request);
  auto message = render(res.error());
  EXPECT_NE(message.find("3 in business_record_activities"),
            std::string::npos)
    << message;
  EXPECT_NE(message.find(activities.run_id), std::string::npos) << message;
  EXPECT_NE(message.find("a later --before"), std::string::npos) << message;
  auto preview = st.purge(one_run(tenant_a, leads.run_id), true);
  ASSERT_TRUE(preview) << render(preview.error());
  EXPECT_EQ(preview->blocking.at("business_record_activities"), 3);
  EXPECT_EQ(preview->blocking_runs,
            std::vector<std::string>{activities.run_id});
  EXPECT_EQ(preview->rows.at("business_records"), 1);
  EXPECT_EQ(count_rows(url, "business_records"), 1);
  EXPECT_EQ(count_rows(url, "business_record_activities"), 3);
  EXPECT_EQ(count_rows(url, "updater_runs", "purged_at IS NOT NULL"), 0);
  // Both runs together go, the referring rows first.
  db::purge_filter both;
  both.tenants = {tenant_a};
  both.before = std::chrono::system_clock::now() + std::chrono::seconds{1};
  auto all = st.purge(both, false);
  ASSERT_TRUE(all) << render(all.error());
  EXPECT_EQ(all->runs.size(), 2u);
  EXPECT_EQ(all->rows.at("business_record_activities"), 3);
  EXPECT_EQ(count_rows(url, "business_records"), 0);
}

TEST(StorePurge, BeforeLeavesTheSeedRunNewerRunsAndOtherTenantsAlone) {
  // Seeded tenants with a run of leads each, and a newer run for tenant a.
  auto url = migrated_database();
  db::store st{url};
  ASSERT_TRUE(st.seed(tenants_config({tenant_a, tenant_b}), 7));
  auto seeded = count_rows(url, "business_records");
  for (auto t : {tenant_a, tenant_b})
    write(st, t, "business_records", {record_rows(t, {new_uuid()})});
  auto cut = std::chrono::system_clock::now();
  auto newer = write(st, tenant_a, "business_records",
                     {record_rows(tenant_a, {new_uuid()})});
  // Tenant a's runs before the cut, but for its seed run.
  db::purge_filter f;
  f.tenants = {tenant_a};
  f.before = cut;
  f.updater = "business_records";
  auto res = st.purge(f, false);
  ASSERT_TRUE(res) << render(res.error());
  EXPECT_EQ(res->runs.size(), 1u);
  EXPECT_EQ(count_rows(url, "business_records"), seeded + 2);
  EXPECT_EQ(count_rows(url, "business_records",
                       "run_id = '" + newer.run_id + "'"),
            1);
  EXPECT_EQ(count_rows(url, "business_records",
                       "tenant_id = '" + std::string{tenant_b}
                         + "' AND run_id IN (SELECT run_id FROM updater_runs"
                           " WHERE updater = 'business_records')"),
            1);
  // Without an updater the seed run still stays: it is named only by id.
  f.updater.reset();
  f.before = std::chrono::system_clock::now() + std::chrono::seconds{1};
  ASSERT_TRUE(st.purge(f, false));
  EXPECT_GT(count_rows(url, "equipment", "tenant_id = '"
                                           + std::string{tenant_a} + "'"),
            0);
}

TEST(StorePurge, CountsARowThatRefersByTwoKeysOnce) {
  // Tickets refer to the fleet run's customer and to its device.
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto device = add_fleet(st, tenant_a);
  write(st, tenant_a, "service_tickets",
        {ticket_rows(tenant_a, "cust-1", device, 4)});
  auto fleet = db::purge_filter{};
  fleet.tenants = {tenant_a};
  fleet.updater = "fleet";
  fleet.before = std::chrono::system_clock::now() + std::chrono::seconds{1};
  auto preview = st.purge(fleet, true);
  ASSERT_TRUE(preview) << render(preview.error());
  EXPECT_EQ(preview->blocking.at("service_tickets"), 4);
}

TEST(StorePurge, SaysWhenARunWasPurgedBefore) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto run = write(st, tenant_a, "business_records",
                   {record_rows(tenant_a, {new_uuid()})});
  auto first = st.purge(one_run(tenant_a, run.run_id), false);
  ASSERT_TRUE(first) << render(first.error());
  EXPECT_EQ(first->purged_before, 0u);
  auto again = st.purge(one_run(tenant_a, run.run_id), false);
  ASSERT_TRUE(again) << render(again.error());
  EXPECT_EQ(again->purged_before, 1u);
  EXPECT_TRUE(again->rows.empty());
}

TEST(StorePurge, CountsTheBlockingRunsItDoesNotList) {
  // Twelve runs of activities on one lead: ten are named, all counted.
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto record = new_uuid();
  auto leads = write(st, tenant_a, "business_records",
                     {record_rows(tenant_a, {record})});
  for (int i = 0; i < 12; ++i)
    write(st, tenant_a, "business_record_activities",
          {activity_rows(tenant_a, record, 1)});
  auto preview = st.purge(one_run(tenant_a, leads.run_id), true);
  ASSERT_TRUE(preview) << render(preview.error());
  EXPECT_EQ(preview->blocking_runs.size(), 10u);
  EXPECT_EQ(preview->blocking_run_count, 12u);
  auto refused = st.purge(one_run(tenant_a, leads.run_id), false);
  ASSERT_FALSE(refused);
  EXPECT_NE(render(refused.error()).find(" and 2 more"), std::string::npos)
    << render(refused.error());
}

TEST(StorePurge, CountsRowsOfARunThatCommitsWhileThePurgeGoesOn) {
  // Leads, and a run that refers to one of them but commits only once the
  // purge has begun.
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto record = new_uuid();
  auto leads = write(st, tenant_a, "business_records",
                     {record_rows(tenant_a, {record})});
  pqxx::connection c{url};
  pqxx::work writing{c};
  db::set_tenant(writing, tenant_a);
  auto later = make_run(tenant_a, "business_record_activities");
  ASSERT_TRUE(db::insert_running(writing, later));
  db::insert_rows(writing, {activity_rows(tenant_a, record, 2)},
                  later.run_id);
  // The purge waits for the writing run, which then commits.
  caf::expected<db::purge_summary> res{db::purge_summary{}};
  std::thread purging{[&] {
    db::store other{url};
    res = other.purge(one_run(tenant_a, leads.run_id), false);
  }};
  pqxx::connection watch{admin_url_of(url)};
  for (int i = 0; i < 500; ++i) {
    pqxx::nontransaction q{watch};
    if (q.exec1("SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database()"
                " AND wait_event_type = 'Lock'")[0]
          .as<int>()
        > 0)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  writing.commit();
  purging.join();
  // It is refused as blocked, naming the run, not failed by the server's
  // foreign key check.
  ASSERT_FALSE(res);
  EXPECT_EQ(code_of(res.error()), ec::bad_request) << render(res.error());
  EXPECT_NE(render(res.error()).find(later.run_id), std::string::npos)
    << render(res.error());
  EXPECT_EQ(count_rows(url, "business_records"), 1);
}
