#include "rules/ct015/check.hpp"

#include "rules/common/related.hpp"

namespace stance::rules::ct015 {

namespace {

const SourceNames kRotation{"EnableKeyRotation", "enable_key_rotation", "KeyRotationEnabled"};

}  // namespace

CheckOutcome check(const model::Key& key, const RuleSettings&) {
  return require_flag(key.rotation_enabled, name_in(kRotation, key.source), "the key rotates automatically",
                      "the key does not rotate automatically");
}

const std::string_view kManualFix =
    "turn on automatic rotation: EnableKeyRotation: true (CloudFormation), enable_key_rotation = true "
    "(Terraform), or `aws kms enable-key-rotation --key-id KEY`";

}  // namespace stance::rules::ct015
