#include "tools/commands.hpp"
#include "tools/control_client.hpp"
#include "tools/control_print.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace dbu::tools {

namespace {

using nlohmann::json;

/// The default wait of `execute` and `test`: longer than the daemon's own
/// bound of a run with the default `executionTimeoutSeconds` (300 s, plus
/// 5 s), so that the daemon's answer, a failed run, arrives first.
constexpr double run_wait = 310;

/// A daemon subcommand: its name, its request and how to print the result.
struct spec {
  const char* name;
  const char* help;
  const char* example;
  const char* command;
  double timeout = 10;
};

/// The help of every daemon subcommand ends with this: the options of the
/// tool itself are not listed there.
constexpr const char* shared_note
  = "The options of db-updater (--endpoint, --timeout, --json, "
    "--server-key, --key; see db-updater --help) may come before or after "
    "the command.";

/// Prints a result unless told not to; returns the exit status.
using show_fn = std::function<int(const json& result, bool print)>;

// Registers `s`; `args` builds the request's arguments after parsing and
// `show` prints the result and returns the exit status.
CLI::App* add(CLI::App& app, int& status, const spec& s,
              std::function<json()> args, show_fn show) {
  auto sub = app.add_subcommand(s.name, s.help);
  sub->footer(std::string{"Example: "} + s.example + "\n\n" + shared_note);
  auto& opts = add_client_options(app);
  sub->callback([&status, &opts, s, args, show] {
    json result;
    status = call(opts, s.command, args ? args() : json::object(), s.timeout,
                  result);
    if (status == 0)
      status = show(result, !opts.json);
  });
  return sub;
}

// Prints where scheduling stands after `start` or `stop`, in the words of
// `status`.
int switched(const json& res, bool print) {
  if (print)
    std::cout << "scheduling "
              << (res.value("scheduling", false) ? "on" : "off")
              << (res.value("changed", false) ? "" : " (it was already)")
              << '\n';
  return 0;
}

// The exit status of commands that print in a generic way.
int fields(const json& res, bool print) {
  if (print)
    print_fields(res);
  return 0;
}

// Names every failed run of an `execute` result on standard error.
// @returns 1 when a run failed, else 0.
int failed_runs(const json& res) {
  auto failed = 0;
  for (auto& run : res.value("runs", json::array())) {
    if (run.value("status", "") != "failed")
      continue;
    ++failed;
    std::cerr << "db-updater: run " << text(run.value("runId", json{}))
              << " of " << text(run.value("updater", json{}))
              << " for tenant " << text(run.value("tenant", json{}))
              << " failed: " << text(run.value("error", json{})) << '\n';
  }
  return failed > 0 ? 1 : 0;
}

// @returns the merge patch of `--patch FILE` and `KEY=VALUE` words.
// @throws CLI::ValidationError for a word or file that does not read.
json make_patch(const std::vector<std::string>& sets,
                const std::string& file) {
  // The file first; words win over it.
  auto patch = json::object();
  if (!file.empty()) {
    std::ifstream in{file};
    patch = json::parse(in, nullptr, false);
    if (!patch.is_object())
      throw CLI::ValidationError{"--patch", file + " is not a JSON object"};
  }
  for (auto& word : sets) {
    auto eq = word.find('=');
    if (eq == std::string::npos)
      throw CLI::ValidationError{"KEY=VALUE", "no '=' in " + word};
    if (eq == 0)
      throw CLI::ValidationError{"KEY=VALUE", "no KEY before '=' in " + word};
    auto raw = word.substr(eq + 1);
    auto value = json::parse(raw, nullptr, false);
    if (value.is_discarded())
      value = raw;
    // Walk the dotted path, making objects on the way.
    auto* at = &patch;
    std::string key = word.substr(0, eq);
    for (size_t dot; (dot = key.find('.')) != std::string::npos;) {
      if (!at->is_object())
        *at = json::object();
      at = &(*at)[key.substr(0, dot)];
      key.erase(0, dot + 1);
    }
    if (!at->is_object())
      *at = json::object();
    (*at)[key] = value;
  }
  if (patch.empty())
    throw CLI::ValidationError{"config set", "give KEY=VALUE or --patch"};
  return patch;
}

} // namespace

