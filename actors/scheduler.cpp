#include "actors/scheduler.hpp"

#include <spdlog/spdlog.h>

#include <date/date.h>

#include <chrono>

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
  auto delay = job.next_fire - caf::make_timestamp();
  if (delay < caf::timespan{0})
    delay = caf::timespan{0};
  self->delayed_send(self, delay, atom::fire_v, index, job.generation);
  self->send(self->state.registry, atom::next_fire_v, job.tenant_id,
             job.updater, job.next_fire);
}

void pump(self_ptr self);

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

bool submit(self_ptr self, queued_run run);

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
      arm(self, i, caf::make_timestamp());
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
  auto now = caf::make_timestamp();
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
    submit(self, queued_run{i, std::move(req), nullptr});
  }
}

void finish(self_ptr self, uint64_t index, run_result res,
            const std::function<void(run_result)>& done) {
  // Free the slot, tell the registry, answer, and start the next waiting.
  auto& st = self->state;
  st.jobs[index].busy = false;
  --st.in_flight;
  self->send(st.registry, atom::done_v, res);
  if (done)
    done(std::move(res));
  pump(self);
  if (st.in_flight == 0 && st.queue.empty()) {
    for (auto& rp : st.drains)
      rp.deliver(uint64_t{0});
    st.drains.clear();
  }
}

void dispatch(self_ptr self, queued_run run) {
  // Hand the run to the job's updater; a dead or stuck updater fails it.
  auto& st = self->state;
  auto index = run.index;
  auto& job = st.jobs[index];
  ++st.in_flight;
  self->send(st.registry, atom::start_v, job.tenant_id, job.updater);
  auto timeout = std::chrono::seconds{st.limits.execution_timeout_seconds};
  auto done = std::move(run.done);
  auto req = run.request;
  self->request(job.actor, timeout, atom::execute_v, std::move(run.request))
    .then(
      [=](run_result& res) { finish(self, index, std::move(res), done); },
      [=](caf::error& err) {
        run_result res;
        res.tenant_id = req.tenant_id;
        res.updater = req.updater;
        res.trigger = req.trigger;
        res.fire_time = req.fire_time;
        res.started_at = caf::make_timestamp();
        res.status = run_status::failed;
        res.error = "the updater did not answer: " + render(err);
        res.code = err == caf::sec::request_timeout ? ec::timeout
                                                    : ec::internal;
        spdlog::error("scheduler lost run of {} for tenant {}: {}",
                      req.updater, req.tenant_id, res.error);
        finish(self, index, std::move(res), done);
      });
}

void pump(self_ptr self) {
  // Start waiting runs while slots are free.
  auto& st = self->state;
  auto max = static_cast<uint64_t>(st.limits.max_concurrent_executions);
  while (st.in_flight < max && !st.queue.empty()) {
    auto run = std::move(st.queue.front());
    st.queue.pop_front();
    dispatch(self, std::move(run));
  }
}

/// @returns false when the queue is full.
bool submit(self_ptr self, queued_run run) {
  // A job runs once at a time; fires beyond the gate wait in the queue.
  auto& st = self->state;
  auto& job = st.jobs[run.index];
  if (job.busy) {
    ++st.skipped_overlap;
    self->send(st.registry, atom::skipped_v, job.tenant_id, job.updater);
    spdlog::warn("scheduler skipped a fire of {} for tenant {}: the previous "
                 "run is still going",
                 job.updater, job.tenant_id);
    return true;
  }
  auto max = static_cast<uint64_t>(st.limits.max_concurrent_executions);
  if (st.in_flight < max) {
    job.busy = true;
    dispatch(self, std::move(run));
    return true;
  }
  if (st.queue.size() >= static_cast<size_t>(st.limits.queue_capacity)) {
    ++st.rejected;
    spdlog::warn("scheduler rejected a run of {} for tenant {}: {} runs wait",
                 job.updater, job.tenant_id, st.queue.size());
    return false;
  }
  job.busy = true;
  st.queue.push_back(std::move(run));
  return true;
}

