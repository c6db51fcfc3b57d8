#pragma once

#include "config/problem.hpp"
#include "generators/context.hpp"
#include "generators/rows.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dbu::gen {

/// Turns a context into rows. Built once from validated settings, then
/// called for every run; pure and deterministic in (settings, context).
class generator {
public:
  virtual ~generator() = default;

  /// @returns the rows one run writes for `ctx`.
  virtual batch generate(const context& ctx) const = 0;
};

/// One kind of data db-updater can generate.
struct updater_kind {
  /// The updater name used in configuration and commands.
  std::string_view name;
  /// The schedule used when the configuration names none.
  std::string_view default_schedule;
  /// Whether the generator reads `context::records`.
  bool needs_records = false;
  /// Whether the generator reads `context::equipment`.
  bool needs_equipment = false;
  /// A query for the facts the generator reads beyond records and devices,
  /// run as the tenant with `$1` the tenant id and `$2` the customer id; its
  /// rows are (key, value) pairs of text that fill `context::facts`. Empty
  /// when the generator reads none.
  std::string_view facts_query;
  /// @returns the generation settings with every default filled in (the
  /// object under `updaters.<name>` without `enabled` and `schedule`).
  nlohmann::json (*defaults)() = nullptr;
  /// Appends a problem for each bad or unknown key of `settings`, a merge of
  /// `defaults()` and the user's values; paths start with `path`.
  void (*validate)(const nlohmann::json& settings, const std::string& path,
                   problems& out)
    = nullptr;
  /// @returns a generator for valid `settings`.
  std::unique_ptr<generator> (*make)(const nlohmann::json& settings) = nullptr;
  /// Updates `ctx` as the database would be after writing `rows`, a batch of
  /// this kind, so that the next run sees them where no database is (the
  /// `sample` command, tests); null when runs do not see their own rows.
  void (*remember)(context& ctx, const batch& rows) = nullptr;
};

/// @returns every updater kind, in a stable order.
const std::vector<updater_kind>& updater_kinds();

/// @returns the kind called `name`, or nullptr.
const updater_kind* find_updater_kind(std::string_view name);

} // namespace dbu::gen
