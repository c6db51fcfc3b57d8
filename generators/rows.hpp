#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace dbu::gen {

/// A list of text values, written as a PostgreSQL `text[]`.
using text_list = std::vector<std::string>;

/// One field of a generated row. Timestamps are ISO-8601 strings with a UTC
/// offset, dates are `YYYY-MM-DD`, uuids are their canonical text.
using value
  = std::variant<std::monostate, bool, int64_t, double, std::string, text_list>;

/// Rows for one table, all with the same columns. The writer adds the
/// `run_id` column itself; generators never set it.
struct table_rows {
  /// The table the rows go to.
  std::string table;
  /// Column names, in the order of each row's values.
  std::vector<std::string> columns;
  /// The rows; each has exactly `columns.size()` values.
  std::vector<std::vector<value>> rows;
};

/// Everything one run would write, one entry per table touched.
using batch = std::vector<table_rows>;

/// @returns the number of rows in `b` over all tables.
size_t row_count(const batch& b);

} // namespace dbu::gen
