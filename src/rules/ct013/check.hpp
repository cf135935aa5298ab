// CT-013 "CloudTrail S3 Bucket Object Lock": the trail's bucket has Object Lock enabled.
// Semantics: ../shared/DESIGN.md section 3 (normative). The article text is rule.yaml beside this file.
#pragma once

#include <string_view>

#include "model/bucket.hpp"
#include "rules/rule.hpp"

namespace stance::rules::ct013 {

extern const std::string_view kRuleYaml;

CheckOutcome check(const model::Bucket& bucket, const RuleSettings& settings);

// The fix for a failing bucket: its settings, or manual with the reason (rules/rule.hpp).
FixIntent fix(const model::Bucket& bucket, const RuleSettings& settings);

// Why stance does not change this by itself, and what to do (RuleDefinition::manual_fix).
extern const std::string_view kManualFix;

}  // namespace stance::rules::ct013
