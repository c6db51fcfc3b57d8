#include "generators/settings.hpp"

#include "generators/check.hpp"

namespace dbu::gen {

namespace {

using nlohmann::json;

// Upper bound of rows per run: more is a backfill, not a scheduled run.
constexpr int64_t max_per_run = 10'000;

// Upper bound of an activity's length: one day.
constexpr int64_t max_duration_minutes = 24 * 60;

// @returns `{"min": lo, "max": hi}`.
json range_json(int64_t lo, int64_t hi) {
  return json{{"min", lo}, {"max", hi}};
}

// @returns `j[key]` as a range, or `fallback` when missing or malformed.
int_range read_range(const json& j, const char* key, int_range fallback) {
  // Read each bound alone.
  if (!j.contains(key) || !j[key].is_object())
    return fallback;
  auto& r = j[key];
  auto bound = [&](const char* name, int64_t dflt) {
    auto it = r.find(name);
    return it != r.end() && it->is_number_integer() ? it->get<int64_t>()
                                                    : dflt;
  };
  return int_range{bound("min", fallback.min), bound("max", fallback.max)};
}

// Fills `weights` from `j[key]`; categories left out weigh nothing.
template <size_t N>
void read_weights(const json& j, const char* key,
                  const std::array<std::string_view, N>& names,
                  std::array<double, N>& weights) {
  // Start from nothing, then take each known category's weight.
  weights.fill(0);
  if (!j.contains(key) || !j[key].is_object())
    return;
  for (auto& [name, w] : j[key].items())
    if (auto i = category_index(names, name); i && w.is_number())
      weights[*i] = w.template get<double>();
}

// Validates the per-run range every updater has.
void check_per_run(const json& s, const std::string& path, problems& out) {
  if (s.contains("perRun"))
    check::range(s["perRun"], path + "/perRun", 0, max_per_run, out);
}

// Validates `businessHours` of the activity settings; @returns its window
// length in minutes when enabled and valid.
std::optional<int> check_hours(const json& h, const std::string& path,
                               problems& out) {
  // The shape and each field.
  if (!check::object(h, path, {"enabled", "days", "start", "end"}, out))
    return std::nullopt;
  if (h.contains("enabled"))
    check::boolean(h["enabled"], path + "/enabled", out);
  if (h.contains("days"))
    check::weekdays(h["days"], path + "/days", out);
  std::optional<int> start, end;
  if (h.contains("start"))
    start = check::clock_time(h["start"], path + "/start", false, out);
  if (h.contains("end"))
    end = check::clock_time(h["end"], path + "/end", true, out);
  // The window must not be empty.
  if (!start || !end)
    return std::nullopt;
  if (*start >= *end) {
    out.push_back({path + "/end", check::show(h["end"])
                                    + " — the end must be after the start ("
                                    + h["start"].get<std::string>() + ")"});
    return std::nullopt;
  }
  if (auto on = h.find("enabled"); on != h.end() && *on == false)
    return std::nullopt;
  return *end - *start;
}

} // namespace

json activity_defaults() {
  return json{
    {"perRun", range_json(1, 3)},
    {"typeDistribution",
     {{"call", 0.35},
      {"email", 0.25},
      {"meeting", 0.15},
      {"demo", 0.10},
      {"proposal", 0.05},
      {"task", 0.05},
      {"note", 0.05}}},
    {"durationMinutes", range_json(5, 120)},
    {"businessHours",
     {{"enabled", true},
      {"days", {1, 2, 3, 4, 5}},
      {"start", "09:00"},
      {"end", "17:00"}}},
  };
}

void validate_activities(const json& s, const std::string& path,
                         problems& out) {
  // The top-level keys.
  if (!check::object(s, path,
                     {"perRun", "typeDistribution", "durationMinutes",
                      "businessHours"},
                     out))
    return;
  // Each setting alone.
  check_per_run(s, path, out);
  if (s.contains("typeDistribution"))
    check::distribution(s["typeDistribution"], path + "/typeDistribution",
                        activity_type_names, "activity type", out);
  std::optional<std::pair<int64_t, int64_t>> duration;
  if (s.contains("durationMinutes"))
    duration = check::range(s["durationMinutes"], path + "/durationMinutes",
                            1, max_duration_minutes, out);
  std::optional<int> window;
  if (s.contains("businessHours"))
    window = check_hours(s["businessHours"], path + "/businessHours", out);
  // The shortest activity must fit into the business day.
  if (duration && window && duration->first > *window)
    out.push_back({path + "/durationMinutes/min",
                   std::to_string(duration->first)
                     + " — longer than the business day ("
                     + std::to_string(*window) + " minutes)"});
}

activity_settings parse_activity_settings(const json& s) {
  // Numbers first, then the distribution and the hours.
  activity_settings a;
  a.per_run = read_range(s, "perRun", a.per_run);
  a.duration_minutes = read_range(s, "durationMinutes", a.duration_minutes);
  read_weights(s, "typeDistribution", activity_type_names, a.type_weights);
  auto h = s.contains("businessHours") && s["businessHours"].is_object()
             ? s["businessHours"]
             : json::object();
  a.hours.enabled = h.value("enabled", json{true}) != false;
  if (h.contains("days") && h["days"].is_array()) {
    a.hours.days = 0;
    for (auto& d : h["days"])
      if (d.is_number_integer() && d.get<int>() >= 1 && d.get<int>() <= 7)
        a.hours.days |= uint8_t(1u << d.get<int>());
  }
  a.hours.start_minute
    = check::parse_clock_time(h.value("start", json{}), 9 * 60);
  a.hours.end_minute = check::parse_clock_time(h.value("end", json{}), 17 * 60);
  return a;
}

json ticket_defaults() {
  return json{
    {"perRun", range_json(1, 2)},
    {"issueDistribution",
     {{"paper_jam", 0.20},
      {"print_quality", 0.15},
      {"network", 0.12},
      {"preventive_maintenance", 0.10},
      {"toner_supplies", 0.08},
      {"scanner", 0.07},
      {"hardware_failure", 0.07},
      {"error_code", 0.07},
      {"drivers_software", 0.07},
      {"installation", 0.07}}},
  };
}

void validate_tickets(const json& s, const std::string& path, problems& out) {
  // The top-level keys, then each setting.
  if (!check::object(s, path, {"perRun", "issueDistribution"}, out))
    return;
  check_per_run(s, path, out);
  if (s.contains("issueDistribution"))
    check::distribution(s["issueDistribution"], path + "/issueDistribution",
                        issue_type_names, "issue type", out);
}

ticket_settings parse_ticket_settings(const json& s) {
  ticket_settings t;
  t.per_run = read_range(s, "perRun", t.per_run);
  read_weights(s, "issueDistribution", issue_type_names, t.issue_weights);
  return t;
}

json lead_defaults() {
  return json{
    {"perRun", range_json(1, 1)},
    {"industryDistribution",
     {{"healthcare", 0.20},
      {"legal", 0.15},
      {"education", 0.15},
      {"manufacturing", 0.12},
      {"real_estate", 0.08},
      {"finance", 0.08},
      {"government", 0.08},
      {"retail", 0.07},
      {"non_profit", 0.07}}},
    {"sourceDistribution",
     {{"website", 0.30},
      {"referral", 0.20},
      {"cold_call", 0.15},
      {"trade_show", 0.10},
      {"partner", 0.10},
      {"advertising", 0.15}}},
  };
}

void validate_leads(const json& s, const std::string& path, problems& out) {
  // The top-level keys, then each setting.
  if (!check::object(s, path,
                     {"perRun", "industryDistribution", "sourceDistribution"},
                     out))
    return;
  check_per_run(s, path, out);
  if (s.contains("industryDistribution"))
    check::distribution(s["industryDistribution"],
                        path + "/industryDistribution", industry_names,
                        "industry", out);
  if (s.contains("sourceDistribution"))
    check::distribution(s["sourceDistribution"], path + "/sourceDistribution",
                        lead_source_names, "lead source", out);
}

lead_settings parse_lead_settings(const json& s) {
  lead_settings l;
  l.per_run = read_range(s, "perRun", l.per_run);
  read_weights(s, "industryDistribution", industry_names, l.industry_weights);
  read_weights(s, "sourceDistribution", lead_source_names, l.source_weights);
  return l;
}

} // namespace dbu::gen
