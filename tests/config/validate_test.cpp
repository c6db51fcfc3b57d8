#include "config/config.hpp"

#include "helpers.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using nlohmann::json;
using testing::AllOf;
using testing::HasSubstr;
using namespace dbu::test;

TEST(ConfigValidate, NamesPathValueAndAllowedForBadSchedule) {
  auto ps = problems_of(with_job("service_tickets",
                                 {{"schedule", "0 0 25 * * *"}}));
  ASSERT_EQ(ps.size(), 1u) << dbu::describe(ps);
  EXPECT_EQ(ps[0].path, tenant_path + "/updaters/service_tickets/schedule");
  EXPECT_THAT(ps[0].message, AllOf(HasSubstr("\"0 0 25 * * *\""),
                                   HasSubstr("not a valid schedule"),
                                   HasSubstr("must be a CRON expression")));
}

TEST(ConfigValidate, NamesPathValueAndAllowedForUnknownTimezone) {
  auto ps = problems_of({{"timezone", "Mars/Olympus"}});
  ASSERT_EQ(ps.size(), 1u) << dbu::describe(ps);
  EXPECT_EQ(ps[0].path, "/timezone");
  EXPECT_THAT(ps[0].message, AllOf(HasSubstr("\"Mars/Olympus\""),
                                   HasSubstr("unknown time zone"),
                                   HasSubstr("IANA time zone")));
}

TEST(ConfigValidate, ReportsATenantsOwnUnknownTimezone) {
  auto ps = problems_of(
    {{"tenants", {{tenant_id, {{"timezone", "Europe/Berln"}}}}}});
  EXPECT_THAT(message_at(ps, tenant_path + "/timezone"),
              HasSubstr("\"Europe/Berln\" — unknown time zone"));
}

TEST(ConfigValidate, NamesPathValueAndAllowedForOutOfRangeNumbers) {
  auto ps = problems_of({{"execution",
                          {{"maxConcurrentExecutions", 0},
                           {"executionTimeoutSeconds", 86401},
                           {"queueCapacity", -1}}},
                         {"logging", {{"retentionDays", 3651}}},
                         {"database", {{"poolSize", 101}}}});
  EXPECT_EQ(ps.size(), 5u) << dbu::describe(ps);
  EXPECT_EQ(message_at(ps, "/execution/maxConcurrentExecutions"),
            "0 — out of range; must be an integer from 1 to 1000");
  EXPECT_EQ(message_at(ps, "/execution/executionTimeoutSeconds"),
            "86401 — out of range; must be an integer from 1 to 86400");
  EXPECT_EQ(message_at(ps, "/execution/queueCapacity"),
            "-1 — out of range; must be an integer from 0 to 1000000");
  EXPECT_EQ(message_at(ps, "/logging/retentionDays"),
            "3651 — out of range; must be an integer from 1 to 3650");
  EXPECT_EQ(message_at(ps, "/database/poolSize"),
            "101 — out of range; must be an integer from 1 to 100");
}

TEST(ConfigValidate, AcceptsTheBoundsOfRanges) {
  auto ps = problems_of({{"execution",
                          {{"maxConcurrentExecutions", 1000},
                           {"executionTimeoutSeconds", 1}}},
                         {"logging", {{"retentionDays", 1}}},
                         {"database", {{"poolSize", 100}}}});
  EXPECT_TRUE(ps.empty()) << dbu::describe(ps);
}

TEST(ConfigValidate, NamesTheExpectedTypeOfAWrongType) {
  auto ps = problems_of({{"execution", {{"maxConcurrentExecutions", "4"}}},
                         {"logging", {{"level", 3}, {"retentionDays", 1.5}}},
                         {"control", "tcp://127.0.0.1:5555"}});
  EXPECT_EQ(ps.size(), 4u) << dbu::describe(ps);
  EXPECT_EQ(message_at(ps, "/execution/maxConcurrentExecutions"),
            "\"4\" — must be an integer from 1 to 1000, not a string");
  EXPECT_THAT(message_at(ps, "/logging/level"),
              AllOf(HasSubstr("3 — must be one of trace"),
                    HasSubstr("not an integer")));
  EXPECT_THAT(message_at(ps, "/logging/retentionDays"),
              HasSubstr("not a fractional number"));
  EXPECT_THAT(message_at(ps, "/control"),
              AllOf(HasSubstr("must be an object with keys endpoint"),
                    HasSubstr("not a string")));
}

