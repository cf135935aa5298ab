// Trail ARNs: arn:<partition>:cloudtrail:<region>:<account>:trail/<name>. The ARN is a live trail's identity;
// its parts name the home region and the owning account when nothing else does (AWS CLI output).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stance::sources::aws {

struct TrailArn {
  std::string partition;  // "aws", "aws-cn", "aws-us-gov"
  std::string region;
  std::string account;
  std::string name;
};

// nullopt when `arn` is not a CloudTrail trail ARN.
std::optional<TrailArn> parse_trail_arn(std::string_view arn);

}  // namespace stance::sources::aws
