// Live remediation (`stance fix --aws`): for each trail, the failing selected rules' fix intents
// (rules::FixIntent) realised together through the schema rows (live_fields.hpp): one UpdateTrail with every
// field edit, StartLogging, and CT-010's selector change — the smallest PutEventSelectors that records
// management events while keeping everything else (data-event selectors, their data resources and, unless
// the settings forbid them, exclusions; basic stay basic, advanced stay advanced; AWS's limits of 5 basic
// selectors and 500 advanced conditions). Every plan is verified by running each rule it fixes on the trail
// as it would be after the calls. No rule IDs here.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "engine/finding.hpp"
#include "engine/registry.hpp"
#include "fix/live/live_fields.hpp"
#include "model/trail.hpp"
#include "sources/aws/raw_trail.hpp"

namespace stance::fix {

// One live change of one trail: every failing selected rule's fix realised together (one UpdateTrail, the
// selectors, StartLogging), or one rule's finding that is skipped with the reason.
struct LiveFix {
  engine::ResourceRef resource;
  std::string arn, region, account;
  std::vector<std::string> rule_ids;  // the rules this change fixes (skipped: the rule it is about)
  std::string status;       // "planned" | "skipped" (then "applied" | "failed" once applied)
  std::string reason;       // what the change does, or why there is none
  std::vector<LiveFieldChange> fields;  // the schema fields written, before (as read) and after
  bool advanced = false;    // AdvancedEventSelectors rather than EventSelectors
  std::string before;       // JSON array: the selectors as read ("" when the selectors are not changed)
  std::string after;        // JSON array: the selectors to put ("" when they are not changed)
  std::vector<LiveCall> calls;  // what the apply calls, in order (empty when skipped)
  bool changes_selectors() const { return !after.empty(); }
};

// The smallest change of a trail's selectors that makes CT-010 pass, worked out on the model alone, so it
// serves every source: `plan_trail_fixes` below and the knowledge base's snippets per finding (`stance kb show
// CT-010 --for`, `scan --explain`). `advanced` says which kind the trail stores (and keeps).
struct SelectorPlan {
  bool advanced = false;
  std::vector<model::EventSelector> basic;                // the selectors to put, when !advanced
  std::vector<model::AdvancedEventSelector> advanced_selectors;  // the selectors to put, when advanced
  std::string after;   // JSON array of the selectors to put, as PutEventSelectors takes it; "" when no plan
  std::string reason;  // what the change does, or why there is none
  bool planned() const { return !after.empty(); }
};
// The trail must fail CT-010 (the caller checks); every selector value must be known. The plan is verified
// by running CT-010 on the trail with its selectors replaced.
SelectorPlan plan_selectors(const model::Trail& trail, bool advanced, const engine::RuleSettings& settings);

// One selector as PutEventSelectors takes it (compact JSON object); every value must be known.
std::string selector_json(const model::EventSelector& selector);
std::string selector_json(const model::AdvancedEventSelector& selector);

// A rule's effective settings (knowledge-base defaults, then .stance.yaml).
using SettingsFor = std::function<engine::RuleSettings(std::string_view rule_id)>;

// The live fixes of one trail from its findings of the selected rules (non-pass ones; passes are ignored):
// a skipped entry per finding that is suppressed, unknown, an error, manual, conflicting with an earlier
// rule's value or not verified, and at most one planned fix combining the rest. `raw` is the trail as read
// (the before-values and the selectors come from its responses). Each rule's fix comes from its definition
// (rules::RuleDefinition::trail_fix); the plan is verified by running every rule it fixes on the trail with
// the change applied.
std::vector<LiveFix> plan_trail_fixes(const sources::aws::RawTrail& raw, const model::Trail& trail,
                                      const std::vector<engine::Finding>& findings, const SettingsFor& settings_for);

// An account rule's non-pass finding: skipped with the rule's manual fix (account rules have no automatic one).
LiveFix plan_account_finding(const engine::Finding& finding);

// A bucket or key rule's non-pass finding, live: skipped (stance fix --aws does not change buckets and keys
// yet) with the rule's fix said for a person: its manual reason (CT-004's command with the bucket's name),
// or the change to make.
LiveFix plan_related_finding(const engine::Finding& finding, const std::vector<model::Bucket>& buckets,
                             const std::vector<model::Key>& keys, const engine::RuleSettings& settings);

// `raw` with its GetEventSelectors response replaced by `selectors_json` (when not empty), adapted, with
// `fields` set to their `after` values: the trail as it would be after a change.
model::Trail trail_after(const sources::aws::RawTrail& raw, bool advanced, const std::string& selectors_json,
                         const std::vector<LiveFieldChange>& fields);

// "" when each rule of `rule_ids` passes on `trail`, else "CT-002 would still say: ..." for the first that
// does not. With `pending`, a rule that fails live but passes on the trail as configured (its live-only
// conditions, such as CT-009's recent delivery, can only be met by AWS after the change) counts as met and
// is described in `*pending`.
std::string unmet_rules(const model::Trail& trail, const std::vector<std::string>& rule_ids,
                        const SettingsFor& settings_for, std::string* pending = nullptr);

}  // namespace stance::fix
