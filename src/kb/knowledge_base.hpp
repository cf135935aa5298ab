// Loading and looking up knowledge-base articles. Built-in articles come from the rule registry's
// embedded rule.yaml files; --kb-dir DIR overrides them with DIR/<any>/rule.yaml files. Every load
// error carries file:line:col.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.hpp"
#include "rules/rule.hpp"
#include "kb/article.hpp"
#include "kb/frameworks.hpp"

namespace stance::kb {

struct ArticleParse {
  std::optional<Article> article;
  std::vector<model::ScanError> errors;  // each with location.file/line/column
};

// Parses and validates one rule.yaml. `source_name` is used in errors and Article::source.
ArticleParse parse_article(std::string_view yaml_text, const std::string& source_name);

class KnowledgeBase {
 public:
  const Article* find(std::string_view rule_id) const;  // case-insensitive ID match
  const std::vector<Article>& articles() const { return articles_; }
  void add_or_replace(Article article);
  // The compliance frameworks: every control, and the rules mapped to each (`scan --framework`, `kb list
  // --framework`).
  const Frameworks& frameworks() const { return frameworks_; }
  void set_frameworks(Frameworks frameworks) { frameworks_ = std::move(frameworks); }

 private:
  std::vector<Article> articles_;  // kept sorted by ID
  Frameworks frameworks_;
};

struct KnowledgeBaseLoad {
  KnowledgeBase kb;
  std::vector<model::ScanError> errors;
};

// Articles of every registered rule; then, if override_dir is set, every rule.yaml below it replaces
// (or adds) the article with the same ID. The frameworks come from the embedded frameworks.yaml, extended
// by every frameworks.yaml below override_dir; they may map only rules that have an article.
KnowledgeBaseLoad load_knowledge_base(const std::optional<std::string>& override_dir);

}  // namespace stance::kb
