#include "db/ledger.hpp"
#include "db/store.hpp"

#include <pqxx/pqxx>

#include <algorithm>
#include <set>

namespace dbu::db {

namespace {

/// A foreign key between two tables of generated rows.
struct reference {
  std::string child;
  std::string parent;
  /// The referring columns of `child` and the referred ones of `parent`,
  /// comma-separated and quoted.
  std::string child_columns;
  std::string parent_columns;
};

/// The tables that hold generated rows and how they refer to each other.
struct row_tables {
  /// Every table with a `run_id` column but the ledger, referring tables
  /// before the tables they refer to.
  std::vector<std::string> order;
  std::vector<reference> references;
};

/// @returns the quoted column names of `attnums` of table `rel`, as a
/// subquery over `pg_attribute`.
constexpr const char* columns_of = R"(array_to_string(ARRAY(
  SELECT quote_ident(a.attname) FROM unnest(%s) WITH ORDINALITY u(n, i)
  JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = u.n ORDER BY u.i),
  ','))";

/// @returns `fmt` with its two `%s` replaced by `a` and `b`.
std::string format2(std::string_view fmt, std::string_view a,
                    std::string_view b) {
  std::string out{fmt};
  out.replace(out.find("%s"), 2, a);
  out.replace(out.find("%s"), 2, b);
  return out;
}

/// @returns the tables of generated rows in the schema of `tx`, found from
/// the catalog, so that a new updater's table is purged like the others.
row_tables find_row_tables(pqxx::work& tx) {
  // Every table with a run_id column, then the foreign keys among them.
  row_tables out;
  std::set<std::string> tables;
  for (const auto& row :
       tx.exec("SELECT table_name FROM information_schema.columns"
               " WHERE table_schema = current_schema()"
               " AND column_name = 'run_id' AND table_name <> 'updater_runs'"
               " ORDER BY table_name"))
    tables.insert(row[0].as<std::string>());
  auto keys = tx.exec(
    "SELECT c.relname, p.relname, "
    + format2(columns_of, "k.conkey", "k.conrelid") + ", "
    + format2(columns_of, "k.confkey", "k.confrelid")
    + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
      " JOIN pg_class p ON p.oid = k.confrelid"
      " WHERE k.contype = 'f'"
      " AND c.relnamespace = current_schema()::regnamespace"
      " ORDER BY 1, 2");
  for (const auto& row : keys) {
    reference ref{row[0].as<std::string>(), row[1].as<std::string>(),
                  row[2].as<std::string>(), row[3].as<std::string>()};
    if (ref.child != ref.parent && tables.count(ref.child)
        && tables.count(ref.parent))
      out.references.push_back(std::move(ref));
  }
  // A table goes once no table left refers to it; a cycle, which the
  // schema has none of, ends in name order.
  while (!tables.empty()) {
    auto next = std::find_if(tables.begin(), tables.end(), [&](auto& t) {
      return std::none_of(out.references.begin(), out.references.end(),
                          [&](const reference& r) {
                            return r.parent == t && tables.count(r.child);
                          });
    });
    if (next == tables.end())
      next = tables.begin();
    out.order.push_back(*next);
    tables.erase(next);
  }
  return out;
}

/// @returns the runs of `f` in the tenant of `tx`, oldest first, and
/// counts in `purged` those an earlier purge emptied.
std::vector<std::string> select_purged_runs(pqxx::work& tx,
                                            const std::string& tenant,
                                            const purge_filter& f,
                                            size_t& purged) {
  // The seed run only by its id: the tenant's other rows rest on it.
  auto res = tx.exec_params(
    "SELECT run_id::text, purged_at IS NOT NULL FROM updater_runs"
    " WHERE tenant_id = $1"
    " AND ($2 = '' OR run_id::text = $2)"
    " AND ($3 = '' OR started_at < $3::timestamptz)"
    " AND ($4 = '' OR updater = $4)"
    " AND ($2 <> '' OR updater <> 'seed')"
    " ORDER BY started_at, run_id",
    tenant, f.run_id.value_or(""), f.before ? iso_utc(*f.before) : "",
    f.updater.value_or(""));
  std::vector<std::string> out;
  out.reserve(size_t(res.size()));
  for (const auto& row : res) {
    out.push_back(row[0].as<std::string>());
    purged += row[1].as<bool>() ? 1 : 0;
  }
  return out;
}

/// @returns `ids` as the text of a PostgreSQL array.
std::string array_text(const std::vector<std::string>& ids) {
  std::string out = "{";
  for (auto& id : ids)
    out.append(out.size() > 1 ? "," : "").append(id);
  return out + "}";
}

/// Locks the rows of `runs` that rows of other tables may refer to, so
/// that a run referring to them commits before they are counted (its
/// foreign key check holds them) or waits until the purge ends.
void lock_referred(pqxx::work& tx, const row_tables& tables,
                   const std::string& tenant, const std::string& runs) {
  std::set<std::string> parents;
  for (auto& ref : tables.references)
    parents.insert(ref.parent);
  for (auto& parent : parents)
    tx.exec_params("SELECT 1 FROM " + tx.quote_name(parent)
                     + " WHERE tenant_id = $1 AND run_id = ANY($2::uuid[])"
                       " FOR UPDATE",
                   tenant, runs);
}

