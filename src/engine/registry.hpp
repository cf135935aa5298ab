// The engine runs the rules of the registry (rules/registry.hpp); these are the names the engine's callers
// know them by.
#pragma once

#include "engine/finding.hpp"
#include "rules/registry.hpp"

namespace stance::engine {

using rules::AccountCheck;
using rules::CheckOutcome;
using rules::find_rule;
using rules::registered_rules;
using rules::RuleDefinition;
using rules::RuleSettings;
using rules::TrailCheck;

}  // namespace stance::engine
