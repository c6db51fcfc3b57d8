#include "actors/control_reply.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <optional>
#include <set>

namespace dbu::control_cmd {

namespace {

using nlohmann::json;
using control_wire::wire_error;
using ms = std::chrono::duration<double, std::milli>;

// @returns the resident memory of this process in bytes, 0 when unknown.
uint64_t resident_bytes() {
  std::ifstream in{"/proc/self/statm"};
  uint64_t size = 0;
  uint64_t resident = 0;
  if (!(in >> size >> resident))
    return 0;
  return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

// @returns the CPU time of this process, user and system, in seconds.
double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto secs = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6;
  };
  return secs(ru.ru_utime) + secs(ru.ru_stime);
}

json job_numbers(const job_info& job) {
  // Rates and averages only once there are runs.
  json out{{"tenant", job.tenant_id},
           {"updater", job.updater},
           {"runs", job.runs},
           {"successes", job.successes},
           {"failures", job.failures},
           {"skippedOverlap", job.skipped_overlap},
           {"rowsWritten", job.rows_written},
           {"successRate", nullptr},
           {"averageDurationMs", nullptr},
           {"lastDurationMs", nullptr},
           {"lastError", nullptr}};
  if (job.runs > 0) {
    auto runs = static_cast<double>(job.runs);
    out["successRate"] = static_cast<double>(job.successes) / runs;
    out["averageDurationMs"] = ms{job.total_duration}.count() / runs;
    out["lastDurationMs"] = ms{job.last.duration}.count();
  }
  if (!job.last.error.empty())
    out["lastError"] = job.last.error;
  return out;
}

// @returns the share of jobs whose last run failed, among jobs that ran.
double failure_rate(const std::vector<job_info>& jobs) {
  auto ran = 0;
  auto failed = 0;
  for (auto& job : jobs) {
    if (job.runs == 0)
      continue;
    ++ran;
    failed += job.last.status == run_status::failed ? 1 : 0;
  }
  return ran == 0 ? 0.0 : static_cast<double>(failed) / ran;
}

// How long runs refused for a full queue keep `health` degraded.
constexpr auto backlog_window = std::chrono::minutes{10};

// What `health` gathers from the parts it asks at once.
struct health_probe {
  /// Answers still missing.
  int left = 3;
  json checks = json::object();
  std::vector<job_info> jobs;
  /// Whether scheduling is on; unknown when the scheduler did not answer.
  std::optional<bool> scheduling;
};

// @returns the check of a part that did not answer, with the code.
json failed_check(const caf::error& err) {
  auto code = err == caf::sec::request_timeout
                ? std::string{"timeout"}
                : control_wire::code_name(code_of(err));
  return {{"ok", false}, {"code", code}, {"error", render(err)}};
}

// @returns `tenant/updater`, how the checks name a job.
std::string job_name(const std::string& tenant, const std::string& updater) {
  return tenant + "/" + updater;
}

// @returns the `updaters` check: every configured job has an actor (the
// registry knows it), every enabled job has its next fire armed while
// scheduling is on, and no job's last run failed.
json updaters_check(const config& cfg, const health_probe& probe) {
  // Jobs of the configuration that the supervisor did not start.
  std::set<std::string> known;
  for (auto& job : probe.jobs)
    known.insert(job_name(job.tenant_id, job.updater));
  auto missing = json::array();
  for (auto& tenant : cfg.tenants)
    for (auto& upd : tenant.updaters)
      if (known.count(job_name(tenant.id, upd.name)) == 0)
        missing.push_back(job_name(tenant.id, upd.name));
  // Enabled jobs that no timer will fire, and jobs whose last run failed.
  auto unarmed = json::array();
  auto failing = json::array();
  for (auto& job : probe.jobs) {
    if (probe.scheduling == true && job.enabled
        && job.next_fire == caf::timestamp{})
      unarmed.push_back(job_name(job.tenant_id, job.updater));
    if (job.runs > 0 && job.last.status == run_status::failed)
      failing.push_back(job_name(job.tenant_id, job.updater));
  }
  auto ok = missing.empty() && unarmed.empty() && failing.empty();
  return {{"ok", ok},
          {"jobs", probe.jobs.size()},
          {"missing", std::move(missing)},
          {"unarmed", std::move(unarmed)},
          {"failing", std::move(failing)},
          {"lastRunsFailed", failure_rate(probe.jobs)}};
}

void verdict(const reply_to& r, health_probe& probe) {
  // Unhealthy when a core part fails; degraded when a job does not run or
  // its last run failed.
  auto& checks = probe.checks;
  auto registry = checks["registry"]["ok"] == true;
  checks["updaters"]
    = registry ? updaters_check(r.self->state.spec.cfg, probe)
               : json{{"ok", false}, {"error", "the registry did not answer"}};
  auto core = registry && checks["scheduler"]["ok"] == true
              && checks["database"]["ok"] == true;
  auto updaters = checks["updaters"]["ok"] == true
                  && checks.value("queue", json::object()).value("ok", true);
  auto state = !core ? "unhealthy" : updaters ? "healthy" : "degraded";
  r.ok({{"status", state}, {"checks", checks}});
}

} // namespace

