#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace dbu::test;
using nlohmann::json;

namespace {

// The tenant's zone: far from UTC, so that a rule kept in UTC by mistake
// shows.
constexpr const char* zone = "Asia/Tokyo";

// Many rows per run, to give each rule something to bite on.
json busy_tenant() {
  auto many = [](int n) { return json{{"min", n}, {"max", n}}; };
  return {{"tenants",
           {{default_tenant,
             {{"timezone", zone},
              {"updaters",
               {{"business_record_activities", {{"perRun", many(20)}}},
                {"service_tickets", {{"perRun", many(5)}}},
                {"business_records", {{"perRun", many(5)}}}}}}}}}};
}

// Runs `updater` once. @returns whether the run succeeded.
bool execute(const daemon_fixture& d, const std::string& updater) {
  auto reply = ask(d.endpoint, "execute", {{"updater", updater}});
  return reply && (*reply)["ok"] == true
         && (*reply)["result"]["runs"][0]["status"] == "succeeded";
}

} // namespace

TEST(WrittenData, KeepsTheRulesInTheDatabase) {
  // Leads, then activities on them, tickets asked for by clients at once,
  // and two rounds of meter readings.
  daemon_fixture d{busy_tenant()};
  ASSERT_TRUE(d.ready()) << d.output();
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(execute(d, "business_records")) << d.output();
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(execute(d, "business_record_activities")) << d.output();
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int i = 0; i < 6; ++i)
    clients.emplace_back([&] {
      // A job runs once at a time: a client that finds it busy asks again.
      ok += eventually(std::chrono::seconds{120},
                       [&] { return execute(d, "service_tickets"); });
    });
  for (auto& c : clients)
    c.join();
  EXPECT_EQ(ok, 6) << d.output();
  // A second reading right after the first finds nothing new to read.
  ASSERT_TRUE(execute(d, "equipment_meter_readings")) << d.output();
  auto readings = count(d.url, "SELECT count(*) FROM equipment_meter_readings");
  EXPECT_GT(readings, 0);
  ASSERT_TRUE(execute(d, "equipment_meter_readings")) << d.output();
  EXPECT_EQ(count(d.url, "SELECT count(*) FROM equipment_meter_readings"),
            readings);
  // Activities lie within Monday to Friday, 09:00 to 17:00 in Tokyo, end
  // included, on records of the tenant; follow-ups fall on weekdays.
  auto local = std::string{" AT TIME ZONE '"} + zone + "'";
  EXPECT_EQ(count(d.url, "SELECT count(*) FROM business_record_activities"),
            100);
  EXPECT_EQ(count(d.url,
                  "SELECT count(*) FROM business_record_activities WHERE"
                  " extract(isodow FROM scheduled_at"
                    + local
                    + ") > 5 OR (scheduled_at" + local
                    + ")::time < '09:00' OR ((scheduled_at"
                      " + duration_minutes * interval '1 minute')"
                    + local
                    + ")::time > '17:00'"
                      " OR ((scheduled_at + duration_minutes * interval"
                      " '1 minute')"
                    + local + ")::date <> (scheduled_at" + local
                    + ")::date OR extract(isodow FROM follow_up_date) > 5"),
            0);
  EXPECT_EQ(count(d.url, "SELECT count(*) FROM business_record_activities a"
                         " LEFT JOIN business_records r"
                         " USING (tenant_id, record_id)"
                         " WHERE r.record_id IS NULL"),
            0);
  // Past activities have an outcome, booked ones none.
  EXPECT_EQ(count(d.url, "SELECT count(*) FROM business_record_activities"
                         " WHERE (completed_at IS NULL) <> (outcome IS NULL)"
                         " OR (completed_at IS NULL AND scheduled_at"
                         " < created_at)"),
            0);
  // Ticket numbers run 1..N without a gap, parallel runs and all, on
  // devices of the customer.
  EXPECT_EQ(count(d.url, "SELECT count(*) FROM service_tickets"), 30);
  EXPECT_EQ(count(d.url, "SELECT max(ticket_number) - min(ticket_number)"
                         " + 1 - count(DISTINCT ticket_number)"
                         " FROM service_tickets"),
            0);
  EXPECT_EQ(count(d.url, "SELECT min(ticket_number) FROM service_tickets"),
            1);
  EXPECT_EQ(count(d.url, "SELECT count(*) FROM service_tickets t"
                         " JOIN equipment e USING (tenant_id, equipment_id)"
                         " WHERE e.customer_id <> t.customer_id"),
            0);
  // Leads' names and emails are the tenant's own; meters never fall.
  EXPECT_EQ(count(d.url, "SELECT count(*) - count(DISTINCT lower("
                         "company_name)) FROM business_records"),
            0);
  EXPECT_EQ(count(d.url,
                  "SELECT count(*) FROM equipment_meter_readings a"
                  " JOIN equipment_meter_readings b"
                  " USING (tenant_id, equipment_id)"
                  " WHERE b.read_at > a.read_at"
                  " AND b.black_pages < a.black_pages"),
            0);
  // Every run keeps the seed and fire time its rows came from.
  EXPECT_EQ(count(d.url, "SELECT count(*) FROM updater_runs"
                         " WHERE updater <> 'seed' AND fire_time IS NULL"),
            0);
  // Every generated row belongs to a run that succeeded and counted it.
  for (auto table : {"business_records", "business_record_activities",
                     "service_tickets", "equipment_meter_readings"})
    EXPECT_EQ(count(d.url, std::string{"SELECT count(*) FROM "} + table
                             + " t LEFT JOIN updater_runs r"
                               " USING (tenant_id, run_id)"
                               " WHERE r.status IS DISTINCT FROM"
                               " 'succeeded'"),
              0)
      << table;
}
