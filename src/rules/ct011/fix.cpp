#include "rules/ct011/check.hpp"

namespace stance::rules::ct011 {

// A delivery error is repaired where it comes from (the bucket policy, the key policy, the role), which
// stance does not edit.
FixIntent fix(const model::Trail&, const RuleSettings&) {
  return {.manual = "delivery is failing: repair what the error names (the bucket policy must let "
                    "cloudtrail.amazonaws.com write, the KMS key policy must let it encrypt, the bucket must exist); "
                    "see `stance kb show CT-011`"};
}

}  // namespace stance::rules::ct011
