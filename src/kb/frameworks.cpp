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
// Only `id` is required here: an entry in a --kb-dir file may extend a built-in framework with mappings
// alone. merge_frameworks requires a name and controls of a framework that is new.
constexpr std::array kFrameworkKeys{Key{"id", true},  Key{"name"},     Key{"version"},
                                    Key{"url"},       Key{"controls"}, Key{"rules"}};
constexpr std::array kControlKeys{Key{"id", true}, Key{"title", true}};

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

// Command-line names: lower-case letters and digits, with '.' and '-' between them.
bool is_slug(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.front() == '.' || id.back() == '-' || id.back() == '.') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
  });
}

// An optional string: absent gives "", but a key written without a value is a mistake worth reporting.
std::string optional_text(SchemaChecker& check, const doc::Node& framework, std::string_view key) {
  const doc::Pair* pair = framework.find_pair(key);
  if (!pair) return {};
  if (!pair->value || pair->value->is_null()) {
    check.error(detail::mark_or(pair->value.get(), pair->key->mark), "'" + std::string(key) + "' has no value");
    return {};
  }
  return check.text(pair->value.get(), key, true);
}

void parse_controls(SchemaChecker& check, const doc::Node* list, Framework& fw) {
  std::map<std::string, doc::Mark> seen;
  for (const doc::NodePtr& item : check.items(list, "controls")) {
    if (!check.check_mapping(*item, "a control", kControlKeys)) continue;
    Control c;
    c.id = check.text(item->get("id"), "id", true);
    c.title = check.text(item->get("title"), "title", true);
    if (c.id.empty()) continue;
    auto [it, inserted] = seen.emplace(c.id, item->get("id")->mark);
    if (!inserted) {
      check.error(item->get("id")->mark, "duplicate control '" + c.id + "' in framework '" + fw.id +
                                             "' (first listed at " + detail::position(it->second) + ")");
      continue;
    }
    fw.controls.push_back(std::move(c));
  }
}

void parse_rules(SchemaChecker& check, const doc::Node& rules, Framework& fw) {
  if (!rules.is_mapping()) {
    check.error(rules.mark, "'rules' must be a mapping of rule IDs to lists of controls, found " +
                                std::string(detail::describe(rules)));
    return;
  }
  for (const doc::Pair& pair : rules.pairs) {
    if (!pair.key || !pair.key->is_scalar() || pair.key->text.empty()) {
      check.error(pair.key ? pair.key->mark : rules.mark, "a rule ID must be a plain name");
      continue;
    }
    auto same_rule = [&](const FrameworkMapping& m) { return detail::iequals(m.rule_id, pair.key->text); };
    if (auto it = std::find_if(fw.mappings.begin(), fw.mappings.end(), same_rule); it != fw.mappings.end()) {
      // The YAML parser catches exact duplicates; this catches "ct-010" next to "CT-010".
      check.error(pair.key->mark, "rule '" + pair.key->text + "' is mapped twice in framework '" + fw.id +
                                      "' (first at " + detail::position(it->where) + ")");
      continue;
    }
    FrameworkMapping m;
    m.rule_id = pair.key->text;
    m.source = check.source();
    m.where = pair.key->mark;
    const std::string key = "controls of " + m.rule_id;
    if (!pair.value || pair.value->is_null() || (pair.value->is_sequence() && pair.value->items.empty())) {
      // Every mapping names its controls, so a per-control summary can place the rule.
      check.error(detail::mark_or(pair.value.get(), pair.key->mark),
                  "rule '" + m.rule_id + "' must map to at least one control of framework '" + fw.id + "'");
      continue;
    }
    for (const doc::NodePtr& item : check.items(pair.value.get(), key)) {
      if (item->is_null()) {
        check.error(detail::mark_or(item.get(), pair.value->mark), "'" + key + " item' has no value");
        continue;
      }
      std::string control = check.text(item.get(), key + " item", true);
      if (control.empty()) continue;
      if (std::find(m.controls.begin(), m.controls.end(), control) != m.controls.end()) {
        check.error(item->mark, "control '" + control + "' is listed twice for rule '" + m.rule_id + "'");
        continue;
      }
      m.controls.push_back(std::move(control));
      m.control_marks.push_back(item->mark);
    }
    fw.mappings.push_back(std::move(m));
  }
}

}  // namespace

std::vector<ControlCoverage> coverage(const Framework& framework) {
  std::vector<ControlCoverage> out;
  out.reserve(framework.controls.size());
  for (const Control& c : framework.controls) {
    ControlCoverage cov{&c, {}};
    for (const FrameworkMapping& m : framework.mappings) {
      if (std::find(m.controls.begin(), m.controls.end(), c.id) != m.controls.end()) cov.rule_ids.push_back(m.rule_id);
    }
    out.push_back(std::move(cov));
  }
  return out;
}

std::vector<std::string> rules_of(const Framework& framework) {
  std::vector<std::string> out;
  for (const FrameworkMapping& m : framework.mappings) {
    auto same = [&](const std::string& id) { return detail::iequals(id, m.rule_id); };
    if (std::none_of(out.begin(), out.end(), same)) out.push_back(m.rule_id);
  }
  return out;
}

const Framework* Frameworks::find(std::string_view id) const {
  for (const Framework& f : all_) {
    if (detail::iequals(f.id, id)) return &f;
  }
  return nullptr;
}

std::string Frameworks::ids() const {
  std::vector<std::string> ids;
  for (const Framework& f : all_) ids.push_back(f.id);
  return join(ids);
}

