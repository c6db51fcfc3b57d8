#include "tools/control_print.hpp"

#include "cron/instant.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <utility>
#include <vector>

namespace dbu::tools {

namespace {

using nlohmann::json;
using table = std::vector<std::vector<std::string>>;

// @returns `word` in the colour of a health verdict, on a terminal only.
std::string coloured(const std::string& word) {
  if (isatty(STDOUT_FILENO) == 0)
    return word;
  auto code = word == "healthy" || word == "ok" ? "32"
              : word == "degraded"              ? "33"
                                                : "31";
  return std::string{"\033["} + code + "m" + word + "\033[0m";
}

// Prints rows with every column as wide as its widest cell.
void print_table(const table& rows) {
  std::vector<size_t> widths;
  for (auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) {
      widths.resize(std::max(widths.size(), row.size()));
      widths[i] = std::max(widths[i], row[i].size());
    }
  for (auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size())
        line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    std::cout << line << '\n';
  }
}

// @returns `obj` as `key=value` words, or its text when not an object.
std::string pairs(const json& obj) {
  if (!obj.is_object())
    return text(obj);
  std::string out;
  for (auto& [key, value] : obj.items())
    out += (out.empty() ? "" : " ") + key + "=" + text(value);
  return out.empty() ? "-" : out;
}

// @returns seconds as `1d 2h 3m 4s`, leaving out leading zero units.
std::string span(double seconds) {
  auto left = static_cast<int64_t>(seconds);
  std::string out;
  for (auto [unit, size] : {std::pair{"d", 86400}, std::pair{"h", 3600},
                            std::pair{"m", 60}, std::pair{"s", 1}}) {
    auto n = left / size;
    left %= size;
    if (n > 0 || !out.empty() || size == 1)
      out += (out.empty() ? "" : " ") + std::to_string(n) + unit;
  }
  return out;
}

// @returns a number with `decimals` places and `unit` after it, or a dash
// for anything else (null before a job's first run).
std::string fixed(const json& j, int decimals, const char* unit = "") {
  if (!j.is_number())
    return "-";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f%s", decimals, j.get<double>(), unit);
  return buf;
}

// @returns a share from 0 to 1 as a percentage, or a dash.
std::string percent(const json& j) {
  return j.is_number() ? fixed(json(j.get<double>() * 100), 1, "%") : "-";
}

// @returns an instant with how far away it is, as `… (in 1h 58m 0s)`.
std::string when(const json& instant) {
  auto parsed = cron::parse_instant(text(instant));
  if (!instant.is_string() || !parsed)
    return text(instant);
  auto secs = std::chrono::duration<double>{
    *parsed - std::chrono::system_clock::now()}.count();
  return text(instant)
         + (secs >= 0 ? " (in " + span(secs) + ")"
                      : " (" + span(-secs) + " ago)");
}

// @returns the field `key` of `obj`, or null.
json field(const json& obj, const char* key) {
  return obj.is_object() ? obj.value(key, json{}) : json{};
}

} // namespace

std::string text(const json& j) {
  if (j.is_null())
    return "-";
  if (j.is_string())
    return j.get<std::string>();
  if (j.is_boolean())
    return j.get<bool>() ? "yes" : "no";
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void print_fields(const json& obj) {
  table rows;
  for (auto& [key, value] : obj.items())
    rows.push_back({key, text(value)});
  print_table(rows);
}

void print_status(const json& res) {
  // The daemon, then one line per job.
  print_table({{"scheduling", res.value("scheduling", false) ? "on" : "off"},
               {"uptime", span(res.value("uptimeSeconds", 0.0))},
               {"version", res.value("version", "")},
               {"instance", res.value("instance", "")},
               {"dry run", res.value("dryRun", false) ? "yes" : "no"}});
  std::cout << '\n';
  table rows{{"TENANT", "UPDATER", "ENABLED", "SCHEDULE", "NEXT FIRE",
              "RUNNING", "LAST RUN"}};
  for (auto& job : res.value("jobs", json::array())) {
    auto last = field(job, "lastRun");
    auto last_text = last.is_object() ? text(field(last, "status")) + " "
                                          + text(field(last, "startedAt"))
                                      : std::string{"-"};
    rows.push_back({text(field(job, "tenant")), text(field(job, "updater")),
                    text(field(job, "enabled")), text(field(job, "schedule")),
                    when(field(job, "nextFire")), text(field(job, "running")),
                    last_text});
  }
  print_table(rows);
}

void print_runs(const json& res) {
  // One line per run, then the verdict of a test.
  table rows{{"RUN", "TENANT", "UPDATER", "STATUS", "ROWS", "MS", "ERROR"}};
  for (auto& run : res.value("runs", json::array()))
    rows.push_back({text(field(run, "runId")), text(field(run, "tenant")),
                    text(field(run, "updater")), text(field(run, "status")),
                    pairs(field(run, "rows")),
                    fixed(field(run, "durationMs"), 0),
                    run.value("error", std::string{})});
  print_table(rows);
  if (res.contains("verdict"))
    std::cout << "verdict: " << res.value("verdict", "-") << '\n';
}

void print_metrics(const json& res) {
  // The process as `key  value` lines.
  auto p = field(res, "process");
  print_table({{"scheduling", field(p, "scheduling") == true ? "on" : "off"},
               {"uptime", span(p.value("uptimeSeconds", 0.0))},
               {"resident memory",
                fixed(json(p.value("residentBytes", 0.0) / (1 << 20)), 1,
                      " MiB")},
               {"cpu time", fixed(field(p, "cpuSeconds"), 2, " s")},
               {"runs in flight", text(field(p, "runsInFlight"))},
               {"runs queued", text(field(p, "runsQueued"))},
               {"skipped overlaps", text(field(p, "skippedOverlap"))},
               {"rejected runs", text(field(p, "rejected"))},
               {"restarts", text(field(p, "restarts"))}});
  std::cout << '\n';
  // One row per job; rates and durations are dashes before the first run.
  table rows{{"TENANT", "UPDATER", "RUNS", "OK", "FAILED", "SUCCESS",
              "AVG MS", "LAST MS", "ROWS", "LAST ERROR"}};
  for (auto& job : res.value("jobs", json::array()))
    rows.push_back({text(field(job, "tenant")), text(field(job, "updater")),
                    text(field(job, "runs")), text(field(job, "successes")),
                    text(field(job, "failures")),
                    percent(field(job, "successRate")),
                    fixed(field(job, "averageDurationMs"), 1),
                    fixed(field(job, "lastDurationMs"), 1),
                    text(field(job, "rowsWritten")),
                    text(field(job, "lastError"))});
  print_table(rows);
}

void print_health(const json& res) {
  // The verdict, then each check with what it found.
  std::cout << coloured(res.value("status", "unknown")) << '\n';
  table rows;
  auto checks = res.value("checks", json::object());
  for (auto& [name, check] : checks.items()) {
    auto details = check;
    if (details.is_object())
      details.erase("ok");
    rows.push_back({"  " + name,
                    field(check, "ok") == true ? "ok" : "FAIL",
                    pairs(details)});
  }
  print_table(rows);
}

} // namespace dbu::tools
