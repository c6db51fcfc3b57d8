#pragma once

#include "config/config.hpp"
#include "messages/messages.hpp"

#include <caf/all.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace dbu {

/// Sets up spdlog: console, daily files
/// `<directory>/db-updater-YYYY-MM-DD.log` (the logger actor deletes old
/// ones, see `prune_logs`), and an in-memory ring of the newest records.
/// Call once, before any actor logs.
/// @returns an error naming the folder when the files cannot be opened.
caf::expected<void> setup_logging(const logging_config& cfg);

/// Changes the level of every sink at run time.
/// @returns false for an unknown level name.
bool set_log_level(const std::string& level);

/// @returns up to `lines` of the newest log records at `level` or above,
/// newest last.
std::vector<std::string> recent_logs(size_t lines, const std::string& level);

/// Deletes the daily files `db-updater-YYYY-MM-DD.log` in `directory`
/// dated `retention_days` or more days before `today` (so that
/// `retention_days` files are kept, today's among them, whatever gaps lie
/// between them); other files stay.
/// @returns the names of the files deleted.
std::vector<std::string> prune_logs(const std::string& directory,
                                    int retention_days,
                                    std::chrono::sys_days today);

/// Serves the ring of recent records to the control plane and deletes
/// daily files past the retention, at start and once a day.
using logger_actor = caf::typed_actor<
  // Replies with up to N newest records at the level or above.
  caf::replies_to<atom::logs, uint64_t,
                  std::string>::with<std::vector<std::string>>,
  // Internal: deletes old daily files (delayed message to self).
  caf::reacts_to<atom::retention>>;

struct logger_state {
  static inline const char* name = "logger";
  logging_config cfg;
};

/// @param cfg Where the daily files are and how many days they stay.
logger_actor::behavior_type
logger(logger_actor::stateful_pointer<logger_state> self, logging_config cfg);

} // namespace dbu
