#include "generators/meter_readings.hpp"

#include "generators/calendar.hpp"
#include "generators/check.hpp"
#include "generators/context.hpp"
#include "generators/random.hpp"
#include "generators/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace dbu::gen {

namespace {

using nlohmann::json;
using std::chrono::seconds;
using std::chrono::sys_seconds;

// -- vocabulary ---------------------------------------------------------------

/// A model's rated speed, which sets how much an office prints on it.
struct model_speed {
  std::string_view model;
  int pages_per_minute;
};

// The models of the device vocabulary with their rated speeds.
constexpr model_speed speed_table[] = {
  {"IM C3000", 30},
  {"IM C4500", 45},
  {"IM 430F", 43},
  {"SP 5300DN", 45},
  {"IM 6000", 60},
  {"imageRUNNER ADVANCE DX C5860i", 60},
  {"imageRUNNER ADVANCE DX C3835i", 35},
  {"imageRUNNER ADVANCE DX 6855i", 55},
  {"imageCLASS LBP226dw", 40},
  {"LaserJet Enterprise M611dn", 65},
  {"Color LaserJet Enterprise M555dn", 40},
  {"LaserJet Enterprise MFP M635h", 65},
  {"Color LaserJet Enterprise MFP M578f", 40},
  {"AltaLink C8145", 45},
  {"AltaLink B8155", 55},
  {"VersaLink C405", 36},
  {"VersaLink B405", 47},
  {"VersaLink C500", 45},
  {"bizhub C450i", 45},
  {"bizhub C300i", 30},
  {"bizhub 4750i", 50},
  {"bizhub 558e", 58},
  {"TASKalfa 4054ci", 40},
  {"TASKalfa 3554ci", 35},
  {"TASKalfa 6004i", 60},
  {"ECOSYS P3155dn", 57},
  {"ECOSYS M3655idn", 57},
  {"MX-3071", 30},
  {"MX-4071", 40},
  {"MX-M3071", 30},
  {"MX-B467F", 45},
  {"MX-C507P", 50},
};

// A device of an unknown model prints like a mid-range office MFP.
constexpr int default_pages_per_minute = 35;

// An average office prints about this many pages a month per rated page
// per minute (a 30 ppm MFP: some 3,600 pages).
constexpr int pages_per_month_per_ppm = 120;

// How a reading reaches the dealer: the device's collection agent, the
// customer's portal, or a technician on a visit.
constexpr std::array<std::string_view, 3> source_names{
  "dca", "customer_portal", "technician"};

// -- settings -----------------------------------------------------------------

/// The settings of `equipment_meter_readings`.
struct meter_settings {
  /// The chance that a device's reading is missing from a run.
  double missed_rate = 0.03;
  /// Weight of each source, summing to 1.
  std::array<double, source_names.size()> source_weights{};
};

// A dealer chases a device whose readings keep missing; more than every
// other month is a broken collection, not a setting.
constexpr double max_missed_rate = 0.5;

// The shortest time between two readings of a device. Monthly readings lie
// at least 26 days apart (a reading on the last business day of February
// after one on the first of it); 20 leaves room.
constexpr std::chrono::days min_days_between{20};

json meter_defaults() {
  return json{
    {"missedReadingRate", 0.03},
    {"sourceDistribution",
     {{"dca", 0.85}, {"customer_portal", 0.10}, {"technician", 0.05}}},
  };
}

void validate_meters(const json& s, const std::string& path, problems& out) {
  // The keys, then each setting.
  if (!check::object(s, path, {"missedReadingRate", "sourceDistribution"},
                     out))
    return;
  if (auto rate = s.find("missedReadingRate");
      rate != s.end()
      && (!rate->is_number() || rate->get<double>() < 0
          || rate->get<double>() > max_missed_rate))
    out.push_back(problem{path + "/missedReadingRate",
                          check::show(*rate)
                            + " — must be a number from 0 to 0.5"});
  if (auto weights = s.find("sourceDistribution"); weights != s.end())
    check::distribution(*weights, path + "/sourceDistribution", source_names,
                        "reading source", out);
}

meter_settings parse_meters(const json& s) {
  meter_settings m;
  m.missed_rate = s.value("missedReadingRate", m.missed_rate);
  auto& weights = s["sourceDistribution"];
  for (size_t i = 0; i < source_names.size(); ++i)
    m.source_weights[i] = weights.value(std::string{source_names[i]}, 0.0);
  return m;
}

// -- page counts --------------------------------------------------------------

// @returns the share of a month's volume the calendar month brings: offices
// print less in August and over the holidays.
double season(date::month m) {
  if (m == date::August)
    return 0.85;
  if (m == date::December)
    return 0.8;
  return 1.0;
}

/// How one device is used, fixed for its life.
struct usage_profile {
  /// Pages of the factory test and the installation.
  double initial = 0;
  /// The device's monthly volume.
  double monthly = 0;
  /// The colour share of its pages; zero when monochrome.
  double color_share = 0;
};

usage_profile profile_of(const equipment_ref& device) {
  // Drawn from the serial alone, so every run sees the same device; most
  // offices sit near their class, a few lean on one device.
  rng r{fnv1a(device.serial), 0};
  usage_profile p;
  p.initial = double(r.between(40, 400));
  auto load = 0.45 + r.unit() * 0.8 + (r.chance(0.15) ? r.uniform(0.4, 1) : 0);
  p.monthly = double(nominal_monthly_pages(device.model)) * load;
  p.color_share = device.color ? r.uniform(0.12, 0.45) : 0;
  return p;
}

// The columns of a reading row, in row order.
const std::vector<std::string>& reading_columns() {
  static const std::vector<std::string> columns{
    "tenant_id",   "reading_id",  "customer_id", "equipment_id", "read_at",
    "black_pages", "color_pages", "source",      "created_at",
  };
  return columns;
}

// The query of each device's latest reading, as a fact per device id.
constexpr std::string_view last_readings_query
  = "SELECT DISTINCT ON (equipment_id) equipment_id::text,"
    " black_pages || ' ' || coalesce(color_pages, 0) || ' '"
    " || extract(epoch FROM read_at)::bigint"
    " FROM equipment_meter_readings"
    " WHERE tenant_id = $1 AND customer_id = $2"
    " ORDER BY equipment_id, read_at DESC";

// -- the generator ------------------------------------------------------------

// @returns when a person took a reading: in office hours of the latest
// weekday before `fire` in `zone`.
sys_seconds office_reading_time(rng& r, const date::time_zone* zone,
                                sys_seconds fire) {
  auto day = last_day_until(date::floor<date::days>(to_local(zone, fire)),
                            weekdays_mask);
  auto secs = seconds{r.between(9 * 3600, 17 * 3600 - 1)};
  auto at = to_sys(zone, day + secs);
  if (at >= fire)
    at = to_sys(zone, step_days(day, -1, weekdays_mask) + secs);
  return at;
}

class meter_generator final : public generator {
public:
  explicit meter_generator(meter_settings s)
    : settings_(s), source_(s.source_weights) {}

