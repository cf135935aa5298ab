#include "serve/html_parts.hpp"

#include <fmt/format.h>

#include "serve/finding_filter.hpp"
#include "serve/html_escape.hpp"

namespace stance::serve {

std::string finding_href(store::ScanId scan_id, std::string_view fingerprint) {
  return "/finding?scan=" + std::to_string(scan_id) + "&fp=" + url_component(fingerprint);
}

std::string status_label(std::string_view status) {
  const std::string s = html(status);
  return "<span class=\"status status-" + s + "\">" + s + "</span>";
}

std::string finding_table(std::span<const PostureFinding> findings, bool links, bool show_reason) {
  if (findings.empty()) return "<p class=\"empty\">No findings.</p>\n";
  std::string out = "<table class=\"findings\">\n<thead><tr><th>Status</th><th>Severity</th><th>Rule</th>"
                    "<th>Resource</th><th>Account</th><th>Region</th><th>Location</th><th>Message</th>";
  if (show_reason) out += "<th>Reason</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& pf : findings) {
    const auto& f = pf.record;
    out += "<tr class=\"finding\" data-rule=\"" + html(f.rule_id) + "\" data-status=\"" + html(f.status) + "\">";
    out += "<td>" + status_label(f.status) + "</td><td>" + html(f.severity) + "</td><td>" + html(f.rule_id) + "</td>";
    out += "<td class=\"wrap resource\">";
    const std::string resource = html(f.resource_id.empty() ? f.resource_name : f.resource_id);
    if (links) out += "<a href=\"" + html(finding_href(pf.scan_id, f.fingerprint)) + "\">" + resource + "</a>";
    else out += resource;
    if (!f.resource_name.empty() && f.resource_name != f.resource_id) {
      out += "<br><span class=\"muted\">" + html(f.resource_name) + "</span>";
    }
    out += "</td><td>" + html(f.account) + "</td><td>" + html(f.region) + "</td><td class=\"wrap\">" +
           html(f.location) + "</td><td>" + html(f.message) + "</td>";
    if (show_reason) out += "<td>" + html(f.suppression_reason) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  return out;
}

std::string counts_table(const std::vector<std::pair<std::string, Counts>>& rows, Dimension dimension, bool links) {
  if (rows.empty()) return "<p class=\"empty\">No findings.</p>\n";
  const char* name = to_string(dimension);
  std::string out = fmt::format(
      "<table class=\"counts\" data-dimension=\"{}\">\n<thead><tr><th>{}</th><th class=\"num\">Fail</th>"
      "<th class=\"num\">Pass</th><th class=\"num\">Unknown</th><th class=\"num\">Error</th>"
      "<th class=\"num\">Suppressed</th></tr></thead>\n<tbody>\n",
      name, name);
  for (const auto& [value, c] : rows) {
    std::string label = value.empty() ? "<span class=\"muted\">(none)</span>" : html(value);
    if (links && !value.empty()) {
      FindingFilter filter;
      filter.status = "fail";
      if (dimension == Dimension::Rule) filter.rule = value;
      if (dimension == Dimension::Severity) filter.severity = value;
      if (dimension == Dimension::Account) filter.account = value;
      if (dimension == Dimension::Region) filter.region = value;
      label = "<a href=\"" + html("/findings?" + to_query(filter)) + "\">" + label + "</a>";
    }
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                       "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                       label, c.fail, c.pass, c.unknown, c.error, c.suppressed);
  }
  out += "</tbody>\n</table>\n";
  return out;
}

}  // namespace stance::serve
