#pragma once

// Shared helpers of the configuration tests.

#include "config/config.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>

namespace dbu::test {

/// The default tenant's id as a string.
inline const std::string tenant_id{default_tenant_id};

/// The JSON pointer of the default tenant.
inline const std::string tenant_path = "/tenants/" + tenant_id;

/// @returns the problems of `user` merged over the defaults.
inline problems problems_of(const nlohmann::json& user) {
  return validate(normalize(user));
}

/// @returns the message of the problem at `path`, or "(none)" when there is
/// none.
inline std::string message_at(const problems& ps, std::string_view path) {
  for (auto& p : ps)
    if (p.path == path)
      return p.message;
  return "(none)";
}

/// @returns a user configuration that sets `job` for `updater` of the
/// default tenant.
inline nlohmann::json with_job(std::string_view updater,
                               nlohmann::json job) {
  return {{"tenants",
           {{tenant_id, {{"updaters", {{std::string{updater}, job}}}}}}}};
}

/// @returns an environment that holds only `vars`.
inline env_lookup fake_env(std::map<std::string, std::string> vars) {
  return [vars](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end())
      return std::nullopt;
    return it->second;
  };
}

} // namespace dbu::test