void on_fire(self_ptr self, uint64_t index, uint64_t generation) {
  // Ignore timers of an older arming and timers that woke early.
  auto& st = self->state;
  if (index >= st.jobs.size() || !st.scheduling)
    return;
  auto& job = st.jobs[index];
  if (generation != job.generation)
    return;
  auto now = caf::make_timestamp();
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
  submit(self, queued_run{index, std::move(req), nullptr});
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

caf::result<std::vector<run_result>>
run_now(self_ptr self, const std::vector<uint64_t>& indices, bool dry_run,
        caf::timestamp fire_time) {
  // Every selected job goes through the gate; the reply waits for all.
  if (indices.empty())
    return std::vector<run_result>{};
  auto rp = self->make_response_promise<std::vector<run_result>>();
  auto coll = std::make_shared<collector>();
  coll->promise = rp;
  coll->expected = indices.size();
  for (auto index : indices) {
    auto& job = self->state.jobs[index];
    run_request req;
    req.tenant_id = job.tenant_id;
    req.updater = job.updater;
    req.trigger = dry_run ? run_trigger::test : run_trigger::manual;
    req.fire_time = fire_time;
    req.dry_run = dry_run || self->state.dry_run;
    auto done = [coll](run_result res) { coll->add(std::move(res)); };
    if (job.busy) {
      run_result res;
      res.tenant_id = job.tenant_id;
      res.updater = job.updater;
      res.trigger = req.trigger;
      res.error = "a run of this job is already going";
      res.code = ec::busy;
      coll->add(std::move(res));
      continue;
    }
    if (!submit(self, queued_run{index, req, done})) {
      run_result res;
      res.tenant_id = job.tenant_id;
      res.updater = job.updater;
      res.trigger = req.trigger;
      res.error = "busy: the execution queue is full";
      res.code = ec::busy;
      coll->add(std::move(res));
    }
  }
  return rp;
}

} // namespace

scheduler_actor::behavior_type
scheduler(self_ptr self, std::vector<scheduled_job> jobs,
          execution_config limits, registry_actor registry,
          db_writer_actor db, bool scheduling, bool dry_run) {
  auto& st = self->state;
  st.dry_run = dry_run;
  st.jobs = std::move(jobs);
  st.limits = std::move(limits);
  st.registry = std::move(registry);
  st.db = std::move(db);
  st.scheduling = scheduling;
  run_missed_fires(self);
  for (uint64_t i = 0; i < st.jobs.size(); ++i)
    arm(self, i, caf::make_timestamp());
  return {
    [=](atom::fire, uint64_t index, uint64_t generation) {
      on_fire(self, index, generation);
    },
    [=](atom::start) {
      auto was_off = !self->state.scheduling;
      self->state.scheduling = true;
      if (was_off) {
        spdlog::info("scheduler resumed scheduling");
        for (uint64_t i = 0; i < self->state.jobs.size(); ++i)
          arm(self, i, caf::make_timestamp());
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
        if (job.updater == updater && (tenant.empty() || job.tenant_id == tenant))
          indices.push_back(i);
      }
      if (!updater_known)
        return make_error(ec::unknown_updater,
                          "no updater is called \"" + updater + "\"");
      if (!tenant_known)
        return make_error(ec::unknown_tenant,
                          "no tenant has the id \"" + tenant + "\"");
      return run_now(self, indices, dry_run, caf::make_timestamp());
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
      for (auto& job : st.jobs)
        ++job.generation;
      // Scheduled fires that wait have not started: drop them.
      std::deque<queued_run> keep;
      for (auto& run : st.queue) {
        if (run.done)
          keep.push_back(std::move(run));
        else
          st.jobs[run.index].busy = false;
      }
      st.queue = std::move(keep);
      if (st.in_flight == 0 && st.queue.empty())
        return uint64_t{0};
      auto rp = self->make_response_promise<uint64_t>();
      st.drains.push_back(rp);
      return rp;
    },
    [=](atom::updater, uint64_t index, updater_actor& actor) {
      if (index < self->state.jobs.size())
        self->state.jobs[index].actor = std::move(actor);
    },
    [=](atom::updater, db_writer_actor& db) {
      self->state.db = std::move(db);
    },
  };
}

} // namespace dbu
