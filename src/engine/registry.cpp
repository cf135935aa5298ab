#include "engine/registry.hpp"

#include <array>
#include <strings.h>

#include "rules/ct001/check.hpp"
#include "rules/ct002/check.hpp"
#include "rules/ct005/check.hpp"
#include "rules/ct006/check.hpp"
#include "rules/ct007/check.hpp"
#include "rules/ct009/check.hpp"
#include "rules/ct010/check.hpp"
#include "rules/ct011/check.hpp"
#include "rules/ct012/check.hpp"
#include "rules/ct014/check.hpp"

namespace stance::engine {

namespace {

enum class Default { On, Off };
enum class Sources { All, LiveOnly };

constexpr RuleDefinition trail_rule(std::string_view id, std::string_view yaml, TrailCheck check, Default on,
                                    Sources sources = Sources::All) {
  return RuleDefinition{id, yaml, check, nullptr, sources == Sources::LiveOnly, on == Default::On};
}
constexpr RuleDefinition account_rule(std::string_view id, std::string_view yaml, AccountCheck check, Default on) {
  return RuleDefinition{id, yaml, nullptr, check, true, on == Default::On};
}

// In ID order: reports and `kb list` show them so.
const std::array kRules{
    account_rule("CT-001", rules::ct001::kRuleYaml, &rules::ct001::check, Default::Off),
    trail_rule("CT-002", rules::ct002::kRuleYaml, &rules::ct002::check, Default::Off),
    trail_rule("CT-005", rules::ct005::kRuleYaml, &rules::ct005::check, Default::Off),
    account_rule("CT-006", rules::ct006::kRuleYaml, &rules::ct006::check, Default::Off),
    trail_rule("CT-007", rules::ct007::kRuleYaml, &rules::ct007::check, Default::Off),
    trail_rule("CT-009", rules::ct009::kRuleYaml, &rules::ct009::check, Default::Off),
    trail_rule("CT-010", rules::ct010::kRuleYaml, &rules::ct010::check, Default::On),
    trail_rule("CT-011", rules::ct011::kRuleYaml, &rules::ct011::check, Default::Off, Sources::LiveOnly),
    trail_rule("CT-012", rules::ct012::kRuleYaml, &rules::ct012::check, Default::Off),
    trail_rule("CT-014", rules::ct014::kRuleYaml, &rules::ct014::check, Default::Off),
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
