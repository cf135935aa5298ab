// Times in the history: UTC ISO 8601 with seconds ("2024-05-01T12:00:00Z"), which sort as text, and the
// durations of --since and --retain ("7d", "12h", "90m", "1d12h").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stance::store {

std::int64_t now_epoch_seconds();
std::string iso_utc(std::int64_t epoch_seconds);
// Only the form iso_utc writes; anything else is nullopt.
std::optional<std::int64_t> parse_iso_utc(std::string_view text);

// One or more NUMBER UNIT pairs, units s, m, h, d, w: "7d", "12h", "1d12h". Zero or no unit: nullopt.
std::optional<std::int64_t> parse_duration_seconds(std::string_view text);

}  // namespace stance::store
