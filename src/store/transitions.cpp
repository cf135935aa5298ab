#include "store/transitions.hpp"

#include <algorithm>
#include <set>

namespace stance::store {

namespace {

Transition make_transition(const ScanRecord& scan, const FindingRecord& f, TransitionKind kind, std::string from,
                           std::string to, std::optional<ScanId> previous_scan) {
  Transition t;
  t.scan_id = scan.id;
  t.previous_scan_id = previous_scan;
  t.time = scan.time;
  t.scope = scan.scope;
  t.fingerprint = f.fingerprint;
  t.kind = kind;
  t.from = std::move(from);
  t.to = std::move(to);
  t.rule_id = f.rule_id;
  t.severity = f.severity;
  t.resource_type = f.resource_type;
  t.resource_id = f.resource_id;
  t.resource_name = f.resource_name;
  t.location = f.location;
  t.message = f.message;
  return t;
}

}  // namespace

const char* to_string(TransitionKind kind) {
  switch (kind) {
    case TransitionKind::New: return "new";
    case TransitionKind::Resolved: return "resolved";
    case TransitionKind::Regressed: return "regressed";
  }
  return "new";
}

std::optional<TransitionKind> parse_transition_kind(std::string_view text) {
  if (text == "new") return TransitionKind::New;
  if (text == "resolved") return TransitionKind::Resolved;
  if (text == "regressed") return TransitionKind::Regressed;
  return std::nullopt;
}

std::string judged_verdict(const FindingRecord& finding) {
  if (finding.status == "pass") return "pass";
  if (finding.status == "fail" && !finding.suppressed) return "fail";
  return "";
}

Derived derive_transitions(const ScanRecord& scan, const std::map<std::string, FingerprintState>& previous) {
  Derived out;
  std::set<std::string> reported;
  for (const FindingRecord& f : scan.findings) {
    reported.insert(f.fingerprint);
    const std::string verdict = judged_verdict(f);
    if (verdict.empty()) continue;
    auto it = previous.find(f.fingerprint);
    const FingerprintState* before = it == previous.end() ? nullptr : &it->second;
    if (verdict == "fail") {
      if (!before) {
        out.transitions.push_back(make_transition(scan, f, TransitionKind::New, "", "fail", std::nullopt));
      } else if (before->state != "fail") {
        out.transitions.push_back(
            make_transition(scan, f, TransitionKind::Regressed, before->state, "fail", before->last_judged_scan));
      }
    } else if (before && before->state == "fail") {
      out.transitions.push_back(
          make_transition(scan, f, TransitionKind::Resolved, "fail", "pass", before->last_judged_scan));
    }
    FingerprintState state;
    state.fingerprint = f.fingerprint;
    state.state = verdict;
    state.last_judged_scan = scan.id;
    state.first_seen_scan = before ? before->first_seen_scan : scan.id;
    state.last = f;
    out.states.push_back(std::move(state));
  }
  if (!scan.complete) return out;
  for (const auto& [fingerprint, before] : previous) {
    if (reported.count(fingerprint) || before.state == "gone") continue;
    if (std::find(scan.rules.begin(), scan.rules.end(), before.last.rule_id) == scan.rules.end()) continue;
    if (before.state == "fail") {
      out.transitions.push_back(
          make_transition(scan, before.last, TransitionKind::Resolved, "fail", "gone", before.last_judged_scan));
    }
    FingerprintState state = before;
    state.state = "gone";
    state.last_judged_scan = scan.id;
    out.states.push_back(std::move(state));
  }
  return out;
}

}  // namespace stance::store
