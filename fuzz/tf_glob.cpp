// Fuzzes the glob patterns of Terraform's fileset() (sources/terraform/eval/glob.hpp): the input is a
// pattern, a newline, and a path. Any bytes must give a match, a no-match or a reason, never a crash or a
// hang (matching is bounded), and a pattern without wildcards matches exactly itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sources/terraform/eval/glob.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view pattern = input.substr(0, newline);
  const std::string_view path = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  std::string why;
  const std::optional<bool> matches = stance::terraform::glob_match(pattern, path, &why);
  if (!matches && why.empty()) std::abort();
  if (!stance::terraform::has_glob_meta(pattern) && (!matches || *matches != (pattern == path))) std::abort();
  return 0;
}
