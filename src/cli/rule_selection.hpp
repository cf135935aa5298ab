// Which rules a command runs: --rule, --skip-rule, --framework and --all-rules, shared by scan and fix so
// that `stance fix` fixes what the same `stance scan` reports.
#pragma once
#include <string>
#include <vector>

#include "engine/evaluator.hpp"
#include "kb/knowledge_base.hpp"

namespace CLI {
class App;
}

namespace stance::cli {

struct RuleSelectionArgs {
  std::vector<std::string> rules;       // --rule
  std::vector<std::string> skip_rules;  // --skip-rule
  std::vector<std::string> frameworks;  // --framework: the rules each maps
  bool all_rules = false;               // --all-rules
};

// Adds the four options to a subcommand; `verb` is what the command does with a rule ("Run", "Fix").
void add_rule_selection(CLI::App& command, RuleSelectionArgs& args, const std::string& verb);

struct RuleSelection {
  engine::EvaluationOptions options;
  std::vector<const kb::Framework*> frameworks;  // each once, in command-line order
  std::string error;                             // an unknown rule or framework: the usage error
};

RuleSelection resolve_rule_selection(const RuleSelectionArgs& args, const kb::KnowledgeBase& kb);

}  // namespace stance::cli
