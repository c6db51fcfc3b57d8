#include "generators/lead_rows.hpp"

#include "generators/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace dbu::gen {

namespace {

// @returns whether `word` is left out of domain names.
bool stop_word(std::string_view word) {
  auto& stops = vocab::domain_stop_words;
  return std::find(stops.begin(), stops.end(), word) != stops.end();
}

// @returns a whole number in [lo, hi], small values more likely (log scale).
int log_uniform(rng& r, int lo, int hi) {
  auto x = std::exp(r.uniform(std::log(double(lo)), std::log(hi + 1.0)));
  return std::clamp(int(x), lo, hi);
}

// @returns `x` rounded to a multiple of `step`.
double round_to(double x, double step) {
  return std::round(x / step) * step;
}

// @returns given and family names that usually share an origin, the
// family name not one the company is named after.
std::pair<std::string_view, std::string_view>
make_person(rng& r, std::string_view company) {
  // One origin for both most of the time; another family name now and then.
  auto& origin = vocab::pick_origin(r);
  auto first = r.pick(origin.first);
  std::string_view last;
  for (int attempt = 0; attempt < 6; ++attempt) {
    auto& family = r.chance(0.88) ? origin : vocab::pick_origin(r);
    last = r.pick(family.last);
    if (company.find(last) == company.npos)
      break;
  }
  return {first, last};
}

// Draws of a company and its contact before a name is taken as it comes.
constexpr int name_attempts = 40;

// @returns the contact's email at the company's domain, "first.last@…",
// with `n` after the name when above 1.
std::string make_email(std::string_view first, std::string_view last,
                       std::string_view domain, int n) {
  std::string email;
  email.reserve(first.size() + last.size() + domain.size() + 4);
  append_slug(email, first);
  email.push_back('.');
  append_slug(email, last);
  if (n > 1)
    append_number(email, n);
  email.append("@").append(domain);
  return email;
}

// Draws that also avoid a contact name the tenant has; later ones take
// the name as it comes.
constexpr int person_attempts = 30;

/// A company with its contact, drawn together.
struct lead_identity {
  company co;
  std::string_view first;
  std::string_view last;
  std::string email;
};

// @returns a company of `kind` and `employees` people and its contact
// that `taken` does not have: fresh draws first, then the company's town
// in its name, then a number in the email.
lead_identity draw_identity(rng& r, industry kind, int employees,
                            const taken_names& taken,
                            const home_region* region);

// @returns a direct line in `town` that `taken` does not have: the
// numbers reserved for fiction are few, so a busy tenant's contacts
// share a main line with their own extensions.
std::string draw_phone(rng& r, const vocab::city& town, taken_names& taken) {
  std::string phone;
  for (int attempt = 0; attempt < 8; ++attempt) {
    phone = phone_number(vocab::pick_area_code(town, r), int(r.below(100)));
    if (!taken.known(taken_names::phone_key(phone)))
      break;
  }
  if (taken.known(taken_names::phone_key(phone))) {
    phone.append(" ext. ");
    append_number(phone, r.between(100, 899));
  }
  taken.add_key(taken_names::phone_key(phone));
  return phone;
}

// @returns the contact titles that fit company `co` of industry `p` and
// `employees` people: those of its kind of institution, if it has its own.
vocab::words titles_for(const vocab::industry_profile& p, const company& co,
                        int employees) {
  if (co.titles)
    return employees <= 10    ? co.titles->small
           : employees <= 200 ? co.titles->mid
                              : co.titles->large;
  if (employees <= 10)
    return p.small_titles;
  return employees <= 200 ? p.titles : p.large_titles;
}

// @returns whether a company of `employees` people (any size when 0) may
// be named by `pattern`.
bool fits(const vocab::name_pattern& pattern, int employees) {
  return employees <= pattern.max_employees
         && (employees == 0 || employees >= pattern.min_employees);
}

} // namespace

