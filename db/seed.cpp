#include "cron/schedule.hpp"
#include "db/deadline.hpp"
#include "db/ledger.hpp"
#include "db/rows_writer.hpp"
#include "db/store.hpp"
#include "generators/region.hpp"
#include "generators/seed.hpp"

#include <pqxx/pqxx>

namespace dbu::db {

namespace {

/// How many of the newest records a context carries.
constexpr int64_t context_records = 200;

/// Creates `tenant` in `tx` when missing and, when its customer is missing
/// too, writes the seed rows drawn for `as_of` (now when none) as one
/// backfill run and sets `seeded`.
/// @returns an error for a malformed generated batch, else none.
caf::error seed_in(pqxx::work& tx, const tenant_config& tenant,
                   const date::time_zone* zone, uint64_t seed,
                   const std::string& instance,
                   std::optional<std::chrono::sys_seconds> as_of,
                   bool& seeded) {
  // Serialise seeding of the tenant across instances, then create it.
  set_tenant(tx, tenant.id);
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtext($1))",
                 "dbu-seed:" + tenant.id);
  tx.exec_params("INSERT INTO tenants (tenant_id, name) VALUES ($1, $2)"
                 " ON CONFLICT (tenant_id) DO NOTHING",
                 tenant.id, gen::tenant_name(tenant.id));
  // An existing customer means the tenant has its data already.
  auto exists = tx.exec_params("SELECT 1 FROM customers"
                               " WHERE tenant_id = $1 AND customer_id = $2",
                               tenant.id, tenant.customer_id);
  if (!exists.empty())
    return caf::none;
  // Generate the rows; a malformed batch is a generator bug, not the
  // database's.
  auto now = std::chrono::floor<std::chrono::seconds>(
    std::chrono::system_clock::now());
  auto region = gen::home_region::make(tenant.home_region);
  auto rows = gen::seed_tenant(tenant.id, tenant.customer_id, seed, zone,
                               as_of.value_or(now), region.get());
  if (auto bad = check_batch(rows))
    return bad;
  // Write them as a backfill run of updater `seed`.
  run_entry run;
  run.run_id = tx.exec1("SELECT gen_random_uuid()::text")[0].as<std::string>();
  run.tenant_id = tenant.id;
  run.updater = "seed";
  run.how = trigger::backfill;
  run.instance = instance;
  run.seed = seed;
  run.started_at = now;
  insert_running(tx, run);
  auto written = insert_rows(tx, rows, run.run_id);
  finish_run(tx, run, "succeeded", written, std::chrono::system_clock::now());
  seeded = true;
  return caf::none;
}

/// @returns the tenant's newest records, newest first.
std::vector<gen::record_ref> select_records(pqxx::work& tx,
                                            const std::string& tenant_id) {
  auto res = tx.exec_params(
    "SELECT record_id, company_name, contact_first_name, contact_last_name,"
    " contact_email, industry, status,"
    " (extract(epoch FROM created_at))::bigint"
    " FROM business_records WHERE tenant_id = $1"
    " ORDER BY created_at DESC, record_id LIMIT $2",
    tenant_id, context_records);
  std::vector<gen::record_ref> out;
  out.reserve(res.size());
  for (const auto& row : res) {
    std::chrono::seconds created{row[7].as<int64_t>()};
    out.push_back(gen::record_ref{
      row[0].as<std::string>(), row[1].as<std::string>(),
      row[2].as<std::string>(), row[3].as<std::string>(),
      row[4].as<std::string>(), row[5].as<std::string>(),
      row[6].as<std::string>(), std::chrono::sys_seconds{created}});
  }
  return out;
}

