// The evaluated form of a template value: what the CloudFormation intrinsics produce once parameters,
// mappings and conditions are applied. Everything that cannot be known before deployment is Unknown with
// the reason, so the adapter can make it an Unresolvable model value instead of guessing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"

namespace stance::sources::cloudformation {

struct ResolvedEntry;

struct Resolved {
  enum class Kind : std::uint8_t {
    Null,    // an empty YAML value / JSON null
    Scalar,  // text as written ("true", "All", "42"); CloudFormation compares strings
    List,
    Map,
    Unknown,  // known only after deployment, or a value we could not evaluate; `text` says why
    NoValue,  // AWS::NoValue: the property or list item does not exist
  };

  Kind kind = Kind::Null;
  doc::Mark mark;      // where the value is written; an intrinsic's result is positioned at the intrinsic
  std::string text;    // Scalar: the value; Unknown: why it is unknown
  std::string origin;  // how an indirect value was obtained: "parameter Env", "mapping Config/prod/Mode"
  std::string reference;  // Unknown from Ref / Fn::GetAtt of a resource the template declares: its logical ID
  std::vector<Resolved> items;         // List
  std::vector<ResolvedEntry> entries;  // Map, in document order

  static Resolved null(doc::Mark mark);
  static Resolved scalar(std::string text, doc::Mark mark, std::string origin = {});
  static Resolved unknown(std::string why, doc::Mark mark);
  static Resolved no_value(doc::Mark mark);

  bool is(Kind k) const { return kind == k; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_unknown() const { return kind == Kind::Unknown; }
  const ResolvedEntry* find(std::string_view key) const;
};

struct ResolvedEntry {
  std::string key;
  doc::Mark key_mark;
  Resolved value;
};

// Deep equality of the values themselves (positions and origins are ignored).
bool same_value(const Resolved& a, const Resolved& b);

// The first Unknown inside `value` (itself included), or nullptr.
const Resolved* find_unknown(const Resolved& value);

// Moves every position in `value` to `mark` and records `origin` where none is set: a value that came
// from a parameter or a mapping is reported where the template uses it.
void relocate(Resolved& value, doc::Mark mark, const std::string& origin);

}  // namespace stance::sources::cloudformation
