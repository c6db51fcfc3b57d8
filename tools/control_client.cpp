#include "tools/control_client.hpp"

#include <CLI/CLI.hpp>
#include <zmq.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

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

// A Z85 key is 40 characters.
constexpr size_t z85_key_size = 40;

// @returns the first `n` words of `path`, or `path` itself when it is no
// file and `n` is 1; each a Z85 key.
// @throws CLI::ValidationError naming `option` when they are not.
std::vector<std::string> key_words(const std::string& option,
                                   const std::string& path, size_t n) {
  std::ifstream in{path};
  std::vector<std::string> out;
  for (std::string word; out.size() < n && in >> word;)
    out.push_back(word);
  if (!in.is_open() && n == 1)
    out.push_back(path);
  auto z85 = [](const std::string& w) { return w.size() == z85_key_size; };
  if (out.size() != n || !std::all_of(out.begin(), out.end(), z85))
    throw CLI::ValidationError{
      option, path + " holds no " + (n == 1 ? "Z85 public key"
                                            : "key pair from keygen")};
  return out;
}

// Sets up CurveZMQ on `sock` when keys are given; both or neither must be.
void use_keys(zmq::socket_t& sock, const client_options& opts) {
  if (opts.server_key.empty() && opts.client_key.empty())
    return;
  if (opts.server_key.empty() || opts.client_key.empty())
    throw CLI::ValidationError{"--key/--server-key",
                               "CurveZMQ needs both: this client's key "
                               "pair and the daemon's public key"};
  auto server = key_words("--server-key", opts.server_key, 1);
  auto client = key_words("--key", opts.client_key, 2);
  sock.set(zmq::sockopt::curve_serverkey, server[0]);
  sock.set(zmq::sockopt::curve_secretkey, client[0]);
  sock.set(zmq::sockopt::curve_publickey, client[1]);
}

// Thrown by `exchange` when the endpoint is no address ZeroMQ can connect
// to, which is the caller's mistake rather than the daemon's absence.
struct bad_endpoint {};

// @returns the reply text, or nothing when none came in time.
std::optional<std::string> exchange(const client_options& opts,
                                    const std::string& endpoint,
                                    const std::string& request,
                                    std::chrono::milliseconds limit) {
  // A REQ socket that never blocks on close; CurveZMQ with keys.
  zmq::context_t ctx;
  zmq::socket_t sock{ctx, zmq::socket_type::req};
  sock.set(zmq::sockopt::linger, 0);
  use_keys(sock, opts);
  try {
    sock.connect(endpoint);
  } catch (const zmq::error_t& e) {
    // ZeroMQ reads the address here; whether anyone listens shows later.
    if (e.num() == EINVAL || e.num() == EPROTONOSUPPORT
        || e.num() == ENOCOMPATPROTO)
      throw bad_endpoint{};
    throw;
  }
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

// Writes `text` to the new file `path` with permissions `mode`; never
// replaces a file, so that a key in use is not lost by mistake.
// @returns the error, or nothing.
std::optional<std::string> write_new(const std::string& path,
                                     const std::string& text, mode_t mode) {
  auto fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, mode);
  if (fd < 0)
    return "cannot create " + path + ": " + std::strerror(errno);
  auto written = ::write(fd, text.data(), text.size());
  auto closed = ::close(fd);
  if (written != static_cast<ssize_t>(text.size()) || closed != 0)
    return "cannot write " + path;
  return std::nullopt;
}

// Draws a key pair and writes `NAME.key` (secret and public key, readable
// by its owner only) and `NAME.pub` into `dir`. @returns the exit status.
int keygen(const std::string& dir, const std::string& name) {
  // A plain file name: the pair lands in `dir` and nowhere else.
  if (name.empty() || name == "." || name == ".."
      || name.find('/') != std::string::npos) {
    std::cerr << "db-updater keygen: the name must be a file name without "
                 "'/', such as alice; --dir gives the folder\n";
    return 2;
  }
  // Draw the pair.
  char pub[z85_key_size + 1] = {};
  char sec[z85_key_size + 1] = {};
  if (zmq_curve_keypair(pub, sec) != 0) {
    std::cerr << "db-updater: this ZeroMQ has no CurveZMQ\n";
    return 1;
  }
  // The folder, then both files, none of which may exist yet.
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  auto base = dir + "/" + name;
  for (auto ext : {".key", ".pub"})
    if (std::filesystem::exists(base + ext, ec)) {
      std::cerr << "db-updater: " << base << ext
                << " exists; keygen never replaces a key\n";
      return 1;
    }
  auto err = write_new(base + ".key",
                       std::string{sec} + '\n' + pub + '\n', 0600);
  if (!err)
    err = write_new(base + ".pub", std::string{pub} + '\n', 0644);
  if (err) {
    std::cerr << "db-updater: " << *err << '\n';
    return 1;
  }
  std::cout << base << ".key\n" << base << ".pub\n";
  return 0;
}

// The bounds of `--timeout`: a wait that fits a poll timeout in
// milliseconds, and no NaN.
constexpr double min_timeout = 0.001;
constexpr double max_timeout = 86400;

// @returns the check of `--timeout`.
CLI::Validator timeout_bounds() {
  return CLI::Validator{
    [](std::string& text) {
      // The whole word must be a number within the bounds.
      char* end = nullptr;
      auto secs = std::strtod(text.c_str(), &end);
      if (end == text.c_str() || *end != '\0'
          || !(secs >= min_timeout && secs <= max_timeout))
        return "must be a number of seconds from 0.001 to 86400, not "
               + text;
      return std::string{};
    },
    "SECONDS"};
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
                   "seconds to wait for the daemon's reply (0.001 to "
                   "86400)")
      ->check(timeout_bounds());
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
  } catch (const bad_endpoint&) {
    auto from = opts.endpoint.empty() ? "DB_UPDATER_ENDPOINT" : "--endpoint";
    std::cerr << "db-updater: " << endpoint << " (from " << from
              << ") is no ZeroMQ endpoint; give tcp://HOST:PORT or "
                 "ipc://PATH\n";
    return 2;
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
  sub->footer("Example: db-updater keygen server --dir keys; "
              "db-updater keygen alice, then copy alice.pub to "
              "keys/admin/ (see README, \"Access\")");
  sub->add_option("name", *name, "file name of the pair")->required();
  sub->add_option("--dir", *dir, "folder to write to (default: .)");
  sub->callback([&status, name, dir] {
    status = keygen(*dir, *name);
  });
}

} // namespace dbu::tools
