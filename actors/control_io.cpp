#include "actors/control_io.hpp"

#include "actors/control_codec.hpp"
#include "messages/ec.hpp"

#include <spdlog/spdlog.h>
#include <zmq_addon.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace dbu {

namespace {

// Frames above this size make ZeroMQ drop the connection; requests between
// 1 MiB and this size get a `too_large` reply.
constexpr int64_t max_frame_bytes = 8 << 20;

// Sets replies time to leave when the socket closes.
constexpr int close_linger_ms = 1000;

// A Z85 key is 40 characters.
constexpr size_t z85_key_size = 40;

// Refused clients are logged at most once in this interval, with a count
// of the ones in between.
constexpr auto refusal_log_interval = std::chrono::seconds{60};

// @returns the first word of `path` when it is a Z85 key, else nothing.
std::optional<std::string> read_key(const std::filesystem::path& path) {
  std::ifstream in{path};
  std::string word;
  if (!(in >> word) || word.size() != z85_key_size)
    return std::nullopt;
  return word;
}

std::string inproc_name() {
  static std::atomic<uint64_t> counter{0};
  return "inproc://dbu-control-" + std::to_string(counter++);
}

// Warns when the socket takes plain requests from the network.
void warn_when_open(zmq::socket_t& router) {
  auto bound = router.get(zmq::sockopt::last_endpoint);
  if (open_to_network(bound))
    spdlog::warn("control listens on {} without keysDirectory: the socket "
                 "is open to the network, unauthenticated",
                 bound);
}

} // namespace

bool open_to_network(const std::string& endpoint) {
  // Local transports stay on this host; other ones than TCP do not.
  for (auto local : {"ipc://", "inproc://"})
    if (endpoint.rfind(local, 0) == 0)
      return false;
  std::string tcp = "tcp://";
  if (endpoint.rfind(tcp, 0) != 0)
    return true;
  // The host is what comes before the port, without IPv6 brackets.
  auto host = endpoint.substr(tcp.size(), endpoint.rfind(':') - tcp.size());
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  auto loopback = host.rfind("127.", 0) == 0 || host == "::1"
                  || host.rfind("::ffff:127.", 0) == 0
                  || host == "localhost";
  return !loopback;
}

caf::expected<std::string> control_io::load_keys(const std::string& dir) {
  // The server's secret key, then every client key by role.
  namespace fs = std::filesystem;
  auto secret = read_key(fs::path{dir} / "server.key");
  if (!secret)
    return make_error(ec::invalid_config, "no Z85 secret key in " + dir
                                            + "/server.key");
  for (auto role : {"admin", "read"}) {
    std::error_code err;
    for (auto& entry : fs::directory_iterator{fs::path{dir} / role, err})
      if (entry.path().extension() == ".pub")
        if (auto key = read_key(entry.path()))
          roles_.emplace(*key, role);
  }
  if (roles_.empty())
    spdlog::warn("control admits no client: {} has no admin/*.pub or "
                 "read/*.pub key",
                 dir);
  else
    spdlog::info("control admits {} client key(s) from {}", roles_.size(),
                 dir);
  return *secret;
}

namespace {

// @returns whether a process accepts connections on the Unix socket of an
// `ipc://` endpoint: binding there would take the socket from it.
bool ipc_in_use(const std::string& endpoint) {
  // The path, or an abstract name after '@'.
  constexpr std::string_view scheme = "ipc://";
  if (!endpoint.starts_with(scheme))
    return false;
  auto path = endpoint.substr(scheme.size());
  sockaddr_un addr{};
  if (path.empty() || path.size() >= sizeof(addr.sun_path))
    return false;
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.data(), path.size());
  if (path[0] == '@')
    addr.sun_path[0] = '\0';
  auto size = socklen_t(offsetof(sockaddr_un, sun_path) + path.size());
  // A refused connection is a socket file left behind: that one is free.
  auto fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return false;
  auto in_use
    = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), size) == 0;
  ::close(fd);
  return in_use;
}

} // namespace

