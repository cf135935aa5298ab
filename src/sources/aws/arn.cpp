#include "sources/aws/arn.hpp"

#include <vector>

namespace stance::sources::aws {

std::optional<TrailArn> parse_trail_arn(std::string_view arn) {
  // Six ':'-separated parts; the resource part is the last and holds no ':' for trails.
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() < 5) {
    const std::size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) return std::nullopt;
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  const std::string_view resource = arn.substr(start);
  constexpr std::string_view kPrefix = "trail/";
  if (parts[0] != "arn" || parts[1].empty() || parts[2] != "cloudtrail" || parts[3].empty() ||
      parts[4].empty() || !resource.starts_with(kPrefix) || resource.size() == kPrefix.size()) {
    return std::nullopt;
  }
  return TrailArn{std::string(parts[1]), std::string(parts[3]), std::string(parts[4]),
                  std::string(resource.substr(kPrefix.size()))};
}

}  // namespace stance::sources::aws
