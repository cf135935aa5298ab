// Rendering knowledge-base articles for `stance kb list` and `stance kb show ID [--format ...]`.
// Renderers decide layout only; what an article says comes from its rule.yaml.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "kb/article.hpp"
#include "kb/knowledge_base.hpp"

namespace stance::kb {

enum class RenderFormat { Text, Markdown, Json };

// "text" | "markdown" | "md" | "json" (case-insensitive); nullopt for anything else.
std::optional<RenderFormat> parse_render_format(std::string_view name);

// `stance kb list`: one line per article (ID, risk, service, title), header in bold when `color`.
void render_list(std::ostream& out, const KnowledgeBase& kb, bool color);
// `stance kb list --format json`: {"schema_version": 1, "articles": [{id, title, service, risk, ...}]}.
void render_list_json(std::ostream& out, const KnowledgeBase& kb);
// `stance kb list --format markdown`: a table linking nothing, for pasting into docs.
void render_list_markdown(std::ostream& out, const KnowledgeBase& kb);

// Terminal form: section headings (bold when `color`), prose wrapped to `width` columns (<= 0: 80),
// snippets indented and never wrapped, so they can be copied as they are.
void render_article_text(std::ostream& out, const Article& article, bool color, int width);
// GitHub-flavoured Markdown with fenced code blocks tagged bash, json, yaml or hcl.
void render_article_markdown(std::ostream& out, const Article& article);
// One JSON object with every field of the article (schema in src/kb/README.md).
void render_article_json(std::ostream& out, const Article& article);

// Dispatches on `format` (color and width apply to Text only).
void render_article(std::ostream& out, const Article& article, RenderFormat format, bool color, int width);

// The fenced-code language of a snippet kind: "bash", "json", "yaml", "hcl"; "" for console steps (prose).
std::string_view snippet_language(std::string_view kind);

}  // namespace stance::kb
