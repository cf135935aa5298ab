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
