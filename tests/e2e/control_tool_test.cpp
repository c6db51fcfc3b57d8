#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

using namespace dbu::test;
using namespace std::chrono_literals;
using nlohmann::json;

TEST(ControlTool, RefusesATimeoutOutsideItsBoundsAsAUsageError) {
  // Nothing listens: a bad bound must fail before any wait.
  auto endpoint = unique_endpoint();
  for (auto secs : {"1e20", "86401", "0", "0.0001", "-1", "nan", "inf",
                    "2s"}) {
    auto [rc, out] = run({tool_bin(), "--endpoint", endpoint, "--timeout",
                          secs, "status"});
    EXPECT_EQ(rc, 2) << secs << ": " << out;
    EXPECT_NE(out.find("0.001 to 86400"), std::string::npos) << out;
    std::tie(rc, out) = run({tool_bin(), "--endpoint", endpoint, "status",
                             "--timeout", secs});
    EXPECT_EQ(rc, 2) << secs << " after the command: " << out;
  }
  // The bounds themselves are fine; nobody answers, so the exit is 3.
  auto [rc, out] = run({tool_bin(), "--endpoint", endpoint, "--timeout",
                        "0.001", "status"});
  EXPECT_EQ(rc, 3) << out;
}

namespace {

// @returns whether `out` has a relative time: `in 42s`, `3m ago`, `1h 58m`.
bool has_relative(const std::string& out, bool future) {
  const std::string span = R"((\d+s|\d+m|\d+h( \d+m)?|\d+d( \d+h)?))";
  std::regex pattern{future ? "\\(in " + span + "\\)"
                            : "\\(" + span + " ago\\)"};
  return std::regex_search(out, pattern);
}

// @returns the line of `out` that holds `word`, or nothing.
std::string line_with(const std::string& out, const std::string& word) {
  auto at = out.find(word);
  if (at == std::string::npos)
    return {};
  auto begin = out.rfind('\n', at);
  begin = begin == std::string::npos ? 0 : begin + 1;
  return out.substr(begin, out.find('\n', at) - begin);
}

} // namespace

TEST(ControlTool, PrintsJobsWithTheirZoneAndRelativeTimesWithoutColourOffATty) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  auto [rc, out] = d.tool({"execute", "business_records"});
  ASSERT_EQ(rc, 0) << out;
  // The run's row names the job's zone.
  EXPECT_NE(out.find("STARTED"), std::string::npos) << out;
  EXPECT_NE(line_with(out, "succeeded").find("America/New_York"),
            std::string::npos)
    << out;
  // Status: zone, next fire to come, last run gone by, with its numbers.
  std::tie(rc, out) = d.tool({"status"});
  ASSERT_EQ(rc, 0) << out;
  for (auto word : {"ZONE", "NEXT FIRE", "LAST RUN", "STATUS", "ROWS"})
    EXPECT_NE(out.find(word), std::string::npos) << word << ": " << out;
  auto row = line_with(out, std::string{default_tenant}
                              + "  business_records ");
  ASSERT_FALSE(row.empty()) << out;
  EXPECT_NE(row.find("America/New_York"), std::string::npos) << row;
  EXPECT_TRUE(has_relative(row, true)) << row;
  EXPECT_TRUE(has_relative(row, false)) << row;
  EXPECT_NE(row.find("succeeded"), std::string::npos) << row;
  // Standard output is a file here: no escape codes, health included.
  EXPECT_EQ(out.find('\033'), std::string::npos) << out;
  std::tie(rc, out) = d.tool({"health"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out.find('\033'), std::string::npos) << out;
  // The run's times are on the job's wall clock (New York is never UTC).
  std::tie(rc, out) = d.tool({"--json", "execute", "service_tickets"});
  ASSERT_EQ(rc, 0) << out;
  auto run = json::parse(out)["runs"][0];
  auto started = run["startedAt"].get<std::string>();
  EXPECT_TRUE(started.ends_with("-05:00") || started.ends_with("-04:00"))
    << run;
  EXPECT_EQ(run["timezone"], "America/New_York") << run;
}

