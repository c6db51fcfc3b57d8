// The tool's subcommands that need no daemon (`cron` and `sample`) and its
// usage errors.

#include "e2e/support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

using namespace dbu::test;

namespace {

// Runs the tool with `args` (shell words) after the variable assignments
// `env`. @returns its exit status and what it printed on stdout, or on
// stderr when `errors`.
std::pair<int, std::string> tool(const std::string& args, bool errors = false,
                                 const std::string& env = "") {
  auto redirect = errors ? " 2>&1 >/dev/null" : " 2>/dev/null";
  return run({"/bin/sh", "-c", env + " " + tool_bin() + " " + args + redirect});
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in{text};
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

} // namespace

TEST(ToolCron, PrintsTheNextFiresOnTheZonesClockWithTheirOffsets) {
  auto [status, out] = tool("cron '0 0 9-17/2 * * 1-5' --tz America/New_York "
                            "--after 2024-03-08T12:00:00Z --count 3");
  EXPECT_EQ(status, 0);
  EXPECT_EQ(lines(out),
            (std::vector<std::string>{"2024-03-08T09:00:00-05:00",
                                      "2024-03-08T11:00:00-05:00",
                                      "2024-03-08T13:00:00-05:00"}));
}

TEST(ToolCron, RefusesAnInvalidExpressionNamingTheField) {
  auto [status, err] = tool("cron '0 61 * * * *'", true);
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("minute field"), std::string::npos) << err;
  EXPECT_NE(err.find("61"), std::string::npos) << err;
  EXPECT_EQ(tool("cron '0 61 * * * *'").second, "");
}

TEST(ToolSample, PrintsOneJsonObjectPerRow) {
  auto [status, out] = tool("sample service_tickets --count 5 --seed 42");
  EXPECT_EQ(status, 0);
  auto rows = lines(out);
  ASSERT_EQ(rows.size(), 5u) << out;
  for (auto& row : rows) {
    auto json = nlohmann::json::parse(row, nullptr, false);
    ASSERT_TRUE(json.is_object()) << row;
    EXPECT_EQ(json["table"], "service_tickets") << row;
    EXPECT_EQ(json["tenant_id"], default_tenant) << row;
  }
}

TEST(ToolSample, PrintsTheSameRowsForTheSameSeed) {
  // Without --at the first fire is the current hour, which may change
  // between two runs; fixed, the seed alone decides.
  auto args = "sample service_tickets --count 5 --seed 42 "
              "--at 2024-03-05T09:00:00Z";
  auto first = tool(args);
  auto second = tool(args);
  EXPECT_EQ(first.first, 0);
  EXPECT_EQ(lines(first.second).size(), 5u);
  EXPECT_EQ(first.second, second.second);
  EXPECT_NE(tool("sample service_tickets --count 5 --seed 43 "
                 "--at 2024-03-05T09:00:00Z")
              .second,
            first.second);
}

TEST(ToolSample, RefusesAnUnknownUpdater) {
  auto [status, err] = tool("sample nope --count 5", true);
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("unknown updater \"nope\""), std::string::npos) << err;
  EXPECT_NE(err.find("service_tickets"), std::string::npos) << err;
}

TEST(ToolSample, RefusesAStartTheClockCannotHold) {
  // Year 9999 would wrap to 1816 and print rows of that year.
  auto [status, err] = tool("sample business_records --count 1 "
                            "--at 9999-12-31T00:00:00Z",
                            true);
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("1678 to 2261"), std::string::npos) << err;
  EXPECT_EQ(tool("cron '0 0 1 1 *' --after 9999-01-01T00:00:00Z").first, 2);
}

TEST(ToolCron, StopsAtAFireBeyondTheYearsTheClockHolds) {
  // The next search from 2264 would wrap to 1680.
  auto [status, out] = tool("cron '0 0 29 2 *' --after 2261-01-01T00:00:00Z "
                            "--count 3");
  EXPECT_EQ(status, 0);
  EXPECT_EQ(lines(out),
            (std::vector<std::string>{"2264-02-29T00:00:00+00:00"}));
  auto err = tool("cron '0 0 29 2 *' --after 2261-01-01T00:00:00Z --count 3",
                  true).second;
  EXPECT_NE(err.find("beyond the years the clock holds"), std::string::npos)
    << err;
}

TEST(ToolUsage, NamesAnUnknownCommandAndListsTheCommands) {
  auto [status, err] = tool("--timeout 2 frobnicate", true);
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("unknown command 'frobnicate'"), std::string::npos)
    << err;
  EXPECT_NE(err.find("status, start, stop"), std::string::npos) << err;
  std::tie(status, err) = tool("--bogus", true);
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("unknown option '--bogus'"), std::string::npos) << err;
}

TEST(ToolUsage, NamesAnUnknownCommandBelowAnotherAndAMissingOne) {
  auto [status, err] = tool("config frob", true);
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("db-updater config: unknown command 'frob'; the "
                     "commands are get, set"),
            std::string::npos)
    << err;
  std::tie(status, err) = tool("config", true);
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("db-updater config: a command is needed, one of get, "
                     "set"),
            std::string::npos)
    << err;
  std::tie(status, err) = tool("", true);
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("a command is needed, one of cron, sample"),
            std::string::npos)
    << err;
}

TEST(ToolUsage, RefusesAnEndpointThatIsNoAddressAsAUsageError) {
  // A daemon that is not there exits 3; an address that cannot be one is
  // the caller's mistake, named with where it came from.
  auto [status, err] = tool("--endpoint garbage status", true);
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("garbage (from --endpoint) is no ZeroMQ endpoint"),
            std::string::npos)
    << err;
  std::tie(status, err)
    = tool("status", true, "DB_UPDATER_ENDPOINT=foo://x");
  EXPECT_EQ(status, 2);
  EXPECT_NE(err.find("foo://x (from DB_UPDATER_ENDPOINT)"), std::string::npos)
    << err;
}

TEST(ToolUsage, RefusesAKeyNameThatIsNoFileNameAndASeedOutOfRange) {
  auto dir = scratch_dir();
  for (auto name : {"../escape", "''", "."}) {
    auto [status, err] = tool(std::string{"keygen "} + name + " --dir " + dir
                                + "/keys",
                              true);
    EXPECT_EQ(status, 2) << name;
    EXPECT_NE(err.find("must be a file name"), std::string::npos) << err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir + "/escape.key"));
  EXPECT_FALSE(std::filesystem::exists(dir + "/keys/.key"));
  EXPECT_EQ(tool("sample business_records --seed -1").first, 2);
}
