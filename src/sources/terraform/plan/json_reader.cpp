#include "sources/terraform/plan/json_reader.hpp"

namespace stance::sources::terraform::plan {

using model::Value;

bool is_json_string(const doc::Node* node) { return node && node->is_scalar() && node->quoted(); }

bool is_json_bool(const doc::Node* node) {
  return node && node->is_scalar() && !node->quoted() && (node->text == "true" || node->text == "false");
}

bool is_json_null(const doc::Node* node) {
  return !node || (node->is_scalar() && !node->quoted() && node->text == "null");
}

bool is_json_true(const doc::Node* node) {
  return node && node->is_scalar() && !node->quoted() && node->text == "true";
}

std::string json_type(const doc::Node* node) {
  if (is_json_null(node)) return "null";
  if (node->is_mapping()) return "an object";
  if (node->is_sequence()) return "a list";
  if (is_json_string(node)) return "a string";
  if (is_json_bool(node)) return node->text;
  return "a number";
}

doc::Mark Attribute::key_mark() const {
  if (pair && pair->key) return pair->key->mark;
  if (unknown && unknown->key) return unknown->key->mark;
  return {};
}

model::Location Reader::at(doc::Mark mark) const {
  return model::Location::in_file(file_, mark.line, mark.column);
}

model::Location Reader::where(const Attribute& a) const {
  const doc::Mark mark = a.key_mark();
  return mark.line > 0 ? at(mark) : resource_;
}

void Reader::error(const std::string& message, doc::Mark mark) {
  out_.errors.push_back({file_, address_ + ": " + message, at(mark)});
}

Attribute Reader::attribute(const Object& owner, std::string_view key) {
  Attribute a;
  a.name = std::string(key);
  if (owner.after && owner.after->is_mapping()) a.pair = owner.after->find_pair(key);
  if (owner.unknown && owner.unknown->is_mapping()) a.unknown = owner.unknown->find_pair(key);
  return a;
}

Value<bool> Reader::boolean(const Object& owner, std::string_view key, bool fallback) {
  const Attribute a = attribute(owner, key);
  if (a.is_unknown()) return unknown<bool>(a);
  if (a.is_absent()) return Value<bool>::defaulted(fallback, where(a));
  if (!is_json_bool(a.value())) {
    return invalid<bool>(a, "expected true or false, got " + json_type(a.value()), a.value()->mark);
  }
  return Value<bool>::set(a.value()->text == "true", where(a));
}

Value<std::string> Reader::string(const Object& owner, std::string_view key,
                                  std::optional<std::string> fallback) {
  const Attribute a = attribute(owner, key);
  if (a.is_unknown()) return unknown<std::string>(a);
  if (a.is_absent()) {
    Value<std::string> out;
    out.value = std::move(fallback);
    out.where = where(a);
    return out;
  }
  if (!is_json_string(a.value())) {
    return invalid<std::string>(a, "expected a string, got " + json_type(a.value()), a.value()->mark);
  }
  return Value<std::string>::set(a.value()->text, where(a));
}

Value<std::vector<std::string>> Reader::strings(const Object& owner, std::string_view key) {
  using List = Value<std::vector<std::string>>;
  const Attribute a = attribute(owner, key);
  if (a.is_unknown()) return unknown<std::vector<std::string>>(a);
  if (a.is_absent()) return List::defaulted({}, where(a));
  const doc::Node* list = a.value();
  if (!list->is_sequence()) {
    return invalid<std::vector<std::string>>(a, "expected a list of strings, got " + json_type(list),
                                             list->mark);
  }
  const doc::Node* unknown = a.unknown_value();
  std::vector<std::string> out;
  out.reserve(list->items.size());
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    if (unknown && unknown->is_sequence() && i < unknown->items.size() && is_json_true(unknown->items[i].get())) {
      return List::unresolvable(a.name + " has an element known only after apply", where(a));
    }
    const doc::Node* item = list->items[i].get();
    if (!is_json_string(item)) {
      return invalid<std::vector<std::string>>(a, "expected a list of strings, found " + json_type(item),
                                               item->mark);
    }
    out.push_back(item->text);
  }
  return List::set(std::move(out), where(a));
}

Value<std::vector<model::Tag>> Reader::tags(const Object& owner, std::string_view key) {
  using List = Value<std::vector<model::Tag>>;
  const Attribute a = attribute(owner, key);
  if (a.is_unknown()) return unknown<std::vector<model::Tag>>(a);
  if (a.is_absent()) return List::defaulted({}, where(a));
  if (!a.value()->is_mapping()) {
    return invalid<std::vector<model::Tag>>(a, "expected a map of strings, got " + json_type(a.value()),
                                            a.value()->mark);
  }
  const Object tags{a.value(), a.unknown_value(), a.value()->mark};
  std::vector<model::Tag> out;
  for (const auto& pair : a.value()->pairs) {
    if (!pair.key || !pair.key->is_scalar()) continue;
    out.push_back(model::Tag{pair.key->text, string(tags, pair.key->text)});
  }
  // A tag whose key is known but whose value is not appears only in after_unknown.
  if (tags.unknown && tags.unknown->is_mapping()) {
    for (const auto& pair : tags.unknown->pairs) {
      if (!pair.key || !is_json_true(pair.value.get()) || a.value()->find_pair(pair.key->text)) continue;
      out.push_back(model::Tag{pair.key->text, string(tags, pair.key->text)});
    }
  }
  return List::set(std::move(out), where(a));
}

ObjectList Reader::objects(const Object& owner, std::string_view key) {
  ObjectList out;
  const Attribute a = attribute(owner, key);
  out.mark = a.key_mark();
  if (a.is_unknown()) {
    out.provenance = model::Provenance::Unresolvable;
    out.why = a.name + " is known only after apply";
    return out;
  }
  if (a.is_absent()) return out;
  const doc::Node* list = a.value();
  if (!list->is_sequence()) {
    out.provenance = model::Provenance::Invalid;
    out.why = "expected a list of objects, got " + json_type(list);
    out.mark = list->mark;
    error(a.name + ": " + out.why, list->mark);
    return out;
  }
  const doc::Node* unknown = a.unknown_value();
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const doc::Node* item_unknown =
        unknown && unknown->is_sequence() && i < unknown->items.size() ? unknown->items[i].get() : nullptr;
    const doc::Node* item = list->items[i].get();
    if (is_json_true(item_unknown)) {
      out.provenance = model::Provenance::Unresolvable;
      out.why = a.name + " has an element known only after apply";
      out.mark = item->mark;
      out.items.clear();
      return out;
    }
    if (!item->is_mapping()) {
      out.provenance = model::Provenance::Invalid;
      out.why = "expected a list of objects, found " + json_type(item);
      out.mark = item->mark;
      out.items.clear();
      error(a.name + ": " + out.why, item->mark);
      return out;
    }
    out.items.push_back(Object{item, item_unknown && item_unknown->is_mapping() ? item_unknown : nullptr,
                               item->mark});
  }
  // An empty list is what the plan shows for "no blocks written": the same as absent.
  if (!out.items.empty()) out.provenance = model::Provenance::Explicit;
  return out;
}

}  // namespace stance::sources::terraform::plan
