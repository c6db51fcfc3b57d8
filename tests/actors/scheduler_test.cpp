#include "actors/registry.hpp"
#include "actors/scheduler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>

using namespace dbu;
using namespace std::chrono_literals;

namespace {

// Counts runs in flight across every fake updater.
struct gauge {
  std::atomic<int> now{0};
  std::atomic<int> peak{0};
  std::atomic<int> total{0};
};

struct fake_state {
  static inline const char* name = "fake-updater";
  std::map<std::string, caf::typed_response_promise<run_result>> open;
  int next = 0;
};

// An updater that holds each run for a while, then succeeds.
updater_actor::behavior_type
fake_updater(updater_actor::stateful_pointer<fake_state> self, gauge* g) {
  return {
    [=](atom::execute, run_request& req) -> caf::result<run_result> {
      auto n = ++g->now;
      ++g->total;
      auto peak = g->peak.load();
      while (n > peak && !g->peak.compare_exchange_weak(peak, n)) {
      }
      auto id = std::to_string(self->state.next++);
      auto rp = self->make_response_promise<run_result>();
      self->state.open.emplace(id, rp);
      self->delayed_send(self, 100ms, atom::retry_v, id);
      (void) req;
      return rp;
    },
    [=](atom::updater, db_writer_actor&) {},
    [=](atom::settings, std::shared_ptr<const gen::generator>&) {},
    [=](atom::retry, const std::string& id) {
      --g->now;
      run_result res;
      res.status = run_status::succeeded;
      self->state.open[id].deliver(std::move(res));
      self->state.open.erase(id);
    },
  };
}

struct SchedulerTest : ::testing::Test {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  gauge g;
  std::vector<caf::actor> spawned;

  SchedulerTest() {
    register_messages(cfg);
    sys = std::make_unique<caf::actor_system>(cfg);
  }

  ~SchedulerTest() override {
    // The actor system waits for every actor when it ends.
    caf::scoped_actor self{*sys};
    for (auto& a : spawned)
      self->send_exit(a, caf::exit_reason::user_shutdown);
  }

  // Jobs for `tenants` tenants of one updater, never due by schedule.
  scheduler_actor spawn(int tenants, int max_concurrent, int queue) {
    std::vector<scheduled_job> jobs;
    std::vector<job_info> infos;
    for (int i = 0; i < tenants; ++i) {
      scheduled_job job;
      job.tenant_id = "tenant-" + std::to_string(i);
      job.updater = "service_tickets";
      job.schedule = *cron::parse("0 0 1 1 *");
      job.zone = *cron::find_zone("UTC");
      job.actor = sys->spawn(fake_updater, &g);
      spawned.push_back(caf::actor_cast<caf::actor>(job.actor));
      job_info info;
      info.tenant_id = job.tenant_id;
      info.updater = job.updater;
      infos.push_back(std::move(info));
      jobs.push_back(std::move(job));
    }
    execution_config limits;
    limits.max_concurrent_executions = max_concurrent;
    limits.queue_capacity = queue;
    auto reg = sys->spawn(registry, infos);
    auto sched = sys->spawn(scheduler, std::move(jobs), limits, reg,
                            db_writer_actor{}, false, false, wall_clock{});
    spawned.push_back(caf::actor_cast<caf::actor>(reg));
    spawned.push_back(caf::actor_cast<caf::actor>(sched));
    return sched;
  }

  // Jobs of the given (tenant, updater) pairs, never due by schedule.
  scheduler_actor
  spawn_jobs(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::vector<scheduled_job> jobs;
    std::vector<job_info> infos;
    for (auto& [tenant, updater] : pairs) {
      scheduled_job job;
      job.tenant_id = tenant;
      job.updater = updater;
      job.schedule = *cron::parse("0 0 1 1 *");
      job.zone = *cron::find_zone("UTC");
      job.actor = sys->spawn(fake_updater, &g);
      spawned.push_back(caf::actor_cast<caf::actor>(job.actor));
      job_info info;
      info.tenant_id = tenant;
      info.updater = updater;
      infos.push_back(std::move(info));
      jobs.push_back(std::move(job));
    }
    auto reg = sys->spawn(registry, infos);
    auto sched = sys->spawn(scheduler, std::move(jobs), execution_config{},
                            reg, db_writer_actor{}, false, false,
                            wall_clock{});
    spawned.push_back(caf::actor_cast<caf::actor>(reg));
    spawned.push_back(caf::actor_cast<caf::actor>(sched));
    return sched;
  }
};

} // namespace

