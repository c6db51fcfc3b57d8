#include "generators/text.hpp"

#include <cctype>
#include <cstring>

namespace dbu::gen {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

// What each byte becomes in a slug: a lower-case letter or digit, or 0 to
// drop it.
struct slug_map {
  char map[256] = {};
  constexpr slug_map() {
    for (int c = '0'; c <= '9'; ++c)
      map[c] = char(c);
    for (int c = 'a'; c <= 'z'; ++c)
      map[c] = char(c);
    for (int c = 'A'; c <= 'Z'; ++c)
      map[c] = char(c - 'A' + 'a');
  }
};

constexpr slug_map slug_chars;

// Writes `n` as exactly `width` digits ending just before `end`.
void write_digits(char* end, int64_t n, int width) {
  for (int i = 0; i < width; ++i, n /= 10)
    *--end = char('0' + n % 10);
}

} // namespace

std::string uuid_v4(rng& r) {
  // 128 random bits with the version and variant bits forced.
  uint64_t hi = r.next();
  uint64_t lo = r.next();
  hi = (hi & ~0xf000ull) | 0x4000ull;
  lo = (lo & ~(0xcull << 60)) | (0x8ull << 60);
  // Two hex digits a byte, then the dashes after digits 8, 12, 16, 20.
  char hex[32];
  for (int i = 0; i < 8; ++i) {
    auto hb = (hi >> (56 - 8 * i)) & 0xff;
    auto lb = (lo >> (56 - 8 * i)) & 0xff;
    hex[2 * i] = hex_digits[hb >> 4];
    hex[2 * i + 1] = hex_digits[hb & 0xf];
    hex[16 + 2 * i] = hex_digits[lb >> 4];
    hex[16 + 2 * i + 1] = hex_digits[lb & 0xf];
  }
  std::string s(36, '-');
  std::memcpy(s.data(), hex, 8);
  std::memcpy(s.data() + 9, hex + 8, 4);
  std::memcpy(s.data() + 14, hex + 12, 4);
  std::memcpy(s.data() + 19, hex + 16, 4);
  std::memcpy(s.data() + 24, hex + 20, 12);
  return s;
}

std::string timestamp(std::chrono::sys_seconds t,
                      std::chrono::seconds offset) {
  // Split the local wall time into its date and time of day.
  auto local = t + offset;
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  auto secs = (local - day).count();
  // "YYYY-MM-DDTHH:MM:SS+HH:MM", written in place.
  std::string s = "0000-00-00T00:00:00+00:00";
  write_digits(s.data() + 4, int(ymd.year()), 4);
  write_digits(s.data() + 7, unsigned(ymd.month()), 2);
  write_digits(s.data() + 10, unsigned(ymd.day()), 2);
  write_digits(s.data() + 13, secs / 3600, 2);
  write_digits(s.data() + 16, secs / 60 % 60, 2);
  write_digits(s.data() + 19, secs % 60, 2);
  auto off = offset.count();
  s[19] = off < 0 ? '-' : '+';
  off = off < 0 ? -off : off;
  write_digits(s.data() + 22, off / 3600, 2);
  write_digits(s.data() + 25, off / 60 % 60, 2);
  return s;
}

