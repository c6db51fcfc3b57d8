#include "actors/control_reply.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

using namespace dbu::control_cmd;

TEST(ControlReply, GuardedTurnsAnExceptionIntoACallOfItsHandler) {
  std::vector<std::string> caught;
  auto note = [&](const char* what) { caught.emplace_back(what); };
  guarded([] { throw std::runtime_error{"boom"}; }, note);
  guarded([] { throw 42; }, note);
  auto ran = false;
  guarded([&] { ran = true; }, note);
  EXPECT_TRUE(ran);
  EXPECT_EQ(caught,
            (std::vector<std::string>{"boom", "an unknown exception"}));
}

TEST(ControlReply, GuardKeepsTheSignatureOfAResponseHandler) {
  // CAF checks a response handler's parameters against the reply type.
  std::string caught;
  auto note = [&](const char* what) { caught = what; };
  auto handler = guard(
    [](std::vector<int>& xs) {
      if (xs.empty())
        throw std::out_of_range{"no element"};
      xs.push_back(xs.front());
    },
    note);
  static_assert(std::is_invocable_v<decltype(handler), std::vector<int>&>);
  static_assert(!std::is_invocable_v<decltype(handler), std::string&>);
  std::vector<int> xs{1};
  handler(xs);
  EXPECT_EQ(xs, (std::vector<int>{1, 1}));
  EXPECT_TRUE(caught.empty());
  std::vector<int> none;
  handler(none);
  EXPECT_EQ(caught, "no element");
}
