#include "tools/commands.hpp"

#include "cron/instant.hpp"
#include "cron/schedule.hpp"
#include "generators/region.hpp"
#include "generators/seed.hpp"
#include "generators/text.hpp"
#include "generators/updater.hpp"

#include <CLI/CLI.hpp>
#include <date/tz.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>

namespace dbu::tools {

namespace {

// The tenant and customer every sample belongs to.
constexpr const char* sample_tenant = "550e8400-e29b-41d4-a716-446655440000";
constexpr const char* sample_customer = "cust-1";

// Runs in a row that may come back empty before giving up.
constexpr int max_empty_runs = 1000;

// What the user asked for.
struct sample_options {
  std::string updater;
  size_t count = 10;
  uint64_t seed = 1;
  std::string zone = "UTC";
  std::string at;
  std::string settings;
  std::string region;
};

// @returns `v` as JSON.
nlohmann::ordered_json to_json(const gen::value& v) {
  return std::visit(
    [](const auto& x) -> nlohmann::ordered_json {
      if constexpr (std::is_same_v<std::decay_t<decltype(x)>,
                                   std::monostate>)
        return nullptr;
      else
        return x;
    },
    v);
}

// @returns the settings of `kind`: its defaults, patched by the user's.
std::optional<nlohmann::json> settings_of(const gen::updater_kind& kind,
                                          const std::string& patch) {
  // The defaults, then the user's merge patch.
  auto settings = kind.defaults();
  if (!patch.empty()) {
    auto user = nlohmann::json::parse(patch, nullptr, false);
    if (user.is_discarded()) {
      std::cerr << "sample: --settings is not valid JSON\n";
      return std::nullopt;
    }
    settings.merge_patch(user);
  }
  // Every problem is worth reporting before giving up.
  problems found;
  kind.validate(settings, "/settings", found);
  for (auto& p : found)
    std::cerr << "sample: " << p.path << ": " << p.message << '\n';
  if (!found.empty())
    return std::nullopt;
  return settings;
}

// Prints rows of successive runs on the updater's default schedule, each
// seeing what the runs before it wrote, until `opt.count` rows are out.
// @returns the exit status.
int run_sample(const sample_options& opt) {
  // The updater, its settings, the zone and the first fire time.
  auto kind = gen::find_updater_kind(opt.updater);
  if (!kind) {
    std::cerr << "sample: unknown updater \"" << opt.updater
              << "\"; known updaters:";
    for (auto& k : gen::updater_kinds())
      std::cerr << ' ' << k.name;
    std::cerr << '\n';
    return 2;
  }
  auto settings = settings_of(*kind, opt.settings);
  if (!settings)
    return 2;
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(opt.zone);
  } catch (const std::exception&) {
    std::cerr << "sample: unknown time zone \"" << opt.zone << "\"\n";
    return 2;
  }
  auto fire = std::chrono::floor<std::chrono::hours>(
    std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::system_clock::now()));
  std::chrono::sys_seconds start{fire};
  if (!opt.at.empty()) {
    auto parsed = gen::parse_timestamp(opt.at);
    if (!parsed) {
      std::cerr << "sample: --at \"" << opt.at
                << "\" is not a time like 2024-03-05T09:00:00Z\n";
      return 2;
    }
    if (!cron::to_clock(*parsed)) {
      std::cerr << "sample: --at \"" << opt.at
                << "\" is outside the years 1678 to 2261\n";
      return 2;
    }
    start = *parsed;
  }
  // The tenant's home region, checked like the configuration's.
  auto region_json = nlohmann::json(nullptr);
  if (!opt.region.empty()) {
    region_json = nlohmann::json::parse(opt.region, nullptr, false);
    problems found;
    gen::validate_region(region_json, "/homeRegion", found);
    for (auto& p : found)
      std::cerr << "sample: " << p.path << ": " << p.message << '\n';
    if (!found.empty())
      return 2;
  }
  // Runs on the default schedule of a freshly seeded tenant.
  auto generator = kind->make(*settings);
  auto sched = cron::parse(kind->default_schedule);
  auto next = [&](std::chrono::sys_seconds after) {
    return std::chrono::floor<std::chrono::seconds>(
      cron::next_fire(*sched, zone, after));
  };
  auto ctx = gen::sample_context(sample_tenant, sample_customer, opt.seed,
                                 zone, next(start - std::chrono::seconds{1}),
                                 gen::home_region::make(region_json));
  size_t printed = 0;
  for (int empty = 0; printed < opt.count && empty < max_empty_runs;) {
    auto rows = generator->generate(ctx);
    if (kind->remember)
      kind->remember(ctx, rows);
    empty = gen::row_count(rows) == 0 ? empty + 1 : 0;
    for (auto& t : rows) {
      for (auto& row : t.rows) {
        if (printed == opt.count)
          break;
        nlohmann::ordered_json line{{"table", t.table}};
        for (size_t i = 0; i < t.columns.size(); ++i)
          line[t.columns[i]] = to_json(row[i]);
        std::cout << line.dump() << '\n';
        ++printed;
      }
    }
    ctx.fire_time = next(ctx.fire_time);
  }
  return 0;
}

} // namespace

void add_sample_command(CLI::App& app, int& status) {
  // The command and its options.
  auto opt = std::make_shared<sample_options>();
  auto cmd = app.add_subcommand(
    "sample",
    "print generated rows as JSON lines, without a database: one JSON "
    "object per row with a \"table\" key and the row's columns");
  std::string known;
  for (auto& k : gen::updater_kinds())
    known += (known.empty() ? "" : ", ") + std::string{k.name};
  cmd->add_option("updater", opt->updater, "the updater: " + known)
    ->required();
  cmd->add_option("--count", opt->count,
                  "how many rows to print, from as many runs on the "
                  "updater's default schedule as needed (default 10)")
    ->check(CLI::Range(size_t{1}, size_t{10'000'000}));
  cmd->add_option("--seed", opt->seed,
                  "the random seed (default 1), 0 to 2^63-1 as the daemon "
                  "takes it")
    ->check(CLI::Range(uint64_t{0},
                       uint64_t{std::numeric_limits<int64_t>::max()}));
  cmd->add_option("--tz", opt->zone,
                  "the tenant's IANA time zone (default UTC)");
  cmd->add_option("--at", opt->at,
                  "runs from the first fire at or after this instant, e.g. "
                  "2024-03-05T09:00:00Z (default: the current hour)");
  cmd->add_option("--settings", opt->settings,
                  "a JSON merge patch over the updater's default settings");
  cmd->add_option("--home-region", opt->region,
                  "the tenant's homeRegion as JSON, e.g. "
                  "'{\"states\": [\"OH\", \"KY\"]}'");
  // The tenant is always the sample one, seeded with customer cust-1.
  cmd->footer(std::string{"Rows belong to tenant "} + sample_tenant
                + " with customer " + sample_customer
                + ", seeded with a fleet and a dozen records.\n\n"
                  "Example: db-updater sample service_tickets --count 5 "
                  "--seed 42 --tz America/New_York");
  cmd->callback([opt, &status] { status = run_sample(*opt); });
}

} // namespace dbu::tools
