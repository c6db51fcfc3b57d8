#include "actors/control_codec.hpp"

#include "config/config.hpp"
#include "cron/instant.hpp"
#include "cron/schedule.hpp"

#include <chrono>

namespace dbu::control_wire {

namespace {

using nlohmann::json;

// @returns `body` parsed, with the arrays and objects nested deeper than
// `max_depth` left out (`too_deep` tells); discarded when it is no JSON.
json bounded_parse(std::string_view body, bool& too_deep) {
  // A shallow body parses without the callback, which costs time
  // quadratic in the members of an object (config.set of many tenants).
  if (json_nesting(body) <= max_depth)
    return json::parse(body.begin(), body.end(), nullptr, false);
  // The parser keeps its own stack, so no depth of text makes it recurse;
  // what it leaves out is never built.
  auto keep = [&too_deep](int depth, json::parse_event_t event, json&) {
    auto opens = event == json::parse_event_t::object_start
                 || event == json::parse_event_t::array_start;
    if (opens && depth >= max_depth) {
      too_deep = true;
      return false;
    }
    return true;
  };
  return json::parse(body.begin(), body.end(), keep, false);
}

// The longest reason given for text that is no JSON.
constexpr size_t max_reason_bytes = 200;

// Reads JSON text building nothing, to say where and why it does not parse.
struct syntax_check : nlohmann::json_sax<json> {
  std::string why;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }

  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    // The parser's words without its "[json.exception...] " tag.
    why = ex.what();
    if (auto tag = why.find("] "); why.rfind("[json.", 0) == 0
                                   && tag != std::string::npos)
      why.erase(0, tag + 2);
    // What it last read may be most of the request.
    if (why.size() > max_reason_bytes)
      why.replace(max_reason_bytes - 3, why.npos, "...");
    return false;
  }
};

// @returns why `body` is no JSON, as the parser puts it.
std::string syntax_error(std::string_view body) {
  syntax_check check;
  json::sax_parse(body.begin(), body.end(), &check);
  return check.why;
}

// @returns the id of a parsed request, or null when it has none that can
// be echoed (a structured id may hold what the parser left out).
json id_of(const json& parsed, bool too_deep) {
  if (!parsed.is_object())
    return nullptr;
  auto i = parsed.find("id");
  if (i == parsed.end() || i->is_discarded()
      || (too_deep && i->is_structured()))
    return nullptr;
  return *i;
}

