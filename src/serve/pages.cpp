#include "serve/pages.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "serve/fix_commands.hpp"
#include "serve/html_escape.hpp"
#include "serve/html_parts.hpp"
#include "serve/overview_html.hpp"
#include "serve/page_layout.hpp"

namespace stance::serve {

namespace {

std::string select_field(std::string_view name, std::string_view label, const std::set<std::string>& values,
                   const std::string& chosen) {
  std::string out = fmt::format("<label>{}<select name=\"{}\"><option value=\"\">any</option>", label, name);
  std::set<std::string> options = values;
  if (!chosen.empty()) options.insert(chosen);  // a value no finding has stays shown as chosen
  for (const auto& v : options) {
    if (v.empty()) continue;
    out += "<option value=\"" + html(v) + "\"" + (v == chosen ? " selected" : "") + ">" + html(v) + "</option>";
  }
  return out + "</select></label>\n";
}

std::string filter_form(const Posture& posture, const FindingFilter& filter) {
  std::set<std::string> rules, severities, accounts, regions;
  for (const auto& f : posture.findings) {
    rules.insert(f.record.rule_id);
    severities.insert(f.record.severity);
    accounts.insert(f.record.account);
    regions.insert(f.record.region);
  }
  std::string out = "<form class=\"filters\" id=\"filters\" method=\"get\" action=\"/findings\">\n";
  out += select_field("rule", "Rule", rules, filter.rule);
  out += select_field("severity", "Severity", severities, filter.severity);
  out += select_field("status", "Status", {"pass", "fail", "unknown", "error"}, filter.status);
  out += select_field("account", "Account", accounts, filter.account);
  out += select_field("region", "Region", regions, filter.region);
  out += "<label>Text<input type=\"search\" name=\"text\" value=\"" + html(filter.text) + "\"></label>\n";
  out += "<button type=\"submit\">Apply</button> <a href=\"/findings\">Clear</a>\n</form>\n";
  return out;
}

// An article's prose as it is written in rule.yaml: paragraphs apart by a blank line, lines wrapped at a
// width, and lists of "- " items.
std::string prose_html(std::string_view text) {
  std::string out;
  std::string paragraph;
  bool in_list = false;
  auto flush = [&] {
    if (!paragraph.empty()) out += (in_list ? "<li>" : "<p>") + html(paragraph) + (in_list ? "</li>\n" : "</p>\n");
    paragraph.clear();
  };
  auto set_list = [&](bool list) {
    if (list == in_list) return;
    out += list ? "<ul>\n" : "</ul>\n";
    in_list = list;
  };
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.empty()) {
      flush();
      set_list(false);
    } else if (line.starts_with("- ")) {
      flush();
      set_list(true);
      paragraph = line.substr(2);
    } else {
      paragraph += (paragraph.empty() ? "" : " ") + std::string(line);
    }
  }
  flush();
  set_list(false);
  return out;
}

std::string article_html(const kb::Article& a) {
  std::string out = "<section class=\"card\" id=\"article\"><h2>" + html(a.id) + ": " + html(a.title) + "</h2>\n";
  out += "<p><strong>Risk:</strong> " + html(a.risk_label) + " · <strong>Service:</strong> " + html(a.service) + "</p>\n";
  auto prose = [&](std::string_view heading, const std::string& text) {
    if (text.empty()) return;
    out += "<h3>" + std::string(heading) + "</h3>\n" + prose_html(text);
  };
  prose("What it checks", a.summary);
  prose("Why it matters", a.rationale);
  prose("How stance decides", a.evaluation);
  if (!a.remediation.empty()) {
    out += "<h3>Remediation</h3>\n";
    for (const auto& s : a.remediation) {
      out += "<h4>" + html(s.title.empty() ? s.kind : s.title) + "</h4>\n";
      if (!s.note.empty()) out += prose_html(s.note);
      out += "<pre class=\"snippet\" data-kind=\"" + html(s.kind) + "\"><code>" + html_lines(s.text) + "</code></pre>\n";
    }
  }
  if (!a.references.empty()) {
    out += "<h3>References</h3>\n<ul>\n";
    for (const auto& r : a.references) out += "<li>" + html(r) + "</li>\n";
    out += "</ul>\n";
  }
  return out + "</section>\n";
}

