// parse_article: reads and validates one rule.yaml (schema: src/kb/README.md).
#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "kb/knowledge_base.hpp"
#include "kb/schema_checker.hpp"

namespace stance::kb {

namespace {

using detail::Key;
using detail::SchemaChecker;

constexpr std::array kArticleKeys{
    Key{"id", true},           Key{"title", true},     Key{"service", true},    Key{"risk", true},
    Key{"resource_types", true}, Key{"summary", true}, Key{"rationale", true},  Key{"evaluation"},
    Key{"audit"},              Key{"remediation"},     Key{"settings"},         Key{"equivalents"},
    Key{"references"},
};
constexpr std::array kSnippetKeys{Key{"kind", true}, Key{"title", true}, Key{"note"}, Key{"text", true}};
constexpr std::array kSettingKeys{Key{"name", true}, Key{"type", true}, Key{"default", true},
                                  Key{"description", true}};
constexpr std::array kEquivalentKeys{Key{"tool", true}, Key{"control", true}, Key{"difference", true}};
constexpr std::array<std::string_view, 6> kSnippetKinds{"console",           "cli",
                                                         "json",              "cloudformation-json",
                                                         "cloudformation-yaml", "terraform"};

const doc::Node* value_of(const doc::Node& mapping, std::string_view key) { return mapping.get(key); }

// "CT-010": letters, a dash, digits. Rule IDs appear in suppressions and config files, so they must be
// easy to type and unambiguous.
bool valid_rule_id(std::string_view id) {
  const std::size_t dash = id.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == id.size()) return false;
  const auto prefix = id.substr(0, dash);
  const auto number = id.substr(dash + 1);
  return std::all_of(prefix.begin(), prefix.end(), [](unsigned char c) { return std::isupper(c); }) &&
         std::all_of(number.begin(), number.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool valid_setting_name(std::string_view name) {
  return !name.empty() && std::islower(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_'; });
}

std::vector<Snippet> read_snippets(SchemaChecker& check, const doc::Node* list, std::string_view key) {
  std::vector<Snippet> out;
  for (const doc::NodePtr& item : check.items(list, key)) {
    const std::string what = "an entry of '" + std::string(key) + "'";
    if (!check.check_mapping(*item, what, kSnippetKeys)) continue;
    Snippet s;
    s.kind = check.text(value_of(*item, "kind"), "kind", true);
    s.title = check.text(value_of(*item, "title"), "title", true);
    s.note = check.text(value_of(*item, "note"), "note", false);
    s.text = check.text(value_of(*item, "text"), "text", true);
    const doc::Node* kind = value_of(*item, "kind");
    if (!s.kind.empty() && kind &&
        std::find(kSnippetKinds.begin(), kSnippetKinds.end(), s.kind) == kSnippetKinds.end()) {
      check.error(kind->mark, "unknown snippet kind '" + s.kind +
                                  "' (expected console, cli, json, cloudformation-json, cloudformation-yaml or "
                                  "terraform)");
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Setting> read_settings(SchemaChecker& check, const doc::Node* list) {
  std::vector<Setting> out;
  std::map<std::string, doc::Mark> seen;
  for (const doc::NodePtr& item : check.items(list, "settings")) {
    if (!check.check_mapping(*item, "a setting", kSettingKeys)) continue;
    Setting s;
    s.name = check.text(value_of(*item, "name"), "name", true);
    s.type = check.text(value_of(*item, "type"), "type", true);
    s.description = check.text(value_of(*item, "description"), "description", true);
    if (const doc::Node* name = value_of(*item, "name"); name && !s.name.empty()) {
      if (!valid_setting_name(s.name)) {
        check.error(name->mark, "setting name '" + s.name + "' must be lower_snake_case");
      }
      auto [it, inserted] = seen.emplace(s.name, name->mark);
      if (!inserted) {
        check.error(name->mark, "duplicate setting '" + s.name + "' (first defined at " +
                                    detail::position(it->second) + ")");
      }
    }
    const doc::Node* type = value_of(*item, "type");
    if (type && !s.type.empty() && s.type != "bool" && s.type != "string") {
      check.error(type->mark, "unsupported setting type '" + s.type + "' (bool or string)");
    }
    if (s.type == "string") {
      // A value the user names (a KMS key ARN); the article's default is empty: "not named".
      s.default_value = check.text(value_of(*item, "default"), "default", false);
    } else if (std::optional<bool> d = check.boolean(value_of(*item, "default"), "default")) {
      s.default_value = *d ? "true" : "false";
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Equivalent> read_equivalents(SchemaChecker& check, const doc::Node* list) {
  std::vector<Equivalent> out;
  for (const doc::NodePtr& item : check.items(list, "equivalents")) {
    if (!check.check_mapping(*item, "an equivalent", kEquivalentKeys)) continue;
    Equivalent e;
    e.tool = check.text(value_of(*item, "tool"), "tool", true);
    e.control = check.text(value_of(*item, "control"), "control", true);
    e.difference = check.text(value_of(*item, "difference"), "difference", true);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<std::string> read_references(SchemaChecker& check, const doc::Node* list) {
  std::vector<std::string> out;
  for (const doc::NodePtr& item : check.items(list, "references")) {
    std::string url = check.text(item.get(), "references item", true);
    if (item->is_null()) {
      check.error(detail::mark_or(item.get(), list->mark), "'references item' has no value");
    } else if (!url.empty() && url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
      check.error(item->mark, "reference '" + url + "' is not an http(s) URL");
    }
    out.push_back(std::move(url));
  }
  return out;
}

// Block scalars end with a newline; renderers want the text without it.
void trim_trailing(std::string& text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) text.pop_back();
}

void trim_all(Article& a) {
  for (std::string* s : {&a.title, &a.service, &a.summary, &a.rationale, &a.evaluation}) trim_trailing(*s);
  for (auto* list : {&a.audit, &a.remediation}) {
    for (Snippet& s : *list) {
      trim_trailing(s.note);
      trim_trailing(s.text);
    }
  }
  for (Setting& s : a.settings) trim_trailing(s.description);
  for (Equivalent& e : a.equivalents) trim_trailing(e.difference);
}

}  // namespace

ArticleParse parse_article(std::string_view yaml_text, const std::string& source_name) {
  ArticleParse result;
  SchemaChecker check(source_name, result.errors);

  std::optional<doc::Document> document = check.parse_root(yaml_text, "the article");
  if (!document) return result;
  const doc::Node& root = *document->root;
  if (!check.check_mapping(root, "the article", kArticleKeys, "compliance",
                           " (compliance mappings live in src/rules/frameworks.yaml, not in the article)")) {
    return result;
  }

  Article a;
  a.source = source_name;
  a.id = check.text(value_of(root, "id"), "id", true);
  if (const doc::Node* id = value_of(root, "id"); id && !a.id.empty() && !valid_rule_id(a.id)) {
    check.error(id->mark, "rule id '" + a.id + "' is not of the form ABC-123 (upper-case letters, a dash, digits)");
  }
  a.title = check.text(value_of(root, "title"), "title", true);
  a.service = check.text(value_of(root, "service"), "service", true);
  a.risk_label = check.text(value_of(root, "risk"), "risk", true);
  if (const doc::Node* risk = value_of(root, "risk"); risk && !a.risk_label.empty()) {
    if (std::optional<rules::Severity> severity = rules::parse_severity(a.risk_label)) {
      a.risk = *severity;
    } else {
      check.error(risk->mark,
                  "unknown risk level '" + a.risk_label + "' (expected Info, Low, Medium, High or Critical)");
    }
  }
  a.resource_types = check.text_list(value_of(root, "resource_types"), "resource_types", true);
  if (const doc::Node* types = value_of(root, "resource_types"); types && types->is_sequence() && types->items.empty()) {
    check.error(types->mark, "'resource_types' must list at least one resource type");
  }
  a.summary = check.text(value_of(root, "summary"), "summary", true);
  a.rationale = check.text(value_of(root, "rationale"), "rationale", true);
  a.evaluation = check.text(value_of(root, "evaluation"), "evaluation", false);
  a.audit = read_snippets(check, value_of(root, "audit"), "audit");
  a.remediation = read_snippets(check, value_of(root, "remediation"), "remediation");
  a.settings = read_settings(check, value_of(root, "settings"));
  a.equivalents = read_equivalents(check, value_of(root, "equivalents"));
  a.references = read_references(check, value_of(root, "references"));
  trim_all(a);

  if (result.errors.empty()) result.article = std::move(a);
  return result;
}

}  // namespace stance::kb
