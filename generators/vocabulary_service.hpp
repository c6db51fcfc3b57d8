#pragma once

// The words of service: issues with their parts, skills and lengths, device
// makes with their error codes and serial styles, and product lines.

#include "generators/categories.hpp"

#include <array>
#include <span>
#include <string>
#include <string_view>

namespace dbu::gen::vocab {

using words = std::span<const std::string_view>;

/// The ticket priorities, lowest first, as written to the database.
inline constexpr std::array<std::string_view, 4> priority_names{
  "low", "medium", "high", "urgent"};

/// Which of a make's error codes an issue shows.
enum class code_family : uint8_t { none, jam, hardware, scanner, general };

/// One thing a user sees go wrong: its titles, matching descriptions, and
/// the parts that fix it. Titles fill {0} make and model, {1} location;
/// descriptions {0} make and model, {1} where it stands ("in the library
/// workroom"), {2} serial number, {3} a detail (pages, tray, how long, who).
struct symptom {
  words titles;
  words descriptions;
  /// Parts that fix it, a subset of the issue's; empty for none.
  words parts;
  /// Whether the device must be an mfp or a copier: it scans, or staples
  /// in a finisher, which the fleet's printers have none of.
  bool needs_mfp;
  /// Whether the device shows one of the issue's error codes.
  bool shows_code;
  /// The visit's length in minutes when it differs from the issue's (an
  /// extra paper tray is quicker than a new copier); 0 for the issue's.
  int min_minutes;
  int max_minutes;
  /// The technician's skills when they differ from the issue's (a noisy
  /// drive is mechanical work), the first always needed; empty for the
  /// issue's.
  words skills = {};
};

/// How an issue type looks as a ticket.
struct issue_profile {
  /// Weight of each priority (same order as `priority_names`).
  std::array<double, 4> priority_weights;
  /// Parts the repair may need, the chance it needs any, and at most how
  /// many.
  words parts;
  double parts_chance;
  int max_parts;
  /// Skills of the technician; the first is always needed.
  words skills;
  /// Estimated length of the visit, in minutes.
  int min_minutes;
  int max_minutes;
  /// The error codes the issue shows, and how often it shows one.
  code_family codes;
  double code_chance;
  /// What users see; each ticket draws one.
  std::span<const symptom> symptoms;
  /// Whether someone reports it (a jam) rather than the dealer planning
  /// it (a maintenance visit, an installation).
  bool reported;
};

/// @returns the profile of `t`.
const issue_profile& profile(issue_type t);

/// Sentences naming an error code: {0} the code.
extern const words error_code_sentences;

/// Details a reported problem's description ends with: {0} who reported
/// it, in the service desk's hours.
extern const words ticket_details;

/// The same for a problem sent in after hours, through the portal.
extern const words portal_details;

/// Who reports a problem ("the front desk staff").
extern const words reporters;

/// The counts people give when they tell of a problem: 5, 10, 20 rather
/// than 23.
extern const std::span<const int> told_counts;

/// A device make: its error codes by family and its serial style.
struct make_profile {
  std::string_view make;
  words jam_codes;
  words hardware_codes;
  words scanner_codes;
  words general_codes;
  /// '#' stands for a digit, '@' for a capital letter.
  std::string_view serial_pattern;
  /// Whether its drum and developer come inside the toner cartridge (as
  /// in HP's LaserJets), so that a print-quality repair replaces that.
  bool drum_in_toner = false;
};

/// Every make, as a table.
extern const std::span<const make_profile> makes;

/// @returns the make called `name`, or nullptr.
const make_profile* find_make(std::string_view name);

/// A product line a dealer services.
struct device_model {
  std::string_view make;
  std::string_view model;
  /// "copier", "printer" or "mfp".
  std::string_view device_type;
  bool color;
};

/// Every product line, as a table.
extern const std::span<const device_model> device_models;

/// Where devices stand in an office.
extern const words device_locations;

/// @returns where devices stand at a company of `i`, at least ten places.
words device_locations_of(industry i);

/// @returns whether `model` of `make` scans (an mfp or a copier); unknown
/// models are taken to scan.
bool scans(std::string_view make, std::string_view model);

/// @returns `location` as a phrase within a sentence: "in the library
/// workroom", "at the front desk".
std::string place_phrase(std::string_view location);

} // namespace dbu::gen::vocab
