#include "db/store.hpp"

#include "db/ledger.hpp"

#include <pqxx/pqxx>

#include <string_view>

namespace dbu::db {

namespace {

/// @returns the first line of a libpqxx or server message, without the
/// `ERROR:` prefix the server puts in front of it.
std::string first_line(std::string_view text) {
  // Drop the severity the server prefixes every message with.
  for (std::string_view prefix : {"ERROR:  ", "FATAL:  "})
    if (text.substr(0, prefix.size()) == prefix)
      text.remove_prefix(prefix.size());
  // Keep the first line; the rest is hints and the query.
  auto end = text.find('\n');
  return std::string{text.substr(0, end)};
}

} // namespace

const char* to_string(trigger x) {
  switch (x) {
    case trigger::schedule:
      return "schedule";
    case trigger::manual:
      return "manual";
    case trigger::test:
      return "test";
    case trigger::backfill:
      return "backfill";
  }
  return "manual";
}

store::store(std::string url) : url_(std::move(url)) {
  // Nothing to do: the first call connects.
}

store::~store() {
  // Closes the connection, if any.
}

void store::disconnect() {
  conn_.reset();
}

caf::expected<pqxx::connection*> store::connection() {
  // Reuse a connection that is still open.
  if (conn_ && conn_->is_open())
    return conn_.get();
  // Open a new one; libpq reports an unreachable server as an exception.
  conn_.reset();
  try {
    conn_ = std::make_unique<pqxx::connection>(url_);
    return conn_.get();
  } catch (const std::exception& e) {
    conn_.reset();
    return make_error(ec::db_unavailable,
                      "cannot connect to PostgreSQL at " + masked_url(url_)
                        + ": " + first_line(e.what()));
  }
}

caf::error
store::attempt(std::string_view what,
               const std::function<void(pqxx::connection&)>& step) {
  // Name the failure for the operator: what broke, and the server's words.
  auto lost = [&](const std::exception& e, std::string_view how) {
    conn_.reset();
    return make_error(ec::db_unavailable, std::string{what} + " failed, "
                                            + std::string{how} + ": "
                                            + first_line(e.what()));
  };
  auto refused = [&](const std::exception& e) {
    return make_error(ec::db_error,
                      std::string{what} + " failed: " + first_line(e.what()));
  };
  // An idle connection that broke (restarted server, terminated backend)
  // shows only when used. Then one more try on a new connection is safe:
  // a transaction that breaks before its commit wrote nothing, and a step
  // ends with its commit.
  for (int tries = 1;; ++tries) {
    auto reused = conn_ && conn_->is_open();
    auto conn = connection();
    if (!conn)
      return std::move(conn.error());
    try {
      step(**conn);
      return caf::none;
    } catch (const pqxx::broken_connection& e) {
      conn_.reset();
      if (reused && tries == 1)
        continue;
      return lost(e, "the connection to PostgreSQL broke");
    } catch (const pqxx::in_doubt_error& e) {
      return lost(e, "the connection to PostgreSQL broke while committing"
                     " (the commit may have happened)");
    } catch (const pqxx::unique_violation& e) {
      if (std::string_view{e.what()}.find(ledger_fire_index)
          != std::string_view::npos)
        return make_error(ec::duplicate_fire,
                          std::string{what}
                            + " found the scheduled fire already written");
      return refused(e);
    } catch (const std::exception& e) {
      if (!conn_ || !conn_->is_open())
        return lost(e, "the connection to PostgreSQL broke");
      return refused(e);
    }
  }
}

caf::expected<std::chrono::microseconds> store::ping() {
  // Time one trivial query over the (possibly new) connection.
  std::chrono::microseconds took{0};
  auto err = attempt("pinging PostgreSQL", [&](pqxx::connection& c) {
    auto start = std::chrono::steady_clock::now();
    pqxx::nontransaction tx{c};
    tx.exec1("SELECT 1");
    took = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  });
  if (err)
    return err;
  return took;
}

caf::expected<bool> store::rls_applies() {
  // Superusers and BYPASSRLS roles are never bound by policies.
  bool applies = false;
  auto err = attempt("checking row-level security", [&](pqxx::connection& c) {
    pqxx::nontransaction tx{c};
    auto row = tx.exec1("SELECT NOT (rolsuper OR rolbypassrls) FROM pg_roles"
                        " WHERE rolname = current_user");
    applies = row[0].as<bool>();
  });
  if (err)
    return err;
  return applies;
}

} // namespace dbu::db
