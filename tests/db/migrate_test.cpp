#include "db/store.hpp"
#include "support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

using namespace dbu;
using namespace dbu::test;

namespace {

/// @returns the migrations shipped in db/migrations, as migrate names them.
std::vector<std::string> shipped_migrations() {
  std::vector<std::string> out;
  for (auto& entry : std::filesystem::directory_iterator{DBU_MIGRATIONS_DIR})
    if (entry.path().extension() == ".sql")
      out.push_back(entry.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// A folder of migrations that disappears with the test.
struct scratch_dir {
  std::filesystem::path path;
  scratch_dir() {
    path = std::filesystem::temp_directory_path() / ("dbu-mig-" + new_uuid());
    std::filesystem::create_directories(path);
  }
  ~scratch_dir() {
    std::filesystem::remove_all(path);
  }
  void add(const std::string& name, const std::string& text) {
    std::ofstream{path / name} << text;
  }
};

} // namespace

TEST(StoreMigrate, AppliesEveryMigrationOnlyOnce) {
  auto url = fresh_database("mig");
  db::store st{url};
  // The first run applies every shipped migration, in order.
  auto first = st.migrate(DBU_MIGRATIONS_DIR);
  ASSERT_TRUE(first) << render(first.error());
  EXPECT_EQ(*first, shipped_migrations());
  // The second applies nothing.
  auto second = st.migrate(DBU_MIGRATIONS_DIR);
  ASSERT_TRUE(second) << render(second.error());
  EXPECT_TRUE(second->empty());
  // Each migration is recorded once, with its name.
  pqxx::connection c{url};
  pqxx::work tx{c};
  auto rows = tx.exec("SELECT version || '_' || name, applied_at IS NOT NULL"
                      " FROM schema_migrations ORDER BY version");
  std::vector<std::string> recorded;
  for (const auto& row : rows) {
    recorded.push_back(row[0].as<std::string>());
    EXPECT_TRUE(row[1].as<bool>());
  }
  EXPECT_EQ(recorded, shipped_migrations());
}

TEST(StoreMigrate, TwoStoresMigratingAtOnceApplyEachMigrationOnce) {
  auto url = fresh_database("mig");
  db::store one{url};
  db::store two{url};
  // Both race through the same folder.
  caf::expected<std::vector<std::string>> a{std::vector<std::string>{}};
  caf::expected<std::vector<std::string>> b{std::vector<std::string>{}};
  std::thread t1{[&] { a = one.migrate(DBU_MIGRATIONS_DIR); }};
  std::thread t2{[&] { b = two.migrate(DBU_MIGRATIONS_DIR); }};
  t1.join();
  t2.join();
  ASSERT_TRUE(a) << render(a.error());
  ASSERT_TRUE(b) << render(b.error());
  // Between them, each migration was applied exactly once.
  auto all = *a;
  all.insert(all.end(), b->begin(), b->end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, shipped_migrations());
}

TEST(StoreMigrate, FailedMigrationLeavesNoTrace) {
  auto url = fresh_database("mig");
  scratch_dir dir;
  dir.add("001_first.sql", "CREATE TABLE first (x int);");
  dir.add("002_broken.sql", "CREATE TABLE second (x int);\nCREATE TABLEE;");
  dir.add("notes.txt", "not a migration");
  db::store st{url};
  // The broken migration fails with the server's complaint and its name.
  auto res = st.migrate(dir.path.string());
  ASSERT_FALSE(res);
  EXPECT_EQ(code_of(res.error()), ec::db_error);
  EXPECT_NE(render(res.error()).find("002_broken"), std::string::npos)
    << render(res.error());
  EXPECT_NE(render(res.error()).find("syntax error"), std::string::npos)
    << render(res.error());
  // The first stays applied; nothing of the second remains.
  pqxx::connection c{url};
  pqxx::work tx{c};
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM schema_migrations")[0].as<int>(),
            1);
  EXPECT_TRUE(tx.exec1("SELECT to_regclass('second') IS NULL")[0].as<bool>());
  EXPECT_FALSE(tx.exec1("SELECT to_regclass('first') IS NULL")[0].as<bool>());
}

TEST(StoreMigrate, MissingFolderIsAnIoError) {
  db::store st{"postgresql://nobody@127.0.0.1:1/none"};
  auto res = st.migrate("/nonexistent/migrations");
  ASSERT_FALSE(res);
  EXPECT_EQ(code_of(res.error()), ec::io_error);
  EXPECT_NE(render(res.error()).find("/nonexistent/migrations"),
            std::string::npos);
}