caf::expected<std::shared_ptr<control_io>>
control_io::open(const std::string& endpoint,
                 const std::string& keys_directory) {
  // ZeroMQ would take an ipc socket from another daemon without a word.
  if (ipc_in_use(endpoint))
    return make_error(ec::io_error,
                      "cannot listen on " + endpoint
                        + ": another process listens there (another "
                          "daemon?); stop it or choose another endpoint");
  // ZeroMQ reports failures by exception; they end here.
  std::shared_ptr<control_io> io{new control_io};
  try {
    io->router_ = zmq::socket_t{io->ctx_, zmq::socket_type::router};
    io->router_.set(zmq::sockopt::linger, close_linger_ms);
    io->router_.set(zmq::sockopt::maxmsgsize, max_frame_bytes);
    // With keys: CurveZMQ, and a ZAP handler that admits known clients.
    if (!keys_directory.empty()) {
      auto secret = io->load_keys(keys_directory);
      if (!secret)
        return std::move(secret.error());
      io->zap_ = zmq::socket_t{io->ctx_, zmq::socket_type::rep};
      io->zap_.bind("inproc://zeromq.zap.01");
      io->router_.set(zmq::sockopt::curve_server, true);
      io->router_.set(zmq::sockopt::curve_secretkey, *secret);
    }
    io->router_.bind(endpoint);
    if (keys_directory.empty())
      warn_when_open(io->router_);
    auto name = inproc_name();
    io->inner_ = zmq::socket_t{io->ctx_, zmq::socket_type::pair};
    io->inner_.bind(name);
    io->outer_ = zmq::socket_t{io->ctx_, zmq::socket_type::pair};
    io->outer_.connect(name);
  } catch (const zmq::error_t& e) {
    return make_error(ec::io_error, "cannot listen on " + endpoint + ": "
                                      + e.what());
  }
  return io;
}

control_io::~control_io() {
  // Join the thread before its sockets go.
  stop();
  router_.close();
  zap_.close();
  inner_.close();
  outer_.close();
}

void control_io::start(deliver_fn deliver) {
  deliver_ = std::move(deliver);
  thread_ = std::thread{[this] { serve(); }};
}

void control_io::reply(uint64_t ticket, const std::string& text) {
  // The ticket frame, then the reply.
  try {
    zmq::message_t head{&ticket, sizeof(ticket)};
    outer_.send(head, zmq::send_flags::sndmore);
    outer_.send(zmq::buffer(text), zmq::send_flags::none);
  } catch (const zmq::error_t& e) {
    spdlog::error("control cannot pass a reply on: {}", e.what());
  }
}

void control_io::stop() {
  // An empty frame tells the thread to end.
  if (!thread_.joinable())
    return;
  try {
    outer_.send(zmq::message_t{}, zmq::send_flags::none);
  } catch (const zmq::error_t& e) {
    spdlog::error("control cannot stop its socket thread: {}", e.what());
  }
  thread_.join();
  deliver_ = nullptr;
}

void control_io::serve() {
  // Wait without a timeout for a request or a reply.
  zmq::pollitem_t items[] = {{router_.handle(), 0, ZMQ_POLLIN, 0},
                             {inner_.handle(), 0, ZMQ_POLLIN, 0},
                             {zap_.handle(), 0, ZMQ_POLLIN, 0}};
  auto count = zap_ ? 3 : 2;
  for (;;) {
    try {
      zmq::poll(items, count, std::chrono::milliseconds{-1});
      if (count == 3 && (items[2].revents & ZMQ_POLLIN) != 0)
        on_zap();
      if ((items[1].revents & ZMQ_POLLIN) != 0 && !on_reply())
        return;
      if ((items[0].revents & ZMQ_POLLIN) != 0)
        on_request();
    } catch (const zmq::error_t& e) {
      if (e.num() == ETERM)
        return;
      if (e.num() != EINTR)
        spdlog::error("control socket failed: {}", e.what());
    }
  }
}

