#pragma once

#include "actors/control_io.hpp"
#include "actors/supervisor.hpp"
#include "config/config.hpp"

#include <caf/all.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace dbu {

/// Answers the requests of the control socket: asks the supervisor and
/// encodes the replies (DESIGN.md, "Control protocol (version 1)").
using control_actor = caf::typed_actor<
  // A decoded request: its ticket, the request object as JSON text and the
  // client's role (`admin` or `read`).
  caf::reacts_to<uint64_t, std::string, std::string>>;

/// What the control actor serves and whom it asks.
struct control_spec {
  /// The bound socket; the actor starts and stops its thread.
  std::shared_ptr<control_io> io;
  supervisor_actor supervisor;
  /// Receives `(shutdown, 0)` when a client asks the daemon to stop.
  caf::actor waiter;
  config cfg;
  /// The file `config.set` with `persist` writes to; none without `--config`.
  std::optional<std::string> config_file;
  std::string instance;
  bool dry_run = false;
  std::chrono::steady_clock::time_point started;
};

struct control_state {
  static inline const char* name = "control";
  control_spec spec;
  /// The tickets of requests that wait for their reply.
  std::set<uint64_t> open;
  /// Whether a `config.set` is being applied; the next waits for it.
  bool setting_config = false;
  /// The `config.set` requests that wait for the one being applied.
  std::deque<std::function<void()>> config_sets;
  /// The scheduler's count of rejected runs as `health` last saw it, and
  /// when it last saw it grow.
  uint64_t rejected_seen = 0;
  std::chrono::steady_clock::time_point rejected_grew{};
};

/// @param spec the socket, the supervisor and what `status` reports.
control_actor::behavior_type
control(control_actor::stateful_pointer<control_state> self,
        control_spec spec);

} // namespace dbu
