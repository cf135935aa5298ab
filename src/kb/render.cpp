// What every renderer shares: format names, snippet languages, dispatch.
#include "kb/render.hpp"

#include "kb/schema_checker.hpp"

namespace stance::kb {

std::optional<RenderFormat> parse_render_format(std::string_view name) {
  if (detail::iequals(name, "text")) return RenderFormat::Text;
  if (detail::iequals(name, "markdown") || detail::iequals(name, "md")) return RenderFormat::Markdown;
  if (detail::iequals(name, "json")) return RenderFormat::Json;
  return std::nullopt;
}

std::string_view snippet_language(std::string_view kind) {
  if (kind == "cli") return "bash";
  if (kind == "json" || kind == "cloudformation-json") return "json";
  if (kind == "cloudformation-yaml") return "yaml";
  if (kind == "terraform") return "hcl";
  return "";
}

void render_article(std::ostream& out, const Article& article, RenderFormat format, bool color, int width) {
  switch (format) {
    case RenderFormat::Text: render_article_text(out, article, color, width); return;
    case RenderFormat::Markdown: render_article_markdown(out, article); return;
    case RenderFormat::Json: render_article_json(out, article); return;
  }
}

}  // namespace stance::kb
