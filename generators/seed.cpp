#include "generators/seed.hpp"

#include "generators/calendar.hpp"
#include "generators/lead_rows.hpp"
#include "generators/settings.hpp"
#include "generators/text.hpp"
#include "generators/vocabulary_service.hpp"

#include <date/date.h>

#include <algorithm>
#include <sstream>

namespace dbu::gen {

namespace {

using std::chrono::sys_seconds;

// The pipeline of a seeded tenant: stage of each record, newest first.
constexpr lead_draws::state seeded_states[] = {
  {"lead", "new"},           {"lead", "new"},
  {"lead", "contacted"},     {"lead", "new"},
  {"lead", "qualified"},     {"lead", "contacted"},
  {"lead", "proposal"},      {"lead", "qualified"},
  {"lead", "negotiation"},   {"lead", "qualified"},
  {"lead", "lost"},          {"customer", "active"},
};

// @returns a serial number in the style `pattern` ('#' digit, '@' letter).
std::string make_serial(rng& r, std::string_view pattern) {
  std::string s{pattern};
  for (auto& c : s) {
    if (c == '#')
      c = char('0' + r.below(10));
    else if (c == '@')
      c = char('A' + r.below(26));
  }
  return s;
}

// @returns a business-hours instant (weekday, 08:00–17:59 local, any
// second) on or before the day of `t` in `zone`, and before `latest`.
sys_seconds business_time(rng& r, const date::time_zone* zone, sys_seconds t,
                          sys_seconds latest) {
  // Back to a weekday, then a time of day with its own seconds.
  auto day = last_day_until(date::floor<date::days>(to_local(zone, t)),
                            weekdays_mask);
  auto secs = std::chrono::seconds{r.between(8 * 3600, 18 * 3600 - 1)};
  auto at = to_sys(zone, day + secs);
  // The run's own day may not have reached that time yet.
  for (int i = 1; at >= latest && i < 8; ++i)
    at = to_sys(zone, step_days(day, -i, weekdays_mask) + secs);
  return at;
}

// @returns the text of column `name` of `row` of `t`.
const std::string& text_of(const table_rows& t, const std::vector<value>& row,
                           std::string_view name) {
  auto i = std::find(t.columns.begin(), t.columns.end(), name);
  return std::get<std::string>(row[size_t(i - t.columns.begin())]);
}

// Appends the customer row of `co`, at the address of its business record
// `record` (a row of `records`).
void add_customer(rng& r, const std::string& tenant_id,
                  const std::string& customer_id, sys_seconds created,
                  const company& co, const table_rows& records,
                  const std::vector<value>& record, batch& b) {
  // Its office line and shared mailbox; the record's address.
  auto phone = phone_number(vocab::pick_area_code(*co.town, r),
                            int(r.below(100)));
  auto email = "office@" + co.domain;
  b.push_back(table_rows{
    "customers",
    {"tenant_id", "customer_id", "name", "industry", "phone", "email",
     "street", "city", "state", "postal_code", "created_at"},
    {{tenant_id, customer_id, co.name,
      std::string{industry_names[size_t(co.kind)]}, std::move(phone),
      std::move(email), text_of(records, record, "street"),
      text_of(records, record, "city"), text_of(records, record, "state"),
      text_of(records, record, "postal_code"), timestamp(created)}}});
}

// Appends 6–10 devices of the customer, mostly of one make, installed
// since it became one.
void add_equipment(rng& r, const std::string& tenant_id,
                   const std::string& customer_id,
                   const date::time_zone* zone, sys_seconds since,
                   sys_seconds now, industry kind, size_t n, batch& b) {
  // Dealers place one make most of the time.
  auto& t = b.emplace_back();
  t.table = "equipment";
  t.columns = {"tenant_id",   "equipment_id", "customer_id", "make",
               "model",       "serial_number", "device_type", "color",
               "install_date", "location",    "created_at"};
  auto& models = vocab::device_models;
  auto main_make = r.pick(models).make;
  // Each device in its own place, with a serial unique in the fleet.
  auto where = vocab::device_locations_of(kind);
  std::vector<std::string_view> places(where.begin(), where.end());
  std::vector<std::string> serials;
  for (size_t i = 0; i < n; ++i) {
    auto* m = &r.pick(models);
    if (r.chance(0.7))
      while (m->make != main_make)
        m = &r.pick(models);
    auto* make = vocab::find_make(m->make);
    std::string serial;
    do
      serial = make_serial(r, make->serial_pattern);
    while (std::find(serials.begin(), serials.end(), serial)
           != serials.end());
    serials.push_back(serial);
    auto j = i + r.below(places.size() - i);
    std::swap(places[i], places[j]);
    // Installed on a business day after the customer's start.
    auto today = date::floor<date::days>(to_local(zone, now));
    auto first = date::floor<date::days>(to_local(zone, since));
    auto span = std::max<int64_t>(31, (today - first).count() - 30);
    auto day = first_day_from(today - date::days{r.between(30, span)},
                              weekdays_mask);
    auto installed = business_time(r, zone, to_sys(zone, day), now);
    date::sys_days installed_day{
      date::floor<date::days>(to_local(zone, installed)).time_since_epoch()};
    t.rows.push_back({tenant_id, uuid_v4(r), customer_id,
                      std::string{m->make}, std::string{m->model},
                      std::move(serial), std::string{m->device_type},
                      m->color,
                      iso_date(installed_day),
                      std::string{places[i]}, timestamp(installed)});
  }
}

// @returns about a dozen business records created over the past months,
// the oldest the customer `co`, a customer since `since`.
table_rows make_records(rng& r, const std::string& tenant_id,
                        const date::time_zone* zone, sys_seconds since,
                        sys_seconds now, const home_region* region,
                        const company& co) {
  // Creation times, newest first, spread over half a year; the customer's
  // record is as old as the customer.
  lead_draws draws{parse_lead_settings(lead_defaults())};
  std::vector<sys_seconds> created;
  for (size_t i = 0; i + 1 < std::size(seeded_states); ++i)
    created.push_back(business_time(
      r, zone, now - std::chrono::minutes{r.between(60, 180 * 1440)},
      now - std::chrono::hours{1}));
  std::sort(created.rbegin(), created.rend());
  created.push_back(since);
  // The older a record, the further along its pipeline.
  table_rows t;
  t.table = "business_records";
  t.columns = lead_columns();
  taken_names taken;
  taken.add(co.name, "");
  for (size_t i = 0; i < created.size(); ++i)
    draws.append_row(r, tenant_id, seeded_states[i], draws.pick_source(r),
                     timestamp(created[i]), taken, region, t.rows,
                     i + 1 == created.size() ? &co : nullptr);
  return t;
}

// @returns the index of `name` in `t`'s columns.
size_t column(const table_rows& t, std::string_view name) {
  auto it = std::find(t.columns.begin(), t.columns.end(), name);
  return size_t(it - t.columns.begin());
}

// @returns the text in `row` at column `i`, empty when not text.
std::string text_at(const std::vector<value>& row, size_t i) {
  auto* s = i < row.size() ? std::get_if<std::string>(&row[i]) : nullptr;
  return s ? *s : std::string{};
}

// @returns the boolean in `row` at column `i`, false when not one.
bool bool_at(const std::vector<value>& row, size_t i) {
  auto* b = i < row.size() ? std::get_if<bool>(&row[i]) : nullptr;
  return b && *b;
}

// @returns the day of an ISO date `YYYY-MM-DD`, or the epoch when it does
// not read.
std::chrono::sys_days day_of(const std::string& iso) {
  int y = 0;
  unsigned m = 0, d = 0;
  char dash1 = 0, dash2 = 0;
  std::istringstream in{iso};
  in >> y >> dash1 >> m >> dash2 >> d;
  date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
  if (in.fail() || dash1 != '-' || dash2 != '-' || !ymd.ok())
    return {};
  return std::chrono::sys_days{
    std::chrono::days{date::sys_days{ymd}.time_since_epoch().count()}};
}

} // namespace

batch seed_tenant(const std::string& tenant_id, const std::string& customer_id,
                  uint64_t seed, const date::time_zone* zone,
                  sys_seconds now, const home_region* region) {
  // One stream of numbers per tenant and customer.
  rng r{seed ^ fnv1a(customer_id, fnv1a(tenant_id)),
        now.time_since_epoch().count()};
  zone = zone_or_utc(zone);
  // The customer, a company of an industry drawn like a lead's (in the
  // tenant's region when it has one), became one a few years ago.
  auto weights = parse_lead_settings(lead_defaults()).industry_weights;
  auto kind = industry(weighted_choice<industry_names.size()>{weights}(r));
  // Its fleet of 6–10 devices fits its head count, and its name its size.
  auto& p = vocab::profile(kind);
  auto n = size_t(r.between(6, 10));
  auto employees = std::max(p.min_employees,
                            int(double(n) * p.employees_per_device
                                * r.uniform(0.8, 1.3)));
  auto co = make_company(r, kind, region, employees);
  co.employees = employees;
  co.devices = int(n);
  auto since = business_time(
    r, zone, now - date::days{r.between(2 * 365, 8 * 365)}, now);
  // Its record among the others, its row at the record's address, and the
  // fleet it has bought since.
  auto records = make_records(r, tenant_id, zone, since, now, region, co);
  batch b;
  add_customer(r, tenant_id, customer_id, since, co, records,
               records.rows.back(), b);
  add_equipment(r, tenant_id, customer_id, zone, since, now, kind, n, b);
  b.push_back(std::move(records));
  return b;
}

std::string tenant_name(std::string_view tenant_id) {
  // A name and a trade, drawn from the id alone.
  rng r{fnv1a(tenant_id), 0};
  auto name = std::string{r.pick(vocab::dealer_names)};
  return name.append(" ").append(r.pick(vocab::dealer_trades));
}

void add_references(const batch& rows, context& ctx) {
  // Records keep their order, which is newest first for seeded ones.
  for (auto& t : rows) {
    if (t.table == "business_records") {
      auto id = column(t, "record_id"), co = column(t, "company_name"),
           first = column(t, "contact_first_name"),
           last = column(t, "contact_last_name"),
           email = column(t, "contact_email"), ind = column(t, "industry"),
           status = column(t, "status"), created = column(t, "created_at");
      for (auto& row : t.rows)
        ctx.records.push_back(record_ref{
          text_at(row, id), text_at(row, co), text_at(row, first),
          text_at(row, last), text_at(row, email), text_at(row, ind),
          text_at(row, status),
          parse_timestamp(text_at(row, created)).value_or(ctx.fire_time)});
    } else if (t.table == "equipment") {
      auto id = column(t, "equipment_id"), make = column(t, "make"),
           model = column(t, "model"), serial = column(t, "serial_number"),
           where = column(t, "location"),
           installed = column(t, "install_date"), color = column(t, "color");
      for (auto& row : t.rows)
        ctx.equipment.push_back(equipment_ref{
          text_at(row, id), text_at(row, make), text_at(row, model),
          text_at(row, serial), text_at(row, where),
          day_of(text_at(row, installed)), bool_at(row, color)});
    }
  }
}

context sample_context(const std::string& tenant_id,
                       const std::string& customer_id, uint64_t seed,
                       const date::time_zone* zone, sys_seconds fire_time,
                       std::shared_ptr<const home_region> region) {
  // The tenant as seeded at the fire time, so the run has records to use.
  context ctx;
  ctx.tenant_id = tenant_id;
  ctx.customer_id = customer_id;
  ctx.zone = zone_or_utc(zone);
  ctx.region = std::move(region);
  ctx.fire_time = fire_time;
  ctx.seed = seed;
  auto rows = seed_tenant(tenant_id, customer_id, seed, zone, fire_time,
                          ctx.region.get());
  add_references(rows, ctx);
  remember_names(ctx, rows);
  remember_newest_record(ctx, rows);
  return ctx;
}

} // namespace dbu::gen
