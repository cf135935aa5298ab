// Compliance frameworks as data (src/rules/frameworks.yaml): each framework lists every control of its
// CloudTrail/logging scope, and maps rule IDs to some of those controls. The knowledge base fills every
// Article::compliance from these mappings, and a per-control summary can say "manual" for a control that
// no rule covers. A new framework, or a new rule in a framework, is one data-file edit.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"
#include "model/diagnostic.hpp"
#include "rules/rule.hpp"
#include "kb/article.hpp"

namespace stance::kb {

// The embedded src/rules/frameworks.yaml.
extern const std::string_view kFrameworksYaml;

struct Control {
  std::string id;     // "3.1", "CloudTrail.2", "AU-12", "Req. 10.5.1"
  std::string title;  // "Ensure CloudTrail is enabled in all regions"
};

// One rule mapped to controls of one framework.
struct FrameworkMapping {
  std::string rule_id;                // "CT-010", as written
  std::vector<std::string> controls;  // ["AU-2", "AU-12"]: at least one, each listed in the framework
  std::vector<doc::Mark> control_marks;  // where each control is written, for errors
  std::string source;                 // file the mapping came from, for errors
  doc::Mark where;                    // the rule ID key
};

struct Framework {
  std::string id;       // "cis-aws-foundations-v3": the command-line name (lower case, digits, '.', '-')
  std::string name;     // "CIS AWS Foundations Benchmark v3.0.0": shown in articles and reports
  std::string version;  // optional
  std::string url;      // optional
  std::vector<Control> controls;          // every control of the scope, in the framework's order
  std::vector<FrameworkMapping> mappings;  // in file order
  std::string source;                      // file the framework was (first) defined in
  doc::Mark where;                         // its id value
};

// A control with the rules mapped to it; no rules means a manual control (no rule covers it).
struct ControlCoverage {
  const Control* control;
  std::vector<std::string> rule_ids;  // in mapping order
};

// Every control of `framework` in its order, with the rules mapped to each.
std::vector<ControlCoverage> coverage(const Framework& framework);
// The rule IDs `framework` maps, in mapping order, each once.
std::vector<std::string> rules_of(const Framework& framework);

// The frameworks a knowledge base knows, in file order.
class Frameworks {
 public:
  Frameworks() = default;
  explicit Frameworks(std::vector<Framework> all) : all_(std::move(all)) {}
  const std::vector<Framework>& all() const { return all_; }
  const Framework* find(std::string_view id) const;  // case-insensitive
  std::string ids() const;                           // "cis-aws-foundations-v3, aws-fsbp, ...", for messages

 private:
  std::vector<Framework> all_;
};

struct FrameworksParse {
  std::vector<Framework> frameworks;  // in file order; an entry may only extend a framework defined elsewhere
  std::vector<model::ScanError> errors;
};

// Reads one frameworks.yaml: keys, types, slugs, duplicate framework, control and rule IDs within the file.
FrameworksParse parse_frameworks(std::string_view yaml_text, const std::string& source_name);

// Adds `more` to `into`. A framework with a new id is appended and must have a name and controls. A
// framework whose id is already there is extended: the fields `more` gives replace the old ones, and a
// mapping for a rule already mapped replaces that rule's controls. Used for frameworks.yaml in --kb-dir.
void merge_frameworks(std::vector<Framework>& into, std::vector<Framework> more, std::vector<model::ScanError>& errors);

// What can only be checked once every file is merged: each mapped control is listed by its framework, and
// each mapped rule ID is one of `known_rule_ids` (a typo must not map nothing silently).
void check_frameworks(const std::vector<Framework>& frameworks, std::span<const std::string> known_rule_ids,
                      std::vector<model::ScanError>& errors);

struct FrameworksLoad {
  Frameworks frameworks;
  std::vector<model::ScanError> errors;
};

// parse_frameworks + merge_frameworks + check_frameworks for one self-contained file.
FrameworksLoad load_frameworks(std::string_view yaml_text, const std::string& source_name,
                               std::span<const std::string> known_rule_ids);

// Sets every article's compliance from `frameworks`, in framework order then mapping order. Mappings to
// rules without an article are skipped here (check_frameworks reports them).
void apply_mappings(const Frameworks& frameworks, std::vector<Article>& articles);

}  // namespace stance::kb
