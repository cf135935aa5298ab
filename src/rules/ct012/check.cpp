#include "rules/ct012/check.hpp"

#include <array>

#include "model/trail_fields.hpp"
#include "rules/common/conditions.hpp"

namespace stance::rules::ct012 {

CheckOutcome check(const model::Trail& trail, const RuleSettings&) {
  return all_hold(std::array{field_is(trail, model::bool_trail_field("is_logging"), true)}, trail, "the trail is logging",
                  "the trail is not logging, so it records nothing");
}

}  // namespace stance::rules::ct012
