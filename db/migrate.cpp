#include "db/store.hpp"

#include <pqxx/pqxx>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dbu::db {

namespace {

/// The advisory lock all instances take while migrating ("dbu-migr").
constexpr int64_t migration_lock = 0x6462752d6d696772;

/// A migration file: `NNN_name.sql`.
struct migration {
  std::string version;
  std::string name;
  std::filesystem::path path;
};

/// @returns the migration `file` names, or nothing for other files.
std::optional<migration> parse_name(const std::filesystem::path& file) {
  // Expect digits, an underscore, a name and the `.sql` extension.
  auto stem = file.stem().string();
  auto sep = stem.find('_');
  if (file.extension() != ".sql" || sep == 0 || sep == std::string::npos
      || sep + 1 == stem.size())
    return std::nullopt;
  auto digits = std::string_view{stem}.substr(0, sep);
  if (!std::all_of(digits.begin(), digits.end(),
                   [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return migration{std::string{digits}, stem.substr(sep + 1), file};
}

/// @returns the migrations of `dir`, by version.
caf::expected<std::vector<migration>> list_migrations(const std::string& dir) {
  // Collect the files that look like migrations.
  std::error_code err;
  std::vector<migration> out;
  for (auto& entry : std::filesystem::directory_iterator{dir, err})
    if (auto m = parse_name(entry.path()); m && entry.is_regular_file())
      out.push_back(std::move(*m));
  if (err)
    return make_error(ec::io_error, "cannot list the migrations in " + dir
                                      + ": " + err.message());
  // Apply them in the order of their version, then name.
  std::sort(out.begin(), out.end(), [](auto& x, auto& y) {
    return std::tie(x.version, x.name) < std::tie(y.version, y.name);
  });
  // A version names one migration; a second file would be skipped silently.
  auto twin = std::adjacent_find(out.begin(), out.end(), [](auto& x, auto& y) {
    return x.version == y.version;
  });
  if (twin != out.end())
    return make_error(ec::internal, "migrations " + twin->path.string()
                                      + " and " + (twin + 1)->path.string()
                                      + " share version " + twin->version);
  return out;
}

/// @returns the text of `file`.
caf::expected<std::string> read_text(const std::filesystem::path& file) {
  std::ifstream in{file};
  if (!in.is_open())
    return make_error(ec::io_error,
                      "cannot read migration " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

caf::expected<std::vector<std::string>>
store::migrate(const std::string& dir) {
  // Find the files first: a missing folder needs no connection.
  auto files = list_migrations(dir);
  if (!files)
    return std::move(files.error());
  // Create the bookkeeping table, under the lock against racing instances.
  auto err = attempt("creating schema_migrations", [&](pqxx::connection& c) {
    pqxx::work tx{c};
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", migration_lock);
    tx.exec0("CREATE TABLE IF NOT EXISTS schema_migrations ("
             "version text PRIMARY KEY, name text NOT NULL,"
             " applied_at timestamptz NOT NULL DEFAULT now())");
    tx.commit();
  });
  if (err)
    return err;
  // Apply each migration not yet recorded, with its record, atomically.
  std::vector<std::string> applied;
  for (auto& m : *files) {
    auto text = read_text(m.path);
    if (!text)
      return std::move(text.error());
    auto label = m.version + "_" + m.name;
    err = attempt("applying migration " + label, [&](pqxx::connection& c) {
      pqxx::work tx{c};
      tx.exec_params("SELECT pg_advisory_xact_lock($1)", migration_lock);
      auto done = tx.exec_params(
        "SELECT 1 FROM schema_migrations WHERE version = $1", m.version);
      if (!done.empty())
        return;
      tx.exec(*text);
      tx.exec_params("INSERT INTO schema_migrations (version, name)"
                     " VALUES ($1, $2)",
                     m.version, m.name);
      tx.commit();
      applied.push_back(label);
    });
    if (err)
      return err;
  }
  return applied;
}

} // namespace dbu::db
