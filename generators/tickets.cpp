#include "generators/calendar.hpp"
#include "generators/kinds.hpp"
#include "generators/random.hpp"
#include "generators/text.hpp"
#include "generators/vocabulary_service.hpp"

#include <algorithm>
#include <unordered_set>

namespace dbu::gen {

namespace {

const std::vector<std::string>& ticket_columns() {
  static const std::vector<std::string> columns{
    "tenant_id",       "ticket_id",       "customer_id",
    "equipment_id",    "issue_type",      "title",
    "description",     "error_code",      "priority",
    "status",          "required_parts",  "required_skills",
    "estimated_duration_minutes",         "scheduled_date",
    "created_at",
  };
  return columns;
}

// @returns the codes of `make` that an issue of `family` shows.
vocab::words codes_of(const vocab::make_profile& make,
                      vocab::code_family family, rng& r) {
  switch (family) {
    case vocab::code_family::jam:
      return make.jam_codes;
    case vocab::code_family::hardware:
      return make.hardware_codes;
    case vocab::code_family::scanner:
      return make.scanner_codes;
    case vocab::code_family::general:
      // A service call is as often a hardware fault as a system error.
      return r.chance(0.5) ? make.general_codes : make.hardware_codes;
    case vocab::code_family::none:
      break;
  }
  return {};
}

// @returns the error code a ticket of `p` on a device of `make` shows, or
// null.
value pick_error_code(rng& r, const vocab::issue_profile& p,
                      const vocab::make_profile* make) {
  // Only issues that show codes, and not every time.
  if (p.codes == vocab::code_family::none || !r.chance(p.code_chance))
    return {};
  // An unknown make still gets a plausible code for a service call.
  if (!make) {
    if (p.codes != vocab::code_family::general)
      return {};
    std::string code = "E";
    append_number(code, r.between(0, 999), 3);
    return code;
  }
  auto codes = codes_of(*make, p.codes, r);
  if (codes.empty())
    return {};
  return std::string{r.pick(codes)};
}

// @returns up to `p.max_parts` distinct parts that fix `s` on a device of
// `make`, maybe none.
text_list pick_parts(rng& r, const vocab::issue_profile& p,
                     const vocab::symptom& s,
                     const vocab::make_profile* make) {
  // Draw the count, then that many distinct parts (partial shuffle).
  text_list parts;
  auto& all = s.parts;
  if (all.empty() || !r.chance(p.parts_chance))
    return parts;
  auto n = std::min<size_t>(size_t(std::max(p.max_parts, 1)), all.size());
  auto k = size_t(r.between(1, int64_t(n)));
  std::array<uint8_t, 16> order{};
  for (size_t i = 0; i < all.size(); ++i)
    order[i] = uint8_t(i);
  parts.reserve(k);
  for (size_t i = 0; i < k; ++i) {
    auto j = i + r.below(all.size() - i);
    std::swap(order[i], order[j]);
    auto part = all[order[i]];
    // A drum or developer that lives in the toner cartridge is that.
    if (make && make->drum_in_toner
        && (part == "drum unit" || part == "developer unit"))
      part = "toner cartridge";
    if (std::find(parts.begin(), parts.end(), part) == parts.end())
      parts.emplace_back(part);
  }
  return parts;
}

// @returns a symptom of `p` that a device that does (not) scan can show,
// or nullptr.
const vocab::symptom* pick_symptom(rng& r, const vocab::issue_profile& p,
                                   bool scans) {
  // Count the fitting symptoms, then take the k-th of them.
  size_t n = 0;
  for (auto& s : p.symptoms)
    n += scans || !s.needs_mfp;
  if (n == 0)
    return nullptr;
  auto k = r.below(n);
  for (auto& s : p.symptoms)
    if ((scans || !s.needs_mfp) && k-- == 0)
      return &s;
  return nullptr;
}

// @returns the index of a device of `fleet` that scans, or the size of
// `fleet` when none does.
size_t pick_scanning_device(rng& r, const std::vector<equipment_ref>& fleet) {
  // Start anywhere and take the first that scans.
  auto start = r.below(fleet.size());
  for (size_t i = 0; i < fleet.size(); ++i) {
    auto k = (start + i) % fleet.size();
    if (vocab::scans(fleet[k].make, fleet[k].model))
      return k;
  }
  return fleet.size();
}

// @returns the skills a ticket of `p` showing `s` needs: the first always.
text_list pick_skills(rng& r, const vocab::issue_profile& p,
                      const vocab::symptom& s) {
  auto& all = s.skills.empty() ? p.skills : s.skills;
  text_list skills;
  skills.reserve(all.size());
  skills.emplace_back(all.front());
  for (size_t i = 1; i < all.size(); ++i)
    if (r.chance(0.5))
      skills.emplace_back(all[i]);
  return skills;
}

// @returns the visit day for `priority` (index into `priority_names`):
// urgent today, high the next business day, medium within three, low
// within one or two weeks.
date::local_days pick_visit_day(rng& r, size_t priority,
                                date::local_days today) {
  switch (priority) {
    case 3:
      return today;
    case 2:
      return step_days(today, 1, weekdays_mask);
    case 1:
      return step_days(today, int(r.between(1, 3)), weekdays_mask);
    default:
      return step_days(today, int(r.between(5, 10)), weekdays_mask);
  }
}

} // namespace

std::string ticket_key(std::string_view equipment_id,
                       std::string_view issue) {
  std::string key{"ticket:"};
  key.append(equipment_id).append(":").append(issue);
  return key;
}

const std::string_view last_ticket_key = "ticket:last";

const std::string_view ticket_facts_query
  = "SELECT 'ticket:' || equipment_id || ':' || issue_type, count(*)::text"
    " FROM service_tickets WHERE tenant_id = $1 AND customer_id = $2"
    " AND created_at > now() - interval '30 days'"
    " GROUP BY equipment_id, issue_type"
    " UNION ALL SELECT 'ticket:last',"
    " extract(epoch FROM max(created_at))::bigint::text"
    " FROM service_tickets WHERE tenant_id = $1 HAVING count(*) > 0";

void remember_tickets(context& ctx, const batch& rows) {
  // Each ticket is a recent one of its device and issue from now on, and
  // the newest is the tenant's last.
  auto last = last_ticket(ctx);
  for (auto& t : rows)
    for (auto& row : t.rows) {
      ctx.facts[ticket_key(std::get<std::string>(row[3]),
                           std::get<std::string>(row[4]))] = "1";
      auto at = parse_timestamp(std::get<std::string>(row[14]));
      if (at && (!last || *at > *last))
        last = *at;
    }
  if (last)
    ctx.facts[std::string{last_ticket_key}]
      = std::to_string(last->time_since_epoch().count());
}

std::optional<std::chrono::sys_seconds> last_ticket(const context& ctx) {
  return instant_fact(ctx, std::string{last_ticket_key});
}

namespace {

/// When a ticket came in, on the service desk's clock.
struct desk_time {
  const date::time_zone* zone;
  std::chrono::sys_seconds at;