namespace {

lead_identity draw_identity(rng& r, industry kind, int employees,
                            const taken_names& taken,
                            const home_region* region) {
  // Fresh companies and contacts in one town until one is new to the
  // tenant: a town of its own for each draw would lean to towns with
  // fewer leads and away from the region.
  lead_identity id;
  const vocab::city* town = nullptr;
  for (int attempt = 0; attempt < name_attempts; ++attempt) {
    id.co = make_company(r, kind, region, employees, town);
    town = id.co.town;
    std::tie(id.first, id.last) = make_person(r, id.co.name);
    id.email = make_email(id.first, id.last, id.co.domain, 1);
    auto person = std::string{id.first} + " " + std::string{id.last};
    if (!taken.has(id.co.name, id.email,
                   attempt < person_attempts ? person : std::string{}))
      return id;
  }
  // A tenant this full of names: name the town, as firms do to tell
  // themselves apart, then a branch; number the mailbox if even that is
  // taken.
  auto base = id.co.name + " of " + std::string{id.co.town->name};
  id.co.name = base;
  for (int n = 0; n < 1000 && taken.known(taken_names::company_key(id.co.name));
       ++n)
    id.co.name = base + " (" + vocab::make_place(r) + ")";
  id.co.domain = domain_of(id.co.name, vocab::profile(kind).tld);
  for (int n = 1;; ++n) {
    id.email = make_email(id.first, id.last, id.co.domain, n);
    if (!taken.has(id.co.name, id.email) || n > 1000)
      return id;
  }
}

} // namespace

const std::vector<std::string>& lead_columns() {
  static const std::vector<std::string> columns{
    "tenant_id",      "record_id",          "record_type",
    "company_name",   "industry",           "employee_count",
    "size_band",      "annual_revenue",     "estimated_deal_value",
    "estimated_devices", "lead_score",      "lead_score_factors",
    "lead_source",    "status",
    "contact_first_name", "contact_last_name", "contact_title",
    "contact_email",  "contact_phone",      "street",
    "city",           "state",              "postal_code",
    "website",        "created_at",
  };
  return columns;
}

std::string domain_of(std::string_view name, std::string_view tld) {
  // Split the name into words, leaving out the stop words.
  std::string_view kept[8];
  size_t n = 0;
  for (size_t pos = 0; pos < name.size() && n < std::size(kept);) {
    auto end = std::min(name.find(' ', pos), name.size());
    auto word = name.substr(pos, end - pos);
    if (!word.empty() && !stop_word(word))
      kept[n++] = word;
    pos = end + 1;
  }
  // Long names keep two words whole and the initials of the rest.
  std::string domain;
  domain.reserve(name.size() + tld.size());
  for (size_t i = 0; i < n; ++i) {
    auto before = domain.size();
    append_slug(domain, kept[i]);
    if (n > 3 && i >= 2)
      domain.resize(std::min(domain.size(), before + 1));
  }
  domain.append(tld);
  return domain;
}

company make_company(rng& r, industry kind, const home_region* region,
                     int employees, const vocab::city* in) {
  // Fill one of the industry's name patterns that fit the company's size.
  auto& p = vocab::profile(kind);
  auto& town = in ? *in : pick_city(r, region);
  auto& last1 = r.pick(vocab::last_names);
  auto& last2 = r.pick(vocab::last_names);
  auto place = vocab::make_place(r);
  std::array<const vocab::name_pattern*, 16> fitting;
  size_t n = 0;
  for (auto& pattern : p.name_patterns)
    if (fits(pattern, employees) && n < fitting.size())
      fitting[n++] = &pattern;
  auto& pattern = n > 0 ? *fitting[r.below(n)] : p.name_patterns.front();
  auto name = fill(pattern.text, {last1, last2, place, town.name});
  // The domain follows the name, or the pattern's own.
  std::string domain;
  if (pattern.domain.empty()) {
    domain = domain_of(name, p.tld);
  } else {
    append_slug(domain, fill(pattern.domain, {last1, last2, place,
                                              town.name}));
    domain.append(p.tld);
  }
  // A school district is called what its state calls one, and goes by its
  // initials on the web ("cedarridgeisd.org").
  constexpr std::string_view unified = " Unified School District";
  if (auto at = name.find(unified); at != name.npos) {
    auto& district = vocab::school_district_of(town.state);
    name.replace(at, unified.size(), district.name);
    domain = domain_of(name.substr(0, at), "");
    domain.append(district.initials).append(p.tld);
  }
  return company{std::move(name), kind, std::move(domain), &town, 0,
                 pattern.titles};
}

std::string make_street(rng& r) {
  // A house number, a street, sometimes a suite.
  std::string s;
  s.reserve(48);
  append_number(s, r.between(100, 9899));
  s.push_back(' ');
  // A kind that does not repeat the name ("Park Parkway").
  auto name = r.pick(vocab::street_names);
  auto kind = r.pick(vocab::street_kinds);
  for (int i = 0; i < 4 && kind.starts_with(name.substr(0, 4)); ++i)
    kind = r.pick(vocab::street_kinds);
  s.append(name).push_back(' ');
  s.append(kind);
  if (r.chance(0.35)) {
    s.append(", Suite ");
    append_number(s, r.between(1, 9) * 100 + r.between(0, 40));
  }
  return s;
}

