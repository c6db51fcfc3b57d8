#include "db/support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace dbu;
using namespace dbu::test;

namespace {

// @returns what a run of `kind` at `fire` with `seed` draws for tenant a,
// from the context the database gives it now.
gen::batch draw(db::store& st, const gen::updater_kind& kind,
                std::chrono::sys_seconds fire, uint64_t seed) {
  auto ctx = st.load_context(tenant_a, "cust-1", kind);
  EXPECT_TRUE(ctx) << render(ctx.error());
  ctx->fire_time = fire;
  ctx->seed = seed;
  return kind.make(kind.defaults())->generate(*ctx);
}

// @returns the seed and fire time the ledger holds for `run`.
std::pair<uint64_t, std::chrono::sys_seconds>
ledger_of(const std::string& url, const db::run_entry& run) {
  pqxx::connection c{admin_url_of(url)};
  pqxx::work tx{c};
  auto row = tx.exec_params1(
    "SELECT seed, extract(epoch FROM fire_time)::bigint FROM updater_runs"
    " WHERE run_id = $1",
    run.run_id);
  return {row[0].as<uint64_t>(),
          std::chrono::sys_seconds{std::chrono::seconds{row[1].as<int64_t>()}}};
}

// @returns whether `a` and `b` hold the same tables, columns and values.
bool same_rows(const gen::batch& a, const gen::batch& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](auto& x, auto& y) {
                      return x.table == y.table && x.columns == y.columns
                             && x.rows == y.rows;
                    });
}

} // namespace

TEST(StoreReproduce, ARunsSeedAndFireTimeGiveItsRowsAgain) {
  // Every updater writes a run; its ledger row keeps seed and fire time.
  // With the run purged the database is as the run found it, and the same
  // seed and fire time draw the same rows, ids included.
  auto url = migrated_database();
  db::store st{url};
  ASSERT_TRUE(st.seed(tenants_config({tenant_a}), 3));
  auto fire = std::chrono::floor<std::chrono::seconds>(
    std::chrono::system_clock::now());
  for (auto& kind : gen::updater_kinds()) {
    auto first = draw(st, kind, fire, 987654321);
    ASSERT_GT(gen::row_count(first), 0u) << kind.name;
    auto run = make_run(tenant_a, std::string{kind.name});
    run.seed = 987654321;
    run.fire_time = fire;
    ASSERT_TRUE(st.write_run(run, first, false));
    auto [seed, at] = ledger_of(url, run);
    db::purge_filter f;
    f.tenants = {tenant_a};
    f.run_id = run.run_id;
    ASSERT_TRUE(st.purge(f, false)) << kind.name;
    EXPECT_TRUE(same_rows(first, draw(st, kind, at, seed)))
      << kind.name;
  }
}
