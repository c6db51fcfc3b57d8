#include "helpers.hpp"

#include "generators/calendar.hpp"
#include "generators/kinds.hpp"
#include "generators/lead_rows.hpp"
#include "generators/text.hpp"
#include "generators/vocabulary.hpp"

#include <algorithm>
#include <regex>
#include <set>

using namespace dbu::gen;
using namespace dbu::gen::test;

namespace {

constexpr std::string_view kind = "business_records";

// 100,000 leads from the default distributions, 1,000 per run.
const rows_of& many_leads() {
  static auto g = make(kind, {{"perRun", {{"min", 1000}, {"max", 1000}}}});
  static rows_of rows{*g, seeded("America/Chicago", at("2024-03-04T16:00:00Z")),
                      "business_records", 100'000};
  return rows;
}

// @returns the city of the vocabulary called `name` in `state`.
const vocab::city* find_city(std::string_view name, std::string_view state) {
  for (auto& c : vocab::cities)
    if (c.name == name && c.state == state)
      return &c;
  return nullptr;
}

// @returns whether `small` is a subsequence of `big`.
bool subsequence(std::string_view small, std::string_view big) {
  size_t j = 0;
  for (char c : big)
    if (j < small.size() && small[j] == c)
      ++j;
  return j == small.size();
}

} // namespace

TEST(Leads, IndustriesFollowTheDistribution) {
  std::map<std::string, size_t> seen;
  for (auto& r : many_leads())
    ++seen[r.text("industry")];
  auto expected = default_shares(kind, "industryDistribution");
  EXPECT_LT(chi_square(seen, expected),
            chi_square_critical(expected.size() - 1));
}

TEST(Leads, SourcesFollowTheDistribution) {
  std::map<std::string, size_t> seen;
  for (auto& r : many_leads())
    ++seen[r.text("lead_source")];
  auto expected = default_shares(kind, "sourceDistribution");
  EXPECT_LT(chi_square(seen, expected),
            chi_square_critical(expected.size() - 1));
}

TEST(Leads, ConfiguredDistributionIsFollowed) {
  // Only two industries, 3:1.
  auto g = make(kind, {{"perRun", {{"min", 1000}, {"max", 1000}}},
                       {"industryDistribution",
                        {{"healthcare", nullptr}, {"education", nullptr},
                         {"manufacturing", nullptr}, {"real_estate", nullptr},
                         {"finance", nullptr}, {"government", nullptr},
                         {"non_profit", nullptr}, {"legal", 0.75},
                         {"retail", 0.25}}}});
  rows_of rows{*g, seeded("UTC", at("2024-03-04T16:00:00Z")),
               "business_records", 100'000};
  std::map<std::string, size_t> seen;
  for (auto& r : rows)
    ++seen[r.text("industry")];
  EXPECT_LT(chi_square(seen, {{"legal", 0.75}, {"retail", 0.25}}),
            chi_square_critical(1));
}

TEST(Leads, AddressPhoneAndCityAgree) {
  static const std::regex phone_style{R"(\(\d{3}\) 555-01\d\d)"};
  for (auto& r : many_leads()) {
    auto c = find_city(r.text("city"), r.text("state"));
    ASSERT_NE(c, nullptr) << r.text("city") << ", " << r.text("state");
    auto zip = std::stoi(r.text("postal_code"));
    EXPECT_EQ(r.text("postal_code").size(), 5u);
    EXPECT_NE(std::find(c->zips.begin(), c->zips.end(), zip), c->zips.end())
      << zip;
    auto phone = r.text("contact_phone");
    ASSERT_TRUE(std::regex_match(phone, phone_style)) << phone;
    auto area = std::stoi(phone.substr(1, 3));
    EXPECT_NE(std::find(c->area_codes.begin(), c->area_codes.end(), area),
              c->area_codes.end())
      << area << " is not an area code of " << c->name;
  }
}

TEST(Leads, EmailAndWebsiteFollowTheCompanyName) {
  for (auto& r : many_leads()) {
    // first.last@domain, the domain's stem made of the name's letters; a
    // city's offices use the city's site ("cityofspokane.gov").
    auto email = r.text("contact_email");
    auto at_sign = email.find('@');
    ASSERT_NE(at_sign, std::string::npos) << email;
    std::string local, name;
    append_slug(local, r.text("contact_first_name"));
    local += '.';
    append_slug(local, r.text("contact_last_name"));
    EXPECT_EQ(email.substr(0, at_sign), local);
    auto domain = email.substr(at_sign + 1);
    auto stem = domain.substr(0, domain.find('.'));
    append_slug(name, r.text("company_name"));
    EXPECT_GE(stem.size(), 3u) << domain;
    EXPECT_TRUE(subsequence(stem, name) || subsequence(stem, "cityof" + name))
      << stem << " vs " << name;
    EXPECT_EQ(r.text("website"), "https://www." + domain);
  }
}

TEST(Leads, SizeRevenueDealAndScoreAreConsistent) {
  // Per row: band, bounds and the score range.
  std::map<std::string, std::pair<double, size_t>> score_by_band;
  std::map<std::string, std::pair<double, size_t>> deal_by_band;
  for (auto& r : many_leads()) {
    auto employees = r.number("employee_count");
    auto& band = vocab::size_bands[vocab::band_of(int(employees))];
    EXPECT_EQ(r.text("size_band"), band.name) << employees;
    EXPECT_GT(employees, 0);
    EXPECT_GT(r.number("annual_revenue"), 0);
    EXPECT_GT(r.number("estimated_deal_value"), 0);
    auto score = r.number("lead_score");
    EXPECT_TRUE(score >= 0 && score <= 100) << score;
    auto& s = score_by_band[r.text("size_band")];
    s.first += double(score), ++s.second;
    auto& d = deal_by_band[r.text("size_band")];
    d.first += double(r.number("estimated_deal_value")), ++d.second;
  }
  // Across rows: bigger companies score higher and are worth more.
  double last_score = -1, last_deal = -1;
  for (auto& band : vocab::size_bands) {
    auto [score_sum, n] = score_by_band[std::string{band.name}];
    auto deal_sum = deal_by_band[std::string{band.name}].first;
    ASSERT_GT(n, 0u) << band.name;
    EXPECT_GT(score_sum / double(n), last_score) << band.name;
    EXPECT_GT(deal_sum / double(n), last_deal) << band.name;
    last_score = score_sum / double(n);
    last_deal = deal_sum / double(n);
  }
}

TEST(Leads, RevenuePerEmployeeFollowsIndustry) {
  // Revenue per head stays near the industry's figure.
  for (auto& r : many_leads()) {
    auto i = category_index(industry_names, r.text("industry"));
    ASSERT_TRUE(i);
    auto per_head = double(r.number("annual_revenue"))
                    / double(r.number("employee_count"));
    auto expected = vocab::profile(industry(*i)).revenue_per_employee;
    EXPECT_TRUE(per_head > expected * 0.5 && per_head < expected * 1.6)
      << r.text("company_name") << ": " << per_head;
  }
}

TEST(Leads, NewLeadsAreNewAndEnteredSinceTheNewestRecord) {
  auto g = make(kind);
  auto ctx = seeded("UTC", at("2024-03-05T15:00:00Z"));
  auto newest = newest_record(ctx);
  ASSERT_TRUE(newest);
  EXPECT_EQ(*newest, ctx.records.front().created_at);
  auto b = g->generate(ctx);
  ASSERT_EQ(b.size(), 1u);
  ASSERT_EQ(b[0].rows.size(), 1u);
  row_view r{b[0], b[0].rows[0]};
  EXPECT_EQ(r.text("record_type"), "lead");
  EXPECT_EQ(r.text("status"), "new");
  EXPECT_EQ(r.text("tenant_id"), tenant);
  // Entered since the seeded records, at most three days before the fire
  // and never after it.
  auto created = at(r.text("created_at").substr(0, 19) + "Z");
  EXPECT_GE(created, *newest);
  EXPECT_GE(created, ctx.fire_time - std::chrono::hours{72});
  EXPECT_LT(created, ctx.fire_time);
  EXPECT_TRUE(std::regex_match(
    r.text("record_id"),
    std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
               "[0-9a-f]{12}")));
}

TEST(Leads, FollowRunsAndSpreadOverTheTimeSinceTheNewestRecord) {
  // A year of runs at 10:00 on weekdays, as by default: each lead lies
  // between the tenant's newest record and the fire, within three days of
  // it, and the leads of the year spread over the working day, not the
  // minutes before the run.
  auto g = make(kind, {{"perRun", {{"min", 4}, {"max", 4}}}});
  auto zone = date::locate_zone("America/Chicago");
  auto ctx = seeded("America/Chicago", at("2024-01-02T16:00:00Z"));
  auto day = date::floor<date::days>(to_local(zone, ctx.fire_time));
  std::set<int64_t> hours;
  size_t leads = 0, before_nine = 0;
  for (int i = 0; i < 366; ++i, day += date::days{1}) {
    if (date::weekday{day}.iso_encoding() > 5)
      continue;
    ctx.fire_time = to_sys(zone, day + std::chrono::hours{10});
    auto newest = newest_record(ctx);
    ASSERT_TRUE(newest);
    auto b = g->generate(ctx);
    ASSERT_EQ(b.size(), 1u);
    for (auto& row : b[0].rows) {
      row_view r{b[0], row};
      auto created = at(r.text("created_at").substr(0, 19) + "Z");
      EXPECT_GE(created, *newest) << r.text("created_at");
      EXPECT_GE(created, ctx.fire_time - std::chrono::hours{72});
      EXPECT_LT(created, ctx.fire_time) << r.text("created_at");
      auto local = to_local(zone, created);
      hours.insert((local - date::floor<date::days>(local))
                   / std::chrono::hours{1});
      ++leads;
      before_nine += created < ctx.fire_time - std::chrono::hours{1};
    }
    remember_leads(ctx, b);
  }
  EXPECT_GE(hours.size(), 10u);
  EXPECT_GT(before_nine, leads / 2);
}

TEST(Leads, PeopleKeyLeadsInDuringOfficeHoursAndFormsComeAtAnyHour) {
  // 10,000 leads of daily runs, weekends and holidays too: calls,
  // referrals, trade shows and partners are entered on business days,
  // 08:00 to 18:00 in the tenant's zone; web and ad forms at any hour and
  // on any day, few at night.
  auto g = make(kind, {{"perRun", {{"min", 10}, {"max", 10}}}});
  auto zone = date::locate_zone("America/Chicago");
  rows_of rows{*g, seeded("America/Chicago", at("2024-01-01T16:00:00Z")),
               "business_records", 10'000, std::chrono::hours{24},
               find_updater_kind(kind)};
  size_t forms = 0, at_night = 0, on_weekends = 0;
  for (auto& r : rows) {
    auto s = category_index(lead_source_names, r.text("lead_source"));
    ASSERT_TRUE(s);
    auto local = to_local(zone, at(r.text("created_at").substr(0, 19) + "Z"));
    auto day = date::floor<date::days>(local);
    auto hour = (local - day) / std::chrono::hours{1};
    if (vocab::source_keyed_in[*s]) {
      EXPECT_TRUE(allowed_day(day, weekdays_mask)
                  && hour >= 8 && hour < 18)
        << r.text("lead_source") << " at " << date::format("%F %T %a", local);
      continue;
    }
    ++forms;
    at_night += hour < 6;
    on_weekends += date::weekday{day}.iso_encoding() > 5;
  }
  EXPECT_GT(forms, 2'000u);
  EXPECT_GT(at_night, 0u);
  EXPECT_LT(at_night, forms / 10);
  EXPECT_GT(on_weekends, forms / 10);
}

TEST(Leads, SameSeedAndTimeGiveTheSameRows) {
  auto g = make(kind, {{"perRun", {{"min", 3}, {"max", 8}}}});
  auto ctx = seeded("UTC", at("2024-03-05T15:00:00Z"));
  EXPECT_TRUE(same_rows(g->generate(ctx), g->generate(ctx)));
  auto other = ctx;
  other.seed = 2;
  EXPECT_FALSE(same_rows(g->generate(ctx), g->generate(other)));
  other = ctx;
  other.fire_time += std::chrono::seconds{1};
  EXPECT_FALSE(same_rows(g->generate(ctx), g->generate(other)));
}

TEST(Leads, DomainLeavesOutStopWordsAndAbbreviatesLongNames) {
  EXPECT_EQ(domain_of("Garcia & Chen LLP", ".com"), "garciachen.com");
  EXPECT_EQ(domain_of("Cedar Ridge Unified School District", ".org"),
            "cedarridgeusd.org");
  EXPECT_EQ(domain_of("Patel's Hardware", ".com"), "patelshardware.com");
  EXPECT_EQ(domain_of("The Kim Law Firm", ".com"), "kimlawfirm.com");
}

TEST(Leads, CompanyNamesAndEmailsDoNotRepeatWithinATenant) {
  // 10,000 leads, each run seeing the records before it, as in the
  // database: every company name and contact email once.
  auto g = make(kind, {{"perRun", {{"min", 50}, {"max", 50}}}});
  auto ctx = seeded("America/Chicago", at("2024-03-04T16:00:00Z"));
  rows_of rows{*g, ctx, "business_records", 10'000, std::chrono::hours{1},
               find_updater_kind(kind)};
  ASSERT_GE(rows.size(), 10'000u);
  std::set<std::string> names, emails;
  for (auto& c : ctx.records) {
    names.insert(taken_names::company_key(c.company));
    emails.insert(taken_names::email_key(c.contact_email));
  }
  for (auto& r : rows) {
    EXPECT_TRUE(names.insert(taken_names::company_key(r.text("company_name")))
                  .second)
      << r.text("company_name");
    EXPECT_TRUE(emails.insert(taken_names::email_key(r.text("contact_email")))
                  .second)
      << r.text("contact_email");
  }
}

TEST(Leads, AvoidNamesTheTenantHasAlready) {
  // A tenant whose facts hold every name a run would draw gets others.
  auto g = make(kind, {{"perRun", {{"min", 20}, {"max", 20}}}});
  auto ctx = seeded("UTC", at("2024-03-04T16:00:00Z"));
  auto first = g->generate(ctx);
  remember_names(ctx, first);
  auto second = g->generate(ctx);
  ASSERT_EQ(second.size(), 1u);
  for (auto& row : second[0].rows) {
    row_view r{second[0], row};
    EXPECT_FALSE(ctx.facts.count(taken_names::company_key(
      r.text("company_name"))))
      << r.text("company_name");
  }
}

TEST(Leads, ScoreIsTheSumOfItsFactorsAndDealIsDevicesTimesPrice) {
  // Over 100,000 leads: each factor is the one its industry, size band and
  // source give, and the deal prices the devices at the band's rate.
  for (auto& r : many_leads()) {
    auto factors = nlohmann::json::parse(r.text("lead_score_factors"));
    auto i = category_index(industry_names, r.text("industry"));
    auto s = category_index(lead_source_names, r.text("lead_source"));
    ASSERT_TRUE(i && s);
    auto& band = vocab::size_bands[vocab::band_of(
      int(r.number("employee_count")))];
    EXPECT_EQ(factors["industry"], vocab::profile(industry(*i)).score);
    EXPECT_EQ(factors["size"], band.score);
    EXPECT_EQ(factors["source"], vocab::source_scores[*s]);
    auto inquiry = factors["inquiry"].get<int>();
    EXPECT_TRUE(inquiry >= 0 && inquiry <= 10);
    auto sum = factors["industry"].get<int>() + factors["size"].get<int>()
               + factors["source"].get<int>() + inquiry;
    EXPECT_EQ(r.number("lead_score"), std::clamp(sum, 0, 100));
    auto devices = r.number("estimated_devices");
    EXPECT_GT(devices, 0);
    auto per_device = double(r.number("estimated_deal_value"))
                      / double(devices);
    auto slack = 25.0 / double(devices);
    EXPECT_GE(per_device, band.device_price * 0.9 - slack);
    EXPECT_LE(per_device, band.device_price * 1.15 + slack);
  }
}

TEST(Leads, ContactNamesDoNotRepeatWhileNamesArePlenty) {
  // 1,000 leads of a tenant: no two contacts share a full name.
  auto g = make(kind, {{"perRun", {{"min", 20}, {"max", 20}}}});
  rows_of rows{*g, seeded("UTC", at("2024-03-04T16:00:00Z")),
               "business_records", 1'000, std::chrono::hours{1},
               find_updater_kind(kind)};
  std::set<std::string> people;
  for (auto& r : rows)
    EXPECT_TRUE(people
                  .insert(r.text("contact_first_name") + " "
                          + r.text("contact_last_name"))
                  .second)
      << r.text("contact_first_name") << " " << r.text("contact_last_name");
}

TEST(Leads, UseTheLocalWordsForCountiesAndSchoolDistricts) {
  // Louisiana has parishes and Texas independent school districts.
  for (auto& r : many_leads()) {
    auto name = r.text("company_name");
    auto state = r.text("state");
    EXPECT_FALSE(state == "LA" && name.find(" County") != std::string::npos)
      << name;
    EXPECT_FALSE(state == "TX"
                 && name.find("Unified School District") != std::string::npos)
      << name;
  }
}

TEST(Leads, NameSchoolDistrictsAsTheirStateDoesAndByInitialsOnline) {
  // Unified districts in California, Arizona and Kansas, independent ones
  // in Texas, plain school districts elsewhere; each domain ends in the
  // district's initials ("pinefordusd.org", never "pinefordunifiedsd").
  const std::set<std::string> unified{"CA", "AZ", "KS"};
  size_t districts = 0;
  for (auto& r : many_leads()) {
    auto name = r.text("company_name");
    auto at = name.find(" School District");
    if (at == std::string::npos)
      continue;
    ++districts;
    auto state = r.text("state");
    auto expected = state == "TX"          ? " Independent School District"
                    : unified.count(state) ? " Unified School District"
                                           : " School District";
    auto initials = state == "TX"          ? "isd.org"
                    : unified.count(state) ? "usd.org"
                                           : "sd.org";
    EXPECT_TRUE(name.ends_with(expected)) << name << ", " << state;
    EXPECT_TRUE(r.text("website").ends_with(initials))
      << name << ": " << r.text("website");
    EXPECT_EQ(r.text("website").find("unified"), std::string::npos)
      << r.text("website");
  }
  EXPECT_GT(districts, 1000u);
}

TEST(Leads, PhonesAreTheContactsOwn) {
  // 10,000 leads: no two share a number, an extension telling them apart
  // once the numbers reserved for fiction run short.
  auto g = make(kind, {{"perRun", {{"min", 50}, {"max", 50}}}});
  rows_of rows{*g, seeded("UTC", at("2024-03-04T16:00:00Z")),
               "business_records", 10'000, std::chrono::hours{1},
               find_updater_kind(kind)};
  std::set<std::string> phones;
  for (auto& r : rows)
    EXPECT_TRUE(phones.insert(r.text("contact_phone")).second)
      << r.text("contact_phone");
}

TEST(Leads, StayUniqueInATenantOfEightyThousand) {
  // Far past what the name patterns hold: towns and branches tell the
  // companies apart, and no name or email comes twice.
  auto g = make(kind, {{"perRun", {{"min", 10'000}, {"max", 10'000}}}});
  rows_of rows{*g, seeded("UTC", at("2024-03-04T16:00:00Z")),
               "business_records", 80'000, std::chrono::hours{1},
               find_updater_kind(kind)};
  std::set<std::string> names, emails;
  for (auto& r : rows) {
    EXPECT_TRUE(names.insert(taken_names::company_key(r.text("company_name")))
                  .second)
      << r.text("company_name");
    EXPECT_TRUE(emails.insert(taken_names::email_key(r.text("contact_email")))
                  .second)
      << r.text("contact_email");
  }
}

TEST(Leads, NamesFitTheCompanySize) {
  // A branch library or a family practice is small; a name whose pattern
  // caps the head count never comes with more people.
  size_t capped = 0;
  for (auto& r : many_leads()) {
    auto name = r.text("company_name");
    auto i = category_index(industry_names, r.text("industry"));
    ASSERT_TRUE(i);
    for (auto& pattern : vocab::profile(industry(*i)).name_patterns) {
      auto text = pattern.text;
      auto prefix = text.substr(0, text.find('{'));
      auto suffix = text.substr(text.rfind('}') + 1);
      if (!name.starts_with(prefix) || !name.ends_with(suffix)
          || pattern.max_employees > 5000)
        continue;
      ++capped;
      EXPECT_LE(r.number("employee_count"), pattern.max_employees) << name;
    }
  }
  EXPECT_GT(capped, 10'000u);
  // Every industry has names for companies of any size it has.
  for (size_t i = 0; i < industry_names.size(); ++i) {
    auto& p = vocab::profile(industry(i));
    for (int n = p.min_employees;
         n <= vocab::size_bands.back().max_employees; ++n)
      ASSERT_TRUE(std::any_of(p.name_patterns.begin(), p.name_patterns.end(),
                              [n](auto& pattern) {
                                return n >= pattern.min_employees
                                       && n <= pattern.max_employees;
                              }))
        << industry_names[i] << " of " << n;
  }
}

TEST(Leads, TitlesFitTheKindOfInstitution) {
  // 10,000 schools, districts and colleges: a college has deans and no
  // principal, a school or district no dean or provost, a school no
  // superintendent and the district office no principal; a district is
  // never a handful of people.
  auto g = make(kind, {{"perRun", {{"min", 100}, {"max", 100}}},
                       {"industryDistribution",
                        {{"healthcare", nullptr}, {"legal", nullptr},
                         {"manufacturing", nullptr}, {"real_estate", nullptr},
                         {"finance", nullptr}, {"government", nullptr},
                         {"non_profit", nullptr}, {"retail", nullptr},
                         {"education", 1.0}}}});
  rows_of rows{*g, seeded("UTC", at("2024-03-04T16:00:00Z")),
               "business_records", 10'000, std::chrono::hours{1},
               find_updater_kind(kind)};
  auto has = [](const std::string& title,
                std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(), [&](auto w) {
      return title.find(w) != std::string::npos;
    });
  };
  std::map<std::string, size_t> seen;
  for (auto& r : rows) {
    auto name = r.text("company_name"), title = r.text("contact_title");
    auto college = name.find(" Community College") != std::string::npos;
    auto district = name.find(" School District") != std::string::npos;
    ++seen[college ? "college" : district ? "district" : "school"];
    if (college)
      EXPECT_FALSE(has(title, {"Principal", "Superintendent", "Head of"}))
        << title << ", " << name;
    else
      EXPECT_FALSE(has(title, {"Dean", "Provost", "Vice President"}))
        << title << ", " << name;
    if (district) {
      EXPECT_FALSE(has(title, {"Principal", "Head of School"}))
        << title << ", " << name;
      EXPECT_GE(r.number("employee_count"), 50) << name;
    } else {
      EXPECT_FALSE(has(title, {"Superintendent"})) << title << ", " << name;
    }
  }
  EXPECT_GT(seen["college"], 500u);
  EXPECT_GT(seen["district"], 500u);
  EXPECT_GT(seen["school"], 500u);
}

TEST(Leads, BranchLibrariesAreRunByLibrarians) {
  // Over 100,000 leads: no clerk runs a branch library.
  size_t libraries = 0;
  for (auto& r : many_leads()) {
    if (r.text("company_name").find(" Branch Library") == std::string::npos)
      continue;
    ++libraries;
    EXPECT_EQ(r.text("contact_title").find("Clerk"), std::string::npos)
      << r.text("contact_title");
  }
  EXPECT_GT(libraries, 100u);
}

TEST(Leads, StreetsNameNothingOfTheSea) {
  // Streets are drawn for every city, Tulsa and Lubbock too.
  const std::regex sea{"Harbor|Bay|Beach|Ocean|Shore|Pier|Marina"};
  for (auto& r : many_leads())
    EXPECT_FALSE(std::regex_search(r.text("street"), sea)) << r.text("street");
}
