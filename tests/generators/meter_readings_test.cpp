#include "helpers.hpp"

#include "generators/meter_readings.hpp"
#include "generators/text.hpp"
#include "generators/vocabulary_service.hpp"

#include <date/tz.h>

#include <map>

using namespace dbu::gen;
using namespace dbu::gen::test;
using std::chrono::sys_seconds;

namespace {

constexpr std::string_view kind_name = "equipment_meter_readings";
constexpr std::string_view table = "equipment_meter_readings";

// About a month between runs.
constexpr auto month = std::chrono::hours{24 * 30};

// @returns a seeded context whose fleet is 100 devices: the seeded ones,
// copied with their own ids and serials.
context big_fleet(std::string_view zone, sys_seconds fire) {
  auto ctx = seeded(zone, fire);
  auto base = ctx.equipment;
  ctx.equipment.clear();
  for (int i = 0; ctx.equipment.size() < 100; ++i) {
    auto d = base[size_t(i) % base.size()];
    d.id = "dev-" + std::to_string(i);
    d.serial += "-" + std::to_string(i);
    ctx.equipment.push_back(std::move(d));
  }
  return ctx;
}

// 10,000 readings of 100 devices, a run a month since January 2020, each
// run seeing the readings before it.
const rows_of& many_readings() {
  static auto g = make(kind_name);
  static rows_of rows{*g,
                      big_fleet("America/Chicago", at("2020-01-01T12:00:00Z")),
                      table,
                      10'000,
                      month,
                      find_updater_kind(kind_name)};
  return rows;
}

// @returns the instant of a timestamp column.
sys_seconds instant(const row_view& r, std::string_view column) {
  return parse_timestamp(r.text(column)).value_or(sys_seconds{});
}

} // namespace

