#pragma once

// Test support for end-to-end tests: configuration files, the daemon
// binary, and reading what it wrote.

#include "e2e/process.hpp"
#include "generators/updater.hpp"
#include "pg.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace dbu::test {

constexpr const char* default_tenant = "550e8400-e29b-41d4-a716-446655440000";

inline std::string daemon_bin() {
  return DBU_BIN_DIR "/db-updaterd";
}

inline std::string tool_bin() {
  return DBU_BIN_DIR "/db-updater";
}

/// @returns how many updater kinds there are: the jobs of one tenant.
inline size_t kinds() {
  return dbu::gen::updater_kinds().size();
}

/// @returns an ipc endpoint of the control socket that no other daemon of
/// any test binds, so that daemons of tests run at once never collide.
inline std::string private_endpoint() {
  static int counter = 0;
  return "ipc:///tmp/dbu-e2e-" + std::to_string(getpid()) + "-"
         + std::to_string(counter++) + ".sock";
}

/// A configuration whose three updaters fire on `schedule`, logging into
/// `dir`/logs, with a control socket of its own.
inline nlohmann::json fast_config(const std::string& dir,
                                  const std::string& schedule) {
  auto upd = nlohmann::json{{"schedule", schedule}};
  return {
    {"tenants",
     {{default_tenant,
       {{"timezone", "America/New_York"},
        {"updaters",
         {{"business_record_activities", upd},
          {"service_tickets", upd},
          {"business_records", upd}}}}}}},
    {"logging", {{"directory", dir + "/logs"}, {"level", "debug"}}},
    {"control", {{"endpoint", private_endpoint()}}},
  };
}

/// Writes `cfg` into `dir` and returns the file's path.
inline std::string config_file(const std::string& dir,
                               const nlohmann::json& cfg) {
  auto path = dir + "/config.json";
  write_file(path, cfg.dump(2));
  return path;
}

/// @returns the result of `sql` as the first column of the first row, read
/// as tenant `tenant` (row-level security applies).
inline int64_t count(const std::string& url, const std::string& sql,
                     const std::string& tenant = default_tenant) {
  pqxx::connection c{url};
  pqxx::work tx{c};
  tx.exec("SELECT set_config('app.tenant_id', " + tx.quote(tenant)
          + ", true)");
  return tx.exec1(sql)[0].as<int64_t>();
}

/// @returns the result of `sql` as text (empty for NULL), read as tenant
/// `tenant` (row-level security applies).
inline std::string text(const std::string& url, const std::string& sql,
                        const std::string& tenant = default_tenant) {
  pqxx::connection c{url};
  pqxx::work tx{c};
  tx.exec("SELECT set_config('app.tenant_id', " + tx.quote(tenant)
          + ", true)");
  return tx.exec1(sql)[0].as<std::string>("");
}

/// Holds `LOCK TABLE ... IN ACCESS EXCLUSIVE MODE` on a table in an open
/// transaction of its own until released, so that runs writing the table
/// wait.
class table_lock {
public:
  table_lock(const std::string& url, const std::string& table)
    : conn_(url), tx_(std::make_unique<pqxx::work>(conn_)) {
    tx_->exec("LOCK TABLE " + tx_->quote_name(table)
              + " IN ACCESS EXCLUSIVE MODE");
  }

  ~table_lock() {
    release();
  }

  void release() {
    if (tx_)
      tx_->abort();
    tx_.reset();
  }

private:
  pqxx::connection conn_;
  std::unique_ptr<pqxx::work> tx_;
};

/// @returns whether a session waits for a lock on `table`.
inline bool someone_waits_for(const std::string& url,
                              const std::string& table) {
  pqxx::connection c{url};
  pqxx::nontransaction tx{c};
  return tx.exec1("SELECT count(*) FROM pg_locks WHERE NOT granted AND "
                  "relation = to_regclass("
                  + tx.quote(table) + ")")[0]
           .as<int64_t>()
         > 0;
}

/// Calls `pred` until it holds or `limit` passed. @returns the last answer.
inline bool eventually(std::chrono::seconds limit,
                       const std::function<bool()>& pred) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      if (pred())
        return true;
    } catch (const std::exception&) {
      // The schema may not exist yet.
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{200});
  }
  return pred();
}

} // namespace dbu::test
