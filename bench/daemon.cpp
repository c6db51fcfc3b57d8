// Benchmarks of the running daemon, each next to its reference measured in
// the same run. bench/run prepares the database and the configurations.
//
//   bench_daemon idle DAEMON CONFIG ENDPOINT JOBS
//       start to ready (status answers with JOBS armed jobs) next to the
//       database's connect time; resident memory and idle CPU and wake-ups
//   bench_daemon control DAEMON CONFIG ENDPOINT
//       `status` round trip next to a bare ZeroMQ request/reply on the same
//       transport with a reply of the same size
//   bench_daemon fire DAEMON CONFIG ENDPOINT SECONDS
//       scheduled fire to commit (PostgreSQL's commit timestamps) next to a
//       bare transaction of three rows on the same server
//
// The daemon gets DATABASE_URL from the environment; BENCH_ADMIN_URL is a
// superuser connection to the same database. Every line printed is a
// measure: name, value, unit, reference, target, verdict (tab-separated).

#include "bench/process.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <zmq.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace dbu::bench;
using clock_type = std::chrono::steady_clock;

// @returns the milliseconds since `t`.
double ms_since(clock_type::time_point t) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - t)
    .count();
}

// @returns the middle of `xs`, 0 for none.
double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  return xs.empty() ? 0 : xs[xs.size() / 2];
}

// Prints one measure, as bench/run reads them; `ok` says whether it met
// its target ("-" for none).
void measure(const std::string& name, double value, const char* unit,
             const std::string& reference, const std::string& target,
             bool ok) {
  std::printf(value >= 1000 ? "%s\t%.0f\t%s\t%s\t%s\t%s\n"
                            : "%s\t%.3g\t%s\t%s\t%s\t%s\n",
              name.c_str(), value, unit,
              reference.c_str(), target.c_str(),
              target == "-" ? "-" : ok ? "ok" : "MISSED");
  std::fflush(stdout);
}

// @returns `x` printed by format `f`.
std::string fmt(const char* f, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}

// @returns the environment variable `name`; exits when it is not set.
const char* env(const char* name) {
  auto v = std::getenv(name);
  if (!v) {
    std::fprintf(stderr, "bench_daemon: %s is not set\n", name);
    std::exit(2);
  }
  return v;
}

// @returns the status result, or null when no reply came within `wait`.
nlohmann::json status(zmq::socket_t& s, std::chrono::milliseconds wait) {
  s.send(zmq::buffer(std::string{R"({"id":1,"command":"status"})"}));
  zmq::pollitem_t item{s.handle(), 0, ZMQ_POLLIN, 0};
  if (zmq::poll(&item, 1, wait) == 0)
    return nullptr;
  zmq::message_t reply;
  (void)s.recv(reply);
  auto j = nlohmann::json::parse(reply.to_string_view(), nullptr, false);
  return j.is_object() && j.value("ok", false) ? j["result"] : nullptr;
}

// @returns a REQ socket to `endpoint` that reconnects within a millisecond.
zmq::socket_t client(zmq::context_t& ctx, const std::string& endpoint) {
  zmq::socket_t s{ctx, zmq::socket_type::req};
  s.set(zmq::sockopt::reconnect_ivl, 1);
  s.set(zmq::sockopt::linger, 0);
  s.connect(endpoint);
  return s;
}

