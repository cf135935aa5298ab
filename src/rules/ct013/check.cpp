#include "rules/ct013/check.hpp"

#include <string>

#include "rules/common/related.hpp"

namespace stance::rules::ct013 {

namespace {

const SourceNames kObjectLock{"ObjectLockEnabled",
                              "object_lock_enabled (or aws_s3_bucket_object_lock_configuration)",
                              "ObjectLockEnabled"};

}  // namespace

CheckOutcome check(const model::Bucket& bucket, const RuleSettings&) {
  return require_flag(bucket.object_lock_enabled, name_in(kObjectLock, bucket.source), "Object Lock is enabled",
                      "Object Lock is not enabled");
}

const std::string_view kManualFix =
    "enabling Object Lock cannot be undone, and on an existing bucket it is its own decision (retention "
    "mode and period): see `stance kb show CT-013`";

}  // namespace stance::rules::ct013
