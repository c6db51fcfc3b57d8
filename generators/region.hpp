#pragma once

// A tenant's home region: the states, or the circle around a city, where a
// regional dealer finds most of its leads.

#include "config/problem.hpp"
#include "generators/random.hpp"
#include "generators/vocabulary.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace dbu::gen {

/// The cities of a home region and how often each comes up.
class home_region {
public:
  /// @returns the region of a valid `homeRegion` value, or null for null.
  static std::shared_ptr<const home_region> make(const nlohmann::json& j);

  /// @returns a city of the region with the region's share, else one of
  /// the whole country.
  const vocab::city& pick(rng& r) const;

  /// @returns whether `c` lies in the region.
  bool contains(const vocab::city& c) const;

  /// @returns the share of picks made in the region.
  double share() const { return share_; }

private:
  std::vector<const vocab::city*> cities_;
  std::vector<double> cumulative_;
  double share_ = 0;
};

/// The share of leads in the home region when the configuration names
/// none: a few come from further away, as national accounts do.
inline constexpr double default_region_share = 0.85;

/// Appends a problem for each bad or unknown key of a `homeRegion` object
/// at `path`: `{"states": ["OH", …]}` or `{"center": {"latitude": …,
/// "longitude": …}, "radiusMiles": …}`, each with an optional `share`.
void validate_region(const nlohmann::json& j, const std::string& path,
                     problems& out);

/// @returns the great-circle distance in miles between two points given
/// in degrees.
double miles_between(double lat1, double lon1, double lat2, double lon2);

/// @returns a city of `region`, or of the whole country when null.
inline const vocab::city& pick_city(rng& r, const home_region* region) {
  return region ? region->pick(r) : vocab::pick_city(r);
}

} // namespace dbu::gen
