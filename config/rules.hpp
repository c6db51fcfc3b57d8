#pragma once

// Building blocks of the validation: options described as fields, checked
// for presence, JSON type and value, with messages that name the bad value
// and what is allowed. Internal to `config/`.

#include "config/problem.hpp"
#include "config/schema.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dbu::cfg {

/// The JSON type an option must have.
enum class json_type { boolean, integer, string, object, object_or_null };

/// One option of an object.
struct field {
  /// The option's key.
  std::string_view key;
  /// The JSON type it must have.
  json_type type;
  /// What it allows, completing "must be ...", e.g. "true or false".
  std::string allowed;
  /// @returns what is wrong with a value of the right type, completing
  /// "VALUE — ...", or an empty string when the value is fine.
  std::function<std::string(const nlohmann::json&)> check = nullptr;
  /// Whether messages show the value masked as a database URL.
  bool secret = false;
};

/// Appends a problem for each key of object `obj` outside `names`, with
/// the closest name as a suggestion; `what` names a key in messages
/// ("key", "updater").
void check_unknown_keys(const nlohmann::json& obj, const std::string& path,
                        std::span<const std::string_view> names,
                        std::string_view what, problems& out);

/// Appends a problem for each of `fields` that object `obj` lacks, holds
/// with the wrong type, or holds with a value its check refuses.
void check_fields(const nlohmann::json& obj, const std::string& path,
                  std::span<const field> fields, problems& out);

/// Checks the unknown keys and then the fields of object `obj`.
void check_object(const nlohmann::json& obj, const std::string& path,
                  std::span<const field> fields, problems& out);

/// Appends a problem unless `v` has type `type`.
/// @returns whether it has.
bool check_type(const nlohmann::json& v, const std::string& path,
                json_type type, std::string_view allowed, problems& out);

/// @returns an integer option that allows `range`.
field integer_field(std::string_view key, int_range range);

/// @returns a string option that allows only `values`; `what` names one
/// in messages ("log level").
field choice_field(std::string_view key,
                   std::span<const std::string_view> values,
                   std::string_view what);

/// @returns "an object with keys A, B, C" for the keys of `fields`.
std::string object_of(std::span<const field> fields);

/// @returns `names` joined by ", ".
std::string join(std::span<const std::string_view> names);

} // namespace dbu::cfg
