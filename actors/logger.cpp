#include "actors/logger.hpp"

#include <spdlog/spdlog.h>
#include <spdlog/details/circular_q.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/daily_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <filesystem>

namespace dbu {

namespace {

// Records kept in memory for the `logs` command.
constexpr size_t ring_capacity = 2000;

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
  // Daily files; spdlog deletes the ones past the retention.
  if (!cfg.directory.empty()) {
    try {
      std::filesystem::create_directories(cfg.directory);
      auto pattern = cfg.directory + "/db-updater-%Y-%m-%d.log";
      auto days = static_cast<uint16_t>(cfg.retention_days);
      sinks.push_back(
        std::make_shared<spdlog::sinks::daily_file_format_sink_mt>(
          pattern, 0, 0, false, days));
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

logger_actor::behavior_type
logger(logger_actor::stateful_pointer<logger_state>) {
  return {
    [](atom::logs, uint64_t lines, const std::string& level) {
      return recent_logs(lines, level);
    },
  };
}

} // namespace dbu
