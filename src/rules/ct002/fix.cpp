#include "rules/ct002/check.hpp"

namespace stance::rules::ct002 {

// Turning validation on changes nothing else: CloudTrail starts writing a digest file every hour.
FixIntent fix(const model::Trail&, const RuleSettings&) {
  return {.edits = {{"log_file_validation", true}}};
}

}  // namespace stance::rules::ct002
