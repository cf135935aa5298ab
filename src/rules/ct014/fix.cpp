#include "rules/ct014/check.hpp"

namespace stance::rules::ct014 {

// AWS rejects a multi-region trail without global service events (InvalidParameterCombinationException),
// so both are set together.
FixIntent fix(const model::Trail&, const RuleSettings&) {
  return {.edits = {{"is_multi_region", true}, {"include_global_service_events", true}}};
}

}  // namespace stance::rules::ct014
