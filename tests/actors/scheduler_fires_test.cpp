// Scheduled fires, driven deterministically: CAF's test coordinator runs
// the actors and their timers, and the scheduler reads a wall clock that
// the test moves in step with the coordinator's clock.

#include "actors/logger.hpp"
#include "actors/registry.hpp"
#include "actors/scheduler.hpp"

#include <caf/scheduler/test_coordinator.hpp>
#include <gtest/gtest.h>

#include <algorithm>

using namespace dbu;
using namespace std::chrono_literals;

namespace {

// What the held updaters saw, across all of them.
struct tally {
  int now = 0;
  int peak = 0;
  int total = 0;
};

struct held_state {
  static inline const char* name = "held-updater";
  std::vector<caf::typed_response_promise<run_result>> open;
};

// An updater that holds every run until it gets `retry`, then lets all of
// them succeed.
updater_actor::behavior_type
held_updater(updater_actor::stateful_pointer<held_state> self, tally* t) {
  return {
    [=](atom::execute, run_request& req) -> caf::result<run_result> {
      t->peak = std::max(t->peak, ++t->now);
      ++t->total;
      auto rp = self->make_response_promise<run_result>();
      self->state.open.push_back(rp);
      (void) req;
      return rp;
    },
    [=](atom::updater, db_writer_actor&) {},
    [=](atom::settings, std::shared_ptr<const gen::generator>&) {},
    [=](atom::retry, const std::string&) {
      for (auto& rp : self->state.open) {
        --t->now;
        run_result res;
        res.status = run_status::succeeded;
        rp.deliver(std::move(res));
      }
      self->state.open.clear();
    },
  };
}

struct SchedulerFires : ::testing::Test {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  caf::scheduler::test_coordinator* sched = nullptr;
  std::unique_ptr<caf::scoped_actor> self;
  // Half a second before 2024-01-01T00:00:01Z.
  caf::timestamp wall{std::chrono::seconds{1704067200} + 500ms};
  tally t;
  std::vector<updater_actor> updaters;
  scheduler_actor scheduler_handle;

  SchedulerFires() {
    // Keep the log in memory, to read its warnings.
    logging_config log;
    log.directory = "";
    log.level = "debug";
    EXPECT_TRUE(setup_logging(log));
    register_messages(cfg);
    cfg.set("scheduler.policy", caf::atom("testing"));
    sys = std::make_unique<caf::actor_system>(cfg);
    sched = &dynamic_cast<caf::scheduler::test_coordinator&>(
      sys->scheduler());
    self = std::make_unique<caf::scoped_actor>(*sys, true);
  }

