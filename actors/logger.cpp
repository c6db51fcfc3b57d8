#include "actors/logger.hpp"

#include <spdlog/spdlog.h>
#include <spdlog/details/circular_q.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/daily_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string_view>

namespace dbu {

namespace {

// Records kept in memory for the `logs` command.
constexpr size_t ring_capacity = 2000;

// How often the logger looks for daily files past the retention.
constexpr auto retention_period = std::chrono::hours{24};

/// @returns the number that `text` is all digits of, or nothing.
std::optional<int> digits(std::string_view text) {
  int out = 0;
  auto end = text.data() + text.size();
  auto [ptr, err] = std::from_chars(text.data(), end, out);
  if (err != std::errc{} || ptr != end
      || !std::all_of(text.begin(), text.end(),
                      [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return out;
}

/// @returns the date of a daily file named `db-updater-YYYY-MM-DD.log`, or
/// nothing for any other name.
std::optional<std::chrono::sys_days> log_date(std::string_view name) {
  // The name has exactly the shape of the daily sink's files.
  constexpr std::string_view prefix = "db-updater-";
  constexpr std::string_view suffix = ".log";
  if (name.size() != prefix.size() + 10 + suffix.size()
      || !name.starts_with(prefix) || !name.ends_with(suffix))
    return std::nullopt;
  auto text = name.substr(prefix.size(), 10);
  auto y = digits(text.substr(0, 4));
  auto m = digits(text.substr(5, 2));
  auto d = digits(text.substr(8, 2));
  if (text[4] != '-' || text[7] != '-' || !y || !m || !d)
    return std::nullopt;
  // It names a day of the calendar.
  auto ymd = std::chrono::year{*y} / std::chrono::month(unsigned(*m))
             / std::chrono::day(unsigned(*d));
  if (!ymd.ok())
    return std::nullopt;
  return std::chrono::sys_days{ymd};
}

/// @returns the local date, which names the daily file of today.
std::chrono::sys_days local_today() {
  auto now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return std::chrono::sys_days{std::chrono::year{tm.tm_year + 1900}
                               / std::chrono::month(unsigned(tm.tm_mon + 1))
                               / std::chrono::day(unsigned(tm.tm_mday))};
}

void prune(logger_actor::stateful_pointer<logger_state> self) {
  // Delete the daily files past the retention; look again in a day.
  auto& cfg = self->state.cfg;
  if (cfg.directory.empty())
    return;
  auto removed = prune_logs(cfg.directory, cfg.retention_days, local_today());
  if (!removed.empty())
    spdlog::info("logger deleted {} daily file(s) older than {} day(s) in "
                 "{}",
                 removed.size(), cfg.retention_days, cfg.directory);
  self->delayed_send(self, retention_period, atom::retention_v);
}

// Keeps the newest formatted records with their level, so that `logs` can
// filter by level without parsing text.
class ring_sink : public spdlog::sinks::base_sink<std::mutex> {
public:
  explicit ring_sink(size_t capacity) : records_(capacity) {
  }

  std::vector<std::pair<spdlog::level::level_enum, std::string>> records() {
    std::lock_guard<std::mutex> guard{mutex_};
    std::vector<std::pair<spdlog::level::level_enum, std::string>> out;
    out.reserve(records_.size());
    for (size_t i = 0; i < records_.size(); ++i)
      out.push_back(records_.at(i));
    return out;
  }

protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t buf;
    formatter_->format(msg, buf);
    auto text = fmt::to_string(buf);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
      text.pop_back();
    records_.push_back({msg.level, std::move(text)});
  }

  void flush_() override {
  }

private:
  spdlog::details::circular_q<
    std::pair<spdlog::level::level_enum, std::string>>
    records_;
};

std::shared_ptr<ring_sink>& ring() {
  static std::shared_ptr<ring_sink> sink;
  return sink;
}

} // namespace

caf::expected<void> setup_logging(const logging_config& cfg) {
  // Console first, so that a failure below can still be reported.
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  ring() = std::make_shared<ring_sink>(ring_capacity);
  sinks.push_back(ring());
  // Daily files; the logger actor deletes the ones past the retention,
  // by their date (spdlog's own limit counts files, not days).
  if (!cfg.directory.empty()) {
    try {
      std::filesystem::create_directories(cfg.directory);
      auto pattern = cfg.directory + "/db-updater-%Y-%m-%d.log";
      sinks.push_back(
        std::make_shared<spdlog::sinks::daily_file_format_sink_mt>(
          pattern, 0, 0, false, 0));
    } catch (const std::exception& e) {
      return make_error(ec::io_error, "cannot write log files in "
                                        + cfg.directory + ": " + e.what());
    }
  }
  // One default logger for every actor; the actor names itself per line.
  auto log = std::make_shared<spdlog::logger>("db-updater", sinks.begin(),
                                              sinks.end());
  log->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %-5l %v");
  spdlog::set_default_logger(log);
  set_log_level(cfg.level);
  spdlog::flush_on(spdlog::level::info);
  return {};
}

bool set_log_level(const std::string& level) {
  auto lvl = spdlog::level::from_str(level);
  if (lvl == spdlog::level::off && level != "off")
    return false;
  spdlog::set_level(lvl);
  return true;
}

std::vector<std::string> recent_logs(size_t lines, const std::string& level) {
  // Read the whole ring and keep the records at the level or above.
  if (!ring())
    return {};
  auto min = level.empty() ? spdlog::level::trace
                           : spdlog::level::from_str(level);
  std::vector<std::string> out;
  for (auto& [lvl, line] : ring()->records())
    if (lvl >= min)
      out.push_back(std::move(line));
  // Keep the newest `lines`, newest last.
  if (out.size() > lines)
    out.erase(out.begin(), out.end() - static_cast<ptrdiff_t>(lines));
  return out;
}

std::vector<std::string> prune_logs(const std::string& directory,
                                    int retention_days,
                                    std::chrono::sys_days today) {
  // Keep the files of the last `retention_days` days, today's included.
  auto oldest_kept = today - std::chrono::days{retention_days - 1};
  std::vector<std::string> removed;
  std::error_code err;
  for (auto& entry : std::filesystem::directory_iterator{directory, err}) {
    auto name = entry.path().filename().string();
    auto day = log_date(name);
    if (!day || *day >= oldest_kept || !entry.is_regular_file())
      continue;
    std::error_code gone;
    if (std::filesystem::remove(entry.path(), gone))
      removed.push_back(name);
    else
      spdlog::warn("logger cannot delete {}: {}", entry.path().string(),
                   gone.message());
  }
  if (err)
    spdlog::warn("logger cannot read {}: {}", directory, err.message());
  return removed;
}

logger_actor::behavior_type
logger(logger_actor::stateful_pointer<logger_state> self, logging_config cfg) {
  // Delete old daily files now, and then once a day.
  self->state.cfg = std::move(cfg);
  prune(self);
  return {
    [](atom::logs, uint64_t lines, const std::string& level) {
      return recent_logs(lines, level);
    },
    [=](atom::retention) { prune(self); },
  };
}

} // namespace dbu
