// The rule registry: an explicit list (no static self-registration), so what runs is visible in one
// place. Adding a rule = a new folder under src/rules/ + one line in registry.cpp.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "engine/finding.hpp"
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

using TrailCheck = CheckOutcome (*)(const model::Trail&, const RuleSettings&);

struct RuleDefinition {
  std::string_view id;         // "CT-010"
  std::string_view rule_yaml;  // the embedded knowledge-base article
  TrailCheck check;
};

std::span<const RuleDefinition> registered_rules();
const RuleDefinition* find_rule(std::string_view id);  // case-insensitive

}  // namespace stance::engine
