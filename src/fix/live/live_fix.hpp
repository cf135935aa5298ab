// Live remediation of CT-010 (`stance fix --aws`): for each failing trail, the smallest PutEventSelectors
// that makes it pass while keeping everything else — data-event selectors, their data resources and
// (unless the settings forbid them) exclusions; basic selectors stay basic, advanced stay advanced; AWS's
// limits (5 basic selectors, 500 advanced conditions) are respected. Every plan is checked by running CT-010
// on the trail as it would be after the call.
#pragma once
#include <string>
#include <vector>

#include "engine/finding.hpp"
#include "engine/registry.hpp"
#include "model/trail.hpp"
#include "sources/aws/raw_trail.hpp"

namespace stance::fix {

struct LiveFix {
  engine::ResourceRef resource;
  std::string arn, region, account;
  std::string status;       // "planned" | "skipped" (then "applied" | "failed" once applied)
  std::string reason;       // what the change does, or why there is none
  bool advanced = false;    // AdvancedEventSelectors rather than EventSelectors
  std::string before;       // JSON array: the selectors as read
  std::string after;        // JSON array: the selectors to put (empty when skipped)
  std::string cli_command;  // the equivalent `aws cloudtrail put-event-selectors ...`
};

// The smallest change of a trail's selectors that makes CT-010 pass, worked out on the model alone, so it
// serves every source: `plan_live_fix` below and the knowledge base's snippets per finding (`stance kb show
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

// One plan per CT-010 finding that is not a pass. `raw` is the trail as read (its GetEventSelectors
// response is what gets rewritten); `settings` are CT-010's effective settings.
LiveFix plan_live_fix(const sources::aws::RawTrail& raw, const model::Trail& trail, const engine::Finding& finding,
                      const engine::RuleSettings& settings);

// Request body for PutEventSelectors: {"TrailName": arn, "EventSelectors"|"AdvancedEventSelectors": selectors}.
std::string put_event_selectors_body(const std::string& arn, bool advanced, const std::string& selectors_json);

// CT-010's verdict for `raw` with its selectors replaced by `selectors_json` (for checking a plan and, after
// an apply, the trail as re-read).
engine::Status ct010_status_with(const sources::aws::RawTrail& raw, bool advanced, const std::string& selectors_json,
                                 const engine::RuleSettings& settings, std::string* message = nullptr);

}  // namespace stance::fix
