// What a rule is written in: its verdicts and severities, its effective settings, what a check returns, and
// a rule's definition (its article and its check). Rules include this and the model, nothing of the engine,
// so the engine can run rules without the two folders depending on each other.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/account.hpp"
#include "model/bucket.hpp"
#include "model/inventory.hpp"
#include "model/key.hpp"
#include "model/location.hpp"
#include "model/trail.hpp"

namespace stance::rules {

enum class Status { Pass, Fail, Unknown, Error };
enum class Severity { Info, Low, Medium, High, Critical };

const char* to_string(Status status);      // "pass" | "fail" | "unknown" | "error"
const char* to_string(Severity severity);  // "info" | "low" | "medium" | "high" | "critical"
std::optional<Severity> parse_severity(std::string_view text);  // case-insensitive; "very-high" = high

// Effective settings of one rule: the knowledge base's defaults overridden by .stance.yaml.
struct RuleSettings {
  std::map<std::string, std::string, std::less<>> values;
  // A boolean setting; `fallback` when it is absent.
  bool flag(std::string_view name, bool fallback) const;
  // A string setting; empty when absent.
  std::string_view text(std::string_view name) const;
};

// What a check decides for one resource. The evaluator adds rule ID, severity, resource and
// suppressions to turn it into a Finding.
struct CheckOutcome {
  Status status = Status::Pass;
  std::string message;
  model::Location location;  // the deciding attribute, or the resource when the value was defaulted
};

// A rule's fix, said on the model: set schema fields of the failing trail (model/trail_fields.hpp rows),
// and for CT-010 make its event selectors record management events. The fix backends (CloudFormation
// text, Terraform text, live API calls) realise an intent through the schema rows with no rule-specific
// code, and every realised change is verified by re-reading and re-running every rule.
struct FieldEdit {
  std::string_view field;                  // a row of model/trail_fields: "log_file_validation"
  std::variant<bool, std::string> value;   // bool rows take bool, string rows take string
};

// A setting of a bucket or key (CT-003, CT-008, CT-013, CT-015). Buckets and keys have no field schema, so
// the rule names the setting as each source writes it; the backends realise it with no rule-specific code.
struct ResourceSetting {
  // CloudFormation: a property of the resource, either a scalar (`value`, `members` empty) or a mapping
  // whose `members` are each set, the absent ones added (PublicAccessBlockConfiguration).
  std::string_view cloudformation_property;
  std::vector<FieldEdit> cloudformation_members;
  std::variant<bool, std::string> value;
  // Terraform: an attribute of the resource block (`value`), or, when `terraform_companion` is set, a
  // resource of that type joined to the bucket by `bucket = TYPE.NAME.id` with these attributes: an
  // existing one is completed, else one is added after the bucket's block.
  std::string_view terraform_attribute;
  std::string_view terraform_companion;
  std::vector<FieldEdit> terraform_members;
};

struct FixIntent {
  std::vector<FieldEdit> edits;            // realised together (one UpdateTrail, one template edit)
  // The failing bucket's or key's settings (bucket and key rules), realised together in one edit.
  std::vector<ResourceSetting> settings;
  // Said with a planned fix: what the change means beyond the finding ("the statement Sid=Public still
  // grants everyone: remove it by hand", "Object Lock cannot be turned off").
  std::string note;
  // The change cannot be undone or replaces the resource: planned only when the user names the rule with
  // --rule and confirms with --yes; otherwise skipped with `note`.
  bool needs_explicit_opt_in = false;
  // The selectors must record all management events (CT-010): the selector planners find the smallest
  // change (flip a flag, widen ReadWriteType, drop a narrowing field selector, or append a selector).
  bool record_management_events = false;
  // Nothing to realise: why not, and what the user can do ("name the key as the rule's setting kms_key_id
  // in .stance.yaml"). The backends report the fix as skipped with this reason and the rule's snippet.
  std::string manual;
  bool automatic() const {
    return manual.empty() && (record_management_events || !edits.empty() || !settings.empty());
  }
};

// A trail rule judges one trail.
using TrailCheck = CheckOutcome (*)(const model::Trail&, const RuleSettings&);
// An account rule judges one account with the trails of its unit; nullopt = no finding (CT-006 when no
// trail includes global service events).
using AccountCheck = std::optional<CheckOutcome> (*)(const model::Account&, const model::Inventory&,
                                                     const RuleSettings&);
// A bucket rule judges one of the unit's buckets that a trail delivers to (the evaluator finds them through
// the trails' log_bucket and names the trails in the message); a key rule likewise a trail's KMS key.
using BucketCheck = CheckOutcome (*)(const model::Bucket&, const RuleSettings&);
using KeyCheck = CheckOutcome (*)(const model::Key&, const RuleSettings&);
// The fix of a trail rule for one failing trail; called only when the check failed.
using TrailFix = FixIntent (*)(const model::Trail&, const RuleSettings&);
// The fix of a bucket or key rule for one failing bucket or key (its settings, or manual with the reason).
using BucketFix = FixIntent (*)(const model::Bucket&, const RuleSettings&);
using KeyFix = FixIntent (*)(const model::Key&, const RuleSettings&);

// A rule's subject comes from which check it has: exactly one of `trail_check`, `account_check`,
// `bucket_check` and `key_check` is set.
struct RuleDefinition {
  std::string_view id;         // "CT-010"
  std::string_view rule_yaml;  // the embedded knowledge-base article
  TrailCheck trail_check = nullptr;
  AccountCheck account_check = nullptr;
  // Judged only from what the live API returns (GetTrailStatus' delivery errors): no finding on templates.
  bool live_only = false;
  // Runs when neither the command line nor .stance.yaml selects rules. The CloudTrail family beyond CT-010
  // starts opt-in (--all-rules, --framework, --rule, or `enabled: true` in .stance.yaml), so that upgrading
  // stance does not turn a passing CI gate red; see README "Choosing rules".
  bool enabled_by_default = false;
  // A trail rule's fix. Account rules have none: what to create or turn off is the user's choice, said by
  // `manual_fix`.
  TrailFix trail_fix = nullptr;
  std::string_view manual_fix;
  BucketCheck bucket_check = nullptr;
  KeyCheck key_check = nullptr;
  BucketFix bucket_fix = nullptr;
  KeyFix key_fix = nullptr;
};

}  // namespace stance::rules
