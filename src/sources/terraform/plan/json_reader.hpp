// Reading one resource's attributes from a plan into model values, with provenance and position.
//
// In a plan, `change.after` holds what Terraform knows before apply and `change.after_unknown` mirrors
// its shape with `true` wherever a value is known only after apply ("(known after apply)" in the plan's
// text). The rules:
//   after_unknown says true      -> Unresolvable, at the attribute ("known after apply")
//   absent or null               -> Defaulted to the provider's default, at the key when written, else at
//                                   the resource
//   a value of the right type    -> Explicit, at the key
//   a value of the wrong type    -> Invalid, at the value, and a ScanError there
// In the document tree a JSON string is a quoted scalar and true/false/null/numbers are plain ones, so
// the JSON type of every node is known exactly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"
#include "model/trail.hpp"
#include "sources/source.hpp"

namespace stance::sources::terraform::plan {

bool is_json_string(const doc::Node* node);
bool is_json_bool(const doc::Node* node);
bool is_json_null(const doc::Node* node);  // nullptr counts as null
bool is_json_true(const doc::Node* node);
std::string json_type(const doc::Node* node);  // "a string", "a list", ... for messages

// An object of `after` with the matching part of `after_unknown` (nullptr when nothing in it is unknown).
struct Object {
  const doc::Node* after = nullptr;
  const doc::Node* unknown = nullptr;
  doc::Mark mark;
};

// One attribute of an Object, as written in after and in after_unknown.
struct Attribute {
  std::string name;
  const doc::Pair* pair = nullptr;     // in after; nullptr when absent
  const doc::Pair* unknown = nullptr;  // in after_unknown; nullptr when absent
  const doc::Node* value() const { return pair ? pair->value.get() : nullptr; }
  const doc::Node* unknown_value() const { return unknown ? unknown->value.get() : nullptr; }
  bool is_unknown() const { return is_json_true(unknown_value()); }
  bool is_absent() const { return !is_unknown() && is_json_null(value()); }
  doc::Mark key_mark() const;  // after's key, else after_unknown's key, else {}
};

// A list of objects (event_selector, data_resource, advanced_event_selector, field_selector).
struct ObjectList {
  model::Provenance provenance = model::Provenance::Defaulted;  // Defaulted = absent, null or empty
  std::vector<Object> items;
  std::string why;  // Unresolvable / Invalid
  doc::Mark mark;   // where the why applies
};

class Reader {
 public:
  Reader(std::string file, std::string address, model::Location resource, SourceResult& out)
      : file_(std::move(file)), address_(std::move(address)), resource_(std::move(resource)), out_(out) {}

  const model::Location& resource() const { return resource_; }
  model::Location at(doc::Mark mark) const;
  // The attribute's key when written, else the resource.
  model::Location where(const Attribute& a) const;

  static Attribute attribute(const Object& owner, std::string_view key);

  model::Value<bool> boolean(const Object& owner, std::string_view key, bool fallback);
  // Absent -> Defaulted without a value ("not set") unless `fallback` is given.
  model::Value<std::string> string(const Object& owner, std::string_view key,
                                   std::optional<std::string> fallback = std::nullopt);
  // A list or set of strings; absent -> Defaulted to the empty list.
  model::Value<std::vector<std::string>> strings(const Object& owner, std::string_view key);
  // A map of strings (tags).
  model::Value<std::vector<model::Tag>> tags(const Object& owner, std::string_view key);
  ObjectList objects(const Object& owner, std::string_view key);

  template <class T>
  model::Value<T> unknown(const Attribute& a) const {
    return model::Value<T>::unresolvable(a.name + " is known only after apply", where(a));
  }
  template <class T>
  model::Value<T> invalid(const Attribute& a, const std::string& why, doc::Mark mark) {
    error(a.name + ": " + why, mark);
    return model::Value<T>::invalid(why, at(mark));
  }
  void error(const std::string& message, doc::Mark mark);

 private:
  std::string file_;
  std::string address_;
  model::Location resource_;
  SourceResult& out_;
};

}  // namespace stance::sources::terraform::plan
