// Runs the registered rules over normalised trails: effective settings (knowledge-base defaults, then
// .stance.yaml), severity, in-source suppressions and configured exceptions. Findings come out in a
// stable order (location, then rule, then resource) so reports are reproducible.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/config.hpp"
#include "engine/finding.hpp"
#include "engine/registry.hpp"
#include "kb/knowledge_base.hpp"
#include "model/inventory.hpp"
#include "model/trail.hpp"

namespace stance::engine {

// Which rules run. Empty `only_rules` and `all_rules` false: the rules .stance.yaml enables, else those on by
// default. `skip_rules` always wins.
struct EvaluationOptions {
  std::vector<std::string> only_rules;  // --rule, and the rules of --framework
  std::vector<std::string> skip_rules;  // --skip-rule
  bool all_rules = false;               // --all-rules: every registered rule .stance.yaml does not disable
};

// Evaluates one unit: a template, a Terraform root module, or the accounts of a live scan or snapshot.
std::vector<Finding> evaluate(const model::Inventory& inventory, const Config& config, const kb::KnowledgeBase& kb,
                              const EvaluationOptions& options = {});
// A unit of trails only (templates and Terraform: account rules have no subject there).
std::vector<Finding> evaluate(const std::vector<model::Trail>& trails, const Config& config,
                              const kb::KnowledgeBase& kb, const EvaluationOptions& options = {});

// The rules an evaluation with these options runs, in registry order: the command line's selection, else
// .stance.yaml's `enabled`, else the rule's default (--all-rules: every rule). History and fix ask the same.
std::vector<const RuleDefinition*> selected_rules(const Config& config, const EvaluationOptions& options);

// Registered rule IDs with the names of their settings (from the knowledge base), for validating
// configuration files.
KnownRules known_rules(const kb::KnowledgeBase& kb);

void sort_findings(std::vector<Finding>& findings);

// A rule's effective settings: the knowledge base's defaults, then the configuration's values.
RuleSettings rule_settings(std::string_view rule_id, const Config& config, const kb::KnowledgeBase& kb);

}  // namespace stance::engine
