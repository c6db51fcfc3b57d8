#include "config/config.hpp"
#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace dbu::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// @returns the object of `updater` of the default tenant in `cfg`.
json updater_of(const json& cfg, const std::string& updater) {
  return cfg["tenants"][default_tenant]["updaters"][updater];
}

// @returns the effective configuration.
json config_of(const daemon_fixture& d) {
  auto reply = ask(d.endpoint, "config.get");
  EXPECT_TRUE(reply && (*reply)["ok"] == true) << reply.value_or(json{});
  return reply ? (*reply)["result"] : json{};
}

// @returns whether a TCP listener could take `port` on 127.0.0.1 now.
bool port_free(uint16_t port) {
  // As ZeroMQ binds: connections of an earlier listener do not count.
  auto fd = socket(AF_INET, SOCK_STREAM, 0);
  int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  auto ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

} // namespace

TEST(ControlConfig, OverlappingSetsAllTakeEffect) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  // Two patches back to back, the second sent before the first is answered.
  dealer_client c{d.endpoint};
  c.send("a", "config.set",
         {{"patch", updater_patch("business_records",
                                  {{"schedule", "0 0 12 * * *"},
                                   {"perRun", {{"min", 2}, {"max", 2}}}})}});
  c.send("b", "config.set",
         {{"patch", updater_patch("service_tickets",
                                  {{"schedule", "0 0 13 * * *"}})}});
  for (int i = 0; i < 2; ++i) {
    auto reply = c.receive();
    ASSERT_TRUE(reply) << "no reply";
    EXPECT_EQ((*reply)["ok"], true) << *reply;
  }
  // Both are in the effective configuration and in the jobs.
  auto cfg = config_of(d);
  EXPECT_EQ(updater_of(cfg, "business_records")["schedule"], "0 0 12 * * *");
  EXPECT_EQ(updater_of(cfg, "business_records")["perRun"]["max"], 2);
  EXPECT_EQ(updater_of(cfg, "service_tickets")["schedule"], "0 0 13 * * *");
  auto status = ask(d.endpoint, "status");
  std::map<std::string, json> schedules;
  for (auto& job : (*status)["result"]["jobs"])
    schedules[job["updater"].get<std::string>()] = job["schedule"];
  EXPECT_EQ(schedules["business_records"], "0 0 12 * * *");
  EXPECT_EQ(schedules["service_tickets"], "0 0 13 * * *");
}

TEST(ControlConfig, PersistKeepsTheFileModeAndWritesOnlyWhatTookEffect) {
  // A file that holds a password is readable by its owner only.
  daemon_fixture d;
  auto path = d.dir + "/config.json";
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  ASSERT_TRUE(d.ready()) << d.output();
  auto read_file = [&] {
    std::ifstream in{path};
    return std::string{std::istreambuf_iterator<char>{in}, {}};
  };
  auto before = read_file();
  // A refused set leaves the file as it was, and no sibling behind.
  auto reply = ask(d.endpoint, "config.set",
                   {{"patch", updater_patch("service_tickets",
                                            {{"schedule", "61 * * * *"}})},
                    {"persist", true}});
  expect_error(reply, "invalid_config", "invalid schedule");
  EXPECT_EQ(read_file(), before);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  // A set that takes effect is in the file, which keeps its mode.
  reply = ask(d.endpoint, "config.set",
              {{"patch", updater_patch("service_tickets",
                                       {{"schedule", "0 0 * * * *"}})},
               {"persist", true}});
  ASSERT_TRUE(reply);
  ASSERT_EQ((*reply)["ok"], true) << *reply;
  auto file = json::parse(read_file());
  EXPECT_EQ(updater_of(file, "service_tickets")["schedule"], "0 0 * * * *");
  EXPECT_EQ(updater_of(file, "business_records")["schedule"], "0 0 0 1 1 *");
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST(ControlConfig, PersistReplacesTheFileALinkNamesAndFollowsNoOtherLink) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  // The configuration kept elsewhere and linked to; a link where a fixed
  // name for the staged file would be.
  namespace fs = std::filesystem;
  auto path = d.dir + "/config.json", real = d.dir + "/real.json";
  auto victim = d.dir + "/victim.txt";
  fs::rename(path, real);
  fs::create_symlink(real, path);
  std::ofstream{victim} << "keep me\n";
  for (auto name : {path + ".tmp", real + ".tmp"})
    fs::create_symlink(victim, name);
  auto reply = ask(d.endpoint, "config.set",
                   {{"patch", updater_patch("service_tickets",
                                            {{"schedule", "0 0 * * * *"}})},
                    {"persist", true}});
  ASSERT_TRUE(reply);
  ASSERT_EQ((*reply)["ok"], true) << *reply;
  EXPECT_TRUE(fs::is_symlink(path));
  std::ifstream in{real};
  auto file = json::parse(in);
  EXPECT_EQ(updater_of(file, "service_tickets")["schedule"], "0 0 * * * *");
  std::ifstream v{victim};
  auto kept = std::string(std::istreambuf_iterator<char>{v}, {});
  EXPECT_EQ(kept, "keep me\n");
  // Nothing staged is left behind.
  size_t entries = 0;
  for (auto& e : fs::directory_iterator{d.dir})
    entries += e.path().filename().string().starts_with("real.json");
  EXPECT_EQ(entries, 2u); // real.json and the planted real.json.tmp
}

