#include "generators/kinds.hpp"
#include "generators/lead_rows.hpp"
#include "generators/seed.hpp"
#include "generators/text.hpp"

#include <algorithm>

namespace dbu::gen {

namespace {

class lead_generator final : public generator {
public:
  explicit lead_generator(const lead_settings& s)
    : settings_(s), draws_(s) {}

  batch generate(const context& ctx) const override {
    // The run's count of new leads.
    rng r{ctx.seed, ctx.fire_time.time_since_epoch().count()};
    auto n = r.between(settings_.per_run.min, settings_.per_run.max);
    if (n == 0)
      return {};
    // One table of new leads, each entered some minutes before the fire
    // time, never after it.
    batch b(1);
    auto& t = b.front();
    t.table = "business_records";
    t.columns = lead_columns();
    t.rows.reserve(size_t(n));
    taken_names taken{&ctx.facts};
    for (int64_t i = 0; i < n; ++i) {
      auto jitter = std::chrono::seconds{r.between(60, 2400)};
      draws_.append_row(r, ctx.tenant_id, {"lead", "new"},
                        timestamp(ctx.fire_time - jitter), taken,
                        ctx.region.get(), t.rows);
    }
    return b;
  }

private:
  lead_settings settings_;
  lead_draws draws_;
};

} // namespace

std::unique_ptr<generator> make_lead_generator(lead_settings s) {
  return std::make_unique<lead_generator>(s);
}

void remember_leads(context& ctx, const batch& rows) {
  // New records are the newest, newest first; the database hands a run
  // the newest 200.
  context added;
  add_references(rows, added);
  std::sort(added.records.begin(), added.records.end(),
            [](auto& x, auto& y) { return x.created_at > y.created_at; });
  ctx.records.insert(ctx.records.begin(), added.records.begin(),
                     added.records.end());
  if (ctx.records.size() > 200)
    ctx.records.resize(200);
  remember_names(ctx, rows);
}

} // namespace dbu::gen
