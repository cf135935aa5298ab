#include "serve/page_layout.hpp"

#include "serve/assets.hpp"
#include "serve/html_escape.hpp"

namespace stance::serve {

std::string page(std::string_view title, std::string_view body, Assets assets) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html(title) + " · stance</title>\n";
  if (assets == Assets::Linked) {
    out += "<link rel=\"stylesheet\" href=\"/assets/style.css\">\n<script src=\"/assets/app.js\" defer></script>\n";
  } else {
    // The report is opened from disk, maybe long after; it needs nothing from anywhere and runs nothing.
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
           "<style>";
    out += kStyleCss;
    out += "</style>\n";
  }
  out += "</head>\n<body>\n<header><span class=\"brand\">stance</span>";
  if (assets == Assets::Linked) {
    out += "<a href=\"/\">Overview</a><a href=\"/findings?status=fail\">Findings</a>"
           "<a href=\"/suppressed\">Suppressed</a><a href=\"/api/overview\">JSON</a>";
  } else {
    out += "<span>posture report</span>";
  }
  out += "</header>\n<main>\n";
  out += body;
  out += "</main>\n<footer>stance " STANCE_VERSION "</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace stance::serve
