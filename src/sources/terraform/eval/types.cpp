#include "sources/terraform/eval/types.hpp"

#include <algorithm>

namespace stance::terraform {

namespace {

using Kind = TypeSpec::Kind;

struct Parser {
  const std::function<Value(const hcl::Expression&)>& constant;
  std::string error;
  hcl::Pos error_pos;

  TypeSpec fail(const hcl::Expression& e, std::string why) {
    if (error.empty()) {
      error = std::move(why);
      error_pos = e.range.start;
    }
    return {};
  }

  TypeSpec parse(const hcl::Expression& e) {
    if (e.kind == hcl::ExprKind::Parens && e.source) return parse(*e.source);
    if (e.kind == hcl::ExprKind::Variable) {
      if (e.text == "string") return {Kind::String, {}, {}};
      if (e.text == "number") return {Kind::Number, {}, {}};
      if (e.text == "bool") return {Kind::Bool, {}, {}};
      if (e.text == "any") return {Kind::Any, {}, {}};
      if (e.text == "list" || e.text == "set" || e.text == "map") {
        return fail(e, "Invalid type specification; The " + e.text + " type constructor requires one argument "
                       "specifying the element type.");
      }
      return fail(e, "Invalid type specification; The keyword \"" + e.text + "\" is not a valid type specification.");
    }
    if (e.kind == hcl::ExprKind::Template && e.parts.size() == 1 && e.parts[0].kind == hcl::PartKind::Literal) {
      // Terraform 0.11's quoted types ("string", "list", "map").
      const std::string& t = e.parts[0].text;
      if (t == "string") return {Kind::String, {}, {}};
      if (t == "list") return {Kind::List, {TypeSpec{}}, {}};
      if (t == "map") return {Kind::Map, {TypeSpec{}}, {}};
    }
    if (e.kind != hcl::ExprKind::Call) return fail(e, "Invalid type specification; A type specification is either a "
                                                      "primitive type keyword (bool, number, string) or a complex "
                                                      "type constructor call, like list(string).");
    const std::string& name = e.text;
    if (name == "list" || name == "set" || name == "map") {
      if (e.items.size() != 1 || !e.items[0]) return fail(e, "Invalid type specification; The " + name +
                                                                 " type constructor requires one argument.");
      TypeSpec t;
      t.kind = name == "list" ? Kind::List : name == "set" ? Kind::Set : Kind::Map;
      t.elements.push_back(parse(*e.items[0]));
      return t;
    }
    if (name == "tuple") {
      if (e.items.size() != 1 || !e.items[0] || e.items[0]->kind != hcl::ExprKind::Tuple) {
        return fail(e, "Invalid type specification; The tuple type constructor requires one argument specifying "
                       "the element types as a list.");
      }
      TypeSpec t;
      t.kind = Kind::Tuple;
      for (const auto& item : e.items[0]->items) t.elements.push_back(parse(*item));
      return t;
    }
    if (name == "object") {
      if (e.items.size() != 1 || !e.items[0] || e.items[0]->kind != hcl::ExprKind::Object) {
        return fail(e, "Invalid type specification; The object type constructor requires one argument specifying "
                       "the attribute types as a map.");
      }
      TypeSpec t;
      t.kind = Kind::Object;
      for (const auto& item : e.items[0]->object_items) {
        TypeSpec::Attr attr;
        const hcl::Expression& key = *item.key;
        if (key.kind == hcl::ExprKind::Variable) {
          attr.name = key.text;
        } else if (key.kind == hcl::ExprKind::Template && key.parts.size() == 1 &&
                   key.parts[0].kind == hcl::PartKind::Literal) {
          attr.name = key.parts[0].text;
        } else {
          return fail(key, "Invalid type specification; Object constructor map keys must be attribute names.");
        }
        const hcl::Expression& type = *item.value;
        if (type.kind == hcl::ExprKind::Call && type.text == "optional") {
          attr.optional = true;
          if (type.items.empty() || type.items.size() > 2) {
            return fail(type, "Invalid type specification; Optional attribute modifier requires the attribute "
                              "type and optionally a default value.");
          }
          attr.type.push_back(parse(*type.items[0]));
          if (type.items.size() == 2) attr.default_value = constant(*type.items[1]);
        } else {
          attr.type.push_back(parse(type));
        }
        t.attributes.push_back(std::move(attr));
      }
      return t;
    }
    return fail(e, "Invalid type specification; Keyword \"" + name + "\" is not a valid type constructor.");
  }
};

Value with_origin(Value v, const Value& from) {
  v.file = from.file;
  v.range = from.range;
  return v;
}

Conversion failed(std::string why) { return Conversion{std::nullopt, std::move(why)}; }

}  // namespace

std::string TypeSpec::describe() const {
  switch (kind) {
    case Kind::Any: return "any";
    case Kind::String: return "string";
    case Kind::Number: return "number";
    case Kind::Bool: return "bool";
    case Kind::List: return "list of " + elements.front().describe();
    case Kind::Set: return "set of " + elements.front().describe();
    case Kind::Map: return "map of " + elements.front().describe();
    case Kind::Object: return "object";
    case Kind::Tuple: return "tuple";
  }
  return "any";
}

TypeParse parse_type(const hcl::Expression& e, const std::function<Value(const hcl::Expression&)>& constant) {
  Parser p{constant, {}, {}};
  TypeSpec t = p.parse(e);
  return TypeParse{p.error.empty() ? std::move(t) : TypeSpec{}, p.error, p.error_pos};
}

Conversion convert(const Value& value, const TypeSpec& type) {
  if (value.is_unknown() || value.is_null() || type.kind == Kind::Any) return Conversion{value, {}};
  switch (type.kind) {
    case Kind::Any: break;
    case Kind::String:
      if (auto v = to_string_value(value)) return Conversion{*v, {}};
      return failed("string required");
    case Kind::Number:
      if (auto v = to_number_value(value)) return Conversion{*v, {}};
      return failed("a number is required");
    case Kind::Bool:
      if (auto v = to_bool_value(value)) return Conversion{*v, {}};
      return failed("a bool is required");
    case Kind::List:
    case Kind::Set: {
      if (value.type != Type::List) return failed(std::string(type.kind == Kind::List ? "list" : "set") + " of " +
                                                  type.elements.front().describe() + " required");
      std::vector<Value> items;
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        Conversion c = convert(value.items[i], type.elements.front());
        if (!c.value) return failed("element " + std::to_string(i) + ": " + c.error);
        if (type.kind == Kind::Set && !c.value->is_unknown()) {
          bool seen = std::any_of(items.begin(), items.end(), [&](const Value& other) {
            auto same = equals(other, *c.value);
            return same && *same;
          });
          if (seen) continue;
        }
        items.push_back(std::move(*c.value));
      }
      Value out = with_origin(Value::list(std::move(items)), value);
      out.is_set = type.kind == Kind::Set;
      return Conversion{std::move(out), {}};
    }
    case Kind::Map: {
      if (value.type != Type::Map) return failed("map of " + type.elements.front().describe() + " required");
      std::vector<std::pair<std::string, Value>> entries;
      for (const auto& [k, v] : value.entries) {
        Conversion c = convert(v, type.elements.front());
        if (!c.value) return failed("element \"" + k + "\": " + c.error);
        entries.emplace_back(k, std::move(*c.value));
      }
      return Conversion{with_origin(Value::map(std::move(entries)), value), {}};
    }
    case Kind::Object: {
      if (value.type != Type::Map) return failed("object required");
      std::vector<std::pair<std::string, Value>> entries;
      for (const auto& attr : type.attributes) {
        const Value* v = value.get(attr.name);
        if (!v || v->is_null()) {
          if (!attr.optional && !v) return failed("attribute \"" + attr.name + "\" is required");
          Value fill = attr.default_value ? *attr.default_value : Value::null_value();
          if (!fill.is_null()) {
            Conversion c = convert(fill, attr.type.front());
            if (c.value) fill = std::move(*c.value);
          }
          entries.emplace_back(attr.name, std::move(fill));
          continue;
        }
        Conversion c = convert(*v, attr.type.front());
        if (!c.value) return failed("attribute \"" + attr.name + "\": " + c.error);
        entries.emplace_back(attr.name, std::move(*c.value));
      }
      return Conversion{with_origin(Value::map(std::move(entries)), value), {}};
    }
    case Kind::Tuple: {
      if (value.type != Type::List) return failed("tuple required");
      if (value.items.size() != type.elements.size()) {
        return failed("tuple required with " + std::to_string(type.elements.size()) + " elements");
      }
      std::vector<Value> items;
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        Conversion c = convert(value.items[i], type.elements[i]);
        if (!c.value) return failed("element " + std::to_string(i) + ": " + c.error);
        items.push_back(std::move(*c.value));
      }
      return Conversion{with_origin(Value::list(std::move(items)), value), {}};
    }
  }
  return Conversion{value, {}};
}

}  // namespace stance::terraform
