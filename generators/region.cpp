#include "generators/region.hpp"

#include "generators/check.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace dbu::gen {

namespace {

using nlohmann::json;

// The keys of a home region.
constexpr std::string_view region_keys
  = "states, or center and radiusMiles; optionally share";

// The radii a region may have, in miles: a metro area to half a country.
constexpr double min_radius = 10;
constexpr double max_radius = 3000;

// A city at the edge of a circle weighs this share of one at its centre:
// a dealer's leads thin out with the drive.
constexpr double edge_weight = 0.3;

// @returns whether `code` is the state of a city of the vocabulary.
bool known_state(std::string_view code) {
  return std::any_of(vocab::cities.begin(), vocab::cities.end(),
                     [&](auto& c) { return c.state == code; });
}

// Checks `states`: a non-empty list of distinct known state codes.
void check_states(const json& states, const std::string& path,
                  problems& out) {
  if (!states.is_array() || states.empty()) {
    out.push_back({path, check::show(states)
                           + " — must be a non-empty list of state codes "
                             "such as [\"OH\", \"KY\"]"});
    return;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < states.size(); ++i) {
    auto where = path + "/" + std::to_string(i);
    auto& s = states[i];
    if (!s.is_string() || !known_state(s.get<std::string>()))
      out.push_back({where, check::show(s)
                              + " — not a US state code; must be two "
                                "capital letters such as \"OH\""});
    else if (!seen.insert(s.get<std::string>()).second)
      out.push_back({where, check::show(s) + " — named twice"});
  }
}

// Checks a number at `path` within [lo, hi].
void check_number(const json& v, const std::string& path, double lo,
                  double hi, problems& out) {
  if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi) {
    auto range = check::show(json(lo)) + " to " + check::show(json(hi));
    out.push_back({path, check::show(v) + " — must be a number from "
                           + range});
  }
}

// @returns the nearest city of the vocabulary to a point.
const vocab::city& nearest(double lat, double lon) {
  return *std::min_element(
    vocab::cities.begin(), vocab::cities.end(), [&](auto& a, auto& b) {
      return miles_between(lat, lon, a.latitude, a.longitude)
             < miles_between(lat, lon, b.latitude, b.longitude);
    });
}

// @returns `j[key]`, or null when `j` has no such key.
const json& member(const json& j, const char* key) {
  static const json none;
  auto it = j.find(key);
  return it == j.end() ? none : *it;
}

// Checks `center` and `radiusMiles`, and that a city lies in the circle.
void check_circle(const json& j, const std::string& path, problems& out) {
  // Both parts, the centre as an object of two coordinates.
  auto where = path + "/center";
  if (!j.contains("center"))
    out.push_back({where, "missing — a radius needs a center {\"latitude\": "
                          "…, \"longitude\": …}"});
  if (!j.contains("radiusMiles"))
    out.push_back({path + "/radiusMiles",
                   "missing — a center needs a radius in miles"});
  if (!j.contains("center") || !j.contains("radiusMiles"))
    return;
  auto& c = j.at("center");
  if (!check::object(c, where, {"latitude", "longitude"}, out))
    return;
  auto before = out.size();
  check_number(member(c, "latitude"), where + "/latitude", -90, 90, out);
  check_number(member(c, "longitude"), where + "/longitude", -180, 180, out);
  check_number(j.at("radiusMiles"), path + "/radiusMiles", min_radius,
               max_radius, out);
  if (out.size() != before)
    return;
  // A circle without a city would leave nowhere to put a lead.
  auto lat = c.at("latitude").get<double>();
  auto lon = c.at("longitude").get<double>();
  auto& near = nearest(lat, lon);
  auto d = miles_between(lat, lon, near.latitude, near.longitude);
  if (d > j.at("radiusMiles").get<double>())
    out.push_back({path + "/radiusMiles",
                   check::show(j.at("radiusMiles"))
                     + " — no city of the vocabulary lies within it; the "
                       "nearest is "
                     + std::string{near.name} + ", "
                     + std::string{near.state} + " at "
                     + std::to_string(int(std::ceil(d))) + " miles"});
}

} // namespace

double miles_between(double lat1, double lon1, double lat2, double lon2) {
  // Haversine on a sphere of the Earth's mean radius.
  constexpr double earth_miles = 3958.8;
  constexpr double rad = 3.14159265358979323846 / 180;
  auto dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  auto a = std::pow(std::sin(dlat / 2), 2)
           + std::cos(lat1 * rad) * std::cos(lat2 * rad)
               * std::pow(std::sin(dlon / 2), 2);
  return 2 * earth_miles * std::asin(std::min(1.0, std::sqrt(a)));
}

void validate_region(const json& j, const std::string& path, problems& out) {
  // An object of known keys with one way of naming the region.
  if (!j.is_object()) {
    out.push_back({path, check::show(j) + " — must be null or an object "
                                          "with "
                           + std::string{region_keys}});
    return;
  }
  for (auto& [key, value] : j.items())
    if (key != "states" && key != "center" && key != "radiusMiles"
        && key != "share")
      out.push_back({path + "/" + key, "\"" + key
                                         + "\" — unknown key; allowed keys: "
                                         + std::string{region_keys}});
  auto by_states = j.contains("states");
  auto by_circle = j.contains("center") || j.contains("radiusMiles");
  if (by_states == by_circle)
    out.push_back({path, check::show(j) + " — must name either states or "
                                          "a center and radiusMiles"});
  else if (by_states)
    check_states(j.at("states"), path + "/states", out);
  else
    check_circle(j, path, out);
  if (j.contains("share"))
    check_number(j.at("share"), path + "/share", 0, 1, out);
}

std::shared_ptr<const home_region> home_region::make(const json& j) {
  // No region: leads come from anywhere.
  if (!j.is_object())
    return nullptr;
  auto region = std::make_shared<home_region>();
  region->share_ = j.value("share", default_region_share);
  // The region's cities, weighed by population and, in a circle, by
  // their distance from its centre.
  double sum = 0;
  for (auto& c : vocab::cities) {
    double weight = std::sqrt(double(c.population));
    if (j.contains("states")) {
      auto& states = j.at("states");
      if (std::find(states.begin(), states.end(), c.state) == states.end())
        continue;
    } else {
      auto& centre = j.at("center");
      auto radius = j.at("radiusMiles").get<double>();
      auto d = miles_between(centre.at("latitude").get<double>(),
                             centre.at("longitude").get<double>(), c.latitude,
                             c.longitude);
      if (d > radius)
        continue;
      weight *= 1 - (1 - edge_weight) * d / radius;
    }
    region->cities_.push_back(&c);
    region->cumulative_.push_back(sum += weight);
  }
  return region;
}

const vocab::city& home_region::pick(rng& r) const {
  // The region's share of picks, weighed; the rest from anywhere.
  if (cities_.empty() || !r.chance(share_))
    return vocab::pick_city(r);
  auto u = r.unit() * cumulative_.back();
  auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
  return *cities_[std::min(size_t(it - cumulative_.begin()),
                           cities_.size() - 1)];
}

bool home_region::contains(const vocab::city& c) const {
  return std::find(cities_.begin(), cities_.end(), &c) != cities_.end();
}

} // namespace dbu::gen
