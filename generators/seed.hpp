#pragma once

#include "generators/context.hpp"
#include "generators/rows.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace date {
class time_zone;
} // namespace date

namespace dbu::gen {

/// Rows that give a new tenant something to work on: its customer, the
/// customer's fleet of 6–10 printers and copiers, and about a dozen business
/// records created over the past months. Deterministic in its arguments.
/// @param tenant_id the tenant the rows belong to.
/// @param customer_id the id of the customer row, e.g. "cust-1".
/// @param seed the random seed.
/// @param zone the tenant's zone for dates (UTC when null).
/// @param now the instant the tenant is seeded; all rows lie before it.
/// @param region where the customer and most records are; anywhere when
/// null.
/// @returns rows for `customers`, `equipment` and `business_records`.
batch seed_tenant(const std::string& tenant_id, const std::string& customer_id,
                  uint64_t seed, const date::time_zone* zone,
                  std::chrono::sys_seconds now,
                  const home_region* region = nullptr);

/// @returns the name of the dealer that tenant `tenant_id` is, such as
/// "Summit Office Systems": the same for the same id.
std::string tenant_name(std::string_view tenant_id);

/// Adds to `ctx.records` and `ctx.equipment` what the `business_records`
/// and `equipment` rows of `rows` describe, records newest first.
void add_references(const batch& rows, context& ctx);

/// @returns a context for a run at `fire_time` of a tenant freshly seeded
/// by `seed_tenant(tenant_id, customer_id, seed, zone, fire_time, region)`.
context sample_context(const std::string& tenant_id,
                       const std::string& customer_id, uint64_t seed,
                       const date::time_zone* zone,
                       std::chrono::sys_seconds fire_time,
                       std::shared_ptr<const home_region> region = nullptr);

} // namespace dbu::gen