void control_io::on_request() {
  // Routing frames: the identity, then the empty delimiter of REQ clients.
  std::vector<zmq::message_t> frames;
  if (!zmq::recv_multipart(router_, std::back_inserter(frames),
                           zmq::recv_flags::dontwait))
    return;
  std::vector<std::string> route{frames.front().to_string()};
  size_t body = 1;
  if (frames.size() > 2 && frames[1].size() == 0) {
    route.emplace_back();
    body = 2;
  }
  // Exactly one body frame; the id of the first is echoed when it has one.
  nlohmann::json id;
  nlohmann::json request;
  auto body_frames = frames.size() - body;
  if (body_frames != 1) {
    if (body_frames > 1)
      control_wire::decode(frames[body].to_string_view(), request, id);
    send(route, control_wire::error_reply(
                  id, {"bad_request", "A request is exactly one frame; got "
                                        + std::to_string(body_frames)
                                        + "."}));
    return;
  }
  // Refuse what does not decode; deliver the rest with the client's role,
  // which the control actor checks once it knows the command.
  auto& msg = frames[body];
  if (auto err = control_wire::decode(msg.to_string_view(), request, id)) {
    send(route, control_wire::error_reply(id, *err));
    return;
  }
  std::string role = roles_.empty() ? "admin" : msg.gets("User-Id");
  auto ticket = next_ticket_++;
  pending_.emplace(ticket, std::move(route));
  deliver_(ticket, request.dump(), std::move(role));
}

bool control_io::on_reply() {
  // The stop frame is a lone empty one.
  std::vector<zmq::message_t> frames;
  if (!zmq::recv_multipart(inner_, std::back_inserter(frames),
                           zmq::recv_flags::dontwait))
    return true;
  if (frames.size() != 2 || frames[0].size() != sizeof(uint64_t))
    return false;
  uint64_t ticket = 0;
  std::memcpy(&ticket, frames[0].data(), sizeof(ticket));
  auto i = pending_.find(ticket);
  if (i == pending_.end())
    return true;
  send(i->second, frames[1].to_string());
  pending_.erase(i);
  return true;
}

void control_io::on_zap() {
  // Version, request id, domain, address, identity, mechanism, key.
  std::vector<zmq::message_t> frames;
  if (!zmq::recv_multipart(zap_, std::back_inserter(frames),
                           zmq::recv_flags::dontwait))
    return;
  std::string role;
  char z85[z85_key_size + 1] = {};
  if (frames.size() >= 7 && frames[5].to_string_view() == "CURVE"
      && frames[6].size() == 32) {
    zmq_z85_encode(z85, static_cast<const uint8_t*>(frames[6].data()), 32);
    if (auto i = roles_.find(z85); i != roles_.end())
      role = i->second;
  }
  if (role.empty())
    log_refusal(z85, frames.size() > 3 ? frames[3].to_string()
                                       : std::string{});
  // Status 200 admits the client with its role as user id.
  std::vector<std::string> reply{
    "1.0", frames.size() > 1 ? frames[1].to_string() : std::string{},
    role.empty() ? "400" : "200", role.empty() ? "unknown key" : "OK",
    role, ""};
  for (size_t i = 0; i < reply.size(); ++i)
    zap_.send(zmq::buffer(reply[i]), i + 1 < reply.size()
                                       ? zmq::send_flags::sndmore
                                       : zmq::send_flags::none);
}

void control_io::log_refusal(const std::string& key,
                             const std::string& address) {
  // A client retrying in a loop must not flood the log.
  auto now = std::chrono::steady_clock::now();
  if (refusals_logged_ != std::chrono::steady_clock::time_point{}
      && now - refusals_logged_ < refusal_log_interval) {
    ++refusals_unlogged_;
    return;
  }
  auto since = refusals_unlogged_ == 0
                 ? std::string{}
                 : " (and " + std::to_string(refusals_unlogged_)
                     + " more since the last such line)";
  spdlog::warn("control refused a client with the unknown key {} from {}{}",
               key.empty() ? "-" : key, address.empty() ? "-" : address,
               since);
  refusals_logged_ = now;
  refusals_unlogged_ = 0;
}

void control_io::send(const std::vector<std::string>& route,
                      const std::string& text) {
  // A client that left is dropped by the ROUTER without an error.
  for (auto& frame : route)
    router_.send(zmq::buffer(frame), zmq::send_flags::sndmore);
  router_.send(zmq::buffer(text), zmq::send_flags::none);
}

} // namespace dbu
