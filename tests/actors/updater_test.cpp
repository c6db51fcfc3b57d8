#include "actors/db_writer.hpp"
#include "actors/updater.hpp"
#include "cron/schedule.hpp"
#include "pg.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace dbu;
using namespace std::chrono_literals;

namespace {

constexpr const char* tenant = "550e8400-e29b-41d4-a716-446655440000";

// A generator that always throws, like a bug in generation code would.
class throwing_generator : public gen::generator {
public:
  gen::batch generate(const gen::context&) const override {
    throw std::runtime_error("vocabulary table is empty");
  }
};

struct UpdaterTest : ::testing::Test {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::string url;
  db_writer_actor db;
  std::vector<caf::actor> spawned;

  ~UpdaterTest() override {
    // The actor system waits for every actor when it ends.
    caf::scoped_actor self{*sys};
    self->send_exit(db, caf::exit_reason::user_shutdown);
    for (auto& a : spawned)
      self->send_exit(a, caf::exit_reason::user_shutdown);
  }

  updater_actor spawn_updater(const updater_spec& s) {
    auto upd = sys->spawn(updater, s, db);
    spawned.push_back(caf::actor_cast<caf::actor>(upd));
    return upd;
  }

  UpdaterTest() {
    register_messages(cfg);
    sys = std::make_unique<caf::actor_system>(cfg);
    url = test::fresh_database("actors");
    db_prepare prep;
    prep.migrations_dir = DBU_MIGRATIONS_DIR;
    prep.cfg = std::make_shared<const config>(
      *make_config(nlohmann::json::object()));
    prep.seed = 7;
    db = sys->spawn<caf::detached>(db_writer, url, prep);
  }

  updater_spec spec(const std::string& kind) {
    updater_spec s;
    s.tenant_id = tenant;
    s.customer_id = "cust-1";
    s.zone = *cron::find_zone("America/New_York");
    s.kind = gen::find_updater_kind(kind);
    s.generator = s.kind->make(s.kind->defaults());
    s.instance = "test";
    return s;
  }

  run_result execute(const updater_actor& upd, run_request req) {
    caf::scoped_actor self{*sys};
    run_result out;
    self->request(upd, 30s, atom::execute_v, std::move(req))
      .receive([&](run_result& res) { out = std::move(res); },
               [&](caf::error& err) { ADD_FAILURE() << render(err); });
    return out;
  }

  int64_t failed_runs() {
    pqxx::connection c{url};
    pqxx::work tx{c};
    tx.exec("SELECT set_config('app.tenant_id', '" + std::string{tenant}
            + "', true)");
    return tx.exec1("SELECT count(*) FROM updater_runs WHERE status = "
                    "'failed'")[0]
      .as<int64_t>();
  }
};

run_request manual(const std::string& updater) {
  run_request req;
  req.tenant_id = tenant;
  req.updater = updater;
  req.fire_time = caf::make_timestamp();
  return req;
}

} // namespace

TEST_F(UpdaterTest, WritesARunAndReportsItsRows) {
  auto upd = spawn_updater(spec("business_records"));
  auto res = execute(upd, manual("business_records"));
  EXPECT_EQ(res.status, run_status::succeeded) << res.error;
  EXPECT_EQ(res.rows["business_records"], 1);
  EXPECT_FALSE(res.run_id.empty());
}

TEST_F(UpdaterTest, ThrowingGeneratorFailsTheRunAndEndsTheActor) {
  // The run fails, is recorded as failed, and the actor goes down with an
  // error so that a supervisor restarts it.
  auto s = spec("service_tickets");
  s.generator = std::make_shared<throwing_generator>();
  auto upd = spawn_updater(s);
  caf::scoped_actor self{*sys};
  self->monitor(upd);
  auto res = execute(upd, manual("service_tickets"));
  EXPECT_EQ(res.status, run_status::failed);
  EXPECT_NE(res.error.find("vocabulary table is empty"), std::string::npos);
  bool down = false;
  self->receive(
    [&](caf::down_msg& msg) { down = static_cast<bool>(msg.reason); },
    caf::after(10s) >> [] {});
  EXPECT_TRUE(down);
  // The failure reaches the ledger: the updater sent it to the db-writer
  // before it answered, so the db-writer recorded it before it answers.
  self->request(db, 30s, atom::ping_v)
    .receive([](caf::timespan) {},
             [](caf::error& err) { FAIL() << render(err); });
  EXPECT_EQ(failed_runs(), 1);
}

