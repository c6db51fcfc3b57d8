#include "db/deadline.hpp"
#include "db/ledger.hpp"
#include "db/rows_writer.hpp"
#include "db/store.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

namespace dbu::db {

namespace {

/// @returns "run R of U for tenant T", naming a run in messages.
std::string describe(const run_entry& run) {
  return "run " + run.run_id + " of " + run.updater + " for tenant "
         + run.tenant_id;
}

} // namespace

caf::expected<write_result> store::write_run(const run_entry& run,
                                             const gen::batch& rows,
                                             bool dry_run) {
  // Refuse a malformed batch before touching the database.
  if (auto err = check_batch(rows))
    return err;
  // A run out of time does not start writing.
  auto left = millis_left(run.deadline);
  if (left && *left == 0)
    return out_of_time(describe(run), "its time was up before writing");
  // Claim the ledger row, write the rows, then record the outcome, all in
  // one transaction; a claimed fire leaves the transaction empty. The
  // server cancels what would outlast the run's deadline.
  write_result result;
  bool duplicate = false;
  std::string cancelled;
  auto err = attempt("writing " + describe(run), [&](pqxx::connection& c) {
    pqxx::work tx{c};
    try {
      if (left)
        limit_time(tx, *left);
      set_tenant(tx, run.tenant_id);
      if (!insert_running(tx, run)) {
        // This run's own earlier attempt may be what is there.
        auto own = tx.exec_params(
          "SELECT rows_written::text FROM updater_runs WHERE tenant_id = $1"
          " AND run_id = $2 AND status = 'succeeded'",
          run.tenant_id, run.run_id);
        if (own.empty()) {
          duplicate = true;
          return;
        }
        auto counts = nlohmann::json::parse(own[0][0].as<std::string>());
        for (auto& [table, n] : counts.items())
          result.rows[table] = n.get<int64_t>();
        result.finished_at = std::chrono::system_clock::now();
        return;
      }
      result.rows = insert_rows(tx, rows, run.run_id);
      result.finished_at = std::chrono::system_clock::now();
      finish_run(tx, run, dry_run ? "dry_run" : "succeeded", result.rows,
                 result.finished_at);
    } catch (const pqxx::sql_error& e) {
      if (is_timeout(e))
        cancelled = e.what();
      throw;
    }
    if (dry_run)
      tx.abort();
    else
      tx.commit();
  });
  if (err && !cancelled.empty())
    return out_of_time(describe(run), cancelled);
  if (err)
    return err;
  // Another run (maybe another instance) already wrote this fire.
  if (duplicate)
    return make_error(ec::duplicate_fire,
                      "the fire of " + run.updater + " at " + fire_text(run)
                        + " for tenant " + run.tenant_id
                        + " was already written; run " + run.run_id
                        + " wrote nothing");
  return result;
}

caf::expected<void> store::record_failure(const run_entry& run,
                                          const std::string& error) {
  // Insert the failed ledger row unless the run or fire already has one.
  return attempt("recording the failure of " + describe(run),
                 [&](pqxx::connection& c) {
                   pqxx::work tx{c};
                   set_tenant(tx, run.tenant_id);
                   insert_failed(tx, run, error,
                                 std::chrono::system_clock::now());
                   tx.commit();
                 });
}

caf::expected<std::vector<run_record>>
store::recent_runs(const std::string& tenant_id, size_t limit) {
  // Read the ledger as the tenant sees it.
  std::vector<run_record> out;
  auto err = attempt("reading the runs of tenant " + tenant_id,
                     [&](pqxx::connection& c) {
                       pqxx::work tx{c};
                       set_tenant(tx, tenant_id);
                       out = select_runs(tx, tenant_id, limit);
                       tx.commit();
                     });
  if (err)
    return err;
  return out;
}

} // namespace dbu::db
