#include "messages/messages.hpp"

#include <caf/actor_system_config.hpp>

namespace dbu {

const char* to_string(run_trigger x) {
  switch (x) {
    case run_trigger::schedule:
      return "schedule";
    case run_trigger::manual:
      return "manual";
    case run_trigger::test:
      return "test";
    case run_trigger::backfill:
      return "backfill";
  }
  return "manual";
}

const char* to_string(run_status x) {
  switch (x) {
    case run_status::succeeded:
      return "succeeded";
    case run_status::failed:
      return "failed";
    case run_status::dry_run:
      return "dry_run";
    case run_status::duplicate:
      return "duplicate";
  }
  return "failed";
}

void register_messages(caf::actor_system_config& cfg) {
  cfg.add_message_type<run_request>("dbu::run_request");
  cfg.add_message_type<run_result>("dbu::run_result");
  cfg.add_message_type<job_info>("dbu::job_info");
  cfg.add_message_type<job_settings>("dbu::job_settings");
  cfg.add_message_type<daemon_numbers>("dbu::daemon_numbers");
}

} // namespace dbu
