// The knowledge base's remediation snippets filled in for one finding: `stance kb show CT-010 --for FINDING`
// and `stance scan --explain`. The change itself comes from the live remediation planner
// (live/live_fix.hpp, plan_selectors), so the CLI command, the CloudFormation and the Terraform snippet all
// write the same selectors: the trail's own, data selectors and exclusions kept, plus the smallest change
// that makes CT-010 pass. What the source does not say (a template's region, a generated trail name) is left
// as a shell variable the command refuses to run without, and a note says where to find it.
#pragma once

#include "engine/finding.hpp"
#include "engine/registry.hpp"
#include "kb/article.hpp"
#include "report/finding_snippets.hpp"
#include "model/trail.hpp"

namespace stance::fix {

// `finding` is `article`'s rule evaluated on `trail`; `settings` are that rule's effective settings. Rules
// other than CT-010 get the finding and a note that there is nothing to fill in.
report::FindingSnippets fill_finding_snippets(const kb::Article& article, const model::Trail& trail,
                                          const engine::Finding& finding, const engine::RuleSettings& settings);

}  // namespace stance::fix
