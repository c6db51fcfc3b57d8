#include "generators/vocabulary.hpp"

#include "generators/text.hpp"

#include <algorithm>

namespace dbu::gen::vocab {

namespace {

// Nothing of the sea here either: every city has these streets.
constexpr std::string_view street_name_table[] = {
  "Maple",     "Oak",       "Cedar",     "Elm",       "Pine",
  "Washington", "Lincoln",  "Jefferson", "Madison",   "Franklin",
  "Park",      "Lake",      "Hill",      "River",     "Main",
  "Market",    "Church",    "Spring",    "Highland",  "Sunset",
  "Ridgeview", "Meadow",    "Willow",    "Chestnut",  "Walnut",
  "Commerce",  "Industrial", "Railroad", "Mill",      "Union",
  "College",   "Center",    "Forest",    "Prospect",  "Grand",
};

constexpr std::string_view street_kind_table[] = {
  "Street", "Avenue", "Boulevard", "Road", "Drive", "Parkway", "Way",
  "Lane",   "Court",  "Place",
};

// Place names are a first part and an ending, as American towns, parks
// and subdivisions are named: "Fox Hollow", "Cedar Ridge", "Oakwood".
// Nothing of the sea: a bay or harbor reads wrong in Tulsa.
// First parts that also make one word with an ending ("Oakwood").
constexpr std::string_view place_first_table[] = {
  "Cedar",   "Oak",     "Pine",    "Birch",   "Elm",     "Stone",
  "Silver",  "Red",     "Green",   "Fair",    "Glen",    "Spring",
  "Rock",    "Fox",     "Deer",    "Eagle",   "Iron",    "Sun",
  "North",   "South",   "East",    "West",    "Lake",    "River",
  "Brook",   "Mill",    "High",    "Clear",   "Ash",     "Kings",
  "Maple",   "Willow",  "Forest",  "Summer",  "Pleasant", "Crystal",
  // The rest stand apart from their ending ("Heritage Ridge").
  "Aspen",   "Blue",    "Hawk",    "Bear",    "Gold",    "Cherry",
  "Walnut",  "Chestnut", "Laurel", "Magnolia", "Cypress", "Sandy",
  "Copper",  "Granite", "Prairie", "Meadow",  "Shady",   "Grand",
  "Liberty", "Heritage", "Pioneer", "Windsor", "Quail",  "Heron",
  "Falcon",  "Elk",     "Hickory", "Sycamore", "Juniper", "Mesa",
  "Canyon",  "Pebble",
};

// How many first parts, from the top, join their ending.
constexpr size_t joinable_firsts = 36;

// Endings written as one word with the first part ("Oakwood").
constexpr std::string_view place_joined_table[] = {
  "wood", "field", "brook", "dale", "view", "crest", "ford", "haven",
  "gate", "land", "side", "vale", "mont", "ridge",
};

// Endings written as a word of their own ("Cedar Ridge").
constexpr std::string_view place_apart_table[] = {
  "Ridge",    "Creek",  "Valley",  "Hills",   "Springs", "Falls",
  "Heights",  "Meadows", "Park",   "Point",   "Grove",   "Hollow",
  "Lakes",    "Crossing", "Bend",  "Bluff",   "Glen",    "Landing",
  "Pines",    "Oaks",   "Trace",   "Run",
  "Commons",  "Station",
};

} // namespace

const words street_names{street_name_table};
const words street_kinds{street_kind_table};


std::string make_place(rng& r) {
  // A first part and an ending that do not repeat each other ("Lake
  // Lakes", "Brookbrook"); about a third as one word.
  std::string_view first, ending;
  bool joined = false;
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto i = r.below(std::size(place_first_table));
    first = place_first_table[i];
    joined = i < joinable_firsts && r.chance(0.45);
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


} // namespace dbu::gen::vocab
