#include "helpers.hpp"

#include "generators/seed.hpp"
#include "generators/text.hpp"

#include <date/tz.h>

namespace dbu::gen::test {

std::unique_ptr<generator> make(std::string_view kind,
                                const nlohmann::json& patch) {
  auto k = find_updater_kind(kind);
  EXPECT_NE(k, nullptr) << kind;
  auto settings = k->defaults();
  if (!patch.is_null())
    settings.merge_patch(patch);
  auto g = k->make(settings);
  EXPECT_NE(g, nullptr) << settings.dump();
  return g;
}

std::chrono::sys_seconds at(std::string_view iso) {
  auto t = parse_timestamp(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(std::chrono::sys_seconds{});
}

context seeded(std::string_view zone, std::chrono::sys_seconds fire,
               uint64_t seed) {
  return sample_context(tenant, "cust-1", seed, date::locate_zone(zone), fire);
}

const value& row_view::operator[](std::string_view name) const {
  static const value none;
  for (size_t i = 0; i < table_->columns.size(); ++i)
    if (table_->columns[i] == name)
      return (*row_)[i];
  ADD_FAILURE() << "no column " << name << " in " << table_->table;
  return none;
}

std::string row_view::text(std::string_view name) const {
  auto* s = std::get_if<std::string>(&(*this)[name]);
  return s ? *s : std::string{};
}

int64_t row_view::number(std::string_view name) const {
  auto& v = (*this)[name];
  if (auto* i = std::get_if<int64_t>(&v))
    return *i;
  if (auto* d = std::get_if<double>(&v))
    return int64_t(*d);
  ADD_FAILURE() << name << " is not a number";
  return 0;
}

bool row_view::null(std::string_view name) const {
  return std::holds_alternative<std::monostate>((*this)[name]);
}

const text_list& row_view::list(std::string_view name) const {
  static const text_list none;
  auto* l = std::get_if<text_list>(&(*this)[name]);
  EXPECT_NE(l, nullptr) << name << " is not a list";
  return l ? *l : none;
}

rows_of::rows_of(const generator& g, context ctx, std::string_view table,
                 size_t n, std::chrono::seconds step,
                 const updater_kind* kind) {
  // Run until enough rows came out; give up on runs that yield nothing.
  size_t count = 0;
  for (size_t runs = 0; count < n && runs < 100 * n + 1000; ++runs) {
    auto& b = batches_.emplace_back(g.generate(ctx));
    for (auto& t : b)
      if (t.table == table)
        count += t.rows.size();
    if (kind && kind->remember)
      kind->remember(ctx, b);
    ctx.fire_time += step;
  }
  // Views into the batches, which no longer move.
  rows_.reserve(count);
  for (auto& b : batches_)
    for (auto& t : b)
      if (t.table == table)
        for (auto& row : t.rows)
          rows_.emplace_back(t, row);
}

bool same_rows(const batch& a, const batch& b) {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].table != b[i].table || a[i].columns != b[i].columns
        || a[i].rows != b[i].rows)
      return false;
  return true;
}

double chi_square(const std::map<std::string, size_t>& observed,
                  const std::map<std::string, double>& expected) {
  // Sum (O - E)^2 / E over categories of non-zero share.
  size_t total = 0;
  for (auto& [name, n] : observed)
    total += n;
  double stat = 0;
  for (auto& [name, share] : expected) {
    auto it = observed.find(name);
    double o = it == observed.end() ? 0 : double(it->second);
    double e = share * double(total);
    if (e > 0)
      stat += (o - e) * (o - e) / e;
  }
  // A category outside the distribution fails outright.
  for (auto& [name, n] : observed) {
    auto it = expected.find(name);
    EXPECT_TRUE(it != expected.end() && it->second > 0)
      << name << " drawn " << n << " times but has no share";
  }
  return stat;
}

double chi_square_critical(size_t df, size_t comparisons) {
  // Upper 0.1 % and 0.01 % points of the chi-square distribution.
  static constexpr double one_in_1000[] = {10.828, 13.816, 16.266, 18.467,
                                           20.515, 22.458, 24.322, 26.124,
                                           27.877, 29.588, 31.264, 32.909};
  static constexpr double one_in_10000[] = {15.137, 18.421, 21.108, 23.513,
                                            25.745, 27.856, 29.878, 31.828,
                                            33.720, 35.564, 37.367, 39.134};
  EXPECT_TRUE(df >= 1 && df <= 12) << df;
  EXPECT_TRUE(comparisons >= 1 && comparisons <= 10) << comparisons;
  auto& table = comparisons > 1 ? one_in_10000 : one_in_1000;
  return table[std::clamp<size_t>(df, 1, 12) - 1];
}

std::map<std::string, double> default_shares(std::string_view kind,
                                             std::string_view key) {
  std::map<std::string, double> shares;
  auto d = find_updater_kind(kind)->defaults();
  for (auto& [name, w] : d[std::string{key}].items())
    shares[name] = w.get<double>();
  return shares;
}

} // namespace dbu::gen::test
