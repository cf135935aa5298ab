// STUB — replaced by the CloudFormation work (libfyaml event stream -> doc::Node tree).
#include "common/document.hpp"
namespace stance::doc {
bool Node::is_null() const { return kind == Kind::Scalar && style == ScalarStyle::Plain && (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL"); }
const Pair* Node::find_pair(std::string_view key) const {
  if (kind != Kind::Mapping) return nullptr;
  for (const auto& p : pairs) if (p.key && p.key->is_scalar() && p.key->text == key) return &p;
  return nullptr;
}
const Node* Node::get(std::string_view key) const { const Pair* p = find_pair(key); return p ? p->value.get() : nullptr; }
ParseResult parse(std::string_view, Syntax) { return {std::nullopt, {"not implemented", {}}}; }
}  // namespace stance::doc
