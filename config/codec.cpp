#include "config/schema.hpp"

#include "generators/updater.hpp"

// Turns the configuration structs into the file's shape and back.

namespace dbu::cfg {

namespace {

using nlohmann::json;

// @returns one job of a tenant, read from its valid updater object.
updater_config decode_updater(std::string_view name, const json& j) {
  // The job's switches, then everything else as generation settings.
  updater_config u;
  u.name = name;
  u.enabled = j.at("enabled").get<bool>();
  u.schedule = j.at("schedule").get<std::string>();
  u.settings = j;
  for (auto key : job_keys)
    u.settings.erase(std::string{key});
  return u;
}

// @returns one tenant, read from its valid object.
tenant_config decode_tenant(const std::string& id, const json& j) {
  // The tenant's own fields.
  tenant_config t;
  t.id = id;
  t.customer_id = j.at("customerId").get<std::string>();
  t.timezone = j.at("timezone").get<std::string>();
  t.home_region = j.at("homeRegion");
  // Its jobs, in the order of the updater kinds.
  auto& updaters = j.at("updaters");
  for (auto& kind : gen::updater_kinds())
    t.updaters.push_back(
      decode_updater(kind.name, updaters.at(std::string{kind.name})));
  return t;
}

// @returns the updater object of one job.
json encode_updater(const updater_config& u) {
  auto j = u.settings.is_object() ? u.settings : json::object();
  j["enabled"] = u.enabled;
  j["schedule"] = u.schedule;
  return j;
}

// @returns the object of one tenant.
json encode_tenant(const tenant_config& t) {
  // The tenant's own fields, then one object per job.
  auto updaters = json::object();
  for (auto& u : t.updaters)
    updaters[u.name] = encode_updater(u);
  return json{{"customerId", t.customer_id},
              {"timezone", t.timezone},
              {"homeRegion", t.home_region},
              {"updaters", std::move(updaters)}};
}

} // namespace

config decode(json effective) {
  // The sections of single options.
  config c;
  c.timezone = effective.at("timezone").get<std::string>();
  auto& e = effective.at("execution");
  c.execution.max_concurrent_executions
    = e.at("maxConcurrentExecutions").get<int>();
  c.execution.queue_capacity = e.at("queueCapacity").get<int>();
  c.execution.execution_timeout_seconds
    = e.at("executionTimeoutSeconds").get<int>();
  c.execution.misfire_policy = e.at("misfirePolicy").get<std::string>();
  auto& l = effective.at("logging");
  c.logging.level = l.at("level").get<std::string>();
  c.logging.directory = l.at("directory").get<std::string>();
  c.logging.retention_days = l.at("retentionDays").get<int>();
  auto& control = effective.at("control");
  c.control.endpoint = control.at("endpoint").get<std::string>();
  c.control.keys_directory = control.at("keysDirectory").get<std::string>();
  auto& d = effective.at("database");
  c.database.url = d.at("url").get<std::string>();
  c.database.pool_size = d.at("poolSize").get<int>();
  // The tenants, in the order of their ids.
  for (auto& [id, tenant] : effective.at("tenants").items())
    c.tenants.push_back(decode_tenant(id, tenant));
  // Keep the JSON the values came from.
  c.json = std::move(effective);
  return c;
}

json encode(const config& c) {
  // The tenants keyed by id.
  auto tenants = json::object();
  for (auto& t : c.tenants)
    tenants[t.id] = encode_tenant(t);
  // The sections of single options.
  auto& e = c.execution;
  auto& l = c.logging;
  return json{
    {"timezone", c.timezone},
    {"tenants", std::move(tenants)},
    {"execution",
     {{"maxConcurrentExecutions", e.max_concurrent_executions},
      {"queueCapacity", e.queue_capacity},
      {"executionTimeoutSeconds", e.execution_timeout_seconds},
      {"misfirePolicy", e.misfire_policy}}},
    {"logging",
     {{"level", l.level},
      {"directory", l.directory},
      {"retentionDays", l.retention_days}}},
    {"control",
     {{"endpoint", c.control.endpoint},
      {"keysDirectory", c.control.keys_directory}}},
    {"database",
     {{"url", c.database.url}, {"poolSize", c.database.pool_size}}},
  };
}

} // namespace dbu::cfg
