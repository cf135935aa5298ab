// TEMPORARY until kb/render.hpp lands.
#include "cli/kb_command.hpp"

#include <ostream>

#include "kb/knowledge_base.hpp"

namespace stance::cli {

int run_kb_list(const KbArgs& args, Streams streams) {
  auto load = kb::load_knowledge_base(args.kb_dir);
  for (const auto& a : load.kb.articles()) streams.out << a.id << "  " << a.title << '\n';
  return kExitOk;
}

int run_kb_show(const KbArgs& args, Streams streams) {
  auto load = kb::load_knowledge_base(args.kb_dir);
  const kb::Article* a = load.kb.find(args.rule);
  if (!a) {
    streams.err << "stance: unknown rule \"" << args.rule << "\"\n";
    return kExitIncomplete;
  }
  streams.out << a->id << " " << a->title << '\n';
  return kExitOk;
}

}  // namespace stance::cli
