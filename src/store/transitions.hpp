// Transitions: how a finding changed between consecutive scans of one scope, derived from the verdict the
// store last judged for its fingerprint (not from the previous scan alone, so that a scan that could not
// judge a resource does not reset its history).
//
// Each finding of the new scan counts as:
//   fail   status fail, not suppressed
//   pass   status pass
//   (no verdict) status unknown or error, or a suppressed fail/unknown: neither a pass nor a fail, so the
//          fingerprint keeps its last judged state and nothing changes. Unknown after fail is not resolved;
//          error after pass is not a regression; a suppressed fail is an accepted risk, not a new one.
// A fingerprint the scan does not report is "gone" only when the scan was complete (no read errors) and
// evaluated the fingerprint's rule; otherwise it keeps its state.
//
//   new        first judged fail (never judged before)
//   resolved   fail -> pass, or fail -> gone
//   regressed  pass -> fail, or gone -> fail (fixed, or removed, before and failing again)
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/record.hpp"

namespace stance::store {

struct Derived {
  std::vector<Transition> transitions;   // in the scan's finding order, then the gone ones by fingerprint
  std::vector<FingerprintState> states;  // the states to write (new or changed ones)
};

// `scan.id` must be set. `previous`: the scope's states by fingerprint before this scan.
Derived derive_transitions(const ScanRecord& scan, const std::map<std::string, FingerprintState>& previous);

// The verdict a finding counts as for transitions: "pass", "fail", or "" (none).
std::string judged_verdict(const FindingRecord& finding);

}  // namespace stance::store
