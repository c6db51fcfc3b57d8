#pragma once

#include "config/problem.hpp"
#include "generators/categories.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <string>

namespace dbu::gen {

/// An inclusive range of whole numbers, `{"min": …, "max": …}`.
struct int_range {
  int64_t min = 0;
  int64_t max = 0;
};

/// When activities may take place, in the tenant's zone.
struct business_hours {
  /// Whether activities keep to `days` and `start`..`end`; when false they
  /// may take place at any time of any day.
  bool enabled = true;
  /// Bit `d` is set for each allowed ISO weekday `d` (1 Monday … 7 Sunday).
  uint8_t days = 0b0011'1110;
  /// Opening time, minutes after local midnight.
  int start_minute = 9 * 60;
  /// Closing time, minutes after local midnight; activities end by then.
  int end_minute = 17 * 60;
};

/// The settings of `business_record_activities`.
struct activity_settings {
  /// Activities per run.
  int_range per_run{1, 3};
  /// Weight of each `activity_type`, summing to 1.
  std::array<double, activity_type_names.size()> type_weights{};
  /// Bounds of an activity's duration, in minutes.
  int_range duration_minutes{5, 120};
  /// When activities take place.
  business_hours hours;
};

/// The settings of `service_tickets`.
struct ticket_settings {
  /// Tickets per run.
  int_range per_run{1, 2};
  /// Weight of each `issue_type`, summing to 1.
  std::array<double, issue_type_names.size()> issue_weights{};
};

/// The settings of `business_records`.
struct lead_settings {
  /// Leads per run.
  int_range per_run{1, 1};
  /// Weight of each `industry`, summing to 1.
  std::array<double, industry_names.size()> industry_weights{};
  /// Weight of each `lead_source`, summing to 1.
  std::array<double, lead_source_names.size()> source_weights{};
};

/// @returns the default settings of `business_record_activities`.
nlohmann::json activity_defaults();

/// Appends a problem for each bad or unknown key of activity `settings`.
void validate_activities(const nlohmann::json& settings,
                         const std::string& path, problems& out);

/// @returns the settings read from valid `settings` JSON.
activity_settings parse_activity_settings(const nlohmann::json& settings);

/// @returns the default settings of `service_tickets`.
nlohmann::json ticket_defaults();

/// Appends a problem for each bad or unknown key of ticket `settings`.
void validate_tickets(const nlohmann::json& settings, const std::string& path,
                      problems& out);

/// @returns the settings read from valid `settings` JSON.
ticket_settings parse_ticket_settings(const nlohmann::json& settings);

/// @returns the default settings of `business_records`.
nlohmann::json lead_defaults();

/// Appends a problem for each bad or unknown key of lead `settings`.
void validate_leads(const nlohmann::json& settings, const std::string& path,
                    problems& out);

/// @returns the settings read from valid `settings` JSON.
lead_settings parse_lead_settings(const nlohmann::json& settings);

} // namespace dbu::gen
