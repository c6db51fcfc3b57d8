#pragma once

// Building blocks for validating updater settings. Each appends a problem
// that names the bad value and what is allowed; paths are JSON pointers.

#include "config/problem.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dbu::gen::check {

/// @returns `j` as short JSON text for messages.
std::string show(const nlohmann::json& j);

/// @returns `names` joined by ", ".
std::string join(std::span<const std::string_view> names);

/// Checks that `j` is an object whose keys are exactly `known`: an unknown
/// key or a missing one is a problem. @returns whether `j` is an object.
bool object(const nlohmann::json& j, const std::string& path,
            std::initializer_list<std::string_view> known, problems& out);

/// Checks `j` as `{"min": a, "max": b}` with whole numbers
/// `lo <= a <= b <= hi`. @returns the range if valid.
std::optional<std::pair<int64_t, int64_t>>
range(const nlohmann::json& j, const std::string& path, int64_t lo,
      int64_t hi, problems& out);

/// Checks `j` as an object of non-negative weights over `names` that sum to
/// 1; `what` names a category in messages ("activity type").
void distribution(const nlohmann::json& j, const std::string& path,
                  std::span<const std::string_view> names,
                  std::string_view what, problems& out);

/// Checks `j` as a boolean.
void boolean(const nlohmann::json& j, const std::string& path,
             problems& out);

/// Checks `j` as a wall-clock time "HH:MM" ("24:00" allowed when
/// `allow_24`). @returns minutes after midnight if valid.
std::optional<int> clock_time(const nlohmann::json& j, const std::string& path,
                              bool allow_24, problems& out);

/// Checks `j` as a non-empty list of distinct ISO weekdays 1 (Monday) to 7
/// (Sunday).
void weekdays(const nlohmann::json& j, const std::string& path,
              problems& out);

/// @returns minutes after midnight of a valid "HH:MM", or `fallback`.
int parse_clock_time(const nlohmann::json& j, int fallback);

} // namespace dbu::gen::check
