// --shard I/N: several watchers share one history by splitting the accounts. The hash is FNV-1a of the
// account ID with MurmurHash3's 64-bit finaliser, fixed here so that every watcher (and every stance version)
// puts an account in the same shard.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stance::watch {

struct Shard {
  std::uint32_t index = 0;
  std::uint32_t count = 1;
  bool owns(std::string_view account) const;
};

std::uint64_t stable_hash(std::string_view text);
// "I/N" with 0 <= I < N; nullopt otherwise.
std::optional<Shard> parse_shard(std::string_view text);

}  // namespace stance::watch
