#include "rules/ct014/check.hpp"

#include <array>

#include "model/trail_fields.hpp"
#include "rules/common/conditions.hpp"

namespace stance::rules::ct014 {

CheckOutcome check(const model::Trail& trail, const RuleSettings&) {
  return all_hold(std::array{field_is(trail, model::bool_trail_field("is_multi_region"), true)}, trail,
                  "the trail covers every region", "the trail covers only its home region");
}

}  // namespace stance::rules::ct014
