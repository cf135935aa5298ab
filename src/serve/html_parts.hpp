// Pieces several pages share: a finding table, a counts table, a status label. Each escapes every value
// it writes; links are written only when the page is the dashboard (the report has nowhere to link to).
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "serve/posture.hpp"

namespace stance::serve {

// "/finding?scan=12&fp=ab12..."
std::string finding_href(store::ScanId scan_id, std::string_view fingerprint);

// <span class="status status-fail">fail</span>
std::string status_label(std::string_view status);

// A table of findings: status, severity, rule, resource (linked to its page when `links`), account, region,
// location and message. `show_reason` adds the suppression reason column.
std::string finding_table(std::span<const PostureFinding> findings, bool links, bool show_reason = false);

// A table of counts per value of `dimension` ("(none)" for an empty account or region: a template finding),
// each value linking to the failing findings with it when `links`.
std::string counts_table(const std::vector<std::pair<std::string, Counts>>& rows, Dimension dimension, bool links);

}  // namespace stance::serve
