// Dispatch, plain structure, Ref (parameters and pseudo parameters), Fn::FindInMap and the functions
// whose value exists only after deployment. String functions: intrinsic_strings.cpp; conditions and
// Fn::If: conditions.cpp.
#include "sources/cloudformation/intrinsics.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "sources/cloudformation/text_functions.hpp"

namespace stance::sources::cloudformation {

namespace {

// Real templates nest a few dozen levels; the document itself is limited to 256.
constexpr int kMaxDepth = 512;
// Values and text produced while evaluating one template (Fn::Sub can double a string per nesting level).
constexpr std::size_t kBudget = 64u << 20;

struct ShortForm {
  std::string_view tag;
  std::string_view function;
};
constexpr std::array<ShortForm, 20> kShortForms{{
    {"Ref", "Ref"},
    {"Condition", "Condition"},
    {"Sub", "Fn::Sub"},
    {"If", "Fn::If"},
    {"Equals", "Fn::Equals"},
    {"GetAtt", "Fn::GetAtt"},
    {"FindInMap", "Fn::FindInMap"},
    {"Join", "Fn::Join"},
    {"Select", "Fn::Select"},
    {"Split", "Fn::Split"},
    {"Not", "Fn::Not"},
    {"And", "Fn::And"},
    {"Or", "Fn::Or"},
    {"Base64", "Fn::Base64"},
    {"ImportValue", "Fn::ImportValue"},
    {"GetAZs", "Fn::GetAZs"},
    {"Cidr", "Fn::Cidr"},
    {"Length", "Fn::Length"},
    {"ToJsonString", "Fn::ToJsonString"},
    {"Transform", "Fn::Transform"},
}};

constexpr std::array<std::string_view, 8> kPseudoParameters{
    "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",   "AWS::Partition",
    "AWS::Region",    "AWS::StackId",          "AWS::StackName", "AWS::URLSuffix"};

bool is_list_type(std::string_view type) {
  return type == "CommaDelimitedList" || starts_with(type, "List<") ||
         type.find("<List<") != std::string_view::npos;
}

}  // namespace

std::optional<bool> parse_bool(std::string_view text) {
  auto equals_ci = [&](std::string_view word) {
    return text.size() == word.size() &&
           std::equal(text.begin(), text.end(), word.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  };
  if (equals_ci("true")) return true;
  if (equals_ci("false")) return false;
  return std::nullopt;
}

Resolved Evaluator::fail(std::string message, doc::Mark mark) {
  diag_.error(message, mark);
  return Resolved::unknown(std::move(message), mark);
}

bool Evaluator::charge(std::size_t bytes, doc::Mark mark) {
  spent_ += bytes;
  if (spent_ <= kBudget) return true;
  if (!budget_reported_) {
    budget_reported_ = true;
    diag_.error("the template's values expand beyond 64 MB when evaluated; evaluation stopped", mark);
  }
  return false;
}

std::optional<Evaluator::Call> Evaluator::as_call(const doc::Node& node) const {
  if (!node.tag.empty() && node.tag[0] != '!') {  // "!!str" and other standard tags are plain values
    for (const auto& s : kShortForms) {
      if (s.tag == node.tag) return Call{s.function, &node, &node, true};
    }
    return Call{node.tag, &node, &node, true};  // reported as an unknown tag by invoke()
  }
  if (node.is_mapping() && node.pairs.size() == 1 && node.pairs[0].key->is_scalar()) {
    const std::string& key = node.pairs[0].key->text;
    if (key == "Ref" || starts_with(key, "Fn::") || (key == "Condition" && condition_context_ > 0)) {
      return Call{key, &node, node.pairs[0].value.get(), false};
    }
  }
  return std::nullopt;
}

Resolved Evaluator::resolve(const doc::Node& node) {
  if (depth_ >= kMaxDepth) return fail("values nested more than 512 levels deep", node.mark);
  if (!charge(sizeof(Resolved), node.mark)) return Resolved::unknown("evaluation budget exceeded", node.mark);
  ++depth_;
  std::optional<Call> call = as_call(node);
  Resolved out = call ? invoke(*call) : resolve_structure(node);
  --depth_;
  return out;
}

Resolved Evaluator::resolve_structure(const doc::Node& node) {
  switch (node.kind) {
    case doc::Kind::Scalar:
      if (node.is_null()) return Resolved::null(node.mark);
      if (!charge(node.text.size(), node.mark))
        return Resolved::unknown("evaluation budget exceeded", node.mark);
      return Resolved::scalar(node.text, node.mark);
    case doc::Kind::Sequence: {
      Resolved out;
      out.kind = Resolved::Kind::List;
      out.mark = node.mark;
      out.items.reserve(node.items.size());
      for (const auto& item : node.items) {
        Resolved r = resolve(*item);
        if (!r.is(Resolved::Kind::NoValue)) out.items.push_back(std::move(r));
      }
      return out;
    }
    case doc::Kind::Mapping: {
      Resolved out;
      out.kind = Resolved::Kind::Map;
      out.mark = node.mark;
      out.entries.reserve(node.pairs.size());
      for (const auto& pair : node.pairs) {
        Resolved r = resolve(*pair.value);
        if (!r.is(Resolved::Kind::NoValue)) {
          out.entries.push_back(ResolvedEntry{pair.key->text, pair.key->mark, std::move(r)});
        }
      }
      return out;
    }
  }
  return Resolved::null(node.mark);
}

Resolved Evaluator::argument(const Call& call) {
  return call.tagged ? resolve_structure(*call.arg) : resolve(*call.arg);
}

Resolved Evaluator::invoke(const Call& call) {
  const std::string_view f = call.function;
  const doc::Mark mark = call.node->mark;
  if (f == "Ref") {
    Resolved name = argument(call);
    if (name.is_unknown()) return name;
    if (!name.is_scalar() || name.text.empty())
      return fail("Ref expects the name of a parameter or resource", mark);
    return ref(name.text, mark);
  }
  if (f == "Fn::Sub") return sub(call);
  if (f == "Fn::If") return fn_if(call);
  if (f == "Fn::Join") return join(call);
  if (f == "Fn::Select") return select(call);
  if (f == "Fn::Split") return split(call);
  if (f == "Fn::Base64") return base64(call);
  if (f == "Fn::FindInMap") return find_in_map(call);
  if (f == "Fn::Equals") return equals(call);
  if (f == "Fn::And" || f == "Fn::Or" || f == "Fn::Not") return logical(call);
  if (f == "Condition") return condition_ref(call);
  if (f == "Fn::GetAtt" || f == "Fn::ImportValue" || f == "Fn::GetAZs" || f == "Fn::Cidr" ||
      f == "Fn::Length" || f == "Fn::ToJsonString" || f == "Fn::Transform" || f == "Fn::GetParam" ||
      f == "Fn::Contains" || f == "Fn::EachMemberEquals" || f == "Fn::EachMemberIn" || f == "Fn::RefAll" ||
      f == "Fn::ValueOf" || f == "Fn::ValueOfAll") {
    return deployment_only(call);
  }
  if (call.tagged) return fail("unknown tag !" + std::string(f) + " (not a CloudFormation function)", mark);
  return fail("unknown function " + std::string(f), mark);
}

Resolved Evaluator::ref(const std::string& name, doc::Mark mark) {
  if (name == "AWS::NoValue") return Resolved::no_value(mark);
  if (t_.parameters) {
    if (const doc::Node* declaration = t_.parameters->get(name)) return parameter(name, *declaration, mark);
  }
  if (starts_with(name, "AWS::")) {
    if (std::find(kPseudoParameters.begin(), kPseudoParameters.end(), name) == kPseudoParameters.end()) {
      return fail("Ref to " + name + ", which is not a pseudo parameter", mark);
    }
    if (auto it = options_.parameters.find(name); it != options_.parameters.end()) {
      if (name == "AWS::NotificationARNs") {
        Resolved list;
        list.kind = Resolved::Kind::List;
        list.mark = mark;
        list.origin = "parameter " + name;
        for (const auto& part : split_text(it->second, ",")) {
          list.items.push_back(Resolved::scalar(std::string(trim(part)), mark, list.origin));
        }
        return list;
      }
      return Resolved::scalar(it->second, mark, "parameter " + name);
    }
    return Resolved::unknown(name + " is known only at deployment; pass --parameter " + name + "=...", mark);
  }
  if (t_.resources && t_.resources->find_pair(name)) {
    Resolved ref = Resolved::unknown("Ref " + name + " (a resource) is known only after deployment", mark);
    ref.reference = name;
    return ref;
  }
  if (t_.has_transform) {
    return Resolved::unknown("Ref " + name + " names something the template's Transform creates", mark);
  }
  // CloudFormation rejects this, but fragments (peers' fixtures, snippets) often refer to resources defined
  // elsewhere: the value is unknown, and the file is still read.
  std::string why = "Ref to " + name + ", which is neither a parameter nor a resource of this template";
  diag_.warning(why, mark);
  return Resolved::unknown(std::move(why), mark);
}

Resolved Evaluator::parameter(const std::string& name, const doc::Node& declaration, doc::Mark mark) {
  const doc::Node* type_node = declaration.get("Type");
  const std::string type = type_node && type_node->is_scalar() ? type_node->text : std::string();
  const std::string origin = "parameter " + name;

  std::string value;
  if (auto it = options_.parameters.find(name); it != options_.parameters.end()) {
    value = it->second;
  } else if (starts_with(type, "AWS::SSM::Parameter::Value<")) {
    // The Default of an SSM-typed parameter is the name of the SSM parameter, not the value.
    return Resolved::unknown("parameter " + name +
                                 " is read from the SSM Parameter Store at deployment; pass --parameter " +
                                 name + "=...",
                             mark);
  } else if (const doc::Node* def = declaration.get("Default"); def && def->is_scalar() && def->tag.empty()) {
    value = def->is_null() ? std::string() : def->text;
  } else if (def && def->is_sequence() && is_list_type(type)) {
    // Not CloudFormation's syntax (Default is a string), but unambiguous.
    Resolved list;
    list.kind = Resolved::Kind::List;
    list.mark = mark;
    list.origin = origin;
    for (const auto& item : def->items) {
      if (item->is_scalar()) list.items.push_back(Resolved::scalar(item->text, mark, origin));
    }
    return list;
  } else {
    return Resolved::unknown("parameter " + name + " has no value; pass --parameter " + name + "=...", mark);
  }

  if (is_list_type(type)) {
    Resolved list;
    list.kind = Resolved::Kind::List;
    list.mark = mark;
    list.origin = origin;
    if (!trim(value).empty()) {
      // CloudFormation trims the spaces around each member of a list parameter.
      for (const auto& part : split_text(value, ",")) {
        list.items.push_back(Resolved::scalar(std::string(trim(part)), mark, origin));
      }
    }
    return list;
  }
  if (!charge(value.size(), mark)) return Resolved::unknown("evaluation budget exceeded", mark);
  return Resolved::scalar(std::move(value), mark, origin);
}

Resolved Evaluator::find_in_map(const Call& call) {
  const doc::Mark mark = call.node->mark;
  Resolved args = argument(call);
  if (args.is_unknown()) return args;
  if (!args.is(Resolved::Kind::List) || args.items.size() < 3 || args.items.size() > 4) {
    return fail("Fn::FindInMap expects [MapName, TopLevelKey, SecondLevelKey]", mark);
  }
  for (std::size_t i = 0; i < 3; ++i) {
    const Resolved& key = args.items[i];
    if (key.is_unknown()) {
      return Resolved::unknown(
          "Fn::FindInMap key depends on a value known only at deployment (" + key.text + ")", mark);
    }
    if (!key.is_scalar()) return fail("Fn::FindInMap keys must be strings", key.mark);
  }
  const std::string& map_name = args.items[0].text;
  const std::string& top = args.items[1].text;
  const std::string& second = args.items[2].text;
  const std::string origin = "mapping " + map_name + "/" + top + "/" + second;

  const doc::Node* map = t_.mappings ? t_.mappings->get(map_name) : nullptr;
  const doc::Node* top_node = map && map->is_mapping() ? map->get(top) : nullptr;
  const doc::Node* value = top_node && top_node->is_mapping() ? top_node->get(second) : nullptr;
  if (!value) {
    // AWS::LanguageExtensions: [Map, Top, Second, {DefaultValue: ...}]
    if (args.items.size() == 4) {
      if (const ResolvedEntry* fallback = args.items[3].find("DefaultValue")) {
        Resolved out = fallback->value;
        relocate(out, mark, origin + " (DefaultValue)");
        return out;
      }
    }
    if (!map)
      return fail("Fn::FindInMap: there is no mapping " + map_name + " in Mappings", args.items[0].mark);
    if (!top_node)
      return fail("Fn::FindInMap: mapping " + map_name + " has no key " + top, args.items[1].mark);
    return fail("Fn::FindInMap: mapping " + map_name + "/" + top + " has no key " + second,
                args.items[2].mark);
  }
  Resolved out = resolve(*value);
  relocate(out, mark, origin);
  return out;
}

Resolved Evaluator::deployment_only(const Call& call) {
  const std::string f(call.function);
  const doc::Mark mark = call.node->mark;
  std::string what = f;
  // Name the attribute for GetAtt: "Fn::GetAtt Bucket.Arn".
  if (f == "Fn::GetAtt") {
    const doc::Node& arg = *call.arg;
    std::string resource;
    if (arg.is_scalar()) {
      what += " " + arg.text;
      resource = arg.text.substr(0, arg.text.find('.'));
    } else if (arg.is_sequence() && arg.items.size() == 2 && arg.items[0]->is_scalar() &&
               arg.items[1]->is_scalar()) {
      what += " " + arg.items[0]->text + "." + arg.items[1]->text;
      resource = arg.items[0]->text;
    }
    Resolved attribute = Resolved::unknown(what + " is known only after deployment", mark);
    if (t_.resources && t_.resources->find_pair(resource)) attribute.reference = resource;
    return attribute;
  }
  if (f == "Fn::ImportValue")
    return Resolved::unknown("Fn::ImportValue reads another stack's export at deployment", mark);
  if (f == "Fn::GetAZs" || f == "Fn::Cidr") return Resolved::unknown(f + " is computed at deployment", mark);
  if (f == "Fn::Length" || f == "Fn::ToJsonString") {
    return Resolved::unknown(f + " (AWS::LanguageExtensions) is not evaluated by stance", mark);
  }
  if (f == "Fn::Transform") return Resolved::unknown("Fn::Transform runs a macro at deployment", mark);
  return Resolved::unknown(f + " is not evaluated by stance", mark);
}

}  // namespace stance::sources::cloudformation
