#include "tools/commands.hpp"
#include "tools/control_client.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace dbu::tools {

namespace {

using nlohmann::json;

// What the user asked to remove.
struct purge_options {
  std::string run;
  std::string before;
  std::string tenant;
  std::string updater;
  bool dry_run = false;
};

// @returns "business_records 5, service_tickets 2", or "none".
std::string per_table(const json& rows) {
  std::string out;
  for (auto& [table, n] : rows.items())
    out.append(out.empty() ? "" : ", ")
      .append(table + " " + std::to_string(n.get<int64_t>()));
  return out.empty() ? "none" : out;
}

// @returns whether rows of other runs refer to the purged ones.
bool blocked(const json& res) {
  auto it = res.find("blocking");
  return it != res.end() && it->is_object() && !it->empty();
}

// Prints what a purge removed, or would remove.
void print_purge(const json& res) {
  // A blocked preview names what it selected, not what would go.
  auto dry = res.value("dryRun", false);
  auto runs = res.value("runCount", 0);
  std::cout << (blocked(res) ? "selected " : dry ? "would purge " : "purged ")
            << runs << " run(s); rows: "
            << per_table(res.value("rows", json::object())) << '\n';
  for (auto& r : res.value("runs", json::array()))
    std::cout << "  " << r.value("run", "") << "  tenant "
              << r.value("tenant", "") << '\n';
  if (auto before = res.value("purgedBefore", 0); before == 1)
    std::cout << "1 of these runs was purged before: nothing of it is left "
                 "to remove\n";
  else if (before > 1)
    std::cout << before << " of these runs were purged before: nothing of "
                         "them is left to remove\n";
  if (!blocked(res))
    return;
  std::cout << "blocked: rows of other runs refer to these ("
            << per_table(res["blocking"])
            << "); a purge of these runs alone is refused and removes "
               "nothing\n";
  auto writers = res.value("blockingRuns", json::array());
  if (!writers.empty())
    std::cout << "the referring rows were written by:\n";
  for (auto& run : writers)
    std::cout << "  " << run.get<std::string>() << '\n';
  auto all = res.value("blockingRunCount", writers.size());
  if (all > writers.size())
    std::cout << "  and " << all - writers.size() << " more run(s)\n";
  std::cout << "purge those first, or together with these (a later --before "
               "takes them along)\n";
}

// Sends the request. @returns the exit status.
int run_purge(const client_options& client, const purge_options& opt) {
  // Only what was given; the daemon checks the rest.
  json args{{"dryRun", opt.dry_run}};
  for (auto [key, value] : {std::pair{"run", &opt.run},
                            {"before", &opt.before},
                            {"tenant", &opt.tenant},
                            {"updater", &opt.updater}})
    if (!value->empty())
      args[key] = *value;
  json result;
  auto status = call(client, "purge", std::move(args), 120, result);
  if (status == 0 && !client.json)
    print_purge(result);
  // A preview of a purge that would be refused fails as the purge would.
  if (status == 0 && blocked(result))
    return 1;
  return status;
}

} // namespace

void add_purge_command(CLI::App& app, int& status) {
  // The command, its filters and the shared client options.
  auto opt = std::make_shared<purge_options>();
  auto& client = add_client_options(app);
  auto cmd = app.add_subcommand(
    "purge",
    "remove what runs wrote, in one transaction: one run by id, or the runs "
    "that started before an instant (runs of updater seed only by id); the "
    "ledger keeps the runs, marked purged");
  auto run = cmd->add_option("--run", opt->run, "the run id (a uuid)");
  auto before = cmd->add_option(
    "--before", opt->before,
    "runs that started before this instant, e.g. 2024-03-05T09:00:00Z");
  run->excludes(before);
  cmd->add_option("--tenant", opt->tenant,
                  "only this tenant (default: every configured tenant)");
  cmd->add_option("--updater", opt->updater, "only runs of this updater");
  cmd->add_flag("--dry-run", opt->dry_run,
                "show what would go, remove nothing");
  cmd->footer("Example: db-updater purge --before 2024-03-01T00:00:00Z "
              "--updater service_tickets --dry-run");
  cmd->callback([opt, &status, &client] {
    // One of the two selectors is needed: never everything by accident.
    if (opt->run.empty() && opt->before.empty()) {
      std::cerr << "purge: give --run ID or --before INSTANT\n";
      status = 2;
      return;
    }
    status = run_purge(client, *opt);
  });
}

} // namespace dbu::tools
