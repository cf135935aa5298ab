// CT-002 "CloudTrail Log File Integrity Validation": a trail validates its log files (digest files).
// Semantics: ../shared/DESIGN.md section 3 (normative). The article text is rule.yaml beside this file.
#pragma once

#include <string_view>

#include "rules/rule.hpp"
#include "model/trail.hpp"

namespace stance::rules::ct002 {

extern const std::string_view kRuleYaml;

CheckOutcome check(const model::Trail& trail, const RuleSettings& settings);

// The change that makes a failing trail pass (fix.cpp).
FixIntent fix(const model::Trail& trail, const RuleSettings& settings);

}  // namespace stance::rules::ct002
