#include "fix/cfn_sites.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace stance::fix {

namespace cfn = sources::cloudformation;

namespace {

constexpr std::array<std::string_view, 21> kFunctions = {
    "Ref",         "Condition", "Base64", "Cidr",  "FindInMap", "GetAtt",       "GetAZs",
    "ImportValue", "Join",      "Select", "Split", "Sub",       "Transform",    "If",
    "Equals",      "And",       "Or",     "Not",   "Length",    "ToJsonString", "ForEach"};

std::string_view strip_fn(std::string_view name) { return name.starts_with("Fn::") ? name.substr(4) : name; }

bool is_function(std::string_view name) {
  return std::find(kFunctions.begin(), kFunctions.end(), name) != kFunctions.end();
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string line_of(const doc::Node& node) { return "line " + std::to_string(node.mark.line); }

const doc::Node* plain_scalar(const doc::Node* node) {
  return node && node->is_scalar() && node->tag.empty() ? node : nullptr;
}

template <class Visit>
void walk(const doc::Node& node, Visit&& visit) {
  visit(node);
  for (const auto& item : node.items) walk(*item, visit);
  for (const auto& pair : node.pairs) {
    if (pair.value) walk(*pair.value, visit);
  }
}

}  // namespace

std::optional<Call> as_call(const doc::Node& node) {
  if (!node.tag.empty()) {
    const std::string_view name = strip_fn(node.tag);
    if (is_function(name)) return Call{std::string(name), &node, true};
    return std::nullopt;
  }
  if (node.is_mapping() && node.pairs.size() == 1 && node.pairs[0].key && node.pairs[0].value) {
    const std::string& key = node.pairs[0].key->text;
    if (key == "Ref" || key == "Condition" || (key.starts_with("Fn::") && is_function(strip_fn(key)))) {
      return Call{std::string(strip_fn(key)), node.pairs[0].value.get(), false};
    }
  }
  return std::nullopt;
}

const doc::Node* literal_collection(const doc::Node& start, cfn::Evaluator& evaluator, std::string* why) {
  const doc::Node* node = &start;
  for (int depth = 0; depth < 16; ++depth) {
    const auto call = as_call(*node);
    if (!call) return node->is_scalar() ? nullptr : node;
    if (call->name != "If" || !call->arg->is_sequence() || call->arg->items.size() != 3 ||
        !call->arg->items[0]->is_scalar()) {
      if (why) *why = "it is computed by " + (call->name == "Ref" ? std::string("Ref") : "Fn::" + call->name);
      return nullptr;
    }
    const doc::Node& condition = *call->arg->items[0];
    const auto truth = evaluator.condition(condition.text, condition.mark);
    if (!truth.value) {
      if (why) *why = "it depends on condition " + condition.text + ", which is unknown (" + truth.why + ")";
      return nullptr;
    }
    node = call->arg->items[*truth.value ? 1 : 2].get();
  }
  if (why) *why = "it is nested too deeply in Fn::If";
  return nullptr;
}

ValueSite SiteFinder::locate(const doc::Node& value, std::string_view wanted) {
  const auto call = as_call(value);
  if (!call) {
    if (value.is_scalar()) return {ValueSite::Kind::Literal, &value, {}, {}};
    return {ValueSite::Kind::ReplaceAtResource, &value, {}, "the value written there is not a single value"};
  }
  if (call->name == "Ref") {
    const std::string* name = call->scalar_arg();
    if (name && t_.parameters && t_.parameters->get(*name)) return parameter_site(value, *name, wanted);
    return {ValueSite::Kind::None,
            &value,
            {},
            "the value is Ref " + (name ? *name : std::string("...")) + ", known only at deployment"};
  }
  if (call->name == "FindInMap") return mapping_site(value, *call);
  if (call->name == "If") {
    std::string why;
    const doc::Node* arg = call->arg;
    if (!arg->is_sequence() || arg->items.size() != 3 || !plain_scalar(arg->items[0].get())) {
      return {ValueSite::Kind::None, &value, {}, "the Fn::If there is not well formed"};
    }
    const doc::Node& condition = *arg->items[0];
    const auto truth = evaluator_.condition(condition.text, condition.mark);
    if (!truth.value) {
      return {ValueSite::Kind::None,
              &value,
              {},
              "the value depends on condition " + condition.text + ", which is unknown before deployment"};
    }
    const doc::Node& branch = *arg->items[*truth.value ? 1 : 2];
    ValueSite site = locate(branch, wanted);
    const std::string branch_name = std::string(*truth.value ? "true" : "false") + " branch of Fn::If " +
                                    condition.text + " (the condition is " +
                                    (*truth.value ? "true" : "false") + " with the parameters scanned)";
    if (site.kind == ValueSite::Kind::Literal && site.where.empty()) site.where = "the " + branch_name;
    if (site.kind == ValueSite::Kind::ReplaceAtResource) site.why += "; in the " + branch_name;
    return site;
  }
  if (call->name == "ImportValue" || call->name == "GetAtt" || call->name == "GetAZs" ||
      call->name == "Cidr") {
    return {ValueSite::Kind::None,
            &value,
            {},
            "the value comes from Fn::" + call->name + ", known only at deployment"};
  }
  return {ValueSite::Kind::ReplaceAtResource,
          &value,
          {},
          "the value is computed by Fn::" + call->name + ", which is replaced by the literal value"};
}

ValueSite SiteFinder::parameter_site(const doc::Node& value, const std::string& name,
                                     std::string_view wanted) {
  const doc::Node& declaration = *t_.parameters->get(name);
  if (options_.parameters.count(name)) {
    return {ValueSite::Kind::ReplaceAtResource,
            &value,
            {},
            "parameter " + name +
                " is given a value at deployment (parameter file or --parameter), which its Default does not "
                "change; the Ref is replaced at the resource"};
  }
  const doc::Node* def = plain_scalar(declaration.is_mapping() ? declaration.get("Default") : nullptr);
  if (!def) {
    return {
        ValueSite::Kind::None,
        &value,
        {},
        "the value comes from parameter " + name +
            ", which has no Default: it is chosen at deployment, so the fix belongs in the parameter values "
            "passed there"};
  }
  const int uses = parameter_uses(name);
  if (uses > 1) {
    return {
        ValueSite::Kind::ReplaceAtResource,
        &value,
        {},
        "parameter " + name + " is used " + std::to_string(uses) +
            " times in the template, so its Default is left alone and the Ref is replaced at the resource"};
  }
  if (const doc::Node* allowed = declaration.get("AllowedValues"); allowed && allowed->is_sequence()) {
    const bool ok = std::any_of(allowed->items.begin(), allowed->items.end(), [&](const auto& item) {
      return item->is_scalar() && (item->text == wanted || (wanted == "true" && iequals(item->text, wanted)));
    });
    if (!ok) {
      return {ValueSite::Kind::ReplaceAtResource,
              &value,
              {},
              "the AllowedValues of parameter " + name + " do not include " + std::string(wanted) +
                  ", so the Ref is replaced at the resource"};
    }
  }
  return {ValueSite::Kind::Literal,
          def,
          "the Default of parameter " + name + " (" + line_of(*def) +
              "), which nothing else in the template uses",
          {}};
}

std::optional<std::string> SiteFinder::key_value(const doc::Node& node) const {
  if (const doc::Node* s = plain_scalar(&node)) return s->text;
  const auto call = as_call(node);
  if (!call || call->name != "Ref") return std::nullopt;
  const std::string* name = call->scalar_arg();
  if (!name) return std::nullopt;
  if (auto it = options_.parameters.find(*name); it != options_.parameters.end()) return it->second;
  const doc::Node* declaration = t_.parameters ? t_.parameters->get(*name) : nullptr;
  const doc::Node* def =
      plain_scalar(declaration && declaration->is_mapping() ? declaration->get("Default") : nullptr);
  if (!def) return std::nullopt;
  return def->text;
}

ValueSite SiteFinder::mapping_site(const doc::Node& value, const Call& call) {
  const doc::Node* arg = call.arg;
  if (!arg->is_sequence() || arg->items.size() != 3 || !plain_scalar(arg->items[0].get())) {
    return {
        ValueSite::Kind::ReplaceAtResource,
        &value,
        {},
        "the Fn::FindInMap there is not a plain [Map, Key, Key] lookup, so it is replaced at the resource"};
  }
  const std::string& map = arg->items[0]->text;
  const auto k1 = key_value(*arg->items[1]);
  const auto k2 = key_value(*arg->items[2]);
  if (!k1 || !k2) {
    return {ValueSite::Kind::None, &value, {}, "a key of the Fn::FindInMap is not known before deployment"};
  }
  const doc::Node* m = t_.mappings ? t_.mappings->get(map) : nullptr;
  const doc::Node* level = m && m->is_mapping() ? m->get(*k1) : nullptr;
  const doc::Node* leaf = plain_scalar(level && level->is_mapping() ? level->get(*k2) : nullptr);
  const std::string path = map + "/" + *k1 + "/" + *k2;
  if (!leaf) {
    return {ValueSite::Kind::ReplaceAtResource,
            &value,
            {},
            "mapping entry " + path + " is not a single value, so the lookup is replaced at the resource"};
  }
  const int uses = mapping_uses(map);
  if (uses > 1) {
    return {ValueSite::Kind::ReplaceAtResource,
            &value,
            {},
            "mapping " + map + " is read by " + std::to_string(uses) +
                " Fn::FindInMap calls, so it is left alone and the lookup is replaced at the resource"};
  }
  return {ValueSite::Kind::Literal,
          leaf,
          "mapping entry " + path + " (" + line_of(*leaf) + "), which only this Fn::FindInMap reads",
          {}};
}

int SiteFinder::parameter_uses(const std::string& name) const {
  int uses = 0;
  const std::string sub = "${" + name + "}";
  const std::string sub_attr = "${" + name + ".";
  const doc::Node& root = t_.root();
  for (const auto& pair : root.pairs) {
    if (!pair.value || (pair.key && pair.key->text == "Parameters")) continue;
    walk(*pair.value, [&](const doc::Node& node) {
      if (const auto call = as_call(node); call && call->name == "Ref") {
        if (const std::string* arg = call->scalar_arg(); arg && *arg == name) ++uses;
      }
      if (node.is_scalar() &&
          (node.text.find(sub) != std::string::npos || node.text.find(sub_attr) != std::string::npos)) {
        ++uses;
      }
    });
  }
  return uses;
}

int SiteFinder::mapping_uses(const std::string& name) const {
  int uses = 0;
  walk(t_.root(), [&](const doc::Node& node) {
    const auto call = as_call(node);
    if (!call || call->name != "FindInMap" || !call->arg->is_sequence() || call->arg->items.empty()) return;
    const doc::Node* first = plain_scalar(call->arg->items[0].get());
    if (!first || first->text == name) ++uses;
  });
  return uses;
}

}  // namespace stance::fix