/// Counts, per referring table, the rows of other runs that refer to rows
/// of `runs` in the tenant of `tx` (a row that refers by several keys
/// once), and lists the runs that wrote them.
void count_blocking(pqxx::work& tx, const row_tables& tables,
                    const std::string& tenant, const std::string& runs,
                    purge_summary& out) {
  // One condition per foreign key, joined per referring table.
  std::map<std::string, std::string> refers;
  for (auto& ref : tables.references) {
    auto& cond = refers[ref.child];
    cond.append(cond.empty() ? "" : " OR ")
      .append("(" + ref.child_columns + ") IN (SELECT " + ref.parent_columns
              + " FROM " + tx.quote_name(ref.parent)
              + " WHERE tenant_id = $1 AND run_id = ANY($2::uuid[]))");
  }
  std::set<std::pair<std::string, std::string>> writers;
  for (auto& [child, cond] : refers) {
    auto table = tx.quote_name(child);
    auto sql = "SELECT coalesce((SELECT u.started_at::text FROM updater_runs u"
               " WHERE u.tenant_id = $1 AND u.run_id = "
               + table + ".run_id), ''), run_id::text, count(*) FROM " + table
               + " WHERE tenant_id = $1"
                 " AND (run_id IS NULL OR NOT run_id = ANY($2::uuid[]))"
                 " AND ("
               + cond + ") GROUP BY 1, 2";
    for (const auto& row : tx.exec_params(sql, tenant, runs)) {
      out.blocking[child] += row[2].as<int64_t>();
      if (!row[1].is_null())
        writers.emplace(row[0].as<std::string>(), row[1].as<std::string>());
    }
  }
  out.blocking_run_count += writers.size();
  for (auto& [started, run] : writers)
    if (out.blocking_runs.size() < 10)
      out.blocking_runs.push_back(run);
}

/// Removes the rows of `runs` from every table and marks them purged.
void remove_rows(pqxx::work& tx, const row_tables& tables,
                 const std::string& tenant, const std::string& runs,
                 std::map<std::string, int64_t>& out) {
  for (auto& table : tables.order) {
    auto res = tx.exec_params("DELETE FROM " + tx.quote_name(table)
                                + " WHERE tenant_id = $1"
                                  " AND run_id = ANY($2::uuid[])",
                              tenant, runs);
    if (res.affected_rows() > 0)
      out[table] += res.affected_rows();
  }
  tx.exec_params("UPDATE updater_runs SET purged_at = now()"
                 " WHERE tenant_id = $1 AND run_id = ANY($2::uuid[])"
                 " AND purged_at IS NULL",
                 tenant, runs);
}

/// Counts the rows of `runs` in every table, for a purge that cannot
/// remove them.
void count_rows(pqxx::work& tx, const row_tables& tables,
                const std::string& tenant, const std::string& runs,
                std::map<std::string, int64_t>& out) {
  for (auto& table : tables.order) {
    auto n = tx.exec_params1("SELECT count(*) FROM " + tx.quote_name(table)
                               + " WHERE tenant_id = $1"
                                 " AND run_id = ANY($2::uuid[])",
                             tenant, runs)[0]
               .as<int64_t>();
    if (n > 0)
      out[table] += n;
  }
}

/// @returns a sentence naming the blocking rows of `s` and their runs.
std::string describe_blocking(const purge_summary& s) {
  std::string tables;
  for (auto& [table, n] : s.blocking)
    tables.append(tables.empty() ? "" : ", ")
      .append(std::to_string(n) + " in " + table);
  std::string runs;
  for (auto& run : s.blocking_runs)
    runs.append(runs.empty() ? "" : ", ").append(run);
  return "rows written by other runs refer to rows of these runs (" + tables
         + (runs.empty() ? "" : "; written by run(s) " + runs)
         + (s.blocking_run_count > s.blocking_runs.size()
              ? " and "
                  + std::to_string(s.blocking_run_count
                                   - s.blocking_runs.size())
                  + " more"
              : "")
         + "); purge those runs first or with these (a later --before"
           " takes them along), or leave these";
}

} // namespace

caf::expected<purge_summary> store::purge(const purge_filter& filter,
                                          bool dry_run) {
  // Every tenant in one transaction: all of the purge, or none of it.
  purge_summary summary;
  auto err = attempt("purging runs", [&](pqxx::connection& c) {
    summary = purge_summary{};
    pqxx::work tx{c};
    auto tables = find_row_tables(tx);
    for (auto& tenant : filter.tenants) {
      // The tenant's runs, what refers to them, and their rows.
      set_tenant(tx, tenant);
      auto runs = select_purged_runs(tx, tenant, filter,
                                     summary.purged_before);
      if (runs.empty())
        continue;
      auto ids = array_text(runs);
      lock_referred(tx, tables, tenant, ids);
      count_blocking(tx, tables, tenant, ids, summary);
      if (summary.blocking.empty())
        remove_rows(tx, tables, tenant, ids, summary.rows);
      else
        count_rows(tx, tables, tenant, ids, summary.rows);
      for (auto& id : runs)
        summary.runs.emplace_back(tenant, std::move(id));
    }
    if (dry_run || !summary.blocking.empty())
      tx.abort();
    else
      tx.commit();
  });
  if (err)
    return err;
  if (!dry_run && !summary.blocking.empty())
    return make_error(ec::bad_request,
                      "nothing was purged: " + describe_blocking(summary));
  return summary;
}

} // namespace dbu::db
