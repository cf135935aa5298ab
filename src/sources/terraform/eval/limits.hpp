// The bounds on what evaluating an untrusted Terraform configuration may cost. A scanned repository may be
// written by an attacker: without these, `count = 100000000`, strings doubled through 40 locals or modules
// calling each other ten deep exhaust memory or time. Each limit is far above what real configurations need;
// passing one is an error at the expression's file:line that names the limit, never a silent cut.
#pragma once
#include <cstddef>
#include <string>

namespace stance::terraform::limits {

// count / for_each: instances of one resource or module call, and resource instances in one scan.
inline constexpr std::size_t kMaxInstancesPerResource = 10'000;
inline constexpr std::size_t kMaxInstancesPerScan = 100'000;

// Evaluated values: the bytes of one string, and the elements of one value counted all the way down (a
// list of 1,000 lists of 1,000 strings is 1,001,000 elements).
inline constexpr std::size_t kMaxStringBytes = std::size_t{16} << 20;
inline constexpr std::size_t kMaxCollectionElements = 1'000'000;
// All the strings of one value together (a list of strings each below kMaxStringBytes).
inline constexpr std::size_t kMaxValueBytes = std::size_t{64} << 20;

// Modules: how deep local module calls nest, and how many module instances one root module expands to.
inline constexpr int kMaxModuleDepth = 32;
inline constexpr std::size_t kMaxModuleInstances = 1'000;

// Filesystem functions: the largest file read, and the directory entries one fileset() may walk.
inline constexpr std::size_t kMaxFileBytes = kMaxStringBytes;
inline constexpr std::size_t kMaxFilesetEntries = 100'000;

// The memory RE2 may use for one compiled regular expression (its automata; matching stays linear).
inline constexpr std::size_t kMaxRegexMemory = std::size_t{8} << 20;

inline std::string mib(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

inline std::string string_too_long() {
  return "the result would be a string longer than stance's limit of " + mib(kMaxStringBytes);
}
inline std::string collection_too_large() {
  return "the result would have more than stance's limit of " + std::to_string(kMaxCollectionElements) +
         " elements";
}

inline std::string value_too_large() {
  return "the value would hold more than stance's limit of " + mib(kMaxValueBytes) + " of strings";
}

}  // namespace stance::terraform::limits
