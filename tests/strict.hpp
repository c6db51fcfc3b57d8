#pragma once

// Test support: whether a test may skip for want of its inputs.

#include <cstdlib>
#include <string_view>

namespace dbu::test {

/// @returns whether every input of every test must be there, as under
/// tools/test (which sets DBU_TEST_STRICT=1): a test that would skip for a
/// missing input fails instead.
inline bool strict() {
  auto value = std::getenv("DBU_TEST_STRICT");
  return value != nullptr && std::string_view{value} == "1";
}

} // namespace dbu::test