TEST(ConfigValidate, RefusesANonBooleanEnabled) {
  auto ps = problems_of(with_job("business_records", {{"enabled", "yes"}}));
  EXPECT_EQ(message_at(ps, tenant_path + "/updaters/business_records/enabled"),
            "\"yes\" — must be true or false, not a string");
}

TEST(ConfigValidate, NamesTheAllowedChoices) {
  auto ps = problems_of({{"execution", {{"misfirePolicy", "catch_up"}}},
                         {"logging", {{"level", "verbose"}}}});
  EXPECT_EQ(message_at(ps, "/execution/misfirePolicy"),
            "\"catch_up\" — unknown misfire policy; must be one of skip, "
            "run_once");
  EXPECT_EQ(message_at(ps, "/logging/level"),
            "\"verbose\" — unknown log level; must be one of trace, debug, "
            "info, warn, error, off");
}

TEST(ConfigValidate, ChecksTheControlEndpoint) {
  for (auto bad : {"http://localhost:5555", "tcp://localhost", "ipc://",
                   "tcp://:5555", "tcp://host:99999"}) {
    auto ps = problems_of({{"control", {{"endpoint", bad}}}});
    EXPECT_THAT(message_at(ps, "/control/endpoint"),
                AllOf(HasSubstr(bad), HasSubstr("\"tcp://HOST:PORT\"")))
      << bad;
  }
  for (auto good : {"tcp://*:5555", "tcp://[::1]:5555", "ipc:///run/dbu.sock",
                    "tcp://127.0.0.1:*"})
    EXPECT_TRUE(problems_of({{"control", {{"endpoint", good}}}}).empty())
      << good;
}

TEST(ConfigValidate, ChecksTheDatabaseUrl) {
  for (auto good : {"postgres://u@h/db", "postgresql:///db",
                    "host=localhost dbname=x", "host = h password='a b'"})
    EXPECT_TRUE(problems_of({{"database", {{"url", good}}}}).empty())
      << good;
  for (auto bad : {"mysql://h/db", "localhost", "", "host=", "host='x"}) {
    auto ps = problems_of({{"database", {{"url", bad}}}});
    EXPECT_THAT(message_at(ps, "/database/url"),
                AllOf(HasSubstr("not a PostgreSQL connection string"),
                      HasSubstr("postgresql://")))
      << bad;
  }
}

TEST(ConfigValidate, RefusesAUrlLibpqCannotReadWithoutQuotingIt) {
  // libpq quotes such URLs, password and all, in its errors.
  for (auto bad :
       {"postgresql://u:s3cr3t@[::1", "postgresql://u:s3%ZZcr3t@h/db",
        "postgresql://u:p@ss3cr3t@127.0.0.1/db",
        "postgresql://u:s3c?r3t@127.0.0.1/db",
        "postgresql://u:s3cr/3t@127.0.0.1/db"}) {
    auto ps = problems_of({{"database", {{"url", bad}}}});
    auto message = message_at(ps, "/database/url");
    EXPECT_THAT(message, HasSubstr("not a PostgreSQL connection string: "))
      << bad;
    EXPECT_EQ(dbu::describe(ps).find("s3cr3t"), std::string::npos)
      << dbu::describe(ps);
  }
  auto ps = problems_of(
    {{"database", {{"url", "postgresql://u:p@ss3cr3t@127.0.0.1/db"}}}});
  EXPECT_THAT(message_at(ps, "/database/url"), HasSubstr("%40"));
}

TEST(ConfigValidate, NeverShowsTheDatabasePassword) {
  auto ps = problems_of({{"database", {{"url", "mysql://u:hunter2@h/db"}}}});
  EXPECT_THAT(message_at(ps, "/database/url"),
              HasSubstr("\"mysql://u:***@h/db\""));
  EXPECT_EQ(dbu::describe(ps).find("hunter2"), std::string::npos);
}

TEST(ConfigValidate, RefusesTenantIdsThatAreNotUuids) {
  auto ps = problems_of({{"tenants", {{"acme", json::object()}}}});
  ASSERT_EQ(ps.size(), 1u) << dbu::describe(ps);
  EXPECT_EQ(ps[0].path, "/tenants/acme");
  EXPECT_THAT(ps[0].message, AllOf(HasSubstr("\"acme\" — not a tenant id"),
                                   HasSubstr("lowercase uuid")));
}

TEST(ConfigValidate, NeedsAtLeastOneTenant) {
  auto ps = problems_of({{"tenants", json::object()}});
  ASSERT_EQ(ps.size(), 1u) << dbu::describe(ps);
  EXPECT_EQ(ps[0].path, "/tenants");
  EXPECT_THAT(ps[0].message, HasSubstr("{} — no tenant; must be an object "
                                       "of at least one tenant"));
}

