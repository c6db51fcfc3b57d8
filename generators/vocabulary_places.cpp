#include "generators/vocabulary.hpp"

#include <algorithm>

namespace dbu::gen::vocab {

namespace {

// ZIP ranges and area codes as assigned to each city; population in
// thousands (2020 census, rounded).
constexpr city city_table[] = {
  {"New York", "NY", 10001, 10282, {212, 646, 332}, 8336},
  {"Los Angeles", "CA", 90001, 90089, {213, 323, 310}, 3898},
  {"Chicago", "IL", 60601, 60661, {312, 773, 872}, 2746},
  {"Houston", "TX", 77002, 77099, {713, 281, 832}, 2304},
  {"Phoenix", "AZ", 85003, 85054, {602, 480, 623}, 1608},
  {"Philadelphia", "PA", 19102, 19154, {215, 267, 0}, 1603},
  {"San Antonio", "TX", 78201, 78266, {210, 726, 0}, 1434},
  {"San Diego", "CA", 92101, 92199, {619, 858, 0}, 1386},
  {"Dallas", "TX", 75201, 75287, {214, 469, 972}, 1304},
  {"San Jose", "CA", 95110, 95139, {408, 669, 0}, 1013},
  {"Austin", "TX", 78701, 78759, {512, 737, 0}, 961},
  {"Jacksonville", "FL", 32202, 32277, {904, 0, 0}, 949},
  {"Columbus", "OH", 43201, 43235, {614, 380, 0}, 905},
  {"Charlotte", "NC", 28202, 28299, {704, 980, 0}, 874},
  {"Indianapolis", "IN", 46201, 46278, {317, 463, 0}, 887},
  {"San Francisco", "CA", 94102, 94134, {415, 628, 0}, 873},
  {"Seattle", "WA", 98101, 98199, {206, 0, 0}, 737},
  {"Denver", "CO", 80202, 80249, {303, 720, 0}, 715},
  {"Nashville", "TN", 37201, 37250, {615, 629, 0}, 689},
  {"Oklahoma City", "OK", 73102, 73179, {405, 572, 0}, 681},
  {"Boston", "MA", 2108, 2137, {617, 857, 0}, 675},
  {"Portland", "OR", 97201, 97236, {503, 971, 0}, 652},
  {"Las Vegas", "NV", 89101, 89183, {702, 725, 0}, 641},
  {"Detroit", "MI", 48201, 48243, {313, 0, 0}, 639},
  {"Memphis", "TN", 38103, 38141, {901, 0, 0}, 633},
  {"Louisville", "KY", 40202, 40299, {502, 0, 0}, 617},
  {"Baltimore", "MD", 21201, 21239, {410, 443, 667}, 586},
  {"Milwaukee", "WI", 53202, 53233, {414, 0, 0}, 577},
  {"Albuquerque", "NM", 87102, 87123, {505, 0, 0}, 564},
  {"Tucson", "AZ", 85701, 85750, {520, 0, 0}, 543},
  {"Fresno", "CA", 93701, 93730, {559, 0, 0}, 542},
  {"Sacramento", "CA", 95811, 95838, {916, 279, 0}, 525},
  {"Kansas City", "MO", 64101, 64158, {816, 0, 0}, 508},
  {"Atlanta", "GA", 30303, 30350, {404, 470, 678}, 499},
  {"Omaha", "NE", 68102, 68164, {402, 531, 0}, 486},
  {"Raleigh", "NC", 27601, 27617, {919, 984, 0}, 467},
  {"Miami", "FL", 33125, 33196, {305, 786, 0}, 442},
  {"Minneapolis", "MN", 55401, 55488, {612, 0, 0}, 430},
  {"Tampa", "FL", 33602, 33647, {813, 656, 0}, 385},
  {"Cleveland", "OH", 44102, 44135, {216, 0, 0}, 373},
  {"Pittsburgh", "PA", 15201, 15243, {412, 878, 0}, 303},
  {"St. Louis", "MO", 63101, 63147, {314, 557, 0}, 302},
  {"Salt Lake City", "UT", 84101, 84121, {801, 385, 0}, 200},
};

// @returns the integer square root of `n`.
constexpr int64_t isqrt(int64_t n) {
  int64_t x = n, y = (x + 1) / 2;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2;
  }
  return x;
}

// Cumulative weights for choosing a city: the square root of its
// population, so mid-size cities come up often and New York is not half of
// every list.
struct city_weights {
  std::array<int64_t, std::size(city_table)> cumulative{};
  constexpr city_weights() {
    int64_t sum = 0;
    for (size_t i = 0; i < std::size(city_table); ++i)
      cumulative[i] = sum += isqrt(int64_t{city_table[i].population} * 100);
  }
};

constexpr city_weights weights;

constexpr std::string_view street_name_table[] = {
  "Maple",     "Oak",       "Cedar",     "Elm",       "Pine",
  "Washington", "Lincoln",  "Jefferson", "Madison",   "Franklin",
  "Park",      "Lake",      "Hill",      "River",     "Main",
  "Market",    "Church",    "Spring",    "Highland",  "Sunset",
  "Ridgeview", "Meadow",    "Willow",    "Chestnut",  "Walnut",
  "Commerce",  "Industrial", "Harbor",   "Mill",      "Union",
  "College",   "Center",    "Forest",    "Prospect",  "Grand",
};

constexpr std::string_view street_kind_table[] = {
  "Street", "Avenue", "Boulevard", "Road", "Drive", "Parkway", "Way",
  "Lane",   "Court",  "Place",
};

// Place names are a first part and an ending, as American towns, parks
// and subdivisions are named: "Fox Hollow", "Cedar Ridge", "Oakwood".
constexpr std::string_view place_first_table[] = {
  "Cedar",   "Oak",     "Maple",   "Pine",    "Willow",  "Birch",
  "Elm",     "Aspen",   "Stone",   "Silver",  "Red",     "Blue",
  "Green",   "Fair",    "Glen",    "Spring",  "Rock",    "Fox",
  "Deer",    "Eagle",   "Hawk",    "Bear",    "Iron",    "Gold",
  "Crystal", "Sun",     "North",   "South",   "East",    "West",
  "Lake",    "River",   "Brook",   "Bay",     "Harbor",  "Mill",
  "Forest",  "High",    "Clear",   "Ash",     "Summer",  "Cherry",
  "Walnut",  "Chestnut", "Laurel", "Magnolia", "Cypress", "Sandy",
  "Copper",  "Granite", "Prairie", "Meadow",  "Pleasant", "Shady",
  "Grand",   "Liberty", "Heritage", "Pioneer", "Windsor", "Kings",
  "Quail",   "Heron",   "Falcon",  "Elk",     "Hickory", "Sycamore",
  "Juniper", "Mesa",    "Canyon",  "Pebble",
};

// Endings written as one word with the first part ("Oakwood").
constexpr std::string_view place_joined_table[] = {
  "wood", "field", "brook", "dale", "view", "crest", "ford", "port",
  "haven", "gate", "land", "side", "vale", "mont", "ridge",
};

// Endings written as a word of their own ("Cedar Ridge").
constexpr std::string_view place_apart_table[] = {
  "Ridge",    "Creek",  "Valley",  "Hills",   "Springs", "Falls",
  "Heights",  "Meadows", "Park",   "Point",   "Grove",   "Hollow",
  "Lakes",    "Bay",    "Crossing", "Bend",   "Bluff",   "Glen",
  "Harbor",   "Landing", "Pines",  "Oaks",    "Trace",   "Run",
  "Commons",  "Station",
};

// @returns `x` in lower case, for comparing the parts of a name.
std::string lowered(std::string_view x) {
  std::string out{x};
  for (auto& c : out)
    c = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

} // namespace

const std::span<const city> cities{city_table};
const words street_names{street_name_table};
const words street_kinds{street_kind_table};

const city& pick_city(rng& r) {
  // Draw a person of the total population and find their city.
  auto& cum = weights.cumulative;
  auto u = int64_t(r.below(uint64_t(cum.back())));
  auto it = std::upper_bound(cum.begin(), cum.end(), u);
  return city_table[size_t(it - cum.begin())];
}

std::string make_place(rng& r) {
  // A first part and an ending that do not repeat each other ("Lake
  // Lakes", "Brookbrook"); about a third as one word.
  std::string_view first, ending;
  bool joined = false;
  for (int attempt = 0; attempt < 8; ++attempt) {
    first = r.pick(std::span<const std::string_view>{place_first_table});
    joined = r.chance(0.35);
    ending = joined ? r.pick(std::span<const std::string_view>{
                        place_joined_table})
                    : r.pick(std::span<const std::string_view>{
                        place_apart_table});
    auto a = lowered(first);
    auto b = lowered(ending);
    if (!a.starts_with(b.substr(0, 4)) && !b.starts_with(a.substr(0, 4)))
      break;
  }
  std::string out{first};
  if (!joined)
    out.push_back(' ');
  out.append(ending);
  return out;
}

int pick_area_code(const city& c, rng& r) {
  // Only the slots in use.
  size_t n = c.area_codes[2] ? 3 : c.area_codes[1] ? 2 : 1;
  return c.area_codes[r.below(n)];
}

} // namespace dbu::gen::vocab
