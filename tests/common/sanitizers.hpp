// Resource bounds under the sanitizers. The tests assert time and memory bounds for the normal build. The
// sanitizer build (a Debug build under AddressSanitizer + UndefinedBehaviorSanitizer) runs several times
// slower, and its peak RSS includes shadow memory and the quarantine of freed blocks (256 MB by default), so
// there time bounds are scaled and peak-memory bounds are not asserted: that build checks memory safety, the
// normal build checks the bounds.
#pragma once

namespace stance::test_bounds {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

// Whether peak-RSS bounds mean anything in this build.
inline constexpr bool kPeakMemoryIsMeaningful = !kSanitized;

// A time bound of `seconds` in the normal build, scaled for the sanitizer build.
constexpr int time_bound(int seconds) { return kSanitized ? seconds * 10 : seconds; }

}  // namespace stance::test_bounds
