#pragma once

// Test support: starts the real binaries as child processes.

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace dbu::test {

/// A running child process whose output goes to a file.
class process {
public:
  /// Starts `argv` with `env` added to the environment, in the folder
  /// `cwd` when not empty; stdout and stderr go to `log`.
  process(std::vector<std::string> argv,
          std::vector<std::pair<std::string, std::string>> env,
          std::string log, std::string cwd = {})
    : log_(std::move(log)) {
    pid_ = fork();
    if (pid_ == 0) {
      // Child: redirect, set the environment, exec.
      auto fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(fd, 1);
      dup2(fd, 2);
      if (!cwd.empty() && chdir(cwd.c_str()) != 0)
        _exit(126);
      for (auto& [k, v] : env)
        setenv(k.c_str(), v.c_str(), 1);
      std::vector<char*> args;
      for (auto& a : argv)
        args.push_back(a.data());
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
  }

  ~process() {
    if (pid_ > 0 && !status_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  process(const process&) = delete;
  process& operator=(const process&) = delete;

  pid_t pid() const {
    return pid_;
  }

  void signal(int sig) {
    kill(pid_, sig);
  }

  /// Waits up to `limit` for the exit. @returns the exit status, or -1 when
  /// still running (then it is killed), or 128+N for signal N.
  int wait(std::chrono::seconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      int st = 0;
      if (waitpid(pid_, &st, WNOHANG) == pid_) {
        status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        return *status_;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    status_ = -1;
    return -1;
  }

  /// @returns everything the process printed so far.
  std::string output() const {
    std::ifstream in{log_};
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

private:
  pid_t pid_ = -1;
  std::string log_;
  std::optional<int> status_;
};

/// Runs `argv` to completion. @returns exit status and output.
inline std::pair<int, std::string>
run(std::vector<std::string> argv,
    std::vector<std::pair<std::string, std::string>> env = {},
    std::chrono::seconds limit = std::chrono::seconds{60}) {
  static int counter = 0;
  auto log = std::string{"/tmp/dbu-run-"} + std::to_string(getpid()) + "-"
             + std::to_string(counter++) + ".log";
  process p{std::move(argv), std::move(env), log};
  auto status = p.wait(limit);
  auto out = p.output();
  unlink(log.c_str());
  return {status, out};
}

/// A fresh scratch folder for one test.
inline std::string scratch_dir() {
  char tmpl[] = "/tmp/dbu-e2e-XXXXXX";
  return mkdtemp(tmpl);
}

/// Writes `text` to `path`.
inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream out{path};
  out << text;
}

} // namespace dbu::test
