#include "serve/html_report.hpp"

#include "serve/html_escape.hpp"
#include "serve/overview_html.hpp"
#include "serve/page_layout.hpp"

namespace stance::serve {

std::string html_report(const Posture& posture, const std::string& database, const std::string& generated_at) {
  std::string body = "<p class=\"muted\">Generated " + html(generated_at) + " from the history <code>" +
                     html(database) + "</code> by stance " STANCE_VERSION ".</p>\n";
  body += overview_body(posture, /*links=*/false);
  return page("Posture report", body, Assets::Inline);
}

}  // namespace stance::serve
