#include "actors/control_codec.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace dbu::control_wire;
using nlohmann::json;

namespace {

// @returns the error `decode` gives `body`, or an empty one.
wire_error refusal(const std::string& body) {
  json out, id;
  return decode(body, out, id).value_or(wire_error{});
}

} // namespace

TEST(ControlCodec, SaysWhereAndWhyARequestIsNoJson) {
  auto err = refusal(R"({"command": "status", "args": {"x": 1e400}})");
  EXPECT_EQ(err.code, "bad_json");
  EXPECT_NE(err.message.find("number overflow"), std::string::npos)
    << err.message;
  err = refusal("{\"command\": stat}");
  EXPECT_EQ(err.code, "bad_json");
  EXPECT_NE(err.message.find("line 1, column 13"), std::string::npos)
    << err.message;
  EXPECT_EQ(err.message.find("[json.exception"), std::string::npos)
    << err.message;
}

TEST(ControlCodec, KeepsTheReasonShortWhenItQuotesMuchOfTheRequest) {
  // An unterminated string: the parser quotes all it read of it.
  auto err = refusal("{\"command\": \"" + std::string(500000, 'x'));
  EXPECT_EQ(err.code, "bad_json");
  EXPECT_LT(err.message.size(), 300u) << err.message.substr(0, 400);
  EXPECT_NE(err.message.find("..."), std::string::npos) << err.message;
}
