// Terminal rendering of articles: man-page-like sections, prose re-wrapped to the terminal width, code
// snippets indented and left exactly as written (wrapping a shell command would break it).
#include <algorithm>
#include <cctype>
#include <sstream>
#include <string>
#include <vector>

#include "kb/render.hpp"
#include "kb/render_parts.hpp"

namespace stance::kb {

namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr int kDefaultWidth = 80;
constexpr int kMinimumWidth = 40;

class Style {
 public:
  explicit Style(bool color) : color_(color) {}
  std::string bold(std::string_view text) const {
    if (!color_) return std::string(text);
    return std::string(kBold) + std::string(text) + std::string(kReset);
  }
  bool color() const { return color_; }

 private:
  bool color_;
};

// Columns a string takes on screen: escape sequences take none, a UTF-8 character takes one.
std::size_t visible_length(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0x1b) {
      while (i < text.size() && text[i] != 'm') ++i;
      continue;
    }
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Prose uses a little Markdown: **bold** and `code`. On a terminal, bold becomes bold (or nothing
// without colour) and backticks go, since the words read the same without them.
std::string terminal_markup(std::string_view text, const Style& style) {
  std::string out;
  bool in_bold = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "**") == 0) {
      if (style.color()) out += in_bold ? kReset : kBold;
      in_bold = !in_bold;
      ++i;
    } else if (text[i] != '`') {
      out += text[i];
    }
  }
  if (in_bold && style.color()) out += kReset;
  return out;
}

// "- ", "* " or "12. " at the start of `line`: the marker's length (without the space), else 0.
std::size_t list_marker(std::string_view line) {
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*') && line[1] == ' ') return 1;
  std::size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
  if (digits > 0 && digits + 1 < line.size() && line[digits] == '.' && line[digits + 1] == ' ') return digits + 1;
  return 0;
}

// One paragraph or list item: its words, and how its first and following lines begin.
struct Block {
  std::size_t nesting = 0;  // leading spaces of a list item in the source
  std::string marker;       // "-", "1."; empty for a plain paragraph
  std::string words;
  bool starts_paragraph = false;
};

std::vector<Block> split_blocks(std::string_view text) {
  std::vector<Block> blocks;
  bool new_paragraph = true;
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    const std::size_t lead = line.find_first_not_of(' ');
    if (lead == std::string::npos) {
      new_paragraph = true;
      continue;
    }
    std::string_view rest = std::string_view(line).substr(lead);
    const std::size_t marker = list_marker(rest);
    if (marker > 0 || new_paragraph || blocks.empty()) {
      Block b;
      b.starts_paragraph = new_paragraph && !blocks.empty();
      if (marker > 0) {
        b.nesting = lead;
        b.marker = std::string(rest.substr(0, marker));
        rest = rest.substr(marker + 1);
      }
      b.words = std::string(rest);
      blocks.push_back(std::move(b));
    } else {
      blocks.back().words += ' ';
      blocks.back().words += rest;
    }
    new_paragraph = false;
  }
  return blocks;
}

// Greedy word wrap of `words`: the first line starts with `first`, the following ones with `rest`. A word
// longer than the line (a URL) gets a line of its own rather than being broken.
void write_wrapped(std::ostream& out, const std::string& first, const std::string& rest, std::string_view words,
                   int width) {
  std::string line = first;
  bool line_has_words = false;
  std::istringstream in{std::string(words)};
  std::string word;
  while (in >> word) {
    const std::size_t needed = visible_length(line) + (line_has_words ? 1 : 0) + visible_length(word);
    if (line_has_words && needed > static_cast<std::size_t>(width)) {
      out << line << '\n';
      line = rest;
      line_has_words = false;
    }
    if (line_has_words) line += ' ';
    line += word;
    line_has_words = true;
  }
  out << line << '\n';
}

// Prose at `indent`, re-wrapped, keeping paragraphs and list items apart.
void write_prose(std::ostream& out, std::string_view text, std::size_t indent, int width, const Style& style) {
  const std::string marked = terminal_markup(text, style);
  for (const Block& b : split_blocks(marked)) {
    if (b.starts_paragraph) out << '\n';
    const std::string first = std::string(indent + b.nesting, ' ') + (b.marker.empty() ? "" : b.marker + " ");
    write_wrapped(out, first, std::string(first.size(), ' '), b.words, width);
  }
}

void write_code(std::ostream& out, std::string_view text, std::size_t indent) {
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(' ') == std::string::npos) {
      out << '\n';
    } else {
      out << std::string(indent, ' ') << line << '\n';
    }
  }
}

void heading(std::ostream& out, std::string_view title, const Style& style) {
  std::string upper(title);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  out << '\n' << style.bold(upper) << '\n';
}

// Titles at `indent`, notes and prose two columns further in, code four.
void write_snippets(std::ostream& out, const std::vector<Snippet>& snippets, int width, const Style& style,
                    std::size_t indent = 2) {
  bool first = true;
  for (const Snippet& s : snippets) {
    if (!first) out << '\n';
    first = false;
    out << std::string(indent, ' ') << style.bold(s.title) << '\n';
    if (!s.note.empty()) write_prose(out, s.note, indent + 2, width, style);
    if (snippet_language(s.kind).empty()) {
      if (!s.note.empty()) out << '\n';
      write_prose(out, s.text, indent + 2, width, style);
    } else {
      out << '\n';
      write_code(out, s.text, indent + 4);
    }
  }
}

}  // namespace

