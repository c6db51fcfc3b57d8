#pragma once

#include <caf/expected.hpp>
#include <zmq.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace dbu {

/// @returns whether `endpoint` (as ZeroMQ bound it, e.g.
/// `tcp://0.0.0.0:5555`) can be reached from other hosts: a TCP address
/// other than loopback, or a network transport; `ipc://` and `inproc://`
/// cannot.
bool open_to_network(const std::string& endpoint);

/// The control socket and the thread that serves it. The thread owns a
/// ZeroMQ ROUTER bound to the endpoint, so that many clients (REQ or DEALER)
/// talk at once, and blocks in `zmq::poll` without a timeout. It refuses
/// malformed requests itself and hands each valid one, as JSON text with a
/// ticket, to a callback; replies come back through an inproc pair.
class control_io {
public:
  /// Receives a valid request: its ticket, the request object as text and
  /// the client's role (`admin`, or `read` for a read key; every client of
  /// a socket without keys is `admin`).
  using deliver_fn = std::function<void(uint64_t, std::string, std::string)>;

  /// Binds `endpoint`; with `keys_directory`, only clients whose public
  /// key it holds get through, encrypted with CurveZMQ (see
  /// `control_config::keys_directory`).
  /// @returns the socket, or an `ec::io_error` naming the endpoint or key.
  static caf::expected<std::shared_ptr<control_io>>
  open(const std::string& endpoint, const std::string& keys_directory);

  ~control_io();

  control_io(const control_io&) = delete;
  control_io& operator=(const control_io&) = delete;

  /// Starts the I/O thread.
  void start(deliver_fn deliver);

  /// Sends the reply to request `ticket`. Call from one thread at a time.
  void reply(uint64_t ticket, const std::string& text);

  /// Stops the I/O thread; replies already handed over are still sent.
  void stop();

private:
  control_io() = default;

  /// The I/O thread's loop.
  void serve();

  /// Reads one request from the ROUTER and answers or delivers it.
  void on_request();

  /// Forwards one reply from the pair. @returns false on the stop frame.
  bool on_reply();

  /// Answers one ZeroMQ authentication (ZAP) request.
  void on_zap();

  /// Logs a refused client, at most once a minute.
  /// @param key the client's public key (Z85), empty when it sent none.
  /// @param address the client's address, empty when unknown.
  void log_refusal(const std::string& key, const std::string& address);

  /// Loads the server key and the client keys of `dir`.
  /// @returns the server's secret key (Z85) or an `ec::io_error`.
  caf::expected<std::string> load_keys(const std::string& dir);

  /// Sends `text` to the client with the routing frames `route`.
  void send(const std::vector<std::string>& route, const std::string& text);

  zmq::context_t ctx_;
  zmq::socket_t router_;
  /// The I/O thread's end of the pair.
  zmq::socket_t inner_;
  /// The replying side's end of the pair.
  zmq::socket_t outer_;
  /// Answers authentication requests when keys are configured.
  zmq::socket_t zap_;
  /// The role (`admin` or `read`) of every authorized client key (Z85).
  std::map<std::string, std::string> roles_;
  /// When a refused client was last logged; the epoch before the first.
  std::chrono::steady_clock::time_point refusals_logged_;
  /// Clients refused since then without a log line.
  uint64_t refusals_unlogged_ = 0;
  std::thread thread_;
  deliver_fn deliver_;
  uint64_t next_ticket_ = 0;
  /// The routing frames of every request still waiting for its reply.
  std::map<uint64_t, std::vector<std::string>> pending_;
};

} // namespace dbu