std::string dump(const json& j) {
  // Invalid UTF-8 from a request never reaches a reply unescaped.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace

std::optional<wire_error> decode(std::string_view body, json& out,
                                 json& id) {
  // Parse first, bounded in depth, so that every refusal can echo the id.
  bool too_deep = false;
  auto parsed = body.empty() ? json(json::value_t::discarded)
                             : bounded_parse(body, too_deep);
  id = id_of(parsed, too_deep);
  if (body.size() > max_request_bytes)
    return wire_error{"too_large", "The request has " + std::to_string(
                                     body.size())
                                     + " bytes; at most 1 MiB is allowed."};
  if (body.empty())
    return wire_error{"bad_json", "The request is empty."};
  if (too_deep)
    return wire_error{"bad_json", "The request nests deeper than "
                                    + std::to_string(max_depth)
                                    + " levels."};
  // One JSON object.
  if (parsed.is_discarded()) {
    auto why = syntax_error(body);
    return wire_error{"bad_json", "The request is not valid UTF-8 JSON"
                                    + (why.empty() ? "" : ": " + why)
                                    + "."};
  }
  if (!parsed.is_object())
    return wire_error{"bad_json", "The request must be a JSON object, not "
                                    + std::string{parsed.type_name()}
                                    + "."};
  // `command` is a string, `args` an object when present.
  auto cmd = parsed.find("command");
  if (cmd == parsed.end())
    return wire_error{"bad_request", "The field 'command' is missing."};
  if (!cmd->is_string())
    return wire_error{"bad_request", "The field 'command' must be a string."};
  auto args = parsed.find("args");
  if (args != parsed.end() && !args->is_object() && !args->is_null())
    return wire_error{"bad_request", "The field 'args' must be an object."};
  out = std::move(parsed);
  return std::nullopt;
}

bool read_only(const std::string& command) {
  return command == "status" || command == "metrics" || command == "health"
         || command == "logs" || command == "config.get";
}

std::string code_name(ec code) {
  switch (code) {
    case ec::invalid_cron:
    case ec::unknown_timezone:
    case ec::invalid_config:
      return "invalid_config";
    case ec::unknown_updater:
    case ec::unknown_tenant:
    case ec::db_unavailable:
    case ec::busy:
    case ec::timeout:
    case ec::bad_request:
      return to_string(code);
    default:
      return "internal";
  }
}

std::string ok_reply(const json& id, json result) {
  return dump(json{{"id", id}, {"ok", true}, {"result", std::move(result)}});
}

std::string error_reply(const json& id, const wire_error& err) {
  return dump(json{{"id", id},
                   {"ok", false},
                   {"error",
                    {{"code", err.code}, {"message", err.message}}}});
}

json instant(caf::timestamp t, const std::string& zone) {
  // The epoch stands for none.
  if (t.time_since_epoch().count() == 0)
    return nullptr;
  auto z = cron::find_zone(zone);
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  return cron::format_instant(secs, z ? *z : nullptr);
}

json to_json(const run_result& res, const std::string& zone) {
  // Durations in milliseconds, with fractions.
  using ms = std::chrono::duration<double, std::milli>;
  json out{{"runId", res.run_id},
           {"tenant", res.tenant_id},
           {"updater", res.updater},
           {"trigger", to_string(res.trigger)},
           {"status", to_string(res.status)},
           {"timezone", zone},
           {"fireTime", instant(res.fire_time, zone)},
           {"startedAt", instant(res.started_at, zone)},
           {"durationMs", ms{res.duration}.count()},
           {"seed", res.seed},
           {"rows", res.rows}};
  if (!res.error.empty())
    out["error"] = res.error;
  if (res.code != ec::none)
    out["errorCode"] = code_name(res.code);
  // A dry run shows its rows, one JSON document per line.
  if (res.status == run_status::dry_run && !res.preview.empty()) {
    auto rows = json::array();
    size_t pos = 0;
    while (pos < res.preview.size()) {
      auto end = res.preview.find('\n', pos);
      if (end == std::string::npos)
        end = res.preview.size();
      auto line = std::string_view{res.preview}.substr(pos, end - pos);
      if (!line.empty()) {
        auto row = json::parse(line.begin(), line.end(), nullptr, false);
        rows.push_back(row.is_discarded() ? json(std::string{line}) : row);
      }
      pos = end + 1;
    }
    out["preview"] = std::move(rows);
  }
  return out;
}

json to_json(const job_info& job) {
  // The last run only once there was one.
  json out{{"tenant", job.tenant_id},
           {"updater", job.updater},
           {"enabled", job.enabled},
           {"schedule", job.schedule},
           {"timezone", job.timezone},
           {"nextFire", instant(job.next_fire, job.timezone)},
           {"running", job.running},
           {"lastRun", nullptr}};
  if (job.runs > 0) {
    auto last = to_json(job.last, job.timezone);
    last.erase("preview");
    out["lastRun"] = std::move(last);
  }
  return out;
}

std::optional<wire_error> string_arg(const json& args, const char* key,
                                     std::string& out) {
  auto i = args.find(key);
  if (i == args.end() || i->is_null())
    return std::nullopt;
  if (!i->is_string())
    return wire_error{"bad_request", "The argument '" + std::string{key}
                                       + "' must be a string."};
  out = i->get<std::string>();
  return std::nullopt;
}

std::optional<wire_error> bool_arg(const json& args, const char* key,
                                   bool& out) {
  auto i = args.find(key);
  if (i == args.end() || i->is_null())
    return std::nullopt;
  if (!i->is_boolean())
    return wire_error{"bad_request", "The argument '" + std::string{key}
                                       + "' must be true or false."};
  out = i->get<bool>();
  return std::nullopt;
}

std::optional<wire_error> uint_arg(const json& args, const char* key,
                                   uint64_t max, uint64_t& out) {
  auto i = args.find(key);
  if (i == args.end() || i->is_null())
    return std::nullopt;
  if (!i->is_number_unsigned() || i->get<uint64_t>() > max)
    return wire_error{"bad_request",
                      "The argument '" + std::string{key}
                        + "' must be an integer from 0 to "
                        + std::to_string(max) + "."};
  out = i->get<uint64_t>();
  return std::nullopt;
}

} // namespace dbu::control_wire
