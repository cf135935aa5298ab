// Pieces the article renderers share with the per-finding renderers (render_finding.cpp), so a filled-in
// snippet looks exactly like the article's own. Internal to src/kb.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/json_writer.hpp"
#include "kb/article.hpp"

namespace stance::kb::detail {

// Text (render_text.cpp). `width` <= 0 means the default width.
std::string text_bold(std::string_view text, bool color);
void text_heading(std::ostream& out, std::string_view title, bool color);  // blank line, then the title in capitals
void text_prose(std::ostream& out, std::string_view text, std::size_t indent, int width, bool color);
// Titles at `indent`, notes two columns further in, code four.
void text_snippets(std::ostream& out, const std::vector<Snippet>& snippets, std::size_t indent, int width, bool color);

// Markdown (render_markdown.cpp): "### title", the note, a fenced block.
void markdown_snippets(std::ostream& out, const std::vector<Snippet>& snippets);

// JSON (render_json.cpp): key: [{kind, title, note?, language?, text}].
void json_snippets(json::Writer& w, std::string_view key, const std::vector<Snippet>& snippets);

}  // namespace stance::kb::detail
