#include "rules/ct005/check.hpp"

namespace stance::rules::ct005 {

FixIntent fix(const model::Trail&, const RuleSettings&) {
  return {.edits = {{"include_global_service_events", true}}};
}

}  // namespace stance::rules::ct005
