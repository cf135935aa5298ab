// GitHub-flavoured Markdown rendering of articles (for docs sites, pull-request comments, wikis). The
// article prose is already Markdown-light, so it passes through; snippets become fenced code blocks.
#include <string>

#include "kb/render.hpp"
#include "kb/render_parts.hpp"

namespace stance::kb {

namespace {

// A table cell holds one line, and a pipe would end the cell.
std::string cell(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      const bool paragraph = i + 1 < text.size() && text[i + 1] == '\n';
      out += paragraph ? "<br><br>" : " ";
      if (paragraph) ++i;
    } else {
      out += c;
    }
  }
  return out;
}

// A fence that cannot be closed by the snippet's own content.
std::string fence_for(std::string_view text) {
  std::string fence = "```";
  while (text.find(fence) != std::string_view::npos) fence += '`';
  return fence;
}

void paragraph(std::ostream& out, std::string_view text) { out << '\n' << text << '\n'; }

void snippets(std::ostream& out, const std::vector<Snippet>& list) {
  for (const Snippet& s : list) {
    out << "\n### " << s.title << '\n';
    if (!s.note.empty()) paragraph(out, s.note);
    const std::string_view language = snippet_language(s.kind);
    if (language.empty()) {
      paragraph(out, s.text);
    } else {
      const std::string fence = fence_for(s.text);
      out << '\n' << fence << language << '\n' << s.text << '\n' << fence << '\n';
    }
  }
}

}  // namespace

namespace detail {
void markdown_snippets(std::ostream& out, const std::vector<Snippet>& list) { snippets(out, list); }
}  // namespace detail

void render_article_markdown(std::ostream& out, const Article& a) {
  out << "# " << a.id << ": " << a.title << '\n';
  out << "\n| Risk | Service | Resource types |\n| --- | --- | --- |\n";
  std::string types;
  for (const std::string& t : a.resource_types) types += (types.empty() ? "`" : ", `") + t + "`";
  out << "| " << cell(a.risk_label) << " | " << cell(a.service) << " | " << cell(types) << " |\n";

  out << "\n## Summary\n";
  paragraph(out, a.summary);
  out << "\n## Why it matters\n";
  paragraph(out, a.rationale);
  if (!a.evaluation.empty()) {
    out << "\n## How stance decides\n";
    paragraph(out, a.evaluation);
  }
  if (!a.audit.empty()) {
    out << "\n## Audit\n";
    snippets(out, a.audit);
  }
  if (!a.remediation.empty()) {
    out << "\n## Remediation\n";
    snippets(out, a.remediation);
  }
  if (!a.settings.empty()) {
    out << "\n## Rule settings\n\n| Setting | Type | Default | Description |\n| --- | --- | --- | --- |\n";
    for (const Setting& s : a.settings) {
      out << "| `" << s.name << "` | " << cell(s.type) << " | `" << s.default_value << "` | " << cell(s.description)
          << " |\n";
    }
  }
  if (!a.compliance.empty()) {
    out << "\n## Compliance\n\n| Framework | Controls |\n| --- | --- |\n";
    for (const ComplianceRef& c : a.compliance) {
      out << "| " << cell(c.framework) << " | " << cell(c.controls.empty() ? "(whole framework)" : c.controls)
          << " |\n";
    }
  }
  if (!a.equivalents.empty()) {
    out << "\n## Equivalents in other tools\n";
    for (const Equivalent& e : a.equivalents) {
      out << "\n### " << e.tool << '\n';
      paragraph(out, "**Control:** " + e.control);
      paragraph(out, e.difference);
    }
  }
  if (!a.references.empty()) {
    out << "\n## References\n\n";
    for (const std::string& url : a.references) out << "- <" << url << ">\n";
  }
}

void render_list_markdown(std::ostream& out, const KnowledgeBase& kb) {
  out << "| ID | Risk | Service | Title |\n| --- | --- | --- | --- |\n";
  for (const Article& a : kb.articles()) {
    out << "| " << cell(a.id) << " | " << cell(a.risk_label) << " | " << cell(a.service) << " | " << cell(a.title)
        << " |\n";
  }
}

}  // namespace stance::kb
