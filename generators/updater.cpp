#include "generators/updater.hpp"

#include "generators/kinds.hpp"
#include "generators/lead_rows.hpp"
#include "generators/meter_readings.hpp"
#include "generators/settings.hpp"

namespace dbu::gen {

namespace {

// @returns whether `settings` passes `validate` without problems.
bool valid(void (*validate)(const nlohmann::json&, const std::string&,
                            problems&),
           const nlohmann::json& settings) {
  problems found;
  validate(settings, "", found);
  return found.empty();
}

std::unique_ptr<generator> make_activities(const nlohmann::json& settings) {
  // Invalid settings make no generator.
  if (!valid(validate_activities, settings))
    return nullptr;
  return make_activity_generator(parse_activity_settings(settings));
}

std::unique_ptr<generator> make_tickets(const nlohmann::json& settings) {
  // Invalid settings make no generator.
  if (!valid(validate_tickets, settings))
    return nullptr;
  return make_ticket_generator(parse_ticket_settings(settings));
}

std::unique_ptr<generator> make_leads(const nlohmann::json& settings) {
  // Invalid settings make no generator.
  if (!valid(validate_leads, settings))
    return nullptr;
  return make_lead_generator(parse_lead_settings(settings));
}

} // namespace

const std::vector<updater_kind>& updater_kinds() {
  static const std::vector<updater_kind> kinds{
    {
      .name = "business_record_activities",
      .default_schedule = "0 0 9-17/2 * * 1-5",
      .needs_records = true,
      .needs_equipment = false,
      .facts_query = {},
      .defaults = activity_defaults,
      .validate = validate_activities,
      .make = make_activities,
      .remember = nullptr,
    },
    {
      .name = "service_tickets",
      .default_schedule = "0 0 */6 * * *",
      .needs_records = false,
      .needs_equipment = true,
      .facts_query = ticket_facts_query,
      .defaults = ticket_defaults,
      .validate = validate_tickets,
      .make = make_tickets,
      .remember = remember_tickets,
    },
    {
      .name = "business_records",
      .default_schedule = "0 0 10 * * 1-5",
      .needs_records = false,
      .needs_equipment = false,
      .facts_query = lead_facts_query,
      .defaults = lead_defaults,
      .validate = validate_leads,
      .make = make_leads,
      .remember = remember_leads,
    },
    meter_readings_kind(),
  };
  return kinds;
}

const updater_kind* find_updater_kind(std::string_view name) {
  for (auto& kind : updater_kinds())
    if (kind.name == name)
      return &kind;
  return nullptr;
}

} // namespace dbu::gen
