// CT-010 "CloudTrail Management Events": every trail records management events, read and write.
// Semantics: ../shared/DESIGN.md section 2 (normative). The article text is rule.yaml beside this file.
#pragma once

#include <string_view>

#include "rules/rule.hpp"
#include "model/trail.hpp"

namespace stance::rules::ct010 {

extern const std::string_view kRuleYaml;

// Settings (defaults in rule.yaml): allow_excluded_sources (true), require_read_and_write (true).
CheckOutcome check(const model::Trail& trail, const RuleSettings& settings);

// The change that makes a failing trail pass (fix.cpp).
FixIntent fix(const model::Trail& trail, const RuleSettings& settings);

}  // namespace stance::rules::ct010
