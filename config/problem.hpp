#pragma once

#include <string>
#include <vector>

namespace dbu {

/// One thing wrong with a configuration.
struct problem {
  /// JSON path of the offending value, e.g.
  /// `/tenants/550e.../updaters/service_tickets/schedule`.
  std::string path;
  /// What is wrong: the bad value and what is allowed.
  std::string message;
};

/// Every problem found in one validation pass.
using problems = std::vector<problem>;

} // namespace dbu
