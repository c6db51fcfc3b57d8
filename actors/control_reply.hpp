#pragma once

// Internal to the control actor: how a command handler replies, and the
// handlers that live in their own source files.

#include "actors/control.hpp"
#include "actors/control_codec.hpp"

#include <nlohmann/json.hpp>

#include <exception>
#include <functional>
#include <string>
#include <utility>

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

/// Calls `f`; when it throws, calls `on_throw` with the exception's message
/// instead of letting the exception end the actor.
template <class F, class OnThrow>
void guarded(F&& f, OnThrow&& on_throw) noexcept {
  try {
    std::forward<F>(f)();
  } catch (const std::exception& e) {
    on_throw(e.what());
  } catch (...) {
    on_throw("an unknown exception");
  }
}

namespace detail {

template <class F, class OnThrow, class... Ts>
auto guard_as(F f, OnThrow on_throw, void (F::*)(Ts...) const) {
  return [f = std::move(f), on_throw = std::move(on_throw)](Ts... xs) {
    guarded([&] { f(std::forward<Ts>(xs)...); }, on_throw);
  };
}

} // namespace detail

/// @returns the lambda `f` with its signature kept, made to call
/// `on_throw` with the message of an exception it throws (see `guarded`).
template <class F, class OnThrow>
auto guard(F f, OnThrow on_throw) {
  return detail::guard_as(std::move(f), std::move(on_throw), &F::operator());
}

/// Logs an exception caught while serving `r` and replies `internal`.
void fail_internal(const reply_to& r, const char* what) noexcept;

/// A request to the supervisor whose handlers reply `internal` when they
/// throw, so that the control actor keeps serving.
template <class Handle>
struct guarded_request {
  reply_to r;
  Handle handle;

  /// Sets the handlers of the response and of an error.
  template <class F, class OnError>
  void then(F f, OnError on_error) const {
    auto fail = [r = r](const char* what) { fail_internal(r, what); };
    handle.then(guard(std::move(f), fail), guard(std::move(on_error), fail));
  }
};

/// Asks the supervisor `xs` for the request `r`, waiting up to `timeout`.
/// @returns the request, to set its handlers with `then`.
template <class... Ts>
auto ask_supervisor(const reply_to& r, caf::timespan timeout, Ts&&... xs) {
  auto handle = r.self->request(r.self->state.spec.supervisor, timeout,
                                std::forward<Ts>(xs)...);
  return guarded_request<decltype(handle)>{r, handle};
}

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

/// @returns how long `runs` runs asked for at once may take before the
/// control gives up waiting: `executionTimeoutSeconds` plus `run_margin`
/// for each wave of `maxConcurrentExecutions` of them.
caf::timespan run_bound(self_ptr self, size_t runs = 1);

/// @returns how many runs an `execute` for `tenant` (every tenant when
/// empty) asks for, at most.
size_t tenants_with(const config& cfg, const std::string& tenant);

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
