#include "actors/db_writer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <optional>

namespace dbu {

namespace {

using self_ptr = db_writer_actor::stateful_pointer<db_writer_state>;

// Reconnect delays: 1 s, doubling, at most 30 s.
constexpr auto first_backoff = std::chrono::seconds{1};
constexpr auto max_backoff = std::chrono::seconds{30};

// Failed runs kept while the database is away; older ones are dropped.
constexpr size_t max_pending = 10000;

void schedule_reconnect(self_ptr self) {
  // One timer at a time; the delay grows with every failed attempt.
  if (self->state.reconnecting)
    return;
  self->state.reconnecting = true;
  auto& backoff = self->state.backoff;
  backoff = backoff.count() == 0 ? caf::timespan{first_backoff}
                                 : std::min(caf::timespan{backoff * 2},
                                            caf::timespan{max_backoff});
  self->delayed_send(self, backoff, atom::reconnect_v);
}

// Notes the outcome of a database call; starts reconnecting when the server
// is away.
template <class T>
void observe(self_ptr self, const caf::expected<T>& x) {
  if (x || code_of(x.error()) != ec::db_unavailable)
    return;
  if (self->state.up)
    spdlog::error("db-writer lost the database: {}", render(x.error()));
  self->state.up = false;
  self->state.not_ready.clear();
  schedule_reconnect(self);
}

} // namespace

db_writer_state::~db_writer_state() {
  // The daemon stops with the database still away: say what is lost.
  for (auto& [run, error] : pending)
    spdlog::warn("db-writer stops without recording failed run {} of {} for "
                 "tenant {} (the database stayed away): {}",
                 run.run_id, run.updater, run.tenant_id, error);
}

namespace {

void flush_pending(self_ptr self) {
  // Record failures in arrival order; stop at the first that cannot.
  auto& pending = self->state.pending;
  while (!pending.empty()) {
    auto& [run, error] = pending.front();
    auto res = self->state.store->record_failure(run, error);
    observe(self, res);
    if (!res && code_of(res.error()) == ec::db_unavailable)
      return;
    if (!res)
      spdlog::error("db-writer cannot record failed run {} of {} for tenant "
                    "{}: {}",
                    run.run_id, run.updater, run.tenant_id,
                    render(res.error()));
    pending.pop_front();
  }
}

// A step of getting the database ready that failed: what it could not do,
// and why.
struct setback {
  std::string what;
  caf::error why;
};

std::optional<setback> prepare(self_ptr self) {
  // Migrations and seeding are idempotent: every connect runs them.
  auto& st = self->state;
  if (auto rls = st.store->rls_applies(); rls && !*rls)
    spdlog::warn("db-writer connects as a role that bypasses row-level "
                 "security; use a non-superuser role without BYPASSRLS");
  if (st.prepare.migrate) {
    auto applied = st.store->migrate(st.prepare.migrations_dir);
    if (!applied)
      return setback{"apply the migrations in " + st.prepare.migrations_dir,
                     std::move(applied.error())};
    for (auto& name : *applied)
      spdlog::info("db-writer applied migration {}", name);
  }
  if (!st.prepare.seed_tenants)
    return std::nullopt;
  auto seeded = st.store->seed(*st.prepare.cfg, st.prepare.seed,
                               st.prepare.instance, st.prepare.as_of);
  if (!seeded)
    return setback{"seed the tenants", std::move(seeded.error())};
  if (*seeded > 0)
    spdlog::info("db-writer seeded {} tenant(s) with a customer, its fleet "
                 "and a few leads (seed {}, one run of updater seed each)",
                 *seeded, st.prepare.seed);
  return std::nullopt;
}

void reconnect(self_ptr self) {
  // Try once; on success, prepare the schema and record what waited.
  auto& st = self->state;
  st.reconnecting = false;
  ++st.attempts;
  auto ping = st.store->ping();
  auto failed = ping ? prepare(self)
                     : setback{"reach the database", std::move(ping.error())};
  if (!failed) {
    if (st.attempts > 1)
      spdlog::info("db-writer reached the database after {} attempts",
                   st.attempts);
    st.up = true;
    st.not_ready.clear();
    st.attempts = 0;
    st.backoff = caf::timespan{0};
    flush_pending(self);
    return;
  }
  // One line per attempt, with the delay before the next; a database that
  // refuses the schema or the seeding is retried like an absent one, but
  // the line says what failed.
  schedule_reconnect(self);
  st.not_ready = ping ? "cannot " + failed->what + ": " + render(failed->why)
                     : std::string{};
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(st.backoff);
  spdlog::warn("db-writer cannot {} (attempt {}, next in {} s): {}",
               failed->what, st.attempts, secs.count(),
               render(failed->why));
}

caf::error unavailable(const db_writer_state& st) {
  if (!st.not_ready.empty())
    return make_error(ec::db_unavailable, "the database is not ready ("
                                            + st.not_ready + "); retrying");
  return make_error(ec::db_unavailable,
                    "the database is unreachable; reconnecting");
}

} // namespace

db_writer_actor::behavior_type db_writer(self_ptr self, std::string url,
                                         db_prepare prepare) {
  // Connect and prepare at once; while that fails, runs fail fast.
  self->state.store = std::make_unique<db::store>(std::move(url));
  self->state.prepare = std::move(prepare);
  reconnect(self);
  return {
    [=](atom::context, const std::string& tenant, const std::string& customer,
        const std::string& updater,
        caf::timestamp deadline) -> caf::result<gen::context> {
      auto kind = gen::find_updater_kind(updater);
      if (kind == nullptr)
        return make_error(ec::unknown_updater,
                          "no updater is called \"" + updater + "\"");
      if (!self->state.up)
        return unavailable(self->state);
      std::optional<std::chrono::system_clock::time_point> until;
      if (deadline != caf::timestamp{})
        until = deadline;
      auto res = self->state.store->load_context(tenant, customer, *kind,
                                                 until);
      observe(self, res);
      if (!res)
        return std::move(res.error());
      return std::move(*res);
    },
    [=](atom::write, const db::run_entry& run, const gen::batch& rows,
        bool dry_run) -> caf::result<db::write_result> {
      if (!self->state.up)
        return unavailable(self->state);
      auto res = self->state.store->write_run(run, rows, dry_run);
      observe(self, res);
      if (!res)
        return std::move(res.error());
      return std::move(*res);
    },
    [=](atom::failure, db::run_entry& run, std::string& error) {
      auto& pending = self->state.pending;
      if (pending.size() == max_pending)
        pending.pop_front();
      pending.emplace_back(std::move(run), std::move(error));
      if (self->state.up)
        flush_pending(self);
    },
    [=](atom::ping) -> caf::result<caf::timespan> {
      auto res = self->state.store->ping();
      observe(self, res);
      if (!res)
        return std::move(res.error());
      return caf::timespan{*res};
    },
    [=](atom::purge, const db::purge_filter& filter,
        bool dry_run) -> caf::result<db::purge_summary> {
      if (!self->state.up)
        return unavailable(self->state);
      auto res = self->state.store->purge(filter, dry_run);
      observe(self, res);
      if (!res)
        return std::move(res.error());
      return std::move(*res);
    },
    [=](atom::reconnect) { reconnect(self); },
  };
}

} // namespace dbu
