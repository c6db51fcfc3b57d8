// Compares next_fire in UTC with python3-croniter (1.3.5, Debian) on
// thousands of random expressions.
//
// Excluded, because croniter differs from cron there by design:
// - a day field that starts with `*` but is not `*` (such as `*/2`) while the
//   other day field is restricted: cron then requires both to match,
//   croniter either;
// - a restricted day field that lists every value (such as `0-6` or
//   `1-31`): croniter treats it as `*` and requires both fields to match,
//   cron either;
// - day of week 7: croniter does not fold it into Sunday in six-field
//   expressions.
// - a restricted day of month that allows the 29th, 30th or 31st in a
//   schedule that allows February: croniter 1.3.5 then steps from February
//   past the 1st of March (pallets-eco/croniter#178, fixed in 2025); the
//   worked cases CR055 and CR056 cover that class instead.

#include "cron/schedule.hpp"
#include "messages/ec.hpp"
#include "strict.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace dbu;

constexpr auto python = "/usr/bin/python3";

constexpr int expression_count = 3000;

constexpr auto script = R"(import datetime, sys
from croniter import croniter
for line in open(sys.argv[1]):
    start, expr = line.rstrip("\n").split("\t")
    try:
        at = datetime.datetime.fromtimestamp(int(start), datetime.timezone.utc)
        it = croniter(expr, at)
        print(" ".join(str(int(it.get_next(float))) for _ in range(5)))
    except Exception as e:
        print("error", type(e).__name__, e)
)";

constexpr std::array<const char*, 12> month_names = {
    "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec",
};

constexpr std::array<const char*, 7> weekday_names = {
    "sun", "mon", "tue", "wed", "thu", "fri", "sat",
};

/// A generated field: its text and the values it allows.
struct field {
  std::string text;
  uint64_t bits = 0;
};

/// Generates random fields of one kind.
struct field_maker {
  unsigned low;
  unsigned high;
  const char* const* names = nullptr;

  /// @returns the text of `value`, sometimes as a name in random case.
  std::string value_text(std::mt19937& rng, unsigned value) const {
    if (names == nullptr || rng() % 3 != 0) return std::to_string(value);
    std::string name = names[value - low];
    for (auto& c : name)
      if (rng() % 2 == 0)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
  }

  /// @returns a random item other than `*`: a value or a range, with or
  /// without a step.
  field item(std::mt19937& rng) const {
    // Pick the range and the step.
    auto pick = [&](unsigned lo, unsigned hi) {
      return std::uniform_int_distribution<unsigned>{lo, hi}(rng);
    };
    auto a = pick(low, high);
    auto b = pick(a, high);
    auto step = rng() % 3 == 0 ? pick(1, high - low + 1) : pick(2, 5);
    field result;
    switch (rng() % 3) {
    case 0:
      result.text = value_text(rng, a);
      b = a;
      step = 1;
      break;
    case 1:
      result.text = value_text(rng, a) + "-" + value_text(rng, b);
      step = 1;
      break;
    default:
      result.text = value_text(rng, a) + "-" + value_text(rng, b) + "/" +
                    std::to_string(step);
    }
    // Collect the values it allows.
    for (auto v = a; v <= b; v += step)
      result.bits |= uint64_t{1} << v;
    return result;
  }

  /// @returns a random field: `*`, `*/n`, an item or a list of items.
  field make(std::mt19937& rng, int star_percent) const {
    // Most fields are `*` when asked so.
    auto all = ((uint64_t{2} << high) - 1) & ~((uint64_t{1} << low) - 1);
    if (static_cast<int>(rng() % 100) < star_percent) return {"*", all};
    auto kind = rng() % 4;
    if (kind == 0) {
      auto step = std::uniform_int_distribution<unsigned>{2, 6}(rng);
      field result{"*/" + std::to_string(step), 0};
      for (auto v = low; v <= high; v += step)
        result.bits |= uint64_t{1} << v;
      return result;
    }
    // Lists hold two or three items.
    auto result = item(rng);
    for (auto extra = kind == 1 ? 0 : kind - 1; extra > 0; --extra) {
      auto next = item(rng);
      result.text += "," + next.text;
      result.bits |= next.bits;
    }
    return result;
  }
};

const field_maker seconds_maker{0, 59};
const field_maker minutes_maker{0, 59};
const field_maker hours_maker{0, 23};
const field_maker days_maker{1, 31};
const field_maker months_maker{1, 12, month_names.data()};
const field_maker weekdays_maker{0, 6, weekday_names.data()};

/// @returns whether some allowed month has some allowed day of month.
bool some_day_exists(uint64_t months, uint64_t days) {
  constexpr std::array<unsigned, 13> longest = {0,  31, 29, 31, 30, 31, 30,
                                                31, 31, 30, 31, 30, 31};
  for (unsigned m = 1; m <= 12; ++m)
    if ((months >> m & 1) != 0 && (days & ((uint64_t{2} << longest[m]) - 2)))
      return true;
  return false;
}

