#include "actors/db_writer.hpp"
#include "actors/logger.hpp"
#include "pg.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace dbu;
using namespace std::chrono_literals;

TEST(DbWriter, NamesTheMigrationThatFailsInsteadOfAnUnreachableDatabase) {
  // Keep the log in memory, to read it.
  logging_config log;
  log.directory = "";
  ASSERT_TRUE(setup_logging(log));
  // A reachable database and a migration that does not parse.
  char tmpl[] = "/tmp/dbu-migrations-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::ofstream{dir + "/001_broken.sql"} << "CREATE TABLE (;\n";
  auto url = test::fresh_database("dbw");
  caf::actor_system_config cfg;
  register_messages(cfg);
  caf::actor_system sys{cfg};
  db_prepare prep;
  prep.migrations_dir = dir;
  prep.cfg = std::make_shared<const config>(
    *make_config(nlohmann::json::object()));
  auto db = sys.spawn<caf::detached>(db_writer, url, prep);
  // A run's context is refused with what is wrong (the db-writer answers
  // once its first attempt is over).
  caf::scoped_actor self{sys};
  self
    ->request(db, 30s, atom::context_v, std::string{default_tenant_id},
              std::string{"cust-1"}, std::string{"business_records"},
              caf::timestamp{})
    .receive([](gen::context&) { ADD_FAILURE() << "no error"; },
             [](caf::error& err) {
               EXPECT_EQ(code_of(err), ec::db_unavailable);
               EXPECT_NE(render(err).find("001_broken"), std::string::npos)
                 << render(err);
             });
  // The log says which migration failed, not that the server is away.
  auto lines = recent_logs(100, "warn");
  auto said = [&](const std::string& needle) {
    return std::any_of(lines.begin(), lines.end(), [&](auto& line) {
      return line.find(needle) != std::string::npos;
    });
  };
  EXPECT_TRUE(said("db-writer cannot apply the migrations in " + dir
                   + " (attempt 1, next in 1 s): applying migration "
                     "001_broken failed: syntax error"));
  EXPECT_FALSE(said("cannot reach the database"));
  self->send_exit(db, caf::exit_reason::user_shutdown);
  std::filesystem::remove_all(dir);
}
