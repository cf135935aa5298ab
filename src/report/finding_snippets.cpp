// Renderings of an article's remediation filled in for one finding (finding_snippets.hpp). The snippets use
// the article renderers' own layout (render_parts.hpp), so they read like `stance kb show`.
#include <string>

#include "common/json_writer.hpp"
#include "common/printable.hpp"
#include "report/finding_snippets.hpp"
#include "kb/render_parts.hpp"

namespace stance::report {

namespace {

std::string status_word(engine::Status status) {
  std::string word = engine::to_string(status);
  for (char& c : word) c = static_cast<char>(c - 'a' + 'A');
  return word;
}

// "AnalyticsTrail (trail analytics) at team-trails.yaml:12:11": what a scan report shows of the finding.
// Names come from the scanned input: the text and Markdown renderings show their control characters
// escaped (text::printable), so a name cannot rewrite what the terminal shows.
std::string finding_line(const FindingSnippets& s) {
  const engine::Finding& f = s.finding;
  std::string line = text::printable(f.resource.id);
  if (!s.trail_name.empty() && s.trail_name != f.resource.id) line += " (trail " + text::printable(s.trail_name) + ")";
  const std::string where = model::to_string(f.location);
  if (!where.empty() && where != f.resource.id) line += " at " + text::printable(where);
  return line;
}

std::string trail_line(const FindingSnippets& s) {
  return "Trail name: " + (s.trail_name.empty() ? std::string("not known from the source") : text::printable(s.trail_name)) +
         "   Region: " + (s.region.empty() ? std::string("not known from the source") : text::printable(s.region));
}

void write_location(json::Writer& w, const model::Location& where) {
  w.begin_object();
  if (where.is_file()) {
    w.field("file", where.file);
    if (where.line > 0) w.field("line", where.line);
    if (where.column > 0) w.field("column", where.column);
  }
  if (where.is_cloud()) w.field("arn", where.arn).field("region", where.region).field("account", where.account);
  w.end_object();
}

void optional_string(json::Writer& w, std::string_view key, const std::string& value) {
  w.key(key);
  if (value.empty()) {
    w.null();
  } else {
    w.value(value);
  }
}

}  // namespace

void render_finding_snippets_text(std::ostream& out, const FindingSnippets& s, bool color, int width) {
  out << kb::detail::text_bold(s.rule_id + "  " + s.rule_title, color) << '\n';
  out << status_word(s.finding.status) << "  " << finding_line(s) << '\n';
  if (!s.finding.message.empty()) kb::detail::text_prose(out, text::printable(s.finding.message), 2, width, color);
  out << trail_line(s) << '\n';
  kb::detail::text_heading(out, "Change", color);
  if (!s.change.empty()) kb::detail::text_prose(out, text::printable(s.change), 2, width, color);
  for (const std::string& note : s.notes) {
    if (!s.change.empty() || &note != &s.notes.front()) out << '\n';
    kb::detail::text_prose(out, text::printable(note), 2, width, color);
  }
  if (!s.snippets.empty()) {
    kb::detail::text_heading(out, "Remediation for this trail", color);
    kb::detail::text_snippets(out, s.snippets, 2, width, color);
  }
}

void render_finding_snippets_body(std::ostream& out, const FindingSnippets& s, int width) {
  if (!s.change.empty()) kb::detail::text_prose(out, "Fix: " + text::printable(s.change), 0, width, false);
  for (const std::string& note : s.notes) kb::detail::text_prose(out, text::printable(note), 0, width, false);
  if (!s.snippets.empty()) {
    out << '\n';
    kb::detail::text_snippets(out, s.snippets, 0, width, false);
  }
}

void render_finding_snippets_markdown(std::ostream& out, const FindingSnippets& s) {
  out << "# " << s.rule_id << ": " << s.rule_title << " — " << text::printable(s.finding.resource.id) << '\n';
  out << "\n**" << status_word(s.finding.status) << "** " << finding_line(s) << '\n';
  if (!s.finding.message.empty()) out << '\n' << text::printable(s.finding.message) << '\n';
  out << '\n' << trail_line(s) << '\n';
  out << "\n## Change\n";
  if (!s.change.empty()) out << '\n' << text::printable(s.change) << '\n';
  for (const std::string& note : s.notes) out << '\n' << text::printable(note) << '\n';
  if (!s.snippets.empty()) {
    out << "\n## Remediation for this trail\n";
    kb::detail::markdown_snippets(out, s.snippets);
  }
}

void render_finding_snippets_json(std::ostream& out, const FindingSnippets& s) {
  json::Writer w(out);
  w.begin_object().field("schema_version", 1).field("rule_id", s.rule_id).field("title", s.rule_title);
  const engine::Finding& f = s.finding;
  w.key("finding").begin_object();
  w.field("rule_id", f.rule_id).field("status", engine::to_string(f.status)).field("severity", engine::to_string(f.severity));
  w.key("resource").begin_object().field("type", f.resource.type).field("id", f.resource.id).field("name", f.resource.name);
  if (!f.resource.root_module.empty()) w.field("root_module", f.resource.root_module);
  w.end_object();
  w.key("location");
  write_location(w, f.location);
  w.field("message", f.message);
  if (f.suppression) w.key("suppression").begin_object().field("reason", f.suppression->reason).end_object();
  w.end_object();
  w.key("trail").begin_object();
  optional_string(w, "name", s.trail_name);
  optional_string(w, "region", s.region);
  w.end_object();
  optional_string(w, "change", s.change);
  w.key("notes").begin_array();
  for (const std::string& note : s.notes) w.value(note);
  w.end_array();
  kb::detail::json_snippets(w, "snippets", s.snippets);
  w.end_object();
  w.finish();
}

void render_finding_snippets(std::ostream& out, const FindingSnippets& s, RenderFormat format, bool color, int width) {
  switch (format) {
    case RenderFormat::Text: render_finding_snippets_text(out, s, color, width); return;
    case RenderFormat::Markdown: render_finding_snippets_markdown(out, s); return;
    case RenderFormat::Json: render_finding_snippets_json(out, s); return;
  }
}

}  // namespace stance::report
