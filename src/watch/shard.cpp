#include "watch/shard.hpp"

#include <charconv>

namespace stance::watch {

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  // FNV-1a's low bits follow the parity of the input's bytes (every 12-digit ID of one repeated digit is odd):
  // MurmurHash3's finaliser mixes the high bits into them before `mod N`.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

bool Shard::owns(std::string_view account) const { return count <= 1 || stable_hash(account) % count == index; }

std::optional<Shard> parse_shard(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  Shard s;
  auto a = text.substr(0, slash), b = text.substr(slash + 1);
  auto r1 = std::from_chars(a.data(), a.data() + a.size(), s.index);
  auto r2 = std::from_chars(b.data(), b.data() + b.size(), s.count);
  if (r1.ec != std::errc() || r1.ptr != a.data() + a.size() || r2.ec != std::errc() || r2.ptr != b.data() + b.size()) {
    return std::nullopt;
  }
  if (s.count == 0 || s.index >= s.count || a.empty() || b.empty()) return std::nullopt;
  return s;
}

}  // namespace stance::watch
