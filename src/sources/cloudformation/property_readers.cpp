#include "sources/cloudformation/property_readers.hpp"

#include <algorithm>

#include "sources/cloudformation/intrinsics.hpp"

namespace stance::sources::cloudformation {

std::string describe(const Resolved& value) {
  switch (value.kind) {
    case Resolved::Kind::Scalar: {
      std::string text = value.text.size() > 60 ? value.text.substr(0, 57) + "..." : value.text;
      return "\"" + text + "\"";
    }
    case Resolved::Kind::List:
      return "a list";
    case Resolved::Kind::Map:
      return "a mapping";
    case Resolved::Kind::Null:
      return "null";
    case Resolved::Kind::NoValue:
      return "AWS::NoValue";
    case Resolved::Kind::Unknown:
      return "an unknown value";
  }
  return "a value";
}

const ResolvedEntry* PropertyReader::entry(const Resolved& owner, std::string_view key) {
  const ResolvedEntry* e = owner.find(key);
  if (!e || e->value.is(Resolved::Kind::Null) || e->value.is(Resolved::Kind::NoValue)) return nullptr;
  return e;
}

void PropertyReader::report(std::string_view key, const std::string& why, doc::Mark mark) {
  diag_.error(std::string(key) + ": " + why, mark);
}

model::Value<bool> PropertyReader::boolean(const Resolved& owner, std::string_view key, bool fallback) {
  if (owner.is_unknown()) return unknown_owner<bool>(owner);
  const ResolvedEntry* e = entry(owner, key);
  if (!e) return model::Value<bool>::defaulted(fallback, resource_);
  const Resolved& v = e->value;
  if (v.is_unknown()) return model::Value<bool>::unresolvable(v.text, at(e->key_mark));
  if (v.is_scalar()) {
    if (std::optional<bool> b = parse_bool(v.text))
      return model::Value<bool>::set(*b, at(e->key_mark), v.origin);
  }
  std::string why = "expected true or false, got " + describe(v);
  if (!v.origin.empty()) why += " (from " + v.origin + ")";
  return invalid<bool>(key, std::move(why), e->key_mark);
}

model::Value<std::string> PropertyReader::string(const Resolved& owner, std::string_view key,
                                                 std::optional<std::string> fallback) {
  if (owner.is_unknown()) return unknown_owner<std::string>(owner);
  const ResolvedEntry* e = entry(owner, key);
  if (!e) {
    if (fallback) return model::Value<std::string>::defaulted(std::move(*fallback), resource_);
    model::Value<std::string> not_set;
    not_set.where = resource_;
    return not_set;
  }
  const Resolved& v = e->value;
  if (v.is_unknown()) {
    auto unknown = model::Value<std::string>::unresolvable(v.text, at(e->key_mark));
    unknown.refers_to = v.reference;
    return unknown;
  }
  if (v.is_scalar()) return model::Value<std::string>::set(v.text, at(e->key_mark), v.origin);
  return invalid<std::string>(key, "expected a string, got " + describe(v), e->key_mark);
}

model::Value<std::vector<std::string>> PropertyReader::strings(const Resolved& owner, std::string_view key) {
  using Strings = model::Value<std::vector<std::string>>;
  if (owner.is_unknown()) return unknown_owner<std::vector<std::string>>(owner);
  const ResolvedEntry* e = entry(owner, key);
  if (!e) return Strings::defaulted({}, resource_);
  const Resolved& v = e->value;
  if (v.is_unknown()) return Strings::unresolvable(v.text, at(e->key_mark));
  if (!v.is(Resolved::Kind::List))
    return invalid<std::vector<std::string>>(key, "expected a list of strings, got " + describe(v),
                                             e->key_mark);
  std::vector<std::string> out;
  out.reserve(v.items.size());
  std::string origins = v.origin;
  for (const auto& item : v.items) {
    if (item.is_unknown()) return Strings::unresolvable(item.text, at(e->key_mark));
    if (!item.is_scalar()) {
      return invalid<std::vector<std::string>>(key, "expected a list of strings, found " + describe(item),
                                               item.mark);
    }
    out.push_back(item.text);
    if (origins.empty()) origins = item.origin;
  }
  return Strings::set(std::move(out), at(e->key_mark), std::move(origins));
}

model::Value<std::string> PropertyReader::one_of(const Resolved& owner, std::string_view key,
                                                 const std::vector<std::string_view>& allowed,
                                                 std::string_view fallback) {
  model::Value<std::string> v = string(owner, key, std::string(fallback));
  if (!v.is_explicit()) return v;
  if (std::find(allowed.begin(), allowed.end(), *v) != allowed.end()) return v;
  std::string expected;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    expected += (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") + std::string(allowed[i]);
  }
  std::string why = "expected " + expected + ", got \"" + *v + "\"";
  if (!v.note.empty()) why += " (from " + v.note + ")";
  const ResolvedEntry* e = entry(owner, key);
  return invalid<std::string>(key, std::move(why), e ? e->key_mark : doc::Mark{});
}

}  // namespace stance::sources::cloudformation
