// The frame around every page: head, navigation, footer. The dashboard links its embedded stylesheet and
// script; the HTML report inlines the stylesheet and has no script and no links to the dashboard.
#pragma once

#include <string>
#include <string_view>

namespace stance::serve {

enum class Assets {
  Linked,  // dashboard: /assets/style.css and /assets/app.js, navigation bar
  Inline,  // report: one self-contained file, its own Content-Security-Policy in a <meta>
};

// `title` is escaped; `body` is HTML already escaped by its builder.
std::string page(std::string_view title, std::string_view body, Assets assets);

}  // namespace stance::serve
