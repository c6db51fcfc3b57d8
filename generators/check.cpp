#include "generators/check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace dbu::gen::check {

namespace {

// Appends one problem.
void add(problems& out, const std::string& path, std::string message) {
  out.push_back(problem{path, std::move(message)});
}

// @returns `x` in the shortest form that reads well, e.g. "0.9".
std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

} // namespace

std::string show(const nlohmann::json& j) {
  // Keep messages readable even for a huge value.
  auto text = j.dump();
  if (text.size() > 60)
    text = text.substr(0, 57) + "...";
  return text;
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

bool object(const nlohmann::json& j, const std::string& path,
            std::initializer_list<std::string_view> known, problems& out) {
  // Anything but an object ends the check here.
  std::span<const std::string_view> names{known.begin(), known.size()};
  if (!j.is_object()) {
    add(out, path, show(j) + " — must be an object with keys " + join(names));
    return false;
  }
  // A typo in a key must not pass silently.
  for (auto& [key, value] : j.items())
    if (std::find(known.begin(), known.end(), key) == known.end())
      add(out, path + "/" + key,
          "\"" + key + "\" — unknown key; allowed keys: " + join(names));
  // Every key is needed: the defaults provide them all.
  for (auto name : known)
    if (!j.contains(name))
      add(out, path + "/" + std::string{name},
          "missing — the key is required");
  return true;
}

std::optional<std::pair<int64_t, int64_t>>
range(const nlohmann::json& j, const std::string& path, int64_t lo,
      int64_t hi, problems& out) {
  // Check the shape, then each bound alone.
  if (!object(j, path, {"min", "max"}, out))
    return std::nullopt;
  auto bounds = std::to_string(lo) + " to " + std::to_string(hi);
  bool ok = true;
  int64_t values[2] = {0, 0};
  const char* keys[2] = {"min", "max"};
  for (int i = 0; i < 2; ++i) {
    if (!j.contains(keys[i])) {
      ok = false;
      continue;
    }
    auto& v = j[keys[i]];
    auto where = path + "/" + keys[i];
    if (!v.is_number_integer()) {
      add(out, where, show(v) + " — must be a whole number from " + bounds);
      ok = false;
      continue;
    }
    values[i] = v.is_number_unsigned() && v.get<uint64_t>() > INT64_MAX
                  ? INT64_MAX
                  : v.get<int64_t>();
    if (values[i] < lo || values[i] > hi) {
      add(out, where, show(v) + " — must be from " + bounds);
      ok = false;
    }
  }
  // Then the bounds against each other.
  if (ok && values[0] > values[1]) {
    add(out, path + "/min",
        std::to_string(values[0]) + " — min must not exceed max ("
          + std::to_string(values[1]) + ")");
    ok = false;
  }
  if (!ok)
    return std::nullopt;
  return std::pair{values[0], values[1]};
}

void distribution(const nlohmann::json& j, const std::string& path,
                  std::span<const std::string_view> names,
                  std::string_view what, problems& out) {
  // The distribution is an object keyed by category.
  if (!j.is_object()) {
    add(out, path,
        show(j) + " — must be an object of weights over " + join(names));
    return;
  }
  // Each key is a known category with a non-negative weight.
  double sum = 0;
  bool ok = true;
  for (auto& [key, value] : j.items()) {
    auto where = path + "/" + key;
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      add(out, where,
          "\"" + key + "\" — unknown " + std::string{what}
            + "; allowed: " + join(names));
      ok = false;
    } else if (!value.is_number()) {
      add(out, where, show(value) + " — a weight must be a number");
      ok = false;
    } else if (!std::isfinite(value.get<double>())
               || value.get<double>() < 0) {
      add(out, where, show(value) + " — a weight must not be negative");
      ok = false;
    } else {
      sum += value.get<double>();
    }
  }
  // The weights are shares of the whole.
  if (ok && std::fabs(sum - 1.0) > 1e-6) {
    auto total = number(sum);
    std::string message{"\""};
    message.append(total).append("\" — the weights sum to ").append(total);
    message.append("; they must sum to 1");
    add(out, path, std::move(message));
  }
}

void boolean(const nlohmann::json& j, const std::string& path,
             problems& out) {
  // Only true and false; no 0/1 or "yes".
  if (!j.is_boolean())
    add(out, path, show(j) + " — must be true or false");
}

std::optional<int> clock_time(const nlohmann::json& j, const std::string& path,
                              bool allow_24, problems& out) {
  // Expect exactly two digits, a colon and two digits.
  auto allowed = std::string{" — must be a time \"HH:MM\" from 00:00 to "}
                 + (allow_24 ? "24:00" : "23:59");
  if (!j.is_string()) {
    add(out, path, show(j) + allowed);
    return std::nullopt;
  }
  auto& s = j.get_ref<const std::string&>();
  auto digit = [&](size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  if (s.size() != 5 || s[2] != ':' || !digit(0) || !digit(1) || !digit(3)
      || !digit(4)) {
    add(out, path, show(j) + allowed);
    return std::nullopt;
  }
  // Then check the clock's limits.
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  bool midnight = allow_24 && h == 24 && m == 0;
  if (!midnight && (h > 23 || m > 59)) {
    add(out, path, show(j) + allowed);
    return std::nullopt;
  }
  return h * 60 + m;
}

void weekdays(const nlohmann::json& j, const std::string& path,
              problems& out) {
  // A non-empty array.
  auto allowed
    = " — must be a list of weekdays from 1 (Monday) to 7 (Sunday)";
  if (!j.is_array() || j.empty()) {
    add(out, path, show(j) + allowed);
    return;
  }
  // Of distinct days 1 to 7.
  bool seen[8] = {};
  for (size_t i = 0; i < j.size(); ++i) {
    auto& d = j[i];
    auto where = path + "/" + std::to_string(i);
    if (!d.is_number_integer() || d.get<int64_t>() < 1
        || d.get<int64_t>() > 7) {
      add(out, where, show(d) + allowed);
    } else if (seen[d.get<int64_t>()]) {
      add(out, where, show(d) + " — the day is listed twice");
    } else {
      seen[d.get<int64_t>()] = true;
    }
  }
}

int parse_clock_time(const nlohmann::json& j, int fallback) {
  // Reuse the check, dropping its problems.
  problems ignored;
  return clock_time(j, "", true, ignored).value_or(fallback);
}

} // namespace dbu::gen::check
