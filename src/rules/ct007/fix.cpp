#include "rules/ct007/check.hpp"

#include <string>

namespace stance::rules::ct007 {

// stance cannot invent a key: its policy must let CloudTrail encrypt and the readers decrypt. The user names
// one as the rule's setting kms_key_id.
FixIntent fix(const model::Trail&, const RuleSettings& settings) {
  const std::string_view key = settings.text("kms_key_id");
  if (key.empty()) {
    return {.manual = "needs a KMS key whose policy lets CloudTrail use it: name it as CT-007's setting kms_key_id "
                      "in .stance.yaml (rules: {CT-007: {settings: {kms_key_id: ARN}}})"};
  }
  return {.edits = {{"kms_key_id", std::string(key)}}};
}

}  // namespace stance::rules::ct007
