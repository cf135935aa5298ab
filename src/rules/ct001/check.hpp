// CT-001 "CloudTrail Enabled" (account rule, live and snapshot input): at least one trail that applies to the
// account (its own, or an organization trail of its organization) is multi-region, logging, and passes CT-010.
// Semantics: ../shared/DESIGN.md section 3 (normative). The article text is rule.yaml beside this file.
#pragma once

#include <optional>
#include <string_view>

#include "rules/rule.hpp"
#include "model/inventory.hpp"

namespace stance::rules::ct001 {

extern const std::string_view kRuleYaml;

std::optional<CheckOutcome> check(const model::Account& account, const model::Inventory& inventory,
                                          const RuleSettings& settings);

}  // namespace stance::rules::ct001
