#include "generators/calendar.hpp"
#include "generators/kinds.hpp"
#include "generators/random.hpp"
#include "generators/text.hpp"
#include "generators/vocabulary_activities.hpp"

#include <algorithm>
#include <optional>

namespace dbu::gen {

namespace {

using std::chrono::minutes;
using std::chrono::sys_seconds;

const std::vector<std::string>& activity_columns() {
  static const std::vector<std::string> columns{
    "tenant_id",    "activity_id",  "record_id",        "activity_type",
    "subject",      "description",  "scheduled_at",     "completed_at",
    "duration_minutes", "outcome",  "next_action",      "follow_up_date",
    "created_at",
  };
  return columns;
}

// The run's instant in the tenant's zone, worked out once per run.
struct run_clock {
  const date::time_zone* zone;
  sys_seconds fire;
  date::local_days today;
  // Minutes since local midnight, rounded down and up.
  int minute_floor;
  int minute_ceil;
};

// When an activity starts, as an instant and on the wall clock.
struct start_time {
  sys_seconds at;
  date::local_seconds local;
};

// @returns the clock of a run firing at `fire` in `zone`.
run_clock make_clock(const date::time_zone* zone, sys_seconds fire) {
  auto local = to_local(zone, fire);
  auto today = date::floor<date::days>(local);
  auto secs = int((local - today).count());
  return run_clock{zone, fire, today, secs / 60, (secs + 59) / 60};
}

// @returns a multiple of `step` in [lo, hi], any minute if none is.
std::optional<int> pick_minute(rng& r, int lo, int hi, int step) {
  if (lo > hi)
    return std::nullopt;
  int first = (lo + step - 1) / step * step;
  int last = hi / step * step;
  if (first > last)
    return int(r.between(lo, hi));
  return first + step * int(r.below(uint64_t((last - first) / step + 1)));
}

class activity_generator final : public generator {
public:
  explicit activity_generator(activity_settings s)
    : settings_(s), type_(s.type_weights) {
    // Without business hours, any minute of any day will do.
    auto& h = settings_.hours;
    days_ = h.enabled ? uint8_t(h.days | closed_on_holidays)
                      : every_day_mask;
    start_ = h.enabled ? h.start_minute : 0;
    end_ = h.enabled ? h.end_minute : 24 * 60;
    follow_days_ = h.enabled ? uint8_t(h.days | closed_on_holidays)
                             : weekdays_mask;
  }

  batch generate(const context& ctx) const override {
    // Activities need a record to belong to.
    if (ctx.records.empty())
      return {};
    rng r{ctx.seed, ctx.fire_time.time_since_epoch().count()};
    auto n = r.between(settings_.per_run.min, settings_.per_run.max);
    if (n == 0)
      return {};
    // One table of `n` activities on the run's clock.
    auto clock = make_clock(zone_or_utc(ctx.zone), ctx.fire_time);
    batch b(1);
    auto& t = b.front();
    t.table = "business_record_activities";
    t.columns = activity_columns();
    t.rows.reserve(size_t(n));
    for (int64_t i = 0; i < n; ++i)
      append_row(r, ctx, clock, t.rows);
    return b;
  }

private:
  // @returns a record, preferring open and recent ones (records are newest
  // first).
  const record_ref& pick_record(rng& r,
                                const std::vector<record_ref>& records) const {
    // Draw indices leaning to the newest until an open record comes up;
    // a closed one is taken now and then, and after a few draws.
    auto& open = vocab::open_statuses;
    size_t i = 0;
    for (int attempt = 0; attempt < 4; ++attempt) {
      auto u = r.unit();
      i = std::min(records.size() - 1, size_t(u * u * double(records.size())));
      auto& status = records[i].status;
      if (std::find(open.begin(), open.end(), status) != open.end()
          || r.chance(0.25))
        break;
    }
    return records[i];
  }

  // @returns a length that fits both the type and the settings.
  int pick_duration(rng& r, const vocab::activity_profile& p) const {
    // Intersect the type's typical range with the configured one; when they
    // do not meet, stay at the configured edge nearest to the type.
    auto& s = settings_.duration_minutes;
    int64_t lo = std::max<int64_t>(p.min_minutes, s.min);
    int64_t hi = std::min<int64_t>(p.max_minutes, s.max);
    int64_t span = p.max_minutes - p.min_minutes;
    if (lo > hi && p.max_minutes < s.min) {
      lo = s.min;
      hi = std::min(s.max, s.min + span);
    } else if (lo > hi) {
      hi = s.max;
      lo = std::max(s.min, s.max - span);
    }
    // The whole activity fits into the business day.
    hi = std::min<int64_t>(hi, end_ - start_);
    lo = std::min(lo, hi);
    // Prefer round lengths.
    auto d = r.between(lo, hi);
    auto rounded = (d + p.step_minutes / 2) / p.step_minutes * p.step_minutes;
    return int(rounded >= lo && rounded <= hi ? rounded : d);
  }

