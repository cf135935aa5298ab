#include "cli/explain.hpp"

#include <map>
#include <sstream>
#include <string_view>
#include <utility>

#include "fix/snippets/finding_snippets.hpp"
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
  // A trail finding's resource is its trail's id within its root module (unique in a unit).
  std::map<std::pair<std::string_view, std::string_view>, const model::Trail*> trails;
  for (const model::Trail& t : inventory.trails) trails[{t.id, t.root_module}] = &t;
  for (const engine::Finding& f : findings) {
    if (f.status != engine::Status::Fail || f.suppression) continue;
    const kb::Article* article = kb_.find(f.rule_id);
    auto found = trails.find({f.resource.id, f.resource.root_module});
    const model::Trail* trail = found == trails.end() ? nullptr : found->second;
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
