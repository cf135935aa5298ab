// CT-006 "CloudTrail Global Services Logging Duplicated" (account rule, live and snapshot input): fails when
// more than one trail that applies to the account includes global service events, which are then delivered
// once per trail. Passes with exactly one; no finding with none.
// Semantics: ../shared/DESIGN.md section 3 (normative). The article text is rule.yaml beside this file.
#pragma once

#include <optional>
#include <string_view>

#include "rules/rule.hpp"
#include "model/inventory.hpp"

namespace stance::rules::ct006 {

extern const std::string_view kRuleYaml;

std::optional<CheckOutcome> check(const model::Account& account, const model::Inventory& inventory,
                                          const RuleSettings& settings);

}  // namespace stance::rules::ct006