  batch generate(const context& ctx) const override {
    // One reading per device of the fleet, save the missed ones.
    rng r{ctx.seed, ctx.fire_time.time_since_epoch().count()};
    auto zone = zone_or_utc(ctx.zone);
    batch b(1);
    auto& t = b.front();
    t.table = "equipment_meter_readings";
    t.columns = reading_columns();
    t.rows.reserve(ctx.equipment.size());
    for (auto& device : ctx.equipment)
      append_row(r, ctx, zone, device, t.rows);
    if (t.rows.empty())
      return {};
    return b;
  }

private:
  // Appends the reading of `device`, unless it is missed or there is
  // nothing new to read.
  void append_row(rng& r, const context& ctx, const date::time_zone* zone,
                  const equipment_ref& device,
                  std::vector<std::vector<value>>& rows) const {
    // The collection agent reports within the hour before the fire; a
    // person in office hours of the last business day.
    auto missed = r.chance(settings_.missed_rate);
    auto source = source_(r);
    auto automatic = source == 0;
    auto read = automatic ? ctx.fire_time - seconds{r.between(300, 3300)}
                          : office_reading_time(r, zone, ctx.fire_time);
    auto lag = automatic ? r.between(30, 300) : r.between(120, 5400);
    auto entered = std::min(read + seconds{lag}, ctx.fire_time);
    if (missed || read < sys_seconds{device.install_date})
      return;
    // The meters rise from the device's last reading, or from its
    // installation when it has none.
    std::optional<meter_reading> last;
    if (auto i = ctx.facts.find(device.id); i != ctx.facts.end())
      last = parse_reading_fact(i->second);
    // A device read in the last few weeks has nothing new: a run soon
    // after the monthly one (an `execute`) reads no device twice.
    if (last && last->at + min_days_between > read)
      return;
    page_counts pages;
    if (last) {
      auto since = pages_between(device, last->at, read);
      pages = {last->pages.black + since.black,
               last->pages.color + since.color};
    } else {
      pages = meters_at(device, read);
    }
    rows.push_back({ctx.tenant_id, uuid_v4(r), ctx.customer_id, device.id,
                    timestamp(read, utc_offset(zone, read)), pages.black,
                    device.color ? value{pages.color} : value{},
                    std::string{source_names[source]},
                    timestamp(entered, utc_offset(zone, entered))});
  }

