// Compliance frameworks as data (src/rules/frameworks.yaml): framework -> rule IDs -> controls. The
// knowledge base fills every Article::compliance from these mappings, so a new framework, or a new rule
// in a framework, is one data-file edit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"
#include "engine/finding.hpp"
#include "kb/article.hpp"

namespace stance::kb {

// The embedded src/rules/frameworks.yaml.
extern const std::string_view kFrameworksYaml;

struct FrameworkMapping {
  std::string framework;              // "NIST 800-53 rev4"
  std::string rule_id;                // "CT-010", as written
  std::vector<std::string> controls;  // ["AU-2", "AU-3", "AU-12"]; empty = the framework as a whole
  std::string source;                 // file the mapping came from, for errors
  doc::Mark where;                    // the rule ID key
};

struct FrameworksParse {
  std::vector<FrameworkMapping> mappings;  // in file order
  std::vector<engine::ScanError> errors;
};

FrameworksParse parse_frameworks(std::string_view yaml_text, const std::string& source_name);

// Adds `more` to `into`: a mapping for a (framework, rule) pair already present replaces its controls in
// place, a new pair is appended. Used for frameworks.yaml files in --kb-dir.
void merge_mappings(std::vector<FrameworkMapping>& into, std::vector<FrameworkMapping> more);

// Sets every article's compliance from `mappings`, in mapping order. A mapping for a rule without an
// article is an error at the mapping's position.
void apply_mappings(const std::vector<FrameworkMapping>& mappings, std::vector<Article>& articles,
                    std::vector<engine::ScanError>& errors);

}  // namespace stance::kb
