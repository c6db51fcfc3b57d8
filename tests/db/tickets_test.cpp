#include "db/store.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace dbu;
using namespace dbu::test;

namespace {

/// @returns the tenant's ticket numbers, ascending.
std::vector<int64_t> ticket_numbers(const std::string& url,
                                    const std::string& tenant) {
  pqxx::connection c{admin_url_of(url)};
  pqxx::work tx{c};
  std::vector<int64_t> out;
  for (const auto& row :
       tx.exec_params("SELECT ticket_number FROM service_tickets"
                      " WHERE tenant_id = $1 ORDER BY ticket_number",
                      tenant))
    out.push_back(row[0].as<int64_t>());
  return out;
}

/// @returns 1, 2, ..., n.
std::vector<int64_t> one_to(int64_t n) {
  std::vector<int64_t> out;
  for (int64_t i = 1; i <= n; ++i)
    out.push_back(i);
  return out;
}

} // namespace

TEST(StoreTickets, NumbersAreGapFreeAcrossDryRuns) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a, tenant_b});
  db::store st{url};
  auto device_a = add_fleet(st, tenant_a);
  auto device_b = add_fleet(st, tenant_b);
  // Real runs and rolled-back dry runs alternate.
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(st.write_run(make_run(tenant_a, "service_tickets"),
                             {ticket_rows(tenant_a, "cust-1", device_a, 2)},
                             false));
    ASSERT_TRUE(st.write_run(make_run(tenant_a, "service_tickets"),
                             {ticket_rows(tenant_a, "cust-1", device_a, 2)},
                             true));
  }
  // A failed run (its second ticket breaks a foreign key) takes no number.
  auto bad = ticket_rows(tenant_a, "cust-1", device_a, 2);
  bad.rows[1][3] = new_uuid();
  ASSERT_FALSE(st.write_run(make_run(tenant_a, "service_tickets"), {bad},
                            false));
  ASSERT_TRUE(st.write_run(make_run(tenant_a, "service_tickets"),
                           {ticket_rows(tenant_a, "cust-1", device_a, 1)},
                           false));
  // Each tenant counts on its own.
  ASSERT_TRUE(st.write_run(make_run(tenant_b, "service_tickets"),
                           {ticket_rows(tenant_b, "cust-1", device_b, 2)},
                           false));
  EXPECT_EQ(ticket_numbers(url, tenant_a), one_to(7));
  EXPECT_EQ(ticket_numbers(url, tenant_b), one_to(2));
}

TEST(StoreTickets, NumbersAreGapFreeWithParallelWriters) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  std::string device;
  {
    db::store st{url};
    device = add_fleet(st, tenant_a);
  }
  // Two stores write real and dry runs at once.
  constexpr int runs = 20;
  auto writer = [&](std::vector<std::string>* errors) {
    db::store st{url};
    for (int i = 0; i < runs; ++i) {
      auto res = st.write_run(make_run(tenant_a, "service_tickets"),
                              {ticket_rows(tenant_a, "cust-1", device, 2)},
                              i % 4 == 3);
      if (!res)
        errors->push_back(render(res.error()));
    }
  };
  std::vector<std::string> errors_1;
  std::vector<std::string> errors_2;
  std::thread t1{writer, &errors_1};
  std::thread t2{writer, &errors_2};
  t1.join();
  t2.join();
  EXPECT_TRUE(errors_1.empty()) << errors_1.front();
  EXPECT_TRUE(errors_2.empty()) << errors_2.front();
  // 2 writers x 15 real runs x 2 tickets, numbered without holes.
  EXPECT_EQ(ticket_numbers(url, tenant_a), one_to(60));
}
