#include "rules/registry.hpp"

#include <array>
#include <strings.h>

#include "rules/ct001/check.hpp"
#include "rules/ct002/check.hpp"
#include "rules/ct003/check.hpp"
#include "rules/ct004/check.hpp"
#include "rules/ct005/check.hpp"
#include "rules/ct006/check.hpp"
#include "rules/ct007/check.hpp"
#include "rules/ct008/check.hpp"
#include "rules/ct009/check.hpp"
#include "rules/ct010/check.hpp"
#include "rules/ct011/check.hpp"
#include "rules/ct012/check.hpp"
#include "rules/ct013/check.hpp"
#include "rules/ct014/check.hpp"
#include "rules/ct015/check.hpp"

namespace stance::rules {

namespace {

enum class Default { On, Off };
enum class Sources { All, LiveOnly };

constexpr RuleDefinition trail_rule(std::string_view id, std::string_view yaml, TrailCheck check, TrailFix fix,
                                    Default on, Sources sources = Sources::All) {
  return RuleDefinition{id, yaml, check, nullptr, sources == Sources::LiveOnly, on == Default::On, fix, {}};
}
constexpr RuleDefinition account_rule(std::string_view id, std::string_view yaml, AccountCheck check, Default on,
                                      std::string_view manual_fix) {
  return RuleDefinition{id, yaml, nullptr, check, true, on == Default::On, nullptr, manual_fix};
}
// Bucket and key rules judge the trails' log bucket or KMS key, in every source; their fix names the
// bucket's or key's settings, and `manual_fix` what to do where no backend realises it.
constexpr RuleDefinition bucket_rule(std::string_view id, std::string_view yaml, BucketCheck check, BucketFix fix,
                                     Default on, std::string_view manual_fix) {
  RuleDefinition rule{id, yaml};
  rule.enabled_by_default = on == Default::On;
  rule.manual_fix = manual_fix;
  rule.bucket_check = check;
  rule.bucket_fix = fix;
  return rule;
}
constexpr RuleDefinition key_rule(std::string_view id, std::string_view yaml, KeyCheck check, KeyFix fix, Default on,
                                  std::string_view manual_fix) {
  RuleDefinition rule{id, yaml};
  rule.enabled_by_default = on == Default::On;
  rule.manual_fix = manual_fix;
  rule.key_check = check;
  rule.key_fix = fix;
  return rule;
}

// In ID order: reports and `kb list` show them so.
const std::array kRules{
    account_rule("CT-001", ct001::kRuleYaml, &ct001::check, Default::Off,
                 "create a multi-region trail that records management events, or make an existing one so (CT-014, "
                 "CT-010, CT-012 fix each part); see `stance kb show CT-001`"),
    trail_rule("CT-002", ct002::kRuleYaml, &ct002::check, &ct002::fix, Default::Off),
    bucket_rule("CT-003", ct003::kRuleYaml, &ct003::check, &ct003::fix, Default::Off, ct003::kManualFix),
    bucket_rule("CT-004", ct004::kRuleYaml, &ct004::check, &ct004::fix, Default::Off, ct004::kManualFix),
    trail_rule("CT-005", ct005::kRuleYaml, &ct005::check, &ct005::fix, Default::Off),
    account_rule("CT-006", ct006::kRuleYaml, &ct006::check, Default::Off,
                 "keep global service events on one multi-region trail and turn them off on the others (which one "
                 "keeps them is your choice); see `stance kb show CT-006`"),
    trail_rule("CT-007", ct007::kRuleYaml, &ct007::check, &ct007::fix, Default::Off),
    bucket_rule("CT-008", ct008::kRuleYaml, &ct008::check, &ct008::fix, Default::Off, ct008::kManualFix),
    trail_rule("CT-009", ct009::kRuleYaml, &ct009::check, &ct009::fix, Default::Off),
    trail_rule("CT-010", ct010::kRuleYaml, &ct010::check, &ct010::fix, Default::On),
    trail_rule("CT-011", ct011::kRuleYaml, &ct011::check, &ct011::fix, Default::Off, Sources::LiveOnly),
    trail_rule("CT-012", ct012::kRuleYaml, &ct012::check, &ct012::fix, Default::Off),
    bucket_rule("CT-013", ct013::kRuleYaml, &ct013::check, &ct013::fix, Default::Off, ct013::kManualFix),
    trail_rule("CT-014", ct014::kRuleYaml, &ct014::check, &ct014::fix, Default::Off),
    key_rule("CT-015", ct015::kRuleYaml, &ct015::check, &ct015::fix, Default::Off, ct015::kManualFix),
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
