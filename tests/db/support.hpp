#pragma once

// Helpers of the db tests: migrated databases, tenants, hand-made batches
// and row counts that see every tenant.

#include "db/store.hpp"
#include "generators/seed.hpp"
#include "pg.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace dbu::test {

/// The default tenant of the design, and a second one.
constexpr const char* tenant_a = "550e8400-e29b-41d4-a716-446655440000";
constexpr const char* tenant_b = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";

/// @returns a random version-4 uuid.
inline std::string new_uuid() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  auto hi = rng();
  auto lo = rng();
  hi = (hi & ~uint64_t{0xf000}) | 0x4000;
  lo = (lo & ~(uint64_t{0xc} << 60)) | (uint64_t{0x8} << 60);
  char buf[37];
  std::snprintf(buf, sizeof(buf), "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff),
                static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

/// @returns the superuser URL of the database `app_url` points at; the
/// superuser bypasses row-level security and sees every tenant.
inline std::string admin_url_of(const std::string& app_url) {
  auto admin = admin_url();
  auto begin = admin.find("://") + 3;
  auto user = admin.substr(begin, admin.find('@') - begin);
  return with_user_db(admin, user, app_url.substr(app_url.rfind('/') + 1));
}

/// @returns the URL of a fresh, migrated database owned by the app role.
inline std::string migrated_database() {
  auto url = fresh_database("db");
  db::store st{url};
  auto applied = st.migrate(DBU_MIGRATIONS_DIR);
  EXPECT_TRUE(applied) << render(applied.error());
  return url;
}

/// @returns a configuration with tenants `ids`, each with `cust-1`.
inline config tenants_config(const std::vector<std::string>& ids) {
  config cfg;
  for (auto& id : ids)
    cfg.tenants.push_back(
      tenant_config{id, "cust-1", "America/New_York", nullptr, {}});
  return cfg;
}

/// Creates the tenant rows of `ids` (as the superuser).
inline void add_tenants(const std::string& url,
                        const std::vector<std::string>& ids) {
  pqxx::connection c{admin_url_of(url)};
  pqxx::work tx{c};
  for (auto& id : ids)
    tx.exec_params("INSERT INTO tenants (tenant_id, name) VALUES ($1, $2)",
                   id, gen::tenant_name(id));
  tx.commit();
}

/// @returns the rows of `table` over all tenants, with `where` if given.
inline int64_t count_rows(const std::string& url, const std::string& table,
                          const std::string& where = "") {
  pqxx::connection c{admin_url_of(url)};
  pqxx::work tx{c};
  auto sql = "SELECT count(*) FROM " + tx.quote_name(table);
  if (!where.empty())
    sql += " WHERE " + where;
  return tx.exec1(sql)[0].as<int64_t>();
}

/// @returns a ledger entry for a new run.
inline db::run_entry
make_run(const std::string& tenant, const std::string& updater,
         db::trigger how = db::trigger::manual,
         std::optional<std::chrono::sys_seconds> fire_time = std::nullopt) {
  db::run_entry run;
  run.run_id = new_uuid();
  run.tenant_id = tenant;
  run.updater = updater;
  run.how = how;
  run.fire_time = fire_time;
  run.instance = "test";
  run.seed = 42;
  run.started_at = std::chrono::system_clock::now();
  return run;
}

/// @returns one customer row.
inline gen::table_rows customer_rows(const std::string& tenant,
                                     const std::string& customer) {
  return {"customers",
          {"tenant_id", "customer_id", "name", "industry", "phone"},
          {{tenant, customer, std::string{"O'Brien & Co"},
            std::string{"legal"}, std::monostate{}}}};
}

/// @returns one equipment row per id, all of `customer`.
inline gen::table_rows equipment_rows(const std::string& tenant,
                                      const std::string& customer,
                                      const std::vector<std::string>& ids) {
  gen::table_rows t{"equipment",
                    {"tenant_id", "equipment_id", "customer_id", "make",
                     "model", "serial_number", "device_type", "color",
                     "install_date", "location"},
                    {}};
  for (auto& id : ids)
    t.rows.push_back({tenant, id, customer, std::string{"Canon"},
                      std::string{"imageRUNNER C3226i"}, "SN-" + id,
                      std::string{"copier"}, true, std::string{"2021-03-04"},
                      std::string{"2nd floor, \"east\" wing"}});
  return t;
}

/// @returns one lead row per id.
inline gen::table_rows record_rows(const std::string& tenant,
                                   const std::vector<std::string>& ids) {
  gen::table_rows t{
    "business_records",
    {"tenant_id", "record_id", "record_type", "company_name", "industry",
     "employee_count", "size_band", "annual_revenue", "estimated_deal_value",
     "lead_score", "lead_source", "status", "contact_first_name",
     "contact_last_name", "contact_title", "contact_email", "contact_phone",
     "street", "city", "state", "postal_code", "website", "created_at"},
    {}};
  // Each record is a minute younger than the one before.
  for (size_t i = 0; i < ids.size(); ++i) {
    char created[32];
    std::snprintf(created, sizeof(created), "2024-05-06T09:%02zu:00+02:00",
                  i % 60);
    t.rows.push_back(
      {tenant, ids[i], std::string{"lead"},
       "Harbor Clinic " + ids[i].substr(0, 8),
       std::string{"healthcare"}, int64_t{120}, std::string{"51-200"},
       12500000.5, 48000.25, int64_t{73}, std::string{"web"},
       std::string{"new"}, std::string{"Ana"}, std::string{"D'Souza"},
       std::string{"Office Manager"},
       "ana." + ids[i].substr(0, 8) + "@harborclinic.com",
       std::string{"(206) 555-0134"}, std::string{"1 Pier St"},
       std::string{"Seattle"}, std::string{"WA"}, std::string{"98101"},
       std::monostate{}, std::string{created}});
  }
  return t;
}

/// @returns `n` activity rows on `record`.
inline gen::table_rows activity_rows(const std::string& tenant,
                                     const std::string& record, int n) {
  gen::table_rows t{"business_record_activities",
                    {"tenant_id", "activity_id", "record_id", "activity_type",
                     "subject", "description", "scheduled_at",
                     "completed_at", "duration_minutes", "outcome",
                     "follow_up_date", "created_at"},
                    {}};
  for (int i = 0; i < n; ++i)
    t.rows.push_back({tenant, new_uuid(), record, std::string{"call"},
                      std::string{"Intro call"},
                      std::string{"Discussed a fleet of 12 copiers"},
                      std::string{"2024-05-06T10:00:00+02:00"},
                      std::string{"2024-05-06T10:25:00+02:00"}, int64_t{25},
                      std::string{"interested"}, std::string{"2024-05-13"},
                      std::string{"2024-05-06T10:25:00+02:00"}});
  return t;
}

/// @returns `n` ticket rows on one device; the database numbers them.
inline gen::table_rows ticket_rows(const std::string& tenant,
                                   const std::string& customer,
                                   const std::string& device, int n) {
  gen::table_rows t{"service_tickets",
                    {"tenant_id", "ticket_id", "customer_id", "equipment_id",
                     "issue_type", "title", "description", "error_code",
                     "priority", "status", "required_parts",
                     "required_skills", "estimated_duration_minutes",
                     "created_at"},
                    {}};
  for (int i = 0; i < n; ++i)
    t.rows.push_back({tenant, new_uuid(), customer, device,
                      std::string{"paper_jam"}, std::string{"Paper jam"},
                      std::string{"Jams in tray 2"}, std::string{"E-0{1}"},
                      std::string{"high"}, std::string{"open"},
                      gen::text_list{"pickup roller", "tray \"2\" guide",
                                     "a,b {c}"},
                      gen::text_list{}, int64_t{45},
                      std::string{"2024-05-06T08:00:00Z"}});
  return t;
}

/// Writes a customer with one device for `tenant` as a manual run.
/// @returns the device id.
inline std::string add_fleet(db::store& st, const std::string& tenant,
                             const std::string& customer = "cust-1") {
  auto device = new_uuid();
  auto res = st.write_run(make_run(tenant, "fleet"),
                          {customer_rows(tenant, customer),
                           equipment_rows(tenant, customer, {device})},
                          false);
  EXPECT_TRUE(res) << render(res.error());
  return device;
}

} // namespace dbu::test
