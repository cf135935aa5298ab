// Event selectors written out in the syntaxes a person pastes them into: the AWS CLI's JSON argument,
// CloudFormation YAML and JSON, Terraform HCL. Every value must be known (a SelectorPlan's selectors are).
// Strings are quoted wherever the syntax needs it, so a value cannot break out of its place.
#pragma once

#include <string>
#include <vector>

#include "model/trail.hpp"

namespace stance::fix::syntax {

// `--event-selectors` / `--advanced-event-selectors` argument: a JSON array with one selector per line
// ('[\n<indent+2>{...},\n<indent+2>{...}\n<indent>]'), quoted for the shell (shell::quote).
std::string cli_argument(const std::vector<std::string>& selector_json, std::size_t indent);

// "EventSelectors:\n  - IncludeManagementEvents: true\n    ReadWriteType: All\n..." (block style, flow lists).
std::string cloudformation_yaml(const std::vector<model::EventSelector>& selectors);
std::string cloudformation_yaml(const std::vector<model::AdvancedEventSelector>& selectors);

// "\"EventSelectors\": [\n  {\n ..." — the property as it goes into a resource's Properties object.
std::string cloudformation_json(const std::vector<model::EventSelector>& selectors);
std::string cloudformation_json(const std::vector<model::AdvancedEventSelector>& selectors);

// `event_selector { ... }` / `advanced_event_selector { ... }` blocks, in Terraform's canonical layout
// (two-space indent, `=` aligned within a group of attributes).
std::string terraform(const std::vector<model::EventSelector>& selectors);
std::string terraform(const std::vector<model::AdvancedEventSelector>& selectors);

// Quoting, exposed for tests.
std::string yaml_scalar(const std::string& text, bool in_flow);  // plain when safe, else "double-quoted"
std::string hcl_string(const std::string& text);                  // "..." with \, ", ${ and %{ escaped
std::string json_string(const std::string& text);                 // "..." escaped, nothing a terminal acts on

}  // namespace stance::fix::syntax