TEST(ConfigValidate, RefusesAnEmptyLongOrUnprintableCustomerId) {
  auto ps = problems_of({{"tenants", {{tenant_id, {{"customerId", ""}}}}}});
  EXPECT_THAT(message_at(ps, tenant_path + "/customerId"),
              HasSubstr("\"\" — empty; must be a customer id of 1 to 200"));
  // An index row holds it; a NUL would cut it short in PostgreSQL.
  ps = problems_of(
    {{"tenants", {{tenant_id, {{"customerId", std::string(201, 'c')}}}}}});
  EXPECT_THAT(message_at(ps, tenant_path + "/customerId"),
              HasSubstr("longer than 200 bytes"));
  ps = problems_of({{"tenants", {{tenant_id, {{"customerId",
                                                std::string{"c\0d", 3}}}}}}});
  EXPECT_THAT(message_at(ps, tenant_path + "/customerId"),
              HasSubstr("control character"));
}

TEST(ConfigValidate, RefusesUnknownKeysAtEveryLevel) {
  auto user = json::parse(R"({
    "timezon": "UTC",
    "logging": {"lvl": "info"},
    "tenants": {")" + tenant_id + R"(": {
      "customer": "cust-1",
      "updaters": {
        "service_ticket": {},
        "business_records": {"shedule": "@daily"}
      }
    }}
  })");
  auto ps = problems_of(user);
  EXPECT_EQ(ps.size(), 5u) << dbu::describe(ps);
  EXPECT_THAT(message_at(ps, "/timezon"),
              AllOf(HasSubstr("\"timezon\" — unknown key"),
                    HasSubstr("did you mean \"timezone\"?"),
                    HasSubstr("allowed keys: timezone, tenants")));
  EXPECT_THAT(message_at(ps, "/logging/lvl"),
              HasSubstr("did you mean \"level\"?"));
  EXPECT_THAT(message_at(ps, tenant_path + "/customer"),
              HasSubstr("did you mean \"customerId\"?"));
  EXPECT_THAT(message_at(ps, tenant_path + "/updaters/service_ticket"),
              AllOf(HasSubstr("unknown updater"),
                    HasSubstr("did you mean \"service_tickets\"?")));
  EXPECT_THAT(message_at(ps, tenant_path + "/updaters/business_records/"
                                           "shedule"),
              HasSubstr("unknown key"));
}

TEST(ConfigValidate, DistributionMustSumToOne) {
  auto ps = problems_of(with_job(
    "business_records",
    {{"industryDistribution", {{"legal", 0.5}, {"finance", 0.4}}}}));
  ASSERT_EQ(ps.size(), 1u) << dbu::describe(ps);
  EXPECT_EQ(ps[0].path,
            tenant_path + "/updaters/business_records/industryDistribution");
  EXPECT_THAT(ps[0].message, AllOf(HasSubstr("0.9"), HasSubstr("sum to 1")));
}

TEST(ConfigValidate, ListsEveryProblemAtOnce) {
  auto user = json{{"timezone", "Nowhere"},
                   {"execution", {{"misfirePolicy", "never"}}},
                   {"database", {{"poolSize", 0}}}};
  user.update(with_job("service_tickets", {{"schedule", "61 * * * *"}}));
  auto ps = problems_of(user);
  EXPECT_EQ(ps.size(), 4u) << dbu::describe(ps);
  for (auto path : {"/timezone", "/execution/misfirePolicy",
                    "/database/poolSize"})
    EXPECT_NE(message_at(ps, path), "(none)") << path;
  EXPECT_NE(message_at(ps, tenant_path + "/updaters/service_tickets/schedule"),
            "(none)");
}

TEST(ConfigValidate, ReportsAnInheritedTimezoneOnce) {
  auto id = "11111111-2222-3333-4444-555555555555";
  auto ps = problems_of({{"timezone", "Nowhere"},
                         {"tenants", {{id, json::object()},
                                      {tenant_id, json::object()}}}});
  ASSERT_EQ(ps.size(), 1u) << dbu::describe(ps);
  EXPECT_EQ(ps[0].path, "/timezone");
}

TEST(ConfigValidate, RefusesAConfigurationThatIsNotAnObject) {
  auto ps = dbu::validate(json::array());
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_THAT(dbu::describe(ps), HasSubstr("(root): [] — must be an object"));
}

