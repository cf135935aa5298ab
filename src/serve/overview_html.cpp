#include "serve/overview_html.hpp"

#include <fmt/format.h>

#include "serve/html_escape.hpp"
#include "serve/html_parts.hpp"
#include "serve/svg_chart.hpp"

namespace stance::serve {

namespace {

std::string tiles(const Counts& c) {
  return fmt::format(
      "<div class=\"tiles\">"
      "<div class=\"tile\"><div class=\"n fail\" id=\"total-fail\">{}</div>failing</div>"
      "<div class=\"tile\"><div class=\"n pass\">{}</div>passing</div>"
      "<div class=\"tile\"><div class=\"n unknown\">{}</div>unknown</div>"
      "<div class=\"tile\"><div class=\"n error\">{}</div>error</div>"
      "<div class=\"tile\"><div class=\"n\">{}</div>suppressed</div></div>\n",
      c.fail, c.pass, c.unknown, c.error, c.suppressed);
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

std::string scans_table(const std::vector<store::ScanSummary>& scans) {
  std::string out = "<table class=\"scans\">\n<thead><tr><th>Scan</th><th>Time</th><th>Source</th><th>Scanned</th>"
                    "<th class=\"num\">Fail</th><th class=\"num\">Pass</th><th>Complete</th></tr></thead>\n<tbody>\n";
  for (const auto& s : scans) {
    const std::string what = s.source == "aws" ? "accounts " + joined(s.accounts) + "; regions " +
                                                     (s.regions.empty() ? std::string("(all)") : joined(s.regions))
                                               : joined(s.paths);
    out += fmt::format("<tr><td>#{}</td><td>{}</td><td>{}</td><td class=\"wrap\">{}</td><td class=\"num\">{}</td>"
                       "<td class=\"num\">{}</td><td>{}</td></tr>\n",
                       s.id, html(s.time), html(s.source), html(what), s.fail, s.pass,
                       s.complete ? "yes" : "<span class=\"status status-error\">incomplete</span>");
  }
  out += "</tbody>\n</table>\n";
  return out;
}

}  // namespace

std::string overview_body(const Posture& posture, bool links) {
  std::string out = "<h1>Posture overview</h1>\n";
  if (posture.scan_count == 0) {
    return out + "<p class=\"empty\">No scan is recorded in this history yet: record one with <code>stance scan "
                 "... --db PATH</code>.</p>\n";
  }
  out += fmt::format("<p class=\"muted\">From the latest scan of each of {} scope(s); {} scan(s) recorded.</p>\n",
                     posture.latest_scans.size(), posture.scan_count);
  out += tiles(posture.totals);
  out += "<section class=\"card\"><h2>Trend</h2>\n" + trend_svg(posture.trend) + "</section>\n";
  out += "<div class=\"grid2\">\n";
  for (Dimension d : {Dimension::Rule, Dimension::Severity, Dimension::Account, Dimension::Region}) {
    out += "<section class=\"card\"><h2>By " + std::string(to_string(d)) + "</h2>\n" +
           counts_table(counts_by(posture, d), d, links) + "</section>\n";
  }
  out += "</div>\n";

  std::vector<PostureFinding> failing;
  std::size_t failing_total = 0;
  for (const auto& f : posture.findings) {
    if (f.record.suppressed || f.record.status != "fail") continue;
    ++failing_total;
    if (!links || failing.size() < kOverviewFailing) failing.push_back(f);
  }
  out += fmt::format("<section class=\"card\" id=\"failing\"><h2>Failing findings ({})</h2>\n", failing_total);
  out += finding_table(failing, links);
  if (failing.size() < failing_total) {
    out += fmt::format("<p><a href=\"/findings?status=fail\">All {} failing findings</a></p>\n", failing_total);
  }
  out += "</section>\n";
  out += "<section class=\"card\"><h2>Latest scans</h2>\n" + scans_table(posture.latest_scans) + "</section>\n";
  return out;
}

}  // namespace stance::serve