TEST(ControlTool, ColoursOnATerminalOnlyWithoutNoColor) {
  // script(1) gives the tool a terminal.
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  auto command = tool_bin() + " --endpoint " + d.endpoint + " health";
  auto [rc, out] = run({"/usr/bin/script", "-qec", command, "/dev/null"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("\033[32mhealthy"), std::string::npos) << out;
  std::tie(rc, out) = run({"/usr/bin/script", "-qec", command, "/dev/null"},
                          {{"NO_COLOR", "1"}});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("healthy"), std::string::npos) << out;
  EXPECT_EQ(out.find('\033'), std::string::npos) << out;
}

TEST(ControlTool, HelpOfEveryCommandShowsItsArgumentsAndAnExample) {
  std::vector<std::vector<std::string>> commands{
    {}, {"cron"}, {"sample"}, {"status"}, {"start"}, {"stop"}, {"execute"},
    {"test"}, {"logs"}, {"metrics"}, {"health"}, {"shutdown"}, {"config"},
    {"config", "get"}, {"config", "set"}, {"keygen"}};
  for (auto& words : commands) {
    auto args = words;
    args.insert(args.begin(), tool_bin());
    args.push_back("--help");
    auto [rc, out] = run(args);
    auto name = words.empty() ? std::string{"db-updater"} : words.back();
    EXPECT_EQ(rc, 0) << name << ": " << out;
    EXPECT_NE(out.find("Example"), std::string::npos) << name << ": " << out;
    EXPECT_NE(out.find("Usage:"), std::string::npos) << name << ": " << out;
  }
  // Arguments are listed with the command that takes them.
  auto [rc, out] = run({tool_bin(), "execute", "--help"});
  for (auto word : {"updater", "--tenant", "--dry-run", "--timeout"})
    EXPECT_NE(out.find(word), std::string::npos) << word << ": " << out;
  std::tie(rc, out) = run({tool_bin(), "config", "set", "--help"});
  for (auto word : {"KEY=VALUE", "--patch", "--persist"})
    EXPECT_NE(out.find(word), std::string::npos) << word << ": " << out;
}

TEST(ControlTool, TakesItsOwnOptionsAfterTheCommandToo) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  auto [rc, out] = run({tool_bin(), "status", "--json", "--endpoint",
                        d.endpoint, "--timeout", "30"});
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(json::parse(out)["jobs"].size(), kinds()) << out;
  std::tie(rc, out) = run({tool_bin(), "config", "get", "--endpoint",
                           d.endpoint, "--json"});
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(json::parse(out)["control"]["endpoint"], d.endpoint) << out;
  std::tie(rc, out) = run({tool_bin(), "execute", "business_records",
                           "--endpoint", d.endpoint, "--json"});
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(json::parse(out)["runs"].size(), 1u) << out;
}

TEST(ControlTool, SaysWhatChangedAndShowsTheRowsOfADryRun) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  // Stop and start in the words of status, twice each.
  auto [rc, out] = d.tool({"stop"});
  EXPECT_EQ(out, "scheduling off\n");
  std::tie(rc, out) = d.tool({"stop"});
  EXPECT_EQ(out, "scheduling off (it was already)\n");
  std::tie(rc, out) = d.tool({"start"});
  EXPECT_EQ(out, "scheduling on\n");
  // A log level change is named.
  std::tie(rc, out) = d.tool({"config", "set", "logging.level=warn"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("changed log level: yes"), std::string::npos) << out;
  // A dry run lists each row it would have written as a JSON object.
  std::tie(rc, out) = d.tool({"execute", "business_records", "--dry-run"});
  EXPECT_EQ(rc, 0) << out;
  auto at = out.find(" would write:\n");
  ASSERT_NE(at, std::string::npos) << out;
  auto line = out.substr(at + 14, out.find('\n', at + 14) - at - 14);
  auto row = json::parse(line, nullptr, false);
  ASSERT_TRUE(row.is_object()) << line;
  EXPECT_EQ(row["table"], "business_records");
  EXPECT_TRUE(row["company_name"].is_string());
}
