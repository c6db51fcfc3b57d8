#include "tools/control_client.hpp"

#include <CLI/CLI.hpp>
#include <zmq.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

namespace dbu::tools {

namespace {

constexpr const char* default_endpoint = "tcp://127.0.0.1:5555";

std::string endpoint_of(const client_options& opts) {
  // The flag, then the environment, then the default.
  if (!opts.endpoint.empty())
    return opts.endpoint;
  if (auto env = std::getenv("DB_UPDATER_ENDPOINT"); env && *env)
    return env;
  return default_endpoint;
}

// @returns the first `n` words of `path`, or `path` itself when it is no
// file and `n` is 1.
std::vector<std::string> key_words(const std::string& path, size_t n) {
  std::ifstream in{path};
  std::vector<std::string> out;
  for (std::string word; out.size() < n && in >> word;)
    out.push_back(word);
  if (!in.is_open() && n == 1)
    out.push_back(path);
  if (out.size() != n)
    throw CLI::ValidationError{path, "holds no key"};
  return out;
}

// @returns the reply text, or nothing when none came in time.
std::optional<std::string> exchange(const client_options& opts,
                                    const std::string& endpoint,
                                    const std::string& request,
                                    std::chrono::milliseconds limit) {
  // A REQ socket that never blocks on close; CurveZMQ with keys.
  zmq::context_t ctx;
  zmq::socket_t sock{ctx, zmq::socket_type::req};
  sock.set(zmq::sockopt::linger, 0);
  if (!opts.server_key.empty() || !opts.client_key.empty()) {
    auto server = key_words(opts.server_key, 1);
    auto client = key_words(opts.client_key, 2);
    sock.set(zmq::sockopt::curve_serverkey, server[0]);
    sock.set(zmq::sockopt::curve_secretkey, client[0]);
    sock.set(zmq::sockopt::curve_publickey, client[1]);
  }
  sock.connect(endpoint);
  sock.send(zmq::buffer(request), zmq::send_flags::dontwait);
  // Wait for the reply at most `limit`.
  zmq::pollitem_t item{sock.handle(), 0, ZMQ_POLLIN, 0};
  if (zmq::poll(&item, 1, limit) == 0)
    return std::nullopt;
  zmq::message_t reply;
  if (!sock.recv(reply, zmq::recv_flags::dontwait))
    return std::nullopt;
  return reply.to_string();
}

} // namespace

client_options& add_client_options(CLI::App& app) {
  static client_options opts;
  static bool added = false;
  if (!added) {
    added = true;
    app.add_option("--endpoint", opts.endpoint,
                   "control endpoint of the daemon (default: "
                   "$DB_UPDATER_ENDPOINT or tcp://127.0.0.1:5555)");
    app.add_option("--timeout", opts.timeout,
                   "seconds to wait for the daemon's reply")
      ->check(CLI::PositiveNumber);
    app.add_flag("--json", opts.json, "print the result as JSON");
    app.add_option("--server-key", opts.server_key,
                   "the daemon's public key (file or Z85) for CurveZMQ");
    app.add_option("--key", opts.client_key,
                   "this client's key file (from keygen) for CurveZMQ");
  }
  return opts;
}

int call(const client_options& opts, const std::string& command,
         nlohmann::json args, double fallback_timeout,
         nlohmann::json& result) {
  // One request; ZeroMQ failures count as an unreachable daemon.
  auto endpoint = endpoint_of(opts);
  nlohmann::json request{{"id", 1}, {"command", command},
                         {"args", std::move(args)}};
  auto secs = opts.timeout ? *opts.timeout : fallback_timeout;
  auto limit = std::chrono::milliseconds{static_cast<int64_t>(secs * 1000)};
  std::optional<std::string> text;
  try {
    text = exchange(opts, endpoint, request.dump(), limit);
  } catch (const zmq::error_t& e) {
    std::cerr << "db-updater: cannot reach " << endpoint << ": " << e.what()
              << '\n';
    return 3;
  }
  if (!text) {
    std::cerr << "db-updater: no answer from " << endpoint << " within "
              << secs << " s\n";
    return 3;
  }
  // The envelope: a result or an error.
  auto reply = nlohmann::json::parse(*text, nullptr, false);
  if (!reply.is_object() || !reply.contains("ok")) {
    std::cerr << "db-updater: the daemon sent an unreadable reply\n";
    return 3;
  }
  if (reply["ok"] != true) {
    auto err = reply.value("error", nlohmann::json::object());
    if (opts.json)
      std::cout << err.dump(2, ' ', false,
                            nlohmann::json::error_handler_t::replace)
                << '\n';
    std::cerr << "db-updater: " << err.value("code", "internal") << ": "
              << err.value("message", "") << '\n';
    return 1;
  }
  result = reply.value("result", nlohmann::json::object());
  if (opts.json)
    std::cout << result.dump(2, ' ', false,
                             nlohmann::json::error_handler_t::replace)
              << '\n';
  return 0;
}

void add_keygen_command(CLI::App& app, int& status) {
  auto name = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>(".");
  auto sub = app.add_subcommand("keygen", "write a CurveZMQ key pair");
  sub->footer("Example: db-updater keygen alice --dir keys/admin "
              "(the daemon reads keys/admin/alice.pub)");
  sub->add_option("name", *name, "file name of the pair")->required();
  sub->add_option("--dir", *dir, "folder to write to (default: .)");
  sub->callback([&status, name, dir] {
    // Draw the pair, then write both files.
    char pub[41] = {};
    char sec[41] = {};
    if (zmq_curve_keypair(pub, sec) != 0) {
      std::cerr << "db-updater: this ZeroMQ has no CurveZMQ\n";
      status = 1;
      return;
    }
    auto base = *dir + "/" + *name;
    std::ofstream key{base + ".key"};
    key << sec << '\n' << pub << '\n';
    std::ofstream pub_file{base + ".pub"};
    pub_file << pub << '\n';
    if (!key.flush() || !pub_file.flush()) {
      std::cerr << "db-updater: cannot write " << base << ".key/.pub\n";
      status = 1;
      return;
    }
    std::cout << base << ".key\n" << base << ".pub\n";
    status = 0;
  });
}

} // namespace dbu::tools
