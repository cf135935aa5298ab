// Reads evaluated resource properties into model values with provenance and position:
//   absent (or null)      -> Defaulted, at the resource
//   written               -> Explicit, at the property's key; `note` says which parameter/mapping it came
//   from known after deploying -> Unresolvable, at the key, with the reason not a legal value     -> Invalid,
//   at the key, and a ScanError there (CloudFormation would reject it)
// An owner that is itself unknown (a whole selector behind an unknown Fn::If) makes every read unresolvable.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/trail.hpp"
#include "sources/cloudformation/diagnostics.hpp"
#include "sources/cloudformation/resolved.hpp"

namespace stance::sources::cloudformation {

class PropertyReader {
 public:
  PropertyReader(Diagnostics& diag, model::Location resource) : diag_(diag), resource_(std::move(resource)) {}

  const model::Location& resource() const { return resource_; }
  model::Location at(doc::Mark mark) const { return diag_.at(mark); }

  // The entry for `key` in `owner`; nullptr when absent, null, or when `owner` is not a known mapping.
  static const ResolvedEntry* entry(const Resolved& owner, std::string_view key);

  // true/false in any letter case, quoted or not; anything else is Invalid.
  model::Value<bool> boolean(const Resolved& owner, std::string_view key, bool fallback);
  // Absent -> Defaulted without a value ("not set") unless `fallback` is given.
  model::Value<std::string> string(const Resolved& owner, std::string_view key,
                                   std::optional<std::string> fallback = std::nullopt);
  // Absent -> Defaulted to the empty list.
  model::Value<std::vector<std::string>> strings(const Resolved& owner, std::string_view key);
  // One of `allowed`, exactly; absent -> Defaulted to `fallback`.
  model::Value<std::string> one_of(const Resolved& owner, std::string_view key,
                                   const std::vector<std::string_view>& allowed, std::string_view fallback);

  // The Unresolvable/Invalid forms, for callers that build structured values.
  template <class T>
  model::Value<T> unknown_owner(const Resolved& owner) const {
    return model::Value<T>::unresolvable(owner.text, at(owner.mark));
  }
  template <class T>
  model::Value<T> invalid(std::string_view key, std::string why, doc::Mark mark) {
    report(key, why, mark);
    return model::Value<T>::invalid(std::move(why), at(mark));
  }

 private:
  void report(std::string_view key, const std::string& why, doc::Mark mark);

  Diagnostics& diag_;
  model::Location resource_;
};

// How a value is shown in messages: "yes", a list, a mapping.
std::string describe(const Resolved& value);

}  // namespace stance::sources::cloudformation
