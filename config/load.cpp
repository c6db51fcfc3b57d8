#include "config/config.hpp"
#include "config/schema.hpp"

#include <algorithm>
#include <cstdlib>

namespace dbu {

namespace {

using nlohmann::json;

// A single option that the environment or a flag sets over the file.
struct override_source {
  // Where the source names the option.
  const char* source;
  // The section of the option, or empty for a top-level one.
  const char* section;
  const char* key;
};

// The environment variables, in the order they apply.
constexpr override_source env_sources[] = {
  {"DATABASE_URL", "database", "url"},
  {"DATABASE_UPDATER_LOG_LEVEL", "logging", "level"},
  {"DATABASE_UPDATER_TIMEZONE", "", "timezone"},
};

// The flag that sets an option.
constexpr override_source log_level_flag{"--log-level", "logging", "level"};

// An override that applied, for naming it in problems.
struct applied_override {
  std::string path;
  const char* source;
};

// Sets the option of `o` in `user` to `value`. A section of the wrong type
// keeps its problem for validation and takes no override.
void set_option(json& user, const override_source& o, std::string value,
                std::vector<applied_override>& applied) {
  // Find or make the object that holds the option.
  auto* target = &user;
  if (*o.section != '\0') {
    if (!user.contains(o.section))
      user[o.section] = json::object();
    target = &user[o.section];
  }
  if (!target->is_object())
    return;
  // Set it, remembering where the value came from.
  (*target)[o.key] = std::move(value);
  auto path = *o.section != '\0' ? cfg::pointer("", o.section) : "";
  applied.push_back({cfg::pointer(path, o.key), o.source});
}

// Names the source of each problem with a value of an override; the last
// override of a path is the one that holds.
void name_sources(problems& ps, const std::vector<applied_override>& applied) {
  for (auto& p : ps) {
    auto it = std::find_if(applied.rbegin(), applied.rend(),
                           [&](auto& a) { return a.path == p.path; });
    if (it != applied.rend())
      p.message += " (set by " + std::string{it->source} + ")";
  }
}

// @returns the configuration of complete JSON, or every problem it has.
caf::expected<config> checked(json effective,
                              const std::vector<applied_override>& applied) {
  // Refuse a configuration with problems, naming all of them.
  auto ps = validate(effective);
  name_sources(ps, applied);
  if (!ps.empty())
    return make_error(ec::invalid_config, describe(ps));
  // Decode the checked values.
  return cfg::decode(std::move(effective));
}

} // namespace

std::string describe(const problems& ps) {
  std::string text;
  for (auto& p : ps) {
    if (!text.empty())
      text += '\n';
    text += p.path.empty() ? "(root)" : p.path;
    text += ": ";
    text += p.message;
  }
  return text;
}

caf::expected<config> make_config(const nlohmann::json& user) {
  return checked(normalize(user), {});
}

env_lookup system_env() {
  return [](const char* name) -> std::optional<std::string> {
    if (auto value = std::getenv(name))
      return std::string{value};
    return std::nullopt;
  };
}

caf::expected<config> load_config(const run_options& opts,
                                  const env_lookup& env) {
  // Start from the file, when there is one.
  auto user = json::object();
  if (opts.config_file) {
    auto file = read_config_file(*opts.config_file);
    if (!file)
      return file.error();
    user = std::move(*file);
  }
  // Let the environment, then the flags, set single options over it.
  std::vector<applied_override> applied;
  for (auto& o : env_sources)
    if (auto value = env(o.source); value && !value->empty())
      set_option(user, o, std::move(*value), applied);
  if (opts.log_level)
    set_option(user, log_level_flag, *opts.log_level, applied);
  // Complete, check and decode the result.
  return checked(normalize(user), applied);
}

caf::expected<config> apply_patch(const config& current,
                                  const nlohmann::json& patch) {
  // Dropping the tenants would bring back the default tenant in their
  // place, which no operator means: a configuration has at least one.
  auto tenants = patch.is_object() ? patch.find("tenants") : patch.end();
  if (tenants != patch.end() && tenants->is_null())
    return make_error(ec::invalid_config,
                      describe({{"/tenants",
                                 "null — would drop every tenant; drop them "
                                 "one by one (tenants.<uuid>: null), "
                                 "keeping at least one"}}));
  // Patch a copy; `current` stays as it is whatever happens.
  auto patched = current.json;
  patched.merge_patch(patch);
  // Complete, check and decode the result as a whole. A distribution that
  // no longer sums to 1 most often kept weights the patch did not name.
  auto effective = normalize(patched);
  auto ps = validate(effective);
  for (auto& p : ps)
    if (p.path.ends_with("Distribution")
        && p.message.find("must sum to 1") != std::string::npos)
      p.message += " (a patch merges into the weights in force: set each "
                   "category to leave out to null)";
  if (!ps.empty())
    return make_error(ec::invalid_config, describe(ps));
  return cfg::decode(std::move(effective));
}

} // namespace dbu