  /// @returns whether the desk was open then: a business day, 09:00 to
  /// 17:00 in the tenant's zone.
  bool open() const {
    auto local = to_local(zone, at);
    auto day = date::floor<date::days>(local);
    auto minute = (local - day) / std::chrono::minutes{1};
    return allowed_day(day, weekdays_mask) && minute >= 9 * 60
           && minute < 17 * 60;
  }

  /// @returns the day work on it can start: the day it came in, or the
  /// next business day when it came in after hours.
  date::local_days first_working_day() const {
    auto local = to_local(zone, at);
    auto day = date::floor<date::days>(local);
    auto minute = (local - day) / std::chrono::minutes{1};
    if (allowed_day(day, weekdays_mask) && minute < 17 * 60)
      return day;
    return step_days(day, 1, weekdays_mask);
  }
};

/// @returns the span the tickets of a run at `ctx.fire_time` are logged in:
/// from 40 to 1 minutes before it, but never before the tenant's last
/// ticket up to the fire; just the fire time when that ticket is no older.
std::pair<std::chrono::sys_seconds, std::chrono::sys_seconds>
logged_between(const context& ctx) {
  auto from = ctx.fire_time - std::chrono::minutes{40};
  auto to = ctx.fire_time - std::chrono::minutes{1};
  // Tickets after the fire (of a run back in time, `--once --at`) do not
  // count.
  auto last = last_ticket(ctx);
  if (last && *last >= from && *last <= ctx.fire_time)
    from = std::min(*last + std::chrono::seconds{1}, ctx.fire_time);
  if (from > to)
    to = ctx.fire_time;
  return {from, to};
}

class ticket_generator final : public generator {
public:
  explicit ticket_generator(ticket_settings s)
    : settings_(s), issue_(s.issue_weights) {
    // One priority choice per issue type.
    priority_.reserve(issue_type_names.size());
    for (size_t i = 0; i < issue_type_names.size(); ++i)
      priority_.emplace_back(vocab::profile(issue_type(i)).priority_weights);
  }

