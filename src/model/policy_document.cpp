#include "model/policy_document.hpp"

#include <string>

#include "common/document.hpp"

namespace stance::model {

namespace {

using Statements = Value<std::vector<PolicyStatement>>;

// Principal "*", {"AWS": "*"} or a list holding "*": anyone, signed or not.
bool names_everyone(const doc::Node& principal) {
  if (principal.is_scalar()) return principal.text == "*";
  if (principal.is_sequence()) {
    for (const auto& item : principal.items) {
      if (item->is_scalar() && item->text == "*") return true;
    }
    return false;
  }
  const doc::Node* aws = principal.get("AWS");
  return aws && names_everyone(*aws);
}

std::string short_text(const doc::Node& node) {
  std::string text;
  if (node.is_scalar()) {
    text = node.text;
  } else if (node.is_sequence()) {
    for (const auto& item : node.items) text += (text.empty() ? "" : ", ") + (item->is_scalar() ? item->text : "...");
    text = "[" + text + "]";
  } else if (node.is_mapping() && node.pairs.size() > 0) {
    const doc::Pair& first = *node.pairs.begin();
    text = "{" + first.key->text + ": " + (first.value->is_scalar() ? first.value->text : "...") + "}";
  }
  return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

PolicyStatement statement(const doc::Node& s, const Location& where) {
  PolicyStatement out;
  out.where = where;
  for (std::string_view key : {"Effect", "Principal", "Action"}) {
    if (const doc::Node* n = s.get(key)) {
      out.excerpt += (out.excerpt.empty() ? "" : ", ") + std::string(key) + " " + short_text(*n);
    }
  }
  if (const doc::Node* sid = s.get("Sid"); sid && sid->is_scalar()) out.sid = sid->text;
  const doc::Node* effect = s.get("Effect");
  out.effect = effect && effect->is_scalar() ? Value<std::string>::set(effect->text, where)
                                             : Value<std::string>::invalid("the statement has no Effect", where);
  // NotPrincipal (no Principal): never "anyone" here.
  const doc::Node* principal = s.get("Principal");
  out.principal_everyone = Value<bool>::set(principal && names_everyone(*principal), where);
  std::vector<std::string> keys;
  if (const doc::Node* condition = s.get("Condition"); condition && condition->is_mapping()) {
    for (const auto& op : condition->pairs) {
      if (!op.value->is_mapping()) continue;
      for (const auto& key : op.value->pairs) keys.push_back(key.key->text);
    }
  }
  out.condition_keys = Value<std::vector<std::string>>::set(std::move(keys), where);
  return out;
}

}  // namespace

Value<std::vector<PolicyStatement>> parse_policy_json(std::string_view text, const Location& where,
                                                      std::string_view name) {
  doc::ParseResult parsed = doc::parse(text, doc::Syntax::Json);
  if (!parsed.document || !parsed.document->root || !parsed.document->root->is_mapping()) {
    const std::string why = std::string(name) + " is not a JSON policy document" +
                            (parsed.document ? std::string() : ": " + parsed.error.message);
    return Statements::invalid(why, where);
  }
  std::vector<PolicyStatement> out;
  if (const doc::Node* statements = parsed.document->root->get("Statement")) {
    if (statements->is_mapping()) out.push_back(statement(*statements, where));
    if (statements->is_sequence()) {
      for (const auto& s : statements->items) {
        if (s->is_mapping()) out.push_back(statement(*s, where));
      }
    }
  }
  return Statements::set(std::move(out), where);
}

}  // namespace stance::model
