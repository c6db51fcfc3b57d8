#include "actors/scheduler_gate.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

namespace dbu::gate {

namespace {

// The database cancels a run's writing at the run's timeout; an answer
// that has not come this long after it means something is stuck.
constexpr auto backstop_grace = std::chrono::seconds{5};

/// @returns the failed result of a run of `req` that never ran to its end.
run_result failed(const run_request& req, std::string error, ec code,
                  caf::timestamp now) {
  run_result res;
  res.tenant_id = req.tenant_id;
  res.updater = req.updater;
  res.trigger = req.trigger;
  res.fire_time = req.fire_time;
  res.started_at = now;
  res.status = run_status::failed;
  res.error = std::move(error);
  res.code = code;
  return res;
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
  answer_drains(self);
}

void settle(self_ptr self, uint64_t index, uint64_t serial, run_result res) {
  // Only the job's current run ends here; an earlier one ended already.
  auto& job = self->state.jobs[index];
  if (serial != job.serial || !job.current)
    return;
  auto done = std::move(job.current->done);
  job.current.reset();
  finish(self, index, std::move(res), done);
}

void dispatch(self_ptr self, queued_run run);

void lost(self_ptr self, uint64_t index, uint64_t serial,
          const caf::actor_addr& target, const caf::error& err) {
  // An updater that was gone before it took the run: the run goes to the
  // replacement, or waits for it.
  auto& st = self->state;
  auto& job = st.jobs[index];
  if (serial != job.serial || !job.current)
    return;
  if (err == caf::sec::request_receiver_down) {
    auto run = std::move(*job.current);
    job.current.reset();
    --st.in_flight;
    if (job.actor.address() == target)
      job.down = true;
    dispatch(self, std::move(run));
    pump(self);
    return;
  }
  // Anything else fails the run.
  auto req = job.current->request;
  auto res = failed(req, "the updater did not answer: " + render(err),
                    ec::internal, st.now());
  spdlog::error("scheduler lost run of {} for tenant {}: {}", req.updater,
                req.tenant_id, res.error);
  settle(self, index, serial, std::move(res));
}

void dispatch(self_ptr self, queued_run run) {
  // A run for a dead updater waits for the replacement, outside the gate.
  auto& st = self->state;
  auto index = run.index;
  auto& job = st.jobs[index];
  if (job.down) {
    spdlog::warn("scheduler holds a run of {} for tenant {} until its "
                 "updater is back",
                 job.updater, job.tenant_id);
    job.parked = std::move(run);
    return;
  }
  // Hand it to the updater, which answers every run it takes, failed and
  // timed out ones too; the job stays busy until then.
  ++st.in_flight;
  self->send(st.registry, atom::start_v, job.tenant_id, job.updater);
  auto serial = ++job.serial;
  auto target = job.actor.address();
  auto req = run.request;
  job.current = std::move(run);
  self->request(job.actor, caf::infinite, atom::execute_v, std::move(req))
    .then(
      [=](run_result& res) { settle(self, index, serial, std::move(res)); },
      [=](caf::error& err) { lost(self, index, serial, target, err); });
  // Arm the backstop.
  auto timeout = std::chrono::seconds{st.limits.execution_timeout_seconds};
  self->delayed_send(self, timeout + backstop_grace, atom::overdue_v, index,
                     serial);
}

} // namespace

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

bool has_room(self_ptr self) {
  auto& st = self->state;
  auto slots = static_cast<uint64_t>(st.limits.max_concurrent_executions);
  return st.in_flight < slots
         || st.queue.size() < static_cast<size_t>(st.limits.queue_capacity);
}

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
  // A free slot goes to the run that waited longest: one that comes in
  // as a slot frees queues behind those.
  auto max = static_cast<uint64_t>(st.limits.max_concurrent_executions);
  if (st.in_flight < max) {
    job.busy = true;
    st.queue.push_back(std::move(run));
    pump(self);
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

void on_overdue(self_ptr self, uint64_t index, uint64_t serial) {
  // Only a run still going counts; the job keeps waiting for its answer,
  // so that it never overlaps itself.
  auto& st = self->state;
  if (index >= st.jobs.size())
    return;
  auto& job = st.jobs[index];
  if (serial != job.serial || !job.current)
    return;
  spdlog::warn("scheduler sees a run of {} for tenant {} go on past its "
               "timeout of {} s; the job waits for it",
               job.updater, job.tenant_id,
               st.limits.execution_timeout_seconds);
}

void on_updater_down(self_ptr self, const caf::down_msg& msg) {
  // The run in flight of a dead updater fails (the ledger has what it
  // wrote); later runs of its job wait for the replacement.
  auto& st = self->state;
  for (uint64_t i = 0; i < st.jobs.size(); ++i) {
    auto& job = st.jobs[i];
    if (job.actor.address() != msg.source)
      continue;
    job.down = true;
    if (!job.current)
      continue;
    auto req = job.current->request;
    auto res = failed(req,
                      "the updater died before it answered: "
                        + caf::to_string(msg.reason),
                      ec::internal, st.now());
    spdlog::error("scheduler lost run of {} for tenant {}: {}", req.updater,
                  req.tenant_id, res.error);
    settle(self, i, job.serial, std::move(res));
  }
}

void replace_updater(self_ptr self, uint64_t index, updater_actor actor) {
  // Watch the new updater.
  auto& st = self->state;
  if (index >= st.jobs.size())
    return;
  auto& job = st.jobs[index];
  self->monitor(actor);
  job.actor = std::move(actor);
  job.down = false;
  // The run held for it starts now, or first when a slot frees.
  if (!job.parked)
    return;
  auto run = std::move(*job.parked);
  job.parked.reset();
  auto max = static_cast<uint64_t>(st.limits.max_concurrent_executions);
  if (st.in_flight < max)
    dispatch(self, std::move(run));
  else
    st.queue.push_front(std::move(run));
}

void drop_waiting(self_ptr self) {
  // Collect what waits in the queue and for updaters.
  auto& st = self->state;
  auto waiting = std::move(st.queue);
  st.queue.clear();
  for (auto& job : st.jobs) {
    if (job.parked)
      waiting.push_back(std::move(*job.parked));
    job.parked.reset();
  }
  // None of it starts; whoever asked for a run learns why.
  if (!waiting.empty())
    spdlog::warn("scheduler drops {} waiting run(s): the daemon is stopping",
                 waiting.size());
  for (auto& run : waiting) {
    st.jobs[run.index].busy = false;
    if (run.done)
      run.done(failed(run.request,
                      "the daemon is stopping; the run did not start",
                      ec::busy, st.now()));
  }
}

void answer_drains(self_ptr self) {
  auto& st = self->state;
  if (st.in_flight != 0 || !st.queue.empty())
    return;
  for (auto& rp : st.drains)
    rp.deliver(uint64_t{0});
  st.drains.clear();
}

} // namespace dbu::gate