// @returns milliseconds from `start` until `status` lists `jobs` jobs, every
// enabled one with a next fire; negative after 60 s without.
double wait_ready(zmq::context_t& ctx, const std::string& endpoint,
                  size_t jobs, clock_type::time_point start) {
  while (ms_since(start) < 60'000) {
    auto s = client(ctx, endpoint);
    for (;;) {
      auto r = status(s, std::chrono::milliseconds{60'000});
      if (r.is_null())
        break; // a fresh socket: REQ cannot send twice
      auto armed = r["jobs"].size() == jobs
                   && std::all_of(r["jobs"].begin(), r["jobs"].end(),
                                  [](auto& j) {
                                    return !j["enabled"].template get<bool>()
                                           || !j["nextFire"].is_null();
                                  });
      if (armed)
        return ms_since(start);
      std::this_thread::sleep_for(std::chrono::milliseconds{1});
    }
  }
  return -1;
}

// @returns seconds from `start` until `d` used under 1 % of a core for a
// second.
double settle(const daemon_process& d, clock_type::time_point start) {
  auto before = d.usage();
  for (;;) {
    std::this_thread::sleep_for(std::chrono::seconds{1});
    auto now = d.usage();
    if (now.cpu_seconds - before.cpu_seconds < 0.01)
      return ms_since(start) / 1000;
    before = now;
  }
}

// Measures start to ready, then memory, CPU and wake-ups once idle.
// @returns the exit status.
int idle(const std::string& daemon, const std::string& config,
         const std::string& endpoint, size_t jobs) {
  // The reference: what connecting to the database costs by itself.
  std::vector<double> connects;
  for (int i = 0; i < 5; ++i) {
    auto t = clock_type::now();
    pqxx::connection c{env("DATABASE_URL")};
    connects.push_back(ms_since(t));
  }
  auto connect = median(connects);
  // Start to ready.
  zmq::context_t ctx;
  auto start = clock_type::now();
  daemon_process d{daemon, {"--config", config, "--log-level", "warn"}};
  auto ready = wait_ready(ctx, endpoint, jobs, start);
  if (ready < 0) {
    std::fprintf(stderr, "bench_daemon: the daemon never became ready\n");
    return 1;
  }
  auto label = " (" + std::to_string(jobs) + " jobs)";
  // The targets: 50 ms beyond the connect for a few jobs, 2 s for
  // thousands of tenants.
  auto many = jobs > 100;
  measure("start to ready" + label, ready, "ms",
          "db connect " + fmt("%.3g ms", connect),
          many ? "<= 2000 ms" : "<= connect + 50 ms",
          ready <= (many ? 2000 : connect + 50));
  // Memory and CPU once the start-up work (migrations, seeding) is done,
  // that is after a second without CPU time worth counting.
  auto settled = settle(d, start);
  measure("start-up work done" + label, settled, "s", "-", "-", true);
  auto before = d.usage();
  auto window = 10.0;
  std::this_thread::sleep_for(std::chrono::duration<double>{window});
  auto after = d.usage();
  auto rss_mib = double(after.rss_kib) / 1024;
  auto limit = many ? 100.0 : 12.0;
  measure("resident memory, idle" + label, rss_mib, "MiB", "-",
          "<= " + fmt("%.0f MiB", limit), rss_mib <= limit);
  measure("  of which the process's own (anonymous)" + label,
          double(after.anonymous_kib) / 1024, "MiB", "-", "-", true);
  auto cpu = (after.cpu_seconds - before.cpu_seconds) / window * 100;
  measure("CPU, idle" + label, cpu, "% of a core", "-", "near 0",
          cpu < 0.5);
  auto wakeups = double(after.switches - before.switches) / window;
  measure("wake-ups, idle" + label, wakeups, "/s", "its timers: 0",
          "no periodic", wakeups < 1);
  return 0;
}

// Measures the `status` round trip next to a bare one. @returns the exit
// status.
int control(const std::string& daemon, const std::string& config,
            const std::string& endpoint) {
  zmq::context_t ctx;
  daemon_process d{daemon, {"--config", config, "--log-level", "warn"}};
  if (wait_ready(ctx, endpoint, 4, clock_type::now()) < 0) {
    std::fprintf(stderr, "bench_daemon: the daemon never became ready\n");
    return 1;
  }
  auto s = client(ctx, endpoint);
  auto reply_size = status(s, std::chrono::seconds{5}).dump().size();
  // The reference: a bare echo of the same sizes on a loopback TCP port.
  zmq::socket_t rep{ctx, zmq::socket_type::rep};
  rep.set(zmq::sockopt::linger, 0);
  rep.bind("tcp://127.0.0.1:*");
  auto bare_endpoint = rep.get(zmq::sockopt::last_endpoint);
  std::thread echo{[&rep, reply_size] {
    std::string body(reply_size, 'x');
    zmq::message_t m;
    while (rep.recv(m))
      if (m.to_string_view() == "end" || !rep.send(zmq::buffer(body)))
        break;
  }};
  auto bare = client(ctx, bare_endpoint);
  auto request = std::string{R"({"id":1,"command":"status"})"};
  auto round_trip = [&](zmq::socket_t& sock) {
    auto t = clock_type::now();
    sock.send(zmq::buffer(request));
    zmq::message_t m;
    (void)sock.recv(m);
    return ms_since(t);
  };
  // Interleaved blocks, so that a busy moment of the machine hits both.
  std::vector<double> daemon_ms, bare_ms;
  for (int block = 0; block < 20; ++block)
    for (int i = 0; i < 100; ++i) {
      daemon_ms.push_back(round_trip(s));
      bare_ms.push_back(round_trip(bare));
    }
  bare.send(zmq::buffer(std::string{"end"}));
  echo.join();
  auto ours = median(daemon_ms);
  auto ref = median(bare_ms);
  measure("status round trip", ours * 1000, "us",
          "bare zmq " + fmt("%.3g us", ref * 1000), "<= 1.5x bare",
          ours <= 1.5 * ref);
  return 0;
}

// Measures fire to commit of runs every second for `seconds`, next to a
// bare commit. @returns the exit status.
int fire(const std::string& daemon, const std::string& config,
         const std::string& endpoint, int seconds) {
  // The reference: a bare transaction of three rows, as small runs write.
  pqxx::connection admin{env("BENCH_ADMIN_URL")};
  {
    pqxx::work w{admin};
    w.exec("CREATE TABLE IF NOT EXISTS bench_reference (n int, t text)");
    w.commit();
  }
  std::vector<double> bare;
  for (int i = 0; i < 200; ++i) {
    auto t = clock_type::now();
    pqxx::work w{admin};
    w.exec("INSERT INTO bench_reference VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    w.commit();
    bare.push_back(ms_since(t));
  }
  // Scheduled runs every second for a while.
  zmq::context_t ctx;
  {
    daemon_process d{daemon, {"--config", config, "--log-level", "warn"}};
    if (wait_ready(ctx, endpoint, 4, clock_type::now()) < 0) {
      std::fprintf(stderr, "bench_daemon: the daemon never became ready\n");
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::seconds{seconds});
  }
  // Fire to commit of every scheduled run but the first of each job (its
  // connection was new).
  pqxx::work w{admin};
  auto rows = w.exec(R"(
    SELECT extract(epoch FROM pg_xact_commit_timestamp(xmin) - fire_time)
           * 1000
    FROM (SELECT xmin, fire_time, row_number() OVER (PARTITION BY updater
                                       ORDER BY fire_time) AS nth
          FROM updater_runs
          WHERE trigger = 'schedule' AND status = 'succeeded') r
    WHERE nth > 1)");
  std::vector<double> fire_ms;
  for (auto row : rows)
    fire_ms.push_back(row[0].as<double>());
  if (fire_ms.empty()) {
    std::fprintf(stderr, "bench_daemon: no scheduled run committed\n");
    return 1;
  }
  auto ours = median(fire_ms);
  measure("fire to commit, median of " + std::to_string(fire_ms.size())
            + " runs",
          ours, "ms", "bare 3-row commit " + fmt("%.3g ms", median(bare)),
          "<= 5 ms", ours <= 5);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args{argv + 1, argv + argc};
  try {
    if (args.size() == 5 && args[0] == "idle")
      return idle(args[1], args[2], args[3], std::stoul(args[4]));
    if (args.size() == 4 && args[0] == "control")
      return control(args[1], args[2], args[3]);
    if (args.size() == 5 && args[0] == "fire")
      return fire(args[1], args[2], args[3], std::stoi(args[4]));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_daemon: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "usage: bench_daemon idle|control|fire DAEMON CONFIG "
                       "ENDPOINT [JOBS|SECONDS]\n");
  return 2;
}
