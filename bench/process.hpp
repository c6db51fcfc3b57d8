#pragma once

// The daemon under measure: started as a child process, read through
// /proc, stopped gracefully at the end.

#include <cstdint>
#include <string>
#include <vector>

#include <sys/types.h>

namespace dbu::bench {

/// What /proc says a process used so far.
struct process_usage {
  /// Resident memory now.
  uint64_t rss_kib = 0;
  /// The part of it that is the process's own (heap, stacks), not pages of
  /// the program and its shared libraries.
  uint64_t anonymous_kib = 0;
  /// User and system CPU time.
  double cpu_seconds = 0;
  /// Context switches of every thread, voluntary or not: its wake-ups.
  uint64_t switches = 0;
};

/// A running daemon; its output goes to stderr.
class daemon_process {
public:
  /// Starts `program` with `args`.
  daemon_process(const std::string& program,
                 const std::vector<std::string>& args);

  /// Stops it with SIGTERM and waits for it.
  ~daemon_process();

  daemon_process(const daemon_process&) = delete;
  daemon_process& operator=(const daemon_process&) = delete;

  /// @returns what it used so far.
  process_usage usage() const;

private:
  pid_t pid_;
};

} // namespace dbu::bench
