#include "helpers.hpp"

#include "generators/seed.hpp"
#include "generators/text.hpp"
#include "generators/vocabulary.hpp"
#include "generators/vocabulary_service.hpp"

#include <date/tz.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace dbu::gen;
using namespace dbu::gen::test;

namespace {

// A table of the schema: every column, and those a row must set.
struct schema_table {
  std::set<std::string> columns;
  std::set<std::string> required;
};

// Adds to `tables` what migration `path` creates: its tables and the
// columns it creates them with or adds to them later.
void read_migration(const std::filesystem::path& path,
                    std::map<std::string, schema_table>& tables) {
  std::ifstream in{path};
  std::string line;
  schema_table* current = nullptr;
  static const std::regex create{R"(CREATE TABLE (\w+) \()"};
  static const std::regex column{R"(^  ([a-z_]+) ([a-z]\w*).*)"};
  static const std::regex added{
    R"(ALTER TABLE (\w+) ADD COLUMN ([a-z_]+) ([a-z]\w*).*)"};
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, create)) {
      current = &tables[m[1]];
    } else if (line.starts_with(")")) {
      current = nullptr;
    } else if (std::regex_search(line, m, added)) {
      // A column added later: the rows of new runs must set it only when
      // it has neither a default nor NULLs allowed.
      auto& t = tables[m[1]];
      t.columns.insert(m[2]);
      if (line.find("NOT NULL") != std::string::npos
          && line.find("DEFAULT") == std::string::npos)
        t.required.insert(m[2]);
    } else if (current && std::regex_match(line, m, column)) {
      current->columns.insert(m[1]);
      if (line.find("NOT NULL") != std::string::npos
          && line.find("DEFAULT") == std::string::npos)
        current->required.insert(m[1]);
    }
  }
}

// @returns the tables of every migration, read from the source tree in
// order.
std::map<std::string, schema_table> schema() {
  std::vector<std::filesystem::path> files;
  for (auto& e : std::filesystem::directory_iterator{
         DBU_SOURCE_DIR "/db/migrations"})
    if (e.path().extension() == ".sql")
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::map<std::string, schema_table> tables;
  for (auto& f : files)
    read_migration(f, tables);
  return tables;
}

// Checks that the tables of `b` match the schema.
void expect_schema(const batch& b) {
  static const auto tables = schema();
  for (auto& t : b) {
    auto it = tables.find(t.table);
    ASSERT_NE(it, tables.end()) << t.table;
    std::set<std::string> have(t.columns.begin(), t.columns.end());
    EXPECT_EQ(have.size(), t.columns.size()) << t.table << ": duplicates";
    for (auto& c : t.columns)
      EXPECT_TRUE(it->second.columns.count(c)) << t.table << "." << c;
    // The writer sets run_id and a trigger the ticket number.
    EXPECT_FALSE(have.count("run_id"));
    EXPECT_FALSE(have.count("ticket_number"));
    for (auto& c : it->second.required)
      EXPECT_TRUE(have.count(c) || c == "ticket_number")
        << t.table << "." << c << " is missing";
    for (auto& row : t.rows)
      EXPECT_EQ(row.size(), t.columns.size()) << t.table;
  }
}

const auto now = at("2024-03-05T15:00:00Z");

} // namespace

TEST(Schema, GeneratedRowsMatchTheMigration) {
  // The migration must have been read.
  ASSERT_EQ(schema().at("service_tickets").columns.count("ticket_number"),
            1u);
  auto ctx = seeded("America/New_York", now);
  expect_schema(seed_tenant(tenant, "cust-1", 1, ctx.zone, now));
  for (auto& k : updater_kinds()) {
    auto b = make(k.name)->generate(ctx);
    EXPECT_EQ(b.size(), 1u) << k.name;
    expect_schema(b);
  }
}

TEST(Seed, GivesACustomerAFleetAndRecords) {
  auto zone = date::locate_zone("America/Denver");
  auto b = seed_tenant(tenant, "cust-7", 42, zone, now);
  std::map<std::string, const table_rows*> by_table;
  for (auto& t : b)
    by_table[t.table] = &t;
  ASSERT_EQ(by_table.size(), 3u);
  // One customer with the asked-for id, reachable in its own city.
  auto& customers = *by_table.at("customers");
  ASSERT_EQ(customers.rows.size(), 1u);
  row_view c{customers, customers.rows[0]};
  EXPECT_EQ(c.text("customer_id"), "cust-7");
  EXPECT_FALSE(c.text("name").empty());
  auto area = std::stoi(c.text("phone").substr(1, 3));
  bool agrees = false;
  for (auto& city : vocab::cities)
    agrees |= city.name == c.text("city") && city.state == c.text("state")
              && std::count(city.area_codes.begin(), city.area_codes.end(),
                            area);
  EXPECT_TRUE(agrees) << c.text("phone") << " " << c.text("city");
  // 6–10 devices of real product lines, each with its own serial.
  auto& equipment = *by_table.at("equipment");
  EXPECT_GE(equipment.rows.size(), 6u);
  EXPECT_LE(equipment.rows.size(), 10u);
  std::set<std::string> serials, places;
  for (auto& row : equipment.rows) {
    row_view e{equipment, row};
    serials.insert(e.text("serial_number"));
    places.insert(e.text("location"));
    const vocab::device_model* model = nullptr;
    for (auto& m : vocab::device_models)
      if (m.make == e.text("make") && m.model == e.text("model"))
        model = &m;
    ASSERT_NE(model, nullptr) << e.text("model");
    EXPECT_EQ(e.text("device_type"), model->device_type);
    EXPECT_EQ(std::get<bool>(e["color"]), model->color);
    EXPECT_EQ(e.text("customer_id"), "cust-7");
    EXPECT_LT(e.text("install_date"), "2024-03-05");
    EXPECT_GE(e.text("install_date"), c.text("created_at").substr(0, 10));
  }
  EXPECT_EQ(serials.size(), equipment.rows.size());
  EXPECT_EQ(places.size(), equipment.rows.size());
  // A dozen records, newest first: leads of the past months, and the
  // customer's own record, as old as the customer and at its address.
  auto& records = *by_table.at("business_records");
  EXPECT_EQ(records.rows.size(), 12u);
  std::string last = "9999";
  for (size_t i = 0; i < records.rows.size(); ++i) {
    row_view rec{records, records.rows[i]};
    auto created = rec.text("created_at");
    EXPECT_LT(created, "2024-03-05T15:00:00+00:00");
    EXPECT_LE(created, last);
    last = created;
    if (i + 1 < records.rows.size()) {
      EXPECT_GT(created, "2023-09-01");
      EXPECT_NE(rec.text("record_type"), "customer");
      continue;
    }
    EXPECT_EQ(rec.text("record_type"), "customer");
    EXPECT_EQ(rec.text("status"), "active");
    // Its head count fits the fleet it has.
    auto kind = category_index(industry_names, rec.text("industry"));
    ASSERT_TRUE(kind);
    auto per_device = vocab::profile(industry(*kind)).employees_per_device;
    auto staff = double(rec.number("employee_count"));
    EXPECT_GE(staff, 0.7 * per_device * double(equipment.rows.size()));
    EXPECT_LE(staff, 1.4 * per_device * double(equipment.rows.size())
                       + 10);
    EXPECT_EQ(rec.text("company_name"), c.text("name"));
    EXPECT_EQ(rec.text("industry"), c.text("industry"));
    EXPECT_EQ(rec.text("street"), c.text("street"));
    EXPECT_EQ(rec.text("postal_code"), c.text("postal_code"));
    EXPECT_EQ(created, c.text("created_at"));
  }
}

