#pragma once

// Business records (leads and customers) as rows, shared by the lead
// generator and by seeding a tenant.

#include "generators/random.hpp"
#include "generators/rows.hpp"
#include "generators/settings.hpp"
#include "generators/vocabulary.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace dbu::gen {

/// @returns the columns of a `business_records` row, in row order.
const std::vector<std::string>& lead_columns();

/// A synthetic company: its name, industry, web domain and home town.
struct company {
  std::string name;
  industry kind;
  /// "cedarridgeusd.org": the name's words, stop words left out.
  std::string domain;
  const vocab::city* town;
};

/// @returns a company of industry `kind` in a city chosen by population.
company make_company(rng& r, industry kind);

/// @returns the web domain of company `name` with top-level domain `tld`.
std::string domain_of(std::string_view name, std::string_view tld);

/// @returns a street address such as "1420 Maple Avenue, Suite 210".
std::string make_street(rng& r);

/// @returns a ZIP code of `c` as five digits.
std::string make_postal_code(const vocab::city& c, rng& r);

/// The weighted choices a business record row draws from, built once.
class lead_draws {
public:
  explicit lead_draws(const lead_settings& s);

  /// The record's type and status, "lead"/"new" for a new lead.
  struct state {
    std::string_view record_type;
    std::string_view status;
  };

  /// Appends one `business_records` row created at `created_at`, a
  /// timestamp as text.
  void append_row(rng& r, const std::string& tenant_id, state st,
                  const std::string& created_at,
                  std::vector<std::vector<value>>& rows) const;

private:
  weighted_choice<industry_names.size()> industry_;
  weighted_choice<lead_source_names.size()> source_;
  std::vector<weighted_choice<6>> bands_;
};

} // namespace dbu::gen