TEST(ConfigValidate, ReportsMissingKeysOfAnIncompleteConfiguration) {
  auto effective = dbu::default_config_json();
  effective["execution"].erase("queueCapacity");
  auto ps = dbu::validate(effective);
  ASSERT_EQ(ps.size(), 1u) << dbu::describe(ps);
  EXPECT_EQ(ps[0].path, "/execution/queueCapacity");
  EXPECT_THAT(ps[0].message, HasSubstr("missing"));
}

TEST(ConfigValidate, EscapesTenantIdsInPaths) {
  auto ps = problems_of({{"tenants", {{"a/b~c", json::object()}}}});
  ASSERT_FALSE(ps.empty());
  EXPECT_EQ(ps[0].path, "/tenants/a~1b~0c");
}

TEST(ConfigMake, ErrorListsEveryProblemOnePerLine) {
  auto c = dbu::make_config({{"logging", {{"level", "loud"}}},
                             {"database", {{"poolSize", 0}}}});
  ASSERT_FALSE(c);
  EXPECT_EQ(dbu::code_of(c.error()), dbu::ec::invalid_config);
  EXPECT_EQ(dbu::render(c.error()),
            "/logging/level: \"loud\" — unknown log level; must be one of "
            "trace, debug, info, warn, error, off\n"
            "/database/poolSize: 0 — out of range; must be an integer from 1 "
            "to 100");
}

TEST(ConfigValidate, ReportsAnyValueOfAWrongTypeWithoutThrowing) {
  // Every node of the defaults, replaced by every other kind of value.
  std::vector<json::json_pointer> nodes;
  auto defaults = dbu::default_config_json();
  auto leaves = defaults.flatten();
  for (auto& [path, leaf] : leaves.items())
    for (auto p = json::json_pointer{path}; !p.empty(); p = p.parent_pointer())
      nodes.push_back(p);
  auto odd = json::array({nullptr, true, -1, 1.5, "x", json::array(),
                          json::object()});
  for (auto& node : nodes) {
    for (auto& value : odd) {
      auto user = defaults;
      user[node] = value;
      auto c = caf::expected<dbu::config>{dbu::config{}};
      EXPECT_NO_THROW(c = dbu::make_config(user))
        << node.to_string() << " = " << value.dump();
      EXPECT_TRUE(c || dbu::code_of(c.error()) == dbu::ec::invalid_config);
    }
  }
}

TEST(ConfigValidate, NamesWhatIsWrongWithAHomeRegion) {
  // A region of states or a circle; each problem under its own path.
  auto ps = problems_of(
    {{"tenants",
      {{tenant_id, {{"homeRegion", {{"states", {"OH", "Ohio"}}}}}}}}});
  ASSERT_EQ(ps.size(), 1u) << dbu::describe(ps);
  EXPECT_EQ(ps[0].path, tenant_path + "/homeRegion/states/1");
  EXPECT_THAT(ps[0].message, HasSubstr("\"Ohio\" — not a US state code"));
  ps = problems_of({{"tenants", {{tenant_id, {{"homeRegion", "Ohio"}}}}}});
  EXPECT_THAT(message_at(ps, tenant_path + "/homeRegion"),
              HasSubstr("must be null (leads from anywhere) or an object"));
  EXPECT_TRUE(problems_of({{"tenants",
                            {{tenant_id,
                              {{"homeRegion",
                                {{"center",
                                  {{"latitude", 41.5},
                                   {"longitude", -81.7}}},
                                 {"radiusMiles", 80}}}}}}}})
                .empty());
  EXPECT_TRUE(
    problems_of({{"tenants", {{tenant_id, {{"homeRegion", nullptr}}}}}})
      .empty());
}

TEST(ConfigValidate, SuggestsTheUpdaterKeyThatWasMeant) {
  // A typo in a job's key names the key meant among all of the job's.
  auto ps = problems_of(with_job("business_records",
                                 {{"perRn", {{"min", 1}, {"max", 1}}},
                                  {"enabeld", false}}));
  ASSERT_EQ(ps.size(), 2u) << dbu::describe(ps);
  EXPECT_THAT(message_at(ps, tenant_path + "/updaters/business_records/"
                                           "perRn"),
              AllOf(HasSubstr("did you mean \"perRun\"?"),
                    HasSubstr("enabled, schedule")));
  EXPECT_THAT(message_at(ps, tenant_path + "/updaters/business_records/"
                                           "enabeld"),
              HasSubstr("did you mean \"enabled\"?"));
}
