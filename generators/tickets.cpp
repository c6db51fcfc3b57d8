#include "generators/calendar.hpp"
#include "generators/kinds.hpp"
#include "generators/random.hpp"
#include "generators/text.hpp"
#include "generators/vocabulary_service.hpp"

#include <algorithm>

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

// @returns up to `p.max_parts` distinct parts of `p`, maybe none.
text_list pick_parts(rng& r, const vocab::issue_profile& p) {
  // Draw the count, then that many distinct parts (partial shuffle).
  text_list parts;
  if (p.parts.empty() || !r.chance(p.parts_chance))
    return parts;
  auto n = std::min<size_t>(size_t(p.max_parts), p.parts.size());
  auto k = size_t(r.between(1, int64_t(n)));
  std::array<uint8_t, 16> order{};
  for (size_t i = 0; i < p.parts.size(); ++i)
    order[i] = uint8_t(i);
  parts.reserve(k);
  for (size_t i = 0; i < k; ++i) {
    auto j = i + r.below(p.parts.size() - i);
    std::swap(order[i], order[j]);
    parts.emplace_back(p.parts[order[i]]);
  }
  return parts;
}

// @returns the skills a ticket of `p` needs: the first always.
text_list pick_skills(rng& r, const vocab::issue_profile& p) {
  text_list skills;
  skills.reserve(p.skills.size());
  skills.emplace_back(p.skills.front());
  for (size_t i = 1; i < p.skills.size(); ++i)
    if (r.chance(0.5))
      skills.emplace_back(p.skills[i]);
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
    auto today = date::floor<date::days>(to_local(zone, ctx.fire_time));
    auto created = timestamp(ctx.fire_time);
    batch b(1);
    auto& t = b.front();
    t.table = "service_tickets";
    t.columns = ticket_columns();
    t.rows.reserve(size_t(n));
    for (int64_t i = 0; i < n; ++i)
      append_row(r, ctx, today, created, t.rows);
    return b;
  }

private:
  // Appends one ticket on a device of `ctx`.
  void append_row(rng& r, const context& ctx, date::local_days today,
                  const std::string& created,
                  std::vector<std::vector<value>>& rows) const {
    // The issue, the device and how pressing it is.
    auto issue = issue_(r);
    auto& p = vocab::profile(issue_type(issue));
    auto& eq = ctx.equipment[r.below(ctx.equipment.size())];
    auto priority = priority_[issue](r);
    // Words that name the device and what it shows.
    std::string device = eq.make;
    device.append(" ").append(eq.model);
    auto code = pick_error_code(r, p, vocab::find_make(eq.make));
    auto description
      = fill(r.pick(p.descriptions), {device, eq.location, eq.serial});
    if (auto c = std::get_if<std::string>(&code))
      description += fill(vocab::error_code_sentence, {*c});
    // The work: parts, skills, time and the visit day.
    auto minutes = r.between(p.min_minutes, p.max_minutes) / 15 * 15;
    auto day = pick_visit_day(r, priority, today);
    // The row, in column order.
    auto& row = rows.emplace_back();
    row.reserve(ticket_columns().size());
    row.emplace_back(ctx.tenant_id);
    row.emplace_back(uuid_v4(r));
    row.emplace_back(ctx.customer_id);
    row.emplace_back(eq.id);
    row.emplace_back(std::string{issue_type_names[issue]});
    row.emplace_back(fill(r.pick(p.titles), {device, eq.location}));
    row.emplace_back(std::move(description));
    row.emplace_back(std::move(code));
    row.emplace_back(std::string{vocab::priority_names[priority]});
    row.emplace_back(std::string{"open"});
    row.emplace_back(pick_parts(r, p));
    row.emplace_back(pick_skills(r, p));
    row.emplace_back(int64_t{std::max<int64_t>(minutes, 15)});
    row.emplace_back(iso_date(date::sys_days{day.time_since_epoch()}));
    row.emplace_back(created);
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
