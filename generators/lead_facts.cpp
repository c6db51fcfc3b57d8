#include "generators/lead_rows.hpp"

#include "generators/text.hpp"

#include <algorithm>

// What a tenant's leads so far tell the next run: the names, addresses and
// numbers taken, and when the newest record was created.

namespace dbu::gen {

bool taken_names::known(const std::string& key) const {
  return drawn_.count(key) > 0 || (facts_ && facts_->count(key) > 0);
}

bool taken_names::has(std::string_view name, std::string_view email,
                      std::string_view person) const {
  return known(company_key(name)) || known(email_key(email))
         || (!person.empty() && known(person_key(person)));
}

void taken_names::add(std::string_view name, std::string_view email,
                      std::string_view person) {
  drawn_.insert(company_key(name));
  drawn_.insert(email_key(email));
  if (!person.empty())
    drawn_.insert(person_key(person));
}

std::string taken_names::company_key(std::string_view name) {
  return "company:" + lowered(name);
}

std::string taken_names::email_key(std::string_view email) {
  return "email:" + lowered(email);
}

std::string taken_names::person_key(std::string_view person) {
  return "person:" + lowered(person);
}

std::string taken_names::phone_key(std::string_view phone) {
  return "phone:" + std::string{phone};
}

const std::string_view lead_facts_query
  = "SELECT 'company:' || lower(company_name), '' FROM business_records"
    " WHERE tenant_id = $1"
    " UNION ALL SELECT 'email:' || lower(contact_email), ''"
    " FROM business_records WHERE tenant_id = $1"
    " UNION ALL SELECT 'person:' || lower(contact_first_name || ' '"
    " || contact_last_name), '' FROM business_records WHERE tenant_id = $1"
    " UNION ALL SELECT 'phone:' || contact_phone, ''"
    " FROM business_records WHERE tenant_id = $1"
    " UNION ALL SELECT 'company:' || lower(name), '' FROM customers"
    " WHERE tenant_id = $1 AND customer_id = $2"
    " UNION ALL SELECT 'record:newest',"
    " extract(epoch FROM max(created_at))::bigint::text"
    " FROM business_records WHERE tenant_id = $1 HAVING count(*) > 0";

const std::string newest_record_key = "record:newest";

std::optional<std::chrono::sys_seconds> newest_record(const context& ctx) {
  return instant_fact(ctx, newest_record_key);
}

void remember_newest_record(context& ctx, const batch& rows) {
  // The latest creation time among the rows and the fact, if any.
  auto newest = newest_record(ctx);
  for (auto& t : rows) {
    auto c = std::find(t.columns.begin(), t.columns.end(), "created_at");
    if (t.table != "business_records" || c == t.columns.end())
      continue;
    for (auto& row : t.rows) {
      auto* text
        = std::get_if<std::string>(&row[size_t(c - t.columns.begin())]);
      auto at = text ? parse_timestamp(*text) : std::nullopt;
      if (at && (!newest || *at > *newest))
        newest = at;
    }
  }
  if (newest)
    ctx.facts[newest_record_key]
      = std::to_string(newest->time_since_epoch().count());
}

void remember_names(context& ctx, const batch& rows) {
  // The names of records and customers, as the query reads them.
  for (auto& t : rows) {
    auto name = std::string_view{t.table == "customers" ? "name"
                                                        : "company_name"};
    if (t.table != "customers" && t.table != "business_records")
      continue;
    auto col = [&](std::string_view c) {
      return size_t(std::find(t.columns.begin(), t.columns.end(), c)
                    - t.columns.begin());
    };
    auto n = col(name), e = col("contact_email");
    auto first = col("contact_first_name"), last = col("contact_last_name");
    auto phone = col("contact_phone");
    for (auto& row : t.rows) {
      auto* f = first < row.size() ? std::get_if<std::string>(&row[first])
                                   : nullptr;
      auto* l = last < row.size() ? std::get_if<std::string>(&row[last])
                                  : nullptr;
      if (f && l)
        ctx.facts.emplace(taken_names::person_key(*f + " " + *l), "");
      if (auto* x = phone < row.size() ? std::get_if<std::string>(&row[phone])
                                       : nullptr)
        ctx.facts.emplace(taken_names::phone_key(*x), "");
      if (auto* x = n < row.size() ? std::get_if<std::string>(&row[n])
                                   : nullptr)
        ctx.facts.emplace(taken_names::company_key(*x), "");
      if (auto* x = e < row.size() ? std::get_if<std::string>(&row[e])
                                   : nullptr)
        ctx.facts.emplace(taken_names::email_key(*x), "");
    }
  }
}

} // namespace dbu::gen
