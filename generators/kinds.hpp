#pragma once

// The generators behind each updater kind, built from parsed settings.

#include "generators/settings.hpp"
#include "generators/updater.hpp"

#include <chrono>
#include <memory>
#include <optional>

namespace dbu::gen {

/// @returns the generator of `business_record_activities`.
std::unique_ptr<generator> make_activity_generator(activity_settings s);

/// @returns the generator of `service_tickets`.
std::unique_ptr<generator> make_ticket_generator(ticket_settings s);

/// @returns the fact key of the recent tickets on device `equipment_id`
/// about `issue`.
std::string ticket_key(std::string_view equipment_id, std::string_view issue);

/// The query of a customer's recent tickets per device and issue (the last
/// 30 days), as facts keyed by `ticket_key`, and of when the tenant's
/// newest ticket was created (see `last_ticket`).
extern const std::string_view ticket_facts_query;

/// Adds the tickets of `rows` to the recent ones of `ctx`, and the newest
/// to its last ticket.
void remember_tickets(context& ctx, const batch& rows);

/// @returns when the tenant's newest ticket in `ctx.facts` was created;
/// none when it has none.
std::optional<std::chrono::sys_seconds> last_ticket(const context& ctx);

/// @returns the generator of `business_records`.
std::unique_ptr<generator> make_lead_generator(lead_settings s);

/// Adds the leads of `rows` to the records and names of `ctx`.
void remember_leads(context& ctx, const batch& rows);

} // namespace dbu::gen
