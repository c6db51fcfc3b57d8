#include "helpers.hpp"

#include "generators/calendar.hpp"
#include "generators/kinds.hpp"
#include "generators/text.hpp"
#include "generators/vocabulary_service.hpp"

#include <date/tz.h>

#include <regex>
#include <set>

using namespace dbu::gen;
using namespace dbu::gen::test;
using std::chrono::minutes;

namespace {

constexpr std::string_view kind = "service_tickets";
constexpr std::string_view table = "service_tickets";

// The parts and skills each issue may call for.
struct work {
  std::set<std::string> parts;
  std::set<std::string> skills;
};
const std::map<std::string, work> work_by_issue{
  {"paper_jam", {{"pickup roller", "feed roller", "separation pad",
                  "registration roller"}, {"mechanical", "paper_path"}}},
  {"print_quality", {{"drum unit", "developer unit", "transfer belt",
                      "transfer roller", "charge roller", "toner cartridge"},
                     {"imaging", "mechanical"}}},
  {"network", {{"network interface card"},
               {"networking", "device_configuration"}}},
  {"preventive_maintenance", {{"maintenance kit", "fuser unit",
                               "transfer roller", "pickup roller kit"},
                              {"preventive_maintenance", "mechanical"}}},
  {"toner_supplies", {{"toner cartridge", "waste toner container",
                       "staple cartridge"}, {"supplies"}}},
  {"scanner", {{"ADF feed roller kit", "ADF separation pad", "scanner lamp",
                "document glass"}, {"scanner", "mechanical"}}},
  {"hardware_failure", {{"fuser unit", "main drive motor",
                         "power supply board", "laser unit",
                         "main controller board",
                         "high-voltage power supply"},
                        {"electrical", "mechanical", "board_repair"}}},
  {"error_code", {{"main controller board", "hard disk drive", "fuser unit",
                   "paper feed sensor"}, {"diagnostics", "firmware"}}},
  {"drivers_software", {{}, {"print_drivers", "software"}}},
  {"installation", {{"network cable", "paper tray kit", "finisher",
                     "cabinet stand"},
                    {"installation", "networking", "device_configuration"}}},
};

// The style of each make's error codes.
const std::map<std::string, std::regex> code_style{
  {"Ricoh", std::regex{R"(SC\d{3}|J\d{3})"}},
  {"Canon", std::regex{R"(E\d{3}(\d{3})?-\d{4}|[0-9A-F]{4})"}},
  {"HP", std::regex{R"(\d{2}\.[0-9A-Z]{1,4}(\.[0-9A-Z]{2})?)"}},
  {"Xerox", std::regex{R"(\d{3}-\d{3})"}},
  {"Konica Minolta", std::regex{R"(C[0-9A-Z]{4}|J\d{2}-\d{2})"}},
  {"Kyocera", std::regex{R"([CJ]\d{4})"}},
  {"Sharp", std::regex{R"([A-Z][A-Z0-9]-[A-Z0-9]{2})"}},
};

// 100,000 tickets, 1,000 per run, fired every 6 hours from Los Angeles.
const rows_of& many_tickets() {
  static auto g = make(kind, {{"perRun", {{"min", 1000}, {"max", 1000}}}});
  static rows_of rows{
    *g, seeded("America/Los_Angeles", at("2024-03-04T06:00:00Z")), table,
    100'000, std::chrono::hours{6}};
  return rows;
}

// The fleet of the seeded tenant, by equipment id.
const std::map<std::string, equipment_ref>& fleet() {
  static const auto devices = [] {
    std::map<std::string, equipment_ref> m;
    auto ctx = seeded("America/Los_Angeles", at("2024-03-04T06:00:00Z"));
    for (auto& e : ctx.equipment)
      m[e.id] = e;
    return m;
  }();
  return devices;
}

} // namespace

TEST(Tickets, IssueTypesFollowTheDistribution) {
  std::map<std::string, size_t> seen;
  for (auto& r : many_tickets())
    ++seen[r.text("issue_type")];
  auto expected = default_shares(kind, "issueDistribution");
  EXPECT_LT(chi_square(seen, expected),
            chi_square_critical(expected.size() - 1));
}

TEST(Tickets, PartsAndSkillsFitTheIssue) {
  for (auto& r : many_tickets()) {
    auto& w = work_by_issue.at(r.text("issue_type"));
    for (auto& part : r.list("required_parts"))
      EXPECT_TRUE(w.parts.count(part)) << r.text("issue_type") << ": " << part;
    auto& skills = r.list("required_skills");
    EXPECT_FALSE(skills.empty());
    for (auto& skill : skills)
      EXPECT_TRUE(w.skills.count(skill))
        << r.text("issue_type") << ": " << skill;
    auto d = r.number("estimated_duration_minutes");
    EXPECT_TRUE(d >= 15 && d <= 240) << d;
    // Quarter hours, none shorter than the work takes (a tray: 20 min).
    EXPECT_EQ(d % 15, 0) << d;
    if (r.text("title").rfind("Add a paper tray", 0) == 0) {
      EXPECT_GE(d, 20) << r.text("title");
    }
  }
}

TEST(Tickets, PriorityFollowsTheIssue) {
  std::map<std::string, std::set<std::string>> seen;
  for (auto& r : many_tickets())
    seen[r.text("issue_type")].insert(r.text("priority"));
  EXPECT_EQ(seen["preventive_maintenance"],
            (std::set<std::string>{"low", "medium"}));
  EXPECT_FALSE(seen["hardware_failure"].count("low"));
  EXPECT_TRUE(seen["hardware_failure"].count("urgent"));
}

TEST(Tickets, ErrorCodesFitTheMakeAndTheIssue) {
  const std::set<std::string> with_codes{"paper_jam", "scanner",
                                         "hardware_failure", "error_code"};
  for (auto& r : many_tickets()) {
    auto issue = r.text("issue_type");
    if (issue == "error_code") {
      EXPECT_FALSE(r.null("error_code"));
    }
    if (r.null("error_code"))
      continue;
    EXPECT_TRUE(with_codes.count(issue)) << issue;
    auto& device = fleet().at(r.text("equipment_id"));
    auto code = r.text("error_code");
    EXPECT_TRUE(std::regex_match(code, code_style.at(device.make)))
      << device.make << ": " << code;
    EXPECT_NE(r.text("description").find(code), std::string::npos);
  }
}

TEST(Tickets, NameTheDeviceAndItsPlace) {
  for (auto& r : many_tickets()) {
    auto& device = fleet().at(r.text("equipment_id"));
    auto title = r.text("title");
    auto description = r.text("description");
    EXPECT_NE(title.find(device.model), std::string::npos) << title;
    EXPECT_NE(title.find(device.location), std::string::npos) << title;
    EXPECT_NE(description.find(device.model), std::string::npos);
    EXPECT_NE(description.find(device.serial), std::string::npos);
    EXPECT_EQ(r.text("status"),
              r.text("priority") == "urgent" ? "dispatched" : "scheduled");
    EXPECT_EQ(r.text("customer_id"), "cust-1");
    EXPECT_EQ(r.text("tenant_id"), tenant);
  }
}

TEST(Tickets, VisitDayFollowsPriorityInTheTenantZone) {
  auto zone = date::locate_zone("America/Los_Angeles");
  for (auto& r : many_tickets()) {
    // Business days from the day work can start (the local day the ticket
    // came in, the next business day after hours) to the visit.
    auto created = parse_timestamp(r.text("created_at")).value();
    auto local = zone->to_local(created);
    auto today = date::floor<date::days>(local);
    if (!allowed_day(today, weekdays_mask)
        || local - today >= std::chrono::hours{17})
      today = step_days(today, 1, weekdays_mask);
    auto visit = date::local_days{date::floor<date::days>(
      parse_timestamp(r.text("scheduled_date") + "T00:00:00Z").value())
                                    .time_since_epoch()};
    int ahead = 0;
    while (step_days(today, ahead, weekdays_mask) < visit)
      ++ahead;
    ASSERT_EQ(step_days(today, ahead, weekdays_mask), visit)
      << r.text("scheduled_date");
    auto p = r.text("priority");
    if (p == "urgent")
      EXPECT_EQ(ahead, 0);
    else if (p == "high")
      EXPECT_EQ(ahead, 1);
    else if (p == "medium")
      EXPECT_TRUE(ahead >= 1 && ahead <= 3) << ahead;
    else
      EXPECT_TRUE(ahead >= 5 && ahead <= 10) << ahead;
  }
}

TEST(Tickets, NeedEquipment) {
  auto g = make(kind);
  auto ctx = seeded("UTC", at("2024-03-04T14:00:00Z"));
  ctx.equipment.clear();
  EXPECT_TRUE(g->generate(ctx).empty());
}

TEST(Tickets, SameSeedAndTimeGiveTheSameRows) {
  auto g = make(kind, {{"perRun", {{"min", 2}, {"max", 5}}}});
  auto ctx = seeded("UTC", at("2024-03-04T14:00:00Z"));
  EXPECT_TRUE(same_rows(g->generate(ctx), g->generate(ctx)));
  auto other = ctx;
  other.seed = 7;
  EXPECT_FALSE(same_rows(g->generate(ctx), g->generate(other)));
}

TEST(Tickets, PrioritiesFollowTheirWeights) {
  // Per issue type, the share of each priority: ten comparisons.
  std::map<std::string, std::map<std::string, size_t>> seen;
  for (auto& r : many_tickets())
    ++seen[r.text("issue_type")][r.text("priority")];
  for (size_t i = 0; i < issue_type_names.size(); ++i) {
    auto& p = vocab::profile(issue_type(i));
    std::map<std::string, double> expected;
    for (size_t k = 0; k < vocab::priority_names.size(); ++k)
      expected[std::string{vocab::priority_names[k]}] = p.priority_weights[k];
    auto df = std::count_if(p.priority_weights.begin(),
                            p.priority_weights.end(),
                            [](double w) { return w > 0; });
    auto& observed = seen[std::string{issue_type_names[i]}];
    EXPECT_LT(chi_square(observed, expected),
              chi_square_critical(size_t(df - 1), issue_type_names.size()))
      << issue_type_names[i];
  }
}

TEST(Tickets, AfterHoursComeInThroughThePortalAndWaitForTheNextDay) {
  // Runs around the clock: a ticket logged out of the desk's hours (09:00
  // to 17:00 on business days, tenant zone) came in through the portal,
  // and an urgent one is dispatched for the next business day.
  auto zone = date::locate_zone("America/Los_Angeles");
  auto g = make(kind);
  rows_of rows{*g, seeded("America/Los_Angeles", at("2024-11-20T06:00:00Z")),
               table, 10'000, std::chrono::minutes{97}};
  size_t after_hours = 0;
  for (auto& r : rows) {
    auto created = parse_timestamp(r.text("created_at")).value();
    auto local = zone->to_local(created);
    auto day = date::floor<date::days>(local);
    auto minute = (local - day) / std::chrono::minutes{1};
    if (allowed_day(day, weekdays_mask) && minute >= 9 * 60
        && minute < 17 * 60)
      continue;
    ++after_hours;
    auto text = r.text("description");
    EXPECT_EQ(text.find("Called in"), std::string::npos) << text;
    EXPECT_EQ(text.find("Reported by"), std::string::npos) << text;
    if (r.text("priority") != "urgent")
      continue;
    auto next = minute < 17 * 60 && allowed_day(day, weekdays_mask)
                  ? day
                  : step_days(day, 1, weekdays_mask);
    EXPECT_EQ(r.text("scheduled_date"),
              iso_date(date::sys_days{next.time_since_epoch()}));
  }
  EXPECT_GT(after_hours, rows.size() / 4);
}

TEST(Tickets, PlannedWorkIsNotReportedByAnyone) {
  for (auto& r : many_tickets()) {
    auto issue = r.text("issue_type");
    if (issue != "preventive_maintenance" && issue != "installation")
      continue;
    auto text = r.text("description");
    EXPECT_EQ(text.find("eported by"), std::string::npos) << text;
    EXPECT_EQ(text.find("alled in by"), std::string::npos) << text;
  }
}

TEST(Tickets, DoNotRaiseADeviceIssueThatIsStillRecent) {
  // A week of runs on one fleet: no device gets a second ticket on the
  // same issue while others are free.
  auto g = make(kind);
  auto ctx = seeded("UTC", at("2024-03-04T06:00:00Z"));
  rows_of rows{*g, ctx, table, 24, std::chrono::hours{6},
               find_updater_kind(kind)};
  std::set<std::string> seen;
  for (auto& r : rows)
    EXPECT_TRUE(
      seen.insert(r.text("equipment_id") + r.text("issue_type")).second)
      << r.text("title");
}

TEST(Tickets, FitAFleetOfPrintersWhoseDrumIsInTheToner) {
  // HP LaserJets carry drum and developer in the toner cartridge, and
  // printers have no finisher to run out of staples.
  auto g = make(kind, {{"perRun", {{"min", 20}, {"max", 20}}}});
  auto ctx = seeded("UTC", at("2024-03-05T15:00:00Z"));
  auto device = ctx.equipment.front();
  device.make = "HP";
  device.model = "Color LaserJet Enterprise M555dn";
  device.color = true;
  ctx.equipment = {device};
  std::set<std::string> parts;
  for (int run = 0; run < 200; ++run, ctx.fire_time += std::chrono::hours{6})
    for (auto& t : g->generate(ctx))
      for (auto& row : t.rows) {
        row_view r{t, row};
        for (auto& part : r.list("required_parts"))
          parts.insert(part);
        EXPECT_EQ(r.text("title").find("taple"), std::string::npos)
          << r.text("title");
      }
  EXPECT_TRUE(parts.count("toner cartridge"));
  EXPECT_FALSE(parts.count("drum unit"));
  EXPECT_FALSE(parts.count("developer unit"));
}

TEST(Tickets, OnPrintersSpeakOfNoCopyingOrScanning) {
  // A fleet of printers only: no glass, no document feeder, no copies.
  auto ctx = seeded("America/Los_Angeles", at("2024-03-04T06:00:00Z"));
  for (auto& e : ctx.equipment)
    e.make = "Ricoh", e.model = "SP 5300DN";
  ASSERT_FALSE(vocab::scans("Ricoh", "SP 5300DN"));
  auto g = make(kind, {{"perRun", {{"min", 100}, {"max", 100}}}});
  rows_of rows{*g, ctx, table, 10'000, std::chrono::hours{6}};
  const std::regex scanning{"cop(y|ies|ying)|scan|glass|feeder",
                            std::regex::icase};
  for (auto& r : rows)
    for (auto column : {"title", "description"})
      EXPECT_FALSE(std::regex_search(r.text(column), scanning))
        << r.text(column);
}

TEST(Tickets, SayWhereADeviceStandsAsPeopleDo) {
  EXPECT_EQ(vocab::place_phrase("Conference room B"), "in conference room B");
  EXPECT_EQ(vocab::place_phrase("Library workroom"), "in the library workroom");
  EXPECT_EQ(vocab::place_phrase("Front desk"), "at the front desk");
  EXPECT_EQ(vocab::place_phrase("HR office"), "in the HR office");
  EXPECT_EQ(vocab::place_phrase("2nd floor copy room"),
            "in the 2nd floor copy room");
  // Every place of every industry reads so in a description.
  for (size_t i = 0; i < industry_names.size(); ++i)
    for (auto where : vocab::device_locations_of(industry(i)))
      EXPECT_EQ(vocab::place_phrase(where).find("the conference room B"),
                std::string::npos);
}

TEST(Tickets, SkillsFitWhatTheDeviceShows) {
  // A grinding drive is mechanical work; a dead power supply electrical.
  size_t noisy = 0;
  for (auto& r : many_tickets()) {
    auto title = r.text("title");
    auto& skills = r.list("required_skills");
    if (title.find("noise") != std::string::npos) {
      ++noisy;
      EXPECT_EQ(skills.front(), "mechanical") << title;
    }
    if (title.find("power") != std::string::npos) {
      EXPECT_EQ(skills.front(), "electrical") << title;
    }
  }
  EXPECT_GT(noisy, 100u);
}
