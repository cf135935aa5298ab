// The per-control framework summary as JSON, one shape shared by the JSON report's top-level "compliance"
// and SARIF's run property "stance/compliance". Internal to src/report.
#pragma once

#include <vector>

#include "common/json_writer.hpp"
#include "engine/finding.hpp"

namespace stance::report::detail {

// [{"framework", "name", "version"?, "summary": {status: controls}, "controls": [{"id", "title", "status",
// "rules", "pass", "fail", "unknown", "error", "suppressed", "note"?}]}]
void write_compliance(json::Writer& w, const std::vector<engine::FrameworkSummary>& frameworks);

}  // namespace stance::report::detail
