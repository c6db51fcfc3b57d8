#pragma once

// Shared helpers of the generator tests: building generators from patched
// defaults, reading generated rows by column name, chi-square checks.

#include "generators/context.hpp"
#include "generators/rows.hpp"
#include "generators/updater.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dbu::gen::test {

/// The sample tenant of every test.
inline const std::string tenant = "550e8400-e29b-41d4-a716-446655440000";

/// @returns a generator of `kind` from its defaults patched by `patch`.
std::unique_ptr<generator> make(std::string_view kind,
                                const nlohmann::json& patch = {});

/// @returns an instant given as "YYYY-MM-DDTHH:MM:SSZ".
std::chrono::sys_seconds at(std::string_view iso);

/// @returns a context of a freshly seeded tenant in `zone` at `fire`.
context seeded(std::string_view zone, std::chrono::sys_seconds fire,
               uint64_t seed = 1);

/// One generated row, readable by column name.
class row_view {
public:
  row_view(const table_rows& t, const std::vector<value>& row)
    : table_(&t), row_(&row) {}

  /// @returns the value of column `name`; fails the test if there is none.
  const value& operator[](std::string_view name) const;

  /// @returns the text of column `name`, empty when null.
  std::string text(std::string_view name) const;

  /// @returns the whole number of column `name`.
  int64_t number(std::string_view name) const;

  /// @returns whether column `name` is null.
  bool null(std::string_view name) const;

  /// @returns the list of column `name`.
  const text_list& list(std::string_view name) const;

private:
  const table_rows* table_;
  const std::vector<value>* row_;
};

/// Every row of table `table` from runs of `g` at successive fire times
/// (`step` apart from `ctx.fire_time`) until at least `n` rows exist. With
/// `kind`, each run's rows change the context as its `remember` says, as
/// if they had been written.
class rows_of {
public:
  rows_of(const generator& g, context ctx, std::string_view table, size_t n,
          std::chrono::seconds step = std::chrono::hours{1},
          const updater_kind* kind = nullptr);

  /// @returns the number of rows.
  size_t size() const { return rows_.size(); }

  /// @returns row `i`.
  const row_view& operator[](size_t i) const { return rows_[i]; }

  auto begin() const { return rows_.begin(); }
  auto end() const { return rows_.end(); }

private:
  std::vector<batch> batches_;
  std::vector<row_view> rows_;
};

/// @returns whether `a` and `b` hold the same tables, columns and values.
bool same_rows(const batch& a, const batch& b);

/// @returns the chi-square statistic of `observed` counts against shares
/// `expected` (summing to 1); categories of zero share must be empty.
double chi_square(const std::map<std::string, size_t>& observed,
                  const std::map<std::string, double>& expected);

/// @returns the critical chi-square value for `df` degrees of freedom (1
/// to 12) at p = 0.001, or at p = 0.0001 for each of up to ten
/// `comparisons` of one test, so that the test as a whole errs at most
/// once in a thousand runs.
double chi_square_critical(size_t df, size_t comparisons = 1);

/// @returns the default distribution `key` of updater `kind` as shares.
std::map<std::string, double> default_shares(std::string_view kind,
                                             std::string_view key);

} // namespace dbu::gen::test