  ~SchedulerFires() override {
    // The actor system waits for every actor when it ends.
    for (auto& u : updaters)
      caf::anon_send_exit(u, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(scheduler_handle, caf::exit_reason::user_shutdown);
    sched->run();
  }

  updater_actor spawn_updater() {
    updaters.push_back(sys->spawn(held_updater, &t));
    return updaters.back();
  }

  // Jobs for `tenants` tenants of one updater that fire every second.
  void spawn(int tenants, int max_concurrent, int queue, int timeout = 300) {
    std::vector<scheduled_job> jobs;
    std::vector<job_info> infos;
    for (int i = 0; i < tenants; ++i) {
      scheduled_job job;
      job.tenant_id = "tenant-" + std::to_string(i);
      job.updater = "service_tickets";
      job.schedule = *cron::parse("* * * * * *");
      job.zone = *cron::find_zone("UTC");
      job.actor = spawn_updater();
      job_info info;
      info.tenant_id = job.tenant_id;
      info.updater = job.updater;
      infos.push_back(std::move(info));
      jobs.push_back(std::move(job));
    }
    execution_config limits;
    limits.max_concurrent_executions = max_concurrent;
    limits.queue_capacity = queue;
    limits.execution_timeout_seconds = timeout;
    auto reg = sys->spawn(registry, infos);
    scheduler_handle = sys->spawn(scheduler, std::move(jobs), limits, reg,
                                  db_writer_actor{}, true, false,
                                  wall_clock{[this] { return wall; }});
    sched->run();
  }

  // Moves both clocks by `d`, then lets every actor handle its messages.
  void advance(caf::timespan d) {
    wall += d;
    sched->clock().advance_time(d);
    sched->run();
  }

  // Lets every held run succeed.
  void release() {
    for (auto& u : updaters)
      caf::anon_send(u, atom::retry_v, std::string{});
    sched->run();
  }

  daemon_numbers numbers() {
    daemon_numbers out;
    (*self)->send(scheduler_handle, atom::metrics_v);
    sched->run();
    (*self)->receive([&](daemon_numbers& x) { out = x; },
                     caf::after(0s) >> [] { ADD_FAILURE() << "no metrics"; });
    return out;
  }

  static size_t warnings(const std::string& needle) {
    auto lines = recent_logs(1000, "warn");
    return std::count_if(lines.begin(), lines.end(), [&](auto& line) {
      return line.find(needle) != std::string::npos;
    });
  }
};

} // namespace

TEST_F(SchedulerFires, SkipsAFireWhileThePreviousRunGoesOn) {
  // The fire of 00:00:01 starts a run that goes on.
  spawn(1, 4, 100);
  advance(500ms);
  EXPECT_EQ(t.total, 1);
  // The fire of 00:00:02 finds the job busy: skipped, counted, warned.
  advance(1s);
  auto n = numbers();
  EXPECT_EQ(t.total, 1);
  EXPECT_EQ(n.skipped_overlap, 1u);
  EXPECT_EQ(n.in_flight, 1u);
  EXPECT_EQ(warnings("skipped a fire of service_tickets for tenant "
                     "tenant-0"),
            1u);
  // Once the run ended, the next fire runs again.
  release();
  advance(1s);
  EXPECT_EQ(t.total, 2);
  EXPECT_EQ(numbers().skipped_overlap, 1u);
}

TEST_F(SchedulerFires, HoldsTheGateForScheduledFires) {
  // Three jobs fire at once through one slot: one runs, two wait.
  spawn(3, 1, 100);
  advance(500ms);
  auto n = numbers();
  EXPECT_EQ(t.total, 1);
  EXPECT_EQ(n.in_flight, 1u);
  EXPECT_EQ(n.queued, 2u);
  // Each end lets the next waiting run go, one at a time.
  release();
  EXPECT_EQ(t.total, 2);
  release();
  EXPECT_EQ(t.total, 3);
  release();
  EXPECT_EQ(t.peak, 1);
  EXPECT_EQ(numbers().in_flight, 0u);
}

TEST_F(SchedulerFires, RejectsScheduledFiresBeyondTheQueue) {
  // One slot, one place in the queue, three fires.
  spawn(3, 1, 1);
  advance(500ms);
  auto n = numbers();
  EXPECT_EQ(n.in_flight, 1u);
  EXPECT_EQ(n.queued, 1u);
  EXPECT_EQ(n.rejected, 1u);
  EXPECT_EQ(warnings("rejected a run of service_tickets"), 1u);
}

TEST_F(SchedulerFires, KeepsAJobBusyPastItsTimeoutUntilTheUpdaterAnswers) {
  // A run of a job with a one-second timeout that does not answer.
  spawn(1, 4, 100, 1);
  advance(500ms);
  ASSERT_EQ(t.total, 1);
  // Seconds pass: every fire is skipped, the backstop warns once, and the
  // run is neither failed nor replaced.
  for (int i = 0; i < 8; ++i)
    advance(1s);
  auto n = numbers();
  EXPECT_EQ(t.total, 1);
  EXPECT_EQ(n.in_flight, 1u);
  EXPECT_EQ(n.skipped_overlap, 8u);
  EXPECT_EQ(warnings("go on past its timeout of 1 s"), 1u);
  // Its late answer ends it; the job runs again on the next fire.
  release();
  EXPECT_EQ(numbers().in_flight, 0u);
  advance(1s);
  EXPECT_EQ(t.total, 2);
}

TEST_F(SchedulerFires, HoldsAFireForADeadUpdaterUntilItsReplacementComes) {
  // The job's updater dies before the fire.
  spawn(1, 4, 100);
  caf::anon_send_exit(updaters.front(), caf::exit_reason::kill);
  sched->run();
  advance(500ms);
  EXPECT_EQ(t.total, 0);
  EXPECT_EQ(numbers().in_flight, 0u);
  EXPECT_EQ(warnings("holds a run of service_tickets"), 1u);
  // Fires while it is held are skipped as overlaps.
  advance(1s);
  EXPECT_EQ(numbers().skipped_overlap, 1u);
  // The replacement gets the held fire.
  caf::anon_send(scheduler_handle, atom::updater_v, uint64_t{0},
                 spawn_updater());
  sched->run();
  EXPECT_EQ(t.total, 1);
  EXPECT_EQ(numbers().in_flight, 1u);
}

TEST_F(SchedulerFires, FailsTheRunOfAnUpdaterThatDiesBeforeItAnswers) {
  // A run goes to the updater, which dies holding it.
  spawn(1, 4, 100);
  (*self)->send(scheduler_handle, atom::execute_v,
                std::string{"service_tickets"}, std::string{}, false);
  sched->run();
  ASSERT_EQ(t.total, 1);
  caf::anon_send_exit(updaters.front(), caf::exit_reason::kill);
  sched->run();
  // The request is answered with the failure; no slot stays taken.
  std::vector<run_result> results;
  (*self)->receive([&](std::vector<run_result>& xs) { results = xs; },
                   caf::after(0s) >> [] { ADD_FAILURE() << "no answer"; });
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].status, run_status::failed);
  EXPECT_NE(results[0].error.find("died before it answered"),
            std::string::npos)
    << results[0].error;
  EXPECT_EQ(numbers().in_flight, 0u);
}