TEST(ControlConfig, PersistWithoutAConfigFileIsRefusedAndChangesNothing) {
  // Without --config the daemon listens on the default endpoint, which a
  // daemon of tools/run on this machine may hold; its own folder takes its
  // logs.
  if (!port_free(5555))
    GTEST_SKIP() << "tcp://127.0.0.1:5555 is taken, by a running daemon?";
  auto dir = scratch_dir();
  process proc{{daemon_bin()},
               {{"DATABASE_URL", fresh_database("ctl")}},
               dir + "/daemon.log",
               dir};
  const std::string endpoint = "tcp://127.0.0.1:5555";
  // Only this daemon may answer: its instance names its process id.
  auto pid = ":" + std::to_string(proc.pid());
  ASSERT_TRUE(eventually(30s, [&] {
    auto r = ask_raw(endpoint, {R"({"command":"status"})"}, 1s);
    auto instance = r ? (*r)["result"].value("instance", "") : "";
    return instance.size() > pid.size()
           && instance.compare(instance.size() - pid.size(), pid.size(), pid)
                == 0;
  })) << "another process holds " << endpoint << "?\n"
      << proc.output();
  auto before = ask(endpoint, "config.get");
  auto status = ask(endpoint, "status");
  // The set is refused with the reason, and nothing changes.
  auto reply = ask(endpoint, "config.set",
                   {{"patch", updater_patch("service_tickets",
                                            {{"schedule", "0 0 * * * *"}})},
                    {"persist", true}});
  expect_error(reply, "bad_request", "persist without --config");
  EXPECT_NE((*reply)["error"]["message"].get<std::string>().find("--config"),
            std::string::npos)
    << *reply;
  EXPECT_EQ(ask(endpoint, "config.get"), before);
  auto after = ask(endpoint, "status");
  EXPECT_EQ((*after)["result"]["jobs"], (*status)["result"]["jobs"]);
}

TEST(ControlConfig, GetMasksThePasswordOfTheDatabaseUrl) {
  // Trust authentication ignores the passwords; the daemon still holds
  // them, in the user info and as a parameter.
  auto url = fresh_database("ctl");
  auto secret = url;
  secret.insert(secret.find('@'), ":s3cret-word");
  secret += "?password=qu3ry-word";
  daemon_fixture d{{{"database", {{"url", secret}}}}, secret};
  ASSERT_TRUE(d.ready()) << d.output();
  auto reply = ask(d.endpoint, "execute", {{"updater", "business_records"}});
  ASSERT_EQ((*reply)["ok"], true) << *reply;
  // Neither password shows, in config.get nor in a set's reply.
  auto cfg = config_of(d);
  auto shown = cfg["database"]["url"].get<std::string>();
  EXPECT_NE(shown.find("***"), std::string::npos) << shown;
  for (auto word : {"s3cret-word", "qu3ry-word"}) {
    EXPECT_EQ(cfg.dump().find(word), std::string::npos) << cfg.dump();
    auto [rc, out] = d.tool({"config", "get"});
    EXPECT_EQ(rc, 0) << out;
    EXPECT_EQ(out.find(word), std::string::npos) << out;
  }
  reply = ask(d.endpoint, "config.set",
              {{"patch", {{"logging", {{"level", "info"}}}}}});
  ASSERT_EQ((*reply)["ok"], true) << *reply;
  EXPECT_EQ(reply->dump().find("s3cret-word"), std::string::npos) << *reply;
  EXPECT_EQ(reply->dump().find("qu3ry-word"), std::string::npos) << *reply;
  // Nor in the logs, which `logs` serves.
  reply = ask(d.endpoint, "logs", {{"lines", 10000}});
  EXPECT_EQ(reply->dump().find("s3cret-word"), std::string::npos) << *reply;
  EXPECT_EQ(reply->dump().find("qu3ry-word"), std::string::npos) << *reply;
}

TEST(ControlConfig, PersistedDistributionsLoadAsTheyRun) {
  // A patch merges into a distribution; the file must then hold all of
  // its weights, or the next start would see only the patched ones.
  daemon_fixture d;
  auto path = d.dir + "/config.json";
  ASSERT_TRUE(d.ready()) << d.output();
  auto reply = ask(
    d.endpoint, "config.set",
    {{"patch",
      updater_patch("service_tickets",
                    {{"issueDistribution",
                      {{"paper_jam", 0.25}, {"print_quality", 0.10}}}})},
     {"persist", true}});
  ASSERT_TRUE(reply);
  ASSERT_EQ((*reply)["ok"], true) << *reply;
  std::ifstream in{path};
  auto file = json::parse(in);
  auto loaded = dbu::make_config(file);
  ASSERT_TRUE(loaded) << dbu::render(loaded.error());
  EXPECT_EQ(updater_of(loaded->json, "service_tickets")["issueDistribution"],
            updater_of(config_of(d), "service_tickets")["issueDistribution"]);
}

TEST(ControlConfig, ABadHomeRegionIsRefusedAndTheDaemonStaysUp) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  for (int i = 0; i < 20; ++i) {
    auto region = i % 2 ? json{{"radiusMiles", "x"}}
                        : json{{"radiusMiles", 100}};
    auto reply = ask(d.endpoint, "config.set",
                     {{"patch",
                       {{"tenants",
                         {{default_tenant, {{"homeRegion", region}}}}}}}});
    expect_error(reply, "invalid_config", "a radius without a center");
    EXPECT_NE((*reply)["error"]["message"].get<std::string>().find(
                "homeRegion/center: missing"),
              std::string::npos)
      << *reply;
  }
  EXPECT_TRUE(ask(d.endpoint, "status")) << d.output();
}
