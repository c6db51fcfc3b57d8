#include "config/config.hpp"
#include "config/schema.hpp"

#include "generators/updater.hpp"

// The built-in defaults live in the initializers of the structs in
// `config/config.hpp` and in the updater kinds' `defaults()`; this file
// only turns them into JSON and merges a user's values over them.

namespace dbu {

namespace cfg {

namespace {

using nlohmann::json;

// @returns whether `key` names a distribution, replaced as a whole.
bool is_distribution(std::string_view key) {
  return key.size() > distribution_suffix.size()
         && key.ends_with(distribution_suffix);
}

// Merges `user` into `base`: objects merge key by key, except
// distributions, and any other value replaces the one in `base`.
void merge_over(json& base, const json& user) {
  for (auto& [key, value] : user.items()) {
    // Merge into an object of the defaults, or replace it.
    auto it = base.find(key);
    if (it != base.end() && it->is_object() && value.is_object()
        && !is_distribution(key))
      merge_over(*it, value);
    else
      base[key] = value;
  }
}

} // namespace

json updater_defaults(std::string_view name) {
  // An unknown kind has no defaults; validation reports it.
  auto kind = gen::find_updater_kind(name);
  if (kind == nullptr)
    return nullptr;
  // The job's switches, then the generation settings.
  auto result = json{{"enabled", true},
                     {"schedule", std::string{kind->default_schedule}}};
  if (kind->defaults != nullptr)
    merge_over(result, kind->defaults());
  return result;
}

json tenant_defaults(const std::string& zone) {
  // Every updater kind with its default schedule and settings.
  auto updaters = json::object();
  for (auto& kind : gen::updater_kinds())
    updaters[std::string{kind.name}] = updater_defaults(kind.name);
  return json{{"customerId", std::string{default_customer_id}},
              {"timezone", zone},
              {"homeRegion", nullptr},
              {"updaters", std::move(updaters)}};
}

json complete_tenant(const json& tenant, const json& defaults) {
  // Leave a wrong type for validation to report.
  if (!tenant.is_object())
    return tenant;
  // Take the user's values over the defaults.
  auto result = defaults;
  merge_over(result, tenant);
  return result;
}

} // namespace cfg

nlohmann::json default_config_json() {
  // Encode the defaults of the structs with the default tenant.
  config c;
  auto tenant = cfg::tenant_defaults(c.timezone);
  auto json = cfg::encode(c);
  json["tenants"] = {{std::string{default_tenant_id}, std::move(tenant)}};
  return json;
}

nlohmann::json normalize(const nlohmann::json& user) {
  // Leave a wrong type for validation to report.
  if (!user.is_object())
    return user;
  // Merge everything but the tenants over the defaults.
  auto result = default_config_json();
  result.erase("tenants");
  auto rest = nlohmann::json::object();
  for (auto& [key, value] : user.items())
    if (key != "tenants")
      rest[key] = value;
  cfg::merge_over(result, rest);
  // The tenants inherit the top-level zone when it is a name at all.
  auto& zone = result["timezone"];
  auto tenant_zone = zone.is_string() ? zone.get<std::string>()
                                      : config{}.timezone;
  // Take the user's tenants, or else the default tenant, and complete each.
  auto tenants = user.contains("tenants")
                   ? user.at("tenants")
                   : nlohmann::json{{std::string{default_tenant_id},
                                     nlohmann::json::object()}};
  auto defaults = cfg::tenant_defaults(tenant_zone);
  if (tenants.is_object())
    for (auto& [id, tenant] : tenants.items())
      tenant = cfg::complete_tenant(tenant, defaults);
  result["tenants"] = std::move(tenants);
  return result;
}

} // namespace dbu
