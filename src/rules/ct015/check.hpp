// CT-015 "CloudTrail KMS Key Rotation": the key a trail encrypts with rotates automatically.
// Semantics: ../shared/DESIGN.md section 3 (normative). The article text is rule.yaml beside this file.
#pragma once

#include <string_view>

#include "model/key.hpp"
#include "rules/rule.hpp"

namespace stance::rules::ct015 {

extern const std::string_view kRuleYaml;

CheckOutcome check(const model::Key& key, const RuleSettings& settings);

// The fix for a failing key: its settings, or manual with the reason (rules/rule.hpp).
FixIntent fix(const model::Key& key, const RuleSettings& settings);

// Why stance does not change this by itself, and what to do (RuleDefinition::manual_fix).
extern const std::string_view kManualFix;

}  // namespace stance::rules::ct015