std::string make_postal_code(const vocab::city& c, rng& r) {
  std::string s;
  append_number(s, c.zips[r.below(vocab::zip_count(c))], 5);
  return s;
}

lead_draws::lead_draws(const lead_settings& s)
  : industry_(s.industry_weights), source_(s.source_weights) {
  // One size-band choice per industry.
  bands_.reserve(industry_names.size());
  for (size_t i = 0; i < industry_names.size(); ++i)
    bands_.emplace_back(vocab::profile(industry(i)).band_weights);
}

void lead_draws::append_row(rng& r, const std::string& tenant_id, state st,
                            size_t source, const std::string& created_at,
                            taken_names& taken, const home_region* region,
                            std::vector<std::vector<value>>& rows,
                            const company* fixed) const {
  // Its size, then a company so big and a contact the tenant does not
  // have yet (or the given company and a contact of it).
  auto kind = fixed ? fixed->kind : industry(industry_(r));
  auto& p = vocab::profile(kind);
  auto& drawn = vocab::size_bands[bands_[size_t(kind)](r)];
  int fewest = std::max(drawn.min_employees, p.min_employees);
  int employees
    = fixed && fixed->employees > 0
        ? fixed->employees
        : log_uniform(r, fewest, std::max(fewest, drawn.max_employees));
  auto [co, first, last, email]
    = draw_identity(r, kind, employees, taken, region);
  if (fixed) {
    co = *fixed;
    email = make_email(first, last, co.domain, 1);
  }
  taken.add(co.name, email, std::string{first} + " " + std::string{last});
  auto& band = vocab::size_bands[vocab::band_of(employees)];
  // Money follows industry and size: revenue per head, devices per head
  // unless the fleet is known.
  auto revenue = round_to(employees * p.revenue_per_employee
                            * r.uniform(0.75, 1.3), 1000);
  auto devices = std::max(1.0, std::round(employees / p.employees_per_device
                                          * r.uniform(0.8, 1.25)));
  auto fleet = fixed && fixed->devices > 0;
  if (fleet)
    devices = fixed->devices;
  // A deal covers the fleet of a small company, a share of a big one's,
  // a customer's whole fleet, at the band's price per device.
  auto covered = fleet ? devices
                       : std::min(devices,
                                  std::round(3 + 2 * std::sqrt(devices)));
  auto deal = round_to(covered * band.device_price * r.uniform(0.9, 1.15),
                       50);
  // The score adds industry fit, size, source and how much the first
  // inquiry asked for, each kept beside it.
  auto inquiry = r.between(0, 10);
  auto score = std::clamp<int64_t>(p.score + band.score
                                     + vocab::source_scores[source]
                                     + inquiry,
                                   0, 100);
  std::string factors = "{\"industry\": ";
  append_number(factors, p.score);
  factors.append(", \"size\": ");
  append_number(factors, band.score);
  factors.append(", \"source\": ");
  append_number(factors, vocab::source_scores[source]);
  factors.append(", \"inquiry\": ");
  append_number(factors, inquiry);
  factors.push_back('}');
  // A phone in the company's city.
  auto phone = draw_phone(r, *co.town, taken);
  // The row, in column order.
  auto& row = rows.emplace_back();
  row.reserve(lead_columns().size());
  row.emplace_back(tenant_id);
  row.emplace_back(uuid_v4(r));
  row.emplace_back(std::string{st.record_type});
  row.emplace_back(std::move(co.name));
  row.emplace_back(std::string{industry_names[size_t(kind)]});
  row.emplace_back(int64_t{employees});
  row.emplace_back(std::string{band.name});
  row.emplace_back(revenue);
  row.emplace_back(deal);
  row.emplace_back(int64_t(covered));
  row.emplace_back(score);
  row.emplace_back(std::move(factors));
  row.emplace_back(std::string{lead_source_names[source]});
  row.emplace_back(std::string{st.status});
  row.emplace_back(std::string{first});
  row.emplace_back(std::string{last});
  row.emplace_back(std::string{r.pick(titles_for(p, co, employees))});
  row.emplace_back(std::move(email));
  row.emplace_back(std::move(phone));
  row.emplace_back(make_street(r));
  row.emplace_back(std::string{co.town->name});
  row.emplace_back(std::string{co.town->state});
  row.emplace_back(make_postal_code(*co.town, r));
  row.emplace_back("https://www." + co.domain);
  row.emplace_back(created_at);
}

} // namespace dbu::gen
