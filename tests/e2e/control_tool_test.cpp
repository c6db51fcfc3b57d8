#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

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
