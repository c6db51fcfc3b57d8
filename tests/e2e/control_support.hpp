#pragma once

// Test support for the control socket: a daemon started for one test, and
// requests to it over a real ZeroMQ socket.

#include "e2e/support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zmq.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dbu::test {

/// @returns an ipc endpoint no other test uses.
inline std::string unique_endpoint() {
  static std::atomic<int> counter{0};
  return "ipc:///tmp/dbu-ctl-" + std::to_string(getpid()) + "-"
         + std::to_string(counter++) + ".sock";
}

/// @returns a TCP port of the loopback that was free a moment ago.
inline int free_port() {
  auto fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

/// Sends `frames` as one message on a fresh REQ socket.
/// @returns the reply, or nothing after `limit`.
inline std::optional<nlohmann::json>
ask_raw(const std::string& endpoint, const std::vector<std::string>& frames,
        std::chrono::milliseconds limit = std::chrono::seconds{30}) {
  zmq::context_t ctx;
  zmq::socket_t sock{ctx, zmq::socket_type::req};
  sock.set(zmq::sockopt::linger, 0);
  sock.connect(endpoint);
  for (size_t i = 0; i < frames.size(); ++i)
    sock.send(zmq::buffer(frames[i]), i + 1 < frames.size()
                                        ? zmq::send_flags::sndmore
                                        : zmq::send_flags::none);
  zmq::pollitem_t item{sock.handle(), 0, ZMQ_POLLIN, 0};
  if (zmq::poll(&item, 1, limit) == 0)
    return std::nullopt;
  zmq::message_t reply;
  if (!sock.recv(reply))
    return std::nullopt;
  return nlohmann::json::parse(reply.to_string());
}

/// Sends the request `cmd` with `args` (id `t-1`). @returns the reply.
inline std::optional<nlohmann::json>
ask(const std::string& endpoint, const std::string& cmd,
    nlohmann::json args = nlohmann::json::object()) {
  nlohmann::json req{{"id", "t-1"}, {"command", cmd},
                     {"args", std::move(args)}};
  return ask_raw(endpoint, {req.dump()});
}

/// A DEALER client: it may send several requests before any reply comes.
struct dealer_client {
  zmq::context_t ctx;
  zmq::socket_t sock{ctx, zmq::socket_type::dealer};

  explicit dealer_client(const std::string& endpoint) {
    sock.set(zmq::sockopt::linger, 0);
    sock.connect(endpoint);
  }

  /// Sends the request `cmd` with `args` and `id`.
  void send(const nlohmann::json& id, const std::string& cmd,
            nlohmann::json args = nlohmann::json::object()) {
    nlohmann::json req{{"id", id}, {"command", cmd},
                       {"args", std::move(args)}};
    sock.send(zmq::buffer(req.dump()), zmq::send_flags::none);
  }

  /// @returns the next reply, or nothing after `limit`.
  std::optional<nlohmann::json>
  receive(std::chrono::milliseconds limit = std::chrono::seconds{120}) {
    zmq::pollitem_t item{sock.handle(), 0, ZMQ_POLLIN, 0};
    if (zmq::poll(&item, 1, limit) == 0)
      return std::nullopt;
    zmq::message_t reply;
    if (!sock.recv(reply))
      return std::nullopt;
    return nlohmann::json::parse(reply.to_string());
  }
};

/// @returns a merge patch of `updater`'s object of the default tenant.
inline nlohmann::json updater_patch(const std::string& updater,
                                    nlohmann::json value) {
  return {{"tenants",
           {{default_tenant,
             {{"updaters", {{updater, std::move(value)}}}}}}}};
}

/// A daemon with a control socket; schedules that fire once a year, so
/// that only requests start runs.
struct daemon_fixture {
  std::string url;
  std::string dir = scratch_dir();
  std::string endpoint = unique_endpoint();
  std::unique_ptr<process> proc;

  /// @param patch merged over the configuration.
  /// @param db_url the database; a fresh one when empty.
  explicit daemon_fixture(nlohmann::json patch = nlohmann::json::object(),
                          std::string db_url = {})
    : url(db_url.empty() ? fresh_database("ctl") : std::move(db_url)) {
    auto cfg = fast_config(dir, "0 0 0 1 1 *");
    cfg["control"] = {{"endpoint", endpoint}};
    cfg.merge_patch(patch);
    proc = std::make_unique<process>(
      std::vector<std::string>{daemon_bin(), "--config",
                               config_file(dir, cfg)},
      std::vector<std::pair<std::string, std::string>>{{"DATABASE_URL",
                                                        url}},
      dir + "/daemon.log");
  }

  /// Waits until `status` answers without keys.
  bool ready() {
    return eventually(std::chrono::seconds{30}, [&] {
      auto r = ask_raw(endpoint, {R"({"command":"status"})"},
                       std::chrono::seconds{1});
      return r && (*r)["ok"] == true;
    });
  }

  /// Runs the `db-updater` tool against this daemon with `args`.
  /// @returns its exit status and output.
  std::pair<int, std::string> tool(std::vector<std::string> args) const {
    args.insert(args.begin(), {tool_bin(), "--endpoint", endpoint});
    return run(args);
  }

  std::string output() const {
    return proc->output();
  }
};

/// Expects an error reply with `code`.
inline void expect_error(const std::optional<nlohmann::json>& reply,
                         const std::string& code, const std::string& what) {
  ASSERT_TRUE(reply) << what << ": no reply";
  EXPECT_EQ((*reply)["ok"], false) << what;
  EXPECT_EQ((*reply)["error"]["code"], code) << what << ": " << *reply;
  EXPECT_TRUE((*reply)["error"]["message"].is_string()) << what;
}

} // namespace dbu::test
