#include "kb/frameworks.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "kb/schema_checker.hpp"

namespace stance::kb {

namespace {

using detail::Key;
using detail::SchemaChecker;

constexpr std::array kRootKeys{Key{"frameworks", true}};
constexpr std::array kFrameworkKeys{Key{"name", true}, Key{"rules", true}};

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

}  // namespace

FrameworksParse parse_frameworks(std::string_view yaml_text, const std::string& source_name) {
  FrameworksParse result;
  SchemaChecker check(source_name, result.errors);

  std::optional<doc::Document> document = check.parse_root(yaml_text, "the frameworks file");
  if (!document) return result;
  const doc::Node& root = *document->root;
  if (!check.check_mapping(root, "the frameworks file", kRootKeys)) return result;

  std::map<std::string, doc::Mark> names;
  for (const doc::NodePtr& item : check.items(root.get("frameworks"), "frameworks")) {
    if (!check.check_mapping(*item, "a framework", kFrameworkKeys)) continue;
    const std::string name = check.text(item->get("name"), "name", true);
    if (!name.empty()) {
      auto [it, inserted] = names.emplace(name, item->get("name")->mark);
      if (!inserted) {
        check.error(item->get("name")->mark,
                    "duplicate framework '" + name + "' (first defined at " + detail::position(it->second) + ")");
      }
    }
    const doc::Node* rules = item->get("rules");
    if (!rules || rules->is_null()) continue;  // reported as missing by check_mapping
    if (!rules->is_mapping()) {
      check.error(rules->mark, "'rules' must be a mapping of rule IDs to lists of controls, found " +
                                   std::string(detail::describe(*rules)));
      continue;
    }
    for (const doc::Pair& pair : rules->pairs) {
      if (!pair.key || !pair.key->is_scalar() || pair.key->text.empty()) {
        check.error(pair.key ? pair.key->mark : rules->mark, "a rule ID must be a plain name");
        continue;
      }
      FrameworkMapping m;
      m.framework = name;
      m.rule_id = pair.key->text;
      m.source = source_name;
      m.where = pair.key->mark;
      const std::string key = "controls of " + m.rule_id;
      if (pair.value && !pair.value->is_null()) m.controls = check.text_list(pair.value.get(), key, true);
      result.mappings.push_back(std::move(m));
    }
  }
  return result;
}

void merge_mappings(std::vector<FrameworkMapping>& into, std::vector<FrameworkMapping> more) {
  for (FrameworkMapping& m : more) {
    auto same = [&](const FrameworkMapping& existing) {
      return existing.framework == m.framework && detail::iequals(existing.rule_id, m.rule_id);
    };
    auto it = std::find_if(into.begin(), into.end(), same);
    if (it != into.end()) {
      *it = std::move(m);
    } else {
      into.push_back(std::move(m));
    }
  }
}

void apply_mappings(const std::vector<FrameworkMapping>& mappings, std::vector<Article>& articles,
                    std::vector<engine::ScanError>& errors) {
  for (Article& a : articles) a.compliance.clear();
  for (const FrameworkMapping& m : mappings) {
    auto it = std::find_if(articles.begin(), articles.end(),
                           [&](const Article& a) { return detail::iequals(a.id, m.rule_id); });
    if (it == articles.end()) {
      SchemaChecker(m.source, errors)
          .error(m.where, "framework '" + m.framework + "' maps rule '" + m.rule_id + "', which has no article");
      continue;
    }
    it->compliance.push_back(ComplianceRef{m.framework, join(m.controls)});
  }
}

}  // namespace stance::kb
