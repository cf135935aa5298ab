#include "rules/ct009/check.hpp"

#include <string>

namespace stance::rules::ct009 {

// stance cannot invent a log group and a role CloudTrail may assume: the user names both as the rule's
// settings. Live, a trail that has both but stopped delivering needs the role or group repaired, not set.
FixIntent fix(const model::Trail& trail, const RuleSettings& settings) {
  const auto& group = trail.cloudwatch_logs_log_group_arn;
  const auto& role = trail.cloudwatch_logs_role_arn;
  if (group.known() && !group->empty() && role.known() && !role->empty()) {
    return {.manual = "the trail has a log group and a role, but delivery to CloudWatch Logs is failing or stale: check "
                      "that the role's trust policy names cloudtrail.amazonaws.com and that it may call "
                      "logs:CreateLogStream and logs:PutLogEvents on the group"};
  }
  const std::string_view group_arn = settings.text("log_group_arn");
  const std::string_view role_arn = settings.text("role_arn");
  if (group_arn.empty() || role_arn.empty()) {
    return {.manual = "needs a CloudWatch Logs group and a role CloudTrail may assume: name them as CT-009's "
                      "settings log_group_arn and role_arn in .stance.yaml"};
  }
  return {.edits = {{"cloudwatch_logs_log_group_arn", std::string(group_arn)},
                    {"cloudwatch_logs_role_arn", std::string(role_arn)}}};
}

}  // namespace stance::rules::ct009
