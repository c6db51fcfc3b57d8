#pragma once

#include <charconv>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace date {
class time_zone;
} // namespace date

namespace dbu::gen {

class home_region;

/// An existing business record that activities may attach to.
struct record_ref {
  std::string id;
  std::string company;
  std::string contact_first_name;
  std::string contact_last_name;
  std::string contact_email;
  std::string industry;
  std::string status;
  std::chrono::sys_seconds created_at;
};

/// A device of the customer's fleet that tickets may be about.
struct equipment_ref {
  std::string id;
  std::string make;
  std::string model;
  std::string serial;
  std::string location;
  /// The day the device was installed (a calendar date, not an instant).
  std::chrono::sys_days install_date{};
  /// Whether it prints in colour.
  bool color = false;
};

/// What a generator needs besides its settings: who, when, and what already
/// exists in the database. Filled by the caller; generators never touch the
/// database.
struct context {
  std::string tenant_id;
  std::string customer_id;
  /// The tenant's zone; business hours and dates are in this zone.
  const date::time_zone* zone = nullptr;
  /// Where the tenant's new leads mostly are; anywhere when null.
  std::shared_ptr<const home_region> region;
  /// The fire time the run belongs to (or "now" for manual runs).
  std::chrono::sys_seconds fire_time;
  /// The run's random seed; same seed and fire time give the same rows.
  uint64_t seed = 0;
  /// Existing records of the tenant, newest first (may be empty).
  std::vector<record_ref> records;
  /// The customer's devices (may be empty).
  std::vector<equipment_ref> equipment;
  /// What the updater kind's own `facts_query` read, a text value per text
  /// key (e.g. a device's last meter reading by the device's id).
  std::unordered_map<std::string, std::string> facts;
};

/// Drops the records created and the devices installed after the fire time
/// of `ctx`: a run for an earlier instant (`--once --at`) must not write
/// about what did not exist yet.
inline void keep_what_existed(context& ctx) {
  std::erase_if(ctx.records, [&](const record_ref& rec) {
    return rec.created_at > ctx.fire_time;
  });
  auto day = std::chrono::floor<std::chrono::days>(ctx.fire_time);
  std::erase_if(ctx.equipment, [&](const equipment_ref& device) {
    return device.install_date > day;
  });
}

/// @returns the instant fact `key` of `ctx` holds, whole seconds since the
/// epoch as a facts query's `extract(epoch FROM ...)::bigint` gives them;
/// none when it is missing or malformed.
inline std::optional<std::chrono::sys_seconds>
instant_fact(const context& ctx, const std::string& key) {
  auto it = ctx.facts.find(key);
  if (it == ctx.facts.end())
    return std::nullopt;
  int64_t secs = 0;
  auto& text = it->second;
  auto [end, err] = std::from_chars(text.data(), text.data() + text.size(),
                                    secs);
  if (err != std::errc{} || end != text.data() + text.size())
    return std::nullopt;
  return std::chrono::sys_seconds{std::chrono::seconds{secs}};
}

} // namespace dbu::gen
