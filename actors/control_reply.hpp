#pragma once

// Internal to the control actor: how a command handler replies, and the
// handlers that live in their own source files.

#include "actors/control.hpp"
#include "actors/control_codec.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace dbu::control_cmd {

using self_ptr = control_actor::stateful_pointer<control_state>;

/// Replies to one request, exactly once: later replies are dropped.
struct reply_to {
  self_ptr self;
  uint64_t ticket;
  nlohmann::json id;
  /// Runs once the reply went out; empty for nothing.
  std::function<void()> after;

  /// Sends a success reply with `result`.
  void ok(nlohmann::json result) const;

  /// Sends an error reply.
  void fail(const control_wire::wire_error& err) const;

  /// Sends the error reply of an actor's error.
  void fail(const caf::error& err) const;
};

/// @returns the IANA time zone of `tenant`'s jobs; the daemon's own zone
/// for a tenant it does not know.
std::string zone_of(const config& cfg, const std::string& tenant);

/// The bound of a quick question to the supervisor.
constexpr auto quick = std::chrono::seconds{10};

/// The bound of each question behind `health`, asked at once: well under
/// the tool's default wait of 10 s, so that a part that does not answer
/// fails its check instead of the whole reply.
constexpr auto health_bound = std::chrono::seconds{3};

/// How long the control waits for a run beyond `executionTimeoutSeconds`.
constexpr auto run_margin = std::chrono::seconds{5};

/// @returns how long a run may take before the control gives up waiting:
/// `executionTimeoutSeconds` plus `run_margin`.
caf::timespan run_bound(self_ptr self);

/// `metrics`: process numbers and the numbers of every job.
void metrics(const reply_to& r, const nlohmann::json& args);

/// `health`: the verdict and the checks behind it.
void health(const reply_to& r, const nlohmann::json& args);

/// `config.set`: a merge patch, validated, applied all or nothing.
void config_set(const reply_to& r, const nlohmann::json& args);

/// `test`: a dry run of every updater (or one) with a verdict each.
void test(const reply_to& r, const nlohmann::json& args);

/// `purge`: removes what runs wrote (one by id, or those before an
/// instant), in one transaction; `dryRun` reports only.
void purge(const reply_to& r, const nlohmann::json& args);

} // namespace dbu::control_cmd
