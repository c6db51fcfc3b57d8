#include "bench/process.hpp"

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace dbu::bench {

namespace {

// @returns the number after `key` in a /proc status file, 0 without one.
uint64_t status_field(const std::string& path, const std::string& key) {
  std::ifstream in{path};
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0)
      return std::stoull(line.substr(key.size()));
  return 0;
}

} // namespace

daemon_process::daemon_process(const std::string& program,
                               const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (auto& a : args)
    argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0)
    throw std::runtime_error("cannot fork");
  if (pid_ == 0) {
    // The daemon's console goes where errors go, out of the measures.
    dup2(STDERR_FILENO, STDOUT_FILENO);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
}

daemon_process::~daemon_process() {
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
}

process_usage daemon_process::usage() const {
  auto proc = "/proc/" + std::to_string(pid_);
  process_usage u;
  u.rss_kib = status_field(proc + "/status", "VmRSS:");
  u.anonymous_kib = status_field(proc + "/smaps_rollup", "Anonymous:");
  // utime and stime are the 14th and 15th fields, after the command in
  // parentheses.
  std::ifstream stat{proc + "/stat"};
  std::string text{std::istreambuf_iterator<char>{stat}, {}};
  std::istringstream fields{text.substr(text.rfind(')') + 2)};
  std::string field;
  uint64_t utime = 0, stime = 0;
  for (int i = 3; fields >> field && i <= 15; ++i) {
    if (i == 14)
      utime = std::stoull(field);
    if (i == 15)
      stime = std::stoull(field);
  }
  u.cpu_seconds = double(utime + stime) / double(sysconf(_SC_CLK_TCK));
  // Every thread's switches.
  if (auto dir = opendir((proc + "/task").c_str())) {
    while (auto entry = readdir(dir)) {
      std::string tid = entry->d_name;
      if (tid == "." || tid == "..")
        continue;
      auto file = proc + "/task/" + tid + "/status";
      u.switches += status_field(file, "voluntary_ctxt_switches:")
                    + status_field(file, "nonvoluntary_ctxt_switches:");
    }
    closedir(dir);
  }
  return u;
}

} // namespace dbu::bench