TEST(Seed, TheCustomersRecordCountsItsFleet) {
  // Over 200 seeds: the customer's record estimates the devices it has.
  for (uint64_t seed = 0; seed < 200; ++seed) {
    auto b = seed_tenant(tenant, "cust-1", seed, nullptr, now);
    size_t fleet = 0;
    const table_rows* records = nullptr;
    for (auto& t : b) {
      fleet += t.table == "equipment" ? t.rows.size() : 0;
      records = t.table == "business_records" ? &t : records;
    }
    ASSERT_NE(records, nullptr);
    row_view customer{*records, records->rows.back()};
    ASSERT_EQ(customer.text("record_type"), "customer");
    EXPECT_EQ(customer.number("estimated_devices"), int64_t(fleet))
      << "seed " << seed;
  }
}

TEST(Seed, TenantsAreNamedAsDealers) {
  // A dealer's name and trade, the same for an id every time, and varied
  // across ids.
  auto dealer = [](const std::string& name) {
    for (auto first : vocab::dealer_names)
      for (auto trade : vocab::dealer_trades)
        if (name == std::string{first} + " " + std::string{trade})
          return true;
    return false;
  };
  EXPECT_EQ(tenant_name(tenant), tenant_name(tenant));
  EXPECT_TRUE(dealer(tenant_name(tenant))) << tenant_name(tenant);
  std::set<std::string> names;
  for (int i = 0; i < 100; ++i) {
    auto id = "00000000-0000-4000-8000-" + std::to_string(100000000000 + i);
    EXPECT_TRUE(dealer(tenant_name(id))) << tenant_name(id);
    names.insert(tenant_name(id));
  }
  EXPECT_GT(names.size(), 50u);
}

TEST(Seed, SerialsFollowTheMakesStyle) {
  const std::map<std::string, std::regex> style{
    {"Ricoh", std::regex{R"(31\d0R8\d{5})"}},
    {"Canon", std::regex{R"([A-Z]{3}\d{5})"}},
    {"HP", std::regex{R"(CNB[A-Z]{2}\d{5})"}},
    {"Xerox", std::regex{R"([A-Z]{3}\d{6})"}},
    {"Konica Minolta", std::regex{R"(AA2J0\d1\d{6})"}},
    {"Kyocera", std::regex{R"([A-Z]{3}\dZ\d{5})"}},
    {"Sharp", std::regex{R"(5\d{7})"}},
  };
  for (uint64_t seed = 0; seed < 200; ++seed) {
    auto ctx = sample_context(tenant, "cust-1", seed, nullptr, now);
    for (auto& e : ctx.equipment)
      EXPECT_TRUE(std::regex_match(e.serial, style.at(e.make)))
        << e.make << ": " << e.serial;
  }
}

TEST(Seed, IsDeterministicPerTenantAndCustomer) {
  auto zone = date::locate_zone("UTC");
  auto a = seed_tenant(tenant, "cust-1", 5, zone, now);
  EXPECT_TRUE(same_rows(a, seed_tenant(tenant, "cust-1", 5, zone, now)));
  EXPECT_FALSE(same_rows(a, seed_tenant(tenant, "cust-2", 5, zone, now)));
  EXPECT_FALSE(same_rows(a, seed_tenant(tenant, "cust-1", 6, zone, now)));
}

TEST(Seed, ContextListsRecordsNewestFirst) {
  auto ctx = seeded("UTC", now);
  ASSERT_EQ(ctx.records.size(), 12u);
  EXPECT_FALSE(ctx.equipment.empty());
  for (size_t i = 1; i < ctx.records.size(); ++i)
    EXPECT_GE(ctx.records[i - 1].created_at, ctx.records[i].created_at);
  EXPECT_EQ(ctx.records[0].status, "new");
  EXPECT_FALSE(ctx.records[0].contact_email.empty());
}