TEST(MeterReadings, CountsRiseFromEachDevicesLastReading) {
  // Per device, in order: both meters only rise, and a monochrome device
  // has no colour meter.
  auto& rows = many_readings();
  ASSERT_GE(rows.size(), 10'000u);
  std::map<std::string, const row_view*> last;
  for (auto& r : rows) {
    auto& before = last[r.text("equipment_id")];
    if (before) {
      EXPECT_GT(instant(r, "read_at"), instant(*before, "read_at"));
      EXPECT_GE(r.number("black_pages"), before->number("black_pages"));
      if (!r.null("color_pages")) {
        EXPECT_GE(r.number("color_pages"), before->number("color_pages"));
      }
    }
    before = &r;
  }
  EXPECT_EQ(last.size(), 100u);
}

TEST(MeterReadings, MonthlyVolumeFitsTheModel) {
  // The pages between two readings a month apart stay within the range
  // an office puts on a device of that speed.
  auto ctx = big_fleet("UTC", at("2024-01-01T00:00:00Z"));
  for (auto& d : ctx.equipment) {
    ASSERT_TRUE(known_model(d.model)) << d.model;
    auto from = at("2024-03-01T00:00:00Z");
    auto pages = pages_between(d, from, from + std::chrono::hours{24 * 31});
    auto total = double(pages.black + pages.color);
    auto nominal = double(nominal_monthly_pages(d.model));
    EXPECT_GT(total, 0.3 * nominal) << d.model;
    EXPECT_LT(total, 3.0 * nominal) << d.model;
    EXPECT_EQ(pages.color > 0, d.color) << d.model;
  }
}

TEST(MeterReadings, EveryModelOfTheFleetVocabularyHasASpeed) {
  for (auto& m : vocab::device_models)
    EXPECT_TRUE(known_model(m.model)) << m.model;
}

TEST(MeterReadings, SomeReadingsAreMissedAtTheConfiguredRate) {
  // 100 devices installed long before, over 100 monthly runs: 3 % of the
  // device-months have no reading.
  auto g = make(kind_name);
  auto ctx = big_fleet("UTC", at("2020-01-01T06:00:00Z"));
  for (auto& d : ctx.equipment)
    d.install_date = date::sys_days{date::year{2015} / 1 / 1};
  size_t readings = 0;
  for (int run = 0; run < 100; ++run, ctx.fire_time += month)
    for (auto& t : g->generate(ctx))
      readings += t.rows.size();
  auto missed = 1.0 - double(readings) / 10'000.0;
  EXPECT_NEAR(missed, 0.03, 0.01) << readings;
}

TEST(MeterReadings, SourcesFollowTheDistribution) {
  // Over 100,000 readings.
  auto g = make(kind_name);
  rows_of rows{*g, big_fleet("UTC", at("2024-01-01T06:00:00Z")), table,
               100'000, std::chrono::hours{1}};
  std::map<std::string, size_t> seen;
  for (auto& r : rows)
    ++seen[r.text("source")];
  auto shares = default_shares(kind_name, "sourceDistribution");
  EXPECT_LT(chi_square(seen, shares), chi_square_critical(shares.size() - 1));
}

TEST(MeterReadings, AreTakenBeforeTheFireAndPeopleReadInOfficeHours) {
  // The agent reads within the hour before the fire; people on a weekday
  // between 09:00 and 17:00 in the tenant's zone; each is entered after it
  // was read and by the fire.
  auto zone = date::locate_zone("America/Chicago");
  auto g = make(kind_name);
  auto ctx = big_fleet("America/Chicago", at("2024-06-01T11:00:00Z"));
  for (int run = 0; run < 24; ++run, ctx.fire_time += month) {
    auto b = g->generate(ctx);
    ASSERT_EQ(b.size(), 1u);
    for (auto& row : b[0].rows) {
      row_view r{b[0], row};
      auto read = instant(r, "read_at");
      auto entered = instant(r, "created_at");
      EXPECT_LT(read, ctx.fire_time);
      EXPECT_GE(entered, read);
      EXPECT_LE(entered, ctx.fire_time);
      if (r.text("source") == "dca") {
        EXPECT_LE(ctx.fire_time - read, std::chrono::hours{1});
        continue;
      }
      auto local = zone->to_local(read);
      auto day = date::floor<date::days>(local);
      auto hour = (local - day) / std::chrono::hours{1};
      EXPECT_LT(date::weekday{day}.iso_encoding(), 6u) << r.text("read_at");
      EXPECT_TRUE(hour >= 9 && hour < 17) << r.text("read_at");
    }
  }
}

TEST(MeterReadings, ContinueFromAReadingTheDatabaseHas) {
  // A device whose last reading (say, a technician's) lies above what the
  // device would have printed reads on from there, never below it.
  auto g = make(kind_name, {{"missedReadingRate", 0}});
  auto ctx = seeded("UTC", at("2024-05-01T06:00:00Z"));
  auto& d = ctx.equipment.front();
  meter_reading last{{9'000'000, d.color ? 500'000 : 0},
                     at("2024-04-01T06:00:00Z")};
  ctx.facts[d.id] = reading_fact(last);
  auto b = g->generate(ctx);
  ASSERT_EQ(b.size(), 1u);
  bool found = false;
  for (auto& row : b[0].rows) {
    row_view r{b[0], row};
    if (r.text("equipment_id") != d.id)
      continue;
    found = true;
    EXPECT_GT(r.number("black_pages"), 9'000'000);
    EXPECT_LT(r.number("black_pages"), 9'000'000 + 40'000);
  }
  EXPECT_TRUE(found);
  // A reading newer than the fire, or a few days older, means nothing is
  // new to read: a run soon after the monthly one reads no device twice.
  for (auto when : {"2024-05-01T07:00:00Z", "2024-04-25T09:00:00Z"}) {
    last.at = at(when);
    ctx.facts[d.id] = reading_fact(last);
    for (auto& t : g->generate(ctx))
      for (auto& row : t.rows)
        EXPECT_NE(row_view(t, row).text("equipment_id"), d.id) << when;
  }
}

TEST(MeterReadings, FactsReadBackAsWritten) {
  meter_reading r{{123456, 789}, at("2024-05-01T06:00:00Z")};
  auto back = parse_reading_fact(reading_fact(r));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->pages.black, 123456);
  EXPECT_EQ(back->pages.color, 789);
  EXPECT_EQ(back->at, r.at);
  EXPECT_FALSE(parse_reading_fact("12 x 3"));
  EXPECT_FALSE(parse_reading_fact("12 3"));
  EXPECT_FALSE(parse_reading_fact("1 2 3 4"));
}

TEST(MeterReadings, SameSeedAndTimeGiveTheSameRows) {
  auto g = make(kind_name);
  auto ctx = seeded("UTC", at("2024-05-01T06:00:00Z"));
  EXPECT_TRUE(same_rows(g->generate(ctx), g->generate(ctx)));
  auto other = ctx;
  other.seed = 2;
  EXPECT_FALSE(same_rows(g->generate(ctx), g->generate(other)));
}

TEST(MeterReadings, RefuseBadSettings) {
  dbu::problems found;
  auto k = find_updater_kind(kind_name);
  ASSERT_NE(k, nullptr);
  auto s = k->defaults();
  s["missedReadingRate"] = 0.9;
  s["sourceDistribution"]["dca"] = 0.5;
  s["extra"] = 1;
  k->validate(s, "/x", found);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(k->make(s), nullptr);
}
