#include "e2e/control_support.hpp"

#include <gtest/gtest.h>

#include <zmq.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sys/stat.h>
#include <vector>

using namespace dbu::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

// Keys as an operator makes them with `db-updater keygen`: the daemon's
// folder (server.key, admin/*.pub, read/*.pub) and each client's pair in a
// folder of its own.
struct key_setup {
  std::string keys;
  std::string clients;

  explicit key_setup(const std::string& dir)
    : keys(dir + "/keys"), clients(dir + "/clients") {
    keygen("server", keys);
    for (auto name : {"admin", "reader", "stranger"})
      keygen(name, clients);
    fs::create_directories(keys + "/admin");
    fs::create_directories(keys + "/read");
    fs::copy_file(clients + "/admin.pub", keys + "/admin/admin.pub");
    fs::copy_file(clients + "/reader.pub", keys + "/read/reader.pub");
  }

  static void keygen(const std::string& name, const std::string& dir) {
    auto [rc, out] = run({tool_bin(), "keygen", name, "--dir", dir});
    EXPECT_EQ(rc, 0) << out;
  }
};

// Runs the tool as the client `name` (a key pair under `clients`).
std::pair<int, std::string> as(const daemon_fixture& d, const key_setup& k,
                               const std::string& name,
                               std::vector<std::string> args) {
  args.insert(args.begin(), {"--server-key", k.keys + "/server.pub", "--key",
                             k.clients + "/" + name + ".key"});
  return d.tool(args);
}

// @returns the words of `path`.
std::vector<std::string> words_of(const std::string& path) {
  std::ifstream in{path};
  std::vector<std::string> out;
  for (std::string w; in >> w;)
    out.push_back(w);
  return out;
}

// Sends `body` over CurveZMQ as the client `name`. @returns the reply.
std::optional<json> ask_as(const daemon_fixture& d, const key_setup& k,
                           const std::string& name, const std::string& body) {
  auto server = words_of(k.keys + "/server.pub");
  auto client = words_of(k.clients + "/" + name + ".key");
  zmq::context_t ctx;
  zmq::socket_t sock{ctx, zmq::socket_type::req};
  sock.set(zmq::sockopt::linger, 0);
  sock.set(zmq::sockopt::curve_serverkey, server.at(0));
  sock.set(zmq::sockopt::curve_secretkey, client.at(0));
  sock.set(zmq::sockopt::curve_publickey, client.at(1));
  sock.connect(d.endpoint);
  sock.send(zmq::buffer(body), zmq::send_flags::none);
  zmq::pollitem_t item{sock.handle(), 0, ZMQ_POLLIN, 0};
  if (zmq::poll(&item, 1, std::chrono::milliseconds{30000}) == 0)
    return std::nullopt;
  zmq::message_t reply;
  if (!sock.recv(reply))
    return std::nullopt;
  return json::parse(reply.to_string());
}

} // namespace

