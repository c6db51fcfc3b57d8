#include "db/ledger.hpp"

#include <date/date.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

namespace dbu::db {

namespace {

/// The columns a ledger row starts with, as parameters $1..$8.
constexpr const char* insert_head
  = "INSERT INTO updater_runs (tenant_id, run_id, updater, trigger,"
    " fire_time, instance, seed, started_at, status, finished_at, error)"
    " VALUES ($1, $2, $3, $4, NULLIF($5, '')::timestamptz, $6, $7, $8,";

/// Infers the partial unique index of scheduled fires.
constexpr const char* on_fire_conflict
  = " ON CONFLICT (tenant_id, updater, fire_time)"
    " WHERE trigger = 'schedule' DO NOTHING";

/// Infers the primary key: the run's own row.
constexpr const char* on_run_conflict
  = " ON CONFLICT (tenant_id, run_id) DO NOTHING";

/// @returns the trigger whose column text is `text`.
trigger trigger_from(std::string_view text) {
  for (auto x : {trigger::schedule, trigger::manual, trigger::test,
                 trigger::backfill})
    if (text == to_string(x))
      return x;
  return trigger::manual;
}

/// @returns a time point from microseconds since the epoch.
std::chrono::system_clock::time_point from_micros(int64_t us) {
  return std::chrono::system_clock::time_point{
    std::chrono::duration_cast<std::chrono::system_clock::duration>(
      std::chrono::microseconds{us})};
}

} // namespace

void set_tenant(pqxx::transaction_base& tx, const std::string& tenant_id) {
  tx.exec_params("SELECT set_config('app.tenant_id', $1, true)", tenant_id);
}

std::string fire_text(const run_entry& run) {
  if (!run.fire_time)
    return {};
  return date::format("%FT%TZ", *run.fire_time);
}

std::string iso_utc(std::chrono::system_clock::time_point t) {
  return date::format("%FT%TZ",
                      date::floor<std::chrono::microseconds>(t));
}

bool insert_running(pqxx::transaction_base& tx, const run_entry& run) {
  // A scheduled fire collides with its fire's row, any run with its own
  // row of an earlier attempt that committed.
  std::string sql = insert_head;
  sql += " 'running', NULL, NULL)";
  sql += run.how == trigger::schedule ? on_fire_conflict
                                      : on_run_conflict;
  sql += " RETURNING run_id";
  // Nothing returned means the fire's row exists (and is committed).
  auto res = tx.exec_params(sql, run.tenant_id, run.run_id, run.updater,
                            to_string(run.how), fire_text(run), run.instance,
                            static_cast<int64_t>(run.seed),
                            iso_utc(run.started_at));
  return !res.empty();
}

void finish_run(pqxx::transaction_base& tx, const run_entry& run,
                const std::string& status,
                const std::map<std::string, int64_t>& rows,
                std::chrono::system_clock::time_point finished_at) {
  // Record the counts as a JSON object keyed by table.
  auto counts = nlohmann::json::object();
  for (auto& [table, n] : rows)
    counts[table] = n;
  tx.exec_params("UPDATE updater_runs SET status = $3, finished_at = $4,"
                 " rows_written = $5::jsonb"
                 " WHERE tenant_id = $1 AND run_id = $2",
                 run.tenant_id, run.run_id, status, iso_utc(finished_at),
                 counts.dump());
}

void insert_failed(pqxx::transaction_base& tx, const run_entry& run,
                   const std::string& error,
                   std::chrono::system_clock::time_point finished_at) {
  // A row already there (the fire's, or this run's) stays as it is.
  std::string sql = insert_head;
  sql += " 'failed', $9, $10) ON CONFLICT DO NOTHING";
  tx.exec_params(sql, run.tenant_id, run.run_id, run.updater,
                 to_string(run.how), fire_text(run), run.instance,
                 static_cast<int64_t>(run.seed), iso_utc(run.started_at),
                 iso_utc(finished_at), error);
}

std::vector<run_record> select_runs(pqxx::transaction_base& tx,
                                    const std::string& tenant_id,
                                    size_t limit) {
  // Times come back as microseconds since the epoch, exactly.
  auto res = tx.exec_params(
    "SELECT run_id, updater, trigger, instance, status, rows_written::text,"
    " error,"
    " (extract(epoch FROM fire_time))::bigint,"
    " (extract(epoch FROM started_at) * 1000000)::bigint,"
    " (extract(epoch FROM finished_at) * 1000000)::bigint"
    " FROM updater_runs WHERE tenant_id = $1"
    " ORDER BY started_at DESC, run_id LIMIT $2",
    tenant_id, static_cast<int64_t>(limit));
  // Decode each row; NULL columns become empty optionals.
  std::vector<run_record> out;
  out.reserve(res.size());
  for (const auto& row : res) {
    run_record r;
    r.run_id = row[0].as<std::string>();
    r.updater = row[1].as<std::string>();
    r.how = trigger_from(row[2].as<std::string>());
    r.instance = row[3].as<std::string>();
    r.status = row[4].as<std::string>();
    auto counts = nlohmann::json::parse(row[5].as<std::string>());
    for (auto& [table, n] : counts.items())
      r.rows[table] = n.get<int64_t>();
    if (!row[6].is_null())
      r.error = row[6].as<std::string>();
    if (!row[7].is_null())
      r.fire_time = std::chrono::sys_seconds{
        std::chrono::seconds{row[7].as<int64_t>()}};
    r.started_at = from_micros(row[8].as<int64_t>());
    if (!row[9].is_null())
      r.finished_at = from_micros(row[9].as<int64_t>());
    out.push_back(std::move(r));
  }
  return out;
}

} // namespace dbu::db
