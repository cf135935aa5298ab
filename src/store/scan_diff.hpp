// What changed between two recorded scans, finding by finding (by fingerprint). Unlike transitions, a diff
// compares any two scans as they are, without the history in between.
//   new       failing (fail, not suppressed) in the second scan, not failing in the first
//   resolved  failing in the first, passing or absent in the second
//   changed   anything else that differs: status (fail -> unknown is changed, not resolved), suppression,
//             severity or message, or a finding that appeared or disappeared without failing
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/record.hpp"

namespace stance::store {

struct DiffEntry {
  std::string fingerprint;
  std::optional<FindingRecord> before;  // in the first scan
  std::optional<FindingRecord> after;   // in the second scan
  const FindingRecord& any() const { return after ? *after : *before; }
};

struct ScanDiff {
  std::vector<DiffEntry> added;  // "new"
  std::vector<DiffEntry> resolved;
  std::vector<DiffEntry> changed;
  int unchanged = 0;
};

// Entries in fingerprint order.
ScanDiff diff_scans(const ScanRecord& first, const ScanRecord& second);

}  // namespace stance::store
