#include "actors/control_reply.hpp"

#include "cron/instant.hpp"
#include "generators/updater.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

namespace dbu::control_cmd {

namespace {

using nlohmann::json;
using control_wire::wire_error;

// The runs a reply lists by id; the count covers every run.
constexpr size_t listed_runs = 1000;

// @returns whether `text` is a uuid in canonical form.
bool is_uuid(const std::string& text) {
  if (text.size() != 36)
    return false;
  for (size_t i = 0; i < text.size(); ++i) {
    auto dash = i == 8 || i == 13 || i == 18 || i == 23;
    auto c = text[i];
    auto hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
               || (c >= 'A' && c <= 'F');
    if (dash ? c != '-' : !hex)
      return false;
  }
  return true;
}

// Fills `f` from the request's arguments.
// @returns the error to reply for a bad argument.
std::optional<wire_error> read_filter(const config& cfg, const json& args,
                                      db::purge_filter& f) {
  // Every argument is optional, but a run or an instant must be named.
  std::string run, before, tenant, updater;
  for (auto [key, out] : {std::pair{"run", &run}, {"before", &before},
                          {"tenant", &tenant}, {"updater", &updater}})
    if (auto err = control_wire::string_arg(args, key, *out))
      return err;
  if (run.empty() && before.empty())
    return wire_error{"bad_request",
                      "Give 'run' (a run id) or 'before' (an instant): a "
                      "purge removes what those runs wrote."};
  if (!run.empty() && !is_uuid(run))
    return wire_error{"bad_request",
                      "The argument 'run' must be a run id (a uuid)."};
  // Ids are compared in their canonical, lower-case form.
  std::transform(run.begin(), run.end(), run.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  if (!run.empty())
    f.run_id = run;
  // The instant, with its offset and any fraction of a second.
  if (!before.empty()) {
    auto t = cron::parse_instant(before);
    if (!t)
      return wire_error{"bad_request",
                        "The argument 'before' must be an instant such as "
                        "2024-03-05T09:00:00Z: "
                          + render(t.error()) + "."};
    f.before = *t;
  }
  // The configured tenants, or the one named.
  for (auto& t : cfg.tenants)
    if (tenant.empty() || t.id == tenant)
      f.tenants.push_back(t.id);
  if (f.tenants.empty())
    return wire_error{"unknown_tenant",
                      "The tenant '" + tenant + "' is not configured."};
  if (!updater.empty() && updater != "seed"
      && gen::find_updater_kind(updater) == nullptr)
    return wire_error{"unknown_updater",
                      "The updater '" + updater + "' is unknown."};
  if (!updater.empty())
    f.updater = updater;
  return std::nullopt;
}

// @returns the JSON of what a purge removed.
json to_json(const db::purge_summary& s, bool dry_run) {
  auto runs = json::array();
  for (size_t i = 0; i < std::min(s.runs.size(), listed_runs); ++i)
    runs.push_back({{"tenant", s.runs[i].first}, {"run", s.runs[i].second}});
  return {{"dryRun", dry_run},
          {"runCount", s.runs.size()},
          {"runs", std::move(runs)},
          {"rows", s.rows},
          {"blocking", s.blocking},
          {"blockingRuns", s.blocking_runs},
          {"blockingRunCount", s.blocking_run_count},
          {"purgedBefore", s.purged_before}};
}

} // namespace

void purge(const reply_to& r, const json& args) {
  // The filter, then the db-writer's answer.
  db::purge_filter filter;
  bool dry_run = false;
  if (auto err = read_filter(r.self->state.spec.cfg, args, filter))
    return r.fail(*err);
  if (auto err = control_wire::bool_arg(args, "dryRun", dry_run))
    return r.fail(*err);
  auto named = args.find("tenant");
  auto one_tenant = named != args.end() && named->is_string()
                    && !named->get_ref<const std::string&>().empty();
  auto self = r.self;
  self->request(self->state.spec.supervisor, run_bound(self), atom::purge_v,
                filter, dry_run)
    .then(
      [=](const db::purge_summary& s) {
        // A run named by id that no tenant has is a mistake worth saying,
        // as is one the tenant or updater named leaves out.
        if (filter.run_id && s.runs.empty()) {
          auto what = "run " + *filter.run_id
                      + (filter.updater ? " of updater " + *filter.updater
                                        : std::string{});
          return r.fail(wire_error{
            "bad_request", one_tenant ? "The tenant " + filter.tenants[0]
                                          + " has no " + what + "."
                                      : "No configured tenant has the " + what
                                          + "."});
        }
        spdlog::info("control purged {} run(s){}", s.runs.size(),
                     dry_run ? " in a dry run" : "");
        r.ok(to_json(s, dry_run));
      },
      [=](caf::error& err) { r.fail(err); });
}

} // namespace dbu::control_cmd
