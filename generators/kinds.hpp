#pragma once

// The generators behind each updater kind, built from parsed settings.

#include "generators/settings.hpp"
#include "generators/updater.hpp"

#include <memory>

namespace dbu::gen {

/// @returns the generator of `business_record_activities`.
std::unique_ptr<generator> make_activity_generator(activity_settings s);

/// @returns the generator of `service_tickets`.
std::unique_ptr<generator> make_ticket_generator(ticket_settings s);

/// @returns the fact key of the recent tickets on device `equipment_id`
/// about `issue`.
std::string ticket_key(std::string_view equipment_id, std::string_view issue);

/// The query of a customer's recent tickets per device and issue (the last
/// 30 days), as facts keyed by `ticket_key`.
extern const std::string_view ticket_facts_query;

/// Adds the tickets of `rows` to the recent ones of `ctx`.
void remember_tickets(context& ctx, const batch& rows);

/// @returns the generator of `business_records`.
std::unique_ptr<generator> make_lead_generator(lead_settings s);

/// Adds the leads of `rows` to the records and names of `ctx`.
void remember_leads(context& ctx, const batch& rows);

} // namespace dbu::gen
