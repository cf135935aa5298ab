// STUB — replaced by the knowledge-base work.
#include "kb/knowledge_base.hpp"
namespace stance::kb {
ArticleParse parse_article(std::string_view, const std::string&) { return {}; }
const Article* KnowledgeBase::find(std::string_view) const { return nullptr; }
void KnowledgeBase::add_or_replace(Article a) { articles_.push_back(std::move(a)); }
KnowledgeBaseLoad load_knowledge_base(const std::optional<std::string>&) { return {}; }
}
