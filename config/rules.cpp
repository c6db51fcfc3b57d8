#include "config/rules.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>

namespace dbu::cfg {

namespace {

using nlohmann::json;

// @returns how `v` reads in "not ...", e.g. "a string".
std::string type_phrase(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "an integer";
    case json::value_t::number_float:
      return "a fractional number";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    default:
      return "an object";
  }
}

// @returns whether `v` has JSON type `type`.
bool has_type(const json& v, json_type type) {
  switch (type) {
    case json_type::boolean:
      return v.is_boolean();
    case json_type::integer:
      return v.is_number_integer();
    case json_type::string:
      return v.is_string();
    case json_type::object_or_null:
      return v.is_object() || v.is_null();
    default:
      return v.is_object();
  }
}

// @returns the edit distance of `a` and `b`, ignoring case.
size_t distance(std::string_view a, std::string_view b) {
  // One row of the classic dynamic program at a time.
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  auto lower = [](char c) {
    return std::tolower(static_cast<unsigned char>(c));
  };
  for (size_t i = 1; i <= a.size(); ++i) {
    auto diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      auto cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      auto next = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = row[j];
      row[j] = next;
    }
  }
  return row[b.size()];
}

// @returns the name of `names` a typo of `key` most likely meant.
std::optional<std::string_view>
closest(std::string_view key, std::span<const std::string_view> names) {
  // Accept up to one edit in three characters, at least two.
  std::optional<std::string_view> best;
  auto best_distance = std::max<size_t>(2, key.size() / 3) + 1;
  for (auto name : names) {
    auto d = distance(key, name);
    if (d < best_distance) {
      best = name;
      best_distance = d;
    }
  }
  return best;
}

// @returns `v` as shown in messages, masked when it is a secret.
std::string shown(const json& v, bool secret) {
  if (secret && v.is_string())
    return show(masked_url(v.get<std::string>()));
  return show(v);
}

} // namespace

std::string show(const json& v) {
  // Keep messages readable even for a huge value.
  auto text = v.dump();
  if (text.size() > 60)
    text = text.substr(0, 57) + "...";
  return text;
}

std::string pointer(std::string_view parent, std::string_view key) {
  // RFC 6901 escapes `~` as `~0` and `/` as `~1`.
  std::string result{parent};
  result += '/';
  for (auto c : key) {
    if (c == '~')
      result += "~0";
    else if (c == '/')
      result += "~1";
    else
      result += c;
  }
  return result;
}

std::string join(std::span<const std::string_view> names) {
  std::string text;
  for (auto name : names) {
    if (!text.empty())
      text += ", ";
    text += name;
  }
  return text;
}

std::string object_of(std::span<const field> fields) {
  std::vector<std::string_view> keys;
  for (auto& f : fields)
    keys.push_back(f.key);
  return "an object with keys " + join(keys);
}

void check_unknown_keys(const json& obj, const std::string& path,
                        std::span<const std::string_view> names,
                        std::string_view what, problems& out) {
  for (auto& [key, value] : obj.items()) {
    // A known key is fine.
    if (std::find(names.begin(), names.end(), key) != names.end())
      continue;
    // A typo must not pass silently: name it and its likely intent.
    auto message = "\"" + key + "\" — unknown " + std::string{what};
    if (auto guess = closest(key, names))
      message += " (did you mean \"" + std::string{*guess} + "\"?)";
    message += "; allowed " + std::string{what} + "s: " + join(names);
    out.push_back({pointer(path, key), std::move(message)});
  }
}

bool check_type(const json& v, const std::string& path, json_type type,
                std::string_view allowed, problems& out) {
  if (has_type(v, type))
    return true;
  out.push_back({path, show(v) + " — must be " + std::string{allowed}
                         + ", not " + type_phrase(v)});
  return false;
}

void check_fields(const json& obj, const std::string& path,
                  std::span<const field> fields, problems& out) {
  for (auto& f : fields) {
    // Every option must be there: the defaults provide them all.
    auto where = pointer(path, f.key);
    auto it = obj.find(f.key);
    if (it == obj.end()) {
      out.push_back({where, "missing — the key is required; must be "
                              + f.allowed});
      continue;
    }
    // Then the type, masking a secret that would leak in the message.
    if (!has_type(*it, f.type)) {
      out.push_back({where, shown(*it, f.secret) + " — must be " + f.allowed
                              + ", not " + type_phrase(*it)});
      continue;
    }
    // Then the value.
    if (!f.check)
      continue;
    if (auto what = f.check(*it); !what.empty())
      out.push_back({where, shown(*it, f.secret) + " — " + what
                              + "; must be " + f.allowed});
  }
}

void check_object(const json& obj, const std::string& path,
                  std::span<const field> fields, problems& out) {
  // Unknown keys first, in the order of the object.
  std::vector<std::string_view> names;
  for (auto& f : fields)
    names.push_back(f.key);
  check_unknown_keys(obj, path, names, "key", out);
  // Then each option.
  check_fields(obj, path, fields, out);
}

field integer_field(std::string_view key, int_range range) {
  auto allowed = "an integer from " + std::to_string(range.min) + " to "
                 + std::to_string(range.max);
  auto check = [range](const json& v) -> std::string {
    // A value beyond int64_t is out of every range.
    auto too_big = v.is_number_unsigned()
                   && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX);
    auto x = too_big ? INT64_MAX : v.get<int64_t>();
    return x < range.min || x > range.max ? "out of range" : "";
  };
  return {key, json_type::integer, std::move(allowed), check};
}

field choice_field(std::string_view key,
                   std::span<const std::string_view> values,
                   std::string_view what) {
  auto check = [values, what](const json& v) -> std::string {
    auto& s = v.get_ref<const std::string&>();
    if (std::find(values.begin(), values.end(), s) != values.end())
      return "";
    return "unknown " + std::string{what};
  };
  return {key, json_type::string, "one of " + join(values), check};
}

} // namespace dbu::cfg
