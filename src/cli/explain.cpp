#include "cli/explain.hpp"

#include <sstream>

#include "fix/finding_snippets.hpp"
#include "report/finding_snippets.hpp"

namespace stance::cli {

namespace {

// A finding is its rule, resource, location and message (logical IDs repeat across templates).
std::string key_of(const engine::Finding& f) {
  return f.rule_id + '\0' + f.resource.id + '\0' + model::to_string(f.location) + '\0' + f.message;
}

}  // namespace

std::vector<engine::Finding> Explainer::evaluate(const model::Inventory& inventory,
                                                 const engine::EvaluationOptions& options) {
  std::vector<engine::Finding> findings = engine::evaluate(inventory, config_, kb_, options);
  for (const engine::Finding& f : findings) {
    if (f.status != engine::Status::Fail || f.suppression) continue;
    const kb::Article* article = kb_.find(f.rule_id);
    const model::Trail* trail = nullptr;
    for (const model::Trail& t : inventory.trails) {
      if (t.id == f.resource.id && t.root_module == f.resource.root_module) trail = &t;
    }
    if (!article || !trail) continue;  // account findings: the article's own snippets apply as written
    const engine::RuleSettings settings = engine::rule_settings(f.rule_id, config_, kb_);
    std::ostringstream text;
    report::render_finding_snippets_body(text, fix::fill_finding_snippets(*article, *trail, f, settings), width_);
    std::lock_guard<std::mutex> lock(mutex_);
    texts_[key_of(f)] = text.str();
  }
  return findings;
}

std::string Explainer::text_for(const engine::Finding& finding) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = texts_.find(key_of(finding));
  return it == texts_.end() ? std::string() : it->second;
}

}  // namespace stance::cli
