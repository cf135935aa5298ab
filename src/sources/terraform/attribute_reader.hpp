// Reads evaluated attributes of a Terraform resource into model values with provenance and position, with the
// AWS provider's rules: null is "not set", unknown values are Unresolvable (with the resource they refer to),
// values Terraform would reject are Invalid and reported as errors. Used by every Terraform adapter (trails,
// buckets, keys).
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/value.hpp"
#include "sources/terraform/eval/block.hpp"
#include "sources/terraform/eval/diagnostics.hpp"

namespace stance::terraform {

template <class T>
using MValue = model::Value<T>;

inline model::Location location(const std::string& file, hcl::Pos pos) {
  return model::Location::in_file(file, static_cast<int>(pos.line), static_cast<int>(pos.column));
}

class AttributeReader {
 public:
  AttributeReader(Diagnostics& diag, model::Location resource) : diag_(diag), resource_(std::move(resource)) {}

  const model::Location& resource() const { return resource_; }

  // The attribute when it is set (null counts as not set, as in Terraform).
  static const EvalAttribute* set(const EvalBlock& owner, const std::string& name) {
    const EvalAttribute* a = owner.attribute(name);
    return a && !a->value.is_null() ? a : nullptr;
  }

  template <class T>
  MValue<T> not_known(const EvalAttribute& a) {
    const model::Location where = location(a.file, a.name_range.start);
    if (a.value.invalid) return MValue<T>::invalid(a.value.unknown_reason, where);
    MValue<T> unknown = MValue<T>::unresolvable(a.value.unknown_reason, where);
    unknown.refers_to = a.value.reference;
    return unknown;
  }

  template <class T>
  MValue<T> wrong_type(const EvalAttribute& a, const std::string& name,
                       const std::string& required) {
    const std::string why = "Incorrect attribute value type; Inappropriate value for attribute \"" + name + "\": " +
                            required + " required, got " + type_phrase(a.value) + ".";
    diag_.error(why, a.file, a.value.file.empty() || a.value.file != a.file ? a.name_range.start
                                                                                      : a.value.range.start);
    return MValue<T>::invalid(why, location(a.file, a.name_range.start));
  }

  // Where a value came from, when that is not the attribute itself (a variable's default, a tfvars file).
  static std::string origin(const EvalAttribute& a) {
    const Value& v = a.value;
    if (v.file.empty() || (v.file == a.file && v.range.start.line == a.name_range.start.line)) return {};
    return "from " + v.file + ":" + std::to_string(v.range.start.line) + ":" + std::to_string(v.range.start.column);
  }

  MValue<bool> boolean(const EvalBlock& owner, const std::string& name, bool fallback) {
    const EvalAttribute* a = set(owner, name);
    if (!a) return MValue<bool>::defaulted(fallback, resource_);
    if (a->value.is_unknown()) return not_known<bool>(*a);
    std::optional<Value> b = to_bool_value(a->value);
    if (!b) return wrong_type<bool>(*a, name, "bool");
    return MValue<bool>::set(b->boolean, location(a->file, a->name_range.start), origin(*a));
  }

  MValue<std::string> string(const EvalBlock& owner, const std::string& name,
                             std::optional<std::string> fallback = std::nullopt) {
    const EvalAttribute* a = set(owner, name);
    if (!a) {
      if (fallback) return MValue<std::string>::defaulted(*fallback, resource_);
      MValue<std::string> not_set;
      not_set.where = resource_;
      return not_set;
    }
    if (a->value.is_unknown()) return not_known<std::string>(*a);
    std::optional<Value> s = to_string_value(a->value);
    if (!s) return wrong_type<std::string>(*a, name, "string");
    return MValue<std::string>::set(s->string, location(a->file, a->name_range.start), origin(*a));
  }

  MValue<std::vector<std::string>> strings(const EvalBlock& owner, const std::string& name) {
    using Strings = MValue<std::vector<std::string>>;
    const EvalAttribute* a = set(owner, name);
    if (!a) return Strings::defaulted({}, resource_);
    if (a->value.is_unknown()) return not_known<std::vector<std::string>>(*a);
    if (a->value.type != Type::List) return wrong_type<std::vector<std::string>>(*a, name, "set of string");
    std::vector<std::string> out;
    for (const auto& item : a->value.items) {
      if (item.is_unknown()) {
        const model::Location where = location(a->file, a->name_range.start);
        return item.invalid ? Strings::invalid(item.unknown_reason, where)
                            : Strings::unresolvable(item.unknown_reason, where);
      }
      std::optional<Value> s = item.is_null() ? std::nullopt : to_string_value(item);
      if (!s) return wrong_type<std::vector<std::string>>(*a, name, "set of string");
      out.push_back(s->string);
    }
    return Strings::set(std::move(out), location(a->file, a->name_range.start), origin(*a));
  }

  MValue<std::string> one_of(const EvalBlock& owner, const std::string& name,
                             const std::vector<std::string>& allowed, const std::string& fallback) {
    MValue<std::string> v = string(owner, name, fallback);
    if (!v.is_explicit() || std::find(allowed.begin(), allowed.end(), *v) != allowed.end()) return v;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "\"" : " \"") + a + "\"";
    const std::string why = "expected " + name + " to be one of [" + list + "], got another string";
    const EvalAttribute* a = set(owner, name);
    diag_.error(why, a->file, a->name_range.start);
    return MValue<std::string>::invalid(why, v.where);
  }

  // A value is named by its type, never shown: it may come from a file or an environment variable.
  static std::string type_phrase(const Value& v) {
    const std::string type = v.type_name();
    return type == "null" ? type : "a " + type;
  }

  Diagnostics& diag() { return diag_; }

 private:
  Diagnostics& diag_;
  model::Location resource_;
};

}  // namespace stance::terraform