namespace detail {

std::string text_bold(std::string_view text, bool color) { return Style(color).bold(text); }
void text_heading(std::ostream& out, std::string_view title, bool color) { heading(out, title, Style(color)); }
void text_prose(std::ostream& out, std::string_view text, std::size_t indent, int width, bool color) {
  write_prose(out, text, indent, width <= 0 ? kDefaultWidth : std::max(width, kMinimumWidth), Style(color));
}
void text_snippets(std::ostream& out, const std::vector<Snippet>& snippets, std::size_t indent, int width, bool color) {
  write_snippets(out, snippets, width <= 0 ? kDefaultWidth : std::max(width, kMinimumWidth), Style(color), indent);
}

}  // namespace detail

void render_article_text(std::ostream& out, const Article& a, bool color, int width) {
  const Style style(color);
  if (width <= 0) width = kDefaultWidth;
  width = std::max(width, kMinimumWidth);

  out << style.bold(a.id + "  " + a.title) << '\n';
  // The facts share a line while they fit, so a narrow terminal gets one per line.
  std::vector<std::string> facts{"Risk: " + a.risk_label, "Service: " + a.service};
  std::string types = a.resource_types.size() == 1 ? "Resource type: " : "Resource types: ";
  for (std::size_t i = 0; i < a.resource_types.size(); ++i) types += (i ? ", " : "") + a.resource_types[i];
  facts.push_back(types);
  std::string line;
  for (const std::string& fact : facts) {
    if (!line.empty() && visible_length(line) + 3 + visible_length(fact) > static_cast<std::size_t>(width)) {
      out << line << '\n';
      line.clear();
    }
    line += (line.empty() ? "" : "   ") + fact;
  }
  out << line << '\n';
  if (!a.source.empty() && a.source.rfind("builtin:", 0) != 0) out << "Loaded from: " << a.source << '\n';

  heading(out, "Summary", style);
  write_prose(out, a.summary, 2, width, style);
  heading(out, "Why it matters", style);
  write_prose(out, a.rationale, 2, width, style);
  if (!a.evaluation.empty()) {
    heading(out, "How stance decides", style);
    write_prose(out, a.evaluation, 2, width, style);
  }
  if (!a.audit.empty()) {
    heading(out, "Audit", style);
    write_snippets(out, a.audit, width, style);
  }
  if (!a.remediation.empty()) {
    heading(out, "Remediation", style);
    write_snippets(out, a.remediation, width, style);
  }
  if (!a.settings.empty()) {
    heading(out, "Rule settings", style);
    bool first = true;
    for (const Setting& s : a.settings) {
      if (!first) out << '\n';
      first = false;
      out << "  " << style.bold(s.name) << " (" << s.type << ", default " << s.default_value << ")\n";
      write_prose(out, s.description, 4, width, style);
    }
  }
  if (!a.compliance.empty()) {
    heading(out, "Compliance", style);
    std::size_t name_width = 0;
    for (const ComplianceRef& c : a.compliance) name_width = std::max(name_width, visible_length(c.framework));
    // Controls in a column after the framework names; on a terminal too narrow for a column, below them.
    const bool column = name_width + 4 + 20 <= static_cast<std::size_t>(width);
    for (const ComplianceRef& c : a.compliance) {
      if (c.controls.empty()) {
        out << "  " << c.framework << '\n';
      } else if (column) {
        const std::string first = "  " + c.framework + std::string(name_width - visible_length(c.framework) + 2, ' ');
        write_wrapped(out, first, std::string(name_width + 4, ' '), c.controls, width);
      } else {
        out << "  " << c.framework << '\n';
        write_wrapped(out, "    ", "    ", c.controls, width);
      }
    }
  }
  if (!a.equivalents.empty()) {
    heading(out, "Equivalents in other tools", style);
    bool first = true;
    for (const Equivalent& e : a.equivalents) {
      if (!first) out << '\n';
      first = false;
      write_prose(out, "**" + e.tool + "**: " + e.control, 2, width, style);
      write_prose(out, e.difference, 4, width, style);
    }
  }
  if (!a.references.empty()) {
    heading(out, "References", style);
    for (const std::string& url : a.references) out << "  " << url << '\n';
  }
}

void render_list(std::ostream& out, const KnowledgeBase& kb, bool color) {
  const Style style(color);
  std::size_t id_width = 2, risk_width = 4, service_width = 7;
  for (const Article& a : kb.articles()) {
    id_width = std::max(id_width, visible_length(a.id));
    risk_width = std::max(risk_width, visible_length(a.risk_label));
    service_width = std::max(service_width, visible_length(a.service));
  }
  auto pad = [](std::string_view text, std::size_t width) {
    return std::string(text) + std::string(width - visible_length(text) + 2, ' ');
  };
  out << style.bold(pad("ID", id_width) + pad("RISK", risk_width) + pad("SERVICE", service_width) + "TITLE") << '\n';
  for (const Article& a : kb.articles()) {
    out << pad(a.id, id_width) << pad(a.risk_label, risk_width) << pad(a.service, service_width) << a.title << '\n';
  }
}

}  // namespace stance::kb