  // @returns a start of an activity `duration` long that ends by the fire
  // time (past) or starts at or after it (future), within business hours.
  std::optional<start_time> pick_start(rng& r, const run_clock& c,
                                       int duration, bool future,
                                       int step) const {
    // Booked up to a week and a half ahead, logged up to a week back.
    auto base = future ? first_day_from(c.today, days_)
                       : last_day_until(c.today, days_);
    int k = int(r.below(future ? 8 : 5));
    for (int attempt = 0; attempt < 16; ++attempt, ++k) {
      // The day's free window, cut at the fire time on the run's own day.
      auto day = step_days(base, future ? k : -k, days_);
      int lo = start_;
      int hi = end_ - duration;
      if (day == c.today && future)
        lo = std::max(lo, c.minute_ceil);
      if (day == c.today && !future)
        hi = std::min(hi, c.minute_floor - duration);
      auto minute = pick_minute(r, lo, hi, step);
      if (!minute)
        continue;
      // Check on the real clock: a clock change may move the wall time.
      auto local = day + minutes{*minute};
      auto at = to_sys(c.zone, local);
      auto end = at + minutes{duration};
      if (future ? at >= c.fire : end <= c.fire)
        return start_time{at, local};
    }
    return std::nullopt;
  }

  // What an activity is, when, and on which record.
  struct plan {
    activity_type type;
    int duration;
    start_time at;
    const record_ref* rec;
  };

  // @returns a type, length, start and record that fit together: the
  // record existed by the start, and a type never booked ahead (a note)
  // becomes a task when only a time ahead is left.
  plan make_plan(rng& r, const context& ctx, const run_clock& c) const {
    plan out{};
    for (int attempt = 0; attempt < 2; ++attempt) {
      // Logged afterwards or booked ahead, as the type goes.
      out.type = attempt == 0 ? activity_type(type_(r)) : activity_type::task;
      auto& p = vocab::profile(out.type);
      out.duration = pick_duration(r, p);
      bool future = r.chance(p.future_share);
      auto now = start_time{c.fire, to_local(c.zone, c.fire)};
      auto at = pick_start(r, c, out.duration, future, p.step_minutes);
      if (!at)
        at = pick_start(r, c, out.duration, !future, p.step_minutes);
      // On a record that existed by then and is far enough along for the
      // type; book ahead if none did.
      auto unfit = [&](const record_ref& rec) {
        auto& fits = p.statuses;
        return at.value_or(now).at < rec.created_at
               || (!fits.empty()
                   && std::find(fits.begin(), fits.end(), rec.status)
                        == fits.end());
      };
      out.rec = &pick_record(r, ctx.records);
      for (int i = 0; i < 8 && unfit(*out.rec); ++i)
        out.rec = &pick_record(r, ctx.records);
      // Else the newest record that fits, when one does.
      if (unfit(*out.rec)) {
        auto fit = std::find_if(ctx.records.begin(), ctx.records.end(),
                                [&](auto& rec) { return !unfit(rec); });
        if (fit != ctx.records.end())
          out.rec = &*fit;
      }
      if (at.value_or(now).at < out.rec->created_at)
        at = pick_start(r, c, out.duration, true, p.step_minutes);
      out.at = at.value_or(now);
      if (out.at.at < c.fire || p.future_share > 0)
        break;
    }
    return out;
  }

  // @returns the topic of an activity on `rec`: mostly the record's own
  // interest, always one that suits its industry.
  static std::string_view pick_topic(rng& r, const vocab::activity_profile& p,
                                     const record_ref& rec) {
    // The record's interest is fixed by its id, not by the run.
    auto kind = category_index(industry_names, rec.industry);
    auto customer = rec.status == "active";
    auto fits = [&](std::string_view t) {
      return !kind || vocab::topic_fits(t, industry(*kind), customer);
    };
    rng own{fnv1a(rec.id), 0};
    auto& draw = r.chance(0.75) ? own : r;
    for (int attempt = 0; attempt < 8; ++attempt)
      if (auto& t = draw.pick(p.topics); fits(t))
        return t;
    return p.topics.front();
  }