void metrics(const reply_to& r, const json&) {
  // The jobs' numbers, then the supervisor's.
  auto self = r.self;
  ask_supervisor(r, quick, atom::status_v)
    .then(
      [=](std::vector<job_info>& jobs) {
        ask_supervisor(r, quick, atom::metrics_v)
          .then(
            [=](const daemon_numbers& numbers) {
              auto up = std::chrono::steady_clock::now()
                        - self->state.spec.started;
              auto list = json::array();
              for (auto& job : jobs)
                list.push_back(job_numbers(job));
              json process{
                {"uptimeSeconds", std::chrono::duration<double>{up}.count()},
                {"residentBytes", resident_bytes()},
                {"cpuSeconds", cpu_seconds()},
                {"runsInFlight", numbers.in_flight},
                {"runsQueued", numbers.queued},
                {"skippedOverlap", numbers.skipped_overlap},
                {"rejected", numbers.rejected},
                {"restarts", numbers.restarts},
                {"scheduling", numbers.scheduling}};
              r.ok({{"process", std::move(process)},
                    {"jobs", std::move(list)}});
            },
            [=](caf::error& err) { r.fail(err); });
      },
      [=](caf::error& err) { r.fail(err); });
}

void health(const reply_to& r, const json&) {
  // The registry, the scheduler and the database at once, each bounded;
  // the verdict goes once all three answered or gave up.
  auto probe = std::make_shared<health_probe>();
  auto answered = [=] {
    if (--probe->left == 0)
      verdict(r, *probe);
  };
  ask_supervisor(r, health_bound, atom::status_v)
    .then(
      [=](std::vector<job_info>& jobs) {
        probe->jobs = std::move(jobs);
        probe->checks["registry"] = {{"ok", true}};
        answered();
      },
      [=](caf::error& err) {
        probe->checks["registry"] = failed_check(err);
        answered();
      });
  // The scheduler's switch.
  auto self = r.self;
  ask_supervisor(r, health_bound, atom::metrics_v)
    .then(
      [=](const daemon_numbers& numbers) {
        probe->scheduling = numbers.scheduling;
        probe->checks["scheduler"] = {{"ok", true},
                                      {"scheduling", numbers.scheduling}};
        // Runs refused for a full queue lately: the gate cannot keep up.
        auto& st = self->state;
        auto now = std::chrono::steady_clock::now();
        if (numbers.rejected > st.rejected_seen)
          st.rejected_grew = now;
        st.rejected_seen = numbers.rejected;
        auto ever = st.rejected_grew != decltype(st.rejected_grew){};
        auto lately = ever && now - st.rejected_grew < backlog_window;
        probe->checks["queue"] = {{"ok", !lately},
                                  {"queued", numbers.queued},
                                  {"rejected", numbers.rejected}};
        if (lately)
          probe->checks["queue"]["error"]
            = "runs were refused for a full queue in the last 10 minutes";
        answered();
      },
      [=](caf::error& err) {
        probe->checks["scheduler"] = failed_check(err);
        answered();
      });
  // The database's round trip, through a db-writer.
  ask_supervisor(r, health_bound, atom::ping_v)
    .then(
      [=](caf::timespan rtt) {
        probe->checks["database"] = {{"ok", true},
                                     {"latencyMs", ms{rtt}.count()}};
        answered();
      },
      [=](caf::error& err) {
        probe->checks["database"] = failed_check(err);
        answered();
      });
}

void test(const reply_to& r, const json& args) {
  // One updater when named, else every configured one.
  std::string only;
  if (auto err = control_wire::string_arg(args, "updater", only))
    return r.fail(*err);
  auto self = r.self;
  std::set<std::string> names;
  for (auto& tenant : self->state.spec.cfg.tenants)
    for (auto& upd : tenant.updaters)
      if (only.empty() || upd.name == only)
        names.insert(upd.name);
  if (names.empty())
    return r.fail(wire_error{"unknown_updater", "No tenant has the updater '"
                                                  + only + "'."});
  // A dry run of each; the reply goes once every one answered.
  struct gather {
    size_t left;
    json runs = json::array();
    bool pass = true;
  };
  auto acc = std::make_shared<gather>(gather{names.size()});
  auto finish = [=] {
    if (--acc->left == 0)
      r.ok({{"verdict", acc->pass ? "pass" : "fail"}, {"runs", acc->runs}});
  };
  // Every dry run is asked for at once.
  auto bound = run_bound(self, names.size()
                                * self->state.spec.cfg.tenants.size());
  for (auto& name : names) {
    ask_supervisor(r, bound, atom::execute_v, name, std::string{}, true)
      .then(
        [=](std::vector<run_result>& results) {
          for (auto& res : results) {
            auto ok = res.status == run_status::dry_run;
            auto zone = zone_of(self->state.spec.cfg, res.tenant_id);
            auto run = control_wire::to_json(res, zone);
            run["verdict"] = ok ? "pass" : "fail";
            acc->pass &= ok;
            acc->runs.push_back(std::move(run));
          }
          finish();
        },
        [=](caf::error& err) {
          acc->pass = false;
          acc->runs.push_back({{"updater", name},
                               {"verdict", "fail"},
                               {"error", render(err)}});
          finish();
        });
  }
}

} // namespace dbu::control_cmd
