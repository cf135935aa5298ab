// Helpers of the bucket and key rules (CT-003, CT-004, CT-008, CT-013, CT-015): a property named as the
// resource's source writes it, and the verdict of one boolean setting with its provenance (an unresolvable
// value is unknown, an invalid one an error, never a guess).
#pragma once

#include <string>
#include <string_view>

#include "model/resource.hpp"
#include "model/value.hpp"
#include "rules/rule.hpp"

namespace stance::rules {

// How a reader of `source` knows a property: CloudFormation's, Terraform's, or the API's name.
struct SourceNames {
  std::string_view cloudformation;
  std::string_view terraform;
  std::string_view api;
};
std::string_view name_in(const SourceNames& names, model::SourceKind source);

// pass when `flag` is true, fail when false (said as "NAME is false", or "NAME is not set (default false)"),
// unknown / error when it is not known. `passes` / `fails` are the rule's phrases.
CheckOutcome require_flag(const model::Value<bool>& flag, std::string_view name, std::string_view passes,
                          std::string_view fails);

}  // namespace stance::rules
