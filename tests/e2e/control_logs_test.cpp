#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace dbu::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// @returns the records of `logs` with `args`, or nothing on an error.
std::vector<std::string> records(const daemon_fixture& d, json args) {
  auto reply = ask(d.endpoint, "logs", std::move(args));
  EXPECT_TRUE(reply && (*reply)["ok"] == true) << reply.value_or(json{});
  if (!reply || (*reply)["ok"] != true)
    return {};
  return (*reply)["result"]["records"].get<std::vector<std::string>>();
}

// @returns the level word of a record: `TIME LEVEL ACTOR …`.
std::string level_of(const std::string& record) {
  std::istringstream in{record};
  std::string time, level;
  in >> time >> level;
  return level;
}

// @returns the URL of a fresh database as the superuser, a role that
// bypasses row-level security (the db-writer warns about it).
std::string superuser_database() {
  auto url = fresh_database("logs");
  return with_user_db(admin_url(), "postgres", url.substr(url.rfind('/') + 1));
}

} // namespace

TEST(ControlLogs, KeepsOnlyTheLinesOfTheNamedUpdater) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  for (auto upd : {"business_records", "service_tickets"}) {
    auto reply = ask(d.endpoint, "execute", {{"updater", upd}});
    ASSERT_EQ((*reply)["ok"], true) << *reply;
  }
  // Every line names the updater; its run lines are there.
  auto lines = records(d, {{"updater", "business_records"}, {"lines", 1000}});
  ASSERT_FALSE(lines.empty());
  auto started = 0;
  for (auto& line : lines) {
    EXPECT_NE(line.find("business_records"), std::string::npos) << line;
    EXPECT_EQ(line.find("service_tickets"), std::string::npos) << line;
    started += line.find("updater business_records started run")
                   != std::string::npos;
  }
  EXPECT_EQ(started, 1);
  // `lines` still bounds the answer.
  EXPECT_EQ(records(d, {{"updater", "business_records"}, {"lines", 1}})
              .size(),
            1u);
  // The tool says when nothing matches rather than print nothing.
  auto [rc, out] = d.tool({"logs", "--level", "error", "--updater",
                           "equipment_meter_readings"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("no log records match"), std::string::npos) << out;
  // A name that no updater has is refused, a part of one too.
  for (auto name : {"nope", "business_record", "records"})
    expect_error(ask(d.endpoint, "logs", {{"updater", name}}),
                 "unknown_updater", name);
}

TEST(ControlLogs, LevelHidesTheRecordsBelowIt) {
  // The superuser bypasses row-level security: the db-writer warns.
  daemon_fixture d{json::object(), superuser_database()};
  ASSERT_TRUE(d.ready()) << d.output();
  ASSERT_TRUE(eventually(30s, [&] {
    for (auto& line : records(d, {{"level", "warn"}}))
      if (line.find("bypasses row-level security") != std::string::npos)
        return true;
    return false;
  })) << d.output();
  // warn: warnings and errors only.
  for (auto level : {"warn", "warning"}) {
    auto lines = records(d, {{"level", level}, {"lines", 10000}});
    ASSERT_FALSE(lines.empty()) << level;
    for (auto& line : lines)
      EXPECT_TRUE(level_of(line) == "warning" || level_of(line) == "error"
                  || level_of(line) == "critical")
        << level << ": " << line;
  }
  // info: the info lines too, but no debug ones.
  auto lines = records(d, {{"level", "info"}, {"lines", 10000}});
  auto infos = 0;
  for (auto& line : lines) {
    EXPECT_NE(level_of(line), "debug") << line;
    infos += level_of(line) == "info";
  }
  EXPECT_GT(infos, 0);
  // Without a level, the debug lines of this daemon show as well.
  auto debugs = 0;
  for (auto& line : records(d, {{"lines", 10000}}))
    debugs += level_of(line) == "debug";
  EXPECT_GT(debugs, 0);
}