/// A generated expression in our form and in croniter's.
struct expression {
  std::string ours;
  std::string theirs;
};

/// @returns a random valid expression outside the excluded classes.
expression random_expression(std::mt19937& rng) {
  for (;;) {
    // Draw the fields; day fields are often `*`.
    auto second = seconds_maker.make(rng, 40);
    auto minute = minutes_maker.make(rng, 30);
    auto hour = hours_maker.make(rng, 30);
    auto dom = days_maker.make(rng, 50);
    auto month = months_maker.make(rng, 50);
    auto dow = weekdays_maker.make(rng, 50);
    // Leave out the classes where croniter differs (see the top).
    auto restricted = [](const field& f) { return f.text != "*"; };
    if (restricted(dom) && restricted(dow) &&
        (dom.text[0] == '*' || dow.text[0] == '*' || dom.bits == 0xfffffffe ||
         dow.bits == 0x7f))
      continue;
    auto late_days = uint64_t{7} << 29;
    if (restricted(dom) && (dom.bits & late_days) != 0 && (month.bits & 4) != 0)
      continue;
    // Leave out expressions that can never fire.
    auto both = !restricted(dom) || !restricted(dow) || dom.text[0] == '*' ||
                dow.text[0] == '*';
    if (both && !some_day_exists(month.bits, dom.bits)) continue;
    // Write both forms; croniter puts seconds last.
    auto five = minute.text + " " + hour.text + " " + dom.text + " " +
                month.text + " " + dow.text;
    if (rng() % 2 == 0) return {five, five};
    return {second.text + " " + five, five + " " + second.text};
  }
}

/// @returns the output lines of croniter for `input`.
std::vector<std::string> run_croniter(const std::string& input) {
  // Write the script and its input to a private directory.
  auto dir = std::filesystem::temp_directory_path() /
             ("dbu-croniter-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream{dir / "next.py"} << script;
  std::ofstream{dir / "input.txt"} << input;
  // Run one python process over all expressions.
  auto command = std::string{python} + " " + (dir / "next.py").string() + " " +
                 (dir / "input.txt").string();
  std::vector<std::string> lines;
  if (auto* pipe = ::popen(command.c_str(), "r")) {
    std::string line;
    std::array<char, 4096> buffer;
    while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) {
      line += buffer.data();
      if (!line.empty() && line.back() == '\n') {
        line.pop_back();
        lines.push_back(std::move(line));
        line.clear();
      }
    }
    ::pclose(pipe);
  }
  std::filesystem::remove_all(dir);
  return lines;
}

TEST(CronCroniter, AgreesOnThousandsOfRandomExpressionsInUtc) {
  // Skip where croniter is not installed, but not under tools/test, whose
  // bootstrap installs it.
  auto probe = std::string{python} + " -c 'import croniter' 2>/dev/null";
  auto missing = std::system(probe.c_str()) != 0;
  if (missing && dbu::test::strict())
    FAIL() << "python3-croniter is not installed; tools/bootstrap installs "
              "it";
  if (missing)
    GTEST_SKIP() << "python3-croniter is not installed";
  // Generate expressions and start instants from a fixed seed.
  std::mt19937 rng{20240515};
  std::uniform_int_distribution<int64_t> start_of{946684800, 1893456000};
  std::vector<expression> expressions;
  std::vector<int64_t> starts;
  std::ostringstream input;
  for (int i = 0; i < expression_count; ++i) {
    expressions.push_back(random_expression(rng));
    starts.push_back(start_of(rng));
    input << starts.back() << '\t' << expressions.back().theirs << '\n';
  }
  // Ask croniter for the next five fires of each.
  auto lines = run_croniter(input.str());
  ASSERT_EQ(lines.size(), expressions.size());
  // Compare with ours.
  auto utc = cron::find_zone("UTC");
  ASSERT_TRUE(utc);
  int mismatches = 0;
  for (size_t i = 0; i < expressions.size(); ++i) {
    const auto& e = expressions[i];
    auto s = cron::parse(e.ours);
    ASSERT_TRUE(s) << e.ours << ": " << render(s.error());
    auto t =
        std::chrono::system_clock::time_point{std::chrono::seconds{starts[i]}};
    std::ostringstream ours;
    for (int k = 0; k < 5; ++k) {
      auto fire = cron::next_fire(*s, *utc, t);
      ours << (k == 0 ? "" : " ") << fire.time_since_epoch().count();
      t = fire;
    }
    if (ours.str() != lines[i] && ++mismatches <= 10)
      ADD_FAILURE() << "\"" << e.ours << "\" (croniter \"" << e.theirs
                    << "\") after " << starts[i] << ": ours " << ours.str()
                    << ", croniter " << lines[i];
  }
  EXPECT_EQ(mismatches, 0);
}

} // namespace
