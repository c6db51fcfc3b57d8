#include "actors/supervisor.hpp"
#include "pg.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

using namespace dbu;
using namespace std::chrono_literals;

namespace {

// A generator that throws on its first `failures` calls, like a bug in
// generation code would, and generates as the kind's own from then on.
class flaky_generator : public gen::generator {
public:
  flaky_generator(std::shared_ptr<const gen::generator> real, int failures)
    : real_(std::move(real)), failures_(failures) {
  }

  gen::batch generate(const gen::context& ctx) const override {
    if (calls_++ < failures_)
      throw std::runtime_error("vocabulary table is empty");
    return real_->generate(ctx);
  }

private:
  std::shared_ptr<const gen::generator> real_;
  int failures_;
  mutable std::atomic<int> calls_{0};
};

struct SupervisorTest : ::testing::Test {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::string url = test::fresh_database("sup");
  std::unique_ptr<caf::scoped_actor> self;
  supervisor_actor sup;

  SupervisorTest() {
    register_messages(cfg);
    sys = std::make_unique<caf::actor_system>(cfg);
    self = std::make_unique<caf::scoped_actor>(*sys);
  }

  ~SupervisorTest() override {
    // The actor system waits for every actor when it ends.
    if (sup)
      (*self)->send_exit(sup, caf::exit_reason::user_shutdown);
  }

  // Starts the tree without scheduling; the generator of business_records
  // throws `failures` times.
  void spawn(int failures, int max_restarts) {
    supervisor_spec spec;
    spec.cfg = *make_config({{"database", {{"url", url}, {"poolSize", 1}}},
                             {"logging", {{"directory", ""}}}});
    spec.opts.schedule = false;
    spec.instance = "test";
    spec.max_restarts = max_restarts;
    spec.make_generator
      = [failures](const gen::updater_kind& kind, const nlohmann::json& s)
      -> std::shared_ptr<const gen::generator> {
      std::shared_ptr<const gen::generator> real = kind.make(s);
      if (kind.name != "business_records")
        return real;
      return std::make_shared<flaky_generator>(real, failures);
    };
    sup = sys->spawn(supervisor, std::move(spec));
  }

  // Runs business_records now. @returns the result, or nothing when the
  // supervisor answered with an error.
  std::optional<run_result> execute() {
    std::optional<run_result> out;
    (*self)
      ->request(sup, 60s, atom::execute_v, std::string{"business_records"},
                std::string{}, false)
      .receive(
        [&](std::vector<run_result>& xs) {
          ASSERT_EQ(xs.size(), 1u);
          out = xs.front();
        },
        [&](caf::error&) {});
    return out;
  }

  // @returns the runs of business_records in the ledger with `status`, once
  // the db-writer handled what it was sent before.
  int64_t runs(const std::string& status) {
    (*self)->request(sup, 60s, atom::ping_v)
      .receive([](caf::timespan) {},
               [](caf::error& err) { ADD_FAILURE() << render(err); });
    pqxx::connection c{url};
    pqxx::work tx{c};
    tx.exec("SELECT set_config('app.tenant_id', '"
            + std::string{default_tenant_id} + "', true)");
    return tx
      .exec1("SELECT count(*) FROM updater_runs WHERE updater = "
             "'business_records' AND status = "
             + tx.quote(status))[0]
      .as<int64_t>();
  }
};

} // namespace

TEST_F(SupervisorTest, RestartsAnUpdaterWhoseGeneratorThrew) {
  // The first run fails and takes its updater down; the ledger has it.
  spawn(1, 5);
  auto first = execute();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, run_status::failed);
  EXPECT_NE(first->error.find("vocabulary table is empty"), std::string::npos)
    << first->error;
  EXPECT_EQ(runs("failed"), 1);
  // The next run, asked for while the updater may still be restarting,
  // goes to the new one and works.
  auto second = execute();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, run_status::succeeded) << second->error;
  EXPECT_EQ(runs("succeeded"), 1);
  // The restart is counted.
  (*self)->request(sup, 60s, atom::metrics_v)
    .receive([](daemon_numbers& n) { EXPECT_EQ(n.restarts, 1u); },
             [](caf::error& err) { FAIL() << render(err); });
}

TEST_F(SupervisorTest, EndsAfterTooManyRestartsWithinTheWindow) {
  // One restart is allowed; the generator always throws.
  spawn(1000, 1);
  (*self)->monitor(sup);
  auto first = execute();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, run_status::failed);
  // The second failure is one restart too many: the supervisor ends with
  // an error, which makes the daemon exit with status 1.
  execute();
  caf::error reason;
  (*self)->receive([&](caf::down_msg& msg) { reason = msg.reason; },
                   caf::after(60s) >> [] { ADD_FAILURE() << "still up"; });
  EXPECT_TRUE(reason);
  EXPECT_NE(render(reason).find("too many restarts"), std::string::npos)
    << render(reason);
  sup = supervisor_actor{};
}

TEST_F(SupervisorTest, BuildsOneGeneratorPerDistinctSettings) {
  // Three tenants on the defaults and one with leads of its own size.
  auto builds = std::make_shared<std::atomic<int>>(0);
  auto tenant = [](int i) {
    return "00000000-0000-4000-8000-00000000000" + std::to_string(i);
  };
  nlohmann::json tenants{{tenant(1), nlohmann::json::object()},
                         {tenant(2), nlohmann::json::object()},
                         {tenant(3), nlohmann::json::object()},
                         {tenant(4),
                          {{"updaters",
                            {{"business_records",
                              {{"perRun", {{"min", 2}, {"max", 2}}}}}}}}}};
  supervisor_spec spec;
  spec.cfg = *make_config({{"database", {{"url", url}, {"poolSize", 1}}},
                           {"logging", {{"directory", ""}}},
                           {"tenants", tenants}});
  spec.opts.schedule = false;
  spec.instance = "test";
  spec.make_generator
    = [builds](const gen::updater_kind& kind, const nlohmann::json& s)
    -> std::shared_ptr<const gen::generator> {
    ++*builds;
    return kind.make(s);
  };
  sup = sys->spawn(supervisor, std::move(spec));
  // Once it answers, the tree is built: a generator per kind, and one more
  // for the fourth tenant's leads.
  (*self)->request(sup, 60s, atom::ping_v)
    .receive([](caf::timespan) {},
             [](caf::error& err) { FAIL() << render(err); });
  EXPECT_EQ(builds->load(),
            static_cast<int>(gen::updater_kinds().size()) + 1);
}