  batch generate(const context& ctx) const override {
    // Tickets need a device to be about.
    if (ctx.equipment.empty())
      return {};
    rng r{ctx.seed, ctx.fire_time.time_since_epoch().count()};
    auto n = r.between(settings_.per_run.min, settings_.per_run.max);
    if (n == 0)
      return {};
    // One table of `n` tickets, dated in the tenant's zone.
    auto zone = zone_or_utc(ctx.zone);
    batch b(1);
    auto& t = b.front();
    t.table = "service_tickets";
    t.columns = ticket_columns();
    t.rows.reserve(size_t(n));
    // Each logged a little before the run took it and after the tenant's
    // last ticket, in order: numbers follow the order tickets came in,
    // across runs too. None is on a device and issue with a recent ticket.
    std::unordered_set<std::string> raised;
    std::vector<std::chrono::sys_seconds> created;
    auto [from, to] = logged_between(ctx);
    for (int64_t i = 0; i < n; ++i)
      created.push_back(from + std::chrono::seconds{r.between(
                                 0, (to - from).count())});
    std::sort(created.begin(), created.end());
    for (auto at : created)
      append_row(r, ctx, desk_time{zone, at}, raised, t.rows);
    return b;
  }

private:
  // Appends one ticket on a device of `ctx`, noting it in `raised`.
  void append_row(rng& r, const context& ctx, const desk_time& when,
                  std::unordered_set<std::string>& raised,
                  std::vector<std::vector<value>>& rows) const {
    // The issue, a device that can show it, and one symptom of both; a
    // device with a recent ticket on the issue is not raised again while
    // another draw will do.
    size_t issue = 0;
    const equipment_ref* eq = nullptr;
    const vocab::symptom* sym = nullptr;
    for (int attempt = 0; attempt < 8 && !sym; ++attempt) {
      issue = issue_(r);
      auto& fleet = ctx.equipment;
      auto& prof = vocab::profile(issue_type(issue));
      auto recent = [&](const equipment_ref& d) {
        auto key = ticket_key(d.id, issue_type_names[issue]);
        return raised.count(key) > 0 || ctx.facts.count(key) > 0;
      };
      std::vector<const equipment_ref*> fresh;
      for (auto& d : fleet)
        if (!recent(d))
          fresh.push_back(&d);
      eq = fresh.empty() ? &fleet[r.below(fleet.size())]
                         : fresh[r.below(fresh.size())];
      sym = pick_symptom(r, prof, vocab::scans(eq->make, eq->model));
      // Scanning trouble needs a device that scans; find one.
      if (!sym) {
        auto k = pick_scanning_device(r, fleet);
        if (k < fleet.size()) {
          eq = &fleet[k];
          sym = pick_symptom(r, prof, true);
        }
      }
    }
    if (!sym) {
      // A fleet of printers only: a paper jam always fits.
      issue = 0;
      sym = pick_symptom(r, vocab::profile(issue_type(0)), false);
    }
    auto& p = vocab::profile(issue_type(issue));
    raised.insert(ticket_key(eq->id, issue_type_names[issue]));
    auto priority = priority_[issue](r);
    // Words that name the device, where it stands and what it shows.
    std::string device = eq->make;
    device.append(" ").append(eq->model);
    auto place = vocab::place_phrase(eq->location);
    std::string count, tray;
    append_number(count, r.pick(vocab::told_counts));
    append_number(tray, r.between(1, 4));
    value code;
    if (sym->shows_code)
      code = pick_error_code(r, p, vocab::find_make(eq->make));
    auto description = fill(r.pick(sym->descriptions),
                            {device, place, eq->serial, count, tray});
    if (auto c = std::get_if<std::string>(&code))
      description += fill(r.pick(vocab::error_code_sentences), {*c});
    // Out of hours a problem comes in through the portal.
    if (p.reported)
      description += fill(r.pick(when.open() ? vocab::ticket_details
                                             : vocab::portal_details),
                          {r.pick(vocab::reporters)});
    // The work: parts, skills, time (the symptom's own where it has one)
    // and the visit day; an urgent visit is dispatched the same day.
    auto lo = sym->min_minutes > 0 ? sym->min_minutes : p.min_minutes;
    auto hi = sym->max_minutes > 0 ? sym->max_minutes : p.max_minutes;
    // Quarter hours, never under the shortest visit.
    auto minutes = std::max<int64_t>((lo + 14) / 15 * 15,
                                     r.between(lo, hi) / 15 * 15);
    auto day = pick_visit_day(r, priority, when.first_working_day());
    // The row, in column order.
    auto& row = rows.emplace_back();
    row.reserve(ticket_columns().size());
    row.emplace_back(ctx.tenant_id);
    row.emplace_back(uuid_v4(r));
    row.emplace_back(ctx.customer_id);
    row.emplace_back(eq->id);
    row.emplace_back(std::string{issue_type_names[issue]});
    row.emplace_back(fill(r.pick(sym->titles),
                          {device, eq->location, eq->serial, count, tray}));
    row.emplace_back(std::move(description));
    row.emplace_back(std::move(code));
    row.emplace_back(std::string{vocab::priority_names[priority]});
    row.emplace_back(std::string{priority == 3 ? "dispatched" : "scheduled"});
    row.emplace_back(pick_parts(r, p, *sym, vocab::find_make(eq->make)));
    row.emplace_back(pick_skills(r, p, *sym));
    row.emplace_back(int64_t{std::max<int64_t>(minutes, 15)});
    row.emplace_back(iso_date(date::sys_days{day.time_since_epoch()}));
    row.emplace_back(timestamp(when.at, utc_offset(when.zone, when.at)));
  }

  ticket_settings settings_;
  weighted_choice<issue_type_names.size()> issue_;
  std::vector<weighted_choice<4>> priority_;
};

} // namespace

std::unique_ptr<generator> make_ticket_generator(ticket_settings s) {
  return std::make_unique<ticket_generator>(s);
}

} // namespace dbu::gen
