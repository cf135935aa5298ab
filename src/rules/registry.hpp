// The rule registry: an explicit list (no static self-registration), so what runs is visible in one
// place. Adding a rule = a new folder under src/rules/ + one line in registry.cpp.
#pragma once

#include <span>
#include <string_view>

#include "rules/rule.hpp"

namespace stance::rules {

std::span<const RuleDefinition> registered_rules();
const RuleDefinition* find_rule(std::string_view id);  // case-insensitive

}  // namespace stance::rules
