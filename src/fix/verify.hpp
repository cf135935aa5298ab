// The check every planned edit passes before it is offered: the edited template is read again with
// stance's own loader, every rule the fix is for passes for the fixed trail, and nothing else changed — no new read error and
// no other finding with a different verdict or suppression.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/finding.hpp"
#include "fix/template_fix.hpp"

namespace stance::fix {

struct Baseline {
  bool loaded = false;  // the file is a CloudFormation template that was read
  std::vector<engine::Finding> findings;  // of the rules FixOptions::rules selects
  std::vector<model::Trail> trails;       // the trails read, which the rules' fix intents are asked about
  std::vector<model::Bucket> buckets;     // their log buckets and keys declared in the unit (bucket and key
  std::vector<model::Key> keys;           // rules' fix intents are asked about these)
  std::vector<std::string> errors;  // messages of the read errors, without positions
  std::vector<engine::ScanError> read_errors;  // the same, as the scan reports them
};

// Whether the selected rules judge the trails' buckets or keys: the sources then read those too.
bool judges_related_resources(const FixOptions& options);

// Evaluates what `read` holds (trails, buckets, keys) and keeps it, with its read errors.
Baseline baseline_of(sources::SourceResult read, const FixOptions& options, const kb::KnowledgeBase& kb);

Baseline scan_baseline(const std::string& path, const std::string& text, const FixOptions& options,
                       const kb::KnowledgeBase& kb);

// A resource as compare() names it: its ID, and for Terraform its root module (roots that call one module
// share its addresses).
std::string resource_key(const std::string& id, const std::string& root_module);

// A finding a fix must turn into a pass: the rule, and the resource_key() of the trail.
using FixedFinding = std::pair<std::string, std::string>;

// Every (rule, resource) pair of rules x resources.
std::vector<FixedFinding> fixed_findings(const std::vector<std::string>& rule_ids,
                                         const std::vector<std::string>& resource_keys);

// Empty when `now` has a pass for each of `fixed` and, apart from those, the same findings (verdicts and
// suppressions) and no read error that `before` did not have; otherwise what went wrong.
std::string compare(const Baseline& before, const Baseline& now, const std::vector<FixedFinding>& fixed);

// Empty when `after` makes each of `rule_ids` pass for `resource_id` and changes nothing else; otherwise
// what went wrong.
std::string verify(const Baseline& before, const std::vector<std::string>& rule_ids, const std::string& resource_id,
                   const std::string& path, const std::string& after, const FixOptions& options,
                   const kb::KnowledgeBase& kb);

}  // namespace stance::fix
