#include "config/config.hpp"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace dbu {

namespace {

using nlohmann::json;

// @returns the 1-based line and column of byte `offset` of `text`.
std::pair<size_t, size_t> line_and_column(std::string_view text,
                                          size_t offset) {
  // Count the lines before the offset, then the bytes since the last one.
  offset = std::min(offset, text.size());
  auto before = text.substr(0, offset);
  auto line = std::count(before.begin(), before.end(), '\n') + 1;
  auto last_newline = before.rfind('\n');
  auto column = last_newline == std::string_view::npos
                  ? offset + 1
                  : offset - last_newline;
  return {static_cast<size_t>(line), column};
}

// @returns the reason of a parse error without nlohmann's own prefix.
std::string parse_reason(const json::parse_error& e) {
  // The message reads "[json.exception...] parse error at line L, column C:
  // REASON"; keep REASON.
  std::string_view what = e.what();
  auto column = what.find("column ");
  auto colon = what.find(": ", column == what.npos ? 0 : column);
  return std::string{colon == what.npos ? what : what.substr(colon + 2)};
}

// @returns the error of a file that is not valid JSON, placing it by line
// and column of the byte where parsing stopped.
caf::error syntax_error(const std::string& path, const std::string& text,
                        const json::parse_error& e) {
  // The parser counts bytes from 1 and reads one past the end of a
  // truncated file.
  auto offset = e.byte > 0 ? e.byte - 1 : 0;
  auto [line, column] = line_and_column(text, offset);
  return make_error(ec::invalid_config,
                    path + ": not valid JSON at line " + std::to_string(line)
                      + ", column " + std::to_string(column) + ": "
                      + parse_reason(e));
}

} // namespace

int json_nesting(std::string_view text) {
  // Brackets count outside strings only; a backslash in a string hides
  // the character after it.
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

caf::expected<json> read_config_file(const std::string& path) {
  // Read the whole file, naming it and the reason when that fails.
  std::error_code fs_error;
  if (std::filesystem::is_directory(path, fs_error))
    return make_error(ec::io_error, "cannot read configuration file " + path
                                      + ": it is a directory");
  errno = 0;
  std::ifstream in{path, std::ios::binary};
  std::string text{std::istreambuf_iterator<char>{in}, {}};
  if (!in.is_open() || in.bad()) {
    auto reason = errno != 0 ? std::generic_category().message(errno)
                             : std::string{"cannot open it"};
    return make_error(ec::io_error,
                      "cannot read configuration file " + path + ": "
                        + reason);
  }
  // Parse it, placing a syntax error by line and column; nesting deeper
  // than any configuration needs is never built.
  constexpr int max_depth = 64;
  bool too_deep = false;
  auto keep = [&too_deep](int depth, json::parse_event_t event, json&) {
    auto opens = event == json::parse_event_t::object_start
                 || event == json::parse_event_t::array_start;
    too_deep |= opens && depth >= max_depth;
    return !(opens && depth >= max_depth);
  };
  // Most files are shallow: with a callback nlohmann's parser walks an
  // object's members after each member that is an object, quadratic in
  // the number of tenants, so the callback runs only where it must.
  json result;
  try {
    result = json_nesting(text) <= max_depth ? json::parse(text)
                                             : json::parse(text, keep);
  } catch (const json::parse_error& e) {
    return syntax_error(path, text, e);
  } catch (const json::exception& e) {
    // A number beyond a double, such as 1e400; nlohmann's tag left out.
    std::string_view what{e.what()};
    what.remove_prefix(std::min(what.size(), what.find("] ") + 2));
    return make_error(ec::invalid_config,
                      path + ": not a configuration: " + std::string{what});
  }
  if (too_deep)
    return make_error(ec::invalid_config,
                      path + ": arrays and objects nest deeper than "
                        + std::to_string(max_depth)
                        + " levels; no option does");
  // The file holds one object of options.
  if (!result.is_object())
    return make_error(ec::invalid_config,
                      path + ": the configuration must be a JSON object, not "
                        + std::string{result.type_name()});
  return result;
}

} // namespace dbu
