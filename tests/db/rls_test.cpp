#include "db/store.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

using namespace dbu;
using namespace dbu::test;

TEST(StoreRls, AppliesToTheAppRoleButNotToTheSuperuser) {
  auto url = migrated_database();
  db::store app{url};
  auto applies = app.rls_applies();
  ASSERT_TRUE(applies) << render(applies.error());
  EXPECT_TRUE(*applies);
  db::store admin{admin_url_of(url)};
  applies = admin.rls_applies();
  ASSERT_TRUE(applies) << render(applies.error());
  EXPECT_FALSE(*applies);
}

TEST(StoreRls, RefusesWritingRowsOfAnotherTenant) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a, tenant_b});
  db::store st{url};
  // A run of tenant A carries a record of tenant B.
  auto res = st.write_run(make_run(tenant_a, "business_records"),
                          {record_rows(tenant_b, {new_uuid()})}, false);
  ASSERT_FALSE(res);
  EXPECT_EQ(code_of(res.error()), ec::db_error);
  EXPECT_NE(render(res.error()).find("row-level security"), std::string::npos)
    << render(res.error());
  // Neither the row nor the ledger entry was written.
  EXPECT_EQ(count_rows(url, "business_records"), 0);
  EXPECT_EQ(count_rows(url, "updater_runs"), 0);
}

TEST(StoreRls, HidesRowsOfOtherTenants) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a, tenant_b});
  db::store st{url};
  // Each tenant gets its own records and device.
  auto a_records = std::vector<std::string>{new_uuid(), new_uuid()};
  auto b_records = std::vector<std::string>{new_uuid(), new_uuid(),
                                            new_uuid()};
  ASSERT_TRUE(st.write_run(make_run(tenant_a, "business_records"),
                           {record_rows(tenant_a, a_records)}, false));
  ASSERT_TRUE(st.write_run(make_run(tenant_b, "business_records"),
                           {record_rows(tenant_b, b_records)}, false));
  auto a_device = add_fleet(st, tenant_a);
  add_fleet(st, tenant_b);
  // The store reads only the asked tenant's rows and runs.
  auto ctx = st.load_context(tenant_a, "cust-1", true, true);
  ASSERT_TRUE(ctx) << render(ctx.error());
  ASSERT_EQ(ctx->records.size(), 2u);
  for (auto& r : ctx->records)
    EXPECT_NE(std::find(a_records.begin(), a_records.end(), r.id),
              a_records.end());
  ASSERT_EQ(ctx->equipment.size(), 1u);
  EXPECT_EQ(ctx->equipment[0].id, a_device);
  auto runs = st.recent_runs(tenant_a);
  ASSERT_TRUE(runs) << render(runs.error());
  EXPECT_EQ(runs->size(), 2u);
  // A plain connection of the app role sees nothing without a tenant, and
  // only the tenant's rows with one, even when asking for the other's.
  pqxx::connection c{url};
  pqxx::work tx{c};
  auto count = [&](const std::string& where) {
    return tx.exec1("SELECT count(*) FROM business_records" + where)[0]
      .as<int>();
  };
  EXPECT_EQ(count(""), 0);
  tx.exec_params("SELECT set_config('app.tenant_id', $1, true)",
                 std::string{tenant_b});
  EXPECT_EQ(count(""), 3);
  EXPECT_EQ(count(" WHERE tenant_id = '" + std::string{tenant_a} + "'"), 0);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM tenants")[0].as<int>(), 1);
}