TEST_F(SchedulerTest, HoldsTheConcurrencyGate) {
  auto sched = spawn(6, 2, 100);
  caf::scoped_actor self{*sys};
  std::vector<run_result> results;
  self->request(sched, 10s, atom::execute_v, std::string{"service_tickets"},
                std::string{}, false)
    .receive([&](std::vector<run_result>& xs) { results = std::move(xs); },
             [&](caf::error& err) { FAIL() << caf::to_string(err); });
  EXPECT_EQ(results.size(), 6u);
  EXPECT_EQ(g.total.load(), 6);
  EXPECT_EQ(g.peak.load(), 2);
}

TEST_F(SchedulerTest, FeedsTheRunsOfARequestBeyondTheQueueInTurn) {
  // Five runs, one slot and room for two: the request's later runs wait
  // for its earlier ones instead of being refused.
  auto sched = spawn(5, 1, 2);
  caf::scoped_actor self{*sys};
  std::vector<run_result> results;
  self->request(sched, 10s, atom::execute_v, std::string{"service_tickets"},
                std::string{}, false)
    .receive([&](std::vector<run_result>& xs) { results = std::move(xs); },
             [&](caf::error& err) { FAIL() << caf::to_string(err); });
  ASSERT_EQ(results.size(), 5u);
  auto busy = std::count_if(results.begin(), results.end(), [](auto& r) {
    return r.error.find("busy") != std::string::npos;
  });
  EXPECT_EQ(busy, 0);
  EXPECT_EQ(g.total.load(), 5);
  EXPECT_EQ(g.peak.load(), 1);
}

TEST_F(SchedulerTest, SkipsARunOfAJobThatIsStillGoing) {
  auto sched = spawn(1, 4, 100);
  caf::scoped_actor self{*sys};
  // Two requests for the same job at once: the second finds it busy.
  auto first = self->request(sched, 10s, atom::execute_v,
                             std::string{"service_tickets"}, std::string{},
                             false);
  std::vector<run_result> results;
  self->request(sched, 10s, atom::execute_v, std::string{"service_tickets"},
                std::string{}, false)
    .receive([&](std::vector<run_result>& xs) { results = std::move(xs); },
             [&](caf::error& err) { FAIL() << caf::to_string(err); });
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].status, run_status::failed);
  EXPECT_NE(results[0].error.find("already going"), std::string::npos);
  // Once the first run answered, the fake updater has counted every run
  // it got: only that one.
  first.receive(
    [&](std::vector<run_result>& xs) {
      ASSERT_EQ(xs.size(), 1u);
      EXPECT_EQ(xs[0].status, run_status::succeeded);
    },
    [&](caf::error& err) { FAIL() << caf::to_string(err); });
  EXPECT_EQ(g.total.load(), 1);
}

TEST_F(SchedulerTest, NamesAnUnknownUpdaterOrTenant) {
  auto sched = spawn(1, 4, 100);
  caf::scoped_actor self{*sys};
  self->request(sched, 10s, atom::execute_v, std::string{"nope"},
                std::string{}, false)
    .receive([&](std::vector<run_result>&) { FAIL() << "no error"; },
             [&](caf::error& err) {
               EXPECT_EQ(code_of(err), ec::unknown_updater);
               EXPECT_NE(render(err).find("nope"), std::string::npos);
             });
  self->request(sched, 10s, atom::execute_v, std::string{"service_tickets"},
                std::string{"tenant-x"}, false)
    .receive([&](std::vector<run_result>&) { FAIL() << "no error"; },
             [&](caf::error& err) {
               EXPECT_EQ(code_of(err), ec::unknown_tenant);
             });
}

TEST_F(SchedulerTest, NamesTheUpdaterThatAKnownTenantLacks) {
  auto sched = spawn_jobs({{"tenant-a", "service_tickets"},
                           {"tenant-b", "business_records"}});
  caf::scoped_actor self{*sys};
  self->request(sched, 10s, atom::execute_v, std::string{"service_tickets"},
                std::string{"tenant-b"}, false)
    .receive([&](std::vector<run_result>&) { FAIL() << "no error"; },
             [&](caf::error& err) {
               EXPECT_EQ(code_of(err), ec::unknown_updater);
               EXPECT_NE(render(err).find("tenant-b"), std::string::npos);
             });
  EXPECT_EQ(g.total.load(), 0);
}
