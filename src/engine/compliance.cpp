#include "engine/compliance.hpp"

#include <strings.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "engine/registry.hpp"

namespace stance::engine {

namespace {

bool same_rule(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Suppressions silence a fail or an unknown only; a suppressed pass or error keeps its status, as in
// every report's counts.
bool suppressed(const Finding& f) {
  return f.suppression && (f.status == Status::Fail || f.status == Status::Unknown);
}

// Why a mapped rule produced no finding. Templates and Terraform have no accounts and no delivery status,
// so a rule judged from those is silent there; otherwise no resource was in scope or the rule did not run.
std::string silence_reason(std::string_view rule_id) {
  const RuleDefinition* rule = find_rule(rule_id);
  if (rule && rule->account_check) return "judges AWS accounts, on live scans and snapshots only";
  if (rule && rule->live_only) return "judged on live scans and snapshots only";
  return "no trail to judge, or the rule did not run";
}

}  // namespace

ControlStatus control_status(bool mapped, const std::vector<const Finding*>& findings) {
  if (!mapped) return ControlStatus::Manual;
  bool error = false, unknown = false, pass = false;
  for (const Finding* f : findings) {
    if (f->status == Status::Fail && !suppressed(*f)) return ControlStatus::Fail;
    error = error || f->status == Status::Error;
    unknown = unknown || (f->status == Status::Unknown && !suppressed(*f));
    pass = pass || f->status == Status::Pass;
  }
  if (error) return ControlStatus::Error;
  if (unknown) return ControlStatus::Unknown;
  if (pass) return ControlStatus::Pass;
  return findings.empty() ? ControlStatus::NoFindings : ControlStatus::Suppressed;
}

FrameworkSummary summarize(const kb::Framework& framework, const std::vector<Finding>& findings) {
  FrameworkSummary summary;
  summary.id = framework.id;
  summary.name = framework.name;
  summary.version = framework.version;
  for (const kb::ControlCoverage& coverage : kb::coverage(framework)) {
    ControlSummary control;
    control.id = coverage.control->id;
    control.title = coverage.control->title;
    control.rule_ids = coverage.rule_ids;
    std::vector<const Finding*> mine;
    for (const std::string& rule_id : coverage.rule_ids) {
      const std::size_t before = mine.size();
      for (const Finding& f : findings) {
        if (same_rule(f.rule_id, rule_id)) mine.push_back(&f);
      }
      if (mine.size() == before) {
        if (!control.note.empty()) control.note += "; ";
        control.note += rule_id + ": no finding (" + silence_reason(rule_id) + ")";
      }
    }
    for (const Finding* f : mine) {
      if (suppressed(*f)) {
        ++control.suppressed;
        continue;
      }
      switch (f->status) {
        case Status::Pass: ++control.pass; break;
        case Status::Fail: ++control.fail; break;
        case Status::Unknown: ++control.unknown; break;
        case Status::Error: ++control.error; break;
      }
    }
    control.status = control_status(!coverage.rule_ids.empty(), mine);
    summary.controls.push_back(std::move(control));
  }
  return summary;
}

const char* to_string(ControlStatus status) {
  switch (status) {
    case ControlStatus::Pass: return "pass";
    case ControlStatus::Fail: return "fail";
    case ControlStatus::Error: return "error";
    case ControlStatus::Unknown: return "unknown";
    case ControlStatus::Suppressed: return "suppressed";
    case ControlStatus::NoFindings: return "no_findings";
    case ControlStatus::Manual: return "manual";
  }
  return "?";
}

int FrameworkSummary::count(ControlStatus status) const {
  return static_cast<int>(
      std::count_if(controls.begin(), controls.end(), [&](const ControlSummary& c) { return c.status == status; }));
}

}  // namespace stance::engine
