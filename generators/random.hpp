#pragma once

// The generators' own random numbers: xoshiro256** seeded through
// splitmix64, so that a run's rows depend on its seed and fire time only,
// on every platform and standard library.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace dbu::gen {

/// @returns the next splitmix64 output, advancing `state`.
constexpr uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/// @returns a stable 64-bit hash of `s` (FNV-1a), continuing from `h`: the
/// same on every platform, so that what it picks never changes.
constexpr uint64_t fnv1a(std::string_view s,
                         uint64_t h = 0xcbf29ce484222325ull) {
  for (unsigned char c : s)
    h = (h ^ c) * 0x100000001b3ull;
  return h;
}

/// A small, fast pseudo-random generator (xoshiro256**).
class rng {
public:
  /// Seeds from a run's seed and its fire time (seconds since the epoch).
  rng(uint64_t seed, int64_t fire_time) {
    uint64_t s = seed ^ (uint64_t(fire_time) * 0xd1342543de82ef95ull);
    for (auto& word : s_)
      word = splitmix64(s);
  }

  /// @returns 64 random bits.
  uint64_t next() {
    auto result = rotl(s_[1] * 5, 7) * 9;
    auto t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// @returns a number in [0, n); n > 0.
  uint64_t below(uint64_t n) {
    // Lemire's multiply-shift; its bias is far below anything we measure.
    return uint64_t((__uint128_t(next()) * n) >> 64);
  }

  /// @returns a whole number in [lo, hi].
  int64_t between(int64_t lo, int64_t hi) {
    return lo + int64_t(below(uint64_t(hi - lo) + 1));
  }

  /// @returns a real number in [0, 1).
  double unit() { return double(next() >> 11) * 0x1.0p-53; }

  /// @returns a real number in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }

  /// @returns true with probability `p`.
  bool chance(double p) { return unit() < p; }

  /// @returns a uniformly chosen element of `items`; not empty.
  template <class T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }

  /// @returns a uniformly chosen element of `items`; not empty.
  template <class T, size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[below(N)];
  }

private:
  static constexpr uint64_t rotl(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
  }

  uint64_t s_[4];
};

/// A choice among N categories by fixed weights, built once.
template <size_t N>
class weighted_choice {
public:
  /// Builds from weights; zero-weight categories are never chosen.
  explicit constexpr weighted_choice(const std::array<double, N>& weights) {
    double sum = 0;
    for (size_t i = 0; i < N; ++i) {
      sum += weights[i] > 0 ? weights[i] : 0;
      cumulative_[i] = sum;
      if (weights[i] > 0)
        last_ = i;
    }
  }

  /// @returns the index of a category drawn by weight.
  size_t operator()(rng& r) const {
    // A linear scan beats a binary search at these sizes.
    double u = r.unit() * cumulative_[N - 1];
    for (size_t i = 0; i < last_; ++i)
      if (u < cumulative_[i])
        return i;
    return last_;
  }

private:
  std::array<double, N> cumulative_{};
  size_t last_ = 0;
};

} // namespace dbu::gen