FrameworksParse parse_frameworks(std::string_view yaml_text, const std::string& source_name) {
  FrameworksParse result;
  SchemaChecker check(source_name, result.errors);

  std::optional<doc::Document> document = check.parse_root(yaml_text, "the frameworks file");
  if (!document) return result;
  const doc::Node& root = *document->root;
  if (!check.check_mapping(root, "the frameworks file", kRootKeys)) return result;

  std::map<std::string, doc::Mark> ids;  // upper-cased: ids are compared case-insensitively
  for (const doc::NodePtr& item : check.items(root.get("frameworks"), "frameworks")) {
    if (!check.check_mapping(*item, "a framework", kFrameworkKeys)) continue;
    Framework fw;
    fw.source = source_name;
    fw.id = check.text(item->get("id"), "id", true);
    if (fw.id.empty()) continue;  // missing or empty: reported
    fw.where = item->get("id")->mark;
    if (!is_slug(fw.id)) {
      check.error(fw.where, "framework id '" + fw.id +
                                "' must be lower-case letters and digits with '.' or '-' between them "
                                "(it is typed on the command line)");
    }
    auto [it, inserted] = ids.emplace(detail::upper(fw.id), fw.where);
    if (!inserted) {
      check.error(fw.where, "duplicate framework '" + fw.id + "' (first defined at " + detail::position(it->second) + ")");
      continue;
    }
    fw.name = optional_text(check, *item, "name");
    fw.version = optional_text(check, *item, "version");
    fw.url = optional_text(check, *item, "url");
    if (!fw.url.empty() && !fw.url.starts_with("https://") && !fw.url.starts_with("http://")) {
      check.error(item->get("url")->mark, "url '" + fw.url + "' is not an http(s) URL");
    }
    if (item->get("controls")) parse_controls(check, item->get("controls"), fw);
    if (const doc::Node* rules = item->get("rules"); rules && !rules->is_null()) parse_rules(check, *rules, fw);
    result.frameworks.push_back(std::move(fw));
  }
  return result;
}

void merge_frameworks(std::vector<Framework>& into, std::vector<Framework> more, std::vector<model::ScanError>& errors) {
  for (Framework& fw : more) {
    auto same = [&](const Framework& f) { return detail::iequals(f.id, fw.id); };
    auto it = std::find_if(into.begin(), into.end(), same);
    if (it == into.end()) {
      SchemaChecker check(fw.source, errors);
      if (fw.name.empty()) check.error(fw.where, "framework '" + fw.id + "' is new here and has no 'name'");
      if (fw.controls.empty()) {
        check.error(fw.where, "framework '" + fw.id + "' is new here and lists no 'controls'");
      }
      into.push_back(std::move(fw));
      continue;
    }
    Framework& old = *it;
    if (!fw.name.empty()) old.name = std::move(fw.name);
    if (!fw.version.empty()) old.version = std::move(fw.version);
    if (!fw.url.empty()) old.url = std::move(fw.url);
    if (!fw.controls.empty()) old.controls = std::move(fw.controls);
    for (FrameworkMapping& m : fw.mappings) {
      auto same_rule = [&](const FrameworkMapping& e) { return detail::iequals(e.rule_id, m.rule_id); };
      auto existing = std::find_if(old.mappings.begin(), old.mappings.end(), same_rule);
      if (existing != old.mappings.end()) {
        *existing = std::move(m);
      } else {
        old.mappings.push_back(std::move(m));
      }
    }
  }
}

void check_frameworks(const std::vector<Framework>& frameworks, std::span<const std::string> known_rule_ids,
                      std::vector<model::ScanError>& errors) {
  for (const Framework& fw : frameworks) {
    for (const FrameworkMapping& m : fw.mappings) {
      SchemaChecker check(m.source, errors);
      auto known = [&](const std::string& id) { return detail::iequals(id, m.rule_id); };
      if (std::none_of(known_rule_ids.begin(), known_rule_ids.end(), known)) {
        check.error(m.where, "framework '" + fw.id + "' maps rule '" + m.rule_id + "', which is not a known rule");
      }
      for (std::size_t i = 0; i < m.controls.size(); ++i) {
        auto listed = [&](const Control& c) { return c.id == m.controls[i]; };
        if (std::none_of(fw.controls.begin(), fw.controls.end(), listed)) {
          check.error(m.control_marks[i], "control '" + m.controls[i] + "' of rule '" + m.rule_id +
                                              "' is not listed in the controls of framework '" + fw.id + "'");
        }
      }
    }
  }
}

FrameworksLoad load_frameworks(std::string_view yaml_text, const std::string& source_name,
                               std::span<const std::string> known_rule_ids) {
  FrameworksLoad load;
  FrameworksParse parsed = parse_frameworks(yaml_text, source_name);
  load.errors = std::move(parsed.errors);
  std::vector<Framework> all;
  merge_frameworks(all, std::move(parsed.frameworks), load.errors);
  check_frameworks(all, known_rule_ids, load.errors);
  load.frameworks = Frameworks(std::move(all));
  return load;
}

void apply_mappings(const Frameworks& frameworks, std::vector<Article>& articles) {
  for (Article& a : articles) a.compliance.clear();
  for (const Framework& fw : frameworks.all()) {
    for (const FrameworkMapping& m : fw.mappings) {
      auto it = std::find_if(articles.begin(), articles.end(),
                             [&](const Article& a) { return detail::iequals(a.id, m.rule_id); });
      if (it != articles.end()) it->compliance.push_back(ComplianceRef{fw.name, join(m.controls)});
    }
  }
}

}  // namespace stance::kb
