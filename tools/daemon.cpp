#include "tools/daemon.hpp"

#include "actors/control.hpp"
#include "actors/logger.hpp"
#include "actors/supervisor.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <pthread.h>
#include <thread>
#include <unistd.h>

namespace dbu::tools {

namespace {

std::optional<std::string> from_env(const char* name) {
  auto value = std::getenv(name);
  if (value == nullptr)
    return std::nullopt;
  return std::string{value};
}

std::string make_instance() {
  char host[256] = {};
  gethostname(host, sizeof(host) - 1);
  return std::string{host} + ":" + std::to_string(getpid());
}

// Blocks SIGINT, SIGTERM and SIGHUP in this thread and every thread it
// starts, so that one thread can wait for them with sigwait.
sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int report_once(const std::vector<run_result>& results) {
  // One line per run; non-zero when any failed.
  int failed = 0;
  for (auto& res : results) {
    if (res.status != run_status::failed)
      continue;
    ++failed;
    if (res.run_id.empty())
      spdlog::error("daemon saw a run of {} for tenant {} fail: {}",
                    res.updater, res.tenant_id, res.error);
    else
      spdlog::error("daemon saw run {} of {} for tenant {} fail: {}",
                    res.run_id, res.updater, res.tenant_id, res.error);
  }
  spdlog::info("daemon finished --once: {} run(s), {} failed", results.size(),
               failed);
  return failed == 0 ? 0 : 1;
}

// Spawns the actor of the control socket `io`.
// @returns the actor, or an invalid handle when the socket could not be
// bound.
control_actor start_control(caf::actor_system& sys, config cfg,
                            caf::expected<std::shared_ptr<control_io>> io,
                            const run_options& opts,
                            const supervisor_actor& sup,
                            const caf::actor& waiter,
                            const std::string& instance,
                            std::chrono::steady_clock::time_point started) {
  if (!io) {
    spdlog::error("daemon runs without control: {}", render(io.error()));
    return {};
  }
  spdlog::info("control listening on {}", cfg.control.endpoint);
  control_spec spec;
  spec.io = std::move(*io);
  spec.supervisor = sup;
  spec.waiter = waiter;
  spec.cfg = std::move(cfg);
  spec.config_file = opts.config_file;
  spec.instance = instance;
  spec.dry_run = opts.dry_run;
  spec.started = started;
  return sys.spawn(control, std::move(spec));
}

// How the wait of the main thread ended.
struct wait_end {
  /// The exit status so far.
  int status = 0;
  /// Whether the results of --once came.
  bool once_done = false;
  /// Whether the supervisor is gone.
  bool lost = false;
};

// Waits for the results of --once, a stop signal or `shutdown` request, or
// the end of the supervisor or of the control actor `ctl`, whichever comes
// first.
wait_end wait_for_end(caf::scoped_actor& self, const control_actor& ctl) {
  wait_end out;
  bool waiting = true;
  self->receive_while(waiting)(
    [&](std::vector<run_result>& results) {
      out.status = report_once(results);
      out.once_done = true;
      waiting = false;
    },
    [&](caf::error& err) {
      spdlog::error("daemon cannot run --once: {}", render(err));
      out.status = 1;
      out.once_done = true;
      waiting = false;
    },
    [&](atom::shutdown, int32_t sig) {
      spdlog::info("daemon received {}: stopping",
                   sig == 0        ? "a shutdown request"
                   : sig == SIGINT ? "SIGINT"
                                   : "SIGTERM");
      waiting = false;
    },
    [&](caf::down_msg& msg) {
      // Without its control the daemon cannot be operated: stop with a
      // non-zero status, so that the service manager starts it afresh.
      auto control = ctl && msg.source == ctl.address();
      if (control)
        spdlog::error("daemon lost its control actor: {}; stopping",
                      caf::to_string(msg.reason));
      else
        spdlog::critical("daemon lost its supervisor: {}",
                         caf::to_string(msg.reason));
      out.status = 1;
      out.lost = !control;
      waiting = false;
    });
  return out;
}

// Reads the results of a --once that a signal stopped: the scheduler
// answers before it lets the supervisor stop.
// @returns the exit status.
int late_once_results(caf::scoped_actor& self) {
  int status = 1;
  self->receive(
    [&](std::vector<run_result>& results) { status = report_once(results); },
    [&](caf::error& err) {
      spdlog::error("daemon cannot run --once: {}", render(err));
    },
    caf::after(std::chrono::seconds{0}) >> [] {
      spdlog::error("daemon stopped before the --once runs ended");
    });
  return status;
}

} // namespace

int run_daemon(const run_options& opts) {
  // Signals go to one waiting thread, never to a worker; blocked first so
  // that a stop request during start-up is not lost.
  auto signals = block_stop_signals();
  // A server that does not answer must not hold a connect for minutes;
  // a connect_timeout in the URL still wins.
  setenv("PGCONNECT_TIMEOUT", "10", 0);
  // Configuration: every problem at once, exit status 2.
  auto cfg = load_config(opts, from_env);
  if (!cfg) {
    std::fprintf(stderr, "db-updaterd: invalid configuration:\n%s\n",
                 render(cfg.error()).c_str());
    return 2;
  }
  if (auto ok = setup_logging(cfg->logging); !ok) {
    std::fprintf(stderr, "db-updaterd: %s\n", render(ok.error()).c_str());
    return 2;
  }
  // The control socket before anything runs: keys that are not there are
  // a configuration to fix, while an endpoint another daemon holds leaves
  // this one running without control.
  caf::expected<std::shared_ptr<control_io>> io{caf::error{}};
  if (!opts.once) {
    io = control_io::open(cfg->control.endpoint, cfg->control.keys_directory);
    if (!io && code_of(io.error()) == ec::invalid_config) {
      std::fprintf(stderr,
                   "db-updaterd: invalid configuration:\n"
                   "/control/keysDirectory: %s\n",
                   render(io.error()).c_str());
      return 2;
    }
  }
  caf::actor_system_config caf_cfg;
  register_messages(caf_cfg);
  // Idle workers wait on a condition variable: the default work stealing
  // polls, which wakes an idle daemon hundreds of times a second.
  caf_cfg.set("scheduler.policy", caf::atom("sharing"));
  caf::actor_system sys{caf_cfg};
  supervisor_spec spec;
  spec.cfg = *cfg;
  spec.opts = opts;
  spec.instance = make_instance();
  auto instance = spec.instance;
  auto started = std::chrono::steady_clock::now();
  control_actor ctl;
  auto jobs = 0;
  for (auto& t : cfg->tenants)
    jobs += static_cast<int>(t.updaters.size());
  auto sup = sys.spawn(supervisor, std::move(spec));
  spdlog::info("daemon started: {} tenant(s), {} job(s), scheduling {}{}",
               cfg->tenants.size(), jobs,
               opts.schedule && !opts.once ? "on" : "off",
               opts.dry_run ? ", dry run" : "");
  caf::scoped_actor self{sys};
  self->monitor(sup);
  // Stop signals reach this thread as messages, with --once too.
  auto waiter = caf::actor_cast<caf::actor>(self);
  // A hang-up (a closed terminal, a reload some managers send) must not
  // end the daemon: it keeps running and says how to change it.
  std::thread{[signals, waiter] {
    int sig = 0;
    while (sigwait(&signals, &sig) == 0 && sig == SIGHUP)
      spdlog::warn("daemon ignores SIGHUP: change the configuration with "
                   "config.set or restart the daemon");
    caf::anon_send(waiter, atom::shutdown_v, static_cast<int32_t>(sig));
  }}.detach();
  // The bound of a graceful stop: the run timeout and a margin.
  auto bound = std::chrono::seconds{cfg->execution.execution_timeout_seconds
                                    + 5};
  // With --once, ask for every run; otherwise serve the control socket (a
  // daemon without one still runs its schedules).
  if (opts.once)
    self->send(sup, atom::once_v,
               opts.at ? caf::timestamp{*opts.at} : caf::make_timestamp());
  else
    ctl = start_control(sys, std::move(*cfg), std::move(io), opts, sup,
                        waiter, instance, started);
  if (ctl)
    self->monitor(ctl);
  // Wait; a lost supervisor leaves nothing to stop.
  auto end = wait_for_end(self, ctl);
  if (end.lost) {
    if (ctl)
      self->send_exit(ctl, caf::exit_reason::user_shutdown);
    return end.status;
  }
  // Graceful stop: runs in flight finish, bounded by the run timeout; runs
  // that wait do not start.
  self->request(sup, bound, atom::shutdown_v)
    .receive([](uint64_t) {},
             [&](caf::error& err) {
               spdlog::warn("daemon stops without waiting further: {}",
                            render(err));
             });
  // A --once that a signal stopped has its results by now.
  if (opts.once && !end.once_done)
    end.status = late_once_results(self);
  self->send_exit(sup, caf::exit_reason::user_shutdown);
  if (ctl)
    self->send_exit(ctl, caf::exit_reason::user_shutdown);
  spdlog::info("daemon stopped");
  return end.status;
}

} // namespace dbu::tools
