#include "rules/ct005/check.hpp"

#include <array>

#include "model/trail_fields.hpp"
#include "rules/common/conditions.hpp"

namespace stance::rules::ct005 {

CheckOutcome check(const model::Trail& trail, const RuleSettings&) {
  return all_hold(std::array{field_is(trail, model::bool_trail_field("include_global_service_events"), true)}, trail,
                  "global service events are included", "global service events (IAM, STS, CloudFront) are not included");
}

}  // namespace stance::rules::ct005
