// The dashboard's stylesheet and script, compiled into the binary: the dashboard works offline and loads
// nothing from anywhere else (its Content-Security-Policy forbids it).
#pragma once

#include <string_view>

namespace stance::serve {

// Served as /assets/style.css, and inlined into the HTML report.
extern const std::string_view kStyleCss;
// Served as /assets/app.js. Optional: every page works without it (the filter form has an Apply button).
extern const std::string_view kAppJs;

}  // namespace stance::serve