  // Appends one activity on a record of `ctx`.
  void append_row(rng& r, const context& ctx, const run_clock& c,
                  std::vector<std::vector<value>>& rows) const {
    // What, when and on which record.
    auto planned_for = make_plan(r, ctx, c);
    auto type = planned_for.type;
    auto& p = vocab::profile(type);
    auto duration = planned_for.duration;
    auto* at = &planned_for.at;
    auto* rec = planned_for.rec;
    bool future = at->at >= c.fire;
    // One purpose on a topic that fits the type and the record, with the
    // record's contact; openers only for records not yet past a first talk.
    auto topic = pick_topic(r, p, *rec);
    auto& pur = pick_purpose(r, p, rec->status);
    std::string full_name = rec->contact_first_name;
    full_name.append(" ").append(rec->contact_last_name);
    std::initializer_list<std::string_view> args{
      rec->company, full_name, rec->contact_first_name, topic};
    auto done = fill(pur.done, args);
    auto planned = fill(pur.planned, args);
    // Done activities have an outcome whose words the description
    // follows; booked ones a preparation step. Either is entered before
    // the run: a done one after the fact, a booked one once its record
    // existed.
    value completed, outcome, next_action;
    std::string description;
    auto latest = std::min(c.fire, rec->created_at);
    // Booked activities are followed up a few business days after.
    int follow_min = 1, follow_max = 3;
    if (!future) {
      // An outcome may cut the activity short: nobody answered the call.
      auto& o = pick_outcome(r, p);
      if (o.max_minutes > 0 && duration > o.max_minutes)
        duration = int(std::max<int64_t>(o.max_minutes,
                                          settings_.duration_minutes.min));
      auto end = at->at + minutes{duration};
      completed = timestamp(end, utc_offset(c.zone, end));
      follow_min = o.follow_min_days;
      follow_max = o.follow_max_days;
      outcome = std::string{o.name};
      next_action = fill(o.next_action, args);
      description = fill(o.description, {rec->company, full_name,
                                         rec->contact_first_name, topic,
                                         done, planned});
      latest = end;
    } else {
      next_action = fill(r.pick(p.planned_actions), args);
      description = std::move(planned);
    }
    auto lag = std::min<int64_t>(2400, (c.fire - latest).count());
    auto created = c.fire - std::chrono::seconds{r.between(0, lag)};
    // A follow-up as many business days after the activity as its outcome
    // asks for, and after the run's day for an activity logged late.
    auto day = date::floor<date::days>(at->local);
    auto follow = step_days(std::max(day, c.today),
                            int(r.between(follow_min, follow_max)),
                            follow_days_);
    // A subject opens with a capital, whatever its pattern starts with;
    // names ending in s take a bare apostrophe, and a name ending in an
    // abbreviation ("Inc.") ends its sentence too.
    auto subject = fill(pur.subject, args);
    if (!subject.empty() && subject[0] >= 'a' && subject[0] <= 'z')
      subject[0] = char(subject[0] - 'a' + 'A');
    mend_possessives(subject);
    mend_possessives(description);
    mend_stops(description);
    if (auto* next = std::get_if<std::string>(&next_action)) {
      mend_possessives(*next);
      mend_stops(*next);
    }
    // The row, in column order.
    auto& row = rows.emplace_back();
    row.reserve(activity_columns().size());
    row.emplace_back(ctx.tenant_id);
    row.emplace_back(uuid_v4(r));
    row.emplace_back(rec->id);
    row.emplace_back(std::string{activity_type_names[size_t(type)]});
    row.emplace_back(std::move(subject));
    row.emplace_back(std::move(description));
    row.emplace_back(timestamp(at->at, utc_offset(c.zone, at->at)));
    row.emplace_back(std::move(completed));
    row.emplace_back(int64_t{duration});
    row.emplace_back(std::move(outcome));
    row.emplace_back(std::move(next_action));
    row.emplace_back(iso_date(date::sys_days{follow.time_since_epoch()}));
    row.emplace_back(timestamp(created));
  }

  // @returns a purpose of `p` that fits a record in `status`.
  static const vocab::purpose& pick_purpose(rng& r,
                                            const vocab::activity_profile& p,
                                            std::string_view status) {
    // Openers fit only early records; every type has other purposes.
    auto& early = vocab::early_statuses;
    bool opener_fits
      = std::find(early.begin(), early.end(), status) != early.end();
    for (int attempt = 0; attempt < 8; ++attempt) {
      auto& pur = r.pick(p.purposes);
      if (opener_fits || !pur.first_contact)
        return pur;
    }
    return p.purposes.back();
  }

  // @returns an outcome of `p` drawn by weight.
  static const vocab::outcome& pick_outcome(rng& r,
                                            const vocab::activity_profile& p) {
    auto u = r.unit();
    for (auto& o : p.outcomes) {
      if (u < o.weight)
        return o;
      u -= o.weight;
    }
    return p.outcomes.back();
  }

  activity_settings settings_;
  weighted_choice<activity_type_names.size()> type_;
  uint8_t days_;
  int start_;
  int end_;
  uint8_t follow_days_;
};

} // namespace

std::unique_ptr<generator> make_activity_generator(activity_settings s) {
  return std::make_unique<activity_generator>(s);
}

} // namespace dbu::gen
