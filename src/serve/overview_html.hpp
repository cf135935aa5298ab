// The posture overview: totals, the trend chart, the counts by rule, severity, account and region, the
// failing findings and the latest scan of each scope. The dashboard's front page and the HTML report's body.
#pragma once

#include <string>

#include "serve/posture.hpp"

namespace stance::serve {

// `links`: the dashboard links rows to the finding list and pages; the report lists every failing finding
// instead (it has no pages to link to), the dashboard the first kOverviewFailing.
std::string overview_body(const Posture& posture, bool links);

inline constexpr std::size_t kOverviewFailing = 50;

}  // namespace stance::serve
