#pragma once

#include "actors/actors.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace dbu {

struct registry_state {
  static inline const char* name = "registry";
  /// Every job by (tenant, updater), in a stable order.
  std::map<std::pair<std::string, std::string>, job_info> jobs;
};

/// @param jobs Every job as configured, with no numbers yet.
registry_actor::behavior_type
registry(registry_actor::stateful_pointer<registry_state> self,
         std::vector<job_info> jobs);

} // namespace dbu
