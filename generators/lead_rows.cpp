#include "generators/lead_rows.hpp"

#include "generators/text.hpp"

#include <algorithm>
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

// @returns the contact titles of `p` that fit a company of `employees`.
vocab::words titles_for(const vocab::industry_profile& p, int employees) {
  if (employees <= 10)
    return p.small_titles;
  return employees <= 200 ? p.titles : p.large_titles;
}

} // namespace

const std::vector<std::string>& lead_columns() {
  static const std::vector<std::string> columns{
    "tenant_id",      "record_id",          "record_type",
    "company_name",   "industry",           "employee_count",
    "size_band",      "annual_revenue",     "estimated_deal_value",
    "lead_score",     "lead_source",        "status",
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

company make_company(rng& r, industry kind) {
  // Fill one of the industry's name patterns.
  auto& p = vocab::profile(kind);
  auto& town = vocab::pick_city(r);
  auto& last1 = r.pick(vocab::last_names);
  auto& last2 = r.pick(vocab::last_names);
  auto place = vocab::make_place(r);
  auto name = fill(r.pick(p.name_patterns), {last1, last2, place, town.name});
  // The domain follows the name.
  auto domain = domain_of(name, p.tld);
  return company{std::move(name), kind, std::move(domain), &town};
}

std::string make_street(rng& r) {
  // A house number, a street, sometimes a suite.
  std::string s;
  s.reserve(48);
  append_number(s, r.between(100, 9899));
  s.push_back(' ');
  s.append(r.pick(vocab::street_names)).push_back(' ');
  s.append(r.pick(vocab::street_kinds));
  if (r.chance(0.35)) {
    s.append(", Suite ");
    append_number(s, r.between(1, 9) * 100 + r.between(0, 40));
  }
  return s;
}

std::string make_postal_code(const vocab::city& c, rng& r) {
  std::string s;
  append_number(s, r.between(c.zip_lo, c.zip_hi), 5);
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
                            const std::string& created_at,
                            std::vector<std::vector<value>>& rows) const {
  // The company and its size.
  auto kind = industry(industry_(r));
  auto& p = vocab::profile(kind);
  auto co = make_company(r, kind);
  auto& drawn = vocab::size_bands[bands_[size_t(kind)](r)];
  int fewest = std::max(drawn.min_employees, p.min_employees);
  int employees
    = log_uniform(r, fewest, std::max(fewest, drawn.max_employees));
  auto& band = vocab::size_bands[vocab::band_of(employees)];
  // Money follows industry and size: revenue per head, devices per head.
  auto revenue = round_to(employees * p.revenue_per_employee
                            * r.uniform(0.75, 1.3), 1000);
  auto devices = std::max(1.0, std::round(employees / p.employees_per_device
                                          * r.uniform(0.8, 1.25)));
  // A deal covers the fleet of a small company, a share of a big one's.
  auto covered = std::min(devices, std::round(3 + 2 * std::sqrt(devices)));
  auto deal = round_to(covered * band.device_price * r.uniform(0.9, 1.15),
                       50);
  // The score adds industry fit, size, source and a little judgement.
  auto source = source_(r);
  auto score = std::clamp<int64_t>(p.score + band.score
                                     + vocab::source_scores[source]
                                     + r.between(0, 10),
                                   0, 100);
  // A contact reachable at the company's domain and in its city.
  auto [first, last] = make_person(r, co.name);
  std::string email;
  email.reserve(first.size() + last.size() + co.domain.size() + 2);
  append_slug(email, first);
  email.push_back('.');
  append_slug(email, last);
  email.append("@").append(co.domain);
  auto phone = phone_number(vocab::pick_area_code(*co.town, r),
                            int(r.below(100)));
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
  row.emplace_back(score);
  row.emplace_back(std::string{lead_source_names[source]});
  row.emplace_back(std::string{st.status});
  row.emplace_back(std::string{first});
  row.emplace_back(std::string{last});
  row.emplace_back(std::string{r.pick(titles_for(p, employees))});
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
