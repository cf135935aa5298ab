// A scan's findings as the history records them: each with its fingerprint (store/fingerprint.hpp), paths
// made relative to the scanned path that holds them.
#pragma once

#include <string>
#include <vector>

#include "engine/finding.hpp"
#include "store/fingerprint.hpp"
#include "store/record.hpp"

namespace stance::store {

// `roots`: the scanned paths (files or directories), absolute and normalised; empty for live scans.
ResourceIdentity identity_of(const engine::Finding& finding, const std::vector<std::string>& roots);

// One record per fingerprint. Two findings with one fingerprint (a file reached through two scanned paths)
// are one: the worse verdict is kept (error, fail, unknown, pass), so a duplicate never hides a failure.
std::vector<FindingRecord> finding_records(const std::vector<engine::Finding>& findings,
                                           const std::vector<std::string>& roots);

// A path as scan_record stores it: absolute, normalised, symbolic links resolved where they exist.
std::string absolute_path(const std::string& path);

}  // namespace stance::store
