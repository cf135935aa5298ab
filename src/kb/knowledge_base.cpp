// The knowledge base: built-in articles (embedded rule.yaml of every registered rule), compliance from
// frameworks.yaml, and --kb-dir overrides.
#include "kb/knowledge_base.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules/registry.hpp"
#include "kb/frameworks.hpp"
#include "kb/schema_checker.hpp"

namespace stance::kb {

namespace fs = std::filesystem;

namespace {

bool id_less(const Article& a, const Article& b) { return detail::upper(a.id) < detail::upper(b.id); }

void add_error(std::vector<model::ScanError>& errors, const std::string& source, std::string message) {
  model::ScanError e;
  e.source = source;
  e.message = std::move(message);
  e.location = model::Location::in_file(source);
  errors.push_back(std::move(e));
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(text).str();
}

void replace_or_add(std::vector<Article>& articles, Article article) {
  auto it = std::find_if(articles.begin(), articles.end(),
                         [&](const Article& a) { return detail::iequals(a.id, article.id); });
  if (it != articles.end()) {
    *it = std::move(article);
  } else {
    articles.push_back(std::move(article));
  }
}

// Every rule.yaml and frameworks.yaml below `dir`, in a stable order so overrides apply the same way on
// every machine.
std::vector<fs::path> override_files(const fs::path& dir, std::vector<model::ScanError>& errors) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    add_error(errors, dir.string(), "the knowledge-base directory does not exist or is not a directory");
    return files;
  }
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if ((name == "rule.yaml" || name == "frameworks.yaml") && it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) add_error(errors, dir.string(), "cannot list the knowledge-base directory: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

const Article* KnowledgeBase::find(std::string_view rule_id) const {
  for (const Article& a : articles_) {
    if (detail::iequals(a.id, rule_id)) return &a;
  }
  return nullptr;
}

void KnowledgeBase::add_or_replace(Article article) {
  auto same = [&](const Article& a) { return detail::iequals(a.id, article.id); };
  articles_.erase(std::remove_if(articles_.begin(), articles_.end(), same), articles_.end());
  articles_.insert(std::upper_bound(articles_.begin(), articles_.end(), article, id_less), std::move(article));
}

KnowledgeBaseLoad load_knowledge_base(const std::optional<std::string>& override_dir) {
  KnowledgeBaseLoad load;
  std::vector<Article> articles;

  for (const rules::RuleDefinition& rule : rules::registered_rules()) {
    const std::string source = "builtin:" + std::string(rule.id);
    ArticleParse parsed = parse_article(rule.rule_yaml, source);
    load.errors.insert(load.errors.end(), parsed.errors.begin(), parsed.errors.end());
    if (!parsed.article) continue;
    if (!detail::iequals(parsed.article->id, rule.id)) {
      add_error(load.errors, source,
                "the article's id '" + parsed.article->id + "' does not match its rule '" + std::string(rule.id) + "'");
      continue;
    }
    replace_or_add(articles, std::move(*parsed.article));
  }

  FrameworksParse builtin = parse_frameworks(kFrameworksYaml, "builtin:frameworks.yaml");
  load.errors.insert(load.errors.end(), builtin.errors.begin(), builtin.errors.end());
  std::vector<Framework> frameworks;
  merge_frameworks(frameworks, std::move(builtin.frameworks), load.errors);

  if (override_dir) {
    for (const fs::path& path : override_files(*override_dir, load.errors)) {
      const std::string source = path.string();
      std::optional<std::string> text = read_file(path);
      if (!text) {
        add_error(load.errors, source, "cannot read the file");
        continue;
      }
      if (path.filename() == "frameworks.yaml") {
        FrameworksParse more = parse_frameworks(*text, source);
        load.errors.insert(load.errors.end(), more.errors.begin(), more.errors.end());
        merge_frameworks(frameworks, std::move(more.frameworks), load.errors);
        continue;
      }
      ArticleParse parsed = parse_article(*text, source);
      load.errors.insert(load.errors.end(), parsed.errors.begin(), parsed.errors.end());
      if (parsed.article) replace_or_add(articles, std::move(*parsed.article));
    }
  }

  // The known rules are the articles: a registered rule, or one an override adds.
  std::vector<std::string> known_rule_ids;
  for (const Article& a : articles) known_rule_ids.push_back(a.id);
  check_frameworks(frameworks, known_rule_ids, load.errors);
  Frameworks all(std::move(frameworks));
  apply_mappings(all, articles);
  load.kb.set_frameworks(std::move(all));
  for (Article& a : articles) load.kb.add_or_replace(std::move(a));
  return load;
}

}  // namespace stance::kb
