#include "generators/calendar.hpp"
#include "generators/kinds.hpp"
#include "generators/lead_rows.hpp"
#include "generators/seed.hpp"
#include "generators/text.hpp"

#include <algorithm>
#include <optional>

namespace dbu::gen {

namespace {

using std::chrono::hours;
using std::chrono::seconds;
using std::chrono::sys_seconds;

// The longest time before the fire a run's new leads spread over.
constexpr auto longest_wait = hours{72};

// How far back a lead people key in goes for office hours when the run's
// own time has none and no web form can stand in for it.
constexpr auto office_search = hours{24 * 10};

// The office hours people key leads in, local hours of a business day.
constexpr int office_opens = 8;
constexpr int office_closes = 18;

// @returns the weight of the local hour starting at `h` for leads people
// key in: 1 in office hours of a business day, else 0.
double keyed_in_weight(date::local_seconds h) {
  auto day = date::floor<date::days>(h);
  auto hour = (h - day) / hours{1};
  auto open = hour >= office_opens && hour < office_closes;
  return open && allowed_day(day, weekdays_mask) ? 1 : 0;
}

// @returns the weight of the local hour starting at `h` for web forms.
double form_fill_weight(date::local_seconds h) {
  auto day = date::floor<date::days>(h);
  return vocab::form_fill_hours[size_t((h - day) / hours{1})];
}

/// Instants of a stretch of time, drawn by a weight per local hour.
class arrivals {
public:
  /// The hours of [from, to) in `zone`, each weighed by `weight` of its
  /// local start and its length.
  arrivals(const date::time_zone* zone, sys_seconds from, sys_seconds to,
           double (*weight)(date::local_seconds))
    : last_(to - seconds{1}) {
    // Hour by hour on the local clock, each cut to the stretch and at the
    // zone's offset changes; an hour a clock change skips has no part, one
    // it repeats has two. The offset is looked up only when it changes.
    hours_.reserve(size_t((to - from) / hours{1}) + 2);
    auto info = zone->get_info(from);
    for (auto start = from; start < to;) {
      if (start >= info.end)
        info = zone->get_info(start);
      auto local = date::local_seconds{start.time_since_epoch() + info.offset};
      auto h = date::floor<hours>(local);
      auto next = sys_seconds{(h + hours{1}).time_since_epoch() - info.offset};
      auto end = std::min({to, next, sys_seconds{info.end}});
      auto w = weight(h) * double((end - start).count());
      if (w > 0) {
        total_ += w;
        hours_.push_back({start, end - start, total_});
      }
      start = end;
    }
  }

  /// @returns whether no instant has weight.
  bool empty() const { return hours_.empty(); }

  /// @returns an instant drawn by weight, or the last of the stretch when
  /// none has weight.
  sys_seconds draw(rng& r) const {
    // An hour by its weight, then a second of it.
    if (hours_.empty())
      return last_;
    auto u = r.uniform(0, total_);
    auto it = std::upper_bound(hours_.begin(), hours_.end() - 1, u,
                               [](double x, const stretch& s) {
                                 return x < s.upto;
                               });
    return it->start + seconds{int64_t(r.below(uint64_t(it->length.count())))};
  }

private:
  struct stretch {
    sys_seconds start;
    seconds length;
    /// The weight of this and the earlier stretches.
    double upto;
  };
  std::vector<stretch> hours_;
  double total_ = 0;
  sys_seconds last_;
};

// @returns where the time of a run's new leads begins: at the tenant's
// newest record, or three days before the fire when that is longer ago,
// unknown, or not before the fire (a run back in time).
sys_seconds first_arrival(const context& ctx) {
  auto earliest = ctx.fire_time - longest_wait;
  auto newest = newest_record(ctx);
  if (!newest || *newest >= ctx.fire_time)
    return earliest;
  return std::max(earliest, *newest);
}

// @returns `weights` of the lead sources with those people key in left out.
std::array<double, lead_source_names.size()>
form_weights(std::array<double, lead_source_names.size()> weights) {
  for (size_t i = 0; i < weights.size(); ++i)
    if (vocab::source_keyed_in[i])
      weights[i] = 0;
  return weights;
}

class lead_generator final : public generator {
public:
  explicit lead_generator(const lead_settings& s)
    : settings_(s), draws_(s), form_source_(form_weights(s.source_weights)) {
    // Whether the settings let forms stand in for people.
    auto forms = form_weights(s.source_weights);
    has_forms_ = std::any_of(forms.begin(), forms.end(),
                             [](double w) { return w > 0; });
  }

  batch generate(const context& ctx) const override {
    // The run's count of new leads.
    rng r{ctx.seed, ctx.fire_time.time_since_epoch().count()};
    auto n = r.between(settings_.per_run.min, settings_.per_run.max);
    if (n == 0)
      return {};
    // The time since the tenant's newest record, never after the fire:
    // people key leads in during office hours, forms come in at any hour.
    // Each table of arrivals is made when a lead first needs it.
    auto zone = zone_or_utc(ctx.zone);
    auto from = first_arrival(ctx);
    std::optional<arrivals> keyed_hours, form_hours, earlier;
    auto keyed = [&]() -> const arrivals& {
      if (!keyed_hours)
        keyed_hours.emplace(zone, from, ctx.fire_time, keyed_in_weight);
      return *keyed_hours;
    };
    auto forms = [&]() -> const arrivals& {
      if (!form_hours)
        form_hours.emplace(zone, from, ctx.fire_time, form_fill_weight);
      return *form_hours;
    };
    // One table of new leads.
    batch b(1);
    auto& t = b.front();
    t.table = "business_records";
    t.columns = lead_columns();
    t.rows.reserve(size_t(n));
    taken_names taken{&ctx.facts};
    for (int64_t i = 0; i < n; ++i) {
      // When the office was closed all along, a form brought the lead;
      // without forms, someone entered it in the last office hours.
      auto source = draws_.pick_source(r);
      auto by_person = vocab::source_keyed_in[source];
      if (by_person && keyed().empty() && has_forms_) {
        source = form_source_(r);
        by_person = false;
      }
      auto* when = by_person ? &keyed() : &forms();
      if (when->empty()) {
        if (!earlier)
          earlier.emplace(zone, ctx.fire_time - office_search, ctx.fire_time,
                          keyed_in_weight);
        when = &*earlier;
      }
      draws_.append_row(r, ctx.tenant_id, {"lead", "new"}, source,
                        timestamp(when->draw(r)), taken, ctx.region.get(),
                        t.rows);
    }
    return b;
  }

private:
  lead_settings settings_;
  lead_draws draws_;
  weighted_choice<lead_source_names.size()> form_source_;
  bool has_forms_ = false;
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
  remember_newest_record(ctx, rows);
}

} // namespace dbu::gen
