#include "rules/ct012/check.hpp"

namespace stance::rules::ct012 {

// IsLogging in a template; StartLogging live.
FixIntent fix(const model::Trail&, const RuleSettings&) {
  return {.edits = {{"is_logging", true}}};
}

}  // namespace stance::rules::ct012
