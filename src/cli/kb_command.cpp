#include "cli/kb_command.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <ostream>

#include "kb/knowledge_base.hpp"
#include "kb/render.hpp"

namespace stance::cli {

namespace {

// Wrap prose to the terminal, but never wider than is comfortable to read.
int text_width(bool is_terminal) {
  if (!is_terminal) return 100;
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return std::min<int>(ws.ws_col, 100);
  return 80;
}

bool load(const KbArgs& args, Streams streams, kb::KnowledgeBaseLoad& out) {
  out = kb::load_knowledge_base(args.kb_dir);
  for (const auto& e : out.errors) print_problem(streams.err, "error", e);
  return out.errors.empty();
}

std::optional<kb::RenderFormat> format_of(const KbArgs& args, Streams streams) {
  auto format = kb::parse_render_format(args.format);
  if (!format) streams.err << "stance: unknown format \"" << args.format << "\" (text, markdown, json)\n";
  return format;
}

}  // namespace

int run_kb_list(const KbArgs& args, Streams streams) {
  auto format = format_of(args, streams);
  kb::KnowledgeBaseLoad loaded;
  if (!format || !load(args, streams, loaded)) return kExitIncomplete;
  switch (*format) {
    case kb::RenderFormat::Text:
      kb::render_list(streams.out, loaded.kb, use_color(args.color, streams.out_is_terminal));
      break;
    case kb::RenderFormat::Markdown: kb::render_list_markdown(streams.out, loaded.kb); break;
    case kb::RenderFormat::Json: kb::render_list_json(streams.out, loaded.kb); break;
  }
  return kExitOk;
}

int run_kb_show(const KbArgs& args, Streams streams) {
  auto format = format_of(args, streams);
  kb::KnowledgeBaseLoad loaded;
  if (!format || !load(args, streams, loaded)) return kExitIncomplete;
  const kb::Article* article = loaded.kb.find(args.rule);
  if (!article) {
    streams.err << "stance: no rule \"" << args.rule << "\" in the knowledge base (see `stance kb list`)\n";
    return kExitIncomplete;
  }
  kb::render_article(streams.out, *article, *format, use_color(args.color, streams.out_is_terminal),
                     text_width(streams.out_is_terminal));
  return kExitOk;
}

}  // namespace stance::cli
