#include "rules/ct015/check.hpp"

namespace stance::rules::ct015 {

// Turning rotation on changes nothing for readers: old key material stays to decrypt old logs.
FixIntent fix(const model::Key&, const RuleSettings&) {
  ResourceSetting rotation;
  rotation.cloudformation_property = "EnableKeyRotation";
  rotation.terraform_attribute = "enable_key_rotation";
  rotation.value = true;
  return {.settings = {rotation}};
}

}  // namespace stance::rules::ct015
