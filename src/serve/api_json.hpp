// The dashboard's JSON API: the data of each page, for scripts and for the tests. Every document has
// "schema_version": 1; findings are written as `stance history` writes transitions' resources.
#pragma once

#include <ostream>
#include <vector>

#include "serve/finding_filter.hpp"
#include "serve/posture.hpp"

namespace stance::serve {

// /api/overview: {"schema_version", "scan_count", "totals", "by_rule"/"by_severity"/"by_account"/"by_region":
// [{"value", "pass", "fail", "unknown", "error", "suppressed"}], "trend": [{"time", "scan_id", counts}],
// "latest_scans": [{"id", "time", "scope", "source", "complete", counts}]}
void write_overview_json(std::ostream& out, const Posture& posture);

// /api/findings?FILTERS: {"schema_version", "filter": {...}, "total", "page", "page_size", "findings": [...]}
void write_findings_json(std::ostream& out, const Posture& posture, const FindingFilter& filter);

// /api/suppressed: {"schema_version", "findings": [... with "suppression_reason"]}
void write_suppressed_json(std::ostream& out, const Posture& posture);

// /api/finding?scan=ID&fp=FINGERPRINT: {"schema_version", "finding", "fix_commands": [...], "history": [...]}
void write_finding_json(std::ostream& out, const PostureFinding& finding, const std::vector<store::Transition>& history);

}  // namespace stance::serve
