// What the selected rules ask of each trail of a unit, gathered from the baseline scan: the rules that fail a
// trail and have an automatic fix intent (rules/rule.hpp), their field edits merged into one set, and the
// rules that cannot be fixed with the reason. No rule is named here: the intents come from the registry, and
// the CloudFormation and Terraform planners realise them through the field schema (model/trail_fields.hpp).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "fix/template_fix.hpp"
#include "rules/rule.hpp"
#include "fix/verify.hpp"

namespace stance::fix {

// One schema field to set, and the rules that want it (several rules may want the same value).
struct FieldChange {
  std::string field;                        // a row of model/trail_fields: "log_file_validation"
  std::variant<bool, std::string> value;
  std::vector<std::string> rule_ids;
  bool is_string() const { return std::holds_alternative<std::string>(value); }
  // The value as the text edits compare it: "true" / "false", or the string.
  std::string text() const;
};

// A setting of a failing bucket or key (rules/rule.hpp), and the rules that want it.
struct SettingChange {
  rules::ResourceSetting setting;
  std::vector<std::string> rule_ids;
};

struct RuleSkip {
  std::string rule_id;
  std::string reason;
  std::string status = "fail";  // the finding's verdict as reasons name it: "fail", "unknown", "fail (suppressed)"
};

struct TrailIntents {
  std::string id;           // the finding's resource id: logical ID or Terraform address
  std::string root_module;  // Terraform: the root module, else empty
  std::vector<RuleSkip> skipped;       // rules whose finding is not a pass and that this fix leaves alone
  std::vector<std::string> rule_ids;   // the rules the fix is for, in evaluation order
  std::vector<FieldChange> edits;      // merged: each field once
  std::string selector_rule;           // the rule asking for selectors recording all management events, or ""
  // A bucket or key rule's fix: the resource's type ("AWS::S3::Bucket", "AWS::KMS::Key"; "" for a trail),
  // its settings, and what the rules say goes with the change (told with the planned fix).
  std::string resource_type;
  std::vector<SettingChange> settings;
  std::vector<std::pair<std::string, std::string>> notes;  // rule, note
  bool automatic() const { return !rule_ids.empty(); }
  // Drops `rule` from the fix (its edits too, unless another rule of the fix wants them), as skipped with
  // `reason`.
  void drop(const std::string& rule, const std::string& reason);
};

// Where in-source suppressions live, for the skip reason: "the template" or "the configuration".
std::vector<TrailIntents> trail_intents(const Baseline& baseline, const FixOptions& options,
                                        const kb::KnowledgeBase& kb, const std::string& suppressed_in);

// The field's name in a source: the CloudFormation property or the Terraform attribute; empty when the
// field is not in the schema or the source has no such field.
std::string cloudformation_name(const std::string& field);
std::string terraform_name(const std::string& field);

// What a planned fix says beyond its edits: "; CT-003: stance never edits a bucket policy ...".
std::string notes_of(const TrailIntents& intents);

// The rules the selection runs that can fail a template's trail or its bucket or key (trail, bucket and key
// rules that are not live-only), in
// registry order: what "nothing to fix" names. Mirrors the evaluator's choice (engine/evaluator.hpp).
std::vector<std::string> template_rules(const engine::EvaluationOptions& rules, const engine::Config& config);

// " (CT-002)" / " (CT-005, CT-014)": which rules an edit is for, for the reasons.
std::string for_rules(const std::vector<std::string>& rule_ids);

}  // namespace stance::fix
