#include "actors/supervisor.hpp"

#include "actors/registry.hpp"
#include "actors/scheduler.hpp"
#include "cron/schedule.hpp"
#include "generators/region.hpp"
#include "generators/updater.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <malloc.h>
#include <optional>
#include <random>

namespace dbu {

namespace {

using self_ptr = supervisor_actor::stateful_pointer<supervisor_state>;

// The first restart waits this long; each further one in the window waits
// twice as long as the one before, at most `max_restart_delay`.
constexpr auto first_restart_delay = std::chrono::milliseconds{100};
constexpr auto max_restart_delay = std::chrono::seconds{10};

db_prepare make_prepare(const supervisor_state& st) {
  // A dry run writes nothing, not even the schema.
  auto& spec = st.spec;
  db_prepare p;
  p.migrate = spec.opts.migrate && !spec.opts.dry_run;
  p.seed_tenants = !spec.opts.dry_run;
  p.migrations_dir = DBU_MIGRATIONS_DIR;
  p.cfg = st.seeding;
  p.seed = spec.opts.seed ? *spec.opts.seed : std::random_device{}();
  p.instance = spec.instance;
  p.as_of = spec.opts.at;
  return p;
}

void supervise(self_ptr self, child::kind_t kind, uint64_t index,
               caf::actor handle) {
  // Monitor to restart; link so that children end with the supervisor.
  self->monitor(handle);
  self->link_to(handle);
  self->state.children.push_back(child{kind, index, std::move(handle)});
}

db_writer_actor spawn_writer(self_ptr self) {
  return self->system().spawn<caf::detached>(
    db_writer, self->state.spec.cfg.database.url,
    make_prepare(self->state));
}

updater_actor spawn_updater(self_ptr self, uint64_t index) {
  auto& st = self->state;
  auto& db = st.writers[index % st.writers.size()];
  return self->system().spawn(updater, st.updaters[index], db);
}

void build_tree(self_ptr self) {
  // One job per (tenant, updater kind), in configuration order.
  auto& st = self->state;
  std::vector<job_info> infos;
  std::vector<scheduled_job> jobs;
  // Jobs of equal settings share one generator: thousands of tenants on
  // the defaults need one per updater kind.
  std::map<std::string, std::shared_ptr<const gen::generator>> generators;
  auto generator_of = [&](const gen::updater_kind& kind,
                          const nlohmann::json& settings) {
    auto& g = generators[std::string{kind.name} + settings.dump()];
    if (!g)
      g = st.spec.make_generator ? st.spec.make_generator(kind, settings)
                                 : kind.make(settings);
    return g;
  };
  for (auto& tenant : st.spec.cfg.tenants) {
    auto zone = cron::find_zone(tenant.timezone);
    auto region = gen::home_region::make(tenant.home_region);
    for (auto& upd : tenant.updaters) {
      auto kind = gen::find_updater_kind(upd.name);
      auto sched = cron::parse(upd.schedule);
      if (!zone || kind == nullptr || !sched) {
        spdlog::error("supervisor skips {} for tenant {}: invalid setup",
                      upd.name, tenant.id);
        continue;
      }
      updater_spec us;
      us.tenant_id = tenant.id;
      us.customer_id = tenant.customer_id;
      us.zone = *zone;
      us.region = region;
      us.kind = kind;
      us.generator = generator_of(*kind, upd.settings);
      us.instance = st.spec.instance;
      us.seed = st.spec.opts.seed;
      us.timeout = std::chrono::seconds{
        st.spec.cfg.execution.execution_timeout_seconds};
      st.updaters.push_back(std::move(us));
      job_info info;
      info.tenant_id = tenant.id;
      info.updater = upd.name;
      info.schedule = upd.schedule;
      info.timezone = tenant.timezone;
      info.enabled = upd.enabled;
      infos.push_back(std::move(info));
      scheduled_job job;
      job.tenant_id = tenant.id;
      job.updater = upd.name;
      job.schedule = std::move(*sched);
      job.zone = *zone;
      job.enabled = upd.enabled;
      jobs.push_back(std::move(job));
    }
  }
  // The jobs hold what they need now: the tenants stay only for seeding,
  // without their updaters, shared by the db-writers.
  auto seeding = std::make_shared<config>(std::move(st.spec.cfg));
  for (auto& tenant : seeding->tenants)
    tenant.updaters.clear();
  seeding->json = nullptr;
  st.spec.cfg = *seeding;
  st.spec.cfg.tenants.clear();
  st.seeding = std::move(seeding);
  // The db-writers first: everything else talks to them.
  auto pool = std::max(1, st.spec.cfg.database.pool_size);
  for (int i = 0; i < pool; ++i) {
    st.writers.push_back(spawn_writer(self));
    supervise(self, child::db_writer, static_cast<uint64_t>(i),
              caf::actor_cast<caf::actor>(st.writers.back()));
  }
  for (uint64_t i = 0; i < st.updaters.size(); ++i) {
    jobs[i].actor = spawn_updater(self, i);
    supervise(self, child::updater, i,
              caf::actor_cast<caf::actor>(jobs[i].actor));
  }
  st.logger = self->system().spawn(logger, st.spec.cfg.logging);
  supervise(self, child::logger, 0, caf::actor_cast<caf::actor>(st.logger));
  st.registry = self->system().spawn(registry, std::move(infos));
  supervise(self, child::registry, 0,
            caf::actor_cast<caf::actor>(st.registry));
  auto scheduling = st.spec.opts.schedule && !st.spec.opts.once;
  st.scheduler = self->system().spawn(scheduler, std::move(jobs),
                                      st.spec.cfg.execution, st.registry,
                                      st.writers.front(), scheduling,
                                      st.spec.opts.dry_run, wall_clock{});
  supervise(self, child::scheduler, 0,
            caf::actor_cast<caf::actor>(st.scheduler));
}

// @returns the job of `updater` for `tenant`, or nothing.
std::optional<uint64_t> job_index(const supervisor_state& st,
                                  const std::string& tenant,
                                  const std::string& updater) {
  for (uint64_t i = 0; i < st.updaters.size(); ++i)
    if (st.updaters[i].tenant_id == tenant
        && st.updaters[i].kind->name == updater)
      return i;
  return std::nullopt;
}

// Gives jobs generators built from new settings.
// @returns how many jobs changed, or the error of the first that failed.
caf::result<uint64_t> change_settings(self_ptr self,
                                      const std::vector<job_settings>& all) {
  // Build every generator first, so that one that fails changes nothing.
  auto& st = self->state;
  std::vector<std::pair<uint64_t, std::shared_ptr<const gen::generator>>>
    built;
  for (auto& change : all) {
    auto index = job_index(st, change.tenant_id, change.updater);
    if (!index)
      return make_error(ec::unknown_updater,
                        "tenant " + change.tenant_id + " has no updater "
                          + change.updater);
    auto settings = nlohmann::json::parse(change.settings, nullptr, false);
    try {
      built.emplace_back(*index, st.updaters[*index].kind->make(settings));
    } catch (const std::exception& e) {
      return make_error(ec::invalid_config, "the settings of "
                                              + change.updater
                                              + " do not build: " + e.what());
    }
  }
  // Keep each for restarts and hand it to the job's live updater; a dead
  // one gets it when it is respawned.
  for (auto& [index, generator] : built) {
    st.updaters[index].generator = generator;
    for (auto& c : st.children)
      if (c.kind == child::updater && c.index == index)
        self->send(caf::actor_cast<updater_actor>(c.handle),
                   atom::settings_v, generator);
    spdlog::info("supervisor gave {} for tenant {} new settings",
                 st.updaters[index].kind->name, st.updaters[index].tenant_id);
  }
  return static_cast<uint64_t>(built.size());
}

void restart(self_ptr self, const child& dead) {
  // Respawn and hand the new actor to everyone that talks to it.
  auto& st = self->state;
  switch (dead.kind) {
    case child::db_writer: {
      auto writer = spawn_writer(self);
      st.writers[dead.index] = writer;
      supervise(self, child::db_writer, dead.index,
                caf::actor_cast<caf::actor>(writer));
      for (auto& c : st.children)
        if (c.kind == child::updater
            && c.index % st.writers.size() == dead.index)
          self->send(caf::actor_cast<updater_actor>(c.handle),
                     atom::updater_v, writer);
      if (dead.index == 0)
        self->send(st.scheduler, atom::updater_v, writer);
      break;
    }
    case child::updater: {
      auto actor = spawn_updater(self, dead.index);
      supervise(self, child::updater, dead.index,
                caf::actor_cast<caf::actor>(actor));
      self->send(st.scheduler, atom::updater_v, dead.index, actor);
      break;
    }
    case child::logger: {
      st.logger = self->system().spawn(logger, st.spec.cfg.logging);
      supervise(self, child::logger, 0,
                caf::actor_cast<caf::actor>(st.logger));
      break;
    }
    default:
      // The scheduler and the registry hold the run state; losing either
      // ends the daemon so that the service manager starts it afresh.
      spdlog::critical("supervisor lost the {}: stopping",
                       dead.kind == child::scheduler ? "scheduler"
                                                     : "registry");
      self->quit(make_error(ec::internal, "a core actor died"));
  }
}

void on_down(self_ptr self, const caf::down_msg& msg) {
  // Forget the child; a normal exit needs nothing more.
  auto& st = self->state;
  auto i = std::find_if(st.children.begin(), st.children.end(),
                        [&](const child& c) {
                          return c.handle.address() == msg.source;
                        });
  if (i == st.children.end())
    return;
  auto dead = *i;
  st.children.erase(i);
  if (st.stopping || msg.reason == caf::exit_reason::normal
      || msg.reason == caf::exit_reason::user_shutdown)
    return;
  // Too many restarts in the window: give up with a non-zero exit.
  auto now = std::chrono::steady_clock::now();
  while (!st.restarts.empty()
         && now - st.restarts.front() > st.spec.restart_window)
    st.restarts.pop_front();
  if (static_cast<int>(st.restarts.size()) >= st.spec.max_restarts) {
    spdlog::critical("supervisor saw {} restarts within {} s: stopping",
                     st.restarts.size() + 1, st.spec.restart_window.count());
    self->quit(make_error(ec::internal, "too many restarts"));
    return;
  }
  st.restarts.push_back(now);
  ++st.restart_count;
  // Wait before respawning; the wait doubles with each recent restart.
  auto delay = std::min<std::chrono::milliseconds>(
    first_restart_delay * (1 << (st.restarts.size() - 1)),
    max_restart_delay);
  spdlog::warn("supervisor restarts a child in {} ms after it died: {}",
               delay.count(), caf::to_string(msg.reason));
  auto ticket = st.next_ticket++;
  st.dead.emplace(ticket, dead);
  self->delayed_send(self, delay, atom::restart_v, ticket);
}

void end_tree(self_ptr self, caf::typed_response_promise<uint64_t> rp) {
  // Each db-writer handles what it was sent first, failed runs to record
  // among it: its answer to a ping comes after all of that.
  auto& writers = self->state.writers;
  auto left = std::make_shared<size_t>(writers.size());
  auto end = [=]() mutable {
    if (--*left > 0)
      return;
    for (auto& c : self->state.children)
      if (c.handle)
        self->send_exit(c.handle, caf::exit_reason::user_shutdown);
    rp.deliver(uint64_t{0});
  };
  for (auto& writer : writers)
    self->request(writer, caf::infinite, atom::ping_v)
      .then([=](caf::timespan) mutable { end(); },
            [=](caf::error&) mutable { end(); });
}

} // namespace

supervisor_actor::behavior_type supervisor(self_ptr self,
                                           supervisor_spec spec) {
  self->state.spec = std::move(spec);
  self->set_down_handler([=](caf::down_msg& msg) { on_down(self, msg); });
  // A child's end reaches the down handler; it must not end the supervisor.
  self->set_exit_handler([](caf::exit_msg&) {});
  build_tree(self);
  // Reading and copying the configuration left freed memory in every
  // arena; give it back, since a daemon of many tenants keeps running.
  malloc_trim(0);
  return {
    [=](atom::once, caf::timestamp at) {
      return self->delegate(self->state.scheduler, atom::once_v, at);
    },
    [=](atom::execute, std::string& updater, std::string& tenant,
        bool dry_run) {
      return self->delegate(self->state.scheduler, atom::execute_v,
                            std::move(updater), std::move(tenant), dry_run);
    },
    [=](atom::status) {
      return self->delegate(self->state.registry, atom::status_v);
    },
    [=](atom::start) {
      return self->delegate(self->state.scheduler, atom::start_v);
    },
    [=](atom::stop) {
      return self->delegate(self->state.scheduler, atom::stop_v);
    },
    [=](atom::logs, uint64_t lines, std::string& level) {
      return self->delegate(self->state.logger, atom::logs_v, lines,
                            std::move(level));
    },
    [=](atom::ping) {
      return self->delegate(self->state.writers.front(), atom::ping_v);
    },
    [=](atom::purge, db::purge_filter& filter, bool dry_run) {
      return self->delegate(self->state.writers.front(), atom::purge_v,
                            std::move(filter), dry_run);
    },
    [=](atom::metrics) -> caf::result<daemon_numbers> {
      // The scheduler's numbers, completed with the restarts.
      auto rp = self->make_response_promise<daemon_numbers>();
      // The scheduler answers at once; a timer here would hold up the
      // daemon's exit until it expires.
      self->request(self->state.scheduler, caf::infinite, atom::metrics_v)
        .then(
          [=](daemon_numbers& out) mutable {
            out.restarts = self->state.restart_count;
            rp.deliver(std::move(out));
          },
          [=](caf::error& err) mutable { rp.deliver(std::move(err)); });
      return rp;
    },
    [=](atom::rearm, std::vector<job_info>& changes) {
      return self->delegate(self->state.scheduler, atom::rearm_v,
                            std::move(changes));
    },
    [=](atom::settings, const std::vector<job_settings>& changes) {
      return change_settings(self, changes);
    },
    [=](atom::shutdown) -> caf::result<uint64_t> {
      // Let runs in flight finish, then end every child.
      auto rp = self->make_response_promise<uint64_t>();
      self->state.stopping = true;
      self->request(self->state.scheduler, caf::infinite, atom::drain_v)
        .then([=](uint64_t) { end_tree(self, rp); },
              [=](caf::error& err) {
                spdlog::error("supervisor cannot drain the scheduler: {}",
                              render(err));
                end_tree(self, rp);
              });
      return rp;
    },
    [=](atom::restart, uint64_t ticket) {
      auto& st = self->state;
      auto i = st.dead.find(ticket);
      if (i == st.dead.end())
        return;
      auto dead = i->second;
      st.dead.erase(i);
      if (!st.stopping)
        restart(self, dead);
    },
  };
}

} // namespace dbu
