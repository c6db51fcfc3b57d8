#pragma once

// The words and numbers generated rows are made of. The tables live in
// vocabulary_*.cpp; generators read them and hold no literals of their own.
// Every person and company they yield is synthetic.

#include "generators/categories.hpp"
#include "generators/random.hpp"

#include <array>
#include <span>
#include <string>
#include <string_view>

namespace dbu::gen::vocab {

using words = std::span<const std::string_view>;

/// A US city with the postal and telephone numbers that belong to it.
struct city {
  std::string_view name;
  std::string_view state;
  /// Area codes serving the city; unused slots are 0.
  std::array<int, 3> area_codes;
  /// Population in thousands; its square root weighs the city.
  int population;
  /// The city centre, in degrees.
  double latitude;
  double longitude;
  /// ZIP codes of the city that take street addresses; unused slots are 0.
  std::array<int, 16> zips;
};

/// Every city, as a table.
extern const std::span<const city> cities;

/// @returns a city chosen by the square root of its population.
const city& pick_city(rng& r);

/// @returns one of the area codes of `c`.
int pick_area_code(const city& c, rng& r);

/// @returns how many ZIP codes `c` has (at least one).
size_t zip_count(const city& c);

/// Street names and kinds ("Maple", "Avenue") and suite formats.
extern const words street_names;
extern const words street_kinds;

/// @returns a place name that company names are made of: "Cedar Ridge",
/// "Fox Hollow", "Oakwood".
std::string make_place(rng& r);

/// Given names and family names of varied origins.
extern const words first_names;
extern const words last_names;

/// Given and family names of one origin, and how common it is.
struct name_origin {
  words first;
  words last;
  int weight;
};

/// Every origin, as a table.
extern const std::span<const name_origin> name_origins;

/// @returns an origin chosen by weight.
const name_origin& pick_origin(rng& r);

/// A company size band and what it means for a sale.
struct size_band {
  std::string_view name;
  int min_employees;
  int max_employees;
  /// Typical list price of one device for companies this size.
  double device_price;
  /// Points this size adds to a lead score.
  int score;
};

/// The size bands, smallest first.
extern const std::span<const size_band> size_bands;

/// @returns the index of the band `employees` falls in.
size_t band_of(int employees);

/// Contact job titles at companies of up to ten, of eleven to 200, and of
/// more than 200 people.
struct title_set {
  words small;
  words mid;
  words large;
};

/// A company name pattern: {0} family name, {1} another family name,
/// {2} a place word, {3} the city.
struct name_pattern {
  std::string_view text;
  /// The most people a company so named has ("Friends of … Library" are
  /// a few volunteers).
  int max_employees;
  /// The fewest it has (a school district runs schools).
  int min_employees = 1;
  /// The titles of its contacts when its kind of institution has its own
  /// (a college has deans, a school principals); the industry's when null.
  const title_set* titles = nullptr;
  /// The web domain before the top-level one, with the placeholders of
  /// `text`, when it is not made from the name: a city's offices share the
  /// city's site ("cityof{3}"). Empty for the name's.
  std::string_view domain = {};
};

/// How an industry looks as a lead.
struct industry_profile {
  /// Company name patterns, at least one for companies of any size.
  std::span<const name_pattern> name_patterns;
  /// Contact job titles that fit the industry, at companies of up to ten,
  /// of eleven to 200, and of more than 200 people.
  words small_titles;
  words titles;
  words large_titles;
  /// The fewest people such a company has (a dental group has a few).
  int min_employees;
  /// Top-level domain of its websites (".com", ".org").
  std::string_view tld;
  /// Weight of each size band (same order as `size_bands`).
  std::array<double, 6> band_weights;
  /// Revenue (or budget) per employee, in dollars.
  double revenue_per_employee;
  /// Employees per printer or copier.
  double employees_per_device;
  /// Points the industry's fit adds to a lead score.
  int score;
};

/// @returns the profile of `i`.
const industry_profile& profile(industry i);

/// Points a lead source adds to a lead score.
extern const std::array<int, lead_source_names.size()> source_scores;

/// Whether a person keys in a lead of each source (a call, a referral, a
/// trade show, a partner), which happens in office hours; the others are
/// forms filled in on the web, at any hour.
extern const std::array<bool, lead_source_names.size()> source_keyed_in;

/// How many web forms come in each hour of the day (local time, 0 to 23)
/// for each one in the busiest hour.
extern const std::array<double, 24> form_fill_hours;

/// What a state calls a public school district, and its initials in a
/// district's web domain.
struct school_district_style {
  std::string_view state;
  /// " Unified School District", " Independent School District".
  std::string_view name;
  std::string_view initials;
};

/// @returns the school-district style of `state`.
const school_district_style& school_district_of(std::string_view state);

/// Words of company names left out of domain names ("LLP", "Inc.").
extern const words domain_stop_words;

/// What office-equipment dealers, the tenants, are called: a name
/// ("Summit", "Keystone") and a trade ("Office Systems", "Document
/// Solutions").
extern const words dealer_names;
extern const words dealer_trades;

} // namespace dbu::gen::vocab
