#include "config/config.hpp"
#include "config/rules.hpp"
#include "config/schema.hpp"

#include "cron/schedule.hpp"
#include "generators/region.hpp"
#include "generators/updater.hpp"

#include <algorithm>
#include <charconv>

// The rules of every option outside the updaters' generation settings,
// which their updater kinds check.

namespace dbu {

namespace {

using nlohmann::json;
using cfg::field;
using cfg::json_type;

// An example of a tenant id for messages.
constexpr std::string_view uuid_example
  = "a lowercase uuid such as \"550e8400-e29b-41d4-a716-446655440000\"";

// @returns what is wrong with the name of a time zone, or nothing. The
// lookup's own message would only repeat the value and what is allowed.
std::string zone_problem(const json& v) {
  auto zone = cron::find_zone(v.get_ref<const std::string&>());
  return zone ? "" : "unknown time zone";
}

// @returns what is wrong with a CRON expression, or nothing.
std::string schedule_problem(const json& v) {
  auto s = cron::parse(v.get_ref<const std::string&>());
  return s ? "" : "not a valid schedule: " + render(s.error());
}

// @returns what is wrong with a ZeroMQ endpoint, or nothing.
std::string endpoint_problem(const json& v) {
  // An ipc endpoint needs a path.
  std::string_view s = v.get_ref<const std::string&>();
  if (s.starts_with("ipc://"))
    return s.size() > 6 ? "" : "no path after ipc://";
  if (!s.starts_with("tcp://"))
    return "neither tcp:// nor ipc://";
  // A tcp endpoint needs a host, a colon and a port or `*` for any.
  auto address = s.substr(6);
  auto colon = address.rfind(':');
  if (colon == std::string_view::npos || colon == 0)
    return "no HOST:PORT after tcp://";
  auto port = address.substr(colon + 1);
  if (port == "*")
    return "";
  // The port is a number from 1 to 65535.
  int number = 0;
  auto end = port.data() + port.size();
  auto [last, err] = std::from_chars(port.data(), end, number);
  if (port.empty() || err != std::errc{} || last != end || number < 1
      || number > 65535)
    return "no port from 1 to 65535";
  return "";
}

// @returns what is wrong with a database connection string, or nothing.
std::string database_problem(const json& v) {
  auto& s = v.get_ref<const std::string&>();
  if (!cfg::is_database_url(s) && !cfg::parse_conninfo(s))
    return "not a PostgreSQL connection string";
  if (auto why = cfg::libpq_problem(s); !why.empty())
    return "not a PostgreSQL connection string: " + why;
  return "";
}

// The longest customer id, in bytes.
constexpr size_t max_customer_id = 200;

// @returns what is wrong with a customer id, or nothing.
std::string customer_problem(const json& v) {
  // It names rows in an index: short, and printable.
  auto& id = v.get_ref<const std::string&>();
  if (id.empty())
    return "empty";
  if (id.size() > max_customer_id)
    return "longer than " + std::to_string(max_customer_id) + " bytes";
  if (std::any_of(id.begin(), id.end(),
                  [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
    return "holds a control character";
  return "";
}

// @returns whether `id` is a uuid in canonical lowercase form.
bool is_uuid(std::string_view id) {
  // Five groups of 8-4-4-4-12 hexadecimal digits joined by dashes.
  if (id.size() != 36)
    return false;
  for (size_t i = 0; i < id.size(); ++i) {
    auto dash = i == 8 || i == 13 || i == 18 || i == 23;
    auto hex = (id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f');
    if (dash ? id[i] != '-' : !hex)
      return false;
  }
  return true;
}

// The options of `execution`.
const std::vector<field>& execution_fields() {
  static const std::vector<field> fields{
    cfg::integer_field("maxConcurrentExecutions", cfg::max_concurrent_range),
    cfg::integer_field("queueCapacity", cfg::queue_capacity_range),
    cfg::integer_field("executionTimeoutSeconds", cfg::timeout_range),
    cfg::choice_field("misfirePolicy", cfg::misfire_policies,
                      "misfire policy"),
  };
  return fields;
}

// The options of `logging`.
const std::vector<field>& logging_fields() {
  static const std::vector<field> fields{
    cfg::choice_field("level", cfg::log_levels, "log level"),
    {"directory", json_type::string,
     "a folder for the daily log files, or \"\" for the console only"},
    cfg::integer_field("retentionDays", cfg::retention_range),
  };
  return fields;
}

// The options of `control`.
const std::vector<field>& control_fields() {
  static const std::vector<field> fields{
    {"endpoint", json_type::string,
     "a ZeroMQ endpoint \"tcp://HOST:PORT\" or \"ipc://PATH\"",
     endpoint_problem},
    {"keysDirectory", json_type::string,
     "a folder of CurveZMQ keys, or \"\" for none"},
  };
  return fields;
}

// The options of `database`.
const std::vector<field>& database_fields() {
  static const std::vector<field> fields{
    {"url", json_type::string,
     "a URL starting with postgresql:// or postgres://, or libpq key=value "
     "pairs such as \"host=localhost dbname=db_updater\"",
     database_problem, true},
    cfg::integer_field("poolSize", cfg::pool_size_range),
  };
  return fields;
}

// @returns the option of a time zone.
field zone_field() {
  return {"timezone", json_type::string,
          "an IANA time zone name such as \"UTC\" or \"Europe/Berlin\"",
          zone_problem};
}

// The top-level options; the sections are checked one by one below.
const std::vector<field>& top_fields() {
  static const std::vector<field> fields{
    zone_field(),
    {"tenants", json_type::object,
     "an object of at least one tenant keyed by " + std::string{uuid_example},
     [](const json& v) { return v.empty() ? "no tenant" : ""; }},
    {"execution", json_type::object, cfg::object_of(execution_fields())},
    {"logging", json_type::object, cfg::object_of(logging_fields())},
    {"control", json_type::object, cfg::object_of(control_fields())},
    {"database", json_type::object, cfg::object_of(database_fields())},
  };
  return fields;
}

// @returns the options of a tenant; a time zone equal to `top_zone` was
// checked at the top level already and is not reported twice.
std::vector<field> tenant_fields(const json& top_zone) {
  // Skip the zone the top level checked.
  auto zone = zone_field();
  zone.check = [top_zone](const json& v) {
    return v == top_zone ? std::string{} : zone_problem(v);
  };
  // Then the tenant's own options.
  std::vector<std::string_view> kinds;
  for (auto& kind : gen::updater_kinds())
    kinds.push_back(kind.name);
  return {
    {"customerId", json_type::string,
     "a customer id of 1 to 200 printable bytes such as \"cust-1\"",
     customer_problem},
    std::move(zone),
    {"homeRegion", json_type::object_or_null,
     "null (leads from anywhere) or an object with states, or center and "
     "radiusMiles"},
    {"updaters", json_type::object,
     "an object keyed by updater: " + cfg::join(kinds)},
  };
}

// The options of a job besides its generation settings.
const std::vector<field>& job_fields() {
  static const std::vector<field> fields{
    {"enabled", json_type::boolean, "true or false"},
    {"schedule", json_type::string,
     "a CRON expression of five fields (minute hour day-of-month month "
     "day-of-week), six with seconds first, or a macro such as @daily",
     schedule_problem},
  };
  return fields;
}

// @returns the problems of one job, with paths relative to the job: its
// switches checked here, its settings by its updater kind.
problems job_problems(const gen::updater_kind& kind, const json& job) {
  // The job is an object of switches and settings.
  problems out;
  if (!cfg::check_type(job, "", json_type::object,
                       "an object with enabled, schedule and the settings "
                       "of the updater",
                       out))
    return out;
  cfg::check_fields(job, "", job_fields(), out);
  // Unknown keys with the likely intent among every key of the job; the
  // kind reports bad settings among the rest.
  std::vector<std::string> keys{cfg::job_keys.begin(), cfg::job_keys.end()};
  auto defaults = kind.defaults != nullptr ? kind.defaults() : json::object();
  for (auto& [key, value] : defaults.items())
    keys.push_back(key);
  std::vector<std::string_view> names{keys.begin(), keys.end()};
  cfg::check_unknown_keys(job, "", names, "key", out);
  auto settings = json::object();
  for (auto& [key, value] : job.items())
    if (std::find(names.begin(), names.end(), key) != names.end())
      settings[key] = value;
  for (auto key : cfg::job_keys)
    settings.erase(std::string{key});
  if (kind.validate != nullptr)
    kind.validate(settings, "", out);
  return out;
}

// The job of one updater kind checked last and its problems. Tenants
// mostly share their jobs, so a run of equal jobs is checked once.
struct job_memo {
  const json* job = nullptr;
  problems found;
};

// Checks one job at `path`, unless it equals the last one of its kind.
void check_job(const gen::updater_kind& kind, const json& job,
               const std::string& path, job_memo& memo, problems& out) {
  // Check a job unlike the last one.
  if (memo.job == nullptr || *memo.job != job) {
    memo.job = &job;
    memo.found = job_problems(kind, job);
  }
  // Report its problems below `path`.
  for (auto& p : memo.found)
    out.push_back({path + p.path, p.message});
}

// Checks the jobs of one tenant: one per updater kind, none unknown.
void check_updaters(const json& updaters, const std::string& path,
                    std::vector<job_memo>& memos, problems& out) {
  // Unknown updaters first, then each known one.
  auto& kinds = gen::updater_kinds();
  std::vector<std::string_view> names;
  for (auto& kind : kinds)
    names.push_back(kind.name);
  cfg::check_unknown_keys(updaters, path, names, "updater", out);
  for (size_t i = 0; i < kinds.size(); ++i) {
    auto where = cfg::pointer(path, kinds[i].name);
    auto it = updaters.find(std::string{kinds[i].name});
    if (it == updaters.end())
      out.push_back({where, "missing — the key is required"});
    else
      check_job(kinds[i], *it, where, memos[i], out);
  }
}

// Checks every tenant: its id, its options and its jobs.
void check_tenants(const json& tenants, const json& top_zone,
                   problems& out) {
  // The options of a tenant are the same for all.
  auto fields = tenant_fields(top_zone);
  std::vector<job_memo> memos(gen::updater_kinds().size());
  for (auto& [id, tenant] : tenants.items()) {
    // The key is the tenant's id.
    auto path = cfg::pointer("/tenants", id);
    if (!is_uuid(id))
      out.push_back({path, "\"" + id + "\" — not a tenant id; must be "
                             + std::string{uuid_example}});
    // The tenant's own options, then its jobs.
    if (!cfg::check_type(tenant, path, json_type::object,
                         cfg::object_of(fields), out))
      continue;
    cfg::check_object(tenant, path, fields, out);
    if (auto region = tenant.find("homeRegion");
        region != tenant.end() && region->is_object())
      gen::validate_region(*region, path + "/homeRegion", out);
    auto updaters = tenant.find("updaters");
    if (updaters != tenant.end() && updaters->is_object())
      check_updaters(*updaters, path + "/updaters", memos, out);
  }
}

// Checks one section of single options, when it is an object at all.
void check_section(const json& root, std::string_view key,
                   const std::vector<field>& fields, problems& out) {
  // A section of the wrong type was reported with the top-level options.
  auto it = root.find(key);
  if (it != root.end() && it->is_object())
    cfg::check_object(*it, cfg::pointer("", key), fields, out);
}

} // namespace

problems validate(const nlohmann::json& effective) {
  // The configuration is an object of known top-level options.
  problems out;
  if (!cfg::check_type(effective, "", json_type::object,
                       cfg::object_of(top_fields()), out))
    return out;
  cfg::check_object(effective, "", top_fields(), out);
  // Each section of single options.
  check_section(effective, "execution", execution_fields(), out);
  check_section(effective, "logging", logging_fields(), out);
  check_section(effective, "control", control_fields(), out);
  check_section(effective, "database", database_fields(), out);
  // The tenants and their jobs.
  auto tenants = effective.find("tenants");
  if (tenants != effective.end() && tenants->is_object())
    check_tenants(*tenants, effective.value("timezone", json{}), out);
  return out;
}

} // namespace dbu
