#pragma once

// Text forms of generated values: uuids, timestamps, dates, phone numbers,
// and filling `{0}`-style patterns from the vocabularies.

#include "generators/random.hpp"

#include <date/date.h>

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace dbu::gen {

/// @returns a random version 4 uuid in canonical text form.
std::string uuid_v4(rng& r);

/// @returns `t` as ISO-8601 text at UTC offset `offset`, e.g.
/// "2024-03-05T09:30:00-05:00".
std::string timestamp(std::chrono::sys_seconds t,
                      std::chrono::seconds offset = {});

/// @returns the instant of ISO-8601 text "YYYY-MM-DDTHH:MM[:SS]" followed
/// by "Z" or an offset "+HH:MM", or nullopt if `text` is not one.
std::optional<std::chrono::sys_seconds> parse_timestamp(std::string_view text);

/// @returns `d` as "YYYY-MM-DD".
std::string iso_date(date::year_month_day d);

/// Writes the possessive of words ending in s as style guides do:
/// "Associates' office", not "Associates's office".
void mend_possessives(std::string& text);

/// Ends a sentence that ends in an abbreviation with its one full stop:
/// "Fox Hollow Plastics Inc.", not "Fox Hollow Plastics Inc..".
void mend_stops(std::string& text);

/// @returns `d` as "YYYY-MM-DD".
inline std::string iso_date(date::sys_days d) {
  return iso_date(date::year_month_day{d});
}

/// @returns "(AAA) 555-01NN" for area code `area` and line `line` 0–99.
std::string phone_number(int area, int line);

/// @returns `pattern` with each `{i}` replaced by `args[i]` (i 0–9).
std::string fill(std::string_view pattern,
                 std::initializer_list<std::string_view> args);

/// Appends `n` as at least `width` decimal digits, zero-padded.
void append_number(std::string& out, int64_t n, int width = 1);

/// @returns `s` with its ASCII letters in lower case.
std::string lowered(std::string_view s);

/// Appends the lower-case letters and digits of `s`, dropping the rest
/// ("O'Brien" → "obrien").
void append_slug(std::string& out, std::string_view s);

} // namespace dbu::gen
