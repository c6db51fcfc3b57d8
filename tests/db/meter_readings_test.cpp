#include "db/support.hpp"
#include "generators/meter_readings.hpp"

#include <gtest/gtest.h>

using namespace dbu;
using namespace dbu::test;

namespace {

// @returns one run of meter readings for tenant a at `fire`, written.
db::run_entry read_meters(db::store& st, const gen::generator& g,
                          std::chrono::sys_seconds fire) {
  auto kind = gen::find_updater_kind("equipment_meter_readings");
  auto ctx = st.load_context(tenant_a, "cust-1", *kind);
  EXPECT_TRUE(ctx) << render(ctx.error());
  ctx->fire_time = fire;
  ctx->seed = 11;
  auto run = make_run(tenant_a, "equipment_meter_readings");
  auto res = st.write_run(run, g.generate(*ctx), false);
  EXPECT_TRUE(res) << render(res.error());
  return run;
}

} // namespace

TEST(StoreMeterReadings, EachRunReadsOnFromTheReadingsWritten) {
  // A seeded fleet read twice, a month apart.
  auto url = migrated_database();
  db::store st{url};
  ASSERT_TRUE(st.seed(tenants_config({tenant_a}), 7));
  auto kind = gen::find_updater_kind("equipment_meter_readings");
  ASSERT_NE(kind, nullptr);
  auto settings = kind->defaults();
  settings["missedReadingRate"] = 0;
  auto g = kind->make(settings);
  auto now = std::chrono::floor<std::chrono::seconds>(
    std::chrono::system_clock::now());
  read_meters(st, *g, now - std::chrono::hours{24 * 30});
  // The context now has each device's last reading as a fact.
  auto ctx = st.load_context(tenant_a, "cust-1", *kind);
  ASSERT_TRUE(ctx) << render(ctx.error());
  ASSERT_FALSE(ctx->equipment.empty());
  EXPECT_EQ(ctx->facts.size(),
            size_t(count_rows(url, "equipment_meter_readings")));
  for (auto& d : ctx->equipment) {
    auto i = ctx->facts.find(d.id);
    ASSERT_NE(i, ctx->facts.end()) << d.id;
    ASSERT_TRUE(gen::parse_reading_fact(i->second)) << i->second;
  }
  // The second readings lie above the first, device by device, and no
  // meter ever fell.
  auto second = read_meters(st, *g, now);
  EXPECT_EQ(count_rows(url, "equipment_meter_readings",
                       "run_id = '" + second.run_id + "'"),
            int64_t(ctx->equipment.size()));
  EXPECT_EQ(count_rows(url, "equipment_meter_readings",
                       "EXISTS (SELECT 1 FROM equipment_meter_readings b"
                       " WHERE b.equipment_id"
                       " = equipment_meter_readings.equipment_id"
                       " AND b.read_at > equipment_meter_readings.read_at"
                       " AND (b.black_pages"
                       " < equipment_meter_readings.black_pages"
                       " OR b.color_pages"
                       " < equipment_meter_readings.color_pages))"),
            0);
  EXPECT_EQ(count_rows(url, "equipment_meter_readings",
                       "color_pages IS NULL AND equipment_id IN (SELECT "
                       "equipment_id FROM equipment WHERE color)"),
            0);
  // A purge of the second run takes exactly its readings.
  db::purge_filter f;
  f.tenants = {tenant_a};
  f.run_id = second.run_id;
  auto purged = st.purge(f, false);
  ASSERT_TRUE(purged) << render(purged.error());
  EXPECT_EQ(purged->rows.at("equipment_meter_readings"),
            int64_t(ctx->equipment.size()));
  EXPECT_EQ(count_rows(url, "equipment_meter_readings"),
            int64_t(ctx->equipment.size()));
}
