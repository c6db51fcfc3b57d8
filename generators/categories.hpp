#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace dbu::gen {

/// The kinds of activity on a business record, in schema order.
enum class activity_type : uint8_t {
  call,
  email,
  meeting,
  demo,
  proposal,
  task,
  note,
};

/// The names of `activity_type`, as written to the database.
inline constexpr std::array<std::string_view, 7> activity_type_names{
  "call", "email", "meeting", "demo", "proposal", "task", "note"};

/// The issues a service ticket can be about.
enum class issue_type : uint8_t {
  paper_jam,
  print_quality,
  network,
  preventive_maintenance,
  toner_supplies,
  scanner,
  hardware_failure,
  error_code,
  drivers_software,
  installation,
};

/// The names of `issue_type`, as written to the database.
inline constexpr std::array<std::string_view, 10> issue_type_names{
  "paper_jam",        "print_quality",  "network",
  "preventive_maintenance", "toner_supplies", "scanner",
  "hardware_failure", "error_code",     "drivers_software",
  "installation"};

/// The industries of leads and customers.
enum class industry : uint8_t {
  healthcare,
  legal,
  education,
  manufacturing,
  real_estate,
  finance,
  government,
  retail,
  non_profit,
};

/// The names of `industry`, as written to the database.
inline constexpr std::array<std::string_view, 9> industry_names{
  "healthcare", "legal",      "education", "manufacturing", "real_estate",
  "finance",    "government", "retail",    "non_profit"};

/// Where a lead came from.
enum class lead_source : uint8_t {
  website,
  referral,
  cold_call,
  trade_show,
  partner,
  advertising,
};

/// The names of `lead_source`, as written to the database.
inline constexpr std::array<std::string_view, 6> lead_source_names{
  "website", "referral", "cold_call", "trade_show", "partner", "advertising"};

/// @returns the index of `name` in `names`, if there.
inline std::optional<size_t> category_index(std::span<const std::string_view>
                                              names,
                                            std::string_view name) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name)
      return i;
  return std::nullopt;
}

} // namespace dbu::gen
