// The check every planned edit passes before it is offered: the edited template is read again with
// stance's own loader, CT-010 passes for the fixed trail, and nothing else changed — no new read error and
// no other finding with a different verdict or suppression.
#pragma once

#include <string>
#include <vector>

#include "engine/finding.hpp"
#include "fix/template_fix.hpp"

namespace stance::fix {

struct Baseline {
  bool loaded = false;  // the file is a CloudFormation template that was read
  std::vector<engine::Finding> findings;
  std::vector<std::string> errors;  // messages of the read errors, without positions
  std::vector<engine::ScanError> read_errors;  // the same, as the scan reports them
};

Baseline scan_baseline(const std::string& path, const std::string& text, const FixOptions& options,
                       const kb::KnowledgeBase& kb);

// A resource as compare() names it: its ID, and for Terraform its root module (roots that call one module
// share its addresses).
std::string resource_key(const std::string& id, const std::string& root_module);

// Empty when `now` has CT-010 pass for each of `fixed` (resource_key()s) and, apart from that, the same
// findings (verdicts and suppressions) and no read error that `before` did not have; otherwise what went
// wrong.
std::string compare(const Baseline& before, const Baseline& now, const std::vector<std::string>& fixed);

// Empty when `after` fixes `resource_id` and changes nothing else; otherwise what went wrong.
std::string verify(const Baseline& before, const std::string& resource_id, const std::string& path,
                   const std::string& after, const FixOptions& options, const kb::KnowledgeBase& kb);

}  // namespace stance::fix