TEST(ControlAccess, KeygenWritesAPrivateKeyAndNeverReplacesOne) {
  auto dir = scratch_dir() + "/new/keys";
  key_setup::keygen("alice", dir);
  struct stat st{};
  ASSERT_EQ(stat((dir + "/alice.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // The secret key, then the public key that the .pub holds too.
  std::ifstream key{dir + "/alice.key"};
  std::ifstream pub{dir + "/alice.pub"};
  std::string secret, pub_in_key, pub_alone;
  key >> secret >> pub_in_key;
  pub >> pub_alone;
  EXPECT_EQ(secret.size(), 40u);
  EXPECT_EQ(pub_in_key, pub_alone);
  auto [rc, out] = run({tool_bin(), "keygen", "alice", "--dir", dir});
  EXPECT_EQ(rc, 1) << out;
  std::ifstream again{dir + "/alice.pub"};
  std::string unchanged;
  again >> unchanged;
  EXPECT_EQ(unchanged, pub_alone);
}

TEST(ControlAccess, AdminKeysCommandReadKeysReadUnknownKeysGetNothing) {
  // A daemon that admits only the keys of its folder.
  auto dir = scratch_dir();
  key_setup k{dir};
  daemon_fixture d{{{"control", {{"keysDirectory", k.keys}}}}};
  ASSERT_TRUE(eventually(30s, [&] {
    return as(d, k, "admin", {"--timeout", "2", "status"}).first == 0;
  })) << d.output();
  // A read key reads, but may not command.
  auto [rc, out] = as(d, k, "reader", {"--json", "status"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(json::parse(out)["scheduling"], true) << out;
  std::tie(rc, out) = as(d, k, "reader", {"metrics"});
  EXPECT_EQ(rc, 0) << out;
  std::tie(rc, out) = as(d, k, "reader", {"stop"});
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("unauthorized"), std::string::npos) << out;
  std::tie(rc, out) = as(d, k, "reader", {"--json", "status"});
  EXPECT_EQ(json::parse(out)["scheduling"], true) << "a read key stopped it";
  // What no command is called is unknown to a read key as well, with the
  // id echoed.
  auto reply = ask_as(d, k, "reader", R"({"id":3,"command":"explode"})");
  expect_error(reply, "unknown_command", "a read key's unknown command");
  EXPECT_EQ((*reply)["id"], 3);
  reply = ask_as(d, k, "reader", R"({"id":4,"command":"shutdown"})");
  expect_error(reply, "unauthorized", "a read key's shutdown");
  EXPECT_EQ((*reply)["id"], 4);
  // An admin key commands.
  std::tie(rc, out) = as(d, k, "admin", {"--json", "stop"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(json::parse(out)["scheduling"], false) << out;
  // An unknown key, or none, gets no answer at all.
  std::tie(rc, out) = as(d, k, "stranger", {"--timeout", "1", "status"});
  EXPECT_EQ(rc, 3) << out;
  std::tie(rc, out) = d.tool({"--timeout", "1", "status"});
  EXPECT_EQ(rc, 3) << out;
  EXPECT_NE(d.output().find("refused a client with the unknown key"),
            std::string::npos)
    << d.output();
  // Keys given by halves are a usage error.
  std::tie(rc, out) = d.tool({"--key", k.clients + "/admin.key", "status"});
  EXPECT_EQ(rc, 2) << out;
}

TEST(ControlAccess, ServesALoopbackTcpEndpointWithoutWarning) {
  // A real TCP socket on the loopback, as in the default configuration.
  auto endpoint = "tcp://127.0.0.1:" + std::to_string(free_port());
  daemon_fixture d{{{"control", {{"endpoint", endpoint}}}}};
  d.endpoint = endpoint;
  ASSERT_TRUE(d.ready()) << d.output();
  auto reply = ask(endpoint, "status");
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)["ok"], true) << *reply;
  auto [rc, out] = d.tool({"--json", "health"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(json::parse(out)["status"], "healthy") << out;
  // Only a socket open to the network is worth a warning.
  EXPECT_NE(d.output().find("control listening on " + endpoint),
            std::string::npos)
    << d.output();
  EXPECT_EQ(d.output().find("open to the network"), std::string::npos)
    << d.output();
}

TEST(ControlAccess, RefusesToStartWithAKeysFolderThatHoldsNoServerKey) {
  // CurveZMQ asked for but no key: a configuration to fix, not a daemon
  // to run without control.
  auto dir = scratch_dir();
  auto cfg = fast_config(dir, "0 0 1 1 *");
  cfg["control"]["keysDirectory"] = dir + "/no-such-folder";
  auto [status, out]
    = run({daemon_bin(), "--config", config_file(dir, cfg)},
          {{"DATABASE_URL", "postgresql://nobody@127.0.0.1:1/x"}});
  EXPECT_EQ(status, 2) << out;
  EXPECT_NE(out.find("/control/keysDirectory: no Z85 secret key in"),
            std::string::npos)
    << out;
}