std::string history_table(const std::vector<store::Transition>& history) {
  if (history.empty()) return "<p class=\"empty\">No transitions recorded for this resource.</p>\n";
  std::string out = "<table class=\"history\">\n<thead><tr><th>Time</th><th>Scan</th><th>Change</th><th>From</th>"
                    "<th>To</th><th>Location</th><th>Message</th></tr></thead>\n<tbody>\n";
  for (const auto& t : history) {
    out += fmt::format("<tr><td>{}</td><td>#{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"wrap\">{}</td>"
                       "<td>{}</td></tr>\n",
                       html(t.time), t.scan_id, store::to_string(t.kind), t.from.empty() ? "(first seen)" : html(t.from),
                       html(t.to), html(t.location), html(t.message));
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string overview_page(const Posture& posture) {
  return page("Overview", overview_body(posture, /*links=*/true), Assets::Linked);
}

std::string findings_page(const Posture& posture, const FindingFilter& filter) {
  std::vector<PostureFinding> kept;
  std::size_t total = 0;
  const std::size_t first = (static_cast<std::size_t>(filter.page) - 1) * kPageSize;
  for (const auto& f : posture.findings) {
    if (!matches(filter, f.record)) continue;
    if (total >= first && total < first + kPageSize) kept.push_back(f);
    ++total;
  }
  std::string body = "<h1>Findings</h1>\n" + filter_form(posture, filter);
  body += fmt::format("<p id=\"match-count\" data-count=\"{}\">{} finding(s) match", total, total);
  if (total > kPageSize) {
    body += fmt::format("; showing {} to {}", std::min(first + 1, total), first + kept.size());
  }
  body += ".</p>\n" + finding_table(kept, /*links=*/true);
  std::string pager;
  if (filter.page > 1) {
    FindingFilter prev = filter;
    --prev.page;
    pager += "<a rel=\"prev\" href=\"" + html("/findings?" + to_query(prev)) + "\">Previous</a>";
  }
  if (first + kPageSize < total) {
    FindingFilter next = filter;
    ++next.page;
    pager += "<a rel=\"next\" href=\"" + html("/findings?" + to_query(next)) + "\">Next</a>";
  }
  if (!pager.empty()) body += "<div class=\"pager\">" + pager + "</div>\n";
  return page("Findings", body, Assets::Linked);
}

std::string finding_page(const PostureFinding& pf, const kb::Article* article,
                         const std::vector<store::Transition>& history) {
  const auto& f = pf.record;
  std::string body = "<h1>" + html(f.rule_id) + " " + status_label(f.status) + " " +
                     html(f.resource_id.empty() ? f.resource_name : f.resource_id) + "</h1>\n";
  body += "<section class=\"card\"><dl class=\"facts\">\n";
  auto fact = [&](std::string_view name, const std::string& value) {
    if (!value.empty()) body += "<dt>" + std::string(name) + "</dt><dd>" + html(value) + "</dd>\n";
  };
  fact("Message", f.message);
  fact("Severity", f.severity);
  fact("Resource type", f.resource_type);
  fact("Resource", f.resource_id);
  fact("Name", f.resource_name);
  fact("Location", f.location);
  fact("Account", f.account);
  fact("Region", f.region);
  fact("Scan", "#" + std::to_string(pf.scan_id) + " at " + pf.scan_time);
  fact("Fingerprint", f.fingerprint);
  if (f.suppressed) fact("Suppressed", f.suppression_reason.empty() ? "(no reason given)" : f.suppression_reason);
  body += "</dl></section>\n";

  body += "<section class=\"card\" id=\"fix\"><h2>Fix</h2>\n";
  for (const auto& c : fix_commands(pf)) {
    body += "<p>" + html(c.purpose) + ":</p>\n<pre class=\"fix-command\"><code>" + html(c.command) + "</code></pre>\n";
  }
  body += "</section>\n";
  body += "<section class=\"card\" id=\"history\"><h2>Resource history</h2>\n" + history_table(history) + "</section>\n";
  if (article) body += article_html(*article);
  else body += "<p class=\"empty\">The knowledge base has no article for " + html(f.rule_id) + ".</p>\n";
  return page(f.rule_id + " " + (f.resource_id.empty() ? f.resource_name : f.resource_id), body, Assets::Linked);
}

std::string suppressed_page(const Posture& posture) {
  std::vector<PostureFinding> suppressed;
  for (const auto& f : posture.findings) {
    if (f.record.suppressed) suppressed.push_back(f);
  }
  std::string body = fmt::format("<h1>Suppressed findings ({})</h1>\n", suppressed.size());
  body += "<p class=\"muted\">Findings an inline suppression or a <code>.stance.yaml</code> exception accepts, with "
          "the reason given for each.</p>\n";
  body += finding_table(suppressed, /*links=*/true, /*show_reason=*/true);
  return page("Suppressed", body, Assets::Linked);
}

std::string message_page(std::string_view title, std::string_view text) {
  return page(title, "<h1>" + html(title) + "</h1>\n<p>" + html(text) + "</p>\n", Assets::Linked);
}

}  // namespace stance::serve
