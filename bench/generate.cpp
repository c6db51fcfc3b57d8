// Generation rate of every updater: rows per second of one core's CPU time,
// for runs of the default size and for large runs, next to the target.
//
//   bench_generate [SECONDS [UPDATER]]   CPU seconds per measure (default
//                                        1); only UPDATER when named

#include "generators/seed.hpp"
#include "generators/updater.hpp"

#include <date/tz.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string_view>

namespace {

using namespace dbu::gen;

constexpr double target_rows_per_second = 1e6;

// @returns the CPU time of this thread: the machine may be busy.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// @returns the settings of `kind` with runs of `per_run` rows, or its
// defaults when `per_run` is 0 or the kind has no count per run.
nlohmann::json settings(const updater_kind& kind, int per_run) {
  auto s = kind.defaults();
  if (per_run > 0 && s.contains("perRun"))
    s["perRun"] = {{"min", per_run}, {"max", per_run}};
  return s;
}

// @returns rows per CPU second of `kind` over about `seconds` of CPU time.
double rate(const updater_kind& kind, int per_run, double seconds) {
  // A seeded tenant, as after its first start; fires 7 minutes apart so that
  // every run has its own time of day.
  auto g = kind.make(settings(kind, per_run));
  auto ctx = sample_context("550e8400-e29b-41d4-a716-446655440000", "cust-1",
                            1, date::locate_zone("America/New_York"),
                            std::chrono::sys_seconds{
                              std::chrono::seconds{1709560800}});
  size_t rows = 0;
  auto start = cpu_seconds();
  while (cpu_seconds() - start < seconds)
    for (int i = 0; i < 64; ++i) {
      rows += row_count(g->generate(ctx));
      ctx.fire_time += std::chrono::minutes{7};
    }
  return double(rows) / (cpu_seconds() - start);
}

} // namespace

int main(int argc, char** argv) {
  auto seconds = argc > 1 ? std::atof(argv[1]) : 1.0;
  auto only = std::string_view{argc > 2 ? argv[2] : ""};
  if (seconds <= 0 || argc > 3
      || (!only.empty() && find_updater_kind(only) == nullptr)) {
    std::fprintf(stderr, "usage: bench_generate [SECONDS [UPDATER]]\n");
    return 2;
  }
  // One line per measure: name, value, unit, reference, target, verdict.
  for (auto& kind : updater_kinds())
    for (auto per_run : {0, 1000}) {
      if (!only.empty() && kind.name != only)
        continue;
      auto r = rate(kind, per_run, seconds);
      std::printf("generate %.*s (%s)\t%.0f\trows/s/core\t-\t>= %.0f\t%s\n",
                  int(kind.name.size()), kind.name.data(),
                  per_run ? "1000 per run" : "default run", r,
                  target_rows_per_second,
                  r >= target_rows_per_second ? "ok" : "MISSED");
      std::fflush(stdout);
    }
}
