#include "db/rows_writer.hpp"

#include <pqxx/pqxx>

#include <charconv>
#include <cmath>
#include <type_traits>

namespace dbu::db {

namespace {

/// Rows per INSERT statement; keeps each statement a modest size.
constexpr size_t rows_per_statement = 500;

/// @returns `x` as the shortest text that reads back as the same double.
std::string double_literal(double x) {
  // Non-finite values only exist as quoted numeric constants.
  if (std::isnan(x))
    return "'NaN'";
  if (std::isinf(x))
    return x > 0 ? "'Infinity'" : "'-Infinity'";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), x);
  return std::string{buf, end};
}

/// @returns `x` as a quoted string constant.
std::string string_literal(pqxx::transaction_base& tx, const std::string& x) {
  // Built by appending: GCC 12 warns falsely on "'" + std::string&&.
  auto escaped = tx.esc(x);
  std::string out;
  out.reserve(escaped.size() + 2);
  out += '\'';
  out += escaped;
  out += '\'';
  return out;
}

/// @returns `xs` as a `text[]` expression.
std::string array_literal(pqxx::transaction_base& tx,
                          const gen::text_list& xs) {
  // An empty ARRAY[] has no type to infer, so it takes the literal form.
  if (xs.empty())
    return "'{}'::text[]";
  std::string out = "ARRAY[";
  for (size_t i = 0; i < xs.size(); ++i) {
    if (i > 0)
      out += ',';
    out += string_literal(tx, xs[i]);
  }
  out += "]::text[]";
  return out;
}

/// @returns the INSERT head of `t`: table and columns, `run_id` last.
std::string insert_head(pqxx::transaction_base& tx, const gen::table_rows& t) {
  std::string out = "INSERT INTO " + tx.quote_name(t.table) + " (";
  for (auto& column : t.columns)
    out += tx.quote_name(column) + ", ";
  out += "run_id) VALUES ";
  return out;
}

} // namespace

caf::error check_batch(const gen::batch& rows) {
  // A malformed batch is a generator bug; say which table and row.
  for (auto& t : rows) {
    if (t.table.empty() || t.columns.empty())
      return make_error(ec::internal, "a generated batch has a table without"
                                      " a name or without columns");
    for (auto& column : t.columns)
      if (column == "run_id")
        return make_error(ec::internal, "generated rows for " + t.table
                                          + " set run_id, which the writer"
                                            " owns");
    for (size_t i = 0; i < t.rows.size(); ++i)
      if (t.rows[i].size() != t.columns.size())
        return make_error(ec::internal,
                          "generated row " + std::to_string(i) + " for "
                            + t.table + " has "
                            + std::to_string(t.rows[i].size())
                            + " values for "
                            + std::to_string(t.columns.size()) + " columns");
  }
  return caf::none;
}

std::string sql_literal(pqxx::transaction_base& tx, const gen::value& v) {
  return std::visit(
    [&](const auto& x) -> std::string {
      using type = std::decay_t<decltype(x)>;
      if constexpr (std::is_same_v<type, std::monostate>)
        return "NULL";
      else if constexpr (std::is_same_v<type, bool>)
        return x ? "TRUE" : "FALSE";
      else if constexpr (std::is_same_v<type, int64_t>)
        return std::to_string(x);
      else if constexpr (std::is_same_v<type, double>)
        return double_literal(x);
      else if constexpr (std::is_same_v<type, std::string>)
        return string_literal(tx, x);
      else
        return array_literal(tx, x);
    },
    v);
}

std::map<std::string, int64_t> insert_rows(pqxx::transaction_base& tx,
                                           const gen::batch& rows,
                                           const std::string& run_id) {
  std::map<std::string, int64_t> written;
  auto run = string_literal(tx, run_id);
  for (auto& t : rows) {
    // Send the table's rows in statements of a bounded size.
    auto head = insert_head(tx, t);
    for (size_t first = 0; first < t.rows.size();
         first += rows_per_statement) {
      auto last = std::min(t.rows.size(), first + rows_per_statement);
      std::string sql = head;
      for (size_t i = first; i < last; ++i) {
        sql += i == first ? "(" : ", (";
        for (auto& v : t.rows[i])
          sql += sql_literal(tx, v) + ", ";
        sql += run + ")";
      }
      tx.exec0(sql);
    }
    // Count what went in, by table, even when a table appears twice.
    if (!t.rows.empty())
      written[t.table] += static_cast<int64_t>(t.rows.size());
  }
  return written;
}

} // namespace dbu::db
