#include "rules/ct010/check.hpp"

namespace stance::rules::ct010 {

// The selector planners (fix backends) find the smallest selector change; see rule.yaml "remediation".
FixIntent fix(const model::Trail&, const RuleSettings&) {
  return {.record_management_events = true};
}

}  // namespace stance::rules::ct010
