// CT-009 "CloudTrail Integrated with CloudWatch Logs": events go to a CloudWatch Logs log group through a
// role; live, they also arrived within the last 24 hours.
// Semantics: ../shared/DESIGN.md section 3 (normative). The article text is rule.yaml beside this file.
#pragma once

#include <string_view>

#include "rules/rule.hpp"
#include "model/trail.hpp"

namespace stance::rules::ct009 {

extern const std::string_view kRuleYaml;

CheckOutcome check(const model::Trail& trail, const RuleSettings& settings);

// The change that makes a failing trail pass (fix.cpp).
FixIntent fix(const model::Trail& trail, const RuleSettings& settings);

}  // namespace stance::rules::ct009
