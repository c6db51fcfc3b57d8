// When the tickets of a run are logged: in order, after the tenant's last
// ticket, and before their run's fire.

#include "helpers.hpp"

#include "generators/kinds.hpp"
#include "generators/text.hpp"

#include <set>

using namespace dbu::gen;
using namespace dbu::gen::test;

namespace {

constexpr std::string_view kind = "service_tickets";

} // namespace

TEST(Tickets, OfARunComeInTheOrderTheyWereLogged) {
  // The writer numbers a run's tickets in row order: that is the order of
  // their creation, and a later run's come after.
  auto g = make(kind, {{"perRun", {{"min", 5}, {"max", 5}}}});
  auto ctx = seeded("America/Chicago", at("2024-03-05T18:00:00Z"));
  std::string last;
  for (int run = 0; run < 4; ++run, ctx.fire_time += std::chrono::hours{6})
    for (auto& t : g->generate(ctx))
      for (auto& row : t.rows) {
        auto created = parse_timestamp(row_view(t, row).text("created_at"));
        auto text = timestamp(*created);
        EXPECT_GE(text, last);
        last = text;
      }
}

TEST(Tickets, OfRunsCloserThanTheirWindowStillFollowEachOther) {
  // Runs every 5 seconds: each run's tickets come after the tenant's last
  // ticket, which the facts hold, and never after their run's fire time.
  auto g = make(kind, {{"perRun", {{"min", 1}, {"max", 3}}}});
  auto ctx = seeded("UTC", at("2024-03-05T15:00:00Z"));
  auto* k = find_updater_kind(kind);
  std::chrono::sys_seconds last{};
  for (int run = 0; run < 200; ++run) {
    ctx.fire_time += std::chrono::seconds{5};
    auto rows = g->generate(ctx);
    for (auto& t : rows)
      for (auto& row : t.rows) {
        auto created =
          parse_timestamp(row_view(t, row).text("created_at")).value();
        EXPECT_GE(created, last) << "run " << run;
        EXPECT_LE(created, ctx.fire_time) << "run " << run;
        last = created;
      }
    k->remember(ctx, rows);
    ASSERT_TRUE(last_ticket(ctx).has_value());
    EXPECT_EQ(*last_ticket(ctx), last);
  }
}

TEST(Tickets, OfARunBackInTimeComeInBeforeItsFire) {
  // Tickets the tenant logged after the fire (a run with `--at`) do not
  // push the run's tickets onto its fire time; they come in before it.
  auto g = make(kind, {{"perRun", {{"min", 3}, {"max", 3}}}});
  auto ctx = seeded("UTC", at("2024-03-05T15:00:00Z"));
  auto* k = find_updater_kind(kind);
  auto later = ctx;
  later.fire_time = at("2026-01-05T15:00:00Z");
  k->remember(ctx, g->generate(later));
  ASSERT_GT(*last_ticket(ctx), ctx.fire_time);
  std::set<std::chrono::sys_seconds> created;
  for (auto& t : g->generate(ctx))
    for (auto& row : t.rows) {
      auto c = parse_timestamp(row_view(t, row).text("created_at")).value();
      EXPECT_LT(c, ctx.fire_time);
      EXPECT_GE(c, ctx.fire_time - std::chrono::minutes{40});
      created.insert(c);
    }
  EXPECT_EQ(created.size(), 3u);
}