TEST_F(UpdaterTest, RunOutOfTimeIsCancelledByTheServerAndRecordedAsFailed) {
  // The schema is there once the db-writer answers.
  caf::scoped_actor self{*sys};
  auto ping = [&] {
    self->request(db, 30s, atom::ping_v)
      .receive([](caf::timespan) {},
               [](caf::error& err) { FAIL() << render(err); });
  };
  ping();
  // Hold the table the run writes; the run has a second.
  pqxx::connection holder{url};
  pqxx::work lock{holder};
  lock.exec("LOCK TABLE business_records IN ACCESS EXCLUSIVE MODE");
  auto s = spec("business_records");
  s.timeout = 1s;
  auto upd = spawn_updater(s);
  auto res = execute(upd, manual("business_records"));
  EXPECT_EQ(res.status, run_status::failed);
  EXPECT_EQ(res.code, ec::timeout) << res.error;
  EXPECT_NE(res.error.find("canceling statement"), std::string::npos)
    << res.error;
  // Once the lock is gone: nothing written, the failure in the ledger (the
  // db-writer records it before it answers the next request).
  lock.abort();
  ping();
  pqxx::connection c{url};
  pqxx::work tx{c};
  tx.exec("SELECT set_config('app.tenant_id', '" + std::string{tenant}
          + "', true)");
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM business_records WHERE run_id = "
                     + tx.quote(res.run_id))[0]
              .as<int64_t>(),
            0);
  auto row = tx.exec1("SELECT status, error FROM updater_runs WHERE run_id = "
                      + tx.quote(res.run_id));
  EXPECT_EQ(row[0].as<std::string>(), "failed");
  EXPECT_NE(row[1].as<std::string>("").find("executionTimeoutSeconds"),
            std::string::npos);
}

TEST_F(UpdaterTest, RunWhoseReadingOutlastsItsTimeFailsTheSameWay) {
  // Activities read the leads, which the test holds locked.
  caf::scoped_actor self{*sys};
  self->request(db, 30s, atom::ping_v)
    .receive([](caf::timespan) {},
             [](caf::error& err) { FAIL() << render(err); });
  pqxx::connection holder{url};
  pqxx::work lock{holder};
  lock.exec("LOCK TABLE business_records IN ACCESS EXCLUSIVE MODE");
  auto s = spec("business_record_activities");
  s.timeout = 1s;
  auto upd = spawn_updater(s);
  auto res = execute(upd, manual("business_record_activities"));
  EXPECT_EQ(res.status, run_status::failed);
  EXPECT_EQ(res.code, ec::timeout) << res.error;
  EXPECT_NE(res.error.find("loading the context"), std::string::npos)
    << res.error;
  lock.abort();
  self->request(db, 30s, atom::ping_v)
    .receive([](caf::timespan) {},
             [](caf::error& err) { FAIL() << render(err); });
  EXPECT_EQ(failed_runs(), 1);
}

TEST_F(UpdaterTest, SecondWriteOfAScheduledFireIsADuplicate) {
  auto upd = spawn_updater(spec("business_records"));
  auto req = manual("business_records");
  req.trigger = run_trigger::schedule;
  req.fire_time = caf::timestamp{std::chrono::seconds{1700000000}};
  EXPECT_EQ(execute(upd, req).status, run_status::succeeded);
  EXPECT_EQ(execute(upd, req).status, run_status::duplicate);
}

TEST_F(UpdaterTest, NewSettingsApplyFromTheNextRun) {
  // One lead per run by default; three once the new generator arrives.
  auto s = spec("business_records");
  auto upd = spawn_updater(s);
  EXPECT_EQ(execute(upd, manual("business_records")).rows["business_records"],
            1);
  auto settings = s.kind->defaults();
  settings["perRun"] = {{"min", 3}, {"max", 3}};
  std::shared_ptr<const gen::generator> next = s.kind->make(settings);
  caf::anon_send(upd, atom::settings_v, next);
  auto res = execute(upd, manual("business_records"));
  EXPECT_EQ(res.status, run_status::succeeded) << res.error;
  EXPECT_EQ(res.rows["business_records"], 3);
}

TEST_F(UpdaterTest, UnreachableDatabaseFailsTheRunWithItsCode) {
  // A db-writer for a closed port; one attempt, no retry delay.
  db_prepare prep;
  prep.cfg = std::make_shared<const config>(
    *make_config(nlohmann::json::object()));
  auto away = sys->spawn<caf::detached>(
    db_writer, "postgresql://nobody@127.0.0.1:1/none", prep);
  spawned.push_back(caf::actor_cast<caf::actor>(away));
  auto s = spec("business_records");
  s.attempts = 1;
  auto upd = sys->spawn(updater, s, away);
  spawned.push_back(caf::actor_cast<caf::actor>(upd));
  auto res = execute(upd, manual("business_records"));
  EXPECT_EQ(res.status, run_status::failed);
  EXPECT_EQ(res.code, ec::db_unavailable) << res.error;
}
