#include "actors/updater.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace dbu {

// Everything a run carries from step to step.
struct run_job {
  db::run_entry entry;
  run_request request;
  /// The generator of the settings the run started with; retries and
  /// settings changed meanwhile do not change it.
  std::shared_ptr<const gen::generator> generator;
  caf::typed_response_promise<run_result> promise;
  int attempt = 1;
};

namespace {

using self_ptr = updater_actor::stateful_pointer<updater_state>;

using run_ptr = std::shared_ptr<run_job>;

db::trigger to_db(run_trigger x) {
  switch (x) {
    case run_trigger::schedule:
      return db::trigger::schedule;
    case run_trigger::manual:
      return db::trigger::manual;
    case run_trigger::test:
      return db::trigger::test;
    case run_trigger::backfill:
      return db::trigger::backfill;
  }
  return db::trigger::manual;
}

// Renders rows as JSON lines, for the preview of a dry run.
std::string to_json_lines(const gen::batch& rows) {
  std::string out;
  for (auto& table : rows) {
    for (auto& row : table.rows) {
      auto obj = nlohmann::json::object();
      obj["table"] = table.table;
      for (size_t i = 0; i < table.columns.size(); ++i)
        std::visit(
          [&](const auto& v) {
            using type = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<type, std::monostate>)
              obj[table.columns[i]] = nullptr;
            else
              obj[table.columns[i]] = v;
          },
          row[i]);
      out += obj.dump();
      out += '\n';
    }
  }
  return out;
}

// A dry run says what it would have written: a summary and every row.
void log_preview(const run_job& job, const std::string& preview) {
  spdlog::info("updater {} would write {} row(s) for tenant {} in dry run {}",
               job.entry.updater,
               std::count(preview.begin(), preview.end(), '\n'),
               job.entry.tenant_id, job.entry.run_id);
  size_t begin = 0;
  while (begin < preview.size()) {
    auto end = preview.find('\n', begin);
    spdlog::info("updater {} would write {}", job.entry.updater,
                 preview.substr(begin, end - begin));
    begin = end + 1;
  }
}

run_result make_result(const run_job& job, run_status status) {
  run_result res;
  res.run_id = job.entry.run_id;
  res.tenant_id = job.entry.tenant_id;
  res.updater = job.entry.updater;
  res.trigger = job.request.trigger;
  res.status = status;
  res.fire_time = job.request.fire_time;
  res.started_at = job.entry.started_at;
  res.duration = caf::make_timestamp() - job.entry.started_at;
  res.seed = job.entry.seed;
  return res;
}

void fail(self_ptr self, const run_ptr& job, ec code,
          const std::string& error) {
  // Record the failure in the ledger (the db-writer keeps it while the
  // database is away), then answer.
  spdlog::error("updater {} failed run {} for tenant {}: {}",
                job->entry.updater, job->entry.run_id, job->entry.tenant_id,
                error);
  if (!job->request.dry_run)
    self->send(self->state.db, atom::failure_v, job->entry, error);
  auto res = make_result(*job, run_status::failed);
  res.error = error;
  res.code = code;
  job->promise.deliver(std::move(res));
}

void attempt(self_ptr self, run_ptr job);

void retry_or_fail(self_ptr self, const run_ptr& job, const caf::error& err) {
  // Only an unreachable database is worth another attempt.
  auto& spec = self->state.spec;
  if (code_of(err) != ec::db_unavailable || job->attempt >= spec.attempts) {
    fail(self, job, code_of(err), render(err));
    return;
  }
  // A retry that would start past the run's deadline does not start.
  auto delay = spec.retry_delay * (1 << (job->attempt - 1));
  if (std::chrono::system_clock::now() + delay >= *job->entry.deadline) {
    fail(self, job, ec::timeout,
         "no time is left for another attempt (executionTimeoutSeconds): "
           + render(err));
    return;
  }
  // Try again after the delay.
  spdlog::warn("updater {} retries run {} for tenant {} in {} ms (attempt "
               "{} of {}): {}",
               job->entry.updater, job->entry.run_id, job->entry.tenant_id,
               std::chrono::duration_cast<std::chrono::milliseconds>(delay)
                 .count(),
               job->attempt + 1, spec.attempts, render(err));
  ++job->attempt;
  self->state.waiting.emplace(job->entry.run_id, job);
  self->delayed_send(self, delay, atom::retry_v, job->entry.run_id);
}

