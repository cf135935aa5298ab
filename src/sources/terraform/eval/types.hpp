// Type constraints of input variables (`type = list(object({ name = string, on = optional(bool, true) }))`)
// and Terraform's conversion of a value to one: primitives convert as in value.hpp, collections element by
// element, objects keep only their declared attributes and fill absent optional() ones with their default
// or null. https://developer.hashicorp.com/terraform/language/expressions/type-constraints
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sources/terraform/eval/value.hpp"
#include "sources/terraform/hcl/ast.hpp"

namespace stance::terraform {

struct TypeSpec {
  enum class Kind { Any, String, Number, Bool, List, Set, Map, Object, Tuple };
  Kind kind = Kind::Any;
  std::vector<TypeSpec> elements;  // List/Set/Map: one; Tuple: each
  struct Attr {
    std::string name;
    std::vector<TypeSpec> type;  // exactly one (a vector so TypeSpec can be incomplete here)
    bool optional = false;
    std::optional<Value> default_value;
  };
  std::vector<Attr> attributes;  // Object
  std::string describe() const;  // "list of string", "object", ...
};

// Parses a type expression; an unrecognised one gives an error message (and Any).
struct TypeParse {
  TypeSpec type;
  std::string error;
  hcl::Pos error_pos;
};
// `constant` evaluates optional() defaults.
TypeParse parse_type(const hcl::Expression& e, const std::function<Value(const hcl::Expression&)>& constant);

// Converts `value` to `type`; on failure returns the reason (Terraform's wording, "a bool is required").
struct Conversion {
  std::optional<Value> value;
  std::string error;
};
Conversion convert(const Value& value, const TypeSpec& type);

}  // namespace stance::terraform