/// @returns the devices of the tenant's customer, oldest first.
std::vector<gen::equipment_ref> select_equipment(pqxx::work& tx,
                                                 const std::string& tenant_id,
                                                 const std::string& customer) {
  auto res = tx.exec_params(
    "SELECT equipment_id, make, model, serial_number, location,"
    " install_date - DATE '1970-01-01', color"
    " FROM equipment WHERE tenant_id = $1 AND customer_id = $2"
    " ORDER BY install_date, serial_number",
    tenant_id, customer);
  std::vector<gen::equipment_ref> out;
  out.reserve(res.size());
  for (const auto& row : res)
    out.push_back(gen::equipment_ref{
      row[0].as<std::string>(), row[1].as<std::string>(),
      row[2].as<std::string>(), row[3].as<std::string>(),
      row[4].as<std::string>(),
      std::chrono::sys_days{std::chrono::days{row[5].as<int>()}},
      row[6].as<bool>()});
  return out;
}

/// @returns the (key, value) rows of `query` for the tenant and customer.
std::unordered_map<std::string, std::string>
select_facts(pqxx::work& tx, std::string_view query,
             const std::string& tenant_id, const std::string& customer) {
  auto res = tx.exec_params(std::string{query}, tenant_id, customer);
  std::unordered_map<std::string, std::string> out;
  out.reserve(size_t(res.size()));
  for (const auto& row : res)
    out.insert_or_assign(row[0].as<std::string>(""),
                         row[1].as<std::string>(""));
  return out;
}

} // namespace

caf::expected<size_t>
store::seed(const config& cfg, uint64_t seed, const std::string& instance,
            std::optional<std::chrono::sys_seconds> as_of) {
  size_t count = 0;
  for (auto& tenant : cfg.tenants) {
    // Resolve the zone first: seed rows have dates in it.
    auto zone = cron::find_zone(tenant.timezone);
    if (!zone)
      return std::move(zone.error());
    // Seed the tenant in one transaction, committed only when it all went.
    caf::error bad;
    bool seeded = false;
    auto err = attempt("seeding tenant " + tenant.id, [&](pqxx::connection& c) {
      pqxx::work tx{c};
      seeded = false;
      bad = seed_in(tx, tenant, *zone, seed, instance, as_of, seeded);
      if (!bad)
        tx.commit();
    });
    if (err)
      return err;
    if (bad)
      return bad;
    count += seeded ? 1 : 0;
  }
  return count;
}

caf::expected<gen::context>
store::load_context(const std::string& tenant_id,
                    const std::string& customer_id, bool records,
                    bool equipment, std::string_view facts_query,
                    std::optional<std::chrono::system_clock::time_point> at) {
  gen::context ctx;
  ctx.tenant_id = tenant_id;
  ctx.customer_id = customer_id;
  // Nothing asked for needs no round trip; a run out of time reads nothing.
  if (!records && !equipment && facts_query.empty())
    return ctx;
  auto what = "loading the context of tenant " + tenant_id;
  auto left = millis_left(at);
  if (left && *left == 0)
    return out_of_time(what, "its time was up before reading");
  // Read everything in one transaction, as the tenant sees it, until the
  // deadline.
  std::string cancelled;
  auto err = attempt(what, [&](pqxx::connection& c) {
    pqxx::work tx{c};
    try {
      if (left)
        limit_time(tx, *left);
      set_tenant(tx, tenant_id);
      if (records)
        ctx.records = select_records(tx, tenant_id);
      if (equipment)
        ctx.equipment = select_equipment(tx, tenant_id, customer_id);
      if (!facts_query.empty())
        ctx.facts = select_facts(tx, facts_query, tenant_id, customer_id);
    } catch (const pqxx::sql_error& e) {
      if (is_timeout(e))
        cancelled = e.what();
      throw;
    }
    tx.commit();
  });
  if (err && !cancelled.empty())
    return out_of_time(what, cancelled);
  if (err)
    return err;
  return ctx;
}

caf::expected<gen::context>
store::load_context(const std::string& tenant_id,
                    const std::string& customer_id,
                    const gen::updater_kind& kind,
                    std::optional<std::chrono::system_clock::time_point> at) {
  return load_context(tenant_id, customer_id, kind.needs_records,
                      kind.needs_equipment, kind.facts_query, at);
}

} // namespace dbu::db