void write(self_ptr self, const run_ptr& job, gen::batch rows) {
  // One transaction for rows and ledger entry; dry runs roll back.
  auto preview = job->request.dry_run ? to_json_lines(rows) : std::string{};
  self->request(self->state.db, caf::infinite, atom::write_v, job->entry,
                std::move(rows), job->request.dry_run)
    .then(
      [=](db::write_result& written) {
        auto status = job->request.dry_run ? run_status::dry_run
                                           : run_status::succeeded;
        auto res = make_result(*job, status);
        res.rows = std::move(written.rows);
        if (job->request.dry_run)
          log_preview(*job, preview);
        res.preview = preview;
        spdlog::info("updater {} finished run {} for tenant {}: {} in {:.1f} "
                     "ms",
                     job->entry.updater, job->entry.run_id,
                     job->entry.tenant_id, to_string(status),
                     std::chrono::duration<double, std::milli>(res.duration)
                       .count());
        job->promise.deliver(std::move(res));
      },
      [=](caf::error& err) {
        if (code_of(err) == ec::duplicate_fire) {
          spdlog::info("updater {} skipped run {} for tenant {}: {}",
                       job->entry.updater, job->entry.run_id,
                       job->entry.tenant_id, render(err));
          auto res = make_result(*job, run_status::duplicate);
          res.error = render(err);
          job->promise.deliver(std::move(res));
          return;
        }
        retry_or_fail(self, job, err);
      });
}

void attempt(self_ptr self, run_ptr job) {
  // Load what the generator reads, generate, write.
  auto& spec = self->state.spec;
  self->request(self->state.db, caf::infinite, atom::context_v, spec.tenant_id,
                spec.customer_id, std::string{spec.kind->name},
                caf::timestamp{*job->entry.deadline})
    .then(
      [=](gen::context& ctx) {
        auto& spec = self->state.spec;
        ctx.tenant_id = spec.tenant_id;
        ctx.customer_id = spec.customer_id;
        ctx.zone = spec.zone;
        ctx.region = spec.region;
        ctx.fire_time = std::chrono::floor<std::chrono::seconds>(
          std::chrono::system_clock::time_point{
            std::chrono::duration_cast<std::chrono::system_clock::duration>(
              job->request.fire_time.time_since_epoch())});
        ctx.seed = job->entry.seed;
        gen::keep_what_existed(ctx);
        // A generator that throws fails the run and takes the actor down;
        // the supervisor restarts it.
        gen::batch rows;
        try {
          rows = job->generator->generate(ctx);
        } catch (const std::exception& e) {
          fail(self, job, ec::internal,
               std::string{"the generator threw: "} + e.what());
          self->quit(make_error(ec::internal, "generator threw"));
          return;
        }
        write(self, job, std::move(rows));
      },
      [=](caf::error& err) { retry_or_fail(self, job, err); });
}

} // namespace

std::mt19937_64& thread_rng() {
  // One engine per worker thread rather than per actor: its 2.5 KiB times
  // tens of thousands of jobs would be most of the daemon's memory.
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng;
}

std::string make_uuid(std::mt19937_64& rng) {
  // 122 random bits with the version and variant of RFC 4122.
  auto hi = rng();
  auto lo = rng();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  char buf[37];
  std::snprintf(buf, sizeof(buf), "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff),
                static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

updater_actor::behavior_type updater(self_ptr self, updater_spec spec,
                                     db_writer_actor db) {
  self->state.spec = std::move(spec);
  self->state.db = std::move(db);
  return {
    [=](atom::execute, run_request& req) -> caf::result<run_result> {
      // Name the run and fix its seed, so that it can be reproduced.
      auto job = std::make_shared<run_job>();
      auto& st = self->state;
      job->entry.run_id = make_uuid(thread_rng());
      job->entry.tenant_id = st.spec.tenant_id;
      job->entry.updater = std::string{st.spec.kind->name};
      job->entry.how = to_db(req.trigger);
      // The instant the rows are drawn from, kept with the seed for every
      // run: the scheduled fire, or when a manual run was asked for.
      job->entry.fire_time = std::chrono::floor<std::chrono::seconds>(
        std::chrono::system_clock::time_point{
          std::chrono::duration_cast<std::chrono::system_clock::duration>(
            req.fire_time.time_since_epoch())});
      job->entry.instance = st.spec.instance;
      // A seed of the request wins over the daemon's (`--seed`).
      job->entry.seed = req.seed != 0   ? req.seed
                        : st.spec.seed ? *st.spec.seed
                                       : (thread_rng()() >> 1);
      job->entry.started_at = std::chrono::system_clock::now();
      job->entry.deadline
        = job->entry.started_at
          + std::chrono::duration_cast<std::chrono::system_clock::duration>(
            st.spec.timeout);
      job->request = std::move(req);
      job->generator = st.spec.generator;
      job->promise = self->make_response_promise<run_result>();
      spdlog::info("updater {} started run {} for tenant {}",
                   job->entry.updater, job->entry.run_id,
                   job->entry.tenant_id);
      attempt(self, job);
      return job->promise;
    },
    [=](atom::updater, db_writer_actor& db) { self->state.db = std::move(db); },
    [=](atom::settings, std::shared_ptr<const gen::generator>& generator) {
      self->state.spec.generator = std::move(generator);
      spdlog::info("updater {} took new settings for tenant {}",
                   self->state.spec.kind->name, self->state.spec.tenant_id);
    },
    [=](atom::retry, const std::string& run_id) {
      auto i = self->state.waiting.find(run_id);
      if (i == self->state.waiting.end())
        return;
      auto job = std::move(i->second);
      self->state.waiting.erase(i);
      attempt(self, std::move(job));
    },
  };
}

} // namespace dbu
