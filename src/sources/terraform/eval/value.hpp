// A Terraform value as the evaluator computes it (cty's model, simplified): null, bool, number, string,
// list (lists, tuples and sets), map (maps and objects), or unknown — a value Terraform itself learns only at
// apply time (resource attributes, data sources, remote modules). Unknowns propagate through expressions
// and functions; the CT-010 adapter turns them into model Values with provenance Unresolvable.
// Every value remembers where it was written (`range`), so a finding can point at the deciding attribute.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/interned_string.hpp"
#include "sources/terraform/hcl/ast.hpp"

namespace stance::terraform {

enum class Type { Null, Bool, Number, String, List, Map, Unknown };

struct Value {
  Type type = Type::Null;
  bool boolean = false;
  bool is_set = false;  // List: made by toset()
  // Unknown because evaluating it failed (Terraform would reject the configuration; unknown_reason says
  // why). The error itself is reported where it happened; this only keeps the value from counting as known.
  bool invalid = false;  // (the three flags sit together, beside `type`: a Value is copied often)
  double number = 0;  // Terraform numbers are arbitrary-precision; configurations never need more than this
  std::string string;
  std::vector<Value> items;                            // List (also tuples and sets; is_set for toset())
  std::vector<std::pair<std::string, Value>> entries;  // Map/object, sorted by key as Terraform iterates them
  std::string unknown_reason;  // Unknown: "aws_kms_key.k.arn is known only after apply"
  // Unknown because it is an attribute of a managed resource of this configuration: its address
  // ("aws_kms_key.k"). The value exists once applied (model::Value::refers_to).
  std::string reference;
  // Where it was written ("" for computed values with no single origin). Interned: every value records its
  // file, and values are copied often (references, function arguments); a path is one pointer to copy.
  model::InternedString file;
  hcl::Range range;

  // Declared here, defaulted below the class: `entries` holds std::pair<std::string, Value>, which clang with
  // libstdc++ cannot instantiate while Value is still incomplete (inside this class body). Inline, as values
  // are moved and copied several times per expression evaluated (out of line, a 1 MB trail-dense scan made
  // 126,000 calls only to move values).
  Value();
  ~Value();
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;

  static Value null_value() { return Value{}; }
  static Value of_bool(bool b);
  static Value of_number(double n);
  static Value of_string(std::string s);
  static Value list(std::vector<Value> items);
  static Value map(std::vector<std::pair<std::string, Value>> entries);  // sorts by key; last duplicate wins
  static Value unknown(std::string reason);

  bool is_null() const { return type == Type::Null; }
  bool is_unknown() const { return type == Type::Unknown; }
  // Known all the way down (no Unknown inside lists or maps).
  bool wholly_known() const;
  const Value* get(std::string_view key) const;  // Map entry or nullptr
  Value& at(const hcl::Range& where, model::InternedString file_name) &;  // sets the origin, returns *this

  // "string", "number", "bool", "list", "map", "null", "unknown" (for messages)
  const char* type_name() const;
};

inline Value::Value() = default;
inline Value::~Value() = default;
inline Value::Value(const Value&) = default;
inline Value::Value(Value&&) noexcept = default;
inline Value& Value::operator=(const Value&) = default;
inline Value& Value::operator=(Value&&) noexcept = default;

// Iteration as Terraform's `for` expressions, template `%{for}` directives and `dynamic` blocks do it, over a
// List or Map: how many elements, and element i's key (a list's index, a set's element itself, a map's key)
// and value.
std::size_t element_count(const Value& collection);
Value element_key(const Value& collection, std::size_t i);
const Value& element_value(const Value& collection, std::size_t i);

// Terraform's automatic conversions (https://developer.hashicorp.com/terraform/language/expressions/types):
// number and bool to string, "true"/"false" to bool, numeric strings to number. nullopt = not convertible.
// Unknown converts to Unknown.
std::optional<Value> to_string_value(const Value& v);
std::optional<Value> to_bool_value(const Value& v);
std::optional<Value> to_number_value(const Value& v);

// How Terraform prints a number in a string: integers without a fraction ("3"), others shortest ("1.5").
std::string format_number(double n);

// Structural equality (==): unknowns make the result unknown, so this returns nullopt for them.
std::optional<bool> equals(const Value& a, const Value& b);

// Whether `v` passes a value-size limit of limits.hpp: its strings' bytes (each string, and all of them
// together), or its elements counted all the way down (a list of 1,000 lists of 1,000 is 1,001,000). Empty
// when within them, else the message naming the limit. Counting stops once past a limit, so this costs at
// most the limit whatever the value.
std::string size_limit_passed(const Value& v);
// The parts of that measure for a value within the limits: its elements at every depth, its strings' bytes.
std::size_t element_size(const Value& v);
std::size_t string_bytes(const Value& v);

// For messages: "true", "\"All\"", "[\"a\", \"b\"]", "(known after apply)".
std::string display(const Value& v);

}  // namespace stance::terraform
