#include "cli/rule_selection.hpp"

#include <algorithm>

#include <CLI/CLI.hpp>

#include "engine/registry.hpp"
#include "kb/frameworks.hpp"

namespace stance::cli {

void add_rule_selection(CLI::App& command, RuleSelectionArgs& args, const std::string& verb) {
  command.add_option("-r,--rule", args.rules, verb + " only this rule (repeatable)")
      ->type_name("RULE")
      ->allow_extra_args(false);
  command.add_option("--skip-rule", args.skip_rules, "Leave this rule out (repeatable)")
      ->type_name("RULE")
      ->allow_extra_args(false);
  command.add_option("--framework", args.frameworks,
                     verb + " the rules a compliance framework maps, e.g. cis-aws-foundations-v3 (repeatable; "
                            "`stance kb list --framework ID`)")
      ->type_name("ID")
      ->allow_extra_args(false);
  command.add_flag("--all-rules", args.all_rules,
                   verb + " every rule, not only those on by default (CT-010); .stance.yaml may still disable some");
}

RuleSelection resolve_rule_selection(const RuleSelectionArgs& args, const kb::KnowledgeBase& kb) {
  RuleSelection out;
  for (const auto& r : args.rules) {
    if (!engine::find_rule(r)) {
      out.error = "--rule: unknown rule \"" + r + "\" (see `stance kb list`)";
      return out;
    }
  }
  for (const auto& r : args.skip_rules) {
    if (!engine::find_rule(r)) {
      out.error = "--skip-rule: unknown rule \"" + r + "\" (see `stance kb list`)";
      return out;
    }
  }
  out.options.only_rules = args.rules;
  for (const auto& id : args.frameworks) {
    const kb::Framework* framework = kb.frameworks().find(id);
    if (!framework) {
      out.error = "--framework: unknown framework \"" + id + "\"; known: " + kb.frameworks().ids();
      return out;
    }
    if (std::find(out.frameworks.begin(), out.frameworks.end(), framework) == out.frameworks.end()) {
      out.frameworks.push_back(framework);
    }
    for (auto& r : kb::rules_of(*framework)) out.options.only_rules.push_back(std::move(r));
  }
  out.options.skip_rules = args.skip_rules;
  out.options.all_rules = args.all_rules;
  return out;
}

}  // namespace stance::cli
