#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace dbu::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// A second tenant.
constexpr const char* other_tenant = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";

// Makes the database refuse new leads of `tenant`: a check that rows
// already there need not pass.
void refuse_leads_of(const std::string& url, const std::string& tenant) {
  pqxx::connection c{url};
  pqxx::work tx{c};
  tx.exec("ALTER TABLE business_records ADD CONSTRAINT refuse_tenant CHECK "
          "(tenant_id <> "
          + tx.quote(tenant) + ") NOT VALID");
  tx.commit();
}

} // namespace

TEST(ControlRuns, ExecuteWithoutATenantRunsEveryTenantAndFailsWhenOneFails) {
  daemon_fixture d{{{"tenants", {{other_tenant, json::object()}}}}};
  ASSERT_TRUE(d.ready()) << d.output();
  // Both tenants run.
  auto reply = ask(d.endpoint, "execute", {{"updater", "business_records"}});
  ASSERT_EQ((*reply)["ok"], true) << *reply;
  auto& runs = (*reply)["result"]["runs"];
  ASSERT_EQ(runs.size(), 2u) << *reply;
  std::set<std::string> tenants;
  for (auto& run : runs) {
    EXPECT_EQ(run["status"], "succeeded") << run;
    tenants.insert(run["tenant"].get<std::string>());
  }
  EXPECT_EQ(tenants, (std::set<std::string>{default_tenant, other_tenant}));
  auto [rc, out] = d.tool({"execute", "business_records"});
  EXPECT_EQ(rc, 0) << out;
  // One tenant's run fails: the reply is still the runs, but the tool
  // exits 1 and names the failed run.
  refuse_leads_of(d.url, other_tenant);
  std::tie(rc, out) = d.tool({"--json", "execute", "business_records"});
  EXPECT_EQ(rc, 1) << out;
  std::tie(rc, out) = d.tool({"execute", "business_records"});
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find(std::string{"for tenant "} + other_tenant + " failed"),
            std::string::npos)
    << out;
  EXPECT_EQ(out.find(std::string{"for tenant "} + default_tenant
                     + " failed"),
            std::string::npos)
    << out;
  // A run of one tenant alone is as before.
  std::tie(rc, out) = d.tool({"execute", "business_records", "--tenant",
                              default_tenant});
  EXPECT_EQ(rc, 0) << out;
}
