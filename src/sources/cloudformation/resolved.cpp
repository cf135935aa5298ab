#include "sources/cloudformation/resolved.hpp"

namespace stance::sources::cloudformation {

Resolved Resolved::null(doc::Mark mark) {
  Resolved r;
  r.kind = Kind::Null;
  r.mark = mark;
  return r;
}

Resolved Resolved::scalar(std::string text, doc::Mark mark, std::string origin) {
  Resolved r;
  r.kind = Kind::Scalar;
  r.mark = mark;
  r.text = std::move(text);
  r.origin = std::move(origin);
  return r;
}

Resolved Resolved::unknown(std::string why, doc::Mark mark) {
  Resolved r;
  r.kind = Kind::Unknown;
  r.mark = mark;
  r.text = std::move(why);
  return r;
}

Resolved Resolved::no_value(doc::Mark mark) {
  Resolved r;
  r.kind = Kind::NoValue;
  r.mark = mark;
  return r;
}

const ResolvedEntry* Resolved::find(std::string_view key) const {
  if (kind != Kind::Map) return nullptr;
  for (const auto& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

bool same_value(const Resolved& a, const Resolved& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Resolved::Kind::Null:
    case Resolved::Kind::NoValue:
      return true;
    case Resolved::Kind::Scalar:
      return a.text == b.text;
    case Resolved::Kind::Unknown:
      return false;  // two unknowns may well differ
    case Resolved::Kind::List:
      if (a.items.size() != b.items.size()) return false;
      for (std::size_t i = 0; i < a.items.size(); ++i) {
        if (!same_value(a.items[i], b.items[i])) return false;
      }
      return true;
    case Resolved::Kind::Map:
      // Mappings are unordered: the same keys with the same values, in any order.
      if (a.entries.size() != b.entries.size()) return false;
      for (const auto& entry : a.entries) {
        const ResolvedEntry* other = b.find(entry.key);
        if (!other || !same_value(entry.value, other->value)) return false;
      }
      return true;
  }
  return false;
}

const Resolved* find_unknown(const Resolved& value) {
  if (value.is_unknown()) return &value;
  for (const auto& item : value.items) {
    if (const Resolved* u = find_unknown(item)) return u;
  }
  for (const auto& entry : value.entries) {
    if (const Resolved* u = find_unknown(entry.value)) return u;
  }
  return nullptr;
}

void relocate(Resolved& value, doc::Mark mark, const std::string& origin) {
  value.mark = mark;
  if (value.origin.empty()) value.origin = origin;
  for (auto& item : value.items) relocate(item, mark, origin);
  for (auto& entry : value.entries) {
    entry.key_mark = mark;
    relocate(entry.value, mark, origin);
  }
}

}  // namespace stance::sources::cloudformation
