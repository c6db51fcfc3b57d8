#include "actors/registry.hpp"

namespace dbu {

registry_actor::behavior_type
registry(registry_actor::stateful_pointer<registry_state> self,
         std::vector<job_info> jobs) {
  for (auto& job : jobs) {
    auto key = std::make_pair(job.tenant_id, job.updater);
    self->state.jobs.emplace(std::move(key), std::move(job));
  }
  // Finds a job; unknown ones (from a stale message) are ignored.
  auto find = [=](const std::string& tenant,
                  const std::string& updater) -> job_info* {
    auto i = self->state.jobs.find(std::make_pair(tenant, updater));
    return i == self->state.jobs.end() ? nullptr : &i->second;
  };
  return {
    [=](atom::next_fire, const std::string& tenant, const std::string& updater,
        caf::timestamp at) {
      if (auto job = find(tenant, updater))
        job->next_fire = at;
    },
    [=](atom::start, const std::string& tenant, const std::string& updater) {
      if (auto job = find(tenant, updater))
        job->running = true;
    },
    [=](atom::done, run_result& res) {
      auto job = find(res.tenant_id, res.updater);
      if (job == nullptr)
        return;
      job->running = false;
      ++job->runs;
      if (res.status == run_status::failed)
        ++job->failures;
      else
        ++job->successes;
      for (auto& [table, n] : res.rows)
        if (res.status == run_status::succeeded)
          job->rows_written += n;
      job->total_duration += res.duration;
      job->last = std::move(res);
    },
    [=](atom::skipped, const std::string& tenant, const std::string& updater) {
      if (auto job = find(tenant, updater))
        ++job->skipped_overlap;
    },
    [=](atom::rearm, const job_info& change) {
      if (auto job = find(change.tenant_id, change.updater)) {
        job->schedule = change.schedule;
        job->enabled = change.enabled;
      }
    },
    [=](atom::status) {
      std::vector<job_info> out;
      out.reserve(self->state.jobs.size());
      for (auto& [key, job] : self->state.jobs)
        out.push_back(job);
      return out;
    },
  };
}

} // namespace dbu
