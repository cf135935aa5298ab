#include "engine/registry.hpp"

#include <array>
#include <strings.h>

#include "rules/ct010/check.hpp"

namespace stance::engine {

namespace {
const std::array kRules{
    RuleDefinition{"CT-010", rules::ct010::kRuleYaml, &rules::ct010::check},
};
}  // namespace

std::span<const RuleDefinition> registered_rules() { return kRules; }

const RuleDefinition* find_rule(std::string_view id) {
  for (const auto& rule : kRules) {
    if (rule.id.size() == id.size() && strncasecmp(rule.id.data(), id.data(), id.size()) == 0) return &rule;
  }
  return nullptr;
}

bool RuleSettings::flag(std::string_view name, bool fallback) const {
  auto it = values.find(name);
  if (it == values.end()) return fallback;
  return it->second == "true";
}

}  // namespace stance::engine
