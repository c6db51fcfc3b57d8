#include "helpers.hpp"

#include "generators/calendar.hpp"
#include "generators/text.hpp"
#include "generators/vocabulary_activities.hpp"

#include <date/tz.h>

#include <algorithm>
#include <regex>
#include <set>

using namespace dbu::gen;
using namespace dbu::gen::test;
using std::chrono::minutes;
using std::chrono::sys_seconds;

namespace {

constexpr std::string_view kind = "business_record_activities";
constexpr std::string_view table = "business_record_activities";

// What an activity that took place may have come to, by type.
const std::map<std::string, std::set<std::string>> outcomes_by_type{
  {"call", {"connected", "left_voicemail", "no_answer",
            "call_back_requested", "not_interested"}},
  {"email", {"replied", "no_response", "opened", "bounced"}},
  {"meeting", {"completed", "next_steps_agreed", "rescheduled", "no_show"}},
  {"demo", {"completed", "interested", "not_interested", "rescheduled"}},
  {"proposal", {"sent", "under_review", "accepted", "declined"}},
  {"task", {"completed", "deferred"}},
  {"note", {"logged"}},
};

// 100,000 activities from the default settings, 1,000 per run, fired
// every 71 minutes across the spring clock change in New York.
const rows_of& many_activities() {
  static auto g = make(kind, {{"perRun", {{"min", 1000}, {"max", 1000}}}});
  static rows_of rows{*g,
                      seeded("America/New_York", at("2024-03-04T14:00:00Z")),
                      table, 100'000, minutes{71}};
  return rows;
}

// @returns the instant of a timestamp column.
sys_seconds instant(const row_view& r, std::string_view column) {
  return parse_timestamp(r.text(column)).value_or(sys_seconds{});
}

// Checks that every activity of `rows` lies in `days` (ISO weekdays) from
// `start` to `end` (minutes after midnight) in `zone`, duration included.
void expect_within_hours(const rows_of& rows, const char* zone_name,
                         std::set<unsigned> days, int start, int end) {
  auto zone = date::locate_zone(zone_name);
  ASSERT_GT(rows.size(), 0u);
  for (auto& r : rows) {
    // The text carries the zone's own offset at that instant.
    auto at = instant(r, "scheduled_at");
    auto local = zone->to_local(at);
    auto text = timestamp(at, zone->get_info(at).offset);
    EXPECT_EQ(r.text("scheduled_at"), text);
    // Day and time of day, the whole activity inside the window.
    auto day = date::floor<date::days>(local);
    auto from = int((local - day).count() / 60);
    auto to = from + int(r.number("duration_minutes"));
    EXPECT_TRUE(days.count(date::weekday{day}.iso_encoding()))
      << r.text("scheduled_at") << " in " << zone_name;
    EXPECT_TRUE(from >= start && to <= end)
      << r.text("scheduled_at") << " + " << r.number("duration_minutes")
      << " min in " << zone_name;
  }
}

} // namespace

TEST(Activities, TypesFollowTheDistribution) {
  std::map<std::string, size_t> seen;
  for (auto& r : many_activities())
    ++seen[r.text("activity_type")];
  auto expected = default_shares(kind, "typeDistribution");
  EXPECT_LT(chi_square(seen, expected),
            chi_square_critical(expected.size() - 1));
}

TEST(Activities, KeepToBusinessHoursInTheTenantZone) {
  // Across the spring change in New York (from the shared rows).
  expect_within_hours(many_activities(), "America/New_York", {1, 2, 3, 4, 5},
                      9 * 60, 17 * 60);
  // Across the autumn changes in Sydney and London, fired every 37 minutes.
  auto g = make(kind, {{"perRun", {{"min", 3}, {"max", 3}}}});
  for (auto [zone, start] :
       {std::pair{"Australia/Sydney", "2024-03-25T00:00:00Z"},
        std::pair{"Europe/London", "2024-10-20T00:00:00Z"},
        std::pair{"Asia/Kolkata", "2024-01-01T00:00:00Z"}}) {
    rows_of rows{*g, seeded(zone, at(start)), table, 10'000, minutes{37}};
    expect_within_hours(rows, zone, {1, 2, 3, 4, 5}, 9 * 60, 17 * 60);
  }
}

TEST(Activities, KeepToConfiguredHours) {
  auto g = make(kind, {{"perRun", {{"min", 5}, {"max", 5}}},
                       {"businessHours",
                        {{"days", {6, 7}}, {"start", "10:30"},
                         {"end", "14:00"}}}});
  rows_of rows{*g, seeded("Europe/Berlin", at("2024-03-20T00:00:00Z")), table,
               10'000, minutes{53}};
  expect_within_hours(rows, "Europe/Berlin", {6, 7}, 10 * 60 + 30, 14 * 60);
}

TEST(Activities, PastOnesHaveAnOutcomeThatFitsTheirType) {
  size_t past = 0, future = 0;
  for (auto& r : many_activities()) {
    // Done before the run, or booked at or after it: never in between.
    auto fire = instant(r, "created_at");
    auto start = instant(r, "scheduled_at");
    auto end = start + minutes{r.number("duration_minutes")};
    auto type = r.text("activity_type");
    if (start < fire) {
      ++past;
      EXPECT_LE(end, fire);
      EXPECT_EQ(instant(r, "completed_at"), end);
      EXPECT_TRUE(outcomes_by_type.at(type).count(r.text("outcome")))
        << type << ": " << r.text("outcome");
    } else {
      ++future;
      EXPECT_TRUE(r.null("completed_at"));
      EXPECT_TRUE(r.null("outcome"));
      EXPECT_NE(type, "note");
    }
    EXPECT_FALSE(r.text("next_action").empty());
  }
  // Both kinds are common.
  EXPECT_GT(past, many_activities().size() / 3);
  EXPECT_GT(future, many_activities().size() / 10);
}

TEST(Activities, DurationsFitTheirTypeAndBounds) {
  std::map<std::string, std::pair<double, size_t>> mean;
  for (auto& r : many_activities()) {
    auto d = r.number("duration_minutes");
    EXPECT_TRUE(d >= 5 && d <= 120) << d;
    auto& m = mean[r.text("activity_type")];
    m.first += double(d), ++m.second;
  }
  auto avg = [&](const char* t) { return mean[t].first / mean[t].second; };
  EXPECT_LT(avg("call"), avg("meeting"));
  EXPECT_LT(avg("email"), avg("demo"));
  EXPECT_LT(avg("note"), avg("task"));
  // Configured bounds win over a type's habits.
  auto g = make(kind, {{"perRun", {{"min", 10}, {"max", 10}}},
                       {"durationMinutes", {{"min", 60}, {"max", 75}}}});
  rows_of rows{*g, seeded("UTC", at("2024-03-04T14:00:00Z")), table, 5'000};
  for (auto& r : rows) {
    auto d = r.number("duration_minutes");
    EXPECT_TRUE(d >= 60 && d <= 75) << r.text("activity_type") << ' ' << d;
  }
}

TEST(Activities, FollowUpIsABusinessDayAfterTheActivity) {
  auto zone = date::locate_zone("America/New_York");
  for (auto& r : many_activities()) {
    auto follow = date::floor<date::days>(
      parse_timestamp(r.text("follow_up_date") + "T00:00:00Z").value());
    auto day = date::floor<date::days>(
      zone->to_local(instant(r, "scheduled_at")));
    EXPECT_GT(follow.time_since_epoch(), day.time_since_epoch())
      << r.text("scheduled_at") << " → " << r.text("follow_up_date");
    EXPECT_LE(date::weekday{follow}.iso_encoding(), 5u)
      << r.text("follow_up_date");
  }
}

TEST(Activities, BelongToRecordsAndMentionThem) {
  // Every activity is on a record of the context and names it.
  auto ctx = seeded("America/New_York", at("2024-03-04T14:00:00Z"));
  std::map<std::string, const record_ref*> records;
  for (auto& rec : ctx.records)
    records[rec.id] = &rec;
  size_t open = 0;
  for (auto& r : many_activities()) {
    auto it = records.find(r.text("record_id"));
    ASSERT_NE(it, records.end()) << r.text("record_id");
    auto& rec = *it->second;
    EXPECT_GE(instant(r, "scheduled_at"), rec.created_at);
    auto words = r.text("subject") + " " + r.text("description");
    EXPECT_TRUE(words.find(rec.company) != std::string::npos
                || words.find(rec.contact_first_name) != std::string::npos)
      << words;
    EXPECT_EQ(r.text("tenant_id"), tenant);
    auto& s = rec.status;
    open += s != "lost" && s != "active";
  }
  // Open records draw more than their share (9 of 12 are open).
  EXPECT_GT(double(open) / double(many_activities().size()), 0.8);
}

TEST(Activities, NeedRecords) {
  auto g = make(kind);
  auto ctx = seeded("UTC", at("2024-03-04T14:00:00Z"));
  ctx.records.clear();
  EXPECT_TRUE(g->generate(ctx).empty());
}

TEST(Activities, SameSeedAndTimeGiveTheSameRows) {
  auto g = make(kind);
  auto ctx = seeded("America/New_York", at("2024-03-04T14:00:00Z"));
  EXPECT_TRUE(same_rows(g->generate(ctx), g->generate(ctx)));
  auto other = ctx;
  other.seed = 99;
  EXPECT_FALSE(same_rows(g->generate(ctx), g->generate(other)));
}

TEST(Activities, TakeAnyTimeWithoutBusinessHours) {
  // Over the spring change in New York: every hour and day shows up, and
  // each timestamp carries the offset of its instant.
  auto zone = date::locate_zone("America/New_York");
  auto g = make(kind, {{"perRun", {{"min", 20}, {"max", 20}}},
                       {"businessHours", {{"enabled", false}}}});
  rows_of rows{*g, seeded("America/New_York", at("2024-03-08T00:00:00Z")),
               table, 20'000, minutes{23}};
  std::set<int64_t> hours;
  std::set<unsigned> days;
  for (auto& r : rows) {
    auto t = instant(r, "scheduled_at");
    EXPECT_EQ(r.text("scheduled_at"),
              timestamp(t, zone->get_info(t).offset));
    auto local = zone->to_local(t);
    auto day = date::floor<date::days>(local);
    hours.insert((local - day).count() / 3600);
    days.insert(date::weekday{day}.iso_encoding());
  }
  EXPECT_EQ(hours.size(), 24u);
  EXPECT_EQ(days.size(), 7u);
}

TEST(Activities, OutcomesFollowTheirWeights) {
  // Per type, the outcomes of activities that took place.
  std::map<std::string, std::map<std::string, size_t>> seen;
  for (auto& r : many_activities())
    if (!r.null("outcome"))
      ++seen[r.text("activity_type")][r.text("outcome")];
  for (size_t t = 0; t < activity_type_names.size(); ++t) {
    auto& p = vocab::profile(activity_type(t));
    std::map<std::string, double> expected;
    for (auto& o : p.outcomes)
      expected[std::string{o.name}] = o.weight;
    if (expected.size() < 2)
      continue;
    auto& observed = seen[std::string{activity_type_names[t]}];
    EXPECT_LT(chi_square(observed, expected),
              chi_square_critical(expected.size() - 1,
                                  activity_type_names.size()))
      << activity_type_names[t];
  }
}

TEST(Activities, PreferRecentRecords) {
  // The newest quarter of the records (listed newest first) draws well
  // over a quarter of the activities.
  auto ctx = seeded("America/New_York", at("2024-03-04T14:00:00Z"));
  std::set<std::string> recent;
  for (size_t i = 0; i < ctx.records.size() / 4; ++i)
    recent.insert(ctx.records[i].id);
  size_t on_recent = 0;
  for (auto& r : many_activities())
    on_recent += recent.count(r.text("record_id"));
  EXPECT_GT(double(on_recent) / double(many_activities().size()), 0.35);
}

TEST(Calendar, KnowsTheDaysUsOfficesClose) {
  auto day = [](int y, unsigned m, unsigned d) {
    return date::local_days{date::year{y} / m / d};
  };
  for (auto d : {day(2024, 1, 1), day(2024, 5, 27), day(2024, 7, 4),
                 day(2024, 9, 2), day(2024, 11, 28), day(2024, 11, 29),
                 day(2024, 12, 25), day(2021, 12, 31), day(2022, 12, 26),
                 day(2026, 7, 3)})
    EXPECT_TRUE(office_holiday(d)) << date::year_month_day{d};
  for (auto d : {day(2024, 11, 27), day(2024, 12, 24), day(2024, 7, 5),
                 day(2022, 12, 25), day(2024, 5, 20)})
    EXPECT_FALSE(office_holiday(d)) << date::year_month_day{d};
}

TEST(Activities, SkipTheHolidaysOfficesClose) {
  // Runs through Thanksgiving week: nothing on the Thursday or Friday,
  // and no follow-up then either.
  auto g = make(kind, {{"perRun", {{"min", 50}, {"max", 50}}}});
  rows_of rows{*g, seeded("America/Chicago", at("2024-11-22T15:00:00Z")),
               table, 10'000, minutes{47}};
  auto zone = date::locate_zone("America/Chicago");
  for (auto& r : rows) {
    auto local = date::floor<date::days>(
      zone->to_local(instant(r, "scheduled_at")));
    EXPECT_FALSE(office_holiday(local)) << r.text("scheduled_at");
    auto follow = parse_timestamp(r.text("follow_up_date") + "T00:00:00Z");
    EXPECT_FALSE(office_holiday(date::local_days{
      date::floor<date::days>(*follow).time_since_epoch()}))
      << r.text("follow_up_date");
  }
}

TEST(Activities, OfferRenewalsOnlyToCustomers) {
  for (auto& r : many_activities()) {
    auto words = r.text("subject") + " " + r.text("description");
    if (words.find("renewal") == std::string::npos)
      continue;
    auto ctx = seeded("America/New_York", at("2024-03-04T14:00:00Z"));
    auto id = r.text("record_id");
    auto rec = std::find_if(ctx.records.begin(), ctx.records.end(),
                            [&](auto& x) { return x.id == id; });
    ASSERT_NE(rec, ctx.records.end());
    EXPECT_EQ(rec->status, "active") << words;
  }
}

TEST(Activities, EndSentencesOnACompanyAbbreviationWithOneStop) {
  // Every record named like "Cedar Ridge Plastics Inc.", whose name ends
  // many a sentence.
  auto ctx = seeded("America/Chicago", at("2024-03-04T15:00:00Z"));
  for (auto& rec : ctx.records)
    rec.company += rec.company.back() == '.' ? "" : " Inc.";
  auto g = make(kind, {{"perRun", {{"min", 10}, {"max", 10}}}});
  rows_of rows{*g, ctx, table, 10'000, minutes{41}};
  for (auto& r : rows)
    for (auto column : {"subject", "description", "next_action"})
      EXPECT_EQ(r.text(column).find(".."), std::string::npos)
        << r.text(column);
}

TEST(Activities, BookedOnesAreEnteredBeforeTheRunNotAtIt) {
  // The runs fire on whole minutes; a booked activity was entered some
  // time before, once its record existed.
  auto ctx = seeded("America/New_York", at("2024-03-04T14:00:00Z"));
  std::map<std::string, sys_seconds> born;
  for (auto& rec : ctx.records)
    born[rec.id] = rec.created_at;
  size_t booked = 0, on_the_minute = 0;
  for (auto& r : many_activities()) {
    if (!r.null("outcome"))
      continue;
    ++booked;
    auto created = instant(r, "created_at");
    on_the_minute += created.time_since_epoch().count() % 60 == 0;
    EXPECT_GE(created, born.at(r.text("record_id")));
  }
  ASSERT_GT(booked, 1000u);
  EXPECT_LT(double(on_the_minute) / double(booked), 0.05);
}

TEST(Activities, ProposalsGoToRecordsFarEnoughAlong) {
  // Nobody sends a proposal to a lead not yet qualified.
  auto ctx = seeded("America/New_York", at("2024-03-04T14:00:00Z"));
  std::map<std::string, std::string> status;
  for (auto& rec : ctx.records)
    status[rec.id] = rec.status;
  const std::set<std::string> along{"qualified", "proposal", "negotiation",
                                    "active"};
  size_t proposals = 0, early = 0;
  for (auto& r : many_activities()) {
    if (r.text("activity_type") != "proposal")
      continue;
    ++proposals;
    early += !along.count(status.at(r.text("record_id")));
  }
  ASSERT_GT(proposals, 1000u);
  EXPECT_LT(double(early) / double(proposals), 0.005);
}

TEST(Activities, SpeakOfTopicsAsPeopleWrite) {
  // Upgrades are many and talked through; no sentence lacks its article.
  std::regex stilted{R"(MFP upgrade([^s]|$)|Talked [a-z -]+ through)"};
  for (auto& r : many_activities())
    for (auto column : {"subject", "description", "next_action"})
      EXPECT_FALSE(std::regex_search(r.text(column), stilted))
        << r.text(column);
}
