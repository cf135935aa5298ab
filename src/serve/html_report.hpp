// `stance report --format html`: the dashboard's overview as one self-contained HTML file to attach to an
// audit: the stylesheet inlined, the trend chart as inline SVG, every failing finding listed, no script and
// nothing loaded from anywhere (its own Content-Security-Policy says so).
#pragma once

#include <string>

#include "serve/posture.hpp"

namespace stance::serve {

// `database`: what the report names as its source; `generated_at`: UTC ISO 8601.
std::string html_report(const Posture& posture, const std::string& database, const std::string& generated_at);

}  // namespace stance::serve
