#pragma once

#include "config/config.hpp"
#include "messages/messages.hpp"

#include <caf/all.hpp>

#include <memory>
#include <string>
#include <vector>

namespace dbu {

/// Sets up spdlog: console, daily files
/// `<directory>/db-updater-YYYY-MM-DD.log` kept for `retention_days`, and an
/// in-memory ring of the newest records. Call once, before any actor logs.
/// @returns an error naming the folder when the files cannot be opened.
caf::expected<void> setup_logging(const logging_config& cfg);

/// Changes the level of every sink at run time.
/// @returns false for an unknown level name.
bool set_log_level(const std::string& level);

/// @returns up to `lines` of the newest log records at `level` or above,
/// newest last.
std::vector<std::string> recent_logs(size_t lines, const std::string& level);

/// Serves the ring of recent records to the control plane.
using logger_actor = caf::typed_actor<
  // Replies with up to N newest records at the level or above.
  caf::replies_to<atom::logs, uint64_t,
                  std::string>::with<std::vector<std::string>>>;

struct logger_state {
  static inline const char* name = "logger";
};

logger_actor::behavior_type
logger(logger_actor::stateful_pointer<logger_state> self);

} // namespace dbu
