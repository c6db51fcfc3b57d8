#include "db/deadline.hpp"

#include "messages/ec.hpp"

namespace dbu::db {

std::optional<int64_t> millis_left(const deadline& at) {
  if (!at)
    return std::nullopt;
  auto left = *at - std::chrono::system_clock::now();
  if (left <= decltype(left){0})
    return int64_t{0};
  return std::chrono::ceil<std::chrono::milliseconds>(left).count();
}

void limit_time(pqxx::transaction_base& tx, int64_t ms) {
  tx.exec_params("SELECT set_config('statement_timeout', $1, true),"
                 " set_config('lock_timeout', $1, true)",
                 std::to_string(ms));
}

bool is_timeout(const pqxx::sql_error& e) {
  return e.sqlstate() == "57014" || e.sqlstate() == "55P03";
}

caf::error out_of_time(const std::string& what, std::string_view why) {
  // Keep the server's first line, without its severity.
  why = why.substr(0, why.find('\n'));
  if (why.starts_with("ERROR:  "))
    why.remove_prefix(8);
  return make_error(ec::timeout, what
                                   + " ran out of time "
                                     "(executionTimeoutSeconds); nothing "
                                     "was written: "
                                   + std::string{why});
}

} // namespace dbu::db
