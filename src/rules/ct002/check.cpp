#include "rules/ct002/check.hpp"

#include <array>

#include "model/trail_fields.hpp"
#include "rules/common/conditions.hpp"

namespace stance::rules::ct002 {

CheckOutcome check(const model::Trail& trail, const RuleSettings&) {
  return all_hold(std::array{field_is(trail, model::bool_trail_field("log_file_validation"), true)}, trail,
                  "log file integrity validation is on", "log file integrity validation is off");
}

}  // namespace stance::rules::ct002
