#include "helpers.hpp"

#include "generators/region.hpp"
#include "generators/seed.hpp"

#include <date/tz.h>

#include <set>

using namespace dbu::gen;
using namespace dbu::gen::test;
using nlohmann::json;

namespace {

constexpr std::string_view kind = "business_records";

// @returns the city of the vocabulary called `name` in `state`.
const vocab::city& city(std::string_view name, std::string_view state) {
  for (auto& c : vocab::cities)
    if (c.name == name && c.state == state)
      return c;
  ADD_FAILURE() << name << ", " << state;
  return vocab::cities.front();
}

// @returns the problems of `region`, as paths.
std::vector<std::string> problems_of(const json& region) {
  dbu::problems found;
  validate_region(region, "/r", found);
  std::vector<std::string> paths;
  for (auto& p : found)
    paths.push_back(p.path + ": " + p.message);
  return paths;
}

// @returns 10,000 leads of a tenant whose home region is `region`.
rows_of leads_in(const json& region) {
  static auto g = make(kind, {{"perRun", {{"min", 100}, {"max", 100}}}});
  auto ctx = seeded("America/New_York", at("2024-03-04T15:00:00Z"));
  ctx.region = home_region::make(region);
  return rows_of{*g, ctx, "business_records", 10'000, std::chrono::hours{1},
                 find_updater_kind(kind)};
}

} // namespace

TEST(Region, EveryStateHasCitiesWithCoordinatesInTheCountry) {
  std::set<std::string_view> states;
  for (auto& c : vocab::cities) {
    states.insert(c.state);
    EXPECT_TRUE(c.latitude > 18 && c.latitude < 72) << c.name;
    EXPECT_TRUE(c.longitude > -170 && c.longitude < -66) << c.name;
  }
  EXPECT_EQ(states.size(), 51u);
}

TEST(Region, MeasuresMilesOnTheGlobe) {
  auto& ny = city("New York", "NY");
  auto& la = city("Los Angeles", "CA");
  EXPECT_NEAR(miles_between(ny.latitude, ny.longitude, la.latitude,
                            la.longitude),
              2445, 15);
  EXPECT_EQ(miles_between(1, 2, 1, 2), 0);
}

TEST(Region, LeadsClusterInTheHomeStates) {
  // 85 % in Ohio and Kentucky by default, the rest anywhere; each lead's
  // phone, ZIP and city still agree.
  auto rows = leads_in({{"states", {"OH", "KY"}}});
  size_t inside = 0;
  for (auto& r : rows) {
    auto state = r.text("state");
    inside += state == "OH" || state == "KY";
    auto& c = city(r.text("city"), state);
    auto zip = std::stoi(r.text("postal_code"));
    EXPECT_NE(std::find(c.zips.begin(), c.zips.end(), zip), c.zips.end())
      << r.text("city");
  }
  auto share = double(inside) / double(rows.size());
  EXPECT_NEAR(share, default_region_share, 0.02);
}

TEST(Region, LeadsClusterAroundTheCentreAndThinOutWithDistance) {
  // Around Dayton, 150 miles, 95 % inside: nearer cities come up more.
  auto& dayton = city("Dayton", "OH");
  auto rows = leads_in({{"center",
                         {{"latitude", dayton.latitude},
                          {"longitude", dayton.longitude}}},
                        {"radiusMiles", 150},
                        {"share", 0.95}});
  size_t inside = 0, near = 0;
  for (auto& r : rows) {
    auto& c = city(r.text("city"), r.text("state"));
    auto d = miles_between(dayton.latitude, dayton.longitude, c.latitude,
                           c.longitude);
    inside += d <= 150;
    near += d <= 75;
  }
  EXPECT_NEAR(double(inside) / double(rows.size()), 0.95, 0.01);
  EXPECT_GT(near, inside / 3);
}

TEST(Region, TheSeededCustomerIsInTheRegion) {
  auto region = home_region::make({{"states", {"VT"}}, {"share", 1}});
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    auto b = seed_tenant(tenant, "cust-1", seed, date::locate_zone("UTC"),
                         at("2024-03-04T15:00:00Z"), region.get());
    for (auto& t : b) {
      if (t.table != "customers" && t.table != "business_records")
        continue;
      for (auto& row : t.rows)
        EXPECT_EQ(row_view(t, row).text("state"), "VT") << t.table;
    }
  }
}

TEST(Region, NamesWhatIsWrongWithARegion) {
  EXPECT_TRUE(problems_of({{"states", {"OH"}}}).empty());
  EXPECT_TRUE(problems_of({{"center", {{"latitude", 39.76},
                                       {"longitude", -84.19}}},
                           {"radiusMiles", 50},
                           {"share", 0.7}})
                .empty());
  auto p = problems_of({{"states", {"OH", "ZZ", "OH"}}, {"zone", 1}});
  ASSERT_EQ(p.size(), 3u);
  EXPECT_NE(p[0].find("/r/zone"), std::string::npos) << p[0];
  EXPECT_NE(p[1].find("/r/states/1: \"ZZ\" — not a US state code"),
            std::string::npos)
    << p[1];
  EXPECT_NE(p[2].find("/r/states/2"), std::string::npos) << p[2];
  p = problems_of({{"states", {"OH"}}, {"radiusMiles", 20}});
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NE(p[0].find("either states or a center"), std::string::npos);
  // Mid-Atlantic Ocean: no city lies near, and the message names the
  // nearest.
  p = problems_of({{"center", {{"latitude", 35}, {"longitude", -50}}},
                   {"radiusMiles", 100}});
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NE(p[0].find("the nearest is"), std::string::npos) << p[0];
  p = problems_of({{"center", {{"latitude", 95}, {"longitude", -50}}},
                   {"radiusMiles", 5},
                   {"share", 2}});
  EXPECT_EQ(p.size(), 3u);
  EXPECT_EQ(problems_of(json::array()).size(), 1u);
  // A radius alone, of any type, lacks its center.
  for (auto radius : {json(100), json("x")}) {
    p = problems_of({{"radiusMiles", radius}});
    ASSERT_EQ(p.size(), 1u) << radius;
    EXPECT_NE(p[0].find("/r/center: missing"), std::string::npos) << p[0];
  }
  p = problems_of({{"center", 5}, {"radiusMiles", 10}});
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NE(p[0].find("/r/center: 5 — must be an object"), std::string::npos)
    << p[0];
  p = problems_of({{"center", {{"latitude", 40}}}, {"radiusMiles", 10}});
  EXPECT_FALSE(p.empty());
}
