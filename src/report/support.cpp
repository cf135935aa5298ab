#include "report/support.hpp"

#include <cctype>

namespace stance::report::detail {

Counts count_findings(const std::vector<engine::Finding>& findings) {
  Counts counts;
  for (const engine::Finding& f : findings) {
    // A suppressed fail or unknown asks for no action: it is counted as suppressed, and only there, so
    // that every format's "fail" is the same number of things to fix.
    if (shown_as_suppressed(f)) {
      ++counts.suppressed;
      continue;
    }
    switch (f.status) {
      case engine::Status::Pass: ++counts.pass; break;
      case engine::Status::Fail: ++counts.fail; break;
      case engine::Status::Unknown: ++counts.unknown; break;
      case engine::Status::Error: ++counts.error; break;
    }
  }
  return counts;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

const kb::Article* find_article(const kb::KnowledgeBase& kb, std::string_view rule_id) {
  if (const kb::Article* article = kb.find(rule_id)) return article;
  for (const kb::Article& article : kb.articles()) {
    if (iequals(article.id, rule_id)) return &article;
  }
  return nullptr;
}

std::vector<std::string> rules_in_order(const std::vector<engine::Finding>& findings) {
  std::vector<std::string> ids;
  for (const engine::Finding& f : findings) {
    bool seen = false;
    for (const std::string& id : ids) seen = seen || iequals(id, f.rule_id);
    if (!seen) ids.push_back(f.rule_id);
  }
  return ids;
}

bool shown_as_suppressed(const engine::Finding& finding) {
  return finding.suppression &&
         (finding.status == engine::Status::Fail || finding.status == engine::Status::Unknown);
}

const char* describe(engine::Suppression::Kind kind) {
  switch (kind) {
    case engine::Suppression::Kind::InSource: return "in source";
    case engine::Suppression::Kind::Config: return "config";
  }
  return "?";
}


}  // namespace stance::report::detail