std::optional<std::chrono::sys_seconds>
parse_timestamp(std::string_view text) {
  // Reads `n` digits at `pos`, or -1.
  auto digits = [&](size_t pos, size_t n) {
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (i >= text.size() || text[i] < '0' || text[i] > '9')
        return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  auto at = [&](size_t pos, char c) {
    return pos < text.size() && text[pos] == c;
  };
  // The date and the time of day.
  int y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2);
  int h = digits(11, 2), mi = digits(14, 2), s = 0;
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || !at(4, '-')
      || !at(7, '-') || !(at(10, 'T') || at(10, ' ')) || !at(13, ':'))
    return std::nullopt;
  size_t pos = 16;
  if (at(pos, ':')) {
    if ((s = digits(pos + 1, 2)) < 0)
      return std::nullopt;
    pos += 3;
  }
  date::year_month_day ymd{date::year{y}, date::month(unsigned(mo)),
                           date::day(unsigned(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 59)
    return std::nullopt;
  // The offset: "Z" or "+HH:MM".
  int offset = 0;
  if (at(pos, 'Z') && pos + 1 == text.size()) {
    offset = 0;
  } else if ((at(pos, '+') || at(pos, '-')) && at(pos + 3, ':')
             && pos + 6 == text.size()) {
    int oh = digits(pos + 1, 2), om = digits(pos + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59)
      return std::nullopt;
    offset = (oh * 60 + om) * (at(pos, '-') ? -1 : 1);
  } else {
    return std::nullopt;
  }
  auto local = date::sys_days{ymd} + std::chrono::hours{h}
               + std::chrono::minutes{mi - offset} + std::chrono::seconds{s};
  return std::chrono::sys_seconds{local};
}

std::string iso_date(date::year_month_day d) {
  std::string s = "0000-00-00";
  write_digits(s.data() + 4, int(d.year()), 4);
  write_digits(s.data() + 7, unsigned(d.month()), 2);
  write_digits(s.data() + 10, unsigned(d.day()), 2);
  return s;
}

std::string phone_number(int area, int line) {
  std::string s = "(000) 555-0100";
  write_digits(s.data() + 4, area, 3);
  write_digits(s.data() + 14, line % 100, 2);
  return s;
}

std::string fill(std::string_view pattern,
                 std::initializer_list<std::string_view> args) {
  // Room for the pattern and each argument once: usually exact.
  size_t length = pattern.size();
  for (auto a : args)
    length += a.size();
  std::string out;
  out.reserve(length);
  // Copy the runs between placeholders, and the arguments for them.
  size_t done = 0;
  for (auto i = pattern.find('{'); i != pattern.npos;
       i = pattern.find('{', i + 1)) {
    if (i + 2 >= pattern.size() || pattern[i + 2] != '}')
      continue;
    auto k = size_t(pattern[i + 1] - '0');
    if (k >= args.size())
      continue;
    out.append(pattern.substr(done, i - done)).append(args.begin()[k]);
    done = i + 3;
  }
  out.append(pattern.substr(done));
  return out;
}

void append_number(std::string& out, int64_t n, int width) {
  // Digits into a small buffer, then padded into `out`.
  char buf[24];
  char* end = buf + sizeof buf;
  char* p = end;
  bool negative = n < 0;
  uint64_t u = negative ? 0 - uint64_t(n) : uint64_t(n);
  do {
    *--p = char('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (negative)
    out.push_back('-');
  for (int pad = width - int(end - p); pad > 0; --pad)
    out.push_back('0');
  out.append(p, end);
}

std::string lowered(std::string_view s) {
  std::string out{s};
  for (auto& c : out)
    c = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

void append_slug(std::string& out, std::string_view s) {
  // Lower-case into a buffer, then append the buffer in one go.
  char buf[64];
  size_t n = 0;
  for (char c : s) {
    auto kept = slug_chars.map[static_cast<unsigned char>(c)];
    buf[n] = kept;
    n += kept != 0;
    if (n == sizeof buf) {
      out.append(buf, n);
      n = 0;
    }
  }
  out.append(buf, n);
}

void mend_possessives(std::string& text) {
  // "s's" that ends a word loses its second s.
  for (auto at = text.find("s's"); at != std::string::npos;
       at = text.find("s's", at + 2)) {
    auto after = at + 3;
    auto letter = after < text.size()
                  && std::isalpha(static_cast<unsigned char>(text[after]));
    if (!letter)
      text.erase(at + 2, 1);
  }
}

void mend_stops(std::string& text) {
  // The sentence's stop after the abbreviation's goes.
  for (auto at = text.find(".."); at != std::string::npos;
       at = text.find("..", at))
    text.erase(at + 1, 1);
}

} // namespace dbu::gen
