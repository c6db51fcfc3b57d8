#pragma once

// The `equipment_meter_readings` updater: the monthly page counts a copier
// dealer bills from. Everything it needs lives in meter_readings.cpp; the
// line that makes it known is its entry in `updater_kinds()`.

#include "generators/updater.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dbu::gen {

/// @returns the kind `equipment_meter_readings`.
updater_kind meter_readings_kind();

/// A device's two meters.
struct page_counts {
  int64_t black = 0;
  /// Colour pages; zero for a monochrome device.
  int64_t color = 0;
};

/// A device's latest reading, as the facts of a run carry it.
struct meter_reading {
  page_counts pages;
  std::chrono::sys_seconds at;
};

/// @returns the pages `device` printed from `from` to `to`: each calendar
/// month brings a volume that depends on the device and the month alone,
/// never on a run's seed, so readings of different runs agree.
page_counts pages_between(const equipment_ref& device,
                          std::chrono::sys_seconds from,
                          std::chrono::sys_seconds to);

/// @returns the meters of `device` at `t`, counted from its installation
/// (the few pages printed at the factory and at the install first).
page_counts meters_at(const equipment_ref& device, std::chrono::sys_seconds t);

/// @returns the pages a month that `model` prints at an average office:
/// its rated speed times a typical duty.
int64_t nominal_monthly_pages(std::string_view model);

/// @returns whether the speed of `model` is known (else a mid-range one is
/// assumed).
bool known_model(std::string_view model);

/// @returns the fact text of a reading, "BLACK COLOR EPOCH-SECONDS".
std::string reading_fact(const meter_reading& r);

/// @returns the reading of a fact text, if it reads as one.
std::optional<meter_reading> parse_reading_fact(std::string_view text);

} // namespace dbu::gen
