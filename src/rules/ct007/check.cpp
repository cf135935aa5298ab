#include "rules/ct007/check.hpp"

#include <array>

#include "model/trail_fields.hpp"
#include "rules/common/conditions.hpp"

namespace stance::rules::ct007 {

CheckOutcome check(const model::Trail& trail, const RuleSettings&) {
  return all_hold(std::array{field_set(trail, model::string_trail_field("kms_key_id"))}, trail,
                  "log files are encrypted with a KMS key", "log files are not encrypted with a KMS key (SSE-KMS)");
}

}  // namespace stance::rules::ct007
