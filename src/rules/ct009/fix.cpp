#include "rules/ct009/check.hpp"

#include <string>

namespace stance::rules::ct009 {

namespace {

// Set in the source: a value, or a reference to a resource the same configuration declares (a log group's
// GetAtt), which exists once deployed.
bool is_set(const model::Value<std::string>& value) {
  return (value.known() && !value->empty()) || (!value.refers_to.empty() && !value.is_invalid());
}

}  // namespace

// stance cannot invent a log group and a role CloudTrail may assume: the user names them as the rule's settings,
// and only what the trail lacks is set (a group declared beside the trail is kept). Live, a trail that has both
// but stopped delivering needs the role or group repaired, not set.
FixIntent fix(const model::Trail& trail, const RuleSettings& settings) {
  const bool has_group = is_set(trail.cloudwatch_logs_log_group_arn);
  const bool has_role = is_set(trail.cloudwatch_logs_role_arn);
  if (has_group && has_role) {
    return {.manual = "the trail has a log group and a role, but delivery to CloudWatch Logs is failing or stale: check "
                      "that the role's trust policy names cloudtrail.amazonaws.com and that it may call "
                      "logs:CreateLogStream and logs:PutLogEvents on the group"};
  }
  FixIntent intent;
  std::string missing;
  auto need = [&](bool has, std::string_view setting, std::string_view field) {
    if (has) return;
    const std::string_view value = settings.text(setting);
    if (value.empty()) {
      missing += (missing.empty() ? "" : " and ") + std::string(setting);
    } else {
      intent.edits.push_back({field, std::string(value)});
    }
  };
  need(has_group, "log_group_arn", "cloudwatch_logs_log_group_arn");
  need(has_role, "role_arn", "cloudwatch_logs_role_arn");
  if (!missing.empty()) {
    return {.manual = "needs a CloudWatch Logs group and a role CloudTrail may assume: name " + missing +
                      " as CT-009's settings in .stance.yaml"};
  }
  return intent;
}

}  // namespace stance::rules::ct009