  meter_settings settings_;
  weighted_choice<source_names.size()> source_;
};

std::unique_ptr<generator> make_meters(const json& settings) {
  // Invalid settings make no generator.
  problems found;
  validate_meters(settings, "", found);
  if (!found.empty())
    return nullptr;
  return std::make_unique<meter_generator>(parse_meters(settings));
}

void remember_meters(context& ctx, const batch& rows) {
  // Each reading is its device's latest from now on.
  for (auto& t : rows) {
    for (auto& row : t.rows) {
      auto at = parse_timestamp(std::get<std::string>(row[4]));
      auto color = std::get_if<int64_t>(&row[6]);
      meter_reading last{{std::get<int64_t>(row[5]), color ? *color : 0},
                         at.value_or(sys_seconds{})};
      ctx.facts[std::get<std::string>(row[3])] = reading_fact(last);
    }
  }
}

} // namespace

int64_t nominal_monthly_pages(std::string_view model) {
  auto ppm = default_pages_per_minute;
  for (auto& m : speed_table)
    if (m.model == model)
      ppm = m.pages_per_minute;
  return int64_t{ppm} * pages_per_month_per_ppm;
}

bool known_model(std::string_view model) {
  return std::any_of(std::begin(speed_table), std::end(speed_table),
                     [&](auto& m) { return m.model == model; });
}

page_counts pages_between(const equipment_ref& device, sys_seconds from,
                          sys_seconds to) {
  // Each calendar month in the part of it that lies in [from, to); nothing
  // before the installation.
  auto p = profile_of(device);
  from = std::max(from, sys_seconds{device.install_date});
  if (to <= from)
    return {};
  double black = 0, color = 0;
  auto first = date::year_month_day{date::floor<date::days>(from)};
  auto key = fnv1a(device.serial);
  for (auto ym = first.year() / first.month();; ym += date::months{1}) {
    auto month_start = sys_seconds{date::sys_days{ym / 1}};
    auto month_end = sys_seconds{date::sys_days{(ym + date::months{1}) / 1}};
    if (month_start >= to)
      break;
    auto part = double((std::min(to, month_end)
                        - std::max(from, month_start))
                         .count())
                / double((month_end - month_start).count());
    // Each month's volume and colour share vary around the device's own.
    rng month{key, int64_t(int(ym.year())) * 12 + unsigned(ym.month())};
    auto pages = part * p.monthly * season(ym.month())
                 * month.uniform(0.8, 1.2);
    auto share
      = std::clamp(p.color_share * month.uniform(0.85, 1.15), 0.0, 0.9);
    color += pages * share;
    black += pages * (1 - share);
  }
  return {std::llround(black), std::llround(color)};
}

page_counts meters_at(const equipment_ref& device, sys_seconds t) {
  auto p = profile_of(device);
  auto since = pages_between(device, sys_seconds{device.install_date}, t);
  auto initial = std::llround(p.initial);
  if (!device.color)
    return {initial + since.black, 0};
  // A colour device printed a share of its first pages in colour.
  auto first_color = std::llround(p.initial * p.color_share);
  return {initial - first_color + since.black, first_color + since.color};
}

std::string reading_fact(const meter_reading& r) {
  return std::to_string(r.pages.black) + ' ' + std::to_string(r.pages.color)
         + ' ' + std::to_string(r.at.time_since_epoch().count());
}

std::optional<meter_reading> parse_reading_fact(std::string_view text) {
  // Three whole numbers separated by single spaces.
  int64_t n[3];
  auto pos = text.data();
  auto end = text.data() + text.size();
  for (int i = 0; i < 3; ++i) {
    auto [next, err] = std::from_chars(pos, end, n[i]);
    if (err != std::errc{} || (i < 2 && (next == end || *next != ' ')))
      return std::nullopt;
    pos = i < 2 ? next + 1 : next;
  }
  if (pos != end)
    return std::nullopt;
  return meter_reading{{n[0], n[1]}, sys_seconds{seconds{n[2]}}};
}

updater_kind meter_readings_kind() {
  return {
    .name = "equipment_meter_readings",
    .default_schedule = "0 0 6 1 * *",
    .needs_records = false,
    .needs_equipment = true,
    .facts_query = last_readings_query,
    .defaults = meter_defaults,
    .validate = validate_meters,
    .make = make_meters,
    .remember = remember_meters,
  };
}

} // namespace dbu::gen
