#include "db/store.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace dbu;
using namespace dbu::test;
using namespace std::chrono_literals;

namespace {

/// A fire time shared by the exactly-once tests.
const auto fire = std::chrono::sys_seconds{1714982400s};

/// @returns the run_id of every row of `table`, as text.
std::vector<std::string> run_ids(const std::string& url,
                                 const std::string& table) {
  pqxx::connection c{admin_url_of(url)};
  pqxx::work tx{c};
  std::vector<std::string> out;
  auto sql = "SELECT coalesce(run_id::text, '') FROM " + tx.quote_name(table);
  for (const auto& row : tx.exec(sql))
    out.push_back(row[0].as<std::string>());
  return out;
}

/// Checks that the tenant's newest run succeeded with `rows`.
void expect_ledger(db::store& st, const db::run_entry& run,
                   const std::map<std::string, int64_t>& rows) {
  auto runs = st.recent_runs(run.tenant_id, 1);
  ASSERT_TRUE(runs) << render(runs.error());
  ASSERT_EQ(runs->size(), 1u);
  auto& r = runs->front();
  EXPECT_EQ(r.run_id, run.run_id);
  EXPECT_EQ(r.updater, run.updater);
  EXPECT_EQ(r.status, "succeeded");
  EXPECT_EQ(r.rows, rows);
  EXPECT_TRUE(r.finished_at.has_value());
  EXPECT_FALSE(r.error.has_value());
}

} // namespace

TEST(StoreWriteRun, WritesBusinessRecordsWithTheirRunId) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto run = make_run(tenant_a, "business_records");
  auto res = st.write_run(run, {record_rows(tenant_a, {new_uuid(),
                                                       new_uuid()})},
                          false);
  ASSERT_TRUE(res) << render(res.error());
  EXPECT_EQ(res->rows.at("business_records"), 2);
  EXPECT_EQ(run_ids(url, "business_records"),
            (std::vector<std::string>{run.run_id, run.run_id}));
  expect_ledger(st, run, {{"business_records", 2}});
  // Quotes, numbers and NULLs read back as written.
  pqxx::connection c{admin_url_of(url)};
  pqxx::work tx{c};
  auto row = tx.exec1("SELECT contact_last_name, annual_revenue::text,"
                      " website IS NULL, employee_count FROM business_records"
                      " LIMIT 1");
  EXPECT_EQ(row[0].as<std::string>(), "D'Souza");
  EXPECT_EQ(row[1].as<std::string>(), "12500000.50");
  EXPECT_TRUE(row[2].as<bool>());
  EXPECT_EQ(row[3].as<int>(), 120);
}

TEST(StoreWriteRun, WritesActivitiesOnExistingRecords) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto record = new_uuid();
  ASSERT_TRUE(st.write_run(make_run(tenant_a, "business_records"),
                           {record_rows(tenant_a, {record})}, false));
  auto run = make_run(tenant_a, "business_record_activities");
  auto res = st.write_run(run, {activity_rows(tenant_a, record, 3)}, false);
  ASSERT_TRUE(res) << render(res.error());
  EXPECT_EQ(res->rows, (std::map<std::string, int64_t>{
                         {"business_record_activities", 3}}));
  EXPECT_EQ(run_ids(url, "business_record_activities"),
            (std::vector<std::string>(3, run.run_id)));
  expect_ledger(st, run, {{"business_record_activities", 3}});
}

TEST(StoreWriteRun, WritesServiceTicketsWithTextArrays) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto device = add_fleet(st, tenant_a);
  auto run = make_run(tenant_a, "service_tickets");
  auto res = st.write_run(run, {ticket_rows(tenant_a, "cust-1", device, 2)},
                          false);
  ASSERT_TRUE(res) << render(res.error());
  EXPECT_EQ(run_ids(url, "service_tickets"),
            (std::vector<std::string>(2, run.run_id)));
  expect_ledger(st, run, {{"service_tickets", 2}});
  // Arrays keep their elements exactly, the empty one included.
  pqxx::connection c{admin_url_of(url)};
  pqxx::work tx{c};
  auto row = tx.exec1("SELECT array_length(required_parts, 1),"
                      " required_parts[2], required_parts[3],"
                      " cardinality(required_skills), error_code"
                      " FROM service_tickets LIMIT 1");
  EXPECT_EQ(row[0].as<int>(), 3);
  EXPECT_EQ(row[1].as<std::string>(), "tray \"2\" guide");
  EXPECT_EQ(row[2].as<std::string>(), "a,b {c}");
  EXPECT_EQ(row[3].as<int>(), 0);
  EXPECT_EQ(row[4].as<std::string>(), "E-0{1}");
}

