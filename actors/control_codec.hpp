#pragma once

// The wire format of the control protocol (DESIGN.md, "Control protocol
// (version 1)"): request checks, reply envelopes and the JSON of results.

#include "messages/ec.hpp"
#include "messages/messages.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dbu::control_wire {

/// Requests larger than this are refused with `too_large`.
constexpr size_t max_request_bytes = 1 << 20;

/// Arrays and objects may nest this deep in a request.
constexpr int max_depth = 64;

/// An error as the protocol spells it.
struct wire_error {
  std::string code;
  std::string message;
};

/// Checks and parses one request body (of any size: the socket bounds the
/// frame), never recursing however deep it nests.
/// @returns the request object (with a string `command`), or the error to
/// reply; `id` receives the request's id whenever the body is a JSON
/// object with one, also when the request is refused.
std::optional<wire_error> decode(std::string_view body, nlohmann::json& out,
                                 nlohmann::json& id);

/// @returns whether a read key may send `command`.
bool read_only(const std::string& command);

/// @returns the protocol code of `code`.
std::string code_name(ec code);

/// @returns the text of a success reply.
std::string ok_reply(const nlohmann::json& id, nlohmann::json result);

/// @returns the text of an error reply.
std::string error_reply(const nlohmann::json& id, const wire_error& err);

/// @returns the instant `t` in ISO-8601 with the offset of `zone` (an IANA
/// name; UTC when unknown), or null for the epoch.
nlohmann::json instant(caf::timestamp t, const std::string& zone);

/// @returns the JSON of a run, its times with the offset of `zone` (the
/// job's time zone, which it names too).
nlohmann::json to_json(const run_result& res, const std::string& zone);

/// @returns the JSON of a job for `status`.
nlohmann::json to_json(const job_info& job);

/// Reads an optional string argument.
/// @returns an error naming the field when it has another type.
std::optional<wire_error> string_arg(const nlohmann::json& args,
                                     const char* key, std::string& out);

/// Reads an optional Boolean argument.
std::optional<wire_error> bool_arg(const nlohmann::json& args,
                                   const char* key, bool& out);

/// Reads an optional non-negative integer argument no larger than `max`.
std::optional<wire_error> uint_arg(const nlohmann::json& args,
                                   const char* key, uint64_t max,
                                   uint64_t& out);

} // namespace dbu::control_wire
