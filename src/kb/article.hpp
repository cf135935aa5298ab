// A knowledge-base article: everything stance knows about one rule, loaded from the rule's rule.yaml.
// The text is data (compiled into the binary, overridable with --kb-dir); the check is code.
#pragma once

#include <string>
#include <vector>

#include "model/diagnostic.hpp"
#include "rules/rule.hpp"

namespace stance::kb {

struct Setting {
  std::string name;
  std::string type;           // "bool" (only type so far)
  std::string default_value;  // as written: "true"
  std::string description;
};

struct ComplianceRef {
  std::string framework;  // "NIST 800-53 rev4"
  std::string controls;   // "AU-2, AU-12" — may be empty when the mapping is to the framework as a whole
};

struct Equivalent {
  std::string tool;        // "AWS Security Hub"
  std::string control;     // "CloudTrail.1"
  std::string difference;  // how it differs from this rule
};

struct Snippet {
  // "console" (prose steps) | "cli" | "json" (example output) | "cloudformation-json" |
  // "cloudformation-yaml" | "terraform"
  std::string kind;
  std::string title;
  std::string note;  // optional prose shown before the snippet (what to watch out for)
  std::string text;
};

struct Article {
  std::string id;       // "CT-010"
  std::string title;    // "CloudTrail Management Events"
  std::string service;  // "CloudTrail"
  rules::Severity risk = rules::Severity::Medium;
  std::string risk_label;  // "Medium" as the article says it
  std::vector<std::string> resource_types;
  std::string summary;    // one paragraph: what the rule checks
  std::string rationale;  // why it matters
  std::string evaluation;  // how stance decides: the rule's semantics in prose (optional)
  std::vector<Snippet> audit;        // console steps, CLI steps
  std::vector<Snippet> remediation;  // console, CLI, CloudFormation JSON/YAML, Terraform
  std::vector<Setting> settings;
  std::vector<ComplianceRef> compliance;
  std::vector<Equivalent> equivalents;
  std::vector<std::string> references;  // URLs
  std::string source;  // where it was loaded from ("builtin:CT-010" or a file path), for error messages
};

}  // namespace stance::kb