TEST(StoreWriteRun, WritesScheduledFireOnlyOnce) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store one{url};
  db::store two{url};
  // The first writer wins; the second, with its own run id, gets
  // duplicate_fire and writes nothing.
  auto first = one.write_run(
    make_run(tenant_a, "business_records", db::trigger::schedule, fire),
    {record_rows(tenant_a, {new_uuid()})}, false);
  ASSERT_TRUE(first) << render(first.error());
  auto second = two.write_run(
    make_run(tenant_a, "business_records", db::trigger::schedule, fire),
    {record_rows(tenant_a, {new_uuid()})}, false);
  ASSERT_FALSE(second);
  EXPECT_EQ(code_of(second.error()), ec::duplicate_fire)
    << render(second.error());
  EXPECT_EQ(count_rows(url, "business_records"), 1);
  EXPECT_EQ(count_rows(url, "updater_runs"), 1);
  // Another fire time, or a manual run, is a new run.
  auto later = one.write_run(
    make_run(tenant_a, "business_records", db::trigger::schedule, fire + 1h),
    {record_rows(tenant_a, {new_uuid()})}, false);
  EXPECT_TRUE(later) << render(later.error());
  auto manual = two.write_run(make_run(tenant_a, "business_records"),
                              {record_rows(tenant_a, {new_uuid()})}, false);
  EXPECT_TRUE(manual) << render(manual.error());
}

TEST(StoreWriteRun, RetryOfARunWhoseCommitWentThroughWritesNothingMore) {
  // The connection was lost as the commit went through: the retry, with
  // the same run id and rows drawn again, finds the run written.
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  for (auto how : {db::trigger::manual, db::trigger::schedule}) {
    auto run = make_run(tenant_a, "business_records", how,
                        fire + std::chrono::hours{int(how)});
    ASSERT_TRUE(st.write_run(run, {record_rows(tenant_a, {new_uuid()})},
                             false));
    auto again = st.write_run(
      run, {record_rows(tenant_a, {new_uuid(), new_uuid()})}, false);
    ASSERT_TRUE(again) << render(again.error());
    EXPECT_EQ(again->rows, (std::map<std::string, int64_t>{
                             {"business_records", 1}}));
    EXPECT_EQ(run_ids(url, "business_records").size(),
              how == db::trigger::manual ? 1u : 2u);
  }
}

TEST(StoreWriteRun, WritesConcurrentScheduledFireOnlyOnce) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  for (int round = 0; round < 5; ++round) {
    // Two stores, two connections, the same fire at the same moment.
    db::store one{url};
    db::store two{url};
    ASSERT_TRUE(one.ping());
    ASSERT_TRUE(two.ping());
    auto at = fire + std::chrono::hours{round};
    caf::expected<db::write_result> a{db::write_result{}};
    caf::expected<db::write_result> b{db::write_result{}};
    auto write = [&](db::store& st, caf::expected<db::write_result>& out) {
      out = st.write_run(
        make_run(tenant_a, "business_records", db::trigger::schedule, at),
        {record_rows(tenant_a, {new_uuid(), new_uuid()})}, false);
    };
    std::thread t1{write, std::ref(one), std::ref(a)};
    std::thread t2{write, std::ref(two), std::ref(b)};
    t1.join();
    t2.join();
    // Exactly one succeeds; the other learns the fire is taken.
    ASSERT_NE(static_cast<bool>(a), static_cast<bool>(b));
    auto& lost = a ? b : a;
    EXPECT_EQ(code_of(lost.error()), ec::duplicate_fire)
      << render(lost.error());
  }
  EXPECT_EQ(count_rows(url, "business_records"), 10);
  EXPECT_EQ(count_rows(url, "updater_runs"), 5);
}

