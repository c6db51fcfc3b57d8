#pragma once

// Business records (leads and customers) as rows, shared by the lead
// generator and by seeding a tenant.

#include "generators/context.hpp"
#include "generators/random.hpp"
#include "generators/region.hpp"
#include "generators/rows.hpp"
#include "generators/settings.hpp"
#include "generators/vocabulary.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
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
  /// Its head count when already known (a customer's fits its fleet); 0
  /// to draw one by its industry's size bands.
  int employees = 0;
  /// The titles of its contacts when its kind of institution has its own;
  /// its industry's when null.
  const vocab::title_set* titles = nullptr;
  /// Its printers and copiers when already known (a customer's fleet); 0
  /// to estimate them from its head count.
  int devices = 0;
};

/// @returns a company of industry `kind` in `town`, or else in a city
/// chosen by population, mostly in `region` when there is one, named as
/// companies of `employees` people are (any size when 0).
company make_company(rng& r, industry kind,
                     const home_region* region = nullptr, int employees = 0,
                     const vocab::city* town = nullptr);

/// @returns the web domain of company `name` with top-level domain `tld`.
std::string domain_of(std::string_view name, std::string_view tld);

/// @returns a street address such as "1420 Maple Avenue, Suite 210".
std::string make_street(rng& r);

/// @returns a ZIP code of `c` as five digits.
std::string make_postal_code(const vocab::city& c, rng& r);

/// The company names, contact emails and contact names of a tenant, which
/// a new record must not repeat: the facts a run was given (keys
/// `company:NAME`, `email:ADDRESS` and `person:FIRST LAST`, lower case, as
/// `lead_facts_query` reads them) and the ones drawn since. Company names
/// and emails never repeat; a person's name is avoided while names are
/// plenty.
class taken_names {
public:
  /// @param facts the run's facts; none for a tenant without records.
  explicit taken_names(const std::unordered_map<std::string, std::string>*
                         facts
                       = nullptr)
    : facts_(facts) {}

  /// @returns whether the tenant has company `name`, contact `email` or,
  /// unless empty, a contact called `person`.
  bool has(std::string_view name, std::string_view email,
           std::string_view person = {}) const;

  /// Takes company `name`, contact `email` and contact name `person`.
  void add(std::string_view name, std::string_view email,
           std::string_view person = {});

  /// @returns the fact key of a company name.
  static std::string company_key(std::string_view name);

  /// @returns the fact key of a contact email.
  static std::string email_key(std::string_view email);

  /// @returns the fact key of a contact's full name.
  static std::string person_key(std::string_view person);

  /// @returns the fact key of a phone number.
  static std::string phone_key(std::string_view phone);

  /// @returns whether the tenant has the fact `key`.
  bool known(const std::string& key) const;

  /// Takes the fact `key`.
  void add_key(std::string key) { drawn_.insert(std::move(key)); }

private:
  const std::unordered_map<std::string, std::string>* facts_;
  std::unordered_set<std::string> drawn_;
};

/// The query of a tenant's company names and contact emails, as facts for
/// `taken_names` (`$1` the tenant, `$2` its customer), and of when its
/// newest record was created (`newest_record_key`).
extern const std::string_view lead_facts_query;

/// The fact key of the creation time of the tenant's newest business
/// record, seconds since the epoch as text; missing when it has none.
extern const std::string newest_record_key;

/// @returns when the tenant's newest business record was created, as the
/// facts of `ctx` say; none when they do not.
std::optional<std::chrono::sys_seconds> newest_record(const context& ctx);

/// Sets the newest record fact of `ctx` to the newest `business_records`
/// row of `rows` when that is newer.
void remember_newest_record(context& ctx, const batch& rows);

/// Adds the company names and contact emails of the `business_records`
/// and `customers` rows of `rows` to the facts of `ctx`.
void remember_names(context& ctx, const batch& rows);

/// The weighted choices a business record row draws from, built once.
class lead_draws {
public:
  explicit lead_draws(const lead_settings& s);

  /// The record's type and status, "lead"/"new" for a new lead.
  struct state {
    std::string_view record_type;
    std::string_view status;
  };

  /// @returns a lead source, an index into `lead_source_names`, drawn by
  /// the settings' weights.
  size_t pick_source(rng& r) const { return source_(r); }

  /// Appends one `business_records` row from `source` (an index into
  /// `lead_source_names`) created at `created_at`, a timestamp as text,
  /// whose company and contact email are not `taken` yet (and takes them),
  /// mostly in `region` when there is one; the record of company `fixed`
  /// instead when given.
  void append_row(rng& r, const std::string& tenant_id, state st,
                  size_t source, const std::string& created_at,
                  taken_names& taken, const home_region* region,
                  std::vector<std::vector<value>>& rows,
                  const company* fixed = nullptr) const;

private:
  weighted_choice<industry_names.size()> industry_;
  weighted_choice<lead_source_names.size()> source_;
  std::vector<weighted_choice<6>> bands_;
};

} // namespace dbu::gen
