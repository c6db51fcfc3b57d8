#include "generators/rows.hpp"

namespace dbu::gen {

size_t row_count(const batch& b) {
  size_t n = 0;
  for (auto& t : b)
    n += t.rows.size();
  return n;
}

} // namespace dbu::gen
