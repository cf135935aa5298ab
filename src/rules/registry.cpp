#include "rules/registry.hpp"

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

namespace stance::rules {

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
    account_rule("CT-001", ct001::kRuleYaml, &ct001::check, Default::Off),
    trail_rule("CT-002", ct002::kRuleYaml, &ct002::check, Default::Off),
    trail_rule("CT-005", ct005::kRuleYaml, &ct005::check, Default::Off),
    account_rule("CT-006", ct006::kRuleYaml, &ct006::check, Default::Off),
    trail_rule("CT-007", ct007::kRuleYaml, &ct007::check, Default::Off),
    trail_rule("CT-009", ct009::kRuleYaml, &ct009::check, Default::Off),
    trail_rule("CT-010", ct010::kRuleYaml, &ct010::check, Default::On),
    trail_rule("CT-011", ct011::kRuleYaml, &ct011::check, Default::Off, Sources::LiveOnly),
    trail_rule("CT-012", ct012::kRuleYaml, &ct012::check, Default::Off),
    trail_rule("CT-014", ct014::kRuleYaml, &ct014::check, Default::Off),
};

}  // namespace

std::span<const RuleDefinition> registered_rules() { return kRules; }

const RuleDefinition* find_rule(std::string_view id) {
  for (const auto& rule : kRules) {
    if (rule.id.size() == id.size() && strncasecmp(rule.id.data(), id.data(), id.size()) == 0) return &rule;
  }
  return nullptr;
}

}  // namespace stance::rules
