#include "messages/ec.hpp"

namespace dbu {

const char* to_string(ec x) {
  switch (x) {
    case ec::none:
      return "none";
    case ec::invalid_cron:
      return "invalid_cron";
    case ec::invalid_config:
      return "invalid_config";
    case ec::unknown_timezone:
      return "unknown_timezone";
    case ec::unknown_updater:
      return "unknown_updater";
    case ec::unknown_tenant:
      return "unknown_tenant";
    case ec::db_unavailable:
      return "db_unavailable";
    case ec::db_error:
      return "db_error";
    case ec::duplicate_fire:
      return "duplicate_fire";
    case ec::busy:
      return "busy";
    case ec::timeout:
      return "timeout";
    case ec::bad_request:
      return "bad_request";
    case ec::io_error:
      return "io_error";
    case ec::internal:
      return "internal";
  }
  return "internal";
}

caf::error make_error(ec code, std::string message) {
  return caf::error{static_cast<uint8_t>(code), ec_category,
                    caf::make_message(std::move(message))};
}

caf::error make_error(ec code) {
  return caf::error{static_cast<uint8_t>(code), ec_category};
}

std::string render(const caf::error& err) {
  if (!err)
    return "no error";
  // Our own errors carry their sentence as the only context element.
  if (err.category() == ec_category) {
    auto& ctx = err.context();
    if (ctx.match_elements<std::string>())
      return ctx.get_as<std::string>(0);
    return to_string(static_cast<ec>(err.code()));
  }
  return caf::to_string(err);
}

ec code_of(const caf::error& err) {
  if (!err)
    return ec::none;
  if (err.category() != ec_category)
    return ec::internal;
  return static_cast<ec>(err.code());
}

} // namespace dbu
