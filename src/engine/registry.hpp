// The rule registry: an explicit list (no static self-registration), so what runs is visible in one
// place. Adding a rule = a new folder under src/rules/ + one line in registry.cpp.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/finding.hpp"
#include "model/inventory.hpp"
#include "model/trail.hpp"

namespace stance::engine {

// Effective settings of one rule: the knowledge base's defaults overridden by .stance.yaml.
struct RuleSettings {
  std::map<std::string, std::string, std::less<>> values;
  // A boolean setting; `fallback` when it is absent.
  bool flag(std::string_view name, bool fallback) const;
};

// What a check decides for one resource. The evaluator adds rule ID, severity, resource and
// suppressions to turn it into a Finding.
struct CheckOutcome {
  Status status = Status::Pass;
  std::string message;
  model::Location location;  // the deciding attribute, or the resource when the value was defaulted
};

// A trail rule judges one trail.
using TrailCheck = CheckOutcome (*)(const model::Trail&, const RuleSettings&);
// An account rule judges one account with the trails of its unit; nullopt = no finding (CT-006 when no
// trail includes global service events).
using AccountCheck = std::optional<CheckOutcome> (*)(const model::Account&, const model::Inventory&,
                                                     const RuleSettings&);

// A rule's subject comes from which check it has: exactly one of `trail_check` and `account_check` is set.
struct RuleDefinition {
  std::string_view id;         // "CT-010"
  std::string_view rule_yaml;  // the embedded knowledge-base article
  TrailCheck trail_check = nullptr;
  AccountCheck account_check = nullptr;
  // Judged only from what the live API returns (GetTrailStatus' delivery errors): no finding on templates.
  bool live_only = false;
  // Runs when neither the command line nor .stance.yaml selects rules. The CloudTrail family beyond CT-010
  // starts opt-in (--all-rules, --framework, --rule, or `enabled: true` in .stance.yaml), so that upgrading
  // stance does not turn a passing CI gate red; see README "Choosing rules".
  bool enabled_by_default = false;
};

std::span<const RuleDefinition> registered_rules();
const RuleDefinition* find_rule(std::string_view id);  // case-insensitive

}  // namespace stance::engine
