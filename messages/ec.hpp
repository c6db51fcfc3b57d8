#pragma once

#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <caf/make_message.hpp>

#include <string>
#include <utility>

namespace dbu {

/// The error codes of db-updater. Each maps to the snake_case code of the
/// control protocol (see `to_string`).
enum class ec : uint8_t {
  /// Not an error.
  none = 0,
  /// A CRON expression that does not parse or can never fire.
  invalid_cron,
  /// A configuration that does not validate.
  invalid_config,
  /// An unknown IANA time zone.
  unknown_timezone,
  /// An updater name that no updater has.
  unknown_updater,
  /// A tenant id that the configuration does not have.
  unknown_tenant,
  /// PostgreSQL cannot be reached or dropped the connection.
  db_unavailable,
  /// PostgreSQL refused a statement (constraint, permission, syntax).
  db_error,
  /// The scheduled fire was already written, by this or another instance.
  duplicate_fire,
  /// The execution queue is full.
  busy,
  /// An operation did not finish in time.
  timeout,
  /// A malformed request or argument.
  bad_request,
  /// A failed system call or file operation.
  io_error,
  /// Something that should not happen.
  internal,
};

/// @returns the snake_case name of `x`.
const char* to_string(ec x);

/// The category atom of `ec` errors.
constexpr caf::atom_value ec_category = caf::atom("dbu");

/// Creates an error with a human-readable message.
caf::error make_error(ec code, std::string message);

/// Creates an error without a message.
caf::error make_error(ec code);

/// @returns the message of an error made by `make_error`, or CAF's rendering
/// for other errors.
std::string render(const caf::error& err);

/// @returns the `ec` of `err`, or `ec::internal` for errors of other
/// categories.
ec code_of(const caf::error& err);

} // namespace dbu
