#include "db/store.hpp"
#include "generators/lead_rows.hpp"
#include "generators/seed.hpp"
#include "generators/updater.hpp"
#include "generators/vocabulary_service.hpp"
#include "support.hpp"

#include <algorithm>

#include <gtest/gtest.h>

using namespace dbu;
using namespace dbu::test;

namespace {

/// @returns the row count of each seeded table.
std::vector<int64_t> seeded_counts(const std::string& url) {
  std::vector<int64_t> out;
  for (auto table : {"tenants", "customers", "equipment", "business_records",
                     "updater_runs"})
    out.push_back(count_rows(url, table));
  return out;
}

} // namespace

TEST(StoreSeed, CreatesTenantsCustomersAndFleetOnce) {
  auto url = migrated_database();
  db::store st{url};
  auto cfg = tenants_config({tenant_a, tenant_b});
  // The first seed writes one backfill run per tenant.
  auto res = st.seed(cfg, 7);
  ASSERT_TRUE(res) << render(res.error());
  EXPECT_EQ(*res, 2u);
  auto after_first = seeded_counts(url);
  EXPECT_EQ(after_first[0], 2);
  EXPECT_EQ(after_first[1], 2);
  EXPECT_GT(after_first[2], 0);
  EXPECT_EQ(after_first[4], 2);
  // Each tenant is named as the dealer it is.
  EXPECT_EQ(count_rows(url, "tenants",
                       "name = '" + gen::tenant_name(tenant_a) + "'"),
            1);
  EXPECT_EQ(count_rows(url, "tenants", "name LIKE 'Tenant %'"), 0);
  auto runs = st.recent_runs(tenant_a);
  ASSERT_TRUE(runs) << render(runs.error());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ(runs->front().updater, "seed");
  EXPECT_EQ(runs->front().how, db::trigger::backfill);
  EXPECT_EQ(runs->front().status, "succeeded");
  EXPECT_EQ(runs->front().rows.at("customers"), 1);
  // Every seeded row carries the run's id.
  for (auto table : {"customers", "equipment", "business_records"})
    EXPECT_EQ(count_rows(url, table, "run_id IS NULL"), 0) << table;
  // Seeding again, with another seed, changes nothing.
  res = st.seed(cfg, 8);
  ASSERT_TRUE(res) << render(res.error());
  EXPECT_EQ(*res, 0u);
  EXPECT_EQ(seeded_counts(url), after_first);
}

TEST(StoreSeed, KeepsAnExistingTenantsData) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  add_fleet(st, tenant_a);
  // The customer exists, so only the missing tenant gets a fleet.
  ASSERT_TRUE(st.seed(tenants_config({tenant_a, tenant_b}), 7));
  EXPECT_EQ(count_rows(url, "equipment",
                       "tenant_id = '" + std::string{tenant_a} + "'"),
            1);
  EXPECT_GT(count_rows(url, "equipment",
                       "tenant_id = '" + std::string{tenant_b} + "'"),
            0);
}

TEST(StoreLoadContext, ReadsNewestRecordsAndTheCustomersDevices) {
  auto url = migrated_database();
  db::store st{url};
  ASSERT_TRUE(st.seed(tenants_config({tenant_a}), 7));
  // The context names the tenant and customer and lists what exists.
  auto ctx = st.load_context(tenant_a, "cust-1", true, true);
  ASSERT_TRUE(ctx) << render(ctx.error());
  EXPECT_EQ(ctx->tenant_id, tenant_a);
  EXPECT_EQ(ctx->customer_id, "cust-1");
  EXPECT_EQ(static_cast<int64_t>(ctx->equipment.size()),
            count_rows(url, "equipment"));
  EXPECT_EQ(static_cast<int64_t>(ctx->records.size()),
            std::min<int64_t>(200, count_rows(url, "business_records")));
  for (size_t i = 1; i < ctx->records.size(); ++i)
    EXPECT_GE(ctx->records[i - 1].created_at, ctx->records[i].created_at);
  // Devices read back with an install date (after 2010) and the colour of
  // their model.
  for (auto& device : ctx->equipment) {
    EXPECT_FALSE(device.make.empty());
    EXPECT_FALSE(device.serial.empty());
    EXPECT_GT(device.install_date.time_since_epoch().count(), 365 * 40);
    auto& models = gen::vocab::device_models;
    auto model = std::find_if(models.begin(), models.end(), [&](auto& m) {
      return m.make == device.make && m.model == device.model;
    });
    ASSERT_NE(model, models.end()) << device.model;
    EXPECT_EQ(device.color, model->color) << device.model;
  }
  // Asking for nothing reads nothing.
  auto empty = st.load_context(tenant_a, "cust-1", false, false);
  ASSERT_TRUE(empty) << render(empty.error());
  EXPECT_TRUE(empty->records.empty());
  EXPECT_TRUE(empty->equipment.empty());
}

TEST(StoreLoadContext, TellsLeadsWhenTheNewestRecordWasCreated) {
  auto url = migrated_database();
  db::store st{url};
  ASSERT_TRUE(st.seed(tenants_config({tenant_a}), 7));
  add_tenants(url, {tenant_b});
  // A seeded tenant's facts hold its newest record's creation time, in
  // seconds, as the database has it.
  auto& kind = *gen::find_updater_kind("business_records");
  auto ctx = st.load_context(tenant_a, "cust-1", kind);
  ASSERT_TRUE(ctx) << render(ctx.error());
  pqxx::connection c{admin_url_of(url)};
  pqxx::work tx{c};
  auto newest = tx.exec_params1(
    "SELECT extract(epoch FROM max(created_at))::bigint"
    " FROM business_records WHERE tenant_id = $1",
    tenant_a)[0].as<int64_t>();
  auto fact = gen::newest_record(*ctx);
  ASSERT_TRUE(fact);
  EXPECT_EQ(fact->time_since_epoch().count(), newest);
  // A tenant without records has none.
  auto bare = st.load_context(tenant_b, "cust-1", kind);
  ASSERT_TRUE(bare) << render(bare.error());
  EXPECT_FALSE(gen::newest_record(*bare));
}

TEST(StoreLoadContext, CapsRecordsAtTheNewest200) {
  auto url = migrated_database();
  add_tenants(url, {tenant_a});
  db::store st{url};
  std::vector<std::string> ids;
  for (int i = 0; i < 250; ++i)
    ids.push_back(new_uuid());
  ASSERT_TRUE(st.write_run(make_run(tenant_a, "business_records"),
                           {record_rows(tenant_a, ids)}, false));
  auto ctx = st.load_context(tenant_a, "cust-1", true, false);
  ASSERT_TRUE(ctx) << render(ctx.error());
  EXPECT_EQ(ctx->records.size(), 200u);
  EXPECT_TRUE(ctx->equipment.empty());
}
