#include "generators/vocabulary.hpp"

namespace dbu::gen::vocab {

namespace {

// Bigger companies buy faster, networked devices and score higher.
constexpr size_band band_table[] = {
  {"1-10", 1, 10, 3200, 5},
  {"11-50", 11, 50, 4800, 12},
  {"51-200", 51, 200, 6500, 20},
  {"201-500", 201, 500, 8200, 27},
  {"501-1000", 501, 1000, 9800, 32},
  {"1000+", 1001, 5000, 11500, 35},
};

// Each name with the most people such a company has: a branch library
// or a family practice stays small, a medical group may be any size.
constexpr int any_size = 1'000'000;

constexpr name_pattern healthcare_names[] = {
  {"{0} Family Medicine", 50},
  {"{2} Pediatrics", 200},
  {"{2} Orthopedic Associates", 500},
  {"{0} & {1} Dental Group", 50},
  {"{2} Medical Group", any_size},
  {"{2} Dermatology Clinic", 50},
  {"{3} Cardiology Partners", 500},
  {"{2} Physical Therapy", 200},
};
constexpr std::string_view healthcare_small[] = {
  "Office Manager",
  "Practice Manager",
  "Front Office Lead",
};
constexpr std::string_view healthcare_titles[] = {
  "Practice Manager",
  "Practice Administrator",
  "Office Manager",
  "Director of Operations",
  "Medical Director",
};
constexpr std::string_view healthcare_large[] = {
  "IT Director",
  "Director of Operations",
  "Procurement Manager",
  "Practice Administrator",
  "IT Coordinator",
};

constexpr name_pattern legal_names[] = {
  {"{0} & {1} LLP", any_size},
  {"{0} Law Group", 200},
  {"{0}, {1} & Associates", 200},
  {"{0} Legal PLLC", 50},
  {"{2} Law Partners", 200},
  {"The {0} Law Firm", 50},
};
constexpr std::string_view legal_small[] = {
  "Office Manager",
  "Managing Partner",
  "Legal Assistant",
};
constexpr std::string_view legal_titles[] = {
  "Office Administrator",
  "Managing Partner",
  "Firm Administrator",
  "Legal Operations Manager",
};
constexpr std::string_view legal_large[] = {
  "IT Manager",
  "Director of Administration",
  "Procurement Manager",
  "Legal Operations Manager",
};

// Schools have principals and heads, the district office above them a
// superintendent, and a college deans and a provost: each pattern names
// the titles of its kind of institution.
constexpr std::string_view school_small[] = {
  "Principal",
  "Office Manager",
  "Head of School",
};
constexpr std::string_view school_titles[] = {
  "Business Manager",
  "Principal",
  "Purchasing Coordinator",
  "Office Manager",
};
constexpr std::string_view school_large[] = {
  "IT Director",
  "Director of Technology",
  "Purchasing Coordinator",
  "Chief Business Officer",
};
constexpr std::string_view district_titles[] = {
  "Superintendent",
  "Business Manager",
  "Director of Technology",
  "Purchasing Coordinator",
};
constexpr std::string_view district_large[] = {
  "Assistant Superintendent for Business",
  "Director of Technology",
  "Purchasing Director",
  "Chief Business Officer",
};
constexpr title_set district{district_titles, district_titles,
                             district_large};
constexpr std::string_view college_titles[] = {
  "Dean of Administrative Services",
  "Director of IT",
  "Purchasing Manager",
  "Business Office Manager",
};
constexpr std::string_view college_large[] = {
  "Provost",
  "Vice President of Finance",
  "Director of IT",
  "Dean of Administrative Services",
  "Purchasing Director",
};
constexpr title_set college{college_titles, college_titles, college_large};

constexpr name_pattern education_names[] = {
  {"{2} Unified School District", any_size, 60, &district},
  {"{2} Academy", 200},
  {"{2} Community College", any_size, 100, &college},
  {"{2} Montessori School", 50},
  {"{2} Preparatory School", 200},
  {"{2} Charter School", 200},
};

constexpr name_pattern manufacturing_names[] = {
  {"{2} Precision Machining", 500},
  {"{0} Industries", any_size},
  {"{2} Plastics Inc.", any_size},
  {"{0} Fabrication Co.", 500},
  {"{2} Tool & Die", 200},
  {"{0} Manufacturing", any_size},
  {"{2} Components LLC", any_size},
};
constexpr std::string_view manufacturing_small[] = {
  "Owner",
  "Office Manager",
  "General Manager",
};
constexpr std::string_view manufacturing_titles[] = {
  "Plant Manager",
  "Operations Manager",
  "Purchasing Manager",
  "Office Manager",
  "Controller",
};
constexpr std::string_view manufacturing_large[] = {
  "IT Director",
  "Procurement Manager",
  "Purchasing Manager",
  "Controller",
};

constexpr name_pattern real_estate_names[] = {
  {"{0} Realty Group", 200},
  {"{2} Property Management", any_size},
  {"{0} & Associates Real Estate", 200},
  {"{2} Commercial Properties", any_size},
  {"{0} Home Team", 50},
};
constexpr std::string_view real_estate_small[] = {
  "Broker",
  "Owner",
  "Office Manager",
};
constexpr std::string_view real_estate_titles[] = {
  "Managing Broker",
  "Office Manager",
  "Operations Director",
};
constexpr std::string_view real_estate_large[] = {
  "Operations Director",
  "IT Manager",
  "Procurement Manager",
};

constexpr name_pattern finance_names[] = {
  {"{2} Credit Union", any_size},
  {"{0} Wealth Advisors", 200},
  {"{0} & {1} CPAs", 200},
  {"{2} Financial Partners", any_size},
  {"{0} Insurance Agency", 50},
  {"{2} Community Bank", 1000},
};
constexpr std::string_view finance_small[] = {
  "Owner",
  "Office Manager",
  "Principal",
};
constexpr std::string_view finance_titles[] = {
  "Operations Manager",
  "Branch Manager",
  "Office Manager",
  "Chief Financial Officer",
};
constexpr std::string_view finance_large[] = {
  "IT Manager",
  "Procurement Manager",
  "Chief Financial Officer",
  "VP of Operations",
};

// A branch library is run by librarians, not clerks.
constexpr std::string_view library_titles[] = {
  "Branch Manager",
  "Head Librarian",
  "Library Director",
};
constexpr title_set library{library_titles, library_titles, library_titles};

constexpr name_pattern government_names[] = {
  {"City of {3} Clerk's Office", 200, 1, nullptr, "cityof{3}"},
  {"Town of {2}", 500, 1, nullptr, "townof{2}"},
  {"{3} Public Works Department", any_size, 1, nullptr, "cityof{3}"},
  {"{2} Water District", 500},
  {"{3} Housing Authority", any_size},
  {"{2} Branch Library", 50, 1, &library},
};
constexpr std::string_view government_small[] = {
  "Deputy Clerk",
  "Office Administrator",
  "Department Administrator",
};
constexpr std::string_view government_titles[] = {
  "Department Administrator",
  "Purchasing Agent",
  "Deputy Clerk",
  "Procurement Officer",
};
constexpr std::string_view government_large[] = {
  "IT Director",
  "Procurement Officer",
  "Purchasing Agent",
};

constexpr name_pattern retail_names[] = {
  {"{2} Outfitters", any_size},
  {"{0}'s Hardware", 50},
  {"{2} Home & Garden", 500},
  {"{2} Furniture Co.", 500},
  {"{0} Pharmacy", 50},
  {"{2} Market", 200},
};
constexpr std::string_view retail_small[] = {
  "Owner",
  "Store Manager",
};
constexpr std::string_view retail_titles[] = {
  "Store Manager",
  "Operations Manager",
  "Office Manager",
};
constexpr std::string_view retail_large[] = {
  "Regional Manager",
  "IT Director",
  "Procurement Manager",
};

constexpr name_pattern non_profit_names[] = {
  {"{2} Food Bank", 200},
  {"{2} Community Foundation", 200},
  {"Friends of {2} Library", 10},
  {"{2} Youth Alliance", 200},
  {"{2} Family Services", any_size},
  {"{2} Habitat Partners", 200},
};
constexpr std::string_view non_profit_small[] = {
  "Executive Director",
  "Office Manager",
};
constexpr std::string_view non_profit_titles[] = {
  "Executive Director",
  "Operations Manager",
  "Operations Coordinator",
  "Office Manager",
};
constexpr std::string_view non_profit_large[] = {
  "Operations Director",
  "IT Manager",
  "Finance Director",
};

// In `industry` order. Revenue per employee is a budget for public bodies.
constexpr industry_profile profile_table[] = {
  {healthcare_names, healthcare_small, healthcare_titles,
   healthcare_large, 5,
   ".com",
   {.35, .35, .18, .07, .03, .02}, 140'000, 8, 28},
  {legal_names, legal_small, legal_titles,
   legal_large, 2,
   ".com",
   {.40, .35, .15, .06, .03, .01}, 220'000, 5, 30},
  {education_names, school_small, school_titles,
   school_large, 8,
   ".org",
   {.08, .27, .30, .20, .10, .05}, 90'000, 12, 26},
  {manufacturing_names, manufacturing_small, manufacturing_titles,
   manufacturing_large, 5,
   ".com",
   {.10, .30, .30, .18, .08, .04}, 260'000, 25, 18},
  {real_estate_names, real_estate_small, real_estate_titles,
   real_estate_large, 2,
   ".com",
   {.45, .35, .13, .05, .015, .005}, 180'000, 10, 16},
  {finance_names, finance_small, finance_titles,
   finance_large, 3,
   ".com",
   {.25, .35, .20, .10, .06, .04}, 300'000, 9, 24},
  {government_names, government_small, government_titles,
   government_large, 5,
   ".gov",
   {.05, .20, .30, .25, .12, .08}, 110'000, 14, 22},
  {retail_names, retail_small, retail_titles,
   retail_large, 2,
   ".com",
   {.40, .30, .15, .08, .04, .03}, 170'000, 30, 12},
  {non_profit_names, non_profit_small, non_profit_titles,
   non_profit_large, 2,
   ".org",
   {.35, .35, .18, .08, .03, .01}, 80'000, 10, 14},
};

static_assert(std::size(profile_table) == industry_names.size());

// Unified districts are a Californian, Arizonan and Kansan kind; Texas
// names its districts independent; most states just school districts.
constexpr school_district_style district_table[] = {
  {"CA", " Unified School District", "usd"},
  {"AZ", " Unified School District", "usd"},
  {"KS", " Unified School District", "usd"},
  {"TX", " Independent School District", "isd"},
  {"", " School District", "sd"},
};

constexpr std::string_view stop_word_table[] = {
  "LLP", "PLLC", "LLC", "Inc.", "Co.", "The", "&", "of",
};

// Dealers go by a landmark or a virtue, then by what they sell.
constexpr std::string_view dealer_name_table[] = {
  "Summit",         "Keystone",       "Bayline",        "Pinnacle",
  "Cornerstone",    "Lakeshore",      "Redwood",        "Northstar",
  "Meridian",       "Heartland",      "Blue Ridge",     "Capitol",
  "Frontier",       "Liberty",        "Granite",        "Prairie",
  "Tri-County",     "Riverbend",      "Gateway",        "Evergreen",
  "Sierra",         "Cardinal",       "Lone Star",      "Mid-South",
  "Great Lakes",    "Allegheny",      "Coastal",        "Pioneer",
  "Central Valley", "Patriot",
};
constexpr std::string_view dealer_trade_table[] = {
  "Office Systems",        "Business Technologies", "Document Solutions",
  "Office Equipment",      "Business Machines",     "Imaging Solutions",
  "Office Solutions",      "Business Systems",      "Copier & Print",
  "Document Technologies", "Office Products",       "Business Equipment",
};

} // namespace

const std::span<const size_band> size_bands{band_table};

size_t band_of(int employees) {
  // The first band whose top is not below the count; the last holds all.
  size_t i = 0;
  while (i + 1 < std::size(band_table)
         && employees > band_table[i].max_employees)
    ++i;
  return i;
}

const industry_profile& profile(industry i) {
  return profile_table[size_t(i)];
}

// In `lead_source` order: referrals close best, cold calls worst.
const std::array<int, lead_source_names.size()> source_scores{15, 25, 6,
                                                              18, 20, 10};

// In `lead_source` order: the website and ads bring forms, the rest people.
const std::array<bool, lead_source_names.size()> source_keyed_in{
  false, true, true, true, true, false};

// Forms come in mostly by day, some in the evening, few at night.
const std::array<double, 24> form_fill_hours{
  .10, .06, .05, .05, .06, .10, .20, .40, .75, .95, 1.0, 1.0,
  .90, .95, 1.0, .95, .85, .70, .55, .50, .45, .40, .30, .18,
};

const school_district_style& school_district_of(std::string_view state) {
  // The last entry holds for every state not listed.
  for (auto& d : district_table)
    if (d.state == state)
      return d;
  return district_table[std::size(district_table) - 1];
}

const words domain_stop_words{stop_word_table};

const words dealer_names{dealer_name_table};
const words dealer_trades{dealer_trade_table};

} // namespace dbu::gen::vocab
