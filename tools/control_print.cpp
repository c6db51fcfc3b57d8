#include "tools/control_print.hpp"

#include "cron/instant.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <utility>
#include <vector>

namespace dbu::tools {

namespace {

using nlohmann::json;
using table = std::vector<std::vector<std::string>>;

// The longest error a row of `status` shows.
constexpr size_t max_error = 40;

// @returns whether to colour: on a terminal only, and never when NO_COLOR
// is set (https://no-color.org).
bool use_colour() {
  auto no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0')
    return false;
  return isatty(STDOUT_FILENO) != 0;
}

// @returns `word` in the colour of a verdict or a run's status when
// colouring: green for good, yellow for in between, red for bad.
std::string coloured(const std::string& word) {
  static const std::vector<std::string> good{"healthy", "ok", "succeeded",
                                             "dry_run", "pass"};
  static const std::vector<std::string> bad{"unhealthy", "FAIL", "failed",
                                            "fail"};
  auto in = [&](const std::vector<std::string>& words) {
    return std::find(words.begin(), words.end(), word) != words.end();
  };
  if (!use_colour() || word == "-")
    return word;
  auto code = in(good) ? "32" : in(bad) ? "31" : "33";
  return std::string{"\033["} + code + "m" + word + "\033[0m";
}

// @returns how many columns `cell` takes on screen: escape sequences take
// none, and a UTF-8 character takes one.
size_t visible(const std::string& cell) {
  size_t n = 0;
  for (size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == '\033') {
      while (i < cell.size() && cell[i] != 'm')
        ++i;
      continue;
    }
    n += (static_cast<unsigned char>(cell[i]) & 0xc0) != 0x80 ? 1 : 0;
  }
  return n;
}

// Prints rows with every column as wide as its widest cell.
void print_table(const table& rows) {
  std::vector<size_t> widths;
  for (auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) {
      widths.resize(std::max(widths.size(), row.size()));
      widths[i] = std::max(widths[i], visible(row[i]));
    }
  for (auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size())
        line += std::string(widths[i] - visible(row[i]) + 2, ' ');
    }
    line.erase(line.find_last_not_of(' ') + 1);
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

// @returns a span of time in its two largest units, with seconds only
// under a minute: `42s`, `3m`, `1h 58m`, `2d 3h`.
std::string short_span(double seconds) {
  // Whole seconds, then the two largest units that are not zero.
  auto left = static_cast<int64_t>(std::fabs(seconds));
  auto unit = [](int64_t n, const char* name) {
    return std::to_string(n) + name;
  };
  auto pair = [&](int64_t big, const char* big_name, int64_t small,
                  const char* small_name) {
    return unit(big, big_name)
           + (small > 0 ? " " + unit(small, small_name) : std::string{});
  };
  if (left < 60)
    return unit(left, "s");
  if (left < 3600)
    return unit(left / 60, "m");
  if (left < 86400)
    return pair(left / 3600, "h", left % 3600 / 60, "m");
  return pair(left / 86400, "d", left % 86400 / 3600, "h");
}

// @returns how far the instant `t` is from now: `in 1h 58m`, `3m ago`, or
// nothing when `t` is not an instant.
std::string relative(const json& t) {
  if (!t.is_string())
    return {};
  auto parsed = cron::parse_instant(t.get<std::string>());
  if (!parsed)
    return {};
  auto secs = std::chrono::duration<double>{
    *parsed - std::chrono::system_clock::now()}.count();
  return secs >= 0 ? "in " + short_span(secs) : short_span(secs) + " ago";
}

// @returns the wall-clock time of an ISO-8601 instant with offset, as
// `2024-03-05 09:00:00`; the daemon gives it in the job's zone.
std::string wall(const json& t) {
  auto s = text(t);
  if (!t.is_string() || s.size() < 19 || s[10] != 'T')
    return s;
  return s.substr(0, 10) + " " + s.substr(11, 8);
}

// @returns an instant on the job's wall clock with how far away it is, as
// `2024-03-05 09:00:00 (in 1h 58m)`, or a dash.
std::string when(const json& t) {
  auto rel = relative(t);
  return rel.empty() ? text(t) : wall(t) + " (" + rel + ")";
}

// @returns `s` cut to `max` characters, an ellipsis marking the cut.
std::string shorten(const std::string& s, size_t max) {
  if (visible(s) <= max)
    return s;
  // Cut at a character's first byte.
  auto cut = max - 1;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80)
    --cut;
  return s.substr(0, cut) + "\u2026";
}

// @returns the rows of a run added up, or a dash when it has none.
std::string total_rows(const json& rows) {
  if (!rows.is_object() || rows.empty())
    return "-";
  int64_t sum = 0;
  for (auto& [table, n] : rows.items())
    sum += n.is_number() ? n.get<int64_t>() : 0;
  return std::to_string(sum);
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
  // The daemon, then one line per job, its times on its own wall clock.
  print_table({{"scheduling", res.value("scheduling", false) ? "on" : "off"},
               {"uptime", span(res.value("uptimeSeconds", 0.0))},
               {"version", res.value("version", "")},
               {"instance", res.value("instance", "")},
               {"time zone", res.value("timezone", "")},
               {"dry run", res.value("dryRun", false) ? "yes" : "no"}});
  std::cout << '\n';
  table rows{{"TENANT", "UPDATER", "ENABLED", "SCHEDULE", "ZONE",
              "NEXT FIRE", "LAST RUN", "STATUS", "ROWS", "MS", "ERROR"}};
  for (auto& job : res.value("jobs", json::array())) {
    auto last = field(job, "lastRun");
    auto status = field(job, "running") == true
                    ? std::string{"running"}
                    : text(field(last, "status"));
    rows.push_back({text(field(job, "tenant")), text(field(job, "updater")),
                    text(field(job, "enabled")), text(field(job, "schedule")),
                    text(field(job, "timezone")), when(field(job, "nextFire")),
                    when(field(last, "startedAt")), coloured(status),
                    total_rows(field(last, "rows")),
                    fixed(field(last, "durationMs"), 0),
                    shorten(text(field(last, "error")), max_error)});
  }
  print_table(rows);
}

void print_runs(const json& res) {
  // One line per run, its times on the job's wall clock, then the verdict
  // of a test.
  table rows{{"RUN", "TENANT", "UPDATER", "STATUS", "STARTED", "ZONE", "ROWS",
              "MS", "ERROR"}};
  for (auto& run : res.value("runs", json::array()))
    rows.push_back({text(field(run, "runId")), text(field(run, "tenant")),
                    text(field(run, "updater")),
                    coloured(text(field(run, "status"))),
                    wall(field(run, "startedAt")),
                    text(field(run, "timezone")), pairs(field(run, "rows")),
                    fixed(field(run, "durationMs"), 0),
                    run.value("error", std::string{})});
  print_table(rows);
  if (res.contains("verdict"))
    std::cout << "verdict: " << coloured(res.value("verdict", "-")) << '\n';
}

void print_previews(const json& res) {
  for (auto& run : res.value("runs", json::array())) {
    auto rows = field(run, "preview");
    if (!rows.is_array() || rows.empty())
      continue;
    std::cout << "\nrun " << text(field(run, "runId")) << " would write:\n";
    for (auto& row : rows)
      std::cout << row.dump() << '\n';
  }
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
                    coloured(field(check, "ok") == true ? "ok" : "FAIL"),
                    pairs(details)});
  }
  print_table(rows);
}

} // namespace dbu::tools
