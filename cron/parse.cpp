#include "cron/schedule.hpp"

#include "messages/ec.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace dbu::cron {

namespace {

constexpr std::array<std::string_view, 12> month_names = {
    "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec",
};

constexpr std::array<std::string_view, 7> weekday_names = {
    "sun", "mon", "tue", "wed", "thu", "fri", "sat",
};

/// What one field of an expression accepts.
struct field_spec {
  /// The field's name in error messages.
  std::string_view name;
  unsigned low;
  unsigned high;
  /// The names of the values from `low` on, if the field takes names.
  std::span<const std::string_view> names;
};

constexpr field_spec second_spec{"second", 0, 59, {}};
constexpr field_spec minute_spec{"minute", 0, 59, {}};
constexpr field_spec hour_spec{"hour", 0, 23, {}};
constexpr field_spec day_of_month_spec{"day-of-month", 1, 31, {}};
constexpr field_spec month_spec{"month", 1, 12, month_names};
constexpr field_spec day_of_week_spec{"day-of-week", 0, 7, weekday_names};

/// Numbers are read up to this cap, which is beyond every field's range, so
/// that huge numbers are reported rather than overflowing.
constexpr unsigned number_cap = 1'000'000;

/// The expansions of the macros, as five-field expressions.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> macros =
    {{
        {"@yearly", "0 0 1 1 *"},
        {"@annually", "0 0 1 1 *"},
        {"@monthly", "0 0 1 * *"},
        {"@weekly", "0 0 * * 0"},
        {"@daily", "0 0 * * *"},
        {"@midnight", "0 0 * * *"},
        {"@hourly", "0 * * * *"},
    }};

std::string quoted(std::string_view text) {
  // Appending avoids a false -Wrestrict of GCC 12 on `"\"" + std::string`.
  std::string result;
  result.reserve(text.size() + 2);
  result += '"';
  result += text;
  result += '"';
  return result;
}

caf::error invalid(std::string message) {
  return make_error(ec::invalid_cron, std::move(message));
}

caf::error field_error(const field_spec& spec, std::string message) {
  return invalid(std::string{spec.name} + " field: " + message);
}

bool iequals(std::string_view x, std::string_view y) {
  return std::ranges::equal(x, y, [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

/// Reads a run of decimal digits, saturating at `number_cap`.
std::optional<unsigned> read_number(std::string_view text) {
  // Accept only a non-empty run of digits.
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.empty() || !std::ranges::all_of(text, is_digit)) return std::nullopt;
  // Accumulate without ever exceeding the cap.
  unsigned result = 0;
  for (auto c : text)
    result = std::min(result * 10 + static_cast<unsigned>(c - '0'), number_cap);
  return result;
}

/// Reads one value of a range: a number or a name.
caf::expected<unsigned> read_value(const field_spec& spec,
                                   std::string_view text, std::string_view item,
                                   std::string_view where) {
  // Say what is missing when there is nothing to read.
  if (text.empty())
    return field_error(spec, "missing value " + std::string{where} + " in " +
                                 quoted(item));
  // A number must lie in the field's range.
  if (auto number = read_number(text)) {
    if (*number < spec.low || *number > spec.high)
      return field_error(spec, "value " + std::string{text} + " in " +
                                   quoted(item) + " is out of range " +
                                   std::to_string(spec.low) + "-" +
                                   std::to_string(spec.high));
    return *number;
  }
  // Otherwise it must be one of the field's names.
  auto is_alpha = [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
  };
  if (!std::ranges::all_of(text, is_alpha))
    return field_error(spec,
                       "unexpected " + quoted(text) + " in " + quoted(item));
  if (spec.names.empty())
    return field_error(spec, quoted(text) + " in " + quoted(item) +
                                 " is not a number");
  for (size_t i = 0; i < spec.names.size(); ++i)
    if (iequals(text, spec.names[i]))
      return spec.low + static_cast<unsigned>(i);
  return field_error(spec,
                     "unknown name " + quoted(text) + " in " + quoted(item));
}

/// Reads the step after the `/` of an item.
caf::expected<unsigned> read_step(const field_spec& spec, std::string_view text,
                                  std::string_view item) {
  // The step is a plain number.
  auto step = read_number(text);
  if (!step)
    return field_error(spec, "step " + quoted(text) + " in " + quoted(item) +
                                 " is not a number");
  // A step of zero never advances; one beyond the range is a typo.
  auto span = spec.high - spec.low + 1;
  if (*step == 0 || *step > span)
    return field_error(spec, "step " + std::string{text} + " in " +
                                 quoted(item) + " is out of range 1-" +
                                 std::to_string(span));
  return *step;
}

/// Parses one list item: `*`, `a` or `a-b`, optionally followed by `/n`.
caf::expected<uint64_t> parse_item(const field_spec& spec,
                                   std::string_view item) {
  // Split off the step.
  auto slash = item.find('/');
  auto range = item.substr(0, slash);
  unsigned step = 1;
  if (slash != std::string_view::npos) {
    auto read = read_step(spec, item.substr(slash + 1), item);
    if (!read) return read.error();
    step = *read;
  }
  // Read the range: `*`, one value, or two values around a `-`.
  auto low = spec.low;
  auto high = spec.high;
  if (range != "*") {
    auto dash = range.find('-');
    auto where =
        dash == std::string_view::npos ? "before \"/\"" : "before \"-\"";
    auto first = read_value(spec, range.substr(0, dash), item, where);
    if (!first) return first.error();
    low = high = *first;
    if (dash == std::string_view::npos && slash != std::string_view::npos)
      return field_error(spec, "step in " + quoted(item) +
                                   " needs a range or \"*\" before \"/\"");
    if (dash != std::string_view::npos) {
      auto last_text = range.substr(dash + 1);
      auto last = read_value(spec, last_text, item, "after \"-\"");
      if (!last) return last.error();
      high = *last;
      // A day-of-week range that ends in the name `sun` means 7.
      if (&spec == &day_of_week_spec && high == 0 && low > 0 &&
          !last_text.empty() && !read_number(last_text))
        high = 7;
      if (low > high) {
        auto what = quoted(range);
        if (range.size() != item.size()) what += " in " + quoted(item);
        return field_error(spec, "range " + what + " is reversed");
      }
    }
  }
  // Set every step-th value of the range.
  uint64_t bits = 0;
  for (auto value = low; value <= high; value += step)
    bits |= uint64_t{1} << value;
  return bits;
}

/// Parses a comma-separated list of items into a bit set.
caf::expected<uint64_t> parse_field(const field_spec& spec,
                                    std::string_view text) {
  // Parse each item between commas; an empty one is an error.
  uint64_t bits = 0;
  for (size_t begin = 0;;) {
    auto comma = text.find(',', begin);
    auto item = text.substr(begin, comma == std::string_view::npos
                                       ? std::string_view::npos
                                       : comma - begin);
    if (item.empty())
      return field_error(spec, "empty item in list " + quoted(text));
    auto item_bits = parse_item(spec, item);
    if (!item_bits) return item_bits.error();
    bits |= *item_bits;
    if (comma == std::string_view::npos) return bits;
    begin = comma + 1;
  }
}

/// Splits an expression at blanks and tabs.
std::vector<std::string_view> split_fields(std::string_view text) {
  // Collect the runs between separators.
  std::vector<std::string_view> result;
  auto is_separator = [](char c) { return c == ' ' || c == '\t'; };
  for (size_t i = 0; i < text.size();) {
    if (is_separator(text[i])) {
      ++i;
      continue;
    }
    auto end = i;
    while (end < text.size() && !is_separator(text[end]))
      ++end;
    result.push_back(text.substr(i, end - i));
    i = end;
  }
  return result;
}

/// @returns whether some allowed month has some allowed day of month.
bool some_day_exists(uint16_t months, uint32_t days_of_month) {
  // Check each allowed month against its longest length (Feb 29).
  constexpr std::array<unsigned, 13> longest = {0,  31, 29, 31, 30, 31, 30,
                                                31, 31, 30, 31, 30, 31};
  for (unsigned month = 1; month <= 12; ++month) {
    auto days = static_cast<uint32_t>((uint64_t{2} << longest[month]) - 2);
    if ((months >> month & 1) != 0 && (days_of_month & days) != 0) return true;
  }
  return false;
}

/// Parses the five or six fields of an expression.
caf::expected<field_sets> parse_fields(std::vector<std::string_view> fields) {
  // Five fields leave out the seconds, which are then 0.
  if (fields.size() == 5) fields.insert(fields.begin(), "0");
  static constexpr std::array<const field_spec*, 6> specs = {
      &second_spec,       &minute_spec, &hour_spec,
      &day_of_month_spec, &month_spec,  &day_of_week_spec,
  };
  std::array<uint64_t, 6> bits{};
  for (size_t i = 0; i < specs.size(); ++i) {
    auto parsed = parse_field(*specs[i], fields[i]);
    if (!parsed) return parsed.error();
    bits[i] = *parsed;
  }
  // Fold day of week 7 into Sunday and classify the expression.
  field_sets result;
  result.seconds = bits[0];
  result.minutes = bits[1];
  result.hours = static_cast<uint32_t>(bits[2]);
  result.days_of_month = static_cast<uint32_t>(bits[3]);
  result.months = static_cast<uint16_t>(bits[4]);
  result.days_of_week = static_cast<uint8_t>((bits[5] | bits[5] >> 7) & 0x7f);
  auto star = [&](size_t i) { return fields[i].starts_with('*'); };
  result.days_match_both = star(3) || star(5);
  result.wildcard = star(0) || star(1) || star(2);
  // Reject a schedule that can never fire; an either-day one always can.
  if (result.days_match_both &&
      !some_day_exists(result.months, result.days_of_month))
    return field_error(day_of_month_spec,
                       quoted(fields[3]) + " never falls in month " +
                           quoted(fields[4]) +
                           ", so the schedule can never fire");
  return result;
}

} // namespace

schedule::schedule() {
  // Share one text among all default-constructed schedules.
  static const auto every_minute =
      std::make_shared<const std::string>("* * * * *");
  sets_.minutes = (uint64_t{1} << 60) - 1;
  sets_.hours = (uint32_t{1} << 24) - 1;
  sets_.days_of_month = ~uint32_t{1};
  sets_.months = 0x1ffe;
  sets_.days_of_week = 0x7f;
  text_ = every_minute;
}

schedule::schedule(field_sets sets, std::string text)
    : sets_(sets), text_(std::make_shared<const std::string>(std::move(text))) {
  // nop
}

caf::expected<schedule> parse(std::string_view text) {
  // Split the text into fields.
  auto fields = split_fields(text);
  if (fields.empty())
    return invalid("the CRON expression is empty; expected 5 fields, 6 "
                   "fields or a macro such as @daily");
  // A macro stands for a five-field expression.
  if (fields.front().starts_with('@')) {
    auto macro = std::ranges::find_if(macros, [&](const auto& entry) {
      return iequals(entry.first, fields.front());
    });
    if (macro == macros.end())
      return invalid("unknown macro " + quoted(fields.front()) +
                     "; expected @yearly, @annually, @monthly, @weekly, "
                     "@daily, @midnight or @hourly");
    if (fields.size() > 1)
      return invalid("macro " + quoted(fields.front()) +
                     " takes no further fields, found " + quoted(fields[1]));
    auto sets = parse_fields(split_fields(macro->second));
    if (!sets) return sets.error();
    return schedule{*sets, std::string{text}};
  }
  // Time zones belong to the job's configuration, not to its expression.
  if (fields.front().starts_with("CRON_TZ=") ||
      fields.front().starts_with("TZ="))
    return invalid("time zone prefix " + quoted(fields.front()) +
                   " is not supported in the expression; set the job's "
                   "time zone instead");
  // Anything else must have five or six fields.
  if (fields.size() != 5 && fields.size() != 6)
    return invalid("the CRON expression " + quoted(text) + " has " +
                   std::to_string(fields.size()) +
                   " fields; expected 5 (minute hour day-of-month month "
                   "day-of-week) or 6 (second first)");
  auto sets = parse_fields(std::move(fields));
  if (!sets) return sets.error();
  return schedule{*sets, std::string{text}};
}

caf::expected<const date::time_zone*> find_zone(std::string_view name) {
  // The date library reports an unknown zone by throwing.
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return make_error(ec::unknown_timezone,
                      "unknown time zone " + quoted(name) +
                          "; expected an IANA name such as Europe/Berlin");
  }
}

} // namespace dbu::cron
