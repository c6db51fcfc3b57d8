#include "config/config.hpp"
#include "config/schema.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>

// Reading and masking PostgreSQL connection strings, in both of libpq's
// forms: `postgresql://user:password@host:port/db?key=value` and
// `host=... password=... dbname=...`.

namespace dbu {

namespace {

// The replacement of a password.
constexpr std::string_view mask = "***";

// The keyword of a password, in both forms.
constexpr std::string_view password_key = "password";

// @returns whether `c` separates pairs of the key=value form.
bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// @returns the end of the value that starts at `pos`: a quoted value ends
// after its closing quote, any other at the first blank; a backslash
// escapes the next character. @returns npos for an unclosed quote.
size_t value_end(std::string_view text, size_t pos) {
  // An unquoted value runs to the next blank.
  bool quoted = pos < text.size() && text[pos] == '\'';
  if (quoted)
    ++pos;
  // Walk the value, stepping over escaped characters.
  for (; pos < text.size(); ++pos) {
    if (text[pos] == '\\')
      ++pos;
    else if (quoted && text[pos] == '\'')
      return pos + 1;
    else if (!quoted && is_space(text[pos]))
      return pos;
  }
  return quoted ? std::string_view::npos : text.size();
}

// @returns the first position from `pos` that is not a blank.
size_t skip_blanks(std::string_view text, size_t pos) {
  while (pos < text.size() && is_space(text[pos]))
    ++pos;
  return pos;
}

// @returns where the value of a `password =` at `pos` begins, or npos.
size_t password_value(std::string_view text, size_t pos) {
  // The keyword, then an equals sign with optional blanks around it.
  if (text.substr(pos, password_key.size()) != password_key)
    return std::string_view::npos;
  pos = skip_blanks(text, pos + password_key.size());
  if (pos == text.size() || text[pos] != '=')
    return std::string_view::npos;
  return skip_blanks(text, pos + 1);
}

// @returns `text` with every `password=` value of the key=value form
// masked, also when the rest of the text does not parse.
std::string mask_keywords(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    // Copy a character unless a password keyword starts a word here.
    auto word = pos == 0 || is_space(text[pos - 1]);
    auto begin = word ? password_value(text, pos) : std::string_view::npos;
    if (begin == std::string_view::npos) {
      out += text[pos++];
      continue;
    }
    // Keep the keyword, mask its value, quoted or not.
    out += text.substr(pos, begin - pos);
    out += mask;
    pos = std::min(value_end(text, begin), text.size());
  }
  return out;
}

// @returns whether `text` starts with a URL scheme and `://`.
bool is_url(std::string_view text) {
  // A scheme is a letter followed by letters, digits, `+`, `-` and `.`.
  auto end = text.find("://");
  if (end == std::string_view::npos || end == 0
      || std::isalpha(static_cast<unsigned char>(text[0])) == 0)
    return false;
  return std::all_of(text.begin(), text.begin() + end, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+'
           || c == '-' || c == '.';
  });
}

// @returns a URL with the password of its user info and of its
// `password` query parameter masked.
std::string mask_uri(std::string_view url) {
  // The user info ends at the last `@`: a password may hold a bare `/` or
  // `?` that would end it sooner.
  std::string out{url};
  auto start = out.find("://") + 3;
  auto head = out.substr(start);
  auto at = head.rfind('@');
  auto colon = head.find(':');
  if (at != std::string::npos && colon < at && colon + 1 < at)
    out.replace(start + colon + 1, at - colon - 1, mask);
  // Each `password=` parameter of the query.
  auto query = out.find('?', start);
  for (auto pos = query; pos != std::string::npos;
       pos = out.find('&', pos + 1)) {
    if (out.compare(pos + 1, password_key.size() + 1, "password=") != 0)
      continue;
    auto begin = pos + 1 + password_key.size() + 1;
    auto end = out.find('&', begin);
    out.replace(begin, (end == std::string::npos ? out.size() : end) - begin,
                mask);
  }
  return out;
}

} // namespace

namespace cfg {

bool is_database_url(std::string_view url) {
  for (auto scheme : database_schemes)
    if (url.starts_with(scheme))
      return true;
  return false;
}

std::string libpq_problem(const std::string& text) {
  // An `@` in the user info reads as the end of it, and the rest of the
  // password as a host name that libpq then quotes in its errors.
  if (is_url(text)) {
    auto start = text.find("://") + 3;
    auto end = text.find_first_of("/?", start);
    auto authority = text.substr(
      start, end == std::string::npos ? std::string::npos : end - start);
    if (std::count(authority.begin(), authority.end(), '@') > 1)
      return "its user or password holds an '@'; write it as %40";
    if (end != std::string::npos && text.find('@', end) != std::string::npos)
      return "its user or password holds a '/' or '?'; write them as %2F "
             "and %3F";
  }
  // libpq's own reading; its words up to where they quote the text.
  char* err = nullptr;
  auto* options = PQconninfoParse(text.c_str(), &err);
  if (options) {
    PQconninfoFree(options);
    return "";
  }
  std::string why = err ? err : "libpq cannot read it";
  PQfreemem(err);
  why = why.substr(0, why.find(": \""));
  while (!why.empty() && is_space(why.back()))
    why.pop_back();
  return why;
}

std::optional<std::vector<conninfo_pair>>
parse_conninfo(std::string_view text) {
  // Read pair after pair up to the end.
  std::vector<conninfo_pair> pairs;
  for (auto pos = skip_blanks(text, 0); pos < text.size();
       pos = skip_blanks(text, pos)) {
    // A key of letters, digits and underscores.
    auto key_begin = pos;
    while (pos < text.size()
           && (std::isalnum(static_cast<unsigned char>(text[pos])) != 0
               || text[pos] == '_'))
      ++pos;
    if (pos == key_begin)
      return std::nullopt;
    auto key = text.substr(key_begin, pos - key_begin);
    // An equals sign, blanks allowed around it.
    pos = skip_blanks(text, pos);
    if (pos == text.size() || text[pos] != '=')
      return std::nullopt;
    pos = skip_blanks(text, pos + 1);
    // The value, which may be empty only when quoted.
    auto end = value_end(text, pos);
    if (end == std::string_view::npos || end == pos)
      return std::nullopt;
    pairs.push_back({key, pos, end});
    pos = end;
  }
  if (pairs.empty())
    return std::nullopt;
  return pairs;
}

} // namespace cfg

std::string masked_url(std::string_view url) {
  // The URL form, of any scheme, keeps its password in the user info or
  // the query.
  if (is_url(url))
    return mask_uri(url);
  // The key=value form has a password keyword.
  return mask_keywords(url);
}

nlohmann::json masked(const config& c) {
  // Only the database URL holds a secret.
  auto json = c.json;
  auto db = json.find("database");
  if (db == json.end() || !db->is_object())
    return json;
  auto url = db->find("url");
  if (url != db->end() && url->is_string())
    *url = masked_url(url->get<std::string>());
  return json;
}

} // namespace dbu
