#include "actors/scheduler.hpp"

#include "actors/scheduler_gate.hpp"

#include <spdlog/spdlog.h>

#include <date/date.h>

#include <chrono>
#include <deque>
#include <memory>

namespace dbu {

namespace {

using self_ptr = scheduler_actor::stateful_pointer<scheduler_state>;

std::string iso(caf::timestamp t) {
  auto secs = std::chrono::time_point_cast<std::chrono::seconds>(t);
  return date::format("%FT%TZ", secs);
}

void arm(self_ptr self, uint64_t index, caf::timestamp after) {
  // One delayed message per job; a new generation voids older timers.
  auto& job = self->state.jobs[index];
  if (!job.enabled || !self->state.scheduling)
    return;
  auto next = cron::next_fire(job.schedule, job.zone, after);
  job.next_fire = caf::timestamp{next};
  ++job.generation;
  auto delay = job.next_fire - self->state.now();
  if (delay < caf::timespan{0})
    delay = caf::timespan{0};
  self->delayed_send(self, delay, atom::fire_v, index, job.generation);
  self->send(self->state.registry, atom::next_fire_v, job.tenant_id,
             job.updater, job.next_fire);
}

/// @returns the latest fire of `job` at or before `now`, looking back at
/// most a year; the epoch when there is none.
caf::timestamp latest_fire(const scheduled_job& job, caf::timestamp now) {
  // Widen the look-back until a fire falls in it, then walk forward to the
  // last one; the first window that holds a fire holds few.
  using namespace std::chrono;
  for (auto back : {seconds{60}, seconds{3600}, seconds{86400},
                    seconds{86400 * 31}, seconds{86400 * 366}}) {
    auto t = cron::next_fire(job.schedule, job.zone, now - back);
    if (caf::timestamp{t} > now)
      continue;
    for (auto next = t; caf::timestamp{next} <= now;
         next = cron::next_fire(job.schedule, job.zone, next))
      t = next;
    return caf::timestamp{t};
  }
  return caf::timestamp{};
}

uint64_t rearm(self_ptr self, const std::vector<job_info>& changes) {
  // Replace the schedule and switch of each named job, then arm it afresh.
  auto& st = self->state;
  uint64_t changed = 0;
  for (auto& change : changes) {
    for (uint64_t i = 0; i < st.jobs.size(); ++i) {
      auto& job = st.jobs[i];
      if (job.tenant_id != change.tenant_id || job.updater != change.updater)
        continue;
      auto sched = cron::parse(change.schedule);
      if (!sched) {
        spdlog::error("scheduler keeps the schedule of {} for tenant {}: {}",
                      job.updater, job.tenant_id, render(sched.error()));
        continue;
      }
      job.schedule = std::move(*sched);
      job.enabled = change.enabled;
      ++job.generation;
      job.next_fire = caf::timestamp{};
      self->send(st.registry, atom::rearm_v, change);
      self->send(st.registry, atom::next_fire_v, job.tenant_id, job.updater,
                 job.next_fire);
      arm(self, i, self->state.now());
      spdlog::info("scheduler re-armed {} for tenant {}: {}{}", job.updater,
                   job.tenant_id, change.schedule,
                   job.enabled ? "" : " (disabled)");
      ++changed;
    }
  }
  return changed;
}

void run_missed_fires(self_ptr self) {
  // `run_once`: the latest fire before the start runs now; when it was
  // written before the stop, the ledger turns it into a no-op.
  auto& st = self->state;
  if (st.limits.misfire_policy != "run_once" || !st.scheduling)
    return;
  auto now = self->state.now();
  for (uint64_t i = 0; i < st.jobs.size(); ++i) {
    auto& job = st.jobs[i];
    auto fire = latest_fire(job, now);
    if (!job.enabled || fire == caf::timestamp{})
      continue;
    run_request req;
    req.tenant_id = job.tenant_id;
    req.updater = job.updater;
    req.trigger = run_trigger::schedule;
    req.fire_time = fire;
    req.dry_run = st.dry_run;
    gate::submit(self, queued_run{i, std::move(req), nullptr});
  }
}

void on_fire(self_ptr self, uint64_t index, uint64_t generation) {
  // Ignore timers of an older arming and timers that woke early.
  auto& st = self->state;
  if (index >= st.jobs.size() || !st.scheduling)
    return;
  auto& job = st.jobs[index];
  if (generation != job.generation)
    return;
  auto now = self->state.now();
  if (now < job.next_fire) {
    self->delayed_send(self, job.next_fire - now, atom::fire_v, index,
                       generation);
    return;
  }
  // Arm the next fire before running this one; fires missed while late
  // are skipped.
  auto fire_time = job.next_fire;
  if (now - fire_time > std::chrono::seconds{1})
    spdlog::warn("scheduler fires {} for tenant {} late: due {}, now {}",
                 job.updater, job.tenant_id, iso(fire_time), iso(now));
  arm(self, index, std::max(fire_time, now));
  run_request req;
  req.tenant_id = job.tenant_id;
  req.updater = job.updater;
  req.trigger = run_trigger::schedule;
  req.fire_time = fire_time;
  req.dry_run = st.dry_run;
  gate::submit(self, queued_run{index, std::move(req), nullptr});
}

// Collects the results of several runs and answers once all are in.
struct collector {
  caf::typed_response_promise<std::vector<run_result>> promise;
  std::vector<run_result> results;
  size_t expected = 0;

