#include "fix/verify.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "engine/evaluator.hpp"

namespace stance::fix {

namespace {

using Key = std::pair<std::string, std::string>;  // rule, resource_key()

std::map<Key, const engine::Finding*> by_resource(const std::vector<engine::Finding>& findings) {
  std::map<Key, const engine::Finding*> out;
  for (const auto& f : findings) out[{f.rule_id, resource_key(f.resource.id, f.resource.root_module)}] = &f;
  return out;
}

}  // namespace

std::string resource_key(const std::string& id, const std::string& root_module) {
  return root_module.empty() ? id : id + " (root module " + root_module + ")";
}

bool judges_related_resources(const FixOptions& options) {
  const auto rules = engine::selected_rules(options.config, options.rules);
  return std::any_of(rules.begin(), rules.end(), [](const auto* r) { return r->bucket_check || r->key_check; });
}

Baseline baseline_of(sources::SourceResult read, const FixOptions& options, const kb::KnowledgeBase& kb) {
  Baseline b;
  b.loaded = read.files_scanned > 0;
  for (const auto& e : read.errors) b.errors.push_back(e.message);
  std::sort(b.errors.begin(), b.errors.end());
  b.read_errors = std::move(read.errors);
  // Bucket and key rules judge the trails' related resources: the whole unit is evaluated, as scan does.
  b.findings = engine::evaluate(model::Inventory{read.trails, {}, read.buckets, read.keys}, options.config, kb,
                                options.rules);
  b.trails = std::move(read.trails);
  b.buckets = std::move(read.buckets);
  b.keys = std::move(read.keys);
  return b;
}

Baseline scan_baseline(const std::string& path, const std::string& text, const FixOptions& options,
                       const kb::KnowledgeBase& kb) {
  sources::cloudformation::Options cloudformation = options.cloudformation;
  cloudformation.related_resources = cloudformation.related_resources || judges_related_resources(options);
  return baseline_of(sources::cloudformation::scan_text(text, path, cloudformation), options, kb);
}

std::vector<FixedFinding> fixed_findings(const std::vector<std::string>& rule_ids,
                                         const std::vector<std::string>& resource_keys) {
  std::vector<FixedFinding> out;
  for (const auto& rule : rule_ids) {
    for (const auto& key : resource_keys) out.emplace_back(rule, key);
  }
  return out;
}

std::string compare(const Baseline& before, const Baseline& now, const std::vector<FixedFinding>& fixed) {
  for (const auto& e : now.errors) {
    if (!std::binary_search(before.errors.begin(), before.errors.end(), e))
      return "the edited file has an error: " + e;
  }
  const auto old_findings = by_resource(before.findings);
  const auto new_findings = by_resource(now.findings);
  for (const auto& key : fixed) {
    const auto it = new_findings.find(key);
    if (it == new_findings.end()) return "the trail has no " + key.first + " finding after the edit";
    if (it->second->status != engine::Status::Pass) {
      return key.first + " is " + engine::to_string(it->second->status) + " after the edit: " + it->second->message;
    }
  }
  for (const auto& [key, finding] : old_findings) {
    if (std::find(fixed.begin(), fixed.end(), key) != fixed.end()) continue;
    const auto it = new_findings.find(key);
    if (it == new_findings.end()) return key.first + " for " + key.second + " disappeared";
    if (it->second->status != finding->status ||
        it->second->suppression.has_value() != finding->suppression.has_value()) {
      return key.first + " for " + key.second + " changed from " + engine::to_string(finding->status) +
             " to " + engine::to_string(it->second->status);
    }
  }
  for (const auto& [key, finding] : new_findings) {
    if (!old_findings.count(key)) return "a new finding appeared: " + key.first + " for " + key.second;
  }
  return {};
}

std::string verify(const Baseline& before, const std::vector<std::string>& rule_ids, const std::string& resource_id,
                   const std::string& path, const std::string& after, const FixOptions& options,
                   const kb::KnowledgeBase& kb) {
  const Baseline now = scan_baseline(path, after, options, kb);
  if (!now.loaded) return "the edited file is no longer read as a CloudFormation template";
  return compare(before, now, fixed_findings(rule_ids, {resource_id}));
}

}  // namespace stance::fix
