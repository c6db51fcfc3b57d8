#include "db/store.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace dbu;
using namespace dbu::test;

TEST(StoreConnection, AnswersPing) {
  db::store st{fresh_database("conn")};
  auto took = st.ping();
  ASSERT_TRUE(took) << render(took.error());
  EXPECT_GE(took->count(), 0);
}

TEST(StoreConnection, ClosedPortIsUnavailableWithAClearMessage) {
  db::store st{"postgresql://dbu_app:s3cret@127.0.0.1:1/nowhere"};
  // Every call reports the server it could not reach, never the password.
  auto ping = st.ping();
  ASSERT_FALSE(ping);
  EXPECT_EQ(code_of(ping.error()), ec::db_unavailable);
  auto msg = render(ping.error());
  EXPECT_NE(msg.find("cannot connect to PostgreSQL at"), std::string::npos)
    << msg;
  EXPECT_NE(msg.find("127.0.0.1:1"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("s3cret"), std::string::npos) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  auto write = st.write_run(make_run(tenant_a, "business_records"), {}, false);
  ASSERT_FALSE(write);
  EXPECT_EQ(code_of(write.error()), ec::db_unavailable);
  auto failure = st.record_failure(make_run(tenant_a, "x"), "boom");
  ASSERT_FALSE(failure);
  EXPECT_EQ(code_of(failure.error()), ec::db_unavailable);
}

TEST(StoreConnection, ReconnectsAfterItsBackendIsTerminated) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  ASSERT_TRUE(st.ping());
  // Terminate every backend of the database, the store's among them (a
  // connection the test closed just before may still be on its way out).
  {
    pqxx::connection admin{admin_url_of(url)};
    pqxx::work tx{admin};
    auto n = tx.exec1("SELECT count(pg_terminate_backend(pid))"
                      " FROM pg_stat_activity"
                      " WHERE datname = current_database()"
                      " AND pid <> pg_backend_pid()")[0]
               .as<int>();
    EXPECT_GE(n, 1);
    tx.commit();
  }
  // The store finds its connection broken and retries once on a new one.
  auto first = st.write_run(make_run(tenant_a, "business_records"),
                            {record_rows(tenant_a, {new_uuid()})}, false);
  if (!first) {
    EXPECT_EQ(code_of(first.error()), ec::db_unavailable)
      << render(first.error());
  }
  auto second = st.write_run(make_run(tenant_a, "business_records"),
                             {record_rows(tenant_a, {new_uuid()})}, false);
  ASSERT_TRUE(second) << render(second.error());
  EXPECT_TRUE(first) << render(first.error());
  EXPECT_EQ(count_rows(url, "business_records"), first ? 2 : 1);
}

TEST(StoreConnection, RetriesARunWhoseConnectionBrokeBeforeCommit) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  auto device = add_fleet(st, tenant_a);
  ASSERT_TRUE(st.write_run(make_run(tenant_a, "service_tickets"),
                           {ticket_rows(tenant_a, "cust-1", device, 1)},
                           false));
  // Hold the ticket counter so that the next run waits in its transaction.
  pqxx::connection holder{admin_url_of(url)};
  pqxx::work hold{holder};
  hold.exec("SELECT * FROM ticket_counters FOR UPDATE");
  caf::expected<db::write_result> res{db::write_result{}};
  std::thread writer{[&] {
    res = st.write_run(make_run(tenant_a, "service_tickets"),
                       {ticket_rows(tenant_a, "cust-1", device, 2)}, false);
  }};
  // Terminate the waiting backend, then let the retry through.
  pqxx::connection admin{admin_url_of(url)};
  auto waiting = [&](int other_than) {
    for (int i = 0; i < 1000; ++i) {
      pqxx::nontransaction tx{admin};
      auto rows = tx.exec_params("SELECT pid FROM pg_stat_activity"
                                 " WHERE datname = current_database()"
                                 " AND wait_event_type = 'Lock'"
                                 " AND pid <> $1",
                                 other_than);
      if (!rows.empty())
        return rows[0][0].as<int>();
      std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    return 0;
  };
  auto victim = waiting(0);
  ASSERT_NE(victim, 0);
  {
    pqxx::nontransaction tx{admin};
    tx.exec("SELECT pg_terminate_backend(" + std::to_string(victim) + ")");
  }
  EXPECT_NE(waiting(victim), 0);
  hold.abort();
  writer.join();
  // The broken transaction wrote nothing; the retry wrote the run once.
  ASSERT_TRUE(res) << render(res.error());
  EXPECT_EQ(count_rows(url, "service_tickets"), 3);
  EXPECT_EQ(count_rows(url, "updater_runs", "updater = 'service_tickets'"),
            2);
  EXPECT_EQ(count_rows(url, "service_tickets", "ticket_number > 3"), 0);
}
