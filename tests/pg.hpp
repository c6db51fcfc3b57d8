#pragma once

// Test support: a fresh database on the PostgreSQL server that tools/test
// starts (its superuser URL is in DBU_TEST_PG).

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <atomic>
#include <cstdlib>
#include <random>
#include <string>
#include <unistd.h>

namespace dbu::test {

/// @returns the superuser URL of the test server; fails the test without it.
inline std::string admin_url() {
  auto url = std::getenv("DBU_TEST_PG");
  if (url == nullptr || *url == '\0') {
    ADD_FAILURE() << "DBU_TEST_PG is not set: run the tests with tools/test, "
                     "which starts PostgreSQL";
    return {};
  }
  return url;
}

/// Replaces the user and database of a `postgresql://user@host:port/db` URL.
inline std::string with_user_db(const std::string& url, const std::string& user,
                                const std::string& db) {
  auto scheme_end = url.find("://") + 3;
  auto at = url.find('@', scheme_end);
  auto slash = url.find('/', at);
  return url.substr(0, scheme_end) + user + url.substr(at, slash - at) + "/"
         + db;
}

/// The role the daemon writes as in tests: not a superuser, so row-level
/// security applies to it.
constexpr const char* app_role = "dbu_app";

/// Creates an empty database owned by `app_role`.
/// @returns the URL to connect to it as `app_role`.
inline std::string fresh_database(const std::string& prefix = "t") {
  static std::atomic<int> counter{0};
  auto admin = admin_url();
  if (admin.empty())
    return {};
  std::random_device rd;
  auto name = prefix + "_" + std::to_string(getpid()) + "_"
              + std::to_string(counter++) + "_" + std::to_string(rd() % 100000);
  pqxx::connection c{admin};
  pqxx::nontransaction tx{c};
  // Parallel test processes may race to create the role; one wins.
  try {
    tx.exec("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles"
            " WHERE rolname = '"
          + std::string{app_role}
          + "') THEN CREATE ROLE " + app_role
          + " LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$");
  } catch (const pqxx::sql_error&) {
  }
  tx.exec("CREATE DATABASE " + tx.quote_name(name) + " OWNER " + app_role);
  return with_user_db(admin, app_role, name);
}

} // namespace dbu::test