void add_control_commands(CLI::App& app, int& status) {
  // The shared options may follow the subcommand's name.
  app.fallthrough();
  add_client_options(app);
  // Scheduling and status.
  add(app, status,
      {"status", "show scheduling and every job", "db-updater status",
       "status"},
      nullptr, [](const json& res, bool print) {
        if (print)
          print_status(res);
        return 0;
      });
  add(app, status,
      {"start", "resume scheduling", "db-updater start", "start"}, nullptr,
      switched);
  add(app, status,
      {"stop", "pause scheduling (runs in flight finish)", "db-updater stop",
       "stop"},
      nullptr, switched);
  // Runs now.
  auto upd = std::make_shared<std::string>();
  auto tenant = std::make_shared<std::string>();
  auto dry = std::make_shared<bool>(false);
  auto exec = add(
    app, status,
    {"execute", "run one updater now and wait for its result",
     "db-updater execute service_tickets --tenant "
     "550e8400-e29b-41d4-a716-446655440000 --dry-run",
     "execute", run_wait},
    [=] {
      json a{{"updater", *upd}, {"dryRun", *dry}};
      if (!tenant->empty())
        a["tenant"] = *tenant;
      return a;
    },
    [](const json& res, bool print) {
      if (print) {
        print_runs(res);
        print_previews(res);
      }
      return failed_runs(res);
    });
  exec->add_option("updater", *upd, "the updater to run")->required();
  exec->add_option("--tenant", *tenant, "only this tenant");
  exec->add_flag("--dry-run", *dry, "check against the schema, roll back");
  auto test_upd = std::make_shared<std::string>();
  auto test = add(
    app, status,
    {"test", "dry-run every updater (or one) and give a verdict",
     "db-updater test business_records", "test", run_wait},
    [=] {
      return test_upd->empty() ? json::object()
                               : json{{"updater", *test_upd}};
    },
    [](const json& res, bool print) {
      if (print)
        print_runs(res);
      return res.value("verdict", "") == "pass" ? 0 : 1;
    });
  test->add_option("updater", *test_upd, "only this updater");
  // Logs, numbers, health.
  auto lines = std::make_shared<uint64_t>(100);
  auto level = std::make_shared<std::string>();
  auto log_upd = std::make_shared<std::string>();
  auto logs = add(
    app, status,
    {"logs", "show recent log records, newest last",
     "db-updater logs --lines 20 --level warn", "logs"},
    [=] {
      json a{{"lines", *lines}};
      if (!level->empty())
        a["level"] = *level;
      if (!log_upd->empty())
        a["updater"] = *log_upd;
      return a;
    },
    [](const json& res, bool print) {
      auto records = res.value("records", json::array());
      for (auto& line : records)
        if (print)
          std::cout << text(line) << '\n';
      // Say that nothing matched, on stderr, so that stdout stays the
      // records alone.
      if (print && records.empty())
        std::cerr << "no log records match\n";
      return 0;
    });
  logs->add_option("--lines", *lines, "how many records (default 100)");
  logs->add_option("--level", *level, "trace, debug, info, warn or error");
  logs->add_option("--updater", *log_upd,
                   "only records that name this updater as a word");
  add(app, status,
      {"metrics", "show process and per-job numbers", "db-updater metrics",
       "metrics"},
      nullptr, [](const json& res, bool print) {
        if (print)
          print_metrics(res);
        return 0;
      });
  add(app, status,
      {"health", "check health; exits 0 only when healthy",
       "db-updater health --timeout 2", "health"},
      nullptr, [](const json& res, bool print) {
        if (print)
          print_health(res);
        return res.value("status", "") == "healthy" ? 0 : 1;
      });
  add(app, status,
      {"shutdown", "stop the daemon gracefully", "db-updater shutdown",
       "shutdown"},
      nullptr, fields);
  // Configuration.
  auto cfg = app.add_subcommand("config", "the daemon's configuration");
  cfg->require_subcommand(1);
  cfg->footer(std::string{"Example: db-updater config get; db-updater "
                          "config set --persist logging.level=debug\n\n"}
              + shared_note);
  add(*cfg, status,
      {"get", "print the effective configuration, secrets masked",
       "db-updater config get", "config.get"},
      nullptr, [](const json& res, bool print) {
        if (print)
          std::cout << res.dump(2) << '\n';
        return 0;
      });
  auto sets = std::make_shared<std::vector<std::string>>();
  auto patch_file = std::make_shared<std::string>();
  auto persist = std::make_shared<bool>(false);
  auto set = add(
    *cfg, status,
    {"set", "apply a JSON merge patch, all or nothing",
     "db-updater config set tenants.550e8400-e29b-41d4-a716-446655440000"
     ".updaters.service_tickets.schedule='0 0 * * * *'",
     "config.set"},
    [=] { return json{{"patch", make_patch(*sets, *patch_file)},
                      {"persist", *persist}}; },
    [](const json& res, bool print) {
      if (print)
        std::cout << "changed schedules: "
                  << text(res.value("changedJobs", json{}))
                  << "\nchanged settings: "
                  << text(res.value("changedSettings", json{}))
                  << "\nchanged log level: "
                  << (res.value("changedLogLevel", false) ? "yes" : "no")
                  << '\n';
      return 0;
    });
  set->add_option("settings", *sets,
                  "dotted path and value (JSON, or else a string)")
    ->type_name("KEY=VALUE");
  set->add_option("--patch", *patch_file, "a file with a JSON merge patch")
    ->check(CLI::ExistingFile);
  set->add_flag("--persist", *persist, "also write the configuration file");
}

} // namespace dbu::tools
