#include "actors/control.hpp"

#include "actors/control_reply.hpp"

#include "generators/updater.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

namespace dbu {

namespace control_cmd {

using nlohmann::json;
using control_wire::wire_error;

void reply_to::ok(json result) const {
  // Only the first reply to a request goes out.
  if (self->state.open.erase(ticket) == 0)
    return;
  self->state.spec.io->reply(ticket,
                             control_wire::ok_reply(id, std::move(result)));
  if (after)
    after();
}

void reply_to::fail(const wire_error& err) const {
  // Only the first reply to a request goes out.
  if (self->state.open.erase(ticket) == 0)
    return;
  self->state.spec.io->reply(ticket, control_wire::error_reply(id, err));
  if (after)
    after();
}

void fail_internal(const reply_to& r, const char* what) noexcept {
  // Logging and replying may throw as well; the actor must outlive both.
  try {
    spdlog::error("control failed a request: {}", what);
    r.fail(wire_error{"internal",
                      std::string{"The command failed: "} + what + "."});
  } catch (...) {
    // Nothing is left to tell: the client's own timeout ends its wait.
  }
}

void reply_to::fail(const caf::error& err) const {
  // CAF's own errors are timeouts or internal failures.
  if (err == caf::sec::request_timeout) {
    fail(wire_error{"timeout", "The daemon did not answer in time."});
    return;
  }
  if (err.category() != ec_category) {
    fail(wire_error{"internal", caf::to_string(err)});
    return;
  }
  fail(wire_error{control_wire::code_name(code_of(err)), render(err)});
}

std::string zone_of(const config& cfg, const std::string& tenant) {
  // A tenant names its zone; the configuration completed it when missing.
  for (auto& t : cfg.tenants)
    if (t.id == tenant)
      return t.timezone;
  return cfg.timezone;
}

caf::timespan run_bound(self_ptr self, size_t runs) {
  // The scheduler fails a run at its timeout; the margin lets that answer
  // arrive before the control gives up. Runs beyond the gate's slots start
  // as earlier ones end.
  auto& execution = self->state.spec.cfg.execution;
  auto slots = size_t(std::max(execution.max_concurrent_executions, 1));
  auto waves = std::max<size_t>((runs + slots - 1) / slots, 1);
  auto one = std::chrono::seconds{execution.execution_timeout_seconds}
             + run_margin;
  return one * int64_t(waves);
}

size_t tenants_with(const config& cfg, const std::string& tenant) {
  // One named tenant, or every tenant.
  if (!tenant.empty())
    return 1;
  return cfg.tenants.size();
}

namespace {

using handler = std::function<void(const reply_to&, const json&)>;

void status(const reply_to& r, const json&) {
  // The jobs from the registry, then the scheduling switch.
  auto self = r.self;
  ask_supervisor(r, quick, atom::status_v)
    .then(
      [=](std::vector<job_info>& jobs) {
        ask_supervisor(r, quick, atom::metrics_v)
          .then(
            [=](const daemon_numbers& numbers) {
              auto& spec = self->state.spec;
              auto up = std::chrono::steady_clock::now() - spec.started;
              auto list = json::array();
              for (auto& job : jobs)
                list.push_back(control_wire::to_json(job));
              r.ok({{"scheduling", numbers.scheduling},
                    {"uptimeSeconds",
                     std::chrono::duration<double>{up}.count()},
                    {"version", DBU_VERSION},
                    {"instance", spec.instance},
                    {"dryRun", spec.dry_run},
                    {"timezone", spec.cfg.timezone},
                    {"jobs", std::move(list)}});
            },
            [=](caf::error& err) { r.fail(err); });
      },
      [=](caf::error& err) { r.fail(err); });
}

template <class Atom>
void switch_scheduling(const reply_to& r, Atom what, bool on) {
  // Idempotent: `changed` says whether the switch moved.
  ask_supervisor(r, quick, what)
    .then([=](bool changed) { r.ok({{"scheduling", on},
                                     {"changed", changed}}); },
          [=](caf::error& err) { r.fail(err); });
}

// @returns whether every run failed with `code`: the gate refused them all
// (`busy`: queue full, or the job's previous run still going), none
// reached the database (`db_unavailable`), or none finished in time
// (`timeout`).
bool all_failed_with(const std::vector<run_result>& results, ec code) {
  auto failed = [code](const run_result& res) { return res.code == code; };
  return !results.empty()
         && std::all_of(results.begin(), results.end(), failed);
}

void execute(const reply_to& r, const json& args) {
  // `updater` is required; `tenant` and `dryRun` are optional.
  std::string updater;
  std::string tenant;
  bool dry_run = false;
  if (auto err = control_wire::string_arg(args, "updater", updater))
    return r.fail(*err);
  if (updater.empty())
    return r.fail(wire_error{"bad_request",
                             "The argument 'updater' is missing."});
  if (auto err = control_wire::string_arg(args, "tenant", tenant))
    return r.fail(*err);
  if (auto err = control_wire::bool_arg(args, "dryRun", dry_run))
    return r.fail(*err);
  // Wait for the runs and report each.
  auto self = r.self;
  auto bound = run_bound(self, tenants_with(self->state.spec.cfg, tenant));
  ask_supervisor(r, bound, atom::execute_v, updater, tenant,
                 dry_run || self->state.spec.dry_run)
    .then(
      [=](std::vector<run_result>& results) {
        // Runs refused at the gate never started: backpressure. Runs that
        // found no database, or all ran out of time, are better told as
        // that than as failed runs.
        if (all_failed_with(results, ec::busy))
          return r.fail(wire_error{"busy", "The run did not start: "
                                             + results.front().error + "."});
        if (all_failed_with(results, ec::db_unavailable))
          return r.fail(wire_error{"db_unavailable",
                                   "The run " + results.front().run_id
                                     + " failed: "
                                     + results.front().error + "."});
        if (all_failed_with(results, ec::timeout))
          return r.fail(wire_error{
            "timeout", "The run of " + updater + " for tenant "
                         + results.front().tenant_id
                         + " did not finish within executionTimeoutSeconds ("
                         + std::to_string(self->state.spec.cfg.execution
                                            .execution_timeout_seconds)
                         + " s)."});
        auto runs = json::array();
        auto failed = 0;
        for (auto& res : results) {
          auto zone = zone_of(self->state.spec.cfg, res.tenant_id);
          runs.push_back(control_wire::to_json(res, zone));
          failed += res.status == run_status::failed ? 1 : 0;
        }
        r.ok({{"runs", std::move(runs)}, {"failed", failed}});
      },
      [=](caf::error& err) {
        // Runs still queued or going finish and write: a retry would
        // write twice.
        if (err == caf::sec::request_timeout)
          return r.fail(wire_error{
            "timeout",
            "Not every run of " + updater + " finished within "
              + std::to_string(
                std::chrono::duration_cast<std::chrono::seconds>(bound)
                  .count())
              + " s; those still waiting or going finish and write their "
                "rows, so check status before running it again."});
        r.fail(err);
      });
}

// @returns whether `line` has `word` with no letter, digit or underscore
// right before or after it: `business_records` is not in
// `business_records_x`.
bool names_word(const std::string& line, const std::string& word) {
  // Try each occurrence until one stands alone.
  auto part = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  };
  for (auto at = line.find(word); at != std::string::npos;
       at = line.find(word, at + 1)) {
    auto end = at + word.size();
    if ((at == 0 || !part(line[at - 1]))
        && (end == line.size() || !part(line[end])))
      return true;
  }
  return false;
}

void logs(const reply_to& r, const json& args) {
  // Defaults: the newest 100 records of every level.
  uint64_t lines = 100;
  std::string level;
  std::string updater;
  if (auto err = control_wire::uint_arg(args, "lines", 10000, lines))
    return r.fail(*err);
  if (auto err = control_wire::string_arg(args, "level", level))
    return r.fail(*err);
  if (auto err = control_wire::string_arg(args, "updater", updater))
    return r.fail(*err);
  static const std::vector<std::string> levels{
    "", "trace", "debug", "info", "warn", "warning", "error", "critical"};
  if (std::find(levels.begin(), levels.end(), level) == levels.end())
    return r.fail(wire_error{"bad_request",
                             "The argument 'level' must be trace, debug, "
                             "info, warn, error or critical."});
  if (!updater.empty() && gen::find_updater_kind(updater) == nullptr)
    return r.fail(wire_error{"unknown_updater", "No updater is called '"
                                                  + updater + "'."});
  // With an updater, read the whole ring and keep its lines.
  auto ask = updater.empty() ? lines : uint64_t{1} << 20;
  ask_supervisor(r, quick, atom::logs_v, ask, level)
    .then(
      [=](std::vector<std::string>& records) {
        if (!updater.empty()) {
          std::erase_if(records, [&](const std::string& line) {
            return !names_word(line, updater);
          });
          if (records.size() > lines)
            records.erase(records.begin(),
                          records.end() - static_cast<ptrdiff_t>(lines));
        }
        r.ok({{"records", std::move(records)}});
      },
      [=](caf::error& err) { r.fail(err); });
}

void shutdown(const reply_to& r, const json&) {
  // Reply first; the daemon then stops as on SIGTERM.
  r.ok({{"stopping", true}});
  spdlog::info("control received a shutdown request");
  caf::anon_send(r.self->state.spec.waiter, atom::shutdown_v, int32_t{0});
}

void config_get(const reply_to& r, const json&) {
  r.ok(masked(r.self->state.spec.cfg));
}

const std::map<std::string, handler>& handlers() {
  static const std::map<std::string, handler> table{
    {"status", status},
    {"start",
     [](const reply_to& r, const json&) {
       switch_scheduling(r, atom::start_v, true);
     }},
    {"stop",
     [](const reply_to& r, const json&) {
       switch_scheduling(r, atom::stop_v, false);
     }},
    {"execute", execute},
    {"test", test},
    {"logs", logs},
    {"metrics", metrics},
    {"health", health},
    {"shutdown", shutdown},
    {"config.get", config_get},
    {"config.set", config_set},
    {"purge", purge},
  };
  return table;
}

std::string lower(std::string text) {
  for (auto& c : text)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

void dispatch(self_ptr self, uint64_t ticket, const std::string& text,
              const std::string& role) {
  // The I/O thread checked the shape already.
  auto request = json::parse(text, nullptr, false);
  reply_to r{self, ticket, request.value("id", json{}), nullptr};
  auto command = request.value("command", std::string{});
  auto args = request.value("args", json::object());
  if (!args.is_object())
    args = json::object();
  // Commands are case-sensitive; a near miss names the right spelling.
  auto i = handlers().find(command);
  if (i == handlers().end()) {
    auto msg = "The command '" + command + "' is unknown.";
    if (handlers().count(lower(command)) > 0)
      msg += " Commands are case-sensitive: use '" + lower(command) + "'.";
    return r.fail(wire_error{"unknown_command", msg});
  }
  // A read key may only read.
  if (role != "admin" && !control_wire::read_only(command))
    return r.fail(wire_error{"unauthorized", "The command '" + command
                                               + "' needs an admin key."});
  spdlog::debug("control serves {}", command);
  guarded([&] { i->second(r, args); },
          [&](const char* what) { fail_internal(r, what); });
}

void serve(self_ptr self, uint64_t ticket, const std::string& text,
           const std::string& role) {
  // Whatever throws before the request's id is known still gets a reply.
  self->state.open.insert(ticket);
  reply_to r{self, ticket, nullptr, nullptr};
  guarded([&] { dispatch(self, ticket, text, role); },
          [&](const char* what) { fail_internal(r, what); });
}

} // namespace

} // namespace control_cmd

control_actor::behavior_type
control(control_actor::stateful_pointer<control_state> self,
        control_spec spec) {
  // Start the socket thread; it hands requests over as messages.
  self->state.spec = std::move(spec);
  auto handle = caf::actor_cast<control_actor>(self);
  self->state.spec.io->start(
    [handle](uint64_t ticket, std::string text, std::string role) {
      caf::anon_send(handle, ticket, std::move(text), std::move(role));
    });
  self->attach_functor([io = self->state.spec.io] { io->stop(); });
  return {
    [=](uint64_t ticket, std::string& text, std::string& role) {
      control_cmd::serve(self, ticket, text, role);
    },
  };
}

} // namespace dbu
