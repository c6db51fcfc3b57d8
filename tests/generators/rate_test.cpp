#include "helpers.hpp"

#include <chrono>
#include <ctime>
#include <iostream>

using namespace dbu::gen;
using namespace dbu::gen::test;

namespace {

// @returns the CPU time of this thread: the machine may be busy.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

} // namespace

// Not a benchmark (those live in bench/): a quick look at the generation
// rate, run on demand with --gtest_also_run_disabled_tests.
TEST(GeneratorRate, DISABLED_PrintsRowsPerSecond) {
  for (auto per_run : {1, 3, 1000}) {
    for (auto& k : updater_kinds()) {
      // Runs of `per_run` rows at successive hours, where the kind has a
      // count per run (meter readings read the whole fleet).
      auto patch = k.defaults().contains("perRun")
                     ? nlohmann::json{{"perRun",
                                       {{"min", per_run}, {"max", per_run}}}}
                     : nlohmann::json{};
      auto g = make(k.name, patch);
      auto ctx = seeded("America/New_York", at("2024-03-04T14:00:00Z"));
      size_t rows = 0;
      auto start = cpu_seconds();
      while (cpu_seconds() - start < 0.5)
        for (int i = 0; i < 64; ++i) {
          rows += row_count(g->generate(ctx));
          ctx.fire_time += std::chrono::minutes{7};
        }
      auto took = cpu_seconds() - start;
      std::cout << k.name << " (" << per_run << " per run): "
                << int64_t(double(rows) / took) << " rows/s of CPU time\n";
    }
  }
}
