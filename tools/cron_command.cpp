#include "tools/commands.hpp"

#include "cron/instant.hpp"
#include "cron/schedule.hpp"
#include "messages/ec.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace dbu::tools {

namespace {

/// The arguments of `db-updater cron`.
struct cron_options {
  /// The expression, as one word or as one word per field.
  std::vector<std::string> words;
  std::string zone = "UTC";
  std::string after;
  int count = 5;
};

/// Prints the next fires; @returns the exit status.
int print_fires(const cron_options& options) {
  // Compile the expression, joining words given separately.
  std::string text;
  for (const auto& word : options.words) {
    if (!text.empty()) text += ' ';
    text += word;
  }
  auto schedule = cron::parse(text);
  if (!schedule) {
    std::cerr << "db-updater cron: " << render(schedule.error()) << '\n';
    return 2;
  }
  // Look up the zone and the instant to start after.
  auto zone = cron::find_zone(options.zone);
  if (!zone) {
    std::cerr << "db-updater cron: " << render(zone.error()) << '\n';
    return 2;
  }
  auto after = std::chrono::system_clock::now();
  if (!options.after.empty()) {
    auto parsed = cron::parse_instant(options.after);
    if (!parsed) {
      std::cerr << "db-updater cron: " << render(parsed.error()) << '\n';
      return 2;
    }
    after = *parsed;
  }
  // Print each fire on the zone's wall clock, each after the one before.
  for (int i = 0; i < options.count; ++i) {
    auto fire = cron::next_fire(*schedule, *zone, after);
    std::cout << cron::format_instant(fire, *zone) << '\n';
    // One past the clock's years cannot be the start of the next search.
    auto next = cron::to_clock(fire);
    if (!next) {
      if (i + 1 < options.count)
        std::cerr << "db-updater cron: fires after this one lie beyond the "
                     "years the clock holds (1678 to 2261)\n";
      break;
    }
    after = *next;
  }
  std::cout.flush();
  return 0;
}

} // namespace

void add_cron_command(CLI::App& app, int& status) {
  // The options outlive this function: the callback owns them.
  auto options = std::make_shared<cron_options>();
  // Declare the expression, the options and the help footer.
  auto* cmd = app.add_subcommand(
      "cron", "print the next fire times of a CRON expression");
  cmd->add_option("EXPR", options->words,
                  "5 fields (min hour dom mon dow), 6 fields (seconds "
                  "first) or a macro such as @daily; quote it or give one "
                  "word per field")
      ->required();
  cmd->add_option("--tz", options->zone, "IANA time zone of the wall clock")
      ->capture_default_str();
  cmd->add_option("--after", options->after,
                  "ISO-8601 instant with offset to start after "
                  "(default: now)");
  cmd->add_option("--count", options->count, "how many fire times to print")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->footer("Prints each fire time as ISO-8601 with its UTC offset, one per "
              "line.\n\n"
              "Example:\n"
              "  db-updater cron '0 0 9-17/2 * * 1-5' --tz Europe/Berlin \\\n"
              "    --after 2024-03-29T12:00:00Z --count 3\n"
              "  2024-03-29T15:00:00+01:00\n"
              "  2024-03-29T17:00:00+01:00\n"
              "  2024-04-01T09:00:00+02:00");
  // Run when the subcommand was given.
  cmd->callback([options, &status] { status = print_fires(*options); });
}

} // namespace dbu::tools