  void add(run_result res) {
    results.push_back(std::move(res));
    if (results.size() == expected)
      promise.deliver(std::move(results));
  }
};

// The runs of one request, fed to the gate as it has room: a request for
// more runs than the gate holds (every tenant, `--once` of many jobs)
// waits its turn instead of failing; only a request that finds no room
// while none of its own runs is in the gate is refused as busy.
struct feed {
  std::shared_ptr<collector> coll;
  std::deque<uint64_t> pending;
  bool dry_run = false;
  caf::timestamp fire_time;
  size_t outstanding = 0;
};

// @returns the result of a run of job `job` that did not start.
run_result not_started(const scheduled_job& job, const run_request& req,
                       std::string why) {
  run_result res;
  res.tenant_id = job.tenant_id;
  res.updater = job.updater;
  res.trigger = req.trigger;
  res.error = std::move(why);
  res.code = ec::busy;
  return res;
}

void feed_gate(self_ptr self, const std::shared_ptr<feed>& f) {
  while (!f->pending.empty()) {
    auto index = f->pending.front();
    auto& job = self->state.jobs[index];
    run_request req;
    req.tenant_id = job.tenant_id;
    req.updater = job.updater;
    req.trigger = f->dry_run ? run_trigger::test : run_trigger::manual;
    req.fire_time = f->fire_time;
    req.dry_run = f->dry_run || self->state.dry_run;
    // A stopping daemon starts none of the runs still to come.
    if (self->state.stopping) {
      f->pending.pop_front();
      f->coll->add(not_started(job, req, "the daemon is stopping; the run "
                                         "did not start"));
      continue;
    }
    // A run of ours that ends makes room and feeds the next.
    if (!job.busy && !gate::has_room(self) && f->outstanding > 0)
      return;
    f->pending.pop_front();
    if (job.busy) {
      f->coll->add(
        not_started(job, req, "a run of this job is already going"));
      continue;
    }
    ++f->outstanding;
    auto done = [self, f](run_result res) {
      --f->outstanding;
      f->coll->add(std::move(res));
      feed_gate(self, f);
    };
    if (!gate::submit(self, queued_run{index, req, done})) {
      --f->outstanding;
      f->coll->add(not_started(job, req, "busy: the execution queue is full"));
    }
  }
}

caf::result<std::vector<run_result>>
run_now(self_ptr self, const std::vector<uint64_t>& indices, bool dry_run,
        caf::timestamp fire_time) {
  // Every selected job goes through the gate; the reply waits for all.
  if (indices.empty())
    return std::vector<run_result>{};
  auto rp = self->make_response_promise<std::vector<run_result>>();
  auto f = std::make_shared<feed>();
  f->coll = std::make_shared<collector>();
  f->coll->promise = rp;
  f->coll->expected = indices.size();
  f->pending.assign(indices.begin(), indices.end());
  f->dry_run = dry_run;
  f->fire_time = fire_time;
  feed_gate(self, f);
  return rp;
}

} // namespace

scheduler_actor::behavior_type
scheduler(self_ptr self, std::vector<scheduled_job> jobs,
          execution_config limits, registry_actor registry,
          db_writer_actor db, bool scheduling, bool dry_run,
          wall_clock now) {
  auto& st = self->state;
  st.dry_run = dry_run;
  st.jobs = std::move(jobs);
  st.limits = std::move(limits);
  st.registry = std::move(registry);
  st.db = std::move(db);
  st.scheduling = scheduling;
  st.now = now ? std::move(now) : [] { return caf::make_timestamp(); };
  // Watch the updaters: a dead one's run in flight never answers.
  self->set_down_handler(
    [=](caf::down_msg& msg) { gate::on_updater_down(self, msg); });
  for (auto& job : st.jobs)
    if (job.actor)
      self->monitor(job.actor);
  run_missed_fires(self);
  for (uint64_t i = 0; i < st.jobs.size(); ++i)
    arm(self, i, self->state.now());
  return {
    [=](atom::fire, uint64_t index, uint64_t generation) {
      on_fire(self, index, generation);
    },
    [=](atom::overdue, uint64_t index, uint64_t serial) {
      gate::on_overdue(self, index, serial);
    },
    [=](atom::start) {
      auto was_off = !self->state.scheduling;
      self->state.scheduling = true;
      if (was_off) {
        spdlog::info("scheduler resumed scheduling");
        for (uint64_t i = 0; i < self->state.jobs.size(); ++i)
          arm(self, i, self->state.now());
      }
      return was_off;
    },
    [=](atom::stop) {
      auto was_on = self->state.scheduling;
      self->state.scheduling = false;
      // Void every armed timer.
      for (auto& job : self->state.jobs) {
        ++job.generation;
        job.next_fire = caf::timestamp{};
        self->send(self->state.registry, atom::next_fire_v, job.tenant_id,
                   job.updater, job.next_fire);
      }
      if (was_on)
        spdlog::info("scheduler paused scheduling");
      return was_on;
    },
    [=](atom::execute, const std::string& updater, const std::string& tenant,
        bool dry_run) -> caf::result<std::vector<run_result>> {
      std::vector<uint64_t> indices;
      bool updater_known = false;
      bool tenant_known = tenant.empty();
      for (uint64_t i = 0; i < self->state.jobs.size(); ++i) {
        auto& job = self->state.jobs[i];
        updater_known |= job.updater == updater;
        tenant_known |= job.tenant_id == tenant;
        if (job.updater == updater
            && (tenant.empty() || job.tenant_id == tenant))
          indices.push_back(i);
      }
      if (!updater_known)
        return make_error(ec::unknown_updater,
                          "no updater is called \"" + updater + "\"");
      if (!tenant_known)
        return make_error(ec::unknown_tenant,
                          "no tenant has the id \"" + tenant + "\"");
      if (indices.empty())
        return make_error(ec::unknown_updater, "the tenant \"" + tenant
                                                 + "\" has no updater \""
                                                 + updater + "\"");
      return run_now(self, indices, dry_run, self->state.now());
    },
    [=](atom::once, caf::timestamp at) {
      std::vector<uint64_t> indices;
      for (uint64_t i = 0; i < self->state.jobs.size(); ++i)
        if (self->state.jobs[i].enabled)
          indices.push_back(i);
      return run_now(self, indices, false, at);
    },
    [=](atom::metrics) {
      auto& st = self->state;
      daemon_numbers out;
      out.scheduling = st.scheduling;
      out.in_flight = st.in_flight;
      out.queued = st.queue.size();
      out.skipped_overlap = st.skipped_overlap;
      out.rejected = st.rejected;
      return out;
    },
    [=](atom::rearm, const std::vector<job_info>& changes) {
      return rearm(self, changes);
    },
    [=](atom::drain) -> caf::result<uint64_t> {
      auto& st = self->state;
      st.scheduling = false;
      st.stopping = true;
      for (auto& job : st.jobs)
        ++job.generation;
      // Runs that wait have not started and do not start now.
      gate::drop_waiting(self);
      if (st.in_flight == 0)
        return uint64_t{0};
      auto rp = self->make_response_promise<uint64_t>();
      st.drains.push_back(rp);
      return rp;
    },
    [=](atom::updater, uint64_t index, updater_actor& actor) {
      gate::replace_updater(self, index, std::move(actor));
    },
    [=](atom::updater, db_writer_actor& db) {
      self->state.db = std::move(db);
    },
  };
}

} // namespace dbu