TEST(StoreWriteRun, DryRunLeavesEveryTableUnchanged) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto device = add_fleet(st, tenant_a);
  auto record = new_uuid();
  ASSERT_TRUE(st.write_run(make_run(tenant_a, "business_records"),
                           {record_rows(tenant_a, {record})}, false));
  const std::vector<std::string> tables{
    "tenants",          "customers",
    "equipment",        "business_records",
    "updater_runs",     "business_record_activities",
    "service_tickets",  "ticket_counters"};
  std::vector<int64_t> before;
  for (auto& t : tables)
    before.push_back(count_rows(url, t));
  // A scheduled dry run over three tables reports what it would write.
  auto res = st.write_run(
    make_run(tenant_a, "business_records", db::trigger::schedule, fire),
    {record_rows(tenant_a, {new_uuid()}), activity_rows(tenant_a, record, 2),
     ticket_rows(tenant_a, "cust-1", device, 2)},
    true);
  ASSERT_TRUE(res) << render(res.error());
  EXPECT_EQ(res->rows, (std::map<std::string, int64_t>{
                         {"business_records", 1},
                         {"business_record_activities", 2},
                         {"service_tickets", 2}}));
  // Nothing of it stays, not even the ledger row that claimed the fire.
  for (size_t i = 0; i < tables.size(); ++i)
    EXPECT_EQ(count_rows(url, tables[i]), before[i]) << tables[i];
  auto real = st.write_run(
    make_run(tenant_a, "business_records", db::trigger::schedule, fire),
    {record_rows(tenant_a, {new_uuid()})}, false);
  EXPECT_TRUE(real) << render(real.error());
}

TEST(StoreWriteRun, DryRunStillReportsSchemaErrors) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  // An activity on a record that does not exist breaks a foreign key.
  auto res = st.write_run(make_run(tenant_a, "business_record_activities"),
                          {activity_rows(tenant_a, new_uuid(), 1)}, true);
  ASSERT_FALSE(res);
  EXPECT_EQ(code_of(res.error()), ec::db_error);
  EXPECT_NE(render(res.error()).find("foreign key"), std::string::npos)
    << render(res.error());
}

TEST(StoreWriteRun, RejectsMalformedBatchBeforeWriting) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto rows = record_rows(tenant_a, {new_uuid()});
  rows.rows[0].pop_back();
  auto res = st.write_run(make_run(tenant_a, "business_records"), {rows},
                          false);
  ASSERT_FALSE(res);
  EXPECT_EQ(code_of(res.error()), ec::internal);
  EXPECT_EQ(count_rows(url, "updater_runs"), 0);
}

TEST(StoreRecordFailure, RecordsFailedRunsOncePerFire) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  // A manual run's failure is recorded with its error.
  auto manual = make_run(tenant_a, "service_tickets");
  ASSERT_TRUE(st.record_failure(manual, "no equipment for cust-1"));
  auto runs = st.recent_runs(tenant_a);
  ASSERT_TRUE(runs) << render(runs.error());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ(runs->front().status, "failed");
  EXPECT_EQ(runs->front().error, "no equipment for cust-1");
  // A scheduled fire keeps its first ledger row and is then taken.
  auto first = make_run(tenant_a, "service_tickets", db::trigger::schedule,
                        fire);
  ASSERT_TRUE(st.record_failure(first, "generator failed"));
  ASSERT_TRUE(st.record_failure(
    make_run(tenant_a, "service_tickets", db::trigger::schedule, fire),
    "again"));
  EXPECT_EQ(count_rows(url, "updater_runs"), 2);
  auto retry = st.write_run(
    make_run(tenant_a, "service_tickets", db::trigger::schedule, fire), {},
    false);
  ASSERT_FALSE(retry);
  EXPECT_EQ(code_of(retry.error()), ec::duplicate_fire);
}
